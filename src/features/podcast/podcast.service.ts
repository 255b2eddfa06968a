// The podcast's use cases: shows and their hosts, episodes from draft to published, audio that is
// checked before it is kept, and the feed rendered once per change inside the same transaction.
import { open } from 'node:fs/promises'
import { Readable } from 'node:stream'
import type { Deps } from '../../platform/deps.ts'
import { DomainError, InvalidInput } from '../../platform/errors.ts'
import { imageFacts } from '../../platform/media/images.ts'
import {
  type MediaFile,
  MediaRefused,
  readMediaText,
  receiveMedia,
  recordMedia,
} from '../../platform/media/media.ts'
import { makeSizes, recordSizes, sizeIdsOf } from '../../platform/media/pictures.ts'
import { type Authorise, enqueueRequest } from '../../platform/outbox/http.ts'
import { type Actor, authorize, can } from '../access/index.ts'
import { displayName, findPersonByHandle } from '../people/index.ts'
import { downloadRows, downloadStats } from './podcast.downloads.ts'
import { type FeedPerson, feedUrlOf, renderFeed } from './podcast.feed.ts'
import type { EpisodeInput, ShowEditInput, ShowInput, ShowSettingsInput } from './podcast.inputs.ts'
import * as repo from './podcast.repo.ts'
import { coverProblem, podcastGuidOf } from './podcast.rules.ts'
import { parseTranscript, toVtt } from './podcast.transcripts.ts'

type Writing = Pick<Deps, 'db' | 'now' | 'config' | 'communityNames'>

/** Audio Apple Podcasts and every app play: MP3 and AAC in MP4 (M4A). Up to 1 GiB. */
export const AUDIO_MAX_BYTES = 1024 ** 3

/** What an audio file is, read from its bytes (its name and declared type are not trusted). */
export async function inspectAudio(path: string) {
  let format: Awaited<ReturnType<typeof import('music-metadata').parseFile>>['format']
  try {
    // Loaded with the first upload: most processes never read audio.
    const { parseFile } = await import('music-metadata')
    format = (await parseFile(path, { duration: true, skipCovers: true })).format
  } catch {
    throw new MediaRefused('notAudio')
  }
  const mp3 = format.container === 'MPEG' && /Layer 3/.test(format.codec ?? '')
  const m4a = /^(M4A|mp4|isom)/i.test(format.container ?? '') && /AAC/i.test(format.codec ?? '')
  if (!mp3 && !m4a) throw new MediaRefused('audioFormat')
  if (!format.duration || format.duration < 1) throw new MediaRefused('notAudio')
  return {
    contentType: mp3 ? 'audio/mpeg' : 'audio/mp4',
    durationSeconds: Math.round(format.duration),
    bitrate: format.bitrate ? Math.round(format.bitrate) : null,
    width: null,
    height: null,
  }
}

const signedIn = (actor: Actor) => {
  if (!actor) throw new DomainError('unauthenticated')
  return actor
}

/** Administrators run every show; a show's hosts run its episodes. */
async function mayHost(db: Deps['db'], actor: Actor, showId: string) {
  const person = signedIn(actor)
  if (can(actor, { action: 'podcast.manage' })) return
  const hosts = await repo.selectHosts(db, showId)
  if (!hosts.some((h) => h.id === person.personId)) throw new DomainError('forbidden')
}

const showOrFail = async (db: Deps['db'], slug: string) => {
  const show = await repo.selectShowBySlug(db, slug)
  if (!show) throw new DomainError('notFoundRecord')
  return show
}

const personInFeed = (
  baseUrl: string,
  p: { handle: string; nameZh: string | null; nameEn: string | null; avatarUrl: string | null },
  locale: 'zh' | 'en',
): FeedPerson => ({
  name: displayName(p, locale),
  href: `${baseUrl}/${locale}/people/${p.handle}`,
  img: p.avatarUrl,
})

/**
 * Everything a show's pages and feed show: the show, hosts, public episodes with media and guests;
 * with `sizes`, the sizes of the cover and of episodes' art that pages show (`artSizes`).
 */
