// Items of issue 12: "recently active" at every door (join, promotion, succession), the SIG's
// search for a leader with a deadline, promoting the vice-leader, and one seat per person.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { and, eq, isNull } from 'drizzle-orm'
import { makePerson } from '../../../test/support/app.ts'
import { chapterWithTeam } from '../../../test/support/chapters.ts'
import { testBackends } from '../../../test/support/db.ts'
import { isUniqueViolation } from '../../platform/db/errors.ts'
import { people } from '../../platform/db/schema.ts'
import { messagesFor } from '../../platform/i18n/index.ts'
import {
  applicationWithHistory,
  NotEligible,
  startApplication,
  voteOnApplication,
} from '../applications/applications.service.ts'
import { explain } from '../applications/applications.texts.ts'
import { FOUND_CHAPTER, JOIN_CHAPTER, STEP_DOWN } from './chapters.applications.ts'
import { chapterHealth, type HealthFacts, successorRefusal } from './chapters.rules.ts'
import { chapterEvents, chapters, chapterTeam } from './chapters.schema.ts'
import { getChapter, promoteMember, reviewChapterHealth } from './chapters.service.ts'
import { appointLeader, leaderCandidates } from './chapters.succession.ts'

const NOW = new Date('2026-10-15T12:00:00Z')
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000)

describe('a chapter whose leader is wanted (rule)', () => {
  const policy = { windowMonths: 12, warnDays: 60, leaderGraceDays: 0 }
  const facts: HealthFacts = {
    status: 'active',
    statusSince: new Date('2026-01-01T00:00:00Z'),
    foundedOn: '2023-05-20',
    revivedOn: null,
    leaderSince: null,
    lastEventOn: '2026-09-01',
    exemptUntil: null,
    leaderWantedUntil: '2026-12-14',
  } as HealthFacts
  it('is at risk, not inactive, while the SIG looks for a leader, the search deadline shown', () => {
    assert.deepEqual(chapterHealth(facts, policy, NOW), {
      status: 'at_risk',
      why: 'leaderWanted',
      deadline: '2026-12-14',
    })
    assert.equal(chapterHealth(facts, policy, new Date('2026-12-13T23:59:00Z')).why, 'leaderWanted')
  })
  it('becomes inactive on the deadline with nobody seated, and without a search at once', () => {
    assert.deepEqual(chapterHealth(facts, policy, new Date('2026-12-14T00:00:00Z')), {
      status: 'inactive',
      why: 'noLeader',
      deadline: null,
    })
    assert.equal(chapterHealth({ ...facts, leaderWantedUntil: null }, policy, NOW).status, 'inactive')
  })
})

describe('a successor that makes no sense (rule)', () => {
  const seats = [
    { personId: 'lead', role: 'leader' },
    { personId: 'vice', role: 'vice_leader' },
    { personId: 'member', role: 'member' },
  ]
  it('refuses the current leader named by a vice-leader stepping down', () => {
    assert.equal(successorRefusal(seats[1]!, 'lead', seats), 'successorIsLeader')
  })
  it('refuses the leaver themselves and a name that matched nobody', () => {
    assert.equal(successorRefusal(seats[1]!, 'vice', seats), 'successorIsSelf')
    assert.equal(successorRefusal(seats[0]!, 'lead', seats), 'successorIsSelf')
    assert.equal(successorRefusal(seats[0]!, null, seats), 'noSuchSuccessor')
  })
  it('accepts the vice-leader or a member after a leader, and a member or newcomer after a vice-leader', () => {
    assert.equal(successorRefusal(seats[0]!, 'vice', seats), null)
    assert.equal(successorRefusal(seats[0]!, 'member', seats), null)
    assert.equal(successorRefusal(seats[1]!, 'member', seats), null)
    assert.equal(successorRefusal(seats[1]!, 'newcomer', seats), null)
  })
})

