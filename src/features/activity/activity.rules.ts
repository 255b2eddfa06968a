// Pure rules of contributor activity: what counts, who is a bot, who is active.

export const contributionKinds = [
  'push',
  'pr_opened',
  'pr_closed',
  'pr_merged',
  'issue_opened',
  'issue_closed',
  'issue_comment',
  'review',
  'review_comment',
  'commit_comment',
] as const
export type ContributionKind = (typeof contributionKinds)[number]

export type Contribution = {
  /** Natural key: the same contribution from any source has the same key. */
  key: string
  githubId: number
  login: string
  avatarUrl: string | null
  /** GitHub's own account type says so (type "Bot"). */
  botAccount: boolean
  kind: ContributionKind
  repoId: number
  repoName: string
  number: number | null
  occurredAt: Date
}

type Json = Record<string, unknown>
const obj = (v: unknown): Json | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined)
const date = (...values: unknown[]): Date | undefined => {
  for (const v of values) {
    const d = typeof v === 'string' ? new Date(v) : typeof v === 'number' ? new Date(v * 1000) : undefined
    if (d && !Number.isNaN(d.getTime())) return d
  }
  return undefined
}

/** Webhook event names → the event types GH Archive and the Events API use. */
const archiveTypeOf: Record<string, string> = {
  push: 'PushEvent',
  pull_request: 'PullRequestEvent',
  issues: 'IssuesEvent',
  issue_comment: 'IssueCommentEvent',
  pull_request_review: 'PullRequestReviewEvent',
  pull_request_review_comment: 'PullRequestReviewCommentEvent',
  commit_comment: 'CommitCommentEvent',
}

export const countedEventTypes = new Set(Object.values(archiveTypeOf))

type Normalised = {
  type: string
  action: string | undefined
  actor: Json
  repo: { id: number; name: string }
  payload: Json
  at: Date | undefined
}

/** A GH Archive / Events API event (both payload shapes, before and after the 2025-10-07 trim). */
export function contributionFromArchiveEvent(event: unknown): Contribution | null {
  const e = obj(event)
  const repo = obj(e?.repo)
  const actor = obj(e?.actor)
  const payload = obj(e?.payload)
  const repoId = num(repo?.id)
  const repoName = str(repo?.name)
  if (!e || !actor || !payload || repoId === undefined || !repoName) return null
  return contribution({
    type: String(e.type),
    action: str(payload.action),
    actor,
    repo: { id: repoId, name: repoName },
    payload,
    at: date(e.created_at),
  })
}

/** A webhook delivery: its event name (X-GitHub-Event) and JSON body. */
export function contributionFromWebhook(
  eventName: string,
  body: unknown,
  receivedAt: Date,
): Contribution | null {
  const payload = obj(body)
  const type = archiveTypeOf[eventName]
  const repository = obj(payload?.repository)
  const sender = obj(payload?.sender)
  const repoId = num(repository?.id)
  const repoName = str(repository?.full_name)
  if (!type || !payload || !sender || repoId === undefined || !repoName) return null
  const normalised: Normalised = {
    type,
    action: str(payload.action),
    actor: sender,
    repo: { id: repoId, name: repoName },
    // Webhook pushes name the new head `after`; events name it `head`.
    payload: type === 'PushEvent' ? { ...payload, head: payload.after } : payload,
    at: undefined,
  }
  return contribution(normalised, receivedAt)
}

