// Queries of registrations and the seat counter. Takes a db or a transaction; the only SQL of
// this part. It reads `people` (names, address, language) and the chapter's team and SIG for who
// may organise an event, as the accounts and check-in repos read people: reading only.
import { and, asc, count, desc, eq, gt, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { chapters, chapterTeam } from '../chapters/chapters.schema.ts'
import { people } from '../people/people.schema.ts'
import type { RegistrationStatus } from './events.registrations.rules.ts'
import {
  eventOrganisers,
  eventRegistrations,
  eventSeats,
  events,
  type RegistrationQuestion,
} from './events.schema.ts'

export type EventRow = typeof events.$inferSelect
export type RegistrationRow = typeof eventRegistrations.$inferSelect
export type NewRegistration = typeof eventRegistrations.$inferInsert

const personColumns = {
  id: people.id,
  handle: people.handle,
  nameZh: people.nameZh,
  nameEn: people.nameEn,
  email: people.email,
  locale: people.locale,
  avatarUrl: people.avatarUrl,
  avatar: people.avatar,
}

export async function selectEventBySlug(db: Db, slug: string) {
  const [row] = await db.select().from(events).where(sql`lower(${events.slug}) = lower(${slug})`)
  return row
}

export async function selectEvent(db: Db, id: string) {
  const [row] = await db.select().from(events).where(eq(events.id, id))
  return row
}

/**
 * What `event.organise` asks of a person and an event: do they organise it, sit on the team of
 * the chapter holding it, and which SIG that chapter belongs to. One round trip.
 */
export async function selectOrganiseFacts(
  db: Db,
  event: { id: string; chapterId: string | null },
  personId: string,
) {
  const [row] = await db
    .select({
      isOrganiser: sql<boolean>`exists (select 1 from ${eventOrganisers} where ${eventOrganisers.eventId} = ${event.id} and ${eventOrganisers.personId} = ${personId})`,
      onChapterTeam: event.chapterId
        ? sql<boolean>`exists (select 1 from ${chapterTeam} where ${chapterTeam.chapterId} = ${event.chapterId} and ${chapterTeam.personId} = ${personId} and ${chapterTeam.endedAt} is null)`
        : sql<boolean>`false`,
      sigId: event.chapterId
        ? sql<
            string | null
          >`(select ${chapters.sigId} from ${chapters} where ${chapters.id} = ${event.chapterId})`
        : sql<string | null>`null`,
    })
    .from(sql`(select 1) as one`)
  return row!
}

// --- The seat counter -------------------------------------------------------------------------

/**
 * Makes sure the event has its seat counter. An event made before counters existed (or by a
 * path that did not add one) gets one holding the confirmed registrations it has; two callers
 * at once both come out with the one row (`on conflict do nothing`).
 */
export async function ensureSeats(db: Db, eventId: string) {
  await db.execute(sql`
    insert into ${eventSeats} (event_id, confirmed)
    select ${eventId}, count(*)::int from ${eventRegistrations}
    where ${eventRegistrations.eventId} = ${eventId} and ${eventRegistrations.status} = 'confirmed'
    on conflict (event_id) do nothing`)
}

/**
 * Locks the event's seat counter (`for update`) and returns the confirmed count. Every decision
 * about places (registering, cancelling, approving, promoting, a capacity change) holds this
 * lock until its transaction ends, so they happen one after the other on any number of servers.
 */
export async function lockSeats(db: Db, eventId: string): Promise<number | null> {
  const [row] = await db
    .select({ confirmed: eventSeats.confirmed })
    .from(eventSeats)
    .where(eq(eventSeats.eventId, eventId))
    .for('update')
  return row?.confirmed ?? null
}

export async function addConfirmed(db: Db, eventId: string, by: number) {
  if (by === 0) return
  await db
    .update(eventSeats)
    .set({ confirmed: sql`${eventSeats.confirmed} + ${by}` })
    .where(eq(eventSeats.eventId, eventId))
}

/** The confirmed count without a lock, for pages (may be a moment old). */
export async function selectConfirmed(db: Db, eventId: string): Promise<number | null> {
  const [row] = await db
    .select({ confirmed: eventSeats.confirmed })
    .from(eventSeats)
    .where(eq(eventSeats.eventId, eventId))
  return row?.confirmed ?? null
}

export async function setCapacity(db: Db, eventId: string, capacity: number | null, now: Date) {
  await db.update(events).set({ capacity, updatedAt: now }).where(eq(events.id, eventId))
}

/** What registering asks: the questions and whether organisers confirm each place. */
export async function setRegistrationForm(
  db: Db,
  eventId: string,
  set: { questions?: RegistrationQuestion[]; requiresApproval?: boolean },
  now: Date,
) {
  await db
    .update(events)
    .set({ ...set, updatedAt: now })
    .where(eq(events.id, eventId))
}

// --- Registrations ----------------------------------------------------------------------------

export async function selectRegistrationOf(db: Db, eventId: string, personId: string) {
  const [row] = await db
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.personId, personId)))
  return row
}

