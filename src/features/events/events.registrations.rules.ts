// Pure rules of registering for an event: who gets a place, who waits, who is promoted when
// places free up, what a registration's answers must be, when reminders are due. No I/O, no clock
// (`now` is passed in); the service applies them while it holds the event's seat lock.
import type { RegistrationQuestion } from './events.schema.ts'

export const registrationStatuses = ['confirmed', 'waitlisted', 'pending', 'declined', 'cancelled'] as const
export type RegistrationStatus = (typeof registrationStatuses)[number]
export const isRegistrationStatus = (v: unknown): v is RegistrationStatus =>
  (registrationStatuses as readonly unknown[]).includes(v)

/** What of an event decides who may register and how. */
export type SeatEvent = {
  status: 'draft' | 'published' | 'postponed' | 'cancelled'
  /** Places; null: no limit. */
  capacity: number | null
  requiresApproval: boolean
  registrationOpensAt: Date | null
  registrationClosesAt: Date | null
  endsAt: Date
}

/** Why a registration is refused; each has its own translated message (errors[code]). */
export type Refusal =
  | 'eventNotOpen'
  | 'registrationNotOpen'
  | 'registrationClosed'
  | 'alreadyRegistered'
  | 'registrationDeclined'

/**
 * Registration runs from `registrationOpensAt` (or as soon as the event is published) until
 * `registrationClosesAt`, or, when none is set, until the event ends: people still walk in late.
 */
export function registrationWindow(event: SeatEvent, now: Date): 'before' | 'open' | 'after' {
  if (event.registrationOpensAt && now < event.registrationOpensAt) return 'before'
  const closes = event.registrationClosesAt ?? event.endsAt
  return now >= closes ? 'after' : 'open'
}

/** Places left, or null when the event has no limit. Never negative (capacity may be lowered below the confirmed). */
export const placesLeft = (capacity: number | null, confirmed: number) =>
  capacity === null ? null : Math.max(0, capacity - confirmed)

/** The counter and the queue as they stand under the seat lock. */
export type SeatState = { confirmed: number; waitlisted: number }

/**
 * A place is free for the next person only while nobody waits for one: the queue is served
 * first (places a cancellation frees go to the waitlist in the same transaction, so this holds
 * whenever the lock is free; it is checked anyway, so nobody can jump the queue).
 */
const placeFree = (capacity: number | null, seats: SeatState) =>
  seats.waitlisted === 0 && (capacity === null || seats.confirmed < capacity)

export type SeatOutcome =
  | { kind: 'refused'; reason: Refusal }
  | { kind: 'confirmed' }
  | { kind: 'waitlisted' }
  | { kind: 'pending' }

/**
 * What happens when a person registers: refused (the event is not open, outside the window, they
 * hold a registration already, organisers declined them), waiting for approval on events that ask
 * for it, a place while one is free, else the back of the waitlist. `existing` is the status of
 * the person's row for this event, if any: registering again after cancelling is a new arrival.
 */
export function seatOutcome(input: {
  event: SeatEvent
  seats: SeatState
  existing: RegistrationStatus | null
  now: Date
}): SeatOutcome {
  const { event, seats, existing, now } = input
  if (event.status !== 'published') return { kind: 'refused', reason: 'eventNotOpen' }
  if (existing === 'declined') return { kind: 'refused', reason: 'registrationDeclined' }
  if (existing && existing !== 'cancelled') return { kind: 'refused', reason: 'alreadyRegistered' }
  const window = registrationWindow(event, now)
  if (window === 'before') return { kind: 'refused', reason: 'registrationNotOpen' }
  if (window === 'after') return { kind: 'refused', reason: 'registrationClosed' }
  if (event.requiresApproval) return { kind: 'pending' }
  return placeFree(event.capacity, seats) ? { kind: 'confirmed' } : { kind: 'waitlisted' }
}

