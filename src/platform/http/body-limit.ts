// Request bodies are limited before anything reads them: a form or JSON body is parsed whole (the
// CSRF check, zod validators), so without a limit one anonymous post could take the process's memory.
import type { MiddlewareHandler } from 'hono'
import { DomainError } from '../errors.ts'
import type { AppEnv } from './context.ts'

/** GitHub caps a webhook delivery's payload at 25 MB; a larger one is not GitHub's. */
export const GITHUB_WEBHOOK_BYTES = 25 * 1024 * 1024

/**
 * The most bytes a request's body may hold, or null when the route streams the body to disk under
 * its own limit (multipart forms to `…/upload`, which the CSRF check also leaves to the route, and
 * audio sent as the body of the API's PUT …/audio): those are never held in memory.
 */
export function bodyLimitFor(
  request: { method: string; path: string; contentType: string },
  defaultBytes: number,
): number | null {
  const { method, path, contentType } = request
  if (method === 'POST' && contentType.startsWith('multipart/form-data') && path.endsWith('/upload'))
    return null
  if (method === 'PUT' && /^\/api\/v1\/episodes\/[^/]+\/audio$/.test(path)) return null
  if (path === '/webhooks/github') return Math.max(defaultBytes, GITHUB_WEBHOOK_BYTES)
  return defaultBytes
}

/**
 * Answers 413 (the `tooLarge` error: problem+json on the API and webhooks, a translated page
 * elsewhere) for a body over its limit. A declared Content-Length is trusted (Node's parser never
 * reads past it); a body without one (chunked) is counted as it arrives and cut at the limit, then
 * handed on as the bytes read. The unread rest of a refused body is drained and the connection
 * closed by the HTTP server, so it is never held.
 */
export function bodyLimit(defaultBytes: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next()
    const limit = bodyLimitFor(
      { method, path: c.req.path, contentType: c.req.header('content-type') ?? '' },
      defaultBytes,
    )
    if (limit === null) return next()
    const tooLarge = () => {
      // The client may still be sending; it should not reuse this connection for another request.
      c.header('Connection', 'close')
      return new DomainError('tooLarge', `The body is larger than ${limit} bytes`)
    }
    const declared = c.req.header('content-length')
    if (declared !== undefined && !c.req.header('transfer-encoding')) {
      if (!/^\d+$/.test(declared.trim()) || Number(declared) > limit) throw tooLarge()
      return next()
    }
    const body = c.req.raw.body
    if (!body) return next()
    const reader = body.getReader()
    const chunks: Uint8Array[] = []
    let size = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      // Not cancelled: cancelling would destroy the socket before the 413 is written.
      if (size > limit) throw tooLarge()
      chunks.push(value)
    }
    const whole = new Uint8Array(size)
    let offset = 0
    for (const chunk of chunks) {
      whole.set(chunk, offset)
      offset += chunk.byteLength
    }
    c.req.raw = new Request(c.req.raw, { body: whole })
    return next()
  }
}
