// Read-only statistics over stored contributions, each one SQL statement (on PGlite every round
// trip costs more than the work in it). Accounts an administrator marked as bots are left out;
// accounts nobody has linked count on their own, under their GitHub login.
// The leaderboard joins `people` for names and handles: it reads only, as accounts.repo does.
import { type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import type { ContributionKind, DayCount, LastContribution } from './activity.rules.ts'

const rowsOf = async <T>(db: Db, query: SQL): Promise<T[]> =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null)

type JsonContribution = { kind: string; repoName: string; number: number | null; occurredAt: string }
const toLast = (c: JsonContribution | null): LastContribution | null =>
  c ? { ...c, kind: c.kind as ContributionKind, occurredAt: new Date(c.occurredAt) } : null

export type PersonStats = {
  byKind: { kind: ContributionKind; count: number }[]
  byRepo: { repoName: string; count: number }[]
  total: number
  first: LastContribution | null
  last: LastContribution | null
  perDay: DayCount[]
}

/**
 * One person's activity over every GitHub account linked to them: counts by kind and repository
 * since `since` (null: all time), first and last contribution ever, and contributions per UTC day
 * since `calendarFrom`.
 */
export async function selectPersonStats(
  db: Db,
  personId: string,
  options: { since: Date | null; calendarFrom: Date },
): Promise<PersonStats> {
  const since = isoOrNull(options.since)
  const [row] = await rowsOf<{
    by_kind: { kind: string; count: number }[]
    by_repo: { repoName: string; count: number }[]
    first: JsonContribution | null
    last: JsonContribution | null
    per_day: DayCount[]
  }>(
    db,
    sql`with c as (
      select c.kind, c.repo_name, c.number, c.occurred_at
      from contributions c join github_accounts a on a.github_id = c.github_id
      where a.person_id = ${personId} and a.bot_override is not true
    ), p as (select * from c where ${since}::timestamptz is null or occurred_at >= ${since}::timestamptz)
    select
      (select coalesce(json_agg(json_build_object('kind', kind, 'count', n) order by n desc, kind), '[]')
         from (select kind, count(*)::int n from p group by kind) k) as by_kind,
      (select coalesce(json_agg(json_build_object('repoName', repo_name, 'count', n) order by n desc, repo_name), '[]')
         from (select repo_name, count(*)::int n from p group by repo_name) r) as by_repo,
      (select json_build_object('kind', kind, 'repoName', repo_name, 'number', number, 'occurredAt', occurred_at)
         from c order by occurred_at asc limit 1) as first,
      (select json_build_object('kind', kind, 'repoName', repo_name, 'number', number, 'occurredAt', occurred_at)
         from c order by occurred_at desc limit 1) as last,
      (select coalesce(json_agg(json_build_object('day', day, 'count', n) order by day), '[]')
         from (select to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD') as day, count(*)::int n
               from c where occurred_at >= ${options.calendarFrom.toISOString()}::timestamptz group by 1) d) as per_day`,
  )
  const byKind = (row?.by_kind ?? []).map((k) => ({ kind: k.kind as ContributionKind, count: k.count }))
  return {
    byKind,
    byRepo: row?.by_repo ?? [],
    total: byKind.reduce((a, k) => a + k.count, 0),
    first: toLast(row?.first ?? null),
    last: toLast(row?.last ?? null),
    perDay: row?.per_day ?? [],
  }
}

export type LeaderboardEntry = {
  /** Set for a linked person; null for a GitHub account nobody has linked. */
  person: { handle: string; nameZh: string | null; nameEn: string | null; avatarUrl: string | null } | null
  /** The account's login (for a person: the login of their busiest account). */
  login: string
  count: number
  last: Date
}

const kindFilter = (kind: ContributionKind | undefined) => (kind ? sql`and c.kind = ${kind}` : sql``)

/**
 * Everyone who contributed since `since` (null: all time), optionally of one kind, busiest first.
 * All of them, not a page: the absence factor needs every count.
 */
