// Events that took place count towards being recently active (近期活跃, features/standing): having
// organised one, volunteered for one of its shifts, or been checked in at its door. Recorded by
// Hearth as it happens, beside the events chapter teams record by hand (chapters.standing.ts).
import type { Db } from '../../platform/db/client.ts'
import { registerActivitySource } from '../standing/index.ts'
import * as repo from './events.standing.repo.ts'

type Row = { personId: string; at: Date; titleZh: string | null; titleEn: string | null; slug: string }

/** The newest row of each person (rows come newest first) as that kind's fact. */
function latestFacts(kind: string, rows: Row[]) {
  const latest = new Map<string, Row>()
  for (const row of rows) if (!latest.has(row.personId)) latest.set(row.personId, row)
  return [...latest.values()].map((r) => ({
    personId: r.personId,
    kind,
    at: r.at,
    where: r.titleEn ?? r.titleZh ?? r.slug,
  }))
}

const sources: [kind: string, query: (db: Db, personIds: string[], now: Date) => Promise<Row[]>][] = [
  ['event_hosted', repo.selectOrganisedHeld],
  ['event_volunteered', repo.selectVolunteeredHeld],
  ['event_attended', repo.selectCheckedIn],
]

for (const [kind, query] of sources)
  registerActivitySource({
    kind,
    facts: async (db, personIds, now) => latestFacts(kind, await query(db, personIds, now)),
  })