/**
 * When a newcomer joins the waitlist: now, or just behind its last person when that one's time
 * is not earlier (another server's clock may run a little ahead), so the queue's order is the
 * order in which decisions took the seat lock, whatever the clocks say.
 */
export const queueArrival = (now: Date, tail: Date | null): Date =>
  tail && tail.getTime() >= now.getTime() ? new Date(tail.getTime() + 1) : now

/** Where an approved registration goes: a place if one is free, else the back of the queue. */
export const placeAfterApproval = (capacity: number | null, seats: SeatState): 'confirmed' | 'waitlisted' =>
  placeFree(capacity, seats) ? 'confirmed' : 'waitlisted'

/**
 * Who is promoted, in queue order, when places free up (a cancellation, a higher capacity, no
 * limit any more): as many of the waitlist's head as there are places. Lowering the capacity
 * below the confirmed promotes nobody and takes nobody's place.
 */
export function promotions<T>(capacity: number | null, confirmed: number, queue: readonly T[]): T[] {
  if (capacity === null) return [...queue]
  return queue.slice(0, Math.max(0, capacity - confirmed))
}

/** How many people at most the queue's head may need, to read no more of the waitlist than that. */
export const promotionRoom = (capacity: number | null, confirmed: number) =>
  capacity === null ? null : Math.max(0, capacity - confirmed)

/** The most places an event may have (a stadium is far below it). */
export const MAX_CAPACITY = 1_000_000

// --- Answers to the event's questions ----------------------------------------------------------

export const ANSWER_MAX_LENGTH = 2000
export type AnswerProblem = 'required' | 'choice' | 'yesNo' | 'tooLong'
export type CheckedAnswers =
  | { ok: true; answers: Record<string, string> }
  | { ok: false; problems: Record<string, AnswerProblem> }

/**
 * Answers as the event's questions want them: text trimmed and at most 2000 characters, a choice
 * one of its options' keys, yes/no `yes` or `no`; a required question answered. Answers to
 * questions the event does not ask are dropped; unanswered optional questions are left out.
 */
export function checkAnswers(
  questions: readonly RegistrationQuestion[],
  given: Readonly<Record<string, unknown>>,
): CheckedAnswers {
  const answers: Record<string, string> = {}
  const problems: Record<string, AnswerProblem> = {}
  for (const q of questions) {
    const raw = given[q.key]
    const value = typeof raw === 'string' ? raw.trim() : typeof raw === 'boolean' ? (raw ? 'yes' : 'no') : ''
    if (value === '') {
      if (q.required) problems[q.key] = 'required'
      continue
    }
    if (q.kind === 'text' && [...value].length > ANSWER_MAX_LENGTH) problems[q.key] = 'tooLong'
    else if (q.kind === 'choice' && !(q.options ?? []).some((o) => o.key === value))
      problems[q.key] = 'choice'
    else if (q.kind === 'yes_no' && value !== 'yes' && value !== 'no') problems[q.key] = 'yesNo'
    else answers[q.key] = value
  }
  return Object.keys(problems).length ? { ok: false, problems } : { ok: true, answers }
}

// --- The questions organisers ask --------------------------------------------------------------

export const MAX_QUESTIONS = 20
export const MAX_OPTIONS = 30
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/

/**
 * A choice's options as organisers type them, one a line: `素食 | Vegetarian` (Chinese, then
 * English), or one label alone, filed under Chinese when it holds a Chinese character. Keys are
 * the options' places (`o1`, `o2` …): a question is never edited, only added or removed, so
 * answers keep meaning what they meant.
 */
export function parseOptions(text: string): NonNullable<RegistrationQuestion['options']> {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, i) => {
      const [first = '', second] = line.split('|').map((part) => part.trim())
      const [labelZh, labelEn] =
        second !== undefined
          ? [first || null, second || null]
          : CJK.test(first)
            ? [first, null]
            : [null, first]
      return { key: `o${i + 1}`, labelZh, labelEn }
    })
    .filter((o) => o.labelZh || o.labelEn)
}

