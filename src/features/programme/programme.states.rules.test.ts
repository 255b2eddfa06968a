import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  type Actor,
  callIsOpen,
  moveProposal,
  movesFor,
  newProposal,
  type Proposal,
  type ProposalMove,
  type ProposalState,
  proposalMoves,
  proposalStates,
  proposeRefusal,
} from './programme.states.rules.ts'

const now = new Date('2027-03-01T10:00:00Z')
const open = { callOpen: true, now }
const closed = { callOpen: false, now }
const ana: Actor = { kind: 'speaker', personId: 'ana' }
const bo: Actor = { kind: 'speaker', personId: 'bo' }
const stranger: Actor = { kind: 'speaker', personId: 'cy' }
const organiser: Actor = { kind: 'organiser', personId: 'org' }
const reviewer: Actor = { kind: 'reviewer', personId: 'rev' }
const inState = (state: ProposalState, speakers = ['ana']): Proposal => ({ state, speakers, confirmedBy: [] })

const to = (p: Proposal, move: ProposalMove, actor: Actor, ctx = open) => {
  const r = moveProposal(p, move, actor, ctx)
  return r.ok ? r.proposal.state : r.refusal
}

describe('proposal states', () => {
  it('takes proposals only while the call is open, up to (not at) its close', () => {
    const call = { opensAt: new Date('2027-01-01T00:00:00Z'), closesAt: new Date('2027-02-01T00:00:00Z') }
    assert.equal(callIsOpen(call, new Date('2026-12-31T23:59:59Z')), false)
    assert.equal(callIsOpen(call, call.opensAt), true)
    assert.equal(callIsOpen(call, new Date('2027-01-31T23:59:59Z')), true)
    assert.equal(callIsOpen(call, call.closesAt), false)
    assert.equal(proposeRefusal({ callOpen: false }), 'call_closed')
    assert.equal(proposeRefusal({ callOpen: true }), null)
    assert.deepEqual(newProposal(['ana', 'bo', 'ana']), {
      state: 'submitted',
      speakers: ['ana', 'bo'],
      confirmedBy: [],
    })
  })

  it('lets a speaker edit and withdraw until the call closes, and not after a decision', () => {
    assert.equal(to(inState('submitted'), 'edit', ana), 'submitted')
    assert.equal(to(inState('in_review'), 'edit', ana), 'in_review')
    assert.equal(to(inState('submitted'), 'withdraw', ana), 'withdrawn')
    assert.equal(to(inState('in_review'), 'withdraw', ana), 'withdrawn')
    assert.equal(to(inState('submitted'), 'edit', ana, closed), 'call_closed')
    assert.equal(to(inState('submitted'), 'withdraw', ana, closed), 'call_closed')
    assert.equal(to(inState('accepted'), 'edit', ana), 'wrong_state')
    assert.equal(to(inState('rejected'), 'withdraw', ana), 'wrong_state')
    assert.equal(to(inState('submitted'), 'withdraw', stranger), 'not_a_speaker')
    // Organisers fix a title in any state, call open or not.
    for (const state of proposalStates) assert.equal(to(inState(state), 'edit', organiser, closed), state)
  })

  it('lets reviewers make no move at all, and speakers no organiser move', () => {
    for (const move of proposalMoves) {
      for (const state of proposalStates) assert.equal(to(inState(state), move, reviewer), 'not_allowed')
    }
    for (const move of ['start_review', 'accept', 'reject', 'cancel', 'reopen'] as const) {
      assert.equal(to(inState('submitted'), move, ana), 'not_allowed')
    }
    for (const move of ['withdraw', 'confirm', 'decline'] as const) {
      assert.equal(to(inState('accepted'), move, organiser), 'not_allowed')
    }
  })

  it('follows the organiser moves between states, refusing the rest', () => {
    const table: [ProposalState, ProposalMove, ProposalState | 'wrong_state'][] = [
      ['submitted', 'start_review', 'in_review'],
      ['in_review', 'start_review', 'wrong_state'],
      ['submitted', 'accept', 'accepted'],
      ['in_review', 'accept', 'accepted'],
      ['rejected', 'accept', 'accepted'],
      ['cancelled', 'accept', 'accepted'],
      ['withdrawn', 'accept', 'wrong_state'],
      ['confirmed', 'accept', 'wrong_state'],
      ['in_review', 'reject', 'rejected'],
      ['accepted', 'reject', 'rejected'],
      ['confirmed', 'reject', 'wrong_state'],
      ['accepted', 'cancel', 'cancelled'],
      ['confirmed', 'cancel', 'cancelled'],
      ['submitted', 'cancel', 'wrong_state'],
      ['withdrawn', 'reopen', 'submitted'],
      ['rejected', 'reopen', 'submitted'],
      ['cancelled', 'reopen', 'submitted'],
      ['accepted', 'reopen', 'wrong_state'],
    ]
    for (const [from, move, expected] of table)
      assert.equal(to(inState(from), move, organiser, closed), expected, `${from} ${move}`)
  })

  it('confirms only when every co-speaker has confirmed, each once, and only their own', () => {
    const accepted = inState('accepted', ['ana', 'bo'])
    const first = moveProposal(accepted, 'confirm', ana, closed)
    assert.ok(first.ok)
    assert.equal(first.proposal.state, 'accepted')
    assert.deepEqual(first.proposal.confirmedBy, ['ana'])
    assert.deepEqual(first.entry, { move: 'confirm', from: 'accepted', to: 'accepted', by: ana, at: now })
    assert.equal(to(first.proposal, 'confirm', ana), 'already_confirmed')
    assert.equal(to(first.proposal, 'confirm', stranger), 'not_a_speaker')
    assert.equal(to(first.proposal, 'confirm', organiser), 'not_allowed')
    const second = moveProposal(first.proposal, 'confirm', bo, closed)
    assert.ok(second.ok)
    assert.equal(second.proposal.state, 'confirmed')
    assert.equal(to(second.proposal, 'confirm', bo), 'wrong_state')
    // A single speaker confirms at once.
    assert.equal(to(inState('accepted'), 'confirm', ana), 'confirmed')
    assert.equal(to(inState('submitted'), 'confirm', ana), 'wrong_state')
  })

  it('lets a speaker decline an accepted proposal after the call closed', () => {
    assert.equal(to(inState('accepted'), 'decline', ana, closed), 'withdrawn')
    assert.equal(to(inState('confirmed'), 'decline', ana, closed), 'wrong_state')
  })

  it('asks every speaker again after a new acceptance', () => {
    let p: Proposal = { state: 'confirmed', speakers: ['ana', 'bo'], confirmedBy: ['ana', 'bo'] }
    for (const move of ['cancel', 'accept'] as const) {
      const r = moveProposal(p, move, organiser, closed)
      assert.ok(r.ok)
      p = r.proposal
    }
    assert.equal(p.state, 'accepted')
    assert.deepEqual(p.confirmedBy, [])
  })

  it('offers the moves an actor could make', () => {
    assert.deepEqual(movesFor(inState('submitted'), ana, open), ['edit', 'withdraw'])
    assert.deepEqual(movesFor(inState('submitted'), ana, closed), [])
    assert.deepEqual(movesFor(inState('accepted'), ana, closed), ['confirm', 'decline'])
    assert.deepEqual(movesFor(inState('accepted'), organiser, closed), ['edit', 'reject', 'cancel'])
    assert.deepEqual(movesFor(inState('accepted'), reviewer, open), [])
  })
})
