// schema.org Event JSON-LD for event pages: what Google's event results require (name,
// startDate, location) and recommend (description, endDate, eventAttendanceMode, eventStatus,
// image, offers, organizer, performer), with times in the event's zone and its offset.

import { zonedIsoString } from '../../platform/i18n/time-zone.ts'

export type JsonLdEventStatus = 'scheduled' | 'postponed' | 'cancelled' | 'rescheduled' | 'movedOnline'
export type JsonLdAttendanceMode = 'offline' | 'online' | 'hybrid'
/** The three values Google reads for a ticket offer. */
export type OfferAvailability = 'InStock' | 'SoldOut' | 'PreOrder'

export type JsonLdAddress = {
  streetAddress?: string | null
  addressLocality?: string | null
  addressRegion?: string | null
  postalCode?: string | null
  /** ISO 3166-1 alpha-2. */
  addressCountry?: string | null
}

export type JsonLdPlace = {
  name: string
  address: JsonLdAddress
  geo?: { latitude: number; longitude: number } | null
  /** A map of the venue. */
  mapUrl?: string | null
}

export type JsonLdParty = {
  type: 'Organization' | 'Person'
  name: string
  url?: string | null
  image?: string | null
}
export type JsonLdPerson = { name: string; url?: string | null; image?: string | null }

export type JsonLdOffer = {
  /** Where one registers: the event's page. */
  url: string
  /** ISO 4217; events here are free, so the price is 0 in it. */
  currency: string
  availability: OfferAvailability
  /** When registration opens. */
  validFrom?: Date | null
}

/** A session of the event (a talk, a panel), written as a subEvent. */
export type JsonLdSession = {
  name: string
  description?: string | null
  start: Date
  end: Date
  url?: string | null
  /** The room, within the event's venue. */
  room?: string | null
  performers?: JsonLdPerson[]
  inLanguage?: string | null
  /** A session dropped from the programme; otherwise the event's status holds. */
  cancelled?: boolean
}

export type EventJsonLdInput = {
  /** The event page's absolute address. */
  url: string
  name: string
  description?: string | null
  start: Date
  end: Date
  /** IANA zone: times are written in it with its offset. */
  timeZone: string
  status: JsonLdEventStatus
  /** For a rescheduled or postponed event: the start it had. */
  previousStart?: Date | null
  mode: JsonLdAttendanceMode
  /** Required for offline and hybrid events. */
  place?: JsonLdPlace | null
  /**
   * Where people join online. The video call itself is shown only to people holding a place, so
   * by default this is the event's page, where they find it once registered.
   */
  onlineUrl?: string | null
  /** Absolute image URLs; Google prefers 16:9, 4:3 and 1:1 versions of at least 50,000 pixels. */
  images?: string[]
  organizers?: JsonLdParty[]
  performers?: JsonLdPerson[]
  offer?: JsonLdOffer | null
  /** BCP 47, one or several (`zh-CN`, `en`). */
  inLanguage?: string | string[] | null
  sessions?: JsonLdSession[]
}

const SCHEMA = 'https://schema.org'

const eventStatus: Record<JsonLdEventStatus, string> = {
  scheduled: `${SCHEMA}/EventScheduled`,
  postponed: `${SCHEMA}/EventPostponed`,
  cancelled: `${SCHEMA}/EventCancelled`,
  rescheduled: `${SCHEMA}/EventRescheduled`,
  movedOnline: `${SCHEMA}/EventMovedOnline`,
}

const attendanceMode: Record<JsonLdAttendanceMode, string> = {
  offline: `${SCHEMA}/OfflineEventAttendanceMode`,
  online: `${SCHEMA}/OnlineEventAttendanceMode`,
  hybrid: `${SCHEMA}/MixedEventAttendanceMode`,
}

/**
 * What a registration offer is now: not yet open (PreOrder), open with a place to give (InStock),
 * or no place to give — full (the waitlist does not count), closed, or the event over (SoldOut,
 * the only one of Google's three that says "not to be had").
 */
export function offerAvailability(input: {
  now: Date
  opensAt: Date | null
  closesAt: Date | null
  /** Null: no limit. */
  placesLeft: number | null
}): OfferAvailability {
  const now = input.now.getTime()
  if (input.closesAt && now >= input.closesAt.getTime()) return 'SoldOut'
  if (input.placesLeft !== null && input.placesLeft <= 0) return 'SoldOut'
  if (input.opensAt && now < input.opensAt.getTime()) return 'PreOrder'
  return 'InStock'
}

