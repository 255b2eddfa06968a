import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { and, asc, eq, isNull } from 'drizzle-orm'
import { BASE_URL, demoSite } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { DEMO_ADMIN_EMAIL } from '../../demo.ts'
import {
  chapters,
  eventCheckins,
  eventRegistrations,
  eventRooms,
  eventSessions,
  events,
  mailOutbox,
  people,
  proposalDecisions,
  proposalReviews,
  proposalSpeakers,
  proposals,
  scheduleVersions,
  sessionSpeakers,
  volunteerRoles,
  volunteerShifts,
  volunteerSignups,
} from '../../platform/db/schema.ts'
import { startSession } from '../accounts/index.ts'

const DAY = 86_400_000
const han = /\p{Script=Han}/u
const text = async (res: Response) => (await res.text()).replace(/\s+/g, ' ')

for (const backend of await testBackends()) {
  describe(`demo events (${backend})`, () => {
    const demo = demoSite(backend, { log: 'silent' })
    let cookie = ''
    const get = (path: string, signedIn = false) =>
      demo.app.request(`${BASE_URL}${path}`, signedIn ? { headers: { cookie } } : {})
    const eventOf = async (where: ReturnType<typeof eq>) =>
      (await demo.deps.db.select().from(events).where(where))[0]!
    const chapterId = async (slug: string) =>
      (await demo.deps.db.select().from(chapters).where(eq(chapters.slug, slug)))[0]!.id
    before(async () => {
      const [admin] = await demo.deps.db.select().from(people).where(eq(people.email, DEMO_ADMIN_EMAIL))
      cookie = `__Host-hearth_session=${(await startSession(demo.deps, admin!.id, 'test')).token}`
    })

    it('lists meetups to come for the chapters and the events held, at times around the demo’s now', async () => {
      const now = demo.deps.now()
      const all = await demo.deps.db.select().from(events).orderBy(asc(events.startsAt))
      assert.deepEqual(
        all.map((e) => [e.kind, e.status, e.startsAt < now]),
        [
          ['conference', 'published', true],
          ['meetup', 'published', true],
          ['meetup', 'published', false],
          ['meetup', 'published', false],
          ['meetup', 'published', false],
        ],
      )
      const conference = all[0]!
      assert.ok(now.getTime() - conference.startsAt.getTime() > 60 * DAY)
      assert.ok(conference.endsAt.getTime() - conference.startsAt.getTime() > DAY, 'two days')
      const html = await text(await get('/en/events'))
      for (const e of all) assert.ok(html.includes(`href="/en/events/${e.slug}"`), e.slug)
      assert.match(html, /Shanghai meetup: hands-on observability/)
    })

    it('a past conference modelled on KubeCon Hong Kong: roundtable, women empowerment, maintainer meetup, live podcast, videos and slides', async () => {
      const conference = await eventOf(eq(events.kind, 'conference'))
      const sessions = await demo.deps.db
        .select()
        .from(eventSessions)
        .where(eq(eventSessions.eventId, conference.id))
      const kinds = new Set(sessions.map((s) => s.kind))
      for (const kind of ['keynote', 'talk', 'roundtable', 'special', 'meetup', 'podcast'] as const)
        assert.ok(kinds.has(kind), kind)
      const roundtable = sessions.find((s) => s.kind === 'roundtable')!
      const roles = (
        await demo.deps.db.select().from(sessionSpeakers).where(eq(sessionSpeakers.sessionId, roundtable.id))
      ).map((s) => s.role)
      assert.equal(roles.filter((r) => r === 'moderator').length, 1)
      assert.ok(roles.filter((r) => r === 'panelist').length >= 3)
      assert.ok(sessions.find((s) => s.kind === 'podcast')!.episodeId, 'the live recording links its episode')
      const page = await text(await get(`/en/events/${conference.slug}`))
      assert.match(page, /Kubernetes maintainers’ roundtable/)
      assert.match(page, /Moderator/)
      assert.match(page, /Women empowerment session/)
      assert.match(page, /Maintainer meetup/)
      assert.match(page, /href="\/en\/podcast\/kubesphere-talk\/ep-2-zhang-haili"/)
      assert.match(page, /<iframe src="https:\/\/www\.youtube-nocookie\.com\/embed\//)
      assert.match(page, /<iframe src="https:\/\/player\.bilibili\.com\/player\.html\?bvid=/)
      assert.match(page, /href="https:\/\/slides\.example\.org\//)
      assert.match(page, /Example Cloud/)
      const zh = await text(await get(`/zh/events/${conference.slug}`))
      assert.match(zh, /女性赋能专场/)
      assert.match(zh, /云原生项目维护者见面会/)
    })

    it('the conference’s check-ins and no-shows reach its statistics', async () => {
      const conference = await eventOf(eq(events.kind, 'conference'))
      const regs = await demo.deps.db
        .select()
        .from(eventRegistrations)
        .where(eq(eventRegistrations.eventId, conference.id))
      const confirmed = regs.filter((r) => r.status === 'confirmed').length
      const checkedIn = (
        await demo.deps.db.select().from(eventCheckins).where(eq(eventCheckins.eventId, conference.id))
      ).length
      assert.ok(
        confirmed >= 25 && checkedIn > confirmed / 2 && checkedIn < confirmed,
        `${checkedIn}/${confirmed}`,
      )
      const stats = await text(await get(`/en/console/events/${conference.id}/statistics`, true))
      assert.match(
        stats,
        new RegExp(`aria-label="${checkedIn} of ${confirmed} people holding a place were checked in\\."`),
      )
      const overview = await text(await get('/en/console/events/statistics', true))
      assert.match(overview, /<th scope="row">Shanghai<\/th>/)
      assert.match(overview, /Community-wide/)
    })

    it('Shanghai’s next meetup is full, its waitlist in arrival order after one place was given up and its head promoted; its volunteer shifts are partly covered', async () => {
      const next = await eventOf(
        and(eq(events.chapterId, await chapterId('shanghai')), eq(events.capacity, 12))!,
      )
      assert.ok(next.startsAt > demo.deps.now())
      const regs = await demo.deps.db
        .select({ r: eventRegistrations, handle: people.handle })
        .from(eventRegistrations)
        .innerJoin(people, eq(people.id, eventRegistrations.personId))
        .where(eq(eventRegistrations.eventId, next.id))
        .orderBy(asc(eventRegistrations.createdAt))
      const byStatus = (s: string) => regs.filter((x) => x.r.status === s)
      assert.equal(byStatus('confirmed').length, 12)
      assert.equal(byStatus('cancelled').length, 1)
      const waiting = byStatus('waitlisted')
      assert.equal(waiting.length, 3)
      // In the order they registered; the one who came first among those left waiting got the place.
      const queue = [...waiting].sort((a, b) => a.r.queuedAt.getTime() - b.r.queuedAt.getTime())
      assert.deepEqual(
        queue.map((x) => x.r.id),
        waiting.map((x) => x.r.id),
      )
      const chen = regs.find((x) => x.handle === 'chen-bo')!
      assert.equal(chen.r.status, 'confirmed')
      assert.ok(chen.r.createdAt < waiting[0]!.r.createdAt)
      assert.ok(chen.r.confirmedAt! > chen.r.createdAt, 'promoted after registering')
      const page = await text(await get(`/en/events/${next.slug}`))
      assert.match(page, /waitlist/i)
      // Volunteers: two roles, three shifts, the team on two of them, the photos still to cover.
      const shifts = await demo.deps.db
        .select({ shift: volunteerShifts, role: volunteerRoles.nameEn })
        .from(volunteerShifts)
        .innerJoin(volunteerRoles, eq(volunteerRoles.id, volunteerShifts.roleId))
        .where(eq(volunteerRoles.eventId, next.id))
      assert.equal(shifts.length, 3)
      const signups = await demo.deps.db.select().from(volunteerSignups)
      const covered = (id: string) => signups.filter((x) => x.shiftId === id).length
      assert.equal(covered(shifts.find((x) => x.role === 'Photos')!.shift.id), 0)
      assert.equal(
        shifts.reduce((n, x) => n + covered(x.shift.id), 0),
        2,
      )
    })

    it('Hangzhou’s next salon asks questions, and registrations carry the answers', async () => {
      const salon = await eventOf(eq(events.chapterId, await chapterId('hangzhou')))
      assert.deepEqual(
        salon.questions.map((q) => [q.kind, q.required]),
        [
          ['choice', true],
          ['yes_no', false],
          ['text', false],
        ],
      )
      const role = salon.questions[0]!.key
      const regs = await demo.deps.db
        .select()
        .from(eventRegistrations)
        .where(eq(eventRegistrations.eventId, salon.id))
      assert.ok(regs.length >= 5)
      for (const r of regs)
        assert.ok(['dev', 'ops', 'student', 'other'].includes(r.answers[role] ?? ''), r.id)
    })

    it('Shanghai’s meetup with check-ins is its last offline event on the health board; Hangzhou stays at risk', async () => {
      const [shanghai, hangzhou] = await Promise.all(
        ['shanghai', 'hangzhou'].map(
          async (slug) => (await demo.deps.db.select().from(chapters).where(eq(chapters.slug, slug)))[0]!,
        ),
      )
      assert.equal(shanghai!.status, 'active')
      assert.equal(hangzhou!.status, 'at_risk')
      const held = await eventOf(
        and(
          eq(events.chapterId, shanghai!.id),
          eq(events.titleEn, 'Shanghai meetup: cloud-native storage in practice'),
        )!,
      )
      const checkedIn = (
        await demo.deps.db.select().from(eventCheckins).where(eq(eventCheckins.eventId, held.id))
      ).length
      const board = await text(await get('/en/console/chapters', true))
      assert.match(board, new RegExp(`href="/en/events/${held.slug}"`))
      assert.match(board, new RegExp(`${checkedIn} checked in`))
    })

    it('the conference ran a call: a dozen proposals in both languages, reviewed two or three times, decided, confirmed, and published as schedule 0.1 then 0.2 after one talk moved', async () => {
      const conference = await eventOf(eq(events.kind, 'conference'))
      const all = await demo.deps.db.select().from(proposals).where(eq(proposals.eventId, conference.id))
      assert.equal(all.length, 12)
      assert.ok(all.filter((p) => p.language === 'zh').length >= 5, 'Chinese proposals')
      assert.ok(all.filter((p) => p.language === 'en').length >= 5, 'English proposals')
      for (const p of all) assert.equal(han.test(p.title), p.language === 'zh', p.title)
      const states = (state: string) => all.filter((p) => p.state === state).length
      assert.deepEqual(
        [states('confirmed'), states('accepted'), states('rejected'), states('withdrawn')],
        [6, 1, 4, 1],
      )
      // The call closed before the conference, and every proposal came while it was open.
      for (const p of all) assert.ok(p.submittedAt < conference.startsAt)

      // Reviews in force: two or three for each proposal that stayed, none by one of its speakers.
      const reviews = await demo.deps.db
        .select()
        .from(proposalReviews)
        .where(isNull(proposalReviews.replacedAt))
      const speakers = await demo.deps.db.select().from(proposalSpeakers)
      for (const p of all) {
        const mine = reviews.filter((r) => r.proposalId === p.id)
        if (p.state === 'withdrawn') assert.equal(mine.length, 0)
        else assert.ok(mine.length >= 2 && mine.length <= 3, `${p.title}: ${mine.length} reviews`)
        const on = speakers.filter((s) => s.proposalId === p.id).map((s) => s.personId)
        for (const r of mine) assert.ok(!on.includes(r.reviewerId), 'a speaker reviewed their own talk')
      }
      assert.equal(new Set(reviews.map((r) => r.reviewerId)).size, 3)
      // Decisions were sent together, each once; confirmed speakers (and a co-speaker) confirmed.
      const decisions = await demo.deps.db.select().from(proposalDecisions)
      assert.equal(decisions.length, 11)
      assert.ok(decisions.every((d) => d.sentAt !== null))
      assert.equal(new Set(decisions.map((d) => d.sentAt!.getTime())).size, 1)
      for (const p of all.filter((x) => x.state === 'confirmed'))
        assert.ok(
          speakers.filter((s) => s.proposalId === p.id).every((s) => s.confirmedAt),
          p.title,
        )

      // The confirmed talks are sessions in Room A and Room B over both days; the one accepted
      // and never confirmed is not on the clock.
      const rooms = await demo.deps.db
        .select()
        .from(eventRooms)
        .where(eq(eventRooms.eventId, conference.id))
        .orderBy(asc(eventRooms.position))
      const fromCall = (
        await demo.deps.db.select().from(eventSessions).where(eq(eventSessions.eventId, conference.id))
      ).filter((s) => s.proposalId)
      const placed = fromCall.filter((s) => s.startsAt)
      assert.equal(placed.length, 6)
      assert.deepEqual([...new Set(placed.map((s) => s.roomId))].sort(), [rooms[1]!.id, rooms[2]!.id].sort())
      assert.equal(new Set(placed.map((s) => s.startsAt!.toISOString().slice(0, 10))).size, 2)
      assert.equal(fromCall.length, 7)

      // Two versions; 0.2 moved one talk and nothing else.
      const versions = await demo.deps.db
        .select()
        .from(scheduleVersions)
        .where(eq(scheduleVersions.eventId, conference.id))
        .orderBy(asc(scheduleVersions.publishedAt))
      assert.deepEqual(
        versions.map((v) => v.version),
        ['0.1', '0.2'],
      )
      assert.ok(versions[1]!.publishedAt < conference.startsAt)
      const log = versions[1]!.changeLog
      assert.deepEqual([log.added.length, log.removed.length, log.moved.length], [0, 0, 1])
      assert.equal(log.moved[0]!.titleEn, 'GitOps for a hundred clusters')
      assert.notEqual(log.moved[0]!.before.roomId, log.moved[0]!.after.roomId)
      assert.ok(versions[0]!.changeLog.added.some((s) => s.titleZh === '用 eBPF 排查生产环境的网络抖动'))

      // Readers see it: the grid names version 0.2 and the talks, and so does schedule.json.
      const grid = await text(await get(`/en/events/${conference.slug}/schedule`))
      assert.match(grid, /0\.2/)
      assert.match(grid, /GitOps for a hundred clusters/)
      assert.match(grid, /Writing operators people can debug/)
      assert.doesNotMatch(grid, /Kubernetes from zero/)
      const json = JSON.parse(await (await get(`/en/events/${conference.slug}/schedule.json`)).text())
      assert.equal(json.schedule.version, '0.2')
      // The mails of all this went out weeks before the conference: none waits to be sent now.
      const waiting = await demo.deps.db.select().from(mailOutbox).where(isNull(mailOutbox.sentAt))
      for (const m of waiting)
        assert.ok(!/GitOps|eBPF|Hong Kong|香港/.test(`${m.subject} ${m.text}`), m.subject)
    })

    it('keeps every name and title in its language: nothing Chinese in an English field', async () => {
      const rows = [
        ...(await demo.deps.db.select({ en: events.titleEn, zh: events.titleZh }).from(events)),
        ...(await demo.deps.db
          .select({ en: eventSessions.titleEn, zh: eventSessions.titleZh })
          .from(eventSessions)),
        // A speaker is a person here (named by their profile) or an outsider named in the row.
        ...(await demo.deps.db
          .select({ en: sessionSpeakers.nameEn, zh: sessionSpeakers.nameZh })
          .from(sessionSpeakers)
          .where(isNull(sessionSpeakers.personId))),
        ...(await demo.deps.db
          .select({ en: people.nameEn, zh: people.nameZh })
          .from(people)
          .innerJoin(eventRegistrations, eq(eventRegistrations.personId, people.id))),
      ]
      assert.ok(rows.length > 60)
      for (const { en, zh } of rows) {
        assert.ok(!en || !han.test(en), `English field with Chinese: ${en}`)
        assert.ok(en || zh, 'a name in at least one language')
      }
    })
  })
}
