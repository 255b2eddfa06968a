// The call for speakers, its proposals, their reviews and the organisers' decisions. A proposal is
// an application of the engine (type `talk-proposal`, subject the event: programme.proposals.type.ts)
// and a `proposals` row beside it with its pretalx state; every move is decided by the pure rules
// (programme.states.rules.ts, programme.reviews.rules.ts) and recorded in the application's history.
// Mail and webhooks are written in the transaction of the change (the outboxes) and sent after it.
import { randomToken } from '../../platform/auth/secrets.ts'
import type { Db } from '../../platform/db/client.ts'
import type { Deps } from '../../platform/deps.ts'
import { DomainError, InvalidInput } from '../../platform/errors.ts'
import { isLocale, type Locale, messagesFor } from '../../platform/i18n/index.ts'
import { sendSoon } from '../../platform/jobs/jobs.ts'
import { enqueueMail, type Sender, senderOf } from '../../platform/mail/mail.ts'
import { textIn } from '../../platform/views/localized.tsx'
import type { Actor } from '../access/index.ts'
import * as applicationsRepo from '../applications/applications.repo.ts'
import { startApplication } from '../applications/applications.service.ts'
import { mayOrganise } from '../events/index.ts'
import { findOrCreatePersonByEmail } from '../people/index.ts'
import { publishEvent } from '../webhooks/index.ts'
import {
  type CoSpeaker,
  parseCoSpeakers,
  reviewInput,
  type TalkProposalAnswers,
  talkProposalForm,
} from './programme.proposals.inputs.ts'
import * as repo from './programme.proposals.repo.ts'
import {
  compareRows,
  currentReviews,
  forReviewer,
  type Review,
  reviewRefusal,
  summarise,
  tableRows,
} from './programme.reviews.rules.ts'
import { type OptionalProposalField, optionalProposalFields } from './programme.schema.ts'
import {
  callIsOpen,
  moveProposal,
  type Proposal,
  type Actor as ProposalActor,
  type ProposalMove,
  type ProposalState,
  proposalStates,
} from './programme.states.rules.ts'

export const TALK_PROPOSAL = 'talk-proposal'

type Writing = Pick<Deps, 'db' | 'now' | 'config' | 'jobs' | 'communityNames'>
type Reading = Pick<Deps, 'db' | 'now'>

const signedIn = (actor: Actor) => {
  if (!actor) throw new DomainError('unauthenticated')
  return actor
}

async function eventOf(db: Db, id: string) {
  const event = await repo.selectEventById(db, id)
  if (!event) throw new DomainError('notFoundRecord')
  return event
}

async function organiserOf(deps: Pick<Deps, 'db'>, actor: Actor, eventId: string) {
  const person = signedIn(actor)
  if (!(await mayOrganise(deps, actor, eventId))) throw new DomainError('forbidden')
  return person
}

/** Whether `actor` may organise the event's programme (see the proposals, decide, send). */
export const mayOrganiseProgramme = (deps: Pick<Deps, 'db'>, actor: Actor, eventId: string) =>
  mayOrganise(deps, actor, eventId)

// --- The call -----------------------------------------------------------------------------------

export type CallInput = {
  opensAt: Date
  closesAt: Date
  fields: OptionalProposalField[]
  durations: number[]
  anonymousReviews: boolean
  acceptTemplateZh: string | null
  acceptTemplateEn: string | null
  rejectTemplateZh: string | null
  rejectTemplateEn: string | null
}

/** The call of an event (null: none), whether it is open now, and the event's tracks. */
export async function callFor(deps: Reading, eventId: string) {
  const call = await repo.selectCall(deps.db, eventId)
  return {
    call,
    open: call ? callIsOpen(call, deps.now()) : false,
    tracks: await repo.selectTracks(deps.db, eventId),
  }
}

/** Organisers open or change the call; it must close before the event starts. */
export async function saveCall(deps: Writing, actor: Actor, eventId: string, input: CallInput) {
  await organiserOf(deps, actor, eventId)
  const event = await eventOf(deps.db, eventId)
  if (input.closesAt.getTime() <= input.opensAt.getTime())
    throw new InvalidInput([
      { code: 'custom', path: ['closesAt'], message: 'callWindow', input: '' } as never,
    ])
  if (input.closesAt.getTime() > event.startsAt.getTime())
    throw new InvalidInput([
      { code: 'custom', path: ['closesAt'], message: 'callAfterEvent', input: '' } as never,
    ])
  const now = deps.now()
  await repo.upsertCall(deps.db, {
    eventId,
    ...input,
    fields: optionalProposalFields.filter((f) => input.fields.includes(f)),
    durations: [...new Set(input.durations)].sort((a, b) => a - b),
    updatedAt: now,
  })
}

