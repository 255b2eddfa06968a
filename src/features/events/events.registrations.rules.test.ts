import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  checkAnswers,
  panelState,
  parseOptions,
  placeAfterApproval,
  placesLeft,
  promotionRoom,
  promotions,
  questionProblem,
  queueArrival,
  registrationWindow,
  reminderDue,
  type SeatEvent,
  seatOutcome,
  startingSoonDue,
} from './events.registrations.rules.ts'
import type { RegistrationQuestion } from './events.schema.ts'

const now = new Date('2027-03-01T10:00:00Z')
const hours = (n: number) => new Date(now.getTime() + n * 3_600_000)
const event = (over: Partial<SeatEvent> = {}): SeatEvent => ({
  status: 'published',
  capacity: 3,
  requiresApproval: false,
  registrationOpensAt: null,
  registrationClosesAt: null,
  endsAt: hours(48),
  ...over,
})
const open = { confirmed: 0, waitlisted: 0 }

describe('seatOutcome', () => {
  it('gives a place while one is free, then the waitlist', () => {
    assert.deepEqual(seatOutcome({ event: event(), seats: open, existing: null, now }), { kind: 'confirmed' })
    assert.deepEqual(
      seatOutcome({ event: event(), seats: { confirmed: 2, waitlisted: 0 }, existing: null, now }),
      { kind: 'confirmed' },
    )
    assert.deepEqual(
      seatOutcome({ event: event(), seats: { confirmed: 3, waitlisted: 0 }, existing: null, now }),
      { kind: 'waitlisted' },
    )
  })

  it('never lets a newcomer past people already waiting, even when a place shows free', () => {
    assert.deepEqual(
      seatOutcome({ event: event(), seats: { confirmed: 1, waitlisted: 2 }, existing: null, now }),
      { kind: 'waitlisted' },
    )
  })

  it('waitlists everyone once the capacity was lowered below the confirmed', () => {
    assert.deepEqual(
      seatOutcome({
        event: event({ capacity: 2 }),
        seats: { confirmed: 5, waitlisted: 0 },
        existing: null,
        now,
      }),
      { kind: 'waitlisted' },
    )
  })

  it('has no limit without a capacity, and none at capacity 0 but the waitlist', () => {
    assert.deepEqual(
      seatOutcome({
        event: event({ capacity: null }),
        seats: { confirmed: 9999, waitlisted: 0 },
        existing: null,
        now,
      }),
      { kind: 'confirmed' },
    )
    assert.deepEqual(seatOutcome({ event: event({ capacity: 0 }), seats: open, existing: null, now }), {
      kind: 'waitlisted',
    })
  })

  it('asks organisers first on events that need approval, full or not', () => {
    const e = event({ requiresApproval: true })
    assert.deepEqual(seatOutcome({ event: e, seats: open, existing: null, now }), { kind: 'pending' })
    assert.deepEqual(seatOutcome({ event: e, seats: { confirmed: 3, waitlisted: 4 }, existing: null, now }), {
      kind: 'pending',
    })
  })

  it('refuses events that are not published', () => {
    for (const status of ['draft', 'postponed', 'cancelled'] as const)
      assert.deepEqual(seatOutcome({ event: event({ status }), seats: open, existing: null, now }), {
        kind: 'refused',
        reason: 'eventNotOpen',
      })
  })

  it('refuses before the window opens and once it closes (at the end of the event without one)', () => {
    const before = event({ registrationOpensAt: hours(1) })
    assert.deepEqual(seatOutcome({ event: before, seats: open, existing: null, now }), {
      kind: 'refused',
      reason: 'registrationNotOpen',
    })
    const after = event({ registrationClosesAt: now })
    assert.deepEqual(seatOutcome({ event: after, seats: open, existing: null, now }), {
      kind: 'refused',
      reason: 'registrationClosed',
    })
    const ended = event({ endsAt: hours(-1) })
    assert.deepEqual(seatOutcome({ event: ended, seats: open, existing: null, now }), {
      kind: 'refused',
      reason: 'registrationClosed',
    })
    const opened = event({ registrationOpensAt: now, registrationClosesAt: hours(1) })
    assert.deepEqual(seatOutcome({ event: opened, seats: open, existing: null, now }), { kind: 'confirmed' })
  })

  it('refuses a second registration of one person, whatever its state, but not after cancelling', () => {
    for (const existing of ['confirmed', 'waitlisted', 'pending'] as const)
      assert.deepEqual(seatOutcome({ event: event(), seats: open, existing, now }), {
        kind: 'refused',
        reason: 'alreadyRegistered',
      })
    assert.deepEqual(seatOutcome({ event: event(), seats: open, existing: 'declined', now }), {
      kind: 'refused',
      reason: 'registrationDeclined',
    })
    assert.deepEqual(seatOutcome({ event: event(), seats: open, existing: 'cancelled', now }), {
      kind: 'confirmed',
    })
  })

  it('answers the event first: a cancelled event refuses even someone already registered', () => {
    assert.deepEqual(
      seatOutcome({ event: event({ status: 'cancelled' }), seats: open, existing: 'confirmed', now }),
      { kind: 'refused', reason: 'eventNotOpen' },
    )
  })
})

