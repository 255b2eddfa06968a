// Conflicts in a schedule as it is being built: a person in two places at once (speakers,
// co-speakers, moderators and panelists alike), two sessions in one room, a plenary or break that
// spans every room over a session, a session outside the event's days or its room's hours, and a
// session longer than the slot it was put in. Times are instants and intervals are half-open, so a
// session ending at 10:00 and the next starting at 10:00 do not conflict; the event's zone only
// says where its days and the rooms' daily hours begin and end.
//
// The check runs on every change in the editor, so it sorts and sweeps (O(n log n) plus the
// conflicts found) instead of comparing every pair.
import { createHash } from 'node:crypto'
import { offsetAt, zonedTime } from '../../platform/i18n/time-zone.ts'

export type PlacedSession = {
  id: string
  /** Null: held where the event is (a conference's single unnamed room). */
  roomId: string | null
  startsAt: Date
  endsAt: Date
  /** Person ids of everyone on stage: speakers, co-speakers, moderators, panelists, hosts. */
  people: readonly string[]
  /** A plenary or break: held across every room. */
  spansRooms?: boolean
  /** The slot of the grid it was put in, when the grid has slots. */
  slot?: { startsAt: Date; endsAt: Date } | null
}

/** A room's daily hours as wall-clock times in the event's zone (`09:00`–`18:00`; a close at or before the opening is the next day's). */
export type Room = { id: string; hours: { opens: string; closes: string } | null }

export type ScheduleFrame = {
  /** IANA zone of the event: its days begin at midnight there. */
  timeZone: string
  startsAt: Date
  endsAt: Date
  rooms: readonly Room[]
}

type Kind = 'speaker' | 'room' | 'plenary' | 'outside_event' | 'outside_room_hours' | 'longer_than_slot'

export type Conflict = {
  kind: Kind
  /** The sessions involved, sorted by id. */
  sessionIds: string[]
  /** `speaker`: who is double-booked. */
  personId?: string
  /** `room`, `outside_room_hours`: which room. */
  roomId?: string | null
  /**
   * Stable while the sessions involved stay where they are: it covers the kind, the person, and
   * each session's id, room and times, so an accepted conflict is asked about again once one of
   * them moves.
   */
  key: string
}

const overlap = (a: PlacedSession, b: PlacedSession) =>
  a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime()

const byStart = (a: PlacedSession, b: PlacedSession) =>
  a.startsAt.getTime() - b.startsAt.getTime() || a.endsAt.getTime() - b.endsAt.getTime()

/**
 * Every overlapping pair of a list sorted by start: each session meets only those still running
 * when it starts, so the work is the list plus the pairs found.
 */
function sweepPairs(sorted: readonly PlacedSession[], found: (a: PlacedSession, b: PlacedSession) => void) {
  let running: PlacedSession[] = []
  for (const s of sorted) {
    const start = s.startsAt.getTime()
    running = running.filter((r) => r.endsAt.getTime() > start)
    for (const r of running) if (overlap(r, s)) found(r, s)
    running.push(s)
  }
}

const stamp = (s: PlacedSession) =>
  `${s.id}@${s.roomId ?? ''}@${s.startsAt.toISOString()}/${s.endsAt.toISOString()}`

