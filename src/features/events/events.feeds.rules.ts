// What other tools read of an event: its calendar entries (the event, each session, a person's
// private feed), the schema.org Event its page carries, the RSS items of upcoming events and the
// `event.published` webhook's data. Pure: the service loads the rows, these say what to write.
import { formatInZone, type Locale } from '../../platform/i18n/index.ts'
import { zonedIsoString } from '../../platform/i18n/time-zone.ts'
import type { StoredPicture } from '../../platform/media/pictures.ts'
import { textIn } from '../../platform/views/localized.tsx'
import type { CalendarItem, CalendarStatus } from './events.calendar.ts'
import {
  type EventJsonLdInput,
  type JsonLdPerson,
  type JsonLdSession,
  offerAvailability,
} from './events.jsonld.ts'
import type { AttendanceMode, EventKind, EventStatus, SessionKind, SpeakerRole } from './events.rules.ts'

const DAY = 86_400_000

/** What an export needs of an event row. */
export type ExportedEvent = {
  id: string
  slug: string
  kind: EventKind
  mode: AttendanceMode
  status: EventStatus
  titleZh: string | null
  titleEn: string | null
  summaryZh: string | null
  summaryEn: string | null
  descriptionZh: string | null
  descriptionEn: string | null
  timeZone: string
  startsAt: Date
  endsAt: Date
  venueZh: string | null
  venueEn: string | null
  address: string | null
  country: string | null
  mapUrl: string | null
  onlineUrl: string | null
  cover: StoredPicture | null
  capacity: number | null
  registrationOpensAt: Date | null
  registrationClosesAt: Date | null
  sequence: number
  publishedAt: Date | null
  createdAt: Date
  updatedAt: Date
  chapter: { slug: string; cityZh: string; cityEn: string } | null
}

export type ExportedSession = {
  id: string
  /**
   * The session's schedule GUID (the one schedule.xml and schedule.json carry), which never
   * changes when it moves: its calendar UID, so every file and feed naming it names one entry.
   */
  guid?: string | null
  kind: SessionKind
  titleZh: string | null
  titleEn: string | null
  abstractZh: string | null
  abstractEn: string | null
  language: string | null
  startsAt: Date | null
  endsAt: Date | null
  sequence: number
  updatedAt: Date
  room: { nameZh: string | null; nameEn: string | null } | null
  speakers: ExportedSpeaker[]
}

/** Someone in a session: a person here (listed or not) or an outsider typed by name. */
export type ExportedSpeaker = {
  role: SpeakerRole
  nameZh: string | null
  nameEn: string | null
  person: {
    id: string
    handle: string
    nameZh: string | null
    nameEn: string | null
    /** Shown on the directory and their own page: only then are they linked and pictured. */
    listed: boolean
    avatar: StoredPicture | null
    avatarUrl: string | null
  } | null
}

/** The labels a feed writes in the reader's language (from the dictionaries). */
export type FeedWords = {
  /** The chapter as an organiser: "KubeSphere 上海站", "KubeSphere Shanghai chapter". */
  chapterName: (community: string, city: string) => string
  /** A line of a description: "Join online: <link>". */
  joinOnline: (url: string) => string
  /** A status put before a title where the feed has no field for it ("Cancelled"). */
  statuses: Record<string, string>
  kinds: Record<string, string>
  /** Where an online event is: "Online". */
  online: string
}

// --- Addresses --------------------------------------------------------------------------------

export const eventPath = (locale: Locale, slug: string) => `/${locale}/events/${slug}`
export const eventCalendarPath = (locale: Locale, slug: string) => `${eventPath(locale, slug)}/event.ics`
export const sessionCalendarPath = (locale: Locale, slug: string, sessionId: string) =>
  `${eventPath(locale, slug)}/sessions/${sessionId}/session.ics`
/** Every public event, or one chapter's (`?chapter=`, the events list's own filter). */
export const calendarFeedPath = (locale: Locale, chapter?: string | null) =>
  `/${locale}/events/calendar.ics${chapter ? `?chapter=${encodeURIComponent(chapter)}` : ''}`
