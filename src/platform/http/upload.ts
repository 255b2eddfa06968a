// Streamed uploads from HTML forms: the file goes from the socket to its destination without being
// held in memory, after the form's CSRF field (which the form puts before the file) has matched.
// The token is checked whatever the parts: a form with no file part, or one whose file comes before
// `_csrf`, is refused before the route acts on any of it.
import { Readable } from 'node:stream'
import busboy from 'busboy'
import type { Context } from 'hono'
import { safeEqual } from '../auth/secrets.ts'
import { DomainError } from '../errors.ts'
import type { AppEnv } from './context.ts'

export type UploadedFile = { filename: string; stream: Readable }

/**
 * Reads a multipart form whose one file field is `field`, giving the file to `receive` as a
 * stream; the other fields (up to the file) come back as strings.
 */
export function receiveUpload<T>(
  c: Context<AppEnv>,
  field: string,
  receive: (file: UploadedFile, fields: Record<string, string>) => Promise<T>,
): Promise<{ result: T | null; fields: Record<string, string> }> {
  const expected = c.var.csrfToCheck
  const body = c.req.raw.body
  // The middleware defers the token only for multipart posts to /upload paths; anything else
  // reaching here was not checked, so it is refused rather than trusted.
  if (expected === undefined || expected === null) throw new DomainError('csrf')
  if (!body) throw new DomainError('invalid')
  const csrfOk = (fields: Record<string, string>) =>
    typeof fields._csrf === 'string' && safeEqual(fields._csrf, expected)
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {}
    let received: Promise<T> | null = null
    let failed: unknown = null
    const parser = busboy({
      headers: Object.fromEntries(c.req.raw.headers),
      limits: { files: 1, fields: 20, fieldSize: 64 * 1024 },
    })
    parser.on('field', (name, value) => {
      fields[name] = value
    })
    parser.on('file', (name, stream, info) => {
      const tokenMatched = csrfOk(fields)
      if (!tokenMatched || name !== field || !info.filename) {
        if (!tokenMatched) failed = new DomainError('csrf')
        stream.resume()
        return
      }
      received = receive({ filename: info.filename, stream }, fields).catch((e) => {
        failed = e
        stream.resume()
        return null as T
      })
    })
    parser.on('error', reject)
    parser.on('close', async () => {
      const result = received ? await received : null
      if (failed) return reject(failed)
      // A form without a file part still carries fields the route acts on (the import's feed URL).
      if (!csrfOk(fields)) return reject(new DomainError('csrf'))
      resolve({ result, fields })
    })
    Readable.fromWeb(body as never).pipe(parser)
  })
}

/**
 * Like `receiveUpload`, for a field that takes several files (`<input type=file multiple>`): each
 * file is given to `receive` in turn, as it arrives, up to `maxFiles` (busboy stops reading past
 * that, and the rest of the body is drained unread).
 */
export function receiveUploads<T>(
  c: Context<AppEnv>,
  field: string,
  maxFiles: number,
  receive: (file: UploadedFile, fields: Record<string, string>) => Promise<T>,
): Promise<{ results: T[]; fields: Record<string, string>; tooMany: boolean }> {
  const expected = c.var.csrfToCheck
  const body = c.req.raw.body
  if (expected === undefined || expected === null) throw new DomainError('csrf')
  if (!body) throw new DomainError('invalid')
  const csrfOk = (fields: Record<string, string>) =>
    typeof fields._csrf === 'string' && safeEqual(fields._csrf, expected)
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {}
    // One at a time, in the order sent: a file's stream is read before the next one's.
    let chain: Promise<T[]> = Promise.resolve([])
    let failed: unknown = null
    let tooMany = false
    const parser = busboy({
      headers: Object.fromEntries(c.req.raw.headers),
      limits: { files: maxFiles, fields: 20, fieldSize: 64 * 1024 },
    })
    parser.on('field', (name, value) => {
      fields[name] = value
    })
    parser.on('filesLimit', () => {
      tooMany = true
    })
    parser.on('file', (name, stream, info) => {
      const tokenMatched = csrfOk(fields)
      if (!tokenMatched || name !== field || !info.filename || failed) {
        if (!tokenMatched) failed = new DomainError('csrf')
        stream.resume()
        return
      }
      const file = { filename: info.filename, stream }
      chain = chain.then(async (results) => {
        if (failed) {
          stream.resume()
          return results
        }
        try {
          results.push(await receive(file, fields))
        } catch (e) {
          failed = e
          stream.resume()
        }
        return results
      })
    })
    parser.on('error', reject)
    parser.on('close', async () => {
      const results = await chain
      if (failed) return reject(failed)
      if (!csrfOk(fields)) return reject(new DomainError('csrf'))
      resolve({ results, fields, tooMany })
    })
    Readable.fromWeb(body as never).pipe(parser)
  })
}
