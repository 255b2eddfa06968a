import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { makePerson } from '../../../test/support/app.ts'
import { chapterWithTeam } from '../../../test/support/chapters.ts'
import {
  assertNoViolations,
  axeViolations,
  chromiumSkipReason,
  launchChromium,
} from '../../../test/support/chromium.ts'
import { testBackends } from '../../../test/support/db.ts'
import { createEvent } from '../../../test/support/events.ts'
import { assertStrict, readBack } from '../../../test/support/ical.ts'
import { chapters } from '../../platform/db/schema.ts'
import { zonedTime } from '../../platform/i18n/time-zone.ts'
import { addRoom, addSession, addSpeaker, placeSession } from '../events/events.service.ts'

const NOW = new Date('2027-03-01T00:00:00Z')
const BERLIN = 'Europe/Berlin'
const berlin = (local: string) => zonedTime(local, BERLIN)

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

for (const backend of await testBackends()) {
  describe(`a conference's whole schedule as one .ics [${backend}]`, async () => {
    const { t, deps, leader, actorOf } = await chapterWithTeam(backend, NOW, {
      slug: 'berlin',
      cityZh: '柏林',
      cityEn: 'Berlin',
    })
    const [chapter] = await deps.db.select().from(chapters).where(eq(chapters.slug, 'berlin'))
    const anonymous = t.client()
    const speaker = await makePerson(deps, { handle: 'li-wei', nameEn: 'Li Wei', nameZh: '李伟' })

    /** Two days over the night summer time starts, two rooms, a break, an unplaced session. */
    async function conference(over: Parameters<typeof createEvent>[1] = {}) {
      const event = await createEvent(deps, {
        kind: 'conference',
        timeZone: BERLIN,
        titleZh: '云原生日',
        titleEn: 'Cloud Native Days',
        startsAt: berlin('2027-03-27T09:00'),
        endsAt: berlin('2027-03-28T18:00'),
        organisers: [leader],
        ...over,
      })
      const actor = await actorOf(leader)
      const hall1 = await addRoom(deps, actor, event.id, {
        nameZh: '一号厅',
        nameEn: 'Hall 1',
        capacity: 300,
      })
      const hall2 = await addRoom(deps, actor, event.id, {
        nameZh: '二号厅',
        nameEn: 'Hall 2',
        capacity: null,
      })
      const talk = await addSession(deps, actor, event.id, {
        ...sessionFields,
        titleZh: '调度器深入解析',
        titleEn: 'Scheduler deep dive',
        abstractZh:
          '从源码读调度器；一个很长的摘要，足以让日历行折叠在七十五个八位字节处而不切开任何一个汉字。',
        abstractEn: 'Reading the scheduler’s code.',
        language: 'zh',
        roomId: hall1.id,
        startsAt: berlin('2027-03-27T10:00'),
        endsAt: berlin('2027-03-27T10:45'),
      })
      await addSpeaker(deps, actor, event.id, talk.id, {
        handle: speaker.handle,
        nameZh: null,
        nameEn: null,
        affiliation: null,
        role: 'speaker',
      })
      await addSpeaker(deps, actor, event.id, talk.id, {
        handle: null,
        nameZh: '王芳',
        nameEn: 'Wang Fang',
        affiliation: null,
        role: 'speaker',
      })
      const roundtable = await addSession(deps, actor, event.id, {
        ...sessionFields,
        kind: 'roundtable',
        titleEn: 'Ops, SRE; and "on call"',
        abstractEn: 'Bring questions.',
        language: 'en',
        roomId: hall2.id,
        startsAt: berlin('2027-03-28T10:00'),
        endsAt: berlin('2027-03-28T11:00'),
      })
      await addSession(deps, actor, event.id, { ...sessionFields, titleEn: 'Hallway track' })
      await addSession(deps, actor, event.id, {
        ...sessionFields,
        kind: 'break',
        titleEn: 'Lunch',
        startsAt: berlin('2027-03-27T12:00'),
        endsAt: berlin('2027-03-27T13:00'),
      })
      return { event, hall1, hall2, talk, roundtable, actor }
    }

    it('holds every placed session with its GUID as UID, room, speakers, abstract and page, strictly written', async () => {
      const { event, talk, roundtable } = await conference()
      const res = await anonymous.get(`/en/events/${event.slug}/schedule.ics`)
      assert.equal(res.status, 200)
      assert.match(res.headers.get('content-type')!, /^text\/calendar; charset=utf-8/)
      assert.match(res.headers.get('cache-control')!, /^public/)
      const text = await res.text()
      assertStrict(text)
      const entries = readBack(text)
      // The break and the unplaced session are not in it; both placed sessions are.
      assert.deepEqual(
        entries.map((e) => e.event.uid).sort(),
        [`${talk.guid}@hearth.test`, `${roundtable.guid}@hearth.test`].sort(),
      )
      const byUid = new Map(entries.map((e) => [e.event.uid, e]))
      const first = byUid.get(`${talk.guid}@hearth.test`)!
      assert.equal(first.start, '2027-03-27T09:00:00.000Z')
      assert.equal(first.zone, BERLIN)
      assert.match(first.event.location, /^Hall 1/)
      assert.match(first.event.description, /Li Wei, Wang Fang/)
      assert.match(first.event.description, /Reading the scheduler’s code\./)
      assert.equal(
        first.vevent.getFirstPropertyValue('url'),
        `http://hearth.test/en/events/${event.slug}/sessions/${talk.id}`,
      )
      // Sunday's session is after clocks went forward: an hour less from UTC than Saturday's.
      const second = byUid.get(`${roundtable.guid}@hearth.test`)!
      assert.equal(second.start, '2027-03-28T08:00:00.000Z')
      assert.equal(second.event.summary, `Ops, SRE; and "on call" · Cloud Native Days`)
      assert.match(second.event.location, /^Hall 2/)

      // In Chinese, the Chinese room name and the Chinese abstract.
      const zh = readBack(await (await anonymous.get(`/zh/events/${event.slug}/schedule.ics`)).text())
      const zhTalk = zh.find((e) => e.event.uid === `${talk.guid}@hearth.test`)!
      assert.match(zhTalk.event.location, /^一号厅/)
      assert.match(zhTalk.event.description, /从源码读调度器/)
    })

    it('keeps a moved session’s UID and raises its SEQUENCE; the single session file agrees', async () => {
      const { event, talk, hall2, actor } = await conference()
      const path = `/en/events/${event.slug}/schedule.ics`
      const before = readBack(await (await anonymous.get(path)).text()).find(
        (e) => e.event.uid === `${talk.guid}@hearth.test`,
      )!
      await placeSession(deps, actor, event.id, talk.id, {
        roomId: hall2.id,
        startsAt: berlin('2027-03-27T15:00'),
        endsAt: berlin('2027-03-27T15:45'),
      })
      const text = await (await anonymous.get(path)).text()
      assertStrict(text)
      const after = readBack(text).find((e) => e.event.uid === `${talk.guid}@hearth.test`)!
      assert.ok(after.event.sequence > before.event.sequence)
      assert.equal(after.start, '2027-03-27T14:00:00.000Z')
      assert.match(after.event.location, /^Hall 2/)
      const single = readBack(
        await (await anonymous.get(`/en/events/${event.slug}/sessions/${talk.id}/session.ics`)).text(),
      )[0]!
      assert.equal(single.event.uid, after.event.uid)
      assert.equal(single.event.sequence, after.event.sequence)
    })

    it('is a draft’s organisers’ preview only, and a 404 for a meetup with nothing placed', async () => {
      const { event } = await conference({ status: 'draft' })
      assert.equal((await anonymous.get(`/en/events/${event.slug}/schedule.ics`)).status, 404)
      const organiser = await t.clientAs(leader)
      const preview = await organiser.get(`/en/events/${event.slug}/schedule.ics`)
      assert.equal(preview.status, 200)
      assert.match(preview.headers.get('cache-control')!, /^private/)
      const meetup = await createEvent(deps, { kind: 'meetup', chapterId: chapter!.id, organisers: [leader] })
      assert.equal((await anonymous.get(`/en/events/${meetup.slug}/schedule.ics`)).status, 404)
      assert.equal((await anonymous.get('/en/events/no-such-event/schedule.ics')).status, 404)
    })

    it('is offered on the public schedule grid in both languages', async () => {
      const { event } = await conference()
      for (const [locale, words] of [
        ['en', 'Add the whole schedule to your calendar'],
        ['zh', '把整个议程加入日历'],
      ] as const) {
        const res = await anonymous.get(`/${locale}/events/${event.slug}/schedule`)
        assert.equal(res.status, 200)
        const html = await res.text()
        assert.ok(html.includes(`href="/${locale}/events/${event.slug}/schedule.ics"`))
        assert.ok(html.includes(words))
      }
    })

    it('keeps the grid accessible with the link, at desktop and phone width', {
      skip: backend !== 'pglite' || chromiumSkipReason(),
    }, async () => {
      const { event } = await conference()
      const site = await t.listen()
      const browser = await launchChromium()
      try {
        for (const width of [1280, 390]) {
          const context = await browser.newContext({ viewport: { width, height: 900 } })
          const page = await context.newPage()
          for (const locale of ['zh', 'en']) {
            const path = `/${locale}/events/${event.slug}/schedule`
            assert.equal((await page.goto(`${site.base}${path}`))?.status(), 200)
            if (width === 1280) assertNoViolations(await axeViolations(page), path)
            if (process.env.SCHEDULE_SHOTS)
              await page.screenshot({ path: `${process.env.SCHEDULE_SHOTS}/grid-${locale}-${width}.png` })
          }
          await context.close()
        }
      } finally {
        await browser.close()
      }
    })
  })
}