function contribution(e: Normalised, fallbackAt?: Date): Contribution | null {
  const githubId = num(e.actor.id)
  const login = str(e.actor.login)
  if (githubId === undefined || !login) return null
  const base = {
    githubId,
    login,
    avatarUrl: str(e.actor.avatar_url) ?? null,
    botAccount: e.actor.type === 'Bot',
    repoId: e.repo.id,
    repoName: e.repo.name,
  }
  const p = e.payload
  const at = (...candidates: unknown[]) => date(...candidates) ?? e.at ?? fallbackAt
  const make = (kind: ContributionKind, key: string, number: number | null, occurredAt: Date | undefined) =>
    occurredAt ? { ...base, kind, key, number, occurredAt } : null

  switch (e.type) {
    case 'PushEvent': {
      const head = str(p.head)
      // A deleted branch "pushes" the zero commit: nothing was contributed.
      if (!head || /^0+$/.test(head)) return null
      return make('push', `push:${e.repo.id}:${head}`, null, at(obj(p.head_commit)?.timestamp))
    }
    case 'PullRequestEvent': {
      const pr = obj(p.pull_request)
      const number = num(p.number) ?? num(pr?.number) ?? null
      const prKey = num(pr?.id) ?? `${e.repo.id}#${number}`
      if (e.action === 'opened') return make('pr_opened', `pr_opened:${prKey}`, number, at(pr?.created_at))
      if (e.action === 'closed') {
        const closedAt = at(pr?.merged_at, pr?.closed_at)
        const kind = pr?.merged === true || str(pr?.merged_at) ? 'pr_merged' : 'pr_closed'
        return make(kind, `pr_closed:${prKey}:${closedAt?.toISOString()}`, number, closedAt)
      }
      return null
    }
    case 'IssuesEvent': {
      const issue = obj(p.issue)
      const number = num(issue?.number) ?? null
      const issueKey = num(issue?.id) ?? `${e.repo.id}#${number}`
      if (e.action === 'opened')
        return make('issue_opened', `issue_opened:${issueKey}`, number, at(issue?.created_at))
      if (e.action === 'closed') {
        const closedAt = at(issue?.closed_at)
        return make('issue_closed', `issue_closed:${issueKey}:${closedAt?.toISOString()}`, number, closedAt)
      }
      return null
    }
    case 'IssueCommentEvent': {
      const comment = obj(p.comment)
      if (e.action !== 'created' || num(comment?.id) === undefined) return null
      return make(
        'issue_comment',
        `comment:${comment!.id}`,
        num(obj(p.issue)?.number) ?? null,
        at(comment?.created_at),
      )
    }
    case 'PullRequestReviewEvent': {
      const review = obj(p.review)
      // Events say "created", webhooks "submitted"; edits and dismissals add nothing.
      if ((e.action !== 'created' && e.action !== 'submitted') || num(review?.id) === undefined) return null
      return make(
        'review',
        `review:${review!.id}`,
        num(obj(p.pull_request)?.number) ?? null,
        at(review?.submitted_at),
      )
    }
    case 'PullRequestReviewCommentEvent': {
      const comment = obj(p.comment)
      if (e.action !== 'created' || num(comment?.id) === undefined) return null
      return make(
        'review_comment',
        `review_comment:${comment!.id}`,
        num(obj(p.pull_request)?.number) ?? null,
        at(comment?.created_at),
      )
    }
    case 'CommitCommentEvent': {
      const comment = obj(p.comment)
      if ((e.action && e.action !== 'created') || num(comment?.id) === undefined) return null
      return make('commit_comment', `commit_comment:${comment!.id}`, null, at(comment?.created_at))
    }
    default:
      return null
  }
}

/**
 * Logins of automation: GitHub Apps (`[bot]`), the usual naming conventions, and well-known
 * CI, dependency and AI agents that use ordinary accounts.
 */
const knownBots = new Set([
  'dependabot',
  'dependabot-preview',
  'renovate',
  'renovate-bot',
  'greenkeeper',
  'snyk-bot',
  'codecov',
  'codecov-io',
  'codecov-commenter',
  'coveralls',
  'github-actions',
  'actions-user',
  'web-flow',
  'netlify',
  'vercel',
  'k8s-ci-robot',
  'k8s-triage-robot',
  'k8s-merge-robot',
  'ks-ci-bot',
  'kubesphere-bot',
  'stale',
  'allcontributors',
  'imgbot',
  'pre-commit-ci',
  'mergify',
  'copilot',
  'copilot-swe-agent',
  'devin-ai-integration',
  'openhands-agent',
  'claude',
  'sweep-ai',
  'codiumai-pr-agent',
  'coderabbitai',
  'sourcery-ai',
])

export function looksLikeBot(login: string): boolean {
  const l = login.toLowerCase()
  return l.endsWith('[bot]') || /[-_](bot|robot)$/.test(l) || knownBots.has(l)
}

/** An administrator's decision wins over the patterns. */
export const isBot = (account: { login: string; botOverride: boolean | null; botAccount?: boolean }) =>
  account.botOverride ?? (account.botAccount === true || looksLikeBot(account.login))

