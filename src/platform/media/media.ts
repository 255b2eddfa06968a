// Stored files: written once under DATA_DIR/media by id, served with byte ranges, validators and
// long caching. A file is complete on disk before its row exists, and the row is written in the
// caller's transaction: a crash leaves at most an unreferenced file, never a row without bytes.
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { type FileHandle, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { join } from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { HttpBindings } from '@hono/node-server'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import { eq } from 'drizzle-orm'
import { Hono } from 'hono'
import type { Db } from '../db/client.ts'
import { clientAddress } from '../http/app.ts'
import { uuidParam } from '../http/edge-input.ts'
import { v7 } from '../ids.ts'
import { mediaFiles } from './media.schema.ts'
import { ifRangeHolds, noneMatch, rangeOf } from './ranges.ts'

export type MediaFile = typeof mediaFiles.$inferSelect
export type MediaFacts = Pick<MediaFile, 'durationSeconds' | 'bitrate' | 'width' | 'height'> & {
  contentType: string
}

/** A file refused for what it is (not audio, too large, …): `reason` is a key of `validation`. */
export class MediaRefused extends Error {
  readonly reason: string
  constructor(reason: string) {
    super(reason)
    this.name = 'MediaRefused'
    this.reason = reason
  }
}

const mediaRoot = (dataDir: string) => join(dataDir, 'media')
const pathOf = (dataDir: string, id: string) => join(mediaRoot(dataDir), id.slice(-2), id)
/** Where a received file lies, for reading it again (making a picture's sizes). */
export const mediaPath = pathOf

/** A name safe in a URL and a Content-Disposition: letters, digits, dot, dash, underscore. */
export const cleanFilename = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(-100) || 'file'

/** A file on disk, checked and in place, not yet recorded (see `recordMedia`). */
export type ReceivedMedia = typeof mediaFiles.$inferInsert & { id: string }

/**
 * Writes an upload to disk (hashing it, refusing it past `maxBytes`), lets `inspect` read what it
 * is from the file (refusing with `MediaRefused`), and moves it into place. Call it outside any
 * transaction — an upload may take minutes — then record it with `recordMedia` in the transaction
 * that attaches it: until then nothing refers to the file.
 */
export async function receiveMedia(
  dataDir: string,
  input: {
    kind: 'audio' | 'image' | 'transcript'
    filename: string
    source: Readable | AsyncIterable<Uint8Array>
    maxBytes: number
    inspect: (path: string) => Promise<MediaFacts>
    now: Date
    /** A derived file's own id (a picture's size, see pictures.ts); new ones get a UUIDv7. */
    id?: string
  },
): Promise<ReceivedMedia> {
  const id = input.id ?? v7()
  const tmpDir = join(mediaRoot(dataDir), 'tmp')
  await mkdir(tmpDir, { recursive: true })
  const tmp = join(tmpDir, id)
  const hash = createHash('sha256')
  let bytes = 0
  try {
    await pipeline(
      Readable.from(input.source),
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytes += chunk.length
          if (bytes > input.maxBytes) return done(new MediaRefused('fileTooLarge'))
          hash.update(chunk)
          done(null, chunk)
        },
      }),
      createWriteStream(tmp, { flags: 'wx' }),
    )
    if (bytes === 0) throw new MediaRefused('fileEmpty')
    const facts = await input.inspect(tmp)
    const final = pathOf(dataDir, id)
    await mkdir(join(final, '..'), { recursive: true })
    await rename(tmp, final)
    return {
      id,
      kind: input.kind,
      filename: cleanFilename(input.filename),
      bytes,
      sha256: hash.digest('hex'),
      createdAt: input.now,
      ...facts,
    }
  } catch (e) {
    await rm(tmp, { force: true })
    throw e
  }
}

/** Records a received file; pass the transaction that attaches it to what uses it. */
export async function recordMedia(db: Db, received: ReceivedMedia): Promise<MediaFile> {
  const [row] = await db.insert(mediaFiles).values(received).returning()
  return row!
}

/**
 * Uploads that never finished (a crash mid-write) are removed at start; only those older than a
 * day, since app servers sharing the directory may be receiving uploads right now.
 */
export async function sweepUnfinishedUploads(dataDir: string, now = new Date()) {
  const dir = join(mediaRoot(dataDir), 'tmp')
  const names = await readdir(dir).catch(() => [] as string[])
  for (const name of names) {
    const info = await stat(join(dir, name)).catch(() => null)
    if (info && now.getTime() - info.mtimeMs > 86_400_000) await rm(join(dir, name), { force: true })
  }
}

/** A stored text file's contents (a transcript), for pages that show it. */
export const readMediaText = (dataDir: string, file: Pick<MediaFile, 'id'>) =>
  readFile(pathOf(dataDir, file.id), 'utf8')

export const mediaUrl = (baseUrl: string, file: Pick<MediaFile, 'id' | 'filename'>) =>
  `${baseUrl}/media/${file.id}/${file.filename}`

export const etagOf = (file: Pick<MediaFile, 'sha256'>) => `"${file.sha256.slice(0, 32)}"`

// Rows never change once written: a process keeps the ones it served (bounded).
const known = new Map<string, MediaFile>()
async function findMedia(db: Db, id: string) {
  const cached = known.get(id)
  if (cached) return cached
  const [row] = await db.select().from(mediaFiles).where(eq(mediaFiles.id, id))
  if (row) {
    if (known.size >= 5000) known.delete(known.keys().next().value!)
    known.set(id, row)
  }
  return row
}

