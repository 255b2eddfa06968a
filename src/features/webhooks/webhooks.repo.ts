import { and, desc, eq } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { httpOutbox } from '../../platform/outbox/http.schema.ts'
import { webhookSubscriptions } from './webhooks.schema.ts'

export type Subscription = typeof webhookSubscriptions.$inferSelect

export const selectSubscriptions = (db: Db) =>
  db.select().from(webhookSubscriptions).orderBy(desc(webhookSubscriptions.createdAt))

export const selectActiveSubscriptions = (db: Db) =>
  db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.active, true))

export async function selectSubscription(db: Db, id: string) {
  const [row] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id))
  return row
}

export async function insertSubscription(db: Db, row: typeof webhookSubscriptions.$inferInsert) {
  const [inserted] = await db.insert(webhookSubscriptions).values(row).returning()
  return inserted!
}

export const updateSubscription = (
  db: Db,
  id: string,
  set: Partial<typeof webhookSubscriptions.$inferInsert>,
) => db.update(webhookSubscriptions).set(set).where(eq(webhookSubscriptions.id, id)).returning()

/** The latest deliveries to one subscription, newest first. */
export const selectDeliveries = (db: Db, subscriptionId: string, limit = 20) =>
  db
    .select()
    .from(httpOutbox)
    .where(and(eq(httpOutbox.kind, 'webhook'), eq(httpOutbox.subscriptionId, subscriptionId)))
    .orderBy(desc(httpOutbox.createdAt))
    .limit(limit)

/** Makes a delivery that gave up due again now, with a fresh count of attempts. */
export const resetDelivery = (db: Db, subscriptionId: string, id: string, now: Date) =>
  db
    .update(httpOutbox)
    .set({ attempts: 0, nextAttemptAt: now, lastError: null })
    .where(and(eq(httpOutbox.id, id), eq(httpOutbox.subscriptionId, subscriptionId)))
    .returning({ id: httpOutbox.id })
