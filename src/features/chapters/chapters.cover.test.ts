import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import sharp from 'sharp'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { mediaFiles } from '../../platform/db/schema.ts'
import { ensureFoundingSig } from '../people/people.demo.ts'
import { foundChapter, getChapter } from './chapters.service.ts'

const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#2060a0' } })
  .jpeg()
  .toBuffer()

for (const backend of await testBackends()) {
  describe(`chapter cover and team faces [${backend}]`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hearth-cover-'))
    after(() => rmSync(dataDir, { recursive: true, force: true }))
    const t = await makeTestApp(backend, { DATA_DIR: dataDir })
    const sig = await ensureFoundingSig({ db: t.deps.db })
    const leader = await makePerson(t.deps, { handle: 'cover-lead', nameEn: 'Chen Lead', nameZh: '陈站长' })
    const member = await makePerson(t.deps, { nameEn: 'Mo Member' })
    const sigLead = await makePerson(t.deps)
    await t.grant(sigLead.id, 'sig_lead', sig.id)
    await foundChapter(
      t.deps.db,
      {
        slug: 'suzhou',
        cityZh: '苏州',
        cityEn: 'Suzhou',
        country: 'CN',
        sigId: sig.id,
        foundedOn: '2024-03-02',
      },
      [
        { personId: leader.id, role: 'leader' },
        { personId: member.id, role: 'member' },
      ],
      new Date('2024-03-02T00:00:00Z'),
    )
    const upload = async (personId: string, bytes: Uint8Array, lang = 'en') =>
      (await t.clientAs(personId)).postMultipart(
        `/${lang}/console/chapters/suzhou/cover/upload`,
        {},
        { field: 'cover', filename: 'meetup.jpg', bytes, type: 'image/jpeg' },
      )
    const cover = async () => (await getChapter(t.deps, 'suzhou')).chapter.cover

    it('shows the city’s name in place of a cover until one is uploaded', async () => {
      const html = await (await t.client().get('/en/chapters')).text()
      assert.match(html, /<div class="card-placeholder" aria-hidden="true"><span>Suzhou<\/span><\/div>/)
      assert.doesNotMatch(await (await t.client().get('/en/chapters/suzhou')).text(), /chapter-cover/)
    })

    it('offers the team a cover upload with a drop zone on the console page', async () => {
      const html = await (await (await t.clientAs(leader.id)).get('/zh/console/chapters/suzhou')).text()
      assert.match(
        html,
        /<form method="post" action="\/zh\/console\/chapters\/suzhou\/cover\/upload" enctype="multipart\/form-data">/,
      )
      assert.match(html, /<label for="field-cover">封面图片<\/label>/)
      assert.match(html, /data-drop-zone="image"/)
    })

    it('refuses a member of the team and people outside it, keeping nothing', async () => {
      assert.equal((await upload(member.id, photo)).status, 403)
      assert.equal((await upload((await makePerson(t.deps)).id, photo)).status, 403)
      assert.equal(await cover(), null)
      assert.equal((await t.deps.db.select().from(mediaFiles)).length, 0)
    })

    it('refuses a file that is not a picture, saying so in the reader’s language', async () => {
      const res = await upload(leader.id, new TextEncoder().encode('no picture here'), 'zh')
      assert.equal(res.status, 422)
      assert.match(await res.text(), /请上传图片：JPEG、PNG 或 WebP。/)
      assert.equal(await cover(), null)
    })

    it('lets the leader upload a cover, made into 16:9 WebP and JPEG sizes', async () => {
      const res = await upload(leader.id, photo)
      assert.equal(res.status, 303)
      assert.equal(res.headers.get('location'), '/en/console/chapters/suzhou?notice=cover')
      const stored = await cover()
      assert.ok(stored)
      assert.deepEqual(
        stored.webp.map((f) => f.width),
        [400, 800, 1600],
      )
      assert.deepEqual(
        stored.jpeg.map((f) => f.width),
        [400, 800, 1600],
      )
      const served = await t.client().get(`/media/${stored.jpeg[0]!.id}/${stored.jpeg[0]!.filename}`)
      const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata()
      assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 400, 225])
    })

    it('lets a lead of the SIG replace it', async () => {
      const before = (await cover())!.original
      assert.equal((await upload(sigLead.id, photo)).status, 303)
      assert.notEqual((await cover())!.original, before)
    })

    it('shows the cover on the chapter’s card and page with srcset, a size and alt text', async () => {
      const index = await (await t.client().get('/en/chapters')).text()
      assert.match(
        index,
        /<div class="card-media ratio-16-9"><picture><source type="image\/webp" srcset="\/media\/[^"]+-400\.webp 400w, [^"]+-800\.webp 800w, [^"]+-1600\.webp 1600w"/,
      )
      assert.match(
        index,
        /<img src="\/media\/[^"]+-400\.jpg" srcset="[^"]+ 400w, [^"]+ 800w, [^"]+ 1600w"[^>]*width="400" height="225" alt=""/,
      )
      const page = await (await t.client().get('/zh/chapters/suzhou')).text()
      assert.match(
        page,
        /<div class="chapter-cover"><picture><source type="image\/webp" srcset="[^"]+-400\.webp 400w, [^"]+-800\.webp 800w, [^"]+-1600\.webp 1600w"/,
      )
      assert.match(page, /<img src="\/media\/[^"]+-800\.jpg"[^>]*width="800" height="450" alt="苏州站的图片"/)
    })

    it('shows the team’s uploaded avatars on the chapter page and the leaders’ faces on its card', async () => {
      const me = await t.clientAs(leader.id)
      const sent = await me.postMultipart(
        '/en/me/picture/upload',
        {},
        { field: 'picture', filename: 'me.jpg', bytes: photo, type: 'image/jpeg' },
      )
      assert.equal(sent.status, 303)
      const page = await (await t.client().get('/en/chapters/suzhou')).text()
      assert.match(
        page,
        /<img class="avatar avatar-medium" src="\/media\/[^"]+-64\.jpg"[^>]*width="48" height="48" alt="Avatar of Chen Lead"/,
      )
      const index = await (await t.client().get('/en/chapters')).text()
      assert.match(
        index,
        /<img class="avatar avatar-small" src="\/media\/[^"]+-64\.jpg"[^>]*width="32" height="32" alt=""[^>]*><\/picture> Leader: <a href="\/en\/people\/cover-lead">Chen Lead<\/a>/,
      )
    })
  })
}