export async function selectRegistration(db: Db, id: string) {
  const [row] = await db.select().from(eventRegistrations).where(eq(eventRegistrations.id, id))
  return row
}

export async function insertRegistration(db: Db, row: NewRegistration) {
  const [created] = await db.insert(eventRegistrations).values(row).returning()
  return created!
}

export async function insertRegistrations(db: Db, rows: NewRegistration[]) {
  if (rows.length === 0) return []
  return db.insert(eventRegistrations).values(rows).returning()
}

/** These people's registrations for the event (one each at most). */
export function selectRegistrationsOfPeople(db: Db, eventId: string, personIds: string[]) {
  return db
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), inArray(eventRegistrations.personId, personIds)))
}

export async function updateRegistration(db: Db, id: string, set: Partial<NewRegistration>) {
  const [row] = await db.update(eventRegistrations).set(set).where(eq(eventRegistrations.id, id)).returning()
  return row!
}

/**
 * The event as it is now, with its waitlist's length and when its last person joined: one round
 * trip, read after the seat lock is held (a statement that waited for the lock would see the
 * rest as it was before the wait).
 */
export async function selectEventWithQueue(db: Db, eventId: string, personId: string | null) {
  const waiting = and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'waitlisted'))
  const [row] = await db
    .select({
      event: events,
      // The person's own registration, when the decision is about one person.
      mine: eventRegistrations,
      waitlisted: sql<number>`(select count(*)::int from ${eventRegistrations} where ${waiting})`,
      tail: sql<Date | null>`(select max(${eventRegistrations.queuedAt}) from ${eventRegistrations} where ${waiting})`.mapWith(
        eventRegistrations.queuedAt,
      ),
    })
    .from(events)
    .leftJoin(
      eventRegistrations,
      and(
        eq(eventRegistrations.eventId, events.id),
        personId ? eq(eventRegistrations.personId, personId) : sql`false`,
      ),
    )
    .where(eq(events.id, eventId))
  return row
}

export async function countWaitlisted(db: Db, eventId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'waitlisted')))
  return row?.n ?? 0
}

/** The head of the waitlist in arrival order (then id), at most `limit` (all without one). */
export async function selectQueueHead(db: Db, eventId: string, limit: number | null) {
  const query = db
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'waitlisted')))
    .orderBy(asc(eventRegistrations.queuedAt), asc(eventRegistrations.id))
  return limit === null ? query : query.limit(limit)
}

/** A waitlisted registration's place in the queue (1 for the next person to get a place). */
export async function selectQueuePosition(db: Db, registration: RegistrationRow): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.eventId, registration.eventId),
        eq(eventRegistrations.status, 'waitlisted'),
        or(
          sql`${eventRegistrations.queuedAt} < ${registration.queuedAt}`,
          and(
            eq(eventRegistrations.queuedAt, registration.queuedAt),
            lte(eventRegistrations.id, registration.id),
          ),
        ),
      ),
    )
  return row?.n ?? 1
}

/** How many registrations wait for an organiser's approval, per event among `eventIds` (none: absent). */
export async function countPendingByEvent(db: Db, eventIds: string[]): Promise<Map<string, number>> {
  if (!eventIds.length) return new Map()
  const rows = await db
    .select({ eventId: eventRegistrations.eventId, n: count() })
    .from(eventRegistrations)
    .where(and(inArray(eventRegistrations.eventId, eventIds), eq(eventRegistrations.status, 'pending')))
    .groupBy(eventRegistrations.eventId)
  return new Map(rows.map((r) => [r.eventId, r.n]))
}

/** How many registrations of each status the event has. */
export async function countByStatus(db: Db, eventId: string) {
  const rows = await db
    .select({ status: eventRegistrations.status, n: count() })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, eventId))
    .groupBy(eventRegistrations.status)
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<RegistrationStatus, number>>
}

