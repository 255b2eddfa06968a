import { Readable } from 'node:stream'
import { constants, createBrotliCompress, createGzip } from 'node:zlib'
import type { MiddlewareHandler } from 'hono'

const compressible =
  /^(text\/|application\/(json|xml|rss\+xml|atom\+xml|problem\+json|feed\+json|ld\+json|javascript)|image\/svg\+xml)/

export function pickEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  if (!acceptEncoding) return null
  const offered = new Map(
    acceptEncoding.split(',').map((part) => {
      const [name = '', ...params] = part.trim().toLowerCase().split(';')
      const q = params.find((p) => p.trim().startsWith('q='))
      return [name.trim(), q ? Number(q.trim().slice(2)) : 1] as const
    }),
  )
  if ((offered.get('br') ?? 0) > 0) return 'br'
  if ((offered.get('gzip') ?? 0) > 0) return 'gzip'
  return null
}

/**
 * Brotli or gzip, streamed. A strong ETag gets the encoding appended inside the quotes
 * (as Apache does), so each representation keeps its own strong validator.
 */
export function compression(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const res = c.res
    const type = res.headers.get('content-type') ?? ''
    const encoding = pickEncoding(c.req.header('accept-encoding'))
    res.headers.append('Vary', 'Accept-Encoding')
    if (!encoding || !res.body || c.req.method === 'HEAD' || res.headers.has('content-encoding')) return
    if (!compressible.test(type) || res.status === 204 || res.status === 206 || res.status === 304) return
    const length = Number(res.headers.get('content-length') ?? Number.NaN)
    if (length < 1024) return
    const zip =
      encoding === 'br'
        ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
        : createGzip({ level: 6 })
    const body = Readable.fromWeb(res.body as never).pipe(zip)
    const headers = new Headers(res.headers)
    headers.delete('content-length')
    headers.set('content-encoding', encoding)
    const etag = headers.get('etag')
    if (etag && !etag.startsWith('W/')) headers.set('etag', `${etag.slice(0, -1)}-${encoding}"`)
    // Hono merges the old response's headers into a newly assigned one (bringing back the
    // length and the unsuffixed ETag); clearing it first makes the new headers final.
    c.res = undefined as unknown as Response
    c.res = new Response(Readable.toWeb(body) as ReadableStream, { status: res.status, headers })
  }
}
