import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import sharp from 'sharp'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { grantRole } from '../people/index.ts'

const logo = await sharp({ create: { width: 120, height: 40, channels: 4, background: '#1f6feb' } })
  .png()
  .toBuffer()

for (const backend of await testBackends()) {
  describe(`the community's brand [${backend}]`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hearth-brand-'))
    after(() => rmSync(dataDir, { recursive: true, force: true }))
    const t = await makeTestApp(backend, { DATA_DIR: dataDir, COMMUNITY_NAME: 'Configured Community' })
    const admin = await t.clientAs(t.superuser.id)
    const save = (fields: Record<string, string>) =>
      admin.postForm('/en/console/community', {
        nameZh: '',
        nameEn: '',
        descriptionZh: '',
        descriptionEn: '',
        accent: '',
        accentDark: '',
        links: '',
        ...fields,
      })

    it('names the site after COMMUNITY_NAME until an administrator sets the name, and Hearth only as powered by', async () => {
      const html = await (await t.client().get('/en/people')).text()
      assert.match(html, /<title>[^<]* · Configured Community<\/title>/)
      assert.doesNotMatch(html.replace(/Powered by Hearth/, ''), /Hearth/)
    })

    it('only administrators open the community settings', async () => {
      const member = await makePerson(t.deps, { handle: `member-${backend}` })
      const res = await (await t.clientAs(member.id)).get('/en/console/community')
      assert.equal(res.status, 403)
      const zh = await (await admin.get('/zh/console/community')).text()
      assert.match(zh, /中文名称/)
      assert.match(zh, /浅色页面的主题色/)
    })

    it('shows the saved names, description and links on every page, in the reader’s language', async () => {
      const saved = await save({
        nameZh: '青云社区',
        nameEn: 'Cloud Community',
        descriptionZh: '一个开源社区。',
        links: 'GitHub https://github.com/kubesphere\nBad javascript:alert(1)',
      })
      assert.equal(saved.status, 422, 'only http(s) links are taken')
      const ok = await save({
        nameZh: '青云社区',
        nameEn: 'Cloud Community',
        descriptionZh: '一个开源社区。',
        links: 'GitHub https://github.com/kubesphere',
      })
      assert.equal(ok.status, 303)
      const en = await (await t.client().get('/en/people')).text()
      assert.match(en, /<title>[^<]* · Cloud Community<\/title>/)
      assert.match(en, /<meta property="og:site_name" content="Cloud Community"\/>/)
      assert.match(
        en,
        /<p lang="zh-Hans">一个开源社区。<\/p>/,
        'the description falls back to Chinese, marked',
      )
      assert.match(en, /<a href="https:\/\/github.com\/kubesphere" rel="me noopener">GitHub<\/a>/)
      const zh = await (await t.client().get('/zh/people')).text()
      assert.match(zh, /<title>[^<]* · 青云社区<\/title>/)
    })

    it('refuses an accent that is unreadable on light pages, saying why and what would pass', async () => {
      const res = await save({ nameEn: 'Cloud Community', accent: '#ffcc00' })
      assert.equal(res.status, 422)
      const html = await res.text()
      assert.match(html, /This colour reaches only 1\.\d\d:1 against the light page surfaces/)
      assert.match(html, /The nearest colour of the same hue that passes is #[0-9a-f]{6}/)
      const zh = await save({ nameEn: 'Cloud Community', accent: '#a63f15', accentDark: '#402010' })
      assert.equal(zh.status, 422)
      assert.match(await zh.text(), /against the dark page surfaces/)
    })

    it('serves the accent as a stylesheet with an ETag, linked from every page (no inline style)', async () => {
      assert.equal((await save({ nameEn: 'Cloud Community', accent: '#1f6feb' })).status, 303)
      const html = await (await t.client().get('/en/people')).text()
      const href = /<link rel="stylesheet" href="(\/brand\.css\?v=[\w-]+)"\/>/.exec(html)?.[1]
      assert.ok(href, 'the page links the brand stylesheet')
      const css = await t.client().get(href)
      assert.equal(css.status, 200)
      assert.match(css.headers.get('content-type')!, /text\/css/)
      assert.match(await css.text(), /--accent:#1f6feb/)
      const etag = css.headers.get('etag')!
      assert.equal((await t.client().get(href, { 'if-none-match': etag })).status, 304)
      assert.doesNotMatch(html, /style=|<style/)
    })

    it('takes a PNG logo through the media store and shows it in the header; refuses what is not a picture', async () => {
      const refused = await admin.postMultipart(
        '/en/console/community/logo/upload',
        {},
        {
          field: 'logo',
          filename: 'logo.svg',
          bytes: new TextEncoder().encode('<svg/>'),
          type: 'image/svg+xml',
        },
      )
      assert.equal(refused.status, 422)
      assert.match(await refused.text(), /Upload a picture: JPEG, PNG or WebP/)
      const up = await admin.postMultipart(
        '/en/console/community/logo/upload',
        {},
        { field: 'logo', filename: 'logo.png', bytes: logo, type: 'image/png' },
      )
      assert.equal(up.status, 303)
      const html = await (await t.client().get('/en/people')).text()
      const src =
        /<img class="brand-logo" src="(\/media\/[0-9a-f-]{36}\/logo\.png)" alt="" width="96" height="32"\/>/.exec(
          html,
        )?.[1]
      assert.ok(src, 'the header shows the logo at 32 px high')
      assert.equal((await t.client().get(src)).status, 200)
      assert.match(html, /<meta property="og:image" content="http:\/\/hearth\.test\/media\//)
    })

    it('moves the page cache on: an anonymous reader sees a new name at once', async () => {
      await t.client().get('/en/chapters')
      assert.equal((await save({ nameEn: 'Renamed Community' })).status, 303)
      assert.match(await (await t.client().get('/en/chapters')).text(), /· Renamed Community<\/title>/)
    })

    it('prints the names on certificates and in the sign-in mail', async () => {
      await save({ nameZh: '青云社区', nameEn: 'Cloud Community' })
      const { communityTitle } = await import('./index.ts')
      assert.equal(await communityTitle(t.deps), '青云社区 · Cloud Community')
      await t.client().postForm('/zh/sign-in/email', { email: `brand-${backend}@example.org` })
      const mail = await t.lastMailTo(`brand-${backend}@example.org`)
      assert.equal(mail?.subject, '【青云社区】登录验证码')
      assert.match(mail!.text, /\n\n—— 青云社区\nhttp:\/\/hearth\.test\/zh$/)
    })

    it('signs every mail with the community’s name in its reader’s language, never Hearth', async () => {
      await save({ nameZh: '青云社区', nameEn: 'Cloud Community' })
      const zhReader = await makePerson(t.deps, { email: `zh-${backend}@example.org`, locale: 'zh' })
      const enReader = await makePerson(t.deps, { email: `en-${backend}@example.org`, locale: 'en' })
      const admin = { personId: t.superuser.id, roles: [{ role: 'administrator' as const, sigId: null }] }
      for (const person of [zhReader, enReader])
        await grantRole(t.deps, admin, person.id, { role: 'ambassador', sigId: null, note: null })
      const zh = (await t.lastMailTo(`zh-${backend}@example.org`))!
      assert.match(zh.subject, /^【青云社区】你已成为/)
      assert.match(zh.text, /\n\n—— 青云社区\nhttp:\/\/hearth\.test\/zh$/)
      const en = (await t.lastMailTo(`en-${backend}@example.org`))!
      assert.match(en.subject, /^\[Cloud Community\] You are now/)
      assert.match(en.text, /\n\n— Cloud Community\nhttp:\/\/hearth\.test\/en$/)
      // A community named in one language only is named by that name in both.
      await save({ nameZh: '青云社区', nameEn: '' })
      await t.client().postForm('/en/sign-in/email', { email: `en-${backend}@example.org` })
      const only = (await t.lastMailTo(`en-${backend}@example.org`))!
      assert.equal(only.subject, '[青云社区] Your sign-in code')
      for (const m of [zh, en, only]) assert.doesNotMatch(`${m.subject}\n${m.text}`, /Hearth/)
    })
  })
}
