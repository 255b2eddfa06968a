// Byte ranges (RFC 9110 §14): what podcast apps ask for to seek and resume, and `bytes=0-1` probes.

export type RangeAnswer =
  /** Serve the whole representation (no Range, or one we may ignore: several ranges, bad syntax). */
  | { kind: 'whole' }
  | { kind: 'part'; start: number; end: number }
  /** 416 with `Content-Range: bytes *\/size`. */
  | { kind: 'unsatisfiable' }

/** One byte range of a representation of `size` bytes, as a Range header asks for it. */
export function rangeOf(header: string | undefined, size: number): RangeAnswer {
  if (!header) return { kind: 'whole' }
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header)
  // Several ranges or an unknown unit: a server may answer with the whole file (§14.2).
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'whole' }
  if (m[1] === '') {
    // A suffix: the last N bytes.
    const n = Number(m[2])
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' }
    return { kind: 'part', start: Math.max(0, size - n), end: size - 1 }
  }
  const start = Number(m[1])
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  if (m[2] !== '' && Number(m[2]) < start) return { kind: 'whole' }
  if (start >= size) return { kind: 'unsatisfiable' }
  return { kind: 'part', start, end }
}

/**
 * Whether a Range still applies under If-Range: only when the validator names the current
 * representation (a strong ETag, or the exact Last-Modified date); otherwise the whole is sent.
 */
export function ifRangeHolds(ifRange: string | undefined, etag: string, lastModified: Date): boolean {
  if (!ifRange) return true
  const value = ifRange.trim()
  if (value.startsWith('"')) return value === etag
  if (value.startsWith('W/')) return false
  const date = Date.parse(value)
  return !Number.isNaN(date) && Math.floor(lastModified.getTime() / 1000) === Math.floor(date / 1000)
}

/** Whether If-None-Match names this representation (weak comparison, as §13.1.2 says). */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '')
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag))
}
