// Registering for events: places, the waitlist, approval, organisers' changes, reminders.
// Every decision about places runs in one short transaction that holds the event's seat counter
// locked (`event_seats`, `select … for update`), so on one server or several, on PGlite or
// PostgreSQL, decisions about one event happen one after the other and never oversell. Mail and
// webhooks are written in that transaction (the outboxes) and sent after it.
import { randomToken } from '../../platform/auth/secrets.ts'
import type { Db } from '../../platform/db/client.ts'
import type { Deps } from '../../platform/deps.ts'
import { DomainError, type ErrorCode } from '../../platform/errors.ts'
import type { Locale } from '../../platform/i18n/index.ts'
import { sendSoon } from '../../platform/jobs/jobs.ts'
import { enqueueMails, type Letter, type Sender } from '../../platform/mail/mail.ts'
import { type Actor, authorize, can } from '../access/index.ts'
import { findOrCreatePersonByEmail, normalizeEmail } from '../people/index.ts'
import { newTicketCode } from './events.checkin.rules.ts'
import {
  type CalendarFiles,
  letterAboutPlace,
  mailAboutPlace,
  mailFromOrganisers,
  type PlaceMailKind,
  publishCancelled,
  publishConfirmed,
  senderFor,
} from './events.registrations.announce.ts'
import type { EventRow, NewRegistration, Person, RegistrationRow } from './events.registrations.repo.ts'
import * as repo from './events.registrations.repo.ts'
import {
  type AnswerProblem,
  checkAnswers,
  MAX_CAPACITY,
  placeAfterApproval,
  promotionRoom,
  promotions,
  questionProblem,
  queueArrival,
  REMINDER_LEAD_MS,
  type Refusal,
  type RegistrationStatus,
  reminderDue,
  STARTING_SOON_LEAD_MS,
  seatOutcome,
  startingSoonDue,
} from './events.registrations.rules.ts'
import type { RegistrationQuestion } from './events.schema.ts'

export type RegistrationDeps = Pick<Deps, 'db' | 'now' | 'config' | 'jobs' | 'communityNames'>

/** A registration refused for a reason the person can read (errors[reason]); nothing was changed. */
export class RegistrationRefused extends DomainError {
  readonly reason: Refusal
  constructor(reason: Refusal) {
    super(reason satisfies ErrorCode)
    this.reason = reason
  }
}

/** Answers the event's questions do not accept, each with its problem; nothing was changed. */
export class AnswersRefused extends DomainError {
  readonly problems: Record<string, AnswerProblem>
  constructor(problems: Record<string, AnswerProblem>) {
    super('invalid', 'The answers do not fit the event’s questions')
    this.problems = problems
    this.details = { answers: problems }
  }
}

export async function findEvent(deps: Pick<Deps, 'db'>, slug: string): Promise<EventRow> {
  const event = await repo.selectEventBySlug(deps.db, slug)
  if (!event) throw new DomainError('notFoundRecord')
  return event
}

/** Whether `actor` may organise `event` (see its registrations, approve, add, write to attendees). */
export async function mayOrganise(deps: Pick<Deps, 'db'>, actor: Actor, event: EventRow) {
  if (!actor) return false
  return can(actor, {
    action: 'event.organise',
    ...(await repo.selectOrganiseFacts(deps.db, event, actor.personId)),
  })
}

async function authorizeOrganise(deps: Pick<Deps, 'db'>, actor: Actor, event: EventRow) {
  if (!actor) throw new DomainError('unauthenticated')
  authorize(actor, {
    action: 'event.organise',
    ...(await repo.selectOrganiseFacts(deps.db, event, actor.personId)),
  })
  return actor
}

type Locked = {
  tx: Db
  event: EventRow
  confirmed: number
  /** People waiting, and when the last of them joined the queue. */
  queue: { waitlisted: number; tail: Date | null }
  /** The registration of the person the decision is about (`forPerson`), if they have one. */
  mine: RegistrationRow | null
  sender: Sender
}

/**
 * Runs `decide` in a transaction holding the event's seat counter locked. The event and its
 * queue are read after the lock, so what whoever held it before committed is seen. An event
 * without a counter gets one first (its confirmed registrations counted). What needs no lock
 * (the community's names for the mail) is read before, so the lock is held only for the decision.
 */
