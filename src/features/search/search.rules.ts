// How text becomes search terms, the same for what is stored and what is asked, kept in the
// application so PGlite and PostgreSQL see identical lexemes (neither parses our text: the vector
// and the query are built here and handed over as `tsvector` / `tsquery` literals).
//
// Chinese has no spaces and no segmenter agrees with a reader on where words end: measured on the
// community's articles (bench/search-segmenters.ts), both Intl.Segmenter and jieba cut 云原生 into
// 云|原生 and 可观测性 into 可|观测|性 inside sentences, and Intl.Segmenter cuts 站长 into 站|长. So
// every run of CJK characters is stored as its single characters and its overlapping pairs at
// consecutive positions, and a query of two or more characters becomes the phrase of its pairs:
// any run of characters a reader types is found wherever it stands in a sentence. Intl.Segmenter
// still decides where runs and words start and end; Latin words are lower-cased and stemmed.
import { stemmer } from 'stemmer'

export const searchKinds = ['article', 'episode', 'event', 'session', 'chapter', 'person'] as const
export type SearchKind = (typeof searchKinds)[number]
export const searchLanguages = ['zh', 'en'] as const
export type SearchLanguage = (typeof searchLanguages)[number]

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })
const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u
const latinWord = /^[a-z]+$/
const piece = /[\p{L}\p{N}\p{M}]+/gu

/** PostgreSQL keeps positions up to 16383 and 256 of them per lexeme; a lexeme under 2 KB. */
export const MAX_POSITION = 16383
const MAX_POSITIONS_PER_LEXEME = 256
const MAX_LEXEME = 60
/** A query longer than this is cut: nobody types more, and 10 KB of text must not cost 10 KB of work. */
const MAX_QUERY_CHARS = 400
const MAX_QUERY_TERMS = 12

/** A word (stemmed) or a run of CJK characters, with where it stands in the original text. */
export type Term =
  | { type: 'word'; lexeme: string; start: number; end: number }
  | { type: 'cjk'; chars: string[]; starts: number[]; end: number }

const stem = (word: string) => (latinWord.test(word) && word.length > 2 ? stemmer(word) : word)

/**
 * The terms of a text in order. Offsets are into `text` itself (normalisation is applied per
 * character and per word), so highlighting can mark the stored text as it is.
 */
