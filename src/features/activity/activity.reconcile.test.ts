import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { freshDatabase, testBackends } from '../../../test/support/db.ts'
import { startFakeGithubApi } from '../../../test/support/fake-github-api.ts'
import { selectLatestRun } from './activity.reconcile.repo.ts'
import { reconcileActivity } from './activity.reconcile.ts'
import { insertScope } from './activity.repo.ts'
import { contributionFromArchiveEvent } from './activity.rules.ts'
import { contributions } from './activity.schema.ts'
import { storeContributions } from './activity.service.ts'

const NOW = new Date('2011-05-01T00:00:00Z')
const expected = [
  'comment:1',
  'issue_closed:1:2011-04-23T10:00:00.000Z',
  'issue_opened:1',
  'pr_closed:1000001:2011-04-25T12:00:00.000Z',
  'pr_opened:1000001',
  'review_comment:10',
]

for (const backend of await testBackends()) {
  describe(`activity reconciliation through the REST API [${backend}]`, async () => {
    const fake = await startFakeGithubApi()
    const database = await freshDatabase(backend)
    after(async () => {
      await fake.close()
      await database.dispose()
    })
    const deps = { db: database.db, now: () => NOW }
    const reconcile = () => reconcileActivity(deps, { github: { apiUrl: fake.apiUrl, token: 'ghp_test' } })
    const stored = async () =>
      (await database.db.select().from(contributions)).sort((a, b) => a.key.localeCompare(b.key))

    before(async () => {
      await insertScope(database.db, { kind: 'repo', name: 'octocat/hello-world' })
      await insertScope(database.db, { kind: 'org', name: 'octo-org' })
      // The comment already came in from GH Archive: the API must not store it again.
      const fromArchive = contributionFromArchiveEvent({
        type: 'IssueCommentEvent',
        created_at: '2011-04-14T16:00:49Z',
        actor: { id: 1, login: 'octocat' },
        repo: { id: 1296269, name: 'octocat/Hello-World' },
        payload: { action: 'created', issue: { number: 1347 }, comment: { id: 1 } },
      })!
      await storeContributions(deps, [fromArchive], {
        scope: [{ kind: 'repo', name: 'octocat/Hello-World' }],
        source: 'archive',
      })
    })

    it('a rate-limited run stops cleanly, stores nothing and says when to come back', async () => {
      fake.state.rateLimitAfter = 0
      const result = await reconcile()
      assert.equal(result.outcome, 'rate-limited')
      assert.deepEqual(result.resetAt, new Date(fake.state.rateLimitReset * 1000))
      assert.equal(result.stored, 0)
      assert.deepEqual(
        (await stored()).map((c) => c.key),
        ['comment:1'],
      )
      const run = await selectLatestRun(database.db)
      assert.equal(run?.outcome, 'rate-limited')
      assert.ok(run?.finishedAt)
    })

    it('a run limited half-way keeps what it stored; the next run resumes and stores the rest once', async () => {
      // Both org pages, the repository, the six (empty) lists of the org's repositories, the issues
      // list and the closed issue are answered; the pull request is refused.
      fake.state.rateLimitAfter = 11
      const partial = await reconcile()
      assert.equal(partial.outcome, 'rate-limited', partial.error ?? '')
      const kept = (await stored()).map((c) => c.key)
      assert.ok(
        kept.includes('issue_opened:1') && kept.includes('issue_closed:1:2011-04-23T10:00:00.000Z'),
        `${kept}`,
      )
      assert.ok(!kept.includes('pr_opened:1000001'))

      fake.state.rateLimitAfter = null
      const result = await reconcile()
      assert.equal(result.outcome, 'finished', result.error ?? '')
      assert.equal(result.repos, 3)
      const rows = await stored()
      assert.deepEqual(
        rows.map((c) => c.key),
        expected,
      )
      const byKey = new Map(rows.map((c) => [c.key, c]))
      assert.equal(byKey.get('comment:1')?.source, 'archive', 'the archive row is left as it was')
      assert.equal(byKey.get('pr_opened:1000001')?.source, 'api')
      assert.equal(byKey.get('pr_closed:1000001:2011-04-25T12:00:00.000Z')?.kind, 'pr_merged')
      assert.equal(
        byKey.get('issue_closed:1:2011-04-23T10:00:00.000Z')?.githubId,
        3,
        'credited to the closer',
      )
      assert.equal(byKey.get('review_comment:10')?.number, 1348)
      assert.equal(rows.filter((c) => c.githubId === 41898282).length, 0, 'the bot comment is not counted')
      assert.equal((await selectLatestRun(database.db))?.outcome, 'finished')
    })

    it('the next run asks only for what changed since, and stores nothing new', async () => {
      fake.state.requests = []
      const result = await reconcile()
      assert.equal(result.outcome, 'finished')
      assert.equal(result.stored, 0)
      const issues = fake.state.requests.find((r) => r.path === '/repos/octocat/hello-world/issues')
      assert.equal(issues?.query.get('since'), '2011-04-25T12:00:00.000Z')
      assert.equal((await stored()).length, expected.length)
    })

    it('then, with nothing changed, every list answers 304 and costs nothing', async () => {
      fake.state.requests = []
      const result = await reconcile()
      assert.equal(result.outcome, 'finished')
      assert.equal(result.stored, 0)
      const lists = fake.state.requests.filter((r) => /\/(issues|comments)$/.test(r.path))
      assert.equal(lists.length, 9, 'three lists of three repositories')
      for (const r of lists) {
        assert.ok(r.ifNoneMatch, `${r.path} sent If-None-Match`)
        assert.equal(r.status, 304, r.path)
      }
      assert.equal(result.notModified, 9)
      // Only the organisation's repository list (two pages) was read again.
      assert.equal(result.requests, 2)
      assert.equal((await stored()).length, expected.length)
    })

    it('a new comment on GitHub is found by the next run', async () => {
      fake.state.issueComments.push({
        ...structuredClone(fake.state.issueComments[0]),
        id: 3,
        updated_at: '2011-04-30T08:00:00Z',
        created_at: '2011-04-30T08:00:00Z',
      } as { updated_at: string })
      const result = await reconcile()
      assert.equal(result.stored, 1)
      assert.ok((await database.db.select().from(contributions).where(eq(contributions.key, 'comment:3')))[0])
    })
  })
}
