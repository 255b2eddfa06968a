// Pure rules of recognition: the titles a person's roles give them, year by year.
import { randomInt } from 'node:crypto'

export type Seat = {
  role: string
  startedAt: Date
  endedAt: Date | null
  chapter: { id: string; cityZh: string; cityEn: string }
}
export type Grant = {
  role: string
  grantedAt: Date
  endedAt: Date | null
  sig: { id: string; nameZh: string; nameEn: string } | null
}

/** A title for one year: what it is for, named in both languages by the caller's texts. */
export type Title =
  | { kind: 'chapter'; key: string; year: number; role: string; chapter: Seat['chapter'] }
  | { kind: 'role'; key: string; year: number; role: string; sig: Grant['sig'] }

/** Community roles worth a title (administration is not one). */
export const titledRoles = ['contributor', 'ambassador', 'sig_member', 'sig_lead'] as const

const yearsBetween = (from: Date, to: Date) => {
  const years: number[] = []
  for (let y = from.getUTCFullYear(); y <= to.getUTCFullYear(); y++) years.push(y)
  return years
}

/**
 * Every title, newest year first: each calendar year a chapter seat or a community role was held,
 * for part of it or all of it.
 */
export function titlesOf(seats: Seat[], grants: Grant[], now: Date): Title[] {
  const titles = new Map<string, Title>()
  for (const s of seats)
    for (const year of yearsBetween(s.startedAt, s.endedAt ?? now)) {
      const key = `chapter:${s.chapter.id}:${s.role}:${year}`
      titles.set(key, { kind: 'chapter', key, year, role: s.role, chapter: s.chapter })
    }
  for (const g of grants) {
    if (!(titledRoles as readonly string[]).includes(g.role)) continue
    for (const year of yearsBetween(g.grantedAt, g.endedAt ?? now)) {
      const key = `role:${g.role}:${g.sig?.id ?? '-'}:${year}`
      titles.set(key, { kind: 'role', key, year, role: g.role, sig: g.sig })
    }
  }
  const rank = (t: Title) => (t.kind === 'chapter' ? ['leader', 'vice_leader', 'member'].indexOf(t.role) : 3)
  return [...titles.values()].sort(
    (a, b) => b.year - a.year || rank(a) - rank(b) || a.key.localeCompare(b.key),
  )
}

// No 0/O, 1/I/L: a code read aloud or typed from paper comes out right.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

export const newCertificateCode = () =>
  Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')

export const isCertificateCode = (code: string) => new RegExp(`^[${CODE_ALPHABET}]{10}$`).test(code)

export const swagStatuses = ['waiting_for_address', 'ready', 'sent', 'received'] as const
export type SwagStatus = (typeof swagStatuses)[number]
