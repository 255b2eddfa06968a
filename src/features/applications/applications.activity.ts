// "Recently active" where the community leaves it to the reviewers' judgment (joining a chapter,
// the successor a leaving leader names): the verdict is shown to them, and approving someone who
// is not active lately takes an explicit override with a reason, kept in the history. A condition
// without judgment (the founder's six months) is the type's `eligibility` instead.
import type { Db } from '../../platform/db/client.ts'
import { DomainError } from '../../platform/errors.ts'
import { type ActivityVerdict, activityVerdicts, verdictToJson } from '../standing/index.ts'
import type { ApplicationRow } from './applications.repo.ts'
import type { ApplicationType } from './applications.types.ts'

export type ActivityCheck = { personId: string; as: string; verdict: ActivityVerdict }

/** The verdict of each person the type needs to be recently active, now. */
export async function activityChecks(
  db: Db,
  type: ApplicationType,
  application: ApplicationRow,
  now: Date,
): Promise<ActivityCheck[]> {
  if (!type.mustBeActive) return []
  const who = await type.mustBeActive(
    db,
    application as ApplicationRow & { answers: Record<string, unknown> },
  )
  if (!who.length) return []
  const verdicts = await activityVerdicts(
    { db, now: () => now },
    who.map((w) => w.personId),
  )
  return who.map((w) => ({ ...w, verdict: verdicts.get(w.personId)! }))
}

/** Approval of someone not active lately, without a reason given: the verdicts say why. */
export class OverrideRequired extends DomainError {
  constructor(checks: ActivityCheck[]) {
    super('overrideRequired', 'Someone who must be recently active is not; give a reason to approve anyway')
    this.details = { notActive: checks.map(checkToJson) }
  }
}

export const checkToJson = (c: ActivityCheck) => ({
  personId: c.personId,
  as: c.as,
  verdict: verdictToJson(c.verdict),
})
