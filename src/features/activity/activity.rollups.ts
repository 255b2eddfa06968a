// Building and moving the statistics rollups (activity.rollups.schema.ts). The database triggers
// of migration 0007 add each contribution as it is stored; what is left to do here happens on a
// schedule: building everything after an install or a restore, sliding the period windows to
// the current hour, and recounting the monthly contributors that new contributions touched.
import { sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { periodDays } from './activity.rules.ts'

const LOCK = 7482019 // the key rollup_lock_shared() takes shared (migration 0007)

type State = { totalsUntil: Date; monthsDirtyFrom: string | null; monthsVersion: number }

const rows = async <T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows

async function readState(db: Db): Promise<State | undefined> {
  const [row] = await rows<{ totals_until: string | Date; months_dirty_from: string | null; v: number }>(
    db,
    sql`select totals_until, months_dirty_from::text, months_version v from rollup_state where id = 1`,
  )
  return row
    ? {
        totalsUntil: new Date(row.totals_until),
        monthsDirtyFrom: row.months_dirty_from,
        monthsVersion: row.v,
      }
    : undefined
}

/** Where the stored totals end (null: not built; statistics then read the raw rows). */
export const selectTotalsUntil = async (db: Db) => (await readState(db))?.totalsUntil ?? null

/**
 * The start of `now`'s hour: the totals end at an hour boundary, so the raw rows a leaderboard
 * reads on top of them are at most an hour's (plus the hour that slid out of the window).
 */
export const startOfUtcHour = (now: Date) => new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000)

/**
 * Counts everything again from the raw rows (first start, after a restore, after an
 * invalidation). Writers of contributions wait meanwhile: about 30 s per 2 million contributions
 * on PostgreSQL, which is why the server does it before it listens (see ensureRollups).
 */
