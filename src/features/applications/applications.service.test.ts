import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { and, eq, inArray } from 'drizzle-orm'
import { z } from 'zod'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { people, roleGrants } from '../../platform/db/schema.ts'
import { InvalidInput } from '../../platform/errors.ts'
import type { Actor } from '../access/index.ts'
import {
  applicationWithHistory,
  moveApplication,
  NotEligible,
  remindReviewers,
  startApplication,
  voteOnApplication,
} from './applications.service.ts'
import { registerApplicationType } from './applications.types.ts'

// A type made for this test: "become a contributor", reviewed by SIG leads and members.
registerApplicationType({
  key: 'test-contributor',
  form: z.object({ reason: z.string().trim().min(10, 'tooShort') }),
  fields: [{ id: 'reason', control: 'textarea', required: true }],
  eligibility: async (_db, _applicant, answers) => [
    answers.reason.includes('spam') ? { ok: false, reason: 'looksLikeSpam' } : { ok: true },
  ],
  deciders: async (db) =>
    (
      await db
        .select({ personId: roleGrants.personId, role: roleGrants.role })
        .from(roleGrants)
        .where(inArray(roleGrants.role, ['sig_lead', 'sig_member']))
    ).map((r) => ({ personId: r.personId, groups: [r.role] })),
  quorum: {
    approve: [
      { group: 'sig_lead', atLeast: 1 },
      { group: 'sig_member', atLeast: 2 },
    ],
    reject: [{ group: 'sig_lead', atLeast: 1 }],
  },
  onApprove: async (tx, application) => {
    await tx.insert(roleGrants).values({ personId: application.applicantId, role: 'contributor' })
  },
})

// A second type, reviewed by one person only, so the reminder test reads its own mail.
registerApplicationType({
  key: 'test-ambassador',
  form: z.object({ reason: z.string().trim().min(10, 'tooShort') }),
  fields: [{ id: 'reason', control: 'textarea', required: true }],
  eligibility: async () => [],
  deciders: async (db) =>
    (
      await db.select({ id: people.id }).from(people).where(eq(people.email, 'waiting-reviewer@hearth.test'))
    ).map((p) => ({ personId: p.id, groups: ['ambassadors'] })),
  quorum: { approve: [{ group: 'ambassadors', atLeast: 1 }], reject: [] },
  onApprove: async () => {},
})

