import { and, asc, desc, eq, inArray, isNull, lte, ne, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { people, sigs } from '../people/people.schema.ts'
import type { HeldEvent } from './chapters.held.ts'
import { lastOfflineEvents, type OfflineEventFact } from './chapters.rules.ts'
import {
  chapterEvents,
  chapterExemptions,
  chapters,
  chapterTeam,
  supportRequestEvents,
  supportRequests,
} from './chapters.schema.ts'

export type Chapter = typeof chapters.$inferSelect
export type NewChapter = typeof chapters.$inferInsert

export const selectChapters = (db: Db) =>
  db.select().from(chapters).orderBy(asc(chapters.foundedOn), asc(chapters.cityEn))

export async function selectChapterBySlug(db: Db, slug: string) {
  const [row] = await db
    .select({ chapter: chapters, sig: { slug: sigs.slug, nameZh: sigs.nameZh, nameEn: sigs.nameEn } })
    .from(chapters)
    .innerJoin(sigs, eq(sigs.id, chapters.sigId))
    .where(sql`lower(${chapters.slug}) = lower(${slug})`)
  return row
}

/** Seats with the names to show; `current` leaves out everyone who has left. */
export function selectTeams(db: Db, chapterIds: string[], options: { current?: boolean } = {}) {
  return db
    .select({
      id: chapterTeam.id,
      chapterId: chapterTeam.chapterId,
      role: chapterTeam.role,
      startedAt: chapterTeam.startedAt,
      endedAt: chapterTeam.endedAt,
      endReason: chapterTeam.endReason,
      person: {
        id: people.id,
        handle: people.handle,
        nameZh: people.nameZh,
        nameEn: people.nameEn,
        avatarUrl: people.avatarUrl,
        avatar: people.avatar,
      },
    })
    .from(chapterTeam)
    .innerJoin(people, eq(people.id, chapterTeam.personId))
    .where(
      options.current
        ? sql`${inArray(chapterTeam.chapterId, chapterIds)} and ${isNull(chapterTeam.endedAt)}`
        : inArray(chapterTeam.chapterId, chapterIds),
    )
}

export type Seat = Awaited<ReturnType<typeof selectTeams>>[number]

export async function insertChapter(db: Db, chapter: NewChapter) {
  const [row] = await db.insert(chapters).values(chapter).returning()
  return row!
}

export const insertSeat = (db: Db, seat: typeof chapterTeam.$inferInsert) =>
  db.insert(chapterTeam).values(seat)

export async function selectChapterById(db: Db, id: string) {
  const [row] = await db.select().from(chapters).where(eq(chapters.id, id))
  return row
}

export async function selectChapterIdBySlug(db: Db, slug: string) {
  const [row] = await db
    .select({ id: chapters.id })
    .from(chapters)
    .where(sql`lower(${chapters.slug}) = lower(${slug})`)
  return row?.id ?? null
}

export const setChapterStatus = (db: Db, id: string, status: string, now: Date) =>
  db.update(chapters).set({ status, statusSince: now, updatedAt: now }).where(eq(chapters.id, id))

/** Chapters locked for a status change: the daily review and an approval never cross. */
export const selectChaptersForUpdate = (db: Db, ids?: string[]) =>
  db
    .select()
    .from(chapters)
    .where(ids ? inArray(chapters.id, ids) : undefined)
    .orderBy(asc(chapters.id))
    .for('update')

/**
 * The latest offline (or hybrid) event each chapter recorded by hand, up to `today`: the facts the
 * yearly rule takes from this feature. Events this site ran with check-ins are a second source
 * beside this one (chapters.held.ts, `selfReported: false`), merged by `lastOfflineEvents`.
 */
export const selectRecordedOfflineEvents = (db: Db, chapterIds: string[], today: string) =>
  db
    .select({
      chapterId: chapterEvents.chapterId,
      heldOn: sql<string>`max(${chapterEvents.heldOn})::text`,
      selfReported: sql<boolean>`true`,
    })
    .from(chapterEvents)
    .where(
      and(
        inArray(chapterEvents.chapterId, chapterIds),
        lte(chapterEvents.heldOn, today),
        ne(chapterEvents.mode, 'online'),
      ),
    )
    .groupBy(chapterEvents.chapterId)

const heldOf = (fact: OfflineEventFact | (HeldEvent & { chapterId: string }) | undefined) =>
  fact && 'path' in fact ? fact : null

/**
 * What the health rule needs to know of each chapter, besides the chapter itself; `held` are the
 * offline events other features saw the chapters hold (chapters.held.ts), up to `today`.
 */
export async function selectHealthFacts(
  db: Db,
  chapterIds: string[],
  today: string,
  held: readonly (HeldEvent & { chapterId: string })[] = [],
) {
  if (!chapterIds.length)
    return new Map<
      string,
      {
        leaderSince: Date | null
        lastEventOn: string | null
        lastEventSelfReported: boolean
        lastHeldEvent: (HeldEvent & { chapterId: string }) | null
        exemptUntil: string | null
      }
    >()
  // In turn, not in parallel: `db` may be a transaction, one connection that runs one query at a time.
  const leaders = await db
    .select({ chapterId: chapterTeam.chapterId, since: chapterTeam.startedAt })
    .from(chapterTeam)
    .where(
      and(
        inArray(chapterTeam.chapterId, chapterIds),
        eq(chapterTeam.role, 'leader'),
        isNull(chapterTeam.endedAt),
      ),
    )
  const events = lastOfflineEvents<OfflineEventFact | (HeldEvent & { chapterId: string })>([
    ...(await selectRecordedOfflineEvents(db, chapterIds, today)),
    ...held.filter((e) => e.heldOn <= today),
  ])
  const exemptions = await db
    .select({
      chapterId: chapterExemptions.chapterId,
      until: sql<string>`max(${chapterExemptions.until})::text`,
    })
    .from(chapterExemptions)
    .where(inArray(chapterExemptions.chapterId, chapterIds))
    .groupBy(chapterExemptions.chapterId)
  return new Map(
    chapterIds.map((id) => [
      id,
      {
        leaderSince: leaders.find((l) => l.chapterId === id)?.since ?? null,
        lastEventOn: events.get(id)?.heldOn ?? null,
        /** Whether that event rests only on its recorder's word (every hand-recorded one does). */
        lastEventSelfReported: events.get(id)?.selfReported ?? false,
        /** That event when this site ran it: its title, page and check-ins. */
        lastHeldEvent: heldOf(events.get(id)),
        exemptUntil: exemptions.find((e) => e.chapterId === id)?.until ?? null,
      },
    ]),
  )
}

export async function insertChapterEvent(db: Db, row: typeof chapterEvents.$inferInsert) {
  const [inserted] = await db.insert(chapterEvents).values(row).returning()
  return inserted!
}

export const selectChapterEvents = (db: Db, chapterIds: string[]) =>
  chapterIds.length
    ? db
        .select()
        .from(chapterEvents)
        .where(inArray(chapterEvents.chapterId, chapterIds))
        .orderBy(desc(chapterEvents.heldOn))
    : Promise.resolve([])

export async function insertExemption(db: Db, row: typeof chapterExemptions.$inferInsert) {
  const [inserted] = await db.insert(chapterExemptions).values(row).returning()
  return inserted!
}

export const selectExemptions = (db: Db, chapterId: string) =>
  db
    .select()
    .from(chapterExemptions)
    .where(eq(chapterExemptions.chapterId, chapterId))
    .orderBy(desc(chapterExemptions.createdAt))

/** The places held now, without names (for the rules of applications). */
export const selectCurrentSeats = (db: Db, chapterId: string) =>
  db
    .select({ personId: chapterTeam.personId, role: chapterTeam.role })
    .from(chapterTeam)
    .where(and(eq(chapterTeam.chapterId, chapterId), isNull(chapterTeam.endedAt)))

/** Ends the place a person holds now, with the reason kept in the history. */
export const endSeat = (db: Db, chapterId: string, personId: string, at: Date, reason: string) =>
  db
    .update(chapterTeam)
    .set({ endedAt: at, endReason: reason })
    .where(
      and(
        eq(chapterTeam.chapterId, chapterId),
        eq(chapterTeam.personId, personId),
        isNull(chapterTeam.endedAt),
      ),
    )

export type SupportRequest = typeof supportRequests.$inferSelect

export async function insertSupportRequest(db: Db, row: typeof supportRequests.$inferInsert) {
  const [inserted] = await db.insert(supportRequests).values(row).returning()
  return inserted!
}

export async function selectSupportRequestForUpdate(db: Db, id: string) {
  const [row] = await db.select().from(supportRequests).where(eq(supportRequests.id, id)).for('update')
  return row
}

export const updateSupportRequest = (db: Db, id: string, set: Partial<typeof supportRequests.$inferInsert>) =>
  db.update(supportRequests).set(set).where(eq(supportRequests.id, id))

export const insertSupportEvent = (db: Db, row: typeof supportRequestEvents.$inferInsert) =>
  db.insert(supportRequestEvents).values(row)

/** Requests with their chapter's city, newest first: one chapter's, or those still open anywhere. */
export const selectSupportRequests = (db: Db, where: { chapterId: string } | { open: true }) =>
  db
    .select({
      request: supportRequests,
      chapter: {
        slug: chapters.slug,
        cityZh: chapters.cityZh,
        cityEn: chapters.cityEn,
        sigId: chapters.sigId,
      },
    })
    .from(supportRequests)
    .innerJoin(chapters, eq(chapters.id, supportRequests.chapterId))
    .where(
      'chapterId' in where
        ? eq(supportRequests.chapterId, where.chapterId)
        : inArray(supportRequests.status, ['open', 'in_progress']),
    )
    .orderBy(desc(supportRequests.createdAt))

export const selectSupportEvents = (db: Db, requestIds: string[]) =>
  requestIds.length
    ? db
        .select()
        .from(supportRequestEvents)
        .where(inArray(supportRequestEvents.requestId, requestIds))
        .orderBy(asc(supportRequestEvents.at), asc(supportRequestEvents.id))
    : Promise.resolve([])

/** Every seat a person (or anyone) held or holds, with the chapter's city names (for titles). */
export const selectSeatsOfPerson = (db: Db, personId?: string) =>
  db
    .select({
      personId: chapterTeam.personId,
      role: chapterTeam.role,
      startedAt: chapterTeam.startedAt,
      endedAt: chapterTeam.endedAt,
      chapter: { id: chapters.id, slug: chapters.slug, cityZh: chapters.cityZh, cityEn: chapters.cityEn },
    })
    .from(chapterTeam)
    .innerJoin(chapters, eq(chapters.id, chapterTeam.chapterId))
    .where(personId ? eq(chapterTeam.personId, personId) : undefined)

export const updateChapter = (db: Db, id: string, set: Partial<NewChapter>) =>
  db.update(chapters).set(set).where(eq(chapters.id, id))

/** Events these people recorded as held (they organised them), up to `today`, newest first. */
export const selectEventsOrganisedBy = (db: Db, personIds: string[], today: string) =>
  db
    .select({
      personId: chapterEvents.recordedBy,
      heldOn: chapterEvents.heldOn,
      titleZh: chapterEvents.titleZh,
      titleEn: chapterEvents.titleEn,
      cityZh: chapters.cityZh,
      cityEn: chapters.cityEn,
    })
    .from(chapterEvents)
    .innerJoin(chapters, eq(chapters.id, chapterEvents.chapterId))
    .where(and(inArray(chapterEvents.recordedBy, personIds), lte(chapterEvents.heldOn, today)))
    .orderBy(desc(chapterEvents.heldOn))

/** Opens (a day) or closes (null) the SIG's search for a new leader. */
export const setLeaderWanted = (db: Db, id: string, until: string | null) =>
  db.update(chapters).set({ leaderWantedUntil: until }).where(eq(chapters.id, id))
