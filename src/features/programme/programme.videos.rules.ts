// After a conference: the links to its recordings and slides, pasted in bulk by its organisers
// and matched to its sessions by title. Two shapes are read: a CSV with a header naming the
// `title`, `video` and `slides` columns (RFC 4180: quoted fields, doubled quotes, line breaks
// inside quotes), or a playlist copied from YouTube or Bilibili, one "<title> <url>" or
// "<url> <title>" a line. Titles are compared as people type them in either language, so case,
// spacing and full-width or half-width punctuation do not keep a line from its session.
import { isHttpUrl } from '../../platform/http/url.ts'

/** A session as matching sees it. */
export type TitledSession = { id: string; titleZh: string | null; titleEn: string | null }

/** One pasted line read: the title it names and the links it gives (`line` counts from 1). */
export type LinkLine = { line: number; title: string; videoUrl: string | null; slidesUrl: string | null }

/** Why a line cannot be used, whatever session it names. */
export type LineProblem = 'noTitle' | 'noLink' | 'badVideoUrl' | 'badSlidesUrl'

export type ReadLine = LinkLine & { problem: LineProblem | null }

export type Pasted =
  | { ok: true; format: 'csv' | 'playlist'; lines: ReadLine[] }
  /** The CSV could not be read at all: a header without a title column, or a quote left open. */
  | { ok: false; problem: 'csvHeader' | 'csvQuote' }

/**
 * RFC 4180 records: fields split at commas, a field in double quotes may hold commas, line
 * breaks and doubled quotes. Lines may end in CRLF or LF. Null when a quote is never closed.
 * Each record keeps the line it starts on.
 */
export function parseCsv(text: string): { line: number; fields: string[] }[] | null {
  const records: { line: number; fields: string[] }[] = []
  let fields: string[] = []
  let field = ''
  let quoted = false
  let line = 1
  let start = 1
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else {
        if (ch === '\n') line++
        field += ch
      }
    } else if (ch === '"' && field.trim() === '') {
      field = ''
      quoted = true
    } else if (ch === ',') {
      fields.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      fields.push(field)
      records.push({ line: start, fields })
      fields = []
      field = ''
      line++
      start = line
    } else field += ch
  }
  if (quoted) return null
  if (field !== '' || fields.length) {
    fields.push(field)
    records.push({ line: start, fields })
  }
  return records
}

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}'
const spaceBeforeCjk = new RegExp(`\\s+(?=[${CJK}])`, 'gu')
const spaceAfterCjk = new RegExp(`(?<=[${CJK}])\\s+`, 'gu')

/**
 * A title as it is compared: full-width letters, digits and punctuation made half-width (NFKC),
 * lower case, every run of punctuation (quotes “” and "", 《》, ：and :, dashes) one space,
 * spaces collapsed, and none beside Chinese characters (people write "Rust 与 WebAssembly" and
 * "Rust与WebAssembly" alike). Symbols stay: "C++" is not "C".
 */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .replace(spaceBeforeCjk, '')
    .replace(spaceAfterCjk, '')
    .trim()
}

const HEADERS: Record<string, 'title' | 'video' | 'slides'> = {
  title: 'title',
  video: 'video',
  video_url: 'video',
  slides: 'slides',
  slides_url: 'slides',
}

const check = (title: string, videoUrl: string | null, slidesUrl: string | null): LineProblem | null => {
  if (!title) return 'noTitle'
  if (!videoUrl && !slidesUrl) return 'noLink'
  if (videoUrl && !isHttpUrl(videoUrl)) return 'badVideoUrl'
  if (slidesUrl && !isHttpUrl(slidesUrl)) return 'badSlidesUrl'
  return null
}

function readCsv(text: string): Pasted {
  const records = parseCsv(text)
  if (!records) return { ok: false, problem: 'csvQuote' }
  const nonBlank = records.filter((r) => r.fields.some((f) => f.trim() !== ''))
  const [header, ...rows] = nonBlank
  const columns = (header?.fields ?? []).map((f) => HEADERS[f.trim().toLowerCase()])
  const at = (name: 'title' | 'video' | 'slides') => columns.indexOf(name)
  if (at('title') < 0 || (at('video') < 0 && at('slides') < 0)) return { ok: false, problem: 'csvHeader' }
  const cell = (fields: string[], name: 'title' | 'video' | 'slides') => {
    const value = at(name) < 0 ? '' : (fields[at(name)] ?? '').trim()
    return value === '' ? null : value
  }
  return {
    ok: true,
    format: 'csv',
    lines: rows.map(({ line, fields }) => {
      const title = cell(fields, 'title') ?? ''
      const videoUrl = cell(fields, 'video')
      const slidesUrl = cell(fields, 'slides')
      return { line, title, videoUrl, slidesUrl, problem: check(title, videoUrl, slidesUrl) }
    }),
  }
}

