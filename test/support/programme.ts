// Programmes for tests: a two-day conference in Berlin over the night summer time starts, with
// rooms, speakers of every kind, links and awkward text. The plain values feed the exports' pure
// rules; `berlinConference` and `programmeBuilder` make the same conference through the events
// service for the page, editor and export suites, so each test adds only what it is about.

import type { Actor } from '../../src/features/access/index.ts'
import type { SessionInput, SpeakerInput } from '../../src/features/events/events.inputs.ts'
import { addRoom, addSession, addSpeaker } from '../../src/features/events/events.service.ts'
import type {
  ProgrammeConference,
  ProgrammeContext,
  ProgrammeRoom,
  ProgrammeSession,
  ProgrammeSpeaker,
} from '../../src/features/programme/programme.exports.rules.ts'
import type { Deps } from '../../src/platform/deps.ts'
import { zonedTime } from '../../src/platform/i18n/time-zone.ts'
import { createEvent, type EventOverrides } from './events.ts'

type Writing = Pick<Deps, 'db' | 'now' | 'config'>

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

/** A session as the editor's form sends it with every field left empty: tests spread what they set over it. */
export const blankSession = {
  kind: 'talk' as const,
  titleZh: null,
  titleEn: null,
  abstractZh: null,
  abstractEn: null,
  language: null,
  roomId: null,
  startsAt: null,
  endsAt: null,
  episodeId: null,
  videoUrl: null,
  slidesUrl: null,
}

/** Rooms, sessions and speakers added to one event by one organiser, as the console would. */
export function programmeBuilder(deps: Writing, actor: NonNullable<Actor>, eventId: string) {
  return {
    room: (nameZh: string | null, nameEn: string | null, capacity: number | null = null) =>
      addRoom(deps, actor, eventId, { nameZh, nameEn, capacity }),
    session: (fields: Partial<SessionInput>) =>
      addSession(deps, actor, eventId, { ...blankSession, ...fields }),
    /** A person here, named by their handle as the form does. */
    person: (sessionId: string, handle: string, role: SpeakerInput['role'] = 'speaker') =>
      addSpeaker(deps, actor, eventId, sessionId, {
        handle,
        nameZh: null,
        nameEn: null,
        affiliation: null,
        role,
      }),
    /** Someone from outside, named by hand. */
    guest: (
      sessionId: string,
      who: Pick<SpeakerInput, 'nameZh' | 'nameEn' | 'affiliation'>,
      role: SpeakerInput['role'] = 'speaker',
    ) => addSpeaker(deps, actor, eventId, sessionId, { handle: null, ...who, role }),
  }
}

/**
 * A published conference in Berlin, 27–28 March 2027, organised by the chapter's leader, with
 * Hall 1 (capacity `hall1Capacity`) and Hall 2 and nothing scheduled yet; `over` changes the event.
 */
export async function berlinConference(
  team: { deps: Writing; leader: string; actorOf: (personId: string) => Promise<NonNullable<Actor>> },
  over: EventOverrides = {},
  hall1Capacity: number | null = 300,
) {
  const { deps, leader, actorOf } = team
  const event = await createEvent(deps, {
    kind: 'conference',
    timeZone: BERLIN,
    titleZh: '云原生日',
    titleEn: 'Cloud Native Days',
    startsAt: at('2027-03-27T09:00'),
    endsAt: at('2027-03-28T18:00'),
    organisers: [leader],
    ...over,
  })
  const actor = await actorOf(leader)
  const build = programmeBuilder(deps, actor, event.id)
  const hall1 = await build.room('一号厅', 'Hall 1', hall1Capacity)
  const hall2 = await build.room('二号厅', 'Hall 2')
  return { event, actor, hall1, hall2, ...build }
}
