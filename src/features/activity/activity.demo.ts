import type { Deps } from '../../platform/deps.ts'
import { seededRandom } from '../../platform/random.ts'
import { getProfile, recordGithubIdentity } from '../people/index.ts'
import * as repo from './activity.repo.ts'
import { refreshRollups } from './activity.rollups.ts'
import type { Contribution, ContributionKind } from './activity.rules.ts'

// Made-up GitHub identities for the demo people: ids from 9000001 and logins starting with
// "demo-", so nothing here can be mistaken for a real account.
const demoAccounts: { handle: string | null; login: string; weight: number; quietMonths?: number }[] = [
  { handle: 'fawei', login: 'demo-fawei', weight: 3 },
  { handle: 'michelangelo-yang', login: 'demo-michelangelo-yang', weight: 5 },
  { handle: 'zhang-haili', login: 'demo-zhang-haili', weight: 4 },
  // Stepped back: nothing for the last eight months, so "active within six months" says no.
  { handle: 'shen-honglei', login: 'demo-shen-honglei', weight: 6, quietMonths: 8 },
  { handle: 'liu-dehan', login: 'demo-liu-dehan', weight: 9 },
  { handle: 'zhang-haofei', login: 'demo-zhang-haofei', weight: 7 },
  { handle: 'yin-min', login: 'demo-yin-min', weight: 12 },
  { handle: 'xue-xinglin', login: 'demo-xue-xinglin', weight: 2 },
  { handle: 'ma-jinjing', login: 'demo-ma-jinjing', weight: 2 },
  { handle: 'zhou-zhengjun', login: 'demo-zhou-zhengjun', weight: 3 },
  { handle: 'lou-ju', login: 'demo-lou-ju', weight: 1 },
  { handle: 'hu-tao', login: 'demo-hu-tao', weight: 2 },
  { handle: 'huang-shihao', login: 'demo-huang-shihao', weight: 1 },
  // Contributors who have no profile here: they show under their GitHub login.
  { handle: null, login: 'demo-visiting-contributor', weight: 2 },
  { handle: null, login: 'demo-drive-by-fixer', weight: 1 },
]

const repos = [
  { id: 9100001, name: 'kubesphere/kubesphere', weight: 50 },
  { id: 9100002, name: 'kubesphere/console', weight: 35 },
  { id: 9100003, name: 'kubesphere/website', weight: 15 },
]

// Roughly how a busy repository's activity splits: much talk and review, fewer merges.
const kinds: { kind: ContributionKind; weight: number }[] = [
  { kind: 'issue_comment', weight: 26 },
  { kind: 'review', weight: 18 },
  { kind: 'pr_opened', weight: 14 },
  { kind: 'push', weight: 12 },
  { kind: 'pr_merged', weight: 10 },
  { kind: 'review_comment', weight: 9 },
  { kind: 'issue_opened', weight: 6 },
  { kind: 'issue_closed', weight: 3 },
  { kind: 'pr_closed', weight: 1 },
  { kind: 'commit_comment', weight: 1 },
]

const pick = <T extends { weight: number }>(items: T[], r: number): T => {
  const total = items.reduce((a, i) => a + i.weight, 0)
  let x = r * total
  for (const item of items) {
    x -= item.weight
    if (x < 0) return item
  }
  return items[items.length - 1]!
}

const DAY = 86_400_000
const CONTRIBUTIONS = 420
const SPAN_DAYS = 14 * 30

// People who came later (Beijing's proposed vice-leader and a first member; the third has no
// GitHub account): their months come from a generator of their own, so everyone else's history
// stays as it was.
const newcomers = [
  { handle: 'wang-jiahui', login: 'demo-wang-jiahui', weight: 3 },
  { handle: 'chen-bo', login: 'demo-chen-bo', weight: 1 },
]
const NEWCOMER_CONTRIBUTIONS = 40
const NEWCOMER_SPAN_DAYS = 8 * 30

type Account = (typeof demoAccounts)[number] & { githubId: number; personId: string | null }

/** About `count` contributions of `accounts` over the last `spanDays`, the same every time for a seed. */
function history(
  now: Date,
  accounts: Account[],
  seed: number,
  prefix: string,
  count: number,
  spanDays: number,
) {
  const random = seededRandom(seed)
  const found: Contribution[] = []
  for (let n = 0; found.length < count && n < count * 4; n++) {
    const account = pick(accounts, random())
    const repo = pick(repos, random())
    const { kind } = pick(kinds, random())
    // Weekdays are busier than weekends, and the newest months a little busier than the oldest.
    const ago = Math.floor(spanDays * random() ** 1.2)
    const at = new Date(now.getTime() - ago * DAY - Math.floor(random() * DAY))
    if ([0, 6].includes(at.getUTCDay()) && random() < 0.6) continue
    if (account.quietMonths && ago < account.quietMonths * 30) continue
    const number = kind === 'push' || kind === 'commit_comment' ? null : 1000 + Math.floor(random() * 5500)
    found.push({
      key: `${kind}:${prefix}-${n}`,
      githubId: account.githubId,
      login: account.login,
      avatarUrl: null,
      botAccount: false,
      kind,
      repoId: repo.id,
      repoName: repo.name,
      number,
      occurredAt: at,
    })
  }
  return found
}

/** The tracked organisation, linked demo accounts and about 460 contributions over 14 months. */
export async function seedActivityDemo(deps: Pick<Deps, 'db' | 'now'>) {
  const now = deps.now()
  const accounts: Account[] = await Promise.all(
    [...demoAccounts, ...newcomers].map(async (a, i) => ({
      ...a,
      githubId: 9000001 + i,
      personId: a.handle ? (await getProfile(deps, a.handle)).person.id : null,
    })),
  )
  const found = [
    ...history(now, accounts.slice(0, demoAccounts.length), 20210110, 'demo', CONTRIBUTIONS, SPAN_DAYS),
    ...history(
      now,
      accounts.slice(demoAccounts.length),
      20240312,
      'demo-newcomer',
      NEWCOMER_CONTRIBUTIONS,
      NEWCOMER_SPAN_DAYS,
    ),
  ]
  await deps.db.transaction(async (tx) => {
    await repo.insertScope(tx, { kind: 'org', name: 'kubesphere', createdBy: null })
    for (const a of accounts) await repo.linkAccount(tx, a.githubId, a.login, a.personId, now)
    await repo.insertContributions(tx, found, 'demo')
  })
  // As signing in with GitHub would: the person's page and an application's reviewers link it.
  for (const a of accounts)
    if (a.personId) await recordGithubIdentity(deps, a.personId, { id: a.githubId, login: a.login })
  await refreshRollups(deps.db, now)
}
