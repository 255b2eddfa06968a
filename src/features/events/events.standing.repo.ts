// What events tell "recently active" (events.standing.ts): who organised, volunteered at or was
// checked in at an event that took place, newest first per person. Reads only.
import { and, desc, eq, inArray, lte } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import {
  eventCheckins,
  eventOrganisers,
  eventRegistrations,
  events,
  volunteerRoles,
  volunteerShifts,
  volunteerSignups,
} from './events.schema.ts'

const eventColumns = { titleZh: events.titleZh, titleEn: events.titleEn, slug: events.slug }

/**
 * Events the people organised that were held: published (a cancelled or postponed one was not
 * held, a draft never announced) and begun by `now`. Newest first.
 */
export const selectOrganisedHeld = (db: Db, personIds: string[], now: Date) =>
  db
    .select({ personId: eventOrganisers.personId, at: events.startsAt, ...eventColumns })
    .from(eventOrganisers)
    .innerJoin(events, eq(events.id, eventOrganisers.eventId))
    .where(
      and(
        inArray(eventOrganisers.personId, personIds),
        eq(events.status, 'published'),
        lte(events.startsAt, now),
      ),
    )
    .orderBy(desc(events.startsAt))

/** Volunteer shifts the people signed up for at held events, by the shift's start. Newest first. */
export const selectVolunteeredHeld = (db: Db, personIds: string[], now: Date) =>
  db
    .select({ personId: volunteerSignups.personId, at: volunteerShifts.startsAt, ...eventColumns })
    .from(volunteerSignups)
    .innerJoin(volunteerShifts, eq(volunteerShifts.id, volunteerSignups.shiftId))
    .innerJoin(volunteerRoles, eq(volunteerRoles.id, volunteerShifts.roleId))
    .innerJoin(events, eq(events.id, volunteerRoles.eventId))
    .where(
      and(
        inArray(volunteerSignups.personId, personIds),
        eq(events.status, 'published'),
        lte(volunteerShifts.startsAt, now),
      ),
    )
    .orderBy(desc(volunteerShifts.startsAt))

/** Check-ins of the people at the door, by when they were checked in. Newest first. */
export const selectCheckedIn = (db: Db, personIds: string[], now: Date) =>
  db
    .select({ personId: eventRegistrations.personId, at: eventCheckins.checkedInAt, ...eventColumns })
    .from(eventCheckins)
    .innerJoin(eventRegistrations, eq(eventRegistrations.id, eventCheckins.registrationId))
    .innerJoin(events, eq(events.id, eventCheckins.eventId))
    .where(and(inArray(eventRegistrations.personId, personIds), lte(eventCheckins.checkedInAt, now)))
    .orderBy(desc(eventCheckins.checkedInAt))
