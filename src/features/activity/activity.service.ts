import type { Deps } from '../../platform/deps.ts'
import { type Actor, authorize } from '../access/index.ts'
import * as repo from './activity.repo.ts'
import {
  type ActiveAnswer,
  type Contribution,
  type ContributionKind,
  contributionFromWebhook,
  inScope,
  isActive,
  isBot,
  type ScopeEntry,
} from './activity.rules.ts'

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
  if (!(await repo.recordDelivery(deps.db, delivery.id, delivery.event, now))) return 'duplicate'
  const found = contributionFromWebhook(delivery.event, delivery.payload, now)
  if (!found) return 'ignored'
  const stored = await storeContributions(deps, [found], { scope: await loadScope(deps), source: 'webhook' })
  await repo.setDeliveryStored(deps.db, delivery.id, stored)
  return stored > 0 ? 'stored' : 'ignored'
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

export async function markBot(deps: Pick<Deps, 'db'>, actor: Actor, githubId: number, bot: boolean | null) {
  authorize(actor, { action: 'activity.manage' })
  await repo.setBotOverride(deps.db, githubId, bot)
}