async function underSeatLock<T>(
  deps: RegistrationDeps,
  eventId: string,
  decide: (locked: Locked) => Promise<T>,
  forPerson: string | null = null,
): Promise<T> {
  const sender = await senderFor(deps, deps.db)
  const result = await deps.db.transaction(async (tx) => {
    let confirmed = await repo.lockSeats(tx, eventId)
    if (confirmed === null) {
      await repo.ensureSeats(tx, eventId)
      confirmed = (await repo.lockSeats(tx, eventId)) ?? 0
    }
    const found = await repo.selectEventWithQueue(tx, eventId, forPerson)
    if (!found) throw new DomainError('notFoundRecord')
    const { event, mine, ...queue } = found
    return decide({ tx, event, confirmed, queue, mine, sender })
  })
  await sendSoon(deps.jobs)
  return result
}

/** Gives the places free now to the head of the waitlist, in order, and tells each person once. */
async function promoteFromQueue(deps: RegistrationDeps, locked: Locked, confirmed: number) {
  const { tx, event } = locked
  const room = promotionRoom(event.capacity, confirmed)
  if (room === 0) return []
  const now = deps.now()
  const chosen = promotions(event.capacity, confirmed, await repo.selectQueueHead(tx, event.id, room))
  const promoted: RegistrationRow[] = []
  for (const r of chosen)
    promoted.push(
      await repo.updateRegistration(tx, r.id, { status: 'confirmed', confirmedAt: now, updatedAt: now }),
    )
  await repo.addConfirmed(tx, event.id, promoted.length)
  const people = new Map(
    (
      await repo.selectPeopleByIds(
        tx,
        promoted.map((r) => r.personId),
      )
    ).map((p) => [p.id, p]),
  )
  for (const r of promoted)
    await mailAboutPlace(tx, deps, locked.sender, 'promoted', event, people.get(r.personId)!)
  await publishConfirmed(
    tx,
    event,
    promoted.map((registration) => ({ registration, person: people.get(registration.personId)! })),
    'promoted',
    now,
  )
  return promoted
}

async function personOf(db: Db, personId: string): Promise<Person> {
  const person = await repo.selectPerson(db, personId)
  if (!person) throw new DomainError('notFoundRecord')
  return person
}

/** A decided registration, with the event as it was read under the seat lock. */
export type Registered = { registration: RegistrationRow; position: number | null; event: EventRow }

type Request = { personId: string; answers: Record<string, unknown> }
type Decided = { ok: true; value: Registered } | { ok: false; error: unknown }

/**
 * Decides a batch of registrations for one event in one transaction under its seat lock, in
 * the order they arrived: each is judged against the places and the queue as the ones before it
 * in the batch left them (the same person twice: the second is registered already). Refusals are
 * answers for their request alone; the rest are written together (rows, counter, mail, webhooks).
 */
async function decideRegistrations(
  deps: RegistrationDeps,
  slug: string,
  requests: Request[],
): Promise<Decided[]> {
  const found = await findEvent(deps, slug)
  const personIds = [...new Set(requests.map((r) => r.personId))]
  try {
    return await writeRegistrations(deps, found.id, requests, personIds)
  } catch (e) {
    if (e instanceof AllRefused) return e.results
    throw e
  }
}

/** Every request of a batch refused: the transaction is rolled back (not even a seat counter is made). */
class AllRefused extends Error {
  readonly results: Decided[]
  constructor(results: Decided[]) {
    super('every registration of the batch was refused')
    this.results = results
  }
}