export function termsOf(text: string): Term[] {
  const terms: Term[] = []
  let run: Extract<Term, { type: 'cjk' }> | null = null
  for (const seg of segmenter.segment(text)) {
    if (!seg.isWordLike) {
      run = null
      continue
    }
    const s = seg.segment
    for (let i = 0; i < s.length; ) {
      const code = s.codePointAt(i)!
      const ch = String.fromCodePoint(code)
      if (cjk.test(ch)) {
        const at = seg.index + i
        if (!run || run.end !== at) {
          run = { type: 'cjk', chars: [], starts: [], end: at }
          terms.push(run)
        }
        run.chars.push(ch.normalize('NFKC'))
        run.starts.push(at)
        run.end = at + ch.length
        i += ch.length
        continue
      }
      run = null
      // A Latin or numeric stretch up to the next CJK character; apostrophes join ("don't").
      let j = i
      while (j < s.length && !cjk.test(String.fromCodePoint(s.codePointAt(j)!)))
        j += s.codePointAt(j)! > 0xffff ? 2 : 1
      const stretch = s.slice(i, j)
      const normal = stretch.normalize('NFKC').toLowerCase().replace(/['’]/g, '')
      for (const m of normal.matchAll(piece)) {
        const word = m[0].slice(0, MAX_LEXEME)
        // Offsets of the whole stretch: NFKC may change lengths, and a stretch is what a reader sees as one word.
        terms.push({ type: 'word', lexeme: stem(word), start: seg.index + i, end: seg.index + j })
      }
      i = j
    }
  }
  return terms
}

const pairsOf = (chars: string[]) => chars.slice(0, -1).map((c, i) => c + chars[i + 1]!)

/** A lexeme quoted for a tsvector or tsquery literal (ours hold letters only, quoted all the same). */
const quote = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`

/**
 * The `tsvector` literal of a document: the title's terms weighted A (ranked above the body),
 * the body's unweighted (D), positions running on from the title.
 */
export function documentVector(title: string, body: string): string {
  const lexemes = new Map<string, string[]>()
  let position = 0
  const add = (lexeme: string, at: number, weight: string) => {
    const list = lexemes.get(lexeme) ?? []
    lexemes.set(lexeme, list)
    if (list.length < MAX_POSITIONS_PER_LEXEME)
      list.push(`${Math.min(Math.max(at, 1), MAX_POSITION)}${weight}`)
  }
  const addText = (text: string, weight: string) => {
    for (const term of termsOf(text)) {
      if (term.type === 'word') {
        add(term.lexeme, ++position, weight)
        continue
      }
      const pairs = pairsOf(term.chars)
      term.chars.forEach((ch, i) => {
        position++
        add(ch, position, weight)
        if (pairs[i]) add(pairs[i], position, weight)
      })
    }
    position++ // no phrase runs across the title's end
  }
  addText(title, 'A')
  addText(body, '')
  return [...lexemes].map(([lexeme, positions]) => `${quote(lexeme)}:${positions.join(',')}`).join(' ')
}

/** Words so common that, alongside other words, they only slow a query down. */
const stopWords = new Set(
  'a an and are as at be by for from in is it of on or the this that to was with'.split(' ').map(stem),
)

/** What a query asks for: each word (the last one as a prefix: it may be half typed) and CJK run. */
export type ParsedQuery = {
  words: { lexeme: string; prefix: boolean }[]
  runs: string[]
}

export function parseQuery(text: string): ParsedQuery {
  const terms = termsOf(text.slice(0, MAX_QUERY_CHARS)).slice(0, MAX_QUERY_TERMS)
  const words: ParsedQuery['words'] = []
  const runs: string[] = []
  for (const t of terms) {
    if (t.type === 'cjk') runs.push(t.chars.join(''))
    else if (!words.some((w) => w.lexeme === t.lexeme)) words.push({ lexeme: t.lexeme, prefix: false })
  }
  const meaningful = words.filter((w) => !stopWords.has(w.lexeme))
  const kept = meaningful.length || runs.length ? meaningful : words
  const last = terms.at(-1)
  // A prefix only when the query ends in a word still being typed, and long enough to narrow.
  if (last?.type === 'word' && kept.at(-1)?.lexeme === last.lexeme && last.lexeme.length >= 2)
    kept[kept.length - 1] = { lexeme: last.lexeme, prefix: true }
  return { words: kept, runs: [...new Set(runs)] }
}

/**
 * The `tsquery` literal of a parsed query (every term required), or null when it asks for nothing
 * (only punctuation, emoji, spaces). Built from our lexemes, never from the reader's syntax.
 */
export function queryLiteral(query: ParsedQuery): string | null {
  const parts = [
    ...query.words.map((w) => `${quote(w.lexeme)}${w.prefix ? ':*' : ''}`),
    ...query.runs.map((run) => {
      const chars = Array.from(run)
      if (chars.length === 1) return quote(chars[0]!)
      return `(${pairsOf(chars).map(quote).join(' <-> ')})`
    }),
  ]
  return parts.length ? parts.join(' & ') : null
}

/**
 * The same query with each run's pairs required anywhere rather than in a row: what the GIN index
 * answers alone, without reading any document (a phrase needs the positions stored in the
 * document). It finds a superset; the phrase is checked on the few that are ranked.
 */
export function looseQueryLiteral(query: ParsedQuery): string | null {
  const parts = [
    ...query.words.map((w) => `${quote(w.lexeme)}${w.prefix ? ':*' : ''}`),
    ...query.runs.map((run) => {
      const chars = Array.from(run)
      return chars.length === 1 ? quote(chars[0]!) : [...new Set(pairsOf(chars))].map(quote).join(' & ')
    }),
  ]
  return parts.length ? parts.join(' & ') : null
}

/** Stretches of a text a query matched, as [start, end) offsets into it, in order and not overlapping. */
export function matchRanges(text: string, query: ParsedQuery): [number, number][] {
  const ranges: [number, number][] = []
  if (!query.words.length && !query.runs.length) return ranges
  const terms = termsOf(text)
  for (const t of terms) {
    if (t.type === 'word') {
      if (query.words.some((w) => (w.prefix ? t.lexeme.startsWith(w.lexeme) : t.lexeme === w.lexeme)))
        ranges.push([t.start, t.end])
      continue
    }
    for (const run of query.runs) {
      const want = Array.from(run)
      for (let i = 0; i + want.length <= t.chars.length; i++) {
        if (want.every((c, k) => t.chars[i + k] === c)) {
          const last = i + want.length - 1
          ranges.push([t.starts[i]!, last + 1 < t.starts.length ? t.starts[last + 1]! : t.end])
        }
      }
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const merged: [number, number][] = []
  for (const r of ranges) {
    const prev = merged.at(-1)
    if (prev && r[0] <= prev[1]) prev[1] = Math.max(prev[1], r[1])
    else merged.push([r[0], r[1]])
  }
  return merged
}

/** Text cut into plain and matched parts, for a page to wrap the matched ones in <mark>. */
export type Highlighted = { text: string; mark: boolean }[]

export function highlight(text: string, ranges: [number, number][]): Highlighted {
  const parts: Highlighted = []
  let at = 0
  for (const [start, end] of ranges) {
    if (start > at) parts.push({ text: text.slice(at, start), mark: false })
    parts.push({ text: text.slice(start, end), mark: true })
    at = end
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false })
  return parts
}

const SNIPPET_CHARS = 180

/**
 * A stretch of the body around its first match (or its opening when only the title matched),
 * cut at whitespace where it can, with the matches in it; `offset` is where the first match
 * stands in the whole body (for finding the moment of a transcript it falls in).
 */
export function snippetOf(
  body: string,
  query: ParsedQuery,
): { parts: Highlighted; offset: number | null; text: string; ranges: [number, number][] } {
  // Segmenting a whole hour of transcript for every hit would cost more than the search: only a
  // window around where the match must be (a plain substring search) is segmented.
  const [windowStart, windowEnd] = matchWindow(body, query)
  const window = body.slice(windowStart, windowEnd)
  const flat = window.replace(/\s+/g, ' ')
  // Collapsing whitespace moves offsets: map the first match back to the body for `offset`.
  let ranges = matchRanges(flat, query)
  // A window cut through a word may show half of it: keep whole matches only.
  if (windowStart > 0) ranges = ranges.filter(([s]) => s > 0)
  const first = ranges[0]
  const atEnd = windowEnd >= body.length
  let from = 0
  if (first && first[0] > SNIPPET_CHARS / 3) {
    from = first[0] - Math.floor(SNIPPET_CHARS / 3)
    // Start at a word's beginning near there (Chinese has no spaces: any character will do).
    const space = flat.indexOf(' ', from)
    if (space >= 0 && space < first[0] && space - from < 30) from = space + 1
  }
  let to = Math.min(flat.length, from + SNIPPET_CHARS)
  if (to < flat.length) {
    const space = flat.lastIndexOf(' ', to)
    if (space > from + SNIPPET_CHARS / 2) to = space
  }
  const inside = ranges
    .filter(([s, e]) => s >= from && e <= to)
    .map(([s, e]) => [s - from, e - from] as [number, number])
  const cut = flat.slice(from, to)
  const text = `${from > 0 || windowStart > 0 ? '…' : ''}${cut}${to < flat.length || !atEnd ? '…' : ''}`
  const shift = from > 0 || windowStart > 0 ? 1 : 0
  const shifted = inside.map(([s, e]) => [s + shift, e + shift] as [number, number])
  return {
    parts: highlight(text, shifted),
    offset: first ? windowStart + bodyOffset(window, first[0]) : null,
    text,
    ranges: shifted,
  }
}

/**
 * Where in `body` the first match must lie: the earliest place a CJK run or a word's stem occurs
 * as plain text (a stem is nearly always the start of the word), give or take a snippet; the
 * opening when none does (a match only in the title, or a stem that is not a prefix).
 */
function matchWindow(body: string, query: ParsedQuery): [number, number] {
  const lower = body.toLowerCase()
  let at = Number.POSITIVE_INFINITY
  for (const needle of [...query.runs, ...query.words.map((w) => w.lexeme)]) {
    const i = lower.indexOf(needle)
    if (i >= 0 && i < at) at = i
  }
  if (at === Number.POSITIVE_INFINITY) return [0, Math.min(body.length, 4 * SNIPPET_CHARS)]
  const start = Math.max(0, at - SNIPPET_CHARS)
  return [start, Math.min(body.length, at + 2 * SNIPPET_CHARS)]
}

/** The offset in `body` of the character at `flatOffset` once runs of whitespace count as one. */
function bodyOffset(body: string, flatOffset: number): number {
  let flat = 0
  let inSpace = false
  for (let i = 0; i < body.length; i++) {
    const space = /\s/.test(body[i]!)
    if (space && inSpace) continue
    if (flat === flatOffset) return i
    flat++
    inSpace = space
  }
  return body.length
}

/** A place in a document's body and where it leads (a moment of an episode: `?t=SECONDS`). */
export type Anchor = { offset: number; query: string }

/** The anchor a match at `offset` falls under: the last one starting at or before it. */
export function anchorFor(anchors: Anchor[], offset: number | null): Anchor | null {
  if (offset === null) return null
  let found: Anchor | null = null
  for (const a of anchors) if (a.offset <= offset) found = a
  return found
}

/** Markdown and raw HTML as the words a reader sees: snippets are cut from what is stored. */
export const plainText = (markdown: string) =>
  markdown
    .replace(/```[^\n]*\n/g, '\n')
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`~|]+/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/[ \t]+/g, ' ')

/** Splits long text into parts of at most `size` characters at line ends, so positions stay in range. */
export function partsOf(body: string, size = 6000): { text: string; offset: number }[] {
  if (body.length <= size) return [{ text: body, offset: 0 }]
  const parts: { text: string; offset: number }[] = []
  let at = 0
  while (at < body.length) {
    let end = Math.min(body.length, at + size)
    if (end < body.length) {
      const line = body.lastIndexOf('\n', end)
      if (line > at + size / 2) end = line + 1
    }
    parts.push({ text: body.slice(at, end), offset: at })
    at = end
  }
  return parts
}
