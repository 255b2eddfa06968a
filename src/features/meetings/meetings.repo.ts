import { and, asc, eq, gte, inArray } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { agendaItems, meetingAttendees, sigMeetings } from './meetings.schema.ts'

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
