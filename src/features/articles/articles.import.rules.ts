// Reading a community's Markdown files as they are: front matter in the Hugo convention (title,
// tag, keywords, description, createTime, author, image) or the Jekyll one (layout, title, date,
// img, tags, author, description), Hugo's TOML between `+++` lines, or none at all with the title
// as the first `# heading`; a translation's opening `原文：<url>` line becomes its original link.
// Every problem names the file and the line, so whoever exported hundreds of posts can find and
// fix the few that are refused.
// Pure: no I/O, no clock; the time zone for dates without one is passed in.
import { createRequire } from 'node:module'

// The parsers are loaded on the first import, not by every server start and a first start's
// preparing process (yaml and smol-toml with fflate in the zip reader: ~3.4 MiB resident,
// test/ops/memory.test.ts). Node requires ES modules synchronously, so these stay plain functions.
const load = createRequire(import.meta.url)
let tomlModule: typeof import('smol-toml') | undefined
let yamlModule: typeof import('yaml') | undefined
const toml = () => (tomlModule ??= load('smol-toml') as typeof import('smol-toml'))
const yaml = () => (yamlModule ??= load('yaml') as typeof import('yaml'))

import { isHttpUrl } from '../../platform/http/url.ts'
import { zonedTime } from '../../platform/i18n/time-zone.ts'

export type ArticleLanguage = 'zh' | 'en'

/** Why a file was skipped (`skipped`) or what was dropped from it (a warning); keys translate. */
export type ImportProblemCode =
  | 'frontMatterUnclosed'
  | 'frontMatterBroken'
  | 'frontMatterNotMap'
  | 'titleMissing'
  | 'dateUnknown'
  | 'dateMissing'
  | 'languageUnknown'
  | 'coverNotUrl'
  | 'originalNotUrl'
  | 'notMarkdown'
  | 'fileTooLarge'
  | 'notUtf8'
  | 'pathTwice'

export type ImportIssue = {
  file: string
  /** 1-based line in the file, or null when the problem is the file as a whole. */
  line: number | null
  problem: ImportProblemCode
  /** What was found (the date as written, the parser's message), shown after the reason. */
  detail?: string
}

export type ParsedArticle = {
  sourcePath: string
  slug: string
  language: ArticleLanguage
  title: string
  summary: string | null
  body: string
  /** When the file gives a date; null means "when imported". */
  publishedAt: Date | null
  draft: boolean
  coverUrl: string | null
  tags: string[]
  keywords: string[]
  originalUrl: string | null
  translator: string | null
  /** As written: matched to people by the service. */
  authors: string[]
}

export type ParseOutcome =
  | { ok: true; article: ParsedArticle; warnings: ImportIssue[] }
  | { ok: false; skipped: ImportIssue; warnings: ImportIssue[] }

export type ParseOptions = {
  /** The community's zone: what `2025-07-08 10:00` means. */
  timeZone: string
  /** Forces the language instead of detecting it. */
  language?: ArticleLanguage
  /**
   * Where the posts were published (an http(s) address): images and covers given by a relative
   * path (`img/a.png`, `/images/a.png`) are read from there instead of being left broken.
   */
  assetBase?: string
}

/** Files the import reads; anything else in a folder or a zip is passed over. */
export const markdownFile = /\.(md|markdown|mdown|mkd)$/i

/** A file larger than this is not a blog post; it is refused before it is parsed. */
export const ARTICLE_FILE_MAX_BYTES = 2 * 1024 * 1024

const frontMatterOpen = /^---[ \t]*$/
const frontMatterClose = /^(---|\.\.\.)[ \t]*$/

/** Splits lines keeping a count; CRLF and a byte-order mark from Windows editors are dropped. */
function linesOf(content: string): string[] {
  return content
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
}

type FrontMatter = {
  values: Map<string, { value: unknown; line: number }>
  /** Index in `lines` of the first body line. */
  bodyStart: number
}

type FrontMatterOutcome = { ok: true; frontMatter: FrontMatter | null } | { ok: false; issue: ImportIssue }

