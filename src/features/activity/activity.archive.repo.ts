import { eq, isNull, or, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { archiveImports } from './activity.schema.ts'

export type ArchiveCounts = { events: number; matched: number; malformed: number }

/**
 * Claims a GH Archive file for importing: a new file, one a previous run did not finish (it failed
 * or was killed), or one finished for a scope that lacked some of today's organisations or
 * repositories starts over with fresh counts. Returns false when the file was already imported
 * completely for everything tracked now (unless `again`), so it is never read twice for nothing.
 */
export async function beginArchiveImport(
  db: Db,
  file: string,
  now: Date,
  options: { scope: string[]; again?: boolean },
): Promise<boolean> {
  const fresh = {
    startedAt: now,
    finishedAt: null,
    events: 0,
    matched: 0,
    malformed: 0,
    error: null,
    scope: options.scope,
  }
  const rows = await db
    .insert(archiveImports)
    .values({ file, ...fresh })
    .onConflictDoUpdate({
      target: archiveImports.file,
      set: fresh,
      ...(options.again
        ? {}
        : {
            setWhere: or(
              isNull(archiveImports.finishedAt),
              sql`not (excluded.scope <@ coalesce(${archiveImports.scope}, '{}'))`,
            ),
          }),
    })
    .returning({ file: archiveImports.file })
  return rows.length > 0
}

/** The outcome of one run: finished (error null) or stopped with the reason, to be run again. */
export const endArchiveImport = (
  db: Db,
  file: string,
  counts: ArchiveCounts,
  outcome: { finishedAt: Date } | { error: string },
) =>
  db
    .update(archiveImports)
    .set({
      ...counts,
      finishedAt: 'finishedAt' in outcome ? outcome.finishedAt : null,
      error: 'error' in outcome ? outcome.error : null,
    })
    .where(eq(archiveImports.file, file))
