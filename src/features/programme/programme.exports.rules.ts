// A conference's programme as the files conference tools read: frab's `schedule.xml` (the XSD of
// c3voc) and c3voc's `schedule.json` (its JSON schema), from plain values. Apps (Giggity,
// EventFahrplan), recording pipelines (the c3voc tracker) and signage keep a session by its
// `guid`, so a session keeps its guid and integer id wherever and whenever it moves.
//
// Days follow the formats' convention (pretalx's, which the schemas' tools are tested against): a
// conference day runs from 04:00 to 03:59 the next morning on the event's clocks, so a session
// that starts at 01:00 belongs to the evening before. Times are written with the offset of their
// own moment, so a day across a daylight-saving change says both offsets.
import { createHash } from 'node:crypto'
import { v5 } from 'uuid'
import { offsetAt, zonedTime } from '../../platform/i18n/time-zone.ts'

export type Lang = 'zh' | 'en'
/** A text in both languages, either (not both) possibly missing. */
export type Pair = { zh: string | null; en: string | null }

export type ProgrammeRoom = { id: string; guid: string; name: Pair; capacity: number | null }

/** Someone in a session: a person here (linked once listed), or an outsider by name. */
export type ProgrammeSpeaker = {
  person: { id: string; handle: string; name: Pair; listed: boolean } | null
  name: Pair
}

/** A timed session as the files carry it. */
export type ProgrammeSession = {
  guid: string
  /** Its stable integer id (`sessionNumbers`). */
  id: number
  /** Its kind in the file's language (`type`): "Talk", "圆桌讨论". */
  type: string
  title: Pair
  abstract: Pair
  description: Pair
  /** BCP 47 language the session is held in, when known. */
  language: string | null
  /** Null (or a room not in the list): held where the event is (`defaultRoomName`). */
  roomId: string | null
  startsAt: Date
  endsAt: Date
  track: string | null
  /** Where people read about it. */
  url: string
  speakers: ProgrammeSpeaker[]
  videoUrl: string | null
  slidesUrl: string | null
  /** A live recording's podcast episode. */
  episodeUrl: string | null
  /** The speakers' word on recording; null while nobody asked (the file then claims nothing). */
  recording: { license: string | null; optOut: boolean } | null
}

export type ProgrammeConference = {
  id: string
  slug: string
  title: Pair
  summary: Pair
  /** IANA zone the event's clocks show. */
  timeZone: string
  startsAt: Date
  endsAt: Date
  /** The event's page. */
  url: string
  /** The room of sessions that name none: the venue, or "online". */
  defaultRoomName: string
}

export type ProgrammeContext = {
  locale: Lang
  /** The site's address, without a trailing slash. */
  baseUrl: string
  /** The schedule's version ("0.3"). */
  version: string
  words: { video: string; slides: string; episode: string }
}

// --- The model both files are written from ------------------------------------------------------

export type Reference = { type: 'media' | 'related' | 'slides'; url: string; title: string }
export type SchedulePerson = { id: number; name: string; guid: string | null; url: string | null }

export type ScheduleEvent = {
  guid: string
  id: number
  /** Start with its offset: `2027-03-28T10:00:00+02:00`. */
  date: string
  /** Start on the event's clocks: `10:00`. */
  start: string
  end: string
  /** Length as HH:MM (real time: an hour lost to summer time is not counted). */
  duration: string
  room: string
  slug: string
  url: string
  title: string
  subtitle: string | null
  track: string | null
  type: string
  language: string | null
  abstract: string | null
  description: string | null
  persons: SchedulePerson[]
  links: Reference[]
  attachments: Reference[]
  recording: { license: string; optOut: boolean } | null
}

export type ScheduleRoom = { name: string; guid: string; capacity: number | null }

export type ScheduleDay = {
  index: number
  date: string
  start: string
  end: string
  rooms: { room: ScheduleRoom; events: ScheduleEvent[] }[]
}

export type Schedule = {
  version: string
  baseUrl: string
  /** The host the files come from (frab's `system`). */
  system: string
  conference: {
    acronym: string
    title: string
    description: string | null
    start: string
    end: string
    days: number
    timeslotDuration: string
    timeZone: string
    url: string
    rooms: ScheduleRoom[]
    tracks: string[]
  }
  days: ScheduleDay[]
}

