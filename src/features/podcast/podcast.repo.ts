import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { mediaFiles } from '../../platform/media/media.schema.ts'
import { people } from '../people/people.schema.ts'
import { episodeGuests, episodes, guestBookings, showFeeds, showHosts, shows } from './podcast.schema.ts'

export type Show = typeof shows.$inferSelect
export type Episode = typeof episodes.$inferSelect

export async function insertShow(db: Db, row: typeof shows.$inferInsert) {
  const [inserted] = await db.insert(shows).values(row).returning()
  return inserted!
}

export const updateShow = (db: Db, id: string, set: Partial<typeof shows.$inferInsert>) =>
  db.update(shows).set(set).where(eq(shows.id, id))

export const selectShows = (db: Db) => db.select().from(shows).orderBy(asc(shows.createdAt))

export async function selectShowBySlug(db: Db, slug: string) {
  const [row] = await db.select().from(shows).where(sql`lower(${shows.slug}) = lower(${slug})`)
  return row
}

export async function selectShowById(db: Db, id: string) {
  const [row] = await db.select().from(shows).where(eq(shows.id, id))
  return row
}

export const insertHosts = (db: Db, showId: string, personIds: string[]) =>
  personIds.length
    ? db.insert(showHosts).values(personIds.map((personId, position) => ({ showId, personId, position })))
    : Promise.resolve()

export const deleteHosts = (db: Db, showId: string) =>
  db.delete(showHosts).where(eq(showHosts.showId, showId))

const personColumns = {
  id: people.id,
  handle: people.handle,
  nameZh: people.nameZh,
  nameEn: people.nameEn,
  avatarUrl: people.avatarUrl,
}

export const selectHosts = (db: Db, showId: string) =>
  db
    .select(personColumns)
    .from(showHosts)
    .innerJoin(people, eq(people.id, showHosts.personId))
    .where(eq(showHosts.showId, showId))
    .orderBy(asc(showHosts.position))

export async function insertEpisode(db: Db, row: typeof episodes.$inferInsert) {
  const [inserted] = await db.insert(episodes).values(row).returning()
  return inserted!
}

export async function selectEpisode(db: Db, id: string) {
  const [row] = await db.select().from(episodes).where(eq(episodes.id, id))
  return row
}

/** The episode, locked until the transaction ends (publishing and uploads take turns). */
export async function selectEpisodeForUpdate(db: Db, id: string) {
  const [row] = await db.select().from(episodes).where(eq(episodes.id, id)).for('update')
  return row
}

export async function selectEpisodeBySlug(db: Db, showId: string, slug: string) {
  const [row] = await db
    .select()
    .from(episodes)
    .where(and(eq(episodes.showId, showId), sql`lower(${episodes.slug}) = lower(${slug})`))
  return row
}

export const updateEpisode = (db: Db, id: string, set: Partial<typeof episodes.$inferInsert>) =>
  db.update(episodes).set(set).where(eq(episodes.id, id))

/** A show's episodes that listeners can see now, newest first. */
export const selectPublicEpisodes = (db: Db, showId: string, now: Date) =>
  db
    .select()
    .from(episodes)
    .where(
      and(
        eq(episodes.showId, showId),
        sql`(${episodes.status} = 'published' or (${episodes.status} = 'scheduled' and ${episodes.publishAt} <= ${now}))`,
      ),
    )
    .orderBy(desc(sql`coalesce(${episodes.publishedAt}, ${episodes.publishAt})`))

export const selectAllEpisodes = (db: Db, showId: string) =>
  db.select().from(episodes).where(eq(episodes.showId, showId)).orderBy(desc(episodes.createdAt))

/** Scheduled episodes whose time has come. */
export const selectDueEpisodes = (db: Db, now: Date) =>
  db
    .select()
    .from(episodes)
    .where(and(eq(episodes.status, 'scheduled'), lte(episodes.publishAt, now)))

export const selectMedia = (db: Db, ids: string[]) =>
  ids.length ? db.select().from(mediaFiles).where(inArray(mediaFiles.id, ids)) : Promise.resolve([])

export const insertGuests = (db: Db, rows: (typeof episodeGuests.$inferInsert)[]) =>
  rows.length ? db.insert(episodeGuests).values(rows) : Promise.resolve()

export const deleteGuests = (db: Db, episodeId: string) =>
  db.delete(episodeGuests).where(eq(episodeGuests.episodeId, episodeId))

