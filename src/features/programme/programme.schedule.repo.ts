// The schedule editor's tables: published versions, accepted conflicts and people's stars. Events
// and their sessions are only read here (to name a starred session's event); events writes them.
import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { eventSessions, events } from '../events/events.schema.ts'
import { scheduleConflictAcceptances, scheduleVersions, sessionStars } from './programme.schedule.schema.ts'
import { eventTracks } from './programme.schema.ts'

export type ScheduleVersion = typeof scheduleVersions.$inferSelect

/** An event's published versions, latest first. */
export const selectVersions = (db: Db, eventId: string) =>
  db
    .select()
    .from(scheduleVersions)
    .where(eq(scheduleVersions.eventId, eventId))
    .orderBy(desc(scheduleVersions.publishedAt), desc(scheduleVersions.id))

export async function selectVersion(db: Db, eventId: string, version: string) {
  const [row] = await db
    .select()
    .from(scheduleVersions)
    .where(and(eq(scheduleVersions.eventId, eventId), eq(scheduleVersions.version, version)))
  return row
}

/** The number of the latest published version, without its snapshot (pages and exports only name it). */
export async function selectLatestVersionNumber(db: Db, eventId: string) {
  const [row] = await db
    .select({ version: scheduleVersions.version, publishedAt: scheduleVersions.publishedAt })
    .from(scheduleVersions)
    .where(eq(scheduleVersions.eventId, eventId))
    .orderBy(desc(scheduleVersions.publishedAt), desc(scheduleVersions.id))
    .limit(1)
  return row
}

/** The placements the latest published version holds (the public's schedule), or undefined before the first. */
export async function selectLatestSnapshot(db: Db, eventId: string) {
  const [row] = await db
    .select({ snapshot: scheduleVersions.snapshot })
    .from(scheduleVersions)
    .where(eq(scheduleVersions.eventId, eventId))
    .orderBy(desc(scheduleVersions.publishedAt), desc(scheduleVersions.id))
    .limit(1)
  return row?.snapshot
}

export async function insertVersion(db: Db, row: typeof scheduleVersions.$inferInsert) {
  const [inserted] = await db.insert(scheduleVersions).values(row).returning()
  return inserted!
}

export const selectAcceptances = (db: Db, eventId: string) =>
  db.select().from(scheduleConflictAcceptances).where(eq(scheduleConflictAcceptances.eventId, eventId))

export const insertAcceptance = (db: Db, row: typeof scheduleConflictAcceptances.$inferInsert) =>
  db.insert(scheduleConflictAcceptances).values(row).onConflictDoNothing()

/** Acceptances of conflicts that no longer exist (their sessions moved): they say nothing now. */
export const deleteAcceptances = (db: Db, eventId: string, keys: string[]) =>
  keys.length
    ? db
        .delete(scheduleConflictAcceptances)
        .where(
          and(
            eq(scheduleConflictAcceptances.eventId, eventId),
            inArray(scheduleConflictAcceptances.key, keys),
          ),
        )
    : Promise.resolve()

// --- Stars ------------------------------------------------------------------------------------

/** A session with its event's address and state, to decide whether it may be starred. */
export async function selectSessionEvent(db: Db, sessionId: string) {
  const [row] = await db
    .select({
      sessionId: eventSessions.id,
      kind: eventSessions.kind,
      eventId: events.id,
      slug: events.slug,
      status: events.status,
    })
    .from(eventSessions)
    .innerJoin(events, eq(events.id, eventSessions.eventId))
    .where(eq(eventSessions.id, sessionId))
  return row
}

export const insertStar = (db: Db, personId: string, sessionId: string, now: Date) =>
  db.insert(sessionStars).values({ personId, sessionId, createdAt: now }).onConflictDoNothing()

export const deleteStar = (db: Db, personId: string, sessionId: string) =>
  db
    .delete(sessionStars)
    .where(and(eq(sessionStars.personId, personId), eq(sessionStars.sessionId, sessionId)))

/** Which of these sessions the person starred. */
export async function selectStarredAmong(db: Db, personId: string, sessionIds: string[]) {
  if (!sessionIds.length) return new Set<string>()
  const rows = await db
    .select({ sessionId: sessionStars.sessionId })
    .from(sessionStars)
    .where(and(eq(sessionStars.personId, personId), inArray(sessionStars.sessionId, sessionIds)))
  return new Set(rows.map((r) => r.sessionId))
}

/** Everything the person starred, with the event's address, soonest first (untimed last). */
export const selectStarredRefs = (db: Db, personId: string) =>
  db
    .select({ slug: events.slug, sessionId: eventSessions.id, eventId: events.id })
    .from(sessionStars)
    .innerJoin(eventSessions, eq(eventSessions.id, sessionStars.sessionId))
    .innerJoin(events, eq(events.id, eventSessions.eventId))
    .where(eq(sessionStars.personId, personId))
    .orderBy(asc(eventSessions.startsAt), asc(eventSessions.id))

/** An event's tracks, in their order (the schedule's track filter). */
export const selectTracks = (db: Db, eventId: string) =>
  db
    .select({ id: eventTracks.id, nameZh: eventTracks.nameZh, nameEn: eventTracks.nameEn })
    .from(eventTracks)
    .where(eq(eventTracks.eventId, eventId))
    .orderBy(asc(eventTracks.position), asc(eventTracks.id))
