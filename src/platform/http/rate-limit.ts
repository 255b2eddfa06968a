import { sql } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { RateLimited } from '../errors.ts'
import { rateLimits } from './rate-limit.schema.ts'

export type Limit = { limit: number; windowSeconds: number }

/** Counts one attempt under `key`; throws RateLimited once the window's budget is spent. */
export async function spendAttempt(
  db: Db,
  key: string,
  { limit, windowSeconds }: Limit,
  now: Date,
): Promise<void> {
  const windowMs = windowSeconds * 1000
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs)
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, hits: 1 })
    .onConflictDoUpdate({
      target: [rateLimits.key, rateLimits.windowStart],
      set: { hits: sql`${rateLimits.hits} + 1` },
    })
    .returning({ hits: rateLimits.hits })
  if ((row?.hits ?? 0) > limit) {
    throw new RateLimited(Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000))
  }
}

export async function forgetOldAttempts(db: Db, now: Date): Promise<void> {
  await db.delete(rateLimits).where(sql`${rateLimits.windowStart} < ${new Date(now.getTime() - 86_400_000)}`)
}
