// Queries of the Markdown import: who the files' authors are among people, and the queue of imports
// uploaded in the console. People's table is only read, to match names.
import { and, asc, desc, eq, getTableColumns, inArray, isNull, lt, or, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { people } from '../people/people.schema.ts'
import type { ImportReport } from './articles.import.rules.ts'
import { articleImports, type QueuedArticleFile } from './articles.import.schema.ts'
import { articles } from './articles.schema.ts'

export type ArticleImport = typeof articleImports.$inferSelect

export type NamedPerson = {
  id: string
  handle: string
  githubLogin: string | null
  nameZh: string | null
  nameEn: string | null
}

/** People whose handle, GitHub login or name (either language) is one of `names`, without case. */
export async function selectPeopleNamed(db: Db, names: string[]): Promise<NamedPerson[]> {
  if (names.length === 0) return []
  const lowered = [...new Set(names.map((n) => n.toLowerCase()))]
  const list = sql.join(
    lowered.map((n) => sql`${n}`),
    sql`, `,
  )
  return db
    .select({
      id: people.id,
      handle: people.handle,
      githubLogin: people.githubLogin,
      nameZh: people.nameZh,
      nameEn: people.nameEn,
    })
    .from(people)
    .where(
      or(
        sql`lower(${people.handle}) in (${list})`,
        sql`lower(${people.githubLogin}) in (${list})`,
        sql`lower(${people.nameZh}) in (${list})`,
        sql`lower(${people.nameEn}) in (${list})`,
      ),
    )
}

/**
 * The articles an import may update, read once for the whole run instead of twice per file: those
 * made from one of `sourcePaths`, or with one of `slugs` (compared without case).
 */
export async function selectArticlesForImport(db: Db, sourcePaths: string[], slugs: string[]) {
  if (sourcePaths.length === 0 && slugs.length === 0) return []
  return db
    .select()
    .from(articles)
    .where(
      or(
        sourcePaths.length ? inArray(articles.sourcePath, sourcePaths) : undefined,
        slugs.length
          ? inArray(
              sql`lower(${articles.slug})`,
              slugs.map((s) => s.toLowerCase()),
            )
          : undefined,
      ),
    )
}

export async function insertArticleImport(
  db: Db,
  row: {
    requestedBy: string | null
    files: QueuedArticleFile[]
    label: string
    assetBase: string | null
    report: ImportReport
    createdAt: Date
  },
) {
  const [inserted] = await db
    .insert(articleImports)
    .values({ ...row, total: row.files.length + row.report.skipped.length, done: row.report.skipped.length })
    .returning()
  return inserted!
}

/** An import as its page shows it: everything but the files' text (read every second while it runs). */
export async function selectArticleImport(db: Db, id: string) {
  const { files: _, ...shown } = getTableColumns(articleImports)
  const [row] = await db.select(shown).from(articleImports).where(eq(articleImports.id, id))
  return row
}

export async function selectRecentArticleImports(db: Db, limit: number) {
  return db
    .select({
      id: articleImports.id,
      label: articleImports.label,
      status: articleImports.status,
      done: articleImports.done,
      total: articleImports.total,
      createdAt: articleImports.createdAt,
    })
    .from(articleImports)
    .orderBy(desc(articleImports.createdAt))
    .limit(limit)
}

/** Takes the oldest waiting import, or one whose worker stopped renewing its lease. */
export async function leaseArticleImport(db: Db, now: Date, leaseMs: number) {
  return db.transaction(async (tx) => {
    const [next] = await tx
      .select({ id: articleImports.id })
      .from(articleImports)
      .where(
        or(
          eq(articleImports.status, 'waiting'),
          and(
            eq(articleImports.status, 'running'),
            or(isNull(articleImports.leasedUntil), lt(articleImports.leasedUntil, now)),
          ),
        ),
      )
      .orderBy(asc(articleImports.createdAt))
      .limit(1)
      .for('update', { skipLocked: true })
    if (!next) return null
    const [row] = await tx
      .update(articleImports)
      .set({ status: 'running', leasedUntil: new Date(now.getTime() + leaseMs) })
      .where(eq(articleImports.id, next.id))
      .returning()
    return row ?? null
  })
}

/** How far the import got, and a longer lease while it is still working. */
export async function updateArticleImportProgress(db: Db, id: string, done: number, leasedUntil: Date) {
  await db.update(articleImports).set({ done, leasedUntil }).where(eq(articleImports.id, id))
}

/** The end: the report kept, the files' text let go (it was only needed to import them). */
export async function finishArticleImport(
  db: Db,
  id: string,
  end: { status: 'finished' | 'failed'; report: ImportReport | null; failure: string | null; at: Date },
) {
  await db
    .update(articleImports)
    .set({
      status: end.status,
      report: end.report,
      failure: end.failure,
      files: [],
      leasedUntil: null,
      finishedAt: end.at,
      done: sql`${articleImports.total}`,
    })
    .where(eq(articleImports.id, id))
}
