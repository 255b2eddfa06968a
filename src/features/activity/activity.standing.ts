// GitHub contributions count towards being recently active (see features/standing).
import { registerActivitySource } from '../standing/index.ts'
import * as repo from './activity.repo.ts'
import { contributionPlace } from './activity.rules.ts'

registerActivitySource({
  kind: 'contribution',
  async facts(db, personIds, now) {
    const facts = []
    for (const personId of personIds) {
      // Up to `now`: a verdict asked for an earlier moment must not miss what came before it.
      const last = await repo.selectLastContribution(db, personId, now)
      if (last)
        facts.push({ personId, kind: 'contribution', at: last.occurredAt, where: contributionPlace(last) })
    }
    return facts
  },
})