export async function addTrack(
  deps: Writing,
  actor: Actor,
  eventId: string,
  input: { nameZh: string | null; nameEn: string | null },
) {
  await organiserOf(deps, actor, eventId)
  const tracks = await repo.selectTracks(deps.db, eventId)
  return repo.insertTrack(deps.db, { eventId, ...input, position: tracks.length })
}

// --- Submitting ---------------------------------------------------------------------------------

/** The track a proposal names (by id, or by its name in either language, as an issue gives it). */
const trackNamed = (tracks: repo.TrackRow[], name: string) => {
  const wanted = name.trim().toLowerCase()
  if (!wanted) return null
  return (
    tracks.find(
      (t) => t.id === wanted || t.nameZh?.toLowerCase() === wanted || t.nameEn?.toLowerCase() === wanted,
    ) ?? null
  )
}

/** The answers the call asks, the others emptied (a field an event does not ask is not kept). */
function askedOnly(call: repo.CallRow, answers: TalkProposalAnswers): TalkProposalAnswers {
  const asks = (f: OptionalProposalField) => call.fields.includes(f)
  return {
    ...answers,
    description: asks('description') ? answers.description : '',
    level: asks('level') ? answers.level : '',
    kind: asks('kind') ? answers.kind : '',
    track: asks('track') ? answers.track : '',
    language: asks('language') ? answers.language : '',
    coSpeakers: asks('coSpeakers') ? answers.coSpeakers : '',
    notes: asks('notes') ? answers.notes : '',
  }
}

/** The proposal's columns from its answers. */
function columnsOf(answers: TalkProposalAnswers, tracks: repo.TrackRow[]) {
  return {
    title: answers.title,
    abstract: answers.abstract,
    description: answers.description || null,
    level: answers.level || null,
    durationMinutes: answers.duration,
    kind: answers.kind || 'talk',
    trackId: trackNamed(tracks, answers.track)?.id ?? null,
    language: answers.language || null,
    notes: answers.notes || null,
  }
}

/** Co-speakers as rows, each found in Hearth when their address or login is known there. */
async function coSpeakerRows(db: Db, proposalId: string, named: CoSpeaker[], proposerId: string, now: Date) {
  const rows = []
  for (const [i, s] of named.entries()) {
    const person =
      'email' in s
        ? await repo.selectPersonByEmail(db, s.email)
        : await repo.selectPersonByLogin(db, s.githubLogin)
    if (person?.id === proposerId) continue
    rows.push({
      proposalId,
      personId: person?.id ?? null,
      email: 'email' in s ? s.email : null,
      githubLogin: 'githubLogin' in s ? s.githubLogin : null,
      position: i + 1,
      secret: randomToken(),
      createdAt: now,
    })
  }
  return rows
}

/**
 * The engine's submission hook: the proposal's row and its speakers, in the transaction that
 * submits the application (from the site, the API or a GitHub issue), and `proposal.submitted`.
 */
export async function recordProposal(
  tx: Db,
  application: {
    id: string
    applicantId: string
    subjectId: string | null
    answers: Record<string, unknown>
  },
  deps: { now: Date; config: Deps['config'] },
) {
  const eventId = application.subjectId
  if (!eventId) throw new DomainError('notFoundRecord')
  const call = await repo.selectCall(tx, eventId)
  if (!call || !callIsOpen(call, deps.now)) throw new DomainError('callClosed')
  const answers = askedOnly(call, talkProposalForm.parse(application.answers))
  const tracks = await repo.selectTracks(tx, eventId)
  const proposal = await repo.insertProposal(tx, {
    eventId,
    applicationId: application.id,
    speakerId: application.applicantId,
    ...columnsOf(answers, tracks),
    state: 'submitted',
    submittedAt: deps.now,
    createdAt: deps.now,
    updatedAt: deps.now,
  })
  const named = parseCoSpeakers(answers.coSpeakers)
  await repo.insertSpeakers(tx, [
    {
      proposalId: proposal.id,
      personId: application.applicantId,
      position: 0,
      secret: randomToken(),
      createdAt: deps.now,
    },
    ...(await coSpeakerRows(
      tx,
      proposal.id,
      named.ok ? named.speakers : [],
      application.applicantId,
      deps.now,
    )),
  ])
  await publishEvent(tx, 'proposal.submitted', await webhookData(tx, deps.config, proposal), deps.now)
  return proposal
}

async function webhookData(db: Db, config: Deps['config'], proposal: repo.ProposalRow) {
  const event = await repo.selectEventById(db, proposal.eventId)
  return {
    id: proposal.id,
    event: event?.slug ?? null,
    title: proposal.title,
    state: proposal.state,
    kind: proposal.kind,
    level: proposal.level,
    language: proposal.language,
    durationMinutes: proposal.durationMinutes,
    url: `${config.baseUrl}/en/proposals/${proposal.id}`,
  }
}