describe('registration window', () => {
  it('is open from opensAt (inclusive) to closesAt (exclusive)', () => {
    const e = event({ registrationOpensAt: hours(-1), registrationClosesAt: hours(1) })
    assert.equal(registrationWindow(e, hours(-1)), 'open')
    assert.equal(registrationWindow(e, hours(-1.01)), 'before')
    assert.equal(registrationWindow(e, hours(0.99)), 'open')
    assert.equal(registrationWindow(e, hours(1)), 'after')
  })
})

describe('promotions and places', () => {
  it('promotes the head of the queue, as many as there are places', () => {
    assert.deepEqual(promotions(5, 3, ['a', 'b', 'c']), ['a', 'b'])
    assert.deepEqual(promotions(5, 5, ['a']), [])
    assert.deepEqual(promotions(null, 100, ['a', 'b']), ['a', 'b'])
  })

  it('promotes nobody when the capacity was lowered below the confirmed', () => {
    assert.deepEqual(promotions(2, 4, ['a', 'b']), [])
    assert.equal(promotionRoom(2, 4), 0)
    assert.equal(promotionRoom(null, 4), null)
    assert.equal(placesLeft(2, 4), 0)
    assert.equal(placesLeft(null, 4), null)
    assert.equal(placesLeft(10, 4), 6)
  })

  it('puts a newcomer behind the last person waiting, whatever the clocks say', () => {
    assert.equal(queueArrival(now, null), now)
    assert.equal(queueArrival(now, hours(-1)), now)
    assert.deepEqual(queueArrival(now, now), new Date(now.getTime() + 1))
    assert.deepEqual(queueArrival(now, hours(0.001)), new Date(hours(0.001).getTime() + 1))
  })

  it('seats an approved person if a place is free and nobody waits, else queues them', () => {
    assert.equal(placeAfterApproval(3, { confirmed: 2, waitlisted: 0 }), 'confirmed')
    assert.equal(placeAfterApproval(3, { confirmed: 3, waitlisted: 0 }), 'waitlisted')
    assert.equal(placeAfterApproval(3, { confirmed: 1, waitlisted: 1 }), 'waitlisted')
    assert.equal(placeAfterApproval(null, { confirmed: 1, waitlisted: 0 }), 'confirmed')
  })
})

describe('checkAnswers', () => {
  const questions: RegistrationQuestion[] = [
    { key: 'company', kind: 'text', labelZh: '公司', labelEn: 'Company', required: true },
    { key: 'note', kind: 'text', labelZh: null, labelEn: 'Anything else', required: false },
    {
      key: 'meal',
      kind: 'choice',
      labelZh: '餐食',
      labelEn: 'Meal',
      required: true,
      options: [
        { key: 'veg', labelZh: '素食', labelEn: 'Vegetarian' },
        { key: 'any', labelZh: '不限', labelEn: 'Anything' },
      ],
    },
    { key: 'photos', kind: 'yes_no', labelZh: '拍照', labelEn: 'Photos ok', required: false },
  ]

  it('keeps good answers trimmed and drops answers to questions not asked', () => {
    assert.deepEqual(checkAnswers(questions, { company: '  ACME ', meal: 'veg', photos: 'no', extra: 'x' }), {
      ok: true,
      answers: { company: 'ACME', meal: 'veg', photos: 'no' },
    })
  })

  it('names each missing required answer and each answer that is not one of the options', () => {
    assert.deepEqual(checkAnswers(questions, { company: '   ', meal: 'fish', photos: 'maybe' }), {
      ok: false,
      problems: { company: 'required', meal: 'choice', photos: 'yesNo' },
    })
  })

  it('takes booleans for yes/no (the API) and refuses text over 2000 characters', () => {
    assert.deepEqual(checkAnswers(questions, { company: 'x', meal: 'any', photos: true }), {
      ok: true,
      answers: { company: 'x', meal: 'any', photos: 'yes' },
    })
    const long = checkAnswers(questions, { company: '字'.repeat(2001), meal: 'any' })
    assert.deepEqual(long, { ok: false, problems: { company: 'tooLong' } })
    assert.equal(checkAnswers(questions, { company: '字'.repeat(2000), meal: 'any' }).ok, true)
  })

  it('needs nothing when the event asks nothing', () => {
    assert.deepEqual(checkAnswers([], { anything: 'x' }), { ok: true, answers: {} })
  })
})

