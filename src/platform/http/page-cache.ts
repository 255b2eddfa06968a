import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { Db } from '../db/client.ts'
import { pickEncoding } from './compress.ts'
import type { AppEnv } from './context.ts'
import { contentGeneration } from './page-cache.schema.ts'

/**
 * Pages in both languages (with the events' public calendars, which calendar apps poll), and the
 * podcast's feeds and chapter files. A person's private calendar (/calendar/…) is never kept.
 */
const cacheablePath = /^\/(zh|en)(\/|$)|^\/podcast\/[^/]+\/(feed\.xml|[^/]+\/chapters\.json)$/
const cacheableType = /^(text\/html|text\/calendar|application\/(rss\+)?xml|application\/json\+chapters)/
/**
 * Plain JSON only as a conference's c3voc schedule.json, which conference apps poll like a feed;
 * other JSON under a language (API-like answers) is left to the app.
 */
const cacheableJsonPath = /\/schedule\.json$/
const cacheable = (path: string, type: string) =>
  cacheableType.test(type) || (/^application\/json(;|$)/.test(type) && cacheableJsonPath.test(path))

/** Whether a conditional GET names the cached representation (If-None-Match, else If-Modified-Since). */
function notModified(
  ifNoneMatch: string | null | undefined,
  ifModifiedSince: string | null | undefined,
  cached: Entry,
): boolean {
  if (ifNoneMatch)
    return !!cached.etag && ifNoneMatch.split(',').some((t) => t.trim() === cached.etag || t.trim() === '*')
  const since = Date.parse(ifModifiedSince ?? '')
  return !Number.isNaN(cached.lastModified) && !Number.isNaN(since) && cached.lastModified <= since
}

type Entry = {
  generation: string
  status: number
  headers: [string, string][]
  /** The same headers as node's writeHead takes them (for answers that skip the framework). */
  rawHeaders: Record<string, string>
  etag: string | null
  lastModified: number
  body: Uint8Array<ArrayBuffer>
  /** What it counts against `maxBytes`. */
  size: number
  /** When a page rendered with `freshFor` stops being served (ms since the epoch). */
  expiresAt: number | null
}

const stillFresh = (entry: Entry, generation: string | undefined) =>
  entry.generation === generation && (entry.expiresAt === null || Date.now() < entry.expiresAt)

/**
 * Whether a kept page may answer: fresh, or out of its `freshFor` only while it is being rendered
 * again for someone else (the content has not changed, its live counts are seconds old). Without
 * this, every reader who asks in the moment a busy page expires renders it again at once.
 */
const servable = (entry: Entry, generation: string | undefined, rerendering: boolean) =>
  stillFresh(entry, generation) || (rerendering && entry.generation === generation)

/** What a page read of the query string: the names it asked for, or all of it. */
type Reads = { all: true } | { all: false; names: Set<string> }

/** One stable name per kind of reading, so a path remembers each way it was read once. */
const signatureOf = (reads: Reads) => (reads.all ? '*' : [...reads.names].sort().join('&'))

/**
 * The part of a query string that a page with this reading depends on: the raw `name=value` pairs
 * of the names it read, in their order (raw, so two spellings never share an entry wrongly), or the
 * whole string when it read all of it.
 */
function readPart(search: string, signature: string): string {
  if (signature === '*') return search
  if (!search || !signature) return ''
  const names = new Set(signature.split('&'))
  return search
    .slice(1)
    .split('&')
    .filter((pair) => {
      const name = new URLSearchParams(pair).keys().next().value
      return name !== undefined && names.has(name)
    })
    .join('&')
}

const readsKey = (encoding: string, path: string, signature: string, search: string) =>
  `${encoding} ${path} ${signature} ${readPart(search, signature)}`

/** Splits a request line's target (or an absolute URL) into path and query (with its `?`). */
function splitTarget(target: string): [path: string, search: string] {
  const start = target.startsWith('/') ? 0 : target.indexOf('/', target.indexOf('//') + 2)
  const query = target.indexOf('?', start)
  return query === -1 ? [target.slice(start), ''] : [target.slice(start, query), target.slice(query)]
}

/** The ways of reading the query a path is remembered with; more than this are forgotten oldest first. */
const MAX_READINGS_PER_PATH = 8
const MAX_PATHS = 20_000

export type PageCache = {
  middleware: MiddlewareHandler<AppEnv>
  /**
   * Answers a request straight from memory, before any framework work, when its page is kept
   * and the generation was checked within `checkEveryMs`; false leaves the request to the app
   * (which refreshes the generation). Podcast apps polling a feed are most of such requests.
   */
  answer(req: IncomingMessage, res: ServerResponse): boolean
  /** How many pages are kept and the bytes they count against `maxBytes`. */
  size(): { entries: number; bytes: number }
}

