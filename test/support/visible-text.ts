// What a reader sees of a page, and the slips in it that no type check catches.

// Elements that end a run of text: two table cells saying "Open" are not a doubled word. A div
// does not: a status and the line under it are read together ("exempted", "exempt until …"), so
// it only parts words with a space.
const SOFT = /^(div|time|label)$/i
const BLOCK =
  /^(p|li|ul|ol|dl|dt|dd|tr|td|th|table|thead|tbody|caption|section|article|aside|header|footer|nav|main|h[1-6]|br|hr|form|fieldset|legend|option|select|button|figure|figcaption|blockquote|details|summary|input|textarea|img|svg|title|progress|meter)$/i

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(
          e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)),
        )
      : (entities[e.toLowerCase()] ?? m),
  )

/**
 * The text of a page as read aloud or seen: text nodes plus alt, title, aria-label and
 * placeholder, one line per block. Scripts, styles and code samples (identifiers on purpose)
 * are left out.
 */
export function visibleText(html: string) {
  const body = html
    .replace(/<(script|style|template|code|pre|noscript)\b[\s\S]*?<\/\1>/gi, '\n')
    .replace(/<!--[\s\S]*?-->/g, '')
  return decode(
    body.replace(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g, (_, tag: string, attrs: string) => {
      const said = [...attrs.matchAll(/\s(alt|title|aria-label|placeholder)="([^"]*)"/g)].map((m) => m[2])
      const text = said.length ? `\n${said.join('\n')}\n` : ''
      return BLOCK.test(tag) ? `\n${text}` : SOFT.test(tag) ? ` ${text} ` : text
    }),
  )
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n')
}

const snippet = (line: string, index: number) => line.slice(Math.max(0, index - 30), index + 40).trim()

/** Every slip in the text, as "what — snippet". */
export function findLeaks(text: string, keys: ReadonlySet<string>): string[] {
  const found: string[] = []
  for (const raw of text.split('\n')) {
    // Addresses, e-mail and handles may carry anything; they are not prose.
    // Names that repeat themselves by design (the video site 哔哩哔哩) are not slips either.
    const line = raw
      .replace(/\b[a-z]+:\/\/\S+|\S+@\S+\.\S+|@[\w.-]+/gi, (m) => ' '.repeat(m.length))
      .replace(/哔哩哔哩/g, (m) => ' '.repeat(m.length))
    for (const m of line.matchAll(/[A-Za-z][\w.]*[A-Za-z]/g)) {
      const word = m[0]
      if (keys.has(word) && (word.includes('.') || /[a-z][A-Z]/.test(word)))
        found.push(`dictionary key "${word}" — ${snippet(raw, m.index)}`)
    }
    for (const m of line.matchAll(/\b[a-z]+(?:_[a-z0-9]+)+\b/g))
      found.push(`snake_case "${m[0]}" — ${snippet(raw, m.index)}`)
    // A word glued to itself (SIGSIG) and a word followed by itself or its own stem (the the,
    // exempted exempt).
    for (const m of line.matchAll(/\b([A-Z]{2,}|[a-z]{2,})\1\b/g))
      found.push(`doubled "${m[0]}" — ${snippet(raw, m.index)}`)
    for (const m of line.matchAll(/\b([A-Za-z]{2,})(?=[^\S\n]+([A-Za-z]{2,})\b)/g)) {
      const [a, b] = [m[1]!.toLowerCase(), m[2]!.toLowerCase()]
      const stem = a.length >= 5 && b.length >= 5 && (a.startsWith(b) || b.startsWith(a))
      if (a === b || stem) found.push(`repeated "${m[1]} ${m[2]}" — ${snippet(raw, m.index)}`)
    }
    for (const m of line.matchAll(/([\p{Script=Han}]{2,}|[A-Za-z]{2,})\1/gu))
      if (/\p{Script=Han}/u.test(m[1]!)) found.push(`repeated "${m[0]}" — ${snippet(raw, m.index)}`)
  }
  return found
}