export async function showWithEpisodes(
  deps: Pick<Deps, 'db' | 'now' | 'config'>,
  slug: string,
  options: { all?: boolean; sizes?: boolean } = {},
) {
  const show = await showOrFail(deps.db, slug)
  // One query at a time: the feed renders in the transaction of a change, and a transaction
  // is one connection (pg 9 refuses a second query while one runs).
  const hosts = await repo.selectHosts(deps.db, show.id)
  const list = options.all
    ? await repo.selectAllEpisodes(deps.db, show.id)
    : await repo.selectPublicEpisodes(deps.db, show.id, deps.now())
  const mediaIds = [show.coverId, ...list.flatMap((e) => [e.audioId, e.artId, e.transcriptId])].filter(
    (x): x is string => x !== null,
  )
  const artIds = [show.coverId, ...list.map((e) => e.artId)].filter((x): x is string => x !== null)
  const sizeIds = options.sizes ? [...new Set(artIds)].flatMap((id) => sizeIdsOf(id, 'square')) : []
  const media = await repo.selectMedia(deps.db, [...mediaIds, ...sizeIds])
  const guests = await repo.selectGuests(
    deps.db,
    list.map((e) => e.id),
  )
  const file = (id: string | null) => (id ? (media.find((m) => m.id === id) ?? null) : null)
  return {
    show: { ...show, cover: file(show.coverId) },
    artSizes: options.sizes ? media : [],
    hosts,
    episodes: list.map((e) => ({
      ...e,
      audio: file(e.audioId),
      art: file(e.artId),
      transcript: file(e.transcriptId),
      guests: guests.filter((g) => g.guest.episodeId === e.id),
    })),
  }
}

/** Renders and stores the show's feed; call in the transaction of the change it reflects. */
export async function renderShowFeed(
  tx: Deps['db'],
  deps: Pick<Deps, 'now' | 'config' | 'communityNames'>,
  showId: string,
) {
  const show = await repo.selectShowById(tx, showId)
  if (!show) return
  const {
    show: full,
    hosts,
    episodes,
  } = await showWithEpisodes({ db: tx, now: deps.now, config: deps.config }, show.slug)
  const locale = full.language.startsWith('zh') ? 'zh' : 'en'
  const baseUrl = deps.config.baseUrl
  const now = deps.now()
  const { xml, etag } = renderFeed({
    baseUrl,
    community: (await deps.communityNames(tx))[locale],
    show: full,
    hosts: hosts.map((h) => personInFeed(baseUrl, h, locale)),
    episodes: episodes
      .filter((e): e is typeof e & { audio: MediaFile } => e.audio !== null)
      .map((e) => ({
        ...e,
        guests: e.guests.map((g) =>
          g.person?.id
            ? personInFeed(baseUrl, g.person, locale)
            : { name: g.guest.name ?? '', href: g.guest.url ?? feedUrlOf(baseUrl, full.slug), img: null },
        ),
      })),
    now,
    ...(deps.config.websubHubUrl ? { hub: deps.config.websubHubUrl } : {}),
  })
  await repo.upsertFeed(tx, { showId, xml, etag, renderedAt: now })
}

/** Every show's feed rendered again (the community was renamed); in the caller's transaction. */
export async function renderEveryFeed(tx: Deps['db'], deps: Pick<Deps, 'now' | 'config' | 'communityNames'>) {
  for (const show of await repo.selectShows(tx)) await renderShowFeed(tx, deps, show.id)
}

/** A new show, its podcast:guid fixed from its feed URL now; administrators only. */
export async function createShow(deps: Writing, actor: Actor, input: ShowInput) {
  authorize(actor, { action: 'podcast.manage' })
  if (await repo.selectShowBySlug(deps.db, input.slug)) throw new DomainError('slugTaken')
  const hostIds = await hostIdsOf(deps, input.hosts)
  const now = deps.now()
  return deps.db.transaction(async (tx) => {
    const { hosts: _, ...fields } = input
    const show = await repo.insertShow(tx, {
      ...fields,
      podcastGuid: podcastGuidOf(feedUrlOf(deps.config.baseUrl, input.slug)),
      createdAt: now,
      updatedAt: now,
    })
    await repo.insertHosts(tx, show.id, hostIds)
    await renderShowFeed(tx, deps, show.id)
    return show
  })
}