async function writeRegistrations(
  deps: RegistrationDeps,
  eventId: string,
  requests: Request[],
  personIds: string[],
): Promise<Decided[]> {
  return underSeatLock(deps, eventId, async (locked) => {
    const { tx, event } = locked
    const now = deps.now()
    const [existingRows, people] = [
      await repo.selectRegistrationsOfPeople(tx, event.id, personIds),
      await repo.selectPeopleByIds(tx, personIds),
    ]
    const existing = new Map(existingRows.map((r) => [r.personId, r]))
    const personById = new Map(people.map((p) => [p.id, p]))
    const decided = new Set<string>()
    let { waitlisted, tail } = locked.queue
    let confirmed = locked.confirmed
    const results: Decided[] = []
    const writes: {
      index: number
      reuse: RegistrationRow | null
      row: NewRegistration
      position: number | null
    }[] = []
    for (const [index, request] of requests.entries()) {
      const person = personById.get(request.personId)
      if (!person) {
        results.push({ ok: false, error: new DomainError('notFoundRecord') })
        continue
      }
      const mine = existing.get(request.personId)
      const outcome = seatOutcome({
        event,
        seats: { confirmed, waitlisted },
        existing: decided.has(request.personId) ? 'confirmed' : (mine?.status ?? null),
        now,
      })
      if (outcome.kind === 'refused') {
        // A second request of someone decided earlier in this batch is registered already.
        results.push({
          ok: false,
          error: new RegistrationRefused(
            decided.has(request.personId) ? 'alreadyRegistered' : outcome.reason,
          ),
        })
        continue
      }
      const checked = checkAnswers(event.questions, request.answers)
      if (!checked.ok) {
        results.push({ ok: false, error: new AnswersRefused(checked.problems) })
        continue
      }
      // A newcomer to the waitlist stands behind everyone in it (see queueArrival).
      const queuedAt = outcome.kind === 'waitlisted' ? queueArrival(now, tail) : now
      if (outcome.kind === 'waitlisted') tail = queuedAt
      const position = outcome.kind === 'waitlisted' ? ++waitlisted : null
      if (outcome.kind === 'confirmed') confirmed++
      decided.add(request.personId)
      // Filled in once the batch is written.
      results.push({ ok: false, error: null })
      writes.push({
        index,
        reuse: mine ?? null,
        position,
        row: {
          id: mine?.id,
          eventId: event.id,
          personId: request.personId,
          status: outcome.kind,
          answers: checked.answers,
          queuedAt,
          ticketCode: newTicketCode(),
          addedByOrganiser: null,
          confirmedAt: outcome.kind === 'confirmed' ? now : null,
          cancelledAt: null,
          remindedAt: null,
          startingSoonAt: null,
          createdAt: mine?.createdAt ?? now,
          updatedAt: now,
        },
      })
    }
    if (writes.length === 0) throw new AllRefused(results)
    const inserted = await repo.insertRegistrations(
      tx,
      writes.filter((w) => !w.reuse).map(({ row: { id: _, ...row } }) => row),
    )
    const byPerson = new Map(inserted.map((r) => [r.personId, r]))
    for (const w of writes.filter((x) => x.reuse)) {
      const { id: _, eventId: _e, personId: _p, createdAt: _c, ...set } = w.row
      byPerson.set(w.row.personId, await repo.updateRegistration(tx, w.reuse!.id, set))
    }
    await repo.addConfirmed(tx, event.id, confirmed - locked.confirmed)
    const files: CalendarFiles = new Map()
    const letters: Letter[] = []
    const confirmedNow: { registration: RegistrationRow; person: Person }[] = []
    for (const w of writes) {
      const registration = byPerson.get(w.row.personId)!
      const person = personById.get(w.row.personId)!
      results[w.index] = { ok: true, value: { registration, position: w.position, event } }
      if (registration.status === 'confirmed') confirmedNow.push({ registration, person })
      const letter = letterAboutPlace(deps, registration.status as PlaceMailKind, event, person, {
        position: w.position ?? 1,
        files,
      })
      if (letter) letters.push(letter)
    }
    await publishConfirmed(tx, event, confirmedNow, 'registered', now)
    await enqueueMails(tx, letters, locked.sender)
    return results
  })
}

type Waiting = {
  request: Request
  deps: RegistrationDeps
  resolve: (r: Registered) => void
  reject: (e: unknown) => void
}

/**
 * Registrations arriving together for one event are decided together: the first waits for the
 * rest of the current turn of the event loop, then one transaction decides up to
 * `REGISTRATION_BATCH` in arrival order (under a flash crowd one lock and a handful of statements
 * serve a hundred people; on PGlite every statement costs). Places are still decided by the
 * database under the seat lock, so servers batching side by side never oversell. A batch that
 * fails is decided again one registration at a time, so one bad request fails alone.
 */
const REGISTRATION_BATCH = 100
const intakes = new WeakMap<object, Map<string, Waiting[]>>()

