import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { chapterWithTeam } from '../../../test/support/chapters.ts'
import { testBackends } from '../../../test/support/db.ts'
import type { Actor } from '../access/index.ts'
import * as activity from '../activity/activity.repo.ts'
import {
  moveApplication,
  NotEligible,
  startApplication,
  voteOnApplication,
} from '../applications/applications.service.ts'
import { ensureFoundingSig } from '../people/people.demo.ts'
import { FOUND_CHAPTER, type FoundChapterAnswers, JOIN_CHAPTER, STEP_DOWN } from './chapters.applications.ts'
import { chapterEvents, chapters, chapterTeam } from './chapters.schema.ts'
import { foundChapter, getChapter } from './chapters.service.ts'

const NOW = new Date('2026-10-15T12:00:00Z')
const monthsAgo = (n: number) => new Date(NOW.getTime() - n * 30 * 86_400_000)

const answers = (city: { cityZh: string; cityEn: string }, audience = 35): FoundChapterAnswers => ({
  github: 'someone',
  ...city,
  country: 'cn',
  prerequisites: true,
  contact: 'wechat: someone',
  reason: 'Many users here and nobody organises meetups yet.',
  requirements: 'A venue sponsor',
  plan: 'A meetup every quarter, starting in December.',
  audience,
  audienceEvidence: 'Our local WeChat group has 180 members; 40 came to the last meetup.',
})

for (const backend of await testBackends()) {
  describe(`founding a city chapter [${backend}]`, async () => {
    const t = await makeTestApp(backend)
    t.setNow(NOW)
    const deps = t.deps
    const db = deps.db
    const sig = await ensureFoundingSig({ db })
    const actor = async (role?: 'sig_lead' | 'sig_member'): Promise<NonNullable<Actor>> => {
      const p = await makePerson(deps)
      if (role) await t.grant(p.id, role, sig.id)
      return { personId: p.id, roles: role ? [{ role, sigId: sig.id }] : [] }
    }
    /** A person whose linked GitHub account last contributed `at`. */
    const contributor = async (githubId: number, at: Date) => {
      const a = await actor()
      await activity.linkAccount(db, githubId, `gh-${githubId}`, a.personId, NOW)
      await activity.insertContributions(
        db,
        [
          {
            key: `test:${githubId}`,
            githubId,
            login: `gh-${githubId}`,
            avatarUrl: null,
            botAccount: false,
            kind: 'review',
            repoId: 1,
            repoName: 'kubesphere/console',
            number: 42,
            occurredAt: at,
          },
        ],
        'test',
      )
      return a
    }
    const lead = await actor('sig_lead')
    const memberA = await actor('sig_member')
    const memberB = await actor('sig_member')
    const founder = await foundChapter(
      db,
      {
        slug: 'shanghai',
        cityZh: '上海',
        cityEn: 'Shanghai',
        country: 'CN',
        sigId: sig.id,
        foundedOn: '2021-06-19',
      },
      [{ personId: (await actor()).personId, role: 'leader' }],
      NOW,
    )
    const apply = (who: Actor, a: FoundChapterAnswers) =>
      // The applicant cannot choose who reviews: the type names the SIG.
      startApplication(deps, who, { type: FOUND_CHAPTER, answers: a, subjectId: 'another-sig', submit: true })

    it('refuses with every reason explained: not active lately, too small an audience, a city that has a chapter', async () => {
      const quiet = await contributor(7001, monthsAgo(8))
      await assert.rejects(
        apply(quiet, answers({ cityZh: '上海', cityEn: 'Shanghai' }, 12)),
        (e: unknown) => {
          assert.ok(e instanceof NotEligible)
          assert.deepEqual(
            e.failed.map((f) => f.reason),
            ['notActive', 'audienceTooSmall', 'cityHasChapter'],
          )
          assert.equal(e.failed[0]!.detail?.last, monthsAgo(8).toISOString())
          return true
        },
      )
      assert.ok(founder.id)
    })

    it('founds the chapter with the applicant as leader once a SIG lead and two SIG members approve', async () => {
      const applicant = await contributor(7002, monthsAgo(1))
      const application = await apply(applicant, answers({ cityZh: '苏州', cityEn: 'Suzhou' }))
      assert.equal(application.state, 'submitted')
      await assert.rejects(voteOnApplication(deps, await actor(), application.id, 'approve'), {
        code: 'forbidden',
      })
      assert.equal((await voteOnApplication(deps, memberA, application.id, 'approve')).state, 'submitted')
      assert.equal((await voteOnApplication(deps, lead, application.id, 'approve')).state, 'submitted')
      assert.equal((await voteOnApplication(deps, memberB, application.id, 'approve')).state, 'approved')
      const { chapter, current } = await getChapter(deps, 'suzhou')
      assert.deepEqual([chapter.cityZh, chapter.country, chapter.status], ['苏州', 'CN', 'active'])
      assert.deepEqual(
        current.map((s) => [s.person.id, s.role]),
        [[applicant.personId, 'leader']],
      )
      const [seat] = await db.select().from(chapterTeam).where(eq(chapterTeam.chapterId, chapter.id))
      assert.equal(seat?.applicationId, application.id)
    })

    it('brings an inactive chapter back under the newly approved leader', async () => {
      const old = await foundChapter(
        db,
        {
          slug: 'wuhan',
          cityZh: '武汉',
          cityEn: 'Wuhan',
          country: 'CN',
          sigId: sig.id,
          foundedOn: '2022-01-08',
        },
        [],
        monthsAgo(30),
      )
      await db
        .update(chapters)
        .set({ status: 'inactive', statusSince: monthsAgo(3) })
        .where(eq(chapters.id, old.id))
      const applicant = await contributor(7003, monthsAgo(2))
      const application = await apply(applicant, answers({ cityZh: '武汉', cityEn: 'Wuhan' }))
      await voteOnApplication(deps, memberA, application.id, 'approve')
      await voteOnApplication(deps, memberB, application.id, 'approve')
      await voteOnApplication(deps, lead, application.id, 'approve')
      const { chapter, current } = await getChapter(deps, 'wuhan')
      assert.equal(chapter.id, old.id)
      assert.equal(chapter.status, 'active')
      assert.deepEqual(
        current.map((s) => s.role),
        ['leader'],
      )
    })

    it("stops at a SIG lead's rejection, and the applicant cannot withdraw afterwards", async () => {
      const applicant = await contributor(7004, monthsAgo(1))
      const application = await apply(applicant, answers({ cityZh: '南京', cityEn: 'Nanjing' }))
      assert.equal(
        (await voteOnApplication(deps, lead, application.id, 'reject', 'Merge with Shanghai')).state,
        'rejected',
      )
      await assert.rejects(moveApplication(deps, applicant, application.id, 'withdraw'), {
        code: 'notAllowedNow',
      })
      await assert.rejects(getChapter(deps, 'nanjing'), { code: 'notFoundRecord' })
    })
  })
}