export async function selectLeaderboard(
  db: Db,
  options: { since: Date | null; kind?: ContributionKind | undefined },
): Promise<LeaderboardEntry[]> {
  const since = isoOrNull(options.since)
  const rows = await rowsOf<{
    handle: string | null
    name_zh: string | null
    name_en: string | null
    avatar_url: string | null
    login: string
    n: number
    last: string
  }>(
    db,
    sql`with per_account as (
      select a.github_id, a.login, a.person_id, count(*)::int n, max(c.occurred_at) last
      from contributions c join github_accounts a on a.github_id = c.github_id
      where a.bot_override is not true
        and (${since}::timestamptz is null or c.occurred_at >= ${since}::timestamptz) ${kindFilter(options.kind)}
      group by a.github_id, a.login, a.person_id
    ), per_contributor as (
      select coalesce(person_id::text, 'gh:' || github_id) who, person_id,
        (array_agg(login order by n desc, github_id))[1] login, sum(n)::int n, max(last) last
      from per_account group by 1, 2
    )
    select p.handle, p.name_zh, p.name_en, p.avatar_url, w.login, w.n, w.last
    from per_contributor w left join people p on p.id = w.person_id
    order by w.n desc, w.last desc, w.login`,
  )
  return rows.map((r) => ({
    person: r.handle
      ? { handle: r.handle, nameZh: r.name_zh, nameEn: r.name_en, avatarUrl: r.avatar_url }
      : null,
    login: r.login,
    count: r.n,
    last: new Date(r.last),
  }))
}

export type MonthlyContributors = { month: string; total: number; new: number; returning: number }

/**
 * Distinct contributors per UTC month since `since` (null: all time); "new" are those whose first
 * contribution ever (of the kind, when one is given) falls in that month. Months without anyone
 * are left out; the caller fills them in.
 */
export async function selectMonthlyContributors(
  db: Db,
  options: { since: Date | null; kind?: ContributionKind | undefined },
): Promise<MonthlyContributors[]> {
  const since = isoOrNull(options.since)
  const rows = await rowsOf<{ month: string; total: number; new: number }>(
    db,
    sql`with c as (
      select coalesce(a.person_id::text, 'gh:' || a.github_id) who,
        date_trunc('month', c.occurred_at at time zone 'UTC') m
      from contributions c join github_accounts a on a.github_id = c.github_id
      where a.bot_override is not true ${kindFilter(options.kind)}
    ), firsts as (select who, min(m) first from c group by who),
    months as (
      select distinct who, m from c
      where ${since}::timestamptz is null or m >= date_trunc('month', ${since}::timestamptz at time zone 'UTC')
    )
    select to_char(months.m, 'YYYY-MM') as month, count(*)::int total,
      count(*) filter (where firsts.first = months.m)::int as new
    from months join firsts using (who)
    group by months.m order by months.m`,
  )
  return rows.map((r) => ({ ...r, returning: r.total - r.new }))
}

export type LinkedAccount = { githubId: number; login: string; handle: string }

export const selectLinkedAccounts = (db: Db) =>
  rowsOf<LinkedAccount>(
    db,
    sql`select a.github_id::float8 as "githubId", a.login, p.handle
        from github_accounts a join people p on p.id = a.person_id order by lower(a.login)`,
  )

export const selectBotAccounts = (db: Db) =>
  rowsOf<{ githubId: number; login: string }>(
    db,
    sql`select github_id::float8 as "githubId", login from github_accounts
        where bot_override is true order by lower(login)`,
  )

export async function selectAccountByLogin(db: Db, login: string) {
  const [row] = await rowsOf<{ githubId: number; login: string }>(
    db,
    sql`select github_id::float8 as "githubId", login from github_accounts
        where lower(login) = lower(${login}) order by updated_at desc limit 1`,
  )
  return row
}

export const selectRecentArchiveImports = (db: Db, limit = 20) =>
  rowsOf<{
    file: string
    startedAt: string
    finishedAt: string | null
    events: number
    matched: number
    malformed: number
    error: string | null
  }>(
    db,
    sql`select file, started_at as "startedAt", finished_at as "finishedAt", events, matched, malformed, error
        from archive_imports order by started_at desc limit ${limit}`,
  )
