import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { and, eq, isNull } from 'drizzle-orm'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { createEvent } from '../../../test/support/events.ts'
import {
  applicationEvents,
  applications,
  eventSessions,
  httpOutbox,
  mailOutbox,
  proposalReviews,
  proposalSpeakers,
  proposals,
  sessionSpeakers,
  webhookSubscriptions,
} from '../../platform/db/schema.ts'
import { DomainError } from '../../platform/errors.ts'
import { issueFormOfType, moveApplication, startApplication } from '../applications/applications.service.ts'
import { applicationType } from '../applications/applications.types.ts'
import './programme.proposals.type.ts'
import {
  addReviewer,
  addTrack,
  answerAsSpeaker,
  answerBySecret,
  editProposal,
  myProposals,
  proposalsTable,
  queueDecision,
  remindUnconfirmedSpeakers,
  reviewProposal,
  saveCall,
  sendDecisions,
  submitProposal,
  withdrawProposal,
} from './programme.proposals.ts'

const DAY = 86_400_000
const NOW = new Date('2026-10-01T02:00:00Z')
const EVENT_STARTS = new Date('2026-12-05T01:00:00Z')

const refusal = (code: string) => (e: unknown) => e instanceof DomainError && e.code === code

const answers = (over: Record<string, string> = {}) => ({
  title: 'eBPF in production',
  abstract: 'What we learnt running eBPF on ten thousand nodes.',
  description: 'Outline: probes, maps, pitfalls.',
  level: 'intermediate',
  duration: '30',
  kind: 'talk',
  track: '',
  language: 'en',
  coSpeakers: '',
  notes: 'I gave a shorter version at a meetup.',
  ...over,
})