export async function rebuildRollups(
  db: Db,
  now: Date,
  options: { ifMissing?: boolean } = {},
): Promise<void> {
  const until = startOfUtcHour(now).toISOString()
  const built = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK})`)
    // Several servers starting at once: the first builds, the others find it done.
    if (options.ifMissing && (await readState(tx))) return false
    await tx.execute(
      sql`truncate rollup_state, rollup_contributor_totals, rollup_contributor_months, rollup_month_counts`,
    )
    await tx.execute(sql`insert into rollup_state (id, totals_until, months_dirty_from, months_version)
      values (1, ${until}::timestamptz, '-infinity', 1)`)
    // One pass over the contributions, grouped by account and kind with a count per period;
    // only that small result is spread over periods and grouped by contributor.
    const periods = Object.entries(periodDays).map(([period, days], i) => ({
      period,
      inside:
        days === null ? sql`true` : sql`c.occurred_at >= ${until}::timestamptz - ${`${days} days`}::interval`,
      n: sql.raw(`n${i}`),
      last: sql.raw(`last${i}`),
    }))
    await tx.execute(sql`insert into rollup_contributor_totals (period, kind, who, n, last_at)
      with per_account as (
        select c.github_id, c.kind, ${sql.join(
          periods.map(
            (p) =>
              sql`count(*) filter (where ${p.inside}) ${p.n}, max(c.occurred_at) filter (where ${p.inside}) ${p.last}`,
          ),
          sql`, `,
        )}
        from contributions c where c.occurred_at < ${until}::timestamptz group by 1, 2
      ), spread as (
        select activity_who(a.person_id, a.github_id) who, pa.kind, v.period, v.n, v.last
        from per_account pa
        join github_accounts a on a.github_id = pa.github_id and a.bot_override is not true
        cross join lateral (values ${sql.join(
          periods.map((p) => sql`(${p.period}, pa.${p.n}, pa.${p.last})`),
          sql`, `,
        )}) v (period, n, last)
        where v.n > 0
      )
      select s.period, k.kind, s.who, sum(s.n), max(s.last)
      from spread s cross join lateral (values (s.kind), ('*')) k (kind)
      group by 1, 2, 3`)
    await tx.execute(sql`insert into rollup_contributor_months (github_id, month, n)
      select github_id, (date_trunc('month', occurred_at at time zone 'UTC'))::date, count(*)
      from contributions group by 1, 2`)
    return true
  })
  if (!built) return
  await tidy(db)
  await recountMonths(db)
}

/** Builds the rollups unless they exist: cheap when they do (one query). */
export async function ensureRollups(db: Db, now: Date): Promise<void> {
  if (!(await readState(db))) await rebuildRollups(db, now, { ifMissing: true })
}

/**
 * Fresh planner statistics and visibility map after a build or a slide: the leaderboard then
 * reads the totals from the index alone (PGlite has no autovacuum to do it).
 */
const tidy = (db: Db) => db.execute(sql`vacuum analyze rollup_contributor_totals, rollup_contributor_months`)

/**
 * Slides every period's window from the hour it ends at to this hour: adds the hours since and
 * takes away the hours that fell out at the start. Reads only those hours, so it is cheap.
 */
async function rollTotalsForward(db: Db, now: Date): Promise<boolean> {
  const to = startOfUtcHour(now).toISOString()
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK})`)
    const state = await readState(tx)
    if (!state || state.totalsUntil.toISOString() >= to) return false
    const from = state.totalsUntil.toISOString()
    await tx.execute(sql`insert into rollup_contributor_totals as t (period, kind, who, n, last_at)
      select p.period, k.kind, activity_who(a.person_id, a.github_id), sum(c.d), coalesce(max(c.occurred_at) filter (where c.d > 0), '-infinity')
      from activity_periods() p
      cross join lateral (
        select github_id, kind, occurred_at, 1 as d from contributions
        where occurred_at >= ${from}::timestamptz and occurred_at < ${to}::timestamptz
        union all
        select github_id, kind, occurred_at, -1 from contributions
        where p.days is not null
          and occurred_at >= ${from}::timestamptz - make_interval(days => p.days)
          and occurred_at < ${to}::timestamptz - make_interval(days => p.days)
      ) c
      join github_accounts a on a.github_id = c.github_id and a.bot_override is not true
      cross join lateral (values (c.kind), ('*')) k (kind)
      group by 1, 2, 3
      on conflict (period, kind, who) do update
        set n = t.n + excluded.n, last_at = greatest(t.last_at, excluded.last_at)`)
    await tx.execute(sql`delete from rollup_contributor_totals where n <= 0`)
    await tx.execute(sql`update rollup_state set totals_until = ${to}::timestamptz where id = 1`)
    return true
  })
}

/**
 * Distinct contributors (people, or accounts nobody has linked; bots left out) and newcomers
 * per month, from the earliest month a trigger marked as changed. Clears the mark only if no
 * one marked it again meanwhile.
 */
async function recountMonths(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select rollup_lock_shared()`)
    const state = await readState(tx)
    if (!state?.monthsDirtyFrom) return
    const from = state.monthsDirtyFrom
    await tx.execute(sql`delete from rollup_month_counts where month >= ${from}::date`)
    await tx.execute(sql`insert into rollup_month_counts (month, contributors, newcomers)
      with acc as (
        select github_id, activity_who(person_id, github_id) who from github_accounts where bot_override is not true
      ), months as (
        select distinct acc.who, m.month from rollup_contributor_months m join acc using (github_id)
        where m.month >= ${from}::date
      ), firsts as (
        select acc.who, min(f.month) first from acc
        cross join lateral (
          select month from rollup_contributor_months m where m.github_id = acc.github_id order by month limit 1
        ) f
        where acc.who in (select who from months)
        group by acc.who
      )
      select months.month, count(*), count(*) filter (where firsts.first = months.month)
      from months join firsts using (who) group by months.month`)
    await tx.execute(
      sql`update rollup_state set months_dirty_from = null where id = 1 and months_version = ${state.monthsVersion}`,
    )
  })
}

/** What the scheduled job does: build if missing, slide to this hour, recount changed months. */
export async function refreshRollups(db: Db, now: Date): Promise<void> {
  if (!(await readState(db))) return rebuildRollups(db, now)
  // Planner statistics once a day are plenty: a slide changes an hour's worth of rows.
  if ((await rollTotalsForward(db, now)) && now.getUTCHours() === 0) await tidy(db)
  await recountMonths(db)
}
