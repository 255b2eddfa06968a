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
  /**
   * A newly seated leader has at least this many days from taking the seat before the deadline
   * (0, the default: none; a handover does not move the clock).
   */
  leaderGraceDays: number
}

export type HealthFacts = {
  status: ChapterStatus
  /** When the stored status last changed. */
  statusSince: Date
  foundedOn: string
  /** The day a new leader brought the chapter back from inactive (the clock restarts there). */
  revivedOn: string | null
  /** When the current leader took the seat; null: the chapter has no leader. */
  leaderSince: Date | null
  /** The last offline (or hybrid) event held, not one announced for later; online ones never count. */
  lastEventOn: string | null
  /** The last day an exemption the SIG recorded covers. */
  exemptUntil: string | null
  /** While the SIG looks for a new leader: the day the search ends (null: no search open). */
  leaderWantedUntil?: string | null
}

export type Health = {
  status: ChapterStatus
  why: 'noLeader' | 'leaderWanted' | 'waitsForLeader' | 'exempt' | 'windowPassed' | 'deadlineNear' | 'held'
  /** The day by which the next event must be held (null when no clock runs). */
  deadline: string | null
}

/** What the yearly clock counts from, and the day it runs out. */
export type EventClock = {
  from: string
  basis: 'event' | 'founding' | 'revival' | 'leaderGrace'
  deadline: string
}

/**
 * The yearly clock of a chapter with a leader. It runs from the chapter's last offline event, its
 * founding, or the day a new leader brought it back from inactive, whichever is latest, whoever
 * leads it: the rule binds the chapter (城市站 … 每年至少组织一场线下活动), so a handover does not
 * restart it, or a chapter could go years without an event by passing the seat around. A new
 * leader gets a grace period only when the policy grants one.
 */
export function eventClock(facts: HealthFacts, policy: HealthPolicy): EventClock {
  // Coming back from inactive is a fresh start, like a founding: the leader seated after it
  // became inactive is the revival (the stored day once the chapter is active again).
  const revival =
    facts.status === 'inactive' && facts.leaderSince ? dayOf(facts.leaderSince) : facts.revivedOn
  const starts: [string | null, EventClock['basis']][] = [
    [facts.foundedOn, 'founding'],
    [revival, 'revival'],
    [facts.lastEventOn, 'event'],
  ]
  const [from, basis] = starts
    .filter((s): s is [string, EventClock['basis']] => s[0] !== null)
    .reduce((a, b) => (b[0] >= a[0] ? b : a))
  const deadline = addMonths(from, policy.windowMonths)
  if (policy.leaderGraceDays > 0 && facts.leaderSince) {
    const graceEnds = addDays(dayOf(facts.leaderSince), policy.leaderGraceDays)
    if (graceEnds > deadline) return { from, basis: 'leaderGrace', deadline: graceEnds }
  }
  return { from, basis, deadline }
}

/**
 * Where a chapter stands. Past the clock's deadline it becomes inactive unless an exemption covers
 * today; `warnDays` before it, at risk. An inactive chapter stays inactive until a leader is
 * approved after it became so.
 */
export function chapterHealth(facts: HealthFacts, policy: HealthPolicy, now: Date): Health {
  if (!facts.leaderSince) {
    // The leader stepped down without a successor: the SIG looks for one (the seed: 上级组织将会
    // 寻找合适的人员), and only a search that ends with nobody makes the chapter inactive.
    if (facts.leaderWantedUntil && facts.status !== 'inactive' && dayOf(now) < facts.leaderWantedUntil)
      return { status: 'at_risk', why: 'leaderWanted', deadline: facts.leaderWantedUntil }
    return { status: 'inactive', why: 'noLeader', deadline: null }
  }
  if (facts.status === 'inactive' && facts.leaderSince <= facts.statusSince)
    return { status: 'inactive', why: 'waitsForLeader', deadline: null }
  const { deadline } = eventClock(facts, policy)
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

// --- Events that count ------------------------------------------------------------------------

export const eventModes = ['offline', 'hybrid', 'online'] as const
export type EventMode = (typeof eventModes)[number]

/**
 * 线下 is people meeting face to face in the city (the seed: 聚在一起面对面交流). A hybrid event
 * has that gathering, with a stream beside it, so it counts; an online-only one does not.
 */
export const countsAsOffline = (mode: EventMode) => mode !== 'online'

/**
 * A hand-recorded event rests on the word of whoever recorded it, so it needs something more: an
 * attendance count, a photos link or a link to a report (at least one).
 */
export const hasEvidence = (e: {
  attendance: number | null
  link: string | null
  photosUrl: string | null
}) => (e.attendance !== null && e.attendance > 0) || Boolean(e.link) || Boolean(e.photosUrl)

/**
 * An offline event as the yearly rule sees it, whichever feature knows of it: the events a
 * chapter's team recorded by hand (self-reported), and the events this site ran with people
 * checked in (not self-reported; see chapters.held.ts).
 */
export type OfflineEventFact = { chapterId: string; heldOn: string; selfReported: boolean }

/** Each chapter's latest offline event over every source; on one day, a checked-in one wins. */
export function lastOfflineEvents<F extends OfflineEventFact>(facts: readonly F[]): Map<string, F> {
  const last = new Map<string, F>()
  for (const f of facts) {
    const seen = last.get(f.chapterId)
    if (!seen || f.heldOn > seen.heldOn || (f.heldOn === seen.heldOn && seen.selfReported && !f.selfReported))
      last.set(f.chapterId, f)
  }
  return last
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

/** Why a successor named by someone stepping down cannot take their seat. */
export type SuccessorRefusal = 'noSuchSuccessor' | 'successorIsSelf' | 'successorIsLeader'

/**
 * Whether the person a leaver names can take the leaver's seat. Refused: nobody by that name
 * here; the leaver themselves; and, for a vice-leader, the current leader — seating them as
 * vice-leader would empty the leader's seat with no search opened for it (one seat each).
 * `successorId` is null when the name matched nobody.
 */
export function successorRefusal(
  leaver: { personId: string; role: string },
  successorId: string | null,
  seats: readonly { personId: string; role: string }[],
): SuccessorRefusal | null {
  if (!successorId) return 'noSuchSuccessor'
  if (successorId === leaver.personId) return 'successorIsSelf'
  const theirs = seats.find((s) => s.personId === successorId)
  if (leaver.role === 'vice_leader' && theirs?.role === 'leader') return 'successorIsLeader'
  return null
}
