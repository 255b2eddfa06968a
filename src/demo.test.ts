import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { parseRssFeed } from 'feedsmith'
import { parseFeed } from 'podcast-partytime'
import { BASE_URL, testDeps } from '../test/support/app.ts'
import { freshDatabase, testBackends } from '../test/support/db.ts'
import { createApp } from './app.ts'
import { loadDemo } from './demo.ts'
import { getProfile } from './features/people/index.ts'

for (const backend of await testBackends()) {
  describe(`demo content (${backend})`, () => {
    it('loads without using one database connection for two queries at once, and shows what the podcast does', async () => {
      const database = await freshDatabase(backend)
      after(() => database.dispose())
      // pg warns once per process when a query is sent on a client still running another one
      // (pg 9 refuses it): every such use would be a transaction's client shared by parallel queries.
      const warnings: string[] = []
      const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`)
      process.on('warning', onWarning)
      const deps = testDeps(database)
      try {
        assert.equal(await loadDemo(deps), true)
        await new Promise((resolve) => setImmediate(resolve))
      } finally {
        process.off('warning', onWarning)
      }
      assert.deepEqual(
        warnings.filter((w) => /already executing a query/.test(w)),
        [],
      )

      // Demo people hold their GitHub accounts as if they had signed in with them: an application's
      // reviewers see the applicant's link.
      const beijing = await getProfile(deps, 'wang-jiahui')
      assert.equal(beijing.person.githubLogin, 'demo-wang-jiahui')

      const app = createApp(deps, { pageCacheCheckMs: 0 })
      const xml = await (await app.request(`${BASE_URL}/podcast/kubesphere-talk/feed.xml`)).text()
      const feed = parseFeed(xml)!
      assert.ok(feed.items.length >= 3, `${feed.items.length} episodes in the demo feed`)
      assert.ok(feed.podcastFunding?.length, 'the demo show names who supports it')
      assert.match(feed.podcastFunding![0]!.url, /^https:\/\//)
      assert.match(xml, /<itunes:explicit>false<\/itunes:explicit>/)
      const rss = parseRssFeed(xml)
      assert.equal(rss.itunes?.explicit, false)
      // Show notes link to the site's pages with addresses that work outside it.
      const hrefs = [rss.description ?? '', ...(rss.items ?? []).map((i) => i.content?.encoded ?? '')]
        .join('\n')
        .matchAll(/href="([^"]*)"/g)
      const links = [...hrefs].map((m) => m[1]!)
      assert.ok(
        links.some((l) => l.startsWith(`${BASE_URL}/zh/chapters/`)),
        links.join(' '),
      )
      assert.deepEqual(
        links.filter((l) => !/^(https?:|mailto:)/.test(l)),
        [],
      )
    })
  })
}
