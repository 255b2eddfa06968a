// Moving a show in from its RSS feed (a URL or the file): the show, then each episode with its
// audio, art, chapters and transcript downloaded and checked like an upload, recorded in one
// transaction per episode. The import is a queue row a job leases, so a killed process loses at
// most the episode it was downloading; running the import again picks up new episodes only.
import { Transform } from 'node:stream'
import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm'
import { type ItunesNs, parseRssFeed, type RssFeed } from 'feedsmith'
import sanitizeHtml from 'sanitize-html'
import type { Deps } from '../../platform/deps.ts'
import { DomainError, InvalidInput } from '../../platform/errors.ts'
import { fetchOutgoingText, openOutgoing, outgoingGuard } from '../../platform/http/outgoing.ts'
import { MediaRefused, type ReceivedMedia, receiveMedia, recordMedia } from '../../platform/media/media.ts'
import { makeSizes, recordSizes } from '../../platform/media/pictures.ts'
import { type Actor, authorize } from '../access/index.ts'
import { getPerson } from '../people/index.ts'
import { feedUrlOf, pageLocale } from './podcast.feed.ts'
import { type ImportInput, reservedShowSlugs } from './podcast.inputs.ts'
import * as repo from './podcast.repo.ts'
import { clock, podcastGuidOf } from './podcast.rules.ts'
import { type ImportProblem, podcastImports } from './podcast.schema.ts'
import {
  AUDIO_MAX_BYTES,
  hostIdsOf,
  IMAGE_MAX_BYTES,
  inspectAudio,
  inspectCover,
  renderShowFeed,
  TRANSCRIPT_MAX_BYTES,
  transcriptFile,
} from './podcast.service.ts'

type Writing = Pick<Deps, 'db' | 'now' | 'config' | 'communityNames'>
export type PodcastImport = typeof podcastImports.$inferSelect
export type ImportProgress = {
  done: number
  total: number
  current: string | null
  /** Bytes of the current episode's audio received so far. */
  bytes: number
}

/** Why a whole import stopped; the message key is shown, translated, on its progress page. */
export class ImportFailed extends Error {
  readonly reason: 'feedUnreachable' | 'feedInvalid' | 'slugTaken' | 'unknownHost'
  constructor(reason: ImportFailed['reason']) {
    super(reason)
    this.reason = reason
  }
}

const FEED_MAX_BYTES = 50 * 1024 * 1024
/** A job run imports for this long, then hands over to the next run (jobs should stay short). */
const RUN_BUDGET_MS = 4 * 60_000
const LEASE_MS = 2 * 60_000
const userAgent = 'Hearth (podcast import)'

/** Asks for an import; administrators only (it fetches what they name, as the server). */
export async function requestImport(deps: Writing, actor: Actor, input: ImportInput) {
  authorize(actor, { action: 'podcast.manage' })
  return queueImport(deps, actor!.personId, input)
}

/**
 * Checks and records an import. `running` (the operator's command line runs it at once) takes
 * it for this process, so a job does not run it too.
 */
export async function queueImport(
  deps: Writing,
  requestedBy: string | null,
  input: ImportInput,
  options: { running?: boolean } = {},
) {
  if (input.feedXml !== null)
    try {
      readFeed(input.feedXml)
    } catch {
      throw new InvalidInput([{ code: 'custom', path: ['feedXml'], message: 'feedInvalid', input: null }])
    }
  if (input.slug) {
    const taken = await repo.selectShowBySlug(deps.db, input.slug)
    if (taken && (!input.sourceUrl || taken.importedFrom !== input.sourceUrl))
      throw new InvalidInput([{ code: 'custom', path: ['slug'], message: 'slugTaken', input: input.slug }])
  }
  await hostIdsOf(deps, input.hosts)
  const [row] = await deps.db
    .insert(podcastImports)
    .values({
      ...input,
      requestedBy,
      createdAt: deps.now(),
      ...(options.running
        ? { status: 'running', leasedUntil: new Date(deps.now().getTime() + LEASE_MS) }
        : {}),
    })
    .returning()
  return row!
}

/** Imports again what an earlier import brought in: its show's new episodes. */
export async function requestImportAgain(deps: Writing, actor: Actor, importId: string) {
  const earlier = await importOf(deps, actor, importId)
  const [row] = await deps.db
    .insert(podcastImports)
    .values({
      requestedBy: actor!.personId,
      sourceUrl: earlier.sourceUrl,
      feedXml: earlier.feedXml,
      slug: earlier.slug,
      hosts: earlier.hosts,
      showId: earlier.showId,
      createdAt: deps.now(),
    })
    .returning()
  return row!
}

