import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import {
  at,
  BERLIN,
  conference,
  context,
  listedPerson,
  outsider,
  privatePerson,
  rooms,
  session,
} from '../../../test/support/programme.ts'
import { zonedIsoString } from '../../platform/i18n/time-zone.ts'
import {
  acronymOf,
  clockOf,
  conferenceDays,
  defaultRoomGuid,
  type ProgrammeSession,
  programmeSchedule,
  type Schedule,
  type ScheduleEvent,
  scheduleJson,
  scheduleVersion,
  scheduleXml,
  sessionNumbers,
  sessionSlug,
  sessionTitles,
  timeslotOf,
} from './programme.exports.rules.ts'

// biome-ignore lint/suspicious/noExplicitAny: the files are read back as data and walked by path
type Json = Record<string, any>

const XML_URL = 'https://hearth.example/en/events/cloud-native-days-2027/schedule.xml'
const JSON_URL = 'https://hearth.example/en/events/cloud-native-days-2027/schedule.json'

/** The patterns the XSD and the JSON schema hold for an acronym and a slug (XSD patterns are anchored). */
const XSD_ACRONYM = /^[a-z0-9_-]{4,}$/
const JSON_ACRONYM = /^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$/
const XSD_SLUG = /^[a-z0-9_]{4,}-[a-z0-9\-_]{4,}$/
const JSON_SLUG = /^[a-z0-9_-]+[a-z0-9]$/

const scheduleOf = (
  sessions: ProgrammeSession[],
  over: Parameters<typeof conference>[0] = {},
  locale: 'zh' | 'en' = 'en',
) => programmeSchedule(conference(over), rooms, sessions, context({ locale }))
const events = (schedule: Schedule): ScheduleEvent[] =>
  schedule.days.flatMap((d) => d.rooms.flatMap((r) => r.events))
const eventBy = (schedule: Schedule, guid: string) => events(schedule).find((e) => e.guid === guid)!

/** The XML read back as data: attributes under `@_`, every text as written (no number guessing). */
const readXml = (xml: string) => {
  assert.equal(XMLValidator.validate(xml), true)
  return new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: true,
    isArray: (_name, path) =>
      /^schedule\.(day|day\.room|day\.room\.event|conference\.track)$|\.(person|link|attachment)$/.test(
        String(path),
      ),
  }).parse(xml) as Json
}

describe('session ids', () => {
  it('numbers each session from its guid alone: positive 31-bit integers, whatever the order or the company', () => {
    const a = session()
    const b = session()
    const c = session()
    const all = sessionNumbers([a, b, c].map((s) => ({ guid: s.guid, createdAt: new Date(0) })))
    const shuffled = sessionNumbers([c, a].map((s) => ({ guid: s.guid, createdAt: new Date(0) })))
    assert.equal(shuffled.get(a.guid), all.get(a.guid))
    assert.equal(shuffled.get(c.guid), all.get(c.guid))
    for (const n of all.values()) assert.ok(Number.isInteger(n) && n >= 1 && n <= 2_147_483_647)
    assert.equal(new Set(all.values()).size, 3)
  })

  it('gives the older of two sessions whose guids hash alike the number, and the newer the next one', () => {
    // These two guids hash to the same 31-bit number (found by search).
    const older = {
      guid: '00000000-0000-4000-8000-00000000dafc',
      createdAt: new Date('2027-01-01T00:00:00Z'),
    }
    const newer = {
      guid: '00000000-0000-4000-8000-00000000eece',
      createdAt: new Date('2027-01-02T00:00:00Z'),
    }
    const alone = sessionNumbers([newer]).get(newer.guid)!
    assert.equal(sessionNumbers([older]).get(older.guid), alone)
    const both = sessionNumbers([newer, older])
    assert.equal(both.get(older.guid), alone)
    assert.equal(both.get(newer.guid), alone + 1)
  })
})