/** Anyone signed in proposes a talk while the call is open; otherwise a clear refusal, nothing changed. */
export async function submitProposal(deps: Writing, actor: Actor, slug: string, answers: unknown) {
  signedIn(actor)
  const event = await repo.selectEventBySlug(deps.db, slug)
  if (!event) throw new DomainError('notFoundRecord')
  const call = await repo.selectCall(deps.db, event.id)
  if (!call || !callIsOpen(call, deps.now())) throw new DomainError('callClosed')
  const parsed = talkProposalForm.safeParse(answers)
  if (!parsed.success) throw new InvalidInput(parsed.error.issues)
  checkDuration(call, parsed.data.duration)
  const application = await startApplication(deps, actor, {
    type: TALK_PROPOSAL,
    answers: askedOnly(call, parsed.data),
    subjectId: event.id,
    submit: true,
  })
  const proposal = (await repo.selectEventProposals(deps.db, event.id)).find(
    (p) => p.applicationId === application.id,
  )
  if (!proposal) throw new DomainError('notFoundRecord')
  return proposal
}

function checkDuration(call: repo.CallRow, duration: number) {
  if (call.durations.length && !call.durations.includes(duration))
    throw new InvalidInput([{ code: 'custom', path: ['duration'], message: 'duration', input: '' } as never])
}

/** The proposal as the state rules see it: speakers by their row's id (co-speakers may have no account yet). */
function ruleProposal(proposal: repo.ProposalRow, speakers: repo.ProposalSpeakerRow[]): Proposal {
  return {
    state: proposal.state as ProposalState,
    speakers: speakers.map((s) => s.id),
    confirmedBy: speakers.filter((s) => s.confirmedAt).map((s) => s.id),
  }
}

type Loaded = {
  proposal: repo.ProposalRow
  speakers: { speaker: repo.ProposalSpeakerRow; person: Awaited<ReturnType<typeof repo.selectPerson>> }[]
  call: repo.CallRow | null
}

async function load(db: Db, id: string, lock = false): Promise<Loaded> {
  const proposal = lock ? await repo.selectProposalForUpdate(db, id) : await repo.selectProposal(db, id)
  if (!proposal) throw new DomainError('notFoundRecord')
  return {
    proposal,
    speakers: await repo.selectSpeakers(db, [proposal.id]),
    call: await repo.selectCall(db, proposal.eventId),
  }
}

/** How the engine's coarse states follow the programme's (its lists and the GitHub issue read them). */
const applicationStateOf: Record<ProposalState, string> = {
  submitted: 'submitted',
  in_review: 'submitted',
  accepted: 'approved',
  confirmed: 'approved',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  cancelled: 'rejected',
}

/** Applies one move decided by the rules: the row, the engine's state and a history entry. */
async function applyMove(
  tx: Db,
  loaded: Loaded,
  move: ProposalMove,
  actor: ProposalActor,
  now: Date,
  extra: Partial<typeof import('./programme.schema.ts').proposals.$inferInsert> = {},
  answers?: Record<string, unknown>,
) {
  const callOpen = loaded.call ? callIsOpen(loaded.call, now) : false
  const result = moveProposal(
    ruleProposal(
      loaded.proposal,
      loaded.speakers.map((s) => s.speaker),
    ),
    move,
    actor,
    {
      callOpen,
      now,
    },
  )
  if (!result.ok) throw refusalError(result.refusal)
  const proposal = await repo.updateProposal(tx, loaded.proposal.id, {
    ...extra,
    state: result.proposal.state,
    updatedAt: now,
    ...(move === 'accept' || move === 'reject' ? { decidedAt: now } : {}),
  })
  await applicationsRepo.updateApplication(tx, loaded.proposal.applicationId, {
    state: applicationStateOf[result.proposal.state],
    updatedAt: now,
    ...(answers ? { answers } : {}),
    ...(move === 'accept' || move === 'reject' ? { decidedAt: now } : {}),
  })
  await applicationsRepo.insertEvent(tx, {
    applicationId: loaded.proposal.applicationId,
    at: now,
    actorId:
      actor.kind === 'speaker'
        ? (loaded.speakers.find((s) => s.speaker.id === actor.personId)?.speaker.personId ?? null)
        : actor.personId,
    kind: move === 'edit' ? 'edit' : `proposal_${move}`,
    fromState: loaded.proposal.state,
    toState: result.proposal.state,
    answers: answers ?? null,
  })
  return { proposal, result }
}

const refusalError = (refusal: string) =>
  new DomainError(
    refusal === 'call_closed'
      ? 'callClosed'
      : refusal === 'not_a_speaker'
        ? 'notYourSession'
        : refusal === 'not_allowed'
          ? 'forbidden'
          : 'notAllowedNow',
  )

/** A co-speaker named by this person's address or GitHub login before they signed in is them. */
async function claimRows(db: Db, personId: string) {
  const person = await repo.selectPerson(db, personId)
  if (person) await repo.claimSpeakerRows(db, person)
}

