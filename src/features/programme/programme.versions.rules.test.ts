import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  changeLog,
  compareVersions,
  hasChanges,
  nextVersion,
  type PublishedSession,
  parseVersion,
} from './programme.versions.rules.ts'

const next = (previous: string | null, final = false) => {
  const r = nextVersion(previous, { final })
  return r.ok ? r.version : r.refusal
}

describe('schedule version numbers', () => {
  it('starts at 0.1 and counts minor numbers past 0.9 to 0.10 and on', () => {
    assert.equal(next(null), '0.1')
    assert.equal(next('0.1'), '0.2')
    assert.equal(next('0.9'), '0.10')
    assert.equal(next('0.10'), '0.11')
    assert.equal(next('0.99'), '0.100')
    let v: string | null = null
    for (let i = 0; i < 12; i++) v = next(v)
    assert.equal(v, '0.12')
  })

  it('goes to the next major number only when a version is called final', () => {
    assert.equal(next('0.10', true), '1.0')
    assert.equal(next(null, true), '1.0')
    assert.equal(next('1.0'), '1.1')
    assert.equal(next('1.9'), '1.10')
    assert.equal(next('1.10', true), '2.0')
  })

  it('refuses what is not a version', () => {
    for (const bad of ['', '1', 'v0.1', '0.1.2', '01.1', '0.01', '0.-1', ' 0.1', 'a.b']) {
      assert.equal(next(bad), 'not_a_version', bad)
      assert.equal(parseVersion(bad), null, bad)
    }
  })

  it('orders versions as numbers', () => {
    const versions = ['0.10', '1.0', '0.2', '0.9', '1.10', '1.2', '0.1']
    assert.deepEqual([...versions].sort(compareVersions), ['0.1', '0.2', '0.9', '0.10', '1.0', '1.2', '1.10'])
  })
})

const h = (hour: number, minute = 0) => new Date(Date.UTC(2027, 5, 10, hour, minute))
const s = (
  id: string,
  roomId: string | null,
  start: number,
  end: number,
  speakers: string[],
  cancelled = false,
) => ({ id, roomId, startsAt: h(start), endsAt: h(end), speakers, cancelled }) satisfies PublishedSession

describe('the change log between two published schedules', () => {
  it('says nothing changed for the same schedule, in any order', () => {
    const v1 = [s('a', 'r1', 1, 2, ['ana']), s('b', 'r2', 1, 2, ['bo'])]
    const log = changeLog(
      v1,
      [...v1].reverse().map((x) => ({ ...x, startsAt: new Date(x.startsAt) })),
    )
    assert.deepEqual(log, { added: [], removed: [], cancelled: [], moved: [], tell: [] })
    assert.equal(hasChanges(log), false)
  })

  it('lists added, removed, cancelled and moved sessions with before and after', () => {
    const v1 = [
      s('stay', 'r1', 1, 2, ['ana']),
      s('room', 'r1', 2, 3, ['bo', 'cy']),
      s('time', 'r2', 1, 2, ['cy']),
      s('both', 'r2', 2, 3, ['dee']),
      s('longer', 'r2', 3, 4, ['eve']),
      s('gone', 'r1', 3, 4, ['fay']),
      s('cancel', 'r1', 4, 5, ['gus']),
    ]
    const v2 = [
      s('stay', 'r1', 1, 2, ['ana']),
      s('room', 'r2', 2, 3, ['bo', 'cy']),
      s('time', 'r2', 5, 6, ['cy']),
      s('both', 'r1', 6, 7, ['dee']),
      s('longer', 'r2', 3, 5, ['eve']),
      s('cancel', 'r1', 4, 5, ['gus'], true),
      s('new', null, 8, 9, ['hal']),
    ]
    const log = changeLog(v1, v2)
    assert.deepEqual(
      log.added.map((x) => x.id),
      ['new'],
    )
    assert.deepEqual(
      log.removed.map((x) => x.id),
      ['gone'],
    )
    assert.deepEqual(
      log.cancelled.map((x) => x.id),
      ['cancel'],
    )
    assert.deepEqual(
      log.moved.map((m) => [m.session.id, m.roomChanged, m.timeChanged]),
      [
        ['room', true, false],
        ['time', false, true],
        ['both', true, true],
        ['longer', false, true],
      ],
    )
    const both = log.moved.find((m) => m.session.id === 'both')!
    assert.deepEqual(both.before, { roomId: 'r2', startsAt: h(2), endsAt: h(3) })
    assert.deepEqual(both.after, { roomId: 'r1', startsAt: h(6), endsAt: h(7) })
    // Co-speaker cy is on two moved sessions and hears once; ana, fay and hal hear nothing.
    assert.deepEqual(log.tell, ['bo', 'cy', 'dee', 'eve', 'gus'])
    assert.ok(hasChanges(log))
  })

  it('tells a speaker taken off a moved session, and the new one', () => {
    const log = changeLog([s('a', 'r1', 1, 2, ['ana'])], [s('a', 'r1', 2, 3, ['bo'])])
    assert.deepEqual(log.tell, ['ana', 'bo'])
  })

  it('treats a session cancelled in both as unchanged, and a reinstated one as added', () => {
    const still = changeLog([s('x', 'r1', 1, 2, ['ana'], true)], [s('x', 'r2', 3, 4, ['ana'], true)])
    assert.equal(hasChanges(still), false)
    const back = changeLog([s('x', 'r1', 1, 2, ['ana'], true)], [s('x', 'r1', 1, 2, ['ana'])])
    assert.deepEqual(
      back.added.map((x) => x.id),
      ['x'],
    )
    assert.deepEqual(back.tell, [])
    // A cancelled session dropped from the next schedule is not "removed" again; a cancelled one
    // that appears for the first time is not "added".
    const dropped = changeLog([s('x', 'r1', 1, 2, ['ana'], true)], [s('y', 'r1', 1, 2, ['bo'], true)])
    assert.equal(hasChanges(dropped), false)
  })

  it('reports a session both moved and cancelled as cancelled only', () => {
    const log = changeLog([s('x', 'r1', 1, 2, ['ana'])], [s('x', 'r2', 3, 4, ['ana'], true)])
    assert.deepEqual(
      log.cancelled.map((x) => x.id),
      ['x'],
    )
    assert.deepEqual(log.moved, [])
    assert.deepEqual(log.tell, ['ana'])
  })
})
