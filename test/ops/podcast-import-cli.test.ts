import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { feedXml, oldHost } from '../support/podcast-feed.ts'
import { root, runHearthCli } from '../support/server.ts'

describe('hearth podcast import (the operator’s command)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-import-cli-'))
  after(() => rmSync(dataDir, { recursive: true, force: true }))
  // The old host is on loopback: allowed as an intranet deployment would allow its own network.
  const env = {
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    BASE_URL: 'http://127.0.0.1:9',
    OUTGOING_ALLOW_NETWORKS: '127.0.0.1/32',
  }

  it('imports a show from a feed URL with a progress line, then only what is new', async () => {
    const host = await oldHost()
    after(() => host.close())
    const mp3 = readFileSync(join(root, 'test/fixtures/audio/episode.mp3'))
    host.routes.set('/e1.mp3', { type: 'audio/mpeg', body: mp3 })
    const items = [
      { guid: 'cli-1', title: 'First', date: 'Mon, 06 Jan 2025 08:00:00 GMT', audio: '/e1.mp3' },
      { guid: 'cli-2', title: 'Second', date: 'Mon, 03 Feb 2025 08:00:00 GMT', audio: '/missing.mp3' },
    ]
    host.routes.set('/feed.xml', { type: 'application/rss+xml', body: feedXml(host.base, items) })
    const first = await runHearthCli(
      ['podcast', 'import', `${host.base}/feed.xml`, '--slug', 'cli-show'],
      env,
    )
    assert.equal(first.code, 0, first.stderr)
    assert.match(first.stdout, /Read 2 of 2 new episodes: 1 imported, 1 left out/)
    assert.match(first.stdout, /Second: downloadFailed/)
    assert.match(first.stderr, /\d\/2 episodes/, 'a progress line')

    host.routes.set('/missing.mp3', { type: 'audio/mpeg', body: mp3 })
    const again = await runHearthCli(['podcast', 'import', `${host.base}/feed.xml`], env)
    assert.equal(again.code, 0, again.stderr)
    assert.match(
      again.stdout,
      /Read 1 of 1 new episodes: 1 imported, 0 left out/,
      'only the one left out before',
    )
  })

  it('refuses a file that is not a feed, and a missing one, saying why', async () => {
    const bad = join(dataDir, 'not-a-feed.xml')
    writeFileSync(bad, '<html>hello</html>')
    const refused = await runHearthCli(['podcast', 'import', bad], env)
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /feedXml: feedInvalid/)
    const missing = await runHearthCli(['podcast', 'import', join(dataDir, 'nowhere.xml')], env)
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /Cannot read/)
  })
})