export async function hostIdsOf(deps: Pick<Deps, 'db'>, handles: string[]) {
  const ids: string[] = []
  for (const handle of handles) {
    const person = await findPersonByHandle(deps, handle.replace(/^@/, ''))
    if (!person)
      throw new InvalidInput([{ code: 'custom', path: ['hosts'], message: 'unknownHandle', input: handle }])
    ids.push(person.id)
  }
  return ids
}

/** Guests as typed: a handle here becomes a credit with a profile; anything else a named outsider. */
async function guestRows(deps: Pick<Deps, 'db'>, episodeId: string, lines: string[]) {
  // In turn, not in parallel: callers pass their transaction, one connection.
  const rows = []
  for (const [position, line] of lines.entries()) {
    const person = /^@?[A-Za-z0-9-]+$/.test(line)
      ? await findPersonByHandle(deps, line.replace(/^@/, ''))
      : undefined
    if (person) rows.push({ episodeId, personId: person.id, name: null, url: null, position })
    else {
      const m = /^(.*?)\s+(https?:\/\/\S+)$/.exec(line)
      rows.push({ episodeId, personId: null, name: m ? m[1]!.trim() : line, url: m ? m[2]! : null, position })
    }
  }
  return rows
}

/** A new episode, as a draft. */
export async function createEpisode(deps: Writing, actor: Actor, showSlug: string, input: EpisodeInput) {
  const show = await showOrFail(deps.db, showSlug)
  await mayHost(deps.db, actor, show.id)
  if (await repo.selectEpisodeBySlug(deps.db, show.id, input.slug)) throw new DomainError('slugTaken')
  const now = deps.now()
  return deps.db.transaction(async (tx) => {
    const { guests, ...fields } = input
    const episode = await repo.insertEpisode(tx, {
      ...fields,
      showId: show.id,
      guid: '',
      createdAt: now,
      updatedAt: now,
    })
    // The item guid is the episode's own id: stable whatever else changes.
    await repo.updateEpisode(tx, episode.id, { guid: episode.id })
    await repo.insertGuests(tx, await guestRows({ db: tx }, episode.id, guests))
    return { ...episode, guid: episode.id }
  })
}

/** A show's fields as its form shows them (lines for lists): to prefill the form, or merge a patch. */
export const showFormValues = (show: repo.Show, hosts: { handle: string }[]) => ({
  titleZh: show.titleZh ?? '',
  titleEn: show.titleEn ?? '',
  descriptionZh: show.descriptionZh ?? '',
  descriptionEn: show.descriptionEn ?? '',
  language: show.language,
  categories: show.categories.join('\n'),
  explicit: show.explicit ? 'yes' : '',
  type: show.type,
  ownerName: show.ownerName,
  ownerEmail: show.ownerEmail,
  copyright: show.copyright ?? '',
  hosts: hosts.map((h) => h.handle).join('\n'),
})

/** An episode's fields as its form shows them; guests as the lines they were typed as. */
export const episodeFormValues = (
  episode: repo.Episode,
  guests: { guest: { name: string | null; url: string | null }; person: { handle: string | null } | null }[],
) => ({
  titleZh: episode.titleZh ?? '',
  titleEn: episode.titleEn ?? '',
  slug: episode.slug,
  notes: episode.notes,
  season: episode.season === null ? '' : String(episode.season),
  number: episode.number === null ? '' : String(episode.number),
  type: episode.type,
  explicit: episode.explicit ? 'yes' : '',
  sponsor: episode.sponsor ?? '',
  videoUrl: episode.videoUrl ?? '',
  chapters: episode.chapters,
  guests: guests
    .map((g) => g.person?.handle ?? [g.guest.name, g.guest.url].filter(Boolean).join(' '))
    .join('\n'),
})

/**
 * Changes a show's details; the feed follows. The hosts run the show; who hosts it is for
 * administrators to change.
 */
