// Tickets and check-in at the door: a person's ticket, and scanning it (or finding the person by
// name) on the organisers' and volunteers' devices. Each check-in happens once, however many
// devices scan the same ticket at once: the registration row is locked for the decision and a
// unique index on the registration stands behind it. Subscribed systems hear `checkin.created`
// from the same transaction.
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import { isUuid } from '../../platform/http/edge-input.ts'
import { sendSoon } from '../../platform/jobs/jobs.ts'
import { type Actor, authorize } from '../access/index.ts'
import { publishEvent } from '../webhooks/index.ts'
import * as repo from './events.checkin.repo.ts'
import {
  checkinWindow,
  doorState,
  holdsTicket,
  type ScanOutcome,
  scanOutcome,
  ticketCodeFrom,
} from './events.checkin.rules.ts'

type DoorDeps = Pick<Deps, 'db' | 'now' | 'jobs'>

/** The event by its id (the console's addresses) or slug (public ones), or a 404 the page translates. */
async function findEvent(deps: Pick<Deps, 'db'>, where: { id: string } | { slug: string }) {
  const found = 'id' in where && !isUuid(where.id) ? undefined : await repo.selectEvent(deps.db, where)
  if (!found) throw new DomainError('notFoundRecord', 'No such event')
  return found
}

/** The id of the event at this address (the API names events by slug), or a 404. */
export const eventIdOf = async (deps: Pick<Deps, 'db'>, slug: string) =>
  (await findEvent(deps, { slug })).event.id

/** The event, once the actor is found to be someone who may check people in at it. */
async function doorOf(deps: Pick<Deps, 'db'>, actor: Actor, eventId: string) {
  if (!actor) throw new DomainError('unauthenticated')
  const found = await findEvent(deps, { id: eventId })
  const facts = await repo.selectDoorFacts(deps.db, found.event, actor.personId)
  authorize(actor, {
    action: 'event.checkin',
    isOrganiser: facts.isOrganiser,
    onChapterTeam: facts.onChapterTeam,
    sigId: found.sigId,
    isVolunteer: facts.isVolunteer,
  })
  return { ...found, actor }
}

/** Whether this person may check people in at the event (pages use it to offer the link). */
export async function mayCheckIn(deps: Pick<Deps, 'db'>, actor: Actor, eventId: string) {
  try {
    await doorOf(deps, actor, eventId)
    return true
  } catch (err) {
    if (err instanceof DomainError && (err.code === 'forbidden' || err.code === 'unauthenticated'))
      return false
    throw err
  }
}

/** The check-in page: the event, whether the door is open, the counts and who arrived last. */
export async function openDoor(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, eventId: string) {
  const { event } = await doorOf(deps, actor, eventId)
  const now = deps.now()
  return {
    event,
    now,
    door: doorState(event, now),
    window: checkinWindow(event),
    counts: await repo.selectDoorCounts(deps.db, event.id),
    recent: await repo.selectRecentCheckins(deps.db, event.id),
  }
}

/** The counts every check-in device keeps showing (polled): state from the database, never memory. */
export async function doorCounts(deps: Pick<Deps, 'db'>, actor: Actor, eventId: string) {
  const { event } = await doorOf(deps, actor, eventId)
  return repo.selectDoorCounts(deps.db, event.id)
}

/**
 * What every device at the door keeps current (polled): the counts and who just arrived, read
 * from the database each time, so two app servers (or ten phones) agree.
 */
export async function doorLive(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, eventId: string) {
  const { event } = await doorOf(deps, actor, eventId)
  return {
    event,
    now: deps.now(),
    counts: await repo.selectDoorCounts(deps.db, event.id),
    recent: await repo.selectRecentCheckins(deps.db, event.id),
  }
}

type Named = { handle: string; nameZh: string | null; nameEn: string | null }

/** What a scan came to, with the people it names (the ticket's holder, whoever checked them in). */
export type ScanResult = {
  outcome: ScanOutcome
  /** The holder, for a ticket of this event (another event's holder stays unnamed). */
  person: (Named & { id: string; avatarUrl: string | null }) | null
  /** Who checked the ticket in before (for "already checked in … by …"). */
  checker: Named | null
  /** The code as it was read, when it was one. */
  code: string | null
  counts: Awaited<ReturnType<typeof repo.selectDoorCounts>>
  /** The event at whose door it was scanned. */
  event: repo.DoorEvent['event']
}

/** What showing this registration at this event's door comes to, naming only this event's people. */
function judge(event: repo.DoorEvent['event'], row: repo.ScanRow | undefined, now: Date) {
  const outcome = scanOutcome(
    {
      event,
      registration: row ? row.registration : null,
      checkin: row?.checkin?.id ? { at: row.checkin.at!, byPersonId: row.checkin.byPersonId } : null,
    },
    now,
  )
  const ours = row && row.registration.eventId === event.id ? row : undefined
  const checker = ours?.checkin?.id && ours.checker?.handle ? (ours.checker as Named) : null
  return { outcome, person: ours?.person ?? null, checker }
}

