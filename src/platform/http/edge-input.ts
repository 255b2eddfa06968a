/**
 * Characters refused at the edge. PostgreSQL cannot store NUL in text (a query with one fails
 * with a 500), and no address, handle or form field people type ever holds a control character;
 * tabs and line breaks are the exception in typed text.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const controlInAddress = /[\u0000-\u001f\u007f]/
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const controlInText = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/

/**
 * Bidirectional embeddings, overrides and isolates make a name read differently from what it is
 * ("‮gnp.exe"). The marks U+200E/U+200F are left alone: they only nudge neutral characters and
 * Arabic or Hebrew names legitimately carry them.
 */
const bidiControl = /[\u202a-\u202e\u2066-\u2069]/

export const hasControlInAddress = (s: string) => controlInAddress.test(s)
export const hasControlInText = (s: string) => controlInText.test(s)
export const hasBidiControl = (s: string) => bidiControl.test(s)

/** A path as the router sees it, each segment percent-decoded (a malformed escape stays as sent). */
export function decodedPath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment)
      } catch {
        return segment
      }
    })
    .join('/')
}

/** Whether a request's path or query holds a control character, and which one to blame. */
export function controlInUrl(url: URL): 'path' | 'query' | null {
  if (hasControlInAddress(decodedPath(url.pathname))) return 'path'
  for (const [key, value] of url.searchParams) {
    if (hasControlInText(key) || hasControlInText(value)) return 'query'
  }
  return null
}

/** The path of the first string (or object key) in a parsed body that holds a control character. */
export function findControlCharacter(
  value: unknown,
  path: (string | number)[] = [],
): (string | number)[] | null {
  if (typeof value === 'string') return hasControlInText(value) ? path : null
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findControlCharacter(item, [...path, i])
      if (found) return found
    }
    return null
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (hasControlInText(key)) return [...path, key]
      const found = findControlCharacter(item, [...path, key])
      if (found) return found
    }
  }
  return null
}

/** What the database's uuid columns accept as we write them: anything else is no record of ours. */
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (s: string) => uuidPattern.test(s)
/** The same as a route parameter's pattern: `/:id${uuidParam}` never hands a route anything else. */
export const uuidParam = '{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}'
