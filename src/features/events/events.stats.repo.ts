// The queries behind events' statistics: counts of registrations by status and of check-ins per
// event, and the moments registrations arrived. Read only; chapters are joined for their cities.
import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { chapters } from '../chapters/chapters.schema.ts'
import { eventCheckins, eventRegistrations, events } from './events.schema.ts'

const count = (where: ReturnType<typeof sql>) => sql<number>`count(*) filter (where ${where})`.mapWith(Number)

/**
 * Events with their registrations counted by status and the check-ins of places still held.
 * Counted from the registrations themselves (not the seat counter), so every figure on one page
 * comes from one snapshot. Soonest first.
 */
export async function selectEventCounts(db: Db, eventIds: readonly string[]) {
  if (eventIds.length === 0) return []
  return db
    .select({
      id: events.id,
      slug: events.slug,
      kind: events.kind,
      status: events.status,
      titleZh: events.titleZh,
      titleEn: events.titleEn,
      chapterId: events.chapterId,
      timeZone: events.timeZone,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      capacity: events.capacity,
      chapter: { slug: chapters.slug, cityZh: chapters.cityZh, cityEn: chapters.cityEn },
      confirmed: count(sql`${eventRegistrations.status} = 'confirmed'`),
      waitlisted: count(sql`${eventRegistrations.status} = 'waitlisted'`),
      pending: count(sql`${eventRegistrations.status} = 'pending'`),
      cancelled: count(sql`${eventRegistrations.status} = 'cancelled'`),
      declined: count(sql`${eventRegistrations.status} = 'declined'`),
      checkedIn: count(sql`${eventRegistrations.status} = 'confirmed' and ${eventCheckins.id} is not null`),
    })
    .from(events)
    .leftJoin(chapters, eq(chapters.id, events.chapterId))
    .leftJoin(eventRegistrations, eq(eventRegistrations.eventId, events.id))
    .leftJoin(eventCheckins, eq(eventCheckins.registrationId, eventRegistrations.id))
    .where(inArray(events.id, [...eventIds]))
    .groupBy(events.id, chapters.id)
    .orderBy(asc(events.startsAt), asc(events.id))
}
export type EventCounts = Awaited<ReturnType<typeof selectEventCounts>>[number]

/** When each registration of the event was first made, in order. */
export async function selectRegisteredMoments(db: Db, eventId: string) {
  const rows = await db
    .select({ at: eventRegistrations.createdAt })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, eventId))
    .orderBy(asc(eventRegistrations.createdAt))
  return rows.map((r) => r.at)
}

/** When each place held now was given (on registering, on approval or on promotion from the waitlist). */
export async function selectConfirmedMoments(db: Db, eventId: string) {
  const rows = await db
    .select({ at: eventRegistrations.confirmedAt })
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.eventId, eventId),
        eq(eventRegistrations.status, 'confirmed'),
        isNotNull(eventRegistrations.confirmedAt),
      ),
    )
    .orderBy(asc(eventRegistrations.confirmedAt))
  return rows.map((r) => r.at!)
}

/** The chapters' ids in the order their pages list them (by city). */
export async function selectChapterOrder(db: Db) {
  const rows = await db.select({ id: chapters.id }).from(chapters).orderBy(asc(chapters.cityEn))
  return rows.map((r) => r.id)
}
