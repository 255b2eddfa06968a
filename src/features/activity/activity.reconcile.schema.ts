import { sql } from 'drizzle-orm'
import { bigint, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { at, id } from '../../platform/db/columns.ts'

/**
 * A tracked repository as the REST reconciliation knows it, with one cursor per endpoint: the
 * newest `updated_at` of its last complete fetch. GitHub's `since` includes that instant, so an
 * unchanged repository asks for the same URL again and GitHub answers 304 to its ETag.
 */
export const reconcileRepos = pgTable(
  'activity_reconcile_repos',
  {
    repoId: bigint('repo_id', { mode: 'number' }).primaryKey(),
    /** owner/name as GitHub spells it now. */
    name: text('name').notNull(),
    issuesSince: at('issues_since'),
    issueCommentsSince: at('issue_comments_since'),
    reviewCommentsSince: at('review_comments_since'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('activity_reconcile_repos_name_key').on(sql`lower(${t.name})`)],
)

/**
 * The last ETag GitHub gave for the first page of one list (e.g. `<repo id>:issues`) and the URL
 * it belongs to, sent back as If-None-Match when that URL is asked again (a 304 is free). One row
 * per list, not per URL: the URL changes whenever the cursor moves.
 */
export const reconcileEtags = pgTable('activity_reconcile_etags', {
  list: text('list').primaryKey(),
  url: text('url').notNull(),
  etag: text('etag').notNull(),
  updatedAt: at('updated_at').notNull().defaultNow(),
})

/** One reconciliation run, for the console's "last reconciliation". */
export const reconcileRuns = pgTable(
  'activity_reconcile_runs',
  {
    id: id(),
    startedAt: at('started_at').notNull(),
    finishedAt: at('finished_at'),
    /** running, finished, rate-limited or failed. */
    outcome: text('outcome').notNull(),
    error: text('error'),
    /** When GitHub's rate limit resets (rate-limited runs). */
    resetAt: at('reset_at'),
    requests: integer('requests').notNull().default(0),
    notModified: integer('not_modified').notNull().default(0),
    stored: integer('stored').notNull().default(0),
  },
  (t) => [index('activity_reconcile_runs_started_idx').on(t.startedAt)],
)
