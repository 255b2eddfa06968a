// The programme's queries on calls, tracks, proposals, their speakers, reviews and decisions.
import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { eventSessions, events, sessionSpeakers } from '../events/events.schema.ts'
import { people } from '../people/people.schema.ts'
import {
  eventTracks,
  programmeReviewers,
  proposalDecisions,
  proposalReviews,
  proposalSpeakers,
  proposals,
  speakerCalls,
} from './programme.schema.ts'

export type CallRow = typeof speakerCalls.$inferSelect
export type TrackRow = typeof eventTracks.$inferSelect
export type ProposalRow = typeof proposals.$inferSelect
export type ProposalSpeakerRow = typeof proposalSpeakers.$inferSelect
export type ReviewRow = typeof proposalReviews.$inferSelect
export type DecisionRow = typeof proposalDecisions.$inferSelect
export type EventRow = typeof events.$inferSelect

export const selectEventBySlug = async (db: Db, slug: string) =>
  (await db.select().from(events).where(sql`lower(${events.slug}) = lower(${slug})`))[0] ?? null

export const selectEventById = async (db: Db, id: string) =>
  (await db.select().from(events).where(eq(events.id, id)))[0] ?? null

export const selectCall = async (db: Db, eventId: string) =>
  (await db.select().from(speakerCalls).where(eq(speakerCalls.eventId, eventId)))[0] ?? null

export async function upsertCall(db: Db, row: typeof speakerCalls.$inferInsert) {
  await db
    .insert(speakerCalls)
    .values(row)
    .onConflictDoUpdate({ target: speakerCalls.eventId, set: { ...row, createdAt: undefined } })
}

/** Events whose call is open at `now`, soonest closing first. */
export const selectOpenCalls = (db: Db, now: Date) =>
  db
    .select({ event: events, call: speakerCalls })
    .from(speakerCalls)
    .innerJoin(events, eq(events.id, speakerCalls.eventId))
    .where(
      and(
        sql`${speakerCalls.opensAt} <= ${now}`,
        sql`${speakerCalls.closesAt} > ${now}`,
        eq(events.status, 'published'),
      ),
    )
    .orderBy(asc(speakerCalls.closesAt))

export const selectTracks = (db: Db, eventId: string) =>
  db.select().from(eventTracks).where(eq(eventTracks.eventId, eventId)).orderBy(asc(eventTracks.position))

export async function insertTrack(db: Db, row: typeof eventTracks.$inferInsert) {
  return (await db.insert(eventTracks).values(row).returning())[0]!
}

export const selectProposal = async (db: Db, id: string) =>
  (await db.select().from(proposals).where(eq(proposals.id, id)))[0] ?? null

export const selectProposalForUpdate = async (db: Db, id: string) =>
  (await db.select().from(proposals).where(eq(proposals.id, id)).for('update'))[0] ?? null

export async function insertProposal(db: Db, row: typeof proposals.$inferInsert) {
  return (await db.insert(proposals).values(row).returning())[0]!
}

export async function updateProposal(db: Db, id: string, set: Partial<typeof proposals.$inferInsert>) {
  return (await db.update(proposals).set(set).where(eq(proposals.id, id)).returning())[0]!
}

export const selectSpeakers = (db: Db, proposalIds: string[]) =>
  proposalIds.length
    ? db
        .select({ speaker: proposalSpeakers, person: people })
        .from(proposalSpeakers)
        .leftJoin(people, eq(people.id, proposalSpeakers.personId))
        .where(inArray(proposalSpeakers.proposalId, proposalIds))
        .orderBy(asc(proposalSpeakers.proposalId), asc(proposalSpeakers.position))
    : Promise.resolve([])

export async function insertSpeakers(db: Db, rows: (typeof proposalSpeakers.$inferInsert)[]) {
  if (rows.length) await db.insert(proposalSpeakers).values(rows)
}

export const deleteCoSpeakers = (db: Db, proposalId: string) =>
  db
    .delete(proposalSpeakers)
    .where(and(eq(proposalSpeakers.proposalId, proposalId), sql`${proposalSpeakers.position} > 0`))

export const selectSpeakerBySecret = async (db: Db, secret: string) =>
  (await db.select().from(proposalSpeakers).where(eq(proposalSpeakers.secret, secret)))[0] ?? null

/**
 * Co-speakers named by an address or a GitHub login that is this person's become theirs (they
 * had no account, or a different one, when they were named).
 */
