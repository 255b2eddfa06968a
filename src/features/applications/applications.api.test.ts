import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { foundChapter } from '../chapters/index.ts'
import { ensureFoundingSig } from '../people/people.demo.ts'

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
      const voted = await lead.api('POST', `/api/v1/applications/${application.id}/votes`, {
        vote: 'approve',
      })
      assert.deepEqual(await voted.json(), { state: 'approved' })
      const seen = await (await applicant.api('GET', `/api/v1/applications/${application.id}`)).json()
      assert.deepEqual(
        seen.events.map((e: { kind: string }) => e.kind),
        ['submit', 'vote', 'approved'],
      )
      const mine = await (await applicant.api('GET', '/api/v1/applications')).json()
      assert.ok(mine.some((a: { id: string }) => a.id === application.id))
      assert.equal((await t.client().api('GET', '/api/v1/applications')).status, 401)
      const doc = await (await t.client().get('/api/v1/openapi.json')).json()
      assert.ok(doc.paths['/applications/{id}/votes'] && doc.paths['/chapters/{slug}'])
    })
  })
}
