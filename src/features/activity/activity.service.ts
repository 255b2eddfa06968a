import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import { type Actor, authorize } from '../access/index.ts'
import { getProfile } from '../people/index.ts'
import { selectLatestRun } from './activity.reconcile.repo.ts'
import * as repo from './activity.repo.ts'
import { ensureRollups, refreshRollups } from './activity.rollups.ts'
import {
  type ActiveAnswer,
  type ActivityPeriod,
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
 * account type, or by an administrator's decision). Idempotent: keys are natural. Returns the
 * keys stored now.
 */
export async function storeContributions(
  deps: Pick<Deps, 'db' | 'now'>,
  found: Contribution[],
  options: { scope: ScopeEntry[]; source: 'webhook' | 'archive' | 'api' },
): Promise<Set<string>> {
  const counted = found.filter(
    (c) =>
      inScope(options.scope, c.repoName) &&
      !isBot({ login: c.login, botOverride: null, botAccount: c.botAccount }),
  )
  return repo.insertCounted(deps.db, counted, options.source, deps.now())
}

export type WebhookOutcome = 'duplicate' | 'ignored' | 'stored'
export type WebhookDelivery = { id: string; event: string; payload: unknown }

/**
 * Verified webhook deliveries, any number at once (one transaction and three statements for the
 * lot); a redelivery (an id seen before, or twice in the batch) changes nothing. A delivery is
 * recorded only together with what it stored, so a failure leaves GitHub's redelivery to be
 * processed again, never answered "duplicate".
 */
export async function receiveWebhooks(
  deps: Pick<Deps, 'db' | 'now'>,
  deliveries: WebhookDelivery[],
): Promise<WebhookOutcome[]> {
  const now = deps.now()
  const scope = await loadScope(deps)
  return deps.db.transaction(async (tx) => {
    const fresh = await repo.recordDeliveries(tx, deliveries, now)
    const firstSeen = new Set<string>()
    const found = new Map<string, Contribution>()
    for (const d of deliveries) {
      if (!fresh.has(d.id) || firstSeen.has(d.id)) continue
      firstSeen.add(d.id)
      const c = contributionFromWebhook(d.event, d.payload, now)
      if (c) found.set(d.id, c)
    }
    const stored = await storeContributions({ db: tx, now: deps.now }, [...found.values()], {
      scope,
      source: 'webhook',
    })
    const storing = [...found].filter(([, c]) => stored.has(c.key)).map(([id]) => id)
    await repo.markDeliveriesStored(tx, storing)
    const counted = new Set<string>()
    return deliveries.map((d) => {
      if (counted.has(d.id) || !firstSeen.has(d.id)) return 'duplicate'
      counted.add(d.id)
      return storing.includes(d.id) ? 'stored' : 'ignored'
    })
  })
}

/** One verified webhook delivery; a redelivery (same id) changes nothing. */
export async function receiveWebhook(deps: Pick<Deps, 'db' | 'now'>, delivery: WebhookDelivery) {
  const [outcome] = await receiveWebhooks(deps, [delivery])
  return outcome!
}

/**
 * Takes deliveries as they come and stores those that arrive while a batch is being written
 * together in the next one: under load one transaction serves many requests (on PGlite every
 * statement costs), while a lone delivery is written at once. A failed batch is retried one
 * delivery at a time, so one bad delivery fails alone.
 */
export function webhookIntake(deps: Pick<Deps, 'db' | 'now'>, maxBatch = 200) {
  type Waiting = {
    delivery: WebhookDelivery
    resolve: (o: WebhookOutcome) => void
    reject: (e: unknown) => void
  }
  let waiting: Waiting[] = []
  let writing = false
  async function writeAll() {
    while (waiting.length) {
      const batch = waiting.slice(0, maxBatch)
      waiting = waiting.slice(maxBatch)
      try {
        const outcomes = await receiveWebhooks(
          deps,
          batch.map((w) => w.delivery),
        )
        batch.forEach((w, i) => {
          w.resolve(outcomes[i]!)
        })
      } catch (e) {
        if (batch.length === 1) batch[0]!.reject(e)
        else for (const w of batch) await receiveWebhook(deps, w.delivery).then(w.resolve, w.reject)
      }
    }
    writing = false
  }
  return (delivery: WebhookDelivery) =>
    new Promise<WebhookOutcome>((resolve, reject) => {
      waiting.push({ delivery, resolve, reject })
      if (writing) return
      writing = true
      // After the requests already read in this turn of the event loop have joined: PGlite
      // runs a statement without yielding, so a batch started at once would stay a batch of one.
      setImmediate(writeAll)
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

export type CommunityActivity = stats.Leaderboard & { months: stats.MonthlyContributors[] }

/**
 * The contributors page: the busiest contributors in the period, how many there were, the
 * absence factor, and contributors per month (at least the last twelve, so a short period still
 * shows a trend).
 */
export async function communityActivity(
  deps: Pick<Deps, 'db' | 'now'>,
  options: { period: ActivityPeriod; kind?: ContributionKind | undefined; limit: number; offset?: number },
): Promise<CommunityActivity> {
  const now = deps.now()
  const since = periodStart(options.period, now)
  const monthsSince = since && since > monthsBefore(now, 11) ? monthsBefore(now, 11) : since
  const [leaderboard, found] = await Promise.all([
    stats.selectLeaderboard(deps.db, { ...options, now }),
    stats.selectMonthlyContributors(deps.db, monthsSince && `${monthsSince.toISOString().slice(0, 7)}-01`),
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
  return { ...leaderboard, months }
}

/** Builds the statistics rollups if missing, slides them to today, recounts changed months. */
export const refreshActivityRollups = (deps: Pick<Deps, 'db' | 'now'>) => refreshRollups(deps.db, deps.now())

/** At start-up, before the server listens: builds the rollups after an upgrade or a restore. */
export const ensureActivityRollups = (deps: Pick<Deps, 'db' | 'now'>) => ensureRollups(deps.db, deps.now())

/** Everything the activity console shows. */
export async function activityConsole(deps: Pick<Deps, 'db'>, actor: Actor) {
  authorize(actor, { action: 'activity.manage' })
  const [scope, bots, links, lastDelivery, imports, lastReconciliation] = await Promise.all([
    repo.selectScope(deps.db),
    stats.selectBotAccounts(deps.db),
    stats.selectLinkedAccounts(deps.db),
    repo.selectLatestDelivery(deps.db),
    stats.selectRecentArchiveImports(deps.db),
    selectLatestRun(deps.db),
  ])
  return {
    scope,
    bots,
    links,
    lastDelivery: lastDelivery ?? null,
    lastReconciliation: lastReconciliation ?? null,
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
