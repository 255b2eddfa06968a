// Queries of tickets and check-in. Takes a db or a transaction; the only SQL of this part.
import { and, desc, eq, exists, ilike, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../platform/db/client.ts'
import { chapters, chapterTeam } from '../chapters/chapters.schema.ts'
import { people } from '../people/people.schema.ts'
import {
  eventCheckins,
  eventOrganisers,
  eventRegistrations,
  events,
  volunteerRoles,
  volunteerShifts,
  volunteerSignups,
} from './events.schema.ts'

const personColumns = {
  id: people.id,
  handle: people.handle,
  nameZh: people.nameZh,
  nameEn: people.nameEn,
  avatarUrl: people.avatarUrl,
  avatar: people.avatar,
}

/** An event with what the door needs: its times, status and the SIG of the chapter holding it. */
export async function selectEvent(db: Db, where: { id: string } | { slug: string }) {
  const [row] = await db
    .select({ event: events, sigId: chapters.sigId })
    .from(events)
    .leftJoin(chapters, eq(chapters.id, events.chapterId))
    .where('id' in where ? eq(events.id, where.id) : sql`lower(${events.slug}) = lower(${where.slug})`)
  return row
}

export type DoorEvent = NonNullable<Awaited<ReturnType<typeof selectEvent>>>

/**
 * What `event.checkin` asks of a person and an event: do they organise it, sit on the team of the
 * chapter holding it, volunteer at it (a sign-up for one of its shifts)? One round trip.
 */
export async function selectDoorFacts(
  db: Db,
  event: { id: string; chapterId: string | null },
  personId: string,
) {
  const organises = db
    .select({ one: sql`1` })
    .from(eventOrganisers)
    .where(and(eq(eventOrganisers.eventId, event.id), eq(eventOrganisers.personId, personId)))
  const seated = (chapterId: string) =>
    db
      .select({ one: sql`1` })
      .from(chapterTeam)
      .where(
        and(
          eq(chapterTeam.chapterId, chapterId),
          eq(chapterTeam.personId, personId),
          isNull(chapterTeam.endedAt),
        ),
      )
  const volunteers = db
    .select({ one: sql`1` })
    .from(volunteerSignups)
    .innerJoin(volunteerShifts, eq(volunteerShifts.id, volunteerSignups.shiftId))
    .innerJoin(volunteerRoles, eq(volunteerRoles.id, volunteerShifts.roleId))
    .where(and(eq(volunteerRoles.eventId, event.id), eq(volunteerSignups.personId, personId)))
  const [row] = await db
    .select({
      isOrganiser: sql<boolean>`${exists(organises)}`,
      onChapterTeam: event.chapterId ? sql<boolean>`${exists(seated(event.chapterId))}` : sql<boolean>`false`,
      isVolunteer: sql<boolean>`${exists(volunteers)}`,
    })
    .from(sql`(select 1) as one`)
  return row!
}

const checker = alias(people, 'checker')

/** The columns a scan reads: the registration, whose it is, and its check-in with who made it. */
const scanColumns = {
  registration: {
    id: eventRegistrations.id,
    eventId: eventRegistrations.eventId,
    status: eventRegistrations.status,
    ticketCode: eventRegistrations.ticketCode,
  },
  person: personColumns,
  checkin: { id: eventCheckins.id, at: eventCheckins.checkedInAt, byPersonId: eventCheckins.checkedInBy },
  checker: { handle: checker.handle, nameZh: checker.nameZh, nameEn: checker.nameEn },
}

/**
 * A registration as the door sees it, found by its ticket code or its id. With `lock`, the
 * registration row is locked first (`for update`), so a scan and a cancellation, or two scans,
 * are decided one after the other, each seeing what the other did.
 */
export async function selectForScan(
  db: Db,
  where: { code: string } | { registrationId: string },
  options: { lock?: boolean } = {},
) {
  const match =
    'code' in where
      ? eq(eventRegistrations.ticketCode, where.code)
      : eq(eventRegistrations.id, where.registrationId)
  if (options.lock)
    await db.select({ id: eventRegistrations.id }).from(eventRegistrations).where(match).for('update')
  const [row] = await db
    .select(scanColumns)
    .from(eventRegistrations)
    .innerJoin(people, eq(people.id, eventRegistrations.personId))
    .leftJoin(eventCheckins, eq(eventCheckins.registrationId, eventRegistrations.id))
    .leftJoin(checker, eq(checker.id, eventCheckins.checkedInBy))
    .where(match)
  return row
}

export type ScanRow = NonNullable<Awaited<ReturnType<typeof selectForScan>>>

/**
 * Records the check-in unless the registration has one: the unique index on the registration
 * decides between two devices scanning at once; the loser gets nothing back.
 */
export async function insertCheckin(db: Db, row: typeof eventCheckins.$inferInsert) {
  const [inserted] = await db
    .insert(eventCheckins)
    .values(row)
    .onConflictDoNothing({ target: eventCheckins.registrationId })
    .returning()
  return inserted
}

/** Checked in and confirmed, as every check-in device shows them. */
export async function selectDoorCounts(db: Db, eventId: string) {
  const [checkins] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(eventCheckins)
    .where(eq(eventCheckins.eventId, eventId))
  const [confirmed] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'confirmed')))
  return { checkedIn: Number(checkins!.n), confirmed: Number(confirmed!.n) }
}

