// Reconciliation through GitHub's REST API: what webhooks missed (downtime, a lost delivery, a
// repository tracked late) is fetched per tracked repository since the last complete fetch.
// Conditional requests (ETag → 304) cost no rate limit; a rate limit stops the run cleanly and
// the next run resumes from the cursors, which move only after a list is read completely.
import type { Deps } from '../../platform/deps.ts'
import * as repo from './activity.reconcile.repo.ts'
import {
  contributionFromIssueComment,
  contributionFromReviewComment,
  contributionsFromIssue,
  contributionsFromPull,
  detailsNeeded,
  isPullRequestItem,
  newestUpdate,
  nextPage,
  type RestRepo,
  rateLimitReset,
} from './activity.reconcile.rules.ts'
import type { Contribution, ScopeEntry } from './activity.rules.ts'
import { loadScope, storeContributions } from './activity.service.ts'

export type ReconcileOptions = {
  github: { apiUrl: string; token?: string | undefined }
  /** How far back the first run of a repository looks (older history comes from GH Archive). */
  initialLookbackDays?: number
}

export type ReconcileResult = {
  outcome: 'finished' | 'rate-limited' | 'failed'
  /** Requests answered with content (each counts against the rate limit). */
  requests: number
  /** Requests answered 304 Not Modified (free). */
  notModified: number
  stored: number
  repos: number
  resetAt: Date | null
  error: string | null
}

class RateLimited extends Error {
  readonly resetAt: Date
  constructor(resetAt: Date) {
    super(`GitHub's rate limit is exhausted until ${resetAt.toISOString()}`)
    this.resetAt = resetAt
  }
}

type Page = { items: unknown[]; etag: string | null; next: string | null }

