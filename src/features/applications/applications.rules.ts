// Pure rules of the applications engine: the states an application moves through, who may move
// it, and when the reviewers' votes decide it. Application types (chapters, podcast guests,
// speakers, …) declare their quorum; the engine applies it the same way for all of them.

export const applicationStates = [
  'draft',
  'submitted',
  'info_requested',
  'approved',
  'rejected',
  'withdrawn',
] as const
export type ApplicationState = (typeof applicationStates)[number]

export const finalStates: readonly ApplicationState[] = ['approved', 'rejected', 'withdrawn']

/**
 * The states an applicant can still act on. One application per applicant, type and subject may be
 * in them at a time (the database's `applications_one_open_key` holds it): a draft counts, because
 * it is continued rather than started again, and a decided or withdrawn one does not, so a person
 * may apply again after a rejection.
 */
export const openStates: readonly ApplicationState[] = ['draft', 'submitted', 'info_requested']

/**
 * How many applications one account may start in an hour, across types: more than anyone fills
 * in by hand, few enough that a script cannot bury the reviewers in e-mail.
 */
export const applicationsPerHour = { limit: 10, windowSeconds: 3600 }

/** What a person does to an application; votes are separate (see `decide`). */
export type ApplicationMove = 'submit' | 'request_info' | 'answer' | 'withdraw'

/** Who makes a move: the applicant, or one of the reviewers the type names. */
export type MoveBy = 'applicant' | 'reviewer'

const moves: Record<
  ApplicationMove,
  { by: MoveBy; from: readonly ApplicationState[]; to: ApplicationState }
> = {
  submit: { by: 'applicant', from: ['draft'], to: 'submitted' },
  request_info: { by: 'reviewer', from: ['submitted'], to: 'info_requested' },
  answer: { by: 'applicant', from: ['info_requested'], to: 'submitted' },
  withdraw: { by: 'applicant', from: ['draft', 'submitted', 'info_requested'], to: 'withdrawn' },
}

export type MoveRefusal = 'notYours' | 'notAllowedNow'

/** The state a move leads to, or why it may not be made now by this person. */
export function applyMove(
  state: ApplicationState,
  move: ApplicationMove,
  by: MoveBy,
): { ok: true; to: ApplicationState } | { ok: false; reason: MoveRefusal } {
  const rule = moves[move]
  if (rule.by !== by) return { ok: false, reason: 'notYours' }
  if (!rule.from.includes(state)) return { ok: false, reason: 'notAllowedNow' }
  return { ok: true, to: rule.to }
}

/** The fields whose answers differ between two versions, in the form's order. */
export function changedFields(
  fieldIds: readonly string[],
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): string[] {
  const norm = (v: unknown) => JSON.stringify(v ?? null)
  return fieldIds.filter((id) => norm(before[id]) !== norm(after[id]))
}

/** Reviewers vote while the application waits for them or for the applicant's answer. */
export const votingOpen = (state: ApplicationState) => state === 'submitted' || state === 'info_requested'

// --- Decision rule --------------------------------------------------------------------------

/** A group of reviewers, such as "SIG leads" or "the chapter's leader and vice-leader". */
export type ReviewerGroup = string

/**
 * When votes decide an application: approved once every `approve` clause has enough distinct
 * approvers (one person fills one clause only), rejected as soon as any `reject` clause has
 * enough rejecting voters. "At least one SIG lead and two SIG members approve; one SIG lead's
 * rejection rejects" is `{ approve: [{ group: 'sig_lead', atLeast: 1 }, { group: 'sig_member',
 * atLeast: 2 }], reject: [{ group: 'sig_lead', atLeast: 1 }] }`.
 */
export type Quorum = {
  approve: { group: ReviewerGroup; atLeast: number }[]
  reject: { group: ReviewerGroup; atLeast: number }[]
}

/** A reviewer's latest vote, with the groups they belonged to when they cast it. */
export type Vote = { voterId: string; vote: 'approve' | 'reject'; groups: ReviewerGroup[] }

export type Decision =
  | { outcome: 'approved' }
  | { outcome: 'rejected'; by: { group: ReviewerGroup; atLeast: number } }
  /** Still open: how many more approvals each clause needs (0 for a clause already met). */
  | { outcome: 'pending'; missing: { group: ReviewerGroup; needed: number }[] }

