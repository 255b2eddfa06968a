import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { zonedTime } from '../../platform/i18n/time-zone.ts'
import {
  acceptConflict,
  type Conflict,
  findConflicts,
  liveAcceptances,
  openConflicts,
  type PlacedSession,
  type ScheduleFrame,
} from './programme.conflicts.rules.ts'

const zone = 'Asia/Hong_Kong'
const t = (local: string, tz = zone) => zonedTime(`2027-06-${local}`, tz)
const frame: ScheduleFrame = {
  timeZone: zone,
  startsAt: t('10T09:00'),
  endsAt: t('11T18:00'),
  rooms: [
    { id: 'hall', hours: null },
    { id: 'a', hours: { opens: '09:00', closes: '18:00' } },
    { id: 'b', hours: { opens: '18:00', closes: '02:00' } },
  ],
}
const session = (
  id: string,
  room: string | null,
  from: string,
  to: string,
  people: string[] = [],
  extra = {},
) => ({ id, roomId: room, startsAt: t(from), endsAt: t(to), people, ...extra }) satisfies PlacedSession
const kinds = (cs: Conflict[]) =>
  cs.map((c) => [c.kind, ...c.sessionIds, c.personId ?? c.roomId ?? ''].join(' ').trim()).sort()

describe('conflicts between sessions', () => {
  it('finds none in a clean schedule, and none between touching slots', () => {
    const sessions = [
      session('s1', 'a', '10T09:00', '10T10:00', ['ana']),
      session('s2', 'a', '10T10:00', '10T11:00', ['ana']),
      session('s3', 'hall', '10T10:00', '10T11:00', ['bo']),
    ]
    assert.deepEqual(findConflicts(sessions, frame), [])
  })

  it('finds two sessions in one room, and one speaker in two rooms', () => {
    const sessions = [
      session('s1', 'a', '10T09:00', '10T10:00', ['ana']),
      session('s2', 'a', '10T09:59', '10T11:00', ['bo']),
      session('s3', 'hall', '10T09:30', '10T09:45', ['ana']),
    ]
    assert.deepEqual(kinds(findConflicts(sessions, frame)), ['room s1 s2 a', 'speaker s1 s3 ana'])
  })

  it('counts co-speakers, moderators and panelists alike, once per person', () => {
    const sessions = [
      session('panel', 'a', '10T14:00', '10T15:00', ['mod', 'p1', 'p2']),
      session('talk', 'hall', '10T14:30', '10T15:30', ['lead', 'p2', 'p2']),
    ]
    assert.deepEqual(kinds(findConflicts(sessions, frame)), ['speaker panel talk p2'])
  })

  it('treats the unnamed room as one room', () => {
    const sessions = [
      session('s1', null, '10T09:00', '10T10:00'),
      session('s2', null, '10T09:30', '10T10:30'),
    ]
    assert.deepEqual(kinds(findConflicts(sessions, frame)), ['room s1 s2'])
  })

  it('finds every pair when several overlap, including one nested in a long one', () => {
    const sessions = [
      session('long', 'hall', '10T09:00', '10T12:00'),
      session('x', 'hall', '10T09:30', '10T10:00'),
      session('y', 'hall', '10T10:00', '10T10:30'),
      session('z', 'hall', '10T11:59', '10T12:30'),
    ]
    assert.deepEqual(kinds(findConflicts(sessions, frame)), [
      'room long x hall',
      'room long y hall',
      'room long z hall',
    ])
  })

  it('lets a plenary or break span every room', () => {
    const sessions = [
      session('keynote', 'hall', '10T09:00', '10T10:00', ['ana'], { spansRooms: true }),
      session('early', 'a', '10T09:30', '10T10:15', ['bo']),
      session('after', 'a', '10T10:15', '10T10:30', ['cy']),
      session('lunch', null, '10T12:00', '10T13:00', [], { spansRooms: true }),
      session('overrun', 'hall', '10T11:30', '10T12:05'),
      session('lunch-talk', null, '10T12:30', '10T12:45'),
    ]
    assert.deepEqual(kinds(findConflicts(sessions, frame)), [
      'plenary early keynote',
      'plenary lunch lunch-talk',
      'plenary lunch overrun',
    ])
  })
})

