import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import { type Actor, authorize } from '../access/index.ts'
import { getProfile } from '../people/index.ts'
import * as repo from './activity.repo.ts'
import {
  type ActiveAnswer,
  type ActivityPeriod,
  absenceFactor,
  activityCalendar,
  type Contribution,
  type ContributionKind,
  contributionFromWebhook,
  type DayCount,
  inScope,
  isActive,
  isBot,
  monthsBefore,
  monthsUpTo,
  periodStart,
  type ScopeEntry,
} from './activity.rules.ts'
import * as stats from './activity.stats.ts'

export const loadScope = async (deps: Pick<Deps, 'db'>): Promise<ScopeEntry[]> =>
  (await repo.selectScope(deps.db)).map((s) => ({ kind: s.kind as ScopeEntry['kind'], name: s.name }))

/**
 * Stores the contributions that count: in scope, by a person (not a bot by pattern, by GitHub's
 * account type, or by an administrator's decision). Idempotent: keys are natural.
 */
export async function storeContributions(
  deps: Pick<Deps, 'db' | 'now'>,
  found: Contribution[],
  options: { scope: ScopeEntry[]; source: 'webhook' | 'archive' | 'api' },
): Promise<number> {
  const candidates = found.filter((c) => inScope(options.scope, c.repoName))
  if (candidates.length === 0) return 0
  return deps.db.transaction(async (tx) => {
    const known = new Map(
      (await repo.selectAccounts(tx, [...new Set(candidates.map((c) => c.githubId))])).map((a) => [
        a.githubId,
        a,
      ]),
    )
    const counted = candidates.filter(
      (c) =>
        !isBot({
          login: c.login,
          botOverride: known.get(c.githubId)?.botOverride ?? null,
          botAccount: c.botAccount,
        }),
    )
    const accounts = new Map(
      counted.map((c) => [c.githubId, { githubId: c.githubId, login: c.login, avatarUrl: c.avatarUrl }]),
    )
    await repo.upsertAccounts(tx, [...accounts.values()], deps.now())
    return repo.insertContributions(tx, counted, options.source)
  })
}

export type WebhookOutcome = 'duplicate' | 'ignored' | 'stored'

/** One verified webhook delivery; a redelivery (same id) changes nothing. */
export async function receiveWebhook(
  deps: Pick<Deps, 'db' | 'now'>,
  delivery: { id: string; event: string; payload: unknown },
): Promise<WebhookOutcome> {
  const now = deps.now()
  const scope = await loadScope(deps)
  // One transaction: a delivery is recorded only together with what it stored, so a failure
  // leaves GitHub's redelivery (same id) to be processed again, never answered "duplicate".
  return deps.db.transaction(async (tx) => {
    if (!(await repo.recordDelivery(tx, delivery.id, delivery.event, now))) return 'duplicate'
    const found = contributionFromWebhook(delivery.event, delivery.payload, now)
    if (!found) return 'ignored'
    const stored = await storeContributions({ db: tx, now: deps.now }, [found], { scope, source: 'webhook' })
    await repo.setDeliveryStored(tx, delivery.id, stored)
    return stored > 0 ? 'stored' : 'ignored'
  })
}

/** "Active in the community within N months", with the contribution that shows it. */
export async function isPersonActive(
  deps: Pick<Deps, 'db' | 'now'>,
  personId: string,
  withinMonths = 6,
): Promise<ActiveAnswer> {
  const last = await repo.selectLastContribution(deps.db, personId)
  return isActive(last ? { ...last, kind: last.kind as ContributionKind } : null, {
    withinMonths,
    now: deps.now(),
  })
}

/** Signing in with GitHub links the person to that account's activity (past and future). */
export async function linkGithubAccount(
  deps: Pick<Deps, 'db' | 'now'>,
  personId: string,
  gh: { id: number; login: string },
) {
  await repo.linkAccount(deps.db, gh.id, gh.login, personId, deps.now())
}

export async function addScope(deps: Pick<Deps, 'db'>, actor: Actor, entry: ScopeEntry) {
  authorize(actor, { action: 'activity.manage' })
  return repo.insertScope(deps.db, { ...entry, createdBy: actor.personId })
}

export async function removeScope(deps: Pick<Deps, 'db'>, actor: Actor, id: string) {
  authorize(actor, { action: 'activity.manage' })
  await repo.deleteScope(deps.db, id)
}

// --- Statistics and the activity console -------------------------------------------------------

export type PersonActivity = stats.PersonStats & {
  calendar: DayCount[]
  active: ActiveAnswer
}

