import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { gunzipSync, gzipSync } from 'node:zlib'
import pg from 'pg'
import { type Database, migrate, openDatabase } from '../../src/platform/db/client.ts'
import { postgresAdminUrl, withDatabase } from '../support/db.ts'
import { postgresAvailable } from '../support/postgres.ts'
import { runHearthCli } from '../support/server.ts'

const withPostgres = await postgresAvailable('the PostgreSQL half of the backup and restore test')

/** Every public table, every row, as text in UTC: what a restore must reproduce exactly. */
async function snapshot(open: () => Promise<Database>): Promise<Record<string, string[]>> {
  const database = await open()
  try {
    const tables = await database.query<{ name: string }>(
      `select table_name as name from information_schema.tables
       -- content_generation, the rollups and the search index are derived state that backups
       -- leave out on purpose.
       where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'content_generation'
         and table_name not like 'rollup\\_%' and table_name not like 'search\\_%'
       order by table_name`,
    )
    const result: Record<string, string[]> = {}
    for (const { name } of tables) {
      // One statement, so the time zone applies whichever pooled connection runs it.
      const rows = await database.query<{ r: string }>(
        `with utc as (select set_config('TimeZone', 'UTC', true))
         select row_to_json(t)::text as r from utc, "${name}" t order by 1`,
      )
      result[name] = rows.map((row) => row.r)
    }
    return result
  } finally {
    await database.close()
  }
}

