import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import * as activity from '../activity/activity.repo.ts'
import '../chapters/index.ts'
import { getChapter } from '../chapters/index.ts'
import { ensureFoundingSig } from '../people/people.demo.ts'

const NOW = new Date('2026-10-15T12:00:00Z')
const FORM = '/en/applications/new/found-chapter'

const answers = {
  github: 'octo-lead',
  cityZh: '厦门',
  cityEn: 'Xiamen',
  country: 'CN',
  prerequisites: 'yes',
  contact: 'octo@example.org',
  reason: 'There is no meetup in Xiamen yet.',
  requirements: '',
  plan: 'A meetup every quarter.',
  audience: '30',
  audienceEvidence: 'The local WeChat group has 150 members.',
}

for (const backend of await testBackends()) {
  describe(`application pages [${backend}]`, async () => {
    const t = await makeTestApp(backend)
    t.setNow(NOW)
    const db = t.deps.db
    const sig = await ensureFoundingSig({ db })
    let reviewers = 0
    const reviewer = async (role: 'sig_lead' | 'sig_member') => {
      const p = await makePerson(t.deps, { email: `reviewer-${++reviewers}@hearth.test`, locale: 'en' })
      await t.grant(p.id, role, sig.id)
      return t.clientAs(p.id)
    }
    const lead = await reviewer('sig_lead')
    const memberA = await reviewer('sig_member')
    const memberB = await reviewer('sig_member')

    it('asks visitors to sign in first', async () => {
      const res = await t.client().get(FORM)
      assert.equal(res.status, 302)
      assert.match(
        res.headers.get('location')!,
        /^\/en\/sign-in\?next=%2Fen%2Fapplications%2Fnew%2Ffound-chapter/,
      )
    })

    it('shows the conditions and keeps what was typed when a field is wrong or a condition is not met', async () => {
      const newcomer = await makePerson(t.deps, { handle: 'new-comer', nameEn: 'New Comer' })
      const client = await t.clientAs(newcomer.id)
      const zh = await (await client.get('/zh/applications/new/found-chapter')).text()
      assert.match(zh, /<h1>成立城市站<\/h1>/)
      assert.match(zh, /20 人及以上的技术 Meetup/)
      const bad = await client.postForm(FORM, { ...answers, country: 'China', audience: 'many' })
      assert.equal(bad.status, 422)
      const badHtml = await bad.text()
      assert.match(badHtml, /Enter the two-letter country code/)
      assert.match(badHtml, /value="China"/)
      const refused = await client.postForm(FORM, { ...answers, audience: '12' })
      assert.equal(refused.status, 422)
      const html = await refused.text()
      assert.match(html, /none is recorded for you yet/)
      assert.match(html, /the application says 12/)
      const draft = /href="(\/en\/applications\/[0-9a-f-]{36})"/.exec(html)?.[1]
      assert.ok(draft, 'a draft keeps the answers')
      const kept = await (await client.get(draft)).text()
      assert.match(kept, /Draft/)
      assert.match(kept, /The local WeChat group has 150 members\./)
    })

    it('takes an application from a recent contributor through the votes of the SIG to a new chapter', async () => {
      const applicant = await makePerson(t.deps, {
        handle: 'octo-lead',
        nameEn: 'Octo Lead',
        nameZh: '章鱼',
        email: 'octo@hearth.test',
      })
      await activity.linkAccount(db, 8801, 'octo-lead', applicant.id, NOW)
      await activity.insertContributions(
        db,
        [
          {
            key: 'pages-test:1',
            githubId: 8801,
            login: 'octo-lead',
            avatarUrl: null,
            botAccount: false,
            kind: 'pr_merged',
            repoId: 1,
            repoName: 'kubesphere/kubesphere',
            number: 7,
            occurredAt: new Date(NOW.getTime() - 20 * 86_400_000),
          },
        ],
        'test',
      )
      const client = await t.clientAs(applicant.id)
      const submitted = await client.postForm(FORM, answers)
      assert.equal(submitted.status, 303)
      const page = submitted.headers.get('location')!
      assert.match(page, /notice=submitted/)
      const path = page.split('?')[0]!
      const mine = await (await client.get(path)).text()
      assert.match(mine, /Waiting for review/)
      assert.match(mine, /1 more approval from SIG leads/)
      assert.match(mine, /2 more approvals from SIG members/)
      // Reviewers are told, each in their own language, through the outbox.
      const told = await t.lastMailTo('reviewer-1@hearth.test')
      assert.equal(told?.subject, 'To review: Found the Xiamen chapter from Octo Lead')
      assert.match(told!.text, new RegExp(`http://hearth.test/en${path.slice(3)}`))

      assert.match(await (await memberA.get('/en/applications')).text(), new RegExp(path))
      assert.equal(
        (await memberA.postForm(`${path}/move`, { move: 'request_info', comment: 'Which venue?' })).status,
        303,
      )
      assert.equal((await t.lastMailTo('octo@hearth.test'))?.subject, '需要补充信息：成立厦门站')
      assert.match((await t.lastMailTo('octo@hearth.test'))!.text, /Which venue\?/)
      const asked = await (await client.get(path)).text()
      assert.match(asked, /More information requested/)
      assert.match(asked, /Which venue\?/)
      const answered = await client.postForm(`${path}/answers`, {
        ...answers,
        requirements: 'The venue of a sponsor',
      })
      assert.equal(answered.status, 303)

      for (const reviewer of [memberA, memberB, lead])
        assert.equal(
          (await reviewer.postForm(`${path}/vote`, { vote: 'approve', comment: 'Welcome' })).status,
          303,
        )
      const done = await (await client.get(path)).text()
      assert.match(done, /Approved/)
      assert.match(done, /Approved by the reviewers’ votes/)
      assert.equal((await t.lastMailTo('octo@hearth.test'))?.subject, '申请已通过：成立厦门站')
      const zh = await (await client.get(path.replace('/en/', '/zh/'))).text()
      assert.match(zh, /已通过/)
      const { chapter, current } = await getChapter(t.deps, 'xiamen')
      assert.equal(chapter.cityZh, '厦门')
      assert.deepEqual(
        current.map((s) => [s.person.handle, s.role]),
        [['octo-lead', 'leader']],
      )
      const late = await memberA.postForm(`${path}/vote`, { vote: 'reject' })
      assert.equal(late.status, 409)
      assert.equal((await memberA.postForm(`${path}/vote`, { vote: 'maybe' })).status, 422)
      assert.equal((await memberA.postForm(`${path}/move`, { move: 'delete' })).status, 422)
    })

    it('keeps applications from everyone but the applicant, its reviewers and administrators', async () => {
      const applicant = await makePerson(t.deps)
      const client = await t.clientAs(applicant.id)
      const draft = await client.postForm(FORM, { ...answers, intent: 'draft' })
      const path = draft.headers.get('location')!.split('?')[0]!
      const stranger = await t.clientAs((await makePerson(t.deps)).id)
      assert.equal((await stranger.get(path)).status, 403)
      assert.equal((await stranger.postForm(`${path}/vote`, { vote: 'approve' })).status, 403)
      assert.equal((await (await t.clientAs(t.superuser.id)).get(path)).status, 200)
    })
  })
}
