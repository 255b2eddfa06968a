// Every query of events' core: events, their seat counters (read only here: registrations change
// them), organisers, rooms, sessions, speakers and sponsors. Chapters' and people's tables are
// joined only to read the names, cities and faces the pages show.
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { chapters } from '../chapters/chapters.schema.ts'
import { people } from '../people/people.schema.ts'
import {
  eventOrganisers,
  eventRooms,
  eventSeats,
  eventSessions,
  eventSponsors,
  events,
  sessionSpeakers,
} from './events.schema.ts'

export type Event = typeof events.$inferSelect
export type NewEvent = typeof events.$inferInsert
export type Session = typeof eventSessions.$inferSelect
export type Room = typeof eventRooms.$inferSelect
export type Sponsor = typeof eventSponsors.$inferSelect

/** A new event with its seat counter (no place taken yet). */
export async function insertEvent(db: Db, row: NewEvent) {
  const [event] = await db.insert(events).values(row).returning()
  await db.insert(eventSeats).values({ eventId: event!.id })
  return event!
}

export const updateEvent = (db: Db, id: string, set: Partial<NewEvent>) =>
  db.update(events).set(set).where(eq(events.id, id))

export async function selectEventById(db: Db, id: string) {
  const [row] = await db.select().from(events).where(eq(events.id, id))
  return row
}

/** The event, locked until the transaction ends: two organisers' changes take turns. */
export async function selectEventForUpdate(db: Db, id: string) {
  const [row] = await db.select().from(events).where(eq(events.id, id)).for('update')
  return row
}

export async function selectEventBySlug(db: Db, slug: string) {
  const [row] = await db.select().from(events).where(sql`lower(${events.slug}) = lower(${slug})`)
  return row
}