export async function editShow(deps: Writing, actor: Actor, slug: string, input: ShowEditInput) {
  const show = await showOrFail(deps.db, slug)
  await mayHost(deps.db, actor, show.id)
  const current = await repo.selectHosts(deps.db, show.id)
  const hostIds = await hostIdsOf(deps, input.hosts)
  const sameHosts = hostIds.join() === current.map((h) => h.id).join()
  if (!sameHosts) authorize(actor, { action: 'podcast.manage' })
  await deps.db.transaction(async (tx) => {
    const { hosts: _, ...fields } = input
    await repo.updateShow(tx, show.id, { ...fields, updatedAt: deps.now() })
    if (!sameHosts) {
      await repo.deleteHosts(tx, show.id)
      await repo.insertHosts(tx, show.id, hostIds)
    }
    await renderShowFeed(tx, deps, show.id)
  })
}

/**
 * Changes an episode; its GUID never changes. Once published its slug stays too: listeners
 * have its address.
 */
export async function editEpisode(deps: Writing, actor: Actor, episodeId: string, input: EpisodeInput) {
  await deps.db.transaction(async (tx) => {
    const episode = await repo.selectEpisodeForUpdate(tx, episodeId)
    if (!episode) throw new DomainError('notFoundRecord')
    await mayHost(tx, actor, episode.showId)
    if (input.slug !== episode.slug) {
      if (episode.publishedAt)
        throw new InvalidInput([{ code: 'custom', path: ['slug'], message: 'slugFixed', input: input.slug }])
      const taken = await repo.selectEpisodeBySlug(tx, episode.showId, input.slug)
      if (taken && taken.id !== episode.id) throw new DomainError('slugTaken')
    }
    const { guests, ...fields } = input
    await repo.updateEpisode(tx, episodeId, { ...fields, updatedAt: deps.now() })
    await repo.deleteGuests(tx, episodeId)
    await repo.insertGuests(tx, await guestRows({ db: tx }, episodeId, guests))
    await renderShowFeed(tx, deps, episode.showId)
  })
}

/**
 * The episode's audio: checked (MP3 or M4A, read from the bytes), stored, and swapped in with the
 * feed re-rendered, all or nothing. A replaced file gets a new URL; the episode keeps its guid.
 */
export async function attachAudio(
  deps: Writing,
  actor: Actor,
  episodeId: string,
  upload: { filename: string; source: Readable | AsyncIterable<Uint8Array> },
) {
  const episode = await repo.selectEpisode(deps.db, episodeId)
  if (!episode) throw new DomainError('notFoundRecord')
  await mayHost(deps.db, actor, episode.showId)
  const now = deps.now()
  // Written and checked before the transaction: an upload must not hold one open.
  const received = await receiveMedia(deps.config.dataDir, {
    kind: 'audio',
    filename: upload.filename,
    source: upload.source,
    maxBytes: AUDIO_MAX_BYTES,
    inspect: inspectAudio,
    now,
  })
  return deps.db.transaction(async (tx) => {
    const audio = await recordMedia(tx, received)
    await repo.updateEpisode(tx, episodeId, { audioId: audio.id, updatedAt: now })
    await renderShowFeed(tx, deps, episode.showId)
    return audio
  })
}

/** Publishes now, or schedules for `at`; an episode without audio is not published. */
export async function publishEpisode(deps: Writing, actor: Actor, episodeId: string, at: Date | null) {
  const now = deps.now()
  return deps.db.transaction(async (tx) => {
    const episode = await repo.selectEpisodeForUpdate(tx, episodeId)
    if (!episode) throw new DomainError('notFoundRecord')
    await mayHost(tx, actor, episode.showId)
    if (!episode.audioId)
      throw new InvalidInput([{ code: 'custom', path: ['audio'], message: 'audioRequired', input: null }])
    const later = at !== null && at > now
    await repo.updateEpisode(tx, episodeId, {
      status: later ? 'scheduled' : 'published',
      publishAt: later ? at : null,
      publishedAt: later ? null : (episode.publishedAt ?? now),
      updatedAt: now,
    })
    await renderShowFeed(tx, deps, episode.showId)
    if (!later) await announceFeed(tx, deps, (await repo.selectShowById(tx, episode.showId))!.slug)
  })
}

