import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { zonedTime } from '../../platform/i18n/time-zone.ts'
import { findConflicts } from './programme.conflicts.rules.ts'
import {
  asPublished,
  type EditorSession,
  eventDays,
  movesFor,
  placedSessions,
  readPlacement,
  snapshotOf,
  storedLog,
  wallClock,
} from './programme.editor.rules.ts'
import { changeLog } from './programme.versions.rules.ts'

const BERLIN = 'Europe/Berlin'
const at = (local: string) => zonedTime(local, BERLIN)
const event = { startsAt: at('2027-03-27T09:00'), endsAt: at('2027-03-28T18:00'), timeZone: BERLIN }
const ctx = {
  sessionIds: ['s1', 's2'],
  roomIds: ['r1', 'r2'],
  days: eventDays(event),
  timeZone: BERLIN,
}

const session = (over: Partial<EditorSession> = {}): EditorSession => ({
  id: 's1',
  guid: 'g1',
  kind: 'talk',
  titleZh: null,
  titleEn: 'Rust',
  roomId: 'r1',
  startsAt: at('2027-03-27T10:00'),
  endsAt: at('2027-03-27T10:45'),
  people: ['p1'],
  ...over,
})

describe('the schedule editor’s rules', () => {
  it('offers the event’s days in its zone, the last one included', () => {
    assert.deepEqual(eventDays(event), ['2027-03-27', '2027-03-28'])
    // Ending at midnight: the next day is not one of the event's.
    assert.deepEqual(eventDays({ ...event, endsAt: at('2027-03-28T00:00') }), ['2027-03-27'])
  })

  it('reads the plain form as a place on the event’s clocks, across the night summer time starts', () => {
    const read = readPlacement(
      { session: 's1', room: 'r2', day: '2027-03-28', start: '01:30', end: '03:30' },
      ctx,
    )
    assert.ok(read.ok)
    assert.equal(read.placement.roomId, 'r2')
    // 02:00 to 03:00 does not exist that night: 01:30 to 03:30 lasts an hour.
    assert.equal(read.placement.endsAt.getTime() - read.placement.startsAt.getTime(), 60 * 60_000)
    assert.deepEqual(wallClock(read.placement.startsAt, BERLIN), { day: '2027-03-28', time: '01:30' })
  })

  it('puts a session across every room when the form says all rooms', () => {
    const read = readPlacement(
      { session: 's1', room: 'all', day: '2027-03-27', start: '12:00', end: '13:00' },
      ctx,
    )
    assert.ok(read.ok)
    assert.equal(read.placement.roomId, null)
  })

  it('refuses what is not this event’s, days outside it, malformed times and an end before its start', () => {
    const base = { session: 's1', room: 'r1', day: '2027-03-27', start: '10:00', end: '10:45' }
    const refusal = (over: Record<string, string>) => {
      const r = readPlacement({ ...base, ...over }, ctx)
      return r.ok ? null : r.refusal
    }
    assert.equal(refusal({ session: 'other' }), 'unknownSession')
    assert.equal(refusal({ room: 'r9' }), 'unknownRoom')
    assert.equal(refusal({ day: '2027-03-29' }), 'badDay')
    assert.equal(refusal({ start: '9:00' }), 'badTime')
    assert.equal(refusal({ end: '24:00' }), 'badTime')
    assert.equal(refusal({ end: '10:00' }), 'endBeforeStart')
    assert.equal(refusal({ end: '09:00' }), 'endBeforeStart')
  })

  it('spans rooms only when the event has rooms, so a plenary over a session is a conflict', () => {
    const sessions = [session(), session({ id: 's2', guid: 'g2', roomId: null, people: [] })]
    assert.equal(placedSessions(sessions, false)[1]!.spansRooms, false)
    const placed = placedSessions(sessions, true)
    assert.equal(placed[1]!.spansRooms, true)
    const frame = { ...event, rooms: [{ id: 'r1', hours: null }] }
    assert.deepEqual(
      findConflicts(placed, frame).map((c) => c.kind),
      ['plenary'],
    )
    // Unplaced sessions are not checked at all.
    assert.equal(placedSessions([session({ startsAt: null, endsAt: null })], true).length, 0)
  })

  it('keeps breaks and unplaced sessions out of a published version, and names who to tell of a move', () => {
    const before = snapshotOf([
      session(),
      session({ id: 'b', guid: 'gb', kind: 'break', roomId: null, people: [] }),
      session({ id: 's2', guid: 'g2', startsAt: null, endsAt: null }),
    ])
    assert.deepEqual(
      before.map((s) => s.guid),
      ['g1'],
    )
    const after = snapshotOf([
      session({ roomId: 'r2', startsAt: at('2027-03-28T14:00'), endsAt: at('2027-03-28T14:45') }),
    ])
    const log = storedLog(changeLog(asPublished(before), asPublished(after)), after, before)
    assert.equal(log.moved.length, 1)
    assert.equal(log.moved[0]!.titleEn, 'Rust')
    assert.equal(log.moved[0]!.before.roomId, 'r1')
    assert.equal(log.moved[0]!.after.startsAt, at('2027-03-28T14:00').toISOString())
    assert.equal(movesFor('p1', log, after, before).moved.length, 1)
    assert.equal(movesFor('p2', log, after, before).moved.length, 0)
  })
})
