// Seating a person on a chapter's team. One person holds at most one seat in a chapter (a leader
// is not also its vice-leader): every move that seats someone ends the other seat they hold there,
// in the same transaction and with the move in the history; the database's
// `chapter_team_one_seat_key` refuses anything that gets past this.
import type { Db } from '../../platform/db/client.ts'
import { DomainError } from '../../platform/errors.ts'
import { type ActivityVerdict, activityVerdictOf, verdictToJson } from '../standing/index.ts'
import * as repo from './chapters.repo.ts'
import type { TeamRole } from './chapters.rules.ts'

export type Seating = {
  chapterId: string
  personId: string
  role: TeamRole
  now: Date
  applicationId?: string | null
  /** Who seated them by hand (promotion, appointment). */
  appointedBy?: string | null
  /** Why although they were not active lately (the decider's judgment). */
  overrideReason?: string | null
}

/**
 * Seats a person, ending the seat they held in the chapter (reason "→ role"). Locks the chapter
 * first, so two moves on one team take turns whatever path they come by (applications, promotions,
 * appointments); a leader seated ends the SIG's search for one.
 */
export async function seatPerson(tx: Db, seat: Seating) {
  await repo.selectChaptersForUpdate(tx, [seat.chapterId])
  await repo.endSeat(tx, seat.chapterId, seat.personId, seat.now, `→ ${seat.role}`)
  await repo.insertSeat(tx, {
    chapterId: seat.chapterId,
    personId: seat.personId,
    role: seat.role,
    startedAt: seat.now,
    applicationId: seat.applicationId ?? null,
    appointedBy: seat.appointedBy ?? null,
    overrideReason: seat.overrideReason ?? null,
  })
  if (seat.role === 'leader') await repo.setLeaderWanted(tx, seat.chapterId, null)
}

/** Seating someone not active lately, without a reason: the verdict says why a reason is needed. */
export class SeatOverrideRequired extends DomainError {
  constructor(verdict: ActivityVerdict) {
    super('overrideRequired', 'This person has not been active lately; give a reason to seat them anyway')
    this.details = { verdict: verdictToJson(verdict) }
  }
}

/**
 * The activity rule at a seat the SIG fills by hand (promotion, appointment): the person's verdict,
 * and when they are not active lately, the decider's reason is required (the SIG may judge so).
 */
export async function checkActiveOrOverride(tx: Db, now: Date, personId: string, override?: string | null) {
  const verdict = await activityVerdictOf({ db: tx, now: () => now }, personId)
  if (!verdict.active && !override) throw new SeatOverrideRequired(verdict)
  return verdict.active ? null : override!
}
