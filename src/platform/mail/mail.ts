import { eq } from 'drizzle-orm'
import nodemailer from 'nodemailer'
import type { Db } from '../db/client.ts'
import type { Logger } from '../log.ts'
import { leaseDue, markFailed } from '../outbox/lease.ts'
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

const policy = { batch: 20, leaseMs: 5 * 60_000, maxAttempts: 8 }

/** Delivers what is due (see `leaseDue`). */
export async function deliverPendingMail(deps: {
  db: Db
  mailer: Mailer
  log: Logger
  now: () => Date
}): Promise<number> {
  const leased = await leaseDue<typeof mailOutbox.$inferSelect>(deps.db, mailOutbox, deps.now(), policy)
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
      deps.log.warn('mail delivery failed', { outboxId: row.id, attempt: row.attempts + 1, err })
      await markFailed(deps.db, mailOutbox, row, deps.now(), String((err as Error).message ?? err))
    }
  }
  return sent
}