describe('a session that moves', () => {
  it('keeps its guid, id and slug when its room, day and time change; its date, start and room follow', () => {
    const before = session({
      roomId: 'room-a',
      startsAt: at('2027-03-27T10:00'),
      endsAt: at('2027-03-27T10:45'),
    })
    const after = {
      ...before,
      roomId: 'room-b',
      startsAt: at('2027-03-28T15:15'),
      endsAt: at('2027-03-28T16:00'),
    }
    const one = eventBy(scheduleOf([before]), before.guid)
    const two = eventBy(scheduleOf([after]), before.guid)
    assert.deepEqual([two.guid, two.id, two.slug], [one.guid, one.id, one.slug])
    assert.deepEqual([one.date, one.start, one.room], ['2027-03-27T10:00:00+01:00', '10:00', 'Hall 1'])
    assert.deepEqual([two.date, two.start, two.room], ['2027-03-28T15:15:00+02:00', '15:15', 'Hall 2'])
    const xml = readXml(scheduleXml(scheduleOf([after]), XML_URL))
    const day2 = xml.schedule.day[1]
    assert.equal(day2.room[0]['@_name'], 'Hall 2')
    assert.equal(day2.room[0].event[0]['@_guid'], before.guid)
    assert.equal(day2.room[0].event[0]['@_id'], String(one.id))
  })
})

