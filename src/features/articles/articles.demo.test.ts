import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { demoSite } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'

for (const backend of await testBackends()) {
  describe(`the demo's articles [${backend}]`, () => {
    const site = demoSite(backend)
    const get = async (path: string) => {
      const res = await site.app.request(path)
      assert.equal(res.status, 200, path)
      return res.text()
    }

    it('lists a Chinese piece, its English translation and a guide, each in its reader’s language', async () => {
      const zh = await get('/zh/articles')
      assert.match(zh, /办好一场城市站 Meetup：杭州站的经验/)
      assert.match(zh, /可观测性入门：从指标开始/)
      assert.doesNotMatch(zh, /Running a chapter meetup/)
      const en = await get('/en/articles')
      assert.match(en, /Running a chapter meetup: lessons from Hangzhou/)
    })

    it('links the translation to its original, and the guide to the episode it came from', async () => {
      const translation = await get('/en/articles/hangzhou-meetup-lessons-en')
      assert.match(translation, /Original: http:\/\/hearth\.test\/zh\/articles\/hangzhou-meetup-lessons/)
      assert.match(translation, /Translated by Michelangelo Yang/)
      assert.match(translation, /"translationOfWork"/)
      const guide = await get('/zh/articles/observability-first-steps')
      assert.match(guide, /<code class="hljs language-bash">/)
      assert.match(guide, /href="\/zh\/podcast\/kubesphere-talk\/ep-1-yin-min"/)
    })

    it('shows the linked articles on the episode’s and the chapter’s pages', async () => {
      assert.match(
        await get('/zh/podcast/kubesphere-talk/ep-1-yin-min'),
        /相关文章[\s\S]*可观测性入门：从指标开始/,
      )
      assert.match(
        await get('/en/chapters/hangzhou'),
        /Articles[\s\S]*Running a chapter meetup: lessons from Hangzhou/,
      )
    })
  })
}