/** Why a new question cannot be added, or null. */
export function questionProblem(
  existing: readonly RegistrationQuestion[],
  q: Omit<RegistrationQuestion, 'key'>,
): 'tooManyQuestions' | 'label' | 'options' | null {
  if (existing.length >= MAX_QUESTIONS) return 'tooManyQuestions'
  if (!q.labelZh && !q.labelEn) return 'label'
  if (q.kind === 'choice' && ((q.options?.length ?? 0) < 2 || (q.options?.length ?? 0) > MAX_OPTIONS))
    return 'options'
  return null
}

// --- Reminders -------------------------------------------------------------------------------

export const REMINDER_LEAD_MS = 24 * 3_600_000
export const STARTING_SOON_LEAD_MS = 3_600_000

type ReminderEvent = { status: SeatEvent['status']; startsAt: Date; mode: 'offline' | 'online' | 'hybrid' }
type ReminderRegistration = {
  status: RegistrationStatus
  confirmedAt: Date | null
  remindedAt: Date | null
  startingSoonAt: Date | null
}

/**
 * The day-before reminder: once, to everyone holding a place, from 24 hours before the start
 * until it. Someone who got their place within those 24 hours is left out: their confirmation
 * came moments ago and said the same.
 */
export function reminderDue(event: ReminderEvent, r: ReminderRegistration, now: Date): boolean {
  const from = event.startsAt.getTime() - REMINDER_LEAD_MS
  return (
    event.status === 'published' &&
    r.status === 'confirmed' &&
    r.remindedAt === null &&
    r.confirmedAt !== null &&
    r.confirmedAt.getTime() <= from &&
    now.getTime() >= from &&
    now < event.startsAt
  )
}

/** "Starting soon" with the link: once, an hour before an online or hybrid event, to everyone holding a place. */
export function startingSoonDue(event: ReminderEvent, r: ReminderRegistration, now: Date): boolean {
  return (
    event.status === 'published' &&
    event.mode !== 'offline' &&
    r.status === 'confirmed' &&
    r.startingSoonAt === null &&
    now.getTime() >= event.startsAt.getTime() - STARTING_SOON_LEAD_MS &&
    now < event.startsAt
  )
}

// --- What the event page offers a reader -----------------------------------------------------

export type PanelState =
  | { kind: 'eventCancelled' }
  | { kind: 'notOpen' }
  | { kind: 'opensLater'; opensAt: Date }
  | { kind: 'closed' }
  | { kind: 'going' }
  | { kind: 'waitlisted'; position: number }
  | { kind: 'pending' }
  | { kind: 'declined' }
  | { kind: 'register'; placesLeft: number | null; approval: boolean }
  | { kind: 'joinWaitlist'; approval: boolean }

/**
 * The one thing the event page's registration panel offers this reader now: their own place
 * first (going, waiting, pending, declined), else whether and how they may register.
 */
export function panelState(input: {
  event: SeatEvent
  seats: SeatState
  mine: { status: RegistrationStatus; position: number | null } | null
  now: Date
}): PanelState {
  const { event, seats, mine, now } = input
  if (event.status === 'cancelled') return { kind: 'eventCancelled' }
  if (mine?.status === 'confirmed') return { kind: 'going' }
  if (mine?.status === 'waitlisted') return { kind: 'waitlisted', position: mine.position ?? 1 }
  if (mine?.status === 'pending') return { kind: 'pending' }
  if (mine?.status === 'declined') return { kind: 'declined' }
  if (event.status !== 'published') return { kind: 'notOpen' }
  const window = registrationWindow(event, now)
  if (window === 'before') return { kind: 'opensLater', opensAt: event.registrationOpensAt! }
  if (window === 'after') return { kind: 'closed' }
  const approval = event.requiresApproval
  return placeFree(event.capacity, seats)
    ? { kind: 'register', placesLeft: placesLeft(event.capacity, seats.confirmed), approval }
    : { kind: 'joinWaitlist', approval }
}
