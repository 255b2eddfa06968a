// Streamed uploads from HTML forms: the file goes from the socket to its destination without being
// held in memory, after the form's CSRF field (which the form puts before the file) has matched.
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
  if (!body) throw new DomainError('invalid')
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
      const csrfOk =
        expected !== undefined &&
        typeof fields._csrf === 'string' &&
        !!expected &&
        safeEqual(fields._csrf, expected)
      if (!csrfOk || name !== field || !info.filename) {
        if (!csrfOk) failed = new DomainError('csrf')
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
      resolve({ result, fields })
    })
    Readable.fromWeb(body as never).pipe(parser)
  })
}
