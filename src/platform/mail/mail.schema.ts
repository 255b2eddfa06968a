import { index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core'
import { at, createdAt, id } from '../db/columns.ts'

/** A file sent with a message (an event's `.ics`): small text, kept in the outbox row until sent. */
export type MailAttachment = { filename: string; contentType: string; content: string }

/** Written in the same transaction as the change it reports; a job delivers it. */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: id(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    attachments: jsonb('attachments').$type<MailAttachment[]>(),
    createdAt: createdAt(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
    sentAt: at('sent_at'),
    /** 'smtp' when handed to the SMTP server, 'log' when no SMTP server is configured. */
    via: text('via'),
  },
  (t) => [index('mail_outbox_pending_idx').on(t.nextAttemptAt)],
)
