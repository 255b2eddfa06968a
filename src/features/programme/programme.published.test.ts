// The public sees the latest published version of a schedule; the editor, the work in progress.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { chapterWithTeam } from '../../../test/support/chapters.ts'
import { testBackends } from '../../../test/support/db.ts'
import { createEvent } from '../../../test/support/events.ts'
import { eventSessions } from '../../platform/db/schema.ts'
import { en } from '../../platform/i18n/en.ts'
import { zonedTime } from '../../platform/i18n/time-zone.ts'
import { addRoom, addSession } from '../events/events.service.ts'

const NOW = new Date('2027-03-01T00:00:00Z')
const BERLIN = 'Europe/Berlin'
const berlin = (local: string) => zonedTime(local, BERLIN)
const te = en.programmeSchedule.editor

const sessionFields = {
  kind: 'talk' as const,
  titleZh: null,
  titleEn: null,
  abstractZh: null,
  abstractEn: null,
  language: null,
  roomId: null,
  startsAt: null,
  endsAt: null,
  episodeId: null,
  videoUrl: null,
  slidesUrl: null,
}

/** The grid's card of the session with this title: its times and room, as a reader sees them. */
const cardOf = (html: string, title: string) =>
  html.split('class="schedule-session').find((chunk) => chunk.split('</h3>')[0]!.includes(title))

type JsonTalk = { guid: string; title: string; room: string; start: string; date: string }
const talksOf = (json: { schedule: { conference: { days: { rooms: Record<string, JsonTalk[]> }[] } } }) =>
  json.schedule.conference.days.flatMap((d) => Object.values(d.rooms).flat())

for (const backend of await testBackends()) {
  describe(`the public schedule is the published version [${backend}]`, async () => {
    const { t, deps, leader, actorOf } = await chapterWithTeam(backend, NOW, {
      slug: 'berlin-published',
      cityZh: '柏林',
      cityEn: 'Berlin',
    })

    it('keeps showing 0.1 while an organiser moves a session, and shows the move once 0.2 is published', async () => {
      const event = await createEvent(deps, {
        kind: 'conference',
        timeZone: BERLIN,
        titleZh: '云原生日',
        titleEn: 'Cloud Native Days',
        startsAt: berlin('2027-03-27T09:00'),
        endsAt: berlin('2027-03-28T18:00'),
        organisers: [leader],
      })
      const actor = await actorOf(leader)
      const hall1 = await addRoom(deps, actor, event.id, {
        nameZh: '一号厅',
        nameEn: 'Hall 1',
        capacity: null,
      })
      const hall2 = await addRoom(deps, actor, event.id, {
        nameZh: '二号厅',
        nameEn: 'Hall 2',
        capacity: null,
      })
      const rust = await addSession(deps, actor, event.id, {
        ...sessionFields,
        titleEn: 'Rust in production',
      })
      const late = await addSession(deps, actor, event.id, { ...sessionFields, titleEn: 'Late addition' })
      const client = await t.clientAs(leader)
      const place = (fields: Record<string, string>) =>
        client.postForm(`/en/console/events/${event.id}/schedule/place`, { day: '2027-03-27', ...fields })
      const publish = () => client.postForm(`/en/console/events/${event.id}/schedule/publish`, {})
      const reader = t.client()
      const grid = async () => (await reader.get(`/en/events/${event.slug}/schedule`)).text()
      const json = async () => (await reader.get(`/en/events/${event.slug}/schedule.json`)).json()
      const editor = async () => (await client.get(`/en/console/events/${event.id}/schedule`)).text()
      const guid = async () =>
        (await deps.db.select().from(eventSessions).where(eq(eventSessions.id, rust.id)))[0]!.guid

      // Before anything is published, the public sees sessions where they are placed.
      assert.equal(
        (await place({ session: rust.id, room: hall1.id, start: '10:00', end: '10:45' })).status,
        303,
      )
      assert.match(cardOf(await grid(), 'Rust in production') ?? '', /10:00.*Hall 1/s)
      assert.equal((await publish()).status, 303)
      const guid1 = await guid()

      // Moved in the editor and a session added, not published: the public still sees 0.1.
      assert.equal(
        (await place({ session: rust.id, room: hall2.id, start: '14:00', end: '14:45' })).status,
        303,
      )
      assert.equal(
        (await place({ session: late.id, room: hall1.id, start: '16:00', end: '16:45' })).status,
        303,
      )
      const page = await grid()
      const card = cardOf(page, 'Rust in production') ?? ''
      assert.match(card, /10:00.*Hall 1/s, 'the grid shows the published room and time')
      assert.doesNotMatch(card, /14:00|Hall 2/)
      assert.ok(!page.includes('Late addition'), 'a session not yet published is not on the grid')
      const talks1 = talksOf(await json())
      const rust1 = talks1.find((x) => x.title === 'Rust in production')!
      assert.equal(rust1.room, 'Hall 1')
      assert.equal(rust1.start, '10:00')
      assert.equal(rust1.guid, guid1)
      assert.ok(!talks1.some((x) => x.title === 'Late addition'), 'nor in schedule.json')
      const sessionPage = await (await reader.get(`/en/events/${event.slug}/sessions/${rust.id}`)).text()
      assert.ok(sessionPage.includes('Hall 1') && !sessionPage.includes('Hall 2'), "the session's page too")
      assert.equal((await reader.get(`/en/events/${event.slug}/sessions/${late.id}`)).status, 404)
      const ics = await (await reader.get(`/en/events/${event.slug}/sessions/${rust.id}/session.ics`)).text()
      assert.match(ics, /DTSTART;TZID=Europe\/Berlin:20270327T100000/)
      const whole = await (await reader.get(`/en/events/${event.slug}/schedule.ics`)).text()
      assert.match(whole, /DTSTART;TZID=Europe\/Berlin:20270327T100000/)
      assert.doesNotMatch(whole, /Late addition/)
      const eventPage = await (await reader.get(`/en/events/${event.slug}`)).text()
      assert.ok(!eventPage.includes('Late addition'), "the event's agenda keeps to the published version")
      const api = await (await reader.api('GET', `/api/v1/events/${event.slug}/schedule`)).json()
      const apiRust = api.sessions.find((s: { id: string }) => s.id === rust.id)
      assert.equal(apiRust.roomId, hall1.id)

      // The editor shows the work in progress, and says it is not public yet.
      const work = await editor()
      assert.ok(work.includes(te.unpublished('0.1')), 'the editor notes unpublished changes')
      assert.match(work, /14:00/)

      // Published as 0.2: the public sees the new place; the guid never changed.
      assert.equal((await publish()).status, 303)
      const card2 = cardOf(await grid(), 'Rust in production') ?? ''
      assert.match(card2, /14:00.*Hall 2/s)
      const talks2 = talksOf(await json())
      const rust2 = talks2.find((x) => x.title === 'Rust in production')!
      assert.equal(rust2.room, 'Hall 2')
      assert.equal(rust2.start, '14:00')
      assert.equal(rust2.guid, guid1, 'the guid is unchanged across versions')
      assert.equal(await guid(), guid1)
      assert.ok(talks2.some((x) => x.title === 'Late addition'))
      assert.ok(!(await editor()).includes(te.unpublished('0.2')), 'nothing unpublished any more')
    })
  })
}
