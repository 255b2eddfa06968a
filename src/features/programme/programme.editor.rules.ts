// The schedule editor's rules: which days a session can be put on, how the plain form's fields
// (room, day, start, end in the event's zone) become a place on the clock or a refusal, the
// sessions as the conflict check and the published versions see them. Pure.
import { zonedTime } from '../../platform/i18n/time-zone.ts'
import type { PlacedSession } from './programme.conflicts.rules.ts'
import type {
  LoggedPlace,
  LoggedSession,
  SnapshotSession,
  StoredChangeLog,
} from './programme.schedule.schema.ts'
import type { ChangeLog, PublishedSession } from './programme.versions.rules.ts'

export type PlacementRefusal = 'unknownSession' | 'unknownRoom' | 'badDay' | 'badTime' | 'endBeforeStart'

/** A session's level, as the call for speakers asks it and the schedule filters by it (the `session_level` enum). */
export const sessionLevels = ['beginner', 'intermediate', 'advanced'] as const

/** The value of the room field that puts a session across every room (a break, a plenary). */
export const ALL_ROOMS = 'all'

const wall = (moment: Date, timeZone: string) => {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(moment)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00'
  return { day: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` }
}

/** A moment as the form shows it: its day and clock time in the event's zone. */
export const wallClock = (moment: Date, timeZone: string) => wall(moment, timeZone)

/** The event's days in its zone, first to last (a conference of 27–28 March: two). */
export function eventDays(event: { startsAt: Date; endsAt: Date; timeZone: string }): string[] {
  const first = wall(event.startsAt, event.timeZone).day
  const last = wall(new Date(event.endsAt.getTime() - 1), event.timeZone).day
  const days: string[] = []
  for (let d = new Date(`${first}T00:00:00Z`); days.length < 60; d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.toISOString().slice(0, 10)
    days.push(day)
    if (day >= last) break
  }
  return days
}

export type PlacementFields = { session?: string; room?: string; day?: string; start?: string; end?: string }

export type Placement = { sessionId: string; roomId: string | null; startsAt: Date; endsAt: Date }

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/

/**
 * The plain form's fields as a place, or why not: the session and room must be this event's, the
 * day one of its days, the times clock times with the end after the start (a session that runs
 * past midnight is not offered: the form's day is the day it is held).
 */
export function readPlacement(
  fields: PlacementFields,
  ctx: {
    sessionIds: readonly string[]
    roomIds: readonly string[]
    days: readonly string[]
    timeZone: string
  },
): { ok: true; placement: Placement } | { ok: false; refusal: PlacementRefusal } {
  const sessionId = fields.session ?? ''
  if (!ctx.sessionIds.includes(sessionId)) return { ok: false, refusal: 'unknownSession' }
  const room = fields.room ?? ''
  const roomId = room === ALL_ROOMS || (room === '' && ctx.roomIds.length === 0) ? null : room
  if (roomId !== null && !ctx.roomIds.includes(roomId)) return { ok: false, refusal: 'unknownRoom' }
  const day = fields.day ?? ''
  if (!ctx.days.includes(day)) return { ok: false, refusal: 'badDay' }
  const start = fields.start ?? ''
  const end = fields.end ?? ''
  if (!TIME.test(start) || !TIME.test(end)) return { ok: false, refusal: 'badTime' }
  if (end <= start) return { ok: false, refusal: 'endBeforeStart' }
  const startsAt = zonedTime(`${day}T${start}`, ctx.timeZone)
  const endsAt = zonedTime(`${day}T${end}`, ctx.timeZone)
  // A time the clocks skip (summer time begins) lands an hour on; the order still holds or not.
  if (endsAt.getTime() <= startsAt.getTime()) return { ok: false, refusal: 'endBeforeStart' }
  return { ok: true, placement: { sessionId, roomId, startsAt, endsAt } }
}

export type EditorSession = {
  id: string
  guid: string
  kind: string
  titleZh: string | null
  titleEn: string | null
  roomId: string | null
  startsAt: Date | null
  endsAt: Date | null
  /** Person ids on stage (outsiders have none: they cannot be double-booked by id). */
  people: string[]
}

type Timed = EditorSession & { startsAt: Date; endsAt: Date }
export const onClock = (s: EditorSession): s is Timed => s.startsAt !== null && s.endsAt !== null

/**
 * The sessions on the clock as the conflict check reads them. A session without a room spans
 * every room only when the event has rooms (an event without rooms holds everything in one place).
 */
export const placedSessions = (sessions: readonly EditorSession[], hasRooms: boolean): PlacedSession[] =>
  sessions.filter(onClock).map((s) => ({
    id: s.id,
    roomId: s.roomId,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    people: s.people,
    spansRooms: hasRooms && s.roomId === null,
  }))

/** What a published version holds: the sessions on the clock, breaks left out (nobody is told of a break). */
export const snapshotOf = (sessions: readonly EditorSession[]): SnapshotSession[] =>
  sessions
    .filter(onClock)
    .filter((s) => s.kind !== 'break')
    .map((s) => ({
      guid: s.guid,
      sessionId: s.id,
      titleZh: s.titleZh,
      titleEn: s.titleEn,
      roomId: s.roomId,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      speakers: [...new Set(s.people)],
    }))

export const asPublished = (snapshot: readonly SnapshotSession[]): PublishedSession[] =>
  snapshot.map((s) => ({
    id: s.guid,
    roomId: s.roomId,
    startsAt: new Date(s.startsAt),
    endsAt: new Date(s.endsAt),
    cancelled: false,
    speakers: s.speakers,
  }))

/** The change log as a version keeps it: titles with each session, so it reads after they change. */
export function storedLog(
  log: ChangeLog,
  snapshot: readonly SnapshotSession[],
  before: readonly SnapshotSession[],
) {
  const byGuid = new Map([...before, ...snapshot].map((s) => [s.guid, s]))
  const named = (guid: string): LoggedSession => {
    const s = byGuid.get(guid)
    return { guid, titleZh: s?.titleZh ?? null, titleEn: s?.titleEn ?? null }
  }
  const place = (p: { roomId: string | null; startsAt: Date; endsAt: Date }): LoggedPlace => ({
    roomId: p.roomId,
    startsAt: p.startsAt.toISOString(),
    endsAt: p.endsAt.toISOString(),
  })
  return {
    added: log.added.map((s) => named(s.id)),
    removed: log.removed.map((s) => named(s.id)),
    cancelled: log.cancelled.map((s) => named(s.id)),
    moved: log.moved.map((m) => ({ ...named(m.session.id), before: place(m.before), after: place(m.after) })),
  } satisfies StoredChangeLog
}

/** The moves and removals a person hears of: those of sessions they were on stage in. */
export function movesFor(
  personId: string,
  log: StoredChangeLog,
  snapshot: readonly SnapshotSession[],
  before: readonly SnapshotSession[],
) {
  const onStage = (guid: string) =>
    [...before, ...snapshot].some((s) => s.guid === guid && s.speakers.includes(personId))
  return {
    moved: log.moved.filter((m) => onStage(m.guid)),
    removed: [...log.removed, ...log.cancelled].filter((s) => onStage(s.guid)),
  }
}