export async function claimSpeakerRows(
  db: Db,
  person: { id: string; email: string | null; githubLogin: string | null },
) {
  if (!person.email && !person.githubLogin) return
  await db
    .update(proposalSpeakers)
    .set({ personId: person.id })
    .where(
      and(
        isNull(proposalSpeakers.personId),
        sql`(${person.email ? sql`lower(${proposalSpeakers.email}) = lower(${person.email})` : sql`false`} or ${
          person.githubLogin
            ? sql`lower(${proposalSpeakers.githubLogin}) = lower(${person.githubLogin})`
            : sql`false`
        })`,
      ),
    )
}

export const updateSpeaker = (db: Db, id: string, set: Partial<typeof proposalSpeakers.$inferInsert>) =>
  db.update(proposalSpeakers).set(set).where(eq(proposalSpeakers.id, id))

/** Clears every speaker's answer, for a fresh acceptance that asks them all again. */
export const resetAnswers = (db: Db, proposalId: string) =>
  db
    .update(proposalSpeakers)
    .set({ confirmedAt: null, declinedAt: null, remindedAt: null })
    .where(eq(proposalSpeakers.proposalId, proposalId))

export const selectPersonByEmail = async (db: Db, email: string) =>
  (await db.select().from(people).where(sql`lower(${people.email}) = lower(${email})`))[0] ?? null

export const selectPersonByLogin = async (db: Db, login: string) =>
  (await db.select().from(people).where(sql`lower(${people.githubLogin}) = lower(${login})`))[0] ?? null

export const selectPerson = async (db: Db, id: string) =>
  (await db.select().from(people).where(eq(people.id, id)))[0] ?? null

export const selectPersonByHandle = async (db: Db, handle: string) =>
  (await db.select().from(people).where(sql`lower(${people.handle}) = lower(${handle})`))[0] ?? null

/** The proposals a person speaks in (proposer or co-speaker), latest first, with their events. */
export const selectProposalsOf = (db: Db, personId: string) =>
  db
    .select({ proposal: proposals, event: events })
    .from(proposals)
    .innerJoin(events, eq(events.id, proposals.eventId))
    .where(
      sql`${proposals.id} in (select ${proposalSpeakers.proposalId} from ${proposalSpeakers} where ${proposalSpeakers.personId} = ${personId})`,
    )
    .orderBy(desc(proposals.submittedAt))

export const selectEventProposals = (db: Db, eventId: string) =>
  db.select().from(proposals).where(eq(proposals.eventId, eventId)).orderBy(asc(proposals.submittedAt))

// --- Reviewers and reviews ----------------------------------------------------------------------

export const selectReviewers = (db: Db, eventId: string) =>
  db
    .select({ reviewer: programmeReviewers, person: people })
    .from(programmeReviewers)
    .innerJoin(people, eq(people.id, programmeReviewers.personId))
    .where(eq(programmeReviewers.eventId, eventId))
    .orderBy(asc(programmeReviewers.createdAt))

export async function insertReviewer(db: Db, row: typeof programmeReviewers.$inferInsert) {
  await db.insert(programmeReviewers).values(row).onConflictDoNothing()
}

export const deleteReviewer = (db: Db, eventId: string, id: string) =>
  db
    .delete(programmeReviewers)
    .where(and(eq(programmeReviewers.eventId, eventId), eq(programmeReviewers.id, id)))

/** Every review of the event's proposals, replaced ones too, in the order they were made. */
export const selectEventReviews = (db: Db, eventId: string) =>
  db
    .select({ review: proposalReviews })
    .from(proposalReviews)
    .innerJoin(proposals, eq(proposals.id, proposalReviews.proposalId))
    .where(eq(proposals.eventId, eventId))
    .orderBy(asc(proposalReviews.createdAt), asc(proposalReviews.id))

export const selectReviewsOf = (db: Db, proposalId: string) =>
  db
    .select({ review: proposalReviews, person: people })
    .from(proposalReviews)
    .innerJoin(people, eq(people.id, proposalReviews.reviewerId))
    .where(eq(proposalReviews.proposalId, proposalId))
    .orderBy(asc(proposalReviews.createdAt), asc(proposalReviews.id))

