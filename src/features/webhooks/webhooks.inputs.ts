import { z } from 'zod'
import { httpUrl } from '../../platform/http/url.ts'
import { webhookEventTypes } from './webhooks.rules.ts'

const loopback = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * A subscriber's address: HTTPS, or plain HTTP on this machine (for a receiver next to Hearth).
 * Event types come as one checkbox each (`event:application.approved`); none ticked means all.
 */
export const subscriptionInput = z
  .record(z.string(), z.string())
  .transform((fields) => ({
    url: (fields.url ?? '').trim(),
    description: (fields.description ?? '').trim() || null,
    events: webhookEventTypes.filter((e) => fields[`event:${e}`]),
  }))
  .pipe(
    z.object({
      url: z
        .string()
        .min(1, 'required')
        .max(2000, 'tooLong')
        .refine((v) => {
          if (!URL.canParse(v)) return false
          const u = new URL(v)
          return u.protocol === 'https:' || (u.protocol === 'http:' && loopback.has(u.hostname))
        }, 'webhookUrl')
        .pipe(httpUrl(2000)),
      description: z.string().max(200, 'tooLong').nullable(),
      events: z.array(z.enum(webhookEventTypes)),
    }),
  )