export const rssFeedPath = (locale: Locale) => `/${locale}/events/feed.xml`
export const privateFeedPath = (secret: string) => `/calendar/${secret}.ics`

/** The same address for calendar apps to subscribe to: `webcal://` opens the app, not a download. */
export const webcalUrl = (httpUrl: string) => httpUrl.replace(/^https?:\/\//, 'webcal://')

/**
 * An entry's UID, stable for the event's whole life (the id never changes; the slug may while it
 * is a draft): calendars match every later copy, the mail's attachment included, by it.
 */
export const eventUid = (eventId: string, host: string) => `${eventId}@${host}`
export const sessionUid = (sessionId: string, host: string) => `${sessionId}@${host}`

// --- What feeds hold --------------------------------------------------------------------------

/**
 * A subscribed feed holds every event still to come and those that ended within the last year:
 * recent ones stay in people's calendars as history, while the feed does not grow for ever.
 */
export const FEED_HISTORY_DAYS = 365
export const feedCutoff = (now: Date) => new Date(now.getTime() - FEED_HISTORY_DAYS * DAY)

/** How often subscribed apps should fetch again (REFRESH-INTERVAL), in minutes. */
export const FEED_REFRESH_MINUTES = 60

/** A published event is confirmed; a postponed one awaits its new date; a cancelled one says so. */
export function calendarStatus(status: EventStatus): CalendarStatus {
  if (status === 'cancelled') return 'CANCELLED'
  return status === 'published' ? 'CONFIRMED' : 'TENTATIVE'
}

/** The registrations a person's private feed shows: a place, or a wait for one. */
export const feedRegistrationStatuses = ['confirmed', 'waitlisted', 'pending'] as const
export type FeedRegistrationStatus = (typeof feedRegistrationStatuses)[number]

/**
 * A person's own entry for an event. A place confirmed makes it CONFIRMED and adds the link to
 * join; while they wait it is TENTATIVE. That change reaches calendars as one more SEQUENCE than
 * the event's own entry has (a cancelled event stays CANCELLED, with the event's raise on top).
 */
export function privateEntry(
  eventStatus: EventStatus,
  registration: FeedRegistrationStatus,
  sequence: number,
) {
  const holdsPlace = registration === 'confirmed'
  const status = calendarStatus(eventStatus)
  return {
    holdsPlace,
    status: status === 'CONFIRMED' && !holdsPlace ? ('TENTATIVE' as const) : status,
    sequence: sequence + (holdsPlace ? 1 : 0),
  }
}

const later = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b)

/** The venue as one line: its name in the reader's language, then the address. */
export function venueLine(locale: Locale, event: Pick<ExportedEvent, 'venueZh' | 'venueEn' | 'address'>) {
  return [textIn(locale, event.venueZh, event.venueEn), event.address].filter(Boolean).join(', ') || null
}

/** The organiser a calendar or a search engine names: the chapter holding a meetup, else the community. */
export function organiserOf(
  event: Pick<ExportedEvent, 'chapter'>,
  ctx: { locale: Locale; baseUrl: string; community: string; words: FeedWords },
) {
  const { chapter } = event
  if (!chapter) return { name: ctx.community, url: `${ctx.baseUrl}/${ctx.locale}` }
  const city = textIn(ctx.locale, chapter.cityZh, chapter.cityEn)
  return {
    name: ctx.words.chapterName(ctx.community, city),
    url: `${ctx.baseUrl}/${ctx.locale}/chapters/${chapter.slug}`,
  }
}

export type CalendarContext = {
  locale: Locale
  baseUrl: string
  community: string
  words: FeedWords
}

/**
 * An event's calendar entry. Public copies place an online event at its page, never at the video
 * call (shown only to people holding a place); `privately` is a person's own copy, which carries
 * the call once they hold a place. DTSTAMP is the entry's last change: the files carry no METHOD,
 * so RFC 5545 reads it as that, and the same rows always give the same bytes (and ETag).
 */
