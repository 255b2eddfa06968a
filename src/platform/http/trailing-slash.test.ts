import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { bannerLines } from '../../server.ts'
import { switchLanguageHref } from '../views/layout.tsx'
import { slashlessTarget } from './trailing-slash.ts'

describe('addresses with a trailing slash', () => {
  it('go to the same path without it, query kept, never to another site', () => {
    assert.equal(slashlessTarget('/zh/', ''), '/zh')
    assert.equal(slashlessTarget('/zh/podcast/', '?q=a&b=1'), '/zh/podcast?q=a&b=1')
    assert.equal(slashlessTarget('/en/people//', ''), '/en/people')
    assert.equal(slashlessTarget('//evil.example/', ''), '/evil.example')
    assert.equal(slashlessTarget('///evil.example//', '?x'), '/evil.example?x')
    assert.equal(slashlessTarget('/\\evil.example/', ''), '/evil.example')
    assert.equal(slashlessTarget('//', ''), '/')
    assert.equal(slashlessTarget('/', '?q=1'), null)
    assert.equal(slashlessTarget('/zh', ''), null)
  })

  it('never appear in the language switch, even on a page answering for one', () => {
    assert.equal(switchLanguageHref('/zh/', '', 'en'), '/en')
    assert.equal(switchLanguageHref('/zh/podcast/', '?q=a', 'en'), '/en/podcast?q=a')
  })
})

for (const backend of await testBackends()) {
  describe(`trailing slashes through the server [${backend}]`, async () => {
    const t = await makeTestApp(backend)
    const server = await t.listen()
    const get = (path: string) => server.request(path, { redirect: 'manual' })

    it('redirects every page with a trailing slash (308) to the page without, keeping the query', async () => {
      for (const [from, to] of [
        ['/zh/', '/zh'],
        ['/en/', '/en'],
        ['/zh/podcast/', '/zh/podcast'],
        ['/en/people/?q=root', '/en/people?q=root'],
      ] as const) {
        const res = await get(from)
        assert.equal(res.status, 308, from)
        assert.equal(res.headers.get('location'), to)
        const followed = await server.get(from)
        assert.equal(followed.status, 200, `${from} ends on a page`)
      }
      assert.equal((await get('/')).status, 302, '/ itself still chooses a language')
    })

    it('keeps the redirect on this site for a path that starts with two slashes', async () => {
      for (const path of ['//evil.example/', '//evil.example/zh/', '/\\evil.example/']) {
        const res = await get(path)
        assert.equal(res.status, 308, path)
        const location = res.headers.get('location')!
        assert.match(location, /^\/[^/\\]/, `${path} → ${location}`)
        assert.equal(new URL(location, server.base).origin, server.base)
      }
    })

    it('links the 404 page’s language switch to a page that exists', async () => {
      const res = await server.get('/zh/nothing-here')
      assert.equal(res.status, 404)
      const html = await res.text()
      assert.doesNotMatch(html, /href="\/en\/"/)
      assert.match(html, /href="\/en\/nothing-here"/)
    })

    it('prints startup links that open pages', async () => {
      const lines = bannerLines({ url: server.base, config: t.deps.config, mailVia: 'log', demo: true })
      const links = lines.join('\n').match(/https?:\/\/[^\s)]+/g) ?? []
      assert.ok(links.length >= 3, links.join(' '))
      for (const link of links) {
        const res = await fetch(link, { redirect: 'manual' })
        assert.equal(res.status, 200, link)
      }
    })
  })
}