/** A chapter with a team whose people have e-mail addresses; nobody is active unless made so. */
async function setup(backend: Awaited<ReturnType<typeof testBackends>>[number], slug: string) {
  const fixture = await chapterWithTeam(backend, NOW, {
    slug,
    cityZh: slug,
    cityEn: slug,
    handles: ['leader', 'vice', 'member', 'sig-lead'].map((h) => `${slug}-${h}`),
  })
  const { deps, leader, vice, member, sigLead } = fixture
  for (const [id, who] of [
    [leader, 'leader'],
    [vice, 'vice'],
    [member, 'member'],
    [sigLead, 'sig-lead'],
  ] as const)
    await deps.db
      .update(people)
      .set({ email: `${slug}-${who}@hearth.test` })
      .where(eq(people.id, id))
  const chapterId = (await getChapter(deps, slug)).chapter.id
  /** Makes a person recently active: they organised an event of the chapter a month ago. */
  const makeActive = (personId: string) =>
    deps.db.insert(chapterEvents).values({
      chapterId,
      heldOn: '2026-09-12',
      titleEn: 'Cloud native meetup',
      attendance: 40,
      recordedBy: personId,
    } as typeof chapterEvents.$inferInsert)
  const seatsOf = (personId: string) =>
    deps.db
      .select()
      .from(chapterTeam)
      .where(and(eq(chapterTeam.chapterId, chapterId), eq(chapterTeam.personId, personId)))
  const currentSeatsOf = async (personId: string) => (await seatsOf(personId)).filter((s) => !s.endedAt)
  return { ...fixture, chapterId, makeActive, seatsOf, currentSeatsOf }
}