/**
 * The event's registrations with the people behind them, for organisers: by status when given,
 * in queue order (arrival, then id), which is the waitlist's order too.
 */
export function selectRegistrations(db: Db, eventId: string, status?: RegistrationStatus) {
  return db
    .select({ registration: eventRegistrations, person: personColumns })
    .from(eventRegistrations)
    .innerJoin(people, eq(people.id, eventRegistrations.personId))
    .where(
      and(
        eq(eventRegistrations.eventId, eventId),
        status ? eq(eventRegistrations.status, status) : undefined,
      ),
    )
    .orderBy(asc(eventRegistrations.queuedAt), asc(eventRegistrations.id))
}

/** People holding a place (and, with `waitlisted`, those waiting), to write to them all. */
export function selectRecipients(db: Db, eventId: string, statuses: RegistrationStatus[]) {
  return db
    .select({ registrationId: eventRegistrations.id, person: personColumns })
    .from(eventRegistrations)
    .innerJoin(people, eq(people.id, eventRegistrations.personId))
    .where(and(eq(eventRegistrations.eventId, eventId), inArray(eventRegistrations.status, statuses)))
    .orderBy(asc(eventRegistrations.queuedAt), asc(eventRegistrations.id))
}

/** A person's registrations with their events, soonest event first. */
export function selectRegistrationsOfPerson(db: Db, personId: string) {
  return db
    .select({ registration: eventRegistrations, event: events })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(eq(eventRegistrations.personId, personId))
    .orderBy(desc(events.startsAt))
}

export async function selectPerson(db: Db, id: string) {
  const [row] = await db.select(personColumns).from(people).where(eq(people.id, id))
  return row
}

export async function selectPeopleByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return []
  return db.select(personColumns).from(people).where(inArray(people.id, ids))
}

export async function selectPersonByHandleOrEmail(db: Db, handleOrEmail: string) {
  const [row] = await db
    .select(personColumns)
    .from(people)
    .where(
      or(
        sql`lower(${people.handle}) = lower(${handleOrEmail})`,
        sql`lower(${people.email}) = lower(${handleOrEmail})`,
      ),
    )
  return row
}

export type Person = NonNullable<Awaited<ReturnType<typeof selectPerson>>>

// --- Reminders --------------------------------------------------------------------------------

/**
 * Places whose reminder is due (the same conditions as `reminderDue` and `startingSoonDue`),
 * locked (`for update skip locked`): two app servers running the job at once each take
 * different rows, and a row is marked in the transaction that writes its mail.
 */
export async function lockDueReminders(
  db: Db,
  which: 'reminder' | 'startingSoon',
  now: Date,
  leadMs: number,
  limit: number,
) {
  const horizon = new Date(now.getTime() + leadMs)
  return db
    .select({ registration: eventRegistrations, event: events, person: personColumns })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .innerJoin(people, eq(people.id, eventRegistrations.personId))
    .where(
      and(
        eq(eventRegistrations.status, 'confirmed'),
        eq(events.status, 'published'),
        gt(events.startsAt, now),
        lte(events.startsAt, horizon),
        which === 'reminder'
          ? and(
              isNull(eventRegistrations.remindedAt),
              // Places taken within the last day had their confirmation moments ago.
              sql`${eventRegistrations.confirmedAt} <= ${events.startsAt} - make_interval(secs => ${leadMs / 1000})`,
            )
          : and(isNull(eventRegistrations.startingSoonAt), ne(events.mode, 'offline')),
      ),
    )
    .orderBy(asc(events.startsAt), asc(eventRegistrations.id))
    .limit(limit)
    .for('update', { of: eventRegistrations, skipLocked: true })
}

export async function markReminded(db: Db, ids: string[], which: 'reminder' | 'startingSoon', now: Date) {
  if (ids.length === 0) return
  await db
    .update(eventRegistrations)
    .set(which === 'reminder' ? { remindedAt: now } : { startingSoonAt: now })
    .where(inArray(eventRegistrations.id, ids))
}

/** When the last person on the waitlist joined it (null: nobody waits). */
export async function selectQueueTail(db: Db, eventId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: eventRegistrations.queuedAt })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'waitlisted')))
    .orderBy(desc(eventRegistrations.queuedAt), desc(eventRegistrations.id))
    .limit(1)
  return row?.at ?? null
}
