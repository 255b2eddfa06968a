export { webhooksPages } from './webhooks.pages.tsx'
export { webhookEventTypes } from './webhooks.rules.ts'
export { publishEvent, publishEvents, signWebhook } from './webhooks.service.ts'
