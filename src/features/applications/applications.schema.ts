import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { at, createdAt, id } from '../../platform/db/columns.ts'
import { people } from '../people/people.schema.ts'

/**
 * One application of any type (a new city chapter, joining a chapter, a podcast guest, …). The
 * answers are the type's form, as submitted; `subjectId` is what it is about (the chapter to join),
 * when there is one. An application opened from a GitHub issue keeps the issue it came from.
 */
export const applications = pgTable(
  'applications',
  {
    id: id(),
    type: text('type').notNull(),
    applicantId: uuid('applicant_id')
      .notNull()
      .references(() => people.id),
    state: text('state').notNull(),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    subjectId: uuid('subject_id'),
    createdAt: createdAt(),
    submittedAt: at('submitted_at'),
    decidedAt: at('decided_at'),
    remindedAt: at('reminded_at'),
    githubRepo: text('github_repo'),
    githubIssue: integer('github_issue'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('applications_queue_idx').on(t.type, t.state, t.submittedAt),
    index('applications_applicant_idx').on(t.applicantId, t.createdAt),
    uniqueIndex('applications_issue_key')
      .on(sql`lower(${t.githubRepo})`, t.githubIssue)
      .where(sql`${t.githubIssue} is not null`),
    // One open application per applicant, type and subject, however many requests race: a second
    // would split the answers and tell the reviewers twice. Every state an applicant can still act
    // on counts (a draft too: it is continued, not started again); an application with no subject
    // counts as one subject. Talk proposals are the exception: a speaker proposes several talks to
    // one event (their type declares `manyOpen`).
    uniqueIndex('applications_one_open_key')
      .on(t.applicantId, t.type, sql`coalesce(${t.subjectId}, '00000000-0000-0000-0000-000000000000'::uuid)`)
      .where(sql`${t.state} in ('draft', 'submitted', 'info_requested') and ${t.type} <> 'talk-proposal'`),
  ],
)

/**
 * Everything that happened to an application, never changed afterwards: each move (with the
 * state before and after), each vote and comment, with who and when. The history is the record;
 * `applications.state` is its latest word.
 */
export const applicationEvents = pgTable(
  'application_events',
  {
    id: id(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    at: at('at').notNull().defaultNow(),
    /** Null for what Hearth does by itself (a decision the votes reached). */
    actorId: uuid('actor_id').references(() => people.id),
    kind: text('kind').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    vote: text('vote'),
    /** The review groups the voter belonged to when voting (the quorum counts these). */
    groups: jsonb('groups').$type<string[]>(),
    comment: text('comment'),
    /**
     * The answers as given with this event (a draft, a submission, an answer, an edit of the
     * issue), so every version stays readable, including edits that were refused.
     */
    answers: jsonb('answers').$type<Record<string, unknown>>(),
    /**
     * What the reviewer was shown when they decided against it (an `override`: the activity
     * verdicts of the people who had to be recently active), kept as they saw it.
     */
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [index('application_events_application_idx').on(t.applicationId, t.at)],
)

/**
 * People an application names who must say yes themselves (the vice-leader and first members a
 * founder proposes). Each is asked when the application is submitted and answers on their own
 * applications page: `pending`, then `accepted` or `declined`; `withdrawn` when the applicant no
 * longer names them. What accepting leads to is the type's (`onInvitationAccepted`).
 */
export const applicationInvitations = pgTable(
  'application_invitations',
  {
    id: id(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** What the person is asked to be (a type's word: `vice_leader`, `member`). */
    role: text('role').notNull(),
    state: text('state').notNull(),
    createdAt: createdAt(),
    answeredAt: at('answered_at'),
  },
  (t) => [
    uniqueIndex('application_invitations_person_key').on(t.applicationId, t.personId),
    index('application_invitations_person_idx').on(t.personId, t.createdAt),
  ],
)