for (const backend of await testBackends()) {
  describe(`joining a city chapter [${backend}]`, async () => {
    const { deps, leader, vice, member, sigLead, actorOf } = await chapterWithTeam(backend, NOW, {
      slug: 'hangzhou',
      cityZh: '杭州',
      cityEn: 'Hangzhou',
    })
    const person = async () => (await makePerson(deps)).id
    const join = async (personId: string, subjectName = 'Hangzhou') =>
      startApplication(deps, await actorOf(personId), {
        type: JOIN_CHAPTER,
        answers: { motivation: 'I came to every meetup this year', availability: 'Two evenings a month' },
        subjectName,
        submit: true,
      })

    it("is decided by the chapter's leader or vice-leader, or a lead of its SIG, and adds a member", async () => {
      for (const decider of [leader, vice, sigLead]) {
        const applicant = await person()
        const application = await join(applicant)
        await assert.rejects(voteOnApplication(deps, await actorOf(member), application.id, 'approve'), {
          code: 'forbidden',
        })
        assert.equal(
          // Not active lately (no facts): the decider's judgment, with a reason (see chapters.succession.test.ts).
          (
            await voteOnApplication(
              deps,
              await actorOf(decider),
              application.id,
              'approve',
              null,
              'Known to us',
            )
          ).state,
          'approved',
        )
        const { current } = await getChapter(deps, 'hangzhou')
        assert.ok(current.some((s) => s.person.id === applicant && s.role === 'member'))
      }
    })

    it('refuses someone already on the team, and a chapter that does not exist', async () => {
      await assert.rejects(
        join(member),
        (e: unknown) => e instanceof NotEligible && e.failed[0]?.reason === 'alreadyOnTeam',
      )
      await assert.rejects(join(await person(), 'atlantis'), { code: 'notFoundRecord' })
    })
  })
}

for (const backend of await testBackends()) {
  describe(`stepping down [${backend}]`, async () => {
    const { deps, leader, vice, member, sigLead, actorOf } = await chapterWithTeam(backend, NOW, {
      slug: 'hefei',
      cityZh: '合肥',
      cityEn: 'Hefei',
      handles: ['sd-leader', 'sd-vice', 'sd-member', 'sd-sig-lead'],
    })
    // A chapter holding its yearly event: only the step-downs move it.
    await deps.db.insert(chapterEvents).values({
      chapterId: (await getChapter(deps, 'hefei')).chapter.id,
      heldOn: '2026-09-12',
      titleEn: 'Hefei meetup',
    } as typeof chapterEvents.$inferInsert)
    const stepDown = async (personId: string, successor = '') =>
      startApplication(deps, await actorOf(personId), {
        type: STEP_DOWN,
        answers: { reason: 'Moving abroad', successor },
        subjectName: 'hefei',
        submit: true,
      })

    it('only a leader or vice-leader may step down, and the successor must be someone here', async () => {
      await assert.rejects(
        stepDown(member),
        (e: unknown) => e instanceof NotEligible && e.failed[0]?.reason === 'notALeader',
      )
      await assert.rejects(
        stepDown(vice, 'nobody-by-that-name'),
        (e: unknown) => e instanceof NotEligible && e.failed.some((f) => f.reason === 'noSuchSuccessor'),
      )
    })

    it('passes the seat to the proposed member once a SIG lead approves', async () => {
      const application = await stepDown(vice, '@sd-member')
      await assert.rejects(voteOnApplication(deps, await actorOf(leader), application.id, 'approve'), {
        code: 'forbidden',
      })
      await voteOnApplication(
        deps,
        await actorOf(sigLead),
        application.id,
        'approve',
        null,
        'Runs the meetups',
      )
      const { current, past } = await getChapter(deps, 'hefei')
      assert.deepEqual(
        current.map((s) => [s.person.handle, s.role]),
        [
          ['sd-leader', 'leader'],
          ['sd-member', 'vice_leader'],
        ],
      )
      assert.ok(past.some((s) => s.person.handle === 'sd-vice' && s.endReason === 'Moving abroad'))
    })

    it('opens the search for a leader (not inactive at once) when its leader steps down without a successor', async () => {
      const application = await stepDown(leader)
      await voteOnApplication(deps, await actorOf(sigLead), application.id, 'approve')
      const { chapter, current } = await getChapter(deps, 'hefei')
      assert.deepEqual([chapter.status, chapter.leaderWantedUntil], ['at_risk', '2026-12-14'])
      assert.deepEqual(
        current.map((s) => s.role),
        ['vice_leader'],
      )
    })
  })
}
