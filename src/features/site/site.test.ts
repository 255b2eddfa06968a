import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'

for (const backend of await testBackends()) {
  describe(`site shell [${backend}]`, async () => {
    const t = await makeTestApp(backend)

    it('sends / to the reader’s language', async () => {
      const en = await t.client().get('/', { 'accept-language': 'en-GB,en;q=0.9' })
      assert.equal(en.status, 302)
      assert.equal(en.headers.get('location'), '/en')
      assert.match(en.headers.get('vary')!, /Accept-Language/)
      const zh = await t.client().get('/', { 'accept-language': 'zh-CN' })
      assert.equal(zh.headers.get('location'), '/zh')
    })

    it('links every page to the same page in the other language', async () => {
      const html = await (await t.client().get('/en/people?q=yin')).text()
      assert.match(html, /<a href="\/zh\/people\?q=yin" hreflang="zh-Hans"[^>]*><span lang="zh-Hans">中文</)
      const zh = await (await t.client().get('/zh/events')).text()
      assert.match(zh, /<a href="\/en\/events" hreflang="en"[^>]*><span lang="en">English</)
    })

    it('shows honest empty states for sections that are not built yet', async () => {
      for (const [path, text] of [
        ['/en/podcast', /The podcast has not been set up/],
        ['/zh/chapters', /本站尚未设立城市站/],
        ['/en/events', /No meetups or conferences/],
        ['/zh/articles', /本站尚未发表文章/],
      ] as const) {
        const res = await t.client().get(path)
        assert.equal(res.status, 200)
        assert.match(await res.text(), text)
      }
    })

    it('answers unknown pages with a translated 404 and API paths with problem+json', async () => {
      const zh = await t.client().get('/zh/nothing/here')
      assert.equal(zh.status, 404)
      assert.match(await zh.text(), /页面不存在/)
      const en = await t.client().get('/en/nothing')
      assert.match(await en.text(), /Page not found/)
      const api = await t.client().get('/api/v1/nothing')
      assert.equal(api.status, 404)
      assert.equal(api.headers.get('content-type'), 'application/problem+json')
    })

    it('sends a strict Content-Security-Policy and the usual security headers', async () => {
      const res = await t.client().get('/en')
      const csp = res.headers.get('content-security-policy')!
      assert.match(csp, /default-src 'self'/)
      assert.match(csp, /script-src 'self'(;|$)/)
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/)
      assert.match(csp, /frame-ancestors 'none'/)
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff')
      assert.ok(res.headers.get('x-request-id'))
    })

    it('gives a CSRF cookie only with a page that has a form', async () => {
      const reading = await t.client().get('/en/people')
      assert.deepEqual(reading.headers.getSetCookie(), [])
      const form = await t.client().get('/en/sign-in')
      const cookie = form.headers.getSetCookie().find((c) => c.startsWith('__Host-hearth_csrf='))!
      assert.match(cookie, /HttpOnly/)
      assert.match(cookie, /Secure/)
      assert.match(cookie, /SameSite=Lax/)
    })

    it('reports health and readiness', async () => {
      assert.equal((await t.client().get('/healthz')).status, 200)
      const ready = await t.client().get('/readyz')
      assert.equal(ready.status, 200)
      assert.equal((await ready.json()).status, 'ready')
    })

    it('serves assets with content-hashed, immutable URLs and answers revalidation with 304', async () => {
      const html = await (await t.client().get('/en')).text()
      const href = /href="(\/assets\/app\.css\?v=[^"]+)"/.exec(html)![1]!
      const css = await t.client().get(href)
      assert.equal(css.status, 200)
      assert.match(css.headers.get('cache-control')!, /immutable/)
      const again = await t.client().get(href, { 'if-none-match': css.headers.get('etag')! })
      assert.equal(again.status, 304)
    })

    it('publishes an OpenAPI 3.1 document and a readable reference built from it', async () => {
      const doc = await (await t.client().get('/api/v1/openapi.json')).json()
      assert.equal(doc.openapi, '3.1.0')
      for (const path of [
        '/people',
        '/people/{handle}',
        '/people/{handle}/roles',
        '/roles/{id}/end',
        '/me',
        '/me/tokens',
        '/sigs',
      ]) {
        assert.ok(doc.paths[path], `${path} is documented`)
      }
      assert.ok(doc.components.schemas.Problem)
      assert.equal(doc.components.securitySchemes.bearerAuth.scheme, 'bearer')
      const page = await (await t.client().get('/zh/api')).text()
      assert.match(page, /API 参考/)
      assert.match(page, /\/api\/v1\/people\/\{handle\}\/roles/)
    })
  })
}