// --- Text ---------------------------------------------------------------------------------------

/**
 * What XML 1.0 cannot carry (control characters other than tab and line breaks, lone surrogates,
 * U+FFFE/U+FFFF) goes: both files hold the same words.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu
const clean = (s: string) => s.replace(NOT_XML, '')

const other = (lang: Lang): Lang => (lang === 'zh' ? 'en' : 'zh')
const present = (s: string | null | undefined) => (s && clean(s).trim() ? clean(s).trim() : null)

/** The text in `lang`, else in the other language, else null. */
function pick(pair: Pair, lang: Lang): { text: string; lang: Lang } | null {
  const first = present(pair[lang])
  if (first) return { text: first, lang }
  const second = present(pair[other(lang)])
  return second ? { text: second, lang: other(lang) } : null
}

/**
 * A session's title in the language it is held in (as its recording will be named), else in the
 * file's language, else the other one; the other language's title, when there is one and it
 * differs, is its subtitle, so a bilingual audience reads both.
 */
export function sessionTitles(
  session: Pick<ProgrammeSession, 'title' | 'language'>,
  locale: Lang,
): { title: string; subtitle: string | null; lang: Lang } {
  const spoken = session.language === 'zh' || session.language === 'en' ? session.language : locale
  const title = pick(session.title, spoken) ?? { text: '', lang: spoken }
  const second = present(session.title[other(title.lang)])
  return { title: title.text, subtitle: second && second !== title.text ? second : null, lang: title.lang }
}

const nameOf = (speaker: ProgrammeSpeaker, locale: Lang) =>
  (speaker.person ? pick(speaker.person.name, locale)?.text : null) ??
  pick(speaker.name, locale)?.text ??
  speaker.person?.handle ??
  ''

// --- Identifiers --------------------------------------------------------------------------------

const MAX_ID = 2_147_483_647
/** A positive 31-bit integer from a key: apps written in Java keep ids in an `int`. */
const numberOf = (key: string) => (createHash('sha256').update(key).digest().readUInt32BE(0) % MAX_ID) + 1

/**
 * Each session's integer id (frab's `id`, required and unique in a file): a hash of its guid, so
 * it never depends on time, room or order. When two hash alike (about once in 20,000 events of
 * 300 sessions), the session made first keeps the number and the later one takes the next free
 * one; give every session of the event (timed or not) so a session placed later moves nobody.
 */
export function sessionNumbers(sessions: readonly { guid: string; createdAt: Date }[]): Map<string, number> {
  const byAge = [...sessions].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.guid.localeCompare(b.guid),
  )
  const taken = new Set<number>()
  const numbers = new Map<string, number>()
  for (const s of byAge) {
    let n = numberOf(`session:${s.guid.toLowerCase()}`)
    while (taken.has(n)) n = (n % MAX_ID) + 1
    taken.add(n)
    numbers.set(s.guid, n)
  }
  return numbers
}

/**
 * The schedule's version while nobody names one: "0.n" from the event's calendar sequence (a
 * new event's schedule is 0.1), so a change the event's calendar shows gives a new version.
 */
export const scheduleVersion = (sequence: number) => `0.${sequence + 1}`

/** Names the room of sessions without one; a fixed namespace keeps its guid across requests. */
const DEFAULT_ROOM_NAMESPACE = 'ad0aaddb-6480-48a6-a4e2-0bc1fa8ad8c4'
export const defaultRoomGuid = (eventId: string) => v5(`event:${eventId}:room`, DEFAULT_ROOM_NAMESPACE)

/**
 * The conference's acronym: its address with underscores for hyphens, as the JSON schema allows
 * hyphens only before a year (`^[a-z0-9_-][a-z0-9_]{3,}…`) and the XSD wants four characters.
 */
export function acronymOf(slug: string, firstDay: string): string {
  const base = slug
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
  return base.length >= 4 ? base : `${base || 'event'}_${firstDay.slice(0, 4)}`
}

const SLUG_WORDS = 50

/** Latin words of a title for a slug: the English title's, else what the Chinese one has. */
function slugWords(title: Pair): string {
  for (const text of [title.en, title.zh]) {
    const words = (text ?? '')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
    if (!words) continue
    if (words.length <= SLUG_WORDS) return words
    // Cut at the end of a word; a first word longer than that is cut where it must be.
    const end = words.lastIndexOf('-', SLUG_WORDS)
    return end > 0 ? words.slice(0, end) : words.slice(0, SLUG_WORDS)
  }
  return ''
}

