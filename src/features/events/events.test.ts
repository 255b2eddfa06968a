import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { makePerson } from '../../../test/support/app.ts'
import { chapterWithTeam } from '../../../test/support/chapters.ts'
import { testBackends } from '../../../test/support/db.ts'
import { createEvent as makeEvent } from '../../../test/support/events.ts'
import { eventSeats, eventSessions, events as eventsTable } from '../../platform/db/schema.ts'
import { DomainError, InvalidInput } from '../../platform/errors.ts'
import type { EventInput } from './events.inputs.ts'
import { wallClockOf } from './events.rules.ts'
import * as events from './events.service.ts'

const NOW = new Date('2027-03-01T00:00:00Z')

/** A meetup's input as the form gives it, in Shanghai, on 20 March 2027 (overrides change it). */
const meetupInput = (chapter: string, overrides: Partial<EventInput> = {}): EventInput => ({
  kind: 'meetup',
  chapter,
  mode: 'offline',
  titleZh: '杭州站 2027 春季聚会',
  titleEn: 'Hangzhou Spring Meetup',
  slug: null,
  summaryZh: null,
  summaryEn: 'Talks and tea.',
  descriptionZh: null,
  descriptionEn: 'We meet in **Xihu**.',
  timeZone: 'Asia/Shanghai',
  startsAt: new Date('2027-03-20T06:00:00Z'),
  endsAt: new Date('2027-03-20T09:30:00Z'),
  venueZh: '西湖会场',
  venueEn: 'Xihu Hall',
  address: '1 Lakeside Road',
  country: 'CN',
  mapUrl: 'https://maps.example/xihu',
  accessibilityZh: null,
  accessibilityEn: 'Step-free entrance.',
  onlineUrl: null,
  registrationOpensAt: null,
  registrationClosesAt: null,
  capacity: 40,
  requiresApproval: false,
  ...overrides,
})

/** Runs `act` and expects a refusal at `field` with `message`. */
async function refusedAt(act: () => Promise<unknown>, field: string, message: string) {
  await assert.rejects(act, (e: unknown) => {
    assert.ok(e instanceof InvalidInput, String(e))
    assert.deepEqual(
      e.issues.map((i) => [i.path.join('.'), i.message]),
      [[field, message]],
    )
    return true
  })
}

const code = (c: string) => (e: unknown) => e instanceof DomainError && e.code === c

