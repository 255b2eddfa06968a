import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { at, createdAt, id } from '../../platform/db/columns.ts'
import { mediaFiles } from '../../platform/media/media.schema.ts'
import { people } from '../people/people.schema.ts'

export type LabelledLink = { label: string; url: string }
export type PlatformLink = { platform: string; url: string }

/** A show (several per instance), as its feed and its page present it. */
export const shows = pgTable(
  'shows',
  {
    id: id(),
    slug: text('slug').notNull(),
    /** The title in Chinese and in English: at least one of them (the feed takes its language's). */
    titleZh: text('title_zh'),
    titleEn: text('title_en'),
    /**
     * Markdown, sanitised when rendered; in Chinese and in English, at least one of them (the
     * check below). The feed takes its language's, pages the reader's.
     */
    descriptionZh: text('description_zh'),
    descriptionEn: text('description_en'),
    /** A BCP 47 tag, e.g. zh-cn. */
    language: text('language').notNull(),
    /** Apple categories: "Technology" or "Technology > Tech News". */
    categories: jsonb('categories').$type<string[]>().notNull().default([]),
    explicit: boolean('explicit').notNull().default(false),
    /** episodic or serial */
    type: text('type').notNull().default('episodic'),
    coverId: uuid('cover_id').references(() => mediaFiles.id),
    coverCredit: text('cover_credit'),
    ownerName: text('owner_name').notNull(),
    ownerEmail: text('owner_email').notNull(),
    copyright: text('copyright'),
    fundings: jsonb('fundings').$type<LabelledLink[]>().notNull().default([]),
    platforms: jsonb('platforms').$type<PlatformLink[]>().notNull().default([]),
    /** podcast:guid, fixed when the show is created (from the feed URL it had then). */
    podcastGuid: uuid('podcast_guid').notNull(),
    locked: boolean('locked').notNull().default(true),
    /** podcast:txt: free-form lines for directories, e.g. a verification code (purpose "verify"). */
    txts: jsonb('txts').$type<{ purpose: string | null; text: string }[]>().notNull().default([]),
    /** The feed this show was imported from (a re-run of the import continues it). */
    importedFrom: text('imported_from'),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('shows_slug_key').on(sql`lower(${t.slug})`),
    check('shows_title_check', sql`${t.titleZh} is not null or ${t.titleEn} is not null`),
    check('shows_description_check', sql`${t.descriptionZh} is not null or ${t.descriptionEn} is not null`),
  ],
)

