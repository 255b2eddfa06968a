import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  actionsFor,
  agendaDays,
  calendarChanged,
  calendarFields,
  canMove,
  defaultNextStart,
  eventLanguages,
  eventStatuses,
  ianaZone,
  isPast,
  isPublic,
  type ListedEvent,
  matchesFilters,
  nextEdition,
  nextSequence,
  seatsLeft,
  sessionWithinEvent,
  shiftOnWallClock,
  slugFor,
  slugProblem,
  speakerRolesFor,
  uniqueSlug,
  wallClockMoment,
  wallClockOf,
} from './events.rules.ts'

describe('event status', () => {
  it('moves a draft to published, a published event to postponed or cancelled, a postponed one back', () => {
    const allowed = eventStatuses.flatMap((from) =>
      eventStatuses.filter((to) => canMove(from, to)).map((to) => `${from}→${to}`),
    )
    assert.deepEqual(allowed, [
      'draft→published',
      'published→postponed',
      'published→cancelled',
      'postponed→published',
      'postponed→cancelled',
    ])
  })

  it('offers no action on a cancelled event, whose page stays public', () => {
    assert.deepEqual(actionsFor('cancelled'), [])
    assert.equal(isPublic('cancelled'), true)
    assert.deepEqual(actionsFor('postponed'), ['publish', 'cancel'])
    assert.deepEqual(actionsFor('draft'), ['publish'])
  })

  it('keeps a draft from the public', () => {
    assert.equal(isPublic('draft'), false)
    assert.equal(isPublic('published'), true)
    assert.equal(isPublic('postponed'), true)
  })

  it('files an event as past from the moment it ends', () => {
    const endsAt = new Date('2027-05-01T12:00:00Z')
    assert.equal(isPast({ endsAt }, new Date('2027-05-01T11:59:59Z')), false)
    assert.equal(isPast({ endsAt }, endsAt), true)
  })
})

describe('event addresses', () => {
  it('refuses what is not a lowercase address and words the events pages use', () => {
    assert.equal(slugProblem('kubesphere-meetup-2027'), null)
    assert.equal(slugProblem('Meetup'), 'slug')
    assert.equal(slugProblem('-meetup'), 'slug')
    assert.equal(slugProblem('meetup-'), 'slug')
    assert.equal(slugProblem('meet--up'), 'slug')
    assert.equal(slugProblem('event.ics'), 'slug')
    assert.equal(slugProblem('a'.repeat(81)), 'slug')
    assert.equal(slugProblem('feed'), 'slugReserved')
    assert.equal(slugProblem('calendar'), 'slugReserved')
  })

  it('makes an address from the English title and adds the year unless the title has it', () => {
    assert.equal(slugFor('KubeSphere Meetup · Hangzhou', '2027-04-10'), 'kubesphere-meetup-hangzhou-2027')
    assert.equal(slugFor('KubeCon China 2027', '2027-09-01'), 'kubecon-china-2027')
    assert.equal(slugFor('Café Día', '2027-01-02'), 'cafe-dia-2027')
    assert.equal(slugFor(null, '2027-04-10'), 'event-2027-04-10')
    assert.equal(slugFor('杭州站线下活动', '2027-04-10'), 'event-2027-04-10')
  })

  it('numbers an address already taken', () => {
    assert.equal(uniqueSlug('meetup-2027', new Set()), 'meetup-2027')
    assert.equal(uniqueSlug('meetup-2027', new Set(['meetup-2027', 'meetup-2027-2'])), 'meetup-2027-3')
  })
})

