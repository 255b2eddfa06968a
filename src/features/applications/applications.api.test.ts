import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { isUniqueViolation } from '../../platform/db/errors.ts'
import { mailOutbox } from '../../platform/db/schema.ts'
import { foundChapter } from '../chapters/index.ts'
import { ensureFoundingSig } from '../people/people.demo.ts'
import { insertApplication } from './applications.repo.ts'
import { applications } from './applications.schema.ts'

for (const backend of await testBackends()) {
  describe(`chapters and applications API [${backend}]`, async () => {
    const t = await makeTestApp(backend)
    const db = t.deps.db
    const sig = await ensureFoundingSig({ db })
    const leader = await makePerson(t.deps, { handle: 'api-leader' })
    await foundChapter(
      db,
      {
        slug: 'ningbo',
        cityZh: '宁波',
        cityEn: 'Ningbo',
        country: 'CN',
        sigId: sig.id,
        foundedOn: '2024-03-02',
      },
      [{ personId: leader.id, role: 'leader' }],
      new Date('2024-03-02T10:00:00Z'),
    )

    it('lists chapters with their teams to anyone', async () => {
      const list = await (await t.client().get('/api/v1/chapters')).json()
      assert.deepEqual(
        list.map((c: { slug: string; team: { handle: string; role: string }[] }) => [
          c.slug,
          c.team.map((s) => [s.handle, s.role]),
        ]),
        [['ningbo', [['api-leader', 'leader']]]],
      )
      assert.equal((await t.client().get('/api/v1/chapters/nowhere')).status, 404)
    })

    it('applies, explains refused conditions, shows the history and takes votes', async () => {
      const applicant = await t.clientAs((await makePerson(t.deps)).id)
      const refused = await applicant.api('POST', '/api/v1/applications', {
        type: 'found-chapter',
        answers: {
          github: 'someone',
          cityZh: '宁波',
          cityEn: 'Ningbo',
          country: 'CN',
          prerequisites: true,
          contact: 'x@example.org',
          reason: 'A reason',
          plan: 'A plan',
          audience: 5,
          audienceEvidence: 'None yet',
        },
      })
      assert.equal(refused.status, 422)
      const problem = await refused.json()
      assert.equal(problem.code, 'notEligible')
      assert.deepEqual(
        problem.conditions.map((f: { reason: string }) => f.reason),
        ['notActive', 'audienceTooSmall', 'cityHasChapter'],
      )

      const malformed = await applicant.api('POST', '/api/v1/applications', { answers: 'none' })
      assert.equal(malformed.status, 422)
      assert.equal((await malformed.json()).code, 'invalid')
      const unknownType = await applicant.api('POST', '/api/v1/applications', {
        type: 'world-domination',
        answers: {},
      })
      assert.equal(unknownType.status, 404)
      const created = await applicant.api('POST', '/api/v1/applications', {
        type: 'join-chapter',
        subject: 'ningbo',
        answers: { motivation: 'I went to every meetup', availability: 'Once a month' },
      })
      assert.equal(created.status, 201)
      const application = await created.json()
      assert.equal(application.state, 'submitted')
      const lead = await t.clientAs(leader.id)
      // The applicant has not been active lately: the leader's judgment needs its reason.
      const unexplained = await lead.api('POST', `/api/v1/applications/${application.id}/votes`, {
        vote: 'approve',
      })
      assert.equal(unexplained.status, 409)
      assert.equal((await unexplained.json()).code, 'overrideRequired')
      const voted = await lead.api('POST', `/api/v1/applications/${application.id}/votes`, {
        vote: 'approve',
        override: 'Came to every meetup this year',
      })
      assert.deepEqual(await voted.json(), { state: 'approved' })
      const seen = await (await applicant.api('GET', `/api/v1/applications/${application.id}`)).json()
      assert.deepEqual(
        seen.events.map((e: { kind: string }) => e.kind),
        ['submit', 'override', 'vote', 'approved'],
      )
      const mine = await (await applicant.api('GET', '/api/v1/applications')).json()
      assert.ok(mine.some((a: { id: string }) => a.id === application.id))
      assert.equal((await t.client().api('GET', '/api/v1/applications')).status, 401)
      const doc = await (await t.client().get('/api/v1/openapi.json')).json()
      assert.ok(doc.paths['/applications/{id}/votes'] && doc.paths['/chapters/{slug}'])
    })
  })
}