export async function importOf(deps: Pick<Deps, 'db'>, actor: Actor, id: string) {
  authorize(actor, { action: 'podcast.manage' })
  const [row] = await deps.db.select().from(podcastImports).where(eq(podcastImports.id, id))
  if (!row) throw new DomainError('notFoundRecord')
  return row
}

export async function recentImports(deps: Pick<Deps, 'db'>, actor: Actor) {
  authorize(actor, { action: 'podcast.manage' })
  return deps.db
    .select({
      id: podcastImports.id,
      sourceUrl: podcastImports.sourceUrl,
      status: podcastImports.status,
      done: podcastImports.done,
      total: podcastImports.total,
      createdAt: podcastImports.createdAt,
    })
    .from(podcastImports)
    .orderBy(sql`${podcastImports.createdAt} desc`)
    .limit(10)
}

/** Takes the oldest import that is waiting, or whose worker stopped renewing its lease. */
async function leaseImport(deps: Pick<Deps, 'db' | 'now'>): Promise<PodcastImport | null> {
  const now = deps.now()
  return deps.db.transaction(async (tx) => {
    const [next] = await tx
      .select({ id: podcastImports.id })
      .from(podcastImports)
      .where(
        or(
          eq(podcastImports.status, 'waiting'),
          and(
            eq(podcastImports.status, 'running'),
            or(isNull(podcastImports.leasedUntil), lt(podcastImports.leasedUntil, now)),
          ),
        ),
      )
      .orderBy(asc(podcastImports.createdAt))
      .limit(1)
      .for('update', { skipLocked: true })
    if (!next) return null
    const [row] = await tx
      .update(podcastImports)
      .set({ status: 'running', leasedUntil: new Date(now.getTime() + LEASE_MS) })
      .where(eq(podcastImports.id, next.id))
      .returning()
    return row ?? null
  })
}

/** The job: runs waiting imports until its time is up; the next run continues where it stopped. */
export async function runWaitingImports(deps: Writing, budgetMs = RUN_BUDGET_MS) {
  const until = performance.now() + budgetMs
  while (performance.now() < until) {
    const row = await leaseImport(deps)
    if (!row) return
    await runImport(deps, row, { until })
  }
}

/**
 * Runs one leased import: reads the feed, creates the show the first time, then imports each
 * episode the show does not have yet, oldest first. Stops after the episode during which `until`
 * passed, giving the lease back.
 */
