import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import { zipSync } from 'fflate'
import { BASE_URL, makePerson, makeTestApp, type TestClient } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { visibleText } from '../../../test/support/visible-text.ts'
import { articleFilesFrom } from './articles.import.files.ts'
import { articleImports } from './articles.import.schema.ts'
import { importArticles, runWaitingArticleImports } from './articles.import.ts'
import { selectPublicArticles } from './articles.repo.ts'

const fixtures = join(import.meta.dirname, '../../../test/fixtures/articles/blog')
const fixture = (name: string) => readFile(join(fixtures, name))
const enc = (s: string) => new TextEncoder().encode(s)

/** Posts the upload form as a browser does with a multiple file input: the CSRF field, then each file. */
async function upload(
  client: TestClient,
  locale: string,
  files: { name: string; bytes: Uint8Array }[],
  fields: Record<string, string> = {},
) {
  await client.get(`/${locale}/console/articles/import`)
  const body = new FormData()
  body.append('_csrf', client.cookies.get('__Host-hearth_csrf')!)
  for (const f of files)
    body.append('files', new Blob([f.bytes as Uint8Array<ArrayBuffer>], { type: 'text/markdown' }), f.name)
  // As a browser sends the form: the address field comes after the file input.
  for (const [name, value] of Object.entries(fields)) body.append(name, value)
  return client.request(`/${locale}/console/articles/import/upload`, {
    method: 'POST',
    body,
    headers: { origin: BASE_URL },
  })
}

const text = async (res: Response) => visibleText(await res.text())

