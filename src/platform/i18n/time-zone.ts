// Times people type are in the community's time zone (a form's date-time field has none).

// Building a formatter costs ~70 µs and reading one ~4 µs: calendars scan a zone day by day.
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatterFor(timeZone: string) {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** The zone's offset from UTC at a moment, in milliseconds (Asia/Shanghai: +8 h). */
export function offsetAt(moment: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(moment))
      .map((p) => [p.type, p.value]),
  )
  const asUtc = Date.UTC(
    +parts.year!,
    +parts.month! - 1,
    +parts.day!,
    +parts.hour!,
    +parts.minute!,
    +parts.second!,
  )
  return asUtc - Math.floor(moment / 1000) * 1000
}

/** The zone's offset at a moment as ISO 8601 writes it after a local time: `+08:00`, `-04:00`. */
export function offsetString(date: Date, timeZone: string): string {
  const minutes = Math.round(offsetAt(date.getTime(), timeZone) / 60_000)
  const abs = Math.abs(minutes)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/** A moment as ISO 8601 local time in the zone with its offset: `2027-03-28T10:00:00+02:00`. */
export function zonedIsoString(date: Date, timeZone: string): string {
  const moment = Math.floor(date.getTime() / 1000) * 1000
  const local = new Date(moment + offsetAt(moment, timeZone)).toISOString().slice(0, 19)
  return `${local}${offsetString(new Date(moment), timeZone)}`
}

/** A change of a zone's offset: from `at` on, local time is UTC + `offsetTo` instead of `offsetFrom`. */
export type OffsetTransition = { at: Date; offsetFrom: number; offsetTo: number }

const DAY = 86_400_000

/**
 * Every change of the zone's offset in [from, to), read from the platform's time zone data (Intl
 * says what the offset is at a moment, never when it changes). Days are stepped, which finds
 * every change of the last decades (the closest two are weeks apart, around Ramadan in
 * Morocco), then each change is narrowed to its second.
 */
export function offsetTransitions(timeZone: string, from: Date, to: Date): OffsetTransition[] {
  const found: OffsetTransition[] = []
  // Whole seconds throughout, as offsets change on them: the halving below then always moves.
  const end = Math.ceil(to.getTime() / 1000) * 1000
  let before = Math.floor(from.getTime() / 1000) * 1000
  let offset = offsetAt(before, timeZone)
  while (before < end) {
    const after = Math.min(before + DAY, end)
    const next = offsetAt(after, timeZone)
    if (next !== offset) {
      let lo = before
      let hi = after
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000
        if (offsetAt(mid, timeZone) === offset) lo = mid
        else hi = mid
      }
      found.push({ at: new Date(hi), offsetFrom: offset, offsetTo: offsetAt(hi, timeZone) })
    }
    before = after
    offset = next
  }
  return found
}

/**
 * The zone's name with the case the platform gives it (`asia/shanghai` → `Asia/Shanghai`). A name
 * the platform would replace stays: ICU answers `Asia/Calcutta` for `Asia/Kolkata`, and
 * calendars and people know the current IANA name.
 */
export function canonicalTimeZone(timeZone: string): string {
  const resolved = formatterFor(timeZone).resolvedOptions().timeZone
  return resolved.toLowerCase() === timeZone.toLowerCase() ? resolved : timeZone
}

/** A wall-clock time (`2026-12-03T19:30`) in a zone, as the moment it names. */
export function zonedTime(local: string, timeZone: string): Date {
  const [date, time = '00:00'] = local.split('T')
  const [y, m, d] = date!.split('-').map(Number) as [number, number, number]
  const [hh, mm, ss = 0] = time.split(':').map(Number) as [number, number, number?]
  const wall = Date.UTC(y, m - 1, d, hh, mm, ss)
  // What is not a time stays an invalid Date for the caller to refuse (Intl throws on one).
  if (Number.isNaN(wall)) return new Date(Number.NaN)
  // Twice: the offset at the guess may differ from the one at the answer across a DST change.
  const first = wall - offsetAt(wall, timeZone)
  return new Date(wall - offsetAt(first, timeZone))
}

export const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}
