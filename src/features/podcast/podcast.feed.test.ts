import assert from 'node:assert/strict'
import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { parseRssFeed } from 'feedsmith'
import { parseFeed } from 'podcast-partytime'
import { makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { readFeed } from './podcast.import.ts'
import { attachAudio, createEpisode, createShow, publishEpisode } from './podcast.service.ts'

const fixtures = join(import.meta.dirname, '../../../test/fixtures/audio')

describe('explicit, as feeds spell it', () => {
  it('reads every spelling on import: yes, true and explicit are explicit; no, false and clean are not', () => {
    const spellings: [string, boolean][] = [
      ['yes', true],
      ['true', true],
      ['explicit', true],
      ['Yes', true],
      [' TRUE ', true],
      ['no', false],
      ['false', false],
      ['clean', false],
      ['CLEAN', false],
      ['False', false],
    ]
    for (const [spelling, explicit] of spellings) {
      const feed = readFeed(
        `<?xml version="1.0"?><rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>x</title><itunes:explicit>${spelling}</itunes:explicit><item><title>a</title><itunes:explicit>${spelling}</itunes:explicit></item></channel></rss>`,
      )
      assert.equal(feed.itunes?.explicit, explicit, `show: ${spelling}`)
      assert.equal(feed.items?.[0]?.itunes?.explicit, explicit, `episode: ${spelling}`)
    }
  })
})

for (const backend of await testBackends()) {
  describe(`the feed as Apple documents it [${backend}]`, async () => {
    const t = await makeTestApp(backend)
    const admin = { personId: t.superuser.id, roles: [{ role: 'administrator', sigId: null }] }

    it('says explicit as true or false, and links show notes to the site with absolute addresses', async () => {
      await createShow(t.deps, admin, {
        slug: 'late-night',
        title: 'Late Night Ops',
        description: 'Stories from on-call. [Our chapters](/en/chapters), [mail us](mailto:ops@example.org).',
        language: 'en',
        categories: ['Technology'],
        explicit: true,
        type: 'episodic',
        ownerName: 'Ops',
        ownerEmail: 'ops@example.org',
        copyright: null,
        hosts: [],
      })
      const episode = await createEpisode(t.deps, admin, 'late-night', {
        title: 'Clean one',
        slug: 'clean-one',
        notes: 'Meet [the Hangzhou chapter](/zh/chapters/hangzhou) and [KubeSphere](https://kubesphere.io).',
        season: null,
        number: 1,
        type: 'full',
        explicit: false,
        sponsor: null,
        videoUrl: null,
        chapters: '',
        guests: [],
      })
      await attachAudio(t.deps, admin, episode.id, {
        filename: 'episode.mp3',
        source: createReadStream(join(fixtures, 'episode.mp3')),
      })
      await publishEpisode(t.deps, admin, episode.id, null)
      const xml = await (await t.client().get('/podcast/late-night/feed.xml')).text()

      assert.deepEqual(
        [...xml.matchAll(/<itunes:explicit>([^<]*)<\/itunes:explicit>/g)].map((m) => m[1]),
        ['true', 'false'],
      )
      const rss = parseRssFeed(xml)
      assert.equal(rss.itunes?.explicit, true)
      assert.equal(rss.items?.[0]?.itunes?.explicit, false)
      assert.equal(parseFeed(xml)!.explicit, true)
      assert.equal(parseFeed(xml)!.items[0]!.explicit, false)

      assert.match(rss.description ?? '', /<a href="http:\/\/hearth\.test\/en\/chapters"/)
      assert.match(rss.description ?? '', /<a href="mailto:ops@example\.org"/)
      const item = rss.items?.[0]
      for (const notes of [item?.description ?? '', item?.content?.encoded ?? '']) {
        assert.match(notes, /<a href="http:\/\/hearth\.test\/zh\/chapters\/hangzhou"/)
        assert.match(notes, /<a href="https:\/\/kubesphere\.io"/)
      }
      // The site's own page keeps its links relative.
      const page = await (await t.client().get('/zh/podcast/late-night/clean-one')).text()
      assert.match(page, /href="\/zh\/chapters\/hangzhou"/)
    })
  })
}
