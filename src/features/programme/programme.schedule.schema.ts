import { sql } from 'drizzle-orm'
import { index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { at, createdAt, id } from '../../platform/db/columns.ts'
import { eventSessions, events } from '../events/events.schema.ts'
import { people } from '../people/people.schema.ts'

/** A session as a published version holds it: where and when, and who was on stage. */
export type SnapshotSession = {
  /** The session's guid: stable across versions and moves. */
  guid: string
  sessionId: string
  titleZh: string | null
  titleEn: string | null
  roomId: string | null
  startsAt: string
  endsAt: string
  /** Person ids of everyone on stage (they are told when it moves). */
  speakers: string[]
}

/** Where a session was or is, as a change log keeps it (ISO instants). */
export type LoggedPlace = { roomId: string | null; startsAt: string; endsAt: string }
export type LoggedSession = { guid: string; titleZh: string | null; titleEn: string | null }
export type StoredChangeLog = {
  added: LoggedSession[]
  removed: LoggedSession[]
  cancelled: LoggedSession[]
  moved: (LoggedSession & { before: LoggedPlace; after: LoggedPlace })[]
}

/**
 * A published schedule of an event, numbered as pretalx numbers them (`0.1`, `0.2`, …), with what
 * moved since the version before and the placements it published. Never changed once written.
 */
export const scheduleVersions = pgTable(
  'schedule_versions',
  {
    id: id(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    version: text('version').notNull(),
    publishedAt: at('published_at').notNull(),
    publishedBy: uuid('published_by').references(() => people.id),
    changeLog: jsonb('change_log').$type<StoredChangeLog>().notNull(),
    snapshot: jsonb('snapshot').$type<SnapshotSession[]>().notNull(),
  },
  (t) => [
    // Two organisers publishing at once: the second insert of the same number fails, nothing doubles.
    uniqueIndex('schedule_versions_event_version_key').on(t.eventId, t.version),
    index('schedule_versions_event_idx').on(t.eventId, t.publishedAt),
  ],
)

/**
 * An organiser's word that a conflict may stand (a speaker who runs between rooms). Keyed by the
 * conflict's key, which changes once a session involved moves, so a moved session asks again.
 */
export const scheduleConflictAcceptances = pgTable(
  'schedule_conflict_acceptances',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    acceptedBy: uuid('accepted_by').references(() => people.id),
    acceptedAt: at('accepted_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.key] })],
)

/** A session a signed-in person starred for their own agenda ("my schedule"). */
export const sessionStars = pgTable(
  'session_stars',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => eventSessions.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.sessionId] }),
    index('session_stars_session_idx').on(t.sessionId),
    index('session_stars_person_idx').on(t.personId, sql`${t.createdAt}`),
  ],
)
