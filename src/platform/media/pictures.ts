// Pictures people upload (avatars, chapter covers, podcast art, the community's logo): the upload is
// kept as it came, and sharp makes the sizes pages show, in WebP and in JPEG (or PNG, for a logo's
// transparency) for browsers without WebP. Everything is written and checked here, before the
// caller's transaction records it (`recordPicture`, `recordMedia`).
import { Readable } from 'node:stream'
import type { Metadata } from 'sharp'
import { v5 } from 'uuid'
import type { Db } from '../db/client.ts'
import type { Picture } from '../views/components.tsx'
import {
  type MediaFile,
  MediaRefused,
  mediaPath,
  mediaUrl,
  type ReceivedMedia,
  receiveMedia,
  recordMedia,
} from './media.ts'

/**
 * sharp, loaded the first time a picture is worked: its libraries take ~22 MiB resident, which a
 * server that is only serving pages (and a first start's preparing process, until the demo's art)
 * need not hold (test/ops/memory.test.ts).
 */
let sharpModule: Promise<typeof import('sharp')> | undefined
async function loadSharp() {
  sharpModule ??= import('sharp')
  return (await sharpModule).default
}

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
  const sharp = await loadSharp()
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
  const sharp = await loadSharp()
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

// --- Sizes of a picture kept by one media id ---------------------------------------------------
//
// A show's cover, an episode's art and the community's logo are kept as one media id. Their sizes
// are media files whose ids are derived from the original's and the size's name (UUIDv5), so the
// original's id is all a row needs to find them and no column lists them. A picture stored before
// its sizes were made has none, and pages show the original, as they did.

const SIZES_NAMESPACE = '6c1f2d0e-8b7a-4f5e-9d3c-2a1b0c9d8e7f'

/** Square art (podcast covers and episode art) is shown from 72 to 240 px, and across a phone. */
export const SQUARE_WIDTHS = [160, 320, 640, 960] as const
/** The header shows the logo 32 px high: the sizes cover 1x, 2x and 3x screens. */
export const LOGO_HEIGHTS = [32, 64, 96] as const
/** Link previews (OpenGraph) take at most 1200×630; the logo fits inside, never enlarged. */
export const LOGO_PREVIEW = { width: 1200, height: 630 } as const

export type SizeKind = 'square' | 'logo'

type SizeSpec = { name: string; format: 'webp' | 'jpeg' | 'png'; width: number; height: number }

const sizeNames: Record<SizeKind, string[]> = {
  square: SQUARE_WIDTHS.flatMap((w) => [`w${w}.webp`, `w${w}.jpg`]),
  logo: [...LOGO_HEIGHTS.flatMap((h) => [`h${h}.webp`, `h${h}.png`]), 'preview.png'],
}

/** Where the size `name` of the picture `originalId` is kept. */
export const sizeId = (originalId: string, name: string) => v5(`${originalId}/${name}`, SIZES_NAMESPACE)

/** The ids under which a picture's sizes may be kept: what a page looks up. */
export const sizeIdsOf = (originalId: string, kind: SizeKind) =>
  sizeNames[kind].map((name) => sizeId(originalId, name))

/** The sizes to make of a picture `width`×`height` px; none larger than the picture itself. */
export function sizeSpecs(kind: SizeKind, width: number, height: number): SizeSpec[] {
  if (kind === 'square')
    return SQUARE_WIDTHS.filter((w) => w <= Math.min(width, height)).flatMap((w) => [
      { name: `w${w}.webp`, format: 'webp' as const, width: w, height: w },
      { name: `w${w}.jpg`, format: 'jpeg' as const, width: w, height: w },
    ])
  const scaled = (h: number) => Math.max(1, Math.round((h * width) / height))
  const preview = Math.min(1, LOGO_PREVIEW.width / width, LOGO_PREVIEW.height / height)
  return [
    ...LOGO_HEIGHTS.filter((h) => h <= height).flatMap((h) => [
      { name: `h${h}.webp`, format: 'webp' as const, width: scaled(h), height: h },
      { name: `h${h}.png`, format: 'png' as const, width: scaled(h), height: h },
    ]),
    {
      name: 'preview.png',
      format: 'png',
      width: Math.max(1, Math.round(width * preview)),
      height: Math.max(1, Math.round(height * preview)),
    },
  ]
}