/** What a profile shows: counts in the period, first and last contribution, the year's calendar. */
export async function personActivity(
  deps: Pick<Deps, 'db' | 'now'>,
  personId: string,
  options: { period?: ActivityPeriod; withinMonths?: number } = {},
): Promise<PersonActivity> {
  const now = deps.now()
  const calendarFrom = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 364))
  const found = await stats.selectPersonStats(deps.db, personId, {
    since: periodStart(options.period ?? 'all', now),
    calendarFrom,
  })
  return {
    ...found,
    calendar: activityCalendar(found.perDay, now),
    active: isActive(found.last, { withinMonths: options.withinMonths ?? 6, now }),
  }
}

export type CommunityActivity = {
  leaderboard: stats.LeaderboardEntry[]
  total: number
  absenceFactor: number
  months: stats.MonthlyContributors[]
}

/**
 * The contributors page: everyone in the period (busiest first), the absence factor, and
 * contributors per month (at least the last twelve, so a short period still shows a trend).
 */
export async function communityActivity(
  deps: Pick<Deps, 'db' | 'now'>,
  options: { period: ActivityPeriod; kind?: ContributionKind | undefined },
): Promise<CommunityActivity> {
  const now = deps.now()
  const since = periodStart(options.period, now)
  const monthsSince = since && since > monthsBefore(now, 11) ? monthsBefore(now, 11) : since
  const [leaderboard, found] = await Promise.all([
    stats.selectLeaderboard(deps.db, { since, kind: options.kind }),
    stats.selectMonthlyContributors(deps.db, { since: monthsSince, kind: options.kind }),
  ])
  const byMonth = new Map(found.map((m) => [m.month, m]))
  const first = found[0]?.month
  const span = monthsSince
    ? 12
    : first
      ? (now.getUTCFullYear() - Number(first.slice(0, 4))) * 12 +
        now.getUTCMonth() +
        2 -
        Number(first.slice(5))
      : 0
  const months = monthsUpTo(now, span).map(
    (month) => byMonth.get(month) ?? { month, total: 0, new: 0, returning: 0 },
  )
  return {
    leaderboard,
    total: leaderboard.reduce((a, e) => a + e.count, 0),
    absenceFactor: absenceFactor(leaderboard.map((e) => e.count)),
    months,
  }
}

/** Everything the activity console shows. */
export async function activityConsole(deps: Pick<Deps, 'db'>, actor: Actor) {
  authorize(actor, { action: 'activity.manage' })
  const [scope, bots, links, lastDelivery, imports] = await Promise.all([
    repo.selectScope(deps.db),
    stats.selectBotAccounts(deps.db),
    stats.selectLinkedAccounts(deps.db),
    repo.selectLatestDelivery(deps.db),
    stats.selectRecentArchiveImports(deps.db),
  ])
  return {
    scope,
    bots,
    links,
    lastDelivery: lastDelivery ?? null,
    imports: imports.map((i) => ({
      ...i,
      startedAt: new Date(i.startedAt),
      finishedAt: i.finishedAt ? new Date(i.finishedAt) : null,
    })),
  }
}

const accountByLogin = async (deps: Pick<Deps, 'db'>, login: string) => {
  const account = await stats.selectAccountByLogin(deps.db, login)
  if (!account) throw new DomainError('notFoundRecord', `No GitHub account ${login} is known`)
  return account
}

/**
 * Marks (true) or unmarks (null: back to the patterns) an account as a bot. Only accounts the
 * store has seen can be marked: GitHub ids, not logins, identify them.
 */
export async function markBotByLogin(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  login: string,
  bot: boolean | null,
) {
  authorize(actor, { action: 'activity.manage' })
  const account = await accountByLogin(deps, login)
  await repo.setBotOverride(deps.db, account.githubId, bot)
  return account
}

/** Links a known GitHub account to the person with `handle`: its activity becomes theirs. */
export async function linkLoginToPerson(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  input: { login: string; handle: string },
) {
  authorize(actor, { action: 'activity.manage' })
  const account = await accountByLogin(deps, input.login)
  const { person } = await getProfile(deps, input.handle)
  await repo.linkAccount(deps.db, account.githubId, account.login, person.id, deps.now())
  return { account, person }
}

export async function unlinkAccount(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, githubId: number) {
  authorize(actor, { action: 'activity.manage' })
  const [account] = await repo.selectAccounts(deps.db, [githubId])
  if (!account) throw new DomainError('notFoundRecord')
  await repo.linkAccount(deps.db, githubId, account.login, null, deps.now())
}