/**
 * A session's slug (`kubecon_hk_2027-1234567-scheduler-deep-dive`): the acronym, the id (which
 * makes it unique) and the title's Latin words, as the XSD's voc-slug-new and the JSON pattern read it.
 */
export function sessionSlug(acronym: string, id: number, title: Pair): string {
  const rest = [String(id), slugWords(title)].filter(Boolean).join('-')
  return `${acronym}-${rest.length >= 4 ? rest : `session-${rest}`}`
}

/** The person's frab id: one number per person (or per outsider's name) across sessions. */
const personKey = (speaker: ProgrammeSpeaker) =>
  speaker.person
    ? `person:${speaker.person.id}`
    : `name:${speaker.name.zh?.trim() ?? ''}|${speaker.name.en?.trim() ?? ''}`

// --- Time ---------------------------------------------------------------------------------------

const DAY_MS = 86_400_000
/** When one conference day ends and the next begins, on the event's clocks. */
const DAY_CHANGE = '04:00'
const DAY_LAST_MINUTE = '03:59'

/**
 * A zone's clocks for writing one file. Reading an offset from Intl costs microseconds and a
 * programme asks for the same few start and end times again and again: each is read once.
 */
export function clockOf(zone: string) {
  const offsets = new Map<number, number>()
  const offset = (ms: number) => {
    let o = offsets.get(ms)
    if (o === undefined) {
      o = offsetAt(ms, zone)
      offsets.set(ms, o)
    }
    return o
  }
  return {
    zone,
    /** The moment on the zone's clocks: `2027-03-28T10:00:00.000Z`, read as local time. */
    wall: (moment: Date) => new Date(moment.getTime() + offset(moment.getTime())).toISOString(),
    /** The moment as local time with its offset, to the second: `2027-03-28T10:00:00+02:00`. */
    iso(moment: Date) {
      const ms = Math.floor(moment.getTime() / 1000) * 1000
      const minutes = Math.round(offset(ms) / 60_000)
      const sign = minutes < 0 ? '-' : '+'
      return `${new Date(ms + offset(ms)).toISOString().slice(0, 19)}${sign}${hhmm(Math.abs(minutes))}`
    },
  }
}
type Clock = ReturnType<typeof clockOf>
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

/** The conference day a moment belongs to: its date, or the day before when before 04:00. */
export function conferenceDayOf(moment: Date, clock: Clock): string {
  const local = clock.wall(moment)
  const date = local.slice(0, 10)
  return local.slice(11, 16) < DAY_CHANGE ? addDays(date, -1) : date
}

/**
 * The conference's days: from the date it starts (a start in the small hours is still its first
 * day) to the conference day of its last minute.
 */
export function conferenceDays(
  conference: Pick<ProgrammeConference, 'startsAt' | 'endsAt' | 'timeZone'>,
  clock = clockOf(conference.timeZone),
) {
  const first = clock.wall(conference.startsAt).slice(0, 10)
  const lastDay = conferenceDayOf(new Date(conference.endsAt.getTime() - 1), clock)
  const last = lastDay > first ? lastDay : first
  const days: string[] = []
  for (let d = first; d <= last; d = addDays(d, 1)) days.push(d)
  return days
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))

/**
 * frab's `timeslot_duration`: the largest step out of 30 minutes that every start (on the
 * event's clocks) and every length is a multiple of, so a grid drawn in it fits each session.
 */
export function timeslotOf(sessions: readonly ProgrammeSession[], clock: Clock): string {
  let step = 30
  for (const s of sessions) {
    const local = clock.wall(s.startsAt)
    step = gcd(step, Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16)))
    step = gcd(step, minutesBetween(s.startsAt, s.endsAt))
  }
  return hhmm(step)
}

const minutesBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 60_000)

// --- Links --------------------------------------------------------------------------------------

/** An http(s) address as the URL parser writes it (non-ASCII escaped, as `format: uri` wants), or null. */
function httpUrl(url: string | null): string | null {
  if (!url) return null
  try {
    const parsed = new URL(url.trim())
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null
  } catch {
    return null
  }
}