/** Takes an episode off the feed and the pages (its guid and URLs stay for a later return). */
export async function unpublishEpisode(deps: Writing, actor: Actor, episodeId: string) {
  const now = deps.now()
  await deps.db.transaction(async (tx) => {
    const episode = await repo.selectEpisodeForUpdate(tx, episodeId)
    if (!episode) throw new DomainError('notFoundRecord')
    await mayHost(tx, actor, episode.showId)
    await repo.updateEpisode(tx, episodeId, { status: 'unpublished', updatedAt: now })
    await renderShowFeed(tx, deps, episode.showId)
    await announceFeed(tx, deps, (await repo.selectShowById(tx, episode.showId))!.slug)
  })
}

/** The minute job: scheduled episodes whose time has come are published, their feeds rendered. */
export async function publishDueEpisodes(deps: Writing): Promise<number> {
  const now = deps.now()
  const due = await repo.selectDueEpisodes(deps.db, now)
  for (const episode of due)
    await deps.db.transaction(async (tx) => {
      const locked = await repo.selectEpisodeForUpdate(tx, episode.id)
      if (locked?.status !== 'scheduled') return
      await repo.updateEpisode(tx, episode.id, {
        status: 'published',
        publishedAt: locked.publishAt ?? now,
        updatedAt: now,
      })
      await renderShowFeed(tx, deps, episode.showId)
      await announceFeed(tx, deps, (await repo.selectShowById(tx, episode.showId))!.slug)
    })
  return due.length
}

export const listShows = (deps: Pick<Deps, 'db'>) => repo.selectShows(deps.db)

/** The stored feed of a show, as served. */
export async function feedOfShow(deps: Pick<Deps, 'db'>, slug: string) {
  const show = await showOrFail(deps.db, slug)
  const feed = await repo.selectFeed(deps.db, show.id)
  if (!feed) throw new DomainError('notFoundRecord')
  return feed
}

/** The shows a person runs: every one for administrators, those they host otherwise. */
export async function showsToRun(deps: Pick<Deps, 'db'>, actor: Actor) {
  const person = signedIn(actor)
  const all = await repo.selectShows(deps.db)
  if (can(actor, { action: 'podcast.manage' })) return all
  const hosted = await Promise.all(
    all.map(async (s) => (await repo.selectHosts(deps.db, s.id)).some((h) => h.id === person.personId)),
  )
  return all.filter((_, i) => hosted[i])
}

/** One show with every episode, whatever its status, for the people who run it. */
export async function showToRun(deps: Pick<Deps, 'db' | 'now' | 'config'>, actor: Actor, slug: string) {
  const show = await showOrFail(deps.db, slug)
  await mayHost(deps.db, actor, show.id)
  return showWithEpisodes(deps, slug, { all: true })
}

/** One episode, with its show, for the people who run the show. */
export async function episodeToRun(deps: Pick<Deps, 'db' | 'now' | 'config'>, actor: Actor, id: string) {
  const found = await repo.selectEpisode(deps.db, id)
  if (!found) throw new DomainError('notFoundRecord')
  const show = (await repo.selectShowById(deps.db, found.showId))!
  const full = await showToRun(deps, actor, show.slug)
  return { show: full.show, episode: full.episodes.find((e) => e.id === id)! }
}

/** The guests the hosts accepted for a show, newest first. */
export async function bookingsOf(deps: Pick<Deps, 'db'>, actor: Actor, showId: string) {
  await mayHost(deps.db, actor, showId)
  return repo.selectBookings(deps.db, showId)
}

/**
 * A booked guest's recording date, and the episode that credits them: the credit is added to the
 * episode (once) and its feed rendered again.
 */
