import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { at, createdAt, id } from '../../platform/db/columns.ts'
import { applications } from '../applications/applications.schema.ts'
import { sessionKind, sessionLevel } from '../events/events.enums.ts'
import { events } from '../events/events.schema.ts'
import { people } from '../people/people.schema.ts'

/** The optional questions a call may ask; title, abstract and duration are always asked. */
export const optionalProposalFields = [
  'description',
  'level',
  'kind',
  'track',
  'language',
  'coSpeakers',
  'notes',
] as const
export type OptionalProposalField = (typeof optionalProposalFields)[number]

/**
 * An event's call for speakers: the window in which anyone signed in proposes a talk (it closes
 * before the event starts; the service checks that against the event), which optional questions
 * its form asks, whether reviewers see who proposed, and the decision mails' templates in both
 * languages (null: the default text of the dictionaries).
 */
export const speakerCalls = pgTable(
  'speaker_calls',
  {
    eventId: uuid('event_id')
      .primaryKey()
      .references(() => events.id, { onDelete: 'cascade' }),
    opensAt: at('opens_at').notNull(),
    closesAt: at('closes_at').notNull(),
    fields: jsonb('fields')
      .$type<OptionalProposalField[]>()
      .notNull()
      .default([...optionalProposalFields]),
    /** The session lengths a speaker may pick, in minutes. */
    durations: jsonb('durations').$type<number[]>().notNull().default([30, 45]),
    anonymousReviews: boolean('anonymous_reviews').notNull().default(false),
    acceptTemplateZh: text('accept_template_zh'),
    acceptTemplateEn: text('accept_template_en'),
    rejectTemplateZh: text('reject_template_zh'),
    rejectTemplateEn: text('reject_template_en'),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [check('speaker_calls_window_check', sql`${t.closesAt} > ${t.opensAt}`)],
)

/** A track of an event (cloud native, AI, …), named in both languages. */
export const eventTracks = pgTable(
  'event_tracks',
  {
    id: id(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    nameZh: text('name_zh'),
    nameEn: text('name_en'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    index('event_tracks_event_idx').on(t.eventId, t.position),
    check('event_tracks_name_check', sql`${t.nameZh} is not null or ${t.nameEn} is not null`),
  ],
)

/**
 * A talk proposed to an event's call. It IS an application of the engine (type `talk-proposal`,
 * subject the event): the application keeps the answers as given, every version of them and the
 * history of moves, and its GitHub issue when it came from one. This row keeps what the programme
 * sorts, filters and decides on, and its pretalx state (programme.states.rules.ts). Written in one
 * language (`language`), as the speaker wrote it; the session it becomes is the `event_sessions`
 * row whose `proposal_id` is this one.
 */
export const proposals = pgTable(
  'proposals',
  {
    id: id(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    speakerId: uuid('speaker_id')
      .notNull()
      .references(() => people.id),
    title: text('title').notNull(),
    abstract: text('abstract').notNull(),
    description: text('description'),
    level: sessionLevel('level'),
    durationMinutes: integer('duration_minutes').notNull(),
    kind: sessionKind('kind').notNull().default('talk'),
    trackId: uuid('track_id').references(() => eventTracks.id, { onDelete: 'set null' }),
    /** BCP 47 language of the talk (zh, en). */
    language: text('language'),
    notes: text('notes'),
    state: text('state').notNull().default('submitted'),
    submittedAt: at('submitted_at').notNull().defaultNow(),
    decidedAt: at('decided_at'),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('proposals_application_key').on(t.applicationId),
    index('proposals_event_idx').on(t.eventId, t.state, t.submittedAt),
    index('proposals_speaker_idx').on(t.speakerId, t.submittedAt),
    check('proposals_duration_check', sql`${t.durationMinutes} > 0 and ${t.durationMinutes} <= 1440`),
    check(
      'proposals_state_check',
      sql`${t.state} in ('submitted', 'in_review', 'accepted', 'rejected', 'confirmed', 'withdrawn', 'cancelled')`,
    ),
  ],
)

/**
 * The speakers of a proposal: the proposer (position 0) and the co-speakers they named by e-mail
 * or GitHub login, each confirming an accepted proposal on their own through the secret link of
 * their mail. `personId` is filled once the named person is known in Hearth.
 */
export const proposalSpeakers = pgTable(
  'proposal_speakers',
  {
    id: id(),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').references(() => people.id),
    email: text('email'),
    githubLogin: text('github_login'),
    position: integer('position').notNull().default(0),
    /** The secret of this speaker's confirm/decline link (sent by mail only). */
    secret: text('secret').notNull(),
    confirmedAt: at('confirmed_at'),
    declinedAt: at('declined_at'),
    /** The unconfirmed-speaker reminder went out (the job marks it, so it goes once). */
    remindedAt: at('reminded_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('proposal_speakers_proposal_idx').on(t.proposalId, t.position),
    index('proposal_speakers_person_idx').on(t.personId),
    uniqueIndex('proposal_speakers_secret_key').on(t.secret),
    check(
      'proposal_speakers_who_check',
      sql`${t.personId} is not null or ${t.email} is not null or ${t.githubLogin} is not null`,
    ),
  ],
)

/**
 * A reviewer's score of a proposal with a comment. A second review by the same reviewer replaces
 * the first, which stays with `replacedAt` set: one review in force per reviewer and proposal.
 */
export const proposalReviews = pgTable(
  'proposal_reviews',
  {
    id: id(),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => people.id),
    score: integer('score').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: createdAt(),
    replacedAt: at('replaced_at'),
  },
  (t) => [
    index('proposal_reviews_proposal_idx').on(t.proposalId, t.createdAt),
    uniqueIndex('proposal_reviews_current_key')
      .on(t.proposalId, t.reviewerId)
      .where(sql`${t.replacedAt} is null`),
    check('proposal_reviews_score_check', sql`${t.score} between 1 and 5`),
  ],
)

/** Who reviews an event's proposals: all of them (`trackId` null) or one track's. */
export const programmeReviewers = pgTable(
  'programme_reviewers',
  {
    id: id(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    trackId: uuid('track_id').references(() => eventTracks.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('programme_reviewers_key').on(
      t.eventId,
      t.personId,
      sql`coalesce(${t.trackId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
    index('programme_reviewers_person_idx').on(t.personId),
  ],
)

/**
 * An organiser's decision on a proposal, queued until the organisers send the queue together. One
 * unsent decision per proposal (a new one replaces it); sending marks `sentAt` in the transaction
 * that moves the proposal and puts its mails in the outbox, so sending twice sends each once.
 */
export const proposalDecisions = pgTable(
  'proposal_decisions',
  {
    id: id(),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    decision: text('decision').notNull(),
    queuedBy: uuid('queued_by').references(() => people.id),
    queuedAt: at('queued_at').notNull().defaultNow(),
    sentAt: at('sent_at'),
    sentBy: uuid('sent_by').references(() => people.id),
  },
  (t) => [
    uniqueIndex('proposal_decisions_queued_key').on(t.proposalId).where(sql`${t.sentAt} is null`),
    check('proposal_decisions_decision_check', sql`${t.decision} in ('accept', 'reject')`),
  ],
)