for (const backend of await testBackends()) {
  describe(`recently active at every door [${backend}]`, async () => {
    const f = await setup(backend, 'ningbo')
    const { deps, actorOf } = f

    it('joining: an applicant not active lately is approved only with a reason, kept in the history', async () => {
      const applicant = (await makePerson(deps)).id
      const application = await startApplication(deps, await actorOf(applicant), {
        type: JOIN_CHAPTER,
        answers: { motivation: 'I want to help', availability: 'Weekends' },
        subjectName: 'ningbo',
        submit: true,
      })
      const shown = await applicationWithHistory(deps, await actorOf(f.leader), application.id)
      assert.deepEqual(
        shown.activity.map((a) => [a.as, a.verdict.active]),
        [['applicant', false]],
      )
      await assert.rejects(voteOnApplication(deps, await actorOf(f.leader), application.id, 'approve'), {
        code: 'overrideRequired',
      })
      assert.equal((await getChapter(deps, 'ningbo')).current.length, 3)
      const decided = await voteOnApplication(
        deps,
        await actorOf(f.leader),
        application.id,
        'approve',
        null,
        'Came to all four meetups this year',
      )
      assert.equal(decided.state, 'approved')
      const { events } = await applicationWithHistory(deps, await actorOf(f.leader), application.id)
      const override = events.find((e) => e.kind === 'override')
      assert.equal(override?.comment, 'Came to all four meetups this year')
      assert.equal((override!.detail as { notActive: { as: string }[] }).notActive[0]?.as, 'applicant')
    })

    it('joining: someone who organised an event lately needs no override, and the verdict names that fact', async () => {
      const applicant = (await makePerson(deps)).id
      await f.makeActive(applicant)
      const application = await startApplication(deps, await actorOf(applicant), {
        type: JOIN_CHAPTER,
        answers: { motivation: 'I organise meetups', availability: 'Evenings' },
        subjectName: 'ningbo',
        submit: true,
      })
      const shown = await applicationWithHistory(deps, await actorOf(f.leader), application.id)
      assert.deepEqual(
        shown.activity[0]?.verdict.counted.map((c) => c.kind),
        ['event_organised'],
      )
      assert.equal(
        (await voteOnApplication(deps, await actorOf(f.leader), application.id, 'approve')).state,
        'approved',
      )
    })

    it('promotion: a member not active lately takes the seat only with a reason, kept on the seat', async () => {
      await f.deps.db
        .update(chapterTeam)
        .set({ endedAt: NOW, endReason: 'test' })
        .where(and(eq(chapterTeam.personId, f.vice), isNull(chapterTeam.endedAt)))
      const lead = await actorOf(f.sigLead)
      await assert.rejects(promoteMember(deps, lead, 'ningbo', { personId: f.member, role: 'vice_leader' }), {
        code: 'overrideRequired',
      })
      await promoteMember(deps, lead, 'ningbo', {
        personId: f.member,
        role: 'vice_leader',
        override: 'Runs the WeChat group every day',
      })
      const [seat] = await f.currentSeatsOf(f.member)
      assert.deepEqual(
        [seat?.role, seat?.overrideReason, seat?.appointedBy],
        ['vice_leader', 'Runs the WeChat group every day', f.sigLead],
      )
    })

    it('succession: a successor not active lately is approved only with the SIG lead’s reason', async () => {
      const successor = await makePerson(deps, { handle: 'ningbo-successor' })
      const application = await startApplication(deps, await actorOf(f.leader), {
        type: STEP_DOWN,
        answers: { reason: 'New job', successor: 'ningbo-successor' },
        subjectName: 'ningbo',
        submit: true,
      })
      await assert.rejects(voteOnApplication(deps, await actorOf(f.sigLead), application.id, 'approve'), {
        code: 'overrideRequired',
      })
      await voteOnApplication(
        deps,
        await actorOf(f.sigLead),
        application.id,
        'approve',
        null,
        'Known organiser',
      )
      const [seat] = await f.currentSeatsOf(successor.id)
      assert.equal(seat?.role, 'leader')
    })
  })

  describe(`successors that make no sense are refused [${backend}]`, async () => {
    const f = await setup(backend, 'zhuhai')
    const refusalOf = async (leaver: string, successor: string) => {
      try {
        await startApplication(f.deps, await f.actorOf(leaver), {
          type: STEP_DOWN,
          answers: { reason: 'Less time', successor },
          subjectName: 'zhuhai',
          submit: true,
        })
      } catch (e) {
        if (!(e instanceof NotEligible)) throw e
        return e.failed.find((x) => x.reason !== 'notALeader')
      }
      assert.fail('the step-down was accepted')
    }
    it('a vice-leader naming the current leader is refused, with the reason in both languages', async () => {
      const failed = (await refusalOf(f.vice, 'zhuhai-leader'))!
      assert.equal(failed.reason, 'successorIsLeader')
      assert.match(explain(messagesFor('en'), 'en', failed), /already leads the chapter/)
      assert.match(explain(messagesFor('zh'), 'zh', failed), /已经是本站站长/)
      assert.equal((await f.currentSeatsOf(f.leader))[0]?.role, 'leader')
    })
    it('naming oneself or someone not in Hearth is refused, each with its own reason', async () => {
      assert.equal((await refusalOf(f.leader, 'zhuhai-leader'))?.reason, 'successorIsSelf')
      assert.equal((await refusalOf(f.vice, '@zhuhai-vice'))?.reason, 'successorIsSelf')
      const nobody = (await refusalOf(f.leader, 'nobody-by-this-name'))!
      assert.equal(nobody.reason, 'noSuchSuccessor')
      assert.match(explain(messagesFor('zh'), 'zh', nobody), /本站没有这个用户名/)
    })
    it('a successor promoted to leader before approval is not moved to vice-leader: the leader keeps the seat', async () => {
      const application = await startApplication(f.deps, await f.actorOf(f.vice), {
        type: STEP_DOWN,
        answers: { reason: 'Less time', successor: 'zhuhai-member' },
        subjectName: 'zhuhai',
        submit: true,
      })
      // The member becomes leader meanwhile (the former leader's seat ends by hand here).
      await f.deps.db
        .update(chapterTeam)
        .set({ endedAt: NOW, endReason: 'test' })
        .where(and(eq(chapterTeam.chapterId, f.chapterId), eq(chapterTeam.personId, f.leader)))
      await f.deps.db
        .update(chapterTeam)
        .set({ role: 'leader' })
        .where(
          and(
            eq(chapterTeam.chapterId, f.chapterId),
            eq(chapterTeam.personId, f.member),
            isNull(chapterTeam.endedAt),
          ),
        )
      await voteOnApplication(f.deps, await f.actorOf(f.sigLead), application.id, 'approve')
      assert.deepEqual(
        (await f.currentSeatsOf(f.member)).map((s) => s.role),
        ['leader'],
      )
      assert.equal((await f.currentSeatsOf(f.vice)).length, 0)
    })
  })

  describe(`promoting the vice-leader [${backend}]`, async () => {
    const f = await setup(backend, 'wenzhou')
    it('makes the vice-leader leader and leaves the vice-leader seat empty', async () => {
      await f.deps.db
        .update(chapterTeam)
        .set({ endedAt: NOW, endReason: 'Moved away' })
        .where(and(eq(chapterTeam.personId, f.leader), isNull(chapterTeam.endedAt)))
      await f.makeActive(f.vice)
      await promoteMember(f.deps, await f.actorOf(f.sigLead), 'wenzhou', { personId: f.vice, role: 'leader' })
      const { current } = await getChapter(f.deps, 'wenzhou')
      assert.deepEqual(
        current.map((s) => [s.person.id, s.role]),
        [
          [f.vice, 'leader'],
          [f.member, 'member'],
        ],
      )
      const ended = (await f.seatsOf(f.vice)).find((s) => s.endedAt)
      assert.deepEqual([ended?.role, ended?.endReason], ['vice_leader', '→ leader'])
    })
  })

  describe(`a leader steps down without a successor [${backend}]`, async () => {
    const f = await setup(backend, 'xiamen')
    const { deps, t } = f
    const stepDown = async () => {
      const application = await startApplication(deps, await f.actorOf(f.leader), {
        type: STEP_DOWN,
        answers: { reason: 'Moving abroad', successor: '' },
        subjectName: 'xiamen',
        submit: true,
      })
      await voteOnApplication(deps, await f.actorOf(f.sigLead), application.id, 'approve')
    }

    it('opens a search for a leader with a deadline instead of going inactive, and tells the SIG lead and the team', async () => {
      await f.makeActive(f.member)
      await stepDown()
      const { chapter } = await getChapter(deps, 'xiamen')
      assert.deepEqual([chapter.status, chapter.leaderWantedUntil], ['at_risk', '2026-12-14'])
      // Visitors read it on the chapter's page, with the deadline, next to the way to join.
      const page = await (await t.client().get('/en/chapters/xiamen')).text()
      assert.match(page, /<h2 id="leader-wanted-title">Looking for a new leader<\/h2>/)
      assert.match(page, /Until 14 Dec 2026 the SIG looks for a new leader/)
      assert.match(await (await t.client().get('/zh/chapters/xiamen')).text(), /正在寻找新站长/)
      for (const who of ['sig-lead', 'vice', 'member'])
        assert.match(
          (await t.lastMailTo(`xiamen-${who}@hearth.test`))?.subject ?? '',
          /需要新的站长|needs a new leader/,
        )
    })

    it('lists the vice-leader first, then members, each with their verdict', async () => {
      const { chapter } = await getChapter(deps, 'xiamen')
      const candidates = await leaderCandidates(deps, chapter)
      assert.deepEqual(
        candidates.map((c) => [c.seat.person.id, c.seat.role, c.verdict.active]),
        [
          [f.vice, 'vice_leader', false],
          [f.member, 'member', true],
        ],
      )
    })

    it('lets only a SIG lead appoint; an active member is seated, the search closes and the chapter is active', async () => {
      const sigMember = (await makePerson(deps)).id
      await t.grant(sigMember, 'sig_member', f.sig.id)
      await assert.rejects(
        appointLeader(deps, await f.actorOf(sigMember), 'xiamen', { personId: f.member }),
        {
          code: 'forbidden',
        },
      )
      await appointLeader(deps, await f.actorOf(f.sigLead), 'xiamen', { personId: f.member })
      const { chapter, current } = await getChapter(deps, 'xiamen')
      assert.deepEqual([chapter.status, chapter.leaderWantedUntil], ['active', null])
      assert.doesNotMatch(await (await t.client().get('/en/chapters/xiamen')).text(), /leader-wanted-title/)
      assert.deepEqual(
        current.map((s) => [s.person.id, s.role]),
        [
          [f.member, 'leader'],
          [f.vice, 'vice_leader'],
        ],
      )
      assert.match((await t.lastMailTo('xiamen-member@hearth.test'))?.subject ?? '', /站长|lead/)
    })
  })

  describe(`a leader search that ends with nobody [${backend}]`, async () => {
    const f = await setup(backend, 'fuzhou')
    it('makes the chapter inactive only once the deadline has passed (the daily review)', async () => {
      const application = await startApplication(f.deps, await f.actorOf(f.leader), {
        type: STEP_DOWN,
        answers: { reason: 'Tired', successor: '' },
        subjectName: 'fuzhou',
        submit: true,
      })
      await voteOnApplication(f.deps, await f.actorOf(f.sigLead), application.id, 'approve')
      f.t.setNow(days(59))
      await reviewChapterHealth(f.deps)
      assert.equal((await getChapter(f.deps, 'fuzhou')).chapter.status, 'at_risk')
      f.t.setNow(days(60))
      await reviewChapterHealth(f.deps)
      assert.equal((await getChapter(f.deps, 'fuzhou')).chapter.status, 'inactive')
      f.t.setNow(NOW)
    })
  })

  describe(`one seat per person in a chapter [${backend}]`, async () => {
    const f = await setup(backend, 'jinan')
    const { deps } = f

    it('the database refuses a second current seat for the same person', async () => {
      await assert.rejects(
        deps.db.insert(chapterTeam).values({ chapterId: f.chapterId, personId: f.leader, role: 'member' }),
        (e: unknown) => isUniqueViolation(e, 'chapter_team_one_seat_key'),
      )
    })

    it('two promotions of one member at once leave them in exactly one seat, with history', async () => {
      await deps.db
        .update(chapterTeam)
        .set({ endedAt: NOW, endReason: 'test' })
        .where(
          and(
            eq(chapterTeam.chapterId, f.chapterId),
            isNull(chapterTeam.endedAt),
            eq(chapterTeam.role, 'leader'),
          ),
        )
      await deps.db
        .update(chapterTeam)
        .set({ endedAt: NOW, endReason: 'test' })
        .where(
          and(
            eq(chapterTeam.chapterId, f.chapterId),
            isNull(chapterTeam.endedAt),
            eq(chapterTeam.role, 'vice_leader'),
          ),
        )
      await f.makeActive(f.member)
      const lead = await f.actorOf(f.sigLead)
      const results = await Promise.allSettled([
        promoteMember(deps, lead, 'jinan', { personId: f.member, role: 'leader' }),
        promoteMember(deps, lead, 'jinan', { personId: f.member, role: 'vice_leader' }),
      ])
      assert.ok(results.some((r) => r.status === 'fulfilled'))
      for (const r of results)
        if (r.status === 'rejected')
          assert.match(String((r.reason as { code?: string }).code), /notAllowedNow|seatTaken/)
      const current = await f.currentSeatsOf(f.member)
      assert.equal(current.length, 1)
      assert.ok((await f.seatsOf(f.member)).some((s) => s.endedAt && s.endReason?.startsWith('→ ')))
    })

    it('the former vice-leader founding the chapter again holds only the leader seat', async () => {
      const g = await setup(backend, 'dalian')
      await g.deps.db
        .update(chapterTeam)
        .set({ endedAt: NOW, endReason: 'Left' })
        .where(
          and(
            eq(chapterTeam.chapterId, g.chapterId),
            eq(chapterTeam.role, 'leader'),
            isNull(chapterTeam.endedAt),
          ),
        )
      await g.deps.db
        .update(chapters)
        .set({ status: 'inactive', statusSince: NOW })
        .where(eq(chapters.id, g.chapterId))
      await g.makeActive(g.vice)
      const application = await startApplication(g.deps, await g.actorOf(g.vice), {
        type: FOUND_CHAPTER,
        answers: {
          github: 'dalian-vice',
          cityZh: 'dalian',
          cityEn: 'dalian',
          country: 'cn',
          prerequisites: true,
          contact: 'wechat: dalian',
          reason: 'Bring it back',
          requirements: '',
          plan: 'A meetup in spring',
          audience: 30,
          audienceEvidence: 'WeChat group of 120',
        },
        submit: true,
      })
      const voters = [g.sigLead]
      for (let i = 0; i < 2; i++) {
        const m = (await makePerson(g.deps)).id
        await g.t.grant(m, 'sig_member', g.sig.id)
        voters.push(m)
      }
      for (const v of voters) await voteOnApplication(g.deps, await g.actorOf(v), application.id, 'approve')
      const current = await g.currentSeatsOf(g.vice)
      assert.deepEqual(
        current.map((s) => s.role),
        ['leader'],
      )
      const ended = (await g.seatsOf(g.vice)).find((s) => s.endedAt)
      assert.deepEqual([ended?.role, ended?.endReason], ['vice_leader', '→ leader'])
    })
  })
}
