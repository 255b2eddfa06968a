import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  compareRows,
  currentReviews,
  forReviewer,
  isScore,
  type Review,
  rankRows,
  reviewRefusal,
  reviewsTrack,
  summarise,
  type TableRow,
  tableRows,
} from './programme.reviews.rules.ts'

const at = (minute: number) => new Date(Date.UTC(2027, 1, 1, 10, minute))
const review = (proposalId: string, reviewerId: string, score: number, minute: number): Review => ({
  proposalId,
  reviewerId,
  score,
  comment: `${reviewerId} on ${proposalId}: ${score}`,
  at: at(minute),
})

describe('score summaries', () => {
  it('has nothing to say without scores', () => {
    assert.deepEqual(summarise([]), { count: 0, median: null, mean: null })
  })

  it('takes the middle score of an odd count and the mean of the two middle ones of an even count', () => {
    assert.deepEqual(summarise([4]), { count: 1, median: 4, mean: 4 })
    assert.deepEqual(summarise([5, 1, 3]), { count: 3, median: 3, mean: 3 })
    assert.deepEqual(summarise([1, 4]), { count: 2, median: 2.5, mean: 2.5 })
    assert.deepEqual(summarise([5, 1, 2, 4]), { count: 4, median: 3, mean: 3 })
    assert.deepEqual(summarise([5, 5, 1, 2]), { count: 4, median: 3.5, mean: 3.25 })
    // Unsorted input, sorted numerically (not as strings).
    assert.equal(summarise([2, 1, 5, 3, 4, 1]).median, 2.5)
  })

  it('accepts whole scores from 1 to 5 only', () => {
    for (const s of [1, 2, 3, 4, 5]) assert.ok(isScore(s))
    for (const s of [0, 6, 2.5, -1, Number.NaN]) assert.equal(isScore(s), false)
  })
})

describe('who reviews', () => {
  const assignments = [
    { personId: 'all', trackId: null },
    { personId: 'cloud', trackId: 'cloud-native' },
  ]
  const proposal = { trackId: 'cloud-native', speakers: ['ana', 'bo'] }

  it('lets event-wide reviewers review every track and track reviewers only theirs', () => {
    assert.ok(reviewsTrack(assignments, 'all', 'security'))
    assert.ok(reviewsTrack(assignments, 'all', null))
    assert.ok(reviewsTrack(assignments, 'cloud', 'cloud-native'))
    assert.equal(reviewsTrack(assignments, 'cloud', 'security'), false)
    assert.equal(reviewsTrack(assignments, 'cloud', null), false)
    assert.equal(reviewsTrack(assignments, 'ana', 'cloud-native'), false)
  })

  it('refuses a non-reviewer, a speaker or co-speaker of the proposal, and a bad score', () => {
    const ask = (
      reviewerId: string,
      score = 4,
      p: { trackId: string | null; speakers: string[] } = proposal,
    ) => reviewRefusal({ reviewerId, proposal: p, assignments, score })
    assert.equal(ask('all'), null)
    assert.equal(ask('cloud'), null)
    assert.equal(ask('cloud', 4, { trackId: 'security', speakers: ['ana'] }), 'not_reviewer')
    assert.equal(ask('stranger'), 'not_reviewer')
    assert.equal(ask('all', 4, { trackId: null, speakers: ['ana', 'all'] }), 'own_proposal')
    assert.equal(ask('cloud', 4, { trackId: 'cloud-native', speakers: ['cloud'] }), 'own_proposal')
    assert.equal(ask('all', 0), 'bad_score')
    assert.equal(ask('all', 3.5), 'bad_score')
  })
})

describe('reviews in force', () => {
  it('replaces a reviewer\u2019s earlier review with the later one and keeps the earlier as history', () => {
    const reviews = [
      review('p1', 'r1', 2, 0),
      review('p1', 'r2', 4, 1),
      review('p2', 'r1', 5, 2),
      review('p1', 'r1', 3, 3),
      review('p1', 'r1', 4, 4),
    ]
    const current = currentReviews(reviews)
    assert.deepEqual(
      current.map((r) => [r.proposalId, r.reviewerId, r.score, r.replaced.map((x) => x.score)]),
      [
        ['p1', 'r1', 4, [2, 3]],
        ['p1', 'r2', 4, []],
        ['p2', 'r1', 5, []],
      ],
    )
    assert.deepEqual(current[0]!.replaced[0], reviews[0])
    assert.equal('replaced' in current[0]!.replaced[1]!, false)
  })

  it('summarises each proposal over the reviews in force, listing unreviewed ones too', () => {
    const rows = tableRows(
      [
        { id: 'p1', submittedAt: at(0) },
        { id: 'p2', submittedAt: at(1) },
      ],
      [review('p1', 'r1', 1, 0), review('p1', 'r2', 4, 1), review('p1', 'r1', 5, 2)],
    )
    assert.deepEqual(rows, [
      { proposalId: 'p1', submittedAt: at(0), count: 2, median: 4.5, mean: 4.5 },
      { proposalId: 'p2', submittedAt: at(1), count: 0, median: null, mean: null },
    ])
  })
})

describe('the organisers\u2019 table order', () => {
  const row = (proposalId: string, scores: number[], minute: number): TableRow => ({
    proposalId,
    submittedAt: at(minute),
    ...summarise(scores),
  })

  it('orders by median, then mean, then count, then submission time, unscored last', () => {
    const rows = [
      row('unscored', [], 0),
      row('low', [1, 2, 2], 0),
      row('median4-mean3.67', [2, 4, 5], 0),
      row('median4-mean4.33', [4, 4, 5], 0),
      row('median4-mean4-two', [4, 4], 0),
      row('median4-mean4-three-late', [3, 4, 5], 5),
      row('median4-mean4-three-early', [5, 4, 3], 1),
      row('top', [5], 9),
    ]
    assert.deepEqual(
      rankRows(rows).map((r) => r.proposalId),
      [
        'top',
        'median4-mean4.33',
        'median4-mean4-three-early',
        'median4-mean4-three-late',
        'median4-mean4-two',
        'median4-mean3.67',
        'low',
        'unscored',
      ],
    )
  })

  it('settles a complete tie by proposal id, and does not depend on the input order', () => {
    const a = row('a', [3, 4], 0)
    const b = row('b', [4, 3], 0)
    assert.ok(compareRows(a, b) < 0)
    assert.ok(compareRows(b, a) > 0)
    assert.equal(compareRows(a, a), 0)
    assert.deepEqual(rankRows([b, a]), rankRows([a, b]))
  })
})

describe('anonymous review', () => {
  const proposal = {
    id: 'p1',
    title: { zh: '服务网格', en: 'Service meshes' },
    notesForReviewers: 'Live demo needs a projector',
    speakers: [{ personId: 'ana', name: 'Ana' }],
  }

  it('hides the speakers from reviewers and keeps the rest', () => {
    const seen = forReviewer(proposal, { anonymous: true })
    assert.deepEqual(seen, {
      id: 'p1',
      title: proposal.title,
      notesForReviewers: proposal.notesForReviewers,
      speakers: null,
    })
    assert.equal(JSON.stringify(seen).includes('Ana'), false)
    assert.equal(JSON.stringify(seen).includes('ana'), false)
    // The proposal itself is left as it was.
    assert.equal(proposal.speakers.length, 1)
  })

  it('shows everything when reviews are not anonymous', () => {
    assert.deepEqual(forReviewer(proposal, { anonymous: false }), proposal)
  })
})
