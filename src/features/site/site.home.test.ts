import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { XMLParser } from 'fast-xml-parser'
import { BASE_URL, demoSite, makeTestApp, TestClient } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { createEvent } from '../../../test/support/events.ts'
import { speakerCalls } from '../../platform/db/schema.ts'
import { upsertArticleBySlugOrSourcePath } from '../articles/index.ts'
import { countListedPeople } from '../people/index.ts'

const fixtures = fileURLToPath(new URL('../../../test/fixtures/sitemap/', import.meta.url))

/** xmllint's complaints about a document against one of the sitemap schemas; none when valid. */
function schemaErrors(xml: string, schema: 'siteindex.xsd' | 'urlset.xsd') {
  const run = spawnSync('xmllint', ['--noout', '--schema', `${fixtures}${schema}`, '-'], {
    input: xml,
    encoding: 'utf8',
  })
  if (run.error) throw new Error('xmllint is needed (Debian package libxml2-utils)')
  return run.status === 0 ? [] : run.stderr.split('\n').filter((l) => l && !l.endsWith(' validates'))
}

const parser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => ['url', 'sitemap', 'xhtml:link'].includes(name),
})
const meta = (html: string, key: string) =>
  new RegExp(`<meta (?:property|name)="${key.replace(/[.:]/g, '\\$&')}" content="([^"]*)"`).exec(html)?.[1]
const sectionOf = (html: string, id: string) => {
  const start = html.indexOf(`aria-labelledby="${id}"`)
  assert.ok(start > 0, `the page has the ${id} section`)
  return html.slice(start, html.indexOf('</section>', start))
}

