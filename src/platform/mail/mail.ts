import { createRequire } from 'node:module'
import { inArray } from 'drizzle-orm'
import { batched } from '../db/batch.ts'
import type { Db } from '../db/client.ts'
import type { Deps } from '../deps.ts'
import { type Locale, messagesFor } from '../i18n/index.ts'
import type { Logger } from '../log.ts'
import { leaseDue, markFailed } from '../outbox/lease.ts'
import { type MailAttachment, mailOutbox } from './mail.schema.ts'

export type { MailAttachment }
export type MailMessage = {
  to: string
  subject: string
  text: string
  /** Files sent with the text (an event's `.ics`). */
  attachments?: MailAttachment[] | null
  /** Who writes, as the reader's mail program names the sender: the community (see `createMailer`). */
  fromName?: string | undefined
}

export type Mailer = {
  /** 'log' means no SMTP server is configured: messages go to the log and stay readable in the console outbox. */
  via: 'smtp' | 'log'
  send(message: MailMessage): Promise<void>
  close(): void
}

/**
 * The From header: MAIL_FROM as the operator wrote it when it names the sender ("KubeSphere
 * <noreply@…>"); a bare address goes out under `fromName`, the community's names, so that mail
 * programs show who writes rather than an address or the software's name.
 */
export function fromHeader(mailFrom: string, fromName: string | undefined) {
  if (/<[^>]*>\s*$/.test(mailFrom) || !fromName) return mailFrom
  return { name: fromName, address: mailFrom.trim() }
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
          attachments: message.attachments?.map((a) => a.filename),
        })
      },
      close() {},
    }
  }
  // Loaded only with an SMTP server to talk to: nodemailer is ~7 MiB resident that the log mailer
  // (the demo, tests) and a first start's preparing process need not hold (test/ops/memory.test.ts).
  const nodemailer = createRequire(import.meta.url)('nodemailer') as typeof import('nodemailer')
  const transport = nodemailer.createTransport(options.smtpUrl)
  return {
    via: 'smtp',
    async send({ attachments, fromName, ...message }) {
      await transport.sendMail({
        from: fromHeader(options.from, fromName),
        ...message,
        ...(attachments?.length
          ? {
              attachments: attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                content: a.content,
              })),
            }
          : {}),
      })
    },
    close: () => transport.close(),
  }
}

/** A message to write, in its reader's language. */
export type Letter = MailMessage & { locale: Locale }

/** Whom mails speak for: the community's names (`Deps.communityNames`) and the site's address. */
export type Sender = { names: Record<Locale, string | null>; siteUrl: string }

/** The sender, read through `db` (inside a transaction, its handle): once per batch of mails. */
export const senderOf = async (deps: Pick<Deps, 'communityNames' | 'config'>, db: Db): Promise<Sender> => ({
  names: await deps.communityNames(db),
  siteUrl: deps.config.baseUrl,
})

/**
 * A letter as the community sends it, in the reader's language: its name before the subject and,
 * with the site's address, under the text, so a reader knows at a glance who writes (never the
 * software's name). A community without a name yet signs with the address alone.
 */
export function signed({ locale, ...message }: Letter, sender: Sender): MailMessage {
  const t = messagesFor(locale)
  const name = sender.names[locale]
  return {
    to: message.to,
    subject: name ? t.mail.subjectFrom(name, message.subject) : message.subject,
    text: `${message.text}\n\n${t.mail.signature(name, `${sender.siteUrl}/${locale}`)}`,
    ...(message.attachments?.length ? { attachments: message.attachments } : {}),
  }
}

/**
 * Call inside the transaction whose change the message reports, so neither exists without the
 * other. Every mail is signed by the community (`signed`).
 */
export async function enqueueMail(db: Db, letter: Letter, sender: Sender): Promise<void> {
  await db.insert(mailOutbox).values(signed(letter, sender))
}

/** Many letters in one statement (a batch of decisions telling many people), as `enqueueMail`. */
export async function enqueueMails(db: Db, letters: Letter[], sender: Sender): Promise<void> {
  if (letters.length) await db.insert(mailOutbox).values(letters.map((letter) => signed(letter, sender)))
}

// A hundred at a time: a crowd's confirmations are leased in few statements, and even at a
// second a letter over a slow SMTP server a batch is sent well within its lease.
const policy = { batch: 100, leaseMs: 5 * 60_000, maxAttempts: 8 }

/**
 * Delivers what is due (see `leaseDue`), batch after batch until nothing due is left, so a
 * sign-in code never waits for the next sweep behind a backlog (a big announcement, a restored
 * server). From the community: its names, in both languages (a mail is read in either), name the
 * sender when MAIL_FROM does not (`fromHeader`). A failed mail is put back with its back-off, so
 * it is not due again in this run.
 */
export async function deliverPendingMail(
  deps: { db: Db; mailer: Mailer; log: Logger; now: () => Date } & Partial<Pick<Deps, 'communityNames'>>,
): Promise<number> {
  let sent = 0
  let fromName: string | undefined
  for (;;) {
    const leased = await leaseDue<typeof mailOutbox.$inferSelect>(deps.db, mailOutbox, deps.now(), policy)
    if (!leased.length) return sent
    if (fromName === undefined) {
      const names = await deps.communityNames?.(deps.db)
      fromName = [...new Set([names?.zh, names?.en].filter((n): n is string => Boolean(n)))].join(' · ')
    }
    // Marked as they go, without waiting: the marks made while one is being written go together.
    const marks: Promise<void>[] = []
    for (const row of leased) {
      try {
        await deps.mailer.send({
          to: row.to,
          subject: row.subject,
          text: row.text,
          attachments: row.attachments,
          fromName: fromName || undefined,
        })
        marks.push(markSent(deps, row.id))
        sent++
      } catch (err) {
        deps.log.warn('mail delivery failed', { outboxId: row.id, attempt: row.attempts + 1, err })
        await markFailed(deps.db, mailOutbox, row, deps.now(), String((err as Error).message ?? err))
      }
    }
    await Promise.all(marks)
    if (leased.length < policy.batch) return sent
  }
}

/**
 * Records mail as sent. A crowd's confirmations go out in a stream, and a statement for each
 * would take the database from the people registering; a process that dies before its mark is
 * written sends that mail again after the lease, as one dying between sending and marking always
 * could.
 */
const markSent = batched(
  async (deps: { db: Db; mailer: Mailer; now: () => Date }, ids: readonly string[]) => {
    await deps.db
      .update(mailOutbox)
      .set({ sentAt: deps.now(), via: deps.mailer.via, lastError: null })
      .where(inArray(mailOutbox.id, [...ids]))
    return ids.map(() => undefined)
  },
)
