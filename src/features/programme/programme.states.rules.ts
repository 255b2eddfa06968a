// A proposal's life as pretalx has it: submitted, in review, accepted, rejected, confirmed (by its
// speakers), withdrawn, cancelled. Each move names who may make it; reviewers score and never move
// a proposal. A move returns the new state with the history entry to keep, or a typed refusal that
// changes nothing.

export const proposalStates = [
  'submitted',
  'in_review',
  'accepted',
  'rejected',
  'confirmed',
  'withdrawn',
  'cancelled',
] as const
export type ProposalState = (typeof proposalStates)[number]

export const proposalMoves = [
  'edit',
  'withdraw',
  'start_review',
  'accept',
  'reject',
  'confirm',
  'decline',
  'cancel',
  'reopen',
] as const
export type ProposalMove = (typeof proposalMoves)[number]

export type ActorKind = 'speaker' | 'organiser' | 'reviewer'
/** Who asks: a speaker is known by person id, so co-speakers confirm one by one. */
export type Actor = { kind: ActorKind; personId: string }

export type Proposal = {
  state: ProposalState
  /** Person ids of the proposal's speakers (the proposer and co-speakers). */
  speakers: readonly string[]
  /** Speakers who have confirmed since the proposal was last accepted. */
  confirmedBy: readonly string[]
}

export type MoveRefusal =
  /** This kind of actor never makes this move (a reviewer moving anything, a speaker accepting). */
  | 'not_allowed'
  /** The move does not leave the proposal's current state (accepting a withdrawn proposal). */
  | 'wrong_state'
  /** Speakers edit and withdraw only while the call is open. */
  | 'call_closed'
  /** A speaker acting on a proposal that is not theirs (confirming someone else's session). */
  | 'not_a_speaker'
  /** This speaker has already confirmed. */
  | 'already_confirmed'

export type HistoryEntry = {
  move: ProposalMove
  from: ProposalState
  to: ProposalState
  by: Actor
  at: Date
}

export type MoveResult =
  | { ok: true; proposal: Proposal; entry: HistoryEntry }
  | { ok: false; refusal: MoveRefusal }

type Rule = {
  by: ActorKind
  from: readonly ProposalState[]
  to: ProposalState | 'same'
  whileCallOpen?: true
}

const open = ['submitted', 'in_review'] as const satisfies readonly ProposalState[]

// One rule per (move, actor kind). Organisers may edit in every state (a typo in a confirmed
// talk's title); speakers only while the call is open and nobody has decided. `decline` is
// pretalx's "withdraw after acceptance": it ends as withdrawn whatever the call says, because
// decisions come after the call closes.
const rules: Record<ProposalMove, Rule[]> = {
  edit: [
    { by: 'speaker', from: open, to: 'same', whileCallOpen: true },
    { by: 'organiser', from: proposalStates, to: 'same' },
  ],
  withdraw: [{ by: 'speaker', from: open, to: 'withdrawn', whileCallOpen: true }],
  start_review: [{ by: 'organiser', from: ['submitted'], to: 'in_review' }],
  accept: [{ by: 'organiser', from: ['submitted', 'in_review', 'rejected', 'cancelled'], to: 'accepted' }],
  reject: [{ by: 'organiser', from: ['submitted', 'in_review', 'accepted'], to: 'rejected' }],
  confirm: [{ by: 'speaker', from: ['accepted'], to: 'confirmed' }],
  decline: [{ by: 'speaker', from: ['accepted'], to: 'withdrawn' }],
  cancel: [{ by: 'organiser', from: ['accepted', 'confirmed'], to: 'cancelled' }],
  reopen: [{ by: 'organiser', from: ['rejected', 'withdrawn', 'cancelled'], to: 'submitted' }],
}

/** Whether the call for speakers takes proposals at `now`: from its opening up to (not at) its close. */
export const callIsOpen = (call: { opensAt: Date; closesAt: Date }, now: Date) =>
  call.opensAt.getTime() <= now.getTime() && now.getTime() < call.closesAt.getTime()

/** Refusal for a new proposal: only while the call is open. */
export const proposeRefusal = (ctx: { callOpen: boolean }): 'call_closed' | null =>
  ctx.callOpen ? null : 'call_closed'

/** A proposal as it starts. */
export const newProposal = (speakers: readonly string[]): Proposal => ({
  state: 'submitted',
  speakers: [...new Set(speakers)],
  confirmedBy: [],
})

/** The moves `actor` could make now (for the buttons a page offers). */
export const movesFor = (proposal: Proposal, actor: Actor, ctx: { callOpen: boolean; now: Date }) =>
  proposalMoves.filter((move) => moveProposal(proposal, move, actor, ctx).ok)

export function moveProposal(
  proposal: Proposal,
  move: ProposalMove,
  actor: Actor,
  ctx: { callOpen: boolean; now: Date },
): MoveResult {
  const rule = rules[move].find((r) => r.by === actor.kind)
  if (!rule) return { ok: false, refusal: 'not_allowed' }
  if (actor.kind === 'speaker' && !proposal.speakers.includes(actor.personId)) {
    return { ok: false, refusal: 'not_a_speaker' }
  }
  if (!rule.from.includes(proposal.state)) return { ok: false, refusal: 'wrong_state' }
  if (rule.whileCallOpen && !ctx.callOpen) return { ok: false, refusal: 'call_closed' }

  let confirmedBy = proposal.confirmedBy
  let to: ProposalState = rule.to === 'same' ? proposal.state : rule.to
  if (move === 'confirm') {
    if (confirmedBy.includes(actor.personId)) return { ok: false, refusal: 'already_confirmed' }
    confirmedBy = [...confirmedBy, actor.personId]
    // Confirmed only once every speaker has said yes; until then it stays accepted.
    to = proposal.speakers.every((s) => confirmedBy.includes(s)) ? 'confirmed' : 'accepted'
  } else if (to !== proposal.state && to !== 'confirmed') {
    // A fresh acceptance asks every speaker again.
    confirmedBy = []
  }
  return {
    ok: true,
    proposal: { ...proposal, state: to, confirmedBy },
    entry: { move, from: proposal.state, to, by: actor, at: ctx.now },
  }
}
