import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { assertStrict, readBack } from '../../../test/support/ical.ts'
import { googleEventReport } from '../../../test/support/jsonld.ts'
import { messagesFor } from '../../platform/i18n/index.ts'
import { zonedTime } from '../../platform/i18n/time-zone.ts'
import { renderCalendar } from './events.calendar.ts'
import {
  type CalendarContext,
  calendarStatus,
  currencyOf,
  type ExportedEvent,
  type ExportedSession,
  eventCalendarItem,
  eventJsonLdInput,
  eventPublishedData,
  feedCutoff,
  privateEntry,
  rssItem,
  sessionCalendarItem,
  webcalUrl,
} from './events.feeds.rules.ts'
import { eventJsonLd } from './events.jsonld.ts'

type Node = Record<string, unknown>

const words = (locale: 'zh' | 'en') => {
  const t = messagesFor(locale)
  return {
    chapterName: t.eventExports.feed.chapterName,
    joinOnline: t.eventExports.feed.joinOnline,
    online: t.eventExports.feed.online,
    statuses: t.events.statuses,
    kinds: t.events.kinds,
  }
}
const ctx = (locale: 'zh' | 'en' = 'en'): CalendarContext => ({
  locale,
  baseUrl: 'https://hearth.test',
  community: 'KubeSphere',
  words: words(locale),
})

// A meetup in Berlin on the Sunday clocks go forward, 10:00–13:00 local time.
const start = zonedTime('2027-03-28T10:00', 'Europe/Berlin')
const event = (over: Partial<ExportedEvent> = {}): ExportedEvent => ({
  id: '0190b7a2-0000-7000-8000-000000000001',
  slug: 'berlin-meetup-2027',
  kind: 'meetup',
  mode: 'offline',
  status: 'published',
  titleZh: '柏林 Meetup',
  titleEn: 'Berlin meetup',
  summaryZh: '可观测性与多集群',
  summaryEn: 'Observability and many clusters',
  descriptionZh: null,
  descriptionEn: 'Talks and **pizza**.',
  timeZone: 'Europe/Berlin',
  startsAt: start,
  endsAt: zonedTime('2027-03-28T13:00', 'Europe/Berlin'),
  venueZh: 'c-base 空间',
  venueEn: 'c-base',
  address: 'Rungestraße 20, 10179 Berlin',
  country: 'DE',
  mapUrl: 'https://www.openstreetmap.org/?mlat=52.513&mlon=13.420',
  onlineUrl: 'https://meet.example/secret-room',
  cover: {
    original: 'x',
    ratio: 16 / 9,
    webp: [],
    jpeg: [
      { id: 'c400', filename: 'cover-400.jpg', width: 400 },
      { id: 'c1600', filename: 'cover-1600.jpg', width: 1600 },
    ],
  },
  capacity: 40,
  registrationOpensAt: zonedTime('2027-03-01T09:00', 'Europe/Berlin'),
  registrationClosesAt: null,
  sequence: 3,
  publishedAt: new Date('2027-02-20T10:00:00Z'),
  createdAt: new Date('2027-02-10T10:00:00Z'),
  updatedAt: new Date('2027-02-21T10:00:00Z'),
  chapter: { slug: 'berlin', cityZh: '柏林', cityEn: 'Berlin' },
  ...over,
})

const session = (over: Partial<ExportedSession> = {}): ExportedSession => ({
  id: '0190b7a2-0000-7000-8000-0000000000a1',
  kind: 'panel',
  titleZh: '维护者圆桌',
  titleEn: 'Maintainers roundtable',
  abstractZh: null,
  abstractEn: 'How projects find maintainers.',
  language: 'en',
  startsAt: zonedTime('2027-03-28T11:00', 'Europe/Berlin'),
  endsAt: zonedTime('2027-03-28T12:00', 'Europe/Berlin'),
  sequence: 2,
  updatedAt: new Date('2027-02-25T10:00:00Z'),
  room: { nameZh: 'A 厅', nameEn: 'Hall A' },
  speakers: [
    {
      role: 'moderator',
      nameZh: null,
      nameEn: null,
      person: {
        id: 'p1',
        handle: 'liwei',
        nameZh: '李伟',
        nameEn: 'Li Wei',
        listed: true,
        avatar: null,
        avatarUrl: 'https://avatars.example/liwei.png',
      },
    },
    {
      role: 'panelist',
      nameZh: null,
      nameEn: null,
      person: {
        id: 'p2',
        handle: 'member-x1',
        nameZh: null,
        nameEn: 'Private Person',
        listed: false,
        avatar: null,
        avatarUrl: 'https://avatars.example/private.png',
      },
    },
    { role: 'panelist', nameZh: null, nameEn: 'Anna Schmidt', person: null },
  ],
  ...over,
})

