// iCalendar (RFC 5545) for events and sessions: one event's `.ics`, and the feeds calendar apps
// subscribe to. Written here rather than with a library: the ones on npm take their VTIMEZONE
// from a copy of the time zone database frozen years ago (or from no one), and calendars must
// agree with the times Hearth's pages show, which come from the platform's own zone data.

import {
  canonicalTimeZone,
  isTimeZone,
  type OffsetTransition,
  offsetAt,
  offsetTransitions,
} from '../../platform/i18n/time-zone.ts'

export type CalendarStatus = 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED'

/** One VEVENT: an event, or a session of one. */
export type CalendarItem = {
  /** Globally unique and stable for the life of the item (`<id>@<host>`): calendars match updates by it. */
  uid: string
  /** Raised on every change attendees' calendars must pick up; a cancellation raises it too. */
  sequence: number
  /** When this copy of the item was made (the feed's render time, or the item's last change). */
  dtstamp: Date
  start: Date
  end: Date
  /** IANA zone the times are written in, so calendars show them as the event's page does. */
  timeZone: string
  summary: string
  description?: string | null
  location?: string | null
  url?: string | null
  status: CalendarStatus
  /** ORGANIZER needs an address (RFC 5545 cal-address): an e-mail, else a link; with neither it is left out. */
  organizer?: { name: string; email?: string | null; url?: string | null } | null
  geo?: { latitude: number; longitude: number } | null
  categories?: string[]
  created?: Date | null
  lastModified?: Date | null
}

export type CalendarInput = {
  /** The calendar's name, shown by subscribing apps (X-WR-CALNAME and RFC 7986 NAME). */
  name: string
  description?: string | null
  /** For subscribed feeds: how often apps should fetch again, in minutes (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
  refreshInterval?: number | null
  /** The feed's own address (RFC 7986 SOURCE). */
  source?: string | null
  /** PUBLISH for files and feeds; Hearth sends no iTIP invitations, so nothing else is offered. */
  method?: 'PUBLISH' | null
  items: CalendarItem[]
  /**
   * The community's zone and the moment of rendering: a feed with no events still holds this
   * zone's VTIMEZONE, as RFC 5545 wants at least one component in a calendar.
   */
  whenEmpty?: { timeZone: string; now: Date } | null
  prodId?: string
}

const CRLF = '\r\n'
const LINE_OCTETS = 75
const DAY = 86_400_000

/** UTF-8 length of a code point (a lone surrogate is written as U+FFFD, three octets). */
const octetsOf = (codePoint: number) =>
  codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4

/**
 * Folds one content line so no physical line exceeds 75 octets (CRLF not counted), breaking only
 * between characters: a continuation starts with a space, which counts toward its 75.
 */
export function foldLine(line: string): string {
  if (line.length <= LINE_OCTETS / 3 || Buffer.byteLength(line, 'utf8') <= LINE_OCTETS) return line
  const out: string[] = []
  let current = ''
  let octets = 0
  let limit = LINE_OCTETS
  // `for…of` walks code points, so a surrogate pair (4 octets in UTF-8) is never split either.
  for (const char of line) {
    const size = octetsOf(char.codePointAt(0)!)
    if (octets + size > limit) {
      out.push(current)
      current = ' '
      octets = 1
      limit = LINE_OCTETS
    }
    current += char
    octets += size
  }
  out.push(current)
  return out.join(CRLF)
}

// RFC 5545 TEXT allows HTAB and no other control character; line breaks are written as \n.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters refused
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g
// biome-ignore lint/suspicious/noControlCharactersInRegex: the same, and line breaks, for values that cannot escape them
const ANY_CONTROL = /[\u0000-\u001f\u007f]/