for (const backend of await testBackends()) {
  describe(`call for speakers and reviews [${backend}]`, async () => {
    const t = await makeTestApp(backend)
    t.setNow(NOW)
    const deps = t.deps
    const actor = (personId: string) => ({ personId, roles: [] })
    const organiser = await makePerson(deps, { nameEn: 'Olivia Organiser', email: 'olivia@hearth.test' })
    const speaker = await makePerson(deps, { nameEn: 'Sam Speaker', email: 'sam@hearth.test', locale: 'en' })
    const coSpeaker = await makePerson(deps, {
      nameZh: '陈晨',
      email: 'chen@hearth.test',
      githubLogin: 'chenchen',
      locale: 'zh',
    })
    const reviewerA = await makePerson(deps, { nameEn: 'Rita Reviewer', handle: `rita-${process.pid}` })
    const reviewerB = await makePerson(deps, { nameEn: 'Ravi Reviewer', handle: `ravi-${process.pid}` })
    const stranger = await makePerson(deps, { nameEn: 'Stan Stranger' })
    await deps.db.insert(webhookSubscriptions).values({ url: 'https://hooks.example/in', secret: 'whsec_x' })

    async function conferenceWithCall(over: { closesAt?: Date } = {}) {
      const event = await createEvent(deps, {
        startsAt: EVENT_STARTS,
        endsAt: new Date(EVENT_STARTS.getTime() + 2 * DAY),
        organisers: [organiser.id],
      })
      await saveCall(deps, actor(organiser.id), event.id, {
        opensAt: new Date(NOW.getTime() - DAY),
        closesAt: over.closesAt ?? new Date(NOW.getTime() + 10 * DAY),
        fields: ['description', 'level', 'kind', 'track', 'language', 'coSpeakers', 'notes'],
        durations: [30, 45],
        anonymousReviews: true,
        acceptTemplateZh: null,
        acceptTemplateEn: 'Dear {name}, “{title}” is in {event}. Answer here: {link}',
        rejectTemplateZh: null,
        rejectTemplateEn: null,
      })
      await addReviewer(deps, actor(organiser.id), event.id, { handle: reviewerA.handle, trackId: null })
      await addReviewer(deps, actor(organiser.id), event.id, { handle: reviewerB.handle, trackId: null })
      return event
    }
    const mailsTo = async (address: string) =>
      (await deps.db.select().from(mailOutbox).where(eq(mailOutbox.to, address))).length

    it('takes a proposal while the call is open, as an application of the engine with its history', async () => {
      const event = await conferenceWithCall()
      const proposal = await submitProposal(
        deps,
        actor(speaker.id),
        event.slug,
        answers({ coSpeakers: 'chenchen\nguest@example.org' }),
      )
      assert.equal(proposal.state, 'submitted')
      assert.equal(proposal.durationMinutes, 30)
      assert.equal(proposal.level, 'intermediate')
      const [application] = await deps.db
        .select()
        .from(applications)
        .where(eq(applications.id, proposal.applicationId))
      assert.equal(application!.type, 'talk-proposal')
      assert.equal(application!.subjectId, event.id)
      const speakers = await deps.db
        .select()
        .from(proposalSpeakers)
        .where(eq(proposalSpeakers.proposalId, proposal.id))
      assert.deepEqual(
        speakers.map((s) => [s.personId, s.email]).sort(),
        [
          [coSpeaker.id, null],
          [speaker.id, null],
          [null, 'guest@example.org'],
        ].sort(),
      )
      // A second proposal to the same event is welcome (several talks per speaker).
      const second = await submitProposal(
        deps,
        actor(speaker.id),
        event.slug,
        answers({ title: 'Another talk' }),
      )
      assert.notEqual(second.id, proposal.id)
      const [hook] = await deps.db.select().from(httpOutbox).where(eq(httpOutbox.event, 'proposal.submitted'))
      assert.ok(hook, 'a proposal.submitted delivery is queued with the proposal')
    })

    it('refuses a proposal after the call closes, and a length the call does not offer; nothing is kept', async () => {
      const event = await conferenceWithCall({ closesAt: new Date(NOW.getTime() + DAY) })
      t.setNow(new Date(NOW.getTime() + 2 * DAY))
      try {
        await assert.rejects(
          submitProposal(deps, actor(speaker.id), event.slug, answers()),
          refusal('callClosed'),
        )
      } finally {
        t.setNow(NOW)
      }
      await assert.rejects(submitProposal(deps, actor(speaker.id), event.slug, answers({ duration: '50' })))
      const rows = await deps.db.select().from(proposals).where(eq(proposals.eventId, event.id))
      assert.equal(rows.length, 0)
    })

    it('lets the speaker edit and withdraw until the call closes, then refuses and changes nothing', async () => {
      const event = await conferenceWithCall({ closesAt: new Date(NOW.getTime() + DAY) })
      const proposal = await submitProposal(deps, actor(speaker.id), event.slug, answers())
      await editProposal(
        deps,
        actor(speaker.id),
        proposal.id,
        answers({ title: 'eBPF, revised', duration: '45' }),
      )
      let [row] = await deps.db.select().from(proposals).where(eq(proposals.id, proposal.id))
      assert.equal(row!.title, 'eBPF, revised')
      assert.equal(row!.durationMinutes, 45)
      await assert.rejects(
        editProposal(deps, actor(stranger.id), proposal.id, answers()),
        refusal('notYourSession'),
      )
      t.setNow(new Date(NOW.getTime() + 2 * DAY))
      try {
        await assert.rejects(
          editProposal(deps, actor(speaker.id), proposal.id, answers({ title: 'Too late' })),
          refusal('callClosed'),
        )
        await assert.rejects(withdrawProposal(deps, actor(speaker.id), proposal.id), refusal('callClosed'))
      } finally {
        t.setNow(NOW)
      }
      ;[row] = await deps.db.select().from(proposals).where(eq(proposals.id, proposal.id))
      assert.equal(row!.title, 'eBPF, revised')
      assert.equal(row!.state, 'submitted')
      await withdrawProposal(deps, actor(speaker.id), proposal.id)
      ;[row] = await deps.db.select().from(proposals).where(eq(proposals.id, proposal.id))
      assert.equal(row!.state, 'withdrawn')
      const history = await deps.db
        .select()
        .from(applicationEvents)
        .where(eq(applicationEvents.applicationId, proposal.applicationId))
      assert.deepEqual(
        history.map((h) => h.kind),
        ['submit', 'edit', 'proposal_withdraw'],
      )
      const mine = await myProposals(deps, actor(speaker.id))
      assert.ok(mine.some((m) => m.proposal.id === proposal.id && !m.mayEdit && !m.mayWithdraw))
    })

    it('takes reviews only from reviewers, never of their own proposal; a second review replaces the first', async () => {
      const event = await conferenceWithCall()
      const proposal = await submitProposal(deps, actor(speaker.id), event.slug, answers())
      await assert.rejects(
        reviewProposal(deps, actor(stranger.id), proposal.id, { score: 5 }),
        refusal('notReviewer'),
      )
      const own = await submitProposal(deps, actor(reviewerA.id), event.slug, answers({ title: 'My own' }))
      await assert.rejects(
        reviewProposal(deps, actor(reviewerA.id), own.id, { score: 5 }),
        refusal('ownProposal'),
      )
      await reviewProposal(deps, actor(reviewerA.id), proposal.id, { score: 2, comment: 'Thin' })
      await reviewProposal(deps, actor(reviewerA.id), proposal.id, { score: 4, comment: 'Better on reread' })
      await reviewProposal(deps, actor(reviewerB.id), proposal.id, { score: 5, comment: '' })
      const all = await deps.db
        .select()
        .from(proposalReviews)
        .where(eq(proposalReviews.proposalId, proposal.id))
      assert.equal(all.length, 3)
      const current = all.filter((r) => r.replacedAt === null)
      assert.deepEqual(current.map((r) => r.score).sort(), [4, 5])
      const table = await proposalsTable(deps, actor(organiser.id), event.id, {
        sort: 'score',
        dir: 'desc',
        state: null,
        track: null,
        level: null,
        q: '',
      })
      const row = table.rows.find((r) => r.proposal.id === proposal.id)!
      assert.deepEqual([row.summary.count, row.summary.median, row.summary.mean], [2, 4.5, 4.5])
      assert.equal(row.proposal.state, 'in_review')
      assert.equal(table.rows[0]!.proposal.id, proposal.id)
      const filtered = await proposalsTable(deps, actor(organiser.id), event.id, {
        sort: 'title',
        dir: 'asc',
        state: 'submitted',
        track: null,
        level: null,
        q: '',
      })
      assert.deepEqual(
        filtered.rows.map((r) => r.proposal.title),
        ['My own'],
      )
      await assert.rejects(
        proposalsTable(deps, actor(reviewerA.id), event.id, {
          sort: 'score',
          dir: 'desc',
          state: null,
          track: null,
          level: null,
          q: '',
        }),
        refusal('forbidden'),
      )
      await assert.rejects(reviewProposal(deps, actor(reviewerB.id), proposal.id, { score: 9 }))
      const after = await deps.db
        .select()
        .from(proposalReviews)
        .where(eq(proposalReviews.proposalId, proposal.id))
      assert.equal(after.length, 3)
    })

    it('sends queued decisions together, each mail once however often it is sent, and makes the accepted session', async () => {
      const event = await conferenceWithCall()
      const track = await addTrack(deps, actor(organiser.id), event.id, {
        nameZh: '可观测性',
        nameEn: 'Observability',
      })
      const accepted = await submitProposal(
        deps,
        actor(speaker.id),
        event.slug,
        answers({ coSpeakers: 'chen@hearth.test', track: 'Observability' }),
      )
      const rejected = await submitProposal(
        deps,
        actor(stranger.id),
        event.slug,
        answers({ title: 'Not this time' }),
      )
      await queueDecision(deps, actor(organiser.id), accepted.id, 'accept')
      await queueDecision(deps, actor(organiser.id), rejected.id, 'reject')
      await assert.rejects(
        queueDecision(deps, actor(speaker.id), accepted.id, 'accept'),
        refusal('forbidden'),
      )
      const before = { sam: await mailsTo('sam@hearth.test'), chen: await mailsTo('chen@hearth.test') }
      const [first, second] = await Promise.all([
        sendDecisions(deps, actor(organiser.id), event.id),
        sendDecisions(deps, actor(organiser.id), event.id),
      ])
      assert.equal(first + second, 2)
      assert.equal(await sendDecisions(deps, actor(organiser.id), event.id), 0)
      assert.equal(await mailsTo('sam@hearth.test'), before.sam + 1)
      assert.equal(await mailsTo('chen@hearth.test'), before.chen + 1)
      const mail = await t.lastMailTo('sam@hearth.test')
      assert.match(mail!.text, /Dear Sam Speaker, “eBPF in production” is in Test event/)
      const [session] = await deps.db
        .select()
        .from(eventSessions)
        .where(eq(eventSessions.proposalId, accepted.id))
      assert.equal(session!.trackId, track.id)
      assert.equal(session!.level, 'intermediate')
      assert.equal(session!.durationMinutes, 30)
      assert.equal(session!.titleEn, 'eBPF in production')
      const onStage = await deps.db
        .select()
        .from(sessionSpeakers)
        .where(eq(sessionSpeakers.sessionId, session!.id))
      assert.deepEqual(onStage.map((s) => s.personId).sort(), [coSpeaker.id, speaker.id].sort())
      const [rej] = await deps.db.select().from(proposals).where(eq(proposals.id, rejected.id))
      assert.equal(rej!.state, 'rejected')
      const [hook] = await deps.db.select().from(httpOutbox).where(eq(httpOutbox.event, 'proposal.accepted'))
      assert.equal(JSON.parse(hook!.body).data.id, accepted.id)

      // Each speaker confirms on their own; someone else's link is refused.
      const speakers = await deps.db
        .select()
        .from(proposalSpeakers)
        .where(eq(proposalSpeakers.proposalId, accepted.id))
      const samRow = speakers.find((s) => s.personId === speaker.id)!
      await assert.rejects(
        answerBySecret(deps, actor(stranger.id), samRow.secret, 'confirm'),
        refusal('notYourSession'),
      )
      await assert.rejects(
        answerAsSpeaker(deps, actor(stranger.id), accepted.id, 'confirm'),
        refusal('notYourSession'),
      )
      await answerBySecret(deps, null, samRow.secret, 'confirm')
      let [row] = await deps.db.select().from(proposals).where(eq(proposals.id, accepted.id))
      assert.equal(row!.state, 'accepted')
      await assert.rejects(answerBySecret(deps, null, samRow.secret, 'confirm'))
      await answerAsSpeaker(deps, actor(coSpeaker.id), accepted.id, 'confirm')
      ;[row] = await deps.db.select().from(proposals).where(eq(proposals.id, accepted.id))
      assert.equal(row!.state, 'confirmed')

      // A co-speaker named by a GitHub login nobody here had yet: once they sign in with it, the
      // proposal is theirs to confirm on the site.
      const later = await submitProposal(
        deps,
        actor(speaker.id),
        event.slug,
        answers({ title: 'Pair talk', coSpeakers: 'newcomer-gh' }),
      )
      await queueDecision(deps, actor(organiser.id), later.id, 'accept')
      await sendDecisions(deps, actor(organiser.id), event.id)
      const newcomer = await makePerson(deps, { nameEn: 'New Comer', githubLogin: 'Newcomer-GH' })
      const theirs = await myProposals(deps, actor(newcomer.id))
      assert.deepEqual(
        theirs.map((m) => [m.proposal.title, m.mayConfirm]),
        [['Pair talk', true]],
      )
      await answerAsSpeaker(deps, actor(newcomer.id), later.id, 'confirm')
    })

    it('reminds an accepted speaker who has not answered, once', async () => {
      const event = await conferenceWithCall()
      const proposal = await submitProposal(
        deps,
        actor(coSpeaker.id),
        event.slug,
        answers({ title: 'Waiting talk' }),
      )
      await queueDecision(deps, actor(organiser.id), proposal.id, 'accept')
      await sendDecisions(deps, actor(organiser.id), event.id)
      const before = await mailsTo('chen@hearth.test')
      t.setNow(new Date(NOW.getTime() + 4 * DAY))
      try {
        assert.ok((await remindUnconfirmedSpeakers(deps)) >= 1)
        await remindUnconfirmedSpeakers(deps)
      } finally {
        t.setNow(NOW)
      }
      assert.equal(await mailsTo('chen@hearth.test'), before + 1)
      const waiting = await deps.db
        .select()
        .from(proposalSpeakers)
        .where(and(eq(proposalSpeakers.proposalId, proposal.id), isNull(proposalSpeakers.remindedAt)))
      assert.equal(waiting.length, 0)
    })

    it('offers the engine’s GitHub issue form “propose a talk” listing open calls, and takes a proposal from an issue', async () => {
      // The issue form lists the calls open by the real clock (it is generated outside any request).
      t.setNow(null)
      const real = Date.now()
      const event = await createEvent(deps, {
        startsAt: new Date(real + 30 * DAY),
        endsAt: new Date(real + 31 * DAY),
        organisers: [organiser.id],
      })
      await saveCall(deps, actor(organiser.id), event.id, {
        opensAt: new Date(real - DAY),
        closesAt: new Date(real + 10 * DAY),
        fields: ['description', 'level', 'kind', 'track', 'language', 'coSpeakers', 'notes'],
        durations: [30, 45],
        anonymousReviews: false,
        acceptTemplateZh: null,
        acceptTemplateEn: null,
        rejectTemplateZh: null,
        rejectTemplateEn: null,
      })
      const type = applicationType('talk-proposal')!
      const made = await issueFormOfType(deps.db, type, 'en')
      assert.ok(made, 'an issue form while a call is open')
      const yaml = JSON.stringify(made.form)
      assert.match(yaml, /Propose a talk/)
      assert.match(yaml, new RegExp(event.titleEn!))
      assert.equal(made.subjectNamed(event.titleEn!), event.slug)
      const application = await startApplication(deps, actor(speaker.id), {
        type: 'talk-proposal',
        answers: answers({ title: 'From an issue', duration: '30' }),
        subjectName: event.slug,
        submit: true,
        github: { repo: 'community/cfp', issue: 42 },
      })
      const [row] = await deps.db.select().from(proposals).where(eq(proposals.applicationId, application.id))
      assert.equal(row!.title, 'From an issue')
      // The engine's own withdraw would leave the programme's row behind: it is refused.
      await assert.rejects(
        moveApplication(deps, actor(speaker.id), application.id, 'withdraw'),
        refusal('notAllowedNow'),
      )
      t.setNow(NOW)
    })

    it('refuses a call that closes after the event starts', async () => {
      const event = await createEvent(deps, { startsAt: EVENT_STARTS, organisers: [organiser.id] })
      await assert.rejects(
        saveCall(deps, actor(organiser.id), event.id, {
          opensAt: NOW,
          closesAt: new Date(EVENT_STARTS.getTime() + DAY),
          fields: [],
          durations: [30],
          anonymousReviews: false,
          acceptTemplateZh: null,
          acceptTemplateEn: null,
          rejectTemplateZh: null,
          rejectTemplateEn: null,
        }),
      )
    })
  })
}