function decideSoon(slug: string, waiting: Map<string, Waiting[]>) {
  setImmediate(async () => {
    for (;;) {
      const queued = waiting.get(slug) ?? []
      if (queued.length === 0) {
        waiting.delete(slug)
        return
      }
      const batch = queued.splice(0, REGISTRATION_BATCH)
      const deps = batch[0]!.deps
      try {
        const results = await decideRegistrations(
          deps,
          slug,
          batch.map((w) => w.request),
        )
        batch.forEach((w, i) => {
          const r = results[i]!
          if (r.ok) w.resolve(r.value)
          else w.reject(r.error)
        })
      } catch (e) {
        if (batch.length === 1) batch[0]!.reject(e)
        else
          for (const w of batch)
            await decideRegistrations(w.deps, slug, [w.request]).then(
              ([r]) => (r!.ok ? w.resolve(r!.value) : w.reject(r!.error)),
              w.reject,
            )
      }
    }
  })
}

/**
 * Registers the signed-in person: a place while one is free, else the back of the waitlist, or
 * the organisers' approval where the event asks for it. One registration per person and event:
 * registering again after cancelling reuses the row and joins the back of the queue. Refusals
 * (event not open, outside the window, registered already, declined, answers missing) change
 * nothing.
 */
export async function register(
  deps: RegistrationDeps,
  actor: Actor,
  input: { slug: string; answers: Record<string, unknown> },
): Promise<Registered> {
  authorize(actor, { action: 'account.manage-own' })
  const slug = input.slug.toLowerCase()
  const waiting = intakes.get(deps.db) ?? new Map<string, Waiting[]>()
  intakes.set(deps.db, waiting)
  return new Promise<Registered>((resolve, reject) => {
    const queued = waiting.get(slug)
    const entry = { request: { personId: actor.personId, answers: input.answers }, deps, resolve, reject }
    if (queued) queued.push(entry)
    else {
      waiting.set(slug, [entry])
      decideSoon(slug, waiting)
    }
  })
}

/**
 * The attendee gives up their registration (a place, a spot on the waitlist, a request waiting
 * for approval). A freed place goes to the head of the waitlist in the same transaction.
 */
export async function cancelRegistration(deps: RegistrationDeps, actor: Actor, slug: string) {
  authorize(actor, { action: 'account.manage-own' })
  const found = await findEvent(deps, slug)
  return underSeatLock(
    deps,
    found.id,
    async (locked) => {
      const { event, mine: existing } = locked
      const now = deps.now()
      if (!existing || existing.status === 'cancelled' || existing.status === 'declined')
        throw new DomainError('notFoundRecord')
      if (now >= event.endsAt) throw new RegistrationRefused('registrationClosed')
      return endRegistration(deps, locked, existing, 'attendee')
    },
    actor.personId,
  )
}

async function endRegistration(
  deps: RegistrationDeps,
  locked: Locked,
  registration: RegistrationRow,
  by: 'attendee' | 'organiser',
  status: 'cancelled' | 'declined' = 'cancelled',
) {
  const { tx, event } = locked
  const now = deps.now()
  const ended = await repo.updateRegistration(tx, registration.id, {
    status,
    cancelledAt: now,
    updatedAt: now,
  })
  let confirmed = locked.confirmed
  if (registration.status === 'confirmed') {
    await repo.addConfirmed(tx, event.id, -1)
    confirmed -= 1
  }
  const person = await personOf(tx, registration.personId)
  await publishCancelled(tx, event, ended, person, by, now)
  if (by === 'organiser')
    await mailAboutPlace(
      tx,
      deps,
      locked.sender,
      status === 'declined' ? 'declined' : 'cancelledByOrganiser',
      event,
      person,
    )
  const promoted = await promoteFromQueue(deps, locked, confirmed)
  return { registration: ended, previous: registration.status, promoted, event }
}

