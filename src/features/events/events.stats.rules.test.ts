import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  alignSeries,
  attendance,
  attendanceFinal,
  cumulativeByDay,
  perChapterYear,
  type StatsEvent,
} from './events.stats.rules.ts'

// A meetup in Shanghai (UTC+8), 14:00–17:00 local on 5 December 2026: its door closes at
// midnight Shanghai time, 2026-12-05T16:00Z.
const meetup = {
  startsAt: new Date('2026-12-05T06:00:00Z'),
  endsAt: new Date('2026-12-05T09:00:00Z'),
  timeZone: 'Asia/Shanghai',
}

describe('registrations over time', () => {
  it('counts each day in the event’s zone and carries the total over quiet days', () => {
    const points = cumulativeByDay(
      [
        // 23:30 on 1 December in Shanghai, still 1 December there.
        new Date('2026-12-01T15:30:00Z'),
        // 00:30 on 2 December in Shanghai, though still 1 December in UTC.
        new Date('2026-12-01T16:30:00Z'),
        new Date('2026-12-04T02:00:00Z'),
      ],
      'Asia/Shanghai',
    )
    assert.deepEqual(points, [
      { day: '2026-12-01', added: 1, total: 1 },
      { day: '2026-12-02', added: 1, total: 2 },
      { day: '2026-12-03', added: 0, total: 2 },
      { day: '2026-12-04', added: 1, total: 3 },
    ])
  })

  it('runs on to the day asked for, flat after the last registration, and leaves out later ones', () => {
    const points = cumulativeByDay(
      [new Date('2026-12-01T02:00:00Z'), new Date('2026-12-09T02:00:00Z')],
      'Asia/Shanghai',
      '2026-12-03',
    )
    assert.deepEqual(
      points.map((p) => [p.day, p.total]),
      [
        ['2026-12-01', 1],
        ['2026-12-02', 1],
        ['2026-12-03', 1],
      ],
    )
  })

  it('is empty without registrations, and crosses a month and a daylight-saving change day by day', () => {
    assert.deepEqual(cumulativeByDay([], 'Europe/Berlin'), [])
    const points = cumulativeByDay(
      [new Date('2027-03-27T12:00:00Z'), new Date('2027-03-29T12:00:00Z'), new Date('2027-04-01T12:00:00Z')],
      'Europe/Berlin',
    )
    assert.deepEqual(
      points.map((p) => p.day),
      ['2027-03-27', '2027-03-28', '2027-03-29', '2027-03-30', '2027-03-31', '2027-04-01'],
    )
    assert.equal(points.at(-1)!.total, 3)
  })

  it('puts two series on the same days, each carried forward where it has no entry', () => {
    const registered = cumulativeByDay(
      [new Date('2026-12-01T02:00:00Z'), new Date('2026-12-03T02:00:00Z')],
      'Asia/Shanghai',
    )
    const confirmed = cumulativeByDay([new Date('2026-12-02T02:00:00Z')], 'Asia/Shanghai')
    assert.deepEqual(alignSeries([registered, confirmed]), {
      days: ['2026-12-01', '2026-12-02', '2026-12-03'],
      totals: [
        [1, 1, 2],
        [0, 1, 1],
      ],
    })
    assert.deepEqual(alignSeries([[], []]), { days: [], totals: [[], []] })
  })
})

describe('registered against checked in', () => {
  it('names nobody a no-show while the door is open, however late in the day', () => {
    const evening = new Date('2026-12-05T15:59:00Z')
    assert.equal(attendanceFinal(meetup, evening), false)
    assert.deepEqual(attendance({ confirmed: 40, checkedIn: 25 }, meetup, evening), {
      registered: 40,
      checkedIn: 25,
      noShows: null,
      noShowRate: null,
    })
  })

  it('counts places nobody used once the door has closed', () => {
    const closed = new Date('2026-12-05T16:00:00Z')
    assert.equal(attendanceFinal(meetup, closed), true)
    assert.deepEqual(attendance({ confirmed: 40, checkedIn: 30 }, meetup, closed), {
      registered: 40,
      checkedIn: 30,
      noShows: 10,
      noShowRate: 0.25,
    })
  })

  it('has no rate without registrations, and never more check-ins than places', () => {
    const later = new Date('2027-01-01T00:00:00Z')
    assert.deepEqual(attendance({ confirmed: 0, checkedIn: 0 }, meetup, later), {
      registered: 0,
      checkedIn: 0,
      noShows: 0,
      noShowRate: null,
    })
    assert.equal(attendance({ confirmed: 3, checkedIn: 5 }, meetup, later).noShows, 0)
  })
})

describe('per chapter and year', () => {
  const at = (iso: string, hours = 3) => ({
    startsAt: new Date(iso),
    endsAt: new Date(new Date(iso).getTime() + hours * 3_600_000),
    timeZone: 'Asia/Shanghai',
  })
  const event = (over: Partial<StatsEvent> & { startsAt: Date; endsAt: Date }): StatsEvent => ({
    chapterId: 'sh',
    status: 'published',
    confirmed: 0,
    checkedIn: 0,
    timeZone: 'Asia/Shanghai',
    ...over,
  })
  const now = new Date('2026-12-10T00:00:00Z')

  it('groups by chapter and the year in the event’s zone, latest year first, chapters in the order given', () => {
    const rows = perChapterYear(
      [
        event({ ...at('2025-06-01T06:00:00Z'), confirmed: 30, checkedIn: 24 }),
        event({ ...at('2026-03-01T06:00:00Z'), confirmed: 40, checkedIn: 30 }),
        event({ ...at('2026-09-01T06:00:00Z'), confirmed: 20, checkedIn: 20 }),
        event({ ...at('2026-05-01T06:00:00Z'), chapterId: 'hz', confirmed: 10, checkedIn: 5 }),
        // 20:00 on 31 December 2025 in UTC is already 2026 in Shanghai.
        event({ ...at('2025-12-31T20:00:00Z'), chapterId: null, confirmed: 100, checkedIn: 80 }),
      ],
      now,
      ['hz', 'sh'],
    )
    assert.deepEqual(
      rows.map((r) => [r.chapterId, r.year, r.events, r.registered, r.checkedIn, r.noShowRate]),
      [
        ['hz', 2026, 1, 10, 5, 0.5],
        ['sh', 2026, 2, 60, 50, 10 / 60],
        [null, 2026, 1, 100, 80, 0.2],
        ['sh', 2025, 1, 30, 24, 0.2],
      ],
    )
  })

  it('leaves drafts and cancelled events out, and takes no-shows only from events that are over', () => {
    const rows = perChapterYear(
      [
        event({ ...at('2026-03-01T06:00:00Z'), confirmed: 40, checkedIn: 30 }),
        // Still to come: its places count, its empty seats are not no-shows yet.
        event({ ...at('2026-12-20T06:00:00Z'), confirmed: 50, checkedIn: 0 }),
        event({ ...at('2026-04-01T06:00:00Z'), status: 'cancelled', confirmed: 12 }),
        event({ ...at('2026-05-01T06:00:00Z'), status: 'draft' }),
      ],
      now,
    )
    assert.equal(rows.length, 1)
    assert.deepEqual(rows[0], {
      chapterId: 'sh',
      year: 2026,
      events: 2,
      held: 1,
      registered: 90,
      checkedIn: 30,
      noShowRate: 0.25,
    })
  })

  it('has no rate for a year whose events are all still to come', () => {
    const [row] = perChapterYear([event({ ...at('2026-12-20T06:00:00Z'), confirmed: 5 })], now)
    assert.equal(row!.held, 0)
    assert.equal(row!.noShowRate, null)
  })
})
