import assert from 'node:assert/strict'
import { createReadStream, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
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
        titleZh: null,
        titleEn: 'Late Night Ops',
        descriptionZh: null,
        descriptionEn:
          'Stories from on-call. [Our chapters](/en/chapters), [mail us](mailto:ops@example.org).',
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
        titleZh: null,
        titleEn: 'Clean one',
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

    it('describes a show in its language (or the other one), and pages in the reader’s, marking a fallback', async () => {
      const show = (slug: string, descriptionZh: string | null, descriptionEn: string | null) =>
        createShow(t.deps, admin, {
          slug,
          titleZh: null,
          titleEn: slug,
          descriptionZh,
          descriptionEn,
          language: 'en',
          categories: [],
          explicit: false,
          type: 'episodic',
          ownerName: 'O',
          ownerEmail: 'o@example.org',
          copyright: null,
          hosts: [],
        })
      await show('described', '一档关于**运维**的节目。', 'A show about **operations**.')
      await show('described-zh', '只有中文简介。', null)
      const feed = parseRssFeed(await (await t.client().get('/podcast/described/feed.xml')).text())
      assert.match(feed.description ?? '', /A show about <strong>operations<\/strong>/)
      assert.doesNotMatch(feed.description ?? '', /运维/)
      const fallback = parseRssFeed(await (await t.client().get('/podcast/described-zh/feed.xml')).text())
      assert.match(fallback.description ?? '', /只有中文简介/)
      const zhPage = await (await t.client().get('/zh/podcast/described')).text()
      assert.match(
        zhPage,
        /<div class="podcast-description prose"><p>一档关于<strong>运维<\/strong>的节目。<\/p>/,
      )
      assert.doesNotMatch(zhPage, /A show about/)
      const enPage = await (await t.client().get('/en/podcast/described')).text()
      assert.match(enPage, /<div class="podcast-description prose"><p>A show about <strong>operations/)
      assert.match(enPage, /<meta property="og:description" content="A show about operations\."/)
      const marked = await (await t.client().get('/en/podcast/described-zh')).text()
      assert.match(marked, /<div class="podcast-description prose" lang="zh-Hans"><p>只有中文简介。<\/p>/)
      assert.match(
        await (await t.client().get('/en/podcast')).text(),
        /<p class="card-description" lang="zh-Hans">只有中文简介。<\/p>/,
      )
      const api = (await (await t.client().get('/api/v1/shows/described-zh')).json()) as Record<
        string,
        unknown
      >
      assert.deepEqual(
        [api.description, api.descriptionZh, api.descriptionEn],
        ['只有中文简介。', '只有中文简介。', null],
      )
    })

    it('moves a description typed before the pair into the field of the show’s language (migration 0039)', async () => {
      const update = readFileSync(
        new URL('../../../drizzle/0039_bilingual_show_description.sql', import.meta.url),
        'utf8',
      )
        .split('--> statement-breakpoint')
        .find((st) => st.includes('UPDATE "shows"'))!
        .replace(/^\s*--.*$/gm, '')
        .replaceAll('"shows"', 'old_shows')
      const db = t.deps.db
      await db.execute(
        sql.raw(
          'create temp table old_shows (slug text, language text, description text, description_zh text, description_en text)',
        ),
      )
      await db.execute(
        sql.raw(
          "insert into old_shows (slug, language, description) values ('a', 'zh-cn', '社区访谈 · Community talk'), ('b', 'en', 'Talks about 云原生'), ('c', 'ZH-TW', ''), ('d', 'fr', 'Causeries')",
        ),
      )
      await db.execute(sql.raw(update))
      const { rows } = (await db.execute(
        sql.raw('select slug, description_zh, description_en from old_shows order by slug'),
      )) as unknown as { rows: Record<string, string | null>[] }
      assert.deepEqual(
        rows.map((r) => [r.slug, r.description_zh, r.description_en]),
        [
          ['a', '社区访谈 · Community talk', null],
          ['b', null, 'Talks about 云原生'],
          ['c', '', null],
          ['d', null, 'Causeries'],
        ],
      )
      await db.execute(sql.raw('drop table old_shows'))
    })

    it('is in the show’s one language, with the titles in it; pages show the reader’s, marking a fallback', async () => {
      const show = (slug: string, language: string) =>
        createShow(t.deps, admin, {
          slug,
          titleZh: '双语节目',
          titleEn: 'Two-language show',
          descriptionZh: 'x',
          descriptionEn: 'x',
          language,
          categories: [],
          explicit: false,
          type: 'episodic',
          ownerName: 'O',
          ownerEmail: 'o@example.org',
          copyright: null,
          hosts: [],
        })
      const episode = async (slug: string, titleZh: string | null, titleEn: string | null) => {
        const e = await createEpisode(t.deps, admin, slug, {
          titleZh,
          titleEn,
          slug: `ep-${titleEn ? 'both' : 'zh'}`,
          notes: '',
          season: null,
          number: null,
          type: 'full',
          explicit: false,
          sponsor: null,
          videoUrl: null,
          chapters: '',
          guests: [],
        })
        await attachAudio(t.deps, admin, e.id, {
          filename: 'episode.mp3',
          source: createReadStream(join(fixtures, 'episode.mp3')),
        })
        await publishEpisode(t.deps, admin, e.id, null)
      }
      for (const [slug, language] of [
        ['two-en', 'en'],
        ['two-zh', 'zh-cn'],
      ] as const) {
        await show(slug, language)
        await episode(slug, '第一期', 'First')
        await episode(slug, '只有中文', null)
      }
      const en = parseRssFeed(await (await t.client().get('/podcast/two-en/feed.xml')).text())
      assert.equal(en.language, 'en')
      assert.equal(en.title, 'Two-language show')
      assert.deepEqual(en.items?.map((i) => i.title).sort(), ['First', '只有中文'])
      const zh = parseFeed(await (await t.client().get('/podcast/two-zh/feed.xml')).text())!
      assert.equal(zh.title, '双语节目')
      assert.deepEqual(zh.items.map((i) => i.title).sort(), ['只有中文', '第一期'])

      const enPage = await (await t.client().get('/en/podcast/two-zh')).text()
      assert.match(enPage, /<h1>Two-language show<\/h1>/)
      assert.match(enPage, /<a href="\/en\/podcast\/two-zh\/ep-both">First<\/a>/)
      assert.match(
        enPage,
        /<h3 class="card-title" lang="zh-Hans"><a href="\/en\/podcast\/two-zh\/ep-zh">只有中文<\/a>/,
      )
      const zhPage = await (await t.client().get('/zh/podcast/two-en')).text()
      assert.match(zhPage, /<h1>双语节目<\/h1>/)
      assert.match(zhPage, /<h3 class="card-title"><a href="\/zh\/podcast\/two-en\/ep-both">第一期<\/a>/)
      const episodeEn = await (await t.client().get('/en/podcast/two-zh/ep-both')).text()
      assert.match(episodeEn, /<h1>First<\/h1>/)
      assert.match(episodeEn, /<title>First · Two-language show/)
    })

    it('gives a show without a copyright line the community’s, in the show’s language, and follows a rename', async () => {
      const show = (slug: string, language: string, copyright: string | null) =>
        createShow(t.deps, admin, {
          slug,
          titleZh: '社区之声',
          titleEn: 'Community Voices',
          descriptionZh: null,
          descriptionEn: 'x',
          language,
          categories: [],
          explicit: false,
          type: 'episodic',
          ownerName: 'O',
          ownerEmail: 'o@example.org',
          copyright,
          hosts: [],
        })
      await show('voices-zh', 'zh-cn', null)
      await show('voices-en', 'en', null)
      await show('voices-own', 'en', '© 2026 Its Own Host')
      const copyrightOf = async (slug: string) =>
        parseRssFeed(await (await t.client().get(`/podcast/${slug}/feed.xml`)).text()).copyright
      assert.equal(await copyrightOf('voices-en'), undefined, 'an unnamed community names nobody')
      const rename = (nameZh: string, nameEn: string) =>
        t.clientAs(t.superuser.id).then((admin) =>
          admin.postForm('/en/console/community', {
            nameZh,
            nameEn,
            descriptionZh: '',
            descriptionEn: '',
            accent: '',
            accentDark: '',
            links: '',
          }),
        )
      assert.equal((await rename('青云社区', 'Cloud Community')).status, 303)
      assert.equal(await copyrightOf('voices-zh'), '© 青云社区')
      assert.equal(await copyrightOf('voices-en'), '© Cloud Community')
      assert.equal(await copyrightOf('voices-own'), '© 2026 Its Own Host')
      assert.equal((await rename('青云社区', 'Qingyun Community')).status, 303)
      assert.equal(await copyrightOf('voices-en'), '© Qingyun Community')
      const xml = await (await t.client().get('/podcast/voices-en/feed.xml')).text()
      assert.match(xml, /<generator>Hearth<\/generator>/, 'the software is named as the generator only')
    })
  })
}