export type ScopeEntry = { kind: 'org' | 'repo'; name: string }

/** A repository is in scope when it, or its owner organisation, is tracked. */
export function inScope(scope: ScopeEntry[], repoName: string): boolean {
  const lower = repoName.toLowerCase()
  const owner = lower.split('/')[0]
  return scope.some((s) =>
    s.kind === 'org' ? s.name.toLowerCase() === owner : s.name.toLowerCase() === lower,
  )
}

export type LastContribution = {
  kind: ContributionKind
  repoName: string
  number: number | null
  occurredAt: Date
}
export type ActiveAnswer = { active: boolean; last: LastContribution | null; since: Date }

export const monthsBefore = (now: Date, months: number) => {
  const d = new Date(now)
  d.setUTCMonth(d.getUTCMonth() - months)
  return d
}

/** "Active within N months", answered from the person's last contribution, which explains it. */
export function isActive(
  last: LastContribution | null,
  options: { withinMonths: number; now: Date },
): ActiveAnswer {
  const since = monthsBefore(options.now, options.withinMonths)
  return { active: last !== null && last.occurredAt.getTime() >= since.getTime(), last, since }
}

/** Where a contribution happened, as people write it: kubesphere/console#1234. */
export const contributionPlace = (c: { repoName: string; number: number | null }) =>
  c.number === null ? c.repoName : `${c.repoName}#${c.number}`

/**
 * The contributor absence factor (bus factor): the smallest number of people who together made
 * more than half of all contributions.
 */
export function absenceFactor(countsPerPerson: number[]): number {
  const total = countsPerPerson.reduce((a, b) => a + b, 0)
  return (
    absenceFromTop(
      [...countsPerPerson].sort((a, b) => b - a),
      total,
      true,
    )?.factor ?? 0
  )
}

/**
 * The absence factor from the busiest counts only (`busiestFirst`, a prefix of everyone's counts
 * in descending order, the whole list when `complete`) and the total of all counts: null when
 * the prefix does not reach past half the total, so the caller reads further.
 */
export function absenceFromTop(
  busiestFirst: number[],
  total: number,
  complete: boolean,
): { factor: number; share: number } | null {
  if (total === 0) return { factor: 0, share: 0 }
  let sum = 0
  for (let i = 0; i < busiestFirst.length; i++) {
    sum += busiestFirst[i]!
    if (sum * 2 > total) return { factor: i + 1, share: sum / total }
  }
  return complete ? { factor: busiestFirst.length, share: sum / total } : null
}

export type DayCount = { day: string; count: number }

/** One cell per day for the `days` days up to `now` (UTC), zeros included, oldest first. */
export function activityCalendar(perDay: DayCount[], now: Date, days = 365): DayCount[] {
  const counts = new Map(perDay.map((d) => [d.day, d.count]))
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(end - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10)
    return { day, count: counts.get(day) ?? 0 }
  })
}

/** Heatmap shade 0–4 by quartiles of the person's own busy days, as contribution graphs do. */
export function shadeOf(count: number, max: number): 0 | 1 | 2 | 3 | 4 {
  if (count <= 0 || max <= 0) return 0
  return Math.min(4, Math.max(1, Math.ceil((count / max) * 4))) as 1 | 2 | 3 | 4
}

/** The periods the contributors page and API offer. */
export const activityPeriods = ['30d', '90d', '1y', 'all'] as const
export type ActivityPeriod = (typeof activityPeriods)[number]

/** How many days back each period reaches (null: all time); activity_periods() in SQL agrees. */
export const periodDays: Record<ActivityPeriod, number | null> = {
  '30d': 30,
  '90d': 90,
  '1y': 365,
  all: null,
}

/** Where a period starts (null: all time). */
export function periodStart(period: ActivityPeriod, now: Date): Date | null {
  const days = periodDays[period]
  return days === null ? null : new Date(now.getTime() - days * 86_400_000)
}

/** `count` months ending with the month of `now` (UTC), as YYYY-MM, oldest first. */
export function monthsUpTo(now: Date, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (count - 1 - i), 1))
    return d.toISOString().slice(0, 7)
  })
}
