import { sql } from 'drizzle-orm'
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { at, createdAt, id } from '../../platform/db/columns.ts'
import type { StoredPicture } from '../../platform/media/pictures.ts'
import { chapters } from '../chapters/chapters.schema.ts'
import { people } from '../people/people.schema.ts'
import { episodes } from '../podcast/podcast.schema.ts'
// A cycle (proposals name their event, sessions their proposal and track): both sides refer to the
// other's columns only inside reference callbacks, which run after both modules are loaded.
import { eventTracks, proposals } from '../programme/programme.schema.ts'
import { sessionKind, sessionLevel } from './events.enums.ts'

export const eventKind = pgEnum('event_kind', ['meetup', 'conference'])
export const attendanceMode = pgEnum('event_attendance_mode', ['offline', 'online', 'hybrid'])
export const eventStatus = pgEnum('event_status', ['draft', 'published', 'postponed', 'cancelled'])
export const registrationStatus = pgEnum('registration_status', [
  /** Holds a place. */
  'confirmed',
  /** In the queue for a place, in arrival order (`queuedAt`, then `id`). */
  'waitlisted',
  /** Waiting for an organiser's approval (events that ask for it). */
  'pending',
  /** An organiser said no. */
  'declined',
  /** The attendee (or an organiser) gave the place up. */
  'cancelled',
])
// In their own module so the programme's schema, which this one imports, can use them too.
export { sessionKind, sessionLevel } from './events.enums.ts'
export const speakerRole = pgEnum('speaker_role', ['speaker', 'moderator', 'panelist', 'host'])

/** One question an event asks people who register. */
export type RegistrationQuestion = {
  /** Stable within the event: answers are kept by it. */
  key: string
  kind: 'text' | 'choice' | 'yes_no'
  labelZh: string | null
  labelEn: string | null
  required: boolean
  /** For `choice`: the options, each in both languages (at least one of them). */
  options?: { key: string; labelZh: string | null; labelEn: string | null }[]
}

/**
 * A meetup (a chapter's) or a conference (several days and rooms), offline, online or hybrid.
 * Times are moments; `timeZone` is the IANA zone they are shown in. Places are counted in
 * `event_seats`, apart from the event, so registrations do not move the content generation that
 * every kept page of the site depends on.
 */
export const events = pgTable(
  'events',
  {
    id: id(),
    slug: text('slug').notNull(),
    kind: eventKind('kind').notNull(),
    mode: attendanceMode('mode').notNull(),
    /** The chapter holding a meetup (required for meetups; a conference may name a host chapter). */
    chapterId: uuid('chapter_id').references(() => chapters.id),
    titleZh: text('title_zh'),
    titleEn: text('title_en'),
    summaryZh: text('summary_zh'),
    summaryEn: text('summary_en'),
    /** Markdown, sanitised when rendered. */
    descriptionZh: text('description_zh'),
    descriptionEn: text('description_en'),
    timeZone: text('time_zone').notNull(),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    venueZh: text('venue_zh'),
    venueEn: text('venue_en'),
    address: text('address'),
    /** ISO 3166-1 alpha-2, for the address in JSON-LD. */
    country: text('country'),
    mapUrl: text('map_url'),
    accessibilityZh: text('accessibility_zh'),
    accessibilityEn: text('accessibility_en'),
    /** The video call or stream; shown only to people holding a place. */
    onlineUrl: text('online_url'),
    cover: jsonb('cover').$type<StoredPicture>(),
    status: eventStatus('status').notNull().default('draft'),
    /** Places; null: no limit. */
    capacity: integer('capacity'),
    requiresApproval: boolean('requires_approval').notNull().default(false),
    registrationOpensAt: at('registration_opens_at'),
    registrationClosesAt: at('registration_closes_at'),
    questions: jsonb('questions').$type<RegistrationQuestion[]>().notNull().default([]),
    /** iCalendar SEQUENCE: raised on every change people's calendars must pick up. */
    sequence: integer('sequence').notNull().default(0),
    /** The edition this one was copied from ("copy as the next edition"). */
    previousEditionId: uuid('previous_edition_id'),
    createdBy: uuid('created_by').references(() => people.id),
    publishedAt: at('published_at'),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('events_slug_key').on(sql`lower(${t.slug})`),
    index('events_starts_idx').on(t.status, t.startsAt),
    index('events_chapter_idx').on(t.chapterId, t.startsAt),
    check('events_title_check', sql`${t.titleZh} is not null or ${t.titleEn} is not null`),
    check('events_meetup_chapter_check', sql`${t.kind} <> 'meetup' or ${t.chapterId} is not null`),
    check('events_times_check', sql`${t.endsAt} > ${t.startsAt}`),
    check('events_capacity_check', sql`${t.capacity} is null or ${t.capacity} >= 0`),
  ],
)