export type PageCacheOptions = {
  /** The current content generation, read from the database. */
  readGeneration: () => Promise<string>
  /** How long a generation read is trusted; pages may be this stale for anonymous readers. */
  checkEveryMs: number
  sessionCookie: string
  /** All kept pages together (bodies, headers and keys) stay under this many bytes. */
  maxBytes?: number
  maxBodyBytes?: number
}

/**
 * Public pages as anonymous readers see them, kept in memory per URL and encoding and valid
 * while the database's content generation has not moved. It is an optimisation only:
 * correctness comes from the database (every process re-reads the generation at most
 * `checkEveryMs` apart), signed-in readers and requests with credentials always bypass it,
 * and only plain 200 HTML answers that set no cookie and carry nothing of the visitor's own
 * (a form's CSRF token) are kept.
 *
 * Memory is bounded by bytes, the least recently used page going first. Pages are keyed by the
 * query parameters they read, not by the whole query string, so `?n=<random>` on a page that reads
 * no `n` is one entry. Which parameters a page reads is recorded while it renders, from its calls to
 * `c.req.query`/`c.req.queries` (every page reads the query that way): a declared list per route
 * would drift from the code that reads it, and a wrong list would serve one reader another's page,
 * whereas a recorded one is right by construction — a render depends only on the values it read, so
 * its page fits every request with the same values for those names. A page whose reading depends
 * on a value (reads `page` only when `q` is set) is remembered with each way it was read.
 */
export function pageCache(options: PageCacheOptions): PageCache {
  const {
    readGeneration,
    checkEveryMs,
    sessionCookie,
    maxBytes = 64 * 1024 * 1024,
    maxBodyBytes = 2 * 1024 * 1024,
  } = options
  const entries = new Map<string, Entry>()
  /** Kept pages out of their `freshFor` that a request is rendering again now. */
  const rerendering = new Set<string>()
  let bytes = 0
  /** Per path, the signatures of the ways its pages read the query (see `signatureOf`). */
  const readings = new Map<string, string[]>()

  function clear() {
    entries.clear()
    readings.clear()
    bytes = 0
  }

  function lookup(encoding: string, path: string, search: string): [string, Entry] | undefined {
    for (const signature of readings.get(path) ?? []) {
      const key = readsKey(encoding, path, signature, search)
      const hit = entries.get(key)
      if (hit) return [key, hit]
    }
    return undefined
  }

  function keep(path: string, signature: string, key: string, entry: Omit<Entry, 'size'>) {
    const size =
      entry.body.byteLength + key.length + entry.headers.reduce((n, [k, v]) => n + k.length + v.length, 0)
    if (entry.body.byteLength > maxBodyBytes || size > maxBytes) return
    const old = entries.get(key)
    if (old) {
      bytes -= old.size
      entries.delete(key)
    }
    entries.set(key, { ...entry, size })
    bytes += size
    for (const [oldest, victim] of entries) {
      if (bytes <= maxBytes) break
      entries.delete(oldest)
      bytes -= victim.size
    }
    const seen = readings.get(path) ?? []
    if (!seen.includes(signature)) {
      readings.delete(path)
      readings.set(path, [signature, ...seen].slice(0, MAX_READINGS_PER_PATH))
      if (readings.size > MAX_PATHS) readings.delete(readings.keys().next().value!)
    }
  }

  let known: string | undefined
  let checkedAt = 0
  let reading: Promise<string> | undefined

  async function currentGeneration(): Promise<string> {
    if (known !== undefined && Date.now() - checkedAt < checkEveryMs) return known
    reading ??= readGeneration().finally(() => {
      reading = undefined
    })
    const generation = await reading
    if (generation !== known) clear()
    known = generation
    checkedAt = Date.now()
    return generation
  }

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const path = c.req.path
    if (
      (c.req.method !== 'GET' && c.req.method !== 'HEAD') ||
      !cacheablePath.test(path) ||
      c.req.header('authorization') ||
      getCookie(c, sessionCookie, 'host')
    ) {
      return next()
    }
    let generation: string
    try {
      generation = await currentGeneration()
    } catch {
      // The database is not answering: render normally, which reports it properly.
      return next()
    }
    const encoding = pickEncoding(c.req.header('accept-encoding')) ?? 'identity'
    // As the request line has them, as `answer` sees them (c.req.path is decoded).
    const [target, search] = splitTarget(c.req.url)
    const found = lookup(encoding, target, search)
    if (found && servable(found[1], generation, rerendering.has(found[0]))) {
      const [key, hit] = found
      // Least recently used goes first: a hit moves to the end.
      entries.delete(key)
      entries.set(key, hit)
      // Podcast apps ask again and again with the validators they were given.
      const unchanged = notModified(c.req.header('if-none-match'), c.req.header('if-modified-since'), hit)
      c.res = new Response(c.req.method === 'HEAD' || unchanged ? null : hit.body, {
        status: unchanged ? 304 : hit.status,
        headers: hit.headers,
      })
      return
    }
    const reads = recordQueryReads(c)
    const expired = found?.[1].generation === generation ? found[0] : undefined
    if (expired) rerendering.add(expired)
    try {
      await next()
    } finally {
      if (expired) rerendering.delete(expired)
    }
    const res = c.res
    if (
      c.req.method !== 'GET' ||
      res.status !== 200 ||
      res.headers.has('set-cookie') ||
      c.get('personal') ||
      !cacheable(c.req.path, res.headers.get('content-type') ?? '')
    ) {
      return
    }
    const freshFor = c.get('freshFor')
    const body = new Uint8Array(await res.arrayBuffer())
    const headers = [...res.headers].filter(([name]) => name !== 'x-request-id')
    // A render that moved the generation on (or a clear since) must not be kept under the old one.
    if (generation === known) {
      const signature = signatureOf(reads)
      keep(target, signature, readsKey(encoding, target, signature, search), {
        generation,
        status: res.status,
        headers,
        rawHeaders: Object.fromEntries(headers),
        etag: res.headers.get('etag'),
        lastModified: Date.parse(res.headers.get('last-modified') ?? ''),
        body,
        expiresAt: freshFor === undefined ? null : Date.now() + freshFor,
      })
    }
    // The body stream was read above; answer with the bytes (see compress.ts on why res is cleared).
    c.res = undefined as unknown as Response
    c.res = new Response(body, { status: res.status, headers: res.headers })
  }

  function answer(req: IncomingMessage, res: ServerResponse): boolean {
    const method = req.method
    const url = req.url ?? ''
    if (method !== 'GET' && method !== 'HEAD') return false
    if (known === undefined || Date.now() - checkedAt >= checkEveryMs) return false
    if (req.headers.authorization || req.headers.cookie?.includes(`${sessionCookie}=`)) return false
    const [path, search] = splitTarget(url)
    if (!cacheablePath.test(path)) return false
    const found = lookup(pickEncoding(req.headers['accept-encoding']) ?? 'identity', path, search)
    if (!found || !servable(found[1], known, rerendering.has(found[0]))) return false
    const hit = found[1]
    const unchanged = notModified(req.headers['if-none-match'], req.headers['if-modified-since'], hit)
    res.writeHead(unchanged ? 304 : hit.status, hit.rawHeaders)
    res.end(method === 'HEAD' || unchanged ? undefined : hit.body)
    return true
  }

  return { middleware, answer, size: () => ({ entries: entries.size, bytes }) }
}

