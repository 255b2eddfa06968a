import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { makePerson } from '../../../test/support/app.ts'
import { chapterWithTeam } from '../../../test/support/chapters.ts'
import { testBackends } from '../../../test/support/db.ts'
import { assertStrict, readBack } from '../../../test/support/ical.ts'
import { at as berlin, berlinConference } from '../../../test/support/programme.ts'
import {
  eventSessions,
  httpOutbox,
  mailOutbox,
  scheduleVersions,
  webhookSubscriptions,
} from '../../platform/db/schema.ts'
import { en } from '../../platform/i18n/en.ts'
import { zh } from '../../platform/i18n/zh.ts'

const NOW = new Date('2027-03-01T00:00:00Z')

const te = en.programmeSchedule.editor

for (const backend of await testBackends()) {
  describe(`the schedule editor, published versions and my schedule [${backend}]`, async () => {
    const { t, deps, leader, member, actorOf } = await chapterWithTeam(backend, NOW, {
      slug: 'berlin',
      cityZh: '柏林',
      cityEn: 'Berlin',
    })
    const speaker = await makePerson(deps, {
      handle: 'li-wei-sched',
      nameEn: 'Li Wei',
      nameZh: '李伟',
      email: 'li.wei@example.org',
      locale: 'en',
    })

    /** A published two-day conference in Berlin with two halls, two unplaced talks, one by Li Wei. */
    async function conference() {
      const c = await berlinConference({ deps, leader, actorOf }, {}, null)
      const rust = await c.session({ titleEn: 'Rust in production', titleZh: 'Rust 上线实践' })
      const pg = await c.session({ titleEn: 'PostgreSQL indexes' })
      await c.person(rust.id, speaker.handle)
      return { event: c.event, hall1: c.hall1, hall2: c.hall2, rust, pg }
    }

    const sessionRow = async (id: string) => {
      const [row] = await deps.db.select().from(eventSessions).where(eq(eventSessions.id, id))
      return row!
    }
    const versionsOf = (eventId: string) =>
      deps.db.select().from(scheduleVersions).where(eq(scheduleVersions.eventId, eventId))
    const place = (
      client: Awaited<ReturnType<typeof t.clientAs>>,
      eventId: string,
      fields: Record<string, string>,
      locale = 'en',
    ) => client.postForm(`/${locale}/console/events/${eventId}/schedule/place`, fields)

    it('places a session with the plain form, and the grid and the editor show it there', async () => {
      const { event, hall1, rust } = await conference()
      const client = await t.clientAs(leader)
      const before = await sessionRow(rust.id)
      const res = await place(client, event.id, {
        session: rust.id,
        room: hall1.id,
        day: '2027-03-27',
        start: '10:00',
        end: '10:45',
      })
      assert.equal(res.status, 303)
      assert.match(res.headers.get('location') ?? '', /notice=placed/)
      const row = await sessionRow(rust.id)
      assert.equal(row.roomId, hall1.id)
      assert.equal(row.startsAt?.toISOString(), berlin('2027-03-27T10:00').toISOString())
      assert.equal(row.endsAt?.toISOString(), berlin('2027-03-27T10:45').toISOString())
      assert.equal(row.guid, before.guid, 'the guid stays')
      const page = await (await client.get(`/en/console/events/${event.id}/schedule?notice=placed`)).text()
      assert.ok(page.includes(te.placed))
      assert.ok(page.includes(en.programmeSchedule.conflicts.none))
      assert.match(page, /data-session="[^"]+"[^>]*>/)
      const grid = await (await t.client().get(`/en/events/${event.slug}/schedule`)).text()
      assert.ok(grid.includes('Rust in production'))
    })

    it('shows two sessions in one room as a conflict that blocks publishing until an organiser accepts it', async () => {
      const { event, hall1, rust, pg } = await conference()
      const client = await t.clientAs(leader)
      for (const s of [rust, pg])
        assert.equal(
          (
            await place(client, event.id, {
              session: s.id,
              room: hall1.id,
              day: '2027-03-27',
              start: '10:00',
              end: '10:45',
            })
          ).status,
          303,
        )
      const page = await (await client.get(`/en/console/events/${event.id}/schedule`)).text()
      assert.ok(page.includes(en.programmeSchedule.conflicts.kinds.room('Hall 1')), 'the conflict is named')
      assert.ok(page.includes(te.openConflicts(1)))
      assert.ok(page.includes('has-conflict'), 'the grid marks the sessions')

      const refused = await client.postForm(`/en/console/events/${event.id}/schedule/publish`, {})
      assert.equal(refused.status, 422)
      assert.ok((await refused.text()).includes(te.refused.openConflicts))
      assert.equal((await versionsOf(event.id)).length, 0, 'nothing is published')

      const key = page.match(/name="key" value="([^"]+)"/)?.[1]
      assert.ok(key)
      const accepted = await client.postForm(`/en/console/events/${event.id}/schedule/accept`, { key })
      assert.equal(accepted.status, 303)
      const after = await (await client.get(`/en/console/events/${event.id}/schedule`)).text()
      assert.ok(after.includes(te.openConflicts(0)))
      assert.ok(after.includes(te.acceptedMark))
      const published = await client.postForm(`/en/console/events/${event.id}/schedule/publish`, {})
      assert.equal(published.status, 303)
      assert.deepEqual(
        (await versionsOf(event.id)).map((v) => v.version),
        ['0.1'],
      )
    })

    it('publishes 0.1 then 0.2 with the moved session in the change log, one mail to its speaker, and the same GUID in schedule.json', async () => {
      const { event, hall1, hall2, rust, pg } = await conference()
      await deps.db.insert(webhookSubscriptions).values({
        url: 'https://hooks.example/schedule',
        secret: 'whsec_test',
        events: ['schedule.published'],
      })
      const client = await t.clientAs(leader)
      await place(client, event.id, {
        session: rust.id,
        room: hall1.id,
        day: '2027-03-27',
        start: '10:00',
        end: '10:45',
      })
      await place(client, event.id, {
        session: pg.id,
        room: hall2.id,
        day: '2027-03-27',
        start: '10:00',
        end: '10:45',
      })
      assert.equal((await client.postForm(`/en/console/events/${event.id}/schedule/publish`, {})).status, 303)
      const json1 = await (await t.client().get(`/en/events/${event.slug}/schedule.json`)).json()
      assert.equal(json1.schedule.version, '0.1')
      const guid1 = JSON.stringify(json1).match(
        /"guid":"([^"]+)","[^"]*"?[^}]*"title":"Rust in production"/,
      )?.[1]

      const mailsBefore = await deps.db
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.to, 'li.wei@example.org'))
      await place(client, event.id, {
        session: rust.id,
        room: hall2.id,
        day: '2027-03-28',
        start: '14:00',
        end: '14:45',
      })
      // Nothing published yet: the editor lists the move as a change to publish.
      const page = await (await client.get(`/en/console/events/${event.id}/schedule`)).text()
      assert.ok(page.includes(te.pending(1)))
      assert.equal((await client.postForm(`/en/console/events/${event.id}/schedule/publish`, {})).status, 303)

      const versions = (await versionsOf(event.id)).sort((a, b) => a.version.localeCompare(b.version))
      const hooks = (
        await deps.db.select().from(httpOutbox).where(eq(httpOutbox.event, 'schedule.published'))
      )
        .map((h) => JSON.parse(h.body))
        .filter((b) => b.data.event.id === event.id)
      assert.deepEqual(
        hooks.map((b) => [b.data.version, b.data.changes.moved.length]),
        [
          ['0.1', 0],
          ['0.2', 1],
        ],
        'subscribers hear of each version, the second with its move',
      )
      assert.deepEqual(
        versions.map((v) => v.version),
        ['0.1', '0.2'],
      )
      const log = versions[1]!.changeLog
      assert.equal(log.moved.length, 1)
      assert.equal(log.moved[0]!.guid, (await sessionRow(rust.id)).guid)
      assert.equal(log.moved[0]!.after.roomId, hall2.id)
      const mails = (
        await deps.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'li.wei@example.org'))
      ).slice(mailsBefore.length)
      assert.equal(mails.length, 1, 'exactly one mail to the speaker')
      assert.ok(mails[0]!.subject.includes('0.2'))
      assert.ok(mails[0]!.text.includes('Rust in production'))

      const json2 = await (await t.client().get(`/en/events/${event.slug}/schedule.json`)).json()
      assert.equal(json2.schedule.version, '0.2')
      const talks = json2.schedule.conference.days.flatMap(
        (d: { rooms: Record<string, { guid: string; title: string }[]> }) => Object.values(d.rooms).flat(),
      )
      const moved = talks.find((x: { title: string }) => x.title === 'Rust in production')
      assert.equal(moved.guid, (await sessionRow(rust.id)).guid)
      if (guid1) assert.equal(moved.guid, guid1)
      assert.ok(
        (await (await t.client().get(`/en/events/${event.slug}/schedule`)).text()).includes(
          en.programmeSchedule.public.version('0.2'),
        ),
      )

      // Publishing again with nothing moved is refused, and nothing is written.
      const again = await client.postForm(`/en/console/events/${event.id}/schedule/publish`, {})
      assert.equal(again.status, 422)
      assert.ok((await again.text()).includes(te.refused.noChanges))
      assert.equal((await versionsOf(event.id)).length, 2)

      // The API lists the versions and gives one with its change log.
      const list = await (
        await t.client().api('GET', `/api/v1/events/${event.slug}/schedule/versions`)
      ).json()
      assert.deepEqual(
        list.map((v: { version: string }) => v.version),
        ['0.2', '0.1'],
      )
      const one = await (
        await t.client().api('GET', `/api/v1/events/${event.slug}/schedule/versions/0.2`)
      ).json()
      assert.equal(one.changeLog.moved[0].titleEn, 'Rust in production')
      const current = await (await t.client().api('GET', `/api/v1/events/${event.slug}/schedule`)).json()
      assert.equal(current.version, '0.2')
      // Publishing through the API with nothing new: a 409 that says why, in the reader's language.
      const apiAgain = await client.api('POST', `/api/v1/events/${event.slug}/schedule/versions`)
      assert.equal(apiAgain.status, 409)
      const problem = await apiAgain.json()
      assert.equal(problem.code, 'noChanges')
      assert.equal(problem.title, te.refused.noChanges)
      const doc = await (await t.client().get('/api/v1/openapi.json')).json()
      for (const path of [
        '/events/{slug}/schedule',
        '/events/{slug}/schedule/versions',
        '/events/{slug}/schedule/versions/{version}',
      ])
        assert.ok(doc.paths[path], path)
    })

    it('refuses bad placements in the reader’s language and changes nothing', async () => {
      const { event, hall1, rust } = await conference()
      const other = await conference()
      const client = await t.clientAs(leader)
      const before = await sessionRow(rust.id)
      const cases: [Record<string, string>, string, string][] = [
        [
          { session: other.pg.id, room: hall1.id, day: '2027-03-27', start: '10:00', end: '10:45' },
          te.refused.unknownSession,
          zh.programmeSchedule.editor.refused.unknownSession,
        ],
        [
          { session: rust.id, room: hall1.id, day: '2027-03-27', start: '11:00', end: '10:00' },
          te.refused.endBeforeStart,
          zh.programmeSchedule.editor.refused.endBeforeStart,
        ],
        [
          { session: rust.id, room: other.hall1.id, day: '2027-03-27', start: '10:00', end: '10:45' },
          te.refused.unknownRoom,
          zh.programmeSchedule.editor.refused.unknownRoom,
        ],
        [
          { session: rust.id, room: hall1.id, day: '2027-04-01', start: '10:00', end: '10:45' },
          te.refused.badDay,
          zh.programmeSchedule.editor.refused.badDay,
        ],
      ]
      for (const [fields, english, chinese] of cases) {
        const res = await place(client, event.id, fields)
        assert.equal(res.status, 422)
        assert.ok((await res.text()).includes(english), english)
        const resZh = await place(client, event.id, fields, 'zh')
        assert.equal(resZh.status, 422)
        assert.ok((await resZh.text()).includes(chinese), chinese)
      }
      assert.deepEqual(await sessionRow(rust.id), before)
      assert.equal((await sessionRow(other.pg.id)).startsAt, null, 'the other event’s session stays unplaced')

      // Someone who does not organise the event may not place, publish or even see the editor.
      const stranger = await t.clientAs(member)
      assert.equal((await stranger.get(`/en/console/events/${event.id}/schedule`)).status, 403)
      const forbidden = await place(stranger, event.id, {
        session: rust.id,
        room: hall1.id,
        day: '2027-03-27',
        start: '10:00',
        end: '10:45',
      })
      assert.equal(forbidden.status, 403)
      assert.equal(
        (await stranger.postForm(`/en/console/events/${event.id}/schedule/publish`, {})).status,
        403,
      )
      assert.deepEqual(await sessionRow(rust.id), before)
      assert.equal((await versionsOf(event.id)).length, 0)
      const api = await stranger.api('POST', `/api/v1/events/${event.slug}/schedule/versions`)
      assert.equal(api.status, 403)
    })

    it('adds a break across every room, and the editor reads in Chinese', async () => {
      const { event } = await conference()
      const client = await t.clientAs(leader)
      const res = await client.postForm(`/zh/console/events/${event.id}/schedule/break`, {
        titleZh: '午餐',
        titleEn: 'Lunch',
        day: '2027-03-27',
        start: '12:30',
        end: '13:30',
      })
      assert.equal(res.status, 303)
      const page = await (await client.get(`/zh/console/events/${event.id}/schedule`)).text()
      assert.ok(page.includes(zh.programmeSchedule.editor.titleFor('云原生日')))
      assert.ok(page.includes('午餐'))
      assert.ok(page.includes('editor-wide'), 'the break spans the rooms')
      const missing = await client.postForm(`/zh/console/events/${event.id}/schedule/break`, {
        day: '2027-03-27',
        start: '12:30',
        end: '13:30',
      })
      assert.equal(missing.status, 422)
      assert.ok((await missing.text()).includes(zh.programmeSchedule.editor.refused.missingTitle))
    })

    it('stars and unstars sessions for my schedule, without script, and its private feed reads back', async () => {
      const { event, hall1, rust, pg } = await conference()
      const organiser = await t.clientAs(leader)
      await place(organiser, event.id, {
        session: rust.id,
        room: hall1.id,
        day: '2027-03-27',
        start: '10:00',
        end: '10:45',
      })
      const reader = await t.clientAs(member)
      const grid = await (await reader.get(`/en/events/${event.slug}/schedule`)).text()
      assert.ok(grid.includes(en.programmeSchedule.public.star))
      const starred = await reader.postForm('/en/me/schedule/star', {
        session: rust.id,
        on: '1',
        back: `/en/events/${event.slug}/schedule`,
      })
      assert.equal(starred.status, 303)
      assert.equal(starred.headers.get('location'), `/en/events/${event.slug}/schedule`)
      await reader.postForm('/en/me/schedule/star', {
        session: pg.id,
        on: '1',
        back: 'https://evil.example/',
      })
      const sessionPage = await (await reader.get(`/en/events/${event.slug}/sessions/${rust.id}`)).text()
      assert.ok(
        sessionPage.includes(en.programmeSchedule.public.unstar),
        'the session page says it is starred',
      )
      const mine = await (await reader.get('/en/me/schedule')).text()
      assert.ok(mine.includes('Rust in production'))
      assert.ok(mine.includes('PostgreSQL indexes'))
      assert.ok(mine.includes(en.programmeSchedule.mine.feedCreate))
      const mineZh = await (await reader.get('/zh/me/schedule')).text()
      assert.ok(mineZh.includes(zh.programmeSchedule.mine.title))

      assert.equal((await reader.postForm('/en/me/schedule/feed', {})).status, 303)
      const withFeed = await (await reader.get('/en/me/schedule')).text()
      const feed = withFeed.match(
        /value="http:\/\/hearth\.test(\/calendar\/[A-Za-z0-9_-]+\/agenda\.ics)"/,
      )?.[1]
      assert.ok(feed, 'the page gives the feed’s address')
      const ics = await t.client().get(feed)
      assert.equal(ics.status, 200)
      assert.match(ics.headers.get('content-type') ?? '', /text\/calendar/)
      const text = await ics.text()
      assertStrict(text)
      const items = readBack(text)
      assert.equal(items.length, 1, 'only the timed session is in the calendar')
      assert.equal(items[0]!.start, berlin('2027-03-27T10:00').toISOString())
      assert.match(items[0]!.event.summary, /Rust in production|Rust 上线实践/)

      // Unstarred: it leaves the page and the feed.
      await reader.postForm('/en/me/schedule/star', { session: rust.id, on: '0' })
      assert.equal(readBack(await (await t.client().get(feed)).text()).length, 0)
      assert.ok(!(await (await reader.get('/en/me/schedule')).text()).includes('Rust in production'))

      // A new address cuts the old one off.
      assert.equal((await reader.postForm('/en/me/schedule/feed/reset', {})).status, 303)
      assert.equal((await t.client().get(feed)).status, 404)

      // A visitor has no button and no agenda.
      assert.ok(
        !(await (await t.client().get(`/en/events/${event.slug}/schedule`)).text()).includes('star-form'),
      )
      assert.equal(
        (await t.client().postForm('/en/me/schedule/star', { session: rust.id, on: '1' })).status,
        401,
      )
    })
  })
}
