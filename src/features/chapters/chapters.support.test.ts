import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { makePerson } from '../../../test/support/app.ts'
import { chapterWithTeam } from '../../../test/support/chapters.ts'
import { testBackends } from '../../../test/support/db.ts'
import { mailOutbox } from '../../platform/mail/mail.schema.ts'
import { people } from '../people/people.schema.ts'
import { supportKinds } from './chapters.rules.ts'
import { askForSupport, moveSupportRequest, supportRequestsOf } from './chapters.service.ts'

const START = new Date('2026-03-02T09:00:00Z')

// The community's three kinds of support (活动支持, 培训, 其他支持): training and "other reasonable
// needs" are asked for, handled and answered like help with an event.
for (const backend of await testBackends()) {
  describe(`training and other support [${backend}]`, async () => {
    const { t, deps, leader, sig, actorOf } = await chapterWithTeam(backend, START, {
      slug: 'wuhan',
      cityZh: '武汉',
      cityEn: 'Wuhan',
    })
    const sigMember = (await makePerson(deps, { email: 'member@sig.test', locale: 'zh' })).id
    await t.grant(sigMember, 'sig_member', sig.id)
    await deps.db
      .update(people)
      .set({ email: 'leader@wuhan.test', locale: 'en' })
      .where(eq(people.id, leader))
    const mailTo = async (to: string) =>
      (await deps.db.select().from(mailOutbox).where(eq(mailOutbox.to, to))).map((m) => m.subject)

    it('offers every kind on the form, training and other reasonable needs included, in both languages', async () => {
      assert.deepEqual([...supportKinds].slice(-2), ['training', 'other'])
      const asLeader = await t.clientAs(leader)
      const zh = await (await asLeader.get('/zh/console/chapters/wuhan')).text()
      assert.match(zh, /<option value="training">培训<\/option>/)
      assert.match(zh, /<option value="other">其他合理需求<\/option>/)
      const en = await (await asLeader.get('/en/console/chapters/wuhan')).text()
      assert.match(en, /<option value="other">Other support, within reason<\/option>/)
      assert.match(en, /aria-describedby="field-kind-hint"/)
    })

    it('takes a request of kind "other" from the page and tells the SIG in its language', async () => {
      const asLeader = await t.clientAs(leader)
      const res = await asLeader.postForm('/en/console/chapters/wuhan/support', {
        kind: 'other',
        details: 'A budget line for live captioning at the spring meetup',
      })
      assert.equal(res.status, 303)
      assert.ok((await mailTo('member@sig.test')).includes('武汉站请求支持：其他合理需求'))
      const queue = await (await t.clientAs(sigMember)).get('/zh/console/support')
      const page = await queue.text()
      assert.match(page, /其他合理需求/)
      assert.match(page, /live captioning/)
    })

    it('takes a training request through the service, and the SIG carries it to done with the leader told', async () => {
      const request = await askForSupport(deps, await actorOf(leader), 'wuhan', {
        kind: 'training',
        details: 'How to run a hybrid meetup, for the three of us',
        neededBy: null,
      })
      assert.equal(request.kind, 'training')
      const sigActor = await actorOf(sigMember)
      await moveSupportRequest(deps, sigActor, request.id, { to: 'in_progress', comment: null })
      await moveSupportRequest(deps, sigActor, request.id, {
        to: 'done',
        comment: 'Session held on 12 March',
      })
      const [row] = (await supportRequestsOf(deps, await actorOf(leader), { slug: 'wuhan' })).filter(
        (r) => r.request.id === request.id,
      )
      assert.deepEqual(
        row!.history.map((e) => e.toStatus),
        ['open', 'in_progress', 'done'],
      )
      assert.ok((await mailTo('leader@wuhan.test')).includes('Support request done: Training'))
    })

    it('lets the SIG decline an "other" request that is beyond reason, and the leader hears why', async () => {
      const [open] = (await supportRequestsOf(deps, await actorOf(sigMember), { open: true })).filter(
        (r) => r.request.kind === 'other',
      )
      const decline = await (await t.clientAs(sigMember)).postForm(
        `/zh/console/support/${open!.request.id}`,
        {
          to: 'declined',
          comment: 'Outside what the community funds',
        },
      )
      assert.equal(decline.status, 303)
      assert.ok(
        (await mailTo('leader@wuhan.test')).includes(
          'Support request declined: Other support, within reason',
        ),
      )
    })
  })
}