describe('reminders', () => {
  const starts = hours(20)
  const e = { status: 'published' as const, startsAt: starts, mode: 'hybrid' as const }
  const r = {
    status: 'confirmed' as const,
    confirmedAt: hours(-100),
    remindedAt: null,
    startingSoonAt: null,
  }

  it('reminds once, from 24 hours before the start until it begins', () => {
    assert.equal(reminderDue(e, r, now), true)
    assert.equal(reminderDue(e, { ...r, remindedAt: now }, now), false)
    assert.equal(reminderDue({ ...e, startsAt: hours(25) }, r, now), false)
    assert.equal(reminderDue({ ...e, startsAt: hours(24) }, r, now), true)
    assert.equal(reminderDue({ ...e, startsAt: now }, r, now), false)
  })

  it('reminds only people holding a place on a published event, not ones who got it within the last day', () => {
    assert.equal(reminderDue(e, { ...r, status: 'waitlisted' }, now), false)
    assert.equal(reminderDue({ ...e, status: 'cancelled' }, r, now), false)
    assert.equal(reminderDue(e, { ...r, confirmedAt: hours(-3) }, now), false)
  })

  it('says "starting soon" once, an hour before online and hybrid events only', () => {
    const soon = { ...e, startsAt: hours(0.5) }
    assert.equal(startingSoonDue(soon, r, now), true)
    assert.equal(startingSoonDue({ ...soon, mode: 'online' }, { ...r, confirmedAt: hours(-0.1) }, now), true)
    assert.equal(startingSoonDue({ ...soon, mode: 'offline' }, r, now), false)
    assert.equal(startingSoonDue(soon, { ...r, startingSoonAt: now }, now), false)
    assert.equal(startingSoonDue({ ...soon, startsAt: hours(1.5) }, r, now), false)
    assert.equal(startingSoonDue({ ...soon, startsAt: hours(-0.1) }, r, now), false)
  })
})

describe('panelState', () => {
  const mine = (status: 'confirmed' | 'waitlisted' | 'pending' | 'declined' | 'cancelled', position = 2) => ({
    status,
    position,
  })

  it('shows a person their own place first', () => {
    assert.deepEqual(panelState({ event: event(), seats: open, mine: mine('confirmed'), now }), {
      kind: 'going',
    })
    assert.deepEqual(panelState({ event: event(), seats: open, mine: mine('waitlisted', 4), now }), {
      kind: 'waitlisted',
      position: 4,
    })
    assert.deepEqual(panelState({ event: event(), seats: open, mine: mine('pending'), now }), {
      kind: 'pending',
    })
    assert.deepEqual(panelState({ event: event(), seats: open, mine: mine('declined'), now }), {
      kind: 'declined',
    })
  })

  it('offers registering with places left, the waitlist when full, nothing outside the window', () => {
    assert.deepEqual(
      panelState({ event: event(), seats: { confirmed: 1, waitlisted: 0 }, mine: null, now }),
      {
        kind: 'register',
        placesLeft: 2,
        approval: false,
      },
    )
    assert.deepEqual(
      panelState({ event: event(), seats: { confirmed: 3, waitlisted: 0 }, mine: mine('cancelled'), now }),
      { kind: 'joinWaitlist', approval: false },
    )
    const later = event({ registrationOpensAt: hours(5) })
    assert.deepEqual(panelState({ event: later, seats: open, mine: null, now }), {
      kind: 'opensLater',
      opensAt: hours(5),
    })
    assert.deepEqual(
      panelState({ event: event({ registrationClosesAt: now }), seats: open, mine: null, now }),
      {
        kind: 'closed',
      },
    )
  })

  it('says a cancelled event is cancelled even to people who held a place', () => {
    assert.deepEqual(
      panelState({ event: event({ status: 'cancelled' }), seats: open, mine: mine('confirmed'), now }),
      { kind: 'eventCancelled' },
    )
    assert.deepEqual(panelState({ event: event({ status: 'draft' }), seats: open, mine: null, now }), {
      kind: 'notOpen',
    })
  })
})

describe('questions organisers ask', () => {
  it('reads options one a line, Chinese then English, a lone label by its script', () => {
    assert.deepEqual(parseOptions(' 素食 | Vegetarian \n\nAnything\n不限\n | Halal'), [
      { key: 'o1', labelZh: '素食', labelEn: 'Vegetarian' },
      { key: 'o2', labelZh: null, labelEn: 'Anything' },
      { key: 'o3', labelZh: '不限', labelEn: null },
      { key: 'o4', labelZh: null, labelEn: 'Halal' },
    ])
    assert.deepEqual(parseOptions(' | \n'), [])
  })

  it('wants a label, two options for a choice, and at most twenty questions', () => {
    const q = { kind: 'text' as const, labelZh: null, labelEn: 'Company', required: true }
    assert.equal(questionProblem([], q), null)
    assert.equal(questionProblem([], { ...q, labelEn: null }), 'label')
    assert.equal(questionProblem([], { ...q, kind: 'choice', options: parseOptions('a') }), 'options')
    assert.equal(questionProblem([], { ...q, kind: 'choice', options: parseOptions('a\nb') }), null)
    const twenty = Array.from({ length: 20 }, (_, i) => ({ ...q, key: `q${i}` }))
    assert.equal(questionProblem(twenty, q), 'tooManyQuestions')
  })
})