export async function runImport(
  deps: Writing,
  row: PodcastImport,
  options: { until?: number; onProgress?: (p: ImportProgress) => void } = {},
): Promise<PodcastImport> {
  const progress: ImportProgress = { done: row.done, total: row.total, current: null, bytes: 0 }
  const report = () => options.onProgress?.(progress)
  let feed: RssFeed.Feed<string>
  let showId: string
  await loadTurndown()
  try {
    feed = row.feedXml !== null ? readFeed(row.feedXml) : await fetchFeed(deps, row.sourceUrl!)
    showId = row.showId ?? (await createImportedShow(deps, row, feed))
  } catch (e) {
    if (!(e instanceof ImportFailed)) throw e
    return finishImport(deps, row.id, { status: 'failed', failure: e.reason })
  }
  const cover = coverOf(feed)
  const known = await repo.selectAllEpisodes(deps.db, showId)
  const guids = new Set(known.map((e) => e.guid))
  const slugs = new Set(known.map((e) => e.slug))
  const items = itemsOf(feed).filter((i) => !guids.has(i.guid))
  // The total is what this import brings in: episodes imported by earlier runs count as done.
  progress.total = row.done + items.length
  await deps.db
    .update(podcastImports)
    .set({ showId, total: progress.total })
    .where(eq(podcastImports.id, row.id))
  report()
  let renewed = performance.now()
  for (const item of items) {
    if (options.until !== undefined && performance.now() > options.until) {
      // Handed to the next run: the lease lapses now instead of in two minutes.
      await deps.db.update(podcastImports).set({ leasedUntil: null }).where(eq(podcastImports.id, row.id))
      return (await deps.db.select().from(podcastImports).where(eq(podcastImports.id, row.id)))[0]!
    }
    progress.current = item.title
    progress.bytes = 0
    await deps.db
      .update(podcastImports)
      .set({ current: item.title, leasedUntil: new Date(deps.now().getTime() + LEASE_MS) })
      .where(eq(podcastImports.id, row.id))
    report()
    const onBytes = (n: number) => {
      progress.bytes = n
      report()
      if (performance.now() - renewed < 15_000) return
      renewed = performance.now()
      void deps.db
        .update(podcastImports)
        .set({ leasedUntil: new Date(deps.now().getTime() + LEASE_MS) })
        .where(eq(podcastImports.id, row.id))
        .catch(() => {})
    }
    const outcome = await importEpisode(deps, item, { slugs, cover, onBytes })
    await deps.db.transaction(async (tx) => {
      if (outcome.received) {
        const r = outcome.received
        const audio = await recordMedia(tx, r.audio)
        const art = r.art ? await recordMedia(tx, r.art.file) : null
        if (r.art) await recordSizes(tx, r.art.sizes)
        const transcript = r.transcript ? await recordMedia(tx, r.transcript) : null
        const now = deps.now()
        const published = item.publishedAt <= now
        const episode = await repo.insertEpisode(tx, {
          showId,
          guid: item.guid,
          slug: outcome.slug,
          ...titleFields(item.title, feed.language),
          notes: item.notes,
          status: published ? 'published' : 'scheduled',
          publishAt: published ? null : item.publishedAt,
          publishedAt: published ? item.publishedAt : null,
          season: item.season,
          number: item.number,
          type: item.type,
          explicit: item.explicit,
          audioId: audio.id,
          artId: art?.id ?? null,
          transcriptId: transcript?.id ?? null,
          chapters: r.chapters,
          createdAt: now,
          updatedAt: now,
        })
        await repo.insertGuests(
          tx,
          item.guests.map((g, position) => ({ episodeId: episode.id, personId: null, ...g, position })),
        )
        await renderShowFeed(tx, deps, showId)
      }
      // Counted with the episode, in its transaction: a crash never counts one twice.
      progress.done++
      await tx
        .update(podcastImports)
        .set({
          done: progress.done,
          problems: moreProblems(outcome.problems),
        })
        .where(eq(podcastImports.id, row.id))
    })
    report()
  }
  return finishImport(deps, row.id, { status: 'finished', failure: null })
}

const moreProblems = (problems: ImportProblem[]) =>
  sql`${podcastImports.problems} || ${JSON.stringify(problems)}::jsonb`

async function finishImport(
  deps: Pick<Deps, 'db' | 'now'>,
  id: string,
  end: { status: 'finished' | 'failed'; failure: string | null },
) {
  const [row] = await deps.db
    .update(podcastImports)
    .set({ ...end, current: null, leasedUntil: null, finishedAt: deps.now() })
    .where(eq(podcastImports.id, id))
    .returning()
  return row!
}

/**
 * A text body from an address the feed names, through the outgoing guard (public addresses or
 * the operator's allowed networks, every redirect checked), read up to `maxBytes` as it arrives.
 */
const fetchText = (deps: Writing, url: string, maxBytes: number, accept = '*/*') =>
  fetchOutgoingText(outgoingGuard(deps.config), url, {
    headers: { 'user-agent': userAgent, accept },
    maxBytes,
    timeoutMs: 60_000,
  })

/**
 * The feed at a URL. Whatever went wrong (a refused or closed address, a timeout, a page that is
 * not a feed) the import says one thing, so it cannot be used to learn what answers where.
 */
async function fetchFeed(deps: Writing, url: string): Promise<RssFeed.Feed<string>> {
  try {
    return readFeed(
      await fetchText(deps, url, FEED_MAX_BYTES, 'application/rss+xml, application/xml, text/xml'),
    )
  } catch {
    throw new ImportFailed('feedUnreachable')
  }
}

/** An RSS feed with at least a title; anything else is not a podcast feed we can import. */
export function readFeed(xml: string): RssFeed.Feed<string> {
  try {
    const feed = parseRssFeed(xml)
    if (!feed.title) throw new ImportFailed('feedInvalid')
    return feed
  } catch {
    throw new ImportFailed('feedInvalid')
  }
}

type Turndown = { turndown(html: string): string }
let turndown: Turndown | undefined