/**
 * Writes the sizes of a picture already on disk (received, perhaps not recorded yet), each under
 * its derived id; record them with the original, in the transaction that attaches it. A picture
 * whose header passed but whose pixels do not decode is refused: readers could not see it either.
 */
export async function makeSizes(
  dataDir: string,
  original: Pick<ReceivedMedia, 'id' | 'filename' | 'width' | 'height'>,
  kind: SizeKind,
  now: Date,
): Promise<ReceivedMedia[]> {
  const sharp = await loadSharp()
  if (!original.width || !original.height) return []
  const base = original.filename.replace(/\.[^.]*$/, '') || 'picture'
  const files: ReceivedMedia[] = []
  for (const spec of sizeSpecs(kind, original.width, original.height)) {
    const resized = sharp(mediaPath(dataDir, original.id), { limitInputPixels: MAX_PIXELS })
      .rotate()
      .resize(spec.width, spec.height, { fit: 'cover', position: 'centre' })
    const encoded =
      spec.format === 'webp'
        ? resized.webp({ quality: kind === 'logo' ? 90 : 80 })
        : spec.format === 'png'
          ? resized.png({ compressionLevel: 9 })
          : resized.flatten({ background: '#ffffff' }).jpeg({ quality: 82, mozjpeg: true })
    const bytes = await encoded.toBuffer().catch(() => {
      throw new MediaRefused('notPicture')
    })
    const [, extension] = spec.name.split('.')
    files.push(
      await receiveMedia(dataDir, {
        id: sizeId(original.id, spec.name),
        kind: 'image',
        filename: `${base}-${spec.name.split('.')[0]}.${extension}`,
        source: Readable.from([bytes]),
        maxBytes: PICTURE_MAX_BYTES,
        inspect: async () => ({
          contentType: `image/${spec.format}`,
          width: spec.width,
          height: spec.height,
          durationSeconds: null,
          bitrate: null,
        }),
        now,
      }),
    )
  }
  return files
}

/** Records a picture's sizes (see `makeSizes`), in the transaction that attaches the original. */
export async function recordSizes(db: Db, sizes: ReceivedMedia[]) {
  for (const file of sizes) await recordMedia(db, file)
}

/**
 * A picture kept by one id as components show it, `shown` px in size: its sizes found among
 * `found` (any media rows; those that are not its sizes are ignored), or the original alone.
 */
export function sizedPicture(
  original: MediaFile,
  found: readonly MediaFile[],
  kind: SizeKind,
  shown: { width: number; height: number },
): Picture {
  const ids = new Set(sizeIdsOf(original.id, kind))
  const preview = sizeId(original.id, 'preview.png')
  const sizes = found.filter((f) => ids.has(f.id) && f.id !== preview && f.width)
  const source = (f: MediaFile) => ({ url: mediaUrl('', f), width: f.width! })
  const byWidth = (a: { width: number }, b: { width: number }) => a.width - b.width
  if (!sizes.length)
    return {
      webp: [],
      fallback: [{ url: mediaUrl('', original), width: original.width ?? shown.width }],
      ...shown,
    }
  return {
    webp: sizes
      .filter((f) => f.contentType === 'image/webp')
      .map(source)
      .sort(byWidth),
    fallback: sizes
      .filter((f) => f.contentType !== 'image/webp')
      .map(source)
      .sort(byWidth),
    ...shown,
  }
}

/** The logo's link-preview size when it was made, else the original (as before sizes were made). */
export function previewOf(original: MediaFile, found: readonly MediaFile[]): MediaFile {
  return found.find((f) => f.id === sizeId(original.id, 'preview.png')) ?? original
}

// --- The community's logo ----------------------------------------------------------------------

