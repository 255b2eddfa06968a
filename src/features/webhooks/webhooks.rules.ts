// What outgoing webhooks carry. Event types are named `thing.happened`; a subscription with no
// types chosen receives every one.

export const webhookEventTypes = [
  'application.submitted',
  'application.info_requested',
  'application.approved',
  'application.rejected',
  'application.withdrawn',
  'chapter.founded',
  'chapter.status_changed',
  'support.requested',
  'support.updated',
  'event.published',
  'checkin.created',
  'registration.confirmed',
  'registration.cancelled',
  'proposal.submitted',
  'proposal.accepted',
  'schedule.published',
] as const
export type WebhookEventType = (typeof webhookEventTypes)[number] | 'webhook.test'

export const wants = (subscribed: readonly string[], type: WebhookEventType) =>
  type === 'webhook.test' || subscribed.length === 0 || subscribed.includes(type)

/** The body every subscriber gets, the shape Standard Webhooks recommends. */
export const webhookBody = (type: WebhookEventType, data: Record<string, unknown>, at: Date) => ({
  type,
  timestamp: at.toISOString(),
  data,
})
