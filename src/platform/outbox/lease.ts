import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm'
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { Db } from '../db/client.ts'

/** The columns every outbox table has (mail, outgoing HTTP requests). */
export type OutboxTable = PgTable & {
  id: PgColumn
  attempts: PgColumn
  nextAttemptAt: PgColumn
  sentAt: PgColumn
  lastError: PgColumn
}

export type OutboxPolicy = { batch: number; leaseMs: number; maxAttempts: number }

/**
 * Leases what is due: rows are locked, skipping those another worker holds, and their next attempt
 * is pushed past the lease in a short transaction, so the sending happens outside any transaction
 * and two workers never send the same row at once. A worker that dies after sending and before
 * marking leaves the row to be sent again after the lease: at-least-once, never lost.
 */
export async function leaseDue<Row extends { id: string; attempts: number }>(
  db: Db,
  table: OutboxTable,
  now: Date,
  policy: OutboxPolicy,
): Promise<Row[]> {
  return db.transaction(async (tx) => {
    const due = (await tx
      .select()
      .from(table as never)
      .where(
        and(
          isNull(table.sentAt),
          // The database keeps microseconds, JavaScript milliseconds: a row written in this same
          // millisecond is due too.
          lte(table.nextAttemptAt, new Date(now.getTime() + 1)),
          sql`${table.attempts} < ${policy.maxAttempts}`,
        ),
      )
      .orderBy(asc(table.nextAttemptAt))
      .limit(policy.batch)
      .for('update', { skipLocked: true })) as unknown as Row[]
    if (due.length)
      await tx
        .update(table)
        .set({
          attempts: sql`${table.attempts} + 1`,
          nextAttemptAt: new Date(now.getTime() + policy.leaseMs),
        } as never)
        .where(
          inArray(
            table.id,
            due.map((row) => row.id),
          ),
        )
    return due
  })
}

/** Exponential back-off after a failed attempt: 1, 2, 4 … minutes, at most about 17 hours. */
export const retryAt = (now: Date, attempts: number) =>
  new Date(now.getTime() + 60_000 * 2 ** Math.min(attempts, 10))

/** Marks a leased row as failed this time, to be tried again later with the error kept. */
export const markFailed = (
  db: Db,
  table: OutboxTable,
  row: { id: string; attempts: number },
  now: Date,
  error: string,
) =>
  db
    .update(table)
    .set({ lastError: error, nextAttemptAt: retryAt(now, row.attempts) } as never)
    .where(eq(table.id, row.id))
