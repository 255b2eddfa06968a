// Rows the registration tests start from, inserted directly: an event (published, a week ahead,
// three places unless told), its organisers, a webhook subscriber, and what the tests read back.
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