/** The listener's country as a CDN in front names it (Cloudflare, CloudFront, or a generic header). */
function countryOf(headers: Headers): string | null {
  const value =
    headers.get('cf-ipcountry') ?? headers.get('cloudfront-viewer-country') ?? headers.get('x-country-code')
  return value && /^[A-Z]{2}$/i.test(value) && value.toUpperCase() !== 'XX' ? value.toUpperCase() : null
}

/** What reached a client: the bytes sent (counted as they left), and what it asked for. */
export type Delivered = {
  delivered: [number, number]
  requested: { start: number; end: number } | null
  userAgent: string | undefined
  ip: string
  /** From a CDN's country header, behind a trusted proxy only. */
  country: string | null
}

/**
 * `GET`/`HEAD /media/{id}/{name}`: the bytes, streamed from disk (memory stays flat however many
 * listeners download at once), one byte range at a time (206; 416 past the end), `If-Range`,
 * `ETag`/`If-None-Match` (304), cached for a year. `onDelivered` hears, once a GET's response has
 * ended, which bytes actually went out (download counting).
 */
export function mediaRoutes(
  deps: { db: Db; dataDir: string; trustProxy: boolean },
  onDelivered?: (file: MediaFile, delivery: Delivered) => void,
) {
  const app = new Hono()
  app.on(['GET', 'HEAD'], `/media/:id${uuidParam}/:name`, async (c) => {
    const file = await findMedia(deps.db, c.req.param('id'))
    if (!file || file.filename !== c.req.param('name')) return c.notFound()
    const etag = etagOf(file)
    const headers: Record<string, string> = {
      'Content-Type': file.contentType,
      ETag: etag,
      'Last-Modified': file.createdAt.toUTCString(),
      'Cache-Control': 'public, max-age=31536000, immutable',
      'Accept-Ranges': 'bytes',
      'Content-Disposition': `inline; filename="${file.filename}"`,
      // An uploaded file opened on its own (an SVG, an HTML file named .mp3) runs nothing and
      // reaches nothing: no script, no requests, a sandboxed origin.
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'X-Content-Type-Options': 'nosniff',
    }
    if (noneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers)
    const wanted = ifRangeHolds(c.req.header('if-range'), etag, file.createdAt)
      ? rangeOf(c.req.header('range'), file.bytes)
      : ({ kind: 'whole' } as const)
    if (wanted.kind === 'unsatisfiable')
      return c.body(null, 416, { ...headers, 'Content-Range': `bytes */${file.bytes}` })
    const [start, end] = wanted.kind === 'part' ? [wanted.start, wanted.end] : [0, file.bytes - 1]
    const partial = wanted.kind === 'part'
    const rangeHeaders = {
      ...headers,
      'Content-Length': String(end - start + 1),
      ...(partial ? { 'Content-Range': `bytes ${start}-${end}/${file.bytes}` } : {}),
    }
    const status = partial ? 206 : 200
    if (c.req.method === 'HEAD') return c.body(null, status, rangeHeaders)
    const path = pathOf(deps.dataDir, file.id)
    await stat(path).catch(() => {
      throw new Error(`Media file ${file.id} is missing on disk`)
    })
    const who = {
      userAgent: c.req.header('user-agent'),
      ip: clientAddress(c, deps.trustProxy),
      country: deps.trustProxy ? countryOf(c.req.raw.headers) : null,
    }
    // Told once the response is over, finished or cut off: only what went out counts.
    const delivered = (sent: number) => {
      if (sent > 0)
        onDelivered?.(file, {
          delivered: [start, start + sent - 1],
          requested: partial ? { start, end } : null,
          ...who,
        })
    }
    const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing
    if (outgoing) {
      // Written by the server itself, from one buffer per listener (see sendRange): the page
      // security headers never see it, so a media file's own (above) are all it gets.
      outgoing.writeHead(status, rangeHeaders)
      void sendRange(path, start, end, outgoing).then(delivered)
      return RESPONSE_ALREADY_SENT
    }
    const source = createReadStream(path, { start, end })
    let sent = 0
    source.on('data', (chunk) => {
      sent += chunk.length
    })
    source.on('close', () => delivered(sent))
    const stream = Readable.toWeb(source) as ReadableStream
    return c.body(stream, status, rangeHeaders)
  })
  return app
}

/**
 * Sends bytes `start`..`end` of a file, reading each chunk into the same buffer once the socket
 * has taken the one before: a listener costs one buffer however slowly they read, and nothing
 * is left for the garbage collector (fresh buffers per chunk, hundreds of listeners at once,
 * pile up as memory until a collection). Resolves with the bytes the socket took; a listener who
 * goes away ends it early.
 */
async function sendRange(path: string, start: number, end: number, out: ServerResponse): Promise<number> {
  const closed = new Promise<void>((resolve) => out.once('close', resolve))
  const buffer = Buffer.allocUnsafe(Math.min(64 * 1024, end - start + 1))
  let sent = 0
  let handle: FileHandle | undefined
  try {
    handle = await open(path, 'r')
    while (start + sent <= end && !out.destroyed) {
      const { bytesRead } = await handle.read(
        buffer,
        0,
        Math.min(buffer.length, end - start - sent + 1),
        start + sent,
      )
      if (bytesRead === 0) break
      const taken = new Promise<boolean>((resolve) =>
        out.write(buffer.subarray(0, bytesRead), (err) => resolve(!err)),
      )
      if (!(await Promise.race([taken, closed.then(() => false)]))) break
      sent += bytesRead
    }
    // Short of the promised length (the listener left, or the file is shorter than recorded): the
    // connection is cut, so no client waits for bytes that will not come.
    if (start + sent > end) out.end()
    else out.destroy()
  } catch {
    out.destroy()
  } finally {
    await handle?.close()
  }
  return sent
}
