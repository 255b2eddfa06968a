// Pure rules of city chapters.

export const teamRoles = ['leader', 'vice_leader', 'member'] as const
export type TeamRole = (typeof teamRoles)[number]

export const chapterStatuses = ['active', 'at_risk', 'inactive'] as const
export type ChapterStatus = (typeof chapterStatuses)[number]

type Seat = { role: string; startedAt: Date; endedAt: Date | null }

/** The team as it is now, leader first, then the vice-leader, then members by seniority. */
export function currentTeam<T extends Seat>(seats: T[]): T[] {
  const order = (role: string) => {
    const i = (teamRoles as readonly string[]).indexOf(role)
    return i === -1 ? teamRoles.length : i
  }
  return seats
    .filter((s) => s.endedAt === null)
    .sort((a, b) => order(a.role) - order(b.role) || a.startedAt.getTime() - b.startedAt.getTime())
}

/** Everyone who held a place and no longer does, most recent first. */
export const pastTeam = <T extends Seat>(seats: T[]): T[] =>
  seats.filter((s) => s.endedAt !== null).sort((a, b) => b.endedAt!.getTime() - a.endedAt!.getTime())

/** A URL-safe slug from an English city name: "Xi'an" → "xian", "Hong Kong" → "hong-kong". */
export const chapterSlug = (cityEn: string) =>
  cityEn
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
