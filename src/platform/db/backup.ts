import { createReadStream, createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'
import { sql } from 'drizzle-orm'
import { appliedMigrations, type Database } from './client.ts'

/**
 * A logical backup: gzip'd JSON lines, one header, one line per row with tables in
 * foreign-key order, and a trailer with the row count (a file that lost lines is refused). Rows are read with row_to_json and written back with
 * json_populate_record, so the same file moves between PGlite and PostgreSQL.
 */
export const BACKUP_FORMAT = 'hearth-backup'

type Header = {
  format: typeof BACKUP_FORMAT
  version: 1
  migrations: number
  createdAt: string
  tables: string[]
}

type Trailer = { end: true; rows: number }

/**
 * Derived state that must not travel: the page-cache generation may only move forward,
 * `rollup_` tables are counted again from the restored rows (truncating those rows empties them),
 * and the search index (`search_` tables) is built again from them: a restore empties it, every
 * restored row queues its item (the tables' triggers), and searches and the reindex job catch up.
 */
const isDerived = (table: string) =>
  table === 'content_generation' || table.startsWith('rollup_') || isSearchIndex(table)
const isSearchIndex = (table: string) => table.startsWith('search_')

type Query = <T>(text: string) => Promise<T[]>

async function tablesInDependencyOrder(query: Query): Promise<string[]> {
  const tables = (
    await query<{ name: string }>(
      `select table_name as name from information_schema.tables
       where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    )
  )
    .map((r) => r.name)
    .filter((name) => !isDerived(name))
  const edges = await query<{ child: string; parent: string }>(
    `select tc.table_name as child, ccu.table_name as parent
     from information_schema.table_constraints tc
     join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
     where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'public'`,
  )
  const ordered: string[] = []
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) return
    path.add(table)
    for (const e of edges) if (e.child === table && e.parent !== table) visit(e.parent, path)
    ordered.push(table)
  }
  for (const t of tables) visit(t, new Set())
  return ordered
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`

/**
 * Reads every table in one read-only snapshot: on PostgreSQL app servers keep writing during a
 * backup, and reading tables (or pages of one table) at different moments would duplicate rows
 * that moved, miss others, and keep grants of people the backup does not hold. The file is
 * written inside that transaction; it holds only this command's own connection.
 */
export async function writeBackup(
  database: Database,
  file: string,
): Promise<{ tables: number; rows: number }> {
  return database.db.transaction(
    async (tx) => {
      const query: Query = async <T>(text: string) =>
        ((await tx.execute(sql.raw(text))) as unknown as { rows: T[] }).rows
      const tables = await tablesInDependencyOrder(query)
      const header: Header = {
        format: BACKUP_FORMAT,
        version: 1,
        migrations: await appliedMigrations(tx),
        createdAt: new Date().toISOString(),
        tables,
      }
      let rows = 0
      async function* lines() {
        yield `${JSON.stringify(header)}\n`
        for (const table of tables) {
          // Pages keep memory flat on large tables; ctid order is stable within the snapshot.
          let offset = 0
          for (;;) {
            const page = await query<{ r: unknown }>(
              `select row_to_json(t) as r from ${quote(table)} t order by ctid limit 1000 offset ${offset}`,
            )
            for (const { r } of page) {
              rows++
              yield `${JSON.stringify({ t: table, r })}\n`
            }
            if (page.length < 1000) break
            offset += page.length
          }
        }
        yield `${JSON.stringify({ end: true, rows } satisfies Trailer)}\n`
      }
      // Written beside the target and renamed when complete: a failed backup never replaces a good one.
      const partial = `${file}.partial`
      try {
        await pipeline(Readable.from(lines()), createGzip(), createWriteStream(partial))
        await rename(partial, file)
      } catch (e) {
        await rm(partial, { force: true })
        throw e
      }
      return { tables: tables.length, rows }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  )
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupError'
  }
}

/** Restores into a migrated database; refuses to mix with existing data unless `replace` is set. */
export async function readBackup(database: Database, file: string, options: { replace: boolean }) {
  const input = createInterface({
    input: createReadStream(file).pipe(createGunzip()),
    crlfDelay: Number.POSITIVE_INFINITY,
  })
  const iterator = input[Symbol.asyncIterator]()
  let lineNumber = 0
  // gzip's checksum and length trailer catch a file cut short or damaged; that surfaces here,
  // often after many rows were inserted, so the transaction below rolls them back.
  const nextLine = async () => {
    try {
      const next = await iterator.next()
      if (!next.done) lineNumber++
      return next
    } catch (e) {
      throw new BackupError(
        lineNumber === 0
          ? 'This file is not a Hearth backup (not gzip)'
          : `The backup file is damaged or incomplete after line ${lineNumber} (${(e as Error).message}); nothing was restored`,
      )
    }
  }
  const first = await nextLine()
  if (first.done) throw new BackupError('The backup file is empty')
  let header: Header
  try {
    header = JSON.parse(first.value) as Header
  } catch {
    throw new BackupError('This file is not a Hearth backup')
  }
  if (header?.format !== BACKUP_FORMAT) throw new BackupError('This file is not a Hearth backup')
  const current = await appliedMigrations(database.db)
  if (header.migrations > current) {
    throw new BackupError(
      `The backup comes from a newer Hearth (schema ${header.migrations}, this one has ${current}); upgrade first`,
    )
  }
  const [existing] = await database.query<{ n: number }>('select count(*)::int as n from people')
  if ((existing?.n ?? 0) > 0 && !options.replace) {
    throw new BackupError('The database already holds data; restore with --replace to overwrite it')
  }
  let rows = 0
  // One transaction: a failed restore leaves the database as it was.
  await database.db.transaction(async (tx) => {
    // Every table this schema has, not only those the file names: a table added since the
    // backup must not keep rows from before the restore.
    const query: Query = async <T>(text: string) =>
      ((await tx.execute(sql.raw(text))) as unknown as { rows: T[] }).rows
    const current = await tablesInDependencyOrder(query)
    const searchIndex = (
      await query<{ name: string }>(
        `select table_name as name from information_schema.tables
         where table_schema = 'public' and table_type = 'BASE TABLE'`,
      )
    )
      .map((r) => r.name)
      .filter(isSearchIndex)
    await tx.execute(sql.raw(`truncate ${[...current, ...searchIndex].map(quote).join(', ')} cascade`))
    let trailer: Trailer | undefined
    for (let next = await nextLine(); !next.done; next = await nextLine()) {
      if (!next.value.trim()) continue
      let row: { t: string; r: unknown } | Trailer
      try {
        row = JSON.parse(next.value)
      } catch {
        throw new BackupError(`The backup file is damaged at line ${lineNumber}; nothing was restored`)
      }
      if ('end' in row) {
        trailer = row
        continue
      }
      if (trailer)
        throw new BackupError(
          `The backup file has rows after its end (line ${lineNumber}); nothing was restored`,
        )
      const { t, r } = row
      if (!r || typeof r !== 'object')
        throw new BackupError(`The backup file is damaged at line ${lineNumber}; nothing was restored`)
      if (!header.tables.includes(t)) throw new BackupError(`Unknown table in backup: ${t}`)
      const table = sql.identifier(t)
      const columns = sql.join(
        Object.keys(r as object).map((name) => sql.identifier(name)),
        sql`, `,
      )
      try {
        await tx.execute(
          // Only the columns the file has: a column added since the backup takes its default.
          sql`insert into ${table} (${columns}) select ${columns} from json_populate_record(null::${table}, ${JSON.stringify(r)}::json)`,
        )
      } catch (e) {
        const reason = (e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message
        throw new BackupError(
          `Line ${lineNumber} of the backup does not fit this database (${reason}); nothing was restored`,
        )
      }
      rows++
    }
    if (!trailer || trailer.rows !== rows) {
      throw new BackupError(
        trailer
          ? `The backup file should hold ${trailer.rows} rows but holds ${rows}; nothing was restored`
          : 'The backup file is incomplete (it has no end marker); nothing was restored',
      )
    }
  })
  return { rows, tables: header.tables.length }
}
