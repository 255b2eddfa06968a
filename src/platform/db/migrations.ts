// Where the migrations are and how many this version has; apart from client.ts so that deciding
// whether a data directory needs preparing does not load the database drivers (prepare.ts).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export const migrationsFolder = join(import.meta.dirname, '../../../drizzle')

export function expectedMigrations(): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[]
  }
  return journal.entries.length
}
