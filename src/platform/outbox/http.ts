import { eq } from 'drizzle-orm'
import type { Config } from '../config.ts'
import type { Db } from '../db/client.ts'
import { noNetworksAllowed } from '../http/outgoing.rules.ts'
import { OutgoingFailed, sendOutgoing } from '../http/outgoing.ts'
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

/**
 * Sends one request. A webhook goes to an address an administrator typed, so it goes through the
 * outgoing guard (checked at connect, no redirects followed); the other kinds go to addresses
 * the operator configured (GitHub's API, the WebSub hub, Podping).
 */
async function send(
  row: OutboxRow,
  headers: Record<string, string>,
  allowed: Config['outgoingAllowed'],
): Promise<number> {
  const body = row.method === 'GET' ? undefined : row.body
  if (row.kind === 'webhook') {
    const res = await sendOutgoing({ allowed }, row.url, {
      method: row.method as 'POST',
      headers,
      ...(body === undefined ? {} : { body }),
      redirects: 0,
      maxBytes: 64 * 1024,
      timeoutMs: 15_000,
    })
    res.body.destroy()
    return res.status
  }
  const res = await fetch(row.url, {
    method: row.method,
    body,
    headers,
    redirect: 'manual',
    signal: AbortSignal.timeout(15_000),
  })
  await res.body?.cancel()
  return res.status
}

/** Sends what is due; a 2xx answer is success, anything else is tried again later with back-off. */
export async function deliverPendingRequests(
  deps: { db: Db; log: Logger; now: () => Date; config?: Pick<Config, 'outgoingAllowed'> },
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
      // Only the status matters; a subscriber's body is neither read nor kept.
      status = await send(
        row,
        { 'content-type': row.contentType, 'user-agent': 'Hearth', ...how.headers },
        deps.config?.outgoingAllowed ?? noNetworksAllowed,
      )
      if (status < 200 || status >= 300) throw new Error(`HTTP ${status}`)
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
        // Why a guarded request failed (a refused address, a closed port) is for the log only.
        ...(err instanceof OutgoingFailed ? { reason: err.reason, detail: err.detail } : {}),
      })
      await deps.db.update(httpOutbox).set({ lastStatus: status }).where(eq(httpOutbox.id, row.id))
      await markFailed(deps.db, httpOutbox, row, deps.now(), message)
    }
  }
  return sent
}