export async function readContentGeneration(db: Db): Promise<string> {
  const [row] = await db.select({ n: contentGeneration.n }).from(contentGeneration)
  return String(row?.n ?? 0)
}

/**
 * Notes which query parameters the page reads while it renders, by wrapping this request's
 * `query`/`queries` (the same request object every route of the app sees).
 */
function recordQueryReads(c: Context<AppEnv>): Reads {
  const names = new Set<string>()
  const reads: { all: boolean; names: Set<string> } = { all: false, names }
  const req = c.req
  recorded.set(req, reads as Reads)
  const query = req.query.bind(req)
  const queries = req.queries.bind(req)
  const note = (name: string | undefined) => {
    if (name === undefined) reads.all = true
    else names.add(name)
  }
  req.query = ((name?: string) => {
    note(name)
    return name === undefined ? query() : query(name)
  }) as typeof req.query
  req.queries = ((name?: string) => {
    note(name)
    return name === undefined ? queries() : queries(name)
  }) as typeof req.queries
  return reads as Reads
}

const recorded = new WeakMap<object, Reads>()

/**
 * The query string as far as the page has read it so far (the whole of it when nothing was
 * recorded): what a link to the same page (in the other language) carries, so that a kept page
 * holds nothing of a query it did not read.
 */
export function queryReadSoFar(c: Context): string {
  const search = splitTarget(c.req.url)[1]
  const reads = recorded.get(c.req)
  if (!reads) return search
  const part = readPart(search, signatureOf(reads))
  return part && !part.startsWith('?') ? `?${part}` : part
}

/**
 * The query parameters a zod object schema names, each read on its own: reading the whole query
 * (`c.req.query()`) would key a kept page by every parameter, known or not (see `pageCache`).
 */
export function queryFor(c: Context, schema: { shape: Record<string, unknown> }): Record<string, string> {
  const values: Record<string, string> = {}
  for (const name of Object.keys(schema.shape)) {
    const value = c.req.query(name)
    if (value !== undefined) values[name] = value
  }
  return values
}
