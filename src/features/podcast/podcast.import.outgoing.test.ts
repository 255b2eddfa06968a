// An import fetches what a third-party feed names, as the server: nothing in it may reach this
// machine or its private network unless the operator allowed that network.
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { feedXml } from '../../../test/support/podcast-feed.ts'
import { requestImport, runWaitingImports } from './podcast.import.ts'
import { episodes, podcastImports, shows } from './podcast.schema.ts'

const root = join(import.meta.dirname, '../../..')
const mp3 = readFileSync(join(root, 'test/fixtures/audio/episode.mp3'))
const cover = readFileSync(join(root, 'test/fixtures/images/cover-1400.jpg'))

/** A server on one loopback address, answering `routes`; `hits` lists what reached it. */
async function serve(
  address: string,
  routes: Map<string, (res: import('node:http').ServerResponse) => void>,
) {
  const hits: string[] = []
  const server = createServer((req, res) => {
    hits.push(req.url ?? '')
    const route = routes.get(req.url ?? '')
    if (route) route(res)
    else res.writeHead(404).end('not found')
  })
  await new Promise<void>((resolve) => server.listen(0, address, resolve))
  const base = `http://${address}:${(server.address() as AddressInfo).port}`
  return { hits, base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

for (const backend of await testBackends()) {
  describe(`podcast import through the outgoing guard [${backend}]`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hearth-import-guard-'))
    // This machine's own services (a metadata endpoint, an admin port) live on 127.0.0.1.
    const secret = await serve(
      '127.0.0.1',
      new Map([
        ['/secret.vtt', (res) => res.end('WEBVTT\n\n00:00.000 --> 00:01.000\nroot password hunter2\n')],
      ]),
    )
    // The old host is on 127.0.0.2, the one network this deployment allows.
    const routes = new Map<string, (res: import('node:http').ServerResponse) => void>()
    const host = await serve('127.0.0.2', routes)
    after(async () => {
      await Promise.all([secret.close(), host.close()])
      rmSync(dataDir, { recursive: true, force: true })
    })
    const t = await makeTestApp(backend, { DATA_DIR: dataDir, OUTGOING_ALLOW_NETWORKS: '127.0.0.2/32' })
    const admin = { personId: t.superuser.id, roles: [{ role: 'administrator', sigId: null }] }
    const item = (guid: string, extra: string) => ({
      guid,
      title: `Episode ${guid}`,
      date: 'Mon, 06 Jan 2025 08:00:00 GMT',
      audio: '/e.mp3',
      extra,
    })
    routes.set('/cover.jpg', (res) => res.writeHead(200, { 'content-type': 'image/jpeg' }).end(cover))
    routes.set('/e.mp3', (res) => res.writeHead(200, { 'content-type': 'audio/mpeg' }).end(mp3))
    routes.set('/to-secret.vtt', (res) => res.writeHead(302, { location: `${secret.base}/secret.vtt` }).end())
    routes.set('/to-decimal.vtt', (res) =>
      res.writeHead(302, { location: `http://2130706433:${new URL(secret.base).port}/secret.vtt` }).end(),
    )

    const importFeed = async (path: string, slug: string) => {
      const row = await requestImport(t.deps, admin, {
        sourceUrl: `${host.base}${path}`,
        feedXml: null,
        slug,
        hosts: [],
      })
      await runWaitingImports(t.deps)
      const [done] = await t.deps.db.select().from(podcastImports).where(eq(podcastImports.id, row.id))
      return done!
    }

    it('does not fetch, store or publish a transcript that redirects into loopback', async () => {
      routes.set('/feed.xml', (res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
          feedXml(host.base, [
            item('redirected', `<podcast:transcript url="${host.base}/to-secret.vtt" type="text/vtt"/>`),
            item('decimal', `<podcast:transcript url="${host.base}/to-decimal.vtt" type="text/vtt"/>`),
            item(
              'direct',
              `<podcast:transcript url="${secret.base}/secret.vtt" type="text/vtt"/>
              <podcast:chapters url="http://[::ffff:127.0.0.1]:${new URL(secret.base).port}/c.json" type="application/json+chapters"/>
              <itunes:image href="http://0x7f.1:${new URL(secret.base).port}/art.jpg"/>`,
            ),
          ]),
        ),
      )
      const done = await importFeed('/feed.xml', `guarded-${backend}`)
      assert.equal(done.status, 'finished')
      assert.deepEqual(secret.hits, [], 'nothing reached the loopback server')
      const [show] = await t.deps.db
        .select()
        .from(shows)
        .where(eq(shows.slug, `guarded-${backend}`))
      const imported = await t.deps.db.select().from(episodes).where(eq(episodes.showId, show!.id))
      assert.equal(imported.length, 3, 'the episodes come in, without what was refused')
      for (const e of imported) {
        assert.equal(e.transcriptId, null)
        assert.equal(e.artId, null)
        assert.equal(e.chapters, '')
      }
      assert.deepEqual(done.problems.map((p) => p.problem).sort(), [
        'chaptersUnreadable',
        'downloadFailed',
        'downloadFailed',
        'downloadFailed',
        'downloadFailed',
      ])
      const page = await (await t.client().get(`/en/podcast/guarded-${backend}/episode-redirected`)).text()
      assert.doesNotMatch(page, /hunter2/)
      const feed = await (await t.client().get(`/podcast/guarded-${backend}/feed.xml`)).text()
      assert.doesNotMatch(feed, /podcast:transcript/)
    })

    it('refuses a feed URL on loopback, in any spelling, with the message a closed port gets', async () => {
      const port = new URL(secret.base).port
      for (const sourceUrl of [
        `http://127.0.0.1:${port}/secret.vtt`,
        `http://2130706433:${port}/secret.vtt`,
        `http://0177.0.0.1:${port}/secret.vtt`,
        `http://localhost:${port}/secret.vtt`,
        `http://[::1]:${port}/secret.vtt`,
      ]) {
        const row = await requestImport(t.deps, admin, { sourceUrl, feedXml: null, slug: null, hosts: [] })
        await runWaitingImports(t.deps)
        const [done] = await t.deps.db.select().from(podcastImports).where(eq(podcastImports.id, row.id))
        assert.equal(done?.status, 'failed', sourceUrl)
        assert.equal(done?.failure, 'feedUnreachable', sourceUrl)
      }
      assert.deepEqual(secret.hits, [])
      // A closed port on the allowed network and a page there that is not a feed say the same.
      routes.set('/page.html', (res) =>
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hi</html>'),
      )
      assert.equal((await importFeed('/page.html', null as never)).failure, 'feedUnreachable')
      const closed = await requestImport(t.deps, admin, {
        sourceUrl: 'http://127.0.0.2:1/feed.xml',
        feedXml: null,
        slug: null,
        hosts: [],
      })
      await runWaitingImports(t.deps)
      const [failed] = await t.deps.db.select().from(podcastImports).where(eq(podcastImports.id, closed.id))
      assert.equal(failed?.failure, 'feedUnreachable')
    })
  })
}
