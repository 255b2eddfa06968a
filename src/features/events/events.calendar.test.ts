import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import ICAL from 'ical.js'
import { assertStrict, readBack } from '../../../test/support/ical.ts'
import { zonedTime } from '../../platform/i18n/time-zone.ts'
import {
  type CalendarInput,
  type CalendarItem,
  escapeText,
  foldLine,
  renderCalendar,
  timeZoneComponent,
} from './events.calendar.ts'

const stamped = new Date('2027-01-10T12:00:00Z')

const item = (
  over: Partial<CalendarItem> & Pick<CalendarItem, 'start' | 'end' | 'timeZone'>,
): CalendarItem => ({
  uid: `${over.start.toISOString()}@hearth.test`,
  sequence: 0,
  dtstamp: stamped,
  summary: 'Meetup',
  status: 'CONFIRMED',
  ...over,
})

const calendar = (items: CalendarItem[], more: Partial<CalendarInput> = {}) =>
  renderCalendar({ name: 'Hearth events', items, ...more })

const octets = (s: string) => Buffer.byteLength(s, 'utf8')

describe('folding content lines', () => {
  it('leaves a line of 75 octets alone and folds one of 76', () => {
    assert.equal(foldLine('X'.repeat(75)), 'X'.repeat(75))
    assert.equal(foldLine('X'.repeat(76)), `${'X'.repeat(75)}\r\n X`)
  })

  it('folds long ASCII into 75 octets per line, the space of a continuation counted', () => {
    const folded = foldLine(`DESCRIPTION:${'a'.repeat(300)}`).split('\r\n')
    assert.deepEqual(
      folded.map((l) => octets(l)),
      [75, 75, 75, 75, 16],
    )
    assert.ok(folded.slice(1).every((l) => l.startsWith(' ')))
  })

  it('never cuts a Chinese character or an emoji, and unfolds to the same text', () => {
    const line = `SUMMARY:${'云原生社区上海站🎉'.repeat(20)}`
    const folded = foldLine(line)
    for (const physical of folded.split('\r\n')) {
      assert.ok(octets(physical) <= 75)
      assert.ok(!physical.includes('\ufffd'))
      assert.equal(Buffer.from(physical, 'utf8').toString('utf8'), physical)
      assert.ok(!/[\ud800-\udbff]$/.test(physical), 'no lone high surrogate at the end of a line')
    }
    assert.equal(folded.replace(/\r\n /g, ''), line)
    // A Chinese line of three-octet characters fills a line to 73–75 octets, never more.
    const lengths = foldLine(`SUMMARY:${'会'.repeat(100)}`)
      .split('\r\n')
      .map(octets)
    assert.ok(
      lengths.slice(0, -1).every((n) => n >= 73 && n <= 75),
      String(lengths),
    )
  })
})

describe('escaping text', () => {
  it('escapes backslash, semicolon, comma and every kind of line break', () => {
    assert.equal(escapeText('a\\b;c,d\ne\r\nf\rg'), 'a\\\\b\\;c\\,d\\ne\\nf\\ng')
  })

  it('drops control characters RFC 5545 text cannot hold, and keeps tabs', () => {
    assert.equal(escapeText('a\u0000b\u0007c\td\u007f'), 'abc\td')
  })
})

