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
