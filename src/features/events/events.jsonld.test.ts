import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { googleEventReport } from '../../../test/support/jsonld.ts'
import { zonedTime } from '../../platform/i18n/time-zone.ts'
import { type EventJsonLdInput, eventJsonLd, jsonLdScriptText, offerAvailability } from './events.jsonld.ts'

type Node = Record<string, unknown>

const berlinSunday = zonedTime('2027-03-28T10:00', 'Europe/Berlin')

const meetup = (over: Partial<EventJsonLdInput> = {}): EventJsonLdInput => ({
  url: 'https://hearth.test/en/events/berlin-meetup',
  name: 'Cloud native meetup Berlin',
  description: 'Talks on observability and multi-cluster management.',
  start: berlinSunday,
  end: zonedTime('2027-03-28T13:00', 'Europe/Berlin'),
  timeZone: 'Europe/Berlin',
  status: 'scheduled',
  mode: 'offline',
  place: {
    name: 'c-base',
    address: {
      streetAddress: 'Rungestraße 20',
      addressLocality: 'Berlin',
      postalCode: '10179',
      addressCountry: 'DE',
    },
    mapUrl: 'https://www.openstreetmap.org/?mlat=52.513&mlon=13.420',
  },
  images: [
    'https://hearth.test/media/covers/berlin-16x9.jpg',
    'https://hearth.test/media/covers/berlin-1x1.jpg',
  ],
  organizers: [
    { type: 'Organization', name: 'KubeSphere Berlin', url: 'https://hearth.test/en/chapters/berlin' },
  ],
  performers: [
    { name: 'Li Wei', url: 'https://hearth.test/en/people/liwei' },
    { name: 'Anna Schmidt', url: 'https://hearth.test/en/people/anna' },
  ],
  offer: {
    url: 'https://hearth.test/en/events/berlin-meetup',
    currency: 'EUR',
    availability: 'InStock',
    validFrom: zonedTime('2027-03-01T09:00', 'Europe/Berlin'),
  },
  inLanguage: ['en', 'de'],
  ...over,
})

