// "Recently active" (近期活跃), the condition the community's rules set for founders, leaders,
// vice-leaders and members alike. A person is active through anything they did for the
// community: contributions on GitHub, appearances as a podcast guest, events they organised,
// talks and articles later. Each feature contributes its own facts (standing.sources.ts); this
// rule only weighs them, so it knows no feature and every feature can use it.

/** Something a person did for the community, as the feature that knows it tells it. */
export type ActivityFact = {
  /** Which kind of activity, named by the feature that contributes it ('contribution', 'guest', …). */
  kind: string
  at: Date
  /** Where it happened, as people say it: kubesphere/console#1234, an episode's title, an event's. */
  where: string
  /** A page that shows it, when there is one. */
  url?: string | null
}

export type ActivityVerdict = {
  active: boolean
  /** The start of the window: facts from this moment on count. */
  since: Date
  /** What counted: the latest fact of each kind inside the window, newest first. */
  counted: ActivityFact[]
  /** The latest fact of all (inside the window or not): what the person did last, and when. */
  last: ActivityFact | null
}

/** The community's "recently": the last six months (近半年). */
export const ACTIVE_WITHIN_MONTHS = 6

/**
 * The same moment `months` calendar months earlier, the day clamped to the shorter month's end
 * (six months before 31 August is 28 February, not 3 March: nobody's window grows by days).
 */
export function monthsBefore(now: Date, months: number) {
  const d = new Date(now)
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() - months)
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
  d.setUTCDate(Math.min(now.getUTCDate(), last))
  return d
}

/**
 * Whether the facts make a person recently active, and which of them did. A fact at exactly the
 * window's start counts; a fact after `now` (an episode scheduled for later, an event announced)
 * is not something the person has done yet and counts for nothing.
 */
export function activityVerdict(
  facts: readonly ActivityFact[],
  options: { now: Date; withinMonths?: number },
): ActivityVerdict {
  const since = monthsBefore(options.now, options.withinMonths ?? ACTIVE_WITHIN_MONTHS)
  const done = facts
    .filter((f) => f.at.getTime() <= options.now.getTime())
    .sort((a, b) => b.at.getTime() - a.at.getTime())
  const counted: ActivityFact[] = []
  for (const fact of done) {
    if (fact.at.getTime() < since.getTime()) break
    if (!counted.some((c) => c.kind === fact.kind)) counted.push(fact)
  }
  return { active: counted.length > 0, since, counted, last: done[0] ?? null }
}
