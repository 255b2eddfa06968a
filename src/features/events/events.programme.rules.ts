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