/** A show's fixed hosts, in the order they are credited. */
export const showHosts = pgTable(
  'show_hosts',
  {
    id: id(),
    showId: uuid('show_id')
      .notNull()
      .references(() => shows.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    position: integer('position').notNull().default(0),
  },
  (t) => [uniqueIndex('show_hosts_key').on(t.showId, t.personId)],
)

/** An episode: draft, scheduled (a job publishes it), published or unpublished. */
export const episodes = pgTable(
  'episodes',
  {
    id: id(),
    showId: uuid('show_id')
      .notNull()
      .references(() => shows.id),
    /** The item's guid: kept from an imported feed, otherwise the episode's id; never changes. */
    guid: text('guid').notNull(),
    slug: text('slug').notNull(),
    /** The title in Chinese and in English: at least one of them (the feed takes its show's language). */
    titleZh: text('title_zh'),
    titleEn: text('title_en'),
    /** Markdown, sanitised when rendered (page and feed). */
    notes: text('notes').notNull().default(''),
    status: text('status').notNull().default('draft'),
    publishAt: at('publish_at'),
    publishedAt: at('published_at'),
    season: integer('season'),
    number: integer('number'),
    /** full, trailer, bonus */
    type: text('type').notNull().default('full'),
    explicit: boolean('explicit').notNull().default(false),
    audioId: uuid('audio_id').references(() => mediaFiles.id),
    artId: uuid('art_id').references(() => mediaFiles.id),
    sponsor: text('sponsor'),
    videoUrl: text('video_url'),
    /** "00:00 Title" lines. */
    chapters: text('chapters').notNull().default(''),
    transcriptId: uuid('transcript_id').references(() => mediaFiles.id),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('episodes_slug_key').on(t.showId, sql`lower(${t.slug})`),
    uniqueIndex('episodes_guid_key').on(t.showId, t.guid),
    index('episodes_status_idx').on(t.status, t.publishAt),
    check('episodes_title_check', sql`${t.titleZh} is not null or ${t.titleEn} is not null`),
  ],
)

/** A guest credited on an episode: a person here, or someone named. */
export const episodeGuests = pgTable(
  'episode_guests',
  {
    id: id(),
    episodeId: uuid('episode_id')
      .notNull()
      .references(() => episodes.id),
    personId: uuid('person_id').references(() => people.id),
    name: text('name'),
    url: text('url'),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('episode_guests_episode_idx').on(t.episodeId)],
)

/** Each show's feed as last rendered: written with every change, served as is (ETag, 304). */
export const showFeeds = pgTable('show_feeds', {
  showId: uuid('show_id')
    .primaryKey()
    .references(() => shows.id),
  xml: text('xml').notNull(),
  etag: text('etag').notNull(),
  renderedAt: at('rendered_at').notNull(),
})

/**
 * A guest the hosts accepted (through a guest application): the topic, when they record, and the
 * episode that credits them once it is out.
 */
export const guestBookings = pgTable(
  'guest_bookings',
  {
    id: id(),
    showId: uuid('show_id')
      .notNull()
      .references(() => shows.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    applicationId: uuid('application_id'),
    topic: text('topic').notNull(),
    recordingOn: date('recording_on', { mode: 'string' }),
    episodeId: uuid('episode_id').references(() => episodes.id),
    createdAt: createdAt(),
  },
  (t) => [index('guest_bookings_show_idx').on(t.showId)],
)

/**
 * The salt listeners are hashed with; a new one every day, and older ones deleted, so a hash cannot
 * be traced back to an address once its day has passed.
 */
export const downloadSalts = pgTable('download_salts', {
  id: id(),
  salt: text('salt').notNull(),
  startedAt: at('started_at').notNull(),
})

/** What reached one listener of one episode within their current 24-hour window. */
export const listenerWindows = pgTable(
  'listener_windows',
  {
    episodeId: uuid('episode_id')
      .notNull()
      .references(() => episodes.id),
    /** A salted hash of the address (IPv6 by /64) and user agent. */
    listener: text('listener').notNull(),
    windowStart: at('window_start').notNull(),
    ranges: jsonb('ranges').$type<[number, number][]>().notNull(),
    counted: boolean('counted').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.episodeId, t.listener] }),
    index('listener_windows_start_idx').on(t.windowStart),
  ],
)

/** One counted download (IAB v2.2), with what may be said of it: the day, the app, the country. */
export const downloads = pgTable(
  'downloads',
  {
    id: id(),
    episodeId: uuid('episode_id')
      .notNull()
      .references(() => episodes.id),
    showId: uuid('show_id')
      .notNull()
      .references(() => shows.id),
    at: at('at').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    app: text('app').notNull(),
    country: text('country'),
  },
  (t) => [
    index('downloads_show_day_idx').on(t.showId, t.day),
    index('downloads_episode_day_idx').on(t.episodeId, t.day),
  ],
)

/** What an import could not take; `skipped` when the episode itself was left out (no playable audio). */
export type ImportProblem = { item: string; problem: string; detail?: string; skipped?: true }

/**
 * Moving a show in from its RSS feed: a queue row the import job leases, and its progress for the
 * console's progress bar. Re-running an import of the same feed picks up new episodes only.
 */
export const podcastImports = pgTable(
  'podcast_imports',
  {
    id: id(),
    requestedBy: uuid('requested_by').references(() => people.id),
    /** The feed's URL, or null when its file was uploaded (kept in `feedXml`). */
    sourceUrl: text('source_url'),
    feedXml: text('feed_xml'),
    /** The slug the show gets when the import creates it, and the hosts it gets. */
    slug: text('slug'),
    hosts: jsonb('hosts').$type<string[]>().notNull().default([]),
    showId: uuid('show_id').references(() => shows.id),
    /** waiting, running, finished, failed */
    status: text('status').notNull().default('waiting'),
    total: integer('total').notNull().default(0),
    done: integer('done').notNull().default(0),
    current: text('current'),
    problems: jsonb('problems').$type<ImportProblem[]>().notNull().default([]),
    /** Why the whole import stopped (failed), as a message key. */
    failure: text('failure'),
    leasedUntil: at('leased_until'),
    createdAt: createdAt(),
    finishedAt: at('finished_at'),
  },
  (t) => [index('podcast_imports_status_idx').on(t.status, t.createdAt)],
)