for (const backend of await testBackends()) {
  describe(`events [${backend}]`, async () => {
    const { t, deps, sig, leader, vice, member, sigLead, actorOf } = await chapterWithTeam(backend, NOW, {
      slug: 'hangzhou',
      cityZh: '杭州',
      cityEn: 'Hangzhou',
    })
    const other = await chapterWithTeamless()
    async function chapterWithTeamless() {
      const { foundChapter } = await import('../chapters/index.ts')
      const otherLeader = await makePerson(deps)
      const chapter = await foundChapter(
        deps.db,
        {
          slug: 'chengdu',
          cityZh: '成都',
          cityEn: 'Chengdu',
          country: 'CN',
          sigId: sig.id,
          foundedOn: '2024-01-01',
        },
        [{ personId: otherLeader.id, role: 'leader' }],
        NOW,
      )
      return { chapter, leader: otherLeader }
    }
    const stranger = await makePerson(deps)

    it('lets a chapter’s leader announce its meetup as a draft they organise, with a seat counter and an address from the title', async () => {
      const event = await events.createEvent(deps, await actorOf(leader), meetupInput('hangzhou'))
      assert.equal(event.status, 'draft')
      assert.equal(event.slug, 'hangzhou-spring-meetup-2027')
      assert.equal(event.capacity, 40)
      const [seats] = await deps.db.select().from(eventSeats).where(eq(eventSeats.eventId, event.id))
      assert.equal(seats?.confirmed, 0)
      const { organisers } = await events.eventToOrganise(deps, await actorOf(leader), event.id)
      assert.deepEqual(
        organisers.map((o) => o.person.id),
        [leader],
      )
    })

    it('numbers an address made from a title already used, and refuses one typed that is taken', async () => {
      const first = await events.createEvent(
        deps,
        await actorOf(sigLead),
        meetupInput('hangzhou', { titleEn: 'Twice' }),
      )
      const second = await events.createEvent(
        deps,
        await actorOf(sigLead),
        meetupInput('hangzhou', { titleEn: 'Twice' }),
      )
      assert.equal(first.slug, 'twice-2027')
      assert.equal(second.slug, 'twice-2027-2')
      await refusedAt(
        async () =>
          events.createEvent(deps, await actorOf(sigLead), meetupInput('hangzhou', { slug: 'Twice-2027' })),
        'slug',
        'eventSlugTaken',
      )
    })

    it('refuses a meetup for a chapter the person is not on, and any event to someone with no seat or SIG role', async () => {
      await assert.rejects(
        events.createEvent(deps, await actorOf(leader), meetupInput('chengdu')),
        code('forbidden'),
      )
      await assert.rejects(
        events.createEvent(deps, await actorOf(stranger.id), meetupInput('hangzhou')),
        code('forbidden'),
      )
      await assert.rejects(events.createEvent(deps, null, meetupInput('hangzhou')), code('unauthenticated'))
      await refusedAt(
        async () => events.createEvent(deps, await actorOf(sigLead), meetupInput('atlantis')),
        'chapter',
        'unknownChapter',
      )
    })

    it('lets SIG people announce a conference of no chapter', async () => {
      const event = await events.createEvent(
        deps,
        await actorOf(sigLead),
        meetupInput('', { kind: 'conference', chapter: null, titleEn: 'KubeSphere Summit' }),
      )
      assert.equal(event.chapterId, null)
      assert.equal(event.kind, 'conference')
    })

    it('lets organisers, the chapter’s team and its SIG change a meetup, and nobody else', async () => {
      const event = await events.createEvent(
        deps,
        await actorOf(leader),
        meetupInput('hangzhou', { titleEn: 'Access' }),
      )
      const input = meetupInput('hangzhou', { titleEn: 'Access', summaryEn: 'Changed' })
      for (const who of [leader, vice, member, sigLead])
        await events.editEvent(deps, await actorOf(who), event.id, input)
      await assert.rejects(
        events.editEvent(deps, await actorOf(stranger.id), event.id, input),
        code('forbidden'),
      )
      await assert.rejects(
        events.editEvent(deps, await actorOf(other.leader.id), event.id, input),
        code('forbidden'),
      )
      await events.addOrganiser(deps, await actorOf(leader), event.id, stranger.handle)
      await events.editEvent(deps, await actorOf(stranger.id), event.id, input)
    })

    it('raises the calendar sequence of the event and its sessions when a calendar would show the change, and only then', async () => {
      const actor = await actorOf(leader)
      const event = await events.createEvent(deps, actor, meetupInput('hangzhou', { titleEn: 'Sequence' }))
      await events.addSession(deps, actor, event.id, {
        kind: 'talk',
        titleZh: null,
        titleEn: 'Opening',
        abstractZh: null,
        abstractEn: null,
        language: 'en',
        roomId: null,
        startsAt: new Date('2027-03-20T06:00:00Z'),
        endsAt: new Date('2027-03-20T06:30:00Z'),
        episodeId: null,
        videoUrl: null,
        slidesUrl: null,
      })
      const sequences = async () => {
        const [e] = await deps.db.select().from(eventsTable).where(eq(eventsTable.id, event.id))
        const [s] = await deps.db.select().from(eventSessions).where(eq(eventSessions.eventId, event.id))
        return [e!.sequence, s!.sequence]
      }
      assert.deepEqual(await sequences(), [0, 0])
      // The country and the registration window are in no calendar entry.
      await events.editEvent(
        deps,
        actor,
        event.id,
        meetupInput('hangzhou', { titleEn: 'Sequence', country: 'DE' }),
      )
      assert.deepEqual(await sequences(), [0, 0])
      await events.editEvent(
        deps,
        actor,
        event.id,
        meetupInput('hangzhou', { titleEn: 'Sequence', venueEn: 'Another hall' }),
      )
      assert.deepEqual(await sequences(), [1, 1])
      await events.changeStatus(deps, actor, event.id, 'publish')
      assert.deepEqual(await sequences(), [2, 2])
      await events.changeStatus(deps, actor, event.id, 'cancel')
      assert.deepEqual(await sequences(), [3, 3])
    })

    it('publishes, postpones, publishes again and cancels, and refuses any other move', async () => {
      const actor = await actorOf(leader)
      const event = await events.createEvent(deps, actor, meetupInput('hangzhou', { titleEn: 'Moves' }))
      await assert.rejects(events.changeStatus(deps, actor, event.id, 'postpone'), code('notAllowedNow'))
      await assert.rejects(events.changeStatus(deps, actor, event.id, 'cancel'), code('notAllowedNow'))
      t.setNow(new Date('2027-03-02T00:00:00Z'))
      await events.changeStatus(deps, actor, event.id, 'publish')
      t.setNow(NOW)
      await events.changeStatus(deps, actor, event.id, 'postpone')
      await events.changeStatus(deps, actor, event.id, 'publish')
      const [again] = await deps.db.select().from(eventsTable).where(eq(eventsTable.id, event.id))
      assert.equal(again!.status, 'published')
      assert.equal(again!.publishedAt?.toISOString(), '2027-03-02T00:00:00.000Z', 'first published stays')
      await events.changeStatus(deps, actor, event.id, 'cancel')
      await assert.rejects(events.changeStatus(deps, actor, event.id, 'publish'), code('notAllowedNow'))
    })

    it('keeps a published event’s address', async () => {
      const actor = await actorOf(leader)
      const event = await events.createEvent(
        deps,
        actor,
        meetupInput('hangzhou', { titleEn: 'Fixed address' }),
      )
      await events.editEvent(deps, actor, event.id, meetupInput('hangzhou', { slug: 'renamed-while-draft' }))
      await events.changeStatus(deps, actor, event.id, 'publish')
      await refusedAt(
        () => events.editEvent(deps, actor, event.id, meetupInput('hangzhou', { slug: 'renamed-later' })),
        'slug',
        'eventSlugFixed',
      )
      const [row] = await deps.db.select().from(eventsTable).where(eq(eventsTable.id, event.id))
      assert.equal(row!.slug, 'renamed-while-draft')
    })

    it('shows a draft to its organisers only, and lists only published, postponed and cancelled events', async () => {
      const actor = await actorOf(leader)
      const draft = await events.createEvent(
        deps,
        actor,
        meetupInput('hangzhou', { titleEn: 'Secret draft' }),
      )
      await assert.rejects(events.eventPage(deps, null, draft.slug), code('notFoundRecord'))
      await assert.rejects(
        events.eventPage(deps, await actorOf(stranger.id), draft.slug),
        code('notFoundRecord'),
      )
      assert.equal((await events.eventPage(deps, actor, draft.slug)).mayOrganise, true)
      const { upcoming } = await events.publicEvents(deps, {})
      assert.equal(
        upcoming.some((e) => e.id === draft.id),
        false,
      )
      await events.changeStatus(deps, actor, draft.id, 'publish')
      await events.changeStatus(deps, actor, draft.id, 'cancel')
      const cancelled = await events.eventPage(deps, null, draft.slug)
      assert.equal(cancelled.event.status, 'cancelled')
      assert.ok((await events.publicEvents(deps, {})).upcoming.some((e) => e.id === draft.id))
    })

    it('keeps sessions inside their event, in its rooms, and their people in the roles of their kind', async () => {
      const actor = await actorOf(sigLead)
      const event = await events.createEvent(deps, actor, meetupInput('hangzhou', { titleEn: 'Agenda' }))
      const elsewhere = await makeEvent(deps, { organisers: [sigLead] })
      const foreignRoom = await events.addRoom(deps, actor, elsewhere.id, {
        nameZh: null,
        nameEn: 'Hall B',
        capacity: null,
      })
      const session = {
        kind: 'roundtable' as const,
        titleZh: '维护者圆桌',
        titleEn: null,
        abstractZh: null,
        abstractEn: null,
        language: 'zh' as const,
        roomId: null,
        startsAt: new Date('2027-03-20T07:00:00Z'),
        endsAt: new Date('2027-03-20T08:00:00Z'),
        episodeId: null,
        videoUrl: 'https://www.bilibili.com/video/BV1GJ411x7h7',
        slidesUrl: null,
      }
      await refusedAt(
        () =>
          events.addSession(deps, actor, event.id, {
            ...session,
            startsAt: new Date('2027-03-20T05:59:00Z'),
          }),
        'startsAt',
        'sessionOutsideEvent',
      )
      await refusedAt(
        () =>
          events.addSession(deps, actor, event.id, { ...session, endsAt: new Date('2027-03-20T10:00:00Z') }),
        'endsAt',
        'sessionOutsideEvent',
      )
      await refusedAt(
        () => events.addSession(deps, actor, event.id, { ...session, roomId: foreignRoom.id }),
        'roomId',
        'unknownRoom',
      )
      const added = await events.addSession(deps, actor, event.id, session)
      await refusedAt(
        () =>
          events.addSpeaker(deps, actor, event.id, added.id, {
            handle: null,
            nameZh: '张三',
            nameEn: null,
            affiliation: null,
            role: 'speaker',
          }),
        'role',
        'speakerRole',
      )
      await refusedAt(
        () =>
          events.addSpeaker(deps, actor, event.id, added.id, {
            handle: 'nobody-here',
            nameZh: null,
            nameEn: null,
            affiliation: null,
            role: 'panelist',
          }),
        'handle',
        'unknownHandle',
      )
      const guest = await makePerson(deps, { nameEn: 'Guest Panelist' })
      await events.addSpeaker(deps, actor, event.id, added.id, {
        handle: null,
        nameZh: '王主持',
        nameEn: 'Wang Moderator',
        affiliation: 'Outside Co.',
        role: 'moderator',
      })
      await events.addSpeaker(deps, actor, event.id, added.id, {
        handle: guest.handle,
        nameZh: null,
        nameEn: null,
        affiliation: null,
        role: 'panelist',
      })
      const { sessions } = await events.eventToOrganise(deps, actor, event.id)
      const [only] = sessions
      assert.deepEqual(
        only!.speakers.map((s) => [s.speaker.role, s.person?.handle ?? s.speaker.nameEn]),
        [
          ['moderator', 'Wang Moderator'],
          ['panelist', guest.handle],
        ],
      )
      assert.equal(only!.sequence, 2, 'each person added is news for the session’s calendar entry')
    })

    it('keeps at least one organiser', async () => {
      const actor = await actorOf(leader)
      const event = await events.createEvent(deps, actor, meetupInput('hangzhou', { titleEn: 'Organisers' }))
      const { organisers } = await events.eventToOrganise(deps, actor, event.id)
      await assert.rejects(
        events.removeOrganiser(deps, actor, event.id, organisers[0]!.id),
        code('notAllowedNow'),
      )
      await events.addOrganiser(deps, actor, event.id, stranger.handle)
      await events.removeOrganiser(deps, actor, event.id, organisers[0]!.id)
      const after = await events.eventToOrganise(deps, actor, event.id)
      assert.deepEqual(
        after.organisers.map((o) => o.person.id),
        [stranger.id],
      )
    })

    it('copies an event as its next edition: a draft with its sessions, rooms, sponsors and organisers, every time kept on the clock across summer time', async () => {
      const actor = await actorOf(sigLead)
      const berlin = await events.createEvent(deps, actor, {
        ...meetupInput('hangzhou'),
        kind: 'conference',
        chapter: null,
        titleEn: 'Cloud Native Days Berlin 2026',
        titleZh: null,
        timeZone: 'Europe/Berlin',
        // Saturday 21 March 2026, 10:00 CET, to Sunday 22 March, 17:00 CET.
        startsAt: new Date('2026-03-21T09:00:00Z'),
        endsAt: new Date('2026-03-22T16:00:00Z'),
        registrationOpensAt: new Date('2026-02-01T09:00:00Z'),
        capacity: 300,
      })
      await deps.db
        .update(eventsTable)
        .set({ questions: [{ key: 'diet', kind: 'text', labelZh: null, labelEn: 'Diet', required: false }] })
        .where(eq(eventsTable.id, berlin.id))
      const room = await events.addRoom(deps, actor, berlin.id, {
        nameZh: null,
        nameEn: 'Main hall',
        capacity: 300,
      })
      const sunday = await events.addSession(deps, actor, berlin.id, {
        kind: 'keynote',
        titleZh: null,
        titleEn: 'Sunday keynote',
        abstractZh: null,
        abstractEn: null,
        language: 'en',
        roomId: room.id,
        // Sunday 14:00 CET.
        startsAt: new Date('2026-03-22T13:00:00Z'),
        endsAt: new Date('2026-03-22T14:00:00Z'),
        episodeId: null,
        videoUrl: 'https://youtu.be/dQw4w9WgXcQ',
        slidesUrl: 'https://slides.example/keynote',
      })
      await events.addSpeaker(deps, actor, berlin.id, sunday.id, {
        handle: null,
        nameZh: null,
        nameEn: 'Keynote Speaker',
        affiliation: null,
        role: 'speaker',
      })
      await events.addSponsor(deps, actor, berlin.id, {
        nameZh: null,
        nameEn: 'Acme',
        url: 'https://acme.example',
      })
      await events.addOrganiser(deps, actor, berlin.id, stranger.handle)

      // The next edition: Saturday 27 March 2027, 10:00; its Sunday is the day summer time begins.
      const copy = await events.copyAsNextEdition(deps, actor, berlin.id, new Date('2027-03-27T09:00:00Z'))
      assert.equal(copy.status, 'draft')
      assert.equal(copy.previousEditionId, berlin.id)
      assert.equal(copy.slug, 'cloud-native-days-berlin-2027')
      assert.equal(copy.titleEn, 'Cloud Native Days Berlin 2027')
      assert.equal(copy.sequence, 0)
      assert.equal(wallClockOf(copy.endsAt, 'Europe/Berlin'), '2027-03-28T17:00')
      assert.equal(copy.endsAt.toISOString(), '2027-03-28T15:00:00.000Z')
      assert.equal(wallClockOf(copy.registrationOpensAt!, 'Europe/Berlin'), '2027-02-07T10:00')
      assert.equal(copy.capacity, 300)
      assert.deepEqual(
        copy.questions.map((q) => q.key),
        ['diet'],
      )
      const parts = await events.eventToOrganise(deps, actor, copy.id)
      assert.equal(parts.confirmed, 0)
      assert.deepEqual(
        parts.rooms.map((r) => r.nameEn),
        ['Main hall'],
      )
      const [session] = parts.sessions
      assert.equal(session!.titleEn, 'Sunday keynote')
      assert.equal(session!.roomId, parts.rooms[0]!.id, 'the copy’s own room')
      assert.equal(wallClockOf(session!.startsAt!, 'Europe/Berlin'), '2027-03-28T14:00')
      assert.equal(session!.startsAt!.toISOString(), '2027-03-28T12:00:00.000Z')
      assert.equal(session!.speakers.length, 0, 'speakers belong to the edition they spoke at')
      assert.equal(session!.videoUrl, null)
      assert.equal(session!.slidesUrl, null)
      assert.notEqual(session!.guid, sunday.guid)
      assert.deepEqual(
        parts.sponsors.map((s) => s.nameEn),
        ['Acme'],
      )
      assert.deepEqual(parts.organisers.map((o) => o.person.id).sort(), [sigLead, stranger.id].sort())
      // A second copy for the same year takes the next address.
      const again = await events.copyAsNextEdition(deps, actor, berlin.id, new Date('2027-03-27T09:00:00Z'))
      assert.equal(again.slug, 'cloud-native-days-berlin-2027-2')
    })

    it('shows a chapter its own next and past events', async () => {
      const chapterMeetup = await makeEvent(deps, {
        kind: 'meetup',
        chapterId: other.chapter.id,
        titleEn: 'Chengdu gathering',
        startsAt: new Date('2027-04-01T06:00:00Z'),
      })
      const held = await makeEvent(deps, {
        kind: 'meetup',
        chapterId: other.chapter.id,
        startsAt: new Date('2027-01-01T06:00:00Z'),
      })
      await makeEvent(deps, {
        kind: 'meetup',
        chapterId: other.chapter.id,
        status: 'draft',
        startsAt: new Date('2027-05-01T06:00:00Z'),
      })
      const { upcoming, past } = await events.chapterEvents(deps, other.chapter.id)
      assert.deepEqual(
        upcoming.map((e) => e.id),
        [chapterMeetup.id],
      )
      assert.deepEqual(
        past.map((e) => e.id),
        [held.id],
      )
      assert.equal(upcoming[0]!.seatsLeft, 50)
    })
  })
}