/** Loads the HTML-to-Markdown converter once an import needs it. */
export async function loadTurndown() {
  const { default: TurndownService } = await import('turndown')
  turndown ??= new TurndownService({ headingStyle: 'atx', bulletListMarker: '-' })
}

/** Show notes arrive as HTML; they are kept as Markdown, like notes written here (after `loadTurndown`). */
export function markdownOf(html: string | undefined): string {
  if (!html) return ''
  if (!/<[a-z][^>]*>/i.test(html)) return html.trim()
  const clean = sanitizeHtml(html, {
    allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre'],
    allowedAttributes: { a: ['href'] },
    allowedSchemes: ['http', 'https', 'mailto'],
  })
  return turndown!.turndown(clean).trim()
}

/** An address-safe slug from a title (Latin letters and digits), or '' when it has none. */
export function slugOf(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
}

function uniqueSlug(wanted: string, fallback: string, taken: Set<string>) {
  const base = wanted || fallback
  let slug = base
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`
  taken.add(slug)
  return slug
}

/** An imported title goes into the field of the feed's language. */
const titleFields = (title: string, tag: string | undefined) =>
  pageLocale(languageOf(tag)) === 'zh' ? { titleZh: title, titleEn: null } : { titleZh: null, titleEn: title }

/** A feed's description goes under its language too; one without any is kept empty, as before. */
const descriptionFields = (description: string, tag: string | undefined) =>
  pageLocale(languageOf(tag)) === 'zh'
    ? { descriptionZh: description, descriptionEn: null }
    : { descriptionZh: null, descriptionEn: description }

const languageOf = (tag: string | undefined) => {
  const t = (tag ?? '').trim().toLowerCase()
  return /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/.test(t) ? t : 'en'
}

const coverOf = (feed: RssFeed.Feed<string>) => feed.itunes?.image ?? feed.image?.url ?? null

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Where the feed lived: its URL, or the self link the file names. */
const originOf = (row: Pick<PodcastImport, 'sourceUrl'>, feed: RssFeed.Feed<string>) =>
  row.sourceUrl ?? feed.atom?.links?.find((l) => l.rel === 'self')?.href ?? null

/**
 * The show, the first time (or the one an earlier import of the same feed created). Its
 * podcast:guid is the feed's own when it has one, so apps see the same podcast after the move.
 */
async function createImportedShow(deps: Writing, row: PodcastImport, feed: RssFeed.Feed<string>) {
  const origin = originOf(row, feed)
  const existing = (await repo.selectShows(deps.db)).find(
    (s) =>
      (origin && s.importedFrom === origin) || (feed.podcast?.guid && s.podcastGuid === feed.podcast.guid),
  )
  if (existing) return existing.id
  const slug = row.slug ?? uniqueSlug(slugOf(feed.title ?? ''), 'podcast', new Set(reservedShowSlugs))
  if (await repo.selectShowBySlug(deps.db, slug)) throw new ImportFailed('slugTaken')
  const requester = row.requestedBy ? await getPerson(deps, row.requestedBy) : null
  // Checked when the import was asked for; a handle changed since then stops it, saying so.
  const hostIds = await hostIdsOf(deps, row.hosts).catch(() => {
    throw new ImportFailed('unknownHost')
  })
  const now = deps.now()
  const feedGuid = feed.podcast?.guid
  const cover = coverOf(feed)
  const received = cover ? await downloadOrProblem(deps, cover, 'image') : null
  return deps.db.transaction(async (tx) => {
    const coverFile = received && 'file' in received ? await recordMedia(tx, received.file) : null
    if (received && 'file' in received) await recordSizes(tx, received.sizes)
    // A cover that breaks Apple's rules is left out: the hosts upload one that passes.
    if (received && 'problem' in received)
      await tx
        .update(podcastImports)
        .set({ problems: moreProblems([{ item: feed.title!, problem: received.problem, detail: cover! }]) })
        .where(eq(podcastImports.id, row.id))
    const show = await repo.insertShow(tx, {
      slug,
      ...titleFields(feed.title!.slice(0, 200), feed.language),
      ...descriptionFields(markdownOf(feed.description ?? feed.itunes?.summary), feed.language),
      language: languageOf(feed.language),
      categories: categoriesOf(feed.itunes?.categories),
      explicit: feed.itunes?.explicit ?? false,
      type: feed.itunes?.type === 'serial' ? 'serial' : 'episodic',
      coverId: coverFile?.id ?? null,
      ownerName: feed.itunes?.owner?.name ?? feed.itunes?.author ?? feed.title!,
      ownerEmail: feed.itunes?.owner?.email ?? feed.managingEditor?.email ?? requester?.email ?? '',
      copyright: feed.copyright ?? null,
      fundings: (feed.podcast?.fundings ?? []).flatMap((f) =>
        f.url ? [{ label: f.display ?? f.url, url: f.url }] : [],
      ),
      txts: (feed.podcast?.txts ?? []).flatMap((t) =>
        t.display ? [{ purpose: t.purpose ?? null, text: t.display }] : [],
      ),
      podcastGuid:
        feedGuid && uuidPattern.test(feedGuid)
          ? feedGuid
          : podcastGuidOf(origin ?? feedUrlOf(deps.config.baseUrl, slug)),
      importedFrom: origin,
      createdAt: now,
      updatedAt: now,
    })
    await repo.insertHosts(tx, show.id, hostIds)
    await renderShowFeed(tx, deps, show.id)
    return show.id
  })
}

/** Apple's nested categories as the "Parent > Sub" lines shows keep. */
function categoriesOf(categories: ItunesNs.Category[] | undefined): string[] {
  return (categories ?? [])
    .flatMap((c) =>
      !c.text ? [] : c.categories?.length ? c.categories.map((s) => `${c.text} > ${s.text}`) : [c.text],
    )
    .slice(0, 3)
}

type FeedItem = {
  guid: string
  title: string
  notes: string
  publishedAt: Date
  season: number | null
  number: number | null
  type: 'full' | 'trailer' | 'bonus'
  explicit: boolean
  enclosure: string | null
  art: string | null
  chapters: string | null
  transcript: string | null
  guests: { name: string; url: string | null }[]
}

/** The feed's items as episodes, oldest first; an item without a guid is known by its audio's URL. */
function itemsOf(feed: RssFeed.Feed<string>): FeedItem[] {
  const items = (feed.items ?? []).map((item, i): FeedItem => {
    const enclosure = item.enclosures?.[0]?.url ?? null
    const date = item.pubDate ? new Date(item.pubDate) : null
    const type = item.itunes?.episodeType
    const transcripts = item.podcast?.transcripts ?? []
    const transcript =
      transcripts.find((t) => t.url && t.type === 'text/vtt') ??
      transcripts.find((t) => t.url && /subrip|srt/i.test(t.type ?? '')) ??
      null
    return {
      guid: (item.guid?.value ?? enclosure ?? item.link ?? `item-${i}`).slice(0, 500),
      title: (item.title ?? item.itunes?.title ?? '').trim() || `#${i + 1}`,
      notes: markdownOf(item.content?.encoded ?? item.description ?? item.itunes?.summary),
      publishedAt: date && !Number.isNaN(date.getTime()) ? date : new Date(0),
      season: item.itunes?.season ?? item.podcast?.season?.number ?? null,
      number: item.itunes?.episode ?? item.podcast?.episode?.number ?? null,
      type: type === 'trailer' || type === 'bonus' ? type : 'full',
      explicit: item.itunes?.explicit ?? false,
      enclosure,
      art: item.itunes?.image ?? null,
      chapters: item.podcast?.chapters?.url ?? null,
      transcript: transcript?.url ? transcript.url : null,
      guests: (item.podcast?.persons ?? []).flatMap((p) =>
        p.display && p.role?.toLowerCase() === 'guest' ? [{ name: p.display, url: p.href ?? null }] : [],
      ),
    }
  })
  return items.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime())
}

