// "Who decides" has one answer per application type, and the engine reads it for everything: the
// people mailed "to review" (and reminded later) are exactly the people whose vote is taken, and
// exactly those whose review queue holds the application. Checked for every registered type
// against one community in which many people hold roles that might be mistaken for deciding.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { mailOutbox } from '../../platform/db/schema.ts'
import type { Actor } from '../access/index.ts'
import * as activity from '../activity/activity.repo.ts'
import { FOUND_CHAPTER, JOIN_CHAPTER, STEP_DOWN } from '../chapters/chapters.applications.ts'
import { foundChapter } from '../chapters/index.ts'
import { currentRoles } from '../people/index.ts'
import { ensureFoundingSig } from '../people/people.demo.ts'
import { insertSig } from '../people/people.repo.ts'
import { PODCAST_GUEST } from '../podcast/podcast.applications.ts'
import { createShow } from '../podcast/podcast.service.ts'
import { remindReviewers, reviewQueue, startApplication, voteOnApplication } from './applications.service.ts'
import { applicationTypes } from './applications.types.ts'

const NOW = new Date('2026-10-15T12:00:00Z')

for (const backend of await testBackends()) {
  describe(`who is asked to review is who may decide [${backend}]`, async () => {
    const t = await makeTestApp(backend)
    t.setNow(NOW)
    const deps = t.deps
    const db = deps.db
    const sig = await ensureFoundingSig({ db })
    const otherSig = await insertSig(db, { slug: 'docs', nameZh: '文档', nameEn: 'Docs' })
    let n = 0
    const everyone: { id: string; handle: string; email: string; label: string }[] = []
    const person = async (label: string) => {
      n++
      const email = `p${n}-${label}@deciders.test`
      const p = await makePerson(deps, { email, locale: 'en' })
      everyone.push({ id: p.id, handle: p.handle, email, label })
      return p.id
    }
    const actorOf = async (personId: string): Promise<NonNullable<Actor>> => ({
      personId,
      roles: (await currentRoles(deps, personId)).map((r) => ({ role: r.role, sigId: r.sigId })),
    })
    // Everyone who might be mistaken for a decider of one type or another.
    const sigLead = await person('sig-lead')
    await t.grant(sigLead, 'sig_lead', sig.id)
    const leadAndMember = await person('sig-lead-and-member')
    await t.grant(leadAndMember, 'sig_lead', sig.id)
    await t.grant(leadAndMember, 'sig_member', sig.id)
    for (const label of ['sig-member-1', 'sig-member-2'])
      await t.grant(await person(label), 'sig_member', sig.id)
    await t.grant(await person('other-sig-lead'), 'sig_lead', otherSig.id)
    await t.grant(await person('other-sig-member'), 'sig_member', otherSig.id)
    await t.grant(await person('contributor'), 'contributor')
    const [leader, vice, member] = [await person('leader'), await person('vice'), await person('member')]
    await foundChapter(
      db,
      {
        slug: 'shanghai',
        cityZh: '上海',
        cityEn: 'Shanghai',
        country: 'CN',
        sigId: sig.id,
        foundedOn: '2021-06-19',
      },
      [
        { personId: leader, role: 'leader' },
        { personId: vice, role: 'vice_leader' },
        { personId: member, role: 'member' },
      ],
      NOW,
    )
    const [host, otherHost] = [await person('host'), await person('other-host')]
    const admin = { personId: t.superuser.id, roles: [{ role: 'administrator', sigId: null }] }
    const show = (slug: string, hostId: string) =>
      createShow(deps, admin, {
        slug,
        titleZh: null,
        titleEn: slug,
        descriptionZh: null,
        descriptionEn: 'x',
        language: 'en',
        categories: [],
        explicit: false,
        type: 'episodic',
        ownerName: 'Community',
        ownerEmail: 'podcast@example.org',
        copyright: '',
        hosts: [everyone.find((p) => p.id === hostId)!.handle],
      })
    await show('talk', host)
    await show('other-talk', otherHost)
    const outsider = await person('outsider')

    /** One submitted application of each type, from a fresh applicant. */
    const applications: Record<string, () => Promise<{ id: string; applicant: string }>> = {
      [FOUND_CHAPTER]: async () => {
        const applicant = await person('founder')
        await activity.linkAccount(db, 9001, 'gh-9001', applicant, NOW)
        await activity.insertContributions(
          db,
          [
            {
              key: 'deciders:9001',
              githubId: 9001,
              login: 'gh-9001',
              avatarUrl: null,
              botAccount: false,
              kind: 'review',
              repoId: 1,
              repoName: 'kubesphere/console',
              number: 1,
              occurredAt: new Date(NOW.getTime() - 20 * 86_400_000),
            },
          ],
          'test',
        )
        const a = await startApplication(deps, await actorOf(applicant), {
          type: FOUND_CHAPTER,
          answers: {
            github: 'gh-9001',
            cityZh: '苏州',
            cityEn: 'Suzhou',
            country: 'cn',
            prerequisites: true,
            contact: 'wechat: founder',
            reason: 'Many users here.',
            plan: 'A meetup every quarter.',
            audience: 40,
            audienceEvidence: 'A WeChat group of 180.',
          },
          submit: true,
        })
        return { id: a.id, applicant }
      },
      [JOIN_CHAPTER]: async () => {
        const applicant = await person('joiner')
        const a = await startApplication(deps, await actorOf(applicant), {
          type: JOIN_CHAPTER,
          answers: { motivation: 'I organise meetups.', availability: 'Weekends.' },
          subjectName: 'shanghai',
          submit: true,
        })
        return { id: a.id, applicant }
      },
      [STEP_DOWN]: async () => {
        const a = await startApplication(deps, await actorOf(vice), {
          type: STEP_DOWN,
          answers: { reason: 'I am moving away.' },
          subjectName: 'shanghai',
          submit: true,
        })
        return { id: a.id, applicant: vice }
      },
      [PODCAST_GUEST]: async () => {
        const applicant = await person('guest')
        const a = await startApplication(deps, await actorOf(applicant), {
          type: PODCAST_GUEST,
          answers: {
            github: 'guest',
            contact: 'guest@example.org',
            reason: 'I maintain a project.',
            topic: 'Operators',
          },
          subjectName: 'talk',
          submit: true,
        })
        return { id: a.id, applicant }
      },
    }

    it('has a case for every application type there is', () => {
      assert.deepEqual(
        Object.keys(applications).sort(),
        applicationTypes()
          // A talk proposal is decided by the programme's reviews and queued decisions, not by
          // engine votes: nobody is asked through the engine (programme.proposals.type.ts).
          .filter((type) => !type.actsElsewhere)
          .map((type) => type.key)
          .sort(),
      )
      assert.ok(outsider)
    })

    /** Who got mail about this application with such a subject (the link names the application). */
    const mailedAbout = async (id: string, subject: RegExp) =>
      new Set(
        (await db.select().from(mailOutbox))
          .filter((m) => subject.test(m.subject) && m.text.includes(`/applications/${id}`))
          .map((m) => everyone.find((p) => p.email === m.to)?.label ?? m.to),
      )

    for (const key of Object.keys(applications)) {
      it(`${key}: everyone mailed or reminded can vote, and everyone who can vote is mailed and reminded`, async () => {
        const submittedAt = new Date(NOW.getTime() + everyone.length * 1000)
        t.setNow(submittedAt)
        const { id, applicant } = await applications[key]!()
        const asked = await mailedAbout(id, /^To review: /)
        assert.ok(asked.size > 0, 'somebody is asked')

        const later = new Date(submittedAt.getTime() + 31 * 86_400_000)
        t.setNow(later)
        await remindReviewers(deps)
        assert.deepEqual(await mailedAbout(id, /^Waiting \d+ days for review: /), asked)

        const queued = new Set<string>()
        for (const p of everyone)
          if ((await reviewQueue(deps, await actorOf(p.id))).some((a) => a.id === id)) queued.add(p.label)
        assert.deepEqual(queued, asked, 'review queues hold it for exactly those asked')

        // Those not asked first: each must be refused. Then those asked: each is let through
        // (a vote taken, or "not now" once earlier votes decided it).
        const canVote = new Set<string>()
        const ordered = [
          ...everyone.filter((p) => !asked.has(p.label)),
          ...everyone.filter((p) => asked.has(p.label)),
        ]
        for (const p of ordered) {
          const refused = await voteOnApplication(deps, await actorOf(p.id), id, 'approve').then(
            () => null,
            (e: { code?: string }) => e.code,
          )
          if (refused !== 'forbidden') canVote.add(p.label)
        }
        assert.deepEqual(canVote, asked)
        assert.ok(!asked.has(everyone.find((p) => p.id === applicant)!.label), 'the applicant is not asked')
        t.setNow(NOW)
      })
    }
  })
}
