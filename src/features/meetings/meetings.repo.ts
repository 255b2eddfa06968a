import { and, asc, desc, eq, gte, inArray, isNotNull, lte } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { agendaItems, meetingAttendees, meetingPresence, sigMeetings } from './meetings.schema.ts'

export type Meeting = typeof sigMeetings.$inferSelect
export type AgendaItem = typeof agendaItems.$inferSelect

export async function insertMeeting(db: Db, row: typeof sigMeetings.$inferInsert) {
  const [inserted] = await db.insert(sigMeetings).values(row).returning()
  return inserted!
}

export async function selectMeeting(db: Db, id: string) {
  const [row] = await db.select().from(sigMeetings).where(eq(sigMeetings.id, id))
  return row
}

/** Meetings from a moment on, soonest first. */
export const selectMeetingsFrom = (db: Db, from: Date) =>
  db.select().from(sigMeetings).where(gte(sigMeetings.startsAt, from)).orderBy(asc(sigMeetings.startsAt))

export const insertAgendaItem = (db: Db, row: typeof agendaItems.$inferInsert) =>
  db.insert(agendaItems).values(row)

export const selectAgendaItems = (db: Db, meetingIds: string[]) =>
  meetingIds.length
    ? db
        .select()
        .from(agendaItems)
        .where(inArray(agendaItems.meetingId, meetingIds))
        .orderBy(asc(agendaItems.createdAt), asc(agendaItems.id))
    : Promise.resolve([])

export const markAsked = (db: Db, itemId: string, at: Date) =>
  db.update(agendaItems).set({ askedAt: at }).where(eq(agendaItems.id, itemId))

export const selectAttendees = (db: Db, meetingIds: string[]) =>
  meetingIds.length
    ? db.select().from(meetingAttendees).where(inArray(meetingAttendees.meetingId, meetingIds))
    : Promise.resolve([])

/** Confirms (idempotently) or withdraws one person's attendance. */
export async function setAttendance(
  db: Db,
  meetingId: string,
  personId: string,
  attending: boolean,
  at: Date,
) {
  if (attending)
    await db.insert(meetingAttendees).values({ meetingId, personId, confirmedAt: at }).onConflictDoNothing()
  else
    await db
      .delete(meetingAttendees)
      .where(and(eq(meetingAttendees.meetingId, meetingId), eq(meetingAttendees.personId, personId)))
}

/** Meetings that started within a span, latest first (those whose attendance may be recorded). */
export const selectMeetingsBetween = (db: Db, from: Date, to: Date) =>
  db
    .select()
    .from(sigMeetings)
    .where(and(gte(sigMeetings.startsAt, from), lte(sigMeetings.startsAt, to)))
    .orderBy(desc(sigMeetings.startsAt))

/** Meetings whose attendance was recorded, with their agenda items about these chapters. */
export async function selectDiscussions(db: Db, chapterIds: string[]) {
  if (!chapterIds.length) return { meetings: [], items: [] }
  const items = await db
    .select({
      meetingId: agendaItems.meetingId,
      chapterId: agendaItems.chapterId,
      titleZh: agendaItems.titleZh,
      titleEn: agendaItems.titleEn,
    })
    .from(agendaItems)
    .innerJoin(sigMeetings, eq(sigMeetings.id, agendaItems.meetingId))
    .where(and(inArray(agendaItems.chapterId, chapterIds), isNotNull(sigMeetings.presenceRecordedAt)))
  const ids = [...new Set(items.map((i) => i.meetingId))]
  const meetings = ids.length ? await db.select().from(sigMeetings).where(inArray(sigMeetings.id, ids)) : []
  return { meetings, items }
}

export const selectPresence = (db: Db, meetingIds: string[]) =>
  meetingIds.length
    ? db.select().from(meetingPresence).where(inArray(meetingPresence.meetingId, meetingIds))
    : Promise.resolve([])

/** The meeting, locked: two people recording who was there take turns, the later list standing. */
export async function selectMeetingForUpdate(db: Db, id: string) {
  const [row] = await db.select().from(sigMeetings).where(eq(sigMeetings.id, id)).for('update')
  return row
}

/** Replaces who was at a meeting with this list, and says who recorded it when. */
export async function replacePresence(db: Db, meetingId: string, personIds: string[], by: string, at: Date) {
  await db.delete(meetingPresence).where(eq(meetingPresence.meetingId, meetingId))
  if (personIds.length)
    await db.insert(meetingPresence).values(personIds.map((personId) => ({ meetingId, personId })))
  await db
    .update(sigMeetings)
    .set({ presenceRecordedAt: at, presenceRecordedBy: by })
    .where(eq(sigMeetings.id, meetingId))
}