for (const backend of await testBackends()) {
  describe(`applications engine [${backend}]`, async () => {
    const t = await makeTestApp(backend)
    const database = t.database
    const deps = t.deps
    const actorFor = async (...roles: string[]): Promise<NonNullable<Actor>> => {
      const person = await makePerson(deps)
      // The test types read who decides from the grants, as real types do.
      for (const role of roles) await database.db.insert(roleGrants).values({ personId: person.id, role })
      return { personId: person.id, roles: roles.map((role) => ({ role, sigId: null })) }
    }
    const lead = await actorFor('sig_lead')
    const members = await Promise.all(Array.from({ length: 8 }, () => actorFor('sig_member')))
    const outsider = await actorFor()
    const grantsOf = async (personId: string) =>
      (
        await database.db
          .select()
          .from(roleGrants)
          .where(and(eq(roleGrants.personId, personId), eq(roleGrants.role, 'contributor')))
      ).length

    it('keeps a draft as typed, and checks the form and the conditions when it is submitted', async () => {
      const applicant = await actorFor()
      const draft = await startApplication(deps, applicant, {
        type: 'test-contributor',
        answers: { reason: 'short' },
        submit: false,
      })
      assert.equal(draft.state, 'draft')
      assert.deepEqual(draft.answers, { reason: 'short' })
      await assert.rejects(moveApplication(deps, applicant, draft.id, 'submit'), InvalidInput)
      await assert.rejects(
        moveApplication(deps, applicant, draft.id, 'submit', { answers: { reason: 'buy cheap spam today' } }),
        (e: unknown) => e instanceof NotEligible && e.failed[0]?.reason === 'looksLikeSpam',
      )
      const submitted = await moveApplication(deps, applicant, draft.id, 'submit', {
        answers: { reason: 'I review pull requests every week' },
      })
      assert.equal(submitted.state, 'submitted')
      await assert.rejects(moveApplication(deps, outsider, draft.id, 'withdraw'), { code: 'forbidden' })
    })

    it('lets reviewers ask for more, the applicant answer, and keeps the whole history', async () => {
      const applicant = await actorFor()
      const app = await startApplication(deps, applicant, {
        type: 'test-contributor',
        answers: { reason: 'I translate the documentation' },
        submit: true,
      })
      await assert.rejects(moveApplication(deps, applicant, app.id, 'request_info'), { code: 'forbidden' })
      await moveApplication(deps, members[0]!, app.id, 'request_info', { comment: 'Which pages?' })
      await moveApplication(deps, applicant, app.id, 'answer', {
        answers: { reason: 'I translate the documentation: the install guide' },
        comment: 'The install guide',
      })
      await assert.rejects(voteOnApplication(deps, outsider, app.id, 'approve'), { code: 'forbidden' })
      const { application, events } = await applicationWithHistory(deps, applicant, app.id)
      assert.equal(application.state, 'submitted')
      assert.deepEqual(
        events.map((e) => [e.kind, e.fromState, e.toState, e.comment]),
        [
          ['submit', null, 'submitted', null],
          ['request_info', 'submitted', 'info_requested', 'Which pages?'],
          ['answer', 'info_requested', 'submitted', 'The install guide'],
        ],
      )
      await assert.rejects(applicationWithHistory(deps, outsider, app.id), { code: 'forbidden' })
    })

    it('decides by the quorum: approval runs its consequence once, even when reviewers vote at once', async () => {
      const applicant = await actorFor()
      const app = await startApplication(deps, applicant, {
        type: 'test-contributor',
        answers: { reason: 'I organise the Hangzhou meetups' },
        submit: true,
      })
      const first = await voteOnApplication(deps, members[0]!, app.id, 'approve')
      assert.equal(first.decision.outcome, 'pending')
      // The lead and seven members at once: whichever vote completes the quorum decides.
      const all = await Promise.allSettled([
        voteOnApplication(deps, lead, app.id, 'approve'),
        ...members.slice(1).map((m) => voteOnApplication(deps, m, app.id, 'approve', 'Yes')),
      ])
      const decided = all.filter((r) => r.status === 'fulfilled' && r.value.state === 'approved').length
      const late = all.filter((r) => r.status === 'rejected').map((r) => (r.reason as { code: string }).code)
      assert.equal(decided, 1, 'exactly one vote decided')
      assert.ok(
        late.every((code) => code === 'notAllowedNow'),
        'votes after the decision are refused',
      )
      assert.equal(await grantsOf(applicant.personId), 1, 'the consequence happened once')
      const { events } = await applicationWithHistory(deps, lead, app.id)
      assert.equal(events.filter((e) => e.kind === 'approved').length, 1)
      await assert.rejects(moveApplication(deps, applicant, app.id, 'withdraw'), { code: 'notAllowedNow' })
    })

    it('reminds the reviewers when an application has waited 30 days, then every 30 days it keeps waiting', async () => {
      const start = new Date('2030-01-01T08:00:00Z')
      const day = (n: number) => new Date(start.getTime() + n * 86_400_000)
      t.setNow(start)
      const reviewer = await makePerson(deps, { email: 'waiting-reviewer@hearth.test', locale: 'en' })
      const app = await startApplication(deps, await actorFor(), {
        type: 'test-ambassador',
        answers: { reason: 'I give talks at universities' },
        submit: true,
      })
      const remindedAt = async (n: number) => {
        t.setNow(day(n))
        await remindReviewers(deps)
        return (await applicationWithHistory(deps, { personId: reviewer.id, roles: [] }, app.id)).application
          .remindedAt
      }
      const lastSubject = async () => (await t.lastMailTo('waiting-reviewer@hearth.test'))?.subject
      try {
        assert.equal(await remindedAt(29), null)
        assert.deepEqual(await remindedAt(30), day(30))
        assert.equal(await lastSubject(), 'Waiting 30 days for review: test-ambassador')
        assert.deepEqual(await remindedAt(45), day(30), 'not again within the period')
        assert.deepEqual(await remindedAt(60), day(60))
        assert.equal(await lastSubject(), 'Waiting 60 days for review: test-ambassador')
      } finally {
        t.setNow(null)
      }
    })

    it("rejects on a SIG lead's rejection; an applicant cannot review their own application", async () => {
      const applicant = await actorFor('sig_member')
      const app = await startApplication(deps, applicant, {
        type: 'test-contributor',
        answers: { reason: 'I want to help with the website' },
        submit: true,
      })
      await assert.rejects(voteOnApplication(deps, applicant, app.id, 'approve'), { code: 'forbidden' })
      await voteOnApplication(deps, members[1]!, app.id, 'approve')
      const rejected = await voteOnApplication(deps, lead, app.id, 'reject', 'Not yet')
      assert.equal(rejected.state, 'rejected')
      assert.equal(await grantsOf(applicant.personId), 0)
    })
  })
}