for (const backend of await testBackends()) {
  describe(`importing articles in the console [${backend}]`, async () => {
    const t = await makeTestApp(backend, { TIME_ZONE: 'Asia/Shanghai' })
    const queued = async () =>
      (await t.deps.db.select({ n: sql<number>`count(*)::int` }).from(articleImports))[0]!.n

    it('several Markdown files: a progress page, then the report by file and line with links to the articles', async () => {
      const admin = await t.clientAs(t.superuser.id)
      const res = await upload(admin, 'en', [
        { name: 'jekyll-en-tracing-basics.md', bytes: await fixture('jekyll-en-tracing-basics.md') },
        { name: 'hugo-zh-library-meetup.md', bytes: await fixture('hugo-zh-library-meetup.md') },
        { name: 'broken-front-matter.md', bytes: await fixture('broken-front-matter.md') },
        { name: 'photo.png', bytes: new Uint8Array([137, 80, 78, 71]) },
      ])
      assert.equal(res.status, 303)
      const page = res.headers.get('location')!
      assert.match(page, /^\/en\/console\/articles\/import\/[0-9a-f-]{36}$/)

      const waiting = await admin.get(page)
      const html = await waiting.text()
      assert.match(
        html,
        /<progress id="import-progress" class="door-progress" max="4" value="1"/,
        'the image is counted as done (skipped)',
      )
      assert.match(visibleText(html), /Refresh to see how far it got/)
      const progress = await (await admin.get(`${page}/progress`)).json()
      assert.deepEqual(progress, { status: 'waiting', done: 1, total: 4 })

      await runWaitingArticleImports(t.deps)
      const done = await text(await admin.get(page))
      assert.match(done, /Import report/)
      assert.match(done, /2\s*Imported\s+0\s*Updated\s+0\s*Already up to date\s+2\s*Skipped/)
      assert.match(done, /broken-front-matter\.md · line \d+\s+The front matter is not valid YAML/)
      assert.match(done, /photo\.png\s+Not a Markdown file/)
      assert.match(done, /Tracing a slow checkout, one span at a time/)
      assert.doesNotMatch(done, /Refresh to see/)
      const articles = await selectPublicArticles(t.deps.db, { now: new Date(), limit: 10 })
      assert.deepEqual(articles.map((a) => a.title).sort(), [
        'Tracing a slow checkout, one span at a time',
        '在图书馆地下室办的第一次城市站聚会',
      ])
    })

    it('a zip of a folder imports with paths inside it; uploaded again, it updates nothing and duplicates nothing', async () => {
      const admin = await t.clientAs(t.superuser.id)
      const zip = zipSync({
        'blog/2025/translated-sidecars.md': await fixture('2025/translated-sidecars.md'),
        'blog/2025/slash-date-notes.md': await fixture('2025/slash-date-notes.md'),
        'blog/no-title.md': await fixture('no-title.md'),
        'blog/images/cover.png': new Uint8Array([1, 2, 3]),
      })
      for (const expected of [
        /2\s*Imported\s+0\s*Updated\s+0\s*Already up to date\s+1\s*Skipped/,
        /0\s*Imported\s+0\s*Updated\s+2\s*Already up to date\s+1\s*Skipped/,
      ]) {
        const res = await upload(admin, 'zh', [{ name: 'blog.zip', bytes: zip }])
        assert.equal(res.status, 303)
        await runWaitingArticleImports(t.deps)
        const report = await text(await admin.get(res.headers.get('location')!.replace('/zh/', '/en/')))
        assert.match(report, expected)
        assert.match(report, /blog\/no-title\.md · line 1\s+No title/)
      }
      const zh = await text(await admin.get('/zh/console/articles/import'))
      assert.match(zh, /blog\.zip\s+完成/)
    })

    it('what a reader sees on the imported articles: title, date, author, tags, cover, images, tables, the original link', async () => {
      await makePerson(t.deps, { handle: 'lin-qiao', nameZh: '林乔', nameEn: 'Lin Qiao' })
      const { files } = await articleFilesFrom([fixtures])
      const report = await importArticles(t.deps, files)
      const slugOf = (file: string) =>
        [...report.imported, ...report.updated, ...report.unchanged].find((l) => l.file === file)!.slug
      const visitor = t.client()

      const meetup = await (await visitor.get(`/zh/articles/${slugOf('hugo-zh-library-meetup.md')}`)).text()
      const meetupText = visibleText(meetup)
      assert.match(meetupText, /在图书馆地下室办的第一次城市站聚会/)
      assert.match(meetup, /<a href="\/zh\/people\/lin-qiao">林乔<\/a>/, 'the author is the person in Hearth')
      // The moment is the day written, at midnight in the community's zone.
      assert.match(meetup, /<time datetime="2025-07-07T16:00:00.000Z">/)
      assert.match(meetup, /<img src="https:\/\/img\.hearth\.test\/covers\/library-basement\.png"/)
      assert.match(
        meetup,
        /<img src="https:\/\/img\.hearth\.test\/photos\/whiteboard\.jpg" alt="会议室里的白板"/,
      )
      assert.match(meetup, /<table>[\s\S]*<td>告警为什么总在半夜响<\/td>[\s\S]*<\/table>/)
      assert.match(meetupText, /城市站\s+聚会/)
      assert.doesNotMatch(meetupText, /createTime|---/)

      const tracing = await (
        await visitor.get(`/en/articles/${slugOf('jekyll-en-tracing-basics.md')}`)
      ).text()
      assert.match(visibleText(tracing), /Tracing a slow checkout, one span at a time/)
      assert.match(tracing, /<time datetime="2025-07-08T02:00:00.000Z">/)
      assert.match(tracing, /<td>3,800 ms<\/td>/)
      assert.match(visibleText(tracing), /tracing\s+observability/)

      const sidecars = await (
        await visitor.get(`/zh/articles/${slugOf('2025/translated-sidecars.md')}`)
      ).text()
      assert.match(sidecars, /<a href="https:\/\/news\.hearth\.test\/2025\/sidecars-ten-years"/)
      const body = sidecars.slice(sidecars.indexOf('article-body'))
      assert.doesNotMatch(body, /原文：/, 'the 原文 line is not repeated in the body')
      assert.match(body, /^[^<]*>\s*<p>十年前/)

      const notes = visibleText(
        await (await visitor.get(`/en/articles/${slugOf('2025/slash-date-notes.md')}`)).text(),
      )
      assert.match(notes, /Somebody Not In Hearth/)
    })

    it('relative images are shown from where the posts were published, when that address is given', async () => {
      const admin = await t.clientAs(t.superuser.id)
      const post =
        '---\ntitle: Relative pictures\ndate: 2025-03-01\nimg: covers/rel.png\n---\n![map](img/map.png)\n'
      const res = await upload(admin, 'en', [{ name: 'relative-pictures.md', bytes: enc(post) }], {
        assetBase: 'https://old-blog.hearth.test/posts/',
      })
      assert.equal(res.status, 303)
      await runWaitingArticleImports(t.deps)
      const page = await (await t.client().get('/en/articles/relative-pictures')).text()
      assert.match(page, /<img src="https:\/\/old-blog\.hearth\.test\/posts\/covers\/rel\.png"/)
      assert.match(page, /<img src="https:\/\/old-blog\.hearth\.test\/posts\/img\/map\.png" alt="map"/)
    })

    it('an address for the images that is not http(s) is refused by its field, and nothing is queued', async () => {
      const admin = await t.clientAs(t.superuser.id)
      const before = await queued()
      const res = await upload(admin, 'en', [{ name: 'a.md', bytes: enc('# A') }], {
        assetBase: 'javascript:alert(1)',
      })
      assert.equal(res.status, 422)
      const html = await res.text()
      assert.match(
        html,
        /id="field-assetBase"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="field-assetBase"/,
      )
      assert.match(html, /value="javascript:alert\(1\)"/, 'what was typed is kept to be corrected')
      assert.equal(await queued(), before)
    })

    it('a zip with ../ in a path is refused and nothing is queued', async () => {
      const admin = await t.clientAs(t.superuser.id)
      const before = await queued()
      const zip = zipSync({ 'ok.md': enc('# fine'), '../../escape.md': enc('# out') })
      const res = await upload(admin, 'en', [{ name: 'evil.zip', bytes: zip }])
      assert.equal(res.status, 422)
      assert.match(
        await text(res),
        /The zip was refused: “\.\.\/\.\.\/escape\.md” points outside its folder\./,
      )
      assert.equal(await queued(), before)
    })

    it('a zip bomb is refused while it is inflated, and nothing is queued', async () => {
      const admin = await t.clientAs(t.superuser.id)
      const before = await queued()
      const bomb = zipSync(
        Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`p${i}.md`, new Uint8Array(1_900_000)])),
        { level: 9 },
      )
      assert.ok(bomb.byteLength < 1024 * 1024)
      const res = await upload(admin, 'zh', [{ name: 'bomb.zip', bytes: bomb }])
      assert.equal(res.status, 422)
      assert.match(await text(res), /zip 解压后超过了一次导入允许的大小。/)
      assert.equal(await queued(), before)
    })

    it('an upload that says it is too large is refused before it is read', async () => {
      const admin = await t.clientAs(t.superuser.id)
      await admin.get('/en/console/articles/import')
      const res = await admin.request('/en/console/articles/import/upload', {
        method: 'POST',
        body: 'x',
        headers: {
          origin: BASE_URL,
          'content-type': 'multipart/form-data; boundary=x',
          'content-length': String(60 * 1024 * 1024),
        },
      })
      assert.equal(res.status, 413)
      assert.match(await text(res), /The upload is larger than 25 MB/)
    })

    it('the console’s article list leads to the import', async () => {
      const admin = await t.clientAs(t.superuser.id)
      for (const [locale, label] of [
        ['en', 'Import Markdown'],
        ['zh', '导入 Markdown'],
      ] as const)
        assert.match(
          await (await admin.get(`/${locale}/console/articles`)).text(),
          new RegExp(`<a class="button secondary" href="/${locale}/console/articles/import">${label}</a>`),
        )
    })

    it('an upload without the form’s token is refused and nothing is queued', async () => {
      const admin = await t.clientAs(t.superuser.id)
      await admin.get('/en/console/articles/import')
      const before = await queued()
      const body = new FormData()
      body.append('_csrf', 'not-the-token')
      body.append('files', new Blob([enc('# A')], { type: 'text/markdown' }), 'a.md')
      const res = await admin.request('/en/console/articles/import/upload', {
        method: 'POST',
        body,
        headers: { origin: BASE_URL },
      })
      assert.equal(res.status, 403)
      assert.equal(await queued(), before)
    })

    it('nothing chosen: a clear error', async () => {
      const admin = await t.clientAs(t.superuser.id)
      const res = await upload(admin, 'en', [])
      assert.equal(res.status, 422)
      assert.match(await text(res), /Choose Markdown files \(\.md\) or a zip of them\./)
    })

    it('someone who does not edit articles cannot open the import or upload', async () => {
      const member = await makePerson(t.deps)
      const client = await t.clientAs(member.id)
      assert.equal((await client.get('/en/console/articles/import')).status, 403)
      const before = await queued()
      const res = await upload(client, 'en', [{ name: 'a.md', bytes: enc('# A') }])
      assert.equal(res.status, 403)
      assert.equal(await queued(), before)
    })
  })
}