export function eventCalendarItem(
  event: ExportedEvent,
  ctx: CalendarContext,
  privately?: { registration: FeedRegistrationStatus; changedAt: Date },
): CalendarItem {
  const url = `${ctx.baseUrl}${eventPath(ctx.locale, event.slug)}`
  const own = privately ? privateEntry(event.status, privately.registration, event.sequence) : null
  const joinUrl = own?.holdsPlace && event.mode !== 'offline' ? event.onlineUrl : null
  const place = event.mode === 'online' ? (joinUrl ?? url) : venueLine(ctx.locale, event)
  const description = [
    textIn(ctx.locale, event.summaryZh, event.summaryEn),
    joinUrl ? ctx.words.joinOnline(joinUrl) : null,
    url,
  ]
    .filter(Boolean)
    .join('\n\n')
  const changed = privately ? later(event.updatedAt, privately.changedAt) : event.updatedAt
  return {
    uid: eventUid(event.id, new URL(ctx.baseUrl).host),
    sequence: own?.sequence ?? event.sequence,
    dtstamp: changed,
    start: event.startsAt,
    end: event.endsAt,
    timeZone: event.timeZone,
    summary: textIn(ctx.locale, event.titleZh, event.titleEn),
    description,
    location: place,
    url,
    status: own?.status ?? calendarStatus(event.status),
    organizer: organiserOf(event, ctx),
    categories: [ctx.words.kinds[event.kind] ?? event.kind],
    created: event.createdAt,
    lastModified: changed,
  }
}

/** What the sessions' texts say about who speaks: "Li Wei, Anna Schmidt". */
const speakerNames = (locale: Locale, speakers: ExportedSpeaker[]) =>
  speakers.map((s) => speakerName(locale, s)).join(locale === 'zh' ? '、' : ', ')

function speakerName(locale: Locale, s: ExportedSpeaker) {
  if (!s.person) return textIn(locale, s.nameZh, s.nameEn)
  const [first, second] =
    locale === 'zh' ? [s.person.nameZh, s.person.nameEn] : [s.person.nameEn, s.person.nameZh]
  return first?.trim() || second?.trim() || s.person.handle
}

/** A timed session's entry (a session without times is an agenda line, not a calendar entry). */
export function sessionCalendarItem(
  event: ExportedEvent,
  session: ExportedSession,
  ctx: CalendarContext,
  /** The page the entry links to (the session's own page); the event's page without one. */
  page?: string,
): CalendarItem | null {
  if (!session.startsAt || !session.endsAt) return null
  const url = `${ctx.baseUrl}${page ?? eventPath(ctx.locale, event.slug)}`
  const room = session.room ? textIn(ctx.locale, session.room.nameZh, session.room.nameEn) : null
  const place =
    event.mode === 'online' ? url : [room, venueLine(ctx.locale, event)].filter(Boolean).join(' · ')
  const changed = later(event.updatedAt, session.updatedAt)
  return {
    uid: sessionUid(session.guid ?? session.id, new URL(ctx.baseUrl).host),
    sequence: session.sequence,
    dtstamp: changed,
    start: session.startsAt,
    end: session.endsAt,
    timeZone: event.timeZone,
    summary: `${textIn(ctx.locale, session.titleZh, session.titleEn)} · ${textIn(ctx.locale, event.titleZh, event.titleEn)}`,
    description: [
      speakerNames(ctx.locale, session.speakers),
      textIn(ctx.locale, session.abstractZh, session.abstractEn),
      url,
    ]
      .filter(Boolean)
      .join('\n\n'),
    location: place || null,
    url,
    status: calendarStatus(event.status),
    organizer: organiserOf(event, ctx),
    lastModified: changed,
  }
}

// --- schema.org Event -------------------------------------------------------------------------

/**
 * The currency of an offer, from the venue's country: the events are free (price 0), but Google
 * reads a price only with its currency. Countries not listed give US dollars.
 */
