import assert from 'node:assert/strict'
import { request as httpRequest } from 'node:http'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { createApiToken } from '../../features/accounts/index.ts'
import { apiTokens } from '../db/schema.ts'
import { bodyLimitFor, GITHUB_WEBHOOK_BYTES } from './body-limit.ts'

const MB = 1024 * 1024

type Answer = {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
  sent: number
}

/**
 * Posts through a plain socket as a hostile client would: `send` bytes (after `first`), declaring
 * `declared` as Content-Length when given (so a larger declared body than sent is only answered if
 * the server answers before reading), else chunked; writing stops once the server has answered.
 */
function post(
  url: string,
  o: { headers: Record<string, string>; send: number; declared?: number; first?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let sent = 0
    let answered = false
    const req = httpRequest(url, {
      method: 'POST',
      headers: { ...o.headers, ...(o.declared ? { 'content-length': String(o.declared) } : {}) },
    })
    req.on('response', (res) => {
      answered = true
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => {
        body += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body, sent }))
      res.on('error', reject)
    })
    // The server closing the connection on a body it refused is expected once it has answered.
    req.on('error', (e) => {
      if (!answered) reject(e)
    })
    if (o.first) {
      req.write(o.first)
      sent += Buffer.byteLength(o.first)
    }
    const chunk = Buffer.alloc(64 * 1024, 'a')
    const write = () => {
      while (!answered && !req.destroyed && sent < o.send) {
        const piece = chunk.subarray(0, Math.min(chunk.length, o.send - sent))
        sent += piece.length
        if (!req.write(piece)) return void req.once('drain', write)
      }
      if (!answered && !req.destroyed && (o.declared === undefined || sent >= o.declared)) req.end()
    }
    write()
  })
}

describe('body limits by route', () => {
  it('gives forms and JSON the default, GitHub deliveries 25 MB, and leaves streamed uploads to their routes', () => {
    const limit = (method: string, path: string, contentType = 'application/json') =>
      bodyLimitFor({ method, path, contentType }, MB)
    assert.equal(limit('POST', '/en/sign-in/email', 'application/x-www-form-urlencoded'), MB)
    assert.equal(limit('POST', '/api/v1/me/tokens'), MB)
    assert.equal(limit('POST', '/webhooks/github'), GITHUB_WEBHOOK_BYTES)
    assert.equal(limit('POST', '/en/console/podcast/show/1/upload', 'multipart/form-data; boundary=x'), null)
    assert.equal(limit('PUT', '/api/v1/episodes/0190-ab/audio', 'audio/mpeg'), null)
    assert.equal(
      limit('POST', '/en/console/podcast/show/1/upload', 'application/x-www-form-urlencoded'),
      MB,
      'only a multipart form is streamed by an upload route',
    )
    assert.equal(limit('POST', '/en/console/people', 'multipart/form-data; boundary=x'), MB)
  })
})

for (const backend of await testBackends()) {
  describe(`body limits through the server [${backend}]`, async () => {
    const t = await makeTestApp(backend)
    const server = await t.listen()
    const actor = { personId: t.superuser.id, roles: [{ role: 'administrator' as const, sigId: null }] }
    const { token } = await createApiToken(t.deps, actor, 'body limit tests')
    const bearer = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    const tokenCount = async () =>
      (await t.deps.db.select().from(apiTokens).where(eq(apiTokens.personId, t.superuser.id))).length
    const form = { 'content-type': 'application/x-www-form-urlencoded' }

    it('answers a form with a Content-Length over the limit with a translated 413 page, before reading it', async () => {
      for (const [lang, words] of [
        ['en', /too large/],
        ['zh', /太大/],
      ] as const) {
        const res = await post(`${server.base}/${lang}/sign-in/email`, {
          headers: form,
          declared: 150 * MB,
          send: 64 * 1024,
          first: 'email=victim%40example.org&pad=',
        })
        assert.equal(res.status, 413)
        assert.match(String(res.headers['content-type']), /^text\/html/)
        assert.match(res.body, words)
      }
      assert.equal(await t.lastMailTo('victim@example.org'), undefined, 'no sign-in code was sent')
    })

    it('cuts a chunked form body without Content-Length at the limit', async () => {
      const res = await post(`${server.base}/en/sign-in/email`, {
        headers: form,
        send: 150 * MB,
        first: 'email=chunked%40example.org&pad=',
      })
      assert.equal(res.status, 413)
      assert.match(res.body, /too large/)
      assert.ok(res.sent < 64 * MB, `answered after ${res.sent} bytes`)
      assert.equal(await t.lastMailTo('chunked@example.org'), undefined)
    })

    it('answers the API with a problem+json 413 and creates nothing, with or without Content-Length', async () => {
      const before = await tokenCount()
      for (const declared of [200 * MB, undefined]) {
        const res = await post(`${server.base}/api/v1/me/tokens`, {
          headers: bearer,
          declared,
          send: declared ? 64 * 1024 : 200 * MB,
          first: '{"name":"huge","pad":"',
        })
        assert.equal(res.status, 413)
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/)
        const problem = JSON.parse(res.body)
        assert.equal(problem.title, 'Content Too Large')
        assert.equal(problem.status, 413)
      }
      assert.equal(await tokenCount(), before, 'no token was created')
    })

    it('still takes normal-size forms and JSON, chunked or not', async () => {
      const created = await server.request('/api/v1/me/tokens', {
        method: 'POST',
        headers: bearer,
        body: JSON.stringify({ name: 'small' }),
      })
      assert.equal(created.status, 201)
      const body = JSON.stringify({ name: 'small and chunked' })
      const chunked = await server.request('/api/v1/me/tokens', {
        method: 'POST',
        headers: bearer,
        body: new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(body))
            controller.close()
          },
        }),
        duplex: 'half',
      } as RequestInit)
      assert.equal(chunked.status, 201)
      assert.equal((await chunked.json()).name, 'small and chunked')

      const page = await server.get('/en/sign-in')
      const csrf = /__Host-hearth_csrf=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')![1]!
      const signIn = await server.request('/en/sign-in/email', {
        method: 'POST',
        redirect: 'manual',
        headers: { ...form, cookie: `__Host-hearth_csrf=${csrf}` },
        body: new URLSearchParams({ _csrf: csrf, email: 'small@example.org', pad: 'x'.repeat(500_000) }),
      })
      assert.equal(signIn.status, 303, await signIn.clone().text())
      assert.ok(await t.lastMailTo('small@example.org'))
    })

    it('lets a GitHub delivery be larger than a form, up to 25 MB', async () => {
      const big = await post(`${server.base}/webhooks/github`, {
        headers: { 'content-type': 'application/json', 'x-github-event': 'ping' },
        declared: 2 * MB,
        send: 2 * MB,
      })
      assert.notEqual(big.status, 413)
      const huge = await post(`${server.base}/webhooks/github`, {
        headers: { 'content-type': 'application/json', 'x-github-event': 'ping' },
        declared: GITHUB_WEBHOOK_BYTES + 1,
        send: 64 * 1024,
      })
      assert.equal(huge.status, 413)
      assert.equal(JSON.parse(huge.body).title, 'Content Too Large')
    })
  })
}
