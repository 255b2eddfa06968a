// A new chapter starts with the team the seed's chapters had: the founder proposes a vice-leader and
// first members, each says yes or no themselves, and only those who said yes are seated.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { messagesFor } from '../../platform/i18n/index.ts'
import type { Actor } from '../access/index.ts'
import * as activity from '../activity/activity.repo.ts'
import { answerInvitation, invitationsOf } from '../applications/applications.invitations.ts'
import {
  invitedForReview,
  NotEligible,
  startApplication,
  voteOnApplication,
} from '../applications/applications.service.ts'
import { ensureFoundingSig } from '../people/people.demo.ts'
import { FOUND_CHAPTER, type FoundChapterAnswers } from './chapters.applications.ts'
import { teamGaps } from './chapters.rules.ts'
import { seatPerson } from './chapters.seats.ts'
import { foundChapter, getChapter } from './chapters.service.ts'

const NOW = new Date('2026-10-15T12:00:00Z')

const answers = (
  cityZh: string,
  cityEn: string,
  team: Partial<FoundChapterAnswers>,
): FoundChapterAnswers => ({
  github: 'founder',
  cityZh,
  cityEn,
  country: 'cn',
  prerequisites: true,
  contact: 'wechat: founder',
  reason: 'Many users here.',
  requirements: '',
  plan: 'A meetup every quarter.',
  audience: 40,
  audienceEvidence: 'A WeChat group of 180.',
  ...team,
})

describe('what a team lacks', () => {
  it('names an empty leading seat and how many members short of the minimum it is', () => {
    assert.deepEqual(teamGaps([{ role: 'leader' }, { role: 'member' }], 2), {
      leader: false,
      viceLeader: true,
      members: 1,
    })
    assert.deepEqual(
      teamGaps([{ role: 'leader' }, { role: 'vice_leader' }, { role: 'member' }, { role: 'member' }], 2),
      { leader: false, viceLeader: false, members: 0 },
    )
    assert.deepEqual(teamGaps([], 0), { leader: true, viceLeader: true, members: 0 })
  })
})

