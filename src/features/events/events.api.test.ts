import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { makePerson } from '../../../test/support/app.ts'
import { chapterWithTeam } from '../../../test/support/chapters.ts'
import { testBackends } from '../../../test/support/db.ts'
import { createEvent } from '../../../test/support/events.ts'
import { chapters, httpOutbox, webhookSubscriptions } from '../../platform/db/schema.ts'
import { zonedTime } from '../../platform/i18n/time-zone.ts'
import { createApiToken } from '../accounts/index.ts'

type Json = Record<string, unknown>
const NOW = new Date('2027-03-01T00:00:00Z')

for (const backend of await testBackends()) {
  describe(`events API [${backend}]`, async () => {
    const { t, deps, leader, member, actorOf } = await chapterWithTeam(backend, NOW, {
      slug: 'chengdu',
      cityZh: '成都',
      cityEn: 'Chengdu',
    })
    const [chengdu] = await deps.db.select().from(chapters).where(eq(chapters.slug, 'chengdu'))
    const { token } = await createApiToken(deps, await actorOf(leader), 'events')
    const anonymous = t.client()
    const asLeader = t.client()
    const call = (method: string, path: string, body?: unknown) =>
      asLeader.api(method, `/api/v1${path}`, body, token)
    const json = async (res: Response) => (await res.json()) as Json

    const newMeetup = {
      kind: 'meetup',
      chapter: 'chengdu',
      mode: 'hybrid',
      titleZh: '成都 Meetup',
      titleEn: 'Chengdu meetup',
      timeZone: 'Europe/Berlin',
      startsAt: '2027-03-28T10:00',
      endsAt: '2027-03-28T13:00',
      venueEn: 'Tianfu Software Park',
      address: 'Tianfu Avenue 1',
      onlineUrl: 'https://meet.example/chengdu',
      capacity: '80',
    }

    it('lets a chapter’s leader announce a meetup as a draft, in wall-clock times or with an offset', async () => {
      const res = await call('POST', '/events', newMeetup)
      assert.equal(res.status, 201)
      const event = await json(res)
      assert.equal(event.status, 'draft')
      assert.equal(event.chapter, 'chengdu')
      assert.equal(event.startsAt, '2027-03-28T10:00:00+02:00')
      assert.equal(event.capacity, 80)
      assert.equal(event.onlineUrl, 'https://meet.example/chengdu')
      assert.equal((await anonymous.get(`/api/v1/events/${event.slug}`)).status, 404)
      const offset = await json(
        await call('POST', '/events', {
          ...newMeetup,
          titleEn: 'Chengdu meetup, offset',
          startsAt: '2027-03-28T08:00:00Z',
          endsAt: '2027-03-28T13:00:00+02:00',
        }),
      )
      assert.equal(offset.startsAt, '2027-03-28T10:00:00+02:00')
      assert.equal(offset.endsAt, '2027-03-28T13:00:00+02:00')
    })

    it('answers who may not announce events with 401 and 403, and bad input with 422 at the field', async () => {
      assert.equal((await anonymous.api('POST', '/api/v1/events', newMeetup)).status, 401)
      const outsider = await makePerson(deps)
      const { token: outsiderToken } = await createApiToken(deps, await actorOf(outsider.id), 'x')
      assert.equal((await anonymous.api('POST', '/api/v1/events', newMeetup, outsiderToken)).status, 403)
      const bad = await call('POST', '/events', { ...newMeetup, timeZone: '+08:00', startsAt: 'soon' })
      assert.equal(bad.status, 422)
      const paths = ((await json(bad)).errors as { path: string }[]).map((e) => e.path)
      assert.ok(paths.includes('timeZone'), String(paths))
      const skipped = await call('POST', '/events', { ...newMeetup, startsAt: '2027-03-28T02:30' })
      assert.equal(skipped.status, 422, 'a time the clocks skip')
    })

    it('publishes, tells subscribed systems, lists and reads the event; a second publish is 409', async () => {
      await deps.db
        .insert(webhookSubscriptions)
        .values({ url: 'https://hooks.example/api', secret: 'whsec_x' })
      const draft = await json(await call('POST', '/events', { ...newMeetup, titleEn: 'Published by API' }))
      const published = await call('POST', `/events/${draft.slug}/publish`)
      assert.equal(published.status, 200)
      assert.equal((await json(published)).status, 'published')
      const hooks = await deps.db.select().from(httpOutbox).where(eq(httpOutbox.event, 'event.published'))
      assert.ok(
        hooks.some((h) => (JSON.parse(h.body) as { data: { slug: string } }).data.slug === draft.slug),
      )
      assert.equal((await call('POST', `/events/${draft.slug}/publish`)).status, 409)
      const list = (await json(await anonymous.get('/api/v1/events?chapter=chengdu'))) as unknown as Json[]
      const listed = list.find((e) => e.slug === draft.slug)!
      assert.ok(listed, 'listed once published')
      assert.equal(listed.placesLeft, 80)
      assert.equal(listed.calendarUrl, `http://hearth.test/en/events/${draft.slug}/event.ics`)
      const read = await json(await anonymous.get(`/api/v1/events/${draft.slug}`))
      assert.equal(read.onlineUrl, null, 'the call is not for everyone')
      assert.equal(read.titleEn, 'Published by API')
      assert.equal((read.organisers as Json[]).length, 1)
      await deps.db.delete(webhookSubscriptions)
    })

    it('changes only what a PATCH names, raising sequence, and keeps others from changing it', async () => {
      const event = await json(await call('POST', '/events', { ...newMeetup, titleEn: 'Patch me' }))
      await call('POST', `/events/${event.slug}/publish`)
      const before = await json(await call('GET', `/events/${event.slug}`))
      const patched = await call('PATCH', `/events/${event.slug}`, { venueEn: 'A bigger hall' })
      assert.equal(patched.status, 200)
      const after = await json(patched)
      assert.equal(after.venueEn, 'A bigger hall')
      assert.equal(after.titleEn, 'Patch me')
      assert.equal(after.startsAt, before.startsAt)
      assert.ok((after.sequence as number) > (before.sequence as number))
      const moved = await json(
        await call('PATCH', `/events/${event.slug}`, { startsAt: '2027-03-28T09:00:00+02:00' }),
      )
      assert.equal(moved.startsAt, '2027-03-28T09:00:00+02:00')
      const { token: memberToken } = await createApiToken(deps, await actorOf(member), 'member')
      const outsider = await makePerson(deps)
      const { token: outsiderToken } = await createApiToken(deps, await actorOf(outsider.id), 'x')
      // The chapter's team organises its meetups; someone else may not touch them.
      assert.equal(
        (await anonymous.api('PATCH', `/api/v1/events/${event.slug}`, { venueEn: 'x' }, memberToken)).status,
        200,
      )
      assert.equal(
        (await anonymous.api('PATCH', `/api/v1/events/${event.slug}`, { venueEn: 'x' }, outsiderToken))
          .status,
        403,
      )
      assert.equal(
        (await anonymous.api('PATCH', `/api/v1/events/${event.slug}`, { venueEn: 'x' })).status,
        401,
      )
    })

    it('runs the agenda: sessions added, moved and removed, speakers named, each session with its calendar file', async () => {
      const conference = await createEvent(deps, {
        kind: 'conference',
        chapterId: chengdu!.id,
        timeZone: 'Europe/Berlin',
        startsAt: zonedTime('2027-03-27T09:00', 'Europe/Berlin'),
        endsAt: zonedTime('2027-03-28T18:00', 'Europe/Berlin'),
        organisers: [leader],
      })
      const speaker = await makePerson(deps, { handle: 'liwei-api', nameEn: 'Li Wei' })
      const unlisted = await makePerson(deps, {
        handle: 'member-quiet',
        nameEn: 'Quiet Person',
        profilePublic: false,
      })
      const created = await call('POST', `/events/${conference.slug}/sessions`, {
        kind: 'panel',
        titleEn: 'Maintainers roundtable',
        startsAt: '2027-03-28T10:00',
        endsAt: '2027-03-28T11:00',
        language: 'en',
      })
      assert.equal(created.status, 201)
      const session = await json(created)
      assert.equal(session.startsAt, '2027-03-28T10:00:00+02:00')
      assert.equal(
        session.calendarUrl,
        `http://hearth.test/en/events/${conference.slug}/sessions/${session.id}/session.ics`,
      )
      const outside = await call('POST', `/events/${conference.slug}/sessions`, {
        kind: 'talk',
        titleEn: 'Too late',
        startsAt: '2027-03-29T10:00',
      })
      assert.equal(outside.status, 422)
      const withSpeaker = await call('POST', `/events/${conference.slug}/sessions/${session.id}/speakers`, {
        handle: speaker.handle,
        role: 'moderator',
      })
      assert.equal(withSpeaker.status, 201)
      const speakers = (await json(withSpeaker)).speakers as Json[]
      assert.deepEqual(
        speakers.map((s) => [s.handle, s.name, s.role]),
        [['liwei-api', 'Li Wei', 'moderator']],
      )
      const both = await json(
        await call('POST', `/events/${conference.slug}/sessions/${session.id}/speakers`, {
          handle: unlisted.handle,
          role: 'panelist',
        }),
      )
      // Someone not listed on the site is named, never by their handle.
      assert.deepEqual(
        (both.speakers as Json[]).map((s) => [s.handle, s.name]),
        [
          ['liwei-api', 'Li Wei'],
          [null, 'Quiet Person'],
        ],
      )
      const wrongRole = await call('POST', `/events/${conference.slug}/sessions/${session.id}/speakers`, {
        nameEn: 'Anna',
        role: 'speaker',
      })
      assert.equal(wrongRole.status, 422, 'a panel has a moderator and panelists')
      const moved = await json(
        await call('PATCH', `/events/${conference.slug}/sessions/${session.id}`, {
          startsAt: '2027-03-28T08:30:00Z',
        }),
      )
      assert.equal(moved.startsAt, '2027-03-28T10:30:00+02:00')
      assert.equal(moved.endsAt, '2027-03-28T11:00:00+02:00')
      assert.equal(moved.titleEn, 'Maintainers roundtable')
      assert.ok((moved.sequence as number) > (session.sequence as number))
      const agenda = (await json(
        await anonymous.get(`/api/v1/events/${conference.slug}/sessions`),
      )) as unknown as Json[]
      assert.deepEqual(
        agenda.map((s) => s.id),
        [session.id],
      )
      assert.equal(
        (
          await call(
            'DELETE',
            `/events/${conference.slug}/sessions/${session.id}/speakers/${speakers[0]!.id}`,
          )
        ).status,
        204,
      )
      assert.equal((await call('DELETE', `/events/${conference.slug}/sessions/${session.id}`)).status, 204)
      assert.equal((await call('PATCH', `/events/${conference.slug}/sessions/${session.id}`, {})).status, 404)
      assert.equal(
        (
          await anonymous.api('POST', `/api/v1/events/${conference.slug}/sessions`, {
            kind: 'talk',
            titleEn: 'x',
          })
        ).status,
        401,
      )
    })

    it('lists past events latest first with when=past, and describes every route in the OpenAPI document', async () => {
      const older = await createEvent(deps, {
        titleEn: 'Older',
        startsAt: new Date('2027-01-10T10:00:00Z'),
        endsAt: new Date('2027-01-10T12:00:00Z'),
      })
      const newer = await createEvent(deps, {
        titleEn: 'Newer',
        startsAt: new Date('2027-02-10T10:00:00Z'),
        endsAt: new Date('2027-02-10T12:00:00Z'),
      })
      const past = (await json(await anonymous.get('/api/v1/events?when=past'))) as unknown as Json[]
      const slugs = past.map((e) => e.slug)
      assert.ok(slugs.indexOf(newer.slug) < slugs.indexOf(older.slug))
      const upcoming = (await json(await anonymous.get('/api/v1/events'))) as unknown as Json[]
      assert.ok(!upcoming.some((e) => e.slug === older.slug))
      const doc = (await json(await anonymous.get('/api/v1/openapi.json'))) as { paths: Record<string, Json> }
      for (const path of [
        '/events',
        '/events/{slug}',
        '/events/{slug}/publish',
        '/events/{slug}/postpone',
        '/events/{slug}/cancel',
        '/events/{slug}/sessions',
        '/events/{slug}/sessions/{id}',
        '/events/{slug}/sessions/{id}/speakers',
        '/events/{slug}/sessions/{id}/speakers/{speakerId}',
      ])
        assert.ok(doc.paths[path], path)
    })
  })
}
