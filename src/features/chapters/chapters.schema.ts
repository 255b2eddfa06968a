import { sql } from 'drizzle-orm'
import { check, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { at, createdAt, id } from '../../platform/db/columns.ts'
import type { StoredPicture } from '../../platform/media/pictures.ts'
import { type ProfileLink, people, sigs } from '../people/people.schema.ts'

/** A city chapter (城市站) under a SIG: where local meetups come from. */
export const chapters = pgTable(
  'chapters',
  {
    id: id(),
    slug: text('slug').notNull(),
    cityZh: text('city_zh').notNull(),
    cityEn: text('city_en').notNull(),
    /** ISO 3166-1 alpha-2. */
    country: text('country').notNull(),
    /** Where the chapter usually meets (a district, a venue), free text. */
    location: text('location'),
    sigId: uuid('sig_id')
      .notNull()
      .references(() => sigs.id),
    foundedOn: date('founded_on', { mode: 'string' }).notNull(),
    /** active, at_risk, inactive: see chapters.rules.ts. */
    status: text('status').notNull().default('active'),
    /** When `status` last changed (an inactive chapter waits for a leader approved after it). */
    statusSince: at('status_since').notNull().defaultNow(),
    /**
     * Set while the SIG looks for a new leader (the last one stepped down without a successor):
     * the day the search ends; when it passes with nobody seated, the chapter becomes inactive.
     */
    leaderWantedUntil: date('leader_wanted_until', { mode: 'string' }),
    /**
     * The day a new leader brought the chapter back from inactive: the yearly clock restarts there,
     * as it did at the founding (a handover between leaders does not restart it).
     */
    revivedOn: date('revived_on', { mode: 'string' }),
    descriptionZh: text('description_zh'),
    descriptionEn: text('description_en'),
    links: jsonb('links').$type<ProfileLink[]>().notNull().default([]),
    contact: text('contact'),
    /** A cover picture the team uploaded, in the sizes cards and the chapter page show. */
    cover: jsonb('cover').$type<StoredPicture>(),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('chapters_slug_key').on(sql`lower(${t.slug})`)],
)

/**
 * A place on a chapter's team, held from `startedAt` until `endedAt`. Rows are never deleted:
 * the team's history (who led the chapter when, who stepped down and why) stays readable.
 */
export const chapterTeam = pgTable(
  'chapter_team',
  {
    id: id(),
    chapterId: uuid('chapter_id')
      .notNull()
      .references(() => chapters.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** leader (站长), vice_leader (副站长) or member (委员). */
    role: text('role').notNull(),
    startedAt: at('started_at').notNull().defaultNow(),
    endedAt: at('ended_at'),
    endReason: text('end_reason'),
    /** The application that put them there, when one did. */
    applicationId: uuid('application_id'),
    /** Who seated them by hand (a promotion, an appointment), when someone did. */
    appointedBy: uuid('appointed_by').references(() => people.id),
    /**
     * Why they were seated although they had not been active lately (the SIG's judgment the
     * seed allows), as the person who seated them wrote it.
     */
    overrideReason: text('override_reason'),
  },
  (t) => [
    index('chapter_team_chapter_idx').on(t.chapterId, t.endedAt),
    index('chapter_team_person_idx').on(t.personId),
    // One current leader and one current vice-leader per chapter.
    uniqueIndex('chapter_team_one_leader_key')
      .on(t.chapterId, t.role)
      .where(sql`${t.endedAt} is null and ${t.role} in ('leader', 'vice_leader')`),
    // One person holds at most one seat in a chapter at a time (a leader is not also its vice-leader).
    uniqueIndex('chapter_team_one_seat_key').on(t.chapterId, t.personId).where(sql`${t.endedAt} is null`),
  ],
)

/**
 * An event a chapter held, recorded by hand by its team or the SIG: self-reported, so it carries
 * evidence (attendance, photos or a link). Only offline and hybrid ones count for the yearly rule.
 */
export const chapterEvents = pgTable(
  'chapter_events',
  {
    id: id(),
    chapterId: uuid('chapter_id')
      .notNull()
      .references(() => chapters.id),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    /** The event's name in Chinese and in English; at least one of them (the check below). */
    titleZh: text('title_zh'),
    titleEn: text('title_en'),
    /** The single title of rows recorded before the pair (migration 0034 copied it into the pair); not read. */
    legacyTitle: text('title'),
    /**
     * offline, online or hybrid (chapters.rules.ts). The default is for rows recorded before the
     * form asked: the health page always described them as offline events, so they keep counting.
     */
    mode: text('mode').notNull().default('offline'),
    attendance: integer('attendance'),
    link: text('link'),
    photosUrl: text('photos_url'),
    recordedBy: uuid('recorded_by').references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('chapter_events_chapter_idx').on(t.chapterId, t.heldOn),
    check('chapter_events_mode_check', sql`${t.mode} in ('offline', 'online', 'hybrid')`),
    check('chapter_events_title_check', sql`${t.titleZh} is not null or ${t.titleEn} is not null`),
  ],
)

/** The SIG excusing a chapter from holding events until a day, with the reason (a pandemic). */
export const chapterExemptions = pgTable(
  'chapter_exemptions',
  {
    id: id(),
    chapterId: uuid('chapter_id')
      .notNull()
      .references(() => chapters.id),
    reason: text('reason').notNull(),
    until: date('until', { mode: 'string' }).notNull(),
    recordedBy: uuid('recorded_by').references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [index('chapter_exemptions_chapter_idx').on(t.chapterId, t.until)],
)

/**
 * A chapter asking the community for help (a venue, materials, speakers and topics, volunteers,
 * promotion, training), followed until it is done or declined; its history is kept beside it.
 */
export const supportRequests = pgTable(
  'support_requests',
  {
    id: id(),
    chapterId: uuid('chapter_id')
      .notNull()
      .references(() => chapters.id),
    kind: text('kind').notNull(),
    details: text('details').notNull(),
    neededBy: date('needed_by', { mode: 'string' }),
    /** open, in_progress, done, declined: see chapters.rules.ts. */
    status: text('status').notNull().default('open'),
    requestedBy: uuid('requested_by').references(() => people.id),
    /** Who in the SIG took it on. */
    handledBy: uuid('handled_by').references(() => people.id),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('support_requests_status_idx').on(t.status, t.createdAt),
    index('support_requests_chapter_idx').on(t.chapterId),
  ],
)

export const supportRequestEvents = pgTable(
  'support_request_events',
  {
    id: id(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => supportRequests.id),
    at: at('at').notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => people.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    comment: text('comment'),
  },
  (t) => [index('support_request_events_request_idx').on(t.requestId, t.at)],
)
