import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { coverage, mayWithdraw, placesLeft, signUpRefusal } from './events.volunteers.rules.ts'

const shift = { startsAt: new Date('2026-12-05T05:00:00Z'), slots: 2 }
const before = new Date('2026-12-04T12:00:00Z')

describe('signing up for a shift', () => {
  it('gives a place while the event is published, the shift has not started and has room', () => {
    assert.equal(signUpRefusal({ eventStatus: 'published', shift, taken: 1, mine: false }, before), null)
  })

  it('refuses a full shift, one already started, a second sign-up, and an event not published', () => {
    assert.equal(signUpRefusal({ eventStatus: 'published', shift, taken: 2, mine: false }, before), 'full')
    assert.equal(
      signUpRefusal({ eventStatus: 'published', shift, taken: 0, mine: false }, shift.startsAt),
      'ended',
    )
    assert.equal(signUpRefusal({ eventStatus: 'published', shift, taken: 1, mine: true }, before), 'already')
    for (const status of ['draft', 'postponed', 'cancelled'])
      assert.equal(
        signUpRefusal({ eventStatus: status, shift, taken: 0, mine: false }, before),
        'eventClosed',
      )
  })

  it('lets a volunteer withdraw until the shift starts', () => {
    assert.equal(mayWithdraw(shift, before), true)
    assert.equal(mayWithdraw(shift, shift.startsAt), false)
  })
})

describe('coverage', () => {
  it('adds the places, counts each shift only up to its need, and says what is missing', () => {
    assert.deepEqual(
      coverage([
        { slots: 2, taken: 2 },
        { slots: 3, taken: 1 },
        { slots: 1, taken: 3 },
      ]),
      { places: 6, filled: 4, missing: 2 },
    )
    assert.deepEqual(coverage([]), { places: 0, filled: 0, missing: 0 })
    assert.equal(placesLeft(2, 5), 0)
    assert.equal(placesLeft(4, 1), 3)
  })
})
