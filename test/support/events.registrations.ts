// Rows the registration tests start from, inserted directly: an event (published, a week ahead,
// three places unless told), its organisers, a webhook subscriber, and what the tests read back.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { and, asc, count, eq } from 'drizzle-orm'
import {
  eventOrganisers,
  eventRegistrations,
  eventSeats,
  events,
} from '../../src/features/events/events.schema.ts'
import { webhookSubscriptions } from '../../src/features/webhooks/webhooks.schema.ts'
import type { Db } from '../../src/platform/db/client.ts'
import { httpOutbox, mailOutbox } from '../../src/platform/db/schema.ts'

export type TestEvent = typeof events.$inferSelect

const DAY = 86_400_000

export async function insertEvent(
  db: Db,
  over: Partial<typeof events.$inferInsert> = {},
  options: { now?: Date } = {},
): Promise<TestEvent> {
  const starts = new Date((options.now ?? new Date()).getTime() + 7 * DAY)
  const [row] = await db
    .insert(events)
    .values({
      slug: `meetup-${randomBytes(4).toString('hex')}`,
      kind: 'conference',
      mode: 'offline',
      titleEn: 'Cloud native evening',
      titleZh: '云原生之夜',
      timeZone: 'Asia/Shanghai',
      startsAt: starts,
      endsAt: new Date(starts.getTime() + 3 * 3_600_000),
      venueEn: 'Community hall',
      venueZh: '社区礼堂',
      address: '1 Example Road',
      status: 'published',
      capacity: 3,
      ...over,
    })
    .returning()
  return row!
}

export const addOrganiser = (db: Db, eventId: string, personId: string) =>
  db.insert(eventOrganisers).values({ eventId, personId })

/** A subscriber to every event type, so webhook rows are written (nothing is sent in these tests). */
export const subscribeToEverything = (db: Db) =>
  db.insert(webhookSubscriptions).values({ url: 'https://hooks.example/hearth', secret: 'whsec_dGVzdA==' })

export const registrationsOf = (db: Db, eventId: string) =>
  db
    .select()
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, eventId))
    .orderBy(asc(eventRegistrations.queuedAt), asc(eventRegistrations.id))

export async function seatCounter(db: Db, eventId: string) {
  const [row] = await db.select().from(eventSeats).where(eq(eventSeats.eventId, eventId))
  return row?.confirmed ?? null
}

export async function confirmedRows(db: Db, eventId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'confirmed')))
  return row!.n
}

export const mailTo = (db: Db, address: string) =>
  db.select().from(mailOutbox).where(eq(mailOutbox.to, address)).orderBy(asc(mailOutbox.createdAt))

export const allMail = (db: Db) => db.select().from(mailOutbox).orderBy(asc(mailOutbox.createdAt))

export const webhookEvents = (db: Db) =>
  db.select().from(httpOutbox).where(eq(httpOutbox.kind, 'webhook')).orderBy(asc(httpOutbox.createdAt))

/** Everything a refusal must leave as it was. */
export async function snapshot(db: Db, eventId: string) {
  return {
    registrations: await registrationsOf(db, eventId),
    seats: await seatCounter(db, eventId),
    mail: (await allMail(db)).length,
    webhooks: (await webhookEvents(db)).length,
  }
}

/**
 * What "never oversold" means, checked on the rows: one row per person, the counter equal to the
 * confirmed rows, exactly min(active, capacity) confirmed unless organisers added people beyond
 * it, everyone else not cancelled waiting, and promotions taken from the head of the queue.
 * Returns the waitlist in queue order.
 */
export async function assertPlaces(db: Db, eventId: string, capacity: number) {
  const rows = await registrationsOf(db, eventId)
  assert.equal(new Set(rows.map((r) => r.personId)).size, rows.length, 'someone holds two registrations')
  const confirmed = rows.filter((r) => r.status === 'confirmed')
  const active = rows.filter((r) => r.status !== 'cancelled' && r.status !== 'declined')
  assert.equal(
    await seatCounter(db, eventId),
    confirmed.length,
    'the seat counter differs from the confirmed rows',
  )
  assert.equal(
    confirmed.length,
    Math.min(active.length, capacity),
    'places given differ from min(people, capacity)',
  )
  const waiting = rows
    .filter((r) => r.status === 'waitlisted')
    .sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime() || a.id.localeCompare(b.id))
  assert.equal(waiting.length, active.length - confirmed.length, 'someone is neither placed nor waiting')
  const promoted = confirmed.filter((r) => r.confirmedAt! > r.createdAt)
  if (waiting.length)
    for (const p of promoted)
      assert.ok(p.queuedAt <= waiting[0]!.queuedAt, 'a promotion skipped the head of the queue')
  return { rows, confirmed, waiting, promoted }
}
