import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'
import { eq } from 'drizzle-orm'
import { freshDatabase, type TestDatabase, testBackends } from '../../../test/support/db.ts'
import { runHearthCli } from '../../../test/support/server.ts'
import { loadConfig } from '../../platform/config.ts'
import { importArchive, scopePrefilter } from './activity.archive.ts'
import { contributionFromArchiveEvent, inScope, isBot, type ScopeEntry } from './activity.rules.ts'
import { archiveImports, contributions } from './activity.schema.ts'

const sample = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../test/fixtures/gharchive/sample-events.json'), 'utf8'),
) as Record<string, unknown>[]
// GH Archive lines are compact JSON, one event per line.
const lines = sample.map((e) => JSON.stringify(e))

const julia: ScopeEntry[] = [{ kind: 'org', name: 'JuliaLang' }]
const expected = new Set(
  sample
    .map(contributionFromArchiveEvent)
    .filter((c) => c !== null)
    .filter((c) => inScope(julia, c.repoName))
    .filter((c) => !isBot({ login: c.login, botOverride: null, botAccount: c.botAccount }))
    .map((c) => c.key),
).size

const dir = mkdtempSync(join(tmpdir(), 'hearth-archive-'))
// Not a root after(): it would run before the suites below (they start after testBackends()).
process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
const fixture = (name: string, body: string[]) => {
  const file = join(dir, name)
  writeFileSync(file, gzipSync(`${body.join('\n')}\n`))
  return file
}
const complete = fixture('2025-03-20-21.json.gz', lines)

const now = () => new Date('2025-03-21T00:00:00Z')

describe('GH Archive scope pre-filter', () => {
  it('matches a tracked organisation or repository case-insensitively, and nothing that merely starts alike', () => {
    const line = lines[0]!
    assert.ok(scopePrefilter([{ kind: 'org', name: 'julialang' }])!.test(line))
    assert.ok(scopePrefilter([{ kind: 'repo', name: 'JULIALANG/Julia' }])!.test(line))
    assert.equal(scopePrefilter([{ kind: 'org', name: 'Julia' }])!.test(line), false)
    assert.equal(scopePrefilter([{ kind: 'repo', name: 'JuliaLang/jul' }])!.test(line), false)
    assert.equal(scopePrefilter([]), null)
  })
})

