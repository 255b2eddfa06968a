import { createHmac, timingSafeEqual } from 'node:crypto'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { Deps } from '../../platform/deps.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { problem } from '../../platform/http/problem.ts'
import { receiveIssueEvent } from '../applications/index.ts'
import { webhookIntake } from './activity.service.ts'

/** GitHub caps a delivery at 25 MB; anything larger is not from GitHub. */
export const WEBHOOK_MAX_BYTES = 25 * 1024 * 1024

/** Delivery ids are GUIDs; the cap only keeps an arbitrary header out of the table. */
const MAX_HEADER_CHARS = 200

/**
 * Whether `X-Hub-Signature-256` is `sha256=` + HMAC-SHA256(secret, body) of exactly these bytes.
 * Compared in constant time, so the answer's timing tells nothing about the right signature.
 */
export function verifySignature(secret: string, body: Uint8Array, header: string | undefined): boolean {
  if (!header?.startsWith('sha256=')) return false
  const expected = createHmac('sha256', secret).update(body).digest()
  const given = Buffer.from(header.slice('sha256='.length), 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** GitHub sends JSON, or a form with the JSON in `payload` when the hook's content type says so. */
function parsePayload(body: Uint8Array, contentType: string | undefined): unknown {
  let text = new TextDecoder().decode(body)
  if (contentType?.startsWith('application/x-www-form-urlencoded'))
    text = new URLSearchParams(text).get('payload') ?? ''
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * `POST /webhooks/github`: contributions as they happen. The signature is checked over the raw
 * bytes before anything is parsed; a redelivery (same `X-GitHub-Delivery`) changes nothing.
 * Anything signed but not counted is acknowledged, so GitHub does not mark the hook as failing.
 */
export function githubWebhook(deps: Deps, options: { maxBytes?: number } = {}) {
  const app = new Hono<AppEnv>()
  const receive = webhookIntake(deps)
  app.post(
    '/webhooks/github',
    bodyLimit({
      maxSize: options.maxBytes ?? WEBHOOK_MAX_BYTES,
      onError: (c) =>
        problem(c, {
          title: 'Content Too Large',
          status: 413,
          detail: 'A webhook delivery is at most 25 MB',
        }),
    }),
    async (c) => {
      const secret = deps.config.githubWebhookSecret
      const body = new Uint8Array(await c.req.arrayBuffer())
      if (!secret || !verifySignature(secret, body, c.req.header('x-hub-signature-256')))
        return problem(c, {
          title: 'Unauthorized',
          status: 401,
          detail: secret
            ? 'X-Hub-Signature-256 is missing or does not match the body'
            : 'Webhooks are not configured on this server (GITHUB_WEBHOOK_SECRET)',
        })
      const id = c.req.header('x-github-delivery')?.trim()
      const event = c.req.header('x-github-event')?.trim()
      if (!id || !event || id.length > MAX_HEADER_CHARS || event.length > MAX_HEADER_CHARS)
        return problem(c, {
          title: 'Bad Request',
          status: 400,
          detail: 'X-GitHub-Delivery and X-GitHub-Event are required',
        })
      const payload = parsePayload(body, c.req.header('content-type'))
      // Issues opened from application forms, and reviewers' /approve comments, first: if that
      // fails, the delivery is not recorded yet, so GitHub's redelivery brings it again.
      const application =
        event === 'issues' || event === 'issue_comment'
          ? await receiveIssueEvent(deps, event, payload)
          : undefined
      const outcome = await receive({ id, event, payload })
      return c.json({ delivery: id, event, outcome, ...(application ? { application } : {}) }, 200)
    },
  )
  return app
}
