import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import {
  contributionFromIssueComment,
  contributionFromReviewComment,
  contributionsFromIssue,
  contributionsFromPull,
  detailsNeeded,
  newestUpdate,
  nextPage,
  rateLimitReset,
} from './activity.reconcile.rules.ts'
import { contributionFromWebhook } from './activity.rules.ts'

const rest = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../../test/fixtures/github/rest', name), 'utf8'))
// biome-ignore lint/suspicious/noExplicitAny: GitHub's nested example payloads
type Payload = Record<string, any>
const definitions = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@octokit/webhooks-examples'), 'utf8'),
) as { name: string; examples: Payload[] }[]
const webhook = (event: string, action: string) =>
  structuredClone(definitions.find((d) => d.name === event)!.examples.find((p) => p.action === action)!)

const repo = { id: 1296269, name: 'octocat/Hello-World' }
const received = new Date('2030-01-01T00:00:00Z')

describe('REST objects → contributions', () => {
  it('an issue is opened by its author and closed by closed_by (only when known)', () => {
    const [listed] = rest('repo-issues.json')
    assert.deepEqual(
      contributionsFromIssue(listed, repo).map((c) => [c.key, c.kind, c.login, c.number]),
      [['issue_opened:1', 'issue_opened', 'octocat', 1347]],
    )
    assert.deepEqual(
      contributionsFromIssue(rest('issue-1347.json'), repo).map((c) => [c.key, c.login]),
      [
        ['issue_opened:1', 'octocat'],
        ['issue_closed:1:2011-04-23T10:00:00.000Z', 'mona'],
      ],
    )
  })

  it('a pull request item of the issues list is not an issue', () => {
    assert.deepEqual(contributionsFromIssue(rest('repo-issues.json')[1], repo), [])
  })

  it('a merged pull request is opened by its author and merged by merged_by, keyed by the pull id', () => {
    const found = contributionsFromPull(rest('pull-1348.json'), repo)
    assert.deepEqual(
      found.map((c) => [c.key, c.kind, c.login]),
      [
        ['pr_opened:1000001', 'pr_opened', 'monalisa'],
        ['pr_closed:1000001:2011-04-25T12:00:00.000Z', 'pr_merged', 'octocat'],
      ],
    )
  })

  it('a pull request closed unmerged is credited to the closer, and skipped when unknown', () => {
    const pull = { ...rest('pull-1348.json'), merged_at: null, merged: false, merged_by: null }
    assert.deepEqual(
      contributionsFromPull(pull, repo).map((c) => c.kind),
      ['pr_opened'],
    )
    const closer = { login: 'mona', id: 3, type: 'User' }
    assert.deepEqual(
      contributionsFromPull(pull, repo, closer).map((c) => [c.kind, c.login]),
      [
        ['pr_opened', 'monalisa'],
        ['pr_closed', 'mona'],
      ],
    )
  })

  it('comments and review comments carry their issue or pull number; a Bot account says so', () => {
    const [human, bot] = rest('repo-issue-comments.json')
    const c = contributionFromIssueComment(human, repo)!
    assert.deepEqual([c.key, c.kind, c.number, c.botAccount], ['comment:1', 'issue_comment', 1347, false])
    assert.equal(contributionFromIssueComment(bot, repo)!.botAccount, true)
    const r = contributionFromReviewComment(rest('repo-pull-comments.json')[0], repo)!
    assert.deepEqual([r.key, r.kind, r.number], ['review_comment:10', 'review_comment', 1348])
  })

  it('gives the same keys as the webhook rules for the same comment, review comment and merge', () => {
    const comment = webhook('issue_comment', 'created')
    assert.equal(
      contributionFromIssueComment(comment.comment, repo)!.key,
      contributionFromWebhook('issue_comment', comment, received)!.key,
    )
    const review = webhook('pull_request_review_comment', 'created')
    assert.equal(
      contributionFromReviewComment(review.comment, repo)!.key,
      contributionFromWebhook('pull_request_review_comment', review, received)!.key,
    )
    const opened = webhook('pull_request', 'opened')
    assert.equal(
      contributionsFromPull(opened.pull_request, repo)[0]!.key,
      contributionFromWebhook('pull_request', opened, received)!.key,
    )
    // GitHub's examples close without merging: the sender closed it.
    const closed = webhook('pull_request', 'closed')
    assert.equal(
      contributionsFromPull(closed.pull_request, repo, closed.sender).find((c) => c.kind === 'pr_closed')
        ?.key,
      contributionFromWebhook('pull_request', closed, received)!.key,
    )
    const merged = {
      ...closed,
      pull_request: { ...closed.pull_request, merged: true, merged_at: '2019-05-15T15:20:40Z' },
    }
    const pull = { ...merged.pull_request, merged_by: closed.sender }
    assert.equal(
      contributionsFromPull(pull, repo).find((c) => c.kind === 'pr_merged')?.key,
      contributionFromWebhook('pull_request', merged, received)!.key,
    )
  })
})

describe('reading GitHub lists', () => {
  it('an issues-list item needs its pull or issue only when something counted happened in the window', () => {
    const [issue, pr] = rest('repo-issues.json')
    const before = new Date('2011-04-01T00:00:00Z')
    const after = new Date('2011-05-01T00:00:00Z')
    assert.deepEqual(detailsNeeded(issue, before), { pull: false, issue: true })
    assert.deepEqual(detailsNeeded(issue, after), { pull: false, issue: false })
    assert.deepEqual(detailsNeeded(pr, before), { pull: true, issue: false })
    assert.deepEqual(detailsNeeded({ ...pr, pull_request: { merged_at: null } }, before), {
      pull: true,
      issue: true,
    })
    assert.deepEqual(detailsNeeded(pr, after), { pull: false, issue: false })
  })

  it('the newest updated_at moves the cursor forward only', () => {
    const items = rest('repo-issues.json')
    assert.deepEqual(newestUpdate(items, null), new Date('2011-04-25T12:00:00Z'))
    const later = new Date('2012-01-01T00:00:00Z')
    assert.equal(newestUpdate(items, later), later)
    assert.equal(newestUpdate([], null), null)
  })

  it('follows rel="next" of a Link header', () => {
    const link =
      '<https://api.github.com/orgs/o/repos?page=2>; rel="next", <https://api.github.com/orgs/o/repos?page=5>; rel="last"'
    assert.equal(nextPage(link), 'https://api.github.com/orgs/o/repos?page=2')
    assert.equal(nextPage('<https://api.github.com/orgs/o/repos?page=1>; rel="prev"'), null)
    assert.equal(nextPage(null), null)
  })

  it('recognises primary and secondary rate limits, and nothing else', () => {
    const now = new Date('2030-01-01T00:00:00Z')
    const h = (v: Record<string, string>) => new Headers(v)
    assert.deepEqual(
      rateLimitReset(403, h({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1893456600' }), now),
      new Date(1893456600 * 1000),
    )
    assert.deepEqual(rateLimitReset(429, h({ 'retry-after': '30' }), now), new Date(now.getTime() + 30_000))
    assert.deepEqual(rateLimitReset(403, h({ 'retry-after': '5' }), now), new Date(now.getTime() + 5000))
    assert.equal(rateLimitReset(403, h({ 'x-ratelimit-remaining': '12' }), now), null)
    assert.equal(rateLimitReset(404, h({ 'x-ratelimit-remaining': '0' }), now), null)
  })
})
