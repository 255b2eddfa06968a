import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm'
import nodemailer from 'nodemailer'
import type { Db } from '../db/client.ts'
import type { Logger } from '../log.ts'
import { mailOutbox } from './mail.schema.ts'

export type MailMessage = { to: string; subject: string; text: string }

export type Mailer = {
  /** 'log' means no SMTP server is configured: messages go to the log and stay readable in the console outbox. */
  via: 'smtp' | 'log'
  send(message: MailMessage): Promise<void>
  close(): void
}

export function createMailer(options: { smtpUrl?: string | undefined; from: string; log: Logger }): Mailer {
  if (!options.smtpUrl) {
    return {
      via: 'log',
      async send(message) {
        options.log.info('mail (no SMTP server configured)', {
          to: message.to,
          subject: message.subject,
          text: message.text,
        })
      },
      close() {},
    }
  }
  const transport = nodemailer.createTransport(options.smtpUrl)
  return {
    via: 'smtp',
    async send(message) {
      await transport.sendMail({ from: options.from, ...message })
    },
    close: () => transport.close(),
  }
}

/** Call inside the transaction whose change the message reports, so neither exists without the other. */
export async function enqueueMail(db: Db, message: MailMessage): Promise<void> {
  await db.insert(mailOutbox).values(message)
}

const LEASE_MS = 5 * 60_000
const MAX_ATTEMPTS = 8

/**
 * Delivers what is due. Rows are leased (next attempt pushed into the future) in a short
 * transaction and sent outside it: no network I/O inside a transaction, and two workers
 * never send the same row at once. A crash between sending and marking resends after the
 * lease: at-least-once, never lost.
 */
export async function deliverPendingMail(deps: {
  db: Db
  mailer: Mailer
  log: Logger
  now: () => Date
}): Promise<number> {
  const now = deps.now()
  const leased = await deps.db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(mailOutbox)
      .where(
        and(
          isNull(mailOutbox.sentAt),
          lte(mailOutbox.nextAttemptAt, now),
          sql`${mailOutbox.attempts} < ${MAX_ATTEMPTS}`,
        ),
      )
      .orderBy(asc(mailOutbox.nextAttemptAt))
      .limit(20)
      .for('update', { skipLocked: true })
    for (const row of due) {
      await tx
        .update(mailOutbox)
        .set({ attempts: row.attempts + 1, nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
        .where(eq(mailOutbox.id, row.id))
    }
    return due
  })
  let sent = 0
  for (const row of leased) {
    try {
      await deps.mailer.send({ to: row.to, subject: row.subject, text: row.text })
      await deps.db
        .update(mailOutbox)
        .set({ sentAt: deps.now(), via: deps.mailer.via, lastError: null })
        .where(eq(mailOutbox.id, row.id))
      sent++
    } catch (err) {
      // Exponential back-off: 1, 2, 4 … minutes.
      const delay = 60_000 * 2 ** Math.min(row.attempts, 10)
      deps.log.warn('mail delivery failed', { outboxId: row.id, attempt: row.attempts + 1, err })
      await deps.db
        .update(mailOutbox)
        .set({
          lastError: String((err as Error).message ?? err),
          nextAttemptAt: new Date(deps.now().getTime() + delay),
        })
        .where(eq(mailOutbox.id, row.id))
    }
  }
  return sent
}