describe('an event as a calendar entry', () => {
  it('keeps its UID from its id and host, its SEQUENCE, and its last change as DTSTAMP', () => {
    const item = eventCalendarItem(event(), ctx())
    assert.equal(item.uid, '0190b7a2-0000-7000-8000-000000000001@hearth.test')
    assert.equal(item.sequence, 3)
    assert.equal(item.dtstamp.toISOString(), '2027-02-21T10:00:00.000Z')
    assert.equal(item.url, 'https://hearth.test/en/events/berlin-meetup-2027')
    assert.equal(item.location, 'c-base, Rungestraße 20, 10179 Berlin')
    assert.deepEqual(item.organizer, {
      name: 'KubeSphere Berlin chapter',
      url: 'https://hearth.test/en/chapters/berlin',
    })
    const text = renderCalendar({ name: 'x', items: [item] })
    assertStrict(text)
    const [read] = readBack(text)
    assert.equal(read!.start, '2027-03-28T08:00:00.000Z')
    assert.equal(read!.event.summary, 'Berlin meetup')
  })

  it('is written in the reader’s language, the other one filling in', () => {
    const zh = eventCalendarItem(event(), ctx('zh'))
    assert.equal(zh.summary, '柏林 Meetup')
    assert.equal(zh.location, 'c-base 空间, Rungestraße 20, 10179 Berlin')
    assert.equal(zh.organizer!.name, 'KubeSphere 柏林站')
    assert.equal(eventCalendarItem(event({ titleZh: null }), ctx('zh')).summary, 'Berlin meetup')
  })

  it('names the community as organiser of an event no chapter holds', () => {
    assert.deepEqual(eventCalendarItem(event({ chapter: null, kind: 'conference' }), ctx()).organizer, {
      name: 'KubeSphere',
      url: 'https://hearth.test/en',
    })
  })

  it('places an online event at its page in public copies, never at the call', () => {
    for (const mode of ['online', 'hybrid'] as const) {
      const item = eventCalendarItem(event({ mode }), ctx())
      const text = renderCalendar({ name: 'x', items: [item] })
      assert.ok(!text.includes('secret-room'), mode)
    }
    assert.equal(
      eventCalendarItem(event({ mode: 'online' }), ctx()).location,
      'https://hearth.test/en/events/berlin-meetup-2027',
    )
  })

  it('gives a person holding a place the call, and one waiting a tentative entry without it', () => {
    const changedAt = new Date('2027-03-02T10:00:00Z')
    const held = eventCalendarItem(event({ mode: 'online' }), ctx(), { registration: 'confirmed', changedAt })
    assert.equal(held.location, 'https://meet.example/secret-room')
    assert.match(held.description!, /Join online: https:\/\/meet\.example\/secret-room/)
    assert.equal(held.status, 'CONFIRMED')
    assert.equal(held.sequence, 4)
    assert.equal(held.dtstamp.toISOString(), changedAt.toISOString())
    const waiting = eventCalendarItem(event({ mode: 'hybrid' }), ctx(), {
      registration: 'waitlisted',
      changedAt,
    })
    assert.equal(waiting.status, 'TENTATIVE')
    assert.equal(waiting.sequence, 3)
    assert.ok(!renderCalendar({ name: 'x', items: [waiting] }).includes('secret-room'))
    const hybridHeld = eventCalendarItem(event({ mode: 'hybrid' }), ctx(), {
      registration: 'confirmed',
      changedAt,
    })
    assert.equal(hybridHeld.location, 'c-base, Rungestraße 20, 10179 Berlin')
    assert.match(hybridHeld.description!, /secret-room/)
  })

  it('says cancelled and postponed events as calendars understand them', () => {
    assert.equal(calendarStatus('published'), 'CONFIRMED')
    assert.equal(calendarStatus('postponed'), 'TENTATIVE')
    assert.equal(calendarStatus('cancelled'), 'CANCELLED')
    const cancelled = eventCalendarItem(event({ status: 'cancelled', sequence: 4 }), ctx())
    const text = renderCalendar({ name: 'x', items: [cancelled] })
    assertStrict(text)
    assert.equal(readBack(text)[0]!.vevent.getFirstPropertyValue('status'), 'CANCELLED')
    assert.deepEqual(privateEntry('cancelled', 'confirmed', 4), {
      holdsPlace: true,
      status: 'CANCELLED',
      sequence: 5,
    })
    assert.deepEqual(privateEntry('postponed', 'pending', 4), {
      holdsPlace: false,
      status: 'TENTATIVE',
      sequence: 4,
    })
  })

  it('keeps a feed to what is coming and the last year', () => {
    assert.equal(feedCutoff(new Date('2027-03-28T00:00:00Z')).toISOString(), '2026-03-28T00:00:00.000Z')
  })

  it('offers webcal:// for the same address', () => {
    assert.equal(
      webcalUrl('https://hearth.test/en/events/calendar.ics'),
      'webcal://hearth.test/en/events/calendar.ics',
    )
    assert.equal(webcalUrl('http://localhost:3000/calendar/x.ics'), 'webcal://localhost:3000/calendar/x.ics')
  })
})