describe('event times', () => {
  it('takes IANA zones in the platform spelling and refuses offsets and misspellings', () => {
    assert.equal(ianaZone('Europe/Berlin'), 'Europe/Berlin')
    assert.equal(ianaZone(' asia/shanghai '), 'Asia/Shanghai')
    assert.equal(ianaZone('UTC'), 'UTC')
    assert.equal(ianaZone('America/Sao_Paulo'), 'America/Sao_Paulo')
    assert.equal(ianaZone('+08:00'), null)
    assert.equal(ianaZone('Mars/Olympus'), null)
    assert.equal(ianaZone(''), null)
  })

  it('reads a wall-clock time in Europe/Berlin on both sides of the last Sunday of March', () => {
    // 2027-03-28: clocks go from 02:00 CET to 03:00 CEST.
    assert.equal(
      wallClockMoment('2027-03-28T01:30', 'Europe/Berlin')?.toISOString(),
      '2027-03-28T00:30:00.000Z',
    )
    assert.equal(
      wallClockMoment('2027-03-28T10:00', 'Europe/Berlin')?.toISOString(),
      '2027-03-28T08:00:00.000Z',
    )
    assert.equal(
      wallClockMoment('2027-03-27T10:00', 'Europe/Berlin')?.toISOString(),
      '2027-03-27T09:00:00.000Z',
    )
  })

  it('refuses the hour the clocks skip, and what is no time', () => {
    assert.equal(wallClockMoment('2027-03-28T02:30', 'Europe/Berlin'), null)
    assert.equal(wallClockMoment('2027-02-30T10:00', 'Europe/Berlin'), null)
    assert.equal(wallClockMoment('2027-03-28T24:00', 'Europe/Berlin'), null)
    assert.equal(wallClockMoment('soon', 'Europe/Berlin'), null)
  })

  it('takes an hour that happens twice the first time', () => {
    // 2027-10-31: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
    assert.equal(
      wallClockMoment('2027-10-31T02:30', 'Europe/Berlin')?.toISOString(),
      '2027-10-31T00:30:00.000Z',
    )
  })

  it('shows a moment as the zone’s clocks do', () => {
    assert.equal(wallClockOf(new Date('2027-03-28T08:00:00Z'), 'Europe/Berlin'), '2027-03-28T10:00')
    assert.equal(wallClockOf(new Date('2027-03-28T00:30:00Z'), 'Europe/Berlin'), '2027-03-28T01:30')
    assert.equal(wallClockOf(new Date('2027-03-28T08:00:00Z'), 'Asia/Shanghai'), '2027-03-28T16:00')
  })

  it('shifts a time across a daylight-saving change by the clock, not by the hour', () => {
    const from = new Date('2027-03-20T09:00:00Z') // Saturday 10:00 CET
    const to = new Date('2027-03-27T09:00:00Z') // Saturday 10:00 CET, the week after
    // Sunday 14:00 CET becomes Sunday 14:00 CEST (12:00Z), not 15:00.
    const session = new Date('2027-03-21T13:00:00Z')
    assert.equal(
      shiftOnWallClock(session, 'Europe/Berlin', from, to).toISOString(),
      '2027-03-28T12:00:00.000Z',
    )
  })

  it('puts a time the new day skips just after the jump', () => {
    const from = new Date('2027-03-20T00:00:00Z')
    const to = new Date('2027-03-27T00:00:00Z')
    // Sunday 02:30 CET a week before the change: on the day of the change that hour does not exist.
    const skipped = shiftOnWallClock(new Date('2027-03-21T01:30:00Z'), 'Europe/Berlin', from, to)
    assert.equal(wallClockOf(skipped, 'Europe/Berlin'), '2027-03-28T03:30')
  })

  it('proposes the next edition 52 weeks on, at the same time of day', () => {
    const start = new Date('2026-11-07T06:00:00Z') // Saturday 14:00 in Shanghai
    const next = defaultNextStart(start, 'Asia/Shanghai')
    assert.equal(wallClockOf(next, 'Asia/Shanghai'), '2027-11-06T14:00')
    const berlin = defaultNextStart(new Date('2026-03-21T09:00:00Z'), 'Europe/Berlin') // 10:00 CET
    assert.equal(wallClockOf(berlin, 'Europe/Berlin'), '2027-03-20T10:00')
  })
})

