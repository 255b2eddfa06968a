// GitHub contributions as facts of being recently active (features/standing).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { activityVerdictOf } from '../standing/index.ts'
import * as repo from './activity.repo.ts'
import './activity.standing.ts'

const NOW = new Date('2026-10-15T12:00:00Z')
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000)

for (const backend of await testBackends()) {
  describe(`contributions as activity [${backend}]`, async () => {
    const t = await makeTestApp(backend)
    const person = await makePerson(t.deps)
    await repo.linkAccount(t.deps.db, 7001, 'gh-7001', person.id, NOW)
    await repo.insertContributions(
      t.deps.db,
      [40, 2].map((ago) => ({
        key: `review:standing-${ago}`,
        githubId: 7001,
        login: 'gh-7001',
        avatarUrl: null,
        botAccount: false,
        kind: 'review' as const,
        repoId: 1,
        repoName: 'kubesphere/console',
        number: ago,
        occurredAt: daysAgo(ago),
      })),
      'test',
    )

    it('counts the latest contribution up to the moment asked about, not one made after it', async () => {
      const verdict = await activityVerdictOf({ db: t.deps.db, now: () => daysAgo(5) }, person.id)
      assert.equal(verdict.active, true)
      assert.equal(verdict.last?.at.toISOString(), daysAgo(40).toISOString())
    })

    it('asked about today, names the newest contribution', async () => {
      const verdict = await activityVerdictOf({ db: t.deps.db, now: () => NOW }, person.id)
      assert.equal(verdict.last?.at.toISOString(), daysAgo(2).toISOString())
    })
  })
}
