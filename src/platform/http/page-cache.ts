import type { IncomingMessage, ServerResponse } from 'node:http'
import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import type { Db } from '../db/client.ts'
import { pickEncoding } from './compress.ts'
import type { AppEnv } from './context.ts'
import { contentGeneration } from './page-cache.schema.ts'

/** Pages in both languages, and the podcast's feeds and chapter files. */
const cacheablePath = /^\/(zh|en)(\/|$)|^\/podcast\/[^/]+\/(feed\.xml|[^/]+\/chapters\.json)$/
const cacheableType = /^(text\/html|application\/rss\+xml|application\/json\+chapters)/

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
}

/** The path and query of an absolute URL: entries are keyed by what the request line asked for. */
const pathAndQuery = (url: string) => url.slice(url.indexOf('/', url.indexOf('//') + 2))

export type PageCache = {
  middleware: MiddlewareHandler<AppEnv>
  /**
   * Answers a request straight from memory, before any framework work, when its page is kept
   * and the generation was checked within `checkEveryMs`; false leaves the request to the app
   * (which refreshes the generation). Podcast apps polling a feed are most of such requests.
   */
  answer(req: IncomingMessage, res: ServerResponse): boolean
}

export type PageCacheOptions = {
  /** The current content generation, read from the database. */
  readGeneration: () => Promise<string>
  /** How long a generation read is trusted; pages may be this stale for anonymous readers. */
  checkEveryMs: number
  sessionCookie: string
  maxEntries?: number
  maxBodyBytes?: number
}

/**
 * Public pages as anonymous readers see them, kept in memory per URL and encoding and valid
 * while the database's content generation has not moved. It is an optimisation only:
 * correctness comes from the database (every process re-reads the generation at most
 * `checkEveryMs` apart), signed-in readers and requests with credentials always bypass it,
 * and only plain 200 HTML answers that set no cookie and carry nothing of the visitor's own
 * (a form's CSRF token) are kept.
 */
export function pageCache(options: PageCacheOptions): PageCache {
  const {
    readGeneration,
    checkEveryMs,
    sessionCookie,
    maxEntries = 2000,
    maxBodyBytes = 2 * 1024 * 1024,
  } = options
  const entries = new Map<string, Entry>()
  let known: string | undefined
  let checkedAt = 0
  let reading: Promise<string> | undefined

  async function currentGeneration(): Promise<string> {
    if (known !== undefined && Date.now() - checkedAt < checkEveryMs) return known
    reading ??= readGeneration().finally(() => {
      reading = undefined
    })
    const generation = await reading
    if (generation !== known) entries.clear()
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
    const key = `${pickEncoding(c.req.header('accept-encoding')) ?? 'identity'} ${pathAndQuery(c.req.url)}`
    const hit = entries.get(key)
    if (hit?.generation === generation) {
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
    await next()
    const res = c.res
    if (
      c.req.method !== 'GET' ||
      res.status !== 200 ||
      res.headers.has('set-cookie') ||
      c.get('personal') ||
      !cacheableType.test(res.headers.get('content-type') ?? '')
    ) {
      return
    }
    const body = new Uint8Array(await res.arrayBuffer())
    const headers = [...res.headers].filter(([name]) => name !== 'x-request-id')
    if (body.byteLength <= maxBodyBytes) {
      entries.set(key, {
        generation,
        status: res.status,
        headers,
        rawHeaders: Object.fromEntries(headers),
        etag: res.headers.get('etag'),
        lastModified: Date.parse(res.headers.get('last-modified') ?? ''),
        body,
      })
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!)
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
    const query = url.indexOf('?')
    if (!cacheablePath.test(query === -1 ? url : url.slice(0, query))) return false
    const hit = entries.get(`${pickEncoding(req.headers['accept-encoding']) ?? 'identity'} ${url}`)
    if (hit?.generation !== known) return false
    const unchanged = notModified(req.headers['if-none-match'], req.headers['if-modified-since'], hit)
    res.writeHead(unchanged ? 304 : hit.status, hit.rawHeaders)
    res.end(method === 'HEAD' || unchanged ? undefined : hit.body)
    return true
  }

  return { middleware, answer }
}

export async function readContentGeneration(db: Db): Promise<string> {
  const [row] = await db.select({ n: contentGeneration.n }).from(contentGeneration)
  return String(row?.n ?? 0)
}