describe('next edition', () => {
  const event = {
    slug: 'kubesphere-meetup-hangzhou-2026',
    titleZh: 'KubeSphere 杭州站 2026',
    titleEn: 'KubeSphere Meetup Hangzhou 2026',
    timeZone: 'Europe/Berlin',
    startsAt: new Date('2026-03-21T09:00:00Z'), // Saturday 10:00 CET
    endsAt: new Date('2026-03-22T16:00:00Z'), // Sunday 17:00 CET
    registrationOpensAt: new Date('2026-02-01T08:00:00Z'),
    registrationClosesAt: null,
  }

  it('moves the year in the title and address, and keeps every time on the clock', () => {
    const next = nextEdition(event, new Date('2027-03-27T09:00:00Z'), new Set())
    assert.equal(next.slug, 'kubesphere-meetup-hangzhou-2027')
    assert.equal(next.titleZh, 'KubeSphere 杭州站 2027')
    assert.equal(next.titleEn, 'KubeSphere Meetup Hangzhou 2027')
    // Sunday 17:00, now in summer time (15:00Z), after the last Sunday of March.
    assert.equal(next.endsAt.toISOString(), '2027-03-28T15:00:00.000Z')
    assert.equal(wallClockOf(next.registrationOpensAt!, 'Europe/Berlin'), '2027-02-07T09:00')
    assert.equal(next.registrationClosesAt, null)
  })

  it('adds the year to an address without one, and numbers it when taken', () => {
    const plain = { ...event, slug: 'maintainer-summit', titleEn: 'Maintainer Summit' }
    const next = nextEdition(plain, new Date('2027-03-27T09:00:00Z'), new Set(['maintainer-summit-2027']))
    assert.equal(next.slug, 'maintainer-summit-2027-2')
    assert.equal(next.titleEn, 'Maintainer Summit')
  })

  it('leaves numbers that are not the year alone', () => {
    const next = nextEdition(
      { ...event, titleEn: 'Meetup 12026 and 2026' },
      new Date('2027-03-27T09:00:00Z'),
      new Set(),
    )
    assert.equal(next.titleEn, 'Meetup 12026 and 2027')
  })
})

describe('calendar sequence', () => {
  const before = {
    titleEn: 'Meetup',
    startsAt: new Date('2027-01-01T10:00:00Z'),
    capacity: 50,
    status: 'published',
  }

  it('rises when a calendar shows what changed', () => {
    assert.equal(
      calendarChanged(calendarFields, before, { startsAt: new Date('2027-01-01T11:00:00Z') }),
      true,
    )
    assert.equal(calendarChanged(calendarFields, before, { status: 'cancelled' }), true)
    assert.equal(calendarChanged(calendarFields, before, { titleEn: 'Meetup!' }), true)
    assert.equal(nextSequence(3, true), 4)
  })

  it('stays for what no calendar shows, and for the same values', () => {
    assert.equal(calendarChanged(calendarFields, before, { capacity: 60 } as never), false)
    assert.equal(
      calendarChanged(calendarFields, before, { startsAt: new Date('2027-01-01T10:00:00Z') }),
      false,
    )
    assert.equal(calendarChanged(calendarFields, { venueZh: null }, { venueZh: undefined }), false)
    assert.equal(nextSequence(3, false), 3)
  })
})

