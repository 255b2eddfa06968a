import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import sharp from 'sharp'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { mediaFiles } from '../../platform/db/schema.ts'
import { getPerson } from '../people/index.ts'

const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#c05020' } })
  .jpeg()
  .toBuffer()

for (const backend of await testBackends()) {
  describe(`account picture upload [${backend}]`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hearth-picture-'))
    after(() => rmSync(dataDir, { recursive: true, force: true }))
    const t = await makeTestApp(backend, { DATA_DIR: dataDir })
    const person = await makePerson(t.deps, { nameEn: 'Ada Lovelace', nameZh: '艾达', profilePublic: true })
    const me = await t.clientAs(person.id)
    const upload = (bytes: Uint8Array, options: { csrf?: string | null; lang?: string } = {}) =>
      me.postMultipart(
        `/${options.lang ?? 'en'}/me/picture/upload`,
        {},
        { field: 'picture', filename: 'me.jpg', bytes, type: 'image/jpeg' },
        options,
      )

    it('offers a picture upload with a drop zone on the account page', async () => {
      const html = await (await me.get('/zh/me')).text()
      assert.match(
        html,
        /<form method="post" action="\/zh\/me\/picture\/upload" enctype="multipart\/form-data">/,
      )
      assert.match(html, /<label for="field-picture">头像图片<\/label>/)
      assert.match(html, /data-drop-zone="image"/)
    })

    it('refuses a forged form without keeping anything', async () => {
      const res = await upload(photo, { csrf: 'forged' })
      assert.equal(res.status, 403)
      assert.equal((await t.deps.db.select().from(mediaFiles)).length, 0)
    })

    it('refuses a file that is not a picture, saying so in the reader’s language', async () => {
      const res = await upload(new TextEncoder().encode('not a picture at all'), { lang: 'zh' })
      assert.equal(res.status, 422)
      assert.match(await res.text(), /请上传图片：JPEG、PNG 或 WebP。/)
      assert.equal((await getPerson(t.deps, person.id)).avatar, null)
    })

    it('refuses a file over 10 MB', async () => {
      const big = new Uint8Array(10 * 1024 * 1024 + 1024)
      big.set(photo.subarray(0, 64))
      const res = await upload(big)
      assert.equal(res.status, 422)
      assert.match(await res.text(), /The file is too large\./)
    })

    it('stores the picture as square WebP and JPEG sizes and shows it on the profile with srcset', async () => {
      const res = await upload(photo)
      assert.equal(res.status, 303)
      assert.equal(res.headers.get('location'), '/en/me?notice=picture')
      const { avatar } = await getPerson(t.deps, person.id)
      assert.ok(avatar)
      assert.deepEqual(
        avatar.webp.map((f) => f.width),
        [64, 96, 192],
      )
      assert.deepEqual(
        avatar.jpeg.map((f) => f.width),
        [64, 96, 192],
      )
      const served = await me.get(`/media/${avatar.webp[2]!.id}/${avatar.webp[2]!.filename}`)
      assert.equal(served.headers.get('content-type'), 'image/webp')
      const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata()
      assert.deepEqual([meta.format, meta.width, meta.height], ['webp', 192, 192])
      const profile = await (await t.client().get(`/en/people/${person.handle}`)).text()
      assert.match(
        profile,
        /<source type="image\/webp" srcset="\/media\/[^"]+-64\.webp 64w, [^"]+-96\.webp 96w, [^"]+-192\.webp 192w"/,
      )
      assert.match(
        profile,
        /<img class="avatar avatar-large" src="\/media\/[^"]+-96\.jpg"[^>]*width="96" height="96" alt="Avatar of Ada Lovelace"/,
      )
    })
  })
}
