import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { ADVOCACY_SIG_SLUG } from './people.demo.ts'
import { findSigBySlug } from './people.repo.ts'

for (const backend of await testBackends()) {
  describe(`people and roles [${backend}]`, async () => {
    const t = await makeTestApp(backend)
    const sig = (await findSigBySlug(t.deps.db, ADVOCACY_SIG_SLUG))!

    it('lists people in the directory in both languages and finds them by search', async () => {
      await makePerson(t.deps, {
        handle: 'yin-min',
        nameZh: '尹珉',
        nameEn: 'Yin Min',
        cityZh: '杭州',
        cityEn: 'Hangzhou',
      })
      const browser = t.client()
      const en = await browser.get('/en/people?q=hangzhou')
      assert.equal(en.status, 200)
      const html = await en.text()
      assert.match(html, /<html lang="en">/)
      assert.match(html, /Yin Min/)
      assert.match(html, /<p class="muted">Hangzhou<\/p>/)
      assert.doesNotMatch(html, /root-admin/)
      const zh = await (await browser.get('/zh/people?q=尹')).text()
      assert.match(zh, /<html lang="zh-Hans">/)
      assert.match(zh, /尹珉/)
      assert.match(zh, /<p class="muted">杭州<\/p>/)
      // Either language's city finds the person, whichever language the page is in.
      assert.match(await (await browser.get('/en/people?q=杭州')).text(), /Yin Min/)
    })

    it('shows a city given in one language only as it was written, marked with its language', async () => {
      await makePerson(t.deps, { handle: 'gu-lan', nameZh: '顾兰', nameEn: 'Gu Lan', cityZh: '苏州' })
      const en = await (await t.client().get('/en/people?q=gu-lan')).text()
      assert.match(en, /<p class="muted"><span lang="zh-Hans">苏州<\/span><\/p>/)
      const profile = await (await t.client().get('/en/people/gu-lan')).text()
      assert.match(profile, /@gu-lan · <span lang="zh-Hans">苏州<\/span>/)
      const zh = await (await t.client().get('/zh/people/gu-lan')).text()
      assert.match(zh, /@gu-lan · 苏州</)
      // The API keeps its one `city`, in the Accept-Language language or else the other one.
      const api = await (await t.client().get('/api/v1/people/gu-lan')).json()
      assert.deepEqual([api.cityZh, api.cityEn, api.city], ['苏州', null, '苏州'])
      const none = await (await t.client().get('/api/v1/people?q=yin-min')).json()
      assert.equal(none.items[0].city, 'Hangzhou')
      const inZh = await (await t.client().get('/api/v1/people/yin-min', { 'accept-language': 'zh' })).json()
      assert.deepEqual([inZh.cityZh, inZh.cityEn, inZh.city], ['杭州', 'Hangzhou', '杭州'])
    })

    it('shows current roles, not ended ones, on directory cards and counts everyone on every page', async () => {
      const person = await makePerson(t.deps, { handle: 'lou-ju', nameEn: 'Lou Ju' })
      await t.grant(person.id, 'contributor')
      const ended = await t.grant(person.id, 'sig_member', sig.id)
      const admin = await t.clientAs(t.superuser.id)
      await admin.postForm(`/en/console/roles/${ended.id}/end`, { handle: person.handle, reason: '' })
      const html = await (await t.client().get('/en/people?q=lou-ju')).text()
      assert.match(html, /Lou Ju<\/a><\/h2><ul class="badges"><li class="badge">Contributor<\/li><\/ul>/)
      assert.doesNotMatch(html, /SIG member/)
      const all = await (await t.client().get('/api/v1/people')).json()
      const pastTheEnd = await (await t.client().get('/api/v1/people?page=999')).json()
      assert.deepEqual([pastTheEnd.items.length, pastTheEnd.total], [0, all.total])
    })

    it('shows a profile with current roles and the history of ended ones, and 404s unknown handles', async () => {
      const person = await makePerson(t.deps, { handle: 'zhou-zhengjun', nameEn: 'Zhou Zhengjun' })
      const grant = await t.grant(person.id, 'sig_member', sig.id)
      await t.grant(person.id, 'contributor')
      const admin = await t.clientAs(t.superuser.id)
      const ended = await admin.postForm(`/en/console/roles/${grant.id}/end`, {
        handle: person.handle,
        reason: 'Moved away',
      })
      assert.equal(ended.status, 303)
      const page = await (await t.client().get('/en/people/zhou-zhengjun')).text()
      const [current, history] = page.split('Role history')
      assert.match(current!, /Contributor/)
      assert.doesNotMatch(current!, /SIG member/)
      assert.match(history!, /SIG member · Advocacy and Outreach SIG/)
      assert.match(history!, /Moved away/)
      const missing = await t.client().get('/zh/people/nobody-here')
      assert.equal(missing.status, 404)
      assert.match(await missing.text(), /页面不存在|未找到/)
    })

    it('lets an administrator grant a role through the console, kept with who and when, and mails the person', async () => {
      const person = await makePerson(t.deps, { handle: 'ma-jinjing', email: 'ma@example.org', locale: 'zh' })
      const admin = await t.clientAs(t.superuser.id)
      const res = await admin.postForm(`/en/console/people/${person.handle}/roles`, {
        role: 'ambassador',
        sigId: '',
        note: 'KubeCon talk',
      })
      assert.equal(res.status, 303)
      const api = await (await t.client().get(`/api/v1/people/${person.handle}/roles`)).json()
      assert.equal(api.length, 1)
      assert.equal(api[0].role, 'ambassador')
      assert.equal(api[0].grantedBy.handle, 'root-admin')
      assert.equal(api[0].note, 'KubeCon talk')
      const mail = await t.lastMailTo('ma@example.org')
      assert.match(mail!.subject, /布道师/)
    })

    it('refuses a role the person already holds, with a translated message and nothing written', async () => {
      const person = await makePerson(t.deps)
      await t.grant(person.id, 'contributor')
      const admin = await t.clientAs(t.superuser.id)
      const res = await admin.postForm(`/zh/console/people/${person.handle}/roles`, {
        role: 'contributor',
        sigId: '',
      })
      assert.equal(res.status, 422)
      assert.match(await res.text(), /此人已担任该角色/)
      const grants = await (await t.client().get(`/api/v1/people/${person.handle}/roles`)).json()
      assert.equal(grants.length, 1)
    })

    it('requires a SIG for SIG roles and rejects unknown roles, keeping the form values', async () => {
      const person = await makePerson(t.deps)
      const admin = await t.clientAs(t.superuser.id)
      const noSig = await admin.postForm(`/en/console/people/${person.handle}/roles`, {
        role: 'sig_lead',
        sigId: '',
        note: 'keep me',
      })
      assert.equal(noSig.status, 422)
      const html = await noSig.text()
      assert.match(html, /SIG roles need a SIG/)
      assert.match(html, /value="keep me"/)
      const bogus = await admin.postForm(`/en/console/people/${person.handle}/roles`, {
        role: 'emperor',
        sigId: '',
      })
      assert.equal(bogus.status, 422)
      const grants = await (await t.client().get(`/api/v1/people/${person.handle}/roles`)).json()
      assert.equal(grants.length, 0)
    })

    it('keeps the console from people without an organiser role', async () => {
      const person = await makePerson(t.deps)
      await t.grant(person.id, 'contributor')
      const browser = await t.clientAs(person.id)
      assert.doesNotMatch(
        await (await browser.get('/en')).text(),
        /href="\/en\/console"/,
        'no console link for them',
      )
      assert.equal((await browser.get('/en/console/people')).status, 403)
      const anonymous = await t.client().get('/en/console/people')
      assert.equal(anonymous.status, 302)
      assert.match(anonymous.headers.get('location')!, /^\/en\/sign-in\?next=/)
      const target = await makePerson(t.deps)
      const grant = await browser.postForm(`/en/console/people/${target.handle}/roles`, {
        role: 'administrator',
        sigId: '',
      })
      assert.equal(grant.status, 403)
    })

    it('tells anonymous callers nothing about role grants', async () => {
      const person = await makePerson(t.deps)
      const grant = await t.grant(person.id, 'contributor')
      const known = await t.client().api('POST', `/api/v1/roles/${grant.id}/end`, {})
      const unknown = await t
        .client()
        .api('POST', '/api/v1/roles/00000000-0000-7000-8000-000000000000/end', {})
      assert.deepEqual([known.status, unknown.status], [401, 401])
    })

    it('lets a SIG lead manage membership of their own SIG but not make administrators', async () => {
      const lead = await makePerson(t.deps)
      await t.grant(lead.id, 'sig_lead', sig.id)
      const member = await makePerson(t.deps)
      const browser = await t.clientAs(lead.id)
      assert.match(await (await browser.get('/en')).text(), /href="\/en\/console"/)
      const ok = await browser.postForm(`/en/console/people/${member.handle}/roles`, {
        role: 'sig_member',
        sigId: sig.id,
      })
      assert.equal(ok.status, 303)
      const denied = await browser.postForm(`/en/console/people/${member.handle}/roles`, {
        role: 'administrator',
        sigId: '',
      })
      assert.equal(denied.status, 403)
    })

    it('lets people edit their own profile, validates it in their language, and never someone else’s', async () => {
      const person = await makePerson(t.deps, { handle: 'hu-tao' })
      const browser = await t.clientAs(person.id)
      const bad = await browser.postForm('/zh/me/profile', {
        handle: '-bad handle-',
        nameZh: '胡涛',
        nameEn: '',
        avatarUrl: 'javascript:alert(1)',
        links: 'GitHub https://github.com/hutao\nnot a link',
        languages: 'zh, en',
        locale: 'zh',
      })
      assert.equal(bad.status, 422)
      const html = await bad.text()
      assert.match(html, /请使用 2–39 个字母/)
      assert.match(html, /以 https:\/\/ 或 http:\/\/ 开头/)
      assert.match(html, /value="胡涛"/)
      assert.equal((await t.client().get('/api/v1/people/hu-tao')).status, 200)

      const good = await browser.postForm('/zh/me/profile', {
        handle: 'hu-tao-cd',
        nameZh: '胡涛',
        nameEn: 'Hu Tao',
        cityZh: '成都',
        cityEn: 'Chengdu',
        bioEn: 'Runs meetups in Chengdu.',
        avatarUrl: '',
        links: 'Blog https://example.org/hutao',
        languages: 'zh, en',
        locale: 'en',
        // The form shows the box checked for a listed person, so a browser sends it.
        profilePublic: 'on',
      })
      assert.equal(good.status, 303)
      const saved = await (await t.client().get('/api/v1/people/hu-tao-cd')).json()
      assert.equal(saved.nameEn, 'Hu Tao')
      assert.deepEqual([saved.cityZh, saved.cityEn, saved.city], ['成都', 'Chengdu', 'Chengdu'])
      assert.deepEqual(saved.links, [{ label: 'Blog', url: 'https://example.org/hutao' }])
      assert.deepEqual(saved.languages, ['zh', 'en'])

      const other = await makePerson(t.deps, { handle: 'someone-else' })
      const token = await (await browser.api('POST', '/api/v1/me/tokens', { name: 'script' })).json()
      const res = await browser.api(
        'PUT',
        `/api/v1/people/${other.handle}/profile`,
        { handle: 'hijacked', nameEn: 'x' },
        token.token,
      )
      assert.equal(res.status, 403)
      assert.equal(res.headers.get('content-type'), 'application/problem+json')
    })

    it('refuses a handle that is already taken', async () => {
      await makePerson(t.deps, { handle: 'taken-handle' })
      const person = await makePerson(t.deps)
      const browser = await t.clientAs(person.id)
      const res = await browser.postForm('/en/me/profile', { handle: 'Taken-Handle', nameEn: 'Me' })
      assert.equal(res.status, 422)
      assert.match(await res.text(), /This handle is already taken/)
    })

    it('serves the people API with problem+json errors for bad input', async () => {
      const list = await t.client().get('/api/v1/people?page=1')
      assert.equal(list.status, 200)
      const body = await list.json()
      assert.ok(body.total >= 1)
      const bad = await t.client().get('/api/v1/people?page=zero')
      assert.equal(bad.status, 422)
      assert.equal(bad.headers.get('content-type'), 'application/problem+json')
      const problem = await bad.json()
      assert.equal(problem.status, 422)
      assert.equal(problem.errors[0].path, 'page')
    })

    it('answers concurrent grants of the same role with exactly one grant', async () => {
      const person = await makePerson(t.deps)
      const admin = await t.clientAs(t.superuser.id)
      const token = (await (await admin.api('POST', '/api/v1/me/tokens', { name: 'race' })).json()).token
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          t.client().api('POST', `/api/v1/people/${person.handle}/roles`, { role: 'ambassador' }, token),
        ),
      )
      const statuses = results.map((r) => r.status).sort()
      assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409, 409, 409])
    })

    it('moves a city typed before the pair into the field of its language (migration 0040)', async () => {
      const migration = readFileSync(
        new URL('../../../drizzle/0040_bilingual_person_city.sql', import.meta.url),
        'utf8',
      )
      const update = migration
        .split('--> statement-breakpoint')
        .find((s) => s.includes('UPDATE "people"'))!
        .replace(/^\s*--.*$/gm, '')
        .replaceAll('"people"', 'old_people')
      await t.deps.db.execute(sql.raw('create temp table old_people (city text, city_zh text, city_en text)'))
      await t.deps.db.execute(
        sql.raw(
          "insert into old_people (city) values ('杭州'), ('Hangzhou'), ('深圳 Shenzhen'), ('Zürich'), (null)",
        ),
      )
      await t.deps.db.execute(sql.raw(update))
      const { rows } = (await t.deps.db.execute(
        sql.raw('select city, city_zh, city_en from old_people'),
      )) as unknown as { rows: { city: string | null; city_zh: string | null; city_en: string | null }[] }
      // Sorted here: the databases' collations order Latin and CJK text differently.
      assert.deepEqual(
        rows
          .map((r) => [r.city, r.city_zh, r.city_en])
          .sort((x, y) => ((x[0] ?? '') < (y[0] ?? '') ? -1 : 1)),
        [
          [null, null, null],
          ['Hangzhou', null, 'Hangzhou'],
          ['Zürich', null, 'Zürich'],
          ['杭州', '杭州', null],
          ['深圳 Shenzhen', '深圳 Shenzhen', null],
        ],
      )
      await t.deps.db.execute(sql.raw('drop table old_people'))
    })
  })
}
