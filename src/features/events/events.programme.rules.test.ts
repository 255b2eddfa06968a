import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { publicPlacements } from './events.programme.rules.ts'

const at = (hhmm: string) => new Date(`2027-03-27T${hhmm}:00Z`)
const base = (id: string) => ({
  id,
  guid: `guid-${id}`,
  kind: 'talk',
  roomId: 'hall-1' as string | null,
  startsAt: at('10:00') as Date | null,
  endsAt: at('10:45') as Date | null,
  position: 0,
  titleEn: `Talk ${id}`,
})
const session = (id: string, over: Partial<ReturnType<typeof base>> = {}) => ({ ...base(id), ...over })

describe('publicPlacements: where the public sees sessions', () => {
  it('before any version is published, sessions stand where they are placed', () => {
    const sessions = [session('a'), session('b', { roomId: null, startsAt: null, endsAt: null })]
    assert.deepEqual(publicPlacements(sessions, null), sessions)
  })

  it("after one, a session stands where the latest version put it, with today's title", () => {
    const moved = session('a', {
      roomId: 'hall-2',
      startsAt: at('14:00'),
      endsAt: at('14:45'),
      titleEn: 'New',
    })
    const [shown] = publicPlacements(
      [moved],
      [{ guid: 'guid-a', roomId: 'hall-1', startsAt: at('10:00'), endsAt: at('10:45') }],
    )
    assert.equal(shown!.roomId, 'hall-1')
    assert.equal(shown!.startsAt!.toISOString(), at('10:00').toISOString())
    assert.equal(shown!.endsAt!.toISOString(), at('10:45').toISOString())
    assert.equal(shown!.titleEn, 'New', 'titles are not versioned')
  })

  it('leaves out sessions the version does not hold, but keeps breaks, which no version holds', () => {
    const shown = publicPlacements(
      [
        session('a'),
        session('new'),
        session('lunch', { kind: 'break', roomId: null, startsAt: at('12:00') }),
      ],
      [{ guid: 'guid-a', roomId: 'hall-1', startsAt: at('10:00'), endsAt: at('10:45') }],
    )
    assert.deepEqual(
      shown.map((s) => s.id),
      ['a', 'lunch'],
    )
  })

  it('orders by the published start, then position, untimed last', () => {
    const shown = publicPlacements(
      [session('a', { startsAt: at('09:00') }), session('b', { startsAt: at('16:00') }), session('c')],
      [
        { guid: 'guid-a', roomId: 'hall-1', startsAt: at('15:00'), endsAt: at('15:45') },
        { guid: 'guid-b', roomId: 'hall-1', startsAt: at('09:00'), endsAt: at('09:45') },
        { guid: 'guid-c', roomId: 'hall-2', startsAt: at('09:00'), endsAt: at('09:45') },
      ],
    )
    assert.deepEqual(
      shown.map((s) => s.id),
      ['b', 'c', 'a'],
    )
  })

  it('an empty published version shows no sessions but the breaks', () => {
    assert.deepEqual(publicPlacements([session('a')], []), [])
  })
})