/** An uploaded logo's largest file: the logo is shown small, so this is plenty. */
export const LOGO_MAX_BYTES = 2 * 1024 * 1024
const LOGO_MAX_PIXELS = 16_000_000
/** The longest side of the PNG an SVG logo is drawn into: enough for link previews. */
export const SVG_DRAWN_SIDE = 1200

async function readUpTo(source: Readable | AsyncIterable<Uint8Array>, maxBytes: number) {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of source) {
    size += chunk.length
    if (size > maxBytes) throw new MediaRefused('fileTooLarge')
    chunks.push(Buffer.from(chunk))
  }
  if (!size) throw new MediaRefused('fileEmpty')
  return Buffer.concat(chunks)
}

/**
 * An SVG drawn into a PNG, so that the site never serves the SVG itself: its scripts, event
 * handlers and references to other files and sites stay behind, and what remains is pixels.
 * librsvg (through sharp) runs no script, and drawing from memory it loads nothing but `data:`
 * images — given a file path it would read the files beside it, or any a `file:` URL names, so
 * the bytes never go to disk first. Entity expansion is bounded by libxml2. Refused when it does
 * not draw.
 */
export async function drawSvg(bytes: Buffer): Promise<Buffer> {
  const sharp = await loadSharp()
  let meta: Metadata
  try {
    // Only the declared size is read here; drawing is bounded below.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata()
  } catch {
    throw new MediaRefused('notLogo')
  }
  if (meta.format !== 'svg' || !meta.width || !meta.height) throw new MediaRefused('notLogo')
  // Drawn at the density that makes its longest side SVG_DRAWN_SIDE (sharp takes 1 to 100000 dpi;
  // an SVG declared larger than that allows is drawn at 1 and scaled down).
  const density = Math.min(100_000, Math.max(1, (72 * SVG_DRAWN_SIDE) / Math.max(meta.width, meta.height)))
  try {
    return await sharp(bytes, { density, limitInputPixels: MAX_PIXELS })
      .resize(SVG_DRAWN_SIDE, SVG_DRAWN_SIDE, { fit: 'inside', withoutEnlargement: true })
      .png({ compressionLevel: 9 })
      .toBuffer()
  } catch {
    throw new MediaRefused('notLogo')
  }
}

async function inspectLogo(path: string) {
  const sharp = await loadSharp()
  let meta: Metadata
  try {
    meta = await sharp(path, { limitInputPixels: LOGO_MAX_PIXELS }).metadata()
  } catch {
    throw new MediaRefused('notLogo')
  }
  if (!meta.width || !meta.height || !['jpeg', 'png', 'webp'].includes(meta.format ?? ''))
    throw new MediaRefused('notLogo')
  return {
    contentType: `image/${meta.format}`,
    width: meta.width,
    height: meta.height,
    durationSeconds: null,
    bitrate: null,
  }
}

/**
 * Receives an uploaded logo — SVG (drawn into a PNG: `drawSvg`), PNG, WebP or JPEG, at most
 * `LOGO_MAX_BYTES` — and writes the sizes the header and link previews show. Nothing is recorded
 * yet: record `original` and `sizes` in the transaction that makes it the logo.
 */
export async function receiveLogo(
  dataDir: string,
  input: { filename: string; source: Readable | AsyncIterable<Uint8Array>; now: Date },
) {
  const sharp = await loadSharp()
  const bytes = await readUpTo(input.source, LOGO_MAX_BYTES)
  const format = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .then((m) => m.format)
    .catch(() => null)
  const svg = format === 'svg'
  const original = await receiveMedia(dataDir, {
    kind: 'image',
    filename: svg ? `${input.filename.replace(/\.[^.]*$/, '') || 'logo'}.png` : input.filename,
    source: Readable.from([svg ? await drawSvg(bytes) : bytes]),
    // A drawn SVG may come out larger than it went in.
    maxBytes: svg ? PICTURE_MAX_BYTES : LOGO_MAX_BYTES,
    inspect: inspectLogo,
    now: input.now,
  })
  return { original, sizes: await makeSizes(dataDir, original, 'logo', input.now) }
}