function referencesOf(session: ProgrammeSession, words: ProgrammeContext['words']) {
  const video = httpUrl(session.videoUrl)
  const episode = httpUrl(session.episodeUrl)
  const slides = httpUrl(session.slidesUrl)
  const links: Reference[] = [
    ...(video ? [{ type: 'media' as const, url: video, title: words.video }] : []),
    ...(episode ? [{ type: 'related' as const, url: episode, title: words.episode }] : []),
  ]
  const attachments: Reference[] = slides ? [{ type: 'slides', url: slides, title: words.slides }] : []
  return { links, attachments }
}

// --- The schedule -------------------------------------------------------------------------------

/**
 * The schedule of a conference: its rooms (named in the file's language, each name once, as the
 * JSON keys a day's rooms by name), its days with the sessions of each in their rooms, in order.
 * `sessions` are the timed ones the files hold.
 */
export function programmeSchedule(
  conference: ProgrammeConference,
  rooms: readonly ProgrammeRoom[],
  sessions: readonly ProgrammeSession[],
  ctx: ProgrammeContext,
): Schedule {
  const { locale, words } = ctx
  const zone = conference.timeZone
  const clock = clockOf(zone)
  const days = conferenceDays(conference, clock)
  const first = days[0]!
  const last = days[days.length - 1]!
  const acronym = acronymOf(conference.slug, first)

  const used = new Set<string>()
  const uniqueName = (name: string) => {
    let unique = name
    for (let n = 2; used.has(unique); n++) unique = `${name} (${n})`
    used.add(unique)
    return unique
  }
  const named = new Map<string, ScheduleRoom>()
  for (const r of rooms)
    named.set(r.id, {
      name: uniqueName(pick(r.name, locale)?.text ?? ''),
      guid: r.guid,
      capacity: r.capacity,
    })
  const roomOf = (s: ProgrammeSession) => (s.roomId ? named.get(s.roomId) : undefined)
  const defaultRoom: ScheduleRoom | null = sessions.some((s) => !roomOf(s))
    ? {
        name: uniqueName(clean(conference.defaultRoomName).trim()),
        guid: defaultRoomGuid(conference.id),
        capacity: null,
      }
    : null
  const roomOrder = [...named.values(), ...(defaultRoom ? [defaultRoom] : [])]

  // A speaker of many sessions is hashed once.
  const personNumbers = new Map<string, number>()
  const personNumber = (speaker: ProgrammeSpeaker) => {
    const key = personKey(speaker)
    let n = personNumbers.get(key)
    if (n === undefined) {
      n = numberOf(key)
      personNumbers.set(key, n)
    }
    return n
  }

  const eventOf = (s: ProgrammeSession, room: ScheduleRoom): ScheduleEvent => {
    const { title, subtitle, lang } = sessionTitles(s, locale)
    return {
      guid: s.guid,
      id: s.id,
      date: clock.iso(s.startsAt),
      start: clock.wall(s.startsAt).slice(11, 16),
      end: clock.iso(s.endsAt),
      duration: hhmm(minutesBetween(s.startsAt, s.endsAt)),
      room: room.name,
      slug: sessionSlug(acronym, s.id, s.title),
      url: httpUrl(s.url) ?? s.url,
      title,
      subtitle,
      track: present(s.track),
      type: clean(s.type),
      language: s.language,
      abstract: pick(s.abstract, lang)?.text ?? null,
      description: pick(s.description, lang)?.text ?? null,
      persons: s.speakers.map((sp) => ({
        id: personNumber(sp),
        name: nameOf(sp, locale),
        guid: sp.person?.listed ? sp.person.id : null,
        url: sp.person?.listed ? `${ctx.baseUrl}/${locale}/people/${sp.person.handle}` : null,
      })),
      ...referencesOf(s, words),
      recording: s.recording
        ? { license: clean(s.recording.license ?? '').trim(), optOut: s.recording.optOut }
        : null,
    }
  }

  const byStart = [...sessions].sort(
    (a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.guid.localeCompare(b.guid),
  )
  const dayOf = new Map(
    byStart.map((s) => {
      const day = conferenceDayOf(s.startsAt, clock)
      return [s, day < first ? first : day > last ? last : day]
    }),
  )
  const scheduleDays: ScheduleDay[] = days.map((date, i) => {
    const mine = byStart.filter((s) => dayOf.get(s) === date)
    // A day runs 04:00–03:59 unless its sessions start earlier or end later.
    const starts = [zonedTime(`${date}T${DAY_CHANGE}`, zone), ...mine.map((s) => s.startsAt)]
    const ends = [zonedTime(`${addDays(date, 1)}T${DAY_LAST_MINUTE}`, zone), ...mine.map((s) => s.endsAt)]
    return {
      index: i + 1,
      date,
      start: clock.iso(new Date(Math.min(...starts.map((d) => d.getTime())))),
      end: clock.iso(new Date(Math.max(...ends.map((d) => d.getTime())))),
      rooms: roomOrder
        .map((room) => ({
          room,
          events: mine.filter((s) => (roomOf(s) ?? defaultRoom) === room).map((s) => eventOf(s, room)),
        }))
        .filter((r) => r.events.length),
    }
  })

  const tracks = [...new Set(sessions.flatMap((s) => present(s.track) ?? []))]
  return {
    version: clean(ctx.version),
    baseUrl: `${ctx.baseUrl}/`,
    system: new URL(ctx.baseUrl).host,
    conference: {
      acronym,
      title: pick(conference.title, locale)?.text ?? conference.slug,
      description: pick(conference.summary, locale)?.text ?? null,
      start: first,
      end: last,
      days: days.length,
      timeslotDuration: timeslotOf(sessions, clock),
      timeZone: zone,
      url: conference.url,
      rooms: roomOrder,
      tracks,
    },
    days: scheduleDays,
  }
}

// --- schedule.xml -------------------------------------------------------------------------------

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
  '\n': '&#10;',
  '\t': '&#9;',
}
const escapeText = (s: string) => s.replace(/[&<>\r]/g, (c) => XML_ESCAPES[c]!)
// In an attribute a parser turns line breaks and tabs into spaces unless they are references.
const escapeAttr = (s: string) => s.replace(/[&<>"'\r\n\t]/g, (c) => XML_ESCAPES[c]!)

const attrs = (values: Record<string, string | number | null | undefined>) =>
  Object.entries(values)
    .filter((e): e is [string, string | number] => e[1] !== null && e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join('')

/** `<name a="…">text</name>`, or `<name/>` with no text. */
const element = (
  name: string,
  text: string | number | null,
  attributes: Record<string, string | number | null | undefined> = {},
) =>
  text === null || text === ''
    ? `<${name}${attrs(attributes)}/>`
    : `<${name}${attrs(attributes)}>${escapeText(String(text))}</${name}>`

/** frab's `schedule.xml`, valid against c3voc's `schedule.xml.xsd`; `url` is where it is served. */
export function scheduleXml(schedule: Schedule, url: string): string {
  const { conference: c } = schedule
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<schedule xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="https://c3voc.de/schedule/schema.xsd">',
    `  ${element('generator', null, { name: 'Hearth', system: schedule.system })}`,
    `  ${element('url', url)}`,
    `  ${element('version', schedule.version)}`,
    '  <conference>',
    `    ${element('acronym', c.acronym)}`,
    `    ${element('title', c.title)}`,
    `    ${element('start', c.start)}`,
    `    ${element('end', c.end)}`,
    `    ${element('days', c.days)}`,
    `    ${element('timeslot_duration', c.timeslotDuration)}`,
    `    ${element('base_url', schedule.baseUrl)}`,
    `    ${element('url', c.url)}`,
    `    ${element('time_zone_name', c.timeZone)}`,
    ...c.tracks.map((name) => `    ${element('track', null, { name })}`),
    '  </conference>',
  ]
  for (const day of schedule.days) {
    lines.push(`  <day${attrs({ index: day.index, date: day.date, start: day.start, end: day.end })}>`)
    for (const { room, events } of day.rooms) {
      lines.push(`    <room${attrs({ name: room.name, guid: room.guid })}>`)
      for (const e of events) lines.push(...eventXml(e).map((l) => `      ${l}`))
      lines.push('    </room>')
    }
    lines.push('  </day>')
  }
  lines.push('</schedule>', '')
  return lines.join('\n')
}

function eventXml(e: ScheduleEvent): string[] {
  const references = (list: string, item: string, refs: Reference[]) =>
    refs.length
      ? [
          `  <${list}>`,
          ...refs.map((r) => `    ${element(item, r.title, { href: r.url, type: r.type })}`),
          `  </${list}>`,
        ]
      : [`  <${list}/>`]
  return [
    `<event${attrs({ guid: e.guid, id: e.id })}>`,
    `  ${element('date', e.date)}`,
    `  ${element('start', e.start)}`,
    `  ${element('duration', e.duration)}`,
    `  ${element('room', e.room)}`,
    `  ${element('slug', e.slug)}`,
    `  ${element('url', e.url)}`,
    `  ${element('title', e.title)}`,
    ...(e.subtitle ? [`  ${element('subtitle', e.subtitle)}`] : []),
    `  ${element('track', e.track)}`,
    `  ${element('type', e.type)}`,
    ...(e.language ? [`  ${element('language', e.language)}`] : []),
    `  ${element('abstract', e.abstract)}`,
    ...(e.description ? [`  ${element('description', e.description)}`] : []),
    ...(e.recording
      ? [
          '  <recording>',
          `    ${element('license', e.recording.license)}`,
          `    ${element('optout', String(e.recording.optOut))}`,
          '  </recording>',
        ]
      : []),
    ...(e.persons.length
      ? [
          '  <persons>',
          ...e.persons.map((p) => `    ${element('person', p.name, { id: p.id, guid: p.guid })}`),
          '  </persons>',
        ]
      : ['  <persons/>']),
    ...references('links', 'link', e.links),
    ...references('attachments', 'attachment', e.attachments),
    '</event>',
  ]
}

// --- schedule.json ------------------------------------------------------------------------------

/**
 * The JSON schema's zone pattern (`^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$`) refuses some IANA names
 * (`Etc/GMT-8`, `US/Pacific`); such a zone is left out there (the field is optional) and every time
 * still carries its offset.
 */
const c3vocZone = (zone: string) => (/^([A-Z][a-z]+\/[A-Z][a-z]+)|UTC$/.test(zone) ? zone : null)

const referenceJson = (r: Reference) => ({ type: r.type, url: r.url, title: r.title })

/** c3voc's `schedule.json`, valid against its JSON schema; `url` is where it is served. */
export function scheduleJson(schedule: Schedule, url: string): string {
  const { conference: c } = schedule
  const zone = c3vocZone(c.timeZone)
  const document = {
    $schema: 'https://c3voc.de/schedule/schema.json',
    generator: { name: 'Hearth', url: schedule.baseUrl },
    schedule: {
      url,
      version: schedule.version,
      base_url: schedule.baseUrl,
      conference: {
        acronym: c.acronym,
        title: c.title,
        ...(c.description ? { description: c.description } : {}),
        start: c.start,
        end: c.end,
        daysCount: c.days,
        timeslot_duration: c.timeslotDuration,
        ...(zone ? { time_zone_name: zone } : {}),
        url: c.url,
        rooms: c.rooms.map((r) => ({ name: r.name, guid: r.guid, capacity: r.capacity })),
        tracks: c.tracks.map((name) => ({ name })),
        days: schedule.days.map((day) => ({
          index: day.index,
          date: day.date,
          day_start: day.start,
          day_end: day.end,
          rooms: Object.fromEntries(day.rooms.map(({ room, events }) => [room.name, events.map(eventJson)])),
        })),
      },
    },
  }
  return JSON.stringify(document)
}

const eventJson = (e: ScheduleEvent) => ({
  guid: e.guid,
  id: e.id,
  date: e.date,
  start: e.start,
  end: e.end,
  duration: e.duration,
  room: e.room,
  slug: e.slug,
  url: e.url,
  title: e.title,
  subtitle: e.subtitle,
  track: e.track,
  type: e.type,
  language: e.language,
  abstract: e.abstract,
  description: e.description,
  ...(e.recording ? { recording_license: e.recording.license } : {}),
  do_not_record: e.recording ? e.recording.optOut : null,
  // frab's persons (id and public_name): the schema's oneOf takes a person as frab's or as
  // pretalx's (with `name`), never both, so `name` is not written beside them.
  persons: e.persons.map((p) => ({
    id: p.id,
    public_name: p.name,
    ...(p.guid ? { guid: p.guid } : {}),
    ...(p.url ? { url: p.url } : {}),
  })),
  links: e.links.map(referenceJson),
  attachments: e.attachments.map(referenceJson),
})
