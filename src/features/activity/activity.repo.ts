import { desc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import type { Contribution } from './activity.rules.ts'
import { activityScope, contributions, githubAccounts, webhookDeliveries } from './activity.schema.ts'

export type ScopeRow = typeof activityScope.$inferSelect
export type GithubAccount = typeof githubAccounts.$inferSelect

export const selectScope = (db: Db) =>
  db.select().from(activityScope).orderBy(activityScope.kind, activityScope.name)

export async function insertScope(db: Db, entry: typeof activityScope.$inferInsert) {
  const [row] = await db.insert(activityScope).values(entry).onConflictDoNothing().returning()
  return row
}

export const deleteScope = (db: Db, id: string) => db.delete(activityScope).where(eq(activityScope.id, id))

export async function selectAccounts(db: Db, githubIds: number[]) {
  if (githubIds.length === 0) return []
  return db.select().from(githubAccounts).where(inArray(githubAccounts.githubId, githubIds))
}

/** Keeps the newest login and avatar of each account; never touches links or bot decisions. */
export async function upsertAccounts(
  db: Db,
  accounts: { githubId: number; login: string; avatarUrl: string | null }[],
  now: Date,
) {
  if (accounts.length === 0) return
  await db
    .insert(githubAccounts)
    .values(accounts.map((a) => ({ ...a, updatedAt: now })))
    .onConflictDoUpdate({
      target: githubAccounts.githubId,
      set: {
        login: sql`excluded.login`,
        avatarUrl: sql`coalesce(excluded.avatar_url, ${githubAccounts.avatarUrl})`,
        updatedAt: sql`excluded.updated_at`,
      },
    })
}

/** Inserts what is new; a contribution already stored (any source) is left as it is. */
export async function insertContributions(db: Db, rows: Contribution[], source: string): Promise<number> {
  if (rows.length === 0) return 0
  const inserted = await db
    .insert(contributions)
    .values(
      rows.map((c) => ({
        key: c.key,
        githubId: c.githubId,
        kind: c.kind,
        repoId: c.repoId,
        repoName: c.repoName,
        number: c.number,
        occurredAt: c.occurredAt,
        source,
      })),
    )
    .onConflictDoNothing()
    .returning({ key: contributions.key })
  return inserted.length
}

/** True when the delivery id is new (and records it); false for a redelivery. */
export async function recordDelivery(db: Db, deliveryId: string, event: string, now: Date): Promise<boolean> {
  const rows = await db
    .insert(webhookDeliveries)
    .values({ deliveryId, event, receivedAt: now })
    .onConflictDoNothing()
    .returning({ id: webhookDeliveries.deliveryId })
  return rows.length > 0
}

export const setDeliveryStored = (db: Db, deliveryId: string, stored: number) =>
  db.update(webhookDeliveries).set({ stored }).where(eq(webhookDeliveries.deliveryId, deliveryId))

export async function linkAccount(
  db: Db,
  githubId: number,
  login: string,
  personId: string | null,
  now: Date,
) {
  await db
    .insert(githubAccounts)
    .values({ githubId, login, personId, updatedAt: now })
    .onConflictDoUpdate({ target: githubAccounts.githubId, set: { login, personId, updatedAt: now } })
}

export const setBotOverride = (db: Db, githubId: number, botOverride: boolean | null) =>
  db.update(githubAccounts).set({ botOverride }).where(eq(githubAccounts.githubId, githubId))

/** The person's newest contribution over every GitHub account linked to them. */
export async function selectLastContribution(db: Db, personId: string) {
  const [row] = await db
    .select({
      kind: contributions.kind,
      repoName: contributions.repoName,
      number: contributions.number,
      occurredAt: contributions.occurredAt,
    })
    .from(contributions)
    .innerJoin(githubAccounts, eq(githubAccounts.githubId, contributions.githubId))
    .where(eq(githubAccounts.personId, personId))
    .orderBy(desc(contributions.occurredAt))
    .limit(1)
  return row
}

export async function selectLatestDelivery(db: Db) {
  const [row] = await db.select().from(webhookDeliveries).orderBy(desc(webhookDeliveries.receivedAt)).limit(1)
  return row
}
