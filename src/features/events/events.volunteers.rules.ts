// Pure rules of volunteering at events: who may still sign up for a shift, and what is covered.

/** The most people one shift may ask for (a conference's registration desk, not a crowd). */
export const MAX_SLOTS = 500

export type SignUpRefusal = 'full' | 'ended' | 'eventClosed' | 'already'

/**
 * Whether a person can take a place on a shift: the event is published, the shift has not
 * started, they are not on it already, and it has room. `taken` is counted with the shift's row
 * locked, so two people asking for the last place are decided one after the other.
 */
export function signUpRefusal(
  p: { eventStatus: string; shift: { startsAt: Date; slots: number }; taken: number; mine: boolean },
  now: Date,
): SignUpRefusal | null {
  if (p.eventStatus !== 'published') return 'eventClosed'
  if (now >= p.shift.startsAt) return 'ended'
  if (p.mine) return 'already'
  if (p.taken >= p.shift.slots) return 'full'
  return null
}

/** A volunteer may step back until the shift starts; after that the organisers take them off. */
export const mayWithdraw = (shift: { startsAt: Date }, now: Date) => now < shift.startsAt

/** Places a shift still has (never below zero, even if the organisers lowered it). */
export const placesLeft = (slots: number, taken: number) => Math.max(0, slots - taken)

/** What the shifts need and have, together: places, places taken (up to each shift's need), missing. */
export function coverage(shifts: readonly { slots: number; taken: number }[]) {
  const places = shifts.reduce((n, s) => n + s.slots, 0)
  const filled = shifts.reduce((n, s) => n + Math.min(s.slots, s.taken), 0)
  return { places, filled, missing: places - filled }
}