/** Decides one scan inside a transaction: the registration locked, checked in at most once. */
async function decideScan(
  deps: DoorDeps,
  actorId: string,
  event: repo.DoorEvent['event'],
  where: { code: string } | { registrationId: string } | null,
): Promise<Omit<ScanResult, 'counts' | 'code' | 'event'>> {
  const now = deps.now()
  let published = 0
  const result = await deps.db.transaction(async (tx) => {
    const row = where ? await repo.selectForScan(tx, where, { lock: true }) : undefined
    const judged = judge(event, row, now)
    const ours = row && row.registration.eventId === event.id ? row : undefined
    if (judged.outcome.kind !== 'checkIn' || !ours) return judged
    const outcome = judged.outcome
    const inserted = await repo.insertCheckin(tx, {
      registrationId: ours.registration.id,
      eventId: event.id,
      checkedInAt: now,
      checkedInBy: actorId,
    })
    if (!inserted) {
      // The row lock makes this unreachable on both backends; should a path ever check in
      // without it, the unique index still lets one device win, and this one says so.
      const again = (await repo.selectForScan(tx, { registrationId: ours.registration.id }))!
      return {
        outcome: { kind: 'already' as const, at: again.checkin!.at!, byPersonId: again.checkin!.byPersonId },
        person: ours.person,
        checker: again.checker?.handle ? (again.checker as Named) : null,
      }
    }
    published = await publishEvent(
      tx,
      'checkin.created',
      {
        checkinId: inserted.id,
        event: { id: event.id, slug: event.slug },
        registrationId: ours.registration.id,
        person: { id: ours.person.id, handle: ours.person.handle },
        checkedInAt: inserted.checkedInAt.toISOString(),
        checkedInBy: actorId,
      },
      now,
    )
    return { outcome, person: ours.person, checker: null }
  })
  if (published) await sendSoon(deps.jobs)
  return result
}

/**
 * Checks in the ticket whose code was scanned or typed (the QR code's content, or the code as
 * printed) at this event. Refusals change nothing and say why; a second scan says when and by whom.
 */
export async function scanTicket(
  deps: DoorDeps,
  actor: Actor,
  eventId: string,
  scanned: string,
): Promise<ScanResult> {
  const { event, actor: who } = await doorOf(deps, actor, eventId)
  const code = ticketCodeFrom(scanned)
  const decided = await decideScan(deps, who.personId, event, code ? { code } : null)
  return { ...decided, code, event, counts: await repo.selectDoorCounts(deps.db, event.id) }
}

/**
 * What a ticket would come to, without checking it in (a phone's own camera opened the QR code's
 * address: the page asks before it acts, as a GET must not change anything).
 */
export async function previewTicket(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  eventId: string,
  scanned: string,
): Promise<Omit<ScanResult, 'counts'>> {
  const { event } = await doorOf(deps, actor, eventId)
  const code = ticketCodeFrom(scanned)
  const row = code ? await repo.selectForScan(deps.db, { code }) : undefined
  return { ...judge(event, row, deps.now()), code, event }
}

/** Checks in a registration found by name at the door (the ticket would not scan, or was not brought). */
export async function checkInRegistration(
  deps: DoorDeps,
  actor: Actor,
  eventId: string,
  registrationId: string,
): Promise<ScanResult> {
  const { event, actor: who } = await doorOf(deps, actor, eventId)
  const decided = await decideScan(deps, who.personId, event, { registrationId })
  return { ...decided, code: null, event, counts: await repo.selectDoorCounts(deps.db, event.id) }
}

/** This event's registrations whose holder's name contains `query` (at least two characters… or one CJK one). */
export async function searchAtDoor(deps: Pick<Deps, 'db'>, actor: Actor, eventId: string, query: string) {
  const { event } = await doorOf(deps, actor, eventId)
  const q = query.trim()
  if (!q || (q.length < 2 && !/\p{Script=Han}/u.test(q))) return []
  return repo.searchRegistrations(deps.db, event.id, q.slice(0, 100))
}

/**
 * The signed-in person's ticket for an event: their registration (any status: a waitlisted or
 * cancelled one says so and shows no code) and when they were checked in; null when they have none.
 */
export async function ticketOf(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, slug: string) {
  if (!actor) throw new DomainError('unauthenticated')
  const { event } = await findEvent(deps, { slug })
  const held = await repo.selectTicket(deps.db, event.id, actor.personId)
  if (!held) return { event, ticket: null }
  const { registration, checkedInAt } = held
  return {
    event,
    ticket: {
      status: registration.status,
      /** Shown (and put in the QR code) only while the place is confirmed. */
      code: holdsTicket(registration.status) ? registration.ticketCode : null,
      checkedInAt,
      window: checkinWindow(event),
    },
  }
}

/**
 * The event whose ticket this is, for someone who may check people in at it (a phone's own
 * camera opened the QR code's address): its id and the code, or a 404 for anyone else, so the
 * address tells a stranger nothing.
 */
export async function doorForCode(deps: Pick<Deps, 'db'>, actor: Actor, scanned: string) {
  if (!actor) throw new DomainError('unauthenticated')
  const code = ticketCodeFrom(scanned)
  const eventId = code ? await repo.selectEventIdByCode(deps.db, code) : null
  if (!code || !eventId || !(await mayCheckIn(deps, actor, eventId))) throw new DomainError('notFoundRecord')
  return { eventId, code }
}