/** Marks the reviewer's review in force as replaced (the new one is inserted next). */
export const replaceCurrentReview = (db: Db, proposalId: string, reviewerId: string, at: Date) =>
  db
    .update(proposalReviews)
    .set({ replacedAt: at })
    .where(
      and(
        eq(proposalReviews.proposalId, proposalId),
        eq(proposalReviews.reviewerId, reviewerId),
        isNull(proposalReviews.replacedAt),
      ),
    )

export async function insertReview(db: Db, row: typeof proposalReviews.$inferInsert) {
  return (await db.insert(proposalReviews).values(row).returning())[0]!
}

// --- Decisions ----------------------------------------------------------------------------------

export const selectQueued = (db: Db, eventId: string) =>
  db
    .select({ decision: proposalDecisions })
    .from(proposalDecisions)
    .innerJoin(proposals, eq(proposals.id, proposalDecisions.proposalId))
    .where(and(eq(proposals.eventId, eventId), isNull(proposalDecisions.sentAt)))

/** The queued decisions, locked: a second sender waits, then finds them sent. */
export const lockQueued = (db: Db, eventId: string) =>
  db
    .select()
    .from(proposalDecisions)
    .where(
      and(
        isNull(proposalDecisions.sentAt),
        sql`${proposalDecisions.proposalId} in (select ${proposals.id} from ${proposals} where ${proposals.eventId} = ${eventId})`,
      ),
    )
    .orderBy(asc(proposalDecisions.queuedAt))
    .for('update')

export async function queueDecision(db: Db, row: typeof proposalDecisions.$inferInsert) {
  await db
    .delete(proposalDecisions)
    .where(and(eq(proposalDecisions.proposalId, row.proposalId), isNull(proposalDecisions.sentAt)))
  await db.insert(proposalDecisions).values(row)
}

export const dropQueued = (db: Db, proposalId: string) =>
  db
    .delete(proposalDecisions)
    .where(and(eq(proposalDecisions.proposalId, proposalId), isNull(proposalDecisions.sentAt)))

export const markSent = (db: Db, id: string, at: Date, by: string) =>
  db.update(proposalDecisions).set({ sentAt: at, sentBy: by }).where(eq(proposalDecisions.id, id))

// --- Sessions -----------------------------------------------------------------------------------

export const selectSessionOf = async (db: Db, proposalId: string) =>
  (await db.select().from(eventSessions).where(eq(eventSessions.proposalId, proposalId)))[0] ?? null

export async function upsertSession(
  db: Db,
  proposalId: string,
  row: Omit<typeof eventSessions.$inferInsert, 'proposalId'>,
) {
  const existing = await selectSessionOf(db, proposalId)
  if (existing) {
    const { eventId: _e, ...set } = row
    return (
      await db
        .update(eventSessions)
        .set({ ...set, sequence: existing.sequence + 1 })
        .where(eq(eventSessions.id, existing.id))
        .returning()
    )[0]!
  }
  return (
    await db
      .insert(eventSessions)
      .values({ ...row, proposalId })
      .returning()
  )[0]!
}

export const deleteSessionOf = (db: Db, proposalId: string) =>
  db.delete(eventSessions).where(eq(eventSessions.proposalId, proposalId))

export async function setSessionSpeakers(
  db: Db,
  sessionId: string,
  rows: Omit<typeof sessionSpeakers.$inferInsert, 'sessionId'>[],
) {
  await db.delete(sessionSpeakers).where(eq(sessionSpeakers.sessionId, sessionId))
  if (rows.length) await db.insert(sessionSpeakers).values(rows.map((r) => ({ ...r, sessionId })))
}

/** Speakers of accepted proposals who have not answered for `days`, not reminded yet. */
export const selectUnconfirmed = (db: Db, decidedBefore: Date, now: Date) =>
  db
    .select({ speaker: proposalSpeakers, proposal: proposals, event: events, person: people })
    .from(proposalSpeakers)
    .innerJoin(proposals, eq(proposals.id, proposalSpeakers.proposalId))
    .innerJoin(events, eq(events.id, proposals.eventId))
    .leftJoin(people, eq(people.id, proposalSpeakers.personId))
    .where(
      and(
        eq(proposals.state, 'accepted'),
        lt(proposals.decidedAt, decidedBefore),
        isNull(proposalSpeakers.confirmedAt),
        isNull(proposalSpeakers.declinedAt),
        isNull(proposalSpeakers.remindedAt),
        sql`${events.startsAt} > ${now}`,
      ),
    )
    .limit(200)
