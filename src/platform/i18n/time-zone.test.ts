import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { canonicalTimeZone, offsetString, offsetTransitions, zonedIsoString, zonedTime } from './time-zone.ts'

describe('time zones', () => {
  it('writes the offset in force at a moment, across a daylight-saving change', () => {
    assert.equal(offsetString(new Date('2027-03-28T00:59:59Z'), 'Europe/Berlin'), '+01:00')
    assert.equal(offsetString(new Date('2027-03-28T01:00:00Z'), 'Europe/Berlin'), '+02:00')
    assert.equal(offsetString(new Date('2027-01-15T12:00:00Z'), 'America/New_York'), '-05:00')
    assert.equal(offsetString(new Date('2027-01-15T12:00:00Z'), 'America/St_Johns'), '-03:30')
    assert.equal(offsetString(new Date('2027-01-15T12:00:00Z'), 'Asia/Kolkata'), '+05:30')
    assert.equal(offsetString(new Date('2027-01-15T12:00:00Z'), 'UTC'), '+00:00')
  })

  it('writes a moment as local time with its offset, as JSON-LD and <time> want it', () => {
    assert.equal(
      zonedIsoString(new Date('2027-03-28T08:00:00Z'), 'Europe/Berlin'),
      '2027-03-28T10:00:00+02:00',
    )
    assert.equal(
      zonedIsoString(new Date('2027-03-27T09:00:00Z'), 'Europe/Berlin'),
      '2027-03-27T10:00:00+01:00',
    )
    assert.equal(
      zonedIsoString(new Date('2027-06-12T06:00:00.600Z'), 'Asia/Shanghai'),
      '2027-06-12T14:00:00+08:00',
    )
    assert.equal(
      zonedIsoString(new Date('2027-01-01T03:00:00Z'), 'America/New_York'),
      '2026-12-31T22:00:00-05:00',
    )
  })

  it('finds each offset change of a year to the second, and none in a zone without them', () => {
    const berlin = offsetTransitions('Europe/Berlin', new Date('2027-01-01Z'), new Date('2028-01-01Z'))
    assert.deepEqual(
      berlin.map((t) => [t.at.toISOString(), t.offsetFrom / 3_600_000, t.offsetTo / 3_600_000]),
      [
        ['2027-03-28T01:00:00.000Z', 1, 2],
        ['2027-10-31T01:00:00.000Z', 2, 1],
      ],
    )
    const newYork = offsetTransitions('America/New_York', new Date('2027-01-01Z'), new Date('2028-01-01Z'))
    assert.deepEqual(
      newYork.map((t) => t.at.toISOString()),
      ['2027-03-14T07:00:00.000Z', '2027-11-07T06:00:00.000Z'],
    )
    assert.deepEqual(offsetTransitions('Asia/Shanghai', new Date('2020-01-01Z'), new Date('2030-01-01Z')), [])
  })

  it('reads a wall-clock time on the day clocks go forward', () => {
    assert.equal(zonedTime('2027-03-28T10:00', 'Europe/Berlin').toISOString(), '2027-03-28T08:00:00.000Z')
    assert.equal(zonedTime('2027-03-27T10:00', 'Europe/Berlin').toISOString(), '2027-03-27T09:00:00.000Z')
  })

  it("spells a zone with the platform's case, keeping current IANA names the platform would replace", () => {
    assert.equal(canonicalTimeZone('asia/shanghai'), 'Asia/Shanghai')
    assert.equal(canonicalTimeZone('Asia/Kolkata'), 'Asia/Kolkata')
    assert.equal(canonicalTimeZone('Europe/Kyiv'), 'Europe/Kyiv')
  })
})