/**
 * An event's seat counter: the confirmed registrations, changed only in a transaction that holds
 * this row's lock (`select … for update`), as are capacity changes, so two app servers never give
 * away the same place. It has no content-generation trigger (see `events`): pages that show
 * places left are kept only briefly.
 */
export const eventSeats = pgTable(
  'event_seats',
  {
    eventId: uuid('event_id')
      .primaryKey()
      .references(() => events.id, { onDelete: 'cascade' }),
    confirmed: integer('confirmed').notNull().default(0),
  },
  (t) => [check('event_seats_confirmed_check', sql`${t.confirmed} >= 0`)],
)

/** People organising an event, in the order they are credited. */
export const eventOrganisers = pgTable(
  'event_organisers',
  {
    id: id(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    uniqueIndex('event_organisers_key').on(t.eventId, t.personId),
    index('event_organisers_person_idx').on(t.personId),
  ],
)

/** A sponsor shown on the event's page, with its logo and link. */
export const eventSponsors = pgTable(
  'event_sponsors',
  {
    id: id(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    nameZh: text('name_zh'),
    nameEn: text('name_en'),
    url: text('url'),
    logo: jsonb('logo').$type<StoredPicture>(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    index('event_sponsors_event_idx').on(t.eventId, t.position),
    check('event_sponsors_name_check', sql`${t.nameZh} is not null or ${t.nameEn} is not null`),
  ],
)

/** A room of a conference (a meetup usually has none). */
export const eventRooms = pgTable(
  'event_rooms',
  {
    id: id(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    nameZh: text('name_zh'),
    nameEn: text('name_en'),
    capacity: integer('capacity'),
    position: integer('position').notNull().default(0),
    /** A stable identifier for schedule exports (c3voc `guid`). */
    guid: uuid('guid').notNull().default(sql`gen_random_uuid()`),
  },
  (t) => [
    index('event_rooms_event_idx').on(t.eventId, t.position),
    check('event_rooms_name_check', sql`${t.nameZh} is not null or ${t.nameEn} is not null`),
  ],
)

/**
 * A session of an event: a talk, a panel with its moderator, a meetup's agenda item, a live
 * podcast recording. `guid` never changes when a session moves (schedule exports rely on it).
 */
export const eventSessions = pgTable(
  'event_sessions',
  {
    id: id(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    kind: sessionKind('kind').notNull().default('talk'),
    titleZh: text('title_zh'),
    titleEn: text('title_en'),
    /** Markdown, sanitised when rendered. */
    abstractZh: text('abstract_zh'),
    abstractEn: text('abstract_en'),
    /** BCP 47 language of the session itself (zh, en). */
    language: text('language'),
    roomId: uuid('room_id').references(() => eventRooms.id, { onDelete: 'set null' }),
    startsAt: at('starts_at'),
    endsAt: at('ends_at'),
    /** A live recording: the episode it became. */
    episodeId: uuid('episode_id').references(() => episodes.id, { onDelete: 'set null' }),
    videoUrl: text('video_url'),
    slidesUrl: text('slides_url'),
    position: integer('position').notNull().default(0),
    guid: uuid('guid').notNull().default(sql`gen_random_uuid()`),
    sequence: integer('sequence').notNull().default(0),
    trackId: uuid('track_id').references((): AnyPgColumn => eventTracks.id, { onDelete: 'set null' }),
    level: sessionLevel('level'),
    /** How long it runs once placed (a proposal's length), for a session not on the clock yet. */
    durationMinutes: integer('duration_minutes'),
    /** The accepted proposal this session came from (programme.schema.ts). */
    proposalId: uuid('proposal_id').references((): AnyPgColumn => proposals.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('event_sessions_event_idx').on(t.eventId, t.startsAt),
    uniqueIndex('event_sessions_guid_key').on(t.guid),
    uniqueIndex('event_sessions_proposal_key').on(t.proposalId),
    index('event_sessions_track_idx').on(t.trackId),
    check('event_sessions_title_check', sql`${t.titleZh} is not null or ${t.titleEn} is not null`),
    check(
      'event_sessions_times_check',
      sql`${t.endsAt} is null or ${t.startsAt} is null or ${t.endsAt} > ${t.startsAt}`,
    ),
  ],
)

/** Who speaks, moderates or sits on a panel in a session: a person in Hearth or a named outsider. */
export const sessionSpeakers = pgTable(
  'session_speakers',
  {
    id: id(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => eventSessions.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').references(() => people.id),
    nameZh: text('name_zh'),
    nameEn: text('name_en'),
    /** An outsider's affiliation or link, as typed. */
    affiliation: text('affiliation'),
    role: speakerRole('role').notNull().default('speaker'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    index('session_speakers_session_idx').on(t.sessionId, t.position),
    index('session_speakers_person_idx').on(t.personId),
    check(
      'session_speakers_who_check',
      sql`${t.personId} is not null or ${t.nameZh} is not null or ${t.nameEn} is not null`,
    ),
  ],
)

/**
 * A person's place at an event: one row per person and event (registering again after
 * cancelling reuses it and joins the back of the queue). `ticketCode` is the secret the QR code
 * carries; check-in looks it up.
 */
export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: id(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    status: registrationStatus('status').notNull(),
    answers: jsonb('answers').$type<Record<string, string>>().notNull().default({}),
    /** Arrival in the queue: the waitlist is served in this order (then by id). */
    queuedAt: at('queued_at').notNull().defaultNow(),
    ticketCode: text('ticket_code').notNull(),
    /** An organiser seated them beyond capacity. */
    addedByOrganiser: uuid('added_by_organiser').references(() => people.id),
    confirmedAt: at('confirmed_at'),
    cancelledAt: at('cancelled_at'),
    /** Reminders sent (the job marks them, so each goes once). */
    remindedAt: at('reminded_at'),
    startingSoonAt: at('starting_soon_at'),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('event_registrations_person_key').on(t.eventId, t.personId),
    uniqueIndex('event_registrations_ticket_key').on(t.ticketCode),
    index('event_registrations_queue_idx').on(t.eventId, t.status, t.queuedAt, t.id),
    index('event_registrations_person_idx').on(t.personId),
  ],
)

/** A ticket scanned at the door: once per registration. */
export const eventCheckins = pgTable(
  'event_checkins',
  {
    id: id(),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => eventRegistrations.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    checkedInAt: at('checked_in_at').notNull().defaultNow(),
    checkedInBy: uuid('checked_in_by').references(() => people.id),
  },
  (t) => [
    uniqueIndex('event_checkins_registration_key').on(t.registrationId),
    index('event_checkins_event_idx').on(t.eventId, t.checkedInAt),
  ],
)

/** A volunteer role at an event (registration desk, photos, host). */
export const volunteerRoles = pgTable(
  'volunteer_roles',
  {
    id: id(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    nameZh: text('name_zh'),
    nameEn: text('name_en'),
    descriptionZh: text('description_zh'),
    descriptionEn: text('description_en'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    index('volunteer_roles_event_idx').on(t.eventId),
    check('volunteer_roles_name_check', sql`${t.nameZh} is not null or ${t.nameEn} is not null`),
  ],
)

/** A shift of a volunteer role, with how many people it needs. */
export const volunteerShifts = pgTable(
  'volunteer_shifts',
  {
    id: id(),
    roleId: uuid('role_id')
      .notNull()
      .references(() => volunteerRoles.id, { onDelete: 'cascade' }),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    slots: integer('slots').notNull(),
  },
  (t) => [
    index('volunteer_shifts_role_idx').on(t.roleId, t.startsAt),
    check('volunteer_shifts_times_check', sql`${t.endsAt} > ${t.startsAt}`),
    check('volunteer_shifts_slots_check', sql`${t.slots} > 0`),
  ],
)

export const volunteerSignups = pgTable(
  'volunteer_signups',
  {
    id: id(),
    shiftId: uuid('shift_id')
      .notNull()
      .references(() => volunteerShifts.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('volunteer_signups_key').on(t.shiftId, t.personId)],
)

/**
 * The secret of a person's private calendar feed (their registrations). Kept as given, like a
 * calendar service's secret address: the person copies it again from their page, and resetting
 * it cuts off every copy.
 */
export const calendarFeeds = pgTable('calendar_feeds', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => people.id),
  secret: text('secret').notNull().unique(),
  createdAt: createdAt(),
})
