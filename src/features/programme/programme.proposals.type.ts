// A talk proposal is an application of the engine: the type `talk-proposal`, whose subject is the
// event (named by its slug; the GitHub issue form lists the events whose call is open). The engine
// keeps the answers, their versions and the history, and takes proposals from GitHub issues; the
// programme keeps its own row per proposal (programme.proposals.ts) with the pretalx state, which
// its reviews and the organisers' decisions move. The engine's reviewers are nobody: decisions are
// the programme's (reviews, then queued decisions), so no engine vote ever approves a proposal.
import { textIn } from '../../platform/views/localized.tsx'
import { registerApplicationType } from '../applications/applications.types.ts'
import { type TalkProposalAnswers, talkProposalForm } from './programme.proposals.inputs.ts'
import * as repo from './programme.proposals.repo.ts'
import { recordProposal, TALK_PROPOSAL } from './programme.proposals.ts'
import { callIsOpen } from './programme.states.rules.ts'

registerApplicationType<TalkProposalAnswers>({
  key: TALK_PROPOSAL,
  form: talkProposalForm,
  fields: [
    { id: 'title', control: 'text', required: true },
    { id: 'abstract', control: 'textarea', required: true },
    { id: 'description', control: 'textarea', required: false },
    { id: 'level', control: 'text', required: false },
    { id: 'duration', control: 'number', required: true },
    { id: 'kind', control: 'text', required: false },
    { id: 'track', control: 'text', required: false },
    { id: 'language', control: 'text', required: false },
    { id: 'coSpeakers', control: 'textarea', required: false },
    { id: 'notes', control: 'textarea', required: false },
  ],
  manyOpen: true,
  actsElsewhere: true,
  subjectFrom: async (db, slug) => (await repo.selectEventBySlug(db, slug))?.id ?? null,
  subjectOptions: async (db, locale) =>
    (await repo.selectOpenCalls(db, new Date())).map(({ event }) => ({
      label: textIn(locale, event.titleZh, event.titleEn) || event.slug,
      name: event.slug,
    })),
  subjectLabel: async (db, application, locale) => {
    const event = application.subjectId ? await repo.selectEventById(db, application.subjectId) : null
    return event ? textIn(locale, event.titleZh, event.titleEn) || event.slug : null
  },
  summary: (answers) => (typeof answers.title === 'string' ? answers.title.slice(0, 80) : null),
  eligibility: async (db, _applicant, _answers, now, subjectId) => {
    const call = subjectId ? await repo.selectCall(db, subjectId) : null
    return [call && callIsOpen(call, now) ? { ok: true } : { ok: false, reason: 'callClosed' }]
  },
  deciders: async () => [],
  // Never reached (nobody decides through the engine): the programme's decisions approve.
  quorum: { approve: [{ group: 'organisers', atLeast: 1 }], reject: [{ group: 'organisers', atLeast: 1 }] },
  onSubmitted: async (tx, application, deps) => {
    await recordProposal(tx, application, deps)
  },
  async onApprove() {},
})