/** The speaker row of `actor` in a proposal, or a refusal: it is not theirs. */
function speakerRowOf(loaded: Loaded, actor: Actor) {
  const person = signedIn(actor)
  const row = loaded.speakers.find((s) => s.speaker.personId === person.personId)
  if (!row) throw new DomainError('notYourSession')
  return row.speaker
}

/** The speaker changes their proposal while the call is open and nobody has decided. */
export async function editProposal(deps: Writing, actor: Actor, id: string, answers: unknown) {
  const now = deps.now()
  await deps.db.transaction(async (tx) => {
    const loaded = await load(tx, id, true)
    const me = speakerRowOf(loaded, actor)
    if (loaded.proposal.speakerId !== actor!.personId) throw new DomainError('forbidden')
    if (!loaded.call || !callIsOpen(loaded.call, now)) throw new DomainError('callClosed')
    const parsed = talkProposalForm.safeParse(answers)
    if (!parsed.success) throw new InvalidInput(parsed.error.issues)
    checkDuration(loaded.call, parsed.data.duration)
    const asked = askedOnly(loaded.call, parsed.data)
    const tracks = await repo.selectTracks(tx, loaded.proposal.eventId)
    await applyMove(
      tx,
      loaded,
      'edit',
      { kind: 'speaker', personId: me.id },
      now,
      columnsOf(asked, tracks),
      asked,
    )
    await repo.deleteCoSpeakers(tx, id)
    const named = parseCoSpeakers(asked.coSpeakers)
    await repo.insertSpeakers(
      tx,
      await coSpeakerRows(tx, id, named.ok ? named.speakers : [], loaded.proposal.speakerId, now),
    )
  })
}

/** The speaker withdraws their proposal while the call is open. */
export async function withdrawProposal(deps: Writing, actor: Actor, id: string) {
  const now = deps.now()
  await deps.db.transaction(async (tx) => {
    const loaded = await load(tx, id, true)
    const me = speakerRowOf(loaded, actor)
    if (loaded.proposal.speakerId !== actor!.personId) throw new DomainError('forbidden')
    await applyMove(tx, loaded, 'withdraw', { kind: 'speaker', personId: me.id }, now)
    await repo.dropQueued(tx, id)
  })
}

/** The proposals `actor` speaks in, with what they may do now. */
export async function myProposals(deps: Reading, actor: Actor) {
  const person = signedIn(actor)
  await claimRows(deps.db, person.personId)
  const rows = await repo.selectProposalsOf(deps.db, person.personId)
  const speakers = await repo.selectSpeakers(
    deps.db,
    rows.map((r) => r.proposal.id),
  )
  const now = deps.now()
  const out = []
  for (const { proposal, event } of rows) {
    const call = await repo.selectCall(deps.db, event.id)
    const mine = speakers.filter((s) => s.speaker.proposalId === proposal.id)
    const me = mine.find((s) => s.speaker.personId === person.personId)!.speaker
    const open = call ? callIsOpen(call, now) : false
    const proposer = proposal.speakerId === person.personId
    const rule = ruleProposal(
      proposal,
      mine.map((s) => s.speaker),
    )
    const can = (move: ProposalMove) =>
      moveProposal(rule, move, { kind: 'speaker', personId: me.id }, { callOpen: open, now }).ok
    out.push({
      proposal,
      event,
      call,
      speakers: mine,
      me,
      mayEdit: proposer && can('edit'),
      mayWithdraw: proposer && can('withdraw'),
      mayConfirm: can('confirm'),
    })
  }
  return out
}

/** One proposal for its speaker (to edit it): theirs, or a refusal. */
export async function proposalForSpeaker(deps: Reading, actor: Actor, id: string) {
  const loaded = await load(deps.db, id)
  speakerRowOf(loaded, actor)
  const application = await applicationsRepo.selectApplication(deps.db, loaded.proposal.applicationId)
  const event = await eventOf(deps.db, loaded.proposal.eventId)
  return { ...loaded, event, answers: (application?.answers ?? {}) as Record<string, string> }
}

// --- Reviewers and reviews ----------------------------------------------------------------------

export async function addReviewer(
  deps: Writing,
  actor: Actor,
  eventId: string,
  input: { handle: string; trackId: string | null },
) {
  await organiserOf(deps, actor, eventId)
  const person = await repo.selectPersonByHandle(deps.db, input.handle.replace(/^@/, '').trim())
  if (!person)
    throw new InvalidInput([
      { code: 'custom', path: ['handle'], message: 'unknownHandle', input: '' } as never,
    ])
  const tracks = await repo.selectTracks(deps.db, eventId)
  if (input.trackId && !tracks.some((t) => t.id === input.trackId)) throw new DomainError('notFoundRecord')
  await repo.insertReviewer(deps.db, { eventId, personId: person.id, trackId: input.trackId })
}