describe('conflicts with the event and the rooms', () => {
  it('finds a session outside the event\u2019s days, in its zone', () => {
    const sessions = [
      session('before', 'hall', '09T23:00', '09T23:30'),
      session('first-morning', 'hall', '10T00:00', '10T00:30'),
      session('last-night', 'hall', '11T23:00', '12T00:00'),
      session('after', 'hall', '11T23:30', '12T00:30'),
    ]
    assert.deepEqual(kinds(findConflicts(sessions, frame)), [
      'outside_event after',
      'outside_event before',
      'room after last-night hall',
    ])
  })

  it('ends the event\u2019s last day at midnight in Europe/Berlin across the spring DST change', () => {
    // 28 March 2027 has 23 hours in Berlin: midnight after it is 22:00 UTC, not 23:00.
    const berlin: ScheduleFrame = {
      timeZone: 'Europe/Berlin',
      startsAt: zonedTime('2027-03-26T09:00', 'Europe/Berlin'),
      endsAt: zonedTime('2027-03-28T18:00', 'Europe/Berlin'),
      rooms: [{ id: 'a', hours: { opens: '09:00', closes: '18:00' } }],
    }
    const at = (iso: string) => new Date(iso)
    const sessions: PlacedSession[] = [
      {
        id: 'late-inside',
        roomId: null,
        startsAt: at('2027-03-28T21:00:00Z'),
        endsAt: at('2027-03-28T22:00:00Z'),
        people: [],
      },
      {
        id: 'past-midnight',
        roomId: 'x',
        startsAt: at('2027-03-28T22:00:00Z'),
        endsAt: at('2027-03-28T22:30:00Z'),
        people: [],
      },
      // 09:00 in Berlin is 08:00 UTC before the change and 07:00 UTC after it.
      {
        id: 'opening-sunday',
        roomId: 'a',
        startsAt: at('2027-03-28T07:00:00Z'),
        endsAt: at('2027-03-28T08:00:00Z'),
        people: [],
      },
      {
        id: 'early-friday',
        roomId: 'a',
        startsAt: at('2027-03-26T07:00:00Z'),
        endsAt: at('2027-03-26T08:00:00Z'),
        people: [],
      },
      {
        id: 'friday-first-minute',
        roomId: 'x',
        startsAt: at('2027-03-25T23:00:00Z'),
        endsAt: at('2027-03-25T23:30:00Z'),
        people: [],
      },
      {
        id: 'thursday-last',
        roomId: 'y',
        startsAt: at('2027-03-25T22:30:00Z'),
        endsAt: at('2027-03-25T23:00:00Z'),
        people: [],
      },
    ]
    assert.deepEqual(kinds(findConflicts(sessions, berlin)), [
      'outside_event past-midnight',
      'outside_event thursday-last',
      'outside_room_hours early-friday a',
    ])
  })

  it('finds a session outside its room\u2019s hours, rooms open past midnight included', () => {
    const sessions = [
      session('a-ok', 'a', '10T09:00', '10T18:00'),
      session('a-early', 'a', '11T08:30', '11T09:00'),
      session('a-late', 'a', '11T17:30', '11T18:01'),
      session('b-evening', 'b', '10T20:00', '10T21:00'),
      session('b-small-hours', 'b', '11T01:00', '11T02:00'),
      session('b-too-late', 'b', '11T01:30', '11T02:30'),
      session('b-afternoon', 'b', '11T15:00', '11T16:00'),
      session('hall-any-time', 'hall', '10T07:00', '10T08:00'),
    ]
    assert.deepEqual(kinds(findConflicts(sessions, frame)), [
      'outside_room_hours a-early a',
      'outside_room_hours a-late a',
      'outside_room_hours b-afternoon b',
      'outside_room_hours b-too-late b',
      'room b-small-hours b-too-late b',
    ])
  })

  it('finds a session longer than its slot, or out of it', () => {
    const slot = { startsAt: t('10T10:00'), endsAt: t('10T10:30') }
    const sessions = [
      session('fits', 'a', '10T10:00', '10T10:30', [], { slot }),
      session('long', 'hall', '10T10:00', '10T10:40', [], { slot }),
      session('no-slot', null, '10T13:00', '10T17:00', [], { slot: null }),
    ]
    assert.deepEqual(kinds(findConflicts(sessions, frame)), ['longer_than_slot long'])
  })
})