describe('days and times', () => {
  it('runs a conference day from 04:00 to 03:59 with the offset of each moment across the spring change in Berlin', () => {
    const late = session({ roomId: null, startsAt: at('2027-03-28T01:30'), endsAt: at('2027-03-28T03:30') })
    const sunday = session({ startsAt: at('2027-03-28T10:00'), endsAt: at('2027-03-28T10:30') })
    const s = scheduleOf([late, sunday])
    assert.deepEqual(
      s.days.map((d) => [d.index, d.date, d.start, d.end]),
      [
        [1, '2027-03-27', '2027-03-27T04:00:00+01:00', '2027-03-28T03:59:00+02:00'],
        [2, '2027-03-28', '2027-03-28T04:00:00+02:00', '2027-03-29T03:59:00+02:00'],
      ],
    )
    // 01:30 belongs to the Saturday night; 01:30 CET to 03:30 CEST is one hour of real time.
    assert.equal(s.days[0]!.rooms[0]!.events[0]!.guid, late.guid)
    const e = eventBy(s, late.guid)
    assert.deepEqual(
      [e.date, e.start, e.end, e.duration],
      ['2027-03-28T01:30:00+01:00', '01:30', '2027-03-28T03:30:00+02:00', '01:00'],
    )
    assert.equal(eventBy(s, sunday.guid).date, '2027-03-28T10:00:00+02:00')
  })

  it('writes the first and the repeated hour of the autumn change in Berlin with their own offsets', () => {
    const over = { startsAt: at('2027-10-30T09:00'), endsAt: at('2027-10-31T18:00') }
    // 02:30 happens twice that night: at 00:30 UTC (summer time) and at 01:30 UTC.
    const first = session({
      startsAt: new Date('2027-10-31T00:30:00Z'),
      endsAt: new Date('2027-10-31T00:45:00Z'),
    })
    const repeated = session({
      startsAt: new Date('2027-10-31T01:30:00Z'),
      endsAt: new Date('2027-10-31T01:45:00Z'),
    })
    const s = scheduleOf([first, repeated], over)
    assert.equal(eventBy(s, first.guid).date, '2027-10-31T02:30:00+02:00')
    assert.equal(eventBy(s, repeated.guid).date, '2027-10-31T02:30:00+01:00')
    assert.equal(s.days[0]!.end, '2027-10-31T03:59:00+01:00')
    assert.equal(s.days[1]!.start, '2027-10-31T04:00:00+01:00')
  })

  it('writes Hong Kong’s times at +08:00 and names the zone in both files', () => {
    const zone = 'Asia/Hong_Kong'
    const talk = session({ startsAt: at('2027-06-10T13:30', zone), endsAt: at('2027-06-10T14:05', zone) })
    const s = scheduleOf([talk], {
      timeZone: zone,
      startsAt: at('2027-06-10T09:00', zone),
      endsAt: at('2027-06-11T17:00', zone),
    })
    const e = eventBy(s, talk.guid)
    assert.deepEqual(
      [e.date, e.start, e.duration, e.end],
      ['2027-06-10T13:30:00+08:00', '13:30', '00:35', '2027-06-10T14:05:00+08:00'],
    )
    assert.deepEqual(
      [s.days[0]!.start, s.days[1]!.end],
      ['2027-06-10T04:00:00+08:00', '2027-06-12T03:59:00+08:00'],
    )
    assert.equal(s.conference.timeslotDuration, '00:05')
    assert.equal(JSON.parse(scheduleJson(s, JSON_URL)).schedule.conference.time_zone_name, zone)
    assert.equal(readXml(scheduleXml(s, XML_URL)).schedule.conference.time_zone_name, zone)
  })

  it('leaves a zone the JSON schema’s pattern refuses out of the JSON only; the times keep their offsets', () => {
    const zone = 'Etc/GMT-8'
    const talk = session({ startsAt: at('2027-06-10T13:30', zone), endsAt: at('2027-06-10T14:00', zone) })
    const s = scheduleOf([talk], {
      timeZone: zone,
      startsAt: at('2027-06-10T09:00', zone),
      endsAt: at('2027-06-10T17:00', zone),
    })
    const json = JSON.parse(scheduleJson(s, JSON_URL)).schedule.conference
    assert.equal('time_zone_name' in json, false)
    assert.equal(json.days[0].rooms['Hall 1'][0].date, '2027-06-10T13:30:00+08:00')
    assert.equal(readXml(scheduleXml(s, XML_URL)).schedule.conference.time_zone_name, zone)
  })

  it('keeps a start in the small hours on the first day, and does not add a day for an end in the small hours', () => {
    const early = session({ startsAt: at('2027-03-27T02:00'), endsAt: at('2027-03-27T03:00') })
    const over = { startsAt: at('2027-03-27T02:00'), endsAt: at('2027-03-29T02:00') }
    assert.deepEqual(conferenceDays(conference(over)), ['2027-03-27', '2027-03-28'])
    const s = scheduleOf([early], over)
    assert.equal(s.days[0]!.start, '2027-03-27T02:00:00+01:00')
    assert.equal(s.days[0]!.rooms[0]!.events[0]!.guid, early.guid)
    assert.deepEqual(
      [s.conference.start, s.conference.end, s.conference.days],
      ['2027-03-27', '2027-03-28', 2],
    )
  })

  it('extends a day to the end of a session that runs past 03:59', () => {
    const long = session({ startsAt: at('2027-03-28T22:00'), endsAt: at('2027-03-29T05:00') })
    const s = scheduleOf([long], { endsAt: at('2027-03-29T06:00') })
    assert.equal(s.days[1]!.end, '2027-03-29T05:00:00+02:00')
  })

  it('writes a moment with its offset as the platform does, half hours and western zones too', () => {
    for (const zone of [BERLIN, 'Asia/Hong_Kong', 'Asia/Kolkata', 'America/St_Johns', 'UTC'])
      for (const iso of [
        '2027-03-28T00:59:59.900Z',
        '2027-03-28T01:00:00Z',
        '2027-11-07T04:30:00Z',
        '2027-07-01T12:00:00Z',
      ]) {
        const moment = new Date(iso)
        assert.equal(clockOf(zone).iso(moment), zonedIsoString(moment, zone), `${zone} ${iso}`)
      }
  })

  it('gives the largest grid step out of 30 minutes that fits every start and length', () => {
    const s = (start: string, end: string) => session({ startsAt: at(start), endsAt: at(end) })
    assert.equal(timeslotOf([], clockOf(BERLIN)), '00:30')
    assert.equal(timeslotOf([s('2027-03-27T10:00', '2027-03-27T11:00')], clockOf(BERLIN)), '00:30')
    assert.equal(timeslotOf([s('2027-03-27T10:00', '2027-03-27T10:45')], clockOf(BERLIN)), '00:15')
    assert.equal(timeslotOf([s('2027-03-27T10:10', '2027-03-27T10:30')], clockOf(BERLIN)), '00:10')
    assert.equal(timeslotOf([s('2027-03-27T10:07', '2027-03-27T10:30')], clockOf(BERLIN)), '00:01')
  })
})

