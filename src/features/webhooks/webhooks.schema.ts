import { boolean, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { at, createdAt, id } from '../../platform/db/columns.ts'
import { people } from '../people/people.schema.ts'

/**
 * A system that wants to hear what happens here (a chat bot, a CRM, a spreadsheet), added by an
 * administrator. Requests to it are signed as the Standard Webhooks specification says, with this
 * subscription's secret.
 */
export const webhookSubscriptions = pgTable('webhook_subscriptions', {
  id: id(),
  url: text('url').notNull(),
  /** `whsec_` and 32 random bytes in base64, as Standard Webhooks libraries expect. */
  secret: text('secret').notNull(),
  /** The event types it receives; empty: all of them. */
  events: jsonb('events').$type<string[]>().notNull().default([]),
  description: text('description'),
  active: boolean('active').notNull().default(true),
  createdBy: uuid('created_by').references(() => people.id),
  createdAt: createdAt(),
  updatedAt: at('updated_at').notNull().defaultNow(),
})
