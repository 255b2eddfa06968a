import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import type { Context } from 'hono'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { createEvent } from '../../../test/support/events.ts'
import { volunteerRoles, volunteerShifts, volunteerSignups } from '../../platform/db/schema.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { type Locale, messagesFor } from '../../platform/i18n/index.ts'
import { signUpForShift, withdrawFromShift } from './events.volunteers.ts'
import { VolunteerPanel } from './events.volunteers.views.tsx'

// A meetup on Saturday 5 December 2026, 14:00–17:00 in Shanghai; the desk opens at 13:00.
const STARTS = new Date('2026-12-05T06:00:00Z')
const ENDS = new Date('2026-12-05T09:00:00Z')
const DESK = new Date('2026-12-05T05:00:00Z')
const BEFORE = new Date('2026-12-01T04:00:00Z')

const text = async (res: Response) => (await res.text()).replace(/\s+/g, ' ')

for (const backend of await testBackends()) {
  describe(`volunteers [${backend}]`, async () => {
    const t = await makeTestApp(backend)
    t.setNow(BEFORE)
    const deps = t.deps
    const organiser = await makePerson(deps, { nameEn: 'Olivia Organiser' })
    const asOrganiser = await t.clientAs(organiser.id)
    const actor = (personId: string) => ({ personId, roles: [] })

    /** A published meetup organised by `organiser`, with one role and one shift of `slots`. */
    async function eventWithShift(slots: number, status: 'published' | 'draft' = 'published') {
      const event = await createEvent(deps, {
        startsAt: STARTS,
        endsAt: ENDS,
        organisers: [organiser.id],
        status,
      })
      const [role] = await deps.db
        .insert(volunteerRoles)
        .values({ eventId: event.id, nameEn: 'Registration desk', nameZh: '签到台' })
        .returning()
      const [shift] = await deps.db
        .insert(volunteerShifts)
        .values({ roleId: role!.id, startsAt: DESK, endsAt: STARTS, slots })
        .returning()
      return { event, role: role!, shift: shift! }
    }
    const signupsOf = async (shiftId: string) =>
      (await deps.db.select().from(volunteerSignups).where(eq(volunteerSignups.shiftId, shiftId))).length

    it('lets organisers add roles and shifts in the event’s zone, and shows who covers what and what is missing', async () => {
      const event = await createEvent(deps, { startsAt: STARTS, endsAt: ENDS, organisers: [organiser.id] })
      const board = `/en/console/events/${event.id}/volunteers`
      const empty = await text(await asOrganiser.get(board))
      assert.match(empty, /No volunteer roles yet/)
      const added = await asOrganiser.postForm(`${board}/roles`, {
        nameZh: '摄影',
        nameEn: 'Photos',
        descriptionEn: 'Pictures of the talks and the crowd',
      })
      assert.equal(added.status, 303)
      const [role] = await deps.db.select().from(volunteerRoles).where(eq(volunteerRoles.eventId, event.id))
      const shiftAdded = await asOrganiser.postForm(`${board}/roles/${role!.id}/shifts`, {
        startsAt: '2026-12-05T13:30',
        endsAt: '2026-12-05T17:00',
        slots: '2',
      })
      assert.equal(shiftAdded.status, 303)
      const [shift] = await deps.db.select().from(volunteerShifts).where(eq(volunteerShifts.roleId, role!.id))
      assert.equal(shift!.startsAt.toISOString(), '2026-12-05T05:30:00.000Z', '13:30 in Shanghai')
      await signUpForShift(
        deps,
        actor((await makePerson(deps, { nameEn: 'Pat Photographer' })).id),
        event.slug,
        shift!.id,
      )
      const page = await text(await asOrganiser.get(board))
      assert.match(page, /Photos/)
      assert.match(page, /Pat Photographer/)
      assert.match(page, /1 of 2/)
      assert.match(page, /1 missing/)
      assert.match(page, /One more person is needed\./)
      const zh = await text(await asOrganiser.get(`/zh/console/events/${event.id}/volunteers`))
      assert.match(zh, /摄影/)
      assert.match(zh, /还需要 1 人。/)
    })

    it('refuses a shift needing nobody, and one ending before it starts, with translated messages', async () => {
      const { event, role } = await eventWithShift(1)
      const path = (l: Locale) => `/${l}/console/events/${event.id}/volunteers/roles/${role.id}/shifts`
      const none = await asOrganiser.postForm(path('en'), {
        startsAt: '2026-12-05T13:00',
        endsAt: '2026-12-05T14:00',
        slots: '0',
      })
      assert.equal(none.status, 422)
      assert.match(await text(none), /A shift needs at least one person/)
      const backwards = await asOrganiser.postForm(path('zh'), {
        startsAt: '2026-12-05T14:00',
        endsAt: '2026-12-05T13:00',
        slots: '1',
      })
      assert.match(await text(backwards), new RegExp(messagesFor('zh').validation.endsAfterStart))
      assert.equal(
        (await deps.db.select().from(volunteerShifts).where(eq(volunteerShifts.roleId, role.id))).length,
        1,
      )
    })

    it('keeps the board for those who organise the event', async () => {
      const { event } = await eventWithShift(1)
      const stranger = await t.clientAs((await makePerson(deps)).id)
      assert.equal((await stranger.get(`/en/console/events/${event.id}/volunteers`)).status, 403)
      const added = await stranger.postForm(`/en/console/events/${event.id}/volunteers/roles`, {
        nameEn: 'Sneaky',
      })
      assert.equal(added.status, 403)
    })

    it('never gives a shift more people than it needs when many sign up at once', async () => {
      const { event, shift } = await eventWithShift(3)
      const people = await Promise.all(Array.from({ length: 12 }, () => makePerson(deps)))
      const answers = await Promise.all(
        people.map((p) => signUpForShift(deps, actor(p.id), event.slug, shift.id)),
      )
      assert.equal(answers.filter((a) => a === null).length, 3)
      assert.equal(answers.filter((a) => a === 'full').length, 9)
      assert.equal(await signupsOf(shift.id), 3)
    })

    it('signs up from the event’s page, says so, and lets the volunteer check people in at the door', async () => {
      const { event, shift } = await eventWithShift(2)
      const person = await makePerson(deps)
      const client = await t.clientAs(person.id)
      const door = `/en/console/events/${event.id}/checkin`
      assert.equal((await client.get(door)).status, 403)
      const res = await client.postForm(`/en/events/${event.slug}/volunteer`, { shift: shift.id })
      assert.equal(res.status, 303)
      assert.equal(res.headers.get('location'), `/en/events/${event.slug}?volunteer=signedUp#volunteers`)
      assert.equal((await client.get(door)).status, 200)
      const again = await client.postForm(`/en/events/${event.slug}/volunteer`, { shift: shift.id })
      assert.equal(again.headers.get('location'), `/en/events/${event.slug}?volunteer=already#volunteers`)
      assert.equal(await signupsOf(shift.id), 1)
    })

    it('refuses a shift that has started or an event not published, and lets people withdraw until it starts', async () => {
      const { event, shift } = await eventWithShift(2)
      const person = await makePerson(deps)
      assert.equal(await signUpForShift(deps, actor(person.id), event.slug, shift.id), null)
      assert.equal(await withdrawFromShift(deps, actor(person.id), event.slug, shift.id), null)
      assert.equal(await withdrawFromShift(deps, actor(person.id), event.slug, shift.id), 'notSignedUp')
      assert.equal(await signUpForShift(deps, actor(person.id), event.slug, shift.id), null)
      try {
        t.setNow(DESK)
        assert.equal(await withdrawFromShift(deps, actor(person.id), event.slug, shift.id), 'ended')
        assert.equal(
          await signUpForShift(deps, actor((await makePerson(deps)).id), event.slug, shift.id),
          'ended',
        )
      } finally {
        t.setNow(BEFORE)
      }
      const draft = await eventWithShift(2, 'draft')
      assert.equal(
        await signUpForShift(deps, actor(person.id), draft.event.slug, draft.shift.id),
        'eventClosed',
      )
      assert.equal(await signupsOf(draft.shift.id), 0)
    })

    it('offers the event page a panel: places left and a button for the signed-in, a sign-in link for others', async () => {
      const { event, shift } = await eventWithShift(2)
      const person = await makePerson(deps)
      await signUpForShift(deps, actor((await makePerson(deps)).id), event.slug, shift.id)
      /** The panel as the event's page renders it for `viewer`, in `locale`. */
      const panel = async (viewer: string | null, locale: Locale = 'en', query = '', of = event) => {
        let issued = false
        const c = {
          var: {
            t: messagesFor(locale),
            locale,
            viewer: viewer ? { personId: viewer, roles: [] } : null,
            csrfToken: () => {
              issued = true
              return 'token'
            },
          },
          req: { query: (name: string) => new URLSearchParams(query).get(name) ?? undefined },
        } as unknown as Context<AppEnv>
        const out = await VolunteerPanel({ c, deps, event: of })
        const html = out === null ? '' : String(out)
        return { html: html.replace(/\s+/g, ' '), issued }
      }
      const anonymous = await panel(null)
      assert.match(anonymous.html, /Registration desk/)
      assert.match(anonymous.html, /1 place left/)
      assert.match(anonymous.html, /Sign in to volunteer/)
      assert.equal(anonymous.issued, false, 'an anonymous copy carries no form and stays cacheable')
      const signedIn = await panel(person.id)
      assert.match(signedIn.html, /aria-label="Sign up as Registration desk, [^"]+"/)
      await signUpForShift(deps, actor(person.id), event.slug, shift.id)
      const mine = await panel(person.id, 'zh', 'volunteer=signedUp')
      assert.match(mine.html, /谢谢！您已报名此班次。/)
      assert.match(mine.html, /签到台/)
      assert.match(mine.html, />退出</)
      const organiserPanel = await panel(organiser.id)
      assert.match(organiserPanel.html, new RegExp(`href="/en/console/events/${event.id}/volunteers"`))
      const bare = await createEvent(deps, { startsAt: STARTS, endsAt: ENDS })
      assert.equal((await panel(person.id, 'en', '', bare)).html, '', 'no roles: no section')
    })
  })
}
