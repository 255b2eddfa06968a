// Recording deliveries of episode audio and counting downloads (rules in podcast.downloads.rules.ts).
import { randomBytes } from 'node:crypto'
import { and, asc, count, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import type { Deps } from '../../platform/deps.ts'
import type { MediaFile } from '../../platform/media/media.ts'
import {
  afterDelivery,
  appOf,
  listenerKey,
  minuteOf,
  requestKind,
  WINDOW_MS,
} from './podcast.downloads.rules.ts'
import { downloadSalts, downloads, episodes, listenerWindows, shows } from './podcast.schema.ts'

export type Delivery = {
  /** The bytes that reached the listener. */
  delivered: [number, number]
  /** The range the request asked for, if any (a bytes=0-1 probe is not a listen). */
  requested: { start: number; end: number } | null
  userAgent: string | undefined
  ip: string
  country: string | null
}

/** Today's salt and yesterday's (a window that began yesterday is still found); older ones go. */
async function salts(db: Db, now: Date): Promise<string[]> {
  const rows = await db.select().from(downloadSalts).orderBy(desc(downloadSalts.startedAt)).limit(2)
  if (rows[0] && now.getTime() - rows[0].startedAt.getTime() < WINDOW_MS) return rows.map((r) => r.salt)
  const salt = randomBytes(32).toString('hex')
  await db.insert(downloadSalts).values({ salt, startedAt: now })
  await db.delete(downloadSalts).where(lt(downloadSalts.startedAt, new Date(now.getTime() - 2 * WINDOW_MS)))
  return [salt, ...rows.slice(0, 1).map((r) => r.salt)]
}

/** The episode an audio file belongs to (cached: a file belongs to one episode for good). */
const episodeOfFile = new Map<string, { id: string; showId: string } | null>()
async function episodeOf(db: Db, fileId: string) {
  if (episodeOfFile.has(fileId)) return episodeOfFile.get(fileId)!
  const [row] = await db
    .select({ id: episodes.id, showId: episodes.showId })
    .from(episodes)
    .where(eq(episodes.audioId, fileId))
  if (row) episodeOfFile.set(fileId, row)
  return row ?? null
}

/**
 * Takes one delivery of an audio file into the listener's window, counting a download when it
 * completes a minute of audio. Bots, preloads and probes are left out before anything is stored.
 */
export async function recordDelivery(deps: Pick<Deps, 'db' | 'now'>, file: MediaFile, delivery: Delivery) {
  if (file.kind !== 'audio') return false
  if (requestKind(delivery.userAgent, delivery.requested) !== 'listen') return false
  const episode = await episodeOf(deps.db, file.id)
  if (!episode) return false
  const now = deps.now()
  return deps.db.transaction(async (tx) => {
    const [current, previous] = await salts(tx, now)
    const keys = [current!, previous]
      .filter((s): s is string => !!s)
      .map((s) => listenerKey(s, delivery.ip, delivery.userAgent))
    await tx
      .insert(listenerWindows)
      .values({ episodeId: episode.id, listener: keys[0]!, windowStart: now, ranges: [], counted: false })
      .onConflictDoNothing()
    // The window under yesterday's salt, if the listener has one still running; else today's.
    const windows = await tx
      .select()
      .from(listenerWindows)
      .where(and(eq(listenerWindows.episodeId, episode.id), inArray(listenerWindows.listener, keys)))
      .orderBy(asc(listenerWindows.windowStart))
      .for('update')
    const open = windows.find((w) => w.counted || w.ranges.length > 0) ?? windows[0]!
    const fresh = open.ranges.length === 0 && !open.counted
    const { progress, count: counted } = afterDelivery(
      fresh ? null : open,
      delivery.delivered,
      minuteOf(file),
      now,
    )
    await tx
      .update(listenerWindows)
      .set(progress)
      .where(and(eq(listenerWindows.episodeId, episode.id), eq(listenerWindows.listener, open.listener)))
    if (counted)
      await tx.insert(downloads).values({
        episodeId: episode.id,
        showId: episode.showId,
        at: now,
        day: now.toISOString().slice(0, 10),
        app: appOf(delivery.userAgent),
        country: delivery.country,
      })
    return counted
  })
}

/** Windows that ended more than a day ago are of no use: the housekeeping job drops them. */
export const forgetOldWindows = (db: Db, now: Date) =>
  db.delete(listenerWindows).where(lt(listenerWindows.windowStart, new Date(now.getTime() - 2 * WINDOW_MS)))

/** Which downloads: a show's since a day, or one of its episodes' only. */
export type DownloadScope = { showId: string; since: string; episodeId?: string | undefined }

const inScope = (scope: DownloadScope) =>
  and(
    eq(downloads.showId, scope.showId),
    gte(downloads.day, scope.since),
    scope.episodeId ? eq(downloads.episodeId, scope.episodeId) : undefined,
  )

/** Downloads in scope: by day, by episode, by app and by country. */
/** An episode's title in its show's language (the other one when that is all there is). */
const showLanguageTitle = sql<string>`case when lower(${shows.language}) like 'zh%'
  then coalesce(${episodes.titleZh}, ${episodes.titleEn}) else coalesce(${episodes.titleEn}, ${episodes.titleZh}) end`

export async function downloadStats(db: Db, scope: DownloadScope) {
  const where = inScope(scope)
  const [byDay, byEpisode, byApp, byCountry] = await Promise.all([
    db
      .select({ day: downloads.day, n: count() })
      .from(downloads)
      .where(where)
      .groupBy(downloads.day)
      .orderBy(downloads.day),
    db
      .select({ episodeId: downloads.episodeId, title: showLanguageTitle, n: count() })
      .from(downloads)
      .innerJoin(episodes, eq(episodes.id, downloads.episodeId))
      .innerJoin(shows, eq(shows.id, episodes.showId))
      .where(where)
      .groupBy(downloads.episodeId, episodes.titleZh, episodes.titleEn, shows.language)
      .orderBy(desc(count())),
    db
      .select({ app: downloads.app, n: count() })
      .from(downloads)
      .where(where)
      .groupBy(downloads.app)
      .orderBy(desc(count())),
    db
      .select({ country: sql<string>`coalesce(${downloads.country}, '')`, n: count() })
      .from(downloads)
      .where(where)
      .groupBy(sql`coalesce(${downloads.country}, '')`)
      .orderBy(desc(count())),
  ])
  return { byDay, byEpisode, byApp, byCountry }
}

/** Every counted download in scope, one row each, for a CSV file. */
export const downloadRows = (db: Db, scope: DownloadScope) =>
  db
    .select({
      day: downloads.day,
      at: downloads.at,
      episode: episodes.slug,
      app: downloads.app,
      country: downloads.country,
    })
    .from(downloads)
    .innerJoin(episodes, eq(episodes.id, downloads.episodeId))
    .where(inScope(scope))
    .orderBy(asc(downloads.at))
