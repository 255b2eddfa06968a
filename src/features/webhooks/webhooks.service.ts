// Outgoing webhooks: administrators subscribe other systems to what happens here; features
// publish events inside their writing transactions, and the HTTP outbox delivers them, signed,
// with retries, so a subscriber that is down misses nothing.
import { randomBytes } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import type { Deps } from '../../platform/deps.ts'
import { DomainError, InvalidInput } from '../../platform/errors.ts'
import { urlRefusal } from '../../platform/http/outgoing.rules.ts'
import type { Authorise } from '../../platform/outbox/http.ts'
import { enqueueRequest } from '../../platform/outbox/http.ts'
import { type Actor, authorize } from '../access/index.ts'
import * as repo from './webhooks.repo.ts'
import { type WebhookEventType, wants, webhookBody } from './webhooks.rules.ts'

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`

/**
 * Queues the event for every active subscription that wants it. Call inside the transaction of
 * the change it reports: the event exists exactly when the change does.
 */
export const publishEvent = (
  db: Deps['db'],
  type: WebhookEventType,
  data: Record<string, unknown>,
  at: Date,
) => publishEvents(db, type, [data], at)

/** Several events of one type from one change (a batch of registrations): subscriptions read once. */
export async function publishEvents(
  db: Deps['db'],
  type: WebhookEventType,
  items: Record<string, unknown>[],
  at: Date,
): Promise<number> {
  if (items.length === 0) return 0
  const subscribers = (await repo.selectActiveSubscriptions(db)).filter((s) => wants(s.events, type))
  for (const s of subscribers)
    for (const data of items)
      await enqueueRequest(db, {
        kind: 'webhook',
        subscriptionId: s.id,
        event: type,
        method: 'POST',
        url: s.url,
        body: webhookBody(type, data, at),
      })
  return subscribers.length
}

/**
 * Signs a queued delivery when it is sent (webhook-id, webhook-timestamp, webhook-signature),
 * with the subscription's current secret; deliveries to a removed subscription are dropped.
 */
export const signWebhook =
  (deps: Pick<Deps, 'db' | 'now'>): Authorise =>
  async (row) => {
    const subscription = row.subscriptionId
      ? await repo.selectSubscription(deps.db, row.subscriptionId)
      : undefined
    if (!subscription?.active) return { drop: 'subscription removed' }
    const at = deps.now()
    return {
      headers: {
        'webhook-id': row.id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': new Webhook(subscription.secret).sign(row.id, at, row.body),
      },
    }
  }

export async function listSubscriptions(deps: Pick<Deps, 'db'>, actor: Actor) {
  authorize(actor, { action: 'webhooks.manage' })
  const subscriptions = await repo.selectSubscriptions(deps.db)
  return Promise.all(
    subscriptions.map(async (s) => ({ ...s, deliveries: await repo.selectDeliveries(deps.db, s.id) })),
  )
}

/**
 * Subscribes a system to events. An address that names this machine or a private, link-local or
 * reserved network (in any spelling, e.g. `http://2130706433/`) is refused unless the operator
 * allowed that network; a name is checked again at each delivery, where it is resolved.
 */
export async function subscribe(
  deps: Pick<Deps, 'db' | 'now' | 'config'>,
  actor: Actor,
  input: { url: string; events: string[]; description: string | null },
) {
  authorize(actor, { action: 'webhooks.manage' })
  if (urlRefusal(input.url, deps.config.outgoingAllowed))
    throw new InvalidInput([{ code: 'custom', path: ['url'], message: 'webhookTarget', input: input.url }])
  return repo.insertSubscription(deps.db, {
    ...input,
    secret: newSecret(),
    createdBy: actor.personId,
    createdAt: deps.now(),
    updatedAt: deps.now(),
  })
}

/** Stops deliveries; what was queued for it is dropped when its turn comes. */
export async function unsubscribe(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, id: string) {
  authorize(actor, { action: 'webhooks.manage' })
  const [row] = await repo.updateSubscription(deps.db, id, { active: false, updatedAt: deps.now() })
  if (!row) throw new DomainError('notFoundRecord')
}

/** A new secret (the old one stops working for deliveries not yet sent). */
export async function rotateSecret(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, id: string) {
  authorize(actor, { action: 'webhooks.manage' })
  const [row] = await repo.updateSubscription(deps.db, id, { secret: newSecret(), updatedAt: deps.now() })
  if (!row) throw new DomainError('notFoundRecord')
}

/** Sends a `webhook.test` event to one subscription, to check the receiving end. */
export async function sendTestEvent(deps: Pick<Deps, 'db' | 'now' | 'jobs'>, actor: Actor, id: string) {
  authorize(actor, { action: 'webhooks.manage' })
  const s = await repo.selectSubscription(deps.db, id)
  if (!s?.active) throw new DomainError('notFoundRecord')
  await enqueueRequest(deps.db, {
    kind: 'webhook',
    subscriptionId: s.id,
    event: 'webhook.test',
    method: 'POST',
    url: s.url,
    body: webhookBody('webhook.test', { subscription: s.id }, deps.now()),
  })
  await deps.jobs.nudge('outbound-deliver')
}

/** Tries a delivery that gave up again, from its first attempt. */
export async function retryDelivery(
  deps: Pick<Deps, 'db' | 'now' | 'jobs'>,
  actor: Actor,
  subscriptionId: string,
  deliveryId: string,
) {
  authorize(actor, { action: 'webhooks.manage' })
  const [row] = await repo.resetDelivery(deps.db, subscriptionId, deliveryId, deps.now())
  if (!row) throw new DomainError('notFoundRecord')
  await deps.jobs.nudge('outbound-deliver')
}
