// Appearing as a guest on a published episode counts towards being recently active (see
// features/standing); a draft or an episode scheduled for later does not.
import { registerActivitySource } from '../standing/index.ts'
import { titleOf } from './podcast.feed.ts'
import * as repo from './podcast.repo.ts'

registerActivitySource({
  kind: 'guest',
  async facts(db, personIds, now) {
    const rows = await repo.selectGuestAppearances(db, personIds, now)
    const latest = new Map<string, (typeof rows)[number]>()
    for (const row of rows) if (row.personId && !latest.has(row.personId)) latest.set(row.personId, row)
    return [...latest.values()].map((r) => ({
      personId: r.personId!,
      kind: 'guest',
      at: r.publishedAt!,
      where: `${titleOf({ titleZh: r.showTitleZh, titleEn: r.showTitleEn }, r.language)}: ${titleOf(r, r.language)}`,
    }))
  },
})
