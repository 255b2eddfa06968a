import { z } from 'zod'
import { httpUrl } from '../../platform/http/url.ts'
import { linksField, optionalText } from '../people/index.ts'
import { eventModes, hasEvidence, supportKinds, supportStatuses } from './chapters.rules.ts'

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'date')
const optional = (schema: z.ZodType) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional())

/** One language of a title typed in both: blank is null; the pair needs at least one (eitherLanguage). */
export const bilingualTitle = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() || null : (v ?? null)),
    z.string().max(max, 'tooLong').nullable(),
  ) as z.ZodType<string | null>

/**
 * An event a chapter held: never one in the future (that is an announcement, not a record), saying
 * whether people met (offline, hybrid) or not (online), with evidence, since it is self-reported.
 */
export const chapterEventInput = (today: string) =>
  z
    .object({
      heldOn: day.refine((d) => d <= today, 'notFuture'),
      titleZh: bilingualTitle(200),
      titleEn: bilingualTitle(200),
      mode: z.enum(eventModes, 'required'),
      attendance: optional(
        z.coerce.number().int('wholeNumber').min(0, 'wholeNumber').max(100_000, 'tooLarge'),
      ).transform((v) => (v as number | undefined) ?? null),
      photosUrl: optional(httpUrl(2000)).transform((v) => (v as string | undefined) ?? null),
      link: optional(httpUrl(2000)).transform((v) => (v as string | undefined) ?? null),
    })
    .refine(hasEvidence, { message: 'evidence', path: ['attendance'] })
    .refine((v) => v.titleZh || v.titleEn, { message: 'eitherLanguage', path: ['titleZh'] })
export type ChapterEventInput = z.output<ReturnType<typeof chapterEventInput>>

/** An exemption lasts from now to a day in the next two years. */
export const exemptionInput = (today: string, latest: string) =>
  z.object({
    reason: z.string().trim().min(1, 'required').max(2000, 'tooLong'),
    until: day.refine((d) => d >= today && d <= latest, 'exemptionUntil'),
  })
export type ExemptionInput = z.output<ReturnType<typeof exemptionInput>>

/** Why seat someone not active lately anyway: required then, kept in the team's history. */
const overrideReason = z
  .string()
  .trim()
  .max(2000, 'tooLong')
  .optional()
  .transform((v) => v || null)

export const promotionInput = z.object({
  personId: z.string().uuid('required'),
  role: z.enum(['leader', 'vice_leader']),
  override: overrideReason,
})
export type PromotionInput = Omit<z.output<typeof promotionInput>, 'override'> & { override?: string | null }

/** A SIG lead seats a new leader while one is wanted. */
export const appointmentInput = z.object({
  personId: z.string().uuid('required'),
  override: overrideReason,
})
export type AppointmentInput = Omit<z.output<typeof appointmentInput>, 'override'> & {
  override?: string | null
}

/** What a chapter asks for; a date it is needed by, when there is one, is not in the past. */
export const supportRequestInput = (today: string) =>
  z.object({
    kind: z.enum(supportKinds),
    details: z.string().trim().min(1, 'required').max(4000, 'tooLong'),
    neededBy: optional(day.refine((d) => d >= today, 'notPast')).transform(
      (v) => (v as string | undefined) ?? null,
    ),
  })
export type SupportRequestInput = z.output<ReturnType<typeof supportRequestInput>>

export const supportMoveInput = z.object({
  to: z.enum(supportStatuses),
  comment: z
    .string()
    .trim()
    .max(2000, 'tooLong')
    .optional()
    .transform((v) => v || null),
})
export type SupportMoveInput = z.output<typeof supportMoveInput>

/** What a chapter's team keeps up to date about it (its address, the slug, stays as founded). */
export const chapterRecordInput = z.object({
  cityZh: z.string().trim().min(1, 'required').max(40, 'tooLong'),
  cityEn: z.string().trim().min(1, 'required').max(60, 'tooLong'),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'countryCode')
    .transform((c) => c.toUpperCase()),
  location: optionalText(200),
  descriptionZh: optionalText(2000),
  descriptionEn: optionalText(2000),
  links: linksField.default([]),
  contact: optionalText(200),
})
export type ChapterRecordInput = z.output<typeof chapterRecordInput>
