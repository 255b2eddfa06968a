import { desc } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { mailOutbox } from './mail.schema.ts'

export const recentMail = (db: Db, limit = 100) =>
  db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(limit)