for (const backend of await testBackends()) {
  describe(`founding a chapter with its team [${backend}]`, async () => {
    const t = await makeTestApp(backend)
    t.setNow(NOW)
    const deps = t.deps
    const db = deps.db
    const sig = await ensureFoundingSig({ db })
    const deciders: NonNullable<Actor>[] = []
    for (const role of ['sig_lead', 'sig_member', 'sig_member'] as const) {
      const p = await makePerson(deps)
      await t.grant(p.id, role, sig.id)
      deciders.push({ personId: p.id, roles: [{ role, sigId: sig.id }] })
    }
    const approve = async (id: string) => {
      for (const d of deciders) await voteOnApplication(deps, d, id, 'approve')
    }
    let github = 8000
    const founder = async (): Promise<NonNullable<Actor>> => {
      const p = await makePerson(deps)
      github++
      await activity.linkAccount(db, github, `gh-${github}`, p.id, NOW)
      await activity.insertContributions(
        db,
        [
          {
            key: `team:${github}`,
            githubId: github,
            login: `gh-${github}`,
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
      return { personId: p.id, roles: [] }
    }
    const as = (id: string): NonNullable<Actor> => ({ personId: id, roles: [] })
    const invitationOf = async (personId: string, applicationId: string) =>
      (await invitationsOf(deps, as(personId))).find((r) => r.application.id === applicationId)!

    it('asks each proposed person by mail; those who accepted are seated when the chapter is founded, the others not', async () => {
      const applicant = await founder()
      const vice = await makePerson(deps, { email: 'vice@team.test', locale: 'en' })
      // A private person, as signing in leaves everyone, found by the handle they gave the founder.
      const quiet = await makePerson(deps, {
        profilePublic: false,
        handle: 'member-x7k2q9',
        email: 'quiet@team.test',
      })
      const declining = await makePerson(deps, { githubLogin: 'Decliner' })
      const application = await startApplication(deps, applicant, {
        type: FOUND_CHAPTER,
        answers: answers('苏州', 'Suzhou', {
          viceLeader: `@${vice.handle}`,
          members: `member-x7k2q9\ndecliner`,
        }),
        submit: true,
      })
      const mail = await t.lastMailTo('vice@team.test')
      assert.match(mail!.subject, /proposes you as vice-leader: [^<]*Suzhou/)
      assert.match(mail!.text, /\/en\/applications#invitations/)
      assert.match((await t.lastMailTo('quiet@team.test'))!.subject, /提名你担任委员/)

      await answerInvitation(
        deps,
        as(vice.id),
        (await invitationOf(vice.id, application.id)).invitation.id,
        'accept',
      )
      await answerInvitation(
        deps,
        as(declining.id),
        (await invitationOf(declining.id, application.id)).invitation.id,
        'decline',
      )
      await approve(application.id)
      // The history names each answer with the place it was for, in words.
      const html = await (
        await (await t.clientAs(t.superuser.id)).get(`/en/applications/${application.id}`)
      ).text()
      assert.match(html, /accepted the invitation to join the team as vice-leader/)
      assert.match(html, /declined the invitation to join the team as member/)
      assert.doesNotMatch(html, /vice_leader/)
      const { current } = await getChapter(deps, 'suzhou')
      assert.deepEqual(
        current.map((s) => [s.person.id, s.role]).sort(),
        [
          [applicant.personId, 'leader'],
          [vice.id, 'vice_leader'],
        ].sort(),
      )

      // The one who had not answered yet is seated when they accept.
      await answerInvitation(
        deps,
        as(quiet.id),
        (await invitationOf(quiet.id, application.id)).invitation.id,
        'accept',
      )
      const after = await getChapter(deps, 'suzhou')
      assert.deepEqual(
        after.current.map((s) => s.person.id).sort(),
        [applicant.personId, vice.id, quiet.id].sort(),
      )
      assert.equal(after.current.find((s) => s.person.id === quiet.id)?.role, 'member')
      assert.equal((await invitationOf(declining.id, application.id)).answerable, false)
    })

    it('seats a late yes only while the place is free: a vice-leader seat taken meanwhile stays with its holder', async () => {
      const applicant = await founder()
      const [first, late] = [await makePerson(deps), await makePerson(deps)]
      const application = await startApplication(deps, applicant, {
        type: FOUND_CHAPTER,
        answers: answers('无锡', 'Wuxi', { viceLeader: late.handle, members: first.handle }),
        submit: true,
      })
      await approve(application.id)
      // Someone else took the vice-leader seat before the proposed one said yes.
      await answerInvitation(
        deps,
        as(first.id),
        (await invitationOf(first.id, application.id)).invitation.id,
        'accept',
      )
      const { seatPerson } = await import('./chapters.seats.ts')
      const { chapter } = await getChapter(deps, 'wuxi')
      await db.transaction((tx) =>
        seatPerson(tx, { chapterId: chapter.id, personId: first.id, role: 'vice_leader', now: NOW }),
      )
      await answerInvitation(
        deps,
        as(late.id),
        (await invitationOf(late.id, application.id)).invitation.id,
        'accept',
      )
      const { current } = await getChapter(deps, 'wuxi')
      assert.deepEqual(
        current.map((s) => [s.person.id, s.role]).sort(),
        [
          [applicant.personId, 'leader'],
          [first.id, 'vice_leader'],
        ].sort(),
      )
    })

    it('refuses names nobody has, the founder themselves, and one person named twice', async () => {
      const applicant = await founder()
      const someone = await makePerson(deps)
      const self = (await db.query.people.findFirst({ where: (p, { eq }) => eq(p.id, applicant.personId) }))!
      await assert.rejects(
        startApplication(deps, applicant, {
          type: FOUND_CHAPTER,
          answers: answers('常州', 'Changzhou', {
            viceLeader: someone.handle,
            members: `no-such-person, ${self.handle}, ${someone.handle}`,
          }),
          submit: true,
        }),
        (e: unknown) => {
          assert.ok(e instanceof NotEligible)
          assert.deepEqual(
            e.failed.map((f) => f.reason),
            ['noSuchInvitee', 'inviteeIsApplicant', 'inviteeNamedTwice'],
          )
          return true
        },
      )
    })

    it('lets only the invited person answer, and not once the application is rejected', async () => {
      const applicant = await founder()
      const invited = await makePerson(deps)
      const application = await startApplication(deps, applicant, {
        type: FOUND_CHAPTER,
        answers: answers('南通', 'Nantong', { members: invited.handle }),
        submit: true,
      })
      const { invitation } = await invitationOf(invited.id, application.id)
      const admin = { personId: t.superuser.id, roles: [{ role: 'administrator', sigId: null }] }
      await assert.rejects(answerInvitation(deps, admin, invitation.id, 'accept'), { code: 'forbidden' })
      await assert.rejects(answerInvitation(deps, applicant, invitation.id, 'accept'), { code: 'forbidden' })
      await voteOnApplication(deps, deciders[0]!, application.id, 'reject')
      await assert.rejects(answerInvitation(deps, as(invited.id), invitation.id, 'accept'), {
        code: 'notAllowedNow',
      })
    })

    for (const lang of ['zh', 'en'] as const)
      it(`[${lang}] the invitation is on the person's applications page, and a click on Accept answers it`, async () => {
        const applicant = await founder()
        const invited = await makePerson(deps)
        const city = lang === 'zh' ? ['扬州', 'Yangzhou'] : ['镇江', 'Zhenjiang']
        const application = await startApplication(deps, applicant, {
          type: FOUND_CHAPTER,
          answers: answers(city[0]!, city[1]!, { members: invited.handle }),
          submit: true,
        })
        const client = await t.clientAs(invited.id)
        const page = await client.get(`/${lang}/applications`)
        assert.equal(page.status, 200)
        const html = await page.text()
        const about = lang === 'zh' ? city[0]! : city[1]!
        assert.match(
          html,
          lang === 'zh'
            ? new RegExp(`提名你担任委员：[^<]*${about}`)
            : new RegExp(`proposes you as member: [^<]*${about}`),
        )
        const action = html.match(/action="([^"]*\/applications\/invitations\/[^"]+)"/)![1]!
        const answered = await client.postForm(action, { answer: 'accept' })
        assert.equal(answered.status, 303)
        const after = await (await client.get(answered.headers.get('location')!)).text()
        assert.match(after, lang === 'zh' ? /你已接受/ : /You accepted/)
        assert.doesNotMatch(after, /name="answer"/)
        assert.equal((await invitationOf(invited.id, application.id)).invitation.state, 'accepted')
      })

    for (const lang of ['zh', 'en'] as const)
      it(`[${lang}] the chapter's console page says what its new team lacks`, async () => {
        const applicant = await founder()
        const member = await makePerson(deps)
        const city = lang === 'zh' ? ['泰州', 'Taizhou'] : ['盐城', 'Yancheng']
        const application = await startApplication(deps, applicant, {
          type: FOUND_CHAPTER,
          answers: answers(city[0]!, city[1]!, { members: member.handle }),
          submit: true,
        })
        await answerInvitation(
          deps,
          as(member.id),
          (await invitationOf(member.id, application.id)).invitation.id,
          'accept',
        )
        await approve(application.id)
        const client = await t.clientAs(deciders[0]!.personId)
        const page = await client.get(`/${lang}/console/chapters/${city[1]!.toLowerCase()}`)
        assert.equal(page.status, 200)
        const html = await page.text()
        if (lang === 'zh') {
          assert.match(html, /团队还缺少/)
          assert.match(html, /<li>副站长<\/li>/)
          assert.match(html, /1 位委员（团队至少需要 2 位委员）/)
        } else {
          assert.match(html, /The team is missing/)
          assert.match(html, /<li>a vice-leader<\/li>/)
          assert.match(html, /1 more member \(a team has at least 2\)/)
        }
      })

    for (const lang of ['zh', 'en'] as const)
      it(`[${lang}] reviewers see the proposed team: each person's answer and whether they are active lately`, async () => {
        const applicant = await founder()
        const vice = await makePerson(deps, { nameEn: 'Vera Vice', nameZh: '韦副' })
        const member = await makePerson(deps, { nameEn: 'Mo Member', nameZh: '莫委' })
        const city = lang === 'zh' ? ['淮安', 'Huai’an'] : ['宿迁', 'Suqian']
        const application = await startApplication(deps, applicant, {
          type: FOUND_CHAPTER,
          answers: answers(city[0]!, city[1]!, { viceLeader: vice.handle, members: member.handle }),
          submit: true,
        })
        await answerInvitation(
          deps,
          as(vice.id),
          (await invitationOf(vice.id, application.id)).invitation.id,
          'accept',
        )
        const page = await (await t.clientAs(deciders[0]!.personId)).get(
          `/${lang}/applications/${application.id}`,
        )
        assert.equal(page.status, 200)
        const html = await page.text()
        const section = html.slice(html.indexOf('id="proposed-title"'))
        const m = messagesFor(lang)
        assert.ok(html.includes('id="proposed-title"'), 'the proposed team is shown')
        assert.match(section, new RegExp(m.applications.proposed.title))
        const viceAt = section.indexOf(lang === 'zh' ? '韦副' : 'Vera Vice')
        const memberAt = section.indexOf(lang === 'zh' ? '莫委' : 'Mo Member')
        assert.ok(viceAt >= 0 && memberAt > viceAt)
        const viceLine = section.slice(viceAt, memberAt)
        assert.match(viceLine, new RegExp(m.applications.invitations.roles.vice_leader!))
        assert.match(viceLine, new RegExp(m.applications.proposed.answers.accepted!))
        assert.match(viceLine, new RegExp(m.standing.notActive))
        assert.match(section.slice(memberAt), new RegExp(m.applications.proposed.answers.pending!))
        // The history says what the invitee did in words, never the stored kind.
        assert.ok(html.includes(m.applications.events.invitation_accepted))
        assert.doesNotMatch(html, /invitation_accepted/)
        // Only the people who decide (and administrators) see it: not the invitee.
        await assert.rejects(invitedForReview(deps, as(member.id), application), { code: 'forbidden' })
      })

    it('a yes after the place was taken is answered "taken" on the page and by mail in their language', async () => {
      const applicant = await founder()
      const [first, late] = [
        await makePerson(deps),
        await makePerson(deps, { email: 'late@team.test', locale: 'en' }),
      ]
      const application = await startApplication(deps, applicant, {
        type: FOUND_CHAPTER,
        answers: answers('连云港', 'Lianyungang', { viceLeader: late.handle, members: first.handle }),
        submit: true,
      })
      await approve(application.id)
      const { chapter } = await getChapter(deps, 'lianyungang')
      await db.transaction((tx) =>
        seatPerson(tx, { chapterId: chapter.id, personId: first.id, role: 'vice_leader', now: NOW }),
      )
      const client = await t.clientAs(late.id)
      const html = await (await client.get('/en/applications')).text()
      const action = html.match(/action="([^"]*\/applications\/invitations\/[^"]+)"/)![1]!
      const answered = await client.postForm(action, { answer: 'accept' })
      assert.equal(answered.status, 303)
      const after = await (await client.get(answered.headers.get('location')!)).text()
      assert.match(after, /someone else took the place before you could/)
      const mail = await t.lastMailTo('late@team.test')
      assert.match(mail?.subject ?? '', /The place of vice-leader was taken: .*Lianyungang/)
      assert.match(mail?.text ?? '', /you have not been seated/)
      assert.equal(
        (await getChapter(deps, 'lianyungang')).current.some((s) => s.person.id === late.id),
        false,
      )
    })

    it('a yes before approval whose place is taken by then is told at approval, in Chinese for a Chinese reader', async () => {
      const applicant = await founder()
      const vice = await makePerson(deps, { email: 'early@team.test', locale: 'zh' })
      const application = await startApplication(deps, applicant, {
        type: FOUND_CHAPTER,
        answers: answers('宿州', 'Suzhou Anhui', { viceLeader: vice.handle }),
        submit: true,
      })
      await answerInvitation(
        deps,
        as(vice.id),
        (await invitationOf(vice.id, application.id)).invitation.id,
        'accept',
      )
      // The chapter came to exist, inactive, with a vice-leader seated, before the approval.
      const other = await makePerson(deps)
      const sig = await ensureFoundingSig({ db })
      await foundChapter(
        db,
        {
          slug: 'suzhou-anhui',
          cityZh: '宿州',
          cityEn: 'Suzhou Anhui',
          country: 'CN',
          sigId: sig.id,
          foundedOn: '2024-01-01',
        },
        [{ personId: other.id, role: 'vice_leader' }],
        NOW,
      )
      await approve(application.id)
      assert.match((await t.lastMailTo('early@team.test'))?.subject ?? '', /副站长的位置已有人担任：.*宿州/)
    })

    for (const lang of ['zh', 'en'] as const)
      it(`[${lang}] invitations waiting for an answer are listed on the account page, linking to where they are answered`, async () => {
        const applicant = await founder()
        const invited = await makePerson(deps)
        const city = lang === 'zh' ? ['台州', 'Taizhou Zhejiang'] : ['丽水', 'Lishui']
        await startApplication(deps, applicant, {
          type: FOUND_CHAPTER,
          answers: answers(city[0]!, city[1]!, { members: invited.handle }),
          submit: true,
        })
        const html = await (await (await t.clientAs(invited.id)).get(`/${lang}/me`)).text()
        const m = messagesFor(lang)
        assert.match(html, new RegExp(m.account.invitations))
        assert.match(
          html,
          lang === 'zh' ? /提名你担任委员：[^<]*台州/ : /proposes you as member: [^<]*Lishui/,
        )
        assert.match(html, new RegExp(`href="/${lang}/applications#invitations"`))
      })
  })
}