describe('backup and restore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-backup-'))
  const pgliteDir = join(dir, 'pglite')
  const file = join(dir, 'hearth.backup')
  const created: string[] = []

  const createDatabase = async () => {
    const name = `hearth_ops_${process.pid}_${created.length}`
    const admin = new pg.Client({ connectionString: postgresAdminUrl() })
    await admin.connect()
    await admin.query(`create database "${name}"`)
    await admin.end()
    created.push(name)
    return withDatabase(postgresAdminUrl(), name)
  }
  const openPglite = (dataDir: string) => () => openDatabase({ kind: 'pglite', dataDir })
  const openPostgres = (url: string) => () => openDatabase({ kind: 'postgres', url, max: 1 })

  /** Where the PGlite backup is restored: PostgreSQL, or (without one) another PGlite directory. */
  const target = { env: {} as Record<string, string>, open: openPostgres('') }
  before(async () => {
    if (withPostgres) {
      const url = await createDatabase()
      Object.assign(target, { env: { DATABASE_URL: url }, open: openPostgres(url) })
    } else {
      const dataDir = join(dir, 'target')
      Object.assign(target, { env: { DATA_DIR: dataDir }, open: openPglite(dataDir) })
    }
  })
  after(async () => {
    rmSync(dir, { recursive: true, force: true })
    if (!created.length) return
    const admin = new pg.Client({ connectionString: postgresAdminUrl() })
    await admin.connect()
    for (const name of created) await admin.query(`drop database if exists "${name}" with (force)`)
    await admin.end()
  })

  let original: Record<string, string[]> = {}

  it('backs up a PGlite directory with demo content and restores it into an empty database', async () => {
    const demo = await runHearthCli(['demo'], { DATA_DIR: pgliteDir })
    assert.equal(demo.code, 0, demo.stderr)
    assert.match(demo.stdout, /Demo content loaded/)
    const backup = await runHearthCli(['backup', file], { DATA_DIR: pgliteDir })
    assert.equal(backup.code, 0, backup.stderr)
    assert.match(backup.stdout, /Wrote \d+ rows from \d+ tables/)

    original = await snapshot(openPglite(pgliteDir))
    assert.ok(original.people!.length >= 5, 'the demo has people')
    assert.ok(original.role_grants!.length >= 5, 'the demo has role grants')
    assert.equal(original.sigs!.length, 1)

    const restore = await runHearthCli(['restore', file], target.env)
    assert.equal(restore.code, 0, restore.stderr)
    const restored = await snapshot(target.open)
    for (const table of ['people', 'role_grants', 'sigs']) assert.deepEqual(restored[table], original[table])
    assert.deepEqual(restored, original)
    // The search index is not restored: every restored item waits in the queue to be indexed again.
    const database = await target.open()
    try {
      const [queued] = await database.query<{ people: number; documents: number }>(
        `select (select count(*)::int from search_stale where kind = 'person') as people,
                (select count(*)::int from search_documents) as documents`,
      )
      assert.deepEqual(queued, { people: original.people!.length, documents: 0 })
    } finally {
      await database.close()
    }
  })

  it('refuses to restore over existing data without --replace, and changes nothing', async () => {
    const database = await target.open()
    await database.query(`update people set city_en = 'changed after the backup' where handle = 'fawei'`)
    await database.close()
    const before = await snapshot(target.open)

    const refused = await runHearthCli(['restore', file], target.env)
    assert.equal(refused.code, 3)
    assert.match(refused.stderr, /already holds data; restore with --replace/)
    assert.doesNotMatch(refused.stderr, /\n\s+at /, 'a clear message, not a stack trace')
    assert.deepEqual(await snapshot(target.open), before)

    const replaced = await runHearthCli(['restore', file, '--replace'], target.env)
    assert.equal(replaced.code, 0, replaced.stderr)
    assert.deepEqual(await snapshot(target.open), original)
  })

  it('refuses a truncated or corrupt file with a clear error, and changes nothing', async () => {
    const database = await target.open()
    await database.query(`update people set city_en = 'kept through failed restores' where handle = 'fawei'`)
    await database.close()
    const before = await snapshot(target.open)

    const bytes = readFileSync(file)
    const lines = Buffer.from(gunzipSync(bytes).toString('utf8').trimEnd())
    const damaged: [string, Buffer, RegExp][] = [
      // Cut short in transfer: the gzip stream ends early, after many rows were read.
      [
        'truncated',
        bytes.subarray(0, Math.floor(bytes.length * 0.7)),
        /damaged or incomplete after line \d+/,
      ],
      // Overwritten bytes in the middle: gzip's checks catch them.
      [
        'corrupt',
        Buffer.concat([bytes.subarray(0, 200), Buffer.alloc(64, 0x5a), bytes.subarray(264)]),
        /damaged or incomplete|not gzip/,
      ],
      ['not gzip', Buffer.from('this is not a backup\n'), /not a Hearth backup/],
      // A valid gzip whose last row is cut in half.
      ['half a row', gzipSync(lines.subarray(0, lines.length - 40)), /damaged at line \d+/],
      // A valid gzip that lost a whole row line in the middle: the trailer's count catches it.
      [
        'a lost line',
        gzipSync(
          lines
            .toString('utf8')
            .split('\n')
            .filter((_, i, all) => i !== all.length - 2)
            .join('\n'),
        ),
        /should hold \d+ rows but holds \d+/,
      ],
      // Cut exactly at a line boundary before the end marker.
      [
        'no end marker',
        gzipSync(lines.toString('utf8').split('\n').slice(0, -1).join('\n')),
        /incomplete \(it has no end marker\)/,
      ],
    ]
    for (const [kind, content, message] of damaged) {
      const path = join(dir, `${kind}.backup`)
      writeFileSync(path, content)
      const run = await runHearthCli(['restore', path, '--replace'], target.env)
      assert.equal(run.code, 3, `${kind}: exit ${run.code}\n${run.stderr}`)
      assert.match(run.stderr, message, kind)
      assert.doesNotMatch(run.stderr, /\n\s+at /, `${kind}: a clear message, not a stack trace`)
      assert.deepEqual(await snapshot(target.open), before, `${kind} changed the database`)
    }
  })

  const postgresOnly = { skip: withPostgres ? false : 'PostgreSQL is not reachable' }

  it(
    'backs up a PostgreSQL database that is being written to as one consistent snapshot',
    postgresOnly,
    async () => {
      const url = await createDatabase()
      const database = await openDatabase({ kind: 'postgres', url, max: 2 })
      await migrate(database)
      await database.query(
        `insert into people (id, handle, name_en)
       select gen_random_uuid(), 'bulk-' || i, 'Bulk ' || i from generate_series(1, 3000) i`,
      )
      // App servers keep writing during the backup: profiles change (rows move in the heap) and
      // new people arrive with a role grant that refers to them.
      let writing = true
      let writes = 0
      const writer = (async () => {
        for (let i = 0; writing; i++) {
          await database.query(
            `update people set city_en = 'moved ' || $1 where id in (select id from people order by random() limit 200)`,
            [i],
          )
          await database.query(
            `with p as (insert into people (id, handle, name_en) values (gen_random_uuid(), $1, 'New') returning id)
           insert into role_grants (id, person_id, role) select gen_random_uuid(), id, 'contributor' from p`,
            [`new-${i}`],
          )
          writes++
        }
      })()
      const live = join(dir, 'live.backup')
      const backup = await runHearthCli(['backup', live], { DATABASE_URL: url })
      writing = false
      await writer
      await database.close()
      assert.equal(backup.code, 0, backup.stderr)
      assert.ok(writes > 2, `only ${writes} writes ran during the backup`)

      const rows = gunzipSync(readFileSync(live))
        .toString('utf8')
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => JSON.parse(line) as { t: string; r: { id: string; person_id?: string } })
      const people = rows.filter((row) => row.t === 'people').map((row) => row.r.id)
      assert.equal(new Set(people).size, people.length, 'a person is in the backup twice')
      assert.ok(people.length >= 3000)
      const known = new Set(people)
      for (const row of rows.filter((row) => row.t === 'role_grants'))
        assert.ok(known.has(row.r.person_id!), 'a role grant refers to a person missing from the backup')

      const target = await createDatabase()
      const restore = await runHearthCli(['restore', live], { DATABASE_URL: target })
      assert.equal(restore.code, 0, restore.stderr)
    },
  )

  it('moves a PostgreSQL database into a fresh PGlite directory', postgresOnly, async () => {
    const replaced = await runHearthCli(['restore', file, '--replace'], target.env)
    assert.equal(replaced.code, 0, replaced.stderr)
    const fromPostgres = join(dir, 'from-postgres.backup')
    const backup = await runHearthCli(['backup', fromPostgres], target.env)
    assert.equal(backup.code, 0, backup.stderr)
    const freshDir = join(dir, 'fresh-pglite')
    const restore = await runHearthCli(['restore', fromPostgres], { DATA_DIR: freshDir })
    assert.equal(restore.code, 0, restore.stderr)
    assert.deepEqual(await snapshot(openPglite(freshDir)), original)
  })
})
