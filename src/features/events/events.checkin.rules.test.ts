import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  checkinWindow,
  doorState,
  formatTicketCode,
  localDay,
  newTicketCode,
  type ScanFacts,
  scanOutcome,
  TICKET_CODE_LENGTH,
  ticketCodeFrom,
  ticketPath,
} from './events.checkin.rules.ts'

describe('ticket codes', () => {
  it('are twelve characters without look-alikes, different every time', () => {
    const codes = new Set(Array.from({ length: 2000 }, newTicketCode))
    assert.equal(codes.size, 2000)
    for (const code of codes) {
      assert.equal(code.length, TICKET_CODE_LENGTH)
      assert.match(code, /^[A-HJKMNP-Z2-9]+$/)
    }
  })

  it('are read back from the printed groups, any case, spaces and dashes', () => {
    const code = 'K7QM3TXPWN2R'
    assert.equal(formatTicketCode(code), 'K7QM-3TXP-WN2R')
    assert.equal(ticketCodeFrom('K7QM-3TXP-WN2R'), code)
    assert.equal(ticketCodeFrom(' k7qm 3txp wn2r '), code)
    assert.equal(ticketCodeFrom('k7qm-3txp-wn2r'), code)
  })

  it('are read from the address the QR code carries, on any host', () => {
    assert.equal(ticketCodeFrom(`https://hearth.example${ticketPath('K7QM3TXPWN2R')}`), 'K7QM3TXPWN2R')
    assert.equal(ticketCodeFrom('http://10.0.0.2:3000/checkin/K7QM3TXPWN2R/'), 'K7QM3TXPWN2R')
  })

  it('refuse what cannot be a ticket: too short, too long, look-alike letters, other QR codes', () => {
    for (const bad of [
      '',
      'K7QM3TXPWN2',
      'K7QM3TXPWN2RR',
      'K7QM3TXPWN2O',
      'K7QM3TXPWN21',
      'https://hearth.example/certificates/ABCDEFGHJK',
      'K7QM3TXPWN2R; drop table',
    ])
      assert.equal(ticketCodeFrom(bad), null, bad)
  })
})

describe('the check-in window', () => {
  // A meetup in Shanghai (UTC+8), 14:00–17:00 local on 5 December 2026.
  const meetup = {
    startsAt: new Date('2026-12-05T06:00:00Z'),
    endsAt: new Date('2026-12-05T09:00:00Z'),
    timeZone: 'Asia/Shanghai',
    status: 'published',
  }

  it('opens two hours before the start and closes at the end of the last day in the event’s zone', () => {
    const { opensAt, closesAt } = checkinWindow(meetup)
    assert.equal(opensAt.toISOString(), '2026-12-05T04:00:00.000Z')
    // Midnight in Shanghai after 5 December.
    assert.equal(closesAt.toISOString(), '2026-12-05T16:00:00.000Z')
  })

  it('says the door is not yet open, open, then closed, at the edges', () => {
    assert.equal(doorState(meetup, new Date('2026-12-05T03:59:59Z')), 'notYet')
    assert.equal(doorState(meetup, new Date('2026-12-05T04:00:00Z')), 'open')
    assert.equal(doorState(meetup, new Date('2026-12-05T15:59:59Z')), 'open')
    assert.equal(doorState(meetup, new Date('2026-12-05T16:00:00Z')), 'closed')
  })

  it('keeps a conference open to the end of its last day', () => {
    const conference = { ...meetup, endsAt: new Date('2026-12-07T10:00:00Z') }
    assert.equal(checkinWindow(conference).closesAt.toISOString(), '2026-12-07T16:00:00.000Z')
    assert.equal(doorState(conference, new Date('2026-12-06T12:00:00Z')), 'open')
  })

  it('counts an event ending at midnight as ending on the day before', () => {
    const late = { ...meetup, endsAt: new Date('2026-12-05T16:00:00Z') }
    assert.equal(checkinWindow(late).closesAt.toISOString(), '2026-12-05T16:00:00.000Z')
  })

  it('closes at the local midnight of a day that ends a daylight-saving change (Berlin, 29 March 2026)', () => {
    // 10:00–12:00 CEST on the day clocks go forward; midnight after it is 22:00 UTC.
    const berlin = {
      startsAt: new Date('2026-03-29T08:00:00Z'),
      endsAt: new Date('2026-03-29T10:00:00Z'),
      timeZone: 'Europe/Berlin',
      status: 'published',
    }
    assert.equal(localDay(berlin.startsAt, 'Europe/Berlin'), '2026-03-29')
    assert.equal(checkinWindow(berlin).closesAt.toISOString(), '2026-03-29T22:00:00.000Z')
  })

  it('is shut for a cancelled event', () => {
    assert.equal(doorState({ ...meetup, status: 'cancelled' }, new Date('2026-12-05T06:00:00Z')), 'cancelled')
  })
})

describe('what a scan comes to', () => {
  const event = {
    id: 'e1',
    startsAt: new Date('2026-12-05T06:00:00Z'),
    endsAt: new Date('2026-12-05T09:00:00Z'),
    timeZone: 'Asia/Shanghai',
    status: 'published',
  }
  const during = new Date('2026-12-05T06:30:00Z')
  const facts = (over: Partial<ScanFacts> = {}): ScanFacts => ({
    event,
    registration: { eventId: 'e1', status: 'confirmed' },
    checkin: null,
    ...over,
  })

  it('checks in a confirmed place while the door is open', () => {
    assert.deepEqual(scanOutcome(facts(), during), { kind: 'checkIn' })
  })

  it('says when and by whom a ticket was checked in before', () => {
    const at = new Date('2026-12-05T06:02:00Z')
    assert.deepEqual(scanOutcome(facts({ checkin: { at, byPersonId: 'p9' } }), during), {
      kind: 'already',
      at,
      byPersonId: 'p9',
    })
  })

  it('refuses a code that is no ticket, and another event’s ticket, before saying anything else', () => {
    assert.deepEqual(scanOutcome(facts({ registration: null }), during), {
      kind: 'refused',
      reason: 'unknownCode',
    })
    const foreign = facts({
      registration: { eventId: 'e2', status: 'confirmed' },
      checkin: { at: during, byPersonId: null },
    })
    assert.deepEqual(scanOutcome(foreign, during), { kind: 'refused', reason: 'otherEvent' })
  })

  it('refuses places that are not confirmed, each with its reason', () => {
    for (const status of ['waitlisted', 'cancelled', 'pending', 'declined'] as const)
      assert.deepEqual(scanOutcome(facts({ registration: { eventId: 'e1', status } }), during), {
        kind: 'refused',
        reason: status,
      })
  })

  it('refuses before the door opens, after it closes, and at a cancelled event', () => {
    assert.deepEqual(scanOutcome(facts(), new Date('2026-12-05T03:00:00Z')), {
      kind: 'refused',
      reason: 'notYet',
    })
    assert.deepEqual(scanOutcome(facts(), new Date('2026-12-06T00:00:00Z')), {
      kind: 'refused',
      reason: 'closed',
    })
    assert.deepEqual(scanOutcome({ ...facts(), event: { ...event, status: 'cancelled' } }, during), {
      kind: 'refused',
      reason: 'eventCancelled',
    })
  })
})
