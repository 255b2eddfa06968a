// Which events offer their programme to conference apps (frab schedule.xml, c3voc schedule.json),
// and which sessions those files hold. Pages link the files by the same answer the files give.
type ScheduledSession = { kind: string; startsAt: Date | null; endsAt: Date | null }

/**
 * A session with a place on the clock. Breaks are left out, as pretalx leaves them out by
 * default: apps list talks, and a break spans rooms that the formats cannot say.
 */
export const inSchedule = <S extends ScheduledSession>(
  session: S,
): session is S & { startsAt: Date; endsAt: Date } =>
  session.startsAt !== null && session.endsAt !== null && session.kind !== 'break'

/**
 * A conference always has a schedule (its days, even before a session is placed); a meetup once
 * one of its sessions is timed. A published event's schedule is for everyone, a draft's for its
 * organisers (the only people who see a draft); a postponed or cancelled event schedules nothing.
 */
export const offersSchedule = (
  event: { kind: string; status: string },
  sessions: readonly ScheduledSession[],
) =>
  (event.status === 'published' || event.status === 'draft') &&
  (event.kind === 'conference' || sessions.some(inSchedule))

/** Where a published schedule put a session, by the session's guid (stable across moves). */
export type PublishedPlacement = { guid: string; roomId: string | null; startsAt: Date; endsAt: Date }

type Placeable = {
  guid: string
  kind: string
  roomId: string | null
  startsAt: Date | null
  endsAt: Date | null
  position?: number
  id: string
}

/**
 * The sessions as the public sees them. Before the first published version (`published` null)
 * they stand where the editor put them. After it, each session stands where the latest version
 * put it, and one that version does not hold (added, or taken off the clock, since) is not shown:
 * moving a session in the editor changes nothing public until the next version. Breaks are never
 * in a version (nobody is told of one), so they stay as placed. Titles, abstracts, speakers and
 * recordings are not versioned: they are the session's own, as it is now. Ordered as the
 * database orders them: by start (untimed last), position, id.
 */
export function publicPlacements<S extends Placeable>(
  sessions: readonly S[],
  published: readonly PublishedPlacement[] | null,
): S[] {
  if (!published) return [...sessions]
  const byGuid = new Map(published.map((p) => [p.guid, p]))
  const shown = sessions.flatMap((s) => {
    if (s.kind === 'break') return [s]
    const p = byGuid.get(s.guid)
    return p ? [{ ...s, roomId: p.roomId, startsAt: p.startsAt, endsAt: p.endsAt }] : []
  })
  const time = (d: Date | null) => d?.getTime() ?? Number.POSITIVE_INFINITY
  return shown.sort(
    (a, b) =>
      time(a.startsAt) - time(b.startsAt) ||
      (a.position ?? 0) - (b.position ?? 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )
}