describe('a session as a calendar entry', () => {
  it('has its own UID and SEQUENCE, its room in the venue, and who speaks', () => {
    const item = sessionCalendarItem(event(), session(), ctx())!
    assert.equal(item.uid, '0190b7a2-0000-7000-8000-0000000000a1@hearth.test')
    assert.equal(item.sequence, 2)
    assert.equal(item.summary, 'Maintainers roundtable · Berlin meetup')
    assert.equal(item.location, 'Hall A · c-base, Rungestraße 20, 10179 Berlin')
    assert.match(
      item.description!,
      /^Li Wei, Private Person, Anna Schmidt\n\nHow projects find maintainers\./,
    )
    assert.equal(item.dtstamp.toISOString(), '2027-02-25T10:00:00.000Z')
    const text = renderCalendar({ name: 'x', items: [item] })
    assertStrict(text)
    assert.equal(readBack(text)[0]!.start, '2027-03-28T09:00:00.000Z')
  })

  it('follows its event’s cancellation, and has no entry without times', () => {
    assert.equal(sessionCalendarItem(event({ status: 'cancelled' }), session(), ctx())!.status, 'CANCELLED')
    assert.equal(sessionCalendarItem(event(), session({ startsAt: null, endsAt: null }), ctx()), null)
  })
})

