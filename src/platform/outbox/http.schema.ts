import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { at, createdAt, id } from '../db/columns.ts'

/**
 * Outgoing HTTP requests (comments on GitHub issues, webhooks to other systems), written in the
 * transaction of the change they report and sent by a job, like mail. Credentials are never
 * stored here: they are added when the request is sent (see `deliverPendingRequests`).
 */
export const httpOutbox = pgTable(
  'http_outbox',
  {
    id: id(),
    /**
     * 'github' (the GitHub API, with the configured token), 'webhook' (a subscriber, signed),
     * 'websub' or 'podping' (telling the podcast world a feed changed).
     */
    kind: text('kind').notNull(),
    /** The webhook subscription a 'webhook' request goes to. */
    subscriptionId: uuid('subscription_id'),
    /** What it reports, e.g. application.approved. */
    event: text('event').notNull(),
    method: text('method').notNull(),
    url: text('url').notNull(),
    body: text('body').notNull(),
    contentType: text('content_type').notNull().default('application/json'),
    createdAt: createdAt(),
    attempts: integer('attempts').notNull().default(0),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
    sentAt: at('sent_at'),
  },
  (t) => [
    index('http_outbox_pending_idx').on(t.nextAttemptAt),
    index('http_outbox_subscription_idx').on(t.subscriptionId, t.createdAt),
  ],
)
