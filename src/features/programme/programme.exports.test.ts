import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { makePerson } from '../../../test/support/app.ts'
import { c3vocValidators } from '../../../test/support/c3voc.ts'
import { chapterWithTeam } from '../../../test/support/chapters.ts'
import { testBackends } from '../../../test/support/db.ts'
import { createEvent } from '../../../test/support/events.ts'
import { BERLIN, at as berlin, berlinConference, blankSession } from '../../../test/support/programme.ts'
import { chapters } from '../../platform/db/schema.ts'
import { zonedTime } from '../../platform/i18n/time-zone.ts'
import { addSession, changeStatus, editSession } from '../events/events.service.ts'

// biome-ignore lint/suspicious/noExplicitAny: the JSON file is read back as data and walked by path
type Json = Record<string, any>
const NOW = new Date('2027-03-01T00:00:00Z')

/** c3voc's schemas from ../shared: a loud skip here without them, a failure in CI. */
const validators = c3vocValidators('validating schedule.xml and schedule.json against c3voc’s schemas')

for (const backend of await testBackends()) {
  describe(`the programme's schedule.xml and schedule.json [${backend}]`, async () => {
    const { t, deps, leader, actorOf } = await chapterWithTeam(backend, NOW, {
      slug: 'berlin',
      cityZh: '柏林',
      cityEn: 'Berlin',
    })
    const [chapter] = await deps.db.select().from(chapters).where(eq(chapters.slug, 'berlin'))
    const anonymous = t.client()
    const speaker = await makePerson(deps, { handle: 'li-wei', nameEn: 'Li Wei', nameZh: '李伟' })

    /**
     * A published two-day conference in Berlin over the night summer time starts, with two rooms:
     * a Chinese talk with both titles, a person and an outsider speaking, video and slides; an
     * English roundtable with awkward characters; a session with no room; one with no times.
     */
    async function conference(over: Parameters<typeof createEvent>[1] = {}) {
      const c = await berlinConference({ deps, leader, actorOf }, over)
      const { event, hall1, hall2, actor } = c
      const talk = await c.session({
        titleZh: '调度器深入解析',
        titleEn: 'Scheduler deep dive',
        abstractZh: '从源码读调度器。',
        abstractEn: 'Reading the scheduler’s code.',
        language: 'zh',
        roomId: hall1.id,
        startsAt: berlin('2027-03-27T10:00'),
        endsAt: berlin('2027-03-27T10:45'),
        videoUrl: 'https://www.bilibili.com/video/BV1xx411c7mD',
        slidesUrl: 'https://example.org/slides.pdf',
      })
      await c.person(talk.id, speaker.handle)
      await c.guest(talk.id, { nameZh: '王芳', nameEn: 'Wang Fang', affiliation: 'Example Corp' })
      const roundtable = await c.session({
        kind: 'roundtable',
        titleEn: 'Ops & "SRE" <roundtable>',
        abstractEn: 'Bring questions & answers.',
        language: 'en',
        roomId: hall2.id,
        startsAt: berlin('2027-03-28T10:00'),
        endsAt: berlin('2027-03-28T11:00'),
      })
      const lobby = await c.session({
        titleEn: 'Late-night hacking',
        language: 'en',
        startsAt: berlin('2027-03-28T01:30'),
        endsAt: berlin('2027-03-28T03:30'),
      })
      const untimed = await c.session({ titleEn: 'Hallway track' })
      await c.session({
        kind: 'break',
        titleEn: 'Lunch',
        startsAt: berlin('2027-03-27T12:00'),
        endsAt: berlin('2027-03-27T13:00'),
      })
      return { event, hall1, hall2, talk, roundtable, lobby, untimed, actor }
    }

    const jsonOf = async (path: string) => {
      const res = await anonymous.get(path)
      assert.equal(res.status, 200)
      return JSON.parse(await res.text()) as Json
    }
    const jsonEvents = (json: Json) =>
      (json.schedule.conference.days as Json[]).flatMap((d) =>
        Object.values(d.rooms as Record<string, Json[]>).flat(),
      )

    it('serves both files of a published conference to anyone, with their types, a strong ETag and 304s', async () => {
      const { event } = await conference()
      for (const [format, type] of [
        ['xml', 'application/xml; charset=utf-8'],
        ['json', 'application/json; charset=utf-8'],
      ] as const) {
        const path = `/en/events/${event.slug}/schedule.${format}`
        const res = await anonymous.get(path)
        assert.equal(res.status, 200)
        assert.equal(res.headers.get('content-type'), type)
        assert.equal(res.headers.get('cache-control'), 'public, max-age=300')
        assert.equal(res.headers.get('access-control-allow-origin'), '*')
        const etag = res.headers.get('etag')!
        assert.match(etag, /^"[A-Za-z0-9_-]{43}"$/)
        const body = await res.text()
        const again = await anonymous.get(path, { 'if-none-match': etag })
        assert.equal(again.status, 304)
        assert.equal(await again.text(), '')
        const head = await anonymous.request(path, { method: 'HEAD' })
        assert.equal(head.status, 200)
        assert.equal(head.headers.get('etag'), etag)
        assert.equal((await anonymous.get(path)).headers.get('etag'), etag)
        assert.ok(body.length > 0)
      }
    })

    it('writes the sessions with their own guids, rooms with theirs, titles in the language spoken, breaks and untimed sessions left out', async () => {
      const { event, hall1, hall2, talk, roundtable, lobby } = await conference()
      const json = await jsonOf(`/en/events/${event.slug}/schedule.json`)
      const conf = json.schedule.conference
      assert.equal(json.schedule.url, `http://hearth.test/en/events/${event.slug}/schedule.json`)
      assert.equal(json.schedule.version, '0.1')
      assert.deepEqual(
        [conf.title, conf.start, conf.end, conf.daysCount],
        ['Cloud Native Days', '2027-03-27', '2027-03-28', 2],
      )
      assert.deepEqual(
        conf.rooms.map((r: Json) => [r.name, r.guid]),
        [
          ['Hall 1', hall1.guid],
          ['Hall 2', hall2.guid],
          // Sessions without a room are held at the venue.
          ['Community hall', conf.rooms[2].guid],
        ],
      )
      const byGuid = new Map(jsonEvents(json).map((e) => [e.guid, e]))
      assert.deepEqual([...byGuid.keys()].sort(), [talk.guid, roundtable.guid, lobby.guid].sort())
      const t1 = byGuid.get(talk.guid)!
      assert.deepEqual(
        [t1.title, t1.subtitle, t1.language, t1.room, t1.date, t1.type],
        ['调度器深入解析', 'Scheduler deep dive', 'zh', 'Hall 1', '2027-03-27T10:00:00+01:00', 'Talk'],
      )
      assert.equal(t1.url, `http://hearth.test/en/events/${event.slug}#session-${talk.id}`)
      assert.deepEqual(
        t1.persons.map((p: Json) => [p.public_name, p.guid ?? null]),
        [
          ['Li Wei', speaker.id],
          ['Wang Fang', null],
        ],
      )
      assert.deepEqual(t1.links, [
        { type: 'media', url: 'https://www.bilibili.com/video/BV1xx411c7mD', title: 'Video' },
      ])
      assert.deepEqual(t1.attachments, [
        { type: 'slides', url: 'https://example.org/slides.pdf', title: 'Slides' },
      ])
      assert.equal(byGuid.get(roundtable.guid)!.title, 'Ops & "SRE" <roundtable>')
      assert.equal(byGuid.get(roundtable.guid)!.date, '2027-03-28T10:00:00+02:00')
      // 01:30 on the night the clocks jump belongs to the first day, and lasts one real hour.
      assert.equal(conf.days[0].rooms['Community hall'][0].guid, lobby.guid)
      assert.equal(byGuid.get(lobby.guid)!.duration, '01:00')

      const zh = await jsonOf(`/zh/events/${event.slug}/schedule.json`)
      const zhTalk = jsonEvents(zh).find((e) => e.guid === talk.guid)!
      assert.deepEqual(
        [zh.schedule.conference.title, zhTalk.title, zhTalk.room, zhTalk.type, zhTalk.persons[0].public_name],
        ['云原生日', '调度器深入解析', '一号厅', '演讲', '李伟'],
      )
      assert.equal(zhTalk.id, t1.id)
    })

    it('keeps every guid and id when sessions move to another room, day and time; the ETag changes', async () => {
      const { event, hall1, hall2, talk, roundtable, actor } = await conference()
      const path = `/en/events/${event.slug}/schedule.json`
      const before = await anonymous.get(path)
      const etag = before.headers.get('etag')!
      const ids = (json: Json) => new Map(jsonEvents(json).map((e) => [e.guid, [e.id, e.slug]]))
      const first = JSON.parse(await before.text()) as Json
      await editSession(deps, actor, event.id, talk.id, {
        ...blankSession,
        titleZh: talk.titleZh,
        titleEn: talk.titleEn,
        abstractZh: talk.abstractZh,
        abstractEn: talk.abstractEn,
        language: 'zh',
        roomId: hall2.id,
        startsAt: berlin('2027-03-28T15:00'),
        endsAt: berlin('2027-03-28T15:45'),
      })
      await editSession(deps, actor, event.id, roundtable.id, {
        ...blankSession,
        kind: 'roundtable',
        titleEn: roundtable.titleEn,
        abstractEn: roundtable.abstractEn,
        language: 'en',
        roomId: hall1.id,
        startsAt: berlin('2027-03-27T16:00'),
        endsAt: berlin('2027-03-27T17:00'),
      })
      const after = await anonymous.get(path, { 'if-none-match': etag })
      assert.equal(after.status, 200)
      assert.notEqual(after.headers.get('etag'), etag)
      const second = JSON.parse(await after.text()) as Json
      assert.deepEqual(ids(second), ids(first))
      const moved = jsonEvents(second).find((e) => e.guid === talk.guid)!
      assert.deepEqual([moved.room, moved.date], ['Hall 2', '2027-03-28T15:00:00+02:00'])
      const guidsIn = (day: number, room: string) =>
        (second.schedule.conference.days[day].rooms[room] ?? []).map((e: Json) => e.guid)
      assert.deepEqual(guidsIn(1, 'Hall 2'), [talk.guid])
      assert.deepEqual(guidsIn(0, 'Hall 1'), [roundtable.guid])
      const xml = await (await anonymous.get(`/en/events/${event.slug}/schedule.xml`)).text()
      assert.match(xml, new RegExp(`<event guid="${talk.guid}" id="${ids(first).get(talk.guid)![0]}">`))
    })

    it('gives a draft’s files to its organisers only, kept by nobody; a postponed or cancelled event has none', async () => {
      const { event, actor } = await conference({ status: 'draft' })
      const organiser = await t.clientAs(leader)
      const path = `/en/events/${event.slug}/schedule.xml`
      assert.equal((await anonymous.get(path)).status, 404)
      const res = await organiser.get(path)
      assert.equal(res.status, 200)
      assert.equal(res.headers.get('cache-control'), 'private, no-cache')
      assert.equal(res.headers.get('access-control-allow-origin'), null)
      await changeStatus(deps, actor, event.id, 'publish')
      assert.equal((await anonymous.get(path)).status, 200)
      await changeStatus(deps, actor, event.id, 'postpone')
      assert.equal((await anonymous.get(path)).status, 404)
      assert.equal((await organiser.get(path)).status, 404)
      await changeStatus(deps, actor, event.id, 'publish')
      await changeStatus(deps, actor, event.id, 'cancel')
      assert.equal((await anonymous.get(`/en/events/${event.slug}/schedule.json`)).status, 404)
      assert.equal((await anonymous.get('/en/events/no-such-event/schedule.json')).status, 404)
    })

    it('offers a meetup’s files once a session is timed, its sessions held at the venue; the page links them then', async () => {
      const meetup = await createEvent(deps, {
        kind: 'meetup',
        chapterId: chapter!.id,
        timeZone: BERLIN,
        startsAt: berlin('2027-04-10T14:00'),
        endsAt: berlin('2027-04-10T17:00'),
        venueEn: 'c-base',
        venueZh: 'c-base 空间',
        organisers: [leader],
      })
      const actor = await actorOf(leader)
      const page = async () => (await anonymous.get(`/en/events/${meetup.slug}`)).text()
      await addSession(deps, actor, meetup.id, { ...blankSession, titleEn: 'Lightning talks' })
      assert.equal((await anonymous.get(`/en/events/${meetup.slug}/schedule.json`)).status, 404)
      assert.equal((await page()).includes('schedule.json'), false)
      const talk = await addSession(deps, actor, meetup.id, {
        ...blankSession,
        titleEn: 'Opening',
        language: 'en',
        startsAt: berlin('2027-04-10T14:00'),
        endsAt: berlin('2027-04-10T14:20'),
      })
      const json = await jsonOf(`/en/events/${meetup.slug}/schedule.json`)
      assert.deepEqual(Object.keys(json.schedule.conference.days[0].rooms), ['c-base'])
      assert.equal(json.schedule.conference.days[0].rooms['c-base'][0].guid, talk.guid)
      const zh = await jsonOf(`/zh/events/${meetup.slug}/schedule.json`)
      assert.deepEqual(Object.keys(zh.schedule.conference.days[0].rooms), ['c-base 空间'])
      const html = await page()
      assert.ok(html.includes(`href="/en/events/${meetup.slug}/schedule.xml"`))
      assert.ok(html.includes(`href="/en/events/${meetup.slug}/schedule.json"`))
    })

    it('links both files from a conference’s agenda in each language', async () => {
      const { event } = await conference()
      for (const locale of ['en', 'zh'] as const) {
        const html = await (await anonymous.get(`/${locale}/events/${event.slug}`)).text()
        assert.ok(html.includes(`href="/${locale}/events/${event.slug}/schedule.xml"`))
        assert.ok(html.includes(`href="/${locale}/events/${event.slug}/schedule.json"`))
        assert.ok(html.includes(locale === 'en' ? 'schedule.json (c3voc)' : 'schedule.json（c3voc）'))
      }
    })

    it('writes a Hong Kong conference’s times at +08:00', async () => {
      const hk = (local: string) => zonedTime(local, 'Asia/Hong_Kong')
      const event = await createEvent(deps, {
        kind: 'conference',
        timeZone: 'Asia/Hong_Kong',
        startsAt: hk('2027-06-10T09:00'),
        endsAt: hk('2027-06-11T17:00'),
        organisers: [leader],
      })
      const actor = await actorOf(leader)
      const talk = await addSession(deps, actor, event.id, {
        ...blankSession,
        titleZh: '在香港跑 Kubernetes',
        language: 'zh',
        startsAt: hk('2027-06-11T13:30'),
        endsAt: hk('2027-06-11T14:00'),
      })
      const json = await jsonOf(`/en/events/${event.slug}/schedule.json`)
      const conf = json.schedule.conference
      assert.equal(conf.time_zone_name, 'Asia/Hong_Kong')
      assert.deepEqual(
        conf.days.map((d: Json) => [d.date, d.day_start]),
        [
          ['2027-06-10', '2027-06-10T04:00:00+08:00'],
          ['2027-06-11', '2027-06-11T04:00:00+08:00'],
        ],
      )
      const e = conf.days[1].rooms['Community hall'][0]
      assert.deepEqual(
        [e.guid, e.date, e.start, e.title],
        [talk.guid, '2027-06-11T13:30:00+08:00', '13:30', '在香港跑 Kubernetes'],
      )
    })

    it('is valid against c3voc’s XSD and JSON schema, in both languages', { skip: !validators }, async () => {
      const { event } = await conference()
      for (const locale of ['en', 'zh'] as const) {
        const xml = await (await anonymous.get(`/${locale}/events/${event.slug}/schedule.xml`)).text()
        assert.deepEqual(validators!.xml(xml), [])
        const json = await (await anonymous.get(`/${locale}/events/${event.slug}/schedule.json`)).text()
        assert.deepEqual(validators!.json(json), [])
      }
    })

    it('stays valid after sessions move, and for a conference with nothing placed', {
      skip: !validators,
    }, async () => {
      const { event, hall2, talk, actor } = await conference()
      await editSession(deps, actor, event.id, talk.id, {
        ...blankSession,
        titleZh: talk.titleZh,
        language: 'zh',
        roomId: hall2.id,
        // Across the hour the clocks skip and past 03:59: the first day runs until it ends.
        startsAt: berlin('2027-03-28T01:15'),
        endsAt: berlin('2027-03-28T04:15'),
      })
      const empty = await createEvent(deps, { kind: 'conference', organisers: [leader] })
      for (const slug of [event.slug, empty.slug]) {
        assert.deepEqual(
          validators!.xml(await (await anonymous.get(`/en/events/${slug}/schedule.xml`)).text()),
          [],
        )
        assert.deepEqual(
          validators!.json(await (await anonymous.get(`/en/events/${slug}/schedule.json`)).text()),
          [],
        )
      }
    })
  })
}
