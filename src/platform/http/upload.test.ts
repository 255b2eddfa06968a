import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { BASE_URL, makeTestApp, type TestClient } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { createEvent } from '../../../test/support/events.ts'
import { articleImports } from '../../features/articles/articles.import.schema.ts'
import { eventSponsors, events } from '../../features/events/events.schema.ts'
import { episodes, podcastImports, shows } from '../../features/podcast/podcast.schema.ts'
import { mediaFiles } from '../media/media.schema.ts'

const mp3 = readFileSync(join(import.meta.dirname, '../../../test/fixtures/audio/episode.mp3'))

type Part = { name: string; value: string } | { name: string; file: Uint8Array; filename: string }

/** A multipart post whose parts come in exactly the given order (a browser puts `_csrf` first). */
function postParts(client: TestClient, path: string, parts: Part[]) {
  const body = new FormData()
  for (const part of parts)
    if ('file' in part)
      body.append(part.name, new Blob([part.file as Uint8Array<ArrayBuffer>]), part.filename)
    else body.append(part.name, part.value)
  return client.request(path, { method: 'POST', body, headers: { origin: BASE_URL } })
}

/** A route path with its parameters filled in; a parameter this test does not know fails it. */
function fill(path: string, values: Record<string, string>) {
  let out = ''
  for (let i = 0; i < path.length; ) {
    if (path[i] !== ':') {
      out += path[i++]
      continue
    }
    const name = /^:(\w+)/.exec(path.slice(i))![1]!
    i += name.length + 1
    // Skip the parameter's pattern, which may hold braces of its own ({[0-9a-f-]{36}}).
    if (path[i] === '{')
      for (let depth = 0; i < path.length; i++) {
        if (path[i] === '{') depth++
        if (path[i] === '}' && --depth === 0) {
          i++
          break
        }
      }
    const value = values[name]
    assert.ok(value, `no value for :${name} in ${path}: teach this test the parameter`)
    out += value
  }
  return out
}

for (const backend of await testBackends()) {
  describe(`upload routes check the form's token whatever the parts [${backend}]`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hearth-upload-csrf-'))
    after(() => rmSync(dataDir, { recursive: true, force: true }))
    const t = await makeTestApp(backend, { DATA_DIR: dataDir })
    const admin = await t.clientAs(t.superuser.id)
    const created = await admin.postForm('/en/console/podcast', {
      titleEn: 'Upload show',
      slug: 'upload-show',
      descriptionEn: 'Uploads are refused without the token.',
      language: 'en',
      categories: 'Technology',
      hosts: t.superuser.handle,
      ownerName: 'Hearth',
      ownerEmail: 'podcast@example.org',
    })
    assert.equal(created.status, 303)
    const episode = await admin.postForm('/en/console/podcast/upload-show/episodes', {
      titleEn: 'One',
      slug: 'one',
    })
    assert.equal(episode.status, 303)
    const [row] = await t.deps.db.select().from(episodes)
    const event = await createEvent(t.deps, { organisers: [t.superuser.id] })
    const [sponsor] = await t.deps.db
      .insert(eventSponsors)
      .values({ eventId: event.id, nameEn: 'Upload sponsor' })
      .returning()
    const params: Record<string, string> = {
      lang: 'en',
      show: 'upload-show',
      episode: row!.id,
      slug: 'nowhere',
      id: event.id,
      sponsor: sponsor!.id,
    }
    const uploads = t.app.routes
      .filter((r) => r.method === 'POST' && r.path.endsWith('/upload'))
      .map((r) => fill(r.path, params))

    const state = async () =>
      JSON.stringify([
        await t.deps.db.select().from(mediaFiles),
        await t.deps.db.select().from(podcastImports),
        await t.deps.db.select().from(shows),
        await t.deps.db.select().from(episodes),
        await t.deps.db.select().from(events),
        await t.deps.db.select().from(eventSponsors),
        await t.deps.db.select().from(articleImports),
      ])
    const fields: Part[] = [
      { name: 'sourceUrl', value: 'https://example.org/feed.xml' },
      { name: 'slug', value: 'imported' },
      { name: 'hosts', value: t.superuser.handle },
    ]
    const file = (name: string): Part => ({ name, file: mp3, filename: 'episode.mp3' })
    // Every file field name the upload forms use, so whichever one a route reads is there.
    const files = ['feedFile', 'cover', 'art', 'audio', 'transcript', 'logo', 'files'].map(file)

    it('finds every upload route', () => {
      assert.deepEqual(
        uploads.sort(),
        [
          '/en/console/articles/import/upload',
          '/en/console/podcast/imports/upload',
          '/en/console/podcast/upload-show/cover/upload',
          `/en/console/podcast/upload-show/${row!.id}/art/upload`,
          `/en/console/podcast/upload-show/${row!.id}/transcript/upload`,
          `/en/console/podcast/upload-show/${row!.id}/upload`,
          '/en/console/chapters/nowhere/cover/upload',
          '/en/console/community/logo/upload',
          '/en/me/picture/upload',
          `/en/console/events/${event.id}/cover/upload`,
          `/en/console/events/${event.id}/sponsors/${sponsor!.id}/logo/upload`,
        ].sort(),
      )
    })

    const variants: [string, () => Part[]][] = [
      ['without _csrf', () => [...fields, ...files]],
      ['with a wrong _csrf', () => [{ name: '_csrf', value: 'forged' }, ...fields, ...files]],
      ['without _csrf and without a file part', () => fields],
      ['with a wrong _csrf and without a file part', () => [{ name: '_csrf', value: 'forged' }, ...fields]],
      [
        'with the file part before the right _csrf',
        () => [...fields, ...files, { name: '_csrf', value: admin.cookies.get('__Host-hearth_csrf')! }],
      ],
    ]
    for (const [name, parts] of variants)
      it(`refuses a multipart post ${name} with 403, and nothing is created`, async () => {
        const before = await state()
        for (const path of uploads) {
          const res = await postParts(admin, path, parts())
          assert.equal(res.status, 403, `${path} ${name}`)
        }
        assert.equal(await state(), before)
      })

    it('still takes a form with the right _csrf first and no file part as the form it is', async () => {
      const res = await postParts(admin, '/en/console/podcast/imports/upload', [
        { name: '_csrf', value: admin.cookies.get('__Host-hearth_csrf')! },
        { name: 'sourceUrl', value: '' },
        { name: 'slug', value: '' },
        { name: 'hosts', value: '' },
      ])
      assert.equal(res.status, 422)
      assert.match(await res.text(), /Give the feed’s URL or its file/)
    })
  })
}
