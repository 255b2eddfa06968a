// The schedule editor's conflict check (features/programme/programme.conflicts.rules.ts) over a
// 3-day, 6-room, 300-session conference, against the obvious pair-by-pair check written here as
// the baseline, in the same run. Target: the check's median under 50 ms.
//   npm run bench:programme [-- --runs 50 --scale 5]
import { parseArgs } from 'node:util'
import {
  findConflicts,
  type PlacedSession,
  type ScheduleFrame,
} from '../src/features/programme/programme.conflicts.rules.ts'
import { offsetAt, zonedTime } from '../src/platform/i18n/time-zone.ts'
import { median, table, verdict } from './lib.ts'

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '50' }, scale: { type: 'string', default: '5' } },
})
const runs = Number(values.runs)
const scale = Number(values.scale)
const fewer = Math.max(3, Math.round(runs / 10))
const zone = 'Europe/Berlin'

/**
 * `days` days of `rooms` rooms with 30-minute slots from 09:00, a keynote over every room each
 * morning, 300 sessions per 3 days; a pool of speakers sized so many give two or three talks and
 * panels have a moderator and panelists, with some rooms double-booked and some talks overrunning.
 */
function conference(days: number, rooms: number, perDay: number) {
  const roomIds = Array.from({ length: rooms }, (_, i) => `room-${i}`)
  const dates = Array.from({ length: days }, (_, i) =>
    new Date(Date.UTC(2027, 2, 26 + i)).toISOString().slice(0, 10),
  )
  const frame: ScheduleFrame = {
    timeZone: zone,
    startsAt: zonedTime(`${dates[0]}T09:00`, zone),
    endsAt: zonedTime(`${dates.at(-1)}T20:00`, zone),
    rooms: roomIds.map((id) => ({ id, hours: { opens: '08:30', closes: '21:00' } })),
  }
  let seed = 42
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
  const speakers = Math.round(perDay * days * 0.8)
  const person = () => `person-${Math.floor(random() * speakers)}`
  const sessions: PlacedSession[] = []
  for (const date of dates) {
    const dayStart = zonedTime(`${date}T09:00`, zone).getTime()
    sessions.push({
      id: `keynote-${date}`,
      roomId: roomIds[0]!,
      startsAt: new Date(dayStart),
      endsAt: new Date(dayStart + (random() < 0.5 ? 35 : 30) * 60_000),
      people: [person()],
      spansRooms: true,
    })
    for (let i = 0; i < perDay - 1; i++) {
      const start = dayStart + (30 + Math.floor(i / rooms) * 30) * 60_000
      const panel = random() < 0.2
      const people = Array.from({ length: panel ? 4 : random() < 0.3 ? 2 : 1 }, person)
      sessions.push({
        id: `session-${date}-${i}`,
        roomId: random() < 0.03 ? roomIds[(i + 1) % rooms]! : roomIds[i % rooms]!,
        startsAt: new Date(start),
        endsAt: new Date(start + (random() < 0.05 ? 45 : 30) * 60_000),
        people,
        slot: { startsAt: new Date(start), endsAt: new Date(start + 30 * 60_000) },
      })
    }
  }
  return { frame, sessions }
}

// The baseline: every pair compared, the event's days and the rooms' hours worked out per session.
function pairByPair(sessions: readonly PlacedSession[], frame: ScheduleFrame) {
  const found: string[] = []
  const localDate = (t: number) => new Date(t + offsetAt(t, frame.timeZone)).toISOString().slice(0, 10)
  const opens = zonedTime(`${localDate(frame.startsAt.getTime())}T00:00`, frame.timeZone).getTime()
  const lastDay = new Date(`${localDate(frame.endsAt.getTime() - 1)}T00:00:00Z`)
  lastDay.setUTCDate(lastDay.getUTCDate() + 1)
  const closes = zonedTime(`${lastDay.toISOString().slice(0, 10)}T00:00`, frame.timeZone).getTime()
  for (let i = 0; i < sessions.length; i++) {
    const a = sessions[i]!
    for (let j = i + 1; j < sessions.length; j++) {
      const b = sessions[j]!
      if (!(a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime())) continue
      if (a.spansRooms || b.spansRooms) found.push(`plenary ${a.id} ${b.id}`)
      else if (a.roomId === b.roomId) found.push(`room ${a.id} ${b.id}`)
      for (const p of new Set(a.people)) if (b.people.includes(p)) found.push(`speaker ${a.id} ${b.id} ${p}`)
    }
    if (a.startsAt.getTime() < opens || a.endsAt.getTime() > closes) found.push(`outside_event ${a.id}`)
    const hours = frame.rooms.find((r) => r.id === a.roomId)?.hours
    if (hours && !a.spansRooms) {
      const day = localDate(a.startsAt.getTime())
      const from = zonedTime(`${day}T${hours.opens}`, frame.timeZone)
      const to = zonedTime(`${day}T${hours.closes}`, frame.timeZone)
      if (a.startsAt < from || a.endsAt > to) found.push(`outside_room_hours ${a.id}`)
    }
    if (a.slot && (a.startsAt < a.slot.startsAt || a.endsAt > a.slot.endsAt))
      found.push(`longer_than_slot ${a.id}`)
  }
  return found
}

function time(f: () => unknown, count: number) {
  const times: number[] = []
  let result: unknown
  for (let i = 0; i < count; i++) {
    const t0 = performance.now()
    result = f()
    times.push(performance.now() - t0)
  }
  return { median: median(times), result }
}

const rows = [['conference', 'conflicts', 'sweep (median)', 'pair by pair (median)', 'pair by pair ÷ sweep']]
let target = 0
for (const [label, days, rooms, perDay] of [
  ['3 days, 6 rooms, 300 sessions', 3, 6, 100],
  [`${3 * scale} days, 6 rooms, ${300 * scale} sessions`, 3 * scale, 6, 100],
] as const) {
  const { frame, sessions } = conference(days, rooms, perDay)
  // Warm both up so the first compilation is not what is measured.
  for (let i = 0; i < (days === 3 ? 5 : 1); i++) {
    findConflicts(sessions, frame)
    pairByPair(sessions, frame)
  }
  // The larger conference only shows how each grows; a few runs of the baseline say enough.
  const n = days === 3 ? runs : fewer
  const sweep = time(() => findConflicts(sessions, frame), n)
  const naive = time(() => pairByPair(sessions, frame), n)
  const found = (sweep.result as unknown[]).length
  if (found !== (naive.result as unknown[]).length) {
    throw new Error(`the two checks disagree: ${found} and ${(naive.result as unknown[]).length} conflicts`)
  }
  if (target === 0) target = sweep.median
  rows.push([
    label,
    String(found),
    `${sweep.median.toFixed(2)} ms`,
    `${naive.median.toFixed(2)} ms`,
    `${(naive.median / sweep.median).toFixed(1)}×`,
  ])
}
console.log(`Conflict check, median of ${runs} runs (${fewer} for the larger conference)\n`)
console.log(table(rows))
console.log(`\n300 sessions under 50 ms: ${verdict(target < 50)} (${target.toFixed(2)} ms)`)
