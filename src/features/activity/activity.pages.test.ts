import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { beginRun, endRun } from './activity.reconcile.repo.ts'
import * as repo from './activity.repo.ts'
import type { Contribution, ContributionKind } from './activity.rules.ts'

const NOW = new Date('2026-10-15T12:00:00Z')
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000)

let seq = 0
const made = (
  githubId: number,
  login: string,
  kind: ContributionKind,
  at: Date,
  repoName = 'kubesphere/console',
  number: number | null = 123,
): Contribution => ({
  key: `test:${githubId}:${++seq}`,
  githubId,
  login,
  avatarUrl: null,
  botAccount: false,
  kind,
  repoId: repoName.length,
  repoName,
  number,
  occurredAt: at,
})

for (const backend of await testBackends()) {
  describe(`activity pages and API [${backend}]`, async () => {
    const t = await makeTestApp(backend)
    t.setNow(NOW)
    const db = t.deps.db
    const active = await makePerson(t.deps, { handle: 'busy-bee', nameEn: 'Busy Bee', nameZh: '忙碌' })
    const quiet = await makePerson(t.deps, { handle: 'quiet-one', nameEn: 'Quiet One', nameZh: '安静' })
    await repo.linkAccount(db, 7001, 'busy-bee-gh', active.id, NOW)
    await repo.linkAccount(db, 7002, 'quiet-gh', quiet.id, NOW)
    await repo.upsertAccounts(db, [{ githubId: 7003, login: 'drive-by', avatarUrl: null }], NOW)
    await repo.upsertAccounts(db, [{ githubId: 7004, login: 'sneaky-automation', avatarUrl: null }], NOW)
    await repo.setBotOverride(db, 7004, true)
    await repo.insertContributions(
      db,
      [
        made(7001, 'busy-bee-gh', 'review', daysAgo(3), 'kubesphere/console', 4321),
        made(7001, 'busy-bee-gh', 'pr_opened', daysAgo(10), 'kubesphere/kubesphere', 77),
        made(7001, 'busy-bee-gh', 'issue_comment', daysAgo(40)),
        made(7001, 'busy-bee-gh', 'review', daysAgo(400)),
        made(7002, 'quiet-gh', 'push', daysAgo(240), 'kubesphere/website', null),
        made(7002, 'quiet-gh', 'review', daysAgo(250)),
        made(7003, 'drive-by', 'issue_opened', daysAgo(5)),
        ...Array.from({ length: 9 }, () => made(7004, 'sneaky-automation', 'review', daysAgo(2))),
      ],
      'test',
    )

    it('shows the contributors page in both languages, filtered by period and kind, without bots', async () => {
      const en = await t.client().get('/en/contributors?period=30d')
      assert.equal(en.status, 200)
      const html = await en.text()
      assert.match(html, /<html lang="en">/)
      assert.match(html, /href="\/en\/people\/busy-bee">Busy Bee<\/a>/)
      assert.match(html, /href="https:\/\/github.com\/drive-by"/)
      assert.doesNotMatch(html, /quiet-one|Quiet One/, 'nothing from them in 30 days')
      assert.doesNotMatch(html, /sneaky-automation/)
      assert.match(html, /3 contributions by 2 contributors/)
      assert.match(html, /<h2 id="absence-title">Absence factor<\/h2><p class="big-number">1 person<\/p>/)
      assert.match(html, /<svg class="bar-chart" role="img" aria-label="Bar chart of contributors per month/)

      const all = await (await t.client().get('/en/contributors?period=all')).text()
      assert.match(all, /Quiet One/)
      assert.match(all, /7 contributions by 3 contributors/)

      const reviews = await (await t.client().get('/zh/contributors?period=1y&kind=review')).text()
      assert.match(reviews, /<html lang="zh-Hans">/)
      assert.match(reviews, /2 位贡献者共 2 次贡献/)
      assert.match(reviews, /<option value="review" selected="">代码评审<\/option>/)
      assert.doesNotMatch(reviews, /drive-by/)

      const bogus = await t.client().get('/en/contributors?period=forever&kind=nonsense')
      assert.equal(bogus.status, 200, 'an unknown filter falls back to the default')
    })

    it('fits a year of the monthly chart into a phone’s width instead of cutting it off', async () => {
      const html = await (await t.client().get('/en/contributors?period=1y')).text()
      assert.match(
        html,
        /<div class="chart-fit"><svg class="bar-chart" role="img"[^>]* viewBox="0 0 \d+ 180"/,
      )
      assert.match(
        await (await t.client().get('/zh/contributors?period=1y')).text(),
        /<div class="chart-fit">/,
      )
    })

    it('shows the heatmap and the active answer on profiles', async () => {
      const en = await (await t.client().get('/en/people/busy-bee')).text()
      assert.match(
        en,
        /Active within six months: yes<\/strong> — last contribution: review on kubesphere\/console#4321, <time datetime="[^"]+">2026-10-12<\/time>/,
      )
      assert.equal((en.match(/<rect class="heat heat-\d"/g) ?? []).length, 365 + 5, 'a cell per day + legend')
      assert.match(en, /<title>2026-10-12: 1 contribution<\/title>/)
      assert.match(en, /role="img" aria-label="3 contributions on 3 days in the last year/)
      const zh = await (await t.client().get('/zh/people/quiet-one')).text()
      assert.match(zh, /六个月内活跃：否<\/strong> — 最近一次贡献：kubesphere\/website 上的推送，/)
      const none = await makePerson(t.deps, { handle: 'newcomer' })
      const nothing = await (await t.client().get(`/en/people/${none.handle}`)).text()
      assert.match(nothing, /Active within six months: no<\/strong> — No contributions recorded yet./)
    })

    it('answers the activity API for a person and for the community', async () => {
      const person = await (await t.client().get('/api/v1/people/busy-bee/activity')).json()
      assert.equal(person.total, 4)
      assert.equal(person.active.answer, true)
      assert.deepEqual(person.last, {
        kind: 'review',
        repoName: 'kubesphere/console',
        number: 4321,
        occurredAt: daysAgo(3).toISOString(),
      })
      assert.equal(person.first.occurredAt, daysAgo(400).toISOString())
      assert.deepEqual(person.byKind[0], { kind: 'review', count: 2 })
      const quietApi = await (await t.client().get('/api/v1/people/quiet-one/activity?period=30d')).json()
      assert.deepEqual([quietApi.total, quietApi.active.answer], [0, false])
      assert.equal((await t.client().get('/api/v1/people/nobody-at-all/activity')).status, 404)

      const board = await (await t.client().get('/api/v1/contributors?period=all')).json()
      assert.deepEqual(
        board.contributors.map((c: { handle: string | null; login: string; count: number }) => [
          c.handle,
          c.login,
          c.count,
        ]),
        [
          ['busy-bee', 'busy-bee-gh', 4],
          ['quiet-one', 'quiet-gh', 2],
          [null, 'drive-by', 1],
        ],
      )
      assert.equal(board.absenceFactor, 1, '4 of 7 is more than half')
      assert.deepEqual([board.total, board.contributorCount, board.page, board.pages], [7, 3, 1, 1])
      const bad = await t.client().get('/api/v1/contributors?period=forever')
      assert.equal(bad.status, 422)
      assert.equal(bad.headers.get('content-type'), 'application/problem+json')
    })

    it('lets administrators add and remove tracked scope, with translated errors for bad input', async () => {
      const admin = await t.clientAs(t.superuser.id)
      const page = await admin.get('/en/console/activity')
      assert.equal(page.status, 200)
      const added = await admin.postForm('/en/console/activity/scope', {
        kind: 'repo',
        name: 'kubesphere/console',
      })
      assert.equal(added.status, 303)
      const listed = await (await admin.get(added.headers.get('location')!)).text()
      assert.match(listed, /Now tracked\./)
      assert.match(listed, /<strong>kubesphere\/console<\/strong>/)
      const again = await admin.postForm('/en/console/activity/scope', {
        kind: 'repo',
        name: 'KubeSphere/Console',
      })
      assert.match(again.headers.get('location')!, /notice=scopeExists/)

      const bad = await admin.postForm('/zh/console/activity/scope', { kind: 'repo', name: 'no slash here' })
      assert.equal(bad.status, 422)
      const html = await bad.text()
      assert.match(html, /请按“所有者\/仓库”输入/)
      assert.match(html, /value="no slash here"/)

      const id = /action="\/en\/console\/activity\/scope\/([0-9a-f-]{36})\/remove"/.exec(listed)![1]!
      const removed = await admin.postForm(`/en/console/activity/scope/${id}/remove`, {})
      assert.equal(removed.status, 303)
      assert.doesNotMatch(
        await (await admin.get('/en/console/activity')).text(),
        /<strong>kubesphere\/console<\/strong>/,
      )
    })

    it('shows how reconciliation through the GitHub API went, or that it is off', async () => {
      const admin = await t.clientAs(t.superuser.id)
      assert.match(await (await admin.get('/en/console/activity')).text(), /Off: set GITHUB_TOKEN/)
      const config = t.deps.config as { githubToken: string | undefined }
      config.githubToken = 'token-for-this-test'
      try {
        assert.match(await (await admin.get('/en/console/activity')).text(), /It has not run yet/)
        const run = await beginRun(db, daysAgo(0.01))
        await endRun(db, run.id, {
          finishedAt: NOW,
          outcome: 'rate-limited',
          error: null,
          resetAt: new Date(NOW.getTime() + 3_600_000),
          requests: 12,
          notModified: 9,
          stored: 3,
        })
        const zh = await (await admin.get('/zh/console/activity')).text()
        assert.match(zh, /因 GitHub 速率限制暂停/)
        assert.match(zh, /共 12 次请求（其中 9 次无变化，不占配额），新增 3 条贡献/)
        assert.match(zh, /之后从中断处继续/)
      } finally {
        config.githubToken = undefined
      }
    })

    it('links logins to people and marks bots from the console, refusing unknown logins', async () => {
      const admin = await t.clientAs(t.superuser.id)
      const link = await admin.postForm('/en/console/activity/links', {
        login: 'Drive-By',
        handle: 'quiet-one',
      })
      assert.equal(link.status, 303)
      const person = await (await t.client().get('/api/v1/people/quiet-one/activity')).json()
      assert.equal(person.total, 3)
      const unknown = await admin.postForm('/en/console/activity/bots', { login: 'never-seen', bot: 'true' })
      assert.equal(unknown.status, 422)
      assert.match(await unknown.text(), /No contribution from this GitHub login has been recorded/)
      const marked = await admin.postForm('/en/console/activity/bots', { login: 'drive-by', bot: 'true' })
      assert.equal(marked.status, 303)
      const after = await (await t.client().get('/api/v1/people/quiet-one/activity')).json()
      assert.equal(after.total, 2)
      await admin.postForm('/en/console/activity/bots', { login: 'drive-by', bot: '' })
      const unlinked = await admin.postForm('/en/console/activity/links/7003/unlink', {})
      assert.equal(unlinked.status, 303)
      assert.equal((await (await t.client().get('/api/v1/people/quiet-one/activity')).json()).total, 2)
    })

    it('keeps the activity console from everyone but administrators', async () => {
      const lead = await makePerson(t.deps)
      await t.grant(lead.id, 'contributor')
      const browser = await t.clientAs(lead.id)
      assert.equal((await browser.get('/en/console/activity')).status, 403)
      const post = await browser.postForm('/en/console/activity/scope', { kind: 'org', name: 'evil' })
      assert.equal(post.status, 403)
      assert.equal((await t.client().get('/en/console/activity')).status, 302)
    })

    it('shows changes to anonymous readers at once (content generation moves on)', async () => {
      const before = await (await t.client().get('/en/contributors?period=all')).text()
      assert.doesNotMatch(before, /late-arrival/)
      await repo.upsertAccounts(db, [{ githubId: 7010, login: 'late-arrival', avatarUrl: null }], NOW)
      await repo.insertContributions(db, [made(7010, 'late-arrival', 'push', daysAgo(1))], 'test')
      assert.match(await (await t.client().get('/en/contributors?period=all')).text(), /late-arrival/)
    })
  })
}
