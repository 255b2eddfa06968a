import { and, desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { reconcileEtags, reconcileRepos, reconcileRuns } from './activity.reconcile.schema.ts'

export type ReconcileRepo = typeof reconcileRepos.$inferSelect
export type ReconcileRun = typeof reconcileRuns.$inferSelect
export type Cursor = 'issuesSince' | 'issueCommentsSince' | 'reviewCommentsSince'

export const findRepoByName = async (db: Db, name: string) =>
  (await db.select().from(reconcileRepos).where(sql`lower(${reconcileRepos.name}) = lower(${name})`))[0]

/** Knows a repository by id; a rename keeps its cursors. */
export async function upsertRepo(db: Db, repo: { repoId: number; name: string }, now: Date) {
  const [row] = await db
    .insert(reconcileRepos)
    .values({ ...repo, updatedAt: now })
    .onConflictDoUpdate({ target: reconcileRepos.repoId, set: { name: repo.name, updatedAt: now } })
    .returning()
  return row!
}

export const setCursor = (db: Db, repoId: number, cursor: Cursor, since: Date, now: Date) =>
  db
    .update(reconcileRepos)
    .set({ [cursor]: since, updatedAt: now })
    .where(eq(reconcileRepos.repoId, repoId))

/** The ETag of the list's first page, if it was saved for this very URL. */
export const findEtag = async (db: Db, list: string, url: string) =>
  (
    await db
      .select({ etag: reconcileEtags.etag })
      .from(reconcileEtags)
      .where(and(eq(reconcileEtags.list, list), eq(reconcileEtags.url, url)))
  )[0]?.etag

export const saveEtag = (db: Db, list: string, url: string, etag: string, now: Date) =>
  db
    .insert(reconcileEtags)
    .values({ list, url, etag, updatedAt: now })
    .onConflictDoUpdate({ target: reconcileEtags.list, set: { url, etag, updatedAt: now } })

export async function beginRun(db: Db, startedAt: Date) {
  const [row] = await db.insert(reconcileRuns).values({ startedAt, outcome: 'running' }).returning()
  return row!
}

export const endRun = (
  db: Db,
  id: string,
  outcome: Pick<
    ReconcileRun,
    'finishedAt' | 'outcome' | 'error' | 'resetAt' | 'requests' | 'notModified' | 'stored'
  >,
) => db.update(reconcileRuns).set(outcome).where(eq(reconcileRuns.id, id))

export const selectLatestRun = async (db: Db) =>
  (await db.select().from(reconcileRuns).orderBy(desc(reconcileRuns.startedAt)).limit(1))[0]