describe('titles and languages', () => {
  const both = { zh: '调度器深入解析', en: 'Scheduler deep dive' }

  it('titles a session in the language it is held in, with the other language’s title as its subtitle', () => {
    assert.deepEqual(sessionTitles({ title: both, language: 'zh' }, 'en'), {
      title: '调度器深入解析',
      subtitle: 'Scheduler deep dive',
      lang: 'zh',
    })
    assert.deepEqual(sessionTitles({ title: both, language: 'en' }, 'zh'), {
      title: 'Scheduler deep dive',
      subtitle: '调度器深入解析',
      lang: 'en',
    })
  })

  it('falls back to the file’s language when the session names none, and to the only title there is', () => {
    assert.equal(sessionTitles({ title: both, language: null }, 'zh').title, '调度器深入解析')
    assert.equal(sessionTitles({ title: both, language: null }, 'en').title, 'Scheduler deep dive')
    assert.deepEqual(sessionTitles({ title: { zh: '只有中文', en: '  ' }, language: 'en' }, 'en'), {
      title: '只有中文',
      subtitle: null,
      lang: 'zh',
    })
  })

  it('writes the abstract in the title’s language, and names rooms, speakers and the conference in the file’s', () => {
    const talk = session({
      title: both,
      abstract: { zh: '从源码读调度器。', en: 'Reading the code.' },
      language: 'zh',
      speakers: [listedPerson],
    })
    const en = eventBy(scheduleOf([talk]), talk.guid)
    assert.deepEqual(
      [en.title, en.abstract, en.room, en.persons[0]!.name],
      ['调度器深入解析', '从源码读调度器。', 'Hall 1', 'Li Wei'],
    )
    const zhSchedule = scheduleOf([talk], {}, 'zh')
    const zh = eventBy(zhSchedule, talk.guid)
    assert.deepEqual([zh.title, zh.room, zh.persons[0]!.name], ['调度器深入解析', '一号厅', '李伟'])
    assert.equal(zhSchedule.conference.title, '云原生日 2027')
    assert.equal(zh.language, 'zh')
  })
})

describe('schedule.xml', () => {
  it('escapes markup and quotes, keeps line breaks and tabs, and drops what XML cannot carry', () => {
    const title = `<b>Fish & "chips"</b> 'n' ]]> \u0001\u0008 end\uFFFE`
    const abstract = 'one\r\ntwo\tthree & <four>'
    const talk = session({
      title: { zh: null, en: title },
      abstract: { zh: null, en: abstract },
      track: 'A & "B"',
    })
    const xml = scheduleXml(scheduleOf([talk]), XML_URL)
    assert.equal(xml.includes('\u0001'), false)
    const read = readXml(xml).schedule
    const event = read.day[0].room[0].event[0]
    assert.equal(event.title, `<b>Fish & "chips"</b> 'n' ]]>  end`)
    assert.equal(event.abstract, abstract)
    assert.equal(event.track, 'A & "B"')
    assert.equal(read.conference.track[0]['@_name'], 'A & "B"')
  })

  it('escapes room and speaker names in attributes and text, line breaks included', () => {
    const awkward = [{ ...rooms[0]!, name: { zh: null, en: 'Room "A" & <B>\nupstairs' } }]
    const talk = session({ speakers: [{ person: null, name: { zh: null, en: "O'Brien & <Sons>" } }] })
    const xml = scheduleXml(programmeSchedule(conference(), awkward, [talk], context()), XML_URL)
    const room = readXml(xml).schedule.day[0].room[0]
    assert.equal(room['@_name'], 'Room "A" & <B>\nupstairs')
    assert.equal(room.event[0].room, 'Room "A" & <B>\nupstairs')
    assert.equal(room.event[0].persons.person[0]['#text'], "O'Brien & <Sons>")
  })

  it('writes a session as frab does: attributes, times, persons, links, attachments and recording', () => {
    const talk = session({
      speakers: [listedPerson, privatePerson, outsider],
      videoUrl: 'https://youtu.be/abc',
      slidesUrl: 'https://example.org/slides.pdf',
      episodeUrl: 'https://hearth.example/en/podcast/talk/ep-1',
      recording: { license: 'CC BY 4.0', optOut: true },
    })
    const s = scheduleOf([talk])
    const read = readXml(scheduleXml(s, XML_URL)).schedule
    assert.equal(read.url, XML_URL)
    assert.equal(read.version, '0.3')
    assert.equal(read.generator['@_name'], 'Hearth')
    assert.equal(read.generator['@_system'], 'hearth.example')
    assert.deepEqual(
      [read.conference.acronym, read.conference.start, read.conference.end, read.conference.days],
      ['cloud_native_days_2027', '2027-03-27', '2027-03-28', '2'],
    )
    assert.equal(read.conference.base_url, 'https://hearth.example/')
    const e = read.day[0].room[0].event[0]
    assert.equal(e['@_guid'], talk.guid)
    assert.equal(e['@_id'], String(talk.id))
    assert.deepEqual(
      [e.date, e.start, e.duration, e.type],
      ['2027-03-27T10:00:00+01:00', '10:00', '00:45', 'Talk'],
    )
    assert.deepEqual(
      e.persons.person.map((p: Json) => [p['#text'], p['@_guid'] ?? null]),
      [
        ['Li Wei', listedPerson.person!.id],
        ['Anna', null],
        ['Wang Fang', null],
      ],
    )
    assert.deepEqual(
      e.links.link.map((l: Json) => [l['@_type'], l['@_href'], l['#text']]),
      [
        ['media', 'https://youtu.be/abc', 'Video'],
        ['related', 'https://hearth.example/en/podcast/talk/ep-1', 'Podcast episode'],
      ],
    )
    assert.deepEqual(e.attachments.attachment[0]['@_type'], 'slides')
    assert.deepEqual([e.recording.license, e.recording.optout], ['CC BY 4.0', 'true'])
  })

  it('writes every day of a conference with nothing placed yet', () => {
    const read = readXml(scheduleXml(scheduleOf([]), XML_URL)).schedule
    assert.deepEqual(
      read.day.map((d: Json) => [d['@_index'], d['@_date'], d.room]),
      [
        ['1', '2027-03-27', undefined],
        ['2', '2027-03-28', undefined],
      ],
    )
  })
})