/**
 * This event's registrations whose holder's name or handle contains `query` (the door's fallback
 * when a ticket will not scan): confirmed places first, then by name.
 */
export function searchRegistrations(db: Db, eventId: string, query: string, limit = 20) {
  const pattern = `%${query.replace(/[\\%_]/g, (m) => `\\${m}`)}%`
  return db
    .select(scanColumns)
    .from(eventRegistrations)
    .innerJoin(people, eq(people.id, eventRegistrations.personId))
    .leftJoin(eventCheckins, eq(eventCheckins.registrationId, eventRegistrations.id))
    .leftJoin(checker, eq(checker.id, eventCheckins.checkedInBy))
    .where(
      and(
        eq(eventRegistrations.eventId, eventId),
        or(ilike(people.nameZh, pattern), ilike(people.nameEn, pattern), ilike(people.handle, pattern)),
      ),
    )
    .orderBy(
      sql`${eventRegistrations.status} <> 'confirmed'`,
      sql`coalesce(${people.nameEn}, ${people.nameZh}, ${people.handle})`,
    )
    .limit(limit)
}

/** The latest check-ins at the event, newest first (the door's "just arrived" list). */
export const selectRecentCheckins = (db: Db, eventId: string, limit = 8) =>
  db
    .select({
      at: eventCheckins.checkedInAt,
      person: personColumns,
      checker: { handle: checker.handle, nameZh: checker.nameZh, nameEn: checker.nameEn },
    })
    .from(eventCheckins)
    .innerJoin(eventRegistrations, eq(eventRegistrations.id, eventCheckins.registrationId))
    .innerJoin(people, eq(people.id, eventRegistrations.personId))
    .leftJoin(checker, eq(checker.id, eventCheckins.checkedInBy))
    .where(eq(eventCheckins.eventId, eventId))
    .orderBy(desc(eventCheckins.checkedInAt), desc(eventCheckins.id))
    .limit(limit)

/** A person's registration for an event, with its check-in (their ticket). */
export async function selectTicket(db: Db, eventId: string, personId: string) {
  const [row] = await db
    .select({ registration: eventRegistrations, checkedInAt: eventCheckins.checkedInAt })
    .from(eventRegistrations)
    .leftJoin(eventCheckins, eq(eventCheckins.registrationId, eventRegistrations.id))
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.personId, personId)))
  return row
}

/** The event a registration belongs to, by ticket code (a code scanned by a phone's own camera). */
export async function selectEventIdByCode(db: Db, code: string) {
  const [row] = await db
    .select({ eventId: eventRegistrations.eventId })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.ticketCode, code))
  return row?.eventId ?? null
}

/**
 * Events held with check-ins: those of some chapters, or those a person organised; not online
 * only, not cancelled, started by `until`, each with how many people were checked in (one at least).
 */
export const selectCheckedInEvents = (
  db: Db,
  of: { chapterIds: string[] } | { organisedBy: string },
  until: Date,
) =>
  db
    .select({
      eventId: events.id,
      chapterId: events.chapterId,
      slug: events.slug,
      titleZh: events.titleZh,
      titleEn: events.titleEn,
      startsAt: events.startsAt,
      timeZone: events.timeZone,
      checkedIn: sql<number>`count(${eventCheckins.id})::int`,
    })
    .from(events)
    .innerJoin(eventCheckins, eq(eventCheckins.eventId, events.id))
    .where(
      and(
        'chapterIds' in of
          ? inArray(events.chapterId, of.chapterIds)
          : exists(
              db
                .select({ one: sql`1` })
                .from(eventOrganisers)
                .where(
                  and(eq(eventOrganisers.eventId, events.id), eq(eventOrganisers.personId, of.organisedBy)),
                ),
            ),
        ne(events.mode, 'online'),
        ne(events.status, 'cancelled'),
        lte(events.startsAt, until),
      ),
    )
    .groupBy(events.id)
