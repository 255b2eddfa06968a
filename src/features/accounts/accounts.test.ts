import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { BASE_URL, makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { startFakeGithub } from '../../../test/support/fake-github.ts'
import { findPersonByEmail, findPersonByGithubId } from '../people/people.repo.ts'

const codeOf = (text: string) => /\b(\d{6})\b/.exec(text)?.[1]

for (const backend of await testBackends()) {
  describe(`accounts and sign-in [${backend}]`, async () => {
    const github = await startFakeGithub()
    after(() => github.close())
    const t = await makeTestApp(backend, {
      GITHUB_CLIENT_ID: 'client-id',
      GITHUB_CLIENT_SECRET: 'client-secret',
      GITHUB_URL: github.url,
      GITHUB_API_URL: github.apiUrl,
      // Tests tell clients apart by the address a proxy forwards.
      TRUST_PROXY: 'true',
    })

    /** A browser at its own network address. */
    function clientAt(ip: string) {
      const browser = t.client()
      const headers = { 'x-forwarded-for': ip }
      return {
        browser,
        async post(path: string, fields: Record<string, string>) {
          if (!browser.cookies.has('__Host-hearth_csrf')) await browser.get('/en/sign-in', headers)
          const body = new URLSearchParams({ ...fields, _csrf: browser.cookies.get('__Host-hearth_csrf')! })
          return browser.request(path, {
            method: 'POST',
            body,
            headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE_URL, ...headers },
          })
        },
      }
    }
    const wrongCode = (code: string, n = 1) => String((Number(code) + n) % 1_000_000).padStart(6, '0')

    async function requestCode(browser: ReturnType<typeof t.client>, email: string, lang = 'en') {
      const res = await browser.postForm(`/${lang}/sign-in/email`, { email })
      const mail = await t.lastMailTo(email.toLowerCase())
      return { res, mail, code: mail ? codeOf(mail.text) : undefined }
    }

    it('signs a newcomer in with an e-mail code, in their language, and creates their profile', async () => {
      const browser = t.client()
      const { res, mail, code } = await requestCode(browser, 'Newcomer@Example.org', 'zh')
      assert.equal(res.status, 303)
      assert.match(res.headers.get('location')!, /^\/zh\/sign-in\/code\?email=newcomer%40example.org/)
      assert.match(mail!.subject, /登录验证码/)
      assert.ok(code)
      const signedIn = await browser.postForm('/zh/sign-in/code', {
        email: 'newcomer@example.org',
        code: code!,
      })
      assert.equal(signedIn.status, 303)
      assert.equal(signedIn.headers.get('location'), '/zh/me')
      const setCookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('__Host-hearth_session='))!
      assert.match(setCookie, /HttpOnly/)
      assert.match(setCookie, /Secure/)
      assert.match(setCookie, /Path=\//)
      assert.doesNotMatch(setCookie, /Domain=/i)
      const me = await browser.get('/zh/me')
      assert.equal(me.status, 200)
      assert.match(await me.text(), /我的账户/)
      const person = await findPersonByEmail(t.deps.db, 'newcomer@example.org')
      assert.match(person!.handle, /^member-[0-9a-f]{8}$/, 'the handle says nothing of the address')
      assert.equal(person?.locale, 'zh')
      assert.equal(person?.profilePublic, false, 'signing in publishes nobody')
    })

    it('does not accept a code twice, a wrong code, or an expired code', async () => {
      const email = `guess-${backend}@example.org`
      const first = await requestCode(t.client(), email)
      const browser = t.client()
      const wrong = await browser.postForm('/en/sign-in/code', { email, code: wrongCode(first.code!) })
      assert.equal(wrong.status, 422)
      assert.match(await wrong.text(), /That code is wrong or has expired/)
      assert.equal(browser.cookies.has('__Host-hearth_session'), false)
      const ok = await browser.postForm('/en/sign-in/code', { email, code: first.code! })
      assert.equal(ok.status, 303)
      const reused = await t.client().postForm('/en/sign-in/code', { email, code: first.code! })
      assert.equal(reused.status, 422)

      const second = await requestCode(t.client(), email)
      t.setNow(new Date(Date.now() + 11 * 60_000))
      try {
        const expired = await clientAt('192.0.2.90').post('/en/sign-in/code', { email, code: second.code! })
        assert.equal(expired.status, 422)
      } finally {
        t.setNow(null)
      }
    })

    it('lets the owner ask for a code and sign in however much a stranger asks and guesses', async () => {
      const email = `victim-${backend}@example.org`
      const stranger = clientAt('203.0.113.7')
      const spellings = [email, email.toUpperCase(), ` ${email.replace('victim', 'Victim')} `]
      const asked: number[] = []
      for (let i = 0; i < 8; i++)
        asked.push((await stranger.post('/en/sign-in/email', { email: spellings[i % 3]! })).status)
      assert.deepEqual(
        asked,
        [303, 303, 303, 303, 303, 429, 429, 429],
        'every spelling counts as one address',
      )

      const owner = clientAt('198.51.100.1')
      const requested = await owner.post('/en/sign-in/email', { email })
      assert.equal(requested.status, 303, 'the stranger’s requests do not stop the owner asking')
      const ownerCode = codeOf((await t.lastMailTo(email))!.text)!

      const guessed: number[] = []
      for (let i = 1; i <= 8; i++)
        guessed.push(
          (await stranger.post('/en/sign-in/code', { email, code: wrongCode(ownerCode, i) })).status,
        )
      assert.deepEqual(guessed, [422, 422, 422, 422, 422, 429, 429, 429])

      const signedIn = await owner.post('/en/sign-in/code', { email, code: ownerCode })
      assert.equal(signedIn.status, 303, 'the stranger’s wrong guesses left the owner’s code alive')
      assert.equal(signedIn.headers.get('location'), '/en/me')

      const later = clientAt('198.51.100.2')
      assert.equal((await later.post('/en/sign-in/email', { email: email.toUpperCase() })).status, 303)
      const laterCode = codeOf((await t.lastMailTo(email))!.text)!
      const again = await later.post('/en/sign-in/code', { email, code: laterCode })
      assert.equal(again.status, 303, 'the owner asks for and uses a new code from another client')
    })

    it('answers a client that keeps asking or guessing with 429 and Retry-After', async () => {
      const email = `limited-${backend}@example.org`
      const client = clientAt('192.0.2.10')
      const statuses: number[] = []
      for (let i = 0; i < 6; i++)
        statuses.push(
          (await client.post('/en/sign-in/email', { email: i % 2 ? email : email.toUpperCase() })).status,
        )
      assert.deepEqual(statuses, [303, 303, 303, 303, 303, 429])
      const sixth = await client.post('/en/sign-in/email', { email })
      assert.equal(sixth.status, 429)
      assert.match(await sixth.text(), /Too many attempts/)
      assert.ok(Number(sixth.headers.get('retry-after')) > 0)
      assert.ok(Number(sixth.headers.get('retry-after')) <= 15 * 60)

      const guesses: number[] = []
      for (let i = 0; i < 6; i++)
        guesses.push((await client.post('/en/sign-in/code', { email, code: '000000' })).status)
      assert.deepEqual(guesses, [422, 422, 422, 422, 422, 429])
      const refused = await client.post('/en/sign-in/code', { email, code: '000000' })
      assert.ok(Number(refused.headers.get('retry-after')) > 0)
    })

    it('bounds guessing of one address by all clients together, leaving the owner’s code alive', async () => {
      const email = `guessed-${backend}@example.org`
      const owner = clientAt('198.51.100.50')
      await owner.post('/en/sign-in/email', { email })
      const code = codeOf((await t.lastMailTo(email))!.text)!
      // 12 clients × 5 guesses = the 60 checks an address allows in an hour (accounts.rules.ts).
      for (let c = 0; c < 12; c++) {
        const guesser = clientAt(`203.0.113.${100 + c}`)
        for (let i = 1; i <= 5; i++) {
          const res = await guesser.post('/en/sign-in/code', { email, code: wrongCode(code, c * 5 + i) })
          assert.equal(res.status, 422)
        }
      }
      const capped = await clientAt('203.0.113.200').post('/en/sign-in/code', { email, code })
      assert.equal(capped.status, 429, 'even the right code waits once the address’s hour is spent')
      assert.ok(Number(capped.headers.get('retry-after')) > 0)
      t.setNow(new Date(Date.now() + 61 * 60_000))
      try {
        const fresh = clientAt('198.51.100.51')
        await fresh.post('/en/sign-in/email', { email })
        const next = codeOf((await t.lastMailTo(email))!.text)!
        assert.equal((await fresh.post('/en/sign-in/code', { email, code: next })).status, 303)
      } finally {
        t.setNow(null)
      }
    })

    it('validates the sign-in forms with translated messages and keeps what was typed', async () => {
      const res = await t.client().postForm('/zh/sign-in/email', { email: 'not-an-address' })
      assert.equal(res.status, 422)
      const html = await res.text()
      assert.match(html, /请输入有效的电子邮箱地址/)
      assert.match(html, /value="not-an-address"/)
      const code = await t.client().postForm('/en/sign-in/code', { email: 'a@example.org', code: '12ab' })
      assert.equal(code.status, 422)
      assert.match(await code.text(), /Enter the six digits/)
    })

    it('refuses forms without the CSRF token or from another origin, changing nothing', async () => {
      const person = await makePerson(t.deps, { handle: `csrf-${backend}` })
      const browser = await t.clientAs(person.id)
      const missing = await browser.postForm(
        '/en/me/profile',
        { handle: 'changed-by-csrf', nameEn: 'X' },
        { csrf: null },
      )
      assert.equal(missing.status, 403)
      assert.match(await missing.text(), /This form has expired/)
      await browser.get('/en')
      const foreign = await browser.request('/en/me/profile', {
        method: 'POST',
        body: new URLSearchParams({
          handle: 'changed-by-csrf',
          nameEn: 'X',
          _csrf: browser.cookies.get('__Host-hearth_csrf')!,
        }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      })
      assert.equal(foreign.status, 403)
      const still = await (await t.client().get(`/api/v1/people/csrf-${backend}`)).json()
      assert.equal(still.handle, `csrf-${backend}`)
    })

    it('signs out this browser, and everywhere', async () => {
      const person = await makePerson(t.deps)
      const a = await t.clientAs(person.id)
      const b = await t.clientAs(person.id)
      assert.equal((await a.get('/en/me')).status, 200)
      const out = await a.postForm('/en/sign-out', {})
      assert.equal(out.status, 303)
      assert.equal((await a.get('/en/me')).status, 302)
      assert.equal((await b.get('/en/me')).status, 200)
      const c = await t.clientAs(person.id)
      await c.postForm('/en/me/sign-out-everywhere', {})
      assert.equal((await b.get('/en/me')).status, 302)
      assert.equal((await c.get('/en/me')).status, 302)
    })

    it('treats an expired session as signed out', async () => {
      const person = await makePerson(t.deps)
      const browser = await t.clientAs(person.id)
      t.setNow(new Date(Date.now() + 31 * 86_400_000))
      try {
        const res = await browser.get('/en/me')
        assert.equal(res.status, 302)
        assert.match(res.headers.get('location')!, /\/en\/sign-in\?next=%2Fen%2Fme/)
      } finally {
        t.setNow(null)
      }
    })

    it('issues personal API tokens shown once, stored hashed, and revocable', async () => {
      const person = await makePerson(t.deps, { email: `tokens-${backend}@example.org` })
      const browser = await t.clientAs(person.id)
      const page = await browser.postForm('/en/me/tokens', { name: 'laptop' })
      assert.equal(page.status, 200)
      const token = /(hearth_pat_[A-Za-z0-9_-]+)/.exec(await page.text())![1]!
      const again = await (await browser.get('/en/me')).text()
      assert.doesNotMatch(again, new RegExp(token))
      assert.match(again, /laptop/)
      const stored = await t.database.query<{ token_hash: string }>(
        'select token_hash from api_tokens where person_id = $1',
        [person.id],
      )
      assert.equal(stored.length, 1)
      assert.notEqual(stored[0]!.token_hash, token)

      const me = await t.client().api('GET', '/api/v1/me', undefined, token)
      assert.equal(me.status, 200)
      assert.equal((await me.json()).email, `tokens-${backend}@example.org`)
      const list = await (await t.client().api('GET', '/api/v1/me/tokens', undefined, token)).json()
      assert.equal(list.length, 1)
      assert.equal(list[0].token, undefined)
      const revoke = await t.client().api('DELETE', `/api/v1/me/tokens/${list[0].id}`, undefined, token)
      assert.equal(revoke.status, 204)
      const afterRevoke = await t.client().api('GET', '/api/v1/me', undefined, token)
      assert.equal(afterRevoke.status, 401)
      assert.equal(afterRevoke.headers.get('content-type'), 'application/problem+json')
    })

    it('answers 401 problem+json to missing or made-up credentials, never 500', async () => {
      for (const auth of [undefined, 'hearth_pat_notarealtokenatallxxxxxxxxxxxx', 'garbage']) {
        const res = await t.client().api('GET', '/api/v1/me', undefined, auth)
        assert.equal(res.status, 401)
        assert.equal((await res.json()).status, 401)
      }
      const res = await t.client().request('/api/v1/me', { headers: { authorization: 'Basic Zm9vOmJhcg==' } })
      assert.equal(res.status, 401)
    })

    it('signs in with GitHub: keyed by numeric id, follows a renamed login, links a verified address', async () => {
      const existing = await makePerson(t.deps, { email: 'octocat@github.com', handle: `octo-${backend}` })
      const browser = t.client()
      const start = await browser.get('/auth/github/start?lang=en&next=/en/people')
      assert.equal(start.status, 302)
      const location = new URL(start.headers.get('location')!)
      assert.equal(location.origin + location.pathname, `${github.url}/login/oauth/authorize`)
      assert.equal(location.searchParams.get('client_id'), 'client-id')
      const state = location.searchParams.get('state')!

      const forged = await t.client().get(`/auth/github/callback?code=the-code&state=${state}`)
      assert.match(forged.headers.get('location')!, /\/sign-in\?error=github/)

      const back = await browser.get(`/auth/github/callback?code=the-code&state=${state}`)
      assert.equal(back.status, 302)
      assert.equal(back.headers.get('location'), '/en/people')
      const linked = await findPersonByGithubId(t.deps.db, 1)
      assert.equal(linked?.id, existing.id, 'the verified primary address linked the existing person')
      assert.equal(linked?.githubLogin, 'octocat')

      github.state.user = { ...github.state.user, login: 'octocat-renamed' }
      const again = t.client()
      const state2 = new URL(
        (await again.get('/auth/github/start?lang=zh')).headers.get('location')!,
      ).searchParams.get('state')!
      await again.get(`/auth/github/callback?code=the-code&state=${state2}`)
      const renamed = await findPersonByGithubId(t.deps.db, 1)
      assert.equal(renamed?.id, existing.id)
      assert.equal(renamed?.githubLogin, 'octocat-renamed')
      assert.equal((await again.get('/zh/me')).status, 200)

      const bad = t.client()
      const state3 = new URL(
        (await bad.get('/auth/github/start?lang=en')).headers.get('location')!,
      ).searchParams.get('state')!
      const refused = await bad.get(`/auth/github/callback?code=wrong&state=${state3}`)
      assert.match(refused.headers.get('location')!, /error=github/)
    })

    it('accepts any code the address was sent, until one of them is used', async () => {
      const email = `twice-${backend}@example.org`
      const first = await requestCode(t.client(), email)
      const second = await requestCode(t.client(), email)
      assert.notEqual(first.mail!.id, second.mail!.id)
      const ok = await t.client().postForm('/en/sign-in/code', { email, code: first.code! })
      assert.equal(ok.status, 303, 'the first e-mail’s code still works after asking again')
      const again = await t.client().postForm('/en/sign-in/code', { email, code: second.code! })
      assert.equal(again.status, 422, 'signing in used up every code of the address')
    })

    it('gives every anonymous visitor a form token of their own, never a cached one', async () => {
      const a = t.client()
      await a.get('/en/sign-in')
      await a.get('/en/sign-in')
      const b = t.client()
      const page = await b.get('/en/sign-in')
      const cookie = b.cookies.get('__Host-hearth_csrf')
      assert.ok(cookie, 'the second visitor gets a cookie')
      assert.notEqual(cookie, a.cookies.get('__Host-hearth_csrf'))
      assert.match(await page.text(), new RegExp(`name="_csrf" value="${cookie}"`))
    })

    it('ignores an Authorization header that is not a token on pages, and refuses it on the API', async () => {
      const basic = { authorization: 'Basic Zm9vOmJhcg==' }
      assert.equal((await t.client().get('/en/sign-in', basic)).status, 200)
      assert.equal((await t.client().get('/en/people', basic)).status, 200)
      assert.equal((await t.client().get('/api/v1/people', basic)).status, 401)
    })

    it('never redirects to another site after signing in', async () => {
      const email = `next-${backend}@example.org`
      const { code } = await requestCode(t.client(), email)
      const res = await t
        .client()
        .postForm('/en/sign-in/code', { email, code: code!, next: 'https://evil.example/' })
      assert.equal(res.headers.get('location'), '/en/me')
      for (const next of ['//evil.example/', '/en/\r\nSet-Cookie: x=1', '/en\\@evil.example']) {
        const { code: another } = await requestCode(t.client(), email)
        const signedIn = await t.client().postForm('/en/sign-in/code', { email, code: another!, next })
        assert.equal(signedIn.status, 303, JSON.stringify(next))
        assert.equal(signedIn.headers.get('location'), '/en/me')
      }
    })

    it('over plain HTTP on another host, sign-in says it needs HTTPS instead of only “expired”', async () => {
      // The test site's address is http://hearth.test: a browser there keeps no __Host- cookie.
      const page = await t.client().get('/en/sign-in')
      assert.match(await page.text(), /Signing in needs HTTPS.*hearth\.test.*BASE_URL/s)
      const zh = await t.client().get('/zh/sign-in')
      assert.match(await zh.text(), /登录需要 HTTPS/)
      const browser = t.client()
      const expired = await browser.request('/en/sign-in/email', {
        method: 'POST',
        body: new URLSearchParams({ email: 'x@example.org', _csrf: 'no-cookie-kept' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE_URL },
      })
      assert.equal(expired.status, 403)
      assert.match(await expired.text(), /This form has expired.*Signing in needs HTTPS/s)
      const behindTls = await t.client().get('/en/sign-in', { 'x-forwarded-proto': 'https' })
      assert.doesNotMatch(await behindTls.text(), /needs HTTPS/)
    })

    it('the sign-in mail’s link brings a person back to the form they were opening', async () => {
      const email = `mail-next-${backend}@example.org`
      const next = '/en/applications/new?type=join-chapter&subject=abc'
      await t.client().postForm('/en/sign-in/email', { email, next })
      const mail = await t.lastMailTo(email)
      const link = /(http\S+\/en\/sign-in\/code\?\S+)/.exec(mail!.text)![1]!
      const url = new URL(link)
      assert.equal(url.searchParams.get('next'), next)
      const page = await t.client().get(url.pathname + url.search)
      const html = await page.text()
      assert.ok(
        html.includes(`name="next" value="${next.replaceAll('&', '&amp;')}"`),
        'the code page keeps it',
      )
      const code = codeOf(mail!.text)!
      const browser = t.client()
      await browser.get(url.pathname + url.search)
      const signedIn = await browser.postForm('/en/sign-in/code', { email, code, next })
      assert.equal(signedIn.headers.get('location'), next)

      const elsewhere = `mail-elsewhere-${backend}@example.org`
      await t.client().postForm('/en/sign-in/email', { email: elsewhere, next: 'https://evil.example/' })
      const other = await t.lastMailTo(elsewhere)
      assert.doesNotMatch(other!.text, /evil|next=/, 'only a path on this site travels in the mail')
    })
  })
}