describe('schedule.json', () => {
  it('writes persons as frab’s (id, public_name) without pretalx’s name, so the schema’s oneOf takes them once', () => {
    const talk = session({ speakers: [listedPerson, privatePerson, outsider] })
    const other = session({ speakers: [outsider] })
    const json = JSON.parse(scheduleJson(scheduleOf([talk, other]), JSON_URL))
    const [first, second] = json.schedule.conference.days[0].rooms['Hall 1']
    assert.deepEqual(first.persons[0], {
      id: first.persons[0].id,
      public_name: 'Li Wei',
      guid: listedPerson.person!.id,
      url: 'https://hearth.example/en/people/li-wei',
    })
    assert.deepEqual(Object.keys(first.persons[1]).sort(), ['id', 'public_name'])
    for (const p of first.persons) assert.equal('name' in p, false)
    // One outsider, one number, in every session they speak in.
    assert.equal(first.persons[2].id, second.persons[0].id)
  })

  it('holds what the schema requires of every session, with nulls where nothing is known', () => {
    const json = JSON.parse(scheduleJson(scheduleOf([session()]), JSON_URL))
    assert.equal(json.$schema, 'https://c3voc.de/schedule/schema.json')
    assert.equal('rooms' in json.schedule, false)
    const e = json.schedule.conference.days[0].rooms['Hall 1'][0]
    for (const key of [
      'abstract',
      'date',
      'duration',
      'guid',
      'id',
      'language',
      'links',
      'persons',
      'room',
      'slug',
      'start',
      'subtitle',
      'title',
      'track',
      'type',
      'url',
    ])
      assert.ok(key in e, key)
    assert.deepEqual([e.subtitle, e.track, e.description, e.do_not_record], [null, null, null, null])
    assert.equal('recording_license' in e, false)
    assert.deepEqual(Object.keys(json.schedule.conference.days[1].rooms), [])
  })

  it('puts sessions without a room in the event’s own room with a stable guid, and names two rooms called alike apart', () => {
    const twins = [
      { ...rooms[0]!, name: { zh: null, en: 'Hall' } },
      { ...rooms[1]!, name: { zh: null, en: 'Hall' } },
    ]
    const sessions = [session({ roomId: 'room-a' }), session({ roomId: 'room-b' }), session({ roomId: null })]
    const json = JSON.parse(
      scheduleJson(programmeSchedule(conference(), twins, sessions, context()), JSON_URL),
    )
    const conf = json.schedule.conference
    assert.deepEqual(
      conf.rooms.map((r: Json) => r.name),
      ['Hall', 'Hall (2)', 'Community hall'],
    )
    assert.equal(conf.rooms[2].guid, defaultRoomGuid(conference().id))
    assert.equal(defaultRoomGuid(conference().id), defaultRoomGuid(conference().id))
    assert.notEqual(defaultRoomGuid(conference().id), defaultRoomGuid('0190a000-0000-7000-8000-000000000002'))
    assert.deepEqual(Object.keys(conf.days[0].rooms), ['Hall', 'Hall (2)', 'Community hall'])
  })

  it('keeps only http(s) links, written as the URL parser escapes them', () => {
    const talk = session({
      videoUrl: 'javascript:alert(1)',
      slidesUrl: 'https://example.org/幻灯片 1.pdf',
      episodeUrl: 'not a url',
    })
    const e = JSON.parse(scheduleJson(scheduleOf([talk]), JSON_URL)).schedule.conference.days[0].rooms[
      'Hall 1'
    ][0]
    assert.deepEqual(e.links, [])
    assert.deepEqual(e.attachments, [
      { type: 'slides', url: 'https://example.org/%E5%B9%BB%E7%81%AF%E7%89%87%201.pdf', title: 'Slides' },
    ])
  })

  it('carries the same words as the XML, control characters dropped from both', () => {
    const talk = session({ title: { zh: null, en: 'A\u0000B & <C>' } })
    const s = scheduleOf([talk])
    const json = JSON.parse(scheduleJson(s, JSON_URL))
    assert.equal(json.schedule.conference.days[0].rooms['Hall 1'][0].title, 'AB & <C>')
    assert.equal(readXml(scheduleXml(s, XML_URL)).schedule.day[0].room[0].event[0].title, 'AB & <C>')
  })
})

