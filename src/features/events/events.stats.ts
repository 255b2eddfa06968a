// Statistics for organisers: one event's registrations over time and its attendance, and every
// event a person organises counted per chapter and year. Reading only; who may read is who may
// organise (one event: `event.organise`; the overview: the events `eventsToOrganise` gives them).
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import { isUuid } from '../../platform/http/edge-input.ts'
import { type Actor, authorize } from '../access/index.ts'
import { localDay } from './events.checkin.rules.ts'
import { selectOrganiseFacts } from './events.registrations.repo.ts'
import { eventsToOrganise } from './events.service.ts'
import * as repo from './events.stats.repo.ts'
import { alignSeries, attendance, cumulativeByDay, perChapterYear } from './events.stats.rules.ts'

type Reading = Pick<Deps, 'db' | 'now'>

/**
 * One event's figures for its organisers: registrations and places held, day by day from the first
 * registration until the event (or today, if it is still to come), the counts by status, and who
 * came against who held a place.
 */
export async function eventStatistics(deps: Reading, actor: Actor, eventId: string) {
  if (!actor) throw new DomainError('unauthenticated')
  const [event] = isUuid(eventId) ? await repo.selectEventCounts(deps.db, [eventId]) : []
  if (!event) throw new DomainError('notFoundRecord')
  authorize(actor, {
    action: 'event.organise',
    ...(await selectOrganiseFacts(deps.db, event, actor.personId)),
  })
  const now = deps.now()
  const [registeredAt, confirmedAt] = await Promise.all([
    repo.selectRegisteredMoments(deps.db, event.id),
    repo.selectConfirmedMoments(deps.db, event.id),
  ])
  const until = localDay(new Date(Math.min(now.getTime(), event.startsAt.getTime())), event.timeZone)
  const series = alignSeries([
    cumulativeByDay(registeredAt, event.timeZone, until),
    cumulativeByDay(confirmedAt, event.timeZone, until),
  ])
  return {
    event,
    days: series.days,
    registered: series.totals[0]!,
    confirmed: series.totals[1]!,
    attendance: attendance(event, event, now),
    now,
  }
}
export type EventStatistics = Awaited<ReturnType<typeof eventStatistics>>

/**
 * Every event the person organises (or may organise: their chapter's, their SIG's), per chapter
 * and year, with each event's own figures for the list below the table.
 */
export async function statisticsOverview(deps: Reading, actor: Actor) {
  if (!actor) throw new DomainError('unauthenticated')
  const mine = await eventsToOrganise(deps, actor)
  const [rows, order] = await Promise.all([
    repo.selectEventCounts(
      deps.db,
      mine.map((e) => e.id),
    ),
    repo.selectChapterOrder(deps.db),
  ])
  const now = deps.now()
  const chapters = new Map(rows.flatMap((r) => (r.chapterId && r.chapter ? [[r.chapterId, r.chapter]] : [])))
  return {
    years: perChapterYear(rows, now, order).map((g) => ({
      ...g,
      chapter: g.chapterId ? (chapters.get(g.chapterId) ?? null) : null,
    })),
    events: rows
      .filter((r) => r.status !== 'draft')
      .map((r) => ({ ...r, attendance: attendance(r, r, now) }))
      .reverse(),
    now,
  }
}
export type StatisticsOverview = Awaited<ReturnType<typeof statisticsOverview>>