/** An organiser's decision on one registration, read again under the lock. */
async function organiserMove<T>(
  deps: RegistrationDeps,
  actor: Actor,
  registrationId: string,
  move: (locked: Locked, registration: RegistrationRow, organiser: NonNullable<Actor>) => Promise<T>,
) {
  const before = await repo.selectRegistration(deps.db, registrationId)
  if (!before) throw new DomainError('notFoundRecord')
  const event = await repo.selectEvent(deps.db, before.eventId)
  if (!event) throw new DomainError('notFoundRecord')
  const organiser = await authorizeOrganise(deps, actor, event)
  return underSeatLock(deps, event.id, async (locked) => {
    const registration = await repo.selectRegistration(locked.tx, registrationId)
    if (!registration) throw new DomainError('notFoundRecord')
    return move(locked, registration, organiser)
  })
}

/** Approves a registration waiting for approval: a place if one is free, else the back of the waitlist. */
export async function approveRegistration(deps: RegistrationDeps, actor: Actor, registrationId: string) {
  return organiserMove(deps, actor, registrationId, async (locked, registration) => {
    const { tx, event, confirmed, queue } = locked
    if (registration.status !== 'pending') throw new DomainError('registrationChanged')
    const now = deps.now()
    const place = placeAfterApproval(event.capacity, { confirmed, waitlisted: queue.waitlisted })
    const approved = await repo.updateRegistration(tx, registration.id, {
      status: place,
      confirmedAt: place === 'confirmed' ? now : null,
      queuedAt: place === 'waitlisted' ? queueArrival(now, queue.tail) : registration.queuedAt,
      updatedAt: now,
    })
    const person = await personOf(tx, registration.personId)
    const position = place === 'waitlisted' ? queue.waitlisted + 1 : null
    if (place === 'confirmed') {
      await repo.addConfirmed(tx, event.id, 1)
      await publishConfirmed(tx, event, [{ registration: approved, person }], 'approved', now)
    }
    await mailAboutPlace(tx, deps, locked.sender, place, event, person, { position: position ?? 1 })
    return { registration: approved, position }
  })
}

/** Declines a registration waiting for approval (or for a place on the waitlist); they are told by mail. */
export async function declineRegistration(deps: RegistrationDeps, actor: Actor, registrationId: string) {
  return organiserMove(deps, actor, registrationId, async (locked, registration) => {
    if (registration.status !== 'pending' && registration.status !== 'waitlisted')
      throw new DomainError('registrationChanged')
    return endRegistration(deps, locked, registration, 'organiser', 'declined')
  })
}

/** Organisers cancel someone's registration; a freed place goes to the waitlist's head. */
export async function removeRegistration(deps: RegistrationDeps, actor: Actor, registrationId: string) {
  return organiserMove(deps, actor, registrationId, async (locked, registration) => {
    if (registration.status === 'cancelled' || registration.status === 'declined')
      throw new DomainError('registrationChanged')
    return endRegistration(deps, locked, registration, 'organiser')
  })
}

/**
 * Organisers give someone a place even when the event is full (a speaker, a sponsor, a helper).
 * `who` is a handle or an e-mail address; someone not here yet gets an account with the address.
 */
export async function addAttendee(
  deps: RegistrationDeps,
  actor: Actor,
  input: { slug: string; who: string; locale: Locale },
) {
  const found = await findEvent(deps, input.slug)
  const organiser = await authorizeOrganise(deps, actor, found)
  const who = input.who.trim()
  let person = await repo.selectPersonByHandleOrEmail(deps.db, who)
  if (!person && who.includes('@')) {
    const created = await findOrCreatePersonByEmail(deps, normalizeEmail(who), input.locale)
    person = await repo.selectPerson(deps.db, created.id)
  }
  if (!person) throw new DomainError('notFoundRecord')
  const personId = person.id
  return underSeatLock(deps, found.id, async (locked) => {
    const { tx, event } = locked
    if (event.status !== 'published') throw new RegistrationRefused('eventNotOpen')
    const now = deps.now()
    const existing = await repo.selectRegistrationOf(tx, event.id, personId)
    if (existing?.status === 'confirmed') throw new RegistrationRefused('alreadyRegistered')
    const values = {
      status: 'confirmed' as const,
      addedByOrganiser: organiser.personId,
      confirmedAt: now,
      cancelledAt: null,
      remindedAt: null,
      startingSoonAt: null,
      updatedAt: now,
    }
    const holdsTicket = existing && existing.status !== 'cancelled' && existing.status !== 'declined'
    const registration = existing
      ? await repo.updateRegistration(tx, existing.id, {
          ...values,
          ...(holdsTicket ? {} : { ticketCode: newTicketCode(), queuedAt: now }),
        })
      : await repo.insertRegistration(tx, {
          eventId: event.id,
          personId,
          queuedAt: now,
          ticketCode: newTicketCode(),
          createdAt: now,
          ...values,
        })
    await repo.addConfirmed(tx, event.id, 1)
    const attendee = await personOf(tx, personId)
    await publishConfirmed(tx, event, [{ registration, person: attendee }], 'added', now)
    await mailAboutPlace(tx, deps, locked.sender, 'confirmed', event, attendee)
    return registration
  })
}

