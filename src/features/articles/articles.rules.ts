// Pure rules of articles: addresses, dates as people type them, lists typed in one field, reading
// time, and where a site path leads (an episode, an event or a chapter).

/** An article's address: lower-case letters, digits and dashes; no dot, so feed files never clash. */
export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$/

/** A slug from a title: ASCII words joined by dashes, or null when nothing is left (a Chinese title). */
export function slugFromTitle(title: string): string | null {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '')
  return s.length >= 3 ? s : null
}

/** `base`, or `base-2`, `base-3`… past the addresses already taken (lower case). */
export function freeSlug(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

/**
 * A publish date as an editor types it, in UTC: 2026-07-08, 2026-07-08 10:00, 2026-07-08T10:00
 * (a datetime-local field), 2026/7/8. Null when it is not one of those or not a real day.
 */
export function parsePublishDate(text: string): Date | null {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim())
  if (!m) return null
  const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1).map((v) => v ?? undefined) as string[]
  const date = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s))
  const valid =
    date.getUTCFullYear() === +y! &&
    date.getUTCMonth() === +mo! - 1 &&
    date.getUTCDate() === +d! &&
    +h < 24 &&
    +mi < 60 &&
    +s < 60
  return valid ? date : null
}

/** As a datetime-local field shows a UTC moment: 2026-07-08T10:00. */
export const wallClockUtc = (date: Date) => date.toISOString().slice(0, 16)

/** Comma-separated (either comma) words, trimmed, without blanks or repeats, in their order. */
export function splitList(text: string): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const raw of text.split(/[,，、\n]/)) {
    const v = raw.trim()
    if (v && !seen.has(v.toLowerCase())) {
      seen.add(v.toLowerCase())
      out.push(v)
    }
  }
  return out
}

/** An author line: `@handle` for a person on the site, otherwise the name as written. */
export function parseAuthorLine(line: string): { handle: string } | { name: string } | null {
  const v = line.trim()
  if (!v) return null
  return v.startsWith('@') && v.length > 1 ? { handle: v.slice(1) } : { name: v }
}

export type LinkTarget =
  | { kind: 'episode'; show: string; episode: string }
  | { kind: 'event'; event: string }
  | { kind: 'chapter'; chapter: string }

/** Which page of the site a typed address (path or full URL) is: an episode, an event or a chapter. */
export function linkTargetOf(text: string): LinkTarget | null {
  let path = text.trim()
  if (/^https?:\/\//i.test(path)) {
    try {
      path = new URL(path).pathname
    } catch {
      return null
    }
  }
  const parts = path.split('/').filter(Boolean)
  if (parts[0] === 'zh' || parts[0] === 'en') parts.shift()
  const [section, a, b] = parts.map((p) => decodeURIComponentSafe(p))
  if (section === 'podcast' && a && b && parts.length === 3) return { kind: 'episode', show: a, episode: b }
  if (section === 'events' && a && parts.length === 2) return { kind: 'event', event: a }
  if (section === 'chapters' && a && parts.length === 2) return { kind: 'chapter', chapter: a }
  return null
}

function decodeURIComponentSafe(s: string) {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/**
 * Minutes to read: Chinese is read by the character (about 400 a minute), other languages by
 * the word (about 220); at least one.
 */
export function readingMinutes(text: string): number {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0
  const words = text.replace(/\p{Script=Han}/gu, ' ').match(/[\p{L}\p{N}]+/gu)?.length ?? 0
  return Math.max(1, Math.round(han / 400 + words / 220))
}

/** Whether a reader may see the article at `now`: published or scheduled, and its date has come. */
export const isVisible = (a: { status: string; publishedAt: Date | null }, now: Date) =>
  (a.status === 'published' || a.status === 'scheduled') && !!a.publishedAt && a.publishedAt <= now
