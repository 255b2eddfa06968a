// Times people type are in the community's time zone (a form's date-time field has none).

/** The zone's offset from UTC at a moment, in milliseconds (Asia/Shanghai: +8 h). */
function offsetAt(moment: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
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