/**
 * Sets the number of places (null: no limit). Raising it gives the new places to the waitlist in
 * order, telling each person once; lowering it below the people confirmed keeps every place and
 * stops new confirmations until there is room again.
 */
export async function changeCapacity(
  deps: RegistrationDeps,
  actor: Actor,
  input: { slug: string; capacity: number | null },
) {
  if (
    input.capacity !== null &&
    (!Number.isInteger(input.capacity) || input.capacity < 0 || input.capacity > MAX_CAPACITY)
  )
    throw new DomainError('invalid')
  const found = await findEvent(deps, input.slug)
  await authorizeOrganise(deps, actor, found)
  return underSeatLock(deps, found.id, async (locked) => {
    await repo.setCapacity(locked.tx, locked.event.id, input.capacity, deps.now())
    const event = { ...locked.event, capacity: input.capacity }
    return promoteFromQueue(deps, { ...locked, event }, locked.confirmed)
  })
}

/** A question that cannot be added, with why (the console says it at the field). */
export class QuestionRefused extends DomainError {
  readonly problem: NonNullable<ReturnType<typeof questionProblem>>
  constructor(problem: NonNullable<ReturnType<typeof questionProblem>>) {
    super('invalid', `The question cannot be added: ${problem}`)
    this.problem = problem
  }
}

/**
 * Adds a question to what registering asks. Under the seat lock, so a registration is checked
 * against the questions as they were when its place was decided.
 */
export async function addQuestion(
  deps: RegistrationDeps,
  actor: Actor,
  input: { slug: string; question: Omit<RegistrationQuestion, 'key'> },
) {
  const found = await findEvent(deps, input.slug)
  await authorizeOrganise(deps, actor, found)
  return underSeatLock(deps, found.id, async ({ tx, event }) => {
    const problem = questionProblem(event.questions, input.question)
    if (problem) throw new QuestionRefused(problem)
    const taken = new Set(event.questions.map((q) => q.key))
    let key = `q-${randomToken(4)}`
    while (taken.has(key)) key = `q-${randomToken(4)}`
    const question: RegistrationQuestion = {
      key,
      kind: input.question.kind,
      labelZh: input.question.labelZh,
      labelEn: input.question.labelEn,
      required: input.question.required,
      ...(input.question.kind === 'choice' ? { options: input.question.options ?? [] } : {}),
    }
    await repo.setRegistrationForm(tx, event.id, { questions: [...event.questions, question] }, deps.now())
    return question
  })
}

/** Takes a question off the form; answers people already gave stay with their registrations. */
export async function removeQuestion(
  deps: RegistrationDeps,
  actor: Actor,
  input: { slug: string; key: string },
) {
  const found = await findEvent(deps, input.slug)
  await authorizeOrganise(deps, actor, found)
  await underSeatLock(deps, found.id, async ({ tx, event }) => {
    if (!event.questions.some((q) => q.key === input.key)) throw new DomainError('notFoundRecord')
    const questions = event.questions.filter((q) => q.key !== input.key)
    await repo.setRegistrationForm(tx, event.id, { questions }, deps.now())
  })
}

/**
 * Whether organisers confirm each place. Registrations already waiting for approval stay so until
 * an organiser decides; from now on new ones follow the new setting.
 */
export async function setApproval(
  deps: RegistrationDeps,
  actor: Actor,
  input: { slug: string; requiresApproval: boolean },
) {
  const found = await findEvent(deps, input.slug)
  await authorizeOrganise(deps, actor, found)
  await underSeatLock(deps, found.id, async ({ tx, event }) => {
    await repo.setRegistrationForm(tx, event.id, { requiresApproval: input.requiresApproval }, deps.now())
  })
}

