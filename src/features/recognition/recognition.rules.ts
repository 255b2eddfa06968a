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

const DAY_MS = 86_400_000

/** How a title was earned: by holding the place long enough that year, or by a SIG lead's grant. */
export type EarnedBy = 'tenure' | 'grant'

export type TitlePolicy = {
  /** Days of a calendar year a seat or role must be held for that year's title. */
  minTenureDays: number
}

/** A title someone may have for a year: how many days of it they held the place, and whether that earns it. */
export type HeldTitle = { title: Title; days: number; earnedBy: EarnedBy | null }

/** Whole and part days of `year` covered by the periods (overlaps counted once), up to `now`. */
export function daysHeldIn(year: number, periods: { from: Date; to: Date | null }[], now: Date): number {
  const start = Date.UTC(year, 0, 1)
  const end = Math.min(Date.UTC(year + 1, 0, 1), now.getTime())
  const clipped = periods
    .map((p) => [Math.max(p.from.getTime(), start), Math.min((p.to ?? now).getTime(), end)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0])
  let held = 0
  let reached = start
  for (const [a, b] of clipped) {
    const from = Math.max(a, reached)
    if (b > from) held += b - from
    reached = Math.max(reached, b)
  }
  return held / DAY_MS
}

/** Tenure earns the title; short of it, only a grant does. */
export function titleEarned(days: number, policy: TitlePolicy, granted: boolean): EarnedBy | null {
  if (days >= policy.minTenureDays) return 'tenure'
  return granted ? 'grant' : null
}

/**
 * Every title a person's seats and roles could give, newest year first: one per calendar year a
 * chapter seat or a community role was held, for part of it or all of it, with the days held that
 * year and whether they earn it (`granted`: the title keys a SIG lead granted).
 */
export function heldTitles(
  seats: Seat[],
  grants: Grant[],
  now: Date,
  policy: TitlePolicy,
  granted: ReadonlySet<string>,
): HeldTitle[] {
  const periods = new Map<string, { title: Title; spans: { from: Date; to: Date | null }[] }>()
  const add = (title: Title, from: Date, to: Date | null) => {
    const entry = periods.get(title.key) ?? { title, spans: [] }
    entry.spans.push({ from, to })
    periods.set(title.key, entry)
  }
  for (const s of seats)
    for (const year of yearsBetween(s.startedAt, s.endedAt ?? now)) {
      const key = `chapter:${s.chapter.id}:${s.role}:${year}`
      add({ kind: 'chapter', key, year, role: s.role, chapter: s.chapter }, s.startedAt, s.endedAt)
    }
  for (const g of grants) {
    if (!(titledRoles as readonly string[]).includes(g.role)) continue
    for (const year of yearsBetween(g.grantedAt, g.endedAt ?? now)) {
      const key = `role:${g.role}:${g.sig?.id ?? '-'}:${year}`
      add({ kind: 'role', key, year, role: g.role, sig: g.sig }, g.grantedAt, g.endedAt)
    }
  }
  const rank = (t: Title) => (t.kind === 'chapter' ? ['leader', 'vice_leader', 'member'].indexOf(t.role) : 3)
  return [...periods.values()]
    .map(({ title, spans }) => {
      const days = daysHeldIn(title.year, spans, now)
      return { title, days, earnedBy: titleEarned(days, policy, granted.has(title.key)) }
    })
    .sort(
      (a, b) =>
        b.title.year - a.title.year ||
        rank(a.title) - rank(b.title) ||
        a.title.key.localeCompare(b.title.key),
    )
}

/** The titles earned, newest year first: held long enough that year, or granted. */
export const titlesOf = (
  seats: Seat[],
  grants: Grant[],
  now: Date,
  policy: TitlePolicy,
  granted: ReadonlySet<string> = new Set(),
): Title[] => heldTitles(seats, grants, now, policy, granted).flatMap((h) => (h.earnedBy ? [h.title] : []))

// No 0/O, 1/I/L: a code read aloud or typed from paper comes out right.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

export const newCertificateCode = () =>
  Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')

export const isCertificateCode = (code: string) => new RegExp(`^[${CODE_ALPHABET}]{10}$`).test(code)

export const swagStatuses = ['waiting_for_address', 'ready', 'sent', 'received'] as const
export type SwagStatus = (typeof swagStatuses)[number]
