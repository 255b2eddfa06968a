// GitHub contributions count towards being recently active (see features/standing).
import { registerActivitySource } from '../standing/index.ts'
import * as repo from './activity.repo.ts'
import { contributionPlace } from './activity.rules.ts'

registerActivitySource({
  kind: 'contribution',
  async facts(db, personIds) {
    const facts = []
    for (const personId of personIds) {
      const last = await repo.selectLastContribution(db, personId)
      if (last)
        facts.push({ personId, kind: 'contribution', at: last.occurredAt, where: contributionPlace(last) })
    }
    return facts
  },
})