const currencies: Record<string, string> = {
  CN: 'CNY',
  HK: 'HKD',
  MO: 'MOP',
  TW: 'TWD',
  JP: 'JPY',
  KR: 'KRW',
  SG: 'SGD',
  MY: 'MYR',
  IN: 'INR',
  ID: 'IDR',
  VN: 'VND',
  TH: 'THB',
  AU: 'AUD',
  NZ: 'NZD',
  GB: 'GBP',
  CH: 'CHF',
  SE: 'SEK',
  NO: 'NOK',
  DK: 'DKK',
  PL: 'PLN',
  CZ: 'CZK',
  CA: 'CAD',
  BR: 'BRL',
  MX: 'MXN',
  US: 'USD',
}
const euro = [
  'AT',
  'BE',
  'CY',
  'DE',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PT',
  'SI',
  'SK',
]
export const currencyOf = (country: string | null) => {
  const code = country?.toUpperCase() ?? ''
  return currencies[code] ?? (euro.includes(code) ? 'EUR' : 'USD')
}

/** The largest JPEG of a stored picture, as an absolute URL (Google reads JPEG, not always WebP). */
function largestJpeg(baseUrl: string, picture: StoredPicture | null) {
  const file = picture?.jpeg.toSorted((a, b) => b.width - a.width)[0]
  return file ? `${baseUrl}/media/${file.id}/${file.filename}` : null
}

/** A person as a performer: linked and pictured only when they are listed on this site. */
function performer(locale: Locale, baseUrl: string, s: ExportedSpeaker): JsonLdPerson {
  const name = speakerName(locale, s)
  const p = s.person
  if (!p?.listed) return { name }
  const avatar = largestJpeg(baseUrl, p.avatar) ?? (p.avatarUrl?.startsWith('https://') ? p.avatarUrl : null)
  return { name, url: `${baseUrl}/${locale}/people/${p.handle}`, image: avatar }
}

/** Everyone who speaks, moderates or sits on a panel, once each, in agenda order. */
function performersOf(locale: Locale, baseUrl: string, sessions: ExportedSession[]) {
  const seen = new Set<string>()
  const out: JsonLdPerson[] = []
  for (const s of sessions)
    for (const sp of s.speakers) {
      const key = sp.person ? `p:${sp.person.id}` : `n:${sp.nameZh ?? ''}|${sp.nameEn ?? ''}`
      if (seen.has(key)) continue
      seen.add(key)
      out.push(performer(locale, baseUrl, sp))
    }
  return out
}

const jsonLdStatus = (status: EventStatus) =>
  status === 'cancelled' ? 'cancelled' : status === 'postponed' ? 'postponed' : 'scheduled'

/**
 * The event page's schema.org Event: its offer SoldOut once no place is left (`confirmed` from
 * the seat counter) or registration has closed, performers from its sessions' speakers, sessions
 * with times as subEvents, the chapter (or the community) as organiser.
 */
export function eventJsonLdInput(
  event: ExportedEvent,
  sessions: ExportedSession[],
  confirmed: number,
  ctx: CalendarContext & { now: Date },
): EventJsonLdInput {
  const url = `${ctx.baseUrl}${eventPath(ctx.locale, event.slug)}`
  const organiser = organiserOf(event, ctx)
  const placesLeft =
    event.status === 'cancelled' ? 0 : event.capacity === null ? null : event.capacity - confirmed
  const timed = sessions.filter((s) => s.startsAt && s.endsAt && s.kind !== 'break')
  const image = largestJpeg(ctx.baseUrl, event.cover)
  const languages = [...new Set(sessions.flatMap((s) => (s.language ? [s.language] : [])))]
  return {
    url,
    name: textIn(ctx.locale, event.titleZh, event.titleEn),
    description:
      textIn(ctx.locale, event.summaryZh, event.summaryEn) ||
      textIn(ctx.locale, event.descriptionZh, event.descriptionEn).slice(0, 300) ||
      null,
    start: event.startsAt,
    end: event.endsAt,
    timeZone: event.timeZone,
    status: jsonLdStatus(event.status),
    mode: event.mode,
    place:
      event.mode === 'online'
        ? null
        : {
            name: textIn(ctx.locale, event.venueZh, event.venueEn) || event.address || organiser.name,
            address: {
              streetAddress: event.address,
              addressLocality: event.chapter
                ? textIn(ctx.locale, event.chapter.cityZh, event.chapter.cityEn)
                : null,
              addressCountry: event.country,
            },
            mapUrl: event.mapUrl,
          },
    // The call itself is only for people holding a place: they find it on the page.
    onlineUrl: url,
    images: image ? [image] : [],
    organizers: [{ type: 'Organization', name: organiser.name, url: organiser.url }],
    performers: performersOf(ctx.locale, ctx.baseUrl, sessions),
    offer: {
      url,
      currency: currencyOf(event.country),
      availability: offerAvailability({
        now: ctx.now,
        opensAt: event.registrationOpensAt,
        // Registration runs until the event ends unless it closes sooner (registrations' window).
        closesAt: event.registrationClosesAt ?? event.endsAt,
        placesLeft,
      }),
      validFrom: event.registrationOpensAt ?? event.publishedAt ?? event.createdAt,
    },
    inLanguage: languages.length ? languages : null,
    sessions: timed.map(
      (s): JsonLdSession => ({
        name: textIn(ctx.locale, s.titleZh, s.titleEn),
        description: textIn(ctx.locale, s.abstractZh, s.abstractEn).slice(0, 300) || null,
        start: s.startsAt!,
        end: s.endsAt!,
        room: s.room ? textIn(ctx.locale, s.room.nameZh, s.room.nameEn) || null : null,
        performers: s.speakers.map((sp) => performer(ctx.locale, ctx.baseUrl, sp)),
        inLanguage: s.language,
      }),
    ),
  }
}