/** An absolute http(s) URL, as Google wants every link and image. */
function absolute(url: string): string {
  const parsed = new URL(url)
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new TypeError(`Not a web address: ${url}`)
  return parsed.href
}

const compact = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(
    Object.entries(o).filter(
      ([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0),
    ),
  ) as Partial<T>

const one = <T>(list: T[]) => (list.length === 1 ? list[0] : list)

function address(a: JsonLdAddress) {
  return compact({
    '@type': 'PostalAddress',
    streetAddress: a.streetAddress,
    addressLocality: a.addressLocality,
    addressRegion: a.addressRegion,
    postalCode: a.postalCode,
    addressCountry: a.addressCountry,
  })
}

function place(p: JsonLdPlace, name = p.name) {
  return compact({
    '@type': 'Place',
    name,
    address: address(p.address),
    geo: p.geo ? { '@type': 'GeoCoordinates', latitude: p.geo.latitude, longitude: p.geo.longitude } : null,
    hasMap: p.mapUrl ? absolute(p.mapUrl) : null,
  })
}

const person = (p: JsonLdPerson) => party({ type: 'Person', ...p })

const party = (p: JsonLdParty) =>
  compact({
    '@type': p.type,
    name: p.name,
    url: p.url ? absolute(p.url) : null,
    image: p.image ? absolute(p.image) : null,
  })

function locations(input: EventJsonLdInput, room?: string | null) {
  const virtual = { '@type': 'VirtualLocation', url: absolute(input.onlineUrl ?? input.url) }
  if (input.mode === 'online') return virtual
  if (!input.place) throw new TypeError(`An ${input.mode} event needs a place: ${input.url}`)
  const venue = place(input.place, room ? `${room} · ${input.place.name}` : input.place.name)
  return input.mode === 'hybrid' ? [venue, virtual] : venue
}

function session(input: EventJsonLdInput, s: JsonLdSession) {
  if (!(s.end.getTime() > s.start.getTime()))
    throw new TypeError(`A session ends before it starts: ${s.name}`)
  return compact({
    '@type': 'Event',
    name: s.name,
    description: s.description,
    url: s.url ? absolute(s.url) : null,
    startDate: zonedIsoString(s.start, input.timeZone),
    endDate: zonedIsoString(s.end, input.timeZone),
    eventStatus: s.cancelled ? eventStatus.cancelled : eventStatus[input.status],
    eventAttendanceMode: attendanceMode[input.mode],
    location: locations(input, s.room),
    performer: (s.performers ?? []).map(person),
    inLanguage: s.inLanguage,
  })
}

/** The page's schema.org Event, as a plain object to serialise with `jsonLdScriptText`. */
export function eventJsonLd(input: EventJsonLdInput): Record<string, unknown> {
  if (!(input.end.getTime() > input.start.getTime()))
    throw new TypeError(`The event ends before it starts: ${input.url}`)
  const url = absolute(input.url)
  const offer = input.offer
  return compact({
    '@context': SCHEMA,
    '@type': 'Event',
    '@id': `${url}#event`,
    url,
    name: input.name,
    description: input.description,
    startDate: zonedIsoString(input.start, input.timeZone),
    endDate: zonedIsoString(input.end, input.timeZone),
    previousStartDate: input.previousStart ? zonedIsoString(input.previousStart, input.timeZone) : null,
    eventStatus: eventStatus[input.status],
    eventAttendanceMode: attendanceMode[input.mode],
    location: locations(input),
    image: (input.images ?? []).map(absolute),
    organizer: input.organizers?.length ? one(input.organizers.map(party)) : null,
    performer: (input.performers ?? []).map(person),
    isAccessibleForFree: true,
    offers: offer
      ? compact({
          '@type': 'Offer',
          url: absolute(offer.url),
          price: 0,
          priceCurrency: offer.currency,
          availability: `${SCHEMA}/${offer.availability}`,
          validFrom: offer.validFrom ? zonedIsoString(offer.validFrom, input.timeZone) : null,
        })
      : null,
    inLanguage: input.inLanguage,
    subEvent: (input.sessions ?? []).map((s) => session(input, s)),
  })
}

/**
 * JSON for the inside of `<script type="application/ld+json">`: `<`, `>` and `&` are written as
 * \u escapes, so no text in it (`</script>`, `<!--`) can end the element or open markup.
 */
export function jsonLdScriptText(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}