// Separators playlists put between a title and its link: "Title - https://…", "https://… | Title".
const EDGE = /^[\s\-–—|:：·•,，]+|[\s\-–—|:：·•,，]+$/gu

function readPlaylist(text: string): Pasted {
  const lines: ReadLine[] = []
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    if (raw.trim() === '') return
    const url = /\b[a-z][a-z0-9+.-]*:\/\/\S+/i.exec(raw)
    if (!url) {
      lines.push({ line: i + 1, title: raw.trim(), videoUrl: null, slidesUrl: null, problem: 'noLink' })
      return
    }
    const title = `${raw.slice(0, url.index)} ${raw.slice(url.index + url[0].length)}`
      .replace(EDGE, '')
      .replace(/\s+/gu, ' ')
    lines.push({ line: i + 1, title, videoUrl: url[0], slidesUrl: null, problem: check(title, url[0], null) })
  })
  return { ok: true, format: 'playlist', lines }
}

/** A CSV when its first non-blank line is a header naming a title column; else a playlist. */
export function readPasted(text: string): Pasted {
  const first = text.split(/\r\n|\r|\n/).find((l) => l.trim() !== '') ?? ''
  const looksCsv = first
    .split(',')
    .some((f) => HEADERS[f.trim().replace(/^"|"$/g, '').toLowerCase()] === 'title')
  return looksCsv ? readCsv(text) : readPlaylist(text)
}

/** Where a line lands: one session, none, several to choose from, or a session an earlier line took. */
export type Match =
  | { kind: 'one'; sessionId: string }
  | { kind: 'none' }
  | { kind: 'several'; sessionIds: string[] }
  | { kind: 'taken'; sessionId: string; byLine: number }
  | { kind: 'unusable'; problem: LineProblem }

export type MatchedLine = ReadLine & { match: Match }

/**
 * Each line's session by its title in either language. `chosen` gives, by line number, the
 * session an organiser picked among several (a pick that is not among them is ignored). A second
 * line naming a session already named by an earlier one is `taken`: the first line wins, so
 * nothing is written twice and the preview says which line it lost to.
 */
export function matchLines(
  lines: ReadLine[],
  sessions: TitledSession[],
  chosen: ReadonlyMap<number, string> = new Map(),
): MatchedLine[] {
  const byTitle = new Map<string, string[]>()
  for (const s of sessions) {
    const keys = new Set([s.titleZh, s.titleEn].flatMap((t) => (t ? [normaliseTitle(t)] : [])))
    for (const key of keys) if (key) byTitle.set(key, [...(byTitle.get(key) ?? []), s.id])
  }
  const claimed = new Map<string, number>()
  return lines.map((l): MatchedLine => {
    if (l.problem) return { ...l, match: { kind: 'unusable', problem: l.problem } }
    const found = byTitle.get(normaliseTitle(l.title)) ?? []
    const pick = chosen.get(l.line)
    const sessionId = found.length === 1 ? found[0] : pick && found.includes(pick) ? pick : undefined
    if (!sessionId)
      return { ...l, match: found.length ? { kind: 'several', sessionIds: found } : { kind: 'none' } }
    const by = claimed.get(sessionId)
    if (by !== undefined) return { ...l, match: { kind: 'taken', sessionId, byLine: by } }
    claimed.set(sessionId, l.line)
    return { ...l, match: { kind: 'one', sessionId } }
  })
}

/** The writes a preview leads to: per session, the links its line gives (a link left out stays as it was). */
export const linksToWrite = (matched: MatchedLine[]) =>
  matched.flatMap((l) =>
    l.match.kind === 'one'
      ? [{ sessionId: l.match.sessionId, videoUrl: l.videoUrl, slidesUrl: l.slidesUrl }]
      : [],
  )

/**
 * A still of a video that needs no request of ours: YouTube's, read from its player address
 * (`videoEmbed` of the podcast's links). Bilibili's covers need its API, so they have none.
 */
export function videoThumbnail(embedSrc: string | null): string | null {
  const id =
    embedSrc && /^https:\/\/www\.youtube-nocookie\.com\/embed\/([A-Za-z0-9_-]{11})/.exec(embedSrc)?.[1]
  return id ? `https://i.ytimg.com/vi/${id}/mqdefault.jpg` : null
}

/** A session's length in whole minutes, when it has both ends. */
export const minutesOf = (startsAt: Date | null, endsAt: Date | null) =>
  startsAt && endsAt ? Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000) : null
