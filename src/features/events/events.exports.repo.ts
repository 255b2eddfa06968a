// Queries of events' exports: the public events a feed holds (with the chapter they belong to),
// one person's registrations for their private feed, and the secrets of private feeds.
import { and, asc, eq, gte, inArray, ne, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { chapters } from '../chapters/chapters.schema.ts'
import { people } from '../people/people.schema.ts'
import type { FeedRegistrationStatus } from './events.feeds.rules.ts'
import { calendarFeeds, eventRegistrations, eventSessions, events } from './events.schema.ts'

const exportColumns = {
  id: events.id,
  slug: events.slug,
  kind: events.kind,
  mode: events.mode,
  status: events.status,
  titleZh: events.titleZh,
  titleEn: events.titleEn,
  summaryZh: events.summaryZh,
  summaryEn: events.summaryEn,
  descriptionZh: events.descriptionZh,
  descriptionEn: events.descriptionEn,
  timeZone: events.timeZone,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  venueZh: events.venueZh,
  venueEn: events.venueEn,
  address: events.address,
  country: events.country,
  mapUrl: events.mapUrl,
  onlineUrl: events.onlineUrl,
  cover: events.cover,
  capacity: events.capacity,
  registrationOpensAt: events.registrationOpensAt,
  registrationClosesAt: events.registrationClosesAt,
  sequence: events.sequence,
  publishedAt: events.publishedAt,
  createdAt: events.createdAt,
  updatedAt: events.updatedAt,
  /** The languages its sessions are held in (the list's language filter reads them). */
  sessionLanguages: sql<string[]>`coalesce((
    select array_agg(distinct ${eventSessions.language}) from ${eventSessions}
    where ${eventSessions.eventId} = ${events.id} and ${eventSessions.language} is not null
  ), '{}')`,
}

const chapterColumns = { slug: chapters.slug, cityZh: chapters.cityZh, cityEn: chapters.cityEn }

/** Public events (all but drafts) that end at or after `endingFrom`, soonest first. */
export function selectPublicEvents(db: Db, endingFrom: Date) {
  return db
    .select({ ...exportColumns, chapter: chapterColumns })
    .from(events)
    .leftJoin(chapters, eq(chapters.id, events.chapterId))
    .where(and(ne(events.status, 'draft'), gte(events.endsAt, endingFrom)))
    .orderBy(asc(events.startsAt), asc(events.id))
}
export type ExportRow = Awaited<ReturnType<typeof selectPublicEvents>>[number]

/** One event by its address, whatever its status (the service decides who may read a draft). */
export async function selectEventBySlug(db: Db, slug: string) {
  const [row] = await db
    .select({ ...exportColumns, chapter: chapterColumns })
    .from(events)
    .leftJoin(chapters, eq(chapters.id, events.chapterId))
    .where(sql`lower(${events.slug}) = lower(${slug})`)
  return row
}

/** One event by its id. */
export async function selectEventById(db: Db, id: string) {
  const [row] = await db
    .select({ ...exportColumns, chapter: chapterColumns })
    .from(events)
    .leftJoin(chapters, eq(chapters.id, events.chapterId))
    .where(eq(events.id, id))
  return row
}

/**
 * A person's registrations that their feed shows (a place, or a wait for one), for public events
 * that end at or after `endingFrom`, with the events, soonest first.
 */
export function selectRegisteredEvents(
  db: Db,
  personId: string,
  statuses: readonly FeedRegistrationStatus[],
  endingFrom: Date,
) {
  return db
    .select({
      ...exportColumns,
      chapter: chapterColumns,
      registration: { status: eventRegistrations.status, updatedAt: eventRegistrations.updatedAt },
    })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .leftJoin(chapters, eq(chapters.id, events.chapterId))
    .where(
      and(
        eq(eventRegistrations.personId, personId),
        inArray(eventRegistrations.status, [...statuses]),
        ne(events.status, 'draft'),
        gte(events.endsAt, endingFrom),
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id))
}

// --- Private feeds ----------------------------------------------------------------------------

export async function selectFeedOf(db: Db, personId: string) {
  const [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.personId, personId))
  return row
}

/** The person a feed's secret belongs to, with the language their feed is written in. */
export async function selectFeedOwner(db: Db, secret: string) {
  const [row] = await db
    .select({ personId: people.id, locale: people.locale })
    .from(calendarFeeds)
    .innerJoin(people, eq(people.id, calendarFeeds.personId))
    .where(eq(calendarFeeds.secret, secret))
  return row
}

/** A person's first feed; when another request made one at the same moment, theirs stands. */
export async function insertFeed(db: Db, personId: string, secret: string, now: Date) {
  await db.insert(calendarFeeds).values({ personId, secret, createdAt: now }).onConflictDoNothing()
  return (await selectFeedOf(db, personId))!
}

/** A new secret for the person's feed: the old address stops answering at once. */
export async function replaceFeedSecret(db: Db, personId: string, secret: string, now: Date) {
  const [row] = await db
    .insert(calendarFeeds)
    .values({ personId, secret, createdAt: now })
    .onConflictDoUpdate({ target: calendarFeeds.personId, set: { secret, createdAt: now } })
    .returning()
  return row!
}