export async function removeReviewer(deps: Writing, actor: Actor, eventId: string, id: string) {
  await organiserOf(deps, actor, eventId)
  await repo.deleteReviewer(deps.db, eventId, id)
}

const assignmentsOf = async (db: Db, eventId: string) =>
  (await repo.selectReviewers(db, eventId)).map((r) => ({
    personId: r.reviewer.personId,
    trackId: r.reviewer.trackId,
  }))

const asReview = (r: repo.ReviewRow): Review => ({
  proposalId: r.proposalId,
  reviewerId: r.reviewerId,
  score: r.score,
  comment: r.comment,
  at: r.createdAt,
})

/** What a reviewer reads to review a proposal: speakers hidden in anonymous mode, and their own review. */
export async function proposalForReview(deps: Reading, actor: Actor, id: string) {
  const person = signedIn(actor)
  const loaded = await load(deps.db, id)
  const event = await eventOf(deps.db, loaded.proposal.eventId)
  const assignments = await assignmentsOf(deps.db, event.id)
  const organiser = await mayOrganise(deps, actor, event.id)
  const refusal = reviewRefusal({
    reviewerId: person.personId,
    proposal: {
      trackId: loaded.proposal.trackId,
      speakers: loaded.speakers.map((s) => s.speaker.personId ?? ''),
    },
    assignments,
    score: 1,
  })
  if (refusal && !organiser) throw new DomainError(refusal === 'own_proposal' ? 'ownProposal' : 'notReviewer')
  const reviews = await repo.selectReviewsOf(deps.db, id)
  const mine = reviews.filter((r) => r.review.reviewerId === person.personId)
  const anonymous = loaded.call?.anonymousReviews ?? false
  const tracks = await repo.selectTracks(deps.db, event.id)
  return {
    event,
    tracks,
    anonymous,
    organiser,
    mayReview: refusal === null,
    proposal: forReviewer(
      { ...loaded.proposal, speakers: loaded.speakers },
      { anonymous: anonymous && !organiser },
    ),
    current: mine.find((r) => r.review.replacedAt === null)?.review ?? null,
    earlier: mine.filter((r) => r.review.replacedAt !== null).map((r) => r.review),
    /** Organisers see every review in force; reviewers only their own (they judge independently). */
    others: organiser ? reviews.filter((r) => r.review.replacedAt === null) : [],
    summary: summarise(reviews.filter((r) => r.review.replacedAt === null).map((r) => r.review.score)),
  }
}

/**
 * A reviewer scores a proposal 1–5 with a comment. Their second review replaces the first, which
 * stays as history. Someone not reviewing this event or track, or a speaker of the proposal, is
 * refused and nothing changes.
 */
export async function reviewProposal(deps: Writing, actor: Actor, id: string, input: unknown) {
  const person = signedIn(actor)
  const parsed = reviewInput.safeParse(input)
  const now = deps.now()
  return deps.db.transaction(async (tx) => {
    const loaded = await load(tx, id, true)
    const refusal = reviewRefusal({
      reviewerId: person.personId,
      proposal: {
        trackId: loaded.proposal.trackId,
        speakers: loaded.speakers.map((s) => s.speaker.personId ?? ''),
      },
      assignments: await assignmentsOf(tx, loaded.proposal.eventId),
      score: parsed.success ? parsed.data.score : 1,
    })
    if (refusal === 'not_reviewer') throw new DomainError('notReviewer')
    if (refusal === 'own_proposal') throw new DomainError('ownProposal')
    if (!parsed.success) throw new InvalidInput(parsed.error.issues)
    if (!['submitted', 'in_review'].includes(loaded.proposal.state)) throw new DomainError('notAllowedNow')
    await repo.replaceCurrentReview(tx, id, person.personId, now)
    const review = await repo.insertReview(tx, {
      proposalId: id,
      reviewerId: person.personId,
      score: parsed.data.score,
      comment: parsed.data.comment,
      createdAt: now,
    })
    // The first review starts the review (pretalx's "in review"), recorded as any move.
    if (loaded.proposal.state === 'submitted')
      await applyMove(tx, loaded, 'start_review', { kind: 'organiser', personId: person.personId }, now)
    return review
  })
}

/** The proposals a reviewer reviews at an event, with their own score (for their queue). */
export async function reviewQueue(deps: Reading, actor: Actor, eventId: string) {
  const person = signedIn(actor)
  const assignments = await assignmentsOf(deps.db, eventId)
  const proposals = (await repo.selectEventProposals(deps.db, eventId)).filter(
    (p) =>
      ['submitted', 'in_review'].includes(p.state) &&
      assignments.some(
        (a) => a.personId === person.personId && (a.trackId === null || a.trackId === p.trackId),
      ),
  )
  const speakers = await repo.selectSpeakers(
    deps.db,
    proposals.map((p) => p.id),
  )
  const reviews = currentReviews(
    (await repo.selectEventReviews(deps.db, eventId)).map((r) => asReview(r.review)),
  )
  return proposals
    .filter(
      (p) => !speakers.some((s) => s.speaker.proposalId === p.id && s.speaker.personId === person.personId),
    )
    .map((p) => ({
      proposal: p,
      myScore: reviews.find((r) => r.proposalId === p.id && r.reviewerId === person.personId)?.score ?? null,
    }))
}

