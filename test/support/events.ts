// Events for tests: one call makes a published event (with its seat counter) that other tests
// change by overrides, so every suite starts from the same shape of event.
import { eventOrganisers, eventSeats, events } from '../../src/platform/db/schema.ts'
import type { Deps } from '../../src/platform/deps.ts'

export type TestEvent = typeof events.$inferSelect
export type EventOverrides = Partial<typeof events.$inferInsert> & {
  /** People organising it, credited in this order. */
  organisers?: string[]
}

const HOUR = 3_600_000
let seq = 0

/**
 * A published offline conference a week after `deps.now()`, three hours long, in Asia/Shanghai,
 * with 50 places and no confirmed registrations; `overrides` change any column (a meetup needs
 * `kind: 'meetup'` and a `chapterId`). The seat counter row is made with it, as the service does.
 */
export async function createEvent(
  deps: Pick<Deps, 'db' | 'now'>,
  overrides: EventOverrides = {},
): Promise<TestEvent> {
  seq++
  const { organisers = [], ...columns } = overrides
  const now = deps.now()
  const startsAt = columns.startsAt ?? new Date(now.getTime() + 7 * 24 * HOUR)
  const status = columns.status ?? 'published'
  return deps.db.transaction(async (tx) => {
    const [event] = await tx
      .insert(events)
      .values({
        slug: `event-${process.pid}-${seq}`,
        kind: 'conference',
        mode: 'offline',
        titleEn: `Test event ${seq}`,
        titleZh: `测试活动${seq}`,
        timeZone: 'Asia/Shanghai',
        endsAt: new Date(startsAt.getTime() + 3 * HOUR),
        venueEn: 'Community hall',
        venueZh: '社区会堂',
        address: '1 Test Road',
        capacity: 50,
        publishedAt: status === 'draft' ? null : now,
        createdAt: now,
        updatedAt: now,
        ...columns,
        startsAt,
        status,
      })
      .returning()
    await tx.insert(eventSeats).values({ eventId: event!.id })
    if (organisers.length)
      await tx
        .insert(eventOrganisers)
        .values(organisers.map((personId, position) => ({ eventId: event!.id, personId, position })))
    return event!
  })
}
