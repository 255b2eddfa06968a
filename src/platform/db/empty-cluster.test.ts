import assert from 'node:assert/strict'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { PGlite } from '@electric-sql/pglite'
import { pgliteSettings } from './client.ts'
import {
  emptyClusterFile,
  emptyClusterProblem,
  installedPgliteVersion,
  readEmptyClusterInfo,
  unpackEmptyCluster,
} from './empty-cluster.ts'
import { createCluster } from './prepare.ts'

const work = mkdtempSync(join(tmpdir(), 'hearth-empty-cluster-test-'))
after(() => rmSync(work, { recursive: true, force: true }))

/** What initdb decided that a user would notice: encoding, collation, and the settings in postgresql.conf. */
async function clusterFacts(pg: PGlite) {
  const databases = await pg.query(
    `select datname, pg_encoding_to_char(encoding) as encoding, datcollate, datctype, datlocprovider
       from pg_database order by datname`,
  )
  const settings = await pg.query<{ name: string; setting: string; unit: string | null }>(
    `select name, setting, unit from pg_settings where source = 'configuration file' order by name`,
  )
  return { databases: databases.rows, settings: settings.rows }
}

function recordingLog() {
  const lines: { msg: string; fields?: Record<string, unknown> }[] = []
  const log = (msg: string, fields?: Record<string, unknown>) => lines.push({ msg, fields })
  return { lines, log: { info: log, warn: log } }
}

/** A copy of the shipped archive whose JSON says something else. */
function alteredArchive(name: string, change: (info: Record<string, unknown>) => void) {
  const archive = join(work, `${name}.tar.gz`)
  copyFileSync(emptyClusterFile, archive)
  const info = readEmptyClusterInfo() as unknown as Record<string, unknown>
  change(info)
  writeFileSync(join(work, `${name}.json`), JSON.stringify(info))
  return archive
}

describe('the empty cluster shipped for first starts', () => {
  it('was made by the pinned PGlite with the settings in use (else: npm run db:empty-cluster)', () => {
    const info = readEmptyClusterInfo()
    const pinned = (
      JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')) as {
        dependencies: Record<string, string>
      }
    ).dependencies['@electric-sql/pglite']
    assert.equal(info.pglite, pinned, 'the PGlite in package.json made it')
    assert.equal(info.pglite, installedPgliteVersion(), 'the PGlite installed made it')
    assert.deepEqual(info.settings, pgliteSettings)
    assert.equal(emptyClusterProblem(pgliteSettings), undefined)
  })

  it('unpacks to the cluster initdb makes: same encoding, collation and settings, and it opens', async () => {
    const dir = join(work, 'unpacked')
    await unpackEmptyCluster(dir)
    // Opened without start parameters: the settings must come from its own postgresql.conf.
    const unpacked = await PGlite.create({ dataDir: dir })
    const fresh = await PGlite.create({ initDbStartParams: pgliteSettings.flatMap((s) => ['-c', s]) })
    try {
      const facts = await clusterFacts(unpacked)
      assert.deepEqual(facts, await clusterFacts(fresh))
      assert.ok(facts.settings.some((s) => s.name === 'shared_buffers'))
      await unpacked.exec('create table t (x text); insert into t values ($$中文$$)')
      assert.deepEqual((await unpacked.query('select x from t')).rows, [{ x: '中文' }])
    } finally {
      await unpacked.close()
      await fresh.close()
    }
  })

  it('is refused when missing, made by another PGlite or with other settings, or not the bytes it names', () => {
    assert.match(emptyClusterProblem(pgliteSettings, join(work, 'none.tar.gz'))!, /missing/)
    const other = alteredArchive('other-version', (i) => {
      i.pglite = '0.0.1'
    })
    assert.match(emptyClusterProblem(pgliteSettings, other)!, /made by PGlite 0\.0\.1/)
    assert.match(emptyClusterProblem(['shared_buffers=128MB'], emptyClusterFile)!, /other settings/)
    const changed = alteredArchive('other-bytes', (i) => {
      i.sha256 = '0'.repeat(64)
    })
    assert.match(emptyClusterProblem(pgliteSettings, changed)!, /checksum/)
  })

  it('a first start unpacks it, replacing what a killed start left half-made', async () => {
    const dataDir = join(work, 'data-unpack')
    mkdirSync(join(dataDir, 'pg.new', 'base'), { recursive: true })
    const { lines, log } = recordingLog()
    assert.equal(await createCluster(dataDir, log), 'unpacked')
    assert.deepEqual(lines, [])
    assert.ok(!existsSync(join(dataDir, 'pg.new')))
    const pg = await PGlite.create({ dataDir: join(dataDir, 'pg') })
    assert.deepEqual((await pg.query('select 1 as one')).rows, [{ one: 1 }])
    await pg.close()
    assert.equal(await createCluster(dataDir, log), 'existing')
  })

  it('an archive that ends early leaves no cluster behind', async () => {
    const dataDir = join(work, 'data-truncated')
    mkdirSync(dataDir)
    const archive = join(work, 'truncated.tar.gz')
    const { gzipSync, gunzipSync } = await import('node:zlib')
    const tar = gunzipSync(readFileSync(emptyClusterFile))
    writeFileSync(archive, gzipSync(tar.subarray(0, Math.floor(tar.length / 2))))
    const { createHash } = await import('node:crypto')
    writeFileSync(
      join(work, 'truncated.json'),
      JSON.stringify({
        ...readEmptyClusterInfo(),
        sha256: createHash('sha256').update(readFileSync(archive)).digest('hex'),
      }),
    )
    await assert.rejects(createCluster(dataDir, recordingLog().log, archive), /ends before its last file/)
    assert.ok(!existsSync(join(dataDir, 'pg')))
  })

  it('falls back to initdb, and says why, when the archive does not fit this PGlite', async () => {
    const dataDir = join(work, 'data-initdb')
    mkdirSync(dataDir)
    const other = alteredArchive('fallback', (i) => {
      i.pglite = '0.0.1'
    })
    const { lines, log } = recordingLog()
    assert.equal(await createCluster(dataDir, log, other), 'initdb')
    assert.equal(lines.length, 1)
    assert.match(lines[0]!.msg, /initdb/)
    assert.match(String(lines[0]!.fields?.why), /made by PGlite 0\.0\.1/)
    const pg = await PGlite.create({ dataDir: join(dataDir, 'pg') })
    assert.equal(
      (await pg.query<{ shared_buffers: string }>('show shared_buffers')).rows[0]!.shared_buffers,
      '16MB',
    )
    await pg.close()
  })
})
