// What the after-the-event features write and read of sessions: the recording and slide links
// pasted in bulk, and the sessions a person spoke at for their profile. The people table is only read.
import { and, asc, desc, eq, ne } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { eventSessions, events, sessionSpeakers } from './events.schema.ts'

/**
 * Writes each session's links (a link given as null is left as it was); only sessions of
 * `eventId` are touched. Returns how many sessions were written.
 */
export async function updateSessionLinks(
  db: Db,
  eventId: string,
  links: { sessionId: string; videoUrl: string | null; slidesUrl: string | null }[],
  now: Date,
) {
  let written = 0
  for (const l of links) {
    const rows = await db
      .update(eventSessions)
      .set({
        ...(l.videoUrl ? { videoUrl: l.videoUrl } : {}),
        ...(l.slidesUrl ? { slidesUrl: l.slidesUrl } : {}),
        updatedAt: now,
      })
      .where(and(eq(eventSessions.eventId, eventId), eq(eventSessions.id, l.sessionId)))
      .returning({ id: eventSessions.id })
    written += rows.length
  }
  return written
}

/** The sessions of public events (not drafts) a person is named in, with their role, latest first. */
export const selectSessionsOfPerson = (db: Db, personId: string) =>
  db
    .select({
      role: sessionSpeakers.role,
      session: {
        id: eventSessions.id,
        titleZh: eventSessions.titleZh,
        titleEn: eventSessions.titleEn,
        startsAt: eventSessions.startsAt,
        videoUrl: eventSessions.videoUrl,
        slidesUrl: eventSessions.slidesUrl,
      },
      event: {
        slug: events.slug,
        titleZh: events.titleZh,
        titleEn: events.titleEn,
        startsAt: events.startsAt,
      },
    })
    .from(sessionSpeakers)
    .innerJoin(eventSessions, eq(eventSessions.id, sessionSpeakers.sessionId))
    .innerJoin(events, eq(events.id, eventSessions.eventId))
    .where(and(eq(sessionSpeakers.personId, personId), ne(events.status, 'draft')))
    .orderBy(desc(events.startsAt), asc(eventSessions.startsAt), asc(eventSessions.position))
