import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { describe, it } from 'node:test'
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import {
  assertNoViolations,
  axeViolations,
  chromiumSkipReason,
  launchChromium,
} from '../../../test/support/chromium.ts'
import { testBackends } from '../../../test/support/db.ts'
import { assertHarmless, hostileMarkdown } from '../../../test/support/hostile-html.ts'
import { sigs } from '../../platform/db/schema.ts'
import { startSession } from '../accounts/index.ts'
import {
  linkArticleTranslations,
  selectArticleRevisions,
  upsertArticleBySlugOrSourcePath,
} from './articles.repo.ts'

const SHOTS = process.env.ARTICLE_SHOTS ?? '/tmp/articles-shots'
const NOW = new Date('2026-06-01T12:00:00Z')

const zhBody = `云原生的可观测性从指标、日志和链路开始。

## 工具对比

| 工具 | 用途 | 许可证 |
|---|---|---|
| Prometheus | 指标 | Apache-2.0 |
| Loki | 日志 | AGPL-3.0 |

\`\`\`yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: demo
\`\`\`

https://www.bilibili.com/video/BV1xx411c7mD
`

for (const backend of await testBackends()) {
  describe(`articles for readers [${backend}]`, async () => {
    const t = await makeTestApp(backend)
    t.setNow(NOW)
    const db = t.deps.db
    const ada = await makePerson(t.deps, { handle: 'ada', nameEn: 'Ada Lin', nameZh: '林艾达' })

    const zh = await upsertArticleBySlugOrSourcePath(
      db,
      {
        slug: 'observability-zh',
        language: 'zh',
        title: '可观测性入门',
        summary: '从指标、日志到链路。',
        body: zhBody,
        status: 'published',
        publishedAt: new Date('2026-05-01T08:00:00Z'),
        tags: ['可观测性', 'k8s'],
        keywords: ['Prometheus'],
        coverUrl: 'https://img.example/cover.png',
        authors: [
          { personId: ada.id, name: null },
          { personId: null, name: '王小明' },
        ],
      },
      { source: 'console' },
    )
    const en = await upsertArticleBySlugOrSourcePath(
      db,
      {
        slug: 'observability-en',
        language: 'en',
        title: 'Observability, a first look',
        summary: 'Metrics, logs and traces.',
        body: 'A translation. `code` and **bold**.',
        status: 'published',
        publishedAt: new Date('2026-05-02T08:00:00Z'),
        tags: ['k8s'],
        originalUrl: 'https://blog.example/original-post',
        translator: 'Bo Chen',
        canonicalToOriginal: true,
        authors: [{ personId: ada.id, name: null }],
      },
      { source: 'console' },
    )
    await linkArticleTranslations(db, zh.article.id, en.article.id)
    await upsertArticleBySlugOrSourcePath(
      db,
      {
        slug: 'hostile',
        language: 'en',
        title: 'Hostile <b>title</b>',
        body: hostileMarkdown,
        status: 'published',
        publishedAt: new Date('2026-04-01T00:00:00Z'),
        tags: ['k8s'],
      },
      { source: 'import' },
    )
    await upsertArticleBySlugOrSourcePath(
      db,
      {
        slug: 'later',
        language: 'zh',
        title: '以后再说',
        body: 'x',
        status: 'scheduled',
        publishedAt: new Date('2026-06-02T00:00:00Z'),
      },
      { source: 'console' },
    )
    await upsertArticleBySlugOrSourcePath(
      db,
      { slug: 'secret-draft', language: 'zh', title: '草稿', body: 'x', status: 'draft' },
      { source: 'console' },
    )

    it('lists published articles once per translation, in the reader’s language, with tags and authors', async () => {
      const zhList = await (await t.app.request('/zh/articles')).text()
      assert.match(zhList, /可观测性入门/)
      assert.doesNotMatch(zhList, /Observability, a first look/, 'the English version is the same article')
      assert.match(zhList, /林艾达/)
      assert.match(zhList, /王小明/)
      assert.doesNotMatch(zhList, /以后再说|草稿/)
      const enList = await (await t.app.request('/en/articles')).text()
      assert.match(enList, /Observability, a first look/)
      assert.doesNotMatch(enList, /可观测性入门/)
      assert.match(enList, /href="\/en\/people\/ada">Ada Lin/)
      const tagged = await (await t.app.request(`/zh/articles?tag=${encodeURIComponent('可观测性')}`)).text()
      assert.match(tagged, /可观测性入门/)
      assert.doesNotMatch(tagged, /Hostile/)
      assert.match(tagged, /aria-current="page"[^>]*>可观测性/)
    })

    it('shows an article with its table, highlighted code, video, authors and the other version', async () => {
      const res = await t.app.request('/en/articles/observability-zh')
      assert.equal(res.status, 200)
      const html = await res.text()
      assert.match(html, /<table>[\s\S]*<th>工具<\/th>/)
      assert.match(html, /<code class="hljs language-yaml"><span class="hljs-attr">apiVersion:<\/span>/)
      assert.match(html, /<iframe src="https:\/\/player\.bilibili\.com\/player\.html\?bvid=BV1xx411c7mD/)
      assert.match(
        html,
        /href="\/en\/articles\/observability-en"[^>]*>Read in English: Observability, a first look/,
      )
      assert.match(html, /<link rel="canonical" href="http:\/\/hearth\.test\/zh\/articles\/observability-zh"/)
      const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!)
      assert.equal(ld['@type'], 'Article')
      assert.equal(ld.headline, '可观测性入门')
      assert.equal(ld.inLanguage, 'zh-CN')
      assert.equal(ld.datePublished, '2026-05-01T08:00:00.000Z')
      assert.ok(ld.dateModified)
      assert.deepEqual(ld.image, ['https://img.example/cover.png'])
      assert.deepEqual(ld.author, [
        { '@type': 'Person', name: '林艾达', url: 'http://hearth.test/zh/people/ada' },
        { '@type': 'Person', name: '王小明' },
      ])
      assert.equal(ld.publisher['@type'], 'Organization')
      assert.equal(ld.translationOfWork, undefined)
    })

    it('links a translation to its original and points search engines there when asked', async () => {
      const html = await (await t.app.request('/zh/articles/observability-en')).text()
      assert.match(html, /<link rel="canonical" href="https:\/\/blog\.example\/original-post"/)
      assert.match(html, /原文: https:\/\/blog\.example\/original-post/)
      assert.match(html, /译者：Bo Chen/)
      assert.match(html, /阅读中文版: 可观测性入门/)
      const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!)
      assert.equal(ld.translationOfWork['@id'], 'https://blog.example/original-post')
      assert.equal(ld.inLanguage, 'en')
    })

    it('keeps drafts and future articles away, and shows a scheduled one at its moment with no job run', async () => {
      assert.equal((await t.app.request('/zh/articles/secret-draft')).status, 404)
      assert.equal((await t.app.request('/zh/articles/later')).status, 404)
      // A signed-in reader: the page cache keeps an anonymous list until the moment by the real
      // clock, which this test does not move.
      const reader = await t.clientAs((await makePerson(t.deps)).id)
      assert.doesNotMatch(await (await reader.get('/zh/articles')).text(), /以后再说/)
      t.setNow(new Date('2026-06-02T00:00:00Z'))
      try {
        assert.equal((await t.app.request('/zh/articles/later')).status, 200)
        assert.match(await (await reader.get('/zh/articles')).text(), /以后再说/)
      } finally {
        t.setNow(NOW)
      }
    })

    it('never lets hostile HTML reach a reader on the page', async () => {
      const html = await (await t.app.request('/en/articles/hostile')).text()
      const body = /<div class="prose article-body"[^>]*>([\s\S]*?)<\/div>\s*<footer/.exec(html)![1]!
      assertHarmless(body)
      assert.match(html, /Hostile &lt;b&gt;title&lt;\/b&gt;/, 'the title is text')
    })

    it('serves RSS, Atom and JSON Feed that a feed reader parses back, item by item', async () => {
      const rss = parseRssFeed(await (await t.app.request('/articles/feed.xml')).text())
      assert.deepEqual(
        rss.items?.map((i) => i.title),
        ['Observability, a first look', '可观测性入门', 'Hostile <b>title</b>'],
      )
      for (const item of rss.items ?? []) {
        assert.match(item.link ?? '', /^http:\/\/hearth\.test\/(zh|en)\/articles\/[a-z-]+$/)
        assert.ok(item.pubDate)
        assert.ok(item.guid?.value?.startsWith('urn:uuid:'))
        assertHarmless(item.content?.encoded ?? '')
      }
      assert.match(rss.items![1]!.content!.encoded!, /<table>/)
      assert.doesNotMatch(rss.items![1]!.content!.encoded!, /<iframe/, 'feeds keep the link, not the player')
      assert.deepEqual(
        rss.items![1]!.categories?.map((c) => c.name),
        ['可观测性', 'k8s'],
      )

      const atom = parseAtomFeed(await (await t.app.request('/zh/articles/feed.atom')).text())
      assert.deepEqual(
        atom.entries?.map((e) =>
          typeof e.title === 'string' ? e.title : (e.title as { value?: string } | undefined)?.value,
        ),
        ['可观测性入门'],
      )
      const entry = atom.entries![0]!
      assert.deepEqual(
        entry.authors?.map((a) => a.name),
        ['林艾达', '王小明'],
      )
      assert.equal(entry.authors?.[0]?.uri, 'http://hearth.test/zh/people/ada')
      assert.match(String(entry.content?.value ?? entry.content), /language-yaml/)

      const json = parseJsonFeed(
        JSON.parse(await (await t.app.request('/articles/tags/k8s/feed.json')).text()),
      )
      assert.deepEqual(
        json.items?.map((i) => i.title),
        ['Observability, a first look', '可观测性入门', 'Hostile <b>title</b>'],
      )
      assert.equal(json.items![0]!.external_url, 'https://blog.example/original-post')
      for (const item of json.items ?? []) assertHarmless(item.content_html ?? '')
      const none = parseJsonFeed(
        JSON.parse(await (await t.app.request('/articles/tags/nothing/feed.json')).text()),
      )
      assert.deepEqual(none.items ?? [], [])
    })

    it('answers a feed reader asking again with 304 until an article changes', async () => {
      const first = await t.app.request('/articles/feed.xml')
      const etag = first.headers.get('etag')!
      const lastModified = first.headers.get('last-modified')!
      assert.equal(first.headers.get('content-type'), 'application/rss+xml; charset=utf-8')
      assert.equal(
        (await t.app.request('/articles/feed.xml', { headers: { 'if-none-match': etag } })).status,
        304,
      )
      assert.equal(
        (await t.app.request('/articles/feed.xml', { headers: { 'if-modified-since': lastModified } }))
          .status,
        304,
      )
      // A feed under a language goes through the page cache too, and still answers 304.
      const zhFeed = await t.app.request('/zh/articles/feed.xml')
      const zhEtag = zhFeed.headers.get('etag')!
      assert.equal(
        (await t.app.request('/zh/articles/feed.xml', { headers: { 'if-none-match': zhEtag } })).status,
        304,
      )
      await new Promise((r) => setTimeout(r, 5))
      await upsertArticleBySlugOrSourcePath(
        db,
        {
          slug: 'observability-en',
          language: 'en',
          title: 'Observability, revised',
          body: 'New.',
          status: 'published',
          publishedAt: new Date('2026-05-02T08:00:00Z'),
          originalUrl: 'https://blog.example/original-post',
        },
        { source: 'console' },
      )
      const again = await t.app.request('/articles/feed.xml', { headers: { 'if-none-match': etag } })
      assert.equal(again.status, 200)
      assert.match(await again.text(), /Observability, revised/)
    })

    it('lets managers write, preview and revise an article from the console, and nobody else', async () => {
      const manager = await makePerson(t.deps, { handle: 'editor' })
      const [sig] = await db.select().from(sigs)
      await t.grant(manager.id, 'sig_member', sig!.id)
      const client = await t.clientAs(manager.id)
      const form = {
        title: 'Console article',
        slug: '',
        language: 'en',
        summary: 'Written in the console.',
        body: '| a | b |\n|---|---|\n| 1 | 2 |',
        status: 'published',
        publishedAt: '2026-05-20T10:00',
        coverUrl: '',
        tags: 'console, k8s',
        keywords: '',
        authors: '@ada\nGuest Writer',
        originalUrl: '',
        translator: '',
        translationOf: '',
        links: '',
      }
      const preview = await client.postForm('/en/console/articles', { ...form, _preview: '1' })
      assert.equal(preview.status, 200)
      assert.match(await preview.text(), /data-preview-body="true"><div class="table-scroll"><table>/)
      const bad = await client.postForm('/en/console/articles', {
        ...form,
        status: 'scheduled',
        publishedAt: '',
      })
      assert.equal(bad.status, 422)
      assert.match(await bad.text(), /A scheduled article needs its publish date/)
      const unknown = await client.postForm('/en/console/articles', { ...form, authors: '@nobody-here' })
      assert.match(await unknown.text(), /No person on this site has this handle/)
      const created = await client.postForm('/en/console/articles', form)
      assert.equal(created.status, 303)
      const editPath = new URL(created.headers.get('location')!, 'http://x').pathname
      const edited = await client.postForm(editPath, { ...form, title: 'Console article, edited' })
      assert.equal(edited.status, 303)
      const page = await (await client.get(editPath)).text()
      assert.match(page, /Revisions/)
      const id = editPath.split('/').at(-1)!
      assert.deepEqual(
        (await selectArticleRevisions(db, id)).map((r) => r.title),
        ['Console article, edited', 'Console article'],
      )
      const pub = await (await t.app.request('/en/articles/console-article')).text()
      assert.match(pub, /Console article, edited/)
      assert.match(pub, /Guest Writer/)

      const stranger = await t.clientAs((await makePerson(t.deps)).id)
      assert.equal((await stranger.get('/en/console/articles')).status, 403)
      assert.equal((await stranger.postForm('/en/console/articles', form)).status, 403)
    })

    it('passes axe on the list and an article in Chinese and English, screenshotted at desktop and phone width', {
      skip: backend !== 'pglite' || chromiumSkipReason(),
    }, async () => {
      const site = await t.listen()
      const browser = await launchChromium()
      const manager = await makePerson(t.deps, { handle: 'shots-admin' })
      await t.grant(manager.id, 'administrator')
      try {
        mkdirSync(SHOTS, { recursive: true })
        for (const width of [1280, 390]) {
          const context = await browser.newContext({ viewport: { width, height: 900 } })
          const page = await context.newPage()
          for (const locale of ['zh', 'en']) {
            for (const [name, path] of [
              ['list', '/articles'],
              ['article', '/articles/observability-zh'],
              ['translation', '/articles/observability-en'],
            ]) {
              const res = await page.goto(`${site.base}/${locale}${path}`)
              assert.equal(res?.status(), 200, `${locale}${path}`)
              if (width === 1280) assertNoViolations(await axeViolations(page), `/${locale}${path}`)
              await page.screenshot({ path: `${SHOTS}/${name}-${locale}-${width}.png`, fullPage: true })
            }
          }
          const { token } = await startSession(t.deps, manager.id, 'test')
          await context.addCookies([
            { name: '__Host-hearth_session', value: token, domain: '127.0.0.1', path: '/', secure: true },
          ])
          for (const locale of ['zh', 'en']) {
            const res = await page.goto(`${site.base}/${locale}/console/articles/new`)
            assert.equal(res?.status(), 200)
            if (width === 1280)
              assertNoViolations(await axeViolations(page), `/${locale}/console/articles/new`)
            await page.screenshot({ path: `${SHOTS}/editor-${locale}-${width}.png`, fullPage: true })
          }
          await context.close()
        }
      } finally {
        await browser.close()
      }
    })
  })
}
