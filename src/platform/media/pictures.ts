// Pictures people upload (avatars, chapter covers): the upload is kept as it came, and sharp makes
// the sizes pages show, in WebP and in JPEG for browsers without WebP. Everything is written and
// checked here, before the caller's transaction records it (`recordPicture`).
import { Readable } from 'node:stream'
import sharp, { type Metadata } from 'sharp'
import type { Db } from '../db/client.ts'
import type { Picture } from '../views/components.tsx'
import { MediaRefused, mediaPath, type ReceivedMedia, receiveMedia, recordMedia } from './media.ts'

/** What a row keeps of a stored picture: its files by format and width, and the original. */
export type StoredPicture = {
  original: string
  /** Width over height of every size (1 for avatars, 16/9 for covers). */
  ratio: number
  webp: { id: string; filename: string; width: number }[]
  jpeg: { id: string; filename: string; width: number }[]
}

export const PICTURE_MAX_BYTES = 10 * 1024 * 1024
/** Wider than this is a poster, not a photo: refused before decoding it whole. */
const MAX_PIXELS = 40_000_000

/** Avatars are shown at 32, 48 and 96 px; the sizes cover those at 1x and 2x. */
export const AVATAR_WIDTHS = [64, 96, 192] as const
/** Chapter covers fill a card (about 320 px) or a page's width (up to about 1150 px). */
export const COVER_WIDTHS = [400, 800, 1600] as const
/** Sponsors' logos are shown about 160 px wide, at 1x and 2x. */
export const LOGO_WIDTHS = [160, 320] as const

async function inspectPicture(path: string) {
  let meta: Metadata
  try {
    meta = await sharp(path, { limitInputPixels: MAX_PIXELS }).metadata()
  } catch {
    throw new MediaRefused('notPicture')
  }
  if (
    !meta.width ||
    !meta.height ||
    !['jpeg', 'png', 'webp', 'gif', 'avif', 'heif'].includes(meta.format ?? '')
  )
    throw new MediaRefused('notPicture')
  if (meta.width * meta.height > MAX_PIXELS) throw new MediaRefused('pictureTooLarge')
  return {
    contentType: `image/${meta.format === 'heif' ? 'heic' : meta.format}`,
    width: meta.width,
    height: meta.height,
    durationSeconds: null,
    bitrate: null,
  }
}

/**
 * Receives an uploaded picture (refusing what is not one, or is over `PICTURE_MAX_BYTES`) and
 * writes each of `widths` cropped to `ratio`, in WebP and JPEG. Nothing is recorded yet.
 */
export async function receivePicture(
  dataDir: string,
  input: {
    filename: string
    source: Readable | AsyncIterable<Uint8Array>
    widths: readonly number[]
    ratio: number
    /**
     * `cover` (the default) crops to the ratio around what draws the eye; `contain` fits the whole
     * picture inside it on a transparent (JPEG: white) ground, as a logo must be shown whole.
     */
    fit?: 'cover' | 'contain'
    now: Date
  },
) {
  const original = await receiveMedia(dataDir, {
    kind: 'image',
    filename: input.filename,
    source: input.source,
    maxBytes: PICTURE_MAX_BYTES,
    inspect: inspectPicture,
    now: input.now,
  })
  const files: ReceivedMedia[] = [original]
  const stored: StoredPicture = { original: original.id, ratio: input.ratio, webp: [], jpeg: [] }
  const base = original.filename.replace(/\.[^.]*$/, '') || 'picture'
  for (const width of input.widths) {
    const height = Math.round(width / input.ratio)
    // `rotate()` applies the camera's orientation before the EXIF data is dropped.
    const resized = sharp(mediaPath(dataDir, original.id), { limitInputPixels: MAX_PIXELS })
      .rotate()
      .resize(
        width,
        height,
        input.fit === 'contain'
          ? { fit: 'contain', background: { r: 255, g: 255, b: 255, alpha: 0 } }
          : { fit: 'cover', position: 'attention' },
      )
    for (const format of ['webp', 'jpeg'] as const) {
      const bytes =
        format === 'webp'
          ? await resized.clone().webp({ quality: 80 }).toBuffer()
          : await resized
              .clone()
              .flatten({ background: '#ffffff' })
              .jpeg({ quality: 82, mozjpeg: true })
              .toBuffer()
      const file = await receiveMedia(dataDir, {
        kind: 'image',
        filename: `${base}-${width}.${format === 'webp' ? 'webp' : 'jpg'}`,
        source: Readable.from([bytes]),
        maxBytes: PICTURE_MAX_BYTES,
        inspect: async () => ({
          contentType: `image/${format}`,
          width,
          height,
          durationSeconds: null,
          bitrate: null,
        }),
        now: input.now,
      })
      files.push(file)
      stored[format].push({ id: file.id, filename: file.filename, width })
    }
  }
  return { files, stored }
}

/** Records every file of a received picture, in the transaction that attaches it. */
export async function recordPicture(db: Db, received: { files: ReceivedMedia[] }) {
  for (const file of received.files) await recordMedia(db, file)
}

/** A stored picture as components show it, at `width` px wide. */
export function pictureOf(stored: StoredPicture, width: number): Picture {
  const url = (f: { id: string; filename: string }) => `/media/${f.id}/${f.filename}`
  return {
    webp: stored.webp.map((f) => ({ url: url(f), width: f.width })),
    fallback: stored.jpeg.map((f) => ({ url: url(f), width: f.width })),
    width,
    height: Math.round(width / stored.ratio),
  }
}
