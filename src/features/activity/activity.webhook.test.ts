import assert from 'node:assert/strict'
import { createHmac, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { before, describe, it } from 'node:test'
import { count, eq, like } from 'drizzle-orm'
import { makeTestApp, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { signInWithGithub } from '../accounts/index.ts'
import { findPersonByGithubId } from '../people/people.repo.ts'
import { insertScope } from './activity.repo.ts'
import { contributions, githubAccounts, webhookDeliveries } from './activity.schema.ts'
import { isPersonActive, webhookIntake } from './activity.service.ts'
import { githubWebhook, verifySignature, WEBHOOK_MAX_BYTES } from './activity.webhook.ts'

// biome-ignore lint/suspicious/noExplicitAny: tests edit GitHub's nested example payloads freely
type Payload = Record<string, any>
type Definition = { name: string; examples: Payload[] }

// GitHub's own example deliveries, as published in @octokit/webhooks-examples.
const definitions = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@octokit/webhooks-examples'), 'utf8'),
) as Definition[]
const example = (event: string, matches: (p: Payload) => boolean = () => true): Payload => {
  const found = definitions.find((d) => d.name === event)?.examples.find(matches)
  assert.ok(found, `@octokit/webhooks-examples has a ${event} example`)
  return structuredClone(found)
}
const action = (name: string) => (p: Payload) => p.action === name

const SECRET = 'webhook secret for tests'
const sign = (body: string | Uint8Array, secret = SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`

describe('webhook signature', () => {
  it("matches GitHub's documented test vector", () => {
    const body = new TextEncoder().encode('Hello, World!')
    const expected = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'
    assert.equal(verifySignature("It's a Secret to Everybody", body, expected), true)
  })

  it('refuses another secret, another body, a missing, truncated, unprefixed or non-hex signature', () => {
    const secret = "It's a Secret to Everybody"
    const body = new TextEncoder().encode('Hello, World!')
    const good = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'
    assert.equal(verifySignature('another secret', body, good), false)
    assert.equal(verifySignature(secret, new TextEncoder().encode('Hello, World?'), good), false)
    assert.equal(verifySignature(secret, body, undefined), false)
    assert.equal(verifySignature(secret, body, good.slice(0, -2)), false)
    assert.equal(verifySignature(secret, body, good.slice('sha256='.length)), false)
    assert.equal(verifySignature(secret, body, `sha1=${good.slice('sha256='.length)}`), false)
    assert.equal(verifySignature(secret, body, `sha256=${'zz'.repeat(32)}`), false)
  })
})

for (const backend of await testBackends()) {
  describe(`GitHub webhook [${backend}]`, async () => {
    const t: TestApp = await makeTestApp(backend, { GITHUB_WEBHOOK_SECRET: SECRET })
    const db = t.deps.db

    before(async () => {
      // Every example happens in Codertocat/Hello-World.
      await insertScope(db, { kind: 'org', name: 'codertocat' })
    })

    async function deliver(
      event: string,
      body: Payload | string | Uint8Array<ArrayBuffer>,
      options: { id?: string; signature?: string | null; contentType?: string } = {},
    ) {
      const bytes = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body)
      const headers: Record<string, string> = {
        'content-type': options.contentType ?? 'application/json',
        'user-agent': 'GitHub-Hookshot/test',
        'x-github-event': event,
        'x-github-delivery': options.id ?? randomUUID(),
      }
      const signature = options.signature === undefined ? sign(bytes) : options.signature
      if (signature !== null) headers['x-hub-signature-256'] = signature
      return t.client().request('/webhooks/github', { method: 'POST', headers, body: bytes })
    }

    const outcomeOf = async (res: Response) => {
      assert.equal(res.status, 200, await res.clone().text())
      return ((await res.json()) as { outcome: string }).outcome
    }
    const stored = async (key: string) => db.select().from(contributions).where(eq(contributions.key, key))
    const totals = async () => ({
      contributions: (await db.select({ n: count() }).from(contributions))[0]!.n,
      deliveries: (await db.select({ n: count() }).from(webhookDeliveries))[0]!.n,
    })

    const pushed = example('push', (p) => p.ref === 'refs/heads/master')
    const opened = example('pull_request', action('opened'))
    const closed = example('pull_request', action('closed'))
    // The examples hold no merged pull request; a merge is a close with merged set (another PR here).
    const merged = example('pull_request', action('closed'))
    merged.pull_request.id += 1
    merged.number += 1
    merged.pull_request.number += 1
    merged.pull_request.merged = true
    merged.pull_request.merged_at = merged.pull_request.closed_at
    const issueOpened = example('issues', action('opened'))
    const comment = example('issue_comment', action('created'))
    const review = example('pull_request_review', action('submitted'))
    const reviewComment = example('pull_request_review_comment', action('created'))
    const commitComment = example('commit_comment', action('created'))

    const counted: [string, string, Payload, string, string][] = [
      ['push to a branch', 'push', pushed, 'push', `push:${pushed.repository.id}:${pushed.after}`],
      ['pull request opened', 'pull_request', opened, 'pr_opened', `pr_opened:${opened.pull_request.id}`],
      [
        'pull request closed unmerged',
        'pull_request',
        closed,
        'pr_closed',
        `pr_closed:${closed.pull_request.id}:${new Date(closed.pull_request.closed_at).toISOString()}`,
      ],
      [
        'pull request merged',
        'pull_request',
        merged,
        'pr_merged',
        `pr_closed:${merged.pull_request.id}:${new Date(merged.pull_request.merged_at).toISOString()}`,
      ],
      ['issue opened', 'issues', issueOpened, 'issue_opened', `issue_opened:${issueOpened.issue.id}`],
      ['issue comment', 'issue_comment', comment, 'issue_comment', `comment:${comment.comment.id}`],
      ['review submitted', 'pull_request_review', review, 'review', `review:${review.review.id}`],
      [
        'review comment',
        'pull_request_review_comment',
        reviewComment,
        'review_comment',
        `review_comment:${reviewComment.comment.id}`,
      ],
      [
        'commit comment',
        'commit_comment',
        commitComment,
        'commit_comment',
        `commit_comment:${commitComment.comment.id}`,
      ],
    ]
    for (const [label, event, payload, kind, key] of counted) {
      it(`stores one contribution for GitHub's example ${label}`, async () => {
        const before = await totals()
        assert.equal(await outcomeOf(await deliver(event, payload)), 'stored')
        const rows = await stored(key)
        assert.equal(rows.length, 1)
        assert.equal(rows[0]!.kind, kind)
        assert.equal(rows[0]!.githubId, payload.sender.id)
        assert.equal(rows[0]!.repoName, 'Codertocat/Hello-World')
        assert.equal(rows[0]!.source, 'webhook')
        const afterwards = await totals()
        assert.equal(afterwards.contributions, before.contributions + 1)
        assert.equal(afterwards.deliveries, before.deliveries + 1)
      })
    }

    it('acknowledges what does not count: ping, other events and actions, a deleted branch, out of scope', async () => {
      const before = await totals()
      assert.equal(await outcomeOf(await deliver('ping', example('ping'))), 'ignored')
      assert.equal(await outcomeOf(await deliver('star', example('star'))), 'ignored')
      assert.equal(await outcomeOf(await deliver('issues', example('issues', action('labeled')))), 'ignored')
      assert.equal(
        await outcomeOf(
          await deliver(
            'push',
            example('push', (p) => p.deleted === true),
          ),
        ),
        'ignored',
      )
      const elsewhere = example('issue_comment', action('created'))
      elsewhere.comment.id += 1000
      elsewhere.repository.full_name = 'someone-else/Hello-World'
      elsewhere.repository.owner.login = 'someone-else'
      assert.equal(await outcomeOf(await deliver('issue_comment', elsewhere)), 'ignored')
      assert.equal((await stored(`comment:${elsewhere.comment.id}`)).length, 0)
      const afterwards = await totals()
      assert.equal(afterwards.contributions, before.contributions)
      assert.equal(afterwards.deliveries, before.deliveries + 5)
    })

    it('counts a redelivery (same X-GitHub-Delivery) once, and the same contribution from another delivery once', async () => {
      const again = example('issue_comment', action('created'))
      again.comment.id += 2000
      const id = randomUUID()
      assert.equal(await outcomeOf(await deliver('issue_comment', again, { id })), 'stored')
      const before = await totals()
      assert.equal(await outcomeOf(await deliver('issue_comment', again, { id })), 'duplicate')
      assert.equal(await outcomeOf(await deliver('issue_comment', again)), 'ignored')
      assert.equal((await stored(`comment:${again.comment.id}`)).length, 1)
      const afterwards = await totals()
      assert.equal(afterwards.contributions, before.contributions)
      assert.equal(afterwards.deliveries, before.deliveries + 1)
    })

    it('refuses a delivery whose signature is missing, wrong or over other bytes, and stores nothing', async () => {
      const forged = example('issue_comment', action('created'))
      forged.comment.id += 3000
      const body = JSON.stringify(forged)
      const before = await totals()
      for (const signature of [null, sign(body, 'not the secret'), sign(`${body} `), 'sha256=', 'garbage']) {
        const res = await deliver('issue_comment', body, { signature })
        assert.equal(res.status, 401)
        assert.equal(res.headers.get('content-type'), 'application/problem+json')
        assert.equal(((await res.json()) as { status: number }).status, 401)
      }
      assert.deepEqual(await totals(), before)
      assert.equal((await stored(`comment:${forged.comment.id}`)).length, 0)
    })

    it('refuses every delivery while no secret is configured', async () => {
      const unconfigured = githubWebhook({
        ...t.deps,
        config: { ...t.deps.config, githubWebhookSecret: undefined },
      })
      const body = JSON.stringify(example('issue_comment', action('created')))
      const res = await unconfigured.request('/webhooks/github', {
        method: 'POST',
        headers: {
          'x-github-event': 'issue_comment',
          'x-github-delivery': randomUUID(),
          'x-hub-signature-256': sign(body, ''),
        },
        body,
      })
      assert.equal(res.status, 401)
      assert.equal(res.headers.get('content-type'), 'application/problem+json')
    })

    it('checks the raw bytes: pretty-printed, non-ASCII and form-encoded bodies, as signed', async () => {
      const pretty = example('issue_comment', action('created'))
      pretty.comment.id += 4000
      pretty.comment.body = '你好 — ünïcode'
      assert.equal(await outcomeOf(await deliver('issue_comment', JSON.stringify(pretty, null, 2))), 'stored')
      const form = example('issue_comment', action('created'))
      form.comment.id += 5000
      const encoded = new URLSearchParams({ payload: JSON.stringify(form) }).toString()
      const res = await deliver('issue_comment', encoded, {
        contentType: 'application/x-www-form-urlencoded',
      })
      assert.equal(await outcomeOf(res), 'stored')
      assert.equal((await stored(`comment:${form.comment.id}`)).length, 1)
    })

    it('acknowledges a signed body that is not JSON without storing anything', async () => {
      const before = await totals()
      for (const body of ['not json at all', '{"truncated": ', '', 'null', '[1,2,3]', '"a string"']) {
        assert.equal(await outcomeOf(await deliver('issue_comment', body)), 'ignored')
      }
      const bytes = new Uint8Array([0xff, 0xfe, 0x00, 0x81])
      assert.equal(
        await outcomeOf(await deliver('push', bytes, { contentType: 'application/octet-stream' })),
        'ignored',
      )
      assert.equal((await totals()).contributions, before.contributions)
    })

    it('requires X-GitHub-Delivery and X-GitHub-Event on a signed delivery', async () => {
      const body = JSON.stringify(example('issue_comment', action('created')))
      const headers = { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) }
      const incomplete: Record<string, string>[] = [
        { 'x-github-event': 'issue_comment' },
        { 'x-github-delivery': randomUUID() },
        { 'x-github-event': 'issue_comment', 'x-github-delivery': 'x'.repeat(500) },
      ]
      for (const extra of incomplete) {
        const res = await t.client().request('/webhooks/github', {
          method: 'POST',
          headers: { ...headers, ...extra },
          body,
        })
        assert.equal(res.status, 400)
        assert.equal(res.headers.get('content-type'), 'application/problem+json')
      }
    })

    it('refuses a body over 25 MB with 413 before reading it all', async () => {
      const big = new Uint8Array(WEBHOOK_MAX_BYTES + 1).fill(0x20)
      const before = await totals()
      const res = await deliver('push', big, { signature: sign(big) })
      assert.equal(res.status, 413)
      assert.equal(res.headers.get('content-type'), 'application/problem+json')
      assert.deepEqual(await totals(), before)
    })

    it('keeps the history of a renamed login and attaches it when the person signs in with GitHub', async () => {
      const first = example('issue_comment', action('created'))
      first.comment.id += 6000
      const githubId = first.sender.id as number
      assert.equal(await outcomeOf(await deliver('issue_comment', first)), 'stored')
      const renamed = example('issue_comment', action('created'))
      renamed.comment.id += 7000
      renamed.comment.created_at = '2019-05-20T10:00:00Z'
      renamed.sender.login = 'Codertocat-renamed'
      assert.equal(await outcomeOf(await deliver('issue_comment', renamed)), 'stored')

      const [account] = await db.select().from(githubAccounts).where(eq(githubAccounts.githubId, githubId))
      assert.equal(account?.login, 'Codertocat-renamed')
      assert.equal(account?.personId, null)
      for (const c of [first, renamed])
        assert.equal((await stored(`comment:${c.comment.id}`))[0]?.githubId, githubId)

      await signInWithGithub(
        t.deps,
        { id: githubId, login: 'Codertocat-renamed', name: null, avatarUrl: null, verifiedEmail: null },
        { locale: 'en', client: { ip: '192.0.2.10', userAgent: null } },
      )
      const person = await findPersonByGithubId(db, githubId)
      assert.ok(person)
      const [linked] = await db.select().from(githubAccounts).where(eq(githubAccounts.githubId, githubId))
      assert.equal(linked?.personId, person.id)
      t.setNow(new Date('2019-06-01T00:00:00Z'))
      try {
        const answer = await isPersonActive(t.deps, person.id)
        assert.equal(answer.active, true)
        assert.equal(answer.last?.occurredAt.toISOString(), '2019-05-20T10:00:00.000Z')
      } finally {
        t.setNow(null)
      }
    })

    it('stores 50 deliveries posted at once (each twice) exactly once', async () => {
      const payloads = Array.from({ length: 50 }, (_, i) => {
        const p = example('issue_comment', action('created'))
        p.comment.id = 900_000_000 + i
        return { id: randomUUID(), body: JSON.stringify(p) }
      })
      const before = await totals()
      const responses = await Promise.all(
        [...payloads, ...payloads].map((p) => deliver('issue_comment', p.body, { id: p.id })),
      )
      const outcomes = await Promise.all(responses.map(outcomeOf))
      assert.equal(outcomes.filter((o) => o === 'stored').length, 50)
      assert.equal(outcomes.filter((o) => o === 'duplicate').length, 50)
      const keys = await db.select().from(contributions).where(like(contributions.key, 'comment:9000000%'))
      assert.equal(keys.length, 50)
      const afterwards = await totals()
      assert.equal(afterwards.contributions, before.contributions + 50)
      assert.equal(afterwards.deliveries, before.deliveries + 50)
    })

    it('writes deliveries that arrive together in one batch, and a bad one fails alone', async () => {
      const receive = webhookIntake(t.deps)
      const deliveries = Array.from({ length: 6 }, (_, i) => {
        const p = example('issue_comment', action('created'))
        p.comment.id = 910_000_000 + i
        // Signed, yet nothing the database can hold: a repository id beyond 64 bits.
        if (i === 3) p.repository.id = 1e20
        return { id: randomUUID(), event: 'issue_comment', payload: p }
      })
      const before = await totals()
      const settled = await Promise.allSettled([...deliveries, deliveries[0]!].map((d) => receive(d)))
      assert.deepEqual(
        settled.map((s) => (s.status === 'fulfilled' ? s.value : 'failed')),
        ['stored', 'stored', 'stored', 'failed', 'stored', 'stored', 'duplicate'],
      )
      const afterwards = await totals()
      assert.equal(afterwards.contributions, before.contributions + 5)
      assert.equal(afterwards.deliveries, before.deliveries + 5, 'the failed one can be redelivered')
    })
  })
}
