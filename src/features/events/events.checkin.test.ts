import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { chapterWithTeam } from '../../../test/support/chapters.ts'
import { testBackends } from '../../../test/support/db.ts'
import { registerFor } from '../../../test/support/events.checkin.ts'
import { createEvent } from '../../../test/support/events.ts'
import {
  eventCheckins,
  httpOutbox,
  volunteerRoles,
  volunteerShifts,
  volunteerSignups,
  webhookSubscriptions,
} from '../../platform/db/schema.ts'
import { currentRoles } from '../people/index.ts'
import { formatTicketCode } from './events.checkin.rules.ts'
import { scanTicket } from './events.checkin.ts'

// A meetup in Shanghai, 14:00–17:00 on Saturday 5 December 2026 (UTC+8).
const STARTS = new Date('2026-12-05T06:00:00Z')
const ENDS = new Date('2026-12-05T09:00:00Z')
const AT_1402 = new Date('2026-12-05T06:02:00Z')
const HOUR = 3_600_000

const text = async (res: Response) => (await res.text()).replace(/\s+/g, ' ')

for (const backend of await testBackends()) {
  describe(`check-in at the door [${backend}]`, async () => {
    const { t, deps, leader, member, sig } = await chapterWithTeam(backend, AT_1402, {
      slug: 'suzhou',
      cityZh: '苏州',
      cityEn: 'Suzhou',
    })
    const organiser = await makePerson(deps, { nameEn: 'Olivia Organiser', nameZh: '欧组织' })
    const meetup = await createEvent(deps, {
      kind: 'meetup',
      chapterId: (await deps.db.query.chapters.findFirst())!.id,
      startsAt: STARTS,
      endsAt: ENDS,
      organisers: [organiser.id],
    })
    const other = await createEvent(deps, { startsAt: STARTS, endsAt: ENDS })
    const asOrganiser = await t.clientAs(organiser.id)
    const door = `/en/console/events/${meetup.id}/checkin`
    const checkinsOf = async (eventId: string) =>
      (await deps.db.select().from(eventCheckins).where(eq(eventCheckins.eventId, eventId))).length
    const actor = async (personId: string) => ({
      personId,
      roles: (await currentRoles(deps, personId)).map((r) => ({ role: r.role, sigId: r.sigId })),
    })

    it('checks in a confirmed ticket by its code, tells subscribed systems, and counts it', async () => {
      await deps.db
        .insert(webhookSubscriptions)
        .values({ url: 'https://hooks.example/in', secret: 'whsec_x' })
      const guest = await makePerson(deps, { nameEn: 'Gao Guest', nameZh: '高嘉宾' })
      const reg = await registerFor(deps, meetup.id, guest.id)
      const res = await asOrganiser.postForm(door, { code: formatTicketCode(reg.ticketCode).toLowerCase() })
      assert.equal(res.status, 200)
      const page = await text(res)
      assert.match(page, /Checked in: Gao Guest/)
      assert.match(page, /1 of 1 checked in/)
      const [hook] = await deps.db.select().from(httpOutbox).where(eq(httpOutbox.event, 'checkin.created'))
      assert.ok(hook, 'a checkin.created delivery is queued with the check-in')
      const body = JSON.parse(hook.body) as { data: { registrationId: string; person: { handle: string } } }
      assert.equal(body.data.registrationId, reg.id)
      assert.equal(body.data.person.handle, guest.handle)
      await deps.db.delete(webhookSubscriptions)
    })

    it('says a second scan was checked in at 14:02 by whom, in both languages, and checks in nobody twice', async () => {
      const guest = await makePerson(deps, { nameEn: 'Second Scan', nameZh: '再扫' })
      const reg = await registerFor(deps, meetup.id, guest.id)
      await asOrganiser.postForm(door, { code: reg.ticketCode })
      const before = await checkinsOf(meetup.id)
      const en = await text(await asOrganiser.postForm(door, { code: reg.ticketCode }))
      assert.match(en, /Already checked in at 14:02 by Olivia Organiser/)
      assert.match(en, /Ticket of Second Scan/)
      const zh = await text(
        await asOrganiser.postForm(`/zh/console/events/${meetup.id}/checkin`, { code: reg.ticketCode }),
      )
      assert.match(zh, /已于 14:02 由欧组织签到/)
      assert.equal(await checkinsOf(meetup.id), before)
    })

    it('refuses waitlisted, pending, declined and cancelled places with a translated reason, and changes nothing', async () => {
      const cases = [
        ['waitlisted', /On the waitlist: this person has no place yet/, /候补中：此人尚无名额/],
        ['pending', /Waiting for approval/, /等待审核/],
        ['declined', /Declined: the organisers did not give this person a place/, /未获名额/],
        ['cancelled', /Cancelled: this person gave up their place/, /已取消：此人已放弃名额/],
      ] as const
      for (const [status, en, zh] of cases) {
        const reg = await registerFor(deps, meetup.id, (await makePerson(deps)).id, status)
        const before = await checkinsOf(meetup.id)
        assert.match(await text(await asOrganiser.postForm(door, { code: reg.ticketCode })), en)
        assert.match(
          await text(
            await asOrganiser.postForm(`/zh/console/events/${meetup.id}/checkin`, { code: reg.ticketCode }),
          ),
          zh,
        )
        assert.equal(await checkinsOf(meetup.id), before, status)
      }
    })

    it('refuses another event’s ticket without naming its holder, and forged or garbled codes', async () => {
      const stranger = await makePerson(deps, { nameEn: 'Elsewhere Person' })
      const foreign = await registerFor(deps, other.id, stranger.id)
      const page = await text(await asOrganiser.postForm(door, { code: foreign.ticketCode }))
      assert.match(page, /This ticket is for another event\./)
      assert.doesNotMatch(page, /Elsewhere Person/)
      assert.equal(await checkinsOf(other.id), 0)
      for (const forged of ['K7QM3TXPWN2R', 'not a ticket', 'https://evil.example/checkin/ABCDEFGHJKMN', ''])
        assert.match(
          await text(await asOrganiser.postForm(door, { code: forged })),
          /This is not a ticket for any event here/,
          forged,
        )
      assert.match(
        await text(
          await asOrganiser.postForm(`/zh/console/events/${meetup.id}/checkin`, { code: 'K7QM3TXPWN2R' }),
        ),
        /这不是本站任何活动的门票/,
      )
    })

    it('checks a ticket in once when several devices scan it at the same moment', async () => {
      const reg = await registerFor(deps, meetup.id, (await makePerson(deps)).id)
      const scanners = [organiser.id, leader, member]
      const results = await Promise.all(
        Array.from({ length: 9 }, async (_, i) =>
          scanTicket(deps, await actor(scanners[i % scanners.length]!), meetup.id, reg.ticketCode),
        ),
      )
      assert.equal(results.filter((r) => r.outcome.kind === 'checkIn').length, 1)
      assert.equal(results.filter((r) => r.outcome.kind === 'already').length, 8)
      const rows = await deps.db.select().from(eventCheckins).where(eq(eventCheckins.registrationId, reg.id))
      assert.equal(rows.length, 1)
    })

    it('refuses before the door opens two hours ahead, and after the last day ends', async () => {
      const reg = await registerFor(deps, meetup.id, (await makePerson(deps)).id)
      try {
        t.setNow(new Date(STARTS.getTime() - 2 * HOUR - 60_000))
        const early = await text(await asOrganiser.postForm(door, { code: reg.ticketCode }))
        assert.match(early, /Check-in has not opened yet/)
        assert.match(early, /Check-in opens Saturday, 5 December 2026 at 12:00/)
        t.setNow(new Date('2026-12-05T16:00:00Z'))
        assert.match(
          await text(await asOrganiser.postForm(door, { code: reg.ticketCode })),
          /Check-in has closed/,
        )
        t.setNow(new Date(STARTS.getTime() - 2 * HOUR))
        assert.match(await text(await asOrganiser.postForm(door, { code: reg.ticketCode })), /Checked in:/)
      } finally {
        t.setNow(AT_1402)
      }
    })

    it('lets organisers, the chapter’s team, the SIG and volunteers with a shift in; nobody else', async () => {
      const volunteer = await makePerson(deps)
      const [role] = await deps.db
        .insert(volunteerRoles)
        .values({ eventId: meetup.id, nameEn: 'Desk' })
        .returning()
      const [shift] = await deps.db
        .insert(volunteerShifts)
        .values({ roleId: role!.id, startsAt: STARTS, endsAt: ENDS, slots: 2 })
        .returning()
      const sigMember = await makePerson(deps)
      await t.grant(sigMember.id, 'sig_member', sig.id)
      const stranger = await makePerson(deps)
      assert.equal((await (await t.clientAs(volunteer.id)).get(door)).status, 403)
      await deps.db.insert(volunteerSignups).values({ shiftId: shift!.id, personId: volunteer.id })
      for (const who of [organiser.id, leader, member, sigMember.id, volunteer.id])
        assert.equal((await (await t.clientAs(who)).get(door)).status, 200, who)
      assert.equal((await (await t.clientAs(stranger.id)).get(door)).status, 403)
      const anonymous = await t.client().get(door)
      assert.equal(anonymous.status, 302)
      assert.match(anonymous.headers.get('location') ?? '', /\/en\/sign-in/)
      // A volunteer of this event is nobody at another event's door.
      assert.equal(
        (await (await t.clientAs(volunteer.id)).get(`/en/console/events/${other.id}/checkin`)).status,
        403,
      )
    })

    it('answers a script with JSON and keeps the counts at a small address every device polls', async () => {
      const reg = await registerFor(deps, meetup.id, (await makePerson(deps, { nameEn: 'Json Person' })).id)
      await asOrganiser.get(door)
      const res = await asOrganiser.request(door, {
        method: 'POST',
        body: new URLSearchParams({
          code: reg.ticketCode,
          _csrf: asOrganiser.cookies.get('__Host-hearth_csrf')!,
        }),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'http://hearth.test',
          accept: 'application/json',
        },
      })
      const json = (await res.json()) as Record<string, unknown>
      assert.equal(json.outcome, 'checkIn')
      assert.equal(json.tone, 'success')
      assert.equal(json.text, 'Checked in: Json Person')
      const counts = (await (await asOrganiser.get(`${door}/counts`)).json()) as Record<string, number>
      assert.equal(counts.checkedIn, await checkinsOf(meetup.id))
      assert.equal(res.headers.get('cache-control'), 'private, no-store')
      assert.equal((await t.client().get(`${door}/counts`)).status, 302)
    })

    it('lets the door use the camera, and the rest of the site not', async () => {
      const page = await asOrganiser.get(door)
      assert.match(page.headers.get('permissions-policy') ?? '', /camera=\(self\)/)
      const body = await page.text()
      assert.match(body, /<script type="module" src="\/assets\/checkin\.js\?v=/)
      assert.match(body, /data-jsqr="\/assets\/jsqr\.js\?v=/)
      assert.match((await t.client().get('/en')).headers.get('permissions-policy') ?? '', /camera=\(\)/)
      const jsqr = await t.client().get('/assets/jsqr.js')
      assert.equal(jsqr.status, 200)
      assert.match(await jsqr.text(), /jsQR/)
    })

    it('opens the door with the code read when a phone’s own camera opens the QR code’s address', async () => {
      const guest = await makePerson(deps, { nameEn: 'Camera App' })
      const reg = await registerFor(deps, meetup.id, guest.id)
      const bare = await asOrganiser.get(`/checkin/${reg.ticketCode}`, { 'accept-language': 'en' })
      assert.equal(bare.status, 302)
      const localised = await asOrganiser.get(bare.headers.get('location')!)
      assert.equal(localised.status, 303)
      assert.equal(localised.headers.get('location'), `${door}?code=${reg.ticketCode}`)
      const before = await checkinsOf(meetup.id)
      const preview = await text(await asOrganiser.get(localised.headers.get('location')!))
      assert.match(preview, /Camera App holds a confirmed place\. Check them in\?/)
      assert.equal(await checkinsOf(meetup.id), before, 'opening the address checks nobody in')
      const stranger = await t.clientAs((await makePerson(deps)).id)
      assert.equal((await stranger.get(`/en/checkin/${reg.ticketCode}`)).status, 404)
    })

    it('checks in through the API: 201 now, 200 with who and when after, 404 and 409 refusals that change nothing', async () => {
      const guest = await makePerson(deps, { nameEn: 'Api Guest' })
      const reg = await registerFor(deps, meetup.id, guest.id)
      const path = `/api/v1/events/${meetup.slug}/checkins`
      const first = await asOrganiser.api('POST', path, { code: formatTicketCode(reg.ticketCode) })
      assert.equal(first.status, 201)
      const body = (await first.json()) as {
        outcome: string
        person: { handle: string }
        checkedInBy: string
      }
      assert.deepEqual(
        [body.outcome, body.person.handle, body.checkedInBy],
        ['checkIn', guest.handle, organiser.handle],
      )
      const second = await asOrganiser.api('POST', path, { code: reg.ticketCode })
      assert.equal(second.status, 200)
      assert.equal(((await second.json()) as { outcome: string }).outcome, 'already')
      const waiting = await registerFor(deps, meetup.id, (await makePerson(deps)).id, 'waitlisted')
      const refused = await asOrganiser.api('POST', path, { code: waiting.ticketCode })
      assert.equal(refused.status, 409)
      assert.equal(((await refused.json()) as { reason: string }).reason, 'waitlisted')
      const foreign = await registerFor(deps, other.id, (await makePerson(deps)).id)
      const unknown = await asOrganiser.api('POST', path, { code: foreign.ticketCode })
      assert.equal(unknown.status, 404)
      assert.equal(((await unknown.json()) as { reason: string }).reason, 'otherEvent')
      assert.equal(await checkinsOf(other.id), 0)
      const stranger = await t.clientAs((await makePerson(deps)).id)
      assert.equal((await stranger.api('POST', path, { code: reg.ticketCode })).status, 403)
      const n = (await (await asOrganiser.api('GET', `${path}/counts`)).json()) as { checkedIn: number }
      assert.equal(n.checkedIn, await checkinsOf(meetup.id))
    })

    it('finds people by name when a ticket will not scan, and checks them in from the list', async () => {
      const guest = await makePerson(deps, { nameEn: 'Zhang Findable', nameZh: '张可寻' })
      const reg = await registerFor(deps, meetup.id, guest.id)
      const list = await text(await asOrganiser.get(`${door}?q=findable`))
      assert.match(list, /1 person matches “findable”/)
      assert.match(list, new RegExp(`name="registration" value="${reg.id}"`))
      const zh = await text(
        await asOrganiser.get(`/zh/console/events/${meetup.id}/checkin?q=${encodeURIComponent('张')}`),
      )
      assert.match(zh, /张可寻/)
      const done = await text(await asOrganiser.postForm(door, { registration: reg.id, q: 'findable' }))
      assert.match(done, /Checked in: Zhang Findable/)
      assert.match(done, /1 person matches “findable”/)
      assert.match(done, /Just arrived/)
    })
  })

  describe(`the ticket page [${backend}]`, async () => {
    const t = await makeTestApp(backend)
    t.setNow(new Date('2026-12-01T00:00:00Z'))
    const deps = t.deps
    const event = await createEvent(deps, {
      startsAt: STARTS,
      endsAt: ENDS,
      titleEn: 'Cloud Native Day',
      titleZh: '云原生日',
    })
    const ticketPage = `/en/events/${event.slug}/ticket`

    it('shows a confirmed holder the event, a QR code of the check-in address and the code to read out', async () => {
      const holder = await makePerson(deps)
      const reg = await registerFor(deps, event.id, holder.id)
      const res = await (await t.clientAs(holder.id)).get(ticketPage)
      assert.equal(res.status, 200)
      const page = await text(res)
      assert.match(page, /Cloud Native Day/)
      assert.match(page, /<svg role="img" aria-label="QR code of your ticket [A-Z2-9-]+"/)
      assert.match(page, new RegExp(formatTicketCode(reg.ticketCode)))
      assert.match(page, /Check-in opens Saturday, 5 December 2026 at 12:00/)
      assert.doesNotMatch(page, /style=/)
      assert.match(
        page,
        new RegExp(
          `<a class="button secondary" href="/en/events/${event.slug}/event.ics"[^>]*>Add to calendar</a>`,
        ),
      )
      const zh = await text(await (await t.clientAs(holder.id)).get(`/zh/events/${event.slug}/ticket`))
      assert.match(zh, /云原生日/)
      assert.match(zh, /入场时出示此二维码/)
    })

    it('tells a waitlisted or cancelled person so, with no code to show', async () => {
      for (const [status, words] of [
        ['waitlisted', /You are on the waitlist, so there is no ticket yet/],
        ['cancelled', /You gave up your place/],
      ] as const) {
        const person = await makePerson(deps)
        const reg = await registerFor(deps, event.id, person.id, status)
        const page = await text(await (await t.clientAs(person.id)).get(ticketPage))
        assert.match(page, words)
        assert.doesNotMatch(page, /<svg role="img"/)
        assert.doesNotMatch(page, new RegExp(reg.ticketCode))
        assert.doesNotMatch(page, new RegExp(formatTicketCode(reg.ticketCode)))
      }
    })

    it('shows someone else no ticket, and asks a stranger to sign in', async () => {
      const holder = await makePerson(deps)
      const reg = await registerFor(deps, event.id, holder.id)
      const page = await text(await (await t.clientAs((await makePerson(deps)).id)).get(ticketPage))
      assert.match(page, /You have not registered for this event/)
      assert.doesNotMatch(page, new RegExp(formatTicketCode(reg.ticketCode)))
      assert.equal((await t.client().get(ticketPage)).status, 302)
    })
  })
}
