import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import pg from 'pg'
import { lockDataDir } from './lock.ts'
import { migrationsFolder } from './migrations.ts'
import * as schema from './schema.ts'

export type Schema = typeof schema
/** A database handle or an open transaction: repos accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>

export type Database = {
  kind: 'pglite' | 'postgres'
  db: Db
  /** The underlying driver, for pg-boss and for backups. */
  pglite?: PGlite
  pool?: pg.Pool
  /** Runs raw SQL with parameters; used by tools that speak SQL, not Drizzle. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>
  close(): Promise<void>
}

export { expectedMigrations, migrationsFolder } from './migrations.ts'

export type OpenOptions =
  | {
      kind: 'pglite'
      dataDir?: string
      loadDataDir?: Blob | File
      /** PostgreSQL settings over `pgliteSettings`, for this process only (`-c name=value`). */
      settings?: readonly string[]
    }
  | { kind: 'postgres'; url: string; max?: number; connectTimeoutMs?: number }

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.kind === 'postgres') return openPostgres(options.url, options.max, options.connectTimeoutMs)
  return openPglite(options.dataDir, options.loadDataDir, options.settings)
}

/**
 * PostgreSQL settings for the embedded database, sized for a 1 GB machine. Every buffer lives in
 * PGlite's WebAssembly heap, which grows and never gives memory back, so PostgreSQL's defaults
 * (160 MB of shared buffers as PGlite ships it) become resident for good once touched. Reads
 * still hit the operating system's file cache below; `npm run bench:memory` has the figures.
 */
export const pgliteSettings = [
  'shared_buffers=16MB',
  'wal_buffers=1MB',
  'temp_buffers=2MB',
  'work_mem=4MB',
  'maintenance_work_mem=16MB',
]
export const pgliteStartParams = [...PGlite.defaultStartParams, ...pgliteSettings.flatMap((s) => ['-c', s])]

/**
 * PGlite runs a statement on this thread and answers with promises already settled, so a run of
 * statements (a transaction, the queue behind its lock) never gives the event loop a turn, and
 * Node accepts one new connection a turn (libuv has accepted one at a time since 1.45): under a
 * crowd, requests then come in one by one, each served whole before the next is even read, and
 * none can be decided together. Here each statement Drizzle sends first lets the loop take a turn,
 * so connections keep being accepted and read while the database works, and the requests that
 * arrive meanwhile meet in the next batch (see batch.ts).
 */
function yieldingEachStatement(client: PGlite): PGlite {
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve))
  const yielding = <T extends object>(target: T, wrap: Partial<Record<keyof T, unknown>>): T =>
    new Proxy(target, {
      get(t, property) {
        if (property in wrap) return wrap[property as keyof T]
        const value = Reflect.get(t, property, t)
        return typeof value === 'function' ? value.bind(t) : value
      },
    })
  const query =
    (target: Pick<PGlite, 'query'>): PGlite['query'] =>
    async (...args) => {
      await turn()
      return target.query(...args)
    }
  return yielding(client, {
    query: query(client),
    transaction: ((run) =>
      client.transaction((tx) => run(yielding(tx, { query: query(tx) })))) as PGlite['transaction'],
  })
}

async function openPglite(
  dataDir?: string,
  loadDataDir?: Blob | File,
  settings: readonly string[] = [],
): Promise<Database> {
  const lock = dataDir ? lockDataDir(dataDir) : undefined
  let client: PGlite
  try {
    client = await PGlite.create({
      ...(dataDir ? { dataDir: join(dataDir, 'pg') } : {}),
      ...(loadDataDir ? { loadDataDir } : {}),
      // A later `-c` wins over an earlier one.
      startParams: [...pgliteStartParams, ...settings.flatMap((s) => ['-c', s])],
    })
  } catch (e) {
    lock?.release()
    throw e
  }
  const db = drizzlePglite(yieldingEachStatement(client), { schema }) as unknown as Db
  let closed = false
  return {
    kind: 'pglite',
    db,
    pglite: client,
    async query(text, params) {
      return (await client.query(text, params)).rows as never
    },
    async close() {
      if (closed) return
      closed = true
      try {
        await client.query('CHECKPOINT')
        await client.close()
      } finally {
        lock?.release()
      }
    },
  }
}

async function openPostgres(url: string, max = 10, connectTimeoutMs = 5000): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: connectTimeoutMs })
  // An idle client losing its server (a restart) must not crash the process; the
  // next query gets a fresh connection.
  pool.on('error', () => {})
  const db = drizzlePg(pool, { schema }) as unknown as Db
  return {
    kind: 'postgres',
    db,
    pool,
    async query(text, params) {
      return (await pool.query(text, params)).rows as never
    },
    async close() {
      await pool.end()
    },
  }
}

const MIGRATION_LOCK = 7_246_351_001

/** Applies pending migrations; on PostgreSQL several app servers starting at once take turns. */
export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder })
    return
  }
  const client = await database.pool!.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK])
    await migratePg(drizzlePg(client) as never, { migrationsFolder })
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {})
    client.release()
  }
}

/** Migrations recorded in the database; 0 before the first. Any other failure (unreachable) is thrown. */
export async function appliedMigrations(db: Db): Promise<number> {
  try {
    const rows = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    )
    return (rows as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0
  } catch (e) {
    if (hasCode(e, ['42P01', '3F000'])) return 0
    throw e
  }
}

/** undefined_table or invalid_schema_name, possibly wrapped by Drizzle. */
function hasCode(e: unknown, codes: string[]): boolean {
  for (let cur = e as { code?: string; cause?: unknown } | undefined; cur; cur = cur.cause as never)
    if (cur.code && codes.includes(cur.code)) return true
  return false
}