describe('sessions', () => {
  it('gives panels and roundtables a moderator and panelists, a break nobody', () => {
    assert.deepEqual(speakerRolesFor('roundtable'), ['moderator', 'panelist'])
    assert.deepEqual(speakerRolesFor('panel'), ['moderator', 'panelist'])
    assert.deepEqual(speakerRolesFor('podcast'), ['host', 'panelist'])
    assert.deepEqual(speakerRolesFor('talk'), ['speaker'])
    assert.deepEqual(speakerRolesFor('break'), [])
  })

  it('keeps a session inside its event', () => {
    const ev = { startsAt: new Date('2027-01-01T10:00:00Z'), endsAt: new Date('2027-01-01T18:00:00Z') }
    assert.equal(sessionWithinEvent({ startsAt: ev.startsAt, endsAt: ev.endsAt }, ev), true)
    assert.equal(sessionWithinEvent({ startsAt: null, endsAt: null }, ev), true)
    assert.equal(sessionWithinEvent({ startsAt: new Date('2027-01-01T09:59:00Z'), endsAt: null }, ev), false)
    assert.equal(sessionWithinEvent({ startsAt: null, endsAt: new Date('2027-01-01T18:01:00Z') }, ev), false)
  })

  it('groups the agenda by the day in the event’s zone, in time order, untimed items last', () => {
    const s = (id: string, at: string | null, position = 0) => ({
      id,
      startsAt: at ? new Date(at) : null,
      position,
    })
    // 23:30Z on the 1st is already the 2nd in Shanghai.
    const days = agendaDays(
      [
        s('late', '2027-01-01T23:30:00Z'),
        s('loose-b', null, 2),
        s('first', '2027-01-01T02:00:00Z'),
        s('loose-a', null, 1),
      ],
      'Asia/Shanghai',
    )
    assert.deepEqual(
      days.map((d) => [d.day, d.sessions.map((x) => x.id)]),
      [
        ['2027-01-01', ['first']],
        ['2027-01-02', ['late']],
        [null, ['loose-a', 'loose-b']],
      ],
    )
  })
})

describe('places', () => {
  it('counts the places left, never below zero, none for an event without a limit', () => {
    assert.equal(seatsLeft(50, 48), 2)
    assert.equal(seatsLeft(50, 52), 0)
    assert.equal(seatsLeft(null, 300), null)
  })
})

describe('list filters', () => {
  const sameCity = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()
  const meetup: ListedEvent = {
    kind: 'meetup',
    mode: 'hybrid',
    titleZh: '杭州站',
    titleEn: null,
    venueZh: null,
    venueEn: null,
    address: 'Xihu District',
    chapter: { slug: 'hangzhou', cityZh: '杭州', cityEn: 'Hangzhou' },
    sessionLanguages: [],
  }
  const conference: ListedEvent = {
    kind: 'conference',
    mode: 'offline',
    titleZh: null,
    titleEn: 'KubeCon',
    venueZh: null,
    venueEn: 'Shanghai Expo Centre',
    address: null,
    chapter: null,
    sessionLanguages: ['en', 'zh'],
  }

  it('keeps everything without filters', () => {
    assert.equal(matchesFilters(meetup, {}, sameCity), true)
  })

  it('filters by kind, chapter and language', () => {
    assert.equal(matchesFilters(meetup, { kind: 'conference' }, sameCity), false)
    assert.equal(matchesFilters(meetup, { chapter: 'hangzhou' }, sameCity), true)
    assert.equal(matchesFilters(conference, { chapter: 'hangzhou' }, sameCity), false)
    assert.equal(matchesFilters(meetup, { language: 'zh' }, sameCity), true)
    assert.equal(matchesFilters(meetup, { language: 'en' }, sameCity), false)
    assert.equal(matchesFilters(conference, { language: 'en' }, sameCity), true)
  })

  it('counts a hybrid event as both in person and online', () => {
    assert.equal(matchesFilters(meetup, { mode: 'online' }, sameCity), true)
    assert.equal(matchesFilters(meetup, { mode: 'offline' }, sameCity), true)
    assert.equal(matchesFilters(conference, { mode: 'online' }, sameCity), false)
  })

  it('finds the city in the chapter’s name or the venue', () => {
    assert.equal(matchesFilters(meetup, { city: 'hangzhou' }, sameCity), true)
    assert.equal(matchesFilters(meetup, { city: '杭州' }, sameCity), true)
    assert.equal(matchesFilters(conference, { city: 'Shanghai' }, sameCity), true)
    assert.equal(matchesFilters(conference, { city: 'Chengdu' }, sameCity), false)
  })

  it('says which languages an event is in: its sessions’, else its title’s', () => {
    assert.deepEqual(eventLanguages(meetup), ['zh'])
    assert.deepEqual(eventLanguages(conference), ['zh', 'en'])
    assert.deepEqual(eventLanguages({ titleZh: 'x', titleEn: 'y', sessionLanguages: [] }), ['zh', 'en'])
  })
})
