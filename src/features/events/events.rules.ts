// What an event may become and what follows from it: status moves, addresses, the next edition,
// what calendars must hear about, places left, and which events a list's filters keep. Pure: no
// I/O, no clock (`now` is passed in).
import { canonicalTimeZone, isTimeZone, offsetAt } from '../../platform/i18n/time-zone.ts'

export const eventKinds = ['meetup', 'conference'] as const
export type EventKind = (typeof eventKinds)[number]
export const attendanceModes = ['offline', 'hybrid', 'online'] as const
export type AttendanceMode = (typeof attendanceModes)[number]
export const eventStatuses = ['draft', 'published', 'postponed', 'cancelled'] as const
export type EventStatus = (typeof eventStatuses)[number]
export const sessionKinds = [
  'talk',
  'keynote',
  'panel',
  'roundtable',
  'lightning',
  'workshop',
  'special',
  'meetup',
  'podcast',
  'break',
] as const
export type SessionKind = (typeof sessionKinds)[number]
export const speakerRoles = ['speaker', 'moderator', 'panelist', 'host'] as const
export type SpeakerRole = (typeof speakerRoles)[number]
/** Languages a session is held in (BCP 47 primary tags the pages can name). */
export const sessionLanguages = ['zh', 'en'] as const
export type SessionLanguage = (typeof sessionLanguages)[number]

// --- Status -----------------------------------------------------------------------------------

/** What an organiser does to an event's status, and the status it leads to. */
export const statusActions = { publish: 'published', postpone: 'postponed', cancel: 'cancelled' } as const
export type StatusAction = keyof typeof statusActions

/**
 * A draft is published; a published event is postponed or cancelled; a postponed one is published
 * again (with its new dates) or cancelled. A cancelled event stays cancelled: its page says so to
 * everyone who kept the link, and a new date is a new edition.
 */
const moves: Record<EventStatus, readonly EventStatus[]> = {
  draft: ['published'],
  published: ['postponed', 'cancelled'],
  postponed: ['published', 'cancelled'],
  cancelled: [],
}

export const canMove = (from: EventStatus, to: EventStatus) => moves[from].includes(to)

/** The actions an organiser is offered for an event in `status`. */
export const actionsFor = (status: EventStatus): StatusAction[] =>
  (Object.keys(statusActions) as StatusAction[]).filter((a) => canMove(status, statusActions[a]))

/** Everyone may read an event once it was published; a draft is its organisers' alone. */
export const isPublic = (status: EventStatus) => status !== 'draft'

/** Past once it has ended: the list files it under past events, check-in has closed. */
export const isPast = (event: { endsAt: Date }, now: Date) => event.endsAt.getTime() <= now.getTime()

// --- Addresses --------------------------------------------------------------------------------

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/
/**
 * Words the events' own pages and exports use after `/events/` (the calendar feed, the feed of
 * upcoming events): an event named so would hide them, or they it.
 */
export const reservedSlugs: readonly string[] = [
  'new',
  'feed',
  'rss',
  'calendar',
  'calendars',
  'ics',
  'upcoming',
  'past',
  'console',
  'api',
  'mine',
]

/** Why a slug cannot be an event's address (a `validation` key), or null. */
export function slugProblem(slug: string): 'slug' | 'slugReserved' | null {
  if (!SLUG.test(slug) || slug.includes('--')) return 'slug'
  return reservedSlugs.includes(slug) ? 'slugReserved' : null
}

/** An address may change while the event is a draft; once published, people have the link. */
export const slugEditable = (status: EventStatus) => status === 'draft'

/**
 * An address from the English title (Latin letters and digits, words joined by hyphens), with the
 * year of its start when the title does not say it; a title with no Latin letters gives
 * `event-<date>`.
 */
export function slugFor(title: string | null, localDay: string): string {
  const year = localDay.slice(0, 4)
  const words =
    title
      ?.normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') ?? ''
  if (!/[a-z]/.test(words)) return `event-${localDay}`
  const slug = words.includes(year) ? words : `${words}-${year}`
  return slugProblem(slug) ? `event-${localDay}` : slug
}

