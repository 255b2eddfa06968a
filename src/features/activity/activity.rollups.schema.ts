// Derived tables that keep the community statistics cheap at scale (10,000 people, millions of
// contributions). They hold nothing that is not in `contributions` and `github_accounts`: they
// are left out of backups (the `rollup_` prefix) and rebuilt by `rebuildRollups`. Database
// triggers (migration 0007) keep them up to date as contributions arrive and accounts change.
import { bigint, date, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { at } from '../../platform/db/columns.ts'

/**
 * Contributions per contributor, period and kind (`*` for all kinds), counted over the window
 * of the period that ends at `rollup_state.totals_until` (the start of an hour). Anything newer, and
 * the part of the window that has slid past since, is added at query time from `contributions`.
 * A contributor (`who`) is a person (`p:<uuid>`) or a GitHub account nobody has linked
 * (`gh:<id>`); accounts marked as bots are not counted.
 */
export const rollupContributorTotals = pgTable(
  'rollup_contributor_totals',
  {
    period: text('period').notNull(),
    kind: text('kind').notNull(),
    who: text('who').notNull(),
    n: integer('n').notNull(),
    lastAt: at('last_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.period, t.kind, t.who] }),
    index('rollup_contributor_totals_rank_idx').on(t.period, t.kind, t.n.desc(), t.lastAt.desc(), t.who),
    index('rollup_contributor_totals_who_idx').on(t.who),
  ],
)

/** Contributions per GitHub account and UTC month, all kinds (the monthly contributors chart). */
export const rollupContributorMonths = pgTable(
  'rollup_contributor_months',
  {
    githubId: bigint('github_id', { mode: 'number' }).notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    n: integer('n').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.githubId, t.month] }),
    index('rollup_contributor_months_month_idx').on(t.month),
  ],
)

/** Distinct contributors and newcomers per UTC month, recounted from the months above. */
export const rollupMonthCounts = pgTable('rollup_month_counts', {
  month: date('month', { mode: 'string' }).primaryKey(),
  contributors: integer('contributors').notNull(),
  newcomers: integer('newcomers').notNull(),
})

/** One row; absent until the rollups are built (queries are then answered from the raw rows). */
export const rollupState = pgTable('rollup_state', {
  id: integer('id').primaryKey(),
  totalsUntil: at('totals_until').notNull(),
  /** The earliest month whose counts are out of date (null: none; '-infinity': all). */
  monthsDirtyFrom: date('months_dirty_from', { mode: 'string' }),
  /** Moves on each time months become dirty, so a recount clears only what it counted. */
  monthsVersion: integer('months_version').notNull().default(0),
})
