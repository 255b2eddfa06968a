import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { lockDataDir } from '../../src/platform/db/lock.ts'
import { root, runHearthCli } from '../support/server.ts'

const fixtures = join(root, 'test/fixtures/articles/blog')

describe('hearth articles import (the operator’s command)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-articles-cli-'))
  after(() => rmSync(dataDir, { recursive: true, force: true }))
  const env = {
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    BASE_URL: 'http://127.0.0.1:9',
    TIME_ZONE: 'Asia/Shanghai',
  }

  it('imports a folder, says where each article is and why files were skipped, by file and line', async () => {
    const run = await runHearthCli(['articles', 'import', fixtures], env)
    assert.equal(run.code, 1, `skipped files make the exit status 1\n${run.stderr}`)
    assert.match(
      run.stdout,
      /^imported {3}hugo-zh-library-meetup\.md → \/zh\/articles\/hugo-zh-library-meetup$/m,
    )
    assert.match(
      run.stdout,
      /^imported {3}2025\/translated-sidecars\.md → \/zh\/articles\/translated-sidecars$/m,
    )
    assert.match(
      run.stdout,
      /^SKIPPED {4}unknown-date\.md:3: The date is not in a known form .* \(the Tuesday after the meetup\)$/m,
    )
    assert.match(run.stdout, /^SKIPPED {4}no-title\.md:1: No title/m)
    assert.match(run.stdout, /^SKIPPED {4}broken-front-matter\.md:\d+: The front matter is not valid YAML/m)
    assert.match(run.stdout, /^4 imported, 0 updated, 0 unchanged, 3 skipped$/m)
    assert.match(run.stderr, /7\/7 files/, 'a progress line')
  })

  it('imported again, nothing is duplicated; a file named directly is read by its name', async () => {
    const again = await runHearthCli(['articles', 'import', fixtures], env)
    assert.match(again.stdout, /^0 imported, 0 updated, 4 unchanged, 3 skipped$/m)
    const one = await runHearthCli(['articles', 'import', join(fixtures, 'jekyll-en-tracing-basics.md')], env)
    assert.equal(one.code, 0, one.stderr)
    assert.match(one.stdout, /^0 imported, 0 updated, 1 unchanged, 0 skipped$/m)
  })

  it('with --base-url, a relative cover is read from the old site instead of being left out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-articles-relative-'))
    after(() => rmSync(dir, { recursive: true, force: true }))
    writeFileSync(
      join(dir, 'relative.md'),
      '---\ntitle: Relative\ndate: 2025-03-01\nimg: covers/a.png\n---\nBody\n',
    )
    const without = await runHearthCli(['articles', 'import', dir], env)
    assert.match(without.stdout, /^warning {4}relative\.md:4: The cover is not a web address/m)
    const withBase = await runHearthCli(
      ['articles', 'import', dir, '--base-url', 'https://old.example.org/'],
      env,
    )
    assert.equal(withBase.code, 0, withBase.stderr)
    assert.doesNotMatch(withBase.stdout, /warning/)
    assert.match(withBase.stdout, /^0 imported, 1 updated, 0 unchanged, 0 skipped$/m)
    const bad = await runHearthCli(['articles', 'import', dir, '--base-url', 'ftp://old.example.org/'], env)
    assert.equal(bad.code, 1)
    assert.match(bad.stderr, /--base-url is the http\(s\) address the posts were published at/)
  })

  it('refuses what it cannot read, and a wrong --lang', async () => {
    const missing = await runHearthCli(['articles', 'import', join(dataDir, 'nowhere')], env)
    assert.equal(missing.code, 1)
    assert.match(missing.stderr, /Cannot read .*nowhere/)
    const lang = await runHearthCli(['articles', 'import', fixtures, '--lang', 'fr'], env)
    assert.equal(lang.code, 1)
    assert.match(lang.stderr, /--lang is zh or en, not fr/)
  })

  it('refuses while another process (a running server) holds the data directory, and changes nothing', async () => {
    // This test's process takes the lock a running server would hold.
    const lock = lockDataDir(dataDir)
    try {
      const refused = await runHearthCli(['articles', 'import', fixtures], env)
      assert.equal(refused.code, 3, refused.stderr)
      assert.match(
        refused.stderr,
        new RegExp(`Another Hearth process \\(pid ${process.pid}\\) owns the data directory`),
      )
      assert.doesNotMatch(refused.stderr, /\n\s+at /, 'a clear message, not a stack trace')
      assert.equal(refused.stdout, '')
    } finally {
      lock.release()
    }
  })
})