/** A file in the media store, with the sizes pages show when it is art (see `makeSizes`). */
type Downloaded = { file: ReceivedMedia; sizes: ReceivedMedia[] } | { problem: string }

/** Fetches a file into the media store, checked like an upload of its kind. */
async function downloadOrProblem(
  deps: Writing,
  url: string,
  kind: 'audio' | 'image',
  onBytes?: (n: number) => void,
): Promise<Downloaded> {
  const maxBytes = kind === 'audio' ? AUDIO_MAX_BYTES : IMAGE_MAX_BYTES
  let res: Awaited<ReturnType<typeof openOutgoing>>
  try {
    // One byte over the limit reaches receiveMedia, so it refuses the file as too large itself.
    res = await openOutgoing(outgoingGuard(deps.config), url, {
      headers: { 'user-agent': userAgent },
      maxBytes: maxBytes + 1,
      timeoutMs: 30 * 60_000,
    })
  } catch {
    return { problem: 'downloadFailed' }
  }
  let bytes = 0
  const counting = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length
      onBytes?.(bytes)
      done(null, chunk)
    },
  })
  // pipe() does not pass errors on: a download cut off (time, size) must fail the file too.
  res.body.on('error', (e) => counting.destroy(e))
  try {
    const file = await receiveMedia(deps.config.dataDir, {
      kind,
      filename: decodeURIComponent(new URL(res.url).pathname.split('/').pop() || kind),
      source: res.body.pipe(counting),
      maxBytes,
      inspect: kind === 'audio' ? inspectAudio : inspectCover,
      now: deps.now(),
    })
    const sizes = kind === 'image' ? await makeSizes(deps.config.dataDir, file, 'square', deps.now()) : []
    return { file, sizes }
  } catch (e) {
    if (e instanceof MediaRefused) return { problem: e.reason }
    return { problem: 'downloadFailed' }
  }
}