/** Addresses in use that start with `base` (to number a new one past them). */
export async function selectSlugsLike(db: Db, base: string) {
  const rows = await db
    .select({ slug: events.slug })
    .from(events)
    .where(sql`lower(${events.slug}) like ${`${base.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`}`)
  return new Set(rows.map((r) => r.slug.toLowerCase()))
}

const chapterColumns = {
  id: chapters.id,
  slug: chapters.slug,
  cityZh: chapters.cityZh,
  cityEn: chapters.cityEn,
  sigId: chapters.sigId,
}

/** The chapter named by a slug, as events need it (its city and its SIG). */
export async function selectChapterBySlug(db: Db, slug: string) {
  const [row] = await db
    .select(chapterColumns)
    .from(chapters)
    .where(sql`lower(${chapters.slug}) = lower(${slug})`)
  return row
}

export async function selectChapterById(db: Db, id: string) {
  const [row] = await db.select(chapterColumns).from(chapters).where(eq(chapters.id, id))
  return row
}

/** The languages an event's sessions are held in, as one array per event. */
const sessionLanguagesOf = sql<string[]>`coalesce((
  select array_agg(distinct ${eventSessions.language}) from ${eventSessions}
  where ${eventSessions.eventId} = ${events.id} and ${eventSessions.language} is not null
), '{}')`

const cardColumns = {
  id: events.id,
  slug: events.slug,
  kind: events.kind,
  mode: events.mode,
  status: events.status,
  titleZh: events.titleZh,
  titleEn: events.titleEn,
  summaryZh: events.summaryZh,
  summaryEn: events.summaryEn,
  timeZone: events.timeZone,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  venueZh: events.venueZh,
  venueEn: events.venueEn,
  address: events.address,
  cover: events.cover,
  capacity: events.capacity,
  confirmed: sql<number>`coalesce(${eventSeats.confirmed}, 0)`.mapWith(Number),
  sessionLanguages: sessionLanguagesOf,
}

/**
 * Events as cards show them (no description): with their chapter, places taken and session
 * languages; `where` picks which. Soonest first.
 */
function selectCards(db: Db, where: ReturnType<typeof and>) {
  return db
    .select({
      ...cardColumns,
      chapter: { slug: chapters.slug, cityZh: chapters.cityZh, cityEn: chapters.cityEn },
    })
    .from(events)
    .leftJoin(chapters, eq(chapters.id, events.chapterId))
    .leftJoin(eventSeats, eq(eventSeats.eventId, events.id))
    .where(where)
    .orderBy(asc(events.startsAt), asc(events.id))
}
export type EventCardRow = Awaited<ReturnType<typeof selectCards>>[number]

/** Every event the public may read (all but drafts). */
export const selectPublicCards = (db: Db) => selectCards(db, ne(events.status, 'draft'))

/** A chapter's public events. */
export const selectChapterCards = (db: Db, chapterId: string) =>
  selectCards(db, and(ne(events.status, 'draft'), eq(events.chapterId, chapterId)))

/** Events with what deciding who may organise them needs: the chapter's SIG and the organisers. */
export async function selectEventsWithAccessFacts(db: Db, ids?: string[]) {
  const rows = await db
    .select({
      ...cardColumns,
      chapterId: events.chapterId,
      sigId: chapters.sigId,
      chapter: { slug: chapters.slug, cityZh: chapters.cityZh, cityEn: chapters.cityEn },
    })
    .from(events)
    .leftJoin(chapters, eq(chapters.id, events.chapterId))
    .leftJoin(eventSeats, eq(eventSeats.eventId, events.id))
    .where(ids ? inArray(events.id, ids) : undefined)
    .orderBy(desc(events.startsAt), desc(events.id))
  const organisers = rows.length
    ? await db
        .select({ eventId: eventOrganisers.eventId, personId: eventOrganisers.personId })
        .from(eventOrganisers)
        .where(
          inArray(
            eventOrganisers.eventId,
            rows.map((r) => r.id),
          ),
        )
    : []
  return rows.map((r) => ({
    ...r,
    organiserIds: organisers.filter((o) => o.eventId === r.id).map((o) => o.personId),
  }))
}

export async function selectConfirmed(db: Db, eventId: string) {
  const [row] = await db
    .select({ confirmed: eventSeats.confirmed })
    .from(eventSeats)
    .where(eq(eventSeats.eventId, eventId))
  return row?.confirmed ?? 0
}

// --- People of an event -----------------------------------------------------------------------

const personColumns = {
  id: people.id,
  handle: people.handle,
  nameZh: people.nameZh,
  nameEn: people.nameEn,
  avatar: people.avatar,
  avatarUrl: people.avatarUrl,
  profilePublic: people.profilePublic,
  publiclyCredited: people.publiclyCredited,
}

export const selectOrganisers = (db: Db, eventId: string) =>
  db
    .select({ id: eventOrganisers.id, position: eventOrganisers.position, person: personColumns })
    .from(eventOrganisers)
    .innerJoin(people, eq(people.id, eventOrganisers.personId))
    .where(eq(eventOrganisers.eventId, eventId))
    .orderBy(asc(eventOrganisers.position), asc(eventOrganisers.id))
export type OrganiserRow = Awaited<ReturnType<typeof selectOrganisers>>[number]

export async function insertOrganiser(db: Db, eventId: string, personId: string) {
  const [{ next }] = (await db
    .select({ next: sql<number>`coalesce(max(${eventOrganisers.position}) + 1, 0)`.mapWith(Number) })
    .from(eventOrganisers)
    .where(eq(eventOrganisers.eventId, eventId))) as [{ next: number }]
  await db.insert(eventOrganisers).values({ eventId, personId, position: next }).onConflictDoNothing()
}

export const insertOrganisers = (db: Db, eventId: string, personIds: string[]) =>
  personIds.length
    ? db
        .insert(eventOrganisers)
        .values(personIds.map((personId, position) => ({ eventId, personId, position })))
        .onConflictDoNothing()
    : Promise.resolve()

export const deleteOrganiser = (db: Db, eventId: string, id: string) =>
  db
    .delete(eventOrganisers)
    .where(and(eq(eventOrganisers.eventId, eventId), eq(eventOrganisers.id, id)))
    .returning({ id: eventOrganisers.id })

export const countOrganisers = async (db: Db, eventId: string) =>
  (
    await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(eventOrganisers)
      .where(eq(eventOrganisers.eventId, eventId))
  )[0]?.n ?? 0

// --- Rooms ------------------------------------------------------------------------------------

export const selectRooms = (db: Db, eventId: string) =>
  db
    .select()
    .from(eventRooms)
    .where(eq(eventRooms.eventId, eventId))
    .orderBy(asc(eventRooms.position), asc(eventRooms.id))

export async function insertRoom(db: Db, row: typeof eventRooms.$inferInsert) {
  const [room] = await db.insert(eventRooms).values(row).returning()
  return room!
}

export const updateRoom = (
  db: Db,
  eventId: string,
  id: string,
  set: Partial<typeof eventRooms.$inferInsert>,
) =>
  db
    .update(eventRooms)
    .set(set)
    .where(and(eq(eventRooms.eventId, eventId), eq(eventRooms.id, id)))
    .returning({ id: eventRooms.id })

export const deleteRoom = (db: Db, eventId: string, id: string) =>
  db
    .delete(eventRooms)
    .where(and(eq(eventRooms.eventId, eventId), eq(eventRooms.id, id)))
    .returning({ id: eventRooms.id })

// --- Sessions and speakers --------------------------------------------------------------------

export const selectSessions = (db: Db, eventId: string) =>
  db
    .select()
    .from(eventSessions)
    .where(eq(eventSessions.eventId, eventId))
    .orderBy(asc(eventSessions.startsAt), asc(eventSessions.position), asc(eventSessions.id))

export async function selectSession(db: Db, eventId: string, id: string) {
  const [row] = await db
    .select()
    .from(eventSessions)
    .where(and(eq(eventSessions.eventId, eventId), eq(eventSessions.id, id)))
  return row
}

export async function insertSession(db: Db, row: typeof eventSessions.$inferInsert) {
  const [next] = (await db
    .select({ n: sql<number>`coalesce(max(${eventSessions.position}) + 1, 0)`.mapWith(Number) })
    .from(eventSessions)
    .where(eq(eventSessions.eventId, row.eventId))) as [{ n: number }]
  const [session] = await db
    .insert(eventSessions)
    .values({ position: next.n, ...row })
    .returning()
  return session!
}

export const updateSession = (db: Db, id: string, set: Partial<typeof eventSessions.$inferInsert>) =>
  db.update(eventSessions).set(set).where(eq(eventSessions.id, id))

export const deleteSession = (db: Db, eventId: string, id: string) =>
  db
    .delete(eventSessions)
    .where(and(eq(eventSessions.eventId, eventId), eq(eventSessions.id, id)))
    .returning({ id: eventSessions.id })

/** Every session's calendar entry changes with its event's (a cancellation, a new zone). */
export const raiseSessionSequences = (db: Db, eventId: string, now: Date) =>
  db
    .update(eventSessions)
    .set({ sequence: sql`${eventSessions.sequence} + 1`, updatedAt: now })
    .where(eq(eventSessions.eventId, eventId))

export const selectSpeakers = (db: Db, sessionIds: string[]) =>
  sessionIds.length
    ? db
        .select({ speaker: sessionSpeakers, person: personColumns })
        .from(sessionSpeakers)
        .leftJoin(people, eq(people.id, sessionSpeakers.personId))
        .where(inArray(sessionSpeakers.sessionId, sessionIds))
        .orderBy(asc(sessionSpeakers.position), asc(sessionSpeakers.id))
    : Promise.resolve([])
export type SpeakerRow = Awaited<ReturnType<typeof selectSpeakers>>[number]

export async function insertSpeaker(db: Db, row: typeof sessionSpeakers.$inferInsert) {
  const [next] = (await db
    .select({ n: sql<number>`coalesce(max(${sessionSpeakers.position}) + 1, 0)`.mapWith(Number) })
    .from(sessionSpeakers)
    .where(eq(sessionSpeakers.sessionId, row.sessionId))) as [{ n: number }]
  await db.insert(sessionSpeakers).values({ position: next.n, ...row })
}

export const deleteSpeaker = (db: Db, sessionId: string, id: string) =>
  db
    .delete(sessionSpeakers)
    .where(and(eq(sessionSpeakers.sessionId, sessionId), eq(sessionSpeakers.id, id)))
    .returning({ id: sessionSpeakers.id })

// --- Sponsors ---------------------------------------------------------------------------------

export const selectSponsors = (db: Db, eventId: string) =>
  db
    .select()
    .from(eventSponsors)
    .where(eq(eventSponsors.eventId, eventId))
    .orderBy(asc(eventSponsors.position), asc(eventSponsors.id))

export async function insertSponsor(db: Db, row: typeof eventSponsors.$inferInsert) {
  const [next] = (await db
    .select({ n: sql<number>`coalesce(max(${eventSponsors.position}) + 1, 0)`.mapWith(Number) })
    .from(eventSponsors)
    .where(eq(eventSponsors.eventId, row.eventId))) as [{ n: number }]
  const [sponsor] = await db
    .insert(eventSponsors)
    .values({ position: next.n, ...row })
    .returning()
  return sponsor!
}

export const updateSponsor = (
  db: Db,
  eventId: string,
  id: string,
  set: Partial<typeof eventSponsors.$inferInsert>,
) =>
  db
    .update(eventSponsors)
    .set(set)
    .where(and(eq(eventSponsors.eventId, eventId), eq(eventSponsors.id, id)))
    .returning({ id: eventSponsors.id })

export const deleteSponsor = (db: Db, eventId: string, id: string) =>
  db
    .delete(eventSponsors)
    .where(and(eq(eventSponsors.eventId, eventId), eq(eventSponsors.id, id)))
    .returning({ id: eventSponsors.id })
