// Reviews of proposals: who may review what, a reviewer's latest review replacing their earlier
// ones (which stay as history), the scores' summary the organisers' table shows and its order, and
// what a reviewer sees of a proposal when reviews are anonymous.

export const minScore = 1
export const maxScore = 5

export type Review = {
  proposalId: string
  reviewerId: string
  score: number
  comment: string
  at: Date
}

/** A reviewer's review in force, with the ones it replaced (oldest first). */
export type CurrentReview = Review & { replaced: Review[] }

/** A reviewer of the whole event (`trackId` null) or of one track. */
export type ReviewerAssignment = { personId: string; trackId: string | null }

export type ReviewRefusal =
  /** Not a reviewer of this event, or not of this proposal's track. */
  | 'not_reviewer'
  /** A speaker of the proposal (proposer or co-speaker) never reviews it. */
  | 'own_proposal'
  /** Scores are whole numbers from 1 to 5. */
  | 'bad_score'

export const isScore = (score: number) => Number.isInteger(score) && score >= minScore && score <= maxScore

/** Whether `personId` reviews proposals of `trackId`: an event-wide reviewer reviews every track. */
export const reviewsTrack = (
  assignments: readonly ReviewerAssignment[],
  personId: string,
  trackId: string | null,
) => assignments.some((a) => a.personId === personId && (a.trackId === null || a.trackId === trackId))

export function reviewRefusal(input: {
  reviewerId: string
  proposal: { trackId: string | null; speakers: readonly string[] }
  assignments: readonly ReviewerAssignment[]
  score: number
}): ReviewRefusal | null {
  if (!reviewsTrack(input.assignments, input.reviewerId, input.proposal.trackId)) return 'not_reviewer'
  if (input.proposal.speakers.includes(input.reviewerId)) return 'own_proposal'
  if (!isScore(input.score)) return 'bad_score'
  return null
}

/**
 * The review in force per (proposal, reviewer) from all reviews in the order they were made: a
 * second review by the same reviewer replaces the first, which is kept in `replaced`. The result
 * keeps the order in which each reviewer first reviewed.
 */
export function currentReviews(reviews: readonly Review[]): CurrentReview[] {
  const byKey = new Map<string, CurrentReview>()
  for (const review of reviews) {
    const key = `${review.proposalId}\u0000${review.reviewerId}`
    const earlier = byKey.get(key)
    // `set` on an existing key keeps its place in the Map's order.
    byKey.set(
      key,
      earlier
        ? { ...review, replaced: [...earlier.replaced, stripped(earlier)] }
        : { ...review, replaced: [] },
    )
  }
  return [...byKey.values()]
}

const stripped = ({ replaced: _replaced, ...review }: CurrentReview): Review => review

export type ScoreSummary = { count: number; median: number | null; mean: number | null }

/** Count, median (the mean of the two middle scores for an even count) and mean; null without scores. */
export function summarise(scores: readonly number[]): ScoreSummary {
  const count = scores.length
  if (count === 0) return { count, median: null, mean: null }
  const sorted = [...scores].sort((a, b) => a - b)
  const middle = Math.floor(count / 2)
  const median = count % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
  const mean = sorted.reduce((sum, s) => sum + s, 0) / count
  return { count, median, mean }
}

export type TableRow = ScoreSummary & { proposalId: string; submittedAt: Date }

/** Per proposal, its summary over the reviews in force (every proposal listed, reviewed or not). */
export function tableRows(
  proposals: readonly { id: string; submittedAt: Date }[],
  reviews: readonly Review[],
): TableRow[] {
  const scores = new Map<string, number[]>()
  for (const r of currentReviews(reviews)) {
    const list = scores.get(r.proposalId)
    if (list) list.push(r.score)
    else scores.set(r.proposalId, [r.score])
  }
  return proposals.map((p) => ({
    proposalId: p.id,
    submittedAt: p.submittedAt,
    ...summarise(scores.get(p.id) ?? []),
  }))
}

// Higher first; a proposal nobody scored comes after every scored one.
const higherFirst = (a: number | null, b: number | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a

/**
 * The organisers' table order: best median first, then best mean, then more reviews, then the
 * earlier submission; the proposal id settles what is left so the order never flickers.
 */
export const compareRows = (a: TableRow, b: TableRow) =>
  higherFirst(a.median, b.median) ||
  higherFirst(a.mean, b.mean) ||
  b.count - a.count ||
  a.submittedAt.getTime() - b.submittedAt.getTime() ||
  (a.proposalId < b.proposalId ? -1 : a.proposalId > b.proposalId ? 1 : 0)

export const rankRows = (rows: readonly TableRow[]) => [...rows].sort(compareRows)

/**
 * What a reviewer reads of a proposal: with anonymous reviews its speakers are left out (null, so
 * a page cannot mistake it for "no speakers"); everything else, the notes for reviewers included,
 * is kept.
 */
export type ReviewerProposal<P extends { speakers: unknown }> = Omit<P, 'speakers'> & {
  speakers: P['speakers'] | null
}

export function forReviewer<P extends { speakers: unknown }>(
  proposal: P,
  options: { anonymous: boolean },
): ReviewerProposal<P> {
  if (!options.anonymous) return proposal
  const { speakers: _hidden, ...rest } = proposal
  return { ...rest, speakers: null }
}
