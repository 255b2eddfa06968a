import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { ensureFoundingSig } from '../../src/features/people/people.demo.ts'
import { type Database, migrate, migrationsFolder, openDatabase } from '../../src/platform/db/client.ts'

export type Backend = 'pglite' | 'postgres'

const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/postgres'
/**
 * A test file builds its PGlite and PostgreSQL suites at once, and PGlite runs synchronously:
 * while it loads a template the event loop stands still, and a connect timer that fires late
 * would report a timeout for an answer that had arrived. Tests wait generously.
 */
const CONNECT_TIMEOUT_MS = 60_000
export const postgresAdminUrl = () => process.env.TEST_DATABASE_URL || DEFAULT_PG

/** A hash of every migration file: templates are rebuilt whenever the schema changes. */
const schemaHash = (() => {
  const h = createHash('sha256')
  // The template also holds what ensureFoundingSig seeds.
  h.update(readFileSync(join(import.meta.dirname, '../../src/features/people/people.demo.ts')))
  for (const f of readdirSync(migrationsFolder)
    .filter((f) => f.endsWith('.sql'))
    .sort())
    h.update(readFileSync(join(migrationsFolder, f)))
  return h.digest('hex').slice(0, 12)
})()

let reachable: Promise<boolean> | undefined
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({
      connectionString: postgresAdminUrl(),
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    })
    try {
      await client.connect()
      await client.query('select 1')
      return true
    } catch {
      return false
    } finally {
      await client.end().catch(() => {})
    }
  })()
  return reachable
}

/**
 * Both backends where PostgreSQL answers; in CI a missing server is a failure, elsewhere a loud skip.
 * Every integration suite runs once per backend.
 */
export async function testBackends(): Promise<Backend[]> {
  if (await postgresReachable()) return ['pglite', 'postgres']
  if (process.env.CI)
    throw new Error(
      `CI needs PostgreSQL at ${postgresAdminUrl()} (TEST_DATABASE_URL), and it does not answer`,
    )
  process.stderr.write(
    `\n!!! PostgreSQL is not reachable at ${postgresAdminUrl()}: the PostgreSQL half of this suite is SKIPPED !!!\n\n`,
  )
  return ['pglite']
}

async function prepare(database: Database) {
  await migrate(database)
  await ensureFoundingSig({ db: database.db })
}

/** A migrated PGlite data directory, built once per schema and cloned (loadDataDir) per test file. */
async function pgliteTemplate(): Promise<Blob> {
  const file = join(tmpdir(), `hearth-pglite-template-${schemaHash}.tar`)
  if (existsSync(file)) return new Blob([readFileSync(file)])
  const database = await openDatabase({ kind: 'pglite' })
  await prepare(database)
  const dump = await database.pglite!.dumpDataDir('none')
  await database.close()
  const bytes = Buffer.from(await dump.arrayBuffer())
  const partial = `${file}.${process.pid}`
  writeFileSync(partial, bytes)
  renameSync(partial, file)
  return new Blob([bytes])
}

const TEMPLATE_LOCK = 7_246_351_002

/** A PostgreSQL template database per schema; each test file gets a copy and drops it after. */
async function postgresDatabaseFromTemplate(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: postgresAdminUrl() })
  await admin.connect()
  const template = `hearth_tpl_${schemaHash}`
  try {
    await admin.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK])
    const exists = await admin.query('select 1 from pg_database where datname = $1', [template])
    if (exists.rowCount === 0) {
      await admin.query(`create database "${template}"`)
      const url = withDatabase(postgresAdminUrl(), template)
      const database = await openDatabase({
        kind: 'postgres',
        url,
        max: 2,
        connectTimeoutMs: CONNECT_TIMEOUT_MS,
      })
      await prepare(database)
      await database.close()
    }
    const name = `hearth_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
    await admin.query(`create database "${name}" template "${template}"`)
    return {
      url: withDatabase(postgresAdminUrl(), name),
      async drop() {
        const c = new pg.Client({ connectionString: postgresAdminUrl() })
        await c.connect()
        await c.query(`drop database if exists "${name}" with (force)`)
        await c.end()
      },
    }
  } finally {
    await admin.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK]).catch(() => {})
    await admin.end()
  }
}

export function withDatabase(url: string, name: string) {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

export type TestDatabase = Database & { backend: Backend; url?: string; dispose(): Promise<void> }

/** A fresh, migrated database on the given backend. */
export async function freshDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const database = await openDatabase({ kind: 'pglite', loadDataDir: await pgliteTemplate() })
    return { ...database, backend, dispose: () => database.close() }
  }
  const created = await postgresDatabaseFromTemplate()
  const database = await openDatabase({
    kind: 'postgres',
    url: created.url,
    max: 20,
    connectTimeoutMs: CONNECT_TIMEOUT_MS,
  })
  return {
    ...database,
    backend,
    url: created.url,
    async dispose() {
      await database.close()
      await created.drop()
    },
  }
}
