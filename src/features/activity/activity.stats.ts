// Read-only statistics over stored contributions, each one SQL statement (on PGlite every round
// trip costs more than the work in it). Accounts an administrator marked as bots are left out;
// accounts nobody has linked count on their own, under their GitHub login.
// The leaderboard joins `people` for names and handles: it reads only, as accounts.repo does.
import { type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { selectTotalsUntil } from './activity.rollups.ts'
import {
  type ActivityPeriod,
  absenceFromTop,
  type ContributionKind,
  type DayCount,
  type LastContribution,
  periodDays,
} from './activity.rules.ts'

const DAY = 86_400_000

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
  /** The account's login (for a person: the login of one of their accounts). */
  login: string
  count: number
  last: Date
}

export type Leaderboard = {
  /** The busiest `limit` contributors after `offset`. */
  entries: LeaderboardEntry[]
  /** Everyone who contributed in the period. */
  contributors: number
  total: number
  /** The smallest number of contributors who together made more than half of the contributions. */
  absenceFactor: number
  /** Their share of all contributions. */
  absenceShare: number
}

type Ranked = { who: string; n: number; last: Date }
const byRank = (a: Ranked, b: Ranked) =>
  b.n - a.n || b.last.getTime() - a.last.getTime() || (a.who < b.who ? -1 : a.who > b.who ? 1 : 0)

/**
 * Contributors in the last `period` (optionally of one kind), busiest first, with the totals and
 * the absence factor. The stored totals (activity.rollups.ts) count the period's window up to
 * the hour they were last moved to; contributions since are added and those that slid out
 * of the window since are taken away here, so the answer is exact at `now`. Only the few
 * contributors those touch are looked at one by one; the rest are read in rank order from an
 * index. Without stored totals (before the first build) everything comes from the raw rows.
 */
export async function selectLeaderboard(
  db: Db,
  options: {
    period: ActivityPeriod
    kind?: ContributionKind | undefined
    now: Date
    limit: number
    offset?: number
  },
): Promise<Leaderboard> {
  const kind = options.kind ?? '*'
  const offset = options.offset ?? 0
  const ofKind = options.kind ? sql`and c.kind = ${options.kind}` : sql``
  // The window ends are passed as values, so the planner sees how few raw rows they select.
  const until = (await selectTotalsUntil(db))?.toISOString() ?? null
  const days = periodDays[options.period]
  const slidOut = days === null ? null : new Date(options.now.getTime() - days * DAY).toISOString()
  // LIMIT keeps the planner from turning these lookups into joins over every account or total.
  const account = sql`join lateral (select person_id, bot_override from github_accounts a
    where a.github_id = c.github_id limit 1) a on a.bot_override is not true`
  const who = sql`activity_who(a.person_id, c.github_id)`
  const changed = (
    await rowsOf<{ who: string; n: number; was: number | null; last: string }>(
      db,
      sql`with raw as (
        select ${who} who, c.occurred_at, 1 d
        from contributions c ${account}
        where true ${ofKind}
          ${until ? sql`and c.occurred_at >= ${until}::timestamptz` : sql``}
          ${slidOut && !until ? sql`and c.occurred_at >= ${slidOut}::timestamptz` : sql``}
        ${
          slidOut && until
            ? sql`union all
        select ${who}, null, -1
        from contributions c ${account}
        where c.occurred_at >= ${until}::timestamptz - ${`${days} days`}::interval
          and c.occurred_at < ${slidOut}::timestamptz ${ofKind}`
            : sql``
        }
      ), delta as (
        select who, sum(d)::int n, max(occurred_at) last from raw group by who
      )
      select d.who, coalesce(t.n, 0) + d.n n, t.n was,
        greatest(t.last_at, d.last) last
      from delta d left join lateral (
        select n, last_at from rollup_contributor_totals t
        where ${until}::timestamptz is not null
          and t.period = ${options.period} and t.kind = ${kind} and t.who = d.who limit 1
      ) t on true`,
    )
  ).map((r) => ({ who: r.who, n: r.n, was: r.was, last: new Date(r.last) }))
  const changedWhos = JSON.stringify(changed.map((c) => c.who))
  const counted = changed.filter((c) => c.n > 0)
  const stored = until
    ? sql`rollup_contributor_totals t where t.period = ${options.period} and t.kind = ${kind}
        and t.who not in (select jsonb_array_elements_text(${changedWhos}::jsonb))`
    : sql`rollup_contributor_totals t where false`
  // Over every stored total (an index-only scan), then corrected for the changed contributors.
  const [sums] = until
    ? await rowsOf<{ total: number; k: number }>(
        db,
        sql`select coalesce(sum(t.n), 0)::int total, count(*)::int k from rollup_contributor_totals t
            where t.period = ${options.period} and t.kind = ${kind}`,
      )
    : []
  const replaced = changed.filter((c) => c.was !== null)
  const total =
    (sums?.total ?? 0) - replaced.reduce((a, c) => a + c.was!, 0) + counted.reduce((a, c) => a + c.n, 0)
  // In the rank index's own order (nulls last), so reading stops after the page.
  const top = await rowsOf<{ who: string; n: number; last: string }>(
    db,
    sql`select t.who, t.n, t.last_at last from ${stored}
        order by t.n desc nulls last, t.last_at desc nulls last, t.who limit ${offset + options.limit}`,
  )
  const ranked = [...top.map((r) => ({ who: r.who, n: r.n, last: new Date(r.last) })), ...counted]
    .sort(byRank)
    .slice(offset, offset + options.limit)
  // The absence factor needs the busiest contributors until they pass half the total: read more
  // of the index until they do (usually a small part of everyone).
  let absence: { factor: number; share: number } | null = null
  for (let read = 2000; !absence; read *= 4) {
    const heads = await rowsOf<{ n: number }>(
      db,
      sql`select t.n from ${stored} order by t.n desc nulls last, t.last_at desc nulls last, t.who limit ${read}`,
    )
    const complete = heads.length < read
    const floor = complete ? Number.NEGATIVE_INFINITY : heads.at(-1)!.n
    // Merged with the changed contributors: exact down to the smallest stored count read.
    const merged = [...heads.map((r) => r.n), ...counted.map((c) => c.n)]
      .filter((n) => n >= floor)
      .sort((a, b) => b - a)
    absence = absenceFromTop(merged, total, complete)
  }
  return {
    entries: await describeContributors(db, ranked),
    contributors: (sums?.k ?? 0) - replaced.length + counted.length,
    total,
    absenceFactor: absence.factor,
    absenceShare: absence.share,
  }
}

