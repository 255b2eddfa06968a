import { sql } from 'drizzle-orm'
import { bigint, boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { at, createdAt, id } from '../../platform/db/columns.ts'
import { people } from '../people/people.schema.ts'

/**
 * A GitHub account as the activity store knows it, keyed by its numeric id (logins change).
 * Activity of accounts nobody has linked yet is kept and attaches when a person links them.
 */
export const githubAccounts = pgTable(
  'github_accounts',
  {
    githubId: bigint('github_id', { mode: 'number' }).primaryKey(),
    login: text('login').notNull(),
    avatarUrl: text('avatar_url'),
    /** null: decided by the bot patterns; true/false: an administrator's decision. */
    botOverride: boolean('bot_override'),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('github_accounts_person_idx').on(t.personId),
    index('github_accounts_login_idx').on(sql`lower(${t.login})`),
  ],
)

/** The organisations and repositories that make up the community. */
export const activityScope = pgTable(
  'activity_scope',
  {
    id: id(),
    kind: text('kind').notNull(),
    /** An organisation login, or owner/name for a repository; compared case-insensitively. */
    name: text('name').notNull(),
    createdAt: createdAt(),
    createdBy: uuid('created_by').references(() => people.id),
  },
  (t) => [uniqueIndex('activity_scope_name_key').on(t.kind, sql`lower(${t.name})`)],
)

/**
 * One contribution. The key is natural (e.g. `review:123`, `push:<repo>:<sha>`), so the same
 * contribution arriving by webhook, from GH Archive and from the API is stored once.
 */
export const contributions = pgTable(
  'contributions',
  {
    key: text('key').primaryKey(),
    githubId: bigint('github_id', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    repoId: bigint('repo_id', { mode: 'number' }).notNull(),
    repoName: text('repo_name').notNull(),
    number: integer('number'),
    occurredAt: at('occurred_at').notNull(),
    source: text('source').notNull(),
  },
  (t) => [
    index('contributions_actor_time_idx').on(t.githubId, t.occurredAt),
    index('contributions_time_idx').on(t.occurredAt),
  ],
)

/** Every webhook delivery seen, so GitHub's redeliveries (same id) are counted once. */
export const webhookDeliveries = pgTable('webhook_deliveries', {
  deliveryId: text('delivery_id').primaryKey(),
  event: text('event').notNull(),
  receivedAt: at('received_at').notNull().defaultNow(),
  /** How many contributions it added (0 when ignored: out of scope, unknown event, a bot). */
  stored: integer('stored').notNull().default(0),
})

/** GH Archive files imported (or being imported), so a file is never imported twice. */
export const archiveImports = pgTable('archive_imports', {
  file: text('file').primaryKey(),
  startedAt: at('started_at').notNull().defaultNow(),
  finishedAt: at('finished_at'),
  events: integer('events').notNull().default(0),
  matched: integer('matched').notNull().default(0),
  malformed: integer('malformed').notNull().default(0),
  error: text('error'),
  /** The scope it was read for (`org:kubesphere`, `repo:owner/name`, lower case); null before it was kept. */
  scope: text('scope').array(),
})
