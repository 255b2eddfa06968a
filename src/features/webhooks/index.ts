export { webhooksPages } from './webhooks.pages.tsx'
export { webhookEventTypes } from './webhooks.rules.ts'
export { publishEvent, signWebhook } from './webhooks.service.ts'
