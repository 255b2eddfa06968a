import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makePerson } from '../../../test/support/app.ts'
import { chapterWithTeam } from '../../../test/support/chapters.ts'
import { testBackends } from '../../../test/support/db.ts'
import type { EventOverrides } from '../../../test/support/events.ts'
import { at as berlin, berlinConference } from '../../../test/support/programme.ts'
import { changeStatus } from '../events/events.service.ts'

const NOW = new Date('2027-03-01T00:00:00Z')

/** A day's section of the schedule page, and its table rows as lists of cells. */
function dayOf(html: string, day: string) {
  const section = html.match(new RegExp(`<section class="schedule-day" id="day-${day}"[\\s\\S]*?</section>`))
  assert.ok(section, `no section for ${day}`)
  const body = section[0].split('<tbody>')[1]!
  const rows = [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...r[1]!.matchAll(/<td([^>]*)>([\s\S]*?)<\/td>|<td([^>]*)\/>/g)].map((m) => ({
      attrs: m[1] ?? m[3] ?? '',
      html: m[2] ?? '',
    })),
  )
  return { html: section[0], rows }
}

for (const backend of await testBackends()) {
  describe(`a conference's public schedule, session and speakers pages [${backend}]`, async () => {
    const { t, deps, leader, actorOf } = await chapterWithTeam(backend, NOW, {
      slug: 'berlin',
      cityZh: '柏林',
      cityEn: 'Berlin',
    })
    const anonymous = t.client()
    const speaker = await makePerson(deps, { handle: 'li-wei', nameEn: 'Li Wei', nameZh: '李伟' })

    /** Two days in Berlin over the night summer time starts, two rooms, a lunch for everyone. */
    async function conference(over: EventOverrides = {}) {
      const c = await berlinConference({ deps, leader, actorOf }, over)
      const { event, actor, hall1, hall2 } = c
      const talk = await c.session({
        titleZh: '调度器深入解析',
        titleEn: 'Scheduler deep dive',
        abstractZh: '从**源码**读调度器。',
        abstractEn: 'Reading the **scheduler’s** code.',
        language: 'zh',
        roomId: hall1.id,
        startsAt: berlin('2027-03-27T10:00'),
        endsAt: berlin('2027-03-27T10:45'),
        videoUrl: 'https://www.bilibili.com/video/BV1xx411c7mD',
        slidesUrl: 'https://example.org/slides.pdf',
      })
      await c.person(talk.id, speaker.handle)
      const wangFang = { nameZh: '王芳', nameEn: 'Wang Fang', affiliation: 'Example Corp' }
      await c.guest(talk.id, wangFang)
      const roundtable = await c.session({
        kind: 'roundtable',
        titleEn: 'Operators roundtable',
        language: 'en',
        roomId: hall2.id,
        startsAt: berlin('2027-03-28T10:00'),
        endsAt: berlin('2027-03-28T11:00'),
      })
      await c.guest(roundtable.id, wangFang, 'moderator')
      const night = await c.session({
        titleEn: 'Late-night hacking',
        language: 'en',
        startsAt: berlin('2027-03-28T01:30'),
        endsAt: berlin('2027-03-28T03:30'),
      })
      await c.session({
        kind: 'break',
        titleZh: '午餐',
        titleEn: 'Lunch',
        startsAt: berlin('2027-03-27T12:00'),
        endsAt: berlin('2027-03-27T13:00'),
      })
      return { event, actor, talk, roundtable, night }
    }

    it('places each session in its day and room, breaks across the rooms, each naming its room for a phone', async () => {
      const { event, talk, roundtable } = await conference()
      const res = await anonymous.get(`/en/events/${event.slug}/schedule`)
      assert.equal(res.status, 200)
      const html = await res.text()
      assert.match(html, /<th scope="col">Hall 1<\/th><th scope="col">Hall 2<\/th>/)
      assert.match(html, /href="#day-2027-03-27"/)
      const first = dayOf(html, '2027-03-27')
      // 10:00–10:45 talk in Hall 1 beside an empty Hall 2, a gap, then lunch across both rooms.
      assert.equal(first.rows.length, 3)
      assert.match(first.rows[0]![0]!.html, /Scheduler deep dive/)
      assert.match(first.rows[0]![0]!.html, new RegExp(`href="/en/events/${event.slug}/sessions/${talk.id}"`))
      assert.match(first.rows[0]![0]!.html, /class="schedule-room"> · Hall 1<\/span>/)
      assert.match(first.rows[0]![0]!.html, /Li Wei/)
      assert.match(first.rows[0]![0]!.html, /Wang Fang/)
      assert.match(first.rows[0]![0]!.html, /<span class="badge[^"]*">Chinese<\/span>/)
      assert.equal(first.rows[0]![1]!.attrs, ' class="schedule-empty"')
      assert.deepEqual(
        first.rows[1]!.map((c) => c.attrs),
        [' class="schedule-empty"', ' class="schedule-empty"'],
      )
      assert.equal(first.rows[2]!.length, 1)
      assert.match(first.rows[2]![0]!.attrs, /class="schedule-cell schedule-wide" colspan="2"/)
      assert.match(first.rows[2]![0]!.html, /All rooms<\/span><\/p><h3 class="schedule-title">Lunch<\/h3>/)
      assert.doesNotMatch(first.html, /Operators roundtable/)
      const second = dayOf(html, '2027-03-28')
      // The night the clocks go forward: 01:30 in winter time to 03:30 in summer time, across the rooms.
      assert.match(second.rows[0]![0]!.html, /Late-night hacking/)
      assert.match(second.rows[0]![0]!.html, /<time datetime="2027-03-28T01:30:00\+01:00">01:30<\/time>/)
      assert.match(second.rows[0]![0]!.html, /<time datetime="2027-03-28T03:30:00\+02:00">03:30<\/time>/)
      const roundtableRow = second.rows.find((r) => r.some((c) => c.html.includes('Operators roundtable')))!
      assert.equal(roundtableRow[0]!.attrs, ' class="schedule-empty"')
      assert.match(roundtableRow[1]!.html, new RegExp(`sessions/${roundtable.id}"`))
      assert.match(roundtableRow[1]!.html, /· Hall 2<\/span>/)
      assert.doesNotMatch(html, /style=/)
      assert.match(
        await (await anonymous.get(`/en/events/${event.slug}`)).text(),
        new RegExp(`href="/en/events/${event.slug}/schedule"`),
      )
    })

    it('writes titles in the reader’s language, a fallback with its lang', async () => {
      const { event } = await conference()
      const html = await (await anonymous.get(`/zh/events/${event.slug}/schedule`)).text()
      assert.match(html, /调度器深入解析/)
      assert.match(html, /<span lang="en">Operators roundtable<\/span>/)
      assert.match(html, /<th scope="col">一号厅<\/th>/)
    })

    it('filters by language and kind with plain links, breaks kept, unknown values ignored', async () => {
      const { event } = await conference()
      const path = `/en/events/${event.slug}/schedule`
      const zh = await (await anonymous.get(`${path}?language=zh`)).text()
      assert.match(zh, /Scheduler deep dive/)
      assert.doesNotMatch(zh, /Operators roundtable|Late-night hacking/)
      assert.match(zh, /Lunch/)
      assert.match(zh, /<option value="zh" selected="">Chinese<\/option>/)
      const roundtables = await (await anonymous.get(`${path}?kind=roundtable`)).text()
      assert.match(roundtables, /Operators roundtable/)
      assert.doesNotMatch(roundtables, /Scheduler deep dive/)
      const none = await (await anonymous.get(`${path}?kind=workshop`)).text()
      assert.match(none, /No session matches these filters\./)
      const bogus = await (await anonymous.get(`${path}?language=xx&kind=nope`)).text()
      assert.match(bogus, /Scheduler deep dive[\s\S]*Operators roundtable/)
    })

    it('shows a session: abstract, speakers, room, times, calendar, recording, slides, and its JSON-LD', async () => {
      const { event, talk } = await conference()
      const res = await anonymous.get(`/en/events/${event.slug}/sessions/${talk.id}`)
      assert.equal(res.status, 200)
      const html = await res.text()
      assert.match(html, /<h1[^>]*>Scheduler deep dive<\/h1>/)
      assert.match(html, /Reading the <strong>scheduler’s<\/strong> code\./)
      assert.match(html, /Hall 1/)
      assert.match(html, /datetime="2027-03-27T10:00:00\+01:00"/)
      assert.match(html, /data-your-time="Your time"/)
      assert.match(html, new RegExp(`href="/en/events/${event.slug}/sessions/${talk.id}/session.ics"`))
      assert.match(html, /<iframe src="https:\/\/player\.bilibili\.com\//)
      assert.match(html, /href="https:\/\/example\.org\/slides\.pdf"/)
      assert.match(html, /Li Wei/)
      assert.match(html, /Wang Fang[\s\S]*Example Corp/)
      const ld = JSON.parse(html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]!)
      assert.equal(ld['@type'], 'Event')
      assert.equal(ld.startDate, '2027-03-27T10:00:00+01:00')
      assert.equal(ld.superEvent.name, 'Cloud Native Days')
      assert.equal(ld.location.name, 'Hall 1')
      assert.deepEqual(
        ld.performer.map((p: { name: string }) => p.name),
        ['Li Wei', 'Wang Fang'],
      )
      const zh = await (await anonymous.get(`/zh/events/${event.slug}/sessions/${talk.id}`)).text()
      assert.match(zh, /从<strong>源码<\/strong>读调度器。/)
      for (const bad of ['not-a-uuid', '0190a000-0000-7000-8000-000000000001'])
        assert.equal((await anonymous.get(`/en/events/${event.slug}/sessions/${bad}`)).status, 404)
    })

    it('lists the speakers once each with their sessions', async () => {
      const { event, talk, roundtable } = await conference()
      const html = await (await anonymous.get(`/en/events/${event.slug}/speakers`)).text()
      const entries = html.split('<li class="speaker-entry">').slice(1)
      assert.equal(entries.length, 2)
      assert.match(entries[0]!, /Li Wei/)
      assert.match(entries[1]!, /Wang Fang/)
      assert.match(entries[1]!, new RegExp(`sessions/${talk.id}"[\\s\\S]*sessions/${roundtable.id}"`))
    })

    it('is a 404 to the public for a draft, the organisers’ preview; and for a cancelled event’s schedule', async () => {
      const { event, actor, talk } = await conference({ status: 'draft' })
      const organiser = await t.clientAs(leader)
      for (const path of ['schedule', `sessions/${talk.id}`, 'speakers']) {
        assert.equal((await anonymous.get(`/en/events/${event.slug}/${path}`)).status, 404, path)
        assert.equal((await organiser.get(`/en/events/${event.slug}/${path}`)).status, 200, path)
      }
      await changeStatus(deps, actor, event.id, 'publish')
      await changeStatus(deps, actor, event.id, 'cancel')
      assert.equal((await anonymous.get(`/en/events/${event.slug}/schedule`)).status, 404)
      assert.equal((await anonymous.get('/en/events/no-such-event/schedule')).status, 404)
    })
  })
}