/** A TEXT value: backslash, semicolon and comma escaped, every line break as `\n`. */
export function escapeText(text: string): string {
  return text
    .replace(CONTROL, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
}

/** A quoted parameter value (RFC 6868 caret encoding for the quote, caret and line breaks). */
function paramValue(value: string): string {
  const encoded = value
    .replace(CONTROL, '')
    .replace(/\^/g, '^^')
    .replace(/"/g, "^'")
    .replace(/\r\n|\r|\n/g, '^n')
  return `"${encoded}"`
}

/** A URI value: parsed and re-serialised, so whitespace is percent-encoded and nothing can break the line. */
function uriValue(value: string): string {
  return new URL(value).href
}

function calAddress(organizer: NonNullable<CalendarItem['organizer']>): string | null {
  if (organizer.email) {
    if (!/^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+$/.test(organizer.email))
      throw new TypeError(`Not an e-mail address for ORGANIZER: ${organizer.email}`)
    return `mailto:${organizer.email}`
  }
  return organizer.url ? uriValue(organizer.url) : null
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** The UTC fields of a moment as `YYYYMMDDTHHMMSS` (whole seconds: iCalendar has no fractions). */
function stamp(moment: number): string {
  const d = new Date(moment)
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`
}

const wholeSecond = (date: Date) => Math.floor(date.getTime() / 1000) * 1000
const utcDateTime = (date: Date) => `${stamp(wholeSecond(date))}Z`

/** A UTC offset as `+HHMM` (`+HHMMSS` for the odd historical seconds); never `-0000`, which RFC 5545 forbids. */
function utcOffset(ms: number): string {
  const seconds = Math.round(ms / 1000)
  const abs = Math.abs(seconds)
  const hhmm = `${pad(Math.floor(abs / 3600))}${pad(Math.floor((abs % 3600) / 60))}`
  return `${seconds < 0 ? '-' : '+'}${hhmm}${abs % 60 ? pad(abs % 60) : ''}`
}

/**
 * A zone's offsets over whole UTC years: the one in force on 1 January of the first, then every
 * change. Event times and the VTIMEZONE are both read from it, so they cannot disagree.
 */
type ZoneTable = {
  timeZone: string
  start: number
  initial: number
  transitions: OffsetTransition[]
}

function zoneTable(timeZone: string, fromYear: number, toYear: number): ZoneTable {
  const start = Date.UTC(fromYear, 0, 1)
  const transitions: OffsetTransition[] = []
  for (let year = fromYear; year <= toYear; year++) transitions.push(...transitionsIn(timeZone, year))
  return { timeZone, start, initial: offsetAt(start, timeZone), transitions }
}

function offsetIn(table: ZoneTable, moment: number): number {
  let offset = table.initial
  for (const t of table.transitions) {
    if (t.at.getTime() > moment) break
    offset = t.offsetTo
  }
  return offset
}

/**
 * The local time naming a moment, or null where clocks go back and that local time names two
 * moments: RFC 5545 reads it as the first, ical.js as the second, so neither is written.
 */
function localTime(table: ZoneTable, date: Date): number | null {
  const moment = wholeSecond(date)
  const local = moment + offsetIn(table, moment)
  const twice = table.transitions.some(
    (t) =>
      t.offsetTo < t.offsetFrom &&
      local >= t.at.getTime() + t.offsetTo &&
      local < t.at.getTime() + t.offsetFrom,
  )
  return twice ? null : local
}

/**
 * DTSTART and DTEND: local time with TZID, as the event's page shows it; when either cannot be
 * said so, both are written in UTC (one form for both keeps every reader's arithmetic simple).
 */
function timeProperties(start: Date, end: Date, table: ZoneTable): string[] {
  const localStart = localTime(table, start)
  const localEnd = localTime(table, end)
  if (localStart === null || localEnd === null)
    return [`DTSTART:${utcDateTime(start)}`, `DTEND:${utcDateTime(end)}`]
  return [
    `DTSTART;TZID=${table.timeZone}:${stamp(localStart)}`,
    `DTEND;TZID=${table.timeZone}:${stamp(localEnd)}`,
  ]
}

type Observance = {
  kind: 'STANDARD' | 'DAYLIGHT'
  /** The local onset, in the offset in force before it (RFC 5545 3.6.5). */
  onset: number
  at: number
  offsetFrom: number
  offsetTo: number
  name: string | null
}

// Scanning a year costs ~365 look-ups; a feed names the same few zones and years again and again.
const transitionsByYear = new Map<string, ReturnType<typeof offsetTransitions>>()
function transitionsIn(timeZone: string, year: number) {
  const key = `${timeZone} ${year}`
  let found = transitionsByYear.get(key)
  if (!found) {
    if (transitionsByYear.size > 4096) transitionsByYear.clear()
    found = offsetTransitions(timeZone, new Date(Date.UTC(year, 0, 1)), new Date(Date.UTC(year + 1, 0, 1)))
    transitionsByYear.set(key, found)
  }
  return found
}

/**
 * Intl says which offset is in force, not whether it is daylight saving time: an offset above
 * the lowest one of the surrounding year (sampled monthly, six months either side) is.
 */
function isDaylight(moment: number, offset: number, timeZone: string): boolean {
  let lowest = offset
  for (let month = -6; month <= 6; month++)
    lowest = Math.min(lowest, offsetAt(moment + month * 30 * DAY, timeZone))
  return offset > lowest
}

const shortNames = new Map<string, Intl.DateTimeFormat>()
/** The zone's abbreviation (EST, EDT) where the platform has one; its `GMT+2` stand-ins are left out. */
function abbreviation(moment: number, timeZone: string): string | null {
  let format = shortNames.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
    shortNames.set(timeZone, format)
  }
  const name = format.formatToParts(new Date(moment)).find((p) => p.type === 'timeZoneName')?.value
  return name && /^[A-Z]{2,6}$/.test(name) && name !== 'GMT' && name !== 'UTC' ? name : null
}

function observance(timeZone: string, at: number, offsetFrom: number, offsetTo: number): Observance {
  return {
    kind: isDaylight(at, offsetTo, timeZone) ? 'DAYLIGHT' : 'STANDARD',
    onset: at + offsetFrom,
    at,
    offsetFrom,
    offsetTo,
    name: abbreviation(at, timeZone),
  }
}

const byDayNames = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA']

/** The onset as a yearly rule would name it: month, weekday and which one (`-1` for the last). */
function yearlyRule(o: Observance) {
  const d = new Date(o.onset)
  const days = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
  return {
    year: d.getUTCFullYear(),
    shape: [o.kind, o.offsetFrom, o.offsetTo, o.name, d.getUTCMonth(), d.getUTCDay(), o.onset % DAY].join(
      ' ',
    ),
    month: d.getUTCMonth() + 1,
    weekday: byDayNames[d.getUTCDay()]!,
    nth: Math.ceil(d.getUTCDate() / 7),
    last: d.getUTCDate() + 7 > days,
  }
}

/** A run of yearly onsets as one component with RRULE and UNTIL, as calendar apps expect them. */
function observanceLines(run: Observance[]): string[] {
  const first = run[0]!
  const lines = [
    `BEGIN:${first.kind}`,
    `TZOFFSETFROM:${utcOffset(first.offsetFrom)}`,
    `TZOFFSETTO:${utcOffset(first.offsetTo)}`,
  ]
  if (first.name) lines.push(`TZNAME:${escapeText(first.name)}`)
  lines.push(`DTSTART:${stamp(first.onset)}`)
  if (run.length > 1) {
    const rules = run.map(yearlyRule)
    const which = rules.every((r) => r.last) ? '-1' : String(rules[0]!.nth)
    lines.push(
      `RRULE:FREQ=YEARLY;BYMONTH=${rules[0]!.month};BYDAY=${which}${rules[0]!.weekday};UNTIL=${stamp(run.at(-1)!.at)}Z`,
    )
  }
  lines.push(`END:${first.kind}`)
  return lines
}

/** Consecutive years whose onsets one yearly rule describes; anything else stands alone. */
function runsOf(observances: Observance[]): Observance[][] {
  const runs: Observance[][] = []
  const open = new Map<string, Observance[]>()
  for (const o of observances) {
    const rule = yearlyRule(o)
    const run = open.get(rule.shape)
    const members = run ? [...run.map(yearlyRule), rule] : []
    const fits =
      run &&
      members.at(-2)!.year + 1 === rule.year &&
      (members.every((r) => r.last) || members.every((r) => r.nth === rule.nth))
    if (run && fits) {
      run.push(o)
    } else {
      const fresh = [o]
      runs.push(fresh)
      open.set(rule.shape, fresh)
    }
  }
  return runs
}

/**
 * The VTIMEZONE for a zone over the UTC years [fromYear, toYear]: the offset in force on 1 January
 * of the first year, then every change until the end of the last, so each local time written with
 * this TZID in those years converts exactly as the platform converts it.
 */
export function timeZoneComponent(timeZone: string, fromYear: number, toYear: number): string[] {
  return vtimezone(zoneTable(timeZone, fromYear, toYear))
}

function vtimezone({ timeZone, start, initial, transitions }: ZoneTable): string[] {
  const observances = [observance(timeZone, start, initial, initial)]
  for (const t of transitions)
    observances.push(observance(timeZone, t.at.getTime(), t.offsetFrom, t.offsetTo))
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    ...runsOf(observances).flatMap(observanceLines),
    'END:VTIMEZONE',
  ]
}

function duration(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes <= 0) throw new TypeError(`Not a refresh interval: ${minutes}`)
  if (minutes % 1440 === 0) return `P${minutes / 1440}D`
  if (minutes % 60 === 0) return `PT${minutes / 60}H`
  return `PT${minutes}M`
}

function eventLines(item: CalendarItem, table: ZoneTable): string[] {
  if (!item.uid.trim() || ANY_CONTROL.test(item.uid))
    throw new TypeError(`Not a UID: ${JSON.stringify(item.uid)}`)
  if (!Number.isInteger(item.sequence) || item.sequence < 0)
    throw new TypeError(`Not a SEQUENCE: ${item.sequence}`)
  if (!(item.end.getTime() > item.start.getTime())) throw new TypeError(`${item.uid} ends before it starts`)
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(item.uid)}`,
    `DTSTAMP:${utcDateTime(item.dtstamp)}`,
    ...timeProperties(item.start, item.end, table),
    `SEQUENCE:${item.sequence}`,
    `STATUS:${item.status}`,
    `SUMMARY:${escapeText(item.summary)}`,
  ]
  if (item.description) lines.push(`DESCRIPTION:${escapeText(item.description)}`)
  if (item.location) lines.push(`LOCATION:${escapeText(item.location)}`)
  if (item.geo) {
    const { latitude, longitude } = item.geo
    if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180))
      throw new TypeError(`Not a GEO: ${latitude};${longitude}`)
    lines.push(`GEO:${latitude};${longitude}`)
  }
  if (item.url) lines.push(`URL:${uriValue(item.url)}`)
  if (item.organizer) {
    const address = calAddress(item.organizer)
    if (address) lines.push(`ORGANIZER;CN=${paramValue(item.organizer.name)}:${address}`)
  }
  if (item.categories?.length) lines.push(`CATEGORIES:${item.categories.map(escapeText).join(',')}`)
  if (item.created) lines.push(`CREATED:${utcDateTime(item.created)}`)
  if (item.lastModified) lines.push(`LAST-MODIFIED:${utcDateTime(item.lastModified)}`)
  // Apps hide a cancelled item's time from free/busy only when told it no longer blocks it.
  if (item.status === 'CANCELLED') lines.push('TRANSP:TRANSPARENT')
  lines.push('END:VEVENT')
  return lines
}

