import { z } from 'zod'

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'date')
const optional = (schema: z.ZodType) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional())

/** An offline event a chapter held: never one in the future (that is an announcement, not a record). */
export const chapterEventInput = (today: string) =>
  z.object({
    heldOn: day.refine((d) => d <= today, 'notFuture'),
    title: z.string().trim().min(1, 'required').max(200, 'tooLong'),
    attendance: optional(
      z.coerce.number().int('wholeNumber').min(0, 'wholeNumber').max(100_000, 'tooLarge'),
    ).transform((v) => (v as number | undefined) ?? null),
    link: optional(z.string().trim().url('url').max(2000, 'tooLong')).transform(
      (v) => (v as string | undefined) ?? null,
    ),
  })
export type ChapterEventInput = z.output<ReturnType<typeof chapterEventInput>>

/** An exemption lasts from now to a day in the next two years. */
export const exemptionInput = (today: string, latest: string) =>
  z.object({
    reason: z.string().trim().min(1, 'required').max(2000, 'tooLong'),
    until: day.refine((d) => d >= today && d <= latest, 'exemptionUntil'),
  })
export type ExemptionInput = z.output<ReturnType<typeof exemptionInput>>

export const promotionInput = z.object({
  personId: z.string().uuid('required'),
  role: z.enum(['leader', 'vice_leader']),
})
export type PromotionInput = z.output<typeof promotionInput>