function conflict(
  kind: Kind,
  sessions: PlacedSession[],
  extra: { personId?: string; roomId?: string | null } = {},
) {
  const sorted = [...sessions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const material = [kind, extra.personId ?? '', ...sorted.map(stamp)].join('\n')
  return {
    kind,
    sessionIds: sorted.map((s) => s.id),
    ...extra,
    key: createHash('sha256').update(material).digest('base64url').slice(0, 27),
  } satisfies Conflict
}

/** The local date (`2027-03-28`) of a moment in a zone. */
const localDate = (moment: number, timeZone: string) =>
  new Date(moment + offsetAt(moment, timeZone)).toISOString().slice(0, 10)

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

export function findConflicts(sessions: readonly PlacedSession[], frame: ScheduleFrame): Conflict[] {
  const out: Conflict[] = []
  const sorted = [...sessions].sort(byStart)

  // One room at a time; plenaries are checked against everything below.
  const byRoom = new Map<string | null, PlacedSession[]>()
  const byPerson = new Map<string, PlacedSession[]>()
  for (const s of sorted) {
    if (!s.spansRooms) {
      const list = byRoom.get(s.roomId)
      if (list) list.push(s)
      else byRoom.set(s.roomId, [s])
    }
    for (const person of new Set(s.people)) {
      const list = byPerson.get(person)
      if (list) list.push(s)
      else byPerson.set(person, [s])
    }
  }
  for (const [roomId, list] of byRoom)
    sweepPairs(list, (a, b) => out.push(conflict('room', [a, b], { roomId })))
  for (const [personId, list] of byPerson) {
    sweepPairs(list, (a, b) => out.push(conflict('speaker', [a, b], { personId })))
  }
  // A plenary against every session it overlaps (another plenary included); two ordinary
  // sessions are the rooms' business above.
  if (sorted.some((s) => s.spansRooms)) {
    sweepPairs(sorted, (a, b) => {
      if (a.spansRooms || b.spansRooms) out.push(conflict('plenary', [a, b]))
    })
  }

  // The event's days, midnight to midnight in its zone (a 23- or 25-hour day across a DST change).
  const firstDay = localDate(frame.startsAt.getTime(), frame.timeZone)
  const lastDay = localDate(frame.endsAt.getTime() - 1, frame.timeZone)
  const opens = zonedTime(`${firstDay}T00:00`, frame.timeZone).getTime()
  const closes = zonedTime(`${addDays(lastDay, 1)}T00:00`, frame.timeZone).getTime()
  const rooms = new Map(frame.rooms.map((r) => [r.id, r]))
  const windows = new Map<string, [number, number]>()
  const windowOf = (
    room: Room & { hours: { opens: string; closes: string } },
    day: string,
  ): [number, number] => {
    const cacheKey = `${room.id}\u0000${day}`
    let w = windows.get(cacheKey)
    if (!w) {
      const closesNextDay = room.hours.closes <= room.hours.opens
      w = [
        zonedTime(`${day}T${room.hours.opens}`, frame.timeZone).getTime(),
        zonedTime(`${closesNextDay ? addDays(day, 1) : day}T${room.hours.closes}`, frame.timeZone).getTime(),
      ]
      windows.set(cacheKey, w)
    }
    return w
  }

  for (const s of sorted) {
    const start = s.startsAt.getTime()
    const end = s.endsAt.getTime()
    if (start < opens || end > closes) out.push(conflict('outside_event', [s]))
    const room = s.roomId === null ? undefined : rooms.get(s.roomId)
    if (room?.hours && !s.spansRooms) {
      const hours = room as Room & { hours: { opens: string; closes: string } }
      const day = localDate(start, frame.timeZone)
      // A room open past midnight holds a 01:00 session in the previous day's window.
      const inside = [day, addDays(day, -1)].some((d) => {
        const [from, to] = windowOf(hours, d)
        return from <= start && end <= to
      })
      if (!inside) out.push(conflict('outside_room_hours', [s], { roomId: s.roomId }))
    }
    if (s.slot && (start < s.slot.startsAt.getTime() || end > s.slot.endsAt.getTime())) {
      out.push(conflict('longer_than_slot', [s]))
    }
  }
  return out
}

/** An organiser's word that a conflict may stand (a speaker who will run between rooms). */
export type Acceptance = { key: string; acceptedBy: string; at: Date }

export const acceptConflict = (conflict: Conflict, by: { personId: string; now: Date }): Acceptance => ({
  key: conflict.key,
  acceptedBy: by.personId,
  at: by.now,
})

/** The conflicts nobody accepted: any left blocks publishing. */
export const openConflicts = (conflicts: readonly Conflict[], acceptances: readonly Acceptance[]) => {
  const accepted = new Set(acceptances.map((a) => a.key))
  return conflicts.filter((c) => !accepted.has(c.key))
}

/** Acceptances still about a present conflict: the rest concern sessions that have since moved. */
export const liveAcceptances = (conflicts: readonly Conflict[], acceptances: readonly Acceptance[]) => {
  const present = new Set(conflicts.map((c) => c.key))
  return acceptances.filter((a) => present.has(a.key))
}