export async function bookGuest(
  deps: Writing,
  actor: Actor,
  bookingId: string,
  input: { recordingOn: string | null; episodeId: string | null },
) {
  const booking = await repo.selectBooking(deps.db, bookingId)
  if (!booking) throw new DomainError('notFoundRecord')
  await mayHost(deps.db, actor, booking.showId)
  await deps.db.transaction(async (tx) => {
    await repo.updateBooking(tx, bookingId, input)
    if (!input.episodeId) return
    const episode = await repo.selectEpisodeForUpdate(tx, input.episodeId)
    if (episode?.showId !== booking.showId) throw new DomainError('notFoundRecord')
    const credited = await repo.selectGuests(tx, [episode.id])
    if (!credited.some((g) => g.guest.personId === booking.personId))
      await repo.insertGuests(tx, [
        {
          episodeId: episode.id,
          personId: booking.personId,
          name: null,
          url: null,
          position: credited.length,
        },
      ])
    await renderShowFeed(tx, deps, booking.showId)
  })
}

/** What a person has been a guest on (their profile lists it). */
export const guestEpisodesOf = (deps: Pick<Deps, 'db'>, personId: string) =>
  repo.selectGuestEpisodes(deps.db, personId)

/**
 * A show's downloads over the last `days` days, for its hosts; with `episodeId`, one episode's
 * (an id not of this show finds none).
 */
export async function showDownloads(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  slug: string,
  options: { days?: number; episodeId?: string | undefined } = {},
) {
  const show = await showOrFail(deps.db, slug)
  await mayHost(deps.db, actor, show.id)
  const days = options.days ?? 90
  const since = new Date(deps.now().getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10)
  const scope = { showId: show.id, since, episodeId: options.episodeId }
  const episode = options.episodeId ? await repo.selectEpisode(deps.db, options.episodeId) : null
  return {
    show,
    episode: episode?.showId === show.id ? episode : null,
    since,
    stats: await downloadStats(deps.db, scope),
    rows: () => downloadRows(deps.db, scope),
  }
}

/** Transcripts are text: a few megabytes at most. */
export const TRANSCRIPT_MAX_BYTES = 5 * 1024 * 1024

/** The episode's transcript (WebVTT or SRT), checked cue by cue and kept as WebVTT. */
export async function attachTranscript(
  deps: Writing,
  actor: Actor,
  episodeId: string,
  upload: { filename: string; source: Readable | AsyncIterable<Uint8Array> },
) {
  const episode = await repo.selectEpisode(deps.db, episodeId)
  if (!episode) throw new DomainError('notFoundRecord')
  await mayHost(deps.db, actor, episode.showId)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of upload.source) {
    size += chunk.length
    if (size > TRANSCRIPT_MAX_BYTES) throw new MediaRefused('fileTooLarge')
    chunks.push(Buffer.from(chunk))
  }
  // Written and checked before the transaction: an upload must not hold one open.
  const received = await transcriptFile(deps, Buffer.concat(chunks).toString('utf8'), upload.filename)
  const now = deps.now()
  return deps.db.transaction(async (tx) => {
    const file = await recordMedia(tx, received)
    await repo.updateEpisode(tx, episodeId, { transcriptId: file.id, updatedAt: now })
    await renderShowFeed(tx, deps, episode.showId)
    return file
  })
}

/** A transcript's text checked cue by cue and written to the media store as WebVTT (not recorded yet). */
export async function transcriptFile(deps: Writing, text: string, filename: string) {
  const vtt = toVtt(await parseTranscript(text))
  return receiveMedia(deps.config.dataDir, {
    kind: 'transcript',
    filename: `${filename.replace(/\.[^.]*$/, '')}.vtt`,
    source: Readable.from([Buffer.from(vtt)]),
    maxBytes: TRANSCRIPT_MAX_BYTES * 2,
    inspect: async () => ({
      contentType: 'text/vtt',
      durationSeconds: null,
      bitrate: null,
      width: null,
      height: null,
    }),
    now: deps.now(),
  })
}

/** The transcript's cues for the episode page (empty when it has none). */
export async function transcriptOf(deps: Pick<Deps, 'config'>, file: MediaFile | null) {
  return file ? parseTranscript(await readMediaText(deps.config.dataDir, file)) : []
}