describe('calendar output', () => {
  it('writes an event in Berlin on the day clocks go forward in local time, and ical.js reads 08:00Z', () => {
    const start = zonedTime('2027-03-28T10:00', 'Europe/Berlin')
    assert.equal(start.toISOString(), '2027-03-28T08:00:00.000Z')
    const dayBefore = zonedTime('2027-03-27T10:00', 'Europe/Berlin')
    const text = calendar([
      item({ start, end: new Date(start.getTime() + 2 * 3_600_000), timeZone: 'Europe/Berlin' }),
      item({ start: dayBefore, end: new Date(dayBefore.getTime() + 3_600_000), timeZone: 'Europe/Berlin' }),
    ])
    assertStrict(text)
    assert.ok(text.includes('DTSTART;TZID=Europe/Berlin:20270328T100000\r\n'))
    assert.ok(text.includes('DTEND;TZID=Europe/Berlin:20270328T120000\r\n'))
    const [sunday, saturday] = readBack(text)
    assert.equal(sunday!.zone, 'Europe/Berlin')
    assert.equal(sunday!.start, '2027-03-28T08:00:00.000Z')
    assert.equal(sunday!.end, '2027-03-28T10:00:00.000Z')
    assert.equal(saturday!.start, '2027-03-27T09:00:00.000Z')
  })

  it('gives each zone one VTIMEZONE with the changes of the years its events span', () => {
    const text = calendar([
      item({
        start: new Date('2027-05-01T08:00:00Z'),
        end: new Date('2027-05-01T10:00:00Z'),
        timeZone: 'Europe/Berlin',
      }),
      item({
        start: new Date('2027-11-01T08:00:00Z'),
        end: new Date('2027-11-01T10:00:00Z'),
        timeZone: 'Europe/Berlin',
      }),
      item({
        start: new Date('2027-06-01T08:00:00Z'),
        end: new Date('2027-06-01T10:00:00Z'),
        timeZone: 'Asia/Shanghai',
      }),
    ])
    const components = assertStrict(text)
    const zones = components.filter((c) => c.name === 'VTIMEZONE').map((c) => c.props[0])
    assert.deepEqual(zones, ['TZID:Asia/Shanghai', 'TZID:Europe/Berlin'])
    const berlin = text.slice(
      text.indexOf('TZID:Europe/Berlin'),
      text.indexOf('END:VTIMEZONE', text.indexOf('TZID:Europe/Berlin')),
    )
    assert.match(
      berlin,
      /BEGIN:DAYLIGHT\r\nTZOFFSETFROM:\+0100\r\nTZOFFSETTO:\+0200\r\nDTSTART:20270328T020000\r\n/,
    )
    assert.match(
      berlin,
      /BEGIN:STANDARD\r\nTZOFFSETFROM:\+0200\r\nTZOFFSETTO:\+0100\r\nDTSTART:20271031T030000\r\n/,
    )
  })

  it('gives a zone without daylight saving time a single STANDARD (Asia/Shanghai)', () => {
    const start = zonedTime('2027-06-12T14:00', 'Asia/Shanghai')
    const text = calendar([
      item({ start, end: new Date(start.getTime() + 3 * 3_600_000), timeZone: 'Asia/Shanghai' }),
    ])
    const components = assertStrict(text)
    assert.deepEqual(
      components.filter((c) => c.name === 'STANDARD' || c.name === 'DAYLIGHT').map((c) => c.name),
      ['STANDARD'],
    )
    assert.ok(text.includes('TZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800\r\n'))
    assert.ok(text.includes('DTSTART;TZID=Asia/Shanghai:20270612T140000\r\n'))
    const [read] = readBack(text)
    assert.equal(read!.start, '2027-06-12T06:00:00.000Z')
    assert.equal(read!.zone, 'Asia/Shanghai')
  })

  it('writes New York in local time on both sides of its changes, and ical.js agrees', () => {
    const times = [
      '2027-01-20T18:30',
      '2027-03-14T09:00',
      '2027-07-04T12:00',
      '2027-11-07T09:00',
      '2027-12-31T23:00',
    ]
    const items = times.map((local) => {
      const start = zonedTime(local, 'America/New_York')
      return item({ start, end: new Date(start.getTime() + 3_600_000), timeZone: 'America/New_York' })
    })
    const text = calendar(items)
    assertStrict(text)
    assert.ok(text.includes('TZNAME:EDT'))
    const read = readBack(text)
    assert.deepEqual(
      read.map((r) => r.start),
      [
        '2027-01-20T23:30:00.000Z',
        '2027-03-14T13:00:00.000Z',
        '2027-07-04T16:00:00.000Z',
        '2027-11-07T14:00:00.000Z',
        '2028-01-01T04:00:00.000Z',
      ],
    )
    for (const local of times)
      assert.ok(text.includes(`DTSTART;TZID=America/New_York:${local.replace(/[-:]/g, '')}00\r\n`), local)
  })

  it('writes a time that occurs twice when clocks go back in UTC, which no reader can misread', () => {
    // 01:30 happens twice in New York on 7 November 2027: at 05:30Z and again at 06:30Z.
    const first = new Date('2027-11-07T05:30:00Z')
    const second = new Date('2027-11-07T06:30:00Z')
    const text = calendar([
      item({
        uid: 'first@hearth.test',
        start: first,
        end: new Date('2027-11-07T07:30:00Z'),
        timeZone: 'America/New_York',
      }),
      item({
        uid: 'second@hearth.test',
        start: second,
        end: new Date('2027-11-07T07:30:00Z'),
        timeZone: 'America/New_York',
      }),
    ])
    assertStrict(text)
    assert.ok(text.includes('DTSTART:20271107T053000Z\r\nDTEND:20271107T073000Z\r\n'))
    assert.ok(text.includes('DTSTART:20271107T063000Z\r\nDTEND:20271107T073000Z\r\n'))
    assert.ok(!text.includes('DTSTART;TZID=America/New_York:20271107T013000'))
    assert.deepEqual(
      readBack(text).map((r) => r.start),
      [first.toISOString(), second.toISOString()],
    )
  })

  it('converts every month of a four-year Berlin feed right, through yearly rules with an end', () => {
    const items: CalendarItem[] = []
    for (let year = 2026; year <= 2029; year++)
      for (let month = 1; month <= 12; month++) {
        const start = zonedTime(`${year}-${String(month).padStart(2, '0')}-28T10:00`, 'Europe/Berlin')
        items.push(item({ start, end: new Date(start.getTime() + 3_600_000), timeZone: 'Europe/Berlin' }))
      }
    const text = calendar(items)
    assertStrict(text)
    assert.ok(text.includes('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;UNTIL=20290325T010000Z'))
    assert.deepEqual(
      readBack(text).map((r) => r.start),
      items.map((i) => i.start.toISOString()),
    )
  })

  it('reads every zone it was given back as the same moments, whatever the years', () => {
    const zones = [
      'Australia/Sydney',
      'America/Sao_Paulo',
      'Asia/Kolkata',
      'Europe/London',
      'Pacific/Auckland',
    ]
    const items: CalendarItem[] = []
    for (const [z, timeZone] of zones.entries())
      for (let k = 0; k < 30; k++) {
        const start = new Date(Date.UTC(2025 + (k % 4), (k * 5 + z) % 12, 1 + ((k * 7) % 28), (k * 3) % 24))
        items.push(
          item({ uid: `${z}-${k}@hearth.test`, start, end: new Date(start.getTime() + 5_400_000), timeZone }),
        )
      }
    const text = calendar(items)
    assertStrict(text)
    const read = readBack(text)
    assert.deepEqual(
      read.map((r) => [r.start, r.end, r.zone]),
      items.map((i) => [i.start.toISOString(), i.end.toISOString(), i.timeZone]),
    )
  })

  it('carries the texts through escaping and folding exactly, in Chinese and English', () => {
    const summary =
      'KubeSphere 上海站 Meetup：云原生可观测性、多集群管理与 eBPF 实践分享（第 12 期）；欢迎报名, 现场有披萨🍕'
    const description =
      '议程：\n14:00 签到, 茶歇\n14:30 主题分享一；C:\\path\\to\\slides\r\n16:00 圆桌讨论：社区如何运营城市站？\n\nAgenda: talks, a panel; pizza.'
    const location = '上海市徐汇区漕河泾开发区, 宜山路 1000 号; 3F'
    const start = new Date('2027-04-10T06:00:00Z')
    const text = calendar([
      item({
        start,
        end: new Date('2027-04-10T10:00:00Z'),
        timeZone: 'Asia/Shanghai',
        summary,
        description,
        location,
        url: 'https://hearth.test/zh/events/shanghai-12',
        organizer: { name: 'KubeSphere "上海站"', email: 'shanghai@hearth.test' },
        geo: { latitude: 31.17, longitude: 121.4 },
        categories: ['meetup', 'cloud, native'],
      }),
    ])
    assertStrict(text)
    assert.ok(text.split('\r\n').length > 30, 'long texts were folded')
    const [{ event, vevent }] = readBack(text) as [ReturnType<typeof readBack>[number]]
    assert.equal(event.summary, summary)
    assert.equal(event.description, description.replace(/\r\n/g, '\n'))
    assert.equal(event.location, location)
    assert.equal(vevent.getFirstPropertyValue('url'), 'https://hearth.test/zh/events/shanghai-12')
    const organizer = vevent.getFirstProperty('organizer')!
    assert.equal(organizer.getFirstValue(), 'mailto:shanghai@hearth.test')
    assert.equal(organizer.getParameter('cn'), 'KubeSphere "上海站"')
    assert.deepEqual(vevent.getFirstPropertyValue('geo'), [31.17, 121.4])
    assert.deepEqual(vevent.getFirstProperty('categories')!.getValues(), ['meetup', 'cloud, native'])
  })

  it('keeps random texts of any script whole through folding and escaping', () => {
    let seed = 42
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed / 2 ** 31
    }
    const alphabet = [...'abc XYZ,;:\\"^\n\t云原生社区上海站報名é́ßØ🎉👩🏽‍💻𝒳']
    const texts = Array.from({ length: 60 }, () =>
      Array.from(
        { length: Math.floor(random() * 200) + 1 },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join(''),
    )
    const text = calendar(
      texts.map((summary, k) =>
        item({
          uid: `random-${k}@hearth.test`,
          start: new Date(Date.UTC(2027, 0, 1 + k, 10)),
          end: new Date(Date.UTC(2027, 0, 1 + k, 11)),
          timeZone: 'Asia/Shanghai',
          summary,
          description: summary,
        }),
      ),
    )
    assertStrict(text)
    const read = readBack(text)
    assert.deepEqual(
      read.map((r) => r.event.summary),
      texts,
    )
  })

  it('says a cancellation with its higher SEQUENCE and STATUS:CANCELLED, and frees the time', () => {
    const start = new Date('2027-05-01T06:00:00Z')
    const base = {
      uid: 'meetup-7@hearth.test',
      start,
      end: new Date('2027-05-01T08:00:00Z'),
      timeZone: 'Asia/Shanghai',
    }
    const before = readBack(calendar([item({ ...base, sequence: 3 })]))[0]!
    const after = calendar([item({ ...base, sequence: 4, status: 'CANCELLED' })])
    assertStrict(after)
    const cancelled = readBack(after)[0]!
    assert.equal(cancelled.event.uid, before.event.uid)
    assert.ok(cancelled.event.sequence > before.event.sequence)
    assert.equal(cancelled.vevent.getFirstPropertyValue('status'), 'CANCELLED')
    assert.equal(cancelled.vevent.getFirstPropertyValue('transp'), 'TRANSPARENT')
  })

  it('names a subscribed feed and tells apps how often to fetch it', () => {
    const text = calendar(
      [
        item({
          start: new Date('2027-05-01T06:00:00Z'),
          end: new Date('2027-05-01T08:00:00Z'),
          timeZone: 'Asia/Shanghai',
        }),
      ],
      {
        name: '云原生社区活动 · Events',
        description: 'Meetups, conferences',
        refreshInterval: 60,
        source: 'https://hearth.test/calendar/events.ics',
        method: 'PUBLISH',
      },
    )
    assertStrict(text)
    const vcalendar = new ICAL.Component(ICAL.parse(text))
    assert.equal(vcalendar.getFirstPropertyValue('x-wr-calname'), '云原生社区活动 · Events')
    assert.equal(vcalendar.getFirstPropertyValue('name'), '云原生社区活动 · Events')
    assert.equal(vcalendar.getFirstPropertyValue('description'), 'Meetups, conferences')
    // ical.js keeps X- properties raw; Apple and Google read this one as TEXT, escapes and all.
    assert.ok(text.includes('X-WR-CALDESC:Meetups\\, conferences\r\n'))
    assert.equal(vcalendar.getFirstPropertyValue('calscale'), 'GREGORIAN')
    assert.equal(vcalendar.getFirstPropertyValue('method'), 'PUBLISH')
    assert.ok(text.includes('REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\nX-PUBLISHED-TTL:PT1H\r\n'))
    assert.ok(text.includes('SOURCE;VALUE=URI:https://hearth.test/calendar/events.ics\r\n'))
    assert.ok(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:'))
  })

  it('keeps a feed with no events a valid calendar with the community zone', () => {
    const text = calendar([], {
      whenEmpty: { timeZone: 'Asia/Shanghai', now: stamped },
      refreshInterval: 1440,
    })
    assertStrict(text)
    assert.ok(text.includes('X-PUBLISHED-TTL:P1D\r\n'))
    assert.deepEqual(readBack(text), [])
  })

  it('refuses what it cannot write truthfully', () => {
    const start = new Date('2027-05-01T06:00:00Z')
    const ok = { start, end: new Date('2027-05-01T08:00:00Z'), timeZone: 'Asia/Shanghai' }
    assert.throws(() => calendar([item({ ...ok, timeZone: 'Mars/Olympus' })]), TypeError)
    assert.throws(() => calendar([item({ ...ok, end: start })]), TypeError)
    assert.throws(() => calendar([item({ ...ok, uid: 'a\r\nSTATUS:CANCELLED' })]), TypeError)
    assert.throws(() => calendar([item({ ...ok, sequence: -1 })]), TypeError)
    assert.throws(() => calendar([item({ ...ok, organizer: { name: 'x', email: 'a@b\r\nX:y' } })]), TypeError)
    assert.throws(() => calendar([item({ ...ok, url: 'not a url' })]), TypeError)
  })

  it('writes a zone the platform spells differently as the platform does, in TZID and VTIMEZONE alike', () => {
    const text = calendar([
      item({
        start: new Date('2027-05-01T06:00:00Z'),
        end: new Date('2027-05-01T08:00:00Z'),
        timeZone: 'asia/shanghai',
      }),
    ])
    assertStrict(text)
    assert.ok(text.includes('TZID:Asia/Shanghai\r\n'))
    assert.ok(text.includes('DTSTART;TZID=Asia/Shanghai:20270501T140000\r\n'))
  })

  it('builds a VTIMEZONE whose first observance covers 1 January of its first year', () => {
    const lines = timeZoneComponent('Australia/Sydney', 2027, 2027)
    assert.deepEqual(lines.slice(0, 7), [
      'BEGIN:VTIMEZONE',
      'TZID:Australia/Sydney',
      'BEGIN:DAYLIGHT',
      'TZOFFSETFROM:+1100',
      'TZOFFSETTO:+1100',
      'DTSTART:20270101T110000',
      'END:DAYLIGHT',
    ])
  })
})