describe('the schema.org Event of an event page', () => {
  const now = new Date('2027-03-10T12:00:00Z')
  const jsonLd = (e: ExportedEvent, confirmed: number, sessions = [session()]) =>
    eventJsonLd(eventJsonLdInput(e, sessions, confirmed, { ...ctx(), now })) as Node

  it('has what Google requires and recommends, in the event’s zone with its offset', () => {
    const data = jsonLd(event(), 10)
    assert.deepEqual(googleEventReport(data), { problems: [], missingRecommended: [] })
    assert.equal(data.startDate, '2027-03-28T10:00:00+02:00')
    assert.deepEqual(data.image, ['https://hearth.test/media/c1600/cover-1600.jpg'])
    assert.deepEqual(data.organizer, {
      '@type': 'Organization',
      name: 'KubeSphere Berlin chapter',
      url: 'https://hearth.test/en/chapters/berlin',
    })
    const offers = data.offers as Node
    assert.equal(offers.availability, 'https://schema.org/InStock')
    assert.equal(offers.price, 0)
    assert.equal(offers.priceCurrency, 'EUR')
    assert.equal(offers.validFrom, '2027-03-01T09:00:00+01:00')
    const location = data.location as Node
    assert.equal(location.name, 'c-base')
    assert.deepEqual(location.address, {
      '@type': 'PostalAddress',
      streetAddress: 'Rungestraße 20, 10179 Berlin',
      addressLocality: 'Berlin',
      addressCountry: 'DE',
    })
  })

  it('turns the offer SoldOut when every place is taken, and when the event is cancelled', () => {
    assert.equal((jsonLd(event(), 40).offers as Node).availability, 'https://schema.org/SoldOut')
    assert.equal((jsonLd(event(), 41).offers as Node).availability, 'https://schema.org/SoldOut')
    assert.equal((jsonLd(event(), 39).offers as Node).availability, 'https://schema.org/InStock')
    assert.equal(
      (jsonLd(event({ capacity: null }), 500).offers as Node).availability,
      'https://schema.org/InStock',
    )
    const cancelled = jsonLd(event({ status: 'cancelled' }), 0)
    assert.equal((cancelled.offers as Node).availability, 'https://schema.org/SoldOut')
    assert.equal(cancelled.eventStatus, 'https://schema.org/EventCancelled')
  })

  it('names speakers as performers once each, linking and picturing only listed people', () => {
    const data = jsonLd(event(), 0, [session(), session({ id: 'second' })])
    assert.deepEqual(data.performer, [
      {
        '@type': 'Person',
        name: 'Li Wei',
        url: 'https://hearth.test/en/people/liwei',
        image: 'https://avatars.example/liwei.png',
      },
      { '@type': 'Person', name: 'Private Person' },
      { '@type': 'Person', name: 'Anna Schmidt' },
    ])
    const [sub] = data.subEvent as Node[]
    assert.equal(sub!.name, 'Maintainers roundtable')
    assert.equal((sub!.location as Node).name, 'Hall A · c-base')
  })

  it('places an online event at its page, never at the call', () => {
    const data = jsonLd(event({ mode: 'online' }), 0)
    assert.deepEqual(data.location, {
      '@type': 'VirtualLocation',
      url: 'https://hearth.test/en/events/berlin-meetup-2027',
    })
    assert.ok(!JSON.stringify(data).includes('secret-room'))
    assert.deepEqual(googleEventReport(data).problems, [])
  })

  it('prices a free event in the venue country’s currency', () => {
    assert.equal(currencyOf('CN'), 'CNY')
    assert.equal(currencyOf('de'), 'EUR')
    assert.equal(currencyOf(null), 'USD')
  })
})

describe('an upcoming event in RSS', () => {
  it('says when and where first, escapes what people typed, and keeps its id as guid', () => {
    const item = rssItem(event({ summaryEn: 'Pizza & <b>beer</b>' }), {
      ...ctx(),
      descriptionHtml: '<p>Talks</p>',
    })
    assert.deepEqual(item.guid, {
      value: 'urn:uuid:0190b7a2-0000-7000-8000-000000000001',
      isPermaLink: false,
    })
    assert.equal(item.title, 'Berlin meetup')
    assert.match(item.description, /^<p>Sunday, 28 March 2027 at 10:00 \(Europe\/Berlin\)<br>c-base/)
    assert.match(item.description, /<p>Pizza &amp; &lt;b&gt;beer&lt;\/b&gt;<\/p><p>Talks<\/p>$/)
    assert.equal(
      rssItem(event({ status: 'cancelled' }), { ...ctx(), descriptionHtml: '' }).title,
      'Cancelled: Berlin meetup',
    )
  })
})

describe('event.published', () => {
  it('carries the times with the zone’s offset and the pages in both languages', () => {
    const data = eventPublishedData(event(), 'https://hearth.test', false)
    assert.equal(data.startsAt, '2027-03-28T10:00:00+02:00')
    assert.deepEqual(data.urls, {
      zh: 'https://hearth.test/zh/events/berlin-meetup-2027',
      en: 'https://hearth.test/en/events/berlin-meetup-2027',
    })
    assert.equal(data.chapter, 'berlin')
    assert.ok(!JSON.stringify(data).includes('secret-room'))
  })
})