/** Names, handles and logins for a page of contributors, in the order given. */
async function describeContributors(db: Db, ranked: Ranked[]): Promise<LeaderboardEntry[]> {
  if (ranked.length === 0) return []
  const found = await rowsOf<{
    who: string
    handle: string | null
    name_zh: string | null
    name_en: string | null
    avatar_url: string | null
    login: string | null
  }>(
    db,
    sql`select w.who, p.handle, p.name_zh, p.name_en, p.avatar_url,
        coalesce(ga.login, (select login from github_accounts where person_id = p.id order by github_id limit 1)) login
      from jsonb_array_elements_text(${JSON.stringify(ranked.map((r) => r.who))}::jsonb) w (who)
      left join lateral (select * from people p
        where p.id = case when w.who like 'p:%' then substr(w.who, 3)::uuid end limit 1) p on true
      left join lateral (select login from github_accounts ga
        where ga.github_id = case when w.who like 'gh:%' then substr(w.who, 4)::bigint end limit 1) ga on true`,
  )
  const byWho = new Map(found.map((f) => [f.who, f]))
  return ranked.map((r) => {
    const f = byWho.get(r.who)
    return {
      person: f?.handle
        ? { handle: f.handle, nameZh: f.name_zh, nameEn: f.name_en, avatarUrl: f.avatar_url }
        : null,
      login: f?.login ?? '',
      count: r.n,
      last: r.last,
    }
  })
}

export type MonthlyContributors = { month: string; total: number; new: number; returning: number }

/**
 * Distinct contributors (all kinds) per UTC month from `from` (YYYY-MM-01) on, as the scheduled
 * recount (activity.rollups.ts) left them; months without anyone are left out.
 */
export async function selectMonthlyContributors(db: Db, from: string | null): Promise<MonthlyContributors[]> {
  const rows = await rowsOf<{ month: string; total: number; new: number }>(
    db,
    sql`select to_char(month, 'YYYY-MM') as month, contributors as total, newcomers as new
        from rollup_month_counts where ${from}::date is null or month >= ${from}::date order by month`,
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