describe('accepting a conflict', () => {
  const base = [
    session('s1', 'a', '10T09:00', '10T10:00', ['ana']),
    session('s2', 'hall', '10T09:30', '10T10:30', ['ana']),
  ]
  const now = new Date('2027-06-01T00:00:00Z')

  it('keeps a conflict accepted while its sessions stay put, whatever else moves or the order given', () => {
    const [c] = findConflicts(base, frame)
    const accepted = [acceptConflict(c!, { personId: 'org', now })]
    assert.deepEqual(accepted, [{ key: c!.key, acceptedBy: 'org', at: now }])
    assert.deepEqual(openConflicts(findConflicts(base, frame), accepted), [])
    const withOther = [...base, session('s3', 'b', '10T20:00', '10T21:00', ['bo'])].reverse()
    assert.deepEqual(openConflicts(findConflicts(withOther, frame), accepted), [])
    assert.deepEqual(liveAcceptances(findConflicts(withOther, frame), accepted), accepted)
  })

  it('asks again once a session involved moves, even if the conflict remains', () => {
    const [c] = findConflicts(base, frame)
    const accepted = [acceptConflict(c!, { personId: 'org', now })]
    for (const moved of [
      [base[0]!, { ...base[1]!, startsAt: t('10T09:45') }],
      [base[0]!, { ...base[1]!, roomId: 'b' }],
      [{ ...base[0]!, endsAt: t('10T10:15') }, base[1]!],
    ]) {
      const after = findConflicts(moved, frame).filter((x) => x.kind === 'speaker')
      assert.equal(after.length, 1)
      assert.equal(openConflicts(after, accepted).length, 1)
      assert.deepEqual(liveAcceptances(after, accepted), [])
    }
  })

  it('keys a speaker conflict by person: the same sessions with another double-booked person are a new question', () => {
    const both = base.map((s) => ({ ...s, people: ['ana', 'bo'] }))
    const cs = findConflicts(both, frame)
    assert.equal(cs.length, 2)
    assert.notEqual(cs[0]!.key, cs[1]!.key)
  })
})

// A three-day, six-room conference of 300 sessions: 100 a day in 30-minute slots from 09:00,
// with a keynote plenary each morning and speakers who give several talks and moderate panels.
function conference() {
  const days = ['10', '11', '12']
  const rooms = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6']
  const big: ScheduleFrame = {
    timeZone: zone,
    startsAt: t('10T09:00'),
    endsAt: t('12T20:00'),
    rooms: rooms.map((id) => ({ id, hours: { opens: '08:00', closes: '20:00' } })),
  }
  const sessions: PlacedSession[] = []
  let n = 0
  let seed = 7
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
  for (const day of days) {
    // The last morning's keynote overruns into the first talks.
    const keynoteEnds = day === '12' ? `${day}T09:35` : `${day}T09:30`
    sessions.push({
      ...session(`keynote-${day}`, 'r1', `${day}T09:00`, keynoteEnds, [`p${n % 120}`]),
      spansRooms: true,
    })
    n++
    for (let i = 0; i < 99; i++) {
      const room = rooms[i % 6]!
      const slot = Math.floor(i / 6)
      const start = zonedTime(`2027-06-${day}T09:30`, zone).getTime() + slot * 30 * 60_000
      // Mostly fitting the slot, sometimes overrunning it or placed in the same room twice.
      const length = random() < 0.05 ? 45 : 30
      const people = Array.from(
        { length: 1 + Math.floor(random() * 3) },
        () => `p${Math.floor(random() * 120)}`,
      )
      sessions.push({
        id: `s${n++}`,
        roomId: random() < 0.02 ? rooms[(i + 1) % 6]! : room,
        startsAt: new Date(start),
        endsAt: new Date(start + length * 60_000),
        people,
        slot: { startsAt: new Date(start), endsAt: new Date(start + 30 * 60_000) },
      })
    }
  }
  return { big, sessions }
}

// The obvious check, pair by pair, to hold the sweep to.
function naivePairs(sessions: PlacedSession[]) {
  const found: string[] = []
  for (let i = 0; i < sessions.length; i++) {
    for (let j = i + 1; j < sessions.length; j++) {
      const a = sessions[i]!
      const b = sessions[j]!
      if (!(a.startsAt < b.endsAt && b.startsAt < a.endsAt)) continue
      const ids = [a.id, b.id].sort().join(' ')
      if (a.spansRooms || b.spansRooms) found.push(`plenary ${ids}`)
      else if (a.roomId === b.roomId) found.push(`room ${ids} ${a.roomId}`)
      for (const p of new Set(a.people)) if (b.people.includes(p)) found.push(`speaker ${ids} ${p}`)
    }
  }
  return found.sort()
}

describe('a 300-session, 6-room, 3-day conference', () => {
  it('finds exactly the conflicts a pair-by-pair check finds', () => {
    const { big, sessions } = conference()
    assert.equal(sessions.length, 300)
    const found = findConflicts(sessions, big)
    const pairs = kinds(found.filter((c) => c.sessionIds.length === 2))
    const expected = naivePairs(sessions)
    assert.ok(expected.some((k) => k.startsWith('speaker')))
    assert.ok(expected.some((k) => k.startsWith('room')))
    assert.ok(expected.some((k) => k.startsWith('plenary')))
    assert.deepEqual(pairs, expected)
    assert.ok(found.some((c) => c.kind === 'longer_than_slot'))
    assert.equal(new Set(found.map((c) => c.key)).size, found.length)
  })
})
