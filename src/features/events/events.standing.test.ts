import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { makePerson } from '../../../test/support/app.ts'
import { chapterWithTeam } from '../../../test/support/chapters.ts'
import { testBackends } from '../../../test/support/db.ts'
import { createEvent } from '../../../test/support/events.ts'
import { chapters } from '../../platform/db/schema.ts'
import { messagesFor } from '../../platform/i18n/index.ts'
import { activityVerdictOf } from '../standing/index.ts'
import './index.ts'
import {
  eventCheckins,
  eventRegistrations,
  volunteerRoles,
  volunteerShifts,
  volunteerSignups,
} from './events.schema.ts'

const NOW = new Date('2027-03-01T00:00:00Z')
const DAY = 86_400_000
const ago = (days: number) => new Date(NOW.getTime() - days * DAY)

for (const backend of await testBackends()) {
  describe(`events count towards being recently active [${backend}]`, async () => {
    const { deps } = await chapterWithTeam(backend, NOW, {
      slug: 'berlin',
      cityZh: '柏林',
      cityEn: 'Berlin',
    })
    const [chapter] = await deps.db.select().from(chapters).where(eq(chapters.slug, 'berlin'))
    const meetup = (over: Parameters<typeof createEvent>[1]) =>
      createEvent(deps, { chapterId: chapter!.id, ...over })

    it('counts a person whose only activity is organising a meetup held last month', async () => {
      const host = await makePerson(deps)
      await meetup({
        titleEn: 'Berlin meetup #7',
        startsAt: ago(30),
        endsAt: ago(30 - 0.1),
        organisers: [host.id],
      })
      const verdict = await activityVerdictOf(deps, host.id)
      assert.equal(verdict.active, true)
      assert.deepEqual(
        verdict.counted.map((f) => [f.kind, f.where]),
        [['event_hosted', 'Berlin meetup #7']],
      )
      // What the standing panel calls it, in both languages.
      assert.equal(messagesFor('en').standing.kinds.event_hosted, 'Hosted an event')
      assert.equal(messagesFor('zh').standing.kinds.event_hosted, '主办活动')
    })

    it('does not count organising a meetup still to come, a cancelled one, or one held a year ago', async () => {
      const host = await makePerson(deps)
      await meetup({
        startsAt: new Date(NOW.getTime() + 7 * DAY),
        endsAt: new Date(NOW.getTime() + 7.1 * DAY),
        organisers: [host.id],
      })
      await meetup({ status: 'cancelled', startsAt: ago(10), endsAt: ago(9.9), organisers: [host.id] })
      await meetup({ startsAt: ago(365), endsAt: ago(364.9), organisers: [host.id] })
      const verdict = await activityVerdictOf(deps, host.id)
      assert.equal(verdict.active, false)
      // The old meetup is still what they did last.
      assert.equal(verdict.last?.kind, 'event_hosted')
    })

    it('counts volunteering for a shift and being checked in at a held meetup', async () => {
      const event = await meetup({ titleEn: 'Spring meetup', startsAt: ago(20), endsAt: ago(19.9) })
      const volunteer = await makePerson(deps)
      const attendee = await makePerson(deps)
      const [role] = await deps.db
        .insert(volunteerRoles)
        .values({ eventId: event.id, nameEn: 'Registration desk' })
        .returning()
      const [shift] = await deps.db
        .insert(volunteerShifts)
        .values({ roleId: role!.id, startsAt: ago(20.05), endsAt: ago(19.95), slots: 2 })
        .returning()
      await deps.db.insert(volunteerSignups).values({ shiftId: shift!.id, personId: volunteer.id })
      const [registration] = await deps.db
        .insert(eventRegistrations)
        .values({ eventId: event.id, personId: attendee.id, status: 'confirmed', ticketCode: randomUUID() })
        .returning()
      await deps.db
        .insert(eventCheckins)
        .values({ registrationId: registration!.id, eventId: event.id, checkedInAt: ago(20) })
      const asVolunteer = await activityVerdictOf(deps, volunteer.id)
      assert.equal(asVolunteer.active, true)
      assert.deepEqual(
        asVolunteer.counted.map((f) => f.kind),
        ['event_volunteered'],
      )
      const asAttendee = await activityVerdictOf(deps, attendee.id)
      assert.equal(asAttendee.active, true)
      assert.deepEqual(
        asAttendee.counted.map((f) => [f.kind, f.where]),
        [['event_attended', 'Spring meetup']],
      )
    })
  })
}