/** Organisers write to everyone holding a place (and, if they say so, to the waitlist), through the outbox. */
export async function messageAttendees(
  deps: RegistrationDeps,
  actor: Actor,
  input: { slug: string; subject: string; body: string; includeWaitlist: boolean },
) {
  const event = await findEvent(deps, input.slug)
  await authorizeOrganise(deps, actor, event)
  const statuses: RegistrationStatus[] = input.includeWaitlist ? ['confirmed', 'waitlisted'] : ['confirmed']
  const sender = await senderFor(deps, deps.db)
  const sent = await deps.db.transaction(async (tx) => {
    const recipients = await repo.selectRecipients(tx, event.id, statuses)
    for (const r of recipients)
      await mailFromOrganisers(tx, deps, sender, event, r.person, {
        subject: input.subject,
        body: input.body,
      })
    return recipients.filter((r) => r.person.email).length
  })
  await deps.jobs.nudge('mail-deliver')
  return sent
}

/** The event's registrations for its organisers: counts, the rows with answers (by status), the waitlist in order. */
export async function registrationsForOrganisers(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  input: { slug: string; status?: RegistrationStatus | undefined },
) {
  const event = await findEvent(deps, input.slug)
  await authorizeOrganise(deps, actor, event)
  const [counts, rows, waitlist, confirmed] = await Promise.all([
    repo.countByStatus(deps.db, event.id),
    repo.selectRegistrations(deps.db, event.id, input.status),
    repo.selectRegistrations(deps.db, event.id, 'waitlisted'),
    repo.selectConfirmed(deps.db, event.id),
  ])
  return { event, counts, rows, waitlist, confirmed: confirmed ?? counts.confirmed ?? 0 }
}

/** The signed-in person's registrations, latest event first. */
export async function myRegistrations(deps: Pick<Deps, 'db'>, actor: Actor) {
  authorize(actor, { action: 'account.manage-own' })
  return repo.selectRegistrationsOfPerson(deps.db, actor.personId)
}

/**
 * What the event page's registration panel needs for this reader: the confirmed count and
 * whether anyone waits (the counter may be a moment old: pages with it are kept only briefly),
 * and the reader's own registration with its place in the queue.
 */
export async function registrationFacts(deps: Pick<Deps, 'db'>, viewer: Actor, event: EventRow) {
  const [stored, waitlisted, mine] = await Promise.all([
    repo.selectConfirmed(deps.db, event.id),
    repo.countWaitlisted(deps.db, event.id),
    viewer ? repo.selectRegistrationOf(deps.db, event.id, viewer.personId) : undefined,
  ])
  const confirmed = stored ?? (await repo.countByStatus(deps.db, event.id)).confirmed ?? 0
  const position = mine?.status === 'waitlisted' ? await repo.selectQueuePosition(deps.db, mine) : null
  return { seats: { confirmed, waitlisted }, mine: mine ? { registration: mine, position } : null }
}

const REMINDER_BATCH = 100

/**
 * The reminder job: the day-before mail to everyone holding a place, and "starting soon" with the
 * link an hour before online and hybrid events, each once per registration (marked in the
 * transaction that writes it; rows locked with skip locked, so two servers never both send).
 */
export async function sendReminders(deps: Omit<RegistrationDeps, 'jobs'>) {
  let sent = 0
  for (const which of ['reminder', 'startingSoon'] as const) {
    const lead = which === 'reminder' ? REMINDER_LEAD_MS : STARTING_SOON_LEAD_MS
    const due = which === 'reminder' ? reminderDue : startingSoonDue
    for (;;) {
      const now = deps.now()
      const batch = await deps.db.transaction(async (tx) => {
        const rows = (await repo.lockDueReminders(tx, which, now, lead, REMINDER_BATCH)).filter((r) =>
          due(r.event, r.registration, now),
        )
        const sender = await senderFor(deps, tx)
        for (const r of rows) await mailAboutPlace(tx, deps, sender, which, r.event, r.person)
        await repo.markReminded(
          tx,
          rows.map((r) => r.registration.id),
          which,
          now,
        )
        return rows.length
      })
      sent += batch
      if (batch < REMINDER_BATCH) break
    }
  }
  return sent
}