/** Whether `actor` reviews anything at this event. */
export async function isReviewer(deps: Pick<Deps, 'db'>, actor: Actor, eventId: string) {
  if (!actor) return false
  return (await assignmentsOf(deps.db, eventId)).some((a) => a.personId === actor.personId)
}

// --- The organisers' table ----------------------------------------------------------------------

export const tableSorts = ['score', 'mean', 'reviews', 'submitted', 'title'] as const
export type TableSort = (typeof tableSorts)[number]
export type TableQuery = {
  sort: TableSort
  dir: 'asc' | 'desc'
  state: ProposalState | null
  track: string | null
  level: string | null
  q: string
}

/** Every proposal of the event with its reviews' count, median and mean, filtered and sorted. */
export async function proposalsTable(deps: Reading, actor: Actor, eventId: string, query: TableQuery) {
  await organiserOf(deps, actor, eventId)
  const event = await eventOf(deps.db, eventId)
  const { call, open, tracks } = await callFor(deps, eventId)
  const all = await repo.selectEventProposals(deps.db, eventId)
  const reviews = (await repo.selectEventReviews(deps.db, eventId)).map((r) => asReview(r.review))
  const summaries = new Map(
    tableRows(
      all.map((p) => ({ id: p.id, submittedAt: p.submittedAt })),
      reviews,
    ).map((r) => [r.proposalId, r]),
  )
  const speakers = await repo.selectSpeakers(
    deps.db,
    all.map((p) => p.id),
  )
  const queued = new Map(
    (await repo.selectQueued(deps.db, eventId)).map((d) => [d.decision.proposalId, d.decision.decision]),
  )
  const q = query.q.trim().toLowerCase()
  const rows = all
    .filter((p) => !query.state || p.state === query.state)
    .filter((p) => !query.track || p.trackId === query.track)
    .filter((p) => !query.level || p.level === query.level)
    .filter((p) => !q || p.title.toLowerCase().includes(q) || p.abstract.toLowerCase().includes(q))
    .map((p) => ({
      proposal: p,
      summary: summaries.get(p.id)!,
      speakers: speakers.filter((s) => s.speaker.proposalId === p.id),
      queued: (queued.get(p.id) ?? null) as 'accept' | 'reject' | null,
      track: tracks.find((t) => t.id === p.trackId) ?? null,
    }))
  const sign = query.dir === 'asc' ? -1 : 1
  const cmp = (a: number | null, b: number | null) =>
    a === b ? 0 : a === null ? 1 : b === null ? -1 : sign * (b - a)
  rows.sort((a, b) => {
    const by =
      query.sort === 'score'
        ? cmp(a.summary.median, b.summary.median) || cmp(a.summary.mean, b.summary.mean)
        : query.sort === 'mean'
          ? cmp(a.summary.mean, b.summary.mean)
          : query.sort === 'reviews'
            ? cmp(a.summary.count, b.summary.count)
            : query.sort === 'submitted'
              ? cmp(a.proposal.submittedAt.getTime(), b.proposal.submittedAt.getTime())
              : -sign * a.proposal.title.localeCompare(b.proposal.title)
    return by || compareRows(a.summary, b.summary)
  })
  return {
    event,
    call,
    open,
    tracks,
    rows,
    total: all.length,
    queuedCount: queued.size,
    reviewers: await repo.selectReviewers(deps.db, eventId),
    states: proposalStates,
  }
}

// --- Decisions ----------------------------------------------------------------------------------

/** Organisers queue a decision (a later one replaces it); nothing is told until the queue is sent. */
export async function queueDecision(
  deps: Writing,
  actor: Actor,
  proposalId: string,
  decision: 'accept' | 'reject' | 'none',
) {
  const loaded = await load(deps.db, proposalId)
  const person = await organiserOf(deps, actor, loaded.proposal.eventId)
  if (decision === 'none') return repo.dropQueued(deps.db, proposalId)
  const check = moveProposal(
    ruleProposal(
      loaded.proposal,
      loaded.speakers.map((s) => s.speaker),
    ),
    decision,
    { kind: 'organiser', personId: person.personId },
    { callOpen: false, now: deps.now() },
  )
  if (!check.ok) throw refusalError(check.refusal)
  await repo.queueDecision(deps.db, {
    proposalId,
    decision,
    queuedBy: person.personId,
    queuedAt: deps.now(),
  })
}

