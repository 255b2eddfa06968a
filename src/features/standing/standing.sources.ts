// The registry of activity facts. It lives below every feature that fills it: activity registers
// GitHub contributions, the podcast guest appearances, chapters the events people organised (and
// events theirs, and talks and articles will), each from its own index.ts; chapters and the
// applications engine ask for verdicts without knowing who contributed the facts. Nothing here
// imports a feature, so no cycle can form.
import type { Db } from '../../platform/db/client.ts'
import type { Deps } from '../../platform/deps.ts'
import {
  ACTIVE_WITHIN_MONTHS,
  type ActivityFact,
  type ActivityVerdict,
  activityVerdict,
} from './standing.rules.ts'

export type ActivitySource = {
  /** The fact kind it contributes; one source per kind. */
  kind: string
  /**
   * Each person's most recent facts of this kind, none later than `now` (the latest one per
   * person is enough: the verdict needs the newest of each kind). Runs inside the caller's
   * transaction when there is one, so it must query in turn, never in parallel.
   */
  facts: (db: Db, personIds: string[], now: Date) => Promise<(ActivityFact & { personId: string })[]>
}

const sources = new Map<string, ActivitySource>()

export function registerActivitySource(source: ActivitySource) {
  if (sources.has(source.kind)) throw new Error(`Activity source ${source.kind} is registered twice`)
  sources.set(source.kind, source)
}

export const activitySourceKinds = () => [...sources.keys()]

/** Every person's verdict, from the facts of every registered source. */
export async function activityVerdicts(
  deps: Pick<Deps, 'db' | 'now'>,
  personIds: string[],
  withinMonths = ACTIVE_WITHIN_MONTHS,
): Promise<Map<string, ActivityVerdict>> {
  // Without sources everybody would look inactive: a wiring mistake, not a verdict.
  if (!sources.size) throw new Error('No activity sources are registered')
  const now = deps.now()
  const ids = [...new Set(personIds)]
  const facts: (ActivityFact & { personId: string })[] = []
  if (ids.length)
    for (const source of sources.values()) facts.push(...(await source.facts(deps.db, ids, now)))
  return new Map(
    ids.map((id) => [
      id,
      activityVerdict(
        facts.filter((f) => f.personId === id).map(({ personId: _, ...f }) => f),
        { now, withinMonths },
      ),
    ]),
  )
}

export async function activityVerdictOf(
  deps: Pick<Deps, 'db' | 'now'>,
  personId: string,
  withinMonths?: number,
) {
  return (await activityVerdicts(deps, [personId], withinMonths)).get(personId)!
}