/** Podcasting 2.0 JSON chapters as the "00:00 Title" lines episodes keep. */
export function chapterLines(document: unknown): string {
  const chapters = (document as { chapters?: { startTime?: unknown; title?: unknown; toc?: unknown }[] })
    ?.chapters
  if (!Array.isArray(chapters)) throw new Error('no chapters')
  const lines: string[] = []
  let last = -1
  for (const c of chapters) {
    const start = Math.floor(Number(c.startTime))
    if (!Number.isFinite(start) || start <= last || typeof c.title !== 'string' || c.toc === false) continue
    lines.push(`${clock(start)} ${c.title.replace(/\s+/g, ' ').trim()}`)
    last = start
  }
  return lines.join('\n')
}

/**
 * Everything one episode needs, downloaded and checked outside any transaction. Without playable
 * audio the episode is not imported (the next run tries again); art, chapters and a transcript
 * that fail are reported and left out.
 */
async function importEpisode(
  deps: Writing,
  item: FeedItem,
  options: { slugs: Set<string>; cover: string | null; onBytes: (n: number) => void },
): Promise<{
  slug: string
  problems: ImportProblem[]
  received: {
    audio: ReceivedMedia
    art: { file: ReceivedMedia; sizes: ReceivedMedia[] } | null
    transcript: ReceivedMedia | null
    chapters: string
  } | null
}> {
  const problems: ImportProblem[] = []
  const problem = (p: string, detail?: string) =>
    problems.push({ item: item.title, problem: p, ...(detail ? { detail } : {}) })
  const leftOut = (p: string, detail?: string) => ({
    slug: '',
    problems: [{ item: item.title, problem: p, ...(detail ? { detail } : {}), skipped: true as const }],
    received: null,
  })
  if (!item.enclosure) return leftOut('noEnclosure')
  const audio = await downloadOrProblem(deps, item.enclosure, 'audio', options.onBytes)
  if ('problem' in audio) return leftOut(audio.problem, item.enclosure)
  let art: { file: ReceivedMedia; sizes: ReceivedMedia[] } | null = null
  // Many feeds repeat the show's cover on every item: that is the show's art, not the episode's.
  if (item.art && item.art !== options.cover) {
    const got = await downloadOrProblem(deps, item.art, 'image')
    if ('file' in got) art = got
    else problem(got.problem, item.art)
  }
  let chapters = ''
  if (item.chapters)
    try {
      chapters = chapterLines(JSON.parse(await fetchText(deps, item.chapters, 2 * 1024 * 1024)))
    } catch {
      problem('chaptersUnreadable', item.chapters)
    }
  let transcript: ReceivedMedia | null = null
  if (item.transcript)
    try {
      transcript = await transcriptFile(
        deps,
        await fetchText(deps, item.transcript, TRANSCRIPT_MAX_BYTES),
        item.transcript.split('/').pop() || 'transcript',
      )
    } catch (e) {
      problem(e instanceof MediaRefused ? e.reason : 'downloadFailed', item.transcript)
    }
  const fallback = item.number !== null ? `episode-${item.number}` : `episode-${options.slugs.size + 1}`
  return {
    slug: uniqueSlug(slugOf(item.title), fallback, options.slugs),
    problems,
    received: { audio: audio.file, art, transcript, chapters },
  }
}