describe('event JSON-LD', () => {
  it("has everything Google's event results require and recommend", () => {
    const event = eventJsonLd(meetup())
    assert.deepEqual(googleEventReport(event), { problems: [], missingRecommended: [] })
    assert.equal(event['@context'], 'https://schema.org')
    assert.equal(event['@type'], 'Event')
    assert.equal(event.name, 'Cloud native meetup Berlin')
    assert.deepEqual(event.location, {
      '@type': 'Place',
      name: 'c-base',
      address: {
        '@type': 'PostalAddress',
        streetAddress: 'Rungestraße 20',
        addressLocality: 'Berlin',
        postalCode: '10179',
        addressCountry: 'DE',
      },
      hasMap: 'https://www.openstreetmap.org/?mlat=52.513&mlon=13.420',
    })
    assert.deepEqual(event.offers, {
      '@type': 'Offer',
      url: 'https://hearth.test/en/events/berlin-meetup',
      price: 0,
      priceCurrency: 'EUR',
      availability: 'https://schema.org/InStock',
      validFrom: '2027-03-01T09:00:00+01:00',
    })
    assert.deepEqual(event.organizer, {
      '@type': 'Organization',
      name: 'KubeSphere Berlin',
      url: 'https://hearth.test/en/chapters/berlin',
    })
    assert.deepEqual(
      (event.performer as Node[]).map((p) => [p['@type'], p.name]),
      [
        ['Person', 'Li Wei'],
        ['Person', 'Anna Schmidt'],
      ],
    )
    assert.equal((event.image as string[]).length, 2)
    assert.equal(event.eventStatus, 'https://schema.org/EventScheduled')
    assert.equal(event.eventAttendanceMode, 'https://schema.org/OfflineEventAttendanceMode')
    assert.equal(event.isAccessibleForFree, true)
  })

  it('writes times with the offset the zone has that day, on both sides of the change to summer time', () => {
    const event = eventJsonLd(meetup())
    assert.equal(event.startDate, '2027-03-28T10:00:00+02:00')
    assert.equal(event.endDate, '2027-03-28T13:00:00+02:00')
    assert.equal(new Date(String(event.startDate)).toISOString(), '2027-03-28T08:00:00.000Z')
    const saturday = eventJsonLd(
      meetup({
        start: zonedTime('2027-03-27T10:00', 'Europe/Berlin'),
        end: zonedTime('2027-03-27T12:00', 'Europe/Berlin'),
      }),
    )
    assert.equal(saturday.startDate, '2027-03-27T10:00:00+01:00')
    const shanghai = eventJsonLd(
      meetup({
        timeZone: 'Asia/Shanghai',
        start: new Date('2027-06-12T06:00:00Z'),
        end: new Date('2027-06-12T09:00:00Z'),
      }),
    )
    assert.equal(shanghai.startDate, '2027-06-12T14:00:00+08:00')
  })

  it('places an online event at a VirtualLocation, the event page unless told otherwise', () => {
    const event = eventJsonLd(meetup({ mode: 'online', place: null }))
    assert.deepEqual(googleEventReport(event).problems, [])
    assert.equal(event.eventAttendanceMode, 'https://schema.org/OnlineEventAttendanceMode')
    assert.deepEqual(event.location, {
      '@type': 'VirtualLocation',
      url: 'https://hearth.test/en/events/berlin-meetup',
    })
  })

  it('places a hybrid event both at its venue and online', () => {
    const event = eventJsonLd(
      meetup({ mode: 'hybrid', onlineUrl: 'https://hearth.test/en/events/berlin-meetup/live' }),
    )
    assert.deepEqual(googleEventReport(event).problems, [])
    assert.equal(event.eventAttendanceMode, 'https://schema.org/MixedEventAttendanceMode')
    assert.deepEqual(
      (event.location as Node[]).map((l) => [l['@type'], l.url ?? l.name]),
      [
        ['Place', 'c-base'],
        ['VirtualLocation', 'https://hearth.test/en/events/berlin-meetup/live'],
      ],
    )
  })

  it('says when an event is cancelled, postponed, moved online or rescheduled', () => {
    assert.equal(
      eventJsonLd(meetup({ status: 'cancelled' })).eventStatus,
      'https://schema.org/EventCancelled',
    )
    assert.equal(
      eventJsonLd(meetup({ status: 'postponed' })).eventStatus,
      'https://schema.org/EventPostponed',
    )
    const moved = eventJsonLd(meetup({ status: 'movedOnline', mode: 'online' }))
    assert.equal(moved.eventStatus, 'https://schema.org/EventMovedOnline')
    const rescheduled = eventJsonLd(
      meetup({ status: 'rescheduled', previousStart: zonedTime('2027-03-21T10:00', 'Europe/Berlin') }),
    )
    assert.equal(rescheduled.eventStatus, 'https://schema.org/EventRescheduled')
    assert.equal(rescheduled.previousStartDate, '2027-03-21T10:00:00+01:00')
    assert.deepEqual(googleEventReport(rescheduled).problems, [])
  })

  it('names people who organise with their page, and a single organiser as one object', () => {
    const event = eventJsonLd(
      meetup({
        organizers: [
          { type: 'Person', name: '王芳', url: 'https://hearth.test/zh/people/wangfang' },
          { type: 'Organization', name: 'KubeSphere', url: 'https://kubesphere.io' },
        ],
      }),
    )
    assert.deepEqual(
      (event.organizer as Node[]).map((o) => [o['@type'], o.name, o.url]),
      [
        ['Person', '王芳', 'https://hearth.test/zh/people/wangfang'],
        ['Organization', 'KubeSphere', 'https://kubesphere.io/'],
      ],
    )
  })

  it('writes the sessions of a conference as subEvents in the venue, each with its own offset', () => {
    const event = eventJsonLd(
      meetup({
        start: zonedTime('2027-03-27T09:00', 'Europe/Berlin'),
        end: zonedTime('2027-03-28T18:00', 'Europe/Berlin'),
        sessions: [
          {
            name: 'Maintainers roundtable',
            start: zonedTime('2027-03-27T16:00', 'Europe/Berlin'),
            end: zonedTime('2027-03-27T17:00', 'Europe/Berlin'),
            room: 'Hall A',
            performers: [{ name: 'Li Wei' }],
            url: 'https://hearth.test/en/events/berlin-meetup#maintainers',
          },
          {
            name: 'Live podcast panel',
            start: zonedTime('2027-03-28T10:00', 'Europe/Berlin'),
            end: zonedTime('2027-03-28T11:00', 'Europe/Berlin'),
            room: 'Hall B',
            inLanguage: 'zh',
            cancelled: true,
          },
        ],
      }),
    )
    const [roundtable, panel] = event.subEvent as [Node, Node]
    assert.equal(roundtable.startDate, '2027-03-27T16:00:00+01:00')
    assert.equal(panel.startDate, '2027-03-28T10:00:00+02:00')
    assert.deepEqual(googleEventReport(roundtable).problems, [])
    assert.equal((roundtable.location as Node).name, 'Hall A · c-base')
    assert.equal(((roundtable.location as Node).address as Node).streetAddress, 'Rungestraße 20')
    assert.deepEqual(roundtable.performer, [{ '@type': 'Person', name: 'Li Wei' }])
    assert.equal(roundtable.eventStatus, 'https://schema.org/EventScheduled')
    assert.equal(panel.eventStatus, 'https://schema.org/EventCancelled')
    assert.equal(panel.inLanguage, 'zh')
  })

  it('leaves out what it was not given instead of writing empty values', () => {
    const event = eventJsonLd(
      meetup({
        description: null,
        images: [],
        performers: [],
        organizers: [],
        offer: null,
        inLanguage: null,
      }),
    )
    for (const key of [
      'description',
      'image',
      'performer',
      'organizer',
      'offers',
      'inLanguage',
      'subEvent',
      'previousStartDate',
    ])
      assert.ok(!(key in event), key)
    assert.deepEqual(googleEventReport(event).problems, [])
  })

  it('refuses what Google would reject: a venue event without a place, relative or non-web links, a backwards time', () => {
    assert.throws(() => eventJsonLd(meetup({ place: null })), TypeError)
    assert.throws(() => eventJsonLd(meetup({ images: ['/media/cover.jpg'] })), TypeError)
    assert.throws(() => eventJsonLd(meetup({ images: ['javascript:alert(1)'] })), TypeError)
    assert.throws(() => eventJsonLd(meetup({ end: berlinSunday })), TypeError)
  })
})