for (const backend of await testBackends()) {
  describe(`home page with the demo community [${backend}]`, () => {
    const site = demoSite(backend)
    const get = (path: string) => new TestClient(site.app).get(path)

    it('opens with the community, its numbers and one primary action', async () => {
      const html = await (await get('/en')).text()
      const hero = sectionOf(html, 'home-title')
      assert.match(hero, /<h1 id="home-title"[^>]*>[^<]+<\/h1>/)
      assert.equal(hero.match(/class="button"/g)?.length, 1, 'one filled button in the hero')
      assert.equal(html.match(/class="button"/g)?.length, 1, 'and none elsewhere on the page')
      const stats = sectionOf(html, 'home-numbers')
      const people = await countListedPeople(site.deps)
      assert.match(
        stats,
        new RegExp(`<span class="stat-value">${people}</span><span class="stat-label">people</span>`),
      )
      assert.match(stats, /<span class="stat-value">3<\/span><span class="stat-label">chapters<\/span>/)
      assert.match(stats, /<span class="stat-label">episodes<\/span>/)
      assert.match(stats, /<span class="stat-label">events this year<\/span>/)
    })

    it('shows the next three events, nearest first, with their chapter and places', async () => {
      const events = sectionOf(await (await get('/en')).text(), 'home-events')
      const starts = [...events.matchAll(/<time datetime="([^"]+)"/g)].map((m) => Date.parse(m[1]!))
      assert.equal(starts.length, 3)
      assert.deepEqual(
        starts,
        [...starts].sort((a, b) => a - b),
      )
      assert.ok(starts[0]! > Date.now())
      assert.match(events, /Shanghai chapter/)
      assert.match(events, /places left|Full: waitlist only/)
      const zh = sectionOf(await (await get('/zh')).text(), 'home-events')
      assert.match(zh, /近期活动/)
      assert.match(zh, /上海/)
    })

    it('offers the latest episode with a play button', async () => {
      const episode = sectionOf(await (await get('/en')).text(), 'home-episode')
      assert.match(episode, /href="\/en\/podcast\/kubesphere-talk\/ep-3-zhou-zhengjun"/)
      assert.match(episode, /class="button secondary play-link"[^>]*>.*<span>Play<\/span>/s)
      assert.doesNotMatch(episode, /ep-2-zhang-haili/, 'only the latest')
    })

    it('puts the chapters on a city grid with their leaders’ faces, and who contributed lately', async () => {
      const html = await (await get('/zh')).text()
      const chapters = sectionOf(html, 'home-chapters')
      for (const city of ['上海', '杭州', '成都']) assert.match(chapters, new RegExp(`>${city}</a>`))
      assert.match(
        chapters,
        /<ul class="avatar-stack" aria-label="[^"]+站的站长"><li><a href="\/zh\/people\//,
      )
      const recent = sectionOf(html, 'home-contributors')
      assert.match(recent, /最近 90 天有 \d+ 位贡献者/)
      assert.match(recent, /href="\/zh\/contributors\?period=90d"/)
    })

    it('leads every way in and every “all” link to a page that exists', async () => {
      for (const locale of ['zh', 'en']) {
        const html = await (await get(`/${locale}`)).text()
        const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'))
        const links = [
          ...new Set([...main.matchAll(/href="(\/[^"#]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'))),
        ]
        assert.ok(links.length > 20)
        for (const link of links) {
          const res = await get(link)
          // Forms for members send a visitor to sign in first.
          assert.ok(
            res.status === 200 ||
              ([302, 303].includes(res.status) && /sign-in/.test(res.headers.get('location')!)),
            `${link}: ${res.status}`,
          )
        }
        assert.match(main, new RegExp(`href="/${locale}/applications/new/found-chapter"`))
        assert.match(
          main,
          new RegExp(`href="/${locale}/applications/new/podcast-guest\\?subject=kubesphere-talk"`),
        )
      }
    })

    it('is kept by the page cache for visitors (no cookie, revalidated), never for a signed-in reader', async () => {
      const res = await get('/en')
      assert.deepEqual(res.headers.getSetCookie(), [])
      assert.equal(res.headers.get('cache-control'), 'no-cache')
    })

    it('lists every public page in both languages in a sitemap that validates against its schema', async () => {
      const index = await get('/sitemap.xml')
      assert.equal(index.status, 200)
      assert.match(index.headers.get('content-type')!, /^application\/xml/)
      const indexXml = await index.text()
      assert.deepEqual(schemaErrors(indexXml, 'siteindex.xsd'), [])
      const files: string[] = parser.parse(indexXml).sitemapindex.sitemap.map((s: { loc: string }) => s.loc)
      for (const name of ['pages', 'chapters', 'events', 'programme', 'episodes', 'people'])
        assert.ok(files.includes(`${BASE_URL}/sitemap-${name}-1.xml`), `${name} is in the index`)
      const locs = new Set<string>()
      const alternatesOf = new Map<string, Map<string, string>>()
      for (const file of files) {
        const xml = await (await get(file.replace(BASE_URL, ''))).text()
        assert.deepEqual(schemaErrors(xml, 'urlset.xsd'), [], file)
        for (const url of parser.parse(xml).urlset.url as {
          loc: string
          'xhtml:link': Record<string, string>[]
        }[]) {
          locs.add(url.loc)
          alternatesOf.set(url.loc, new Map(url['xhtml:link'].map((l) => [l['@_hreflang']!, l['@_href']!])))
        }
      }
      // Every page names itself, x-default and its other language, each of them listed too and
      // naming it back: a page under both prefixes has both; an article its own and its translations.
      for (const [loc, alternates] of alternatesOf) {
        const hreflangs = [...alternates.keys()].sort()
        if (loc.includes('/articles/')) assert.ok(hreflangs.includes('x-default'), loc)
        else assert.deepEqual(hreflangs, ['en', 'x-default', 'zh-Hans'], loc)
        assert.ok([...alternates.values()].includes(loc), `${loc} names itself`)
        for (const [hreflang, href] of alternates) {
          if (hreflang === 'x-default') continue
          assert.ok(locs.has(href), `${loc}: ${href} is listed`)
          assert.ok([...alternatesOf.get(href)!.values()].includes(loc), `${href} names ${loc} back`)
        }
      }
      for (const page of [
        '/zh',
        '/en/events',
        '/zh/chapters/shanghai',
        '/en/podcast/kubesphere-talk/ep-1-yin-min',
        '/zh/people/yin-min',
      ])
        assert.ok(locs.has(`${BASE_URL}${page}`), page)
      // The demo conference's programme: its schedule, speakers, sessions and videos.
      for (const page of [
        /\/en\/events\/[^/]+\/schedule$/,
        /\/zh\/events\/[^/]+\/sessions\/[0-9a-f-]+$/,
        /\/videos$/,
      ])
        assert.ok(
          [...locs].some((loc) => page.test(loc)),
          String(page),
        )
      // Every page it names is there for a visitor.
      for (const loc of locs) assert.equal((await get(loc.replace(BASE_URL, ''))).status, 200, loc)
    })

    it('never names a private profile in the sitemap', async () => {
      const xml = await (await get('/sitemap-people-1.xml')).text()
      const listed = await countListedPeople(site.deps)
      assert.equal(xml.match(/<url>/g)?.length, listed * 2)
    })

    it('points robots.txt to the sitemap', async () => {
      const robots = await get('/robots.txt')
      assert.equal(robots.status, 200)
      const text = await robots.text()
      assert.match(text, new RegExp(`^Sitemap: ${BASE_URL}/sitemap\\.xml$`, 'm'))
      assert.match(text, /^Disallow: \/zh\/console$/m)
    })

    it('describes every public page for link previews and search engines', async () => {
      for (const path of [
        '/zh',
        '/en',
        '/en/events',
        '/zh/chapters/shanghai',
        '/en/podcast/kubesphere-talk',
        '/zh/podcast/kubesphere-talk/ep-1-yin-min',
        '/en/people/yin-min',
        '/zh/contributors',
      ]) {
        const html = await (await get(path)).text()
        const locale = path.slice(1, 3)
        assert.ok(meta(html, 'og:title'), `${path} og:title`)
        assert.ok(meta(html, 'og:type'), `${path} og:type`)
        assert.ok(meta(html, 'og:url')?.startsWith(BASE_URL), `${path} og:url`)
        assert.equal(meta(html, 'og:locale'), locale === 'zh' ? 'zh_CN' : 'en_US', path)
        assert.equal(meta(html, 'og:locale:alternate'), locale === 'zh' ? 'en_US' : 'zh_CN', path)
        assert.match(meta(html, 'twitter:card') ?? '', /^summary(_large_image)?$/, path)
        assert.match(html, new RegExp(`<link rel="canonical" href="${BASE_URL}${path}"/>`), path)
        const rest = path.slice(3)
        assert.match(
          html,
          new RegExp(`<link rel="alternate" hreflang="zh-Hans" href="${BASE_URL}/zh${rest}"/>`),
          path,
        )
        assert.match(
          html,
          new RegExp(`<link rel="alternate" hreflang="en" href="${BASE_URL}/en${rest}"/>`),
          path,
        )
        assert.match(
          html,
          new RegExp(
            `<link rel="alternate" hreflang="x-default" href="${BASE_URL}/${rest ? `en${rest}` : ''}"/>`,
          ),
          path,
        )
      }
      const episode = await (await get('/en/podcast/kubesphere-talk/ep-1-yin-min')).text()
      assert.match(meta(episode, 'og:image') ?? '', /^http:\/\/hearth\.test\/media\//)
    })
  })

  describe(`home page of an empty instance [${backend}]`, async () => {
    const t = await makeTestApp(backend)

    it('tells a visitor what will be there', async () => {
      const html = await (await t.client().get('/en')).text()
      assert.match(html, /Just getting started/)
      assert.doesNotMatch(html, /home-numbers|Set up your community|Getting started/)
      assert.match(await (await t.client().get('/zh')).text(), /刚刚起步/)
    })

    it('shows the administrator the first-run checklist instead', async () => {
      const admin = await t.clientAs(t.superuser.id)
      const res = await admin.get('/en')
      assert.equal(res.headers.get('cache-control'), 'private, no-store')
      const html = await res.text()
      assert.match(html, /id="checklist-title"/)
      assert.match(html, /href="\/en\/console\/community"/)
      assert.match(html, /href="\/en\/chapters"/)
      assert.doesNotMatch(html, /Just getting started/)
      assert.match(await (await admin.get('/zh')).text(), /id="checklist-title"/)
    })

    it('lists the fixed pages in a valid sitemap, leaving out the parts without pages', async () => {
      const index = await (await t.client().get('/sitemap.xml')).text()
      assert.deepEqual(schemaErrors(index, 'siteindex.xsd'), [])
      assert.match(index, /sitemap-pages-1\.xml/)
      assert.doesNotMatch(index, /sitemap-(events|chapters|episodes)-/)
      assert.doesNotMatch(index, /sitemap-articles-/)
      assert.deepEqual(
        schemaErrors(await (await t.client().get('/sitemap-pages-1.xml')).text(), 'urlset.xsd'),
        [],
      )
      assert.equal((await t.client().get('/sitemap-events-1.xml')).status, 404)
      assert.equal((await t.client().get('/sitemap-pages-2.xml')).status, 404)
      assert.equal((await t.client().get('/sitemap-nothing-1.xml')).status, 404)
    })
  })

  describe(`home page with articles [${backend}]`, async () => {
    const t = await makeTestApp(backend)

    it('shows the latest articles once there are some, and lists them in the sitemap', async () => {
      const day = (d: number) => new Date(Date.UTC(2026, 0, d))
      for (const [d, slug, title] of [
        [1, 'oldest-post', 'The oldest post'],
        [2, 'second-post', 'A second post'],
        [3, 'third-post', 'A third post'],
        [4, 'newest-post', 'The newest post'],
      ] as const)
        await upsertArticleBySlugOrSourcePath(
          t.deps.db,
          {
            slug,
            language: 'en',
            title,
            body: `Words of ${title}.`,
            status: 'published',
            publishedAt: day(d),
          },
          { source: 'console' },
        )
      await upsertArticleBySlugOrSourcePath(
        t.deps.db,
        { slug: 'draft-post', language: 'en', title: 'A draft', body: 'Not yet.', status: 'draft' },
        { source: 'console' },
      )
      const html = await (await t.client().get('/en')).text()
      const articles = sectionOf(html, 'home-articles')
      assert.match(articles, /The newest post[\s\S]*A third post[\s\S]*A second post/)
      assert.doesNotMatch(articles, /The oldest post|A draft/)
      assert.match(html, /<link rel="stylesheet" href="\/assets\/articles\.css/)
      assert.match(sectionOf(await (await t.client().get('/zh')).text(), 'home-articles'), /最新文章/)
      const index = await (await t.client().get('/sitemap.xml')).text()
      assert.match(index, /sitemap-articles-1\.xml/)
      const part = await (await t.client().get('/sitemap-articles-1.xml')).text()
      assert.deepEqual(schemaErrors(part, 'urlset.xsd'), [])
      // Written in English: listed at its English address only, the other prefix naming it canonical.
      assert.match(part, /<loc>http:\/\/hearth\.test\/en\/articles\/newest-post<\/loc>/)
      assert.doesNotMatch(part, /\/zh\/articles\/|draft-post/)
      assert.equal(part.match(/<url>/g)?.length, 4)
    })
  })

  describe(`home page while a call for speakers is open [${backend}]`, async () => {
    const t = await makeTestApp(backend)

    it('invites talks only while the call is open', async () => {
      const now = Date.now()
      const event = await createEvent(t.deps, { titleEn: 'Cloud Summit', titleZh: '云原生大会' })
      await t.deps.db.insert(speakerCalls).values({
        eventId: event.id,
        opensAt: new Date(now - 86_400_000),
        closesAt: new Date(now + 86_400_000),
      })
      const open = await (await t.client().get('/en')).text()
      assert.match(open, new RegExp(`href="/en/events/${event.slug}/propose">Propose a talk</a>`))
      assert.match(open, /The call for speakers of Cloud Summit is open/)
      assert.match(await (await t.client().get('/zh')).text(), /云原生大会正在征集议题/)
      t.setNow(new Date(now + 2 * 86_400_000))
      // Signed in, past the page cache (which keeps a visitor's copy until the call closes, by the real clock).
      const reader = await t.clientAs(t.superuser.id)
      assert.doesNotMatch(await (await reader.get('/en')).text(), /Propose a talk/)
      t.setNow(null)
    })
  })
}
