import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { freshDatabase, testBackends } from '../../../test/support/db.ts'
import {
  linkArticleTranslations,
  selectArticleRevisions,
  selectArticleVersions,
  selectPublicArticleBySlug,
  selectPublicArticles,
  upsertArticleBySlugOrSourcePath,
} from './articles.repo.ts'

for (const backend of await testBackends()) {
  describe(`articles repo [${backend}]`, async () => {
    const database = await freshDatabase(backend)
    after(() => database.dispose())
    const db = database.db

    it('creates, then updates by source path with a revision each time, and leaves an unchanged re-import alone', async () => {
      const input = {
        slug: 'hello-mesh',
        language: 'en' as const,
        title: 'Hello mesh',
        body: '# Hi',
        status: 'published' as const,
        publishedAt: new Date('2026-01-02T03:04:05Z'),
        tags: ['mesh'],
        sourcePath: 'posts/hello.md',
        authors: [{ personId: null, name: 'Ada' }],
      }
      const first = await upsertArticleBySlugOrSourcePath(db, input, { source: 'import' })
      assert.equal(first.outcome, 'created')
      const again = await upsertArticleBySlugOrSourcePath(db, input, { source: 'import' })
      assert.equal(again.outcome, 'unchanged')
      const renamed = await upsertArticleBySlugOrSourcePath(
        db,
        { ...input, slug: 'hello-service-mesh', title: 'Hello, service mesh' },
        { source: 'import' },
      )
      assert.equal(renamed.outcome, 'updated')
      assert.equal(renamed.article.id, first.article.id)
      const revisions = await selectArticleRevisions(db, first.article.id)
      assert.deepEqual(
        revisions.map((r) => r.title),
        ['Hello, service mesh', 'Hello mesh'],
      )
    })

    it('shows a scheduled article only once its date has come', async () => {
      await upsertArticleBySlugOrSourcePath(
        db,
        {
          slug: 'later',
          language: 'en',
          title: 'Later',
          body: 'x',
          status: 'scheduled',
          publishedAt: new Date('2030-01-01T00:00:00Z'),
        },
        { source: 'console' },
      )
      assert.equal(await selectPublicArticleBySlug(db, 'later', new Date('2029-12-31T23:59:59Z')), undefined)
      assert.equal(
        (await selectPublicArticleBySlug(db, 'LATER', new Date('2030-01-01T00:00:00Z')))?.title,
        'Later',
      )
      const list = await selectPublicArticles(db, { language: 'en', now: new Date('2029-01-01'), limit: 10 })
      assert.ok(!list.some((a) => a.slug === 'later'))
    })

    it('links a Chinese and an English version, and refuses a second English one', async () => {
      const zh = await upsertArticleBySlugOrSourcePath(
        db,
        { slug: 'ni-hao', language: 'zh', title: '你好', body: '正文' },
        { source: 'console' },
      )
      const en = await upsertArticleBySlugOrSourcePath(
        db,
        { slug: 'hello', language: 'en', title: 'Hello', body: 'Body' },
        { source: 'console' },
      )
      const en2 = await upsertArticleBySlugOrSourcePath(
        db,
        { slug: 'hello-2', language: 'en', title: 'Hello 2', body: 'Body' },
        { source: 'console' },
      )
      assert.equal(await linkArticleTranslations(db, zh.article.id, en.article.id), true)
      assert.equal(await linkArticleTranslations(db, zh.article.id, en2.article.id), false)
      const versions = await selectArticleVersions(db, zh.article)
      assert.deepEqual(
        versions.map((v) => v.slug),
        ['hello'],
      )
    })
  })
}
