// What the programme's exports read of an event, in four queries: the event, its rooms, every
// session (untimed ones too: their integer ids are numbered among all of them) and the speakers
// with the people they are. The people table is only read.
import { asc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { people } from '../people/people.schema.ts'
import { eventRooms, eventSessions, events, sessionSpeakers } from './events.schema.ts'

/** An event with its rooms, sessions and speakers by its address, or undefined. */
export async function selectProgramme(db: Db, slug: string) {
  const [event] = await db
    .select({
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
      sequence: events.sequence,
    })
    .from(events)
    .where(sql`lower(${events.slug}) = lower(${slug})`)
  if (!event) return undefined
  const [rooms, sessions] = await Promise.all([
    db
      .select({
        id: eventRooms.id,
        guid: eventRooms.guid,
        nameZh: eventRooms.nameZh,
        nameEn: eventRooms.nameEn,
        capacity: eventRooms.capacity,
      })
      .from(eventRooms)
      .where(eq(eventRooms.eventId, event.id))
      .orderBy(asc(eventRooms.position), asc(eventRooms.id)),
    db
      .select({
        id: eventSessions.id,
        guid: eventSessions.guid,
        kind: eventSessions.kind,
        titleZh: eventSessions.titleZh,
        titleEn: eventSessions.titleEn,
        abstractZh: eventSessions.abstractZh,
        abstractEn: eventSessions.abstractEn,
        language: eventSessions.language,
        roomId: eventSessions.roomId,
        startsAt: eventSessions.startsAt,
        endsAt: eventSessions.endsAt,
        episodeId: eventSessions.episodeId,
        videoUrl: eventSessions.videoUrl,
        slidesUrl: eventSessions.slidesUrl,
        createdAt: eventSessions.createdAt,
      })
      .from(eventSessions)
      .where(eq(eventSessions.eventId, event.id))
      .orderBy(asc(eventSessions.startsAt), asc(eventSessions.position), asc(eventSessions.id)),
  ])
  const speakers = sessions.length
    ? await db
        .select({
          sessionId: sessionSpeakers.sessionId,
          nameZh: sessionSpeakers.nameZh,
          nameEn: sessionSpeakers.nameEn,
          person: {
            id: people.id,
            handle: people.handle,
            nameZh: people.nameZh,
            nameEn: people.nameEn,
            profilePublic: people.profilePublic,
            publiclyCredited: people.publiclyCredited,
          },
        })
        .from(sessionSpeakers)
        .leftJoin(people, eq(people.id, sessionSpeakers.personId))
        .where(
          inArray(
            sessionSpeakers.sessionId,
            sessions.map((s) => s.id),
          ),
        )
        .orderBy(asc(sessionSpeakers.position), asc(sessionSpeakers.id))
    : []
  return { event, rooms, sessions, speakers }
}