/** `base`, or `base-2`, `base-3` … : the first that `taken` does not hold (compared without case). */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 76)}-${n}`
    if (!taken.has(candidate)) return candidate
  }
}

// --- Times ------------------------------------------------------------------------------------

/**
 * The zone's IANA name as the platform spells it, or null for what is not one: a misspelling, or
 * an offset such as `+08:00`, which Intl takes but which knows no daylight-saving time.
 */
export function ianaZone(input: string): string | null {
  const zone = input.trim()
  if (!zone || !isTimeZone(zone)) return null
  const canonical = canonicalTimeZone(zone)
  return canonical === 'UTC' || /^[A-Za-z]+\/[A-Za-z0-9_+\-/]+$/.test(canonical) ? canonical : null
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/

/** A wall-clock time (`2027-03-28T10:00`) as milliseconds on a clock that has no zone. */
function wallMs(local: string): number | null {
  const m = WALL.exec(local)
  if (!m) return null
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as number[]
  const ms = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!)
  const back = new Date(ms)
  // 2027-02-30 is no day: Date.UTC would roll it into March.
  if (Number.isNaN(ms) || back.getUTCMonth() !== mo! - 1 || back.getUTCDate() !== d! || h! > 23 || mi! > 59)
    return null
  return ms
}

const DAY = 86_400_000

/**
 * The moment a zone's clocks show `wall` (ms on a zoneless clock), or null when they never do.
 * Offsets change at most once a day, so the offsets a day either side are the only candidates.
 */
function momentOfWall(wall: number, timeZone: string): Date | null {
  const offsets = new Set([
    offsetAt(wall - DAY, timeZone),
    offsetAt(wall, timeZone),
    offsetAt(wall + DAY, timeZone),
  ])
  const moments = [...offsets].map((o) => wall - o).filter((m) => m + offsetAt(m, timeZone) === wall)
  // An hour that happens twice (summer time ends) is taken the first time; one that the clocks
  // skip (Europe/Berlin, last Sunday of March, 02:00–03:00) has none.
  return moments.length ? new Date(Math.min(...moments)) : null
}

/** `wall` on the zone's clocks, or, when they skip it, the same distance past the jump. */
const momentOrAfterJump = (wall: number, timeZone: string) =>
  momentOfWall(wall, timeZone) ?? new Date(wall - offsetAt(wall - DAY, timeZone))

/**
 * The moment a wall-clock time names in a zone; null when it is not a time, or when the zone's
 * clocks skip it (the hour lost when summer time starts). An hour that happens twice (when it
 * ends) is taken the first time.
 */
export function wallClockMoment(local: string, timeZone: string): Date | null {
  const wall = wallMs(local)
  return wall === null ? null : momentOfWall(wall, timeZone)
}

/** A moment as a `datetime-local` field shows it in a zone: `2027-03-28T10:00`. */
export function wallClockOf(moment: Date, timeZone: string): string {
  return new Date(moment.getTime() + offsetAt(moment.getTime(), timeZone)).toISOString().slice(0, 16)
}

/** The day (`YYYY-MM-DD`) a moment falls on in a zone. */
export const localDayOf = (moment: Date, timeZone: string) => wallClockOf(moment, timeZone).slice(0, 10)

/**
 * Moves `moment` as far on the zone's clocks as from `from` to `to`: a session at 14:00 the day
 * after the old start is at 14:00 the day after the new one, whatever daylight-saving change lies
 * between (a plain shift in milliseconds would put it at 13:00 or 15:00). A wall time that the
 * zone skips on the new day moves on by the hour the clocks jumped.
 */
export function shiftOnWallClock(moment: Date, timeZone: string, from: Date, to: Date): Date {
  const wall = (d: Date) => d.getTime() + offsetAt(d.getTime(), timeZone)
  return momentOrAfterJump(wall(moment) + (wall(to) - wall(from)), timeZone)
}

// --- Next edition -----------------------------------------------------------------------------

/** What an event's next edition takes over from it. */
export type EditionSource = {
  slug: string
  titleZh: string | null
  titleEn: string | null
  timeZone: string
  startsAt: Date
  endsAt: Date
  registrationOpensAt: Date | null
  registrationClosesAt: Date | null
}

/** Replaces the old edition's year in a title or slug by the new one's, as a whole number only. */
const withYear = (text: string, from: string, to: string) =>
  from === to ? text : text.replace(new RegExp(`(?<!\\d)${from}(?!\\d)`, 'g'), to)

/**
 * The next edition's title, address and times, starting at `startsAt`: every time keeps its place
 * on the zone's clocks relative to the start, the year in the title and address follows the new
 * start's, and the address is made unique against `taken`.
 */
export function nextEdition(event: EditionSource, startsAt: Date, taken: ReadonlySet<string>) {
  const shift = (d: Date) => shiftOnWallClock(d, event.timeZone, event.startsAt, startsAt)
  const fromYear = localDayOf(event.startsAt, event.timeZone).slice(0, 4)
  const toYear = localDayOf(startsAt, event.timeZone).slice(0, 4)
  const yearSlug = withYear(event.slug, fromYear, toYear)
  const base =
    yearSlug !== event.slug && !slugProblem(yearSlug)
      ? yearSlug
      : slugProblem(`${event.slug.slice(0, 74)}-${toYear}`)
        ? `event-${localDayOf(startsAt, event.timeZone)}`
        : `${event.slug.slice(0, 74)}-${toYear}`
  return {
    slug: uniqueSlug(base, taken),
    titleZh: event.titleZh === null ? null : withYear(event.titleZh, fromYear, toYear),
    titleEn: event.titleEn === null ? null : withYear(event.titleEn, fromYear, toYear),
    startsAt,
    endsAt: shift(event.endsAt),
    registrationOpensAt: event.registrationOpensAt && shift(event.registrationOpensAt),
    registrationClosesAt: event.registrationClosesAt && shift(event.registrationClosesAt),
    shift,
  }
}

/** The usual next edition of a yearly event: 52 weeks on, so it falls on the same weekday. */
export function defaultNextStart(startsAt: Date, timeZone: string): Date {
  return momentOrAfterJump(startsAt.getTime() + offsetAt(startsAt.getTime(), timeZone) + 364 * DAY, timeZone)
}

// --- Calendars --------------------------------------------------------------------------------

/** What an event's calendar entry shows: a change to any of it must reach people's calendars. */
export const calendarFields = [
  'titleZh',
  'titleEn',
  'summaryZh',
  'summaryEn',
  'descriptionZh',
  'descriptionEn',
  'timeZone',
  'startsAt',
  'endsAt',
  'venueZh',
  'venueEn',
  'address',
  'mapUrl',
  'mode',
  'status',
] as const

/** What a session's calendar entry shows (its speakers are counted apart, see `speakersChanged`). */
export const sessionCalendarFields = [
  'titleZh',
  'titleEn',
  'abstractZh',
  'abstractEn',
  'startsAt',
  'endsAt',
  'roomId',
  'kind',
] as const

const same = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : (a ?? null) === (b ?? null)

/** True when `after` differs from `before` in a field a calendar shows. */
export function calendarChanged<F extends string>(
  fields: readonly F[],
  before: Partial<Record<F, unknown>>,
  after: Partial<Record<F, unknown>>,
): boolean {
  return fields.some((f) => f in after && !same(before[f], after[f]))
}

/**
 * The SEQUENCE an entry gets after a change (RFC 5545 3.8.7.4): raised by one when a calendar
 * must pick the change up, kept otherwise, so clients do not see an unchanged event as new.
 */
export const nextSequence = (sequence: number, changed: boolean) => (changed ? sequence + 1 : sequence)

// --- Sessions ---------------------------------------------------------------------------------

/**
 * The roles people take in a session of a kind: a panel and a roundtable have a moderator and
 * panelists, a live podcast recording its hosts and guests (panelists), a break nobody.
 */
export function speakerRolesFor(kind: SessionKind): SpeakerRole[] {
  switch (kind) {
    case 'panel':
    case 'roundtable':
      return ['moderator', 'panelist']
    case 'podcast':
      return ['host', 'panelist']
    case 'break':
      return []
    case 'meetup':
    case 'special':
    case 'workshop':
      return ['host', 'speaker']
    default:
      return ['speaker']
  }
}

/** A session lies within its event (a session without times is a plain agenda item). */
export function sessionWithinEvent(
  session: { startsAt: Date | null; endsAt: Date | null },
  event: { startsAt: Date; endsAt: Date },
): boolean {
  const inside = (d: Date | null) =>
    d === null || (d.getTime() >= event.startsAt.getTime() && d.getTime() <= event.endsAt.getTime())
  return inside(session.startsAt) && inside(session.endsAt)
}

/** Sessions grouped by the day they fall on in the event's zone, each day in time order. */
export function agendaDays<S extends { startsAt: Date | null; position: number }>(
  sessions: readonly S[],
  timeZone: string,
): { day: string | null; sessions: S[] }[] {
  const order = (a: S, b: S) =>
    (a.startsAt?.getTime() ?? Number.POSITIVE_INFINITY) -
      (b.startsAt?.getTime() ?? Number.POSITIVE_INFINITY) || a.position - b.position
  const days = new Map<string | null, S[]>()
  for (const s of [...sessions].sort(order)) {
    const day = s.startsAt ? localDayOf(s.startsAt, timeZone) : null
    days.set(day, [...(days.get(day) ?? []), s])
  }
  return [...days].map(([day, list]) => ({ day, sessions: list }))
}

// --- Places -----------------------------------------------------------------------------------

/** Places still free: null when the event has no limit, never below zero (organisers may add beyond it). */
export const seatsLeft = (capacity: number | null, confirmed: number) =>
  capacity === null ? null : Math.max(0, capacity - confirmed)

// --- Lists ------------------------------------------------------------------------------------

export type EventFilters = {
  chapter?: string | undefined
  city?: string | undefined
  kind?: EventKind | undefined
  language?: SessionLanguage | undefined
  /** `offline`: one can be there in person (hybrid too); `online`: one can join from anywhere. */
  mode?: 'offline' | 'online' | undefined
}

export type ListedEvent = {
  kind: EventKind
  mode: AttendanceMode
  titleZh: string | null
  titleEn: string | null
  venueZh: string | null
  venueEn: string | null
  address: string | null
  chapter: { slug: string; cityZh: string; cityEn: string } | null
  /** Languages its sessions are held in. */
  sessionLanguages: readonly string[]
}

/**
 * The languages an event is held in: its sessions' when they say, else the languages its title is
 * written in (a meetup with a Chinese title only is held in Chinese).
 */
export function eventLanguages(event: Pick<ListedEvent, 'titleZh' | 'titleEn' | 'sessionLanguages'>) {
  const fromSessions = sessionLanguages.filter((l) => event.sessionLanguages.includes(l))
  if (fromSessions.length) return fromSessions
  return sessionLanguages.filter((l) => (l === 'zh' ? event.titleZh : event.titleEn))
}

/**
 * Whether an event passes a list's filters; `sameCity` compares city names whatever their
 * spelling (chapters' `cityKey`). The city is the holding chapter's, or the one its venue names.
 */
export function matchesFilters(
  event: ListedEvent,
  filters: EventFilters,
  sameCity: (a: string, b: string) => boolean,
): boolean {
  if (filters.kind && event.kind !== filters.kind) return false
  if (filters.mode && !(event.mode === filters.mode || event.mode === 'hybrid')) return false
  if (filters.chapter && event.chapter?.slug !== filters.chapter) return false
  if (filters.language && !eventLanguages(event).includes(filters.language)) return false
  if (filters.city) {
    const city = filters.city.trim().toLowerCase()
    const chapterCity = event.chapter && [event.chapter.cityZh, event.chapter.cityEn]
    const named = chapterCity?.some((c) => sameCity(c, city))
    const inVenue = [event.address, event.venueZh, event.venueEn].some((t) => t?.toLowerCase().includes(city))
    if (!named && !inVenue) return false
  }
  return true
}