/**
 * Organisers cancel an accepted or confirmed talk (its unplaced or placed session goes, so the
 * next published schedule lists it as removed and its speakers are told there), or reopen a
 * rejected, withdrawn or cancelled proposal for review. Refused moves change nothing.
 */
export async function organiserMove(
  deps: Writing,
  actor: Actor,
  proposalId: string,
  move: 'cancel' | 'reopen',
) {
  const found = await load(deps.db, proposalId)
  const person = await organiserOf(deps, actor, found.proposal.eventId)
  const now = deps.now()
  await deps.db.transaction(async (tx) => {
    const loaded = await load(tx, proposalId, true)
    const { proposal } = await applyMove(
      tx,
      loaded,
      move,
      { kind: 'organiser', personId: person.personId },
      now,
    )
    if (move === 'cancel') await repo.deleteSessionOf(tx, proposal.id)
    await repo.dropQueued(tx, proposal.id)
  })
}

/** The mail's text from the organisers' template (or the default), its blanks filled in. */
export function fillTemplate(template: string, values: Record<string, string>) {
  return template.replace(/\{(name|title|event|link)\}/g, (_, key: string) => values[key] ?? '')
}

const localeOf = (value: string | null | undefined): Locale => (value && isLocale(value) ? value : 'zh')

/**
 * Sends the queued decisions of an event: each proposal moves, its speakers get their mail (the
 * accepted with their own confirm link), accepted ones get their session. The queue is locked and
 * each decision marked sent in the same transaction, so sending twice sends each mail once.
 */
export async function sendDecisions(deps: Writing, actor: Actor, eventId: string) {
  const person = await organiserOf(deps, actor, eventId)
  const sender = await senderOf(deps, deps.db)
  const now = deps.now()
  const sent = await deps.db.transaction(async (tx) => {
    const queued = await repo.lockQueued(tx, eventId)
    const event = await eventOf(tx, eventId)
    const call = await repo.selectCall(tx, eventId)
    let count = 0
    for (const decision of queued) {
      const loaded = await load(tx, decision.proposalId, true)
      const move = decision.decision as 'accept' | 'reject'
      const check = moveProposal(
        ruleProposal(
          loaded.proposal,
          loaded.speakers.map((s) => s.speaker),
        ),
        move,
        { kind: 'organiser', personId: person.personId },
        { callOpen: false, now },
      )
      // Moved on meanwhile (withdrawn): the decision is dropped, nobody is told.
      if (!check.ok) {
        await repo.markSent(tx, decision.id, now, person.personId)
        continue
      }
      const { proposal } = await applyMove(
        tx,
        loaded,
        move,
        { kind: 'organiser', personId: person.personId },
        now,
      )
      if (move === 'accept') {
        await repo.resetAnswers(tx, proposal.id)
        await sessionFor(tx, proposal, loaded.speakers)
        await publishEvent(tx, 'proposal.accepted', await webhookData(tx, deps.config, proposal), now)
      }
      for (const { speaker, person: who } of loaded.speakers) {
        const to = speaker.email ?? who?.email
        if (!to) continue
        const locale = localeOf(who?.locale)
        const t = messagesFor(locale).programmeProposals.mail
        const template =
          move === 'accept'
            ? (locale === 'zh' ? call?.acceptTemplateZh : call?.acceptTemplateEn) || t.acceptDefault
            : (locale === 'zh' ? call?.rejectTemplateZh : call?.rejectTemplateEn) || t.rejectDefault
        const eventTitle = textIn(locale, event.titleZh, event.titleEn) || event.slug
        const link = `${deps.config.baseUrl}/${locale}/speakers/confirm/${speaker.secret}`
        const name = textIn(locale, who?.nameZh ?? null, who?.nameEn ?? null) || who?.handle || to
        const body = fillTemplate(template, { name, title: proposal.title, event: eventTitle, link })
        await enqueueMail(
          tx,
          {
            to,
            locale,
            subject: move === 'accept' ? t.acceptSubject(eventTitle) : t.rejectSubject(eventTitle),
            // The link is the one thing a template cannot leave out of an acceptance.
            text:
              move === 'accept' && !template.includes('{link}') ? `${body}\n\n${t.confirmAt(link)}` : body,
          },
          sender,
        )
      }
      await repo.markSent(tx, decision.id, now, person.personId)
      count++
    }
    return count
  })
  await sendSoon(deps.jobs)
  return sent
}

/** The accepted proposal's session, made or brought up to date, so the schedule editor can place it. */
async function sessionFor(tx: Db, proposal: repo.ProposalRow, speakers: Loaded['speakers']) {
  const zh = proposal.language === 'zh'
  const session = await repo.upsertSession(tx, proposal.id, {
    eventId: proposal.eventId,
    kind: proposal.kind,
    titleZh: zh ? proposal.title : null,
    titleEn: zh ? null : proposal.title,
    abstractZh: zh ? proposal.abstract : null,
    abstractEn: zh ? null : proposal.abstract,
    language: proposal.language,
    trackId: proposal.trackId,
    level: proposal.level,
    durationMinutes: proposal.durationMinutes,
  })
  await repo.setSessionSpeakers(
    tx,
    session.id,
    speakers
      .filter((s) => s.speaker.personId || s.speaker.githubLogin)
      .map((s, i) => ({
        personId: s.speaker.personId,
        nameEn: s.speaker.personId ? null : s.speaker.githubLogin,
        position: i,
      })),
  )
  return session
}

