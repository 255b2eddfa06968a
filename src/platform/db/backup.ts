import { createReadStream, createWriteStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'
import { sql } from 'drizzle-orm'
import { appliedMigrations, type Database } from './client.ts'

/**
 * A logical backup: gzip'd JSON lines, one header then one line per row, tables in
 * foreign-key order. Rows are read with row_to_json and written back with
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

async function tablesInDependencyOrder(database: Database): Promise<string[]> {
  const tables = (
    await database.query<{ name: string }>(
      `select table_name as name from information_schema.tables
       where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    )
  ).map((r) => r.name)
  const edges = await database.query<{ child: string; parent: string }>(
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

export async function writeBackup(
  database: Database,
  file: string,
): Promise<{ tables: number; rows: number }> {
  const tables = await tablesInDependencyOrder(database)
  const header: Header = {
    format: BACKUP_FORMAT,
    version: 1,
    migrations: await appliedMigrations(database.db),
    createdAt: new Date().toISOString(),
    tables,
  }
  let rows = 0
  async function* lines() {
    yield `${JSON.stringify(header)}\n`
    for (const table of tables) {
      // Keyset pages keep memory flat on large tables; ctid order is stable within one snapshot.
      let offset = 0
      for (;;) {
        const page = await database.query<{ r: unknown }>(
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
  }
  await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file))
  return { tables: tables.length, rows }
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
  const lines = input[Symbol.asyncIterator]()
  const first = await lines.next()
  if (first.done) throw new BackupError('The backup file is empty')
  let header: Header
  try {
    header = JSON.parse(first.value) as Header
  } catch {
    throw new BackupError('This file is not a Hearth backup')
  }
  if (header.format !== BACKUP_FORMAT) throw new BackupError('This file is not a Hearth backup')
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
    await tx.execute(sql.raw(`truncate ${header.tables.map(quote).join(', ')} cascade`))
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      if (!next.value.trim()) continue
      const { t, r } = JSON.parse(next.value) as { t: string; r: unknown }
      if (!header.tables.includes(t)) throw new BackupError(`Unknown table in backup: ${t}`)
      const table = sql.identifier(t)
      await tx.execute(
        sql`insert into ${table} select * from json_populate_record(null::${table}, ${JSON.stringify(r)}::json)`,
      )
      rows++
    }
  })
  return { rows, tables: header.tables.length }
}
