import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import sharp from 'sharp'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { mediaFiles } from '../../platform/media/media.schema.ts'
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

    const uploadLogo = (filename: string, bytes: Uint8Array, type: string) =>
      admin.postMultipart('/en/console/community/logo/upload', {}, { field: 'logo', filename, bytes, type })
    /** The header's logo: its <img> attributes and the WebP source's srcset. */
    const headerLogo = async (path = '/en/people') => {
      const html = await (await t.client().get(path)).text()
      const img = /<img class="brand-logo"([^>]*)\/>/.exec(html)?.[1] ?? ''
      const attr = (name: string) => new RegExp(` ${name}="([^"]*)"`).exec(img)?.[1]
      return {
        html,
        src: attr('src'),
        srcset: attr('srcset'),
        width: attr('width'),
        height: attr('height'),
        webp: /<source type="image\/webp" srcset="([^"]*)"/.exec(html)?.[1],
        preview: /<meta property="og:image" content="http:\/\/hearth\.test([^"]*)"/.exec(html)?.[1],
      }
    }
    const pixels = async (path: string) => {
      const res = await t.client().get(path)
      assert.equal(res.status, 200, path)
      const bytes = Buffer.from(await res.arrayBuffer())
      return { bytes, type: res.headers.get('content-type'), meta: await sharp(bytes).metadata() }
    }

    it('takes a PNG logo through the media store and shows it in the header; refuses what is not a picture', async () => {
      const refused = await uploadLogo('logo.svg', new TextEncoder().encode('<svg/>'), 'image/svg+xml')
      assert.equal(refused.status, 422)
      assert.match(await refused.text(), /Upload a logo: SVG, PNG, WebP or JPEG/)
      assert.equal((await uploadLogo('logo.png', logo, 'image/png')).status, 303)
      const shown = await headerLogo()
      assert.equal(shown.width, '96')
      assert.equal(shown.height, '32', 'the header shows the logo at 32 px high')
      assert.match(shown.src ?? '', /^\/media\/[0-9a-f-]{36}\/logo-h32\.png$/)
      assert.deepEqual((await pixels(shown.src!)).meta.width, 96)
      assert.match(shown.preview ?? '', /^\/media\//)
    })

    it('serves a huge logo in the header at the size it is shown, with larger ones for sharper screens', async () => {
      const huge = await sharp({ create: { width: 4000, height: 1000, channels: 4, background: '#1f6feb' } })
        .png()
        .toBuffer()
      assert.equal((await uploadLogo('huge.png', huge, 'image/png')).status, 303)
      const shown = await headerLogo()
      assert.deepEqual([shown.width, shown.height], ['128', '32'])
      const src = await pixels(shown.src!)
      assert.deepEqual([src.meta.width, src.meta.height, src.type], [128, 32, 'image/png'])
      assert.ok(src.bytes.length < huge.length / 10, `the header's file is small (${src.bytes.length} bytes)`)
      const widths = (srcset: string | undefined) =>
        (srcset ?? '').split(', ').map((candidate) => candidate.split(' ')[1])
      assert.deepEqual(widths(shown.srcset), ['128w', '256w', '384w'])
      assert.deepEqual(widths(shown.webp), ['128w', '256w', '384w'])
      const largest = (shown.webp ?? '').split(', ').at(-1)!.split(' ')[0]!
      assert.deepEqual((await pixels(largest)).meta.format, 'webp')
      // Link previews take it inside 1200×630, as a PNG, and say its size.
      const preview = await pixels(shown.preview!)
      assert.deepEqual([preview.meta.width, preview.meta.height, preview.type], [1200, 300, 'image/png'])
      assert.match(shown.html, /<meta property="og:image:width" content="1200"\/>/)
      assert.match(shown.html, /<meta property="og:image:height" content="300"\/>/)
    })

    it('draws an SVG logo into a picture: its script, handlers and references never reach a reader', async () => {
      const svg = new TextEncoder().encode(
        `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="90" height="30" viewBox="0 0 90 30" onload="alert(document.cookie)">
          <script>alert('logo')</script>
          <rect width="90" height="30" fill="#c00000" onclick="alert(1)"/>
          <image href="file:///etc/hostname" width="10" height="10"/>
          <image xlink:href="https://tracker.example/pixel.png" x="20" width="10" height="10"/>
        </svg>`,
      )
      assert.equal((await uploadLogo('mark.svg', svg, 'image/svg+xml')).status, 303)
      const shown = await headerLogo()
      assert.deepEqual([shown.width, shown.height], ['96', '32'])
      for (const path of [
        shown.src!,
        shown.preview!,
        ...(shown.webp ?? '').split(', ').map((c) => c.split(' ')[0]!),
      ]) {
        const file = await pixels(path)
        assert.notEqual(file.meta.format, 'svg', path)
        assert.doesNotMatch(file.bytes.toString('latin1'), /<script|onload|alert|tracker\.example/, path)
      }
      // Drawn, not just dropped: the header's size is the SVG's red, right to its edges.
      const { data, info } = await sharp((await pixels(shown.src!)).bytes)
        .raw()
        .toBuffer({ resolveWithObject: true })
      const at = (x: number, y: number) => [
        ...data.subarray((y * info.width + x) * info.channels).slice(0, 3),
      ]
      assert.deepEqual(
        [at(48, 16), at(2, 2), at(93, 29)],
        [
          [192, 0, 0],
          [192, 0, 0],
          [192, 0, 0],
        ],
      )
      const stored = await t.deps.db
        .select()
        .from(mediaFiles)
        .where(eq(mediaFiles.contentType, 'image/svg+xml'))
      assert.equal(stored.length, 0, 'no SVG is kept')
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