export async function reconcileActivity(
  deps: Pick<Deps, 'db' | 'now'>,
  options: ReconcileOptions,
): Promise<ReconcileResult> {
  const api = options.github.apiUrl.replace(/\/+$/, '')
  const lookbackMs = (options.initialLookbackDays ?? 30) * 86_400_000
  const run = await repo.beginRun(deps.db, deps.now())
  const scope = await loadScope(deps)
  const result: ReconcileResult = {
    outcome: 'finished',
    requests: 0,
    notModified: 0,
    stored: 0,
    repos: 0,
    resetAt: null,
    error: null,
  }
  const errors: string[] = []

  const request = async (url: string, etag?: string): Promise<Response | null> => {
    const headers: Record<string, string> = {
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'user-agent': 'hearth-activity-reconcile',
    }
    if (options.github.token) headers.authorization = `Bearer ${options.github.token}`
    if (etag) headers['if-none-match'] = etag
    // A GitHub that stops answering fails this run (the next one resumes), never hangs the job.
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) })
    if (res.status === 304) {
      result.notModified++
      await res.body?.cancel()
      return null
    }
    result.requests++
    const reset = rateLimitReset(res.status, res.headers, deps.now())
    if (reset) {
      await res.body?.cancel()
      throw new RateLimited(reset)
    }
    if (!res.ok) {
      await res.body?.cancel()
      throw new Error(`GET ${url} answered HTTP ${res.status}`)
    }
    return res
  }
  const getJson = async (url: string) => (await request(url))!.json() as Promise<unknown>
  const getPage = async (url: string, etag?: string): Promise<Page | null> => {
    const res = await request(url, etag)
    if (!res) return null
    const body = await res.json()
    if (!Array.isArray(body)) throw new Error(`GET ${url} answered something other than a list`)
    return { items: body, etag: res.headers.get('etag'), next: nextPage(res.headers.get('link')) }
  }
  const store = async (found: Contribution[]) => {
    result.stored += (await storeContributions(deps, found, { scope, source: 'api' })).size
  }

  /** The repositories in scope, known by id (a repository entry costs one request, once). */
  const trackedRepos = async (entries: ScopeEntry[]) => {
    const found = new Map<number, repo.ReconcileRepo>()
    for (const entry of entries) {
      try {
        if (entry.kind === 'repo') {
          const known = await repo.findRepoByName(deps.db, entry.name)
          if (known) {
            found.set(known.repoId, known)
            continue
          }
          const r = (await getJson(`${api}/repos/${entry.name}`)) as { id: number; full_name: string }
          const row = await repo.upsertRepo(deps.db, { repoId: r.id, name: r.full_name }, deps.now())
          found.set(row.repoId, row)
        } else {
          let url: string | null = `${api}/orgs/${encodeURIComponent(entry.name)}/repos?type=all&per_page=100`
          while (url) {
            const page: Page = (await getPage(url))!
            for (const r of page.items as { id: number; full_name: string }[]) {
              const row = await repo.upsertRepo(deps.db, { repoId: r.id, name: r.full_name }, deps.now())
              found.set(row.repoId, row)
            }
            url = page.next
          }
        }
      } catch (e) {
        if (e instanceof RateLimited) throw e
        errors.push(`${entry.kind} ${entry.name}: ${(e as Error).message}`)
      }
    }
    return [...found.values()]
  }

  /**
   * Reads one list since its cursor, page by page, handing each page over to be stored. The
   * cursor and the first page's ETag are saved only when the whole list was read, so a run that
   * stops half-way reads the list again next time (what it stored is not stored twice).
   */
  const readList = async (
    row: repo.ReconcileRepo,
    list: 'issues' | 'issue-comments' | 'review-comments',
    handle: (items: unknown[], windowStart: Date | null) => Promise<void>,
  ) => {
    const cursor: repo.Cursor = {
      issues: 'issuesSince' as const,
      'issue-comments': 'issueCommentsSince' as const,
      'review-comments': 'reviewCommentsSince' as const,
    }[list]
    const path = {
      issues: 'issues',
      'issue-comments': 'issues/comments',
      'review-comments': 'pulls/comments',
    }[list]
    const since = row[cursor] ?? new Date(deps.now().getTime() - lookbackMs)
    const query = new URLSearchParams({ sort: 'updated', direction: 'asc', since: since.toISOString() })
    if (list === 'issues') query.set('state', 'all')
    query.set('per_page', '100')
    const first = `${api}/repos/${row.name}/${path}?${query}`
    const key = `${row.repoId}:${list}`
    const firstPage = await getPage(first, await repo.findEtag(deps.db, key, first))
    if (!firstPage) return
    // A quiet list keeps the window's start as its cursor, so its URL (and ETag) stay the same.
    let newest: Date | null = since
    for (let page: Page | null = firstPage; page; ) {
      await handle(page.items, since)
      newest = newestUpdate(page.items, newest)
      page = page.next ? await getPage(page.next) : null
    }
    const now = deps.now()
    if (newest && newest.getTime() !== row[cursor]?.getTime())
      await repo.setCursor(deps.db, row.repoId, cursor, newest, now)
    if (firstPage.etag) {
      // The next run asks for the first URL again only when the cursor stayed where it was.
      const next = newest && newest.getTime() !== since.getTime() ? null : first
      if (next) await repo.saveEtag(deps.db, key, next, firstPage.etag, now)
    }
  }

  const reconcileRepo = async (row: repo.ReconcileRepo) => {
    const restRepo: RestRepo = { id: row.repoId, name: row.name }
    await readList(row, 'issues', async (items, windowStart) => {
      const found: Contribution[] = []
      try {
        for (const item of items) {
          const number = (item as { number?: number }).number
          const needs = detailsNeeded(item, windowStart)
          if (!isPullRequestItem(item)) {
            const issue = needs.issue ? await getJson(`${api}/repos/${row.name}/issues/${number}`) : item
            found.push(...contributionsFromIssue(issue, restRepo))
            continue
          }
          if (!needs.pull) continue
          const pull = await getJson(`${api}/repos/${row.name}/pulls/${number}`)
          const closer = needs.issue
            ? ((await getJson(`${api}/repos/${row.name}/issues/${number}`)) as { closed_by?: unknown })
                .closed_by
            : undefined
          found.push(...contributionsFromPull(pull, restRepo, closer))
        }
      } finally {
        // Whatever was read before a rate limit is kept.
        await store(found)
      }
    })
    await readList(row, 'issue-comments', (items) =>
      store(items.map((c) => contributionFromIssueComment(c, restRepo)).filter((c) => c !== null)),
    )
    await readList(row, 'review-comments', (items) =>
      store(items.map((c) => contributionFromReviewComment(c, restRepo)).filter((c) => c !== null)),
    )
  }

  try {
    const repos = await trackedRepos(scope)
    result.repos = repos.length
    for (const row of repos) {
      try {
        await reconcileRepo(row)
      } catch (e) {
        if (e instanceof RateLimited) throw e
        errors.push(`${row.name}: ${(e as Error).message}`)
      }
    }
  } catch (e) {
    if (e instanceof RateLimited) {
      result.outcome = 'rate-limited'
      result.resetAt = e.resetAt
      errors.unshift(e.message)
    } else {
      result.outcome = 'failed'
      errors.push((e as Error).message)
    }
  }
  if (result.outcome === 'finished' && errors.length > 0) result.outcome = 'failed'
  result.error = errors.length > 0 ? errors.join('\n') : null
  await repo.endRun(deps.db, run.id, {
    finishedAt: deps.now(),
    outcome: result.outcome,
    error: result.error,
    resetAt: result.resetAt,
    requests: result.requests,
    notModified: result.notModified,
    stored: result.stored,
  })
  return result
}
