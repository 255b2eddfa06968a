// Pure rules of reconciliation through GitHub's REST API: REST objects → contributions with the
// same natural keys the webhook and GH Archive rules give, so a contribution is stored once.
import type { Contribution, ContributionKind } from './activity.rules.ts'

export type RestRepo = { id: number; name: string }

type Json = Record<string, unknown>
const obj = (v: unknown): Json | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined)
const date = (v: unknown): Date | undefined => {
  const d = typeof v === 'string' ? new Date(v) : undefined
  return d && !Number.isNaN(d.getTime()) ? d : undefined
}

function made(
  user: unknown,
  repo: RestRepo,
  kind: ContributionKind,
  key: string,
  number: number | null,
  occurredAt: Date | undefined,
): Contribution | null {
  const u = obj(user)
  const githubId = num(u?.id)
  const login = str(u?.login)
  if (githubId === undefined || !login || !occurredAt) return null
  return {
    key,
    githubId,
    login,
    avatarUrl: str(u?.avatar_url) ?? null,
    botAccount: u?.type === 'Bot',
    kind,
    repoId: repo.id,
    repoName: repo.name,
    number,
    occurredAt,
  }
}

const present = (list: (Contribution | null)[]) => list.filter((c): c is Contribution => c !== null)

/** An item of the issues list is a pull request when it carries `pull_request`. */
export const isPullRequestItem = (item: unknown) => obj(obj(item)?.pull_request) !== undefined

/**
 * An issue (not a pull request) from the issues endpoints: opened by its author, and closed by
 * `closed_by`, which only the single-issue endpoint returns (the author is not the closer).
 */
export function contributionsFromIssue(item: unknown, repo: RestRepo): Contribution[] {
  const issue = obj(item)
  const id = num(issue?.id)
  if (!issue || id === undefined || isPullRequestItem(issue)) return []
  const number = num(issue.number) ?? null
  const closedAt = date(issue.closed_at)
  return present([
    made(issue.user, repo, 'issue_opened', `issue_opened:${id}`, number, date(issue.created_at)),
    closedAt
      ? made(
          issue.closed_by,
          repo,
          'issue_closed',
          `issue_closed:${id}:${closedAt.toISOString()}`,
          number,
          closedAt,
        )
      : null,
  ])
}

/**
 * A pull request as GET /repos/{owner}/{repo}/pulls/{number} returns it (its own id, not the id of
 * its issue). Merged: credited to `merged_by`; closed unmerged: to `closedBy`, the single issue's
 * `closed_by`, when known.
 */
export function contributionsFromPull(pull: unknown, repo: RestRepo, closedBy?: unknown): Contribution[] {
  const pr = obj(pull)
  const id = num(pr?.id)
  if (!pr || id === undefined) return []
  const number = num(pr.number) ?? null
  const mergedAt = date(pr.merged_at)
  const closedAt = mergedAt ?? date(pr.closed_at)
  return present([
    made(pr.user, repo, 'pr_opened', `pr_opened:${id}`, number, date(pr.created_at)),
    closedAt
      ? made(
          mergedAt ? pr.merged_by : closedBy,
          repo,
          mergedAt ? 'pr_merged' : 'pr_closed',
          `pr_closed:${id}:${closedAt.toISOString()}`,
          number,
          closedAt,
        )
      : null,
  ])
}

const trailingNumber = (url: unknown) => {
  const m = /\/(\d+)$/.exec(str(url) ?? '')
  return m ? Number(m[1]) : null
}

/** An item of /repos/{owner}/{repo}/issues/comments. */
export function contributionFromIssueComment(comment: unknown, repo: RestRepo): Contribution | null {
  const c = obj(comment)
  const id = num(c?.id)
  if (!c || id === undefined) return null
  return made(c.user, repo, 'issue_comment', `comment:${id}`, trailingNumber(c.issue_url), date(c.created_at))
}

/** An item of /repos/{owner}/{repo}/pulls/comments. */
export function contributionFromReviewComment(comment: unknown, repo: RestRepo): Contribution | null {
  const c = obj(comment)
  const id = num(c?.id)
  if (!c || id === undefined) return null
  return made(
    c.user,
    repo,
    'review_comment',
    `review_comment:${id}`,
    trailingNumber(c.pull_request_url),
    date(c.created_at),
  )
}

/**
 * What an issues-list item needs fetched on its own, given the window start: a pull request
 * opened or closed in the window needs its pull (its id, `merged_by`) and, closed unmerged, its
 * issue (`closed_by`); an issue closed in the window needs its issue (`closed_by`).
 */
export function detailsNeeded(item: unknown, windowStart: Date | null): { pull: boolean; issue: boolean } {
  const it = obj(item)
  const inWindow = (v: unknown) => {
    const d = date(v)
    return d !== undefined && (windowStart === null || d >= windowStart)
  }
  if (!it) return { pull: false, issue: false }
  const closedInWindow = inWindow(it.closed_at) && obj(it.closed_by) === undefined
  if (isPullRequestItem(it)) {
    const merged = str(obj(it.pull_request)?.merged_at) !== undefined
    return {
      pull: inWindow(it.created_at) || inWindow(it.closed_at),
      issue: closedInWindow && !merged,
    }
  }
  return { pull: false, issue: closedInWindow }
}

/** The newest `updated_at` of a page of items, or `previous` when none is newer. */
export function newestUpdate(items: unknown[], previous: Date | null): Date | null {
  let newest = previous
  for (const item of items) {
    const d = date(obj(item)?.updated_at)
    if (d && (!newest || d > newest)) newest = d
  }
  return newest
}

/** The `rel="next"` URL of a Link header (RFC 8288), as GitHub paginates. */
export function nextPage(link: string | null): string | null {
  if (!link) return null
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;(.*)$/.exec(part.trim())
    if (m && /\brel="?([^";]*\s)?next(\s[^";]*)?"?/.test(m[2]!)) return m[1]!
  }
  return null
}

/**
 * GitHub's primary and secondary rate limits: 403 or 429 with no requests remaining or a
 * retry-after. Returns when to try again, or null for any other answer.
 */
export function rateLimitReset(
  status: number,
  headers: { get(name: string): string | null },
  now: Date,
): Date | null {
  if (status !== 403 && status !== 429) return null
  const retryAfter = headers.get('retry-after')
  const remaining = headers.get('x-ratelimit-remaining')
  if (retryAfter !== null && /^\d+$/.test(retryAfter.trim()))
    return new Date(now.getTime() + Number(retryAfter.trim()) * 1000)
  if (remaining === '0') {
    const reset = Number(headers.get('x-ratelimit-reset'))
    // Secondary limits without a reset time: GitHub asks for at least a minute's wait.
    return Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : new Date(now.getTime() + 60_000)
  }
  return status === 429 ? new Date(now.getTime() + 60_000) : null
}