/** Only each reviewer's latest vote counts (people change their minds). */
export function latestVotes<T extends { voterId: string; at: Date }>(votes: T[]): T[] {
  const latest = new Map<string, T>()
  for (const v of votes) {
    const seen = latest.get(v.voterId)
    if (!seen || seen.at.getTime() <= v.at.getTime()) latest.set(v.voterId, v)
  }
  return [...latest.values()]
}

/**
 * Assigns approvers to approve clauses so that as many seats as possible are filled, each person
 * once (a SIG lead who is also a SIG member fills one seat, wherever it helps most). Returns the
 * seats still empty per clause. Augmenting paths: the clauses and reviewers are few.
 */
function emptySeats(quorum: Quorum, approvers: Vote[]): number[] {
  const seats = quorum.approve.flatMap((c, clause) => Array.from({ length: c.atLeast }, () => clause))
  const holder: (number | undefined)[] = seats.map(() => undefined)
  const fits = (voter: number, seat: number) =>
    approvers[voter]!.groups.includes(quorum.approve[seats[seat]!]!.group)
  const seat = (voter: number, visited: Set<number>): boolean => {
    for (let s = 0; s < seats.length; s++) {
      if (!fits(voter, s) || visited.has(s)) continue
      visited.add(s)
      if (holder[s] === undefined || seat(holder[s]!, visited)) {
        holder[s] = voter
        return true
      }
    }
    return false
  }
  approvers.forEach((_, voter) => {
    seat(voter, new Set())
  })
  return quorum.approve.map(
    (_, clause) => seats.filter((c, s) => c === clause && holder[s] === undefined).length,
  )
}

/** What the votes cast so far decide. Rejection is checked first: one veto ends it. */
export function decide(quorum: Quorum, votes: Vote[]): Decision {
  for (const clause of quorum.reject) {
    const against = votes.filter((v) => v.vote === 'reject' && v.groups.includes(clause.group)).length
    if (against >= clause.atLeast) return { outcome: 'rejected', by: clause }
  }
  const empty = emptySeats(
    quorum,
    votes.filter((v) => v.vote === 'approve'),
  )
  if (empty.every((n) => n === 0)) return { outcome: 'approved' }
  return {
    outcome: 'pending',
    missing: quorum.approve.map((c, i) => ({ group: c.group, needed: empty[i]! })),
  }
}

// --- Eligibility ----------------------------------------------------------------------------

/**
 * One condition an applicant must meet, checked when they submit. `reason` is a message key the
 * pages translate; `detail` carries what the explanation shows (e.g. the last contribution).
 * A met condition names itself (`check`, a message key too) so reviewers see what was checked,
 * not only what failed.
 */
export type Eligibility =
  | { ok: true; check?: string }
  | { ok: false; reason: string; detail?: Record<string, string> }

/** The failed conditions, each with its explanation; an empty list means eligible. */
export const failedConditions = (checks: Eligibility[]) =>
  checks.filter((c): c is Extract<Eligibility, { ok: false }> => !c.ok)

/** An application waits too long when it has been submitted for `afterDays` without a decision. */
export function needsReminder(
  application: { state: ApplicationState; submittedAt: Date | null; remindedAt: Date | null },
  options: { afterDays: number; now: Date },
): boolean {
  if (!votingOpen(application.state) || !application.submittedAt) return false
  const due = application.submittedAt.getTime() + options.afterDays * 86_400_000
  if (options.now.getTime() < due) return false
  // Once per period of waiting, not every time the job runs.
  return (
    !application.remindedAt ||
    options.now.getTime() - application.remindedAt.getTime() >= options.afterDays * 86_400_000
  )
}

/**
 * The deciders whose vote can count: each keeps only the groups the quorum names (a group no
 * clause names decides nothing), a person left with none is dropped, and the applicant never
 * decides their own application. Notification, the vote's authorisation and the review queue all
 * read this one list, so whoever is asked can vote and whoever can vote is asked.
 */
export function countingDeciders<D extends { personId: string; groups: ReviewerGroup[] }>(
  quorum: Quorum,
  applicantId: string,
  deciders: D[],
): D[] {
  const named = new Set([...quorum.approve, ...quorum.reject].map((c) => c.group))
  const byPerson = new Map<string, D>()
  for (const d of deciders) {
    if (d.personId === applicantId) continue
    const groups = d.groups.filter((g) => named.has(g))
    if (!groups.length) continue
    const seen = byPerson.get(d.personId)
    byPerson.set(d.personId, {
      ...d,
      groups: [...new Set([...(seen?.groups ?? []), ...groups])],
    })
  }
  return [...byPerson.values()]
}
