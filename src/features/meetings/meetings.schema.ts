import { sql } from 'drizzle-orm'
import { check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { at, createdAt, id } from '../../platform/db/columns.ts'
import { chapters } from '../chapters/chapters.schema.ts'
import { people, sigs } from '../people/people.schema.ts'

/** A meeting of a SIG (the user-group committee meets regularly), with its agenda. */
export const sigMeetings = pgTable(
  'sig_meetings',
  {
    id: id(),
    sigId: uuid('sig_id')
      .notNull()
      .references(() => sigs.id),
    /** The meeting's name in Chinese and in English; at least one of them (the check below). */
    titleZh: text('title_zh'),
    titleEn: text('title_en'),
    startsAt: at('starts_at').notNull(),
    /** A room, or the video call's address. */
    place: text('place'),
    createdBy: uuid('created_by').references(() => people.id),
    createdAt: createdAt(),
    /** When whoever ran the meeting recorded who was there (null: not recorded yet). */
    presenceRecordedAt: at('presence_recorded_at'),
    presenceRecordedBy: uuid('presence_recorded_by').references(() => people.id),
  },
  (t) => [
    index('sig_meetings_starts_idx').on(t.startsAt),
    check('sig_meetings_title_check', sql`${t.titleZh} is not null or ${t.titleEn} is not null`),
  ],
)

/**
 * One item on a meeting's agenda. An item about a chapter needs someone from that chapter's team
 * at the meeting; `askedAt` is when the team was asked to send someone.
 */
export const agendaItems = pgTable(
  'agenda_items',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => sigMeetings.id),
    /** What is discussed, in Chinese and in English; at least one of them (the check below). */
    titleZh: text('title_zh'),
    titleEn: text('title_en'),
    chapterId: uuid('chapter_id').references(() => chapters.id),
    addedBy: uuid('added_by').references(() => people.id),
    askedAt: at('asked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('agenda_items_meeting_idx').on(t.meetingId),
    check('agenda_items_title_check', sql`${t.titleZh} is not null or ${t.titleEn} is not null`),
  ],
)

/** Someone who confirmed they will attend a meeting. */
export const meetingAttendees = pgTable(
  'meeting_attendees',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => sigMeetings.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    confirmedAt: at('confirmed_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('meeting_attendees_key').on(t.meetingId, t.personId)],
)

/**
 * Someone who was at a meeting, as recorded after it (confirmations before it say who meant to
 * come; this says who came, and is what a chapter's representation is judged by).
 */
export const meetingPresence = pgTable(
  'meeting_presence',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => sigMeetings.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
  },
  (t) => [
    uniqueIndex('meeting_presence_key').on(t.meetingId, t.personId),
    index('meeting_presence_person_idx').on(t.personId),
  ],
)
