import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { chapterWithTeam } from '../../../test/support/chapters.ts'
import { testBackends } from '../../../test/support/db.ts'
import { registerFor } from '../../../test/support/events.checkin.ts'
import { createEvent, type EventOverrides } from '../../../test/support/events.ts'
import { chapterEvents, chapters, eventCheckins, events } from '../../platform/db/schema.ts'
import type { Deps } from '../../platform/deps.ts'
import { applicationType } from '../applications/applications.types.ts'
import { FOUND_CHAPTER, type FoundChapterAnswers } from '../chapters/chapters.applications.ts'
import { chapterHealthBoard } from '../chapters/chapters.service.ts'
import { foundChapter, reviewChapterHealth } from '../chapters/index.ts'
import { ensureFoundingSig } from '../people/people.demo.ts'
import './events.held.ts'
import { scanTicket } from './events.checkin.ts'

// The Suzhou chapter last met (by its own record) on 20 December 2025: by 10 December 2026 its
// year is nearly out and it is at risk. A meetup on 5 December 2026 (14:00 in Shanghai) is held.
const RECORDED = '2025-12-20'
const MEETUP_STARTS = new Date('2026-12-05T06:00:00Z')
const DURING = new Date('2026-12-05T06:30:00Z')
const AFTER = new Date('2026-12-10T02:00:00Z')