/** A whole VCALENDAR: CRLF line ends, folded at 75 octets, a VTIMEZONE for every TZID it uses. */
export function renderCalendar(input: CalendarInput): string {
  // Checking and spelling a zone builds a formatter (~70 µs): once per zone, not per item.
  const spelled = new Map<string, string>()
  const zoneName = (timeZone: string) => {
    let name = spelled.get(timeZone)
    if (!name) {
      if (!isTimeZone(timeZone)) throw new TypeError(`Not a time zone: ${timeZone}`)
      name = canonicalTimeZone(timeZone)
      spelled.set(timeZone, name)
    }
    return name
  }
  const spans = new Map<string, { from: number; to: number }>()
  for (const item of input.items) {
    const zone = zoneName(item.timeZone)
    const years = [item.start.getUTCFullYear(), item.end.getUTCFullYear()]
    const span = spans.get(zone)
    spans.set(zone, {
      from: Math.min(span?.from ?? Number.POSITIVE_INFINITY, ...years),
      to: Math.max(span?.to ?? Number.NEGATIVE_INFINITY, ...years),
    })
  }
  if (spans.size === 0 && input.whenEmpty) {
    const year = input.whenEmpty.now.getUTCFullYear()
    spans.set(zoneName(input.whenEmpty.timeZone), { from: year, to: year })
  }
  const tables = new Map(
    [...spans]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([zone, span]) => [zone, zoneTable(zone, span.from, span.to)]),
  )
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${input.prodId ?? '-//Hearth//Hearth events//EN'}`,
    'CALSCALE:GREGORIAN',
  ]
  if (input.method) lines.push(`METHOD:${input.method}`)
  lines.push(`NAME:${escapeText(input.name)}`, `X-WR-CALNAME:${escapeText(input.name)}`)
  if (input.description)
    lines.push(
      `DESCRIPTION:${escapeText(input.description)}`,
      `X-WR-CALDESC:${escapeText(input.description)}`,
    )
  if (input.source) lines.push(`SOURCE;VALUE=URI:${uriValue(input.source)}`)
  if (input.refreshInterval != null) {
    const every = duration(input.refreshInterval)
    lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${every}`, `X-PUBLISHED-TTL:${every}`)
  }
  for (const table of tables.values()) lines.push(...vtimezone(table))
  for (const item of input.items) lines.push(...eventLines(item, tables.get(zoneName(item.timeZone))!))
  lines.push('END:VCALENDAR')
  return lines.map(foldLine).join(CRLF) + CRLF
}