const tomlFence = /^\+\+\+[ \t]*$/
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Hugo's other front matter, TOML between `+++` lines (parsed by smol-toml). Its dates come as
 * TomlDate, whose ISO text keeps "no time" and "no zone" as written. The parser does not place
 * keys, so a key's line is found by its `key =` at the start of a line.
 */
function readTomlFrontMatter(file: string, lines: string[]): FrontMatterOutcome {
  const end = lines.findIndex((line, i) => i > 0 && tomlFence.test(line))
  if (end < 0) return { ok: false, issue: { file, line: 1, problem: 'frontMatterUnclosed' } }
  const source = lines.slice(1, end)
  let data: Record<string, unknown>
  try {
    data = toml().parse(source.join('\n'))
  } catch (e) {
    if (!(e instanceof toml().TomlError)) throw e
    return {
      ok: false,
      issue: { file, line: e.line + 1, problem: 'frontMatterBroken', detail: e.message.split('\n')[0]! },
    }
  }
  const values = new Map<string, { value: unknown; line: number }>()
  for (const [key, value] of Object.entries(data)) {
    const at = source.findIndex((l) => new RegExp(`^\\s*["']?${escapeRegExp(key)}["']?\\s*=`).test(l))
    values.set(key.trim().toLowerCase(), {
      value: value instanceof Date ? value.toISOString() : value,
      line: at < 0 ? 1 : at + 2,
    })
  }
  return { ok: true, frontMatter: { values, bodyStart: end + 1 } }
}

function readFrontMatter(file: string, lines: string[]): FrontMatterOutcome {
  if (tomlFence.test(lines[0] ?? '')) return readTomlFrontMatter(file, lines)
  if (!frontMatterOpen.test(lines[0] ?? '')) return { ok: true, frontMatter: null }
  const end = lines.findIndex((line, i) => i > 0 && frontMatterClose.test(line))
  if (end < 0) return { ok: false, issue: { file, line: 1, problem: 'frontMatterUnclosed' } }
  const source = lines.slice(1, end).join('\n')
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = yaml()
  const counter = new LineCounter()
  // The core schema: `date: 2024-11-01` stays the text written (YAML 1.1 would make a UTC Date of
  // it, losing "no time given"), and keys repeated by hand-edited files are reported, not guessed.
  const doc = parseDocument(source, { lineCounter: counter, prettyErrors: false, uniqueKeys: true })
  // Lines in the file: the YAML starts on line 2, after the opening `---`.
  const lineAt = (offset: number) => counter.linePos(offset).line + 1
  const error = doc.errors[0]
  if (error)
    return {
      ok: false,
      issue: {
        file,
        line: lineAt(error.pos[0]),
        problem: 'frontMatterBroken',
        detail: error.message.split('\n')[0]!,
      },
    }
  const values = new Map<string, { value: unknown; line: number }>()
  if (doc.contents === null) return { ok: true, frontMatter: { values, bodyStart: end + 1 } }
  if (!isMap(doc.contents)) return { ok: false, issue: { file, line: 2, problem: 'frontMatterNotMap' } }
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value).trim().toLowerCase() : null
    if (!key) continue
    const offset = isScalar(pair.key) && pair.key.range ? pair.key.range[0] : 0
    const node = pair.value
    const value = isScalar(node) ? node.value : isSeq(node) || isMap(node) ? node.toJSON() : null
    values.set(key, { value, line: lineAt(offset) })
  }
  return { ok: true, frontMatter: { values, bodyStart: end + 1 } }
}

const text = (value: unknown): string | null => {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    const s = String(value).trim()
    return s || null
  }
  return null
}