describe('names the tools key on', () => {
  it('makes an acronym both schemas take from any event address', () => {
    for (const [slug, expected] of [
      ['cloud-native-days-2027', 'cloud_native_days_2027'],
      ['kubecon', 'kubecon'],
      ['hk', 'hk_2027'],
      ['a', 'a_2027'],
      ['2027-hk', '2027_hk'],
    ] as const) {
      const acronym = acronymOf(slug, '2027-06-10')
      assert.equal(acronym, expected)
      assert.match(acronym, XSD_ACRONYM)
      assert.match(acronym, JSON_ACRONYM)
    }
  })

  it('makes slugs both schemas take: Latin words of the title, none for a Chinese-only title, cut at a word', () => {
    const cases = [
      sessionSlug('kubecon_2027', 42, { zh: null, en: 'Scheduler: a deep dive!' }),
      sessionSlug('kubecon_2027', 123456, { zh: '调度器深入解析', en: null }),
      sessionSlug('kubecon_2027', 7, { zh: '调度器', en: null }),
      sessionSlug('kubecon_2027', 42, { zh: '在 Kubernetes 上跑 AI', en: null }),
      sessionSlug('kubecon_2027', 42, { zh: null, en: 'Über Café: Déjà vu '.repeat(8) }),
      sessionSlug('kubecon_2027', 42, { zh: null, en: 'x'.repeat(80) }),
    ]
    assert.deepEqual(cases.slice(0, 4), [
      'kubecon_2027-42-scheduler-a-deep-dive',
      'kubecon_2027-123456',
      'kubecon_2027-session-7',
      'kubecon_2027-42-kubernetes-ai',
    ])
    assert.ok(cases[4]!.startsWith('kubecon_2027-42-uber-cafe-deja-vu-uber'))
    assert.ok(cases[4]!.length <= 'kubecon_2027-42-'.length + 50)
    assert.equal(cases[5], `kubecon_2027-42-${'x'.repeat(50)}`)
    for (const slug of cases) {
      assert.match(slug, XSD_SLUG)
      assert.match(slug, JSON_SLUG)
    }
  })

  it('follows the event’s calendar sequence for the version until one is named', () => {
    assert.equal(scheduleVersion(0), '0.1')
    assert.equal(scheduleVersion(6), '0.7')
  })
})
