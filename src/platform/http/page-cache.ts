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
function notModified(request: Headers, cached: Headers): boolean {
  const etag = cached.get('etag')
  const ifNoneMatch = request.get('if-none-match')
  if (ifNoneMatch) return !!etag && ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === '*')
  const lastModified = Date.parse(cached.get('last-modified') ?? '')
  const since = Date.parse(request.get('if-modified-since') ?? '')
  return !Number.isNaN(lastModified) && !Number.isNaN(since) && lastModified <= since
}

type Entry = {
  generation: string
  status: number
  headers: [string, string][]
  body: Uint8Array<ArrayBuffer>
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
export function pageCache(options: PageCacheOptions): MiddlewareHandler<AppEnv> {
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

  return async (c, next) => {
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
    const key = `${pickEncoding(c.req.header('accept-encoding')) ?? 'identity'} ${c.req.url}`
    const hit = entries.get(key)
    if (hit?.generation === generation) {
      entries.delete(key)
      entries.set(key, hit)
      // Podcast apps ask again and again with the validators they were given.
      const unchanged = notModified(c.req.raw.headers, new Headers(hit.headers))
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
      entries.set(key, { generation, status: res.status, headers, body })
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!)
    }
    // The body stream was read above; answer with the bytes (see compress.ts on why res is cleared).
    c.res = undefined as unknown as Response
    c.res = new Response(body, { status: res.status, headers: res.headers })
  }
}

export async function readContentGeneration(db: Db): Promise<string> {
  const [row] = await db.select({ n: contentGeneration.n }).from(contentGeneration)
  return String(row?.n ?? 0)
}