for (const backend of await testBackends()) {
  describe(`GH Archive import [${backend}]`, () => {
    let database: TestDatabase
    // The URL test's server is on loopback, which only an allowed network lets the import reach.
    const config = loadConfig({ OUTGOING_ALLOW_NETWORKS: '127.0.0.1/32' }, '')
    const deps = () => ({ db: database.db, now, config })
    const stored = async () =>
      (await database.db.select({ key: contributions.key }).from(contributions)).length
    const row = async (file: string) =>
      (await database.db.select().from(archiveImports).where(eq(archiveImports.file, file)))[0]

    before(async () => {
      database = await freshDatabase(backend)
    })
    after(() => database.dispose())

    it('imports the sample hour: every contribution of the tracked org, bots left out; a second import changes nothing', async () => {
      assert.ok(expected > 10, `the sample should yield contributions, got ${expected}`)
      const seen: number[] = []
      const first = await importArchive(deps(), complete, {
        scope: julia,
        batchSize: 7,
        onProgress: (p) => seen.push(p.stored),
      })
      assert.equal(first.status, 'finished')
      assert.equal(first.file, '2025-03-20-21.json.gz')
      assert.equal(first.events, sample.length)
      assert.equal(first.matched, sample.length)
      assert.equal(first.malformed, 0)
      assert.equal(first.stored, expected)
      assert.equal(await stored(), expected)
      assert.ok(seen.length > 2, 'progress is reported while importing')
      const recorded = await row('2025-03-20-21.json.gz')
      assert.ok(recorded?.finishedAt)
      assert.equal(recorded.events, sample.length)
      assert.equal(recorded.error, null)

      const second = await importArchive(deps(), complete, { scope: julia })
      assert.equal(second.status, 'already-imported')
      assert.equal(second.stored, 0)
      assert.equal(second.lines, 0, 'a finished file is not read again')

      const again = await importArchive(deps(), complete, { scope: julia, again: true })
      assert.equal(again.status, 'finished')
      assert.equal(again.matched, sample.length)
      assert.equal(again.stored, 0)
      assert.equal(await stored(), expected)
    })

    it('reads a finished hour again when the scope has grown since, and only then', async () => {
      // Half of the sample moved to another organisation.
      const twoOrgs = lines.map((l, i) => (i % 2 ? l.replaceAll('JuliaLang/', 'OtherOrg/') : l))
      const file = fixture('2025-03-20-23.json.gz', twoOrgs)
      const other: ScopeEntry[] = [{ kind: 'org', name: 'otherorg' }]
      const first = await importArchive(deps(), file, { scope: julia })
      assert.deepEqual([first.status, first.matched], ['finished', sample.length / 2])
      const grown = await importArchive(deps(), file, { scope: [...julia, ...other] })
      assert.deepEqual([grown.status, grown.matched], ['finished', sample.length])
      for (const scope of [other, julia, [...other, ...julia]]) {
        const again = await importArchive(deps(), file, { scope })
        assert.equal(again.status, 'already-imported', JSON.stringify(scope))
      }
    })

    it('counts malformed lines and imports the rest', async () => {
      const before = await stored()
      // The same events under another hour: all already stored, so only the counting differs.
      const messy = [...lines]
      messy.splice(10, 0, 'this is not an event')
      messy.splice(40, 0, lines[5]!.slice(0, 200))
      messy.splice(70, 0, `{"repo":{"id":1,"name":"JuliaLang/julia"},"oops"}`)
      const result = await importArchive(deps(), fixture('2025-03-20-22.json.gz', messy), { scope: julia })
      assert.equal(result.status, 'finished')
      assert.equal(result.malformed, 3)
      assert.equal(result.events, sample.length)
      assert.equal(result.matched, sample.length)
      assert.equal(result.stored, 0)
      assert.equal(await stored(), before)
      assert.equal((await row('2025-03-20-22.json.gz'))?.malformed, 3)
    })

    it('keeps what a truncated file held, says where it stopped, and finishes when the whole file comes', async () => {
      const fresh = await freshDatabase(backend)
      try {
        const d = { db: fresh.db, now, config }
        const whole = readFileSync(complete)
        // The same hour's name in another directory: the complete file will finish this import.
        const cutDir = mkdtempSync(join(dir, 'cut-'))
        writeFileSync(
          join(cutDir, '2025-03-20-21.json.gz'),
          whole.subarray(0, Math.floor(whole.length * 0.6)),
        )

        const partial = await importArchive(d, join(cutDir, '2025-03-20-21.json.gz'), {
          scope: julia,
          batchSize: 5,
        })
        assert.equal(partial.status, 'failed')
        assert.ok(partial.status === 'failed' && /stopped after line \d+/.test(partial.error), partial.status)
        assert.ok(partial.lines > 0 && partial.lines < sample.length, `stopped at line ${partial.lines}`)
        assert.ok(partial.stored > 0 && partial.stored < expected, `kept ${partial.stored}`)
        const count = async () =>
          (await fresh.db.select({ key: contributions.key }).from(contributions)).length
        assert.equal(await count(), partial.stored)
        const [failed] = await fresh.db
          .select()
          .from(archiveImports)
          .where(eq(archiveImports.file, '2025-03-20-21.json.gz'))
        assert.equal(failed?.finishedAt, null)
        assert.match(failed?.error ?? '', /stopped after line \d+/)

        const rest = await importArchive(d, complete, { scope: julia })
        assert.equal(rest.status, 'finished')
        assert.equal(rest.stored, expected - partial.stored)
        assert.equal(await count(), expected)
        const [done] = await fresh.db
          .select()
          .from(archiveImports)
          .where(eq(archiveImports.file, '2025-03-20-21.json.gz'))
        assert.ok(done?.finishedAt)
        assert.equal(done.error, null)
      } finally {
        await fresh.dispose()
      }
    })

    it('skips lines outside the scope without parsing them', async () => {
      const before = await stored()
      const file = fixture('2025-03-20-23.json.gz', lines)
      const result = await importArchive(deps(), file, { scope: [{ kind: 'org', name: 'kubesphere' }] })
      assert.equal(result.status, 'finished')
      assert.equal(result.events, sample.length)
      assert.equal(result.parsed, 0)
      assert.equal(result.matched, 0)
      assert.equal(result.stored, 0)
      assert.equal(await stored(), before)
    })

    it('reads an hour from an http URL', async () => {
      const body = gzipSync(`${lines.join('\n')}\n`)
      const server = createServer((req, res) => {
        if (req.url !== '/2025-03-21-00.json.gz') return res.writeHead(404).end()
        res.writeHead(200, { 'content-type': 'application/gzip' }).end(body)
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      try {
        const { port } = server.address() as { port: number }
        const result = await importArchive(deps(), `http://127.0.0.1:${port}/2025-03-21-00.json.gz`, {
          scope: julia,
        })
        assert.equal(result.status, 'finished')
        assert.equal(result.file, '2025-03-21-00.json.gz')
        assert.equal(result.matched, sample.length)
        const missing = await importArchive(deps(), `http://127.0.0.1:${port}/2025-03-21-01.json.gz`, {
          scope: julia,
        })
        assert.equal(missing.status, 'failed')
        assert.ok(missing.status === 'failed' && /HTTP 404/.test(missing.error))
        const unallowed = await importArchive(
          { ...deps(), config: loadConfig({}, '') },
          `http://2130706433:${port}/2025-03-21-00.json.gz`,
          { scope: julia, again: true },
        )
        assert.ok(
          unallowed.status === 'failed' && /could not be fetched \(refused/.test(unallowed.error),
          'loopback (written as a number) is refused without the operator’s allowance',
        )
        const mistyped = await importArchive(deps(), join(dir, 'nowhere', '2025-03-21-02.json.gz'), {
          scope: julia,
        })
        assert.ok(mistyped.status === 'failed' && /cannot read/.test(mistyped.error))
        assert.equal(await row('2025-03-21-02.json.gz'), undefined, 'a missing local file is not recorded')
      } finally {
        server.close()
      }
    })
  })
}

describe('hearth activity import', () => {
  it('tracks an organisation, imports an hour, prints a summary, and skips the hour the second time', async () => {
    const env = { DATA_DIR: mkdtempSync(join(dir, 'data-')), DATABASE_URL: '' }
    const empty = await runHearthCli(['activity', 'import', complete], env)
    assert.equal(empty.code, 1, empty.stderr)
    assert.match(empty.stderr, /Nothing is tracked yet/)

    const add = await runHearthCli(['activity', 'scope', 'add', 'org', 'JuliaLang'], env)
    assert.equal(add.code, 0, add.stderr)
    assert.match(add.stdout, /Tracking org JuliaLang/)
    const list = await runHearthCli(['activity', 'scope', 'list'], env)
    assert.match(list.stdout, /^org\tJuliaLang$/m)

    const run = await runHearthCli(['activity', 'import', complete], env)
    assert.equal(run.code, 0, run.stderr)
    assert.match(
      run.stdout,
      new RegExp(
        `2025-03-20-21\\.json\\.gz: ${sample.length} events, ${sample.length} in scope, ${expected} new contributions, 0 malformed lines`,
      ),
    )
    const again = await runHearthCli(['activity', 'import', complete], env)
    assert.equal(again.code, 0, again.stderr)
    assert.match(again.stdout, /already imported/)
  })
})
