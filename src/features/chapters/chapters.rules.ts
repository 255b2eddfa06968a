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

// --- Staying active ---------------------------------------------------------------------------

/** A calendar date (YYYY-MM-DD) moved by whole months, the day clamped to the month's end. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const first = new Date(Date.UTC(y, m - 1 + months, 1))
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  first.setUTCDate(Math.min(d, last))
  return first.toISOString().slice(0, 10)
}

export const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

export const dayOf = (at: Date) => at.toISOString().slice(0, 10)

export type HealthPolicy = {
  /** A chapter holds at least one offline event within this many months. */
  windowMonths: number
  /** It is flagged "at risk" this many days before the window runs out. */
  warnDays: number
}

export type HealthFacts = {
  status: ChapterStatus
  /** When the stored status last changed. */
  statusSince: Date
  foundedOn: string
  /** When the current leader took the seat; null: the chapter has no leader. */
  leaderSince: Date | null
  /** The last offline event held (not one announced for later). */
  lastEventOn: string | null
  /** The last day an exemption the SIG recorded covers. */
  exemptUntil: string | null
}

export type Health = {
  status: ChapterStatus
  why: 'noLeader' | 'waitsForLeader' | 'exempt' | 'windowPassed' | 'deadlineNear' | 'held'
  /** The day by which the next event must be held (null when no clock runs). */
  deadline: string | null
}

/**
 * Where a chapter stands. The clock starts at its last held event, its founding or its current
 * leader's start, whichever is latest (a new leader gets a whole window). Past the deadline it
 * becomes inactive unless an exemption covers today; `warnDays` before it, at risk. An inactive
 * chapter stays inactive until a leader is approved after it became so.
 */
export function chapterHealth(facts: HealthFacts, policy: HealthPolicy, now: Date): Health {
  if (!facts.leaderSince) return { status: 'inactive', why: 'noLeader', deadline: null }
  if (facts.status === 'inactive' && facts.leaderSince <= facts.statusSince)
    return { status: 'inactive', why: 'waitsForLeader', deadline: null }
  const since = [facts.foundedOn, dayOf(facts.leaderSince), facts.lastEventOn]
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1)!
  const deadline = addMonths(since, policy.windowMonths)
  const today = dayOf(now)
  const exempt = facts.exemptUntil !== null && facts.exemptUntil >= today
  if (today >= addDays(deadline, -policy.warnDays)) {
    if (exempt) return { status: 'active', why: 'exempt', deadline }
    return today >= deadline
      ? { status: 'inactive', why: 'windowPassed', deadline }
      : { status: 'at_risk', why: 'deadlineNear', deadline }
  }
  return { status: 'active', why: 'held', deadline }
}

// --- Support requests -------------------------------------------------------------------------

/** The community's support (活动支持, 培训, 其他支持): help with an event, training, or any other reasonable need. */
export const supportKinds = [
  'venue',
  'materials',
  'speakers',
  'volunteers',
  'promotion',
  'training',
  'other',
] as const
export type SupportKind = (typeof supportKinds)[number]

export const supportStatuses = ['open', 'in_progress', 'done', 'declined'] as const
export type SupportStatus = (typeof supportStatuses)[number]

/** Where a request can go from where it is: taken on, then done; declined from either. */
const supportMoves: Record<SupportStatus, readonly SupportStatus[]> = {
  open: ['in_progress', 'done', 'declined'],
  in_progress: ['done', 'declined', 'open'],
  done: [],
  declined: ['open'],
}

export const canMoveSupport = (from: SupportStatus, to: SupportStatus) => supportMoves[from].includes(to)

/**
 * What a chapter's team lacks against the seed's shape (一名站长，一名副站长，数名委员): each empty
 * leading seat, and how many members short of `minMembers` it is.
 */
export function teamGaps(seats: { role: string }[], minMembers: number) {
  const members = seats.filter((s) => s.role === 'member').length
  return {
    leader: !seats.some((s) => s.role === 'leader'),
    viceLeader: !seats.some((s) => s.role === 'vice_leader'),
    members: Math.max(0, minMembers - members),
  }
}
