import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { parseRssFeed } from 'feedsmith'
import { makePerson } from '../../../test/support/app.ts'
import { chapterWithTeam } from '../../../test/support/chapters.ts'
import { testBackends } from '../../../test/support/db.ts'
import { createEvent } from '../../../test/support/events.ts'
import { assertStrict, readBack } from '../../../test/support/ical.ts'
import { googleEventReport } from '../../../test/support/jsonld.ts'
import {
  chapters,
  eventRegistrations,
  eventSeats,
  httpOutbox,
  webhookSubscriptions,
} from '../../platform/db/schema.ts'
import { zonedTime } from '../../platform/i18n/time-zone.ts'
import { addSession, changeStatus, editEvent, editSession, eventPage } from './events.service.ts'

type Node = Record<string, unknown>
const HOUR = 3_600_000
const NOW = new Date('2027-03-01T00:00:00Z')

for (const backend of await testBackends()) {
  describe(`events' calendars, feeds and JSON-LD [${backend}]`, async () => {
    const { t, deps, leader, actorOf } = await chapterWithTeam(backend, NOW, {
      slug: 'hangzhou',
      cityZh: '杭州',
      cityEn: 'Hangzhou',
    })
    const [hangzhou] = await deps.db.select().from(chapters).where(eq(chapters.slug, 'hangzhou'))
    const anonymous = t.client()

    /** A Berlin meetup of the chapter on the Sunday clocks go forward, 10:00–13:00. */
    const berlinMeetup = (over: Parameters<typeof createEvent>[1] = {}) =>
      createEvent(deps, {
        kind: 'meetup',
        chapterId: hangzhou!.id,
        timeZone: 'Europe/Berlin',
        startsAt: zonedTime('2027-03-28T10:00', 'Europe/Berlin'),
        endsAt: zonedTime('2027-03-28T13:00', 'Europe/Berlin'),
        venueEn: 'c-base',
        venueZh: 'c-base 空间',
        address: 'Rungestraße 20, 10179 Berlin',
        country: 'DE',
        organisers: [leader],
        ...over,
      })

    const register = async (
      eventId: string,
      personId: string,
      status: 'confirmed' | 'waitlisted' = 'confirmed',
    ) => {
      await deps.db.insert(eventRegistrations).values({
        eventId,
        personId,
        status,
        ticketCode: randomUUID(),
        queuedAt: deps.now(),
        confirmedAt: status === 'confirmed' ? deps.now() : null,
      })
    }

    it('serves an event’s .ics strictly, read back by ical.js at the right hour on a DST day, with 304 for the same ETag', async () => {
      const meetup = await berlinMeetup()
      const res = await anonymous.get(`/en/events/${meetup.slug}/event.ics`)
      assert.equal(res.status, 200)
      assert.equal(res.headers.get('content-type'), 'text/calendar; charset=utf-8')
      assert.equal(res.headers.get('content-disposition'), `attachment; filename="${meetup.slug}.ics"`)
      const text = await res.text()
      assertStrict(text)
      const [entry] = readBack(text)
      assert.equal(entry!.event.uid, `${meetup.id}@hearth.test`)
      assert.equal(entry!.start, '2027-03-28T08:00:00.000Z')
      assert.equal(entry!.zone, 'Europe/Berlin')
      assert.equal(entry!.event.sequence, 0)
      assert.equal(entry!.event.location, 'c-base, Rungestraße 20, 10179 Berlin')
      assert.equal(entry!.vevent.getFirstPropertyValue('url'), `http://hearth.test/en/events/${meetup.slug}`)
      assert.equal(
        entry!.vevent.getFirstProperty('organizer')!.getParameter('cn'),
        'Community Hangzhou chapter',
      )
      assert.equal(entry!.vevent.getFirstPropertyValue('dtstamp')!.toString(), '2027-03-01T00:00:00Z')
      const etag = res.headers.get('etag')!
      const again = await anonymous.get(`/en/events/${meetup.slug}/event.ics`, { 'if-none-match': etag })
      assert.equal(again.status, 304)
      const zh = readBack(await (await anonymous.get(`/zh/events/${meetup.slug}/event.ics`)).text())[0]!
      assert.equal(zh.event.summary, meetup.titleZh)
      assert.equal(zh.event.uid, entry!.event.uid)
    })

    it('raises SEQUENCE after an edit calendars show, and marks a cancellation with a higher one still', async () => {
      const meetup = await berlinMeetup()
      const organiser = await actorOf(leader)
      const read = async () =>
        readBack(await (await anonymous.get(`/en/events/${meetup.slug}/event.ics`)).text())[0]!
      const before = await read()
      const parts = await eventPage(deps, organiser, meetup.slug)
      await editEvent(deps, organiser, meetup.id, {
        kind: 'meetup',
        chapter: 'hangzhou',
        mode: 'offline',
        titleZh: parts.event.titleZh,
        titleEn: 'Berlin meetup, new room',
        slug: null,
        summaryZh: null,
        summaryEn: null,
        descriptionZh: null,
        descriptionEn: null,
        timeZone: 'Europe/Berlin',
        startsAt: zonedTime('2027-03-28T11:00', 'Europe/Berlin'),
        endsAt: zonedTime('2027-03-28T14:00', 'Europe/Berlin'),
        venueZh: null,
        venueEn: 'c-base, upstairs',
        address: 'Rungestraße 20, 10179 Berlin',
        country: 'DE',
        mapUrl: null,
        accessibilityZh: null,
        accessibilityEn: null,
        onlineUrl: null,
        registrationOpensAt: null,
        registrationClosesAt: null,
      })
      const edited = await read()
      assert.ok(edited.event.sequence > before.event.sequence)
      assert.equal(edited.event.uid, before.event.uid)
      assert.equal(edited.start, '2027-03-28T09:00:00.000Z')
      assert.equal(edited.event.summary, 'Berlin meetup, new room')
      await changeStatus(deps, organiser, meetup.id, 'cancel')
      const cancelled = await read()
      assert.ok(cancelled.event.sequence > edited.event.sequence)
      assert.equal(cancelled.vevent.getFirstPropertyValue('status'), 'CANCELLED')
      const feed = await (await anonymous.get('/en/events/calendar.ics')).text()
      const inFeed = readBack(feed).find((e) => e.event.uid === cancelled.event.uid)!
      assert.equal(inFeed.vevent.getFirstPropertyValue('status'), 'CANCELLED')
      assert.equal(inFeed.event.sequence, cancelled.event.sequence)
    })

    it('keeps a draft’s file to its organisers, and a public file never names the online call', async () => {
      const draft = await berlinMeetup({ status: 'draft' })
      assert.equal((await anonymous.get(`/en/events/${draft.slug}/event.ics`)).status, 404)
      const asLeader = await t.clientAs(leader)
      const preview = await asLeader.get(`/en/events/${draft.slug}/event.ics`)
      assert.equal(preview.status, 200)
      assert.equal(preview.headers.get('cache-control'), 'private, no-cache')
      const online = await berlinMeetup({ mode: 'online', onlineUrl: 'https://meet.example/secret-room' })
      const text = await (await anonymous.get(`/en/events/${online.slug}/event.ics`)).text()
      assertStrict(text)
      assert.ok(!text.includes('secret-room'))
      assert.equal(readBack(text)[0]!.event.location, `http://hearth.test/en/events/${online.slug}`)
    })

    it('gives each timed session its own .ics whose SEQUENCE rises when it moves', async () => {
      const conference = await berlinMeetup({ kind: 'conference', chapterId: null })
      const organiser = await actorOf(leader)
      const sessionFields = {
        kind: 'panel' as const,
        titleZh: '维护者圆桌',
        titleEn: 'Maintainers roundtable',
        abstractZh: null,
        abstractEn: null,
        language: 'en' as const,
        roomId: null,
        startsAt: zonedTime('2027-03-28T11:00', 'Europe/Berlin'),
        endsAt: zonedTime('2027-03-28T12:00', 'Europe/Berlin'),
        episodeId: null,
        videoUrl: null,
        slidesUrl: null,
      }
      const session = await addSession(deps, organiser, conference.id, sessionFields)
      const path = `/en/events/${conference.slug}/sessions/${session.id}/session.ics`
      const first = await (await anonymous.get(path)).text()
      assertStrict(first)
      const [entry] = readBack(first)
      assert.equal(entry!.event.uid, `${session.guid}@hearth.test`)
      assert.equal(entry!.event.summary, `Maintainers roundtable · ${conference.titleEn}`)
      assert.equal(entry!.start, '2027-03-28T09:00:00.000Z')
      await editSession(deps, organiser, conference.id, session.id, {
        ...sessionFields,
        startsAt: zonedTime('2027-03-28T12:00', 'Europe/Berlin'),
        endsAt: zonedTime('2027-03-28T13:00', 'Europe/Berlin'),
      })
      const moved = readBack(await (await anonymous.get(path)).text())[0]!
      assert.ok(moved.event.sequence > entry!.event.sequence)
      assert.equal(moved.start, '2027-03-28T10:00:00.000Z')
      const untimed = await addSession(deps, organiser, conference.id, {
        ...sessionFields,
        startsAt: null,
        endsAt: null,
      })
      assert.equal(
        (await anonymous.get(`/en/events/${conference.slug}/sessions/${untimed.id}/session.ics`)).status,
        404,
      )
      assert.equal(
        (await anonymous.get(`/en/events/${conference.slug}/sessions/nope/session.ics`)).status,
        404,
      )
    })

    it('feeds every public event, or one chapter’s, with webcal-ready headers and 304s; an unknown chapter is 404', async () => {
      const mine = await berlinMeetup()
      const conference = await createEvent(deps, { kind: 'conference' })
      const draft = await berlinMeetup({ status: 'draft' })
      const old = await createEvent(deps, {
        startsAt: new Date(NOW.getTime() - 400 * 24 * HOUR),
        endsAt: new Date(NOW.getTime() - 400 * 24 * HOUR + HOUR),
      })
      const all = await anonymous.get('/en/events/calendar.ics')
      assert.equal(all.headers.get('content-type'), 'text/calendar; charset=utf-8')
      const text = await all.text()
      assertStrict(text)
      const uids = readBack(text).map((e) => e.event.uid)
      assert.ok(uids.includes(`${mine.id}@hearth.test`))
      assert.ok(uids.includes(`${conference.id}@hearth.test`))
      assert.ok(!uids.includes(`${draft.id}@hearth.test`), 'no draft')
      assert.ok(!uids.includes(`${old.id}@hearth.test`), 'nothing ended over a year ago')
      assert.ok(text.includes('REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n'))
      assert.ok(text.includes('X-WR-CALNAME:Community events\r\n'))
      assert.equal(
        (await anonymous.get('/en/events/calendar.ics', { 'if-none-match': all.headers.get('etag')! }))
          .status,
        304,
      )
      const chapterFeed = await (await anonymous.get('/zh/events/calendar.ics?chapter=hangzhou')).text()
      assertStrict(chapterFeed)
      const chapterUids = readBack(chapterFeed).map((e) => e.event.uid)
      assert.ok(chapterUids.includes(`${mine.id}@hearth.test`))
      assert.ok(!chapterUids.includes(`${conference.id}@hearth.test`))
      assert.ok(chapterFeed.includes('X-WR-CALNAME:社区 杭州站活动\r\n'))
      assert.equal((await anonymous.get('/en/events/calendar.ics?chapter=atlantis')).status, 404)
    })

    it('serves a person’s private feed only at its secret address, with the call for places held, and kills the address on reset', async () => {
      const guest = await makePerson(deps, { locale: 'en' })
      const asGuest = await t.clientAs(guest.id)
      const held = await berlinMeetup({ mode: 'online', onlineUrl: 'https://meet.example/held-room' })
      const waiting = await berlinMeetup({ mode: 'hybrid', onlineUrl: 'https://meet.example/wait-room' })
      const other = await berlinMeetup()
      await register(held.id, guest.id, 'confirmed')
      await register(waiting.id, guest.id, 'waitlisted')
      await register(other.id, (await makePerson(deps)).id, 'confirmed')
      assert.match(await (await asGuest.get('/en/me/calendar')).text(), /Make my calendar address/)
      const made = await asGuest.postForm('/en/me/calendar', {})
      assert.equal(made.status, 303)
      const page = await (await asGuest.get(made.headers.get('location')!)).text()
      const url = /value="(http:\/\/hearth\.test\/calendar\/[A-Za-z0-9_-]{43}\.ics)"/.exec(page)?.[1]
      assert.ok(url, 'the page shows the address')
      assert.ok(page.includes(`href="webcal://hearth.test/calendar/`))
      const path = new URL(url).pathname
      const feed = await anonymous.get(path)
      assert.equal(feed.status, 200)
      assert.equal(feed.headers.get('cache-control'), 'private, max-age=300')
      const text = await feed.text()
      assertStrict(text)
      const entries = readBack(text)
      assert.deepEqual(
        entries.map((e) => e.event.uid).sort(),
        [`${held.id}@hearth.test`, `${waiting.id}@hearth.test`].sort(),
      )
      const mineHeld = entries.find((e) => e.event.uid === `${held.id}@hearth.test`)!
      assert.equal(mineHeld.event.location, 'https://meet.example/held-room')
      assert.equal(mineHeld.vevent.getFirstPropertyValue('status'), 'CONFIRMED')
      const mineWaiting = entries.find((e) => e.event.uid === `${waiting.id}@hearth.test`)!
      assert.equal(mineWaiting.vevent.getFirstPropertyValue('status'), 'TENTATIVE')
      assert.ok(!text.includes('wait-room'))
      // Asking again gives the same address; another person's secret or a guess gives nothing.
      await asGuest.postForm('/en/me/calendar', {})
      assert.ok((await (await asGuest.get('/en/me/calendar')).text()).includes(url))
      assert.equal((await anonymous.get(`/calendar/${'A'.repeat(43)}.ics`)).status, 404)
      const reset = await asGuest.postForm('/en/me/calendar/reset', {})
      assert.equal(reset.status, 303)
      const after = await (await asGuest.get(reset.headers.get('location')!)).text()
      assert.match(after, /Your calendar has a new address/)
      const fresh = /value="(http:\/\/hearth\.test\/calendar\/[A-Za-z0-9_-]{43}\.ics)"/.exec(after)![1]!
      assert.notEqual(fresh, url)
      assert.equal((await anonymous.get(path)).status, 404)
      assert.equal((await anonymous.get(new URL(fresh).pathname)).status, 200)
      // Resetting needs the form's token, and a signed-out visitor has no calendar page.
      assert.equal((await asGuest.postForm('/en/me/calendar/reset', {}, { csrf: null })).status, 403)
      assert.equal((await anonymous.get(new URL(fresh).pathname)).status, 200)
      assert.notEqual((await anonymous.get('/en/me/calendar')).status, 200)
    })

    it('publishes RSS of upcoming events that feedsmith reads, with 304 for the same ETag', async () => {
      const upcoming = await berlinMeetup({ titleEn: 'Upcoming <RSS> meetup', summaryEn: 'Pizza & talks' })
      const past = await createEvent(deps, {
        startsAt: new Date(NOW.getTime() - 10 * 24 * HOUR),
        endsAt: new Date(NOW.getTime() - 10 * 24 * HOUR + HOUR),
      })
      const res = await anonymous.get('/en/events/feed.xml')
      assert.equal(res.status, 200)
      assert.equal(res.headers.get('content-type'), 'application/rss+xml; charset=utf-8')
      const feed = parseRssFeed(await res.text())
      assert.equal(feed.title, 'Upcoming Community events')
      const links = (feed.items ?? []).map((i) => i.link)
      assert.ok(links.includes(`http://hearth.test/en/events/${upcoming.slug}`))
      assert.ok(!links.includes(`http://hearth.test/en/events/${past.slug}`))
      const item = feed.items!.find((i) => i.link === `http://hearth.test/en/events/${upcoming.slug}`)!
      assert.equal(item.title, 'Upcoming <RSS> meetup')
      assert.equal(item.guid?.value, `urn:uuid:${upcoming.id}`)
      assert.match(item.description ?? '', /Sunday, 28 March 2027 at 10:00 \(Europe\/Berlin\)/)
      assert.match(item.description ?? '', /Pizza &amp; talks/)
      const cached = await anonymous.get('/en/events/feed.xml', { 'if-none-match': res.headers.get('etag')! })
      assert.equal(cached.status, 304)
      const zh = parseRssFeed(await (await anonymous.get('/zh/events/feed.xml')).text())
      assert.equal(zh.language, 'zh-cn')
    })

    it('puts JSON-LD with what Google requires and recommends in the event page’s head, SoldOut once every place is taken', async () => {
      const meetup = await berlinMeetup({
        capacity: 2,
        registrationOpensAt: NOW,
        summaryEn: 'Talks and pizza',
      })
      // Signed in: the page cache keeps anonymous copies of a page with live counts for a few seconds.
      const reader = await t.clientAs((await makePerson(deps)).id)
      const jsonLd = async () => {
        const html = await (await reader.get(`/en/events/${meetup.slug}`)).text()
        const head = html.slice(0, html.indexOf('</head>'))
        const block = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(head)?.[1]
        assert.ok(block, 'a JSON-LD block in the head')
        assert.match(head, /<meta property="og:title" content="[^"]+"/)
        return JSON.parse(block) as Node
      }
      const open = await jsonLd()
      assert.deepEqual(googleEventReport(open).problems, [])
      // A test event has no cover and no speakers; the rest of what Google recommends is there.
      assert.deepEqual(googleEventReport(open).missingRecommended, ['image', 'performer'])
      assert.equal(open.startDate, '2027-03-28T10:00:00+02:00')
      assert.equal(open.url, `http://hearth.test/en/events/${meetup.slug}`)
      assert.equal((open.offers as Node).availability, 'https://schema.org/InStock')
      await deps.db.update(eventSeats).set({ confirmed: 2 }).where(eq(eventSeats.eventId, meetup.id))
      assert.equal(((await jsonLd()).offers as Node).availability, 'https://schema.org/SoldOut')
    })

    it('offers the feeds where people look: the events list, a chapter’s page, a conference’s agenda', async () => {
      const list = await (await anonymous.get('/en/events')).text()
      assert.match(
        list,
        /<link rel="alternate" type="application\/rss\+xml" title="[^"]+" href="http:\/\/hearth\.test\/en\/events\/feed\.xml"/,
      )
      assert.match(
        list,
        /<link rel="alternate" type="text\/calendar" title="[^"]+" href="http:\/\/hearth\.test\/en\/events\/calendar\.ics"/,
      )
      assert.ok(list.includes('href="webcal://hearth.test/en/events/calendar.ics"'))
      assert.match(
        list,
        /<meta property="og:title" content="Events"/,
        'the feed links leave the preview tags',
      )
      const filtered = await (await anonymous.get('/en/events?kind=meetup')).text()
      assert.ok(filtered.includes('href="webcal://hearth.test/en/events/calendar.ics?kind=meetup"'))
      const chapterPage = await (await anonymous.get('/zh/chapters/hangzhou')).text()
      assert.ok(chapterPage.includes('href="webcal://hearth.test/zh/events/calendar.ics?chapter=hangzhou"'))
      assert.ok(chapterPage.includes('value="http://hearth.test/zh/events/calendar.ics?chapter=hangzhou"'))
      const conference = await berlinMeetup({ kind: 'conference', chapterId: null })
      const session = await addSession(deps, await actorOf(leader), conference.id, {
        kind: 'talk',
        titleZh: null,
        titleEn: 'Opening keynote',
        abstractZh: null,
        abstractEn: null,
        language: 'en',
        roomId: null,
        startsAt: zonedTime('2027-03-28T10:00', 'Europe/Berlin'),
        endsAt: zonedTime('2027-03-28T10:30', 'Europe/Berlin'),
        episodeId: null,
        videoUrl: null,
        slidesUrl: null,
      })
      const page = await (await anonymous.get(`/en/events/${conference.slug}`)).text()
      assert.ok(page.includes(`href="/en/events/${conference.slug}/sessions/${session.id}/session.ics"`))
      assert.match(
        page,
        /Add this session to your calendar \(\.ics\)<span class="visually-hidden">: Opening keynote<\/span>/,
      )
    })

    it('tells subscribed systems event.published in the transaction that publishes, and nothing for a cancellation', async () => {
      await deps.db
        .insert(webhookSubscriptions)
        .values({ url: 'https://hooks.example/events', secret: 'whsec_x' })
      const draft = await berlinMeetup({ status: 'draft' })
      const organiser = await actorOf(leader)
      await changeStatus(deps, organiser, draft.id, 'publish')
      const hooks = await deps.db.select().from(httpOutbox).where(eq(httpOutbox.event, 'event.published'))
      const hook = hooks.find((h) => (JSON.parse(h.body) as { data: { id: string } }).data.id === draft.id)
      assert.ok(hook, 'queued with the publication')
      const body = JSON.parse(hook.body) as { type: string; data: Record<string, unknown> }
      assert.equal(body.type, 'event.published')
      assert.equal(body.data.startsAt, '2027-03-28T10:00:00+02:00')
      assert.equal(body.data.chapter, 'hangzhou')
      assert.equal(body.data.republished, false)
      await changeStatus(deps, organiser, draft.id, 'cancel')
      assert.equal(
        (await deps.db.select().from(httpOutbox).where(eq(httpOutbox.event, 'event.published'))).length,
        hooks.length,
      )
      await deps.db.delete(webhookSubscriptions)
    })
  })
}