describe('offer availability', () => {
  const now = new Date('2027-03-10T12:00:00Z')
  const opensAt = new Date('2027-03-01T08:00:00Z')
  const closesAt = new Date('2027-03-28T08:00:00Z')

  it('is a pre-order before registration opens, even with every place free', () => {
    assert.equal(
      offerAvailability({ now: new Date('2027-02-28T12:00:00Z'), opensAt, closesAt, placesLeft: 50 }),
      'PreOrder',
    )
  })

  it('is in stock while open with places left, or with no limit', () => {
    assert.equal(offerAvailability({ now, opensAt, closesAt, placesLeft: 1 }), 'InStock')
    assert.equal(offerAvailability({ now, opensAt: null, closesAt: null, placesLeft: null }), 'InStock')
    assert.equal(offerAvailability({ now: opensAt, opensAt, closesAt, placesLeft: 1 }), 'InStock')
  })

  it('is sold out when full, whatever the waitlist, and once registration closes', () => {
    assert.equal(offerAvailability({ now, opensAt, closesAt, placesLeft: 0 }), 'SoldOut')
    assert.equal(offerAvailability({ now, opensAt, closesAt, placesLeft: -2 }), 'SoldOut')
    assert.equal(offerAvailability({ now: closesAt, opensAt, closesAt, placesLeft: 10 }), 'SoldOut')
  })

  it('turns the offer in the JSON-LD to SoldOut', () => {
    const event = eventJsonLd(
      meetup({
        offer: {
          url: 'https://hearth.test/en/events/berlin-meetup',
          currency: 'EUR',
          availability: offerAvailability({ now, opensAt, closesAt, placesLeft: 0 }),
          validFrom: opensAt,
        },
      }),
    )
    assert.equal((event.offers as Node).availability, 'https://schema.org/SoldOut')
  })
})

describe('JSON-LD inside a script element', () => {
  it('cannot end the element or open markup, and parses back to the same data', () => {
    const hostile = 'Meetup</script><script>alert(1)</script><!-- & -->\u2028'
    const data = eventJsonLd(meetup({ name: hostile, description: '<b>bold</b> & "quoted"' }))
    const text = jsonLdScriptText(data)
    assert.ok(!/[<>&\u2028\u2029]/.test(text), text)
    assert.deepEqual(JSON.parse(text), data)
    assert.equal(JSON.parse(text).name, hostile)
  })
})
