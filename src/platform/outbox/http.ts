import { eq } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import type { Logger } from '../log.ts'
import { httpOutbox } from './http.schema.ts'
import { leaseDue, markFailed } from './lease.ts'

export type OutgoingRequest = {
  kind: 'github' | 'webhook' | 'websub' | 'podping'
  subscriptionId?: string | null
  event: string
  method: 'POST' | 'PATCH' | 'GET'
  url: string
  /** JSON unless `form` says the body is form-encoded fields. */
  body: unknown
  form?: boolean
}

export type OutboxRow = typeof httpOutbox.$inferSelect

/** Call inside the transaction whose change the request reports. */
export async function enqueueRequest(db: Db, request: OutgoingRequest): Promise<void> {
  const { form, ...row } = request
  await db.insert(httpOutbox).values({
    ...row,
    body: form
      ? new URLSearchParams(request.body as Record<string, string>).toString()
      : JSON.stringify(request.body),
    contentType: form ? 'application/x-www-form-urlencoded' : 'application/json',
  })
}

/**
 * How a kind of request is sent: the headers that authenticate it (a token, a signature), or
 * why it cannot be sent any more (the subscription was removed, the token taken away); such a
 * request is kept with the reason and not tried again.
 */
export type Authorise = (row: OutboxRow) => Promise<{ headers: Record<string, string> } | { drop: string }>

export const requestPolicy = { batch: 20, leaseMs: 5 * 60_000, maxAttempts: 10 }

/** Sends what is due; a 2xx answer is success, anything else is tried again later with back-off. */
export async function deliverPendingRequests(
  deps: { db: Db; log: Logger; now: () => Date },
  authorise: Partial<Record<OutgoingRequest['kind'], Authorise>>,
): Promise<number> {
  const leased = await leaseDue<OutboxRow>(deps.db, httpOutbox, deps.now(), requestPolicy)
  let sent = 0
  for (const row of leased) {
    const sender = authorise[row.kind as OutgoingRequest['kind']]
    const how = sender ? await sender(row) : { drop: `nothing sends ${row.kind} requests` }
    if ('drop' in how) {
      await deps.db
        .update(httpOutbox)
        .set({ lastError: how.drop, attempts: requestPolicy.maxAttempts })
        .where(eq(httpOutbox.id, row.id))
      continue
    }
    let status: number | null = null
    try {
      const res = await fetch(row.url, {
        method: row.method,
        body: row.method === 'GET' ? undefined : row.body,
        headers: { 'content-type': row.contentType, 'user-agent': 'Hearth', ...how.headers },
        redirect: 'manual',
        signal: AbortSignal.timeout(15_000),
      })
      status = res.status
      // Only the status matters; a subscriber's body is neither read nor kept.
      await res.body?.cancel()
      if (!res.ok) throw new Error(`HTTP ${res.status}`)
      await deps.db
        .update(httpOutbox)
        .set({ sentAt: deps.now(), lastStatus: status, lastError: null })
        .where(eq(httpOutbox.id, row.id))
      sent++
    } catch (err) {
      const message = (err as Error).message ?? String(err)
      deps.log.warn('outgoing request failed', {
        outboxId: row.id,
        kind: row.kind,
        event: row.event,
        status,
        message,
      })
      await deps.db.update(httpOutbox).set({ lastStatus: status }).where(eq(httpOutbox.id, row.id))
      await markFailed(deps.db, httpOutbox, row, deps.now(), message)
    }
  }
  return sent
}