/** Guests of episodes, with the person's names when they have a profile here. */
export const selectGuests = (db: Db, episodeIds: string[]) =>
  episodeIds.length
    ? db
        .select({ guest: episodeGuests, person: personColumns })
        .from(episodeGuests)
        .leftJoin(people, eq(people.id, episodeGuests.personId))
        .where(inArray(episodeGuests.episodeId, episodeIds))
        .orderBy(asc(episodeGuests.position))
    : Promise.resolve([])

export const upsertFeed = (db: Db, row: typeof showFeeds.$inferInsert) =>
  db
    .insert(showFeeds)
    .values(row)
    .onConflictDoUpdate({
      target: showFeeds.showId,
      set: { xml: row.xml, etag: row.etag, renderedAt: row.renderedAt },
    })

export async function selectFeed(db: Db, showId: string) {
  const [row] = await db.select().from(showFeeds).where(eq(showFeeds.showId, showId))
  return row
}

export const selectBookings = (db: Db, showId: string) =>
  db
    .select({ booking: guestBookings, person: personColumns })
    .from(guestBookings)
    .innerJoin(people, eq(people.id, guestBookings.personId))
    .where(eq(guestBookings.showId, showId))
    .orderBy(desc(guestBookings.createdAt))

export async function selectBooking(db: Db, id: string) {
  const [row] = await db.select().from(guestBookings).where(eq(guestBookings.id, id))
  return row
}

export const updateBooking = (db: Db, id: string, set: Partial<typeof guestBookings.$inferInsert>) =>
  db.update(guestBookings).set(set).where(eq(guestBookings.id, id))

/** Published episodes a person is credited on as a guest, with their show, newest first. */
export const selectGuestEpisodes = (db: Db, personId: string) =>
  db
    .select({
      episode: episodes,
      show: { slug: shows.slug, titleZh: shows.titleZh, titleEn: shows.titleEn, language: shows.language },
    })
    .from(episodeGuests)
    .innerJoin(episodes, eq(episodes.id, episodeGuests.episodeId))
    .innerJoin(shows, eq(shows.id, episodes.showId))
    .where(and(eq(episodeGuests.personId, personId), eq(episodes.status, 'published')))
    .orderBy(desc(episodes.publishedAt))

/** Published episodes these people were guests on, up to `now`, newest first (for standing). */
export const selectGuestAppearances = (db: Db, personIds: string[], now: Date) =>
  db
    .select({
      personId: episodeGuests.personId,
      titleZh: episodes.titleZh,
      titleEn: episodes.titleEn,
      showTitleZh: shows.titleZh,
      showTitleEn: shows.titleEn,
      language: shows.language,
      publishedAt: episodes.publishedAt,
    })
    .from(episodeGuests)
    .innerJoin(episodes, eq(episodes.id, episodeGuests.episodeId))
    .innerJoin(shows, eq(shows.id, episodes.showId))
    .where(
      and(
        inArray(episodeGuests.personId, personIds),
        eq(episodes.status, 'published'),
        lte(episodes.publishedAt, now),
      ),
    )
    .orderBy(desc(episodes.publishedAt))

/** The shows a person hosts (hosts carry no date of their own: the show's start stands for it). */
export const selectShowsHostedBy = (db: Db, personId: string) =>
  db
    .select({
      slug: shows.slug,
      titleZh: shows.titleZh,
      titleEn: shows.titleEn,
      language: shows.language,
      createdAt: shows.createdAt,
    })
    .from(showHosts)
    .innerJoin(shows, eq(shows.id, showHosts.showId))
    .where(eq(showHosts.personId, personId))
    .orderBy(asc(shows.createdAt))

/**
 * Episodes listeners can see at `now` (all of them, or those of `ids`), with their show, newest
 * first: what an event's live recording links to.
 */
export const selectEpisodeLinks = (db: Db, now: Date, ids?: string[]) =>
  ids && ids.length === 0
    ? Promise.resolve([])
    : db
        .select({
          id: episodes.id,
          slug: episodes.slug,
          titleZh: episodes.titleZh,
          titleEn: episodes.titleEn,
          show: { slug: shows.slug, titleZh: shows.titleZh, titleEn: shows.titleEn },
        })
        .from(episodes)
        .innerJoin(shows, eq(shows.id, episodes.showId))
        .where(
          and(
            ids ? inArray(episodes.id, ids) : undefined,
            sql`(${episodes.status} = 'published' or (${episodes.status} = 'scheduled' and ${episodes.publishAt} <= ${now}))`,
          ),
        )
        .orderBy(desc(sql`coalesce(${episodes.publishedAt}, ${episodes.publishAt})`))