// --- RSS --------------------------------------------------------------------------------------

/** An upcoming event as a feed item: when and where first, then what it is. */
export function rssItem(event: ExportedEvent, ctx: CalendarContext & { descriptionHtml: string }) {
  const url = `${ctx.baseUrl}${eventPath(ctx.locale, event.slug)}`
  const title = textIn(ctx.locale, event.titleZh, event.titleEn)
  const status = event.status === 'published' ? null : (ctx.words.statuses[event.status] ?? event.status)
  const where = event.mode === 'online' ? ctx.words.online : venueLine(ctx.locale, event)
  const when = `${formatInZone(ctx.locale, event.startsAt, event.timeZone)} (${event.timeZone})`
  const summary = textIn(ctx.locale, event.summaryZh, event.summaryEn)
  const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const facts = [when, where].filter(Boolean).map((s) => escapeHtml(s!))
  return {
    title: status ? `${status}: ${title}` : title,
    link: url,
    guid: { value: `urn:uuid:${event.id}`, isPermaLink: false },
    pubDate: event.publishedAt ?? event.createdAt,
    description: [
      `<p>${facts.join('<br>')}</p>`,
      summary ? `<p>${escapeHtml(summary)}</p>` : '',
      ctx.descriptionHtml,
    ].join(''),
    categories: [
      { name: ctx.words.kinds[event.kind] ?? event.kind },
      ...(event.chapter ? [{ name: textIn(ctx.locale, event.chapter.cityZh, event.chapter.cityEn) }] : []),
    ],
  }
}

// --- Webhooks ---------------------------------------------------------------------------------

/** What subscribed systems hear when an event is published (or published again after a postponement). */
export function eventPublishedData(
  event: Omit<ExportedEvent, 'cover' | 'descriptionZh' | 'descriptionEn'>,
  baseUrl: string,
  republished: boolean,
) {
  return {
    id: event.id,
    slug: event.slug,
    kind: event.kind,
    mode: event.mode,
    titleZh: event.titleZh,
    titleEn: event.titleEn,
    summaryZh: event.summaryZh,
    summaryEn: event.summaryEn,
    timeZone: event.timeZone,
    startsAt: zonedIsoString(event.startsAt, event.timeZone),
    endsAt: zonedIsoString(event.endsAt, event.timeZone),
    venueZh: event.venueZh,
    venueEn: event.venueEn,
    address: event.address,
    capacity: event.capacity,
    chapter: event.chapter?.slug ?? null,
    republished,
    urls: { zh: `${baseUrl}${eventPath('zh', event.slug)}`, en: `${baseUrl}${eventPath('en', event.slug)}` },
    calendar: `${baseUrl}${eventCalendarPath('en', event.slug)}`,
  }
}
