// Counting downloads by the IAB Podcast Measurement Technical Guidelines v2.2, as pure rules:
// what a request is (a bot, a preload, a probe), who the listener is (an IP and user agent, an IPv6
// address by its /64), and when the bytes delivered to a listener make one download.
import { createHash } from 'node:crypto'
import { isIPv6 } from 'node:net'
import apps from './opawg/apps.runtime.json' with { type: 'json' }
import bots from './opawg/bots.runtime.json' with { type: 'json' }
import browsers from './opawg/browsers.runtime.json' with { type: 'json' }

const compile = (list: { entries: { name: string; pattern: string }[] }) =>
  list.entries.map((e) => ({ name: e.name, pattern: new RegExp(e.pattern) }))
const botPatterns = compile(bots)
const appPatterns = compile(apps)
const browserPatterns = compile(browsers)

/** Watches and smart devices that fetch episodes ahead of listening: not a listen. */
const preloadPattern = /watchOS|Apple ?Watch|\batc\//

export type RequestKind = 'bot' | 'preload' | 'probe' | 'listen'

/** What a GET of an episode's audio is, before any byte is counted. */
export function requestKind(
  userAgent: string | undefined,
  range: { start: number; end: number } | null,
): RequestKind {
  const ua = userAgent ?? ''
  if (!ua || botPatterns.some((b) => b.pattern.test(ua))) return 'bot'
  if (preloadPattern.test(ua)) return 'preload'
  // Players ask for the first two bytes to learn the size and whether ranges work.
  if (range && range.start === 0 && range.end === 1) return 'probe'
  return 'listen'
}

/** The app (or browser) a user agent names, as OPAWG lists them; "Other" when none matches. */
export function appOf(userAgent: string | undefined): string {
  const ua = userAgent ?? ''
  return (
    appPatterns.find((a) => a.pattern.test(ua))?.name ??
    browserPatterns.find((b) => b.pattern.test(ua))?.name ??
    'Other'
  )
}

/** An IPv6 address stands for its /64 (one household or device gets many addresses in it). */
export function addressGroup(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
  if (mapped) return mapped[1]!
  if (!isIPv6(ip)) return ip
  const [head = '', tail = ''] = ip.toLowerCase().split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const full = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
  return `${full
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}

/** The listener, as a salted hash: the address itself is never kept. */
export const listenerKey = (salt: string, ip: string, userAgent: string | undefined) =>
  createHash('sha256')
    .update(`${salt}\n${addressGroup(ip)}\n${userAgent ?? ''}`)
    .digest('hex')
    .slice(0, 40)

/** How many bytes of a file hold one minute of audio (all of it for a shorter file). */
export const minuteOf = (file: { bytes: number; durationSeconds: number | null }) =>
  !file.durationSeconds || file.durationSeconds <= 60
    ? file.bytes
    : Math.ceil((file.bytes * 60) / file.durationSeconds)

export const WINDOW_MS = 24 * 3_600_000

export type Progress = { windowStart: Date; ranges: [number, number][]; counted: boolean }

/** Byte ranges merged, so bytes asked for twice count once. */
export function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0])
  const out: [number, number][] = []
  for (const [s, e] of sorted) {
    const last = out.at(-1)
    if (last && s <= last[1] + 1) last[1] = Math.max(last[1], e)
    else out.push([s, e])
  }
  return out
}

const covered = (ranges: [number, number][]) => ranges.reduce((a, [s, e]) => a + e - s + 1, 0)

/**
 * The listener's progress after `delivered` bytes of the file reached them at `now`: within 24
 * hours of the window's first request the ranges add up and one download is counted when they
 * cover a minute of audio; after that, a new window starts. `count` says whether this delivery
 * made the download.
 */
export function afterDelivery(
  previous: Progress | null,
  delivered: [number, number],
  minute: number,
  now: Date,
): { progress: Progress; count: boolean } {
  const fresh = !previous || now.getTime() - previous.windowStart.getTime() >= WINDOW_MS
  const base: Progress = fresh ? { windowStart: now, ranges: [], counted: false } : previous
  const ranges = mergeRanges([...base.ranges, delivered])
  const count = !base.counted && covered(ranges) >= minute
  return { progress: { windowStart: base.windowStart, ranges, counted: base.counted || count }, count }
}
