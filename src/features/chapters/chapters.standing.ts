// Organising a chapter event (recording one the chapter held) counts towards being recently
// active (see features/standing).

import { registerActivitySource } from '../standing/index.ts'
import * as repo from './chapters.repo.ts'
import { dayOf } from './chapters.rules.ts'

registerActivitySource({
  kind: 'event_organised',
  async facts(db, personIds, now) {
    const rows = await repo.selectEventsOrganisedBy(db, personIds, dayOf(now))
    const latest = new Map<string, (typeof rows)[number]>()
    for (const row of rows) if (row.personId && !latest.has(row.personId)) latest.set(row.personId, row)
    return [...latest.values()].map((r) => ({
      personId: r.personId!,
      kind: 'event_organised',
      at: new Date(`${r.heldOn}T00:00:00Z`),
      where: `${r.titleEn ?? r.titleZh ?? ''} (${r.cityEn} · ${r.cityZh})`,
    }))
  },
})