// --- Confirming ---------------------------------------------------------------------------------

/** What the confirm link shows: the proposal, the event and whose link it is. */
export async function confirmation(deps: Reading, actor: Actor, secret: string) {
  const speaker = await repo.selectSpeakerBySecret(deps.db, secret)
  if (!speaker) throw new DomainError('notFoundRecord')
  const loaded = await load(deps.db, speaker.proposalId)
  const event = await eventOf(deps.db, loaded.proposal.eventId)
  const mineToAnswer = !actor || !speaker.personId || speaker.personId === actor.personId
  return { speaker, event, ...loaded, mineToAnswer }
}

/**
 * A speaker confirms or declines from their mail's link. Signed in as someone else, the link is
 * theirs to answer, not the reader's: a refusal, nothing changes. A speaker named only by address
 * gets a Hearth profile when they confirm, and joins the session.
 */
export async function answerBySecret(
  deps: Writing,
  actor: Actor,
  secret: string,
  answer: 'confirm' | 'decline',
) {
  const speaker = await repo.selectSpeakerBySecret(deps.db, secret)
  if (!speaker) throw new DomainError('notFoundRecord')
  if (actor && speaker.personId && speaker.personId !== actor.personId)
    throw new DomainError('notYourSession')
  const newPerson =
    answer === 'confirm' && !speaker.personId && speaker.email
      ? await findOrCreatePersonByEmail(deps, speaker.email, 'zh')
      : null
  return answerAs(deps, speaker.proposalId, speaker.id, answer, newPerson?.id ?? null)
}

/** A signed-in speaker confirms or declines from their proposals page. */
export async function answerAsSpeaker(
  deps: Writing,
  actor: Actor,
  proposalId: string,
  answer: 'confirm' | 'decline',
) {
  if (actor) await claimRows(deps.db, actor.personId)
  const loaded = await load(deps.db, proposalId)
  return answerAs(deps, proposalId, speakerRowOf(loaded, actor).id, answer, null)
}

async function answerAs(
  deps: Writing,
  proposalId: string,
  speakerId: string,
  answer: 'confirm' | 'decline',
  newPersonId: string | null,
) {
  const now = deps.now()
  return deps.db.transaction(async (tx) => {
    const loaded = await load(tx, proposalId, true)
    const { proposal } = await applyMove(tx, loaded, answer, { kind: 'speaker', personId: speakerId }, now)
    await repo.updateSpeaker(tx, speakerId, {
      ...(answer === 'confirm' ? { confirmedAt: now } : { declinedAt: now }),
      ...(newPersonId ? { personId: newPersonId } : {}),
    })
    if (answer === 'decline') await repo.deleteSessionOf(tx, proposal.id)
    else if (newPersonId) await sessionFor(tx, proposal, await repo.selectSpeakers(tx, [proposal.id]))
    return proposal
  })
}

// --- Reminders ----------------------------------------------------------------------------------

/** Days an accepted speaker has to answer before they are reminded (once). */
export const CONFIRM_REMINDER_DAYS = 3

/** Reminds speakers of accepted proposals who have not answered for a few days; each once. */
export async function remindUnconfirmedSpeakers(deps: Writing): Promise<number> {
  const now = deps.now()
  const due = await repo.selectUnconfirmed(
    deps.db,
    new Date(now.getTime() - CONFIRM_REMINDER_DAYS * 86_400_000),
    now,
  )
  if (!due.length) return 0
  const sender: Sender = await senderOf(deps, deps.db)
  let sent = 0
  await deps.db.transaction(async (tx) => {
    for (const { speaker, proposal, event, person } of due) {
      await repo.updateSpeaker(tx, speaker.id, { remindedAt: now })
      const to = speaker.email ?? person?.email
      if (!to) continue
      const locale = localeOf(person?.locale)
      const t = messagesFor(locale).programmeProposals.mail
      const eventTitle = textIn(locale, event.titleZh, event.titleEn) || event.slug
      await enqueueMail(
        tx,
        {
          to,
          locale,
          subject: t.reminderSubject(eventTitle),
          text: t.reminderBody(
            proposal.title,
            eventTitle,
            `${deps.config.baseUrl}/${locale}/speakers/confirm/${speaker.secret}`,
          ),
        },
        sender,
      )
      sent++
    }
  })
  await sendSoon(deps.jobs)
  return sent
}
