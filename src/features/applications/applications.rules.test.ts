import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  applyMove,
  countingDeciders,
  decide,
  failedConditions,
  latestVotes,
  needsReminder,
  type Quorum,
  type Vote,
} from './applications.rules.ts'

// "At least one SIG lead and at least two SIG members approve; a SIG lead's rejection rejects."
const newChapter: Quorum = {
  approve: [
    { group: 'sig_lead', atLeast: 1 },
    { group: 'sig_member', atLeast: 2 },
  ],
  reject: [{ group: 'sig_lead', atLeast: 1 }],
}
const vote = (voterId: string, v: Vote['vote'], ...groups: string[]): Vote => ({ voterId, vote: v, groups })

describe('application moves', () => {
  it('lets the applicant submit, answer and withdraw, and reviewers ask for more', () => {
    assert.deepEqual(applyMove('draft', 'submit', 'applicant'), { ok: true, to: 'submitted' })
    assert.deepEqual(applyMove('submitted', 'request_info', 'reviewer'), { ok: true, to: 'info_requested' })
    assert.deepEqual(applyMove('info_requested', 'answer', 'applicant'), { ok: true, to: 'submitted' })
    assert.deepEqual(applyMove('info_requested', 'withdraw', 'applicant'), { ok: true, to: 'withdrawn' })
  })

  it('refuses moves by the wrong person or from a state that does not allow them', () => {
    assert.deepEqual(applyMove('draft', 'submit', 'reviewer'), { ok: false, reason: 'notYours' })
    assert.deepEqual(applyMove('submitted', 'request_info', 'applicant'), { ok: false, reason: 'notYours' })
    for (const final of ['approved', 'rejected', 'withdrawn'] as const)
      assert.deepEqual(applyMove(final, 'withdraw', 'applicant'), { ok: false, reason: 'notAllowedNow' })
    assert.deepEqual(applyMove('submitted', 'submit', 'applicant'), { ok: false, reason: 'notAllowedNow' })
  })
})

describe('decision rule', () => {
  it('waits, saying what is missing, until a SIG lead and two SIG members approve', () => {
    assert.deepEqual(decide(newChapter, []), {
      outcome: 'pending',
      missing: [
        { group: 'sig_lead', needed: 1 },
        { group: 'sig_member', needed: 2 },
      ],
    })
    const two = [vote('a', 'approve', 'sig_member'), vote('b', 'approve', 'sig_member')]
    assert.deepEqual(decide(newChapter, two), {
      outcome: 'pending',
      missing: [
        { group: 'sig_lead', needed: 1 },
        { group: 'sig_member', needed: 0 },
      ],
    })
    assert.deepEqual(decide(newChapter, [...two, vote('c', 'approve', 'sig_lead')]), { outcome: 'approved' })
  })

  it('counts a person once, in the clause where they help most', () => {
    // A lead who is also a member cannot be the lead and one of the two members.
    const leadAndMember = vote('a', 'approve', 'sig_lead', 'sig_member')
    assert.equal(decide(newChapter, [leadAndMember, vote('b', 'approve', 'sig_member')]).outcome, 'pending')
    // Seated as a member when another lead approves, the same votes decide.
    assert.deepEqual(
      decide(newChapter, [
        leadAndMember,
        vote('b', 'approve', 'sig_member'),
        vote('c', 'approve', 'sig_lead'),
      ]),
      { outcome: 'approved' },
    )
    // Order does not matter: the lead-and-member moves to the member seat.
    assert.deepEqual(
      decide(newChapter, [
        vote('c', 'approve', 'sig_lead', 'sig_member'),
        leadAndMember,
        vote('b', 'approve', 'sig_member'),
      ]),
      { outcome: 'approved' },
    )
  })

  it("rejects on a SIG lead's rejection, while a member's rejection only withholds an approval", () => {
    const members = [vote('a', 'approve', 'sig_member'), vote('b', 'reject', 'sig_member')]
    assert.equal(decide(newChapter, members).outcome, 'pending')
    assert.deepEqual(decide(newChapter, [...members, vote('c', 'reject', 'sig_lead')]), {
      outcome: 'rejected',
      by: { group: 'sig_lead', atLeast: 1 },
    })
  })

  it("counts only each reviewer's latest vote", () => {
    const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m))
    const votes = [
      { voterId: 'a', vote: 'reject' as const, at: at(1) },
      { voterId: 'b', vote: 'approve' as const, at: at(2) },
      { voterId: 'a', vote: 'approve' as const, at: at(3) },
    ]
    assert.deepEqual(
      latestVotes(votes).map((v) => [v.voterId, v.vote]),
      [
        ['a', 'approve'],
        ['b', 'approve'],
      ],
    )
  })
})

describe('eligibility and reminders', () => {
  it('lists every failed condition with its explanation', () => {
    assert.deepEqual(
      failedConditions([
        { ok: true },
        { ok: false, reason: 'notActive', detail: { last: '2025-01-02' } },
        { ok: false, reason: 'cityHasChapter' },
      ]).map((f) => f.reason),
      ['notActive', 'cityHasChapter'],
    )
  })

  it('reminds reviewers once per 30 days an application waits, and not after a decision', () => {
    const submittedAt = new Date('2026-01-01T00:00:00Z')
    const day = (n: number) => new Date(submittedAt.getTime() + n * 86_400_000)
    const waiting = { state: 'submitted' as const, submittedAt, remindedAt: null }
    assert.equal(needsReminder(waiting, { afterDays: 30, now: day(29) }), false)
    assert.equal(needsReminder(waiting, { afterDays: 30, now: day(30) }), true)
    assert.equal(needsReminder({ ...waiting, remindedAt: day(30) }, { afterDays: 30, now: day(45) }), false)
    assert.equal(needsReminder({ ...waiting, remindedAt: day(30) }, { afterDays: 30, now: day(60) }), true)
    assert.equal(needsReminder({ ...waiting, state: 'approved' }, { afterDays: 30, now: day(90) }), false)
  })

  it('asks only deciders whose vote counts: groups no clause names, and the applicant, are left out', () => {
    const quorum: Quorum = {
      approve: [{ group: 'sig_lead', atLeast: 1 }],
      reject: [{ group: 'sig_lead', atLeast: 1 }],
    }
    assert.deepEqual(
      countingDeciders(quorum, 'applicant', [
        { personId: 'lead', groups: ['sig_lead'] },
        { personId: 'member', groups: ['sig_member'] },
        { personId: 'both', groups: ['sig_member'] },
        { personId: 'both', groups: ['sig_lead'] },
        { personId: 'applicant', groups: ['sig_lead'] },
      ]),
      [
        { personId: 'lead', groups: ['sig_lead'] },
        { personId: 'both', groups: ['sig_lead'] },
      ],
    )
  })
})