/** Cover art is read from its first bytes (where JPEG and PNG say what they are), up to 10 MB. */
export const IMAGE_MAX_BYTES = 10 * 1024 * 1024

export async function inspectCover(path: string) {
  const handle = await open(path, 'r')
  try {
    const head = Buffer.alloc(512 * 1024)
    const { bytesRead } = await handle.read(head, 0, head.length, 0)
    const facts = imageFacts(head.subarray(0, bytesRead))
    const problem = coverProblem(facts)
    if (problem) throw new MediaRefused(problem)
    return {
      contentType: facts!.type,
      width: facts!.width,
      height: facts!.height,
      durationSeconds: null,
      bitrate: null,
    }
  } finally {
    await handle.close()
  }
}

/** The show's cover art (or, with `episodeId`, an episode's own), checked as directories check it. */
export async function attachArt(
  deps: Writing,
  actor: Actor,
  target: { showSlug: string; episodeId?: string },
  upload: { filename: string; source: Readable | AsyncIterable<Uint8Array> },
) {
  const show = await showOrFail(deps.db, target.showSlug)
  await mayHost(deps.db, actor, show.id)
  const now = deps.now()
  // Written and checked before the transaction: an upload must not hold one open.
  const received = await receiveMedia(deps.config.dataDir, {
    kind: 'image',
    filename: upload.filename,
    source: upload.source,
    maxBytes: IMAGE_MAX_BYTES,
    inspect: inspectCover,
    now,
  })
  // The feed keeps the original (directories want 1400–3000 px); pages show these.
  const sizes = await makeSizes(deps.config.dataDir, received, 'square', now)
  return deps.db.transaction(async (tx) => {
    const image = await recordMedia(tx, received)
    await recordSizes(tx, sizes)
    if (target.episodeId) {
      const episode = await repo.selectEpisodeForUpdate(tx, target.episodeId)
      if (episode?.showId !== show.id) throw new DomainError('notFoundRecord')
      await repo.updateEpisode(tx, episode.id, { artId: image.id, updatedAt: now })
    } else await repo.updateShow(tx, show.id, { coverId: image.id, updatedAt: now })
    await renderShowFeed(tx, deps, show.id)
    return image
  })
}

/** Platforms, funding links and the cover's credit; the feed follows. */
export async function updateShowSettings(
  deps: Writing,
  actor: Actor,
  slug: string,
  input: ShowSettingsInput,
) {
  const show = await showOrFail(deps.db, slug)
  await mayHost(deps.db, actor, show.id)
  await deps.db.transaction(async (tx) => {
    await repo.updateShow(tx, show.id, { ...input, updatedAt: deps.now() })
    await renderShowFeed(tx, deps, show.id)
  })
}

/**
 * Tells the podcast world the show's feed changed (after publishing): a WebSub hub ping and a
 * Podping, each only when configured, through the HTTP outbox in the publishing transaction.
 */
async function announceFeed(tx: Deps['db'], deps: Pick<Deps, 'config'>, slug: string) {
  const feedUrl = feedUrlOf(deps.config.baseUrl, slug)
  if (deps.config.websubHubUrl)
    await enqueueRequest(tx, {
      kind: 'websub',
      event: 'feed.updated',
      method: 'POST',
      url: deps.config.websubHubUrl,
      body: { 'hub.mode': 'publish', 'hub.url': feedUrl },
      form: true,
    })
  if (deps.config.podping)
    await enqueueRequest(tx, {
      kind: 'podping',
      event: 'feed.updated',
      method: 'GET',
      url: `${deps.config.podping.url.replace(/\/?$/, '/')}?url=${encodeURIComponent(feedUrl)}`,
      body: null,
    })
}

/** How WebSub pings (no credentials) and Podpings (the configured token) are sent. */
export const announcers = (deps: Pick<Deps, 'config'>): Record<'websub' | 'podping', Authorise> => ({
  websub: async () => ({ headers: {} }),
  podping: async () =>
    deps.config.podping
      ? { headers: { authorization: deps.config.podping.token } }
      : { drop: 'no Podping token configured' },
})
