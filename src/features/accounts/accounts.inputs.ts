import { z } from '@hono/zod-openapi'

const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'email' }).max(254))

export const signInEmailInput = z.object({ email, next: z.string().optional() })
export const signInCodeInput = z.object({
  email,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { error: 'code' }),
  next: z.string().optional(),
})
export const apiTokenInput = z
  .object({ name: z.string().trim().min(1, { error: 'required' }).max(80, { error: 'tooLong' }) })
  .openapi('ApiTokenInput')

export const apiTokenOutput = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().openapi({ description: 'The first characters of the token, to recognise it' }),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
  })
  .openapi('ApiToken')

const hasControlCharacters = (text: string) => [...text].some((ch) => ch.charCodeAt(0) < 32 || ch === '\x7f')

/** Only local paths may be returned to after signing in (no open redirects, no header injection). */
export const safeNext = (next: string | undefined, fallback: string) =>
  next && /^\/(zh|en)(\/|\?|$)/.test(next) && !next.includes('\\') && !hasControlCharacters(next)
    ? next
    : fallback
