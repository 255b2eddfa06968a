import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm'
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

/**
 * One statement: keeps the newest login and avatar of each account (never touching links or bot
 * decisions) and inserts the contributions that are new, except those of accounts an
 * administrator marked as bots. Returns the keys it inserted; a contribution already stored
 * (from any source) is left as it is.
 */
export async function insertCounted(
  db: Db,
  rows: Contribution[],
  source: string,
  now: Date,
): Promise<Set<string>> {
  if (rows.length === 0) return new Set()
  // One row per account and per key, in a fixed order: concurrent batches lock rows alike.
  const accounts = [...new Map(rows.map((c) => [c.githubId, c])).values()].sort(
    (a, b) => a.githubId - b.githubId,
  )
  const unique = [...new Map(rows.map((c) => [c.key, c])).values()].sort((a, b) => (a.key < b.key ? -1 : 1))
  const at = now.toISOString()
  const result = (await db.execute(sql`with acc as (
      insert into github_accounts (github_id, login, avatar_url, updated_at)
      values ${sql.join(
        accounts.map((a) => sql`(${a.githubId}, ${a.login}, ${a.avatarUrl}, ${at}::timestamptz)`),
        sql`, `,
      )}
      on conflict (github_id) do update set login = excluded.login,
        avatar_url = coalesce(excluded.avatar_url, github_accounts.avatar_url), updated_at = excluded.updated_at
      returning github_id, bot_override
    )
    insert into contributions (key, github_id, kind, repo_id, repo_name, number, occurred_at, source)
    select v.key, v.github_id, v.kind, v.repo_id, v.repo_name, v.number, v.occurred_at, ${source}
    from (values ${sql.join(
      unique.map(
        (c) =>
          sql`(${c.key}, ${c.githubId}::bigint, ${c.kind}, ${c.repoId}::bigint, ${c.repoName}, ${c.number}::int, ${c.occurredAt.toISOString()}::timestamptz)`,
      ),
      sql`, `,
    )}) v (key, github_id, kind, repo_id, repo_name, number, occurred_at)
    join acc on acc.github_id = v.github_id
    where acc.bot_override is not true
    on conflict (key) do nothing
    returning key`)) as unknown as { rows: { key: string }[] }
  return new Set(result.rows.map((r) => r.key))
}

/** Inserts what is new, as it is (demo data and tests; counted contributions go through insertCounted). */
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

/** Records the deliveries; returns the ids seen for the first time (the rest are redeliveries). */
export async function recordDeliveries(
  db: Db,
  deliveries: { id: string; event: string }[],
  now: Date,
): Promise<Set<string>> {
  if (deliveries.length === 0) return new Set()
  const rows = await db
    .insert(webhookDeliveries)
    .values(deliveries.map((d) => ({ deliveryId: d.id, event: d.event, receivedAt: now })))
    .onConflictDoNothing()
    .returning({ id: webhookDeliveries.deliveryId })
  return new Set(rows.map((r) => r.id))
}

export async function markDeliveriesStored(db: Db, ids: string[]) {
  if (ids.length)
    await db.update(webhookDeliveries).set({ stored: 1 }).where(inArray(webhookDeliveries.deliveryId, ids))
}

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
/** A person's latest contribution, or their latest up to `until` (a verdict asked for a past moment). */
export async function selectLastContribution(db: Db, personId: string, until?: Date) {
  const [row] = await db
    .select({
      kind: contributions.kind,
      repoName: contributions.repoName,
      number: contributions.number,
      occurredAt: contributions.occurredAt,
    })
    .from(contributions)
    .innerJoin(githubAccounts, eq(githubAccounts.githubId, contributions.githubId))
    .where(
      and(eq(githubAccounts.personId, personId), until ? lte(contributions.occurredAt, until) : undefined),
    )
    .orderBy(desc(contributions.occurredAt))
    .limit(1)
  return row
}

export async function selectLatestDelivery(db: Db) {
  const [row] = await db.select().from(webhookDeliveries).orderBy(desc(webhookDeliveries.receivedAt)).limit(1)
  return row
}
