// Pure rules of tickets and check-in: what a ticket code looks like, when the door is open, and
// what a scan at the door comes to. No I/O, no clock: `now` is passed in.
import { randomInt } from 'node:crypto'
import { offsetAt, zonedTime } from '../../platform/i18n/time-zone.ts'

// No 0/O, 1/I/L: a code read aloud at the door or typed from a phone's screen comes out right.
const TICKET_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
/**
 * Twelve letters of 31: about 59 bits. A ticket is a bearer secret (whoever shows it gets in), so a
 * forged one must not hit a real registration by luck: among a million tickets a guess still has
 * less than one chance in 10^11.
 */
export const TICKET_CODE_LENGTH = 12

/** A new ticket code, as stored: twelve characters of the alphabet, without separators. */
export const newTicketCode = () =>
  Array.from({ length: TICKET_CODE_LENGTH }, () => TICKET_ALPHABET[randomInt(TICKET_ALPHABET.length)]).join(
    '',
  )

const codePattern = new RegExp(`^[${TICKET_ALPHABET}]{${TICKET_CODE_LENGTH}}$`)

/** The path a ticket's QR code names: a phone's own camera app opens the check-in page with it. */
export const ticketPath = (code: string) => `/checkin/${code}`

/**
 * The stored code in whatever was scanned or typed, or null when it cannot be one: the QR code's
 * address (any host: the scanner may run on another name for the same site), or the code as
 * printed (`K7QM-3TXP-WN2R`), in any case, with spaces or dashes. Letters people confuse are not
 * guessed at: a code with 0, 1, I, L or O is no code.
 */
export function ticketCodeFrom(input: string): string | null {
  let text = input.trim()
  const inPath = /\/checkin\/([A-Za-z0-9-]+)\/?$/.exec(text)
  if (inPath) text = inPath[1]!
  const code = text.replace(/[\s-]+/g, '').toUpperCase()
  return codePattern.test(code) ? code : null
}

/** The code as people read it: groups of four (`K7QM-3TXP-WN2R`). */
export const formatTicketCode = (code: string) => code.match(/.{1,4}/g)?.join('-') ?? code

// --- When the door is open ----------------------------------------------------------------------

const HOUR = 3_600_000
/** Check-in opens this long before the start (the issue: two hours). */
export const CHECKIN_OPENS_BEFORE_MS = 2 * HOUR

/** The calendar day (YYYY-MM-DD) a moment falls on in a time zone. */
export const localDay = (at: Date, timeZone: string) =>
  new Date(at.getTime() + offsetAt(at.getTime(), timeZone)).toISOString().slice(0, 10)

/**
 * From two hours before the start to the end of the event's last day in its own zone: people
 * arriving late, or the evening's afterparty, still get checked in. An event ending exactly at
 * midnight ended on the day before.
 */
export function checkinWindow(event: { startsAt: Date; endsAt: Date; timeZone: string }) {
  const lastDay = localDay(new Date(event.endsAt.getTime() - 1), event.timeZone)
  const next = new Date(Date.parse(`${lastDay}T00:00:00Z`) + 24 * HOUR).toISOString().slice(0, 10)
  return {
    opensAt: new Date(event.startsAt.getTime() - CHECKIN_OPENS_BEFORE_MS),
    closesAt: zonedTime(`${next}T00:00`, event.timeZone),
  }
}

export type DoorState = 'notYet' | 'open' | 'closed' | 'cancelled'

/** Whether scanning is possible now: the window, and an event that still takes place. */
export function doorState(
  event: { startsAt: Date; endsAt: Date; timeZone: string; status: string },
  now: Date,
): DoorState {
  if (event.status === 'cancelled') return 'cancelled'
  const { opensAt, closesAt } = checkinWindow(event)
  if (now < opensAt) return 'notYet'
  if (now >= closesAt) return 'closed'
  return 'open'
}

// --- What a scan comes to -----------------------------------------------------------------------

/** What the door knows when a ticket is shown. */
export type ScanFacts = {
  /** The event the scanner is checking people in for. */
  event: { id: string; startsAt: Date; endsAt: Date; timeZone: string; status: string }
  /** The registration the code belongs to; null: no registration has this code (or no code at all). */
  registration: { eventId: string; status: string } | null
  /** Its check-in, when there is one already. */
  checkin: { at: Date; byPersonId: string | null } | null
}

export type ScanOutcome =
  | { kind: 'checkIn' }
  | { kind: 'already'; at: Date; byPersonId: string | null }
  | {
      kind: 'refused'
      reason:
        | 'unknownCode'
        | 'otherEvent'
        | 'waitlisted'
        | 'cancelled'
        | 'pending'
        | 'declined'
        | 'notYet'
        | 'closed'
        | 'eventCancelled'
    }

export type RefusalReason = Extract<ScanOutcome, { kind: 'refused' }>['reason']

/**
 * What a scan comes to. A code that is no ticket, or another event's, is refused before anything
 * else is said about it; a ticket checked in before says when and by whom (whatever became of the
 * registration since); only a confirmed place is checked in, and only while the door is open.
 */
export function scanOutcome(facts: ScanFacts, now: Date): ScanOutcome {
  const { event, registration, checkin } = facts
  if (!registration) return { kind: 'refused', reason: 'unknownCode' }
  if (registration.eventId !== event.id) return { kind: 'refused', reason: 'otherEvent' }
  if (checkin) return { kind: 'already', at: checkin.at, byPersonId: checkin.byPersonId }
  const door = doorState(event, now)
  if (door === 'cancelled') return { kind: 'refused', reason: 'eventCancelled' }
  if (door !== 'open') return { kind: 'refused', reason: door }
  switch (registration.status) {
    case 'confirmed':
      return { kind: 'checkIn' }
    case 'waitlisted':
    case 'cancelled':
    case 'pending':
    case 'declined':
      return { kind: 'refused', reason: registration.status }
    default:
      return { kind: 'refused', reason: 'unknownCode' }
  }
}

/** Whether a registration's holder gets a ticket to show (a QR code): only a confirmed place. */
export const holdsTicket = (status: string) => status === 'confirmed'
