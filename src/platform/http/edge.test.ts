import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { RateLimited } from '../errors.ts'
import { receiveMedia, recordMedia } from '../media/media.ts'

/** What the edge of the app answers to odd or hostile requests, in the reader's language. */
for (const backend of await testBackends()) {
  describe(`the edge refuses odd input with the right status and words [${backend}]`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hearth-edge-'))
    after(() => rmSync(dataDir, { recursive: true, force: true }))
    const t = await makeTestApp(backend, { DATA_DIR: dataDir })
    // Routes are added before the first request builds the router.
    t.app.get('/:lang{(?:zh|en)}/test-rate-limited', () => {
      throw new RateLimited(42)
    })
    const owner = await makePerson(t.deps)
    const other = await makePerson(t.deps)
    const member = await t.clientAs(other.id)
    it('refuses NUL in an address or query: 404 for the path, a translated 400 for the query', async () => {
      const anonymous = t.client()
      assert.equal((await anonymous.get('/en/people/%00')).status, 404)
      assert.equal((await anonymous.get('/api/v1/people/a%00b/roles')).status, 404)
      assert.equal((await anonymous.get(`/media/${'-'.repeat(36)}/x`)).status, 404)
      const api = await anonymous.get('/api/v1/people?q=%00', { 'accept-language': 'zh' })
      assert.equal(api.status, 400)
      const problem = (await api.json()) as { title: string; detail: string; code: string }
      assert.deepEqual([problem.title, problem.code], ['Bad Request', 'controlCharacters'])
      assert.match(problem.detail, /控制字符/)
      const page = await anonymous.get('/zh/people?q=%00')
      assert.equal(page.status, 400)
      assert.match(await page.text(), /控制字符/)
    })

    it('names the JSON field that holds NUL (422), and refuses it in a form (400)', async () => {
      const res = await member.api('POST', '/api/v1/me/tokens', { name: 'laptop\u0000' })
      assert.equal(res.status, 422)
      const problem = (await res.json()) as { errors: { path: string; message: string }[] }
      assert.deepEqual(problem.errors, [
        { path: 'name', message: 'Remove the control characters (such as NUL) from this text.' },
      ])
      const form = await member.postForm('/en/me/profile', { handle: other.handle, nameEn: 'A\u0000' })
      assert.equal(form.status, 400)
    })

    it('titles a 415 "Unsupported Media Type" and says what to send', async () => {
      const res = await member.request('/api/v1/me/tokens', {
        method: 'POST',
        body: 'name=x',
        headers: { 'content-type': 'text/plain', 'x-csrf-token': member.cookies.get('__Host-hearth_csrf')! },
      })
      assert.equal(res.status, 415)
      const problem = (await res.json()) as { title: string; detail: string; code: string }
      assert.deepEqual([problem.title, problem.code], ['Unsupported Media Type', 'unsupportedMediaType'])
      assert.match(problem.detail, /application\/json/)
    })

    it('answers malformed JSON with 400 and its own message, not "correct the highlighted fields"', async () => {
      const res = await member.request('/api/v1/me/tokens', {
        method: 'POST',
        body: '{"name": "unterminated',
        headers: {
          'content-type': 'application/json',
          'accept-language': 'zh',
          'x-csrf-token': member.cookies.get('__Host-hearth_csrf')!,
        },
      })
      assert.equal(res.status, 400)
      const problem = (await res.json()) as { title: string; detail: string; code: string; errors?: unknown }
      assert.deepEqual(
        [problem.title, problem.code, problem.detail],
        ['Bad Request', 'badJson', '请求正文不是有效的 JSON。'],
      )
      assert.equal(problem.errors, undefined)
    })

    it('puts Retry-After on a 429 page as on a 429 problem', async () => {
      const page = await t.client().get('/en/test-rate-limited')
      assert.equal(page.status, 429)
      assert.match(page.headers.get('content-type') ?? '', /text\/html/)
      assert.equal(page.headers.get('retry-after'), '42')
      // The sign-in form, refused after too many requests, keeps the form and says when to retry.
      const browser = t.client()
      let last: Response | undefined
      for (let i = 0; i < 30 && last?.status !== 429; i++)
        last = await browser.postForm('/en/sign-in/email', { email: `someone${i}@example.org` })
      assert.equal(last?.status, 429)
      assert.match(last?.headers.get('retry-after') ?? '', /^\d+$/)
    })

    it('refuses bidirectional overrides in display names and link labels, translated', async () => {
      const me = await t.clientAs(owner.id)
      const spoof = await me.api('PUT', `/api/v1/people/${owner.handle}/profile`, {
        handle: owner.handle,
        nameEn: 'Ad\u202emin',
        nameZh: '管\u2066理员',
        links: [{ label: 'blog\u202d', url: 'https://example.org' }],
      })
      assert.equal(spoof.status, 422)
      const problem = (await spoof.json()) as { errors: { path: string; message: string }[] }
      assert.deepEqual(problem.errors.map((e) => e.path).sort(), ['links.0.label', 'nameEn', 'nameZh'])
      const page = await me.postForm('/zh/me/profile', { handle: owner.handle, nameEn: 'Ad\u202emin' })
      assert.equal(page.status, 422)
      assert.match(await page.text(), /会改变文字方向的不可见字符/)
      // Right-to-left marks are part of ordinary Arabic and Hebrew names.
      const marks = await me.api('PUT', `/api/v1/people/${owner.handle}/profile`, {
        handle: owner.handle,
        nameEn: '\u200fמשה\u200e',
      })
      assert.equal(marks.status, 200)
    })

    it('authorises a profile change before validating it: 403 for someone else’s, 401 anonymous', async () => {
      const invalid = { handle: '', nameEn: 5 }
      assert.equal((await member.api('PUT', `/api/v1/people/${owner.handle}/profile`, invalid)).status, 403)
      assert.equal(
        (await t.client().api('PUT', `/api/v1/people/${owner.handle}/profile`, invalid)).status,
        401,
      )
      assert.equal((await member.api('PUT', '/api/v1/people/nobody-here/profile', invalid)).status, 404)
      assert.equal((await member.api('PUT', `/api/v1/people/${other.handle}/profile`, invalid)).status, 422)
    })

    it('authorises role grants before validating them: 403 for a member, 401 anonymous', async () => {
      const invalid = { role: 'emperor' }
      assert.equal((await member.api('POST', `/api/v1/people/${owner.handle}/roles`, invalid)).status, 403)
      assert.equal(
        (await t.client().api('POST', `/api/v1/people/${owner.handle}/roles`, invalid)).status,
        401,
      )
      const grant = '01900000-0000-7000-8000-000000000000'
      assert.equal((await member.api('POST', `/api/v1/roles/${grant}/end`, { reason: 5 })).status, 403)
    })

    it('authorises episode and application writes before validating them', async () => {
      const id = '01900000-0000-7000-8000-000000000000'
      assert.equal((await member.api('PATCH', `/api/v1/episodes/${id}`, { title: 5 })).status, 404)
      assert.equal(
        (await member.api('POST', `/api/v1/applications/${id}/votes`, { vote: 'maybe' })).status,
        404,
      )
      assert.equal(
        (await t.client().api('POST', `/api/v1/applications/${id}/votes`, { vote: 'maybe' })).status,
        401,
      )
    })

    it('translates nested field errors (links.0.label) for a reader of Chinese', async () => {
      const me = await t.clientAs(owner.id)
      await me.get('/en/sign-in')
      const res = await me.request(`/api/v1/people/${owner.handle}/profile`, {
        method: 'PUT',
        body: JSON.stringify({
          handle: owner.handle,
          nameEn: 'Owner',
          links: [{ label: 'L'.repeat(70), url: 'https://example.org' }],
        }),
        headers: {
          'content-type': 'application/json',
          'accept-language': 'zh',
          'x-csrf-token': me.cookies.get('__Host-hearth_csrf')!,
        },
      })
      assert.equal(res.status, 422)
      const problem = (await res.json()) as { errors: { path: string; message: string }[] }
      const nested = problem.errors.find((e) => e.path === 'links.0.label')
      assert.ok(nested, JSON.stringify(problem.errors))
      assert.match(nested.message, /[\u4e00-\u9fff]/, `not Chinese: ${nested.message}`)
      assert.doesNotMatch(nested.message, /Too big|expected/)
      // The form, too, shows it by the links field in Chinese.
      const page = await me.postForm('/zh/me/profile', {
        handle: owner.handle,
        nameEn: 'Owner',
        links: `${'L'.repeat(70)} https://example.org`,
      })
      assert.match(await page.text(), /<p class="error" id="field-links-error">[^<]*[\u4e00-\u9fff]/)
    })

    it('sandboxes media files, in memory and from the HTTP server, for 200, 206, HEAD and 304', async () => {
      const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
      const received = await receiveMedia(dataDir, {
        kind: 'image',
        filename: 'cover.svg',
        source: (async function* () {
          yield new TextEncoder().encode(svg)
        })(),
        maxBytes: 10_000,
        inspect: async () => ({
          contentType: 'image/svg+xml',
          durationSeconds: null,
          bitrate: null,
          width: 1,
          height: 1,
        }),
        now: new Date(),
      })
      const file = await recordMedia(t.deps.db, received)
      const path = `/media/${file.id}/${file.filename}`
      const server = await t.listen()
      const csp = "default-src 'none'; sandbox"
      for (const [name, get] of [
        ['app.request', (p: string, h: Record<string, string> = {}) => t.client().get(p, h)],
        ['HTTP server', server.get],
      ] as const) {
        const whole = await get(path)
        assert.equal(whole.status, 200, name)
        await whole.arrayBuffer()
        assert.equal(whole.headers.get('content-security-policy'), csp, name)
        const part = await get(path, { range: 'bytes=0-3' })
        await part.arrayBuffer()
        assert.equal(part.headers.get('content-security-policy'), csp, `${name} 206`)
        const cached = await get(path, { 'if-none-match': whole.headers.get('etag')! })
        assert.equal(cached.status, 304, name)
        assert.equal(cached.headers.get('content-security-policy'), csp, `${name} 304`)
      }
      const head = await t.client().request(path, { method: 'HEAD' })
      assert.equal(head.headers.get('content-security-policy'), csp)
    })
  })
}
