// What organisers read from an event's registrations and check-ins: how registrations came in
// over time, who held a place against who came, the share of places nobody used (no-shows), and
// the same per chapter and year. Pure: the times, counts and `now` are passed in.
import { checkinWindow, localDay } from './events.checkin.rules.ts'

const DAY = 86_400_000

/** The day after `day` (YYYY-MM-DD), on the calendar (no zone: a plain date). */
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10)

/** One day of a cumulative series: how many arrived that day and how many there were by its end. */
export type DayPoint = { day: string; added: number; total: number }

/**
 * How many moments fell on each day (the event's zone) and how many by the end of it, for every
 * day from the first moment's to `lastDay` (or the last moment's), none skipped, so a line drawn
 * through the totals rises only where something happened. Moments after `lastDay` are left out.
 */
export function cumulativeByDay(moments: readonly Date[], timeZone: string, lastDay?: string): DayPoint[] {
  if (moments.length === 0) return []
  const perDay = new Map<string, number>()
  for (const m of moments) {
    const day = localDay(m, timeZone)
    perDay.set(day, (perDay.get(day) ?? 0) + 1)
  }
  const days = [...perDay.keys()].sort()
  const first = days[0]!
  const last = lastDay && lastDay >= first ? lastDay : days.at(-1)!
  const out: DayPoint[] = []
  let total = 0
  for (let day = first; day <= last; day = nextDay(day)) {
    const added = perDay.get(day) ?? 0
    total += added
    out.push({ day, added, total })
  }
  return out
}

/**
 * Several cumulative series over the same days (the union of their ranges), each carried
 * forward over days it has no entry for, so lines drawn from them share one x axis.
 */
export function alignSeries(series: readonly (readonly DayPoint[])[]): {
  days: string[]
  totals: number[][]
} {
  const present = series.filter((s) => s.length > 0)
  if (present.length === 0) return { days: [], totals: series.map(() => []) }
  const first = present.map((s) => s[0]!.day).sort()[0]!
  const last = present
    .map((s) => s.at(-1)!.day)
    .sort()
    .at(-1)!
  const days: string[] = []
  for (let day = first; day <= last; day = nextDay(day)) days.push(day)
  const totals = series.map((s) => {
    const byDay = new Map(s.map((p) => [p.day, p.total]))
    let carried = 0
    return days.map((day) => {
      carried = byDay.get(day) ?? carried
      return carried
    })
  })
  return { days, totals }
}

/** What one event's door came to. */
export type Attendance = {
  /** Holding a place (confirmed). */
  registered: number
  /** Of those, checked in at the door. */
  checkedIn: number
  /** Places held by people who never came; null while people may still arrive. */
  noShows: number | null
  /** `noShows` as a share of `registered`; null while people may still arrive, or with nobody registered. */
  noShowRate: number | null
}

type TimedEvent = { startsAt: Date; endsAt: Date; timeZone: string }

/** Whether nobody can be checked in any more: the door has closed (the end of the last day, in the event's zone). */
export const attendanceFinal = (event: TimedEvent, now: Date) =>
  now.getTime() >= checkinWindow(event).closesAt.getTime()

/**
 * Registered against checked in. A no-show is a place held by someone who was not checked in by
 * the time the door closed; before then, nobody is a no-show yet. A check-in of someone whose place
 * has since gone (an organiser removed them at the door) is not counted: `checkedIn` counts
 * check-ins of places still held.
 */
export function attendance(
  counts: { confirmed: number; checkedIn: number },
  event: TimedEvent,
  now: Date,
): Attendance {
  const registered = Math.max(0, counts.confirmed)
  const checkedIn = Math.min(registered, Math.max(0, counts.checkedIn))
  if (!attendanceFinal(event, now)) return { registered, checkedIn, noShows: null, noShowRate: null }
  const noShows = registered - checkedIn
  return { registered, checkedIn, noShows, noShowRate: registered > 0 ? noShows / registered : null }
}

/** An event as the per-chapter statistics read it. */
export type StatsEvent = TimedEvent & {
  chapterId: string | null
  status: string
  confirmed: number
  checkedIn: number
}

/** One chapter's events of one year (the year the event started, in its zone). */
export type ChapterYear = {
  /** null: events no chapter holds (conferences of the whole community). */
  chapterId: string | null
  year: number
  /** Events held or to be held that year (published or postponed; drafts and cancelled ones are left out). */
  events: number
  /** Of them, those whose door has closed. */
  held: number
  /** Places held, over every counted event. */
  registered: number
  checkedIn: number
  /** Over the held events only: places not used, as a share of places held; null with none held or nobody registered. */
  noShowRate: number | null
}

const counted = (status: string) => status === 'published' || status === 'postponed'

/**
 * The events of each chapter, year by year: how many, how many places were held, how many people
 * came, and the no-show rate of those already over. Latest year first; within a year, the order
 * of the chapters as given (`chapterOrder`), events without a chapter last.
 */
export function perChapterYear(
  events: readonly StatsEvent[],
  now: Date,
  chapterOrder: readonly string[] = [],
): ChapterYear[] {
  type Acc = ChapterYear & { finalRegistered: number; finalCheckedIn: number }
  const groups = new Map<string, Acc>()
  for (const e of events) {
    if (!counted(e.status)) continue
    const year = Number(localDay(e.startsAt, e.timeZone).slice(0, 4))
    const key = `${e.chapterId ?? ''}|${year}`
    let g = groups.get(key)
    if (!g) {
      g = {
        chapterId: e.chapterId,
        year,
        events: 0,
        held: 0,
        registered: 0,
        checkedIn: 0,
        noShowRate: null,
        finalRegistered: 0,
        finalCheckedIn: 0,
      }
      groups.set(key, g)
    }
    const a = attendance(e, e, now)
    g.events += 1
    g.registered += a.registered
    g.checkedIn += a.checkedIn
    if (a.noShows !== null) {
      g.held += 1
      g.finalRegistered += a.registered
      g.finalCheckedIn += a.checkedIn
    }
  }
  const rank = (id: string | null) => {
    if (id === null) return Number.MAX_SAFE_INTEGER
    const i = chapterOrder.indexOf(id)
    return i === -1 ? chapterOrder.length : i
  }
  return [...groups.values()]
    .sort((a, b) => b.year - a.year || rank(a.chapterId) - rank(b.chapterId))
    .map(({ finalRegistered, finalCheckedIn, ...g }) => ({
      ...g,
      noShowRate: finalRegistered > 0 ? (finalRegistered - finalCheckedIn) / finalRegistered : null,
    }))
}
