import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type ActivityFact, activityVerdict, monthsBefore } from './standing.rules.ts'

const NOW = new Date('2026-10-15T12:00:00Z')
const fact = (kind: string, at: string, where = kind): ActivityFact => ({ kind, at: new Date(at), where })

describe('recently active (近期活跃)', () => {
  it('counts any kind of fact, and says which of them counted, newest of each kind first', () => {
    const v = activityVerdict(
      [
        fact('contribution', '2026-03-01T00:00:00Z', 'kubesphere/console#1'),
        fact('guest', '2026-09-20T00:00:00Z', 'Episode 12'),
        fact('event_organised', '2026-06-01T00:00:00Z', 'Hangzhou meetup'),
        fact('guest', '2026-05-01T00:00:00Z', 'Episode 7'),
      ],
      { now: NOW },
    )
    assert.equal(v.active, true)
    assert.deepEqual(
      v.counted.map((f) => f.where),
      ['Episode 12', 'Hangzhou meetup'],
    )
    assert.equal(v.last?.where, 'Episode 12')
  })

  it('makes a podcast guest active without any GitHub contribution', () => {
    const v = activityVerdict([fact('guest', '2026-08-01T00:00:00Z')], { now: NOW })
    assert.deepEqual([v.active, v.counted.map((f) => f.kind)], [true, ['guest']])
  })

  it('counts a fact at exactly six months before now, and not one a second earlier', () => {
    const since = monthsBefore(NOW, 6)
    assert.equal(since.toISOString(), '2026-04-15T12:00:00.000Z')
    assert.equal(
      activityVerdict([{ ...fact('contribution', '2026-01-01'), at: since }], { now: NOW }).active,
      true,
    )
    const before = activityVerdict(
      [{ ...fact('event_organised', '2026-01-01'), at: new Date(since.getTime() - 1000) }],
      {
        now: NOW,
      },
    )
    assert.equal(before.active, false)
    assert.equal(before.last?.kind, 'event_organised')
    assert.deepEqual(before.counted, [])
  })

  it('is not active with only old facts of several kinds, and names the latest of them', () => {
    const v = activityVerdict(
      [
        fact('contribution', '2025-11-01T00:00:00Z', 'kubesphere/kubesphere#9'),
        fact('guest', '2026-02-01T00:00:00Z', 'Episode 3'),
      ],
      { now: NOW },
    )
    assert.deepEqual([v.active, v.last?.where], [false, 'Episode 3'])
  })

  it('does not count what is still to come (an episode scheduled for later)', () => {
    const v = activityVerdict([fact('guest', '2026-11-01T00:00:00Z')], { now: NOW })
    assert.deepEqual([v.active, v.last], [false, null])
  })

  it('is not active with no facts at all, and the window follows withinMonths', () => {
    assert.deepEqual(activityVerdict([], { now: NOW }).active, false)
    const v = activityVerdict([fact('contribution', '2026-02-01T00:00:00Z')], { now: NOW, withinMonths: 12 })
    assert.equal(v.active, true)
  })

  it('clamps the window to the end of a shorter month', () => {
    assert.equal(monthsBefore(new Date('2026-08-31T09:30:00Z'), 6).toISOString(), '2026-02-28T09:30:00.000Z')
    assert.equal(monthsBefore(new Date('2026-03-15T00:00:00Z'), 6).toISOString(), '2025-09-15T00:00:00.000Z')
  })
})
