// A zip of Markdown files uploaded in the console. A zip can claim anything in its headers, so the
// sizes are counted while inflating (a bomb stops at the cap, whatever it declared), the entries
// are counted, and a path that would point outside the folder refuses the whole upload.
import { createRequire } from 'node:module'
import {
  ARTICLE_FILE_MAX_BYTES,
  type ImportIssue,
  markdownFile,
  safeEntryPath,
} from './articles.import.rules.ts'
import { type ArticleFile, articleText } from './articles.import.ts'

export type ZipLimits = {
  /** Entries of any kind (folders, images, Markdown) the zip may hold. */
  maxEntries: number
  /** Bytes of Markdown the zip may inflate to, all files together. */
  maxTotalBytes: number
}

export const ZIP_LIMITS: ZipLimits = { maxEntries: 5000, maxTotalBytes: 100 * 1024 * 1024 }

export class ZipRefused extends Error {
  readonly reason: 'zipTooManyEntries' | 'zipTooLarge' | 'zipPathRefused' | 'zipBroken'
  readonly entry: string | null
  constructor(reason: ZipRefused['reason'], entry: string | null = null) {
    super(`${reason}${entry ? `: ${entry}` : ''}`)
    this.reason = reason
    this.entry = entry
  }
}

/**
 * The Markdown files in a zip, with their paths inside it; other entries (images, folders, macOS
 * metadata) are passed over. Files that are too large or not UTF-8 come back as skipped issues.
 * Throws ZipRefused for a zip that is refused as a whole.
 */
export function filesFromZip(
  bytes: Uint8Array,
  limits: ZipLimits = ZIP_LIMITS,
): { files: ArticleFile[]; skipped: ImportIssue[] } {
  const files: ArticleFile[] = []
  const skipped: ImportIssue[] = []
  let entries = 0
  let total = 0
  let refused: ZipRefused | null = null
  // Loaded on the first zip, not by every process that imports the articles (see articles.import.rules.ts).
  const { Unzip, UnzipInflate } = createRequire(import.meta.url)('fflate') as typeof import('fflate')
  const unzip = new Unzip((entry) => {
    if (refused) return
    entries++
    if (entries > limits.maxEntries) {
      refused = new ZipRefused('zipTooManyEntries')
      return
    }
    const path = safeEntryPath(entry.name)
    if (path === null) {
      refused = new ZipRefused('zipPathRefused', entry.name)
      return
    }
    if (
      entry.name.endsWith('/') ||
      !markdownFile.test(path) ||
      path.split('/').some((p) => p.startsWith('.'))
    )
      return
    if (path.startsWith('__MACOSX/')) return
    const chunks: Uint8Array[] = []
    let size = 0
    entry.ondata = (err, chunk, final) => {
      if (refused) return
      if (err) {
        refused = new ZipRefused('zipBroken', path)
        return
      }
      total += chunk.byteLength
      if (total > limits.maxTotalBytes) {
        refused = new ZipRefused('zipTooLarge')
        entry.terminate()
        return
      }
      size += chunk.byteLength
      if (size > ARTICLE_FILE_MAX_BYTES) {
        // Not a post: stop inflating it (the rest of the zip is still read).
        skipped.push({ file: path, line: null, problem: 'fileTooLarge' })
        entry.terminate()
        return
      }
      chunks.push(chunk)
      if (!final) return
      const whole = Buffer.concat(chunks)
      const read = articleText(whole)
      if ('text' in read) files.push({ path, content: read.text })
      else skipped.push({ file: path, line: null, problem: read.problem })
    }
    entry.start()
  })
  unzip.register(UnzipInflate)
  try {
    // In slices: a refusal stops the reading at the next slice instead of inflating the rest.
    const slice = 16 * 1024
    for (let at = 0; at < bytes.byteLength && !refused; at += slice)
      unzip.push(bytes.subarray(at, Math.min(at + slice, bytes.byteLength)), at + slice >= bytes.byteLength)
  } catch {
    refused ??= new ZipRefused('zipBroken')
  }
  if (refused) throw refused
  if (entries === 0) throw new ZipRefused('zipBroken')
  return { files, skipped }
}