for (const backend of await testBackends()) {
  describe(`one open application per applicant, type and subject [${backend}]`, async () => {
    const t = await makeTestApp(backend)
    const db = t.deps.db
    const sig = await ensureFoundingSig({ db })
    const leader = await makePerson(t.deps, { handle: 'open-leader', email: 'open-leader@example.org' })
    await foundChapter(
      db,
      {
        slug: 'taizhou',
        cityZh: '台州',
        cityEn: 'Taizhou',
        country: 'CN',
        sigId: sig.id,
        foundedOn: '2024-03-02',
      },
      [{ personId: leader.id, role: 'leader' }],
      new Date('2024-03-02T10:00:00Z'),
    )
    const join = {
      type: 'join-chapter',
      subject: 'taizhou',
      answers: { motivation: 'I went to every meetup', availability: 'Once a month' },
    }
    const mailsToLeader = async () =>
      (await db.select().from(mailOutbox)).filter((m) => m.to === 'open-leader@example.org').length

    it('takes one of twenty identical applications sent at once; the others answer 409 linking to it', async () => {
      const person = await makePerson(t.deps)
      const applicant = await t.clientAs(person.id)
      await applicant.get('/en/sign-in')
      const before = await mailsToLeader()
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => applicant.api('POST', '/api/v1/applications', join)),
      )
      // Requests that race past the first check all spend from the hourly budget: beyond it they
      // answer 429; the rest find the one that was inserted.
      assert.equal(answers.filter((r) => r.status === 201).length, 1)
      assert.ok(answers.every((r) => [201, 409, 429].includes(r.status)))
      assert.ok(answers.some((r) => r.status === 409))
      const created = await answers.find((r) => r.status === 201)!.json()
      for (const res of answers.filter((r) => r.status === 409)) {
        assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/)
        const problem = await res.json()
        assert.equal(problem.code, 'applicationOpen')
        assert.deepEqual(problem.application, {
          id: created.id,
          url: `http://hearth.test/api/v1/applications/${created.id}`,
        })
      }
      const repeat = await applicant.api('POST', '/api/v1/applications', join)
      assert.equal(repeat.status, 409, 'asked again later: the open one, not the budget, answers')
      const rows = await db.select().from(applications).where(eq(applications.applicantId, person.id))
      assert.equal(rows.length, 1)
      assert.equal(await mailsToLeader(), before + 1, 'the reviewers are told once')
    })

    it('holds in the database itself, whatever the service checks first', async () => {
      const person = await makePerson(t.deps)
      const row = { type: 'join-chapter', applicantId: person.id, answers: {}, subjectId: null }
      await insertApplication(db, { ...row, state: 'draft' })
      await assert.rejects(insertApplication(db, { ...row, state: 'submitted' }), (e) =>
        isUniqueViolation(e, 'applications_one_open_key'),
      )
      await insertApplication(db, { ...row, state: 'rejected' })
    })

    it('lets a person apply again once the open one is withdrawn, and the web form links to the open one', async () => {
      const person = await makePerson(t.deps)
      const browser = await t.clientAs(person.id)
      const form = { motivation: 'I went to every meetup', availability: 'Once a month' }
      const first = await browser.postForm('/zh/applications/new/join-chapter?subject=taizhou', form)
      assert.equal(first.status, 303)
      const firstId = /applications\/([0-9a-f-]{36})/.exec(first.headers.get('location') ?? '')![1]!
      const again = await browser.postForm('/zh/applications/new/join-chapter?subject=taizhou', {
        ...form,
        intent: 'draft',
      })
      assert.equal(again.status, 409)
      const page = await again.text()
      assert.match(page, /你已经有一份同类、同一对象的申请正在进行/)
      assert.match(page, new RegExp(`<a href="/zh/applications/${firstId}">继续那一份</a>`))
      const withdrawn = await browser.postForm(`/zh/applications/${firstId}/move`, { move: 'withdraw' })
      assert.equal(withdrawn.status, 303)
      assert.equal(
        (await browser.postForm('/en/applications/new/join-chapter?subject=taizhou', form)).status,
        303,
      )
    })

    it('lets one account start ten applications an hour, then answers 429 with Retry-After', async () => {
      const person = await makePerson(t.deps)
      const applicant = await t.clientAs(person.id)
      await applicant.get('/en/sign-in')
      for (let i = 0; i < 10; i++) {
        const res = await applicant.api('POST', '/api/v1/applications', { ...join, submit: false })
        assert.equal(res.status, 201, `application ${i + 1}`)
        const { id } = await res.json()
        assert.equal(
          (await applicant.api('POST', `/api/v1/applications/${id}/moves`, { move: 'withdraw' })).status,
          200,
        )
      }
      const eleventh = await applicant.api('POST', '/api/v1/applications', { ...join, submit: false })
      assert.equal(eleventh.status, 429)
      assert.ok(Number(eleventh.headers.get('retry-after')) > 0)
      assert.equal((await eleventh.json()).code, 'rateLimited')
    })
  })
}
