import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import sharp from 'sharp'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { createEvent } from '../../../test/support/events.ts'
import { eventSeats, eventSessions, events as eventsTable, mediaFiles } from '../../platform/db/schema.ts'
import { foundChapter } from '../chapters/index.ts'
import { ensureFoundingSig } from '../people/people.demo.ts'

const NOW = new Date('2027-03-01T00:00:00Z')

const text = async (res: Response) => {
  const html = await res.text()
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
}

for (const backend of await testBackends()) {
  describe(`events pages [${backend}]`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hearth-events-'))
    after(() => rmSync(dataDir, { recursive: true, force: true }))
    const t = await makeTestApp(backend, { DATA_DIR: dataDir })
    t.setNow(NOW)
    const { deps } = t
    const sig = await ensureFoundingSig({ db: deps.db })
    const leader = await makePerson(deps, { handle: 'hz-lead', nameEn: 'Hu Lead', nameZh: '胡站长' })
    const sigLead = await makePerson(deps)
    await t.grant(sigLead.id, 'sig_lead', sig.id)
    const hangzhou = await foundChapter(
      deps.db,
      {
        slug: 'hangzhou',
        cityZh: '杭州',
        cityEn: 'Hangzhou',
        country: 'CN',
        sigId: sig.id,
        foundedOn: '2024-01-01',
      },
      [{ personId: leader.id, role: 'leader' }],
      NOW,
    )
    const chengdu = await foundChapter(
      deps.db,
      {
        slug: 'chengdu',
        cityZh: '成都',
        cityEn: 'Chengdu',
        country: 'CN',
        sigId: sig.id,
        foundedOn: '2024-01-01',
      },
      [{ personId: (await makePerson(deps)).id, role: 'leader' }],
      NOW,
    )
    const meetup = await createEvent(deps, {
      slug: 'hangzhou-spring-2027',
      kind: 'meetup',
      mode: 'hybrid',
      chapterId: hangzhou.id,
      titleEn: 'Hangzhou spring meetup',
      titleZh: '杭州春季聚会',
      startsAt: new Date('2027-03-20T06:00:00Z'),
      capacity: 40,
      organisers: [leader.id],
    })
    await deps.db.update(eventSeats).set({ confirmed: 37 }).where(eq(eventSeats.eventId, meetup.id))
    await deps.db.insert(eventSessions).values({
      eventId: meetup.id,
      kind: 'talk',
      titleEn: 'Operators in practice',
      language: 'en',
      startsAt: new Date('2027-03-20T06:30:00Z'),
      endsAt: new Date('2027-03-20T07:00:00Z'),
    })
    const conference = await createEvent(deps, {
      slug: 'kubesphere-summit-berlin-2027',
      kind: 'conference',
      mode: 'offline',
      titleEn: 'KubeSphere Summit Berlin',
      titleZh: null,
      venueEn: 'Berlin Congress Centre',
      address: 'Alexanderplatz, Berlin',
      timeZone: 'Europe/Berlin',
      // Sunday 28 March 2027, the day summer time begins: 10:00 CEST.
      startsAt: new Date('2027-03-28T08:00:00Z'),
      endsAt: new Date('2027-03-28T16:00:00Z'),
      capacity: null,
      organisers: [sigLead.id],
    })
    const held = await createEvent(deps, {
      slug: 'chengdu-winter-2027',
      kind: 'meetup',
      chapterId: chengdu.id,
      titleEn: 'Chengdu winter meetup',
      startsAt: new Date('2027-01-10T06:00:00Z'),
    })
    const cancelled = await createEvent(deps, {
      slug: 'cancelled-gathering-2027',
      kind: 'meetup',
      chapterId: chengdu.id,
      titleEn: 'Cancelled gathering',
      titleZh: '取消的聚会',
      status: 'cancelled',
      startsAt: new Date('2027-04-10T06:00:00Z'),
    })
    const draft = await createEvent(deps, {
      slug: 'secret-draft-2027',
      kind: 'meetup',
      chapterId: hangzhou.id,
      titleEn: 'Secret draft',
      status: 'draft',
      organisers: [leader.id],
    })

    it('lists upcoming events soonest first with places left, and past ones apart', async () => {
      const html = await (await t.client().get('/en/events')).text()
      const upcoming = html.slice(html.indexOf('id="upcoming-title"'), html.indexOf('id="past-title"'))
      const past = html.slice(html.indexOf('id="past-title"'))
      const order = ['Hangzhou spring meetup', 'KubeSphere Summit Berlin', 'Cancelled gathering'].map((s) =>
        upcoming.indexOf(s),
      )
      assert.ok(
        order.every((i, n) => i > 0 && (n === 0 || i > order[n - 1]!)),
        String(order),
      )
      assert.match(upcoming, /3 places left/)
      assert.match(past, /Chengdu winter meetup/)
      assert.doesNotMatch(upcoming, /Chengdu winter meetup/)
      assert.match(upcoming, /Cancelled/)
    })

    it('keeps a draft from the public: not listed, and its page is not found', async () => {
      assert.doesNotMatch(await (await t.client().get('/en/events')).text(), /Secret draft/)
      assert.equal((await t.client().get(`/en/events/${draft.slug}`)).status, 404)
      const stranger = await t.clientAs((await makePerson(deps)).id)
      assert.equal((await stranger.get(`/en/events/${draft.slug}`)).status, 404)
      const asOrganiser = await t.clientAs(leader.id)
      const preview = await asOrganiser.get(`/zh/events/${draft.slug}`)
      assert.equal(preview.status, 200)
      assert.match(await text(preview), /草稿：发布之前只有主办方能看到本页。/)
    })

    it('filters by chapter, city, kind, language and how people attend', async () => {
      const titles = async (query: string) => {
        const html = await (await t.client().get(`/en/events?${query}`)).text()
        return [
          'Hangzhou spring meetup',
          'KubeSphere Summit Berlin',
          'Chengdu winter meetup',
          'Cancelled gathering',
        ].filter((s) => html.includes(s))
      }
      assert.deepEqual(await titles('chapter=hangzhou'), ['Hangzhou spring meetup'])
      assert.deepEqual(await titles('city=%E6%88%90%E9%83%BD'), [
        'Chengdu winter meetup',
        'Cancelled gathering',
      ])
      assert.deepEqual(await titles('city=berlin'), ['KubeSphere Summit Berlin'])
      assert.deepEqual(await titles('kind=conference'), ['KubeSphere Summit Berlin'])
      assert.deepEqual(await titles('mode=online'), ['Hangzhou spring meetup'])
      assert.deepEqual(await titles('language=en&kind=meetup'), [
        'Hangzhou spring meetup',
        'Chengdu winter meetup',
        'Cancelled gathering',
      ])
      assert.deepEqual(await titles('language=zh'), ['Chengdu winter meetup', 'Cancelled gathering'])
    })

    it('says on a cancelled event’s page that it is cancelled, in both languages', async () => {
      const en = await t.client().get(`/en/events/${cancelled.slug}`)
      assert.equal(en.status, 200)
      assert.match(await text(en), /This event is cancelled\. It will not take place\./)
      assert.match(
        await text(await t.client().get(`/zh/events/${cancelled.slug}`)),
        /本活动已取消，不再举行。/,
      )
    })

    it('writes an event’s times in its zone with the offset of that day, summer time included', async () => {
      const html = await (await t.client().get(`/en/events/${conference.slug}`)).text()
      assert.match(
        html,
        /<time datetime="2027-03-28T10:00:00\+02:00" data-ends="2027-03-28T18:00:00\+02:00" data-zone="Europe\/Berlin">/,
      )
      assert.match(html, />Sunday, 28 March 2027, 10:00–18:00</)
      assert.match(html, /Times in Europe\/Berlin \(UTC\+02:00\)/)
    })

    it('shows the agenda, the organisers and a link to the calendar file, and hides the online link', async () => {
      await deps.db
        .update(eventsTable)
        .set({ onlineUrl: 'https://meet.example/secret' })
        .where(eq(eventsTable.id, meetup.id))
      const html = await (await t.client().get(`/en/events/${meetup.slug}`)).text()
      assert.match(html, /Operators in practice/)
      assert.match(html, /<time datetime="2027-03-20T14:30:00\+08:00">14:30–15:00<\/time>/)
      assert.match(html, /Hu Lead/)
      assert.match(html, new RegExp(`href="/en/events/${meetup.slug}/event.ics"`))
      assert.doesNotMatch(html, /meet\.example\/secret/)
      assert.match(html, /The link to join appears with your registration once you hold a place\./)
      assert.match(html, /3 places left/)
    })

    it('shows a chapter its next events and those it held', async () => {
      const hz = await text(await t.client().get('/en/chapters/hangzhou'))
      assert.match(hz, /Next events.*Hangzhou spring meetup/)
      assert.doesNotMatch(hz, /Secret draft/)
      const cd = await text(await t.client().get('/en/chapters/chengdu'))
      assert.match(cd, /Events held.*Chengdu winter meetup/)
    })

    it('refuses a bad event form with translated messages at each field, keeping what was typed', async () => {
      const asLeader = await t.clientAs(leader.id)
      const res = await asLeader.postForm('/zh/console/events', {
        kind: 'meetup',
        chapter: '',
        mode: 'offline',
        titleZh: '',
        titleEn: 'Kept <title>',
        timeZone: 'Mars/Olympus',
        startsAt: '2027-05-01T14:00',
        endsAt: '2027-05-01T13:00',
        mapUrl: 'javascript:alert(1)',
        capacity: 'many',
      })
      assert.equal(res.status, 422)
      const html = await res.text()
      assert.match(html, /请填写 IANA 时区名/)
      assert.match(html, /请输入大于或等于 0 的整数。/)
      assert.match(html, /请选择主办这次活动的城市站。/)
      assert.match(html, /请输入以 https:\/\/ 或 http:\/\/ 开头的完整网址。/)
      assert.match(html, /value="Kept &lt;title&gt;"/)
      assert.match(html, /value="Mars\/Olympus"/)
      assert.match(html, /value="2027-05-01T14:00"/)
      const berlin = await asLeader.postForm('/en/console/events', {
        kind: 'meetup',
        chapter: 'hangzhou',
        mode: 'offline',
        titleEn: 'Skipped hour',
        timeZone: 'Europe/Berlin',
        startsAt: '2027-03-28T02:30',
        endsAt: '2027-03-28T04:00',
      })
      assert.equal(berlin.status, 422)
      assert.match(await berlin.text(), /This time does not exist there: the clocks skip it/)
      const ends = await asLeader.postForm('/en/console/events', {
        kind: 'meetup',
        chapter: 'hangzhou',
        mode: 'offline',
        titleEn: 'Backwards',
        timeZone: 'Asia/Shanghai',
        startsAt: '2027-05-01T14:00',
        endsAt: '2027-05-01T13:00',
      })
      assert.match(await ends.text(), /The end must come after the start\./)
    })

    it('lets a chapter leader announce, publish and shape a meetup from the console', async () => {
      const asLeader = await t.clientAs(leader.id)
      const created = await asLeader.postForm('/en/console/events', {
        kind: 'meetup',
        chapter: 'hangzhou',
        mode: 'offline',
        titleEn: 'Console meetup',
        titleZh: '',
        timeZone: 'Asia/Shanghai',
        startsAt: '2027-06-05T14:00',
        endsAt: '2027-06-05T17:00',
        capacity: '30',
      })
      assert.equal(created.status, 303)
      const location = created.headers.get('location')!
      const path = new URL(location, 'http://x').pathname
      const [row] = await deps.db
        .select()
        .from(eventsTable)
        .where(eq(eventsTable.slug, 'console-meetup-2027'))
      assert.equal(row?.status, 'draft')
      assert.equal(row?.startsAt.toISOString(), '2027-06-05T06:00:00.000Z')
      assert.equal(path, `/en/console/events/${row!.id}`)
      assert.match(await (await asLeader.get(location)).text(), /The draft is created/)
      const session = await asLeader.postForm(`${path}/sessions`, {
        kind: 'talk',
        titleEn: 'Welcome',
        startsAt: '2027-06-05T14:00',
        endsAt: '2027-06-05T14:15',
      })
      assert.equal(session.status, 303)
      const outside = await asLeader.postForm(`${path}/sessions`, {
        kind: 'talk',
        titleEn: 'Too late',
        startsAt: '2027-06-05T18:00',
      })
      assert.equal(outside.status, 422)
      assert.match(await outside.text(), /The session must lie within the event’s own start and end\./)
      assert.equal((await asLeader.postForm(`${path}/status`, { action: 'publish' })).status, 303)
      const pub = await text(await t.client().get('/en/events/console-meetup-2027'))
      assert.match(pub, /Console meetup/)
      assert.match(pub, /Welcome/)
      const again = await asLeader.postForm(`${path}/status`, { action: 'publish' })
      assert.equal(again.status, 409)
      assert.match(await again.text(), /The event cannot make that move from its present status\./)
    })

    it('refuses the console to people who may not organise the event', async () => {
      const stranger = await t.clientAs((await makePerson(deps)).id)
      assert.equal((await stranger.get(`/en/console/events/${meetup.id}`)).status, 403)
      assert.equal(
        (await stranger.postForm(`/en/console/events/${meetup.id}/status`, { action: 'cancel' })).status,
        403,
      )
      assert.equal((await stranger.get('/en/console/events/new')).status, 403)
      assert.equal((await t.client().get('/en/console/events')).status, 302)
    })

    it('takes a cover and a sponsor’s logo as pictures, and refuses what is not one', async () => {
      const asOrganiser = await t.clientAs(sigLead.id)
      const photo = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#a63f15' } })
        .jpeg()
        .toBuffer()
      const cover = await asOrganiser.postMultipart(
        `/en/console/events/${conference.id}/cover/upload`,
        {},
        { field: 'cover', filename: 'hall.jpg', bytes: photo, type: 'image/jpeg' },
      )
      assert.equal(cover.status, 303)
      const html = await (await t.client().get(`/en/events/${conference.slug}`)).text()
      assert.match(html, /class="event-cover"/)
      const refused = await asOrganiser.postMultipart(
        `/zh/console/events/${conference.id}/cover/upload`,
        {},
        {
          field: 'cover',
          filename: 'x.jpg',
          bytes: new TextEncoder().encode('not a picture'),
          type: 'image/jpeg',
        },
      )
      assert.equal(refused.status, 422)
      assert.match(await refused.text(), /请上传图片：JPEG、PNG 或 WebP。/)
      const before = (await deps.db.select().from(mediaFiles)).length
      assert.equal(
        (
          await asOrganiser.postForm(`/en/console/events/${conference.id}/sponsors`, {
            nameEn: 'Acme',
            url: 'ftp://acme',
          })
        ).status,
        422,
      )
      assert.equal(
        (
          await asOrganiser.postForm(`/en/console/events/${conference.id}/sponsors`, {
            nameEn: 'Acme',
            url: 'https://acme.example',
          })
        ).status,
        303,
      )
      const people = await (await asOrganiser.get(`/en/console/events/${conference.id}/people`)).text()
      const sponsorId = /\/sponsors\/([0-9a-f-]{36})\/logo\/upload/.exec(people)![1]
      const logo = await sharp({ create: { width: 400, height: 100, channels: 4, background: '#00000000' } })
        .png()
        .toBuffer()
      const uploaded = await asOrganiser.postMultipart(
        `/en/console/events/${conference.id}/sponsors/${sponsorId}/logo/upload`,
        {},
        { field: 'logo', filename: 'acme.png', bytes: logo, type: 'image/png' },
      )
      assert.equal(uploaded.status, 303)
      assert.ok((await deps.db.select().from(mediaFiles)).length > before)
      assert.match(await (await t.client().get(`/en/events/${conference.slug}`)).text(), /alt="Acme logo"/)
    })

    it('tells organisers on the console home of drafts waiting', async () => {
      const home = await text(await (await t.clientAs(sigLead.id)).get('/en/console'))
      assert.match(home, /Upcoming events/)
      const leaderDrafts = await (await t.clientAs(leader.id)).get('/en/console/events')
      assert.match(await text(leaderDrafts), /Secret draft/)
    })

    it('shows the next three events on the home page, linking to the list, leaving out a cancelled one', async () => {
      const home = await (await t.client().get('/en')).text()
      const start = home.indexOf('id="home-events"')
      const next = home.slice(start, home.indexOf('</section>', start))
      assert.match(next, /Hangzhou spring meetup[\s\S]*KubeSphere Summit Berlin/)
      assert.doesNotMatch(next, /Cancelled gathering|Secret draft/)
      assert.match(next, /href="\/en\/events"/)
    })

    it('renders held events in the past section only, with no places shown', async () => {
      const html = await (await t.client().get(`/en/events/${held.slug}`)).text()
      assert.match(html, /This event has taken place\./)
    })
  })
}
