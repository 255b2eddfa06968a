// Pure rules of SIG meetings.

export type AgendaItemFacts = { id: string; chapterId: string | null }

/**
 * The items about a chapter that nobody from that chapter's team has confirmed to attend: the
 * community's rule is that such an item needs at least one of them there.
 */
export function uncoveredItems<T extends AgendaItemFacts>(
  items: T[],
  attendees: ReadonlySet<string>,
  teams: ReadonlyMap<string, readonly string[]>,
): T[] {
  return items.filter(
    (item) => item.chapterId !== null && !(teams.get(item.chapterId) ?? []).some((p) => attendees.has(p)),
  )
}

/** Chapters are asked once, within this many days before the meeting (the daily job). */
export const ASK_WITHIN_DAYS = 7

export const dueForAsking = (startsAt: Date, askedAt: Date | null, now: Date) =>
  askedAt === null && startsAt > now && startsAt.getTime() - now.getTime() <= ASK_WITHIN_DAYS * 86_400_000

// --- Who was there ------------------------------------------------------------------------------

export type SeatFact = { personId: string; chapterId: string; startedAt: Date; endedAt: Date | null }

/** Who sat on a chapter's team at a moment (a seat ended before the meeting does not count). */
export const teamAt = (seats: readonly SeatFact[], chapterId: string, at: Date) =>
  seats
    .filter((s) => s.chapterId === chapterId && s.startedAt <= at && (s.endedAt === null || s.endedAt > at))
    .map((s) => s.personId)

export type HeldMeeting = {
  id: string
  titleZh: string | null
  titleEn: string | null
  startsAt: Date
  presenceRecordedAt: Date | null
}

/**
 * How a chapter was represented at the meetings that discussed it, judged by who was recorded as
 * present (not by who confirmed): the seed's rule is that at least one of its members takes part.
 * Meetings whose attendance nobody recorded yet say nothing either way.
 */
export function chapterRepresentation(
  chapterId: string,
  meetings: readonly HeldMeeting[],
  items: readonly {
    meetingId: string
    chapterId: string | null
    titleZh: string | null
    titleEn: string | null
  }[],
  present: ReadonlyMap<string, ReadonlySet<string>>,
  seats: readonly SeatFact[],
) {
  const discussed = items
    .filter((i) => i.chapterId === chapterId)
    .flatMap((item) => {
      const meeting = meetings.find((m) => m.id === item.meetingId)
      return meeting?.presenceRecordedAt ? [{ item, meeting }] : []
    })
    .sort((a, b) => b.meeting.startsAt.getTime() - a.meeting.startsAt.getTime())
  const represented = ({ meeting }: (typeof discussed)[number]) =>
    teamAt(seats, chapterId, meeting.startsAt).some((p) => present.get(meeting.id)?.has(p))
  const last = discussed.find(represented)?.meeting
  return {
    discussed: discussed.length > 0,
    lastRepresented: last
      ? { meetingId: last.id, titleZh: last.titleZh, titleEn: last.titleEn, startsAt: last.startsAt }
      : null,
    missed: discussed
      .filter((d) => !represented(d))
      .map(({ item, meeting }) => ({
        meetingId: meeting.id,
        meetingTitleZh: meeting.titleZh,
        meetingTitleEn: meeting.titleEn,
        startsAt: meeting.startsAt,
        itemZh: item.titleZh,
        itemEn: item.titleEn,
      })),
  }
}

/** Who was there is recorded once the meeting has started, not before. */
export const mayRecordPresence = (startsAt: Date, now: Date) => startsAt <= now
