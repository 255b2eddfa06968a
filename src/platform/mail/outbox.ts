import { and, count, desc, isNotNull, isNull } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { mailOutbox } from './mail.schema.ts'

export const recentMail = (db: Db, limit = 100) =>
  db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(limit)

/** Messages the mail server refused and that are still unsent: someone should look at the outbox. */
export async function countFailedMail(db: Db) {
  const [row] = await db
    .select({ n: count() })
    .from(mailOutbox)
    .where(and(isNull(mailOutbox.sentAt), isNotNull(mailOutbox.lastError)))
  return row?.n ?? 0
}
