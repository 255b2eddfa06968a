// Registrations for check-in tests, written as rows: the door reads what the registrations
// feature stores (a status and a ticket code), whatever path stored it.

import { eq, sql } from 'drizzle-orm'
import { newTicketCode } from '../../src/features/events/events.checkin.rules.ts'
import { eventRegistrations, eventSeats } from '../../src/platform/db/schema.ts'
import type { Deps } from '../../src/platform/deps.ts'

export type RegistrationStatus = (typeof eventRegistrations.$inferInsert)['status']

/** A person's registration for an event with a fresh ticket code (a confirmed one takes a seat). */
export async function registerFor(
  deps: Pick<Deps, 'db' | 'now'>,
  eventId: string,
  personId: string,
  status: RegistrationStatus = 'confirmed',
) {
  const now = deps.now()
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(eventRegistrations)
      .values({
        eventId,
        personId,
        status,
        ticketCode: newTicketCode(),
        queuedAt: now,
        confirmedAt: status === 'confirmed' ? now : null,
        cancelledAt: status === 'cancelled' ? now : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
    if (status === 'confirmed')
      await tx
        .update(eventSeats)
        .set({ confirmed: sql`${eventSeats.confirmed} + 1` })
        .where(eq(eventSeats.eventId, eventId))
    return row!
  })
}