for (const backend of await testBackends()) {
  describe(`check-ins as a chapter's held events [${backend}]`, () => {
    /** A chapter at risk, one meetup of it (as `overrides` say), and `checkIns` people checked in. */
    async function setting(city: string, overrides: EventOverrides, checkIns: number) {
      const team = await chapterWithTeam(backend, DURING, {
        slug: city.toLowerCase(),
        cityZh: city,
        cityEn: city,
      })
      const { t, deps, leader } = team
      const [chapter] = await deps.db.select().from(chapters).where(eq(chapters.slug, city.toLowerCase()))
      await deps.db.insert(chapterEvents).values({
        chapterId: chapter!.id,
        heldOn: RECORDED,
        titleEn: 'Winter meetup',
        mode: 'offline',
        attendance: 25,
        recordedBy: leader,
      })
      const meetup = await createEvent(deps, {
        kind: 'meetup',
        chapterId: chapter!.id,
        startsAt: MEETUP_STARTS,
        endsAt: new Date(MEETUP_STARTS.getTime() + 3 * 3_600_000),
        titleEn: `${city} Cloud Native Meetup`,
        titleZh: `${city}云原生 Meetup`,
        organisers: [leader],
        ...overrides,
      })
      const actor = await team.actorOf(leader)
      for (let i = 0; i < checkIns; i++) {
        const reg = await registerFor(deps, meetup.id, (await makePerson(deps)).id)
        const result = await scanTicket(deps, actor, meetup.id, reg.ticketCode)
        assert.equal(result.outcome.kind, 'checkIn')
      }
      // People registered and never came: they change nothing.
      await registerFor(deps, meetup.id, (await makePerson(deps)).id)
      t.setNow(AFTER)
      return { ...team, chapter: chapter!, meetup }
    }

    it('reads a meetup people were checked in at as the last offline event: the review keeps the chapter active', async () => {
      const { t, deps, chapter, meetup, sigLead, actorOf } = await setting('Suzhou', {}, 3)
      assert.equal(await reviewChapterHealth(deps), 0, 'the meetup keeps it active')
      const board = await chapterHealthBoard(deps, await actorOf(sigLead))
      const row = board.chapters.find((c) => c.chapter.id === chapter.id)!
      assert.equal(row.health.status, 'active')
      assert.equal(row.facts.lastEventOn, '2026-12-05')
      assert.equal(row.facts.lastEventSelfReported, false)
      assert.equal(row.facts.lastHeldEvent?.checkedIn, 3)
      assert.equal(row.health.deadline, '2027-12-05')
      assert.equal(row.perQuarter.at(-1), 1, 'the quarter counts the meetup')
      const asLead = await t.clientAs(sigLead)
      const en = (await (await asLead.get('/en/console/chapters')).text()).replace(/\s+/g, ' ')
      assert.match(en, new RegExp(`<a href="/en/events/${meetup.slug}">Suzhou Cloud Native Meetup</a>`))
      assert.match(en, /3 checked in/)
      const zh = (await (await asLead.get('/zh/console/chapters')).text()).replace(/\s+/g, ' ')
      assert.match(zh, /Suzhou云原生 Meetup/)
      assert.match(zh, /3 人签到/)
    })

    it('reads no held event where nobody was checked in, where it was online only, or where it was cancelled', async () => {
      for (const [city, overrides, checkIns] of [
        ['Wuxi', {}, 0],
        ['Nantong', { mode: 'online' }, 2],
      ] as const) {
        const { deps, chapter, sigLead, actorOf } = await setting(city, overrides, checkIns)
        assert.equal(await reviewChapterHealth(deps), 1, `${city} turns at risk`)
        const board = await chapterHealthBoard(deps, await actorOf(sigLead))
        const row = board.chapters.find((c) => c.chapter.id === chapter.id)!
        assert.equal(row.health.status, 'at_risk', city)
        assert.equal(row.facts.lastEventOn, RECORDED, city)
        assert.equal(row.facts.lastEventSelfReported, true, city)
        assert.equal(row.facts.lastHeldEvent, null, city)
      }
      const { deps, meetup } = await setting('Yangzhou', {}, 2)
      await deps.db.update(events).set({ status: 'cancelled' }).where(eq(events.id, meetup.id))
      assert.equal(await reviewChapterHealth(deps), 1, 'a cancelled meetup keeps nobody active')
    })

    it('prefers the checked-in meetup to a hand record of the same day, and counts that day once', async () => {
      const { deps, chapter, leader, sigLead, actorOf } = await setting('Changzhou', {}, 1)
      await deps.db.insert(chapterEvents).values({
        chapterId: chapter.id,
        heldOn: '2026-12-05',
        titleEn: 'The same meetup, recorded by hand',
        mode: 'offline',
        attendance: 40,
        recordedBy: leader,
      })
      const board = await chapterHealthBoard(deps, await actorOf(sigLead))
      const row = board.chapters.find((c) => c.chapter.id === chapter.id)!
      assert.equal(row.facts.lastEventOn, '2026-12-05')
      assert.equal(row.facts.lastEventSelfReported, false)
      assert.equal(row.perQuarter.at(-1), 1)
    })
  })

  describe(`check-ins as the founding rule's audience [${backend}]`, async () => {
    const t = await makeTestApp(backend)
    t.setNow(AFTER)
    const deps = t.deps
    const sig = await ensureFoundingSig({ db: deps.db })
    const answers = (cityEn: string, audience: number): FoundChapterAnswers => ({
      github: 'someone',
      cityZh: cityEn,
      cityEn,
      country: 'CN',
      prerequisites: true,
      contact: 'wechat: someone',
      reason: 'Many users here.',
      requirements: '',
      plan: 'A meetup every quarter.',
      audience,
      audienceEvidence: 'A WeChat group.',
    })
    /** The founding type's verdict on the audience for this applicant and these answers. */
    const audienceCheck = async (applicantId: string, a: FoundChapterAnswers) => {
      const checks = await applicationType(FOUND_CHAPTER)!.eligibility(deps.db, applicantId, a, AFTER, sig.id)
      const check = checks.find((c) =>
        c.ok ? c.check?.startsWith('audience') : c.reason === 'audienceTooSmall',
      )
      return check?.ok ? check.check : check ? 'audienceTooSmall' : null
    }
    /** An event held on 5 December with `n` people checked in. */
    const heldWith = async (d: Pick<Deps, 'db' | 'now'>, n: number, overrides: EventOverrides) => {
      const event = await createEvent(d, {
        startsAt: MEETUP_STARTS,
        endsAt: new Date(MEETUP_STARTS.getTime() + 3_600_000),
        ...overrides,
      })
      for (let i = 0; i < n; i++) {
        const reg = await registerFor(d, event.id, (await makePerson(d)).id)
        await deps.db
          .insert(eventCheckins)
          .values({ registrationId: reg.id, eventId: event.id, checkedInAt: DURING })
      }
      return event
    }

    it('passes on 20 people checked in at an event the applicant organised, whatever number the form gives', async () => {
      const applicant = await makePerson(deps)
      await heldWith(deps, 20, { organisers: [applicant.id] })
      assert.equal(await audienceCheck(applicant.id, answers('Kunshan', 5)), 'audienceCheckedIn')
    })

    it('takes the form’s number, as before, when fewer than 20 were checked in', async () => {
      const applicant = await makePerson(deps)
      await heldWith(deps, 19, { organisers: [applicant.id] })
      assert.equal(await audienceCheck(applicant.id, answers('Taicang', 5)), 'audienceTooSmall')
      assert.equal(await audienceCheck(applicant.id, answers('Taicang', 30)), 'audience')
    })

    it('passes on check-ins at a meetup of the city’s earlier chapter, whoever organised it', async () => {
      const chapter = await foundChapter(
        deps.db,
        {
          slug: 'jiaxing',
          cityZh: '嘉兴',
          cityEn: 'Jiaxing',
          country: 'CN',
          sigId: sig.id,
          foundedOn: '2024-01-01',
        },
        [],
        AFTER,
      )
      await deps.db.update(chapters).set({ status: 'inactive' }).where(eq(chapters.id, chapter.id))
      await heldWith(deps, 24, { kind: 'meetup', chapterId: chapter.id })
      const applicant = await makePerson(deps)
      assert.equal(await audienceCheck(applicant.id, answers('Jiaxing', 0)), 'audienceCheckedIn')
      assert.equal(await audienceCheck(applicant.id, answers('Huzhou', 0)), 'audienceTooSmall')
    })
  })
}
