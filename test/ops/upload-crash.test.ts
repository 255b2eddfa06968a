import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { openDatabase } from '../../src/platform/db/client.ts'
import { episodes, mediaFiles, showFeeds } from '../../src/platform/db/schema.ts'
import { type HearthProcess, runHearthCli, startHearthProcess } from '../support/server.ts'

const mp3 = readFileSync(join(import.meta.dirname, '../fixtures/audio/episode.mp3'))

describe('an audio upload cut off by SIGKILL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-upload-crash-'))
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn' }
  const servers: HearthProcess[] = []
  after(async () => {
    for (const s of servers) await s.stop('SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
  })
  let token = ''
  let episodeId = ''

  const api = async (server: HearthProcess, method: string, path: string, body?: unknown) =>
    fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })

  it('leaves no half episode and nothing the feed refers to, and takes the upload again after a restart', async () => {
    assert.equal((await runHearthCli(['admin', 'create', '--email', 'ops@hearth.test'], env)).code, 0)
    token = (await runHearthCli(['token', 'create', '--email', 'ops@hearth.test'], env)).stdout.trim()
    const server = await startHearthProcess(env)
    servers.push(server)
    const show = {
      slug: 'crash-show',
      titleEn: 'Crash',
      descriptionEn: 'x',
      language: 'en',
      ownerName: 'Ops',
      ownerEmail: 'ops@hearth.test',
    }
    assert.equal((await api(server, 'POST', '/shows', show)).status, 201)
    const created = await api(server, 'POST', '/shows/crash-show/episodes', { titleEn: 'One', slug: 'one' })
    episodeId = ((await created.json()) as { id: string }).id

    // Half the file goes out, then the server is killed while it waits for the rest.
    const { port } = new URL(server.url)
    const cut = new Promise<void>((resolve) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path: `/api/v1/episodes/${episodeId}/audio?filename=one.mp3`,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'audio/mpeg',
          'content-length': String(mp3.length),
        },
      })
      req.on('error', () => resolve())
      req.on('response', () => resolve())
      req.write(mp3.subarray(0, mp3.length / 2))
    })
    await new Promise((r) => setTimeout(r, 500))
    const partial = join(dataDir, 'media', 'tmp')
    assert.ok(existsSync(partial) && readdirSync(partial).length === 1, 'the upload was being written')
    await server.stop('SIGKILL')
    await cut

    const database = await openDatabase({ kind: 'pglite', dataDir })
    try {
      assert.equal((await database.db.select().from(mediaFiles)).length, 0, 'no file recorded')
      const [episode] = await database.db.select().from(episodes).where(eq(episodes.id, episodeId))
      assert.equal(episode?.audioId, null, 'no half episode')
      const [feed] = await database.db.select().from(showFeeds)
      assert.doesNotMatch(feed!.xml, /<enclosure/)
    } finally {
      await database.close()
    }

    const again = await startHearthProcess(env)
    servers.push(again)
    const put = await fetch(`${again.url}/api/v1/episodes/${episodeId}/audio?filename=one.mp3`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'audio/mpeg' },
      body: mp3,
    })
    assert.equal(put.status, 201)
    assert.equal((await api(again, 'POST', `/episodes/${episodeId}/publish`, {})).status, 204)
    const feed = await (await fetch(`${again.url}/podcast/crash-show/feed.xml`)).text()
    assert.match(feed, new RegExp(`<enclosure url="[^"]+" length="${mp3.length}" type="audio/mpeg"`))
    // The cut-off bytes stay in media/tmp, referenced by nothing, until they are a day old.
    assert.equal(readdirSync(partial).length, 1)
  })
})