/** A list written as a YAML list or as one string separated by commas (either width) or 、. */
export function listOf(value: unknown): string[] {
  const items = Array.isArray(value)
    ? value.flatMap((v) => (text(v) === null ? [] : [text(v)!]))
    : (text(value)?.split(/[,，、;；]/) ?? [])
  const seen = new Set<string>()
  const out: string[] = []
  for (const raw of items) {
    const item = raw.trim().replace(/^#/, '').trim()
    if (!item || seen.has(item.toLowerCase())) continue
    seen.add(item.toLowerCase())
    out.push(item)
  }
  return out
}

const pad = (n: string) => n.padStart(2, '0')

/**
 * The moment a date as these files write it names: `2025-07-08`, `2025-07-08 10:00[:00]`,
 * `2025/7/8`, `2025/7/8 10:00`, `2025.07.08`, ISO with `T` and a zone or offset. Without a zone it
 * is the community's wall time. null when it is none of these or not a real day (2025-02-30).
 */
export function parseArticleDate(written: string, timeZone: string): Date | null {
  const s = written.trim()
  const local =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
      s,
    )
  if (!local) return null
  const [, y, mo, d, hh, mi, ss, zone] = local
  const month = Number(mo)
  const day = Number(d)
  const hour = hh === undefined ? 0 : Number(hh)
  const minute = mi === undefined ? 0 : Number(mi)
  const second = ss === undefined ? 0 : Number(ss)
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null
  const daysInMonth = new Date(Date.UTC(Number(y), month, 0)).getUTCDate()
  if (day > daysInMonth) return null
  const wall = `${y}-${pad(mo!)}-${pad(d!)}T${pad(String(hour))}:${pad(String(minute))}:${pad(String(second))}`
  if (zone) {
    const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`
    const at = new Date(`${wall}${offset}`)
    return Number.isNaN(at.getTime()) ? null : at
  }
  const at = zonedTime(wall, timeZone)
  return Number.isNaN(at.getTime()) ? null : at
}

/**
 * Chinese when Han characters are at least as many as Latin words: a Chinese post is full of
 * English product names, and an English one may quote a Chinese term or two.
 */
export function detectLanguage(sample: string): ArticleLanguage {
  const han = sample.match(/\p{Script=Han}/gu)?.length ?? 0
  const words = sample.match(/[A-Za-z]+/g)?.length ?? 0
  return han > 0 && han >= words ? 'zh' : 'en'
}

/** zh, zh-CN, zh_Hans, cn, chinese, 中文 → zh; en, en-US, english → en. */
export function languageOf(value: string): ArticleLanguage | null {
  const v = value.trim().toLowerCase()
  if (/^(zh|cn|chinese|中文)([-_].*)?$/.test(v)) return 'zh'
  if (/^(en|english|英文)([-_].*)?$/.test(v)) return 'en'
  return null
}

/** Lower-case ASCII letters, digits and single dashes; empty when nothing of the text is ASCII. */
export function slugify(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '')
}

/** FNV-1a, for a short stable slug when neither the file name nor the title has ASCII. */
function shortHash(value: string): string {
  let h = 0x811c9dc5
  for (const ch of value) {
    h ^= ch.codePointAt(0)!
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(36).padStart(7, '0')
}

/**
 * The slug: the file's name (a Hugo bundle's `post/index.md` by its folder; Jekyll's
 * `2024-11-01-` date prefix dropped), else the title, else a hash of the path. A name that is
 * only digits or a hex export id says nothing to a reader, so the title wins over it.
 */
export function slugFor(sourcePath: string, title: string): string {
  const parts = sourcePath.split('/').filter(Boolean)
  let name = (parts.at(-1) ?? '').replace(/\.[^.]+$/, '')
  if (/^(index|_index|readme)$/i.test(name) && parts.length > 1) name = parts.at(-2)!
  name = name.replace(/^\d{4}-\d{1,2}-\d{1,2}-/, '')
  const fromName = slugify(name)
  const meaningless = /^[\d_-]*([0-9a-f]{12,})?$/i.test(name.replace(/^\d+[_-]/, ''))
  if (fromName && !meaningless) return fromName
  const fromTitle = slugify(title)
  // A Chinese title leaves only its English words ("kubernetes"), which many posts share: a short
  // hash of the path keeps them apart, the same on every import.
  if (/\p{Script=Han}/u.test(title)) return `${fromTitle || 'article'}-${shortHash(sourcePath)}`
  if (fromTitle.length >= 3) return fromTitle
  return fromName || `article-${shortHash(sourcePath)}`
}

const originalLine =
  /^\s*(?:>\s*)?(?:\*\*|__)?\s*(?:原文|原文链接|原文地址|原文出处|Original(?: article| post)?)\s*(?:\*\*|__)?\s*[：:]\s*(?:\*\*|__)?\s*(.+?)\s*(?:\*\*|__)?\s*$/i
const translatorLine =
  /^\s*(?:>\s*)?(?:\*\*|__)?\s*(?:译者|翻译|Translator|Translated by)\s*(?:\*\*|__)?\s*[：:]\s*(.+?)\s*(?:\*\*|__)?\s*$/i

/** The address in `<url>`, `[text](url)`, `[url](url "title")` or a bare url. */
export function urlIn(written: string): string | null {
  const s = written.trim()
  const link = /^\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^"']*["'])?\s*\)$/.exec(s)
  if (link) return link[1]!
  const angle = /^<([^>\s]+)>$/.exec(s)
  if (angle) return angle[1]!
  return /^\S+$/.test(s) ? s : null
}

const hasScheme = /^[a-z][a-z0-9+.-]*:/i

/** A relative address against the old site, or null when it is not one (or cannot be made one). */
export function resolvedAgainst(target: string, base: string): string | null {
  if (hasScheme.test(target) || target.startsWith('#')) return null
  try {
    const url = new URL(target, base).href
    return isHttpUrl(url) ? url : null
  } catch {
    return null
  }
}

/**
 * The body with its images' relative paths (Markdown `![alt](path)` and HTML `<img src>`) made
 * addresses on the old site; fenced code is left as written.
 */
export function resolveImages(body: string, base: string): string {
  const markdownImage = /(!\[[^\]]*\]\(\s*<?)([^)\s>]+)(>?(?:\s+["'][^"']*["'])?\s*\))/g
  const htmlImage = /(<img\b[^>]*?\bsrc\s*=\s*)(["'])([^"']+)\2/gi
  let fenced = false
  return body
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) {
        fenced = !fenced
        return line
      }
      if (fenced) return line
      return line
        .replace(markdownImage, (whole, open: string, target: string, close: string) => {
          const url = resolvedAgainst(target, base)
          return url ? `${open}${url}${close}` : whole
        })
        .replace(htmlImage, (whole, open: string, quote: string, target: string) => {
          const url = resolvedAgainst(target, base)
          return url ? `${open}${quote}${url}${quote}` : whole
        })
    })
    .join('\n')
}

type Lead = { originalUrl: string | null; translator: string | null; issues: ImportIssue[] }

/**
 * Reads the translation's opening lines (among the first few non-blank ones, before any other
 * text): `原文：<url>` and `译者：name`, removing them (and the blank lines they leave) from `lines`.
 */
function takeTranslationLead(file: string, lines: string[], firstLineNo: number): Lead {
  const lead: Lead = { originalUrl: null, translator: null, issues: [] }
  let seen = 0
  for (let i = 0; i < lines.length && seen < 4; i++) {
    const line = lines[i]!
    if (!line.trim() || /^\s*>\s*$/.test(line)) continue
    seen++
    const original = originalLine.exec(line)
    const translator = translatorLine.exec(line)
    if (original && !lead.originalUrl) {
      const url = urlIn(original[1]!)
      if (url && isHttpUrl(url)) lead.originalUrl = url
      else lead.issues.push({ file, line: firstLineNo + i, problem: 'originalNotUrl', detail: original[1]! })
      lines[i] = '\u0000'
    } else if (translator && !lead.translator) {
      lead.translator = translator[1]!.replace(/\*\*|__/g, '').trim() || null
      lines[i] = '\u0000'
    } else break
  }
  // The lines read are at the top; they go, with the blank lines and empty quote lines they leave.
  const kept = lines.filter((line) => line !== '\u0000')
  if (kept.length !== lines.length) {
    while (kept.length && /^\s*>?\s*$/.test(kept[0]!)) kept.shift()
    lines.splice(0, lines.length, ...kept)
  }
  return lead
}

const get = (fm: FrontMatter | null, ...keys: string[]) => {
  for (const key of keys) {
    const entry = fm?.values.get(key)
    if (entry && entry.value !== null && entry.value !== undefined && entry.value !== '') return entry
  }
  return undefined
}

/** Reads one Markdown file into an article, or says (by line) why it cannot be imported. */
export function parseArticleFile(sourcePath: string, content: string, options: ParseOptions): ParseOutcome {
  const file = sourcePath
  const warnings: ImportIssue[] = []
  const skip = (issue: ImportIssue): ParseOutcome => ({ ok: false, skipped: issue, warnings })
  const lines = linesOf(content)
  const read = readFrontMatter(file, lines)
  if (!read.ok) return skip(read.issue)
  const fm = read.frontMatter
  const bodyStart = fm?.bodyStart ?? 0
  const bodyLines = lines.slice(bodyStart)
  let firstBodyLine = bodyStart + 1

  // Leading blank lines are not part of the article.
  while (bodyLines.length && !bodyLines[0]!.trim()) {
    bodyLines.shift()
    firstBodyLine++
  }

  let title = text(get(fm, 'title')?.value)
  if (!title) {
    // Posts exported without front matter carry their title as the first heading.
    const heading = /^#\s+(.+?)\s*#*\s*$/.exec(bodyLines[0] ?? '')
    if (heading) {
      title = heading[1]!.trim()
      bodyLines.shift()
      firstBodyLine++
    }
  }
  if (!title) return skip({ file, line: fm ? 1 : firstBodyLine, problem: 'titleMissing' })

  const lead = takeTranslationLead(file, bodyLines, firstBodyLine)
  warnings.push(...lead.issues)
  const written = bodyLines
    .join('\n')
    .replace(/^\s*\n/, '')
    .trimEnd()
  const body = options.assetBase ? resolveImages(written, options.assetBase) : written

  const dateEntry = get(fm, 'date', 'createtime', 'create_time', 'publishdate', 'pubdate', 'published_at')
  let publishedAt: Date | null = null
  if (dateEntry) {
    const written = text(dateEntry.value)
    publishedAt = written ? parseArticleDate(written, options.timeZone) : null
    if (!publishedAt)
      return skip({
        file,
        line: dateEntry.line,
        problem: 'dateUnknown',
        detail: String(written ?? dateEntry.value),
      })
  } else warnings.push({ file, line: fm ? 1 : null, problem: 'dateMissing' })

  let language = options.language ?? null
  const languageEntry = get(fm, 'lang', 'language', 'locale')
  if (!language && languageEntry) {
    language = languageOf(String(languageEntry.value))
    if (!language)
      warnings.push({
        file,
        line: languageEntry.line,
        problem: 'languageUnknown',
        detail: String(languageEntry.value),
      })
  }
  language ??= detectLanguage(`${title}\n${body.slice(0, 20_000)}`)

  const coverEntry = get(fm, 'image', 'img', 'cover', 'cover_image', 'featured_image', 'thumbnail')
  let coverUrl: string | null = null
  if (coverEntry) {
    const value =
      typeof coverEntry.value === 'object' && coverEntry.value !== null && !Array.isArray(coverEntry.value)
        ? (coverEntry.value as Record<string, unknown>).image
        : Array.isArray(coverEntry.value)
          ? coverEntry.value[0]
          : coverEntry.value
    const url = text(value)
    const resolved = url && options.assetBase ? resolvedAgainst(url, options.assetBase) : null
    if (url && isHttpUrl(url)) coverUrl = url
    else if (resolved) coverUrl = resolved
    else warnings.push({ file, line: coverEntry.line, problem: 'coverNotUrl', detail: String(url ?? '') })
  }

  const originalEntry = get(fm, 'original', 'original_url', 'originalurl', 'source_url', 'canonical_url')
  let originalUrl = lead.originalUrl
  if (!originalUrl && originalEntry) {
    const url = text(originalEntry.value)
    if (url && isHttpUrl(url)) originalUrl = url
    else
      warnings.push({
        file,
        line: originalEntry.line,
        problem: 'originalNotUrl',
        detail: String(url ?? ''),
      })
  }

  const draftEntry = get(fm, 'draft')
  const publishedEntry = get(fm, 'published')
  const draft = draftEntry?.value === true || publishedEntry?.value === false

  const explicitSlug = slugify(text(get(fm, 'slug')?.value) ?? '')
  return {
    ok: true,
    warnings,
    article: {
      sourcePath,
      slug: explicitSlug || slugFor(sourcePath, title),
      language,
      title,
      summary: text(get(fm, 'description', 'summary', 'excerpt', 'subtitle')?.value),
      body,
      publishedAt,
      draft,
      coverUrl,
      tags: listOf([
        ...listOf(get(fm, 'tags')?.value),
        ...listOf(get(fm, 'tag')?.value),
        ...listOf(get(fm, 'categories', 'category')?.value),
      ]),
      keywords: listOf(get(fm, 'keywords', 'keyword')?.value),
      originalUrl,
      translator: lead.translator ?? text(get(fm, 'translator', 'translators')?.value),
      authors: listOf(get(fm, 'authors', 'author')?.value),
    },
  }
}

/**
 * A path inside an upload or a zip as the import may keep it: relative, `/`-separated, without
 * `..` or a drive; null for one that points outside (`../../x.md`, `/etc/x.md`, `C:\x.md`).
 */
export function safeEntryPath(name: string): string | null {
  if (!name || name.includes('\u0000')) return null
  const slashed = name.replace(/\\/g, '/')
  if (slashed.startsWith('/') || /^[a-z]:/i.test(slashed)) return null
  const parts = slashed.split('/').filter((p) => p !== '' && p !== '.')
  if (parts.length === 0 || parts.some((p) => p === '..')) return null
  return parts.join('/')
}

export type ImportedFile = { file: string; slug: string; title: string; language: ArticleLanguage }

/** The whole run's outcome, in the order the files came. */
export type ImportReport = {
  imported: ImportedFile[]
  updated: ImportedFile[]
  /** Imported before and the same now: nothing was written. */
  unchanged: ImportedFile[]
  skipped: ImportIssue[]
  warnings: ImportIssue[]
}

export const emptyReport = (): ImportReport => ({
  imported: [],
  updated: [],
  unchanged: [],
  skipped: [],
  warnings: [],
})

export type KnownPerson = {
  id: string
  handle: string
  githubLogin: string | null
  nameZh: string | null
  nameEn: string | null
}

/**
 * The person an author's name means: a handle or GitHub login first (each names one person), then
 * a name in either language when exactly one person has it; null keeps the name as written.
 */
export function matchAuthor(written: string, known: KnownPerson[]): string | null {
  const name = written.trim().replace(/^@/, '').toLowerCase()
  if (!name) return null
  const byHandle = known.find((p) => p.handle.toLowerCase() === name)
  if (byHandle) return byHandle.id
  const byLogin = known.find((p) => p.githubLogin?.toLowerCase() === name)
  if (byLogin) return byLogin.id
  const byName = known.filter(
    (p) => p.nameZh?.trim().toLowerCase() === name || p.nameEn?.trim().toLowerCase() === name,
  )
  return byName.length === 1 ? byName[0]!.id : null
}

export type ArticleStatusChoice = 'draft' | 'scheduled' | 'published' | 'unpublished'

/**
 * What an imported article becomes: a draft when the file says so; scheduled when its date is
 * still to come; otherwise published, on its date or, without one, the date it first had (a
 * re-import does not move an undated article to the top). One an editor took down stays down.
 */
export function importedStatus(
  article: Pick<ParsedArticle, 'draft' | 'publishedAt'>,
  existing: { status: ArticleStatusChoice; publishedAt: Date | null } | null,
  now: Date,
): { status: ArticleStatusChoice; publishedAt: Date | null } {
  const publishedAt = article.publishedAt ?? existing?.publishedAt ?? (article.draft ? null : now)
  if (existing?.status === 'unpublished') return { status: 'unpublished', publishedAt }
  if (article.draft) return { status: 'draft', publishedAt }
  return { status: publishedAt && publishedAt > now ? 'scheduled' : 'published', publishedAt }
}

/** A slug not in `taken` (lower-case): the slug itself, else with -2, -3… */
export function freeSlug(slug: string, taken: Set<string>): string {
  if (!taken.has(slug.toLowerCase())) return slug
  for (let n = 2; ; n++) if (!taken.has(`${slug}-${n}`.toLowerCase())) return `${slug}-${n}`
}

/** `file:line` as editors and compilers write it, for the command line's report. */
export const whereOf = (issue: ImportIssue) => (issue.line ? `${issue.file}:${issue.line}` : issue.file)
