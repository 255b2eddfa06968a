import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import {
  absenceFactor,
  activityCalendar,
  contributionFromArchiveEvent,
  contributionFromWebhook,
  inScope,
  isActive,
  isBot,
  looksLikeBot,
} from './activity.rules.ts'

const sample = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../test/fixtures/gharchive/sample-events.json'), 'utf8'),
) as Record<string, unknown>[]

describe('activity rules', () => {
  it('turns the real GH Archive sample into contributions of the kinds that count', () => {
    const found = sample.map(contributionFromArchiveEvent).filter((c) => c !== null)
    const kinds: Record<string, number> = {}
    for (const c of found) kinds[c.kind] = (kinds[c.kind] ?? 0) + 1
    // Watches, forks, branch creations and deletions, reopenings add nothing.
    assert.deepEqual(
      Object.keys(kinds).sort(),
      [
        'issue_closed',
        'issue_comment',
        'issue_opened',
        'pr_closed',
        'pr_merged',
        'pr_opened',
        'push',
        'review',
        'review_comment',
      ]
        .filter((k) => kinds[k])
        .sort(),
    )
    assert.equal(kinds.issue_comment, 28)
    assert.equal(kinds.review, 17)
    assert.equal(kinds.review_comment, 13)
    assert.equal((kinds.pr_closed ?? 0) + (kinds.pr_merged ?? 0), 5)
    assert.equal(new Set(found.map((c) => c.key)).size, found.length, 'keys are unique')
    for (const c of found) assert.equal(c.repoName, 'JuliaLang/julia')
  })

  it('reads trimmed push events (no commits, no size) as they are since 2025-10-07', () => {
    const push = sample.find((e) => e.type === 'PushEvent')!
    const { commits: _c, size: _s, distinct_size: _d, ...trimmed } = push.payload as Record<string, unknown>
    const a = contributionFromArchiveEvent(push)
    const b = contributionFromArchiveEvent({ ...push, payload: trimmed })
    assert.ok(a && b)
    assert.equal(a.key, b.key)
    assert.equal(b.kind, 'push')
  })

  it('gives the same contribution the same key whether it came by webhook or from the archive', () => {
    const event = sample.find((e) => e.type === 'PullRequestReviewEvent')!
    const payload = event.payload as Record<string, unknown>
    const fromArchive = contributionFromArchiveEvent(event)!
    const fromWebhook = contributionFromWebhook(
      'pull_request_review',
      {
        ...payload,
        action: 'submitted',
        sender: event.actor,
        repository: { id: (event.repo as { id: number }).id, full_name: 'JuliaLang/julia' },
      },
      new Date(),
    )!
    assert.equal(fromWebhook.key, fromArchive.key)
    assert.equal(fromWebhook.occurredAt.toISOString(), fromArchive.occurredAt.toISOString())
  })

  it('ignores a push that deletes a branch, and events that are not contributions', () => {
    const push = sample.find((e) => e.type === 'PushEvent')!
    const deletion = {
      ...push,
      payload: { ...(push.payload as object), head: '0000000000000000000000000000000000000000' },
    }
    assert.equal(contributionFromArchiveEvent(deletion), null)
    assert.equal(contributionFromArchiveEvent(sample.find((e) => e.type === 'WatchEvent')), null)
    assert.equal(contributionFromArchiveEvent({ nonsense: true }), null)
    assert.equal(contributionFromWebhook('star', { sender: {}, repository: {} }, new Date()), null)
  })

  it('recognises bots by pattern and lets an administrator overrule', () => {
    for (const login of [
      'dependabot[bot]',
      'k8s-ci-robot',
      'ks-ci-bot',
      'renovate',
      'github-actions',
      'coderabbitai',
      'my-release-bot',
    ])
      assert.equal(looksLikeBot(login), true, login)
    for (const login of ['abbot', 'robotics-fan', 'kpamnany', 'botond'])
      assert.equal(looksLikeBot(login), false, login)
    assert.equal(isBot({ login: 'kpamnany', botOverride: true }), true)
    assert.equal(isBot({ login: 'release-bot', botOverride: false }), false)
    assert.equal(isBot({ login: 'someone', botOverride: null, botAccount: true }), true)
  })

  it('tracks organisations and single repositories, case-insensitively', () => {
    const scope = [
      { kind: 'org' as const, name: 'kubesphere' },
      { kind: 'repo' as const, name: 'kubernetes/website' },
    ]
    assert.equal(inScope(scope, 'KubeSphere/console'), true)
    assert.equal(inScope(scope, 'kubernetes/website'), true)
    assert.equal(inScope(scope, 'kubernetes/kubernetes'), false)
  })

  it('answers "active within six months" with the contribution that shows it', () => {
    const now = new Date('2026-11-21T00:00:00Z')
    const last = {
      kind: 'review' as const,
      repoName: 'kubesphere/console',
      number: 1234,
      occurredAt: new Date('2026-09-02T10:00:00Z'),
    }
    assert.equal(isActive(last, { withinMonths: 6, now }).active, true)
    assert.equal(
      isActive({ ...last, occurredAt: new Date('2026-05-20T00:00:00Z') }, { withinMonths: 6, now }).active,
      false,
    )
    assert.equal(isActive(null, { withinMonths: 6, now }).active, false)
  })

  it('computes the contributor absence factor', () => {
    assert.equal(absenceFactor([]), 0)
    assert.equal(absenceFactor([10]), 1)
    assert.equal(absenceFactor([5, 5]), 2)
    assert.equal(absenceFactor([60, 20, 20]), 1)
    assert.equal(absenceFactor([30, 30, 20, 20]), 2)
  })

  it('lays out a year of days, zeros included', () => {
    const days = activityCalendar([{ day: '2026-11-20', count: 3 }], new Date('2026-11-21T15:00:00Z'))
    assert.equal(days.length, 365)
    assert.equal(days.at(-1)!.day, '2026-11-21')
    assert.equal(days.at(-2)!.count, 3)
  })
})
