// Plain programmes for the schedule exports' tests: a two-day conference in Berlin over the night
// summer time starts, with rooms, speakers of every kind, links and awkward text, built so each
// test changes only what it is about.

import type {
  ProgrammeConference,
  ProgrammeContext,
  ProgrammeRoom,
  ProgrammeSession,
  ProgrammeSpeaker,
} from '../../src/features/programme/programme.exports.rules.ts'
import { zonedTime } from '../../src/platform/i18n/time-zone.ts'

export const BERLIN = 'Europe/Berlin'
export const at = (local: string, zone = BERLIN) => zonedTime(local, zone)

/** 27–28 March 2027 in Berlin: clocks go from 02:00 to 03:00 in the night between. */
export const conference = (over: Partial<ProgrammeConference> = {}): ProgrammeConference => ({
  id: '0190a000-0000-7000-8000-000000000001',
  slug: 'cloud-native-days-2027',
  title: { zh: '云原生日 2027', en: 'Cloud Native Days 2027' },
  summary: { zh: '两天的演讲与圆桌。', en: 'Two days of talks and roundtables.' },
  timeZone: BERLIN,
  startsAt: at('2027-03-27T09:00'),
  endsAt: at('2027-03-28T18:00'),
  url: 'https://hearth.example/en/events/cloud-native-days-2027',
  defaultRoomName: 'Community hall',
  ...over,
})

export const rooms: ProgrammeRoom[] = [
  {
    id: 'room-a',
    guid: '5f0c1e8a-0b7e-4f55-9d0a-2f4e8b1c0a01',
    name: { zh: '一号厅', en: 'Hall 1' },
    capacity: 300,
  },
  {
    id: 'room-b',
    guid: '5f0c1e8a-0b7e-4f55-9d0a-2f4e8b1c0a02',
    name: { zh: '二号厅', en: 'Hall 2' },
    capacity: null,
  },
]

export const listedPerson: ProgrammeSpeaker = {
  person: {
    id: '0190a000-0000-7000-8000-0000000000aa',
    handle: 'li-wei',
    name: { zh: '李伟', en: 'Li Wei' },
    listed: true,
  },
  name: { zh: null, en: null },
}
export const privatePerson: ProgrammeSpeaker = {
  person: {
    id: '0190a000-0000-7000-8000-0000000000bb',
    handle: 'member-x1',
    name: { zh: null, en: 'Anna' },
    listed: false,
  },
  name: { zh: null, en: null },
}
export const outsider: ProgrammeSpeaker = { person: null, name: { zh: '王芳', en: 'Wang Fang' } }

let n = 0
export function session(over: Partial<ProgrammeSession> = {}): ProgrammeSession {
  n++
  return {
    guid: `7c9e6679-7425-40de-944b-${String(n).padStart(12, '0')}`,
    id: 1000 + n,
    type: 'Talk',
    title: { zh: null, en: `Session ${n}` },
    abstract: { zh: null, en: `About session ${n}.` },
    description: { zh: null, en: null },
    language: 'en',
    roomId: 'room-a',
    startsAt: at('2027-03-27T10:00'),
    endsAt: at('2027-03-27T10:45'),
    track: null,
    url: `https://hearth.example/en/events/cloud-native-days-2027#session-${n}`,
    speakers: [],
    videoUrl: null,
    slidesUrl: null,
    episodeUrl: null,
    recording: null,
    ...over,
  }
}

export const context = (over: Partial<ProgrammeContext> = {}): ProgrammeContext => ({
  locale: 'en',
  baseUrl: 'https://hearth.example',
  version: '0.3',
  words: { video: 'Video', slides: 'Slides', episode: 'Podcast episode' },
  ...over,
})

/** Everything at once: what the schema tests send through both validators. */
export function richSessions(): ProgrammeSession[] {
  return [
    session({
      title: { zh: '调度器深入解析', en: 'Scheduler deep dive' },
      abstract: { zh: '从源码读调度器。', en: 'Reading the scheduler’s code.' },
      language: 'zh',
      speakers: [listedPerson, outsider],
      videoUrl: 'https://www.bilibili.com/video/BV1xx411c7mD',
      slidesUrl: 'https://example.org/幻灯片/scheduler.pdf',
    }),
    session({
      type: 'Roundtable',
      title: { zh: null, en: 'Tags <b> & "quotes" \'n\' ]]> \u0001 control' },
      abstract: { zh: null, en: 'Line one\r\nline two\ttabbed & <escaped>' },
      roomId: 'room-b',
      startsAt: at('2027-03-27T10:00'),
      endsAt: at('2027-03-27T11:30'),
      speakers: [privatePerson, outsider],
      track: 'Platform & "Ops"',
      episodeUrl: 'https://hearth.example/en/podcast/talk/episode-1',
      recording: { license: 'CC BY 4.0', optOut: false },
    }),
    // Before the clocks jump: still the evening of the 27th, and one hour long in real time.
    session({ roomId: null, startsAt: at('2027-03-28T01:30'), endsAt: at('2027-03-28T03:30') }),
    session({
      title: { zh: '只有中文标题', en: null },
      language: null,
      startsAt: at('2027-03-28T10:00'),
      endsAt: at('2027-03-28T10:30'),
    }),
  ]
}
