import { sql } from 'drizzle-orm'
import { bigint, check, pgTable, smallint } from 'drizzle-orm/pg-core'

/**
 * One row whose number moves on, at commit, with every change to a table that public pages
 * show (triggers in migration 0002). A cached page is valid while the number it was rendered
 * under is current. It is derived state: backups leave it out, so it never moves backwards.
 */
export const contentGeneration = pgTable(
  'content_generation',
  {
    id: smallint('id').primaryKey().default(1),
    n: bigint('n', { mode: 'bigint' }).notNull().default(sql`0`),
  },
  (t) => [check('content_generation_one_row', sql`${t.id} = 1`)],
)
