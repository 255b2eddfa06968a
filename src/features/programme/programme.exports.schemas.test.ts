// The schedule files of awkward programmes held to c3voc's own schemas (read from ../shared: a loud
// skip without them, a failure in CI). The structure is tested without them in the rules' tests.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { c3vocValidators } from '../../../test/support/c3voc.ts'
import {
  at,
  conference,
  context,
  listedPerson,
  outsider,
  privatePerson,
  richSessions,
  rooms,
  session,
} from '../../../test/support/programme.ts'
import {
  type Lang,
  type ProgrammeSession,
  programmeSchedule,
  scheduleJson,
  scheduleXml,
} from './programme.exports.rules.ts'

const validators = c3vocValidators('validating schedule exports against c3voc’s schemas')
const XML_URL = 'https://hearth.example/en/events/cloud-native-days-2027/schedule.xml'
const JSON_URL = 'https://hearth.example/en/events/cloud-native-days-2027/schedule.json'

function assertValid(
  sessions: ProgrammeSession[],
  over: Parameters<typeof conference>[0] = {},
  locale: Lang = 'en',
  roomList = rooms,
) {
  const schedule = programmeSchedule(conference(over), roomList, sessions, context({ locale }))
  assert.deepEqual(validators!.xml(scheduleXml(schedule, XML_URL)), [])
  assert.deepEqual(validators!.json(scheduleJson(schedule, JSON_URL)), [])
}

describe('schedule files against c3voc’s schemas', { skip: !validators }, () => {
  it('takes a programme with every kind of speaker, link, room and awkward text, in both languages', () => {
    assertValid(richSessions(), {}, 'en')
    assertValid(richSessions(), {}, 'zh')
  })

  it('takes a conference with nothing placed, and one whose only session has no room', () => {
    assertValid([])
    assertValid([session({ roomId: null })], { defaultRoomName: '线上' })
  })

  it('takes Hong Kong’s clocks, a zone the JSON pattern refuses, and the autumn change in Berlin', () => {
    const hk = (local: string) => at(local, 'Asia/Hong_Kong')
    assertValid([session({ startsAt: hk('2027-06-10T13:30'), endsAt: hk('2027-06-10T14:05') })], {
      timeZone: 'Asia/Hong_Kong',
      startsAt: hk('2027-06-10T09:00'),
      endsAt: hk('2027-06-12T17:00'),
    })
    const gmt = (local: string) => at(local, 'Etc/GMT-8')
    assertValid([session({ startsAt: gmt('2027-06-10T13:30'), endsAt: gmt('2027-06-10T14:00') })], {
      timeZone: 'Etc/GMT-8',
      startsAt: gmt('2027-06-10T09:00'),
      endsAt: gmt('2027-06-10T18:00'),
    })
    assertValid(
      [
        session({ startsAt: new Date('2027-10-31T00:30:00Z'), endsAt: new Date('2027-10-31T01:45:00Z') }),
        session({ startsAt: new Date('2027-10-31T01:30:00Z'), endsAt: new Date('2027-10-31T02:45:00Z') }),
      ],
      { startsAt: at('2027-10-30T09:00'), endsAt: at('2027-10-31T18:00') },
    )
  })

  it('takes rooms called alike, a short address, Chinese-only titles and a speaker in two sessions at once', () => {
    const twins = rooms.map((r) => ({ ...r, name: { zh: '大厅', en: null } }))
    const shared = [listedPerson, privatePerson, outsider]
    assertValid(
      [
        session({ title: { zh: '只有中文', en: null }, language: 'zh', speakers: shared }),
        session({ title: { zh: '也只有中文', en: null }, roomId: 'room-b', speakers: shared }),
        session({ roomId: null, title: { zh: null, en: '!!!' } }),
      ],
      { slug: 'hk' },
      'zh',
      twins,
    )
  })
})
