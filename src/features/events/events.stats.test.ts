import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makePerson } from '../../../test/support/app.ts'
import { chapterWithTeam } from '../../../test/support/chapters.ts'
import { testBackends } from '../../../test/support/db.ts'
import { registerFor } from '../../../test/support/events.checkin.ts'
import { createEvent } from '../../../test/support/events.ts'
import { eventCheckins } from '../../platform/db/schema.ts'

// A meetup in Suzhou, 14:00–17:00 on Saturday 5 December 2026 (UTC+8): registrations arrive on
// 1, 2 and 4 December; its door closes at midnight there (16:00 UTC).
const STARTS = new Date('2026-12-05T06:00:00Z')
const ENDS = new Date('2026-12-05T09:00:00Z')
const DAY = 86_400_000
const AFTER = new Date('2026-12-08T00:00:00Z')
const EVENING = new Date('2026-12-05T12:00:00Z')

const text = async (res: Response) => (await res.text()).replace(/\s+/g, ' ')

for (const backend of await testBackends()) {
  describe(`events' statistics [${backend}]`, async () => {
    const { t, deps, leader, member, sigLead } = await chapterWithTeam(backend, AFTER, {
      slug: 'suzhou',
      cityZh: '苏州',
      cityEn: 'Suzhou',
    })
    const chapterId = (await deps.db.query.chapters.findFirst())!.id
    const organiser = await makePerson(deps, { nameEn: 'Olivia Organiser', nameZh: '欧组织' })
    const meetup = await createEvent(deps, {
      kind: 'meetup',
      chapterId,
      startsAt: STARTS,
      endsAt: ENDS,
      capacity: 4,
      titleEn: 'Suzhou meetup',
      titleZh: '苏州 Meetup',
      organisers: [organiser.id],
    })
    // Four places held (registered on 1, 1, 2 and 4 December), one waiting, one given up;
    // three of the four checked in.
    const arrivals: [number, 'confirmed' | 'waitlisted' | 'cancelled', boolean][] = [
      [4, 'confirmed', true],
      [4, 'confirmed', true],
      [3, 'confirmed', true],
      [1, 'confirmed', false],
      [1, 'waitlisted', false],
      [2, 'cancelled', false],
    ]
    for (const [daysBefore, status, came] of arrivals) {
      t.setNow(new Date(STARTS.getTime() - daysBefore * DAY))
      const reg = await registerFor(deps, meetup.id, (await makePerson(deps)).id, status)
      if (came)
        await deps.db.insert(eventCheckins).values({
          registrationId: reg.id,
          eventId: meetup.id,
          checkedInAt: STARTS,
          checkedInBy: organiser.id,
        })
    }
    // A community-wide conference someone else organises: not the Suzhou team's to read.
    const conference = await createEvent(deps, {
      startsAt: new Date('2026-11-20T01:00:00Z'),
      endsAt: new Date('2026-11-21T09:00:00Z'),
      organisers: [(await makePerson(deps)).id],
    })
    t.setNow(AFTER)
    const asOrganiser = await t.clientAs(organiser.id)
    const page = `/en/console/events/${meetup.id}/statistics`

    it('shows an organiser registrations day by day, who came, and the no-shows once the door has closed', async () => {
      const res = await asOrganiser.get(page)
      assert.equal(res.status, 200)
      const html = await text(res)
      assert.match(html, /<h1>Statistics: Suzhou meetup<\/h1>/)
      assert.match(html, /Holding a place · of 4 places/)
      // 1 of 4 places unused.
      assert.match(html, /25%/)
      assert.match(html, /No-shows · 1 place unused/)
      assert.match(html, /role="img" aria-label="Over 5 days: 6 registrations made, 4 places held now\."/)
      assert.match(html, /aria-label="3 of 4 people holding a place were checked in\."/)
      // The table behind the line, from 1 December to the day of the event: 2 registrations on
      // the first day, all 6 by the 4th; the places held by the day each was given.
      assert.match(html, /<th scope="row">1 Dec 2026<\/th><td>2<\/td><td>2<\/td>/)
      assert.match(html, /<th scope="row">3 Dec 2026<\/th><td>4<\/td><td>3<\/td>/)
      assert.match(html, /<th scope="row">4 Dec 2026<\/th><td>6<\/td><td>4<\/td>/)
      assert.match(html, /<th scope="row">5 Dec 2026<\/th><td>6<\/td><td>4<\/td>/)
      // One waiting, one who gave their place up.
      assert.match(html, /<span class="stat-value">1<\/span><span class="stat-label">On the waitlist<\/span>/)
      assert.match(
        html,
        /<span class="stat-value">1<\/span><span class="stat-label">Gave up their place<\/span>/,
      )
      const zh = await text(await asOrganiser.get(`/zh/console/events/${meetup.id}/statistics`))
      assert.match(zh, /统计：苏州 Meetup/)
      assert.match(zh, /5 天内共有 6 人报名，目前 4 人持有名额。/)
      assert.match(zh, /未到场率/)
    })

    it('counts nobody a no-show while people may still arrive', async () => {
      t.setNow(EVENING)
      try {
        const html = await text(await asOrganiser.get(page))
        assert.match(html, /No-shows · Known once the door closes/)
        assert.match(html, /The door has not closed yet/)
        assert.doesNotMatch(html, /No-show rate/)
      } finally {
        t.setNow(AFTER)
      }
    })

    it('is a tab of the event in the console, for the chapter’s team as for its organisers; the events list links them all', async () => {
      const details = await text(await (await t.clientAs(leader)).get(`/en/console/events/${meetup.id}`))
      assert.match(details, new RegExp(`href="/en/console/events/${meetup.id}/statistics"`))
      assert.equal((await (await t.clientAs(member)).get(page)).status, 200)
      const list = await text(await asOrganiser.get('/en/console/events'))
      assert.match(list, /href="\/en\/console\/events\/statistics">Statistics of all your events</)
    })

    it('is refused to people who do not organise the event, and asks strangers to sign in', async () => {
      const outsider = await t.clientAs((await makePerson(deps)).id)
      assert.equal((await outsider.get(page)).status, 403)
      assert.equal((await outsider.get(`/en/console/events/${conference.id}/statistics`)).status, 403)
      const anonymous = await t.client().get(page)
      assert.ok([302, 303].includes(anonymous.status), `status ${anonymous.status}`)
      assert.match(anonymous.headers.get('location') ?? '', /sign-in/)
      assert.equal((await asOrganiser.get('/en/console/events/not-an-id/statistics')).status, 404)
    })

    it('counts each chapter’s events per year for the people who may organise them', async () => {
      const team = await text(await (await t.clientAs(leader)).get('/en/console/events/statistics'))
      assert.match(team, /<h1>Events statistics<\/h1>/)
      assert.match(
        team,
        /<th scope="row">Suzhou<\/th><td>2026<\/td><td>1<\/td><td>1<\/td><td>4<\/td><td>3<\/td><td>25%<\/td>/,
      )
      assert.match(team, new RegExp(`href="/en/console/events/${meetup.id}/statistics"`))
      assert.doesNotMatch(team, new RegExp(conference.id))
      // A lead of the SIG reads every chapter's: the conference has no chapter, so it is not theirs.
      const lead = await text(await (await t.clientAs(sigLead)).get('/zh/console/events/statistics'))
      assert.match(lead, /<th scope="row">苏州<\/th><td>2026<\/td>/)
      assert.match(lead, /按城市站和年份/)
    })

    it('teaches what belongs there when a person organises nothing yet', async () => {
      const html = await text(
        await (await t.clientAs((await makePerson(deps)).id)).get('/en/console/events/statistics'),
      )
      assert.match(html, /No events yet\./)
      assert.doesNotMatch(html, /<table/)
    })
  })
}
