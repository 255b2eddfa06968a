import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import { makePerson, testDeps } from '../../../test/support/app.ts'
import { freshDatabase, testBackends } from '../../../test/support/db.ts'
import type { Deps } from '../../platform/deps.ts'
import { articleFilesFrom } from './articles.import.files.ts'
import type { ImportReport } from './articles.import.rules.ts'
import { importArticles } from './articles.import.ts'
import { selectAuthorsOf, selectPublicArticleBySlug } from './articles.repo.ts'
import { articleRevisions, articles } from './articles.schema.ts'

const fixtures = join(import.meta.dirname, '../../../test/fixtures/articles/blog')
const now = new Date('2026-01-10T00:00:00Z')

const count = async (deps: Deps, table: typeof articles | typeof articleRevisions) =>
  (await deps.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n

for (const backend of await testBackends()) {
  describe(`importing Markdown files [${backend}]`, async () => {
    const database = await freshDatabase(backend)
    after(() => database.dispose())
    const deps = testDeps(database, { now: () => now, env: { TIME_ZONE: 'Asia/Shanghai' } })
    let lin: { id: string }
    let octo: { id: string }
    let report: ImportReport
    const bySlugOf = (file: string) => {
      const line = [...report.imported, ...report.updated, ...report.unchanged].find((l) => l.file === file)
      assert.ok(line, `${file} was imported`)
      return line.slug
    }
    const reader = async (file: string) => {
      const article = await selectPublicArticleBySlug(deps.db, bySlugOf(file), now)
      assert.ok(article, `${file} is public`)
      const authors = await selectAuthorsOf(deps.db, [article.id])
      return { article, authors }
    }

    before(async () => {
      lin = await makePerson(deps, { handle: 'lin-qiao', nameZh: '林乔', nameEn: 'Lin Qiao' })
      octo = await makePerson(deps, { githubLogin: 'octo-dev', nameEn: 'Octo Developer' })
      const { files, skipped } = await articleFilesFrom([fixtures])
      assert.deepEqual(skipped, [])
      report = await importArticles(deps, files)
    })

    it('imports the good files and skips the bad ones, each with its file, line and reason', () => {
      assert.deepEqual(report.imported.map((l) => l.file).sort(), [
        '2025/slash-date-notes.md',
        '2025/translated-sidecars.md',
        'hugo-zh-library-meetup.md',
        'jekyll-en-tracing-basics.md',
      ])
      const skipped = Object.fromEntries(report.skipped.map((s) => [s.file, s]))
      assert.equal(skipped['broken-front-matter.md']?.problem, 'frontMatterBroken')
      assert.ok((skipped['broken-front-matter.md']?.line ?? 0) >= 2)
      assert.deepEqual(skipped['no-title.md'], { file: 'no-title.md', line: 1, problem: 'titleMissing' })
      assert.deepEqual(skipped['unknown-date.md'], {
        file: 'unknown-date.md',
        line: 3,
        problem: 'dateUnknown',
        detail: 'the Tuesday after the meetup',
      })
      assert.equal(report.skipped.length, 3)
    })

    it('a Hugo-style Chinese post reads with its title, date, author in Hearth, tags, cover, image and table', async () => {
      const { article, authors } = await reader('hugo-zh-library-meetup.md')
      assert.equal(article.title, '在图书馆地下室办的第一次城市站聚会')
      assert.equal(article.language, 'zh')
      assert.equal(article.status, 'published')
      assert.equal(article.publishedAt?.toISOString(), '2025-07-07T16:00:00.000Z')
      assert.deepEqual(article.tags, ['城市站', '聚会'])
      assert.deepEqual(article.keywords, ['Kubernetes', '可观测性', '城市站'])
      assert.equal(article.summary, '二十三个人挤在一间借来的会议室里，聊了一下午的日志和告警。')
      assert.equal(article.coverUrl, 'https://img.hearth.test/covers/library-basement.png')
      assert.match(
        article.body,
        /!\[会议室里的白板\]\(https:\/\/img\.hearth\.test\/photos\/whiteboard\.jpg\)/,
      )
      assert.match(article.body, /\| 14:30 \| 告警为什么总在半夜响 \| 周舟 \|/)
      assert.ok(!article.body.startsWith('---'))
      assert.deepEqual(
        authors.map((a) => [a.personId, a.handle]),
        [[lin.id, 'lin-qiao']],
      )
    })

    it('a Jekyll-style English post: the time in the community zone, the author by GitHub login', async () => {
      const { article, authors } = await reader('jekyll-en-tracing-basics.md')
      assert.equal(article.title, 'Tracing a slow checkout, one span at a time')
      assert.equal(article.language, 'en')
      assert.equal(article.slug, 'jekyll-en-tracing-basics')
      assert.equal(article.publishedAt?.toISOString(), '2025-07-08T02:00:00.000Z')
      assert.deepEqual(article.tags, ['tracing', 'observability'])
      assert.equal(article.coverUrl, 'https://img.hearth.test/covers/spans.jpg')
      assert.match(article.body, /\| pricing \| 35 ms \| 3,800 ms \|/)
      assert.deepEqual(
        authors.map((a) => a.personId),
        [octo.id],
      )
    })

    it('a translation keeps its original link, without the 原文 line in the body', async () => {
      const { article } = await reader('2025/translated-sidecars.md')
      assert.equal(article.title, '边车容器的十年：从补丁到标准')
      assert.equal(article.originalUrl, 'https://news.hearth.test/2025/sidecars-ten-years')
      assert.ok(!article.body.includes('原文'))
      assert.ok(article.body.startsWith('十年前'))
      assert.equal(article.publishedAt?.toISOString(), now.toISOString(), 'undated: published when imported')
      assert.ok(
        report.warnings.some((w) => w.file === '2025/translated-sidecars.md' && w.problem === 'dateMissing'),
      )
    })

    it('a slash date and an author not in Hearth, kept as the name written', async () => {
      const { article, authors } = await reader('2025/slash-date-notes.md')
      assert.equal(article.publishedAt?.toISOString(), '2025-07-07T16:00:00.000Z')
      assert.deepEqual(article.tags, ['volunteers', 'events'])
      assert.deepEqual(
        authors.map((a) => [a.personId, a.name]),
        [[null, 'Somebody Not In Hearth']],
      )
    })

    it('importing again duplicates nothing and writes no revision', async () => {
      const articlesBefore = await count(deps, articles)
      const revisionsBefore = await count(deps, articleRevisions)
      const { files } = await articleFilesFrom([fixtures])
      const again = await importArticles(deps, files)
      assert.equal(again.imported.length, 0)
      assert.equal(again.updated.length, 0)
      assert.equal(again.unchanged.length, 4)
      assert.equal(again.skipped.length, 3)
      assert.equal(await count(deps, articles), articlesBefore)
      assert.equal(await count(deps, articleRevisions), revisionsBefore)
    })

    it('a changed file updates its article in place, keeping its address and its undated date', async () => {
      const { files } = await articleFilesFrom([fixtures])
      const changed = files.map((f) =>
        f.path === '2025/translated-sidecars.md'
          ? { ...f, content: f.content.replace('# 边车容器的十年：从补丁到标准', '# 边车容器这十年') }
          : f,
      )
      const before = await reader('2025/translated-sidecars.md')
      const later = testDeps(database, { now: () => new Date('2026-02-01T00:00:00Z') })
      const again = await importArticles(later, changed)
      assert.deepEqual(
        again.updated.map((l) => l.file),
        ['2025/translated-sidecars.md'],
      )
      const after = await selectPublicArticleBySlug(deps.db, before.article.slug, now)
      assert.equal(after?.id, before.article.id)
      assert.equal(after?.title, '边车容器这十年')
      assert.equal(after?.publishedAt?.toISOString(), before.article.publishedAt?.toISOString())
    })

    it('two files that would share a slug become two articles', async () => {
      const files = [
        { path: 'a/same-name.md', content: '# First of two\n\nOne.' },
        { path: 'b/same-name.md', content: '# Second of two\n\nTwo.' },
      ]
      const first = await importArticles(deps, files)
      assert.deepEqual(
        first.imported.map((l) => l.slug),
        ['same-name', 'same-name-2'],
      )
      const again = await importArticles(deps, files)
      assert.equal(again.unchanged.length, 2)
    })

    it('two files with the same path in one import: the second is skipped, saying why', async () => {
      const r = await importArticles(deps, [
        { path: 'twice.md', content: '# Once\n\nOne.' },
        { path: 'twice.md', content: '# Twice\n\nTwo.' },
      ])
      assert.deepEqual(
        r.imported.map((l) => l.title),
        ['Once'],
      )
      assert.deepEqual(r.skipped, [{ file: 'twice.md', line: null, problem: 'pathTwice' }])
    })

    it('a draft stays out of sight, a future date is scheduled', async () => {
      const r = await importArticles(deps, [
        { path: 'draft.md', content: '---\ntitle: Not yet\ndraft: true\n---\nx' },
        { path: 'soon.md', content: '---\ntitle: Soon\ndate: 2026-03-01\n---\nx' },
      ])
      assert.equal(r.imported.length, 2)
      assert.equal(await selectPublicArticleBySlug(deps.db, 'draft', now), undefined)
      assert.equal(await selectPublicArticleBySlug(deps.db, 'soon', now), undefined)
      assert.equal(
        (await selectPublicArticleBySlug(deps.db, 'soon', new Date('2026-03-02T00:00:00Z')))?.status,
        'scheduled',
      )
    })
  })
}
