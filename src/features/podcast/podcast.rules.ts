// Pure rules of the podcast: identities, chapters, what is public.
import { v5 } from 'uuid'

/** The namespace the Podcasting 2.0 spec fixes for podcast:guid. */
const PODCAST_GUID_NAMESPACE = 'ead4c236-bf58-58c6-a2c6-a6b28d128cb6'

/** podcast:guid: UUIDv5 of the feed URL without its scheme and trailing slashes. */
export const podcastGuidOf = (feedUrl: string) =>
  v5(feedUrl.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, ''), PODCAST_GUID_NAMESPACE)

export const episodeStatuses = ['draft', 'scheduled', 'published', 'unpublished'] as const
export type EpisodeStatus = (typeof episodeStatuses)[number]
export const episodeTypes = ['full', 'trailer', 'bonus'] as const

/** Listeners see an episode once it is published (a scheduled one when its time has come). */
export const isPublic = (e: { status: string; publishAt: Date | null }, now: Date) =>
  e.status === 'published' || (e.status === 'scheduled' && e.publishAt !== null && e.publishAt <= now)

export type Chapter = { startTime: number; title: string }
export type ChaptersParse = { ok: true; chapters: Chapter[] } | { ok: false; line: number }

/**
 * Chapters typed as "00:00 Title" lines (h:mm:ss or mm:ss), in order; the first line that is not
 * one (or goes back in time) is reported by its number.
 */
export function parseChapters(text: string): ChaptersParse {
  const chapters: Chapter[] = []
  const lines = text.split(/\r?\n/)
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim()
    if (!line) continue
    const m = /^(?:(\d+):)?([0-5]?\d):([0-5]\d)\s+(.+)$/.exec(line)
    if (!m) return { ok: false, line: i + 1 }
    const startTime = Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3])
    if (chapters.length && startTime <= chapters.at(-1)!.startTime) return { ok: false, line: i + 1 }
    chapters.push({ startTime, title: m[4]!.trim() })
  }
  return { ok: true, chapters }
}

/** Podcasting 2.0 JSON chapters. */
export const chaptersDocument = (chapters: Chapter[]) => ({ version: '1.2.0', chapters })

/** "1:02:03" or "2:03": for pages and for `?t=` links. */
export function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = Math.floor(seconds % 60)
  const two = (n: number) => String(n).padStart(2, '0')
  return h ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`
}

/** A deep link's time: `90`, `1m30s`, `1:30`, `1h2m3s`, as seconds; null when it is none of those. */
export function timeParam(value: string | undefined): number | null {
  if (!value) return null
  if (/^\d+$/.test(value)) return Number(value)
  const hms = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value)
  if (hms && value) return Number(hms[1] ?? 0) * 3600 + Number(hms[2] ?? 0) * 60 + Number(hms[3] ?? 0)
  const colon = /^(?:(\d+):)?(\d+):(\d{2})$/.exec(value)
  if (colon) return Number(colon[1] ?? 0) * 3600 + Number(colon[2]) * 60 + Number(colon[3])
  return null
}

/**
 * Why cover art would be refused by Apple Podcasts and the directories that follow it: square,
 * 1400 to 3000 pixels a side, JPEG or PNG, RGB. Null when it is fine.
 */
export function coverProblem(image: { width: number; height: number; colour: string } | null): string | null {
  if (!image) return 'notImage'
  if (image.width !== image.height) return 'coverSquare'
  if (image.width < 1400 || image.width > 3000) return 'coverSize'
  if (image.colour !== 'rgb') return 'coverColour'
  return null
}

/**
 * The player to embed for a video link: YouTube (through its no-cookie domain) or Bilibili, the
 * two the content security policy lets the pages frame. Null for anything else (shown as a link).
 */
export function videoEmbed(url: string): { provider: 'youtube' | 'bilibili'; src: string } | null {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return null
  }
  const host = u.hostname.replace(/^(www|m)\./, '')
  const youtubeId = /^[A-Za-z0-9_-]{11}$/
  if (host === 'youtu.be' || host === 'youtube.com' || host === 'youtube-nocookie.com') {
    const path = u.pathname.split('/').filter(Boolean)
    const id =
      host === 'youtu.be'
        ? path[0]
        : path[0] === 'watch'
          ? u.searchParams.get('v')
          : ['embed', 'shorts', 'live', 'v'].includes(path[0] ?? '')
            ? path[1]
            : null
    if (!id || !youtubeId.test(id)) return null
    const start = timeParam(u.searchParams.get('t') ?? u.searchParams.get('start') ?? undefined)
    return {
      provider: 'youtube',
      src: `https://www.youtube-nocookie.com/embed/${id}${start ? `?start=${start}` : ''}`,
    }
  }
  if (host === 'bilibili.com' || host === 'player.bilibili.com') {
    const bvid = /\/video\/(BV[0-9A-Za-z]{10})/.exec(u.pathname)?.[1] ?? u.searchParams.get('bvid')
    const aid = /\/video\/av(\d+)/.exec(u.pathname)?.[1] ?? u.searchParams.get('aid')
    const page = /^\d+$/.test(u.searchParams.get('p') ?? '') ? `&page=${u.searchParams.get('p')}` : ''
    if (bvid && /^BV[0-9A-Za-z]{10}$/.test(bvid))
      return {
        provider: 'bilibili',
        src: `https://player.bilibili.com/player.html?bvid=${bvid}${page}&autoplay=0`,
      }
    if (aid && /^\d+$/.test(aid))
      return {
        provider: 'bilibili',
        src: `https://player.bilibili.com/player.html?aid=${aid}${page}&autoplay=0`,
      }
  }
  return null
}

/** The listening platforms a subscribe button has a name and an icon for. */
export const listeningPlatforms = [
  'apple',
  'spotify',
  'pocketcasts',
  'overcast',
  'xiaoyuzhou',
  'ximalaya',
  'youtube',
] as const
export type ListeningPlatform = (typeof listeningPlatforms)[number]

const platformNames: Record<string, ListeningPlatform> = {
  'apple podcasts': 'apple',
  'apple 播客': 'apple',
  'pocket casts': 'pocketcasts',
  小宇宙: 'xiaoyuzhou',
  喜马拉雅: 'ximalaya',
}
const platformHosts: [RegExp, ListeningPlatform][] = [
  [/(^|\.)podcasts\.apple\.com$|(^|\.)itunes\.apple\.com$/, 'apple'],
  [/(^|\.)spotify\.com$|^spotify\.link$/, 'spotify'],
  [/(^|\.)pocketcasts\.com$|^pca\.st$/, 'pocketcasts'],
  [/(^|\.)overcast\.fm$/, 'overcast'],
  [/(^|\.)xiaoyuzhoufm\.com$/, 'xiaoyuzhou'],
  [/(^|\.)ximalaya\.com$/, 'ximalaya'],
  [/(^|\.)youtube\.com$|^youtu\.be$/, 'youtube'],
]

/**
 * Which platform a show's link leads to: the one it was saved as, the name people type for it
 * ("Apple Podcasts", "小宇宙"), or its address (a link labelled anything that goes to
 * podcasts.apple.com). Null for a platform we have no icon for: it is shown by its own name.
 */
export function platformOf(link: { platform: string; url: string }): ListeningPlatform | null {
  const label = link.platform.trim().toLowerCase()
  if ((listeningPlatforms as readonly string[]).includes(label)) return label as ListeningPlatform
  if (platformNames[label]) return platformNames[label]
  const host = URL.canParse(link.url) ? new URL(link.url).hostname.toLowerCase() : ''
  return platformHosts.find(([pattern]) => pattern.test(host))?.[1] ?? null
}
