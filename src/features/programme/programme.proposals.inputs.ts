// What a proposal's form takes: one schema for the web form, the API and the GitHub issue form
// (the engine keeps every answer as text, so choices come as their words and numbers as digits).
import { z } from 'zod'
import { eitherLanguage, oneLanguage } from '../../platform/i18n/pair.ts'
import { type sessionKind, sessionLevel } from '../events/events.enums.ts'
import { wallClockMoment } from '../events/events.rules.ts'

const text = (max: number) => z.string().trim().min(1, 'required').max(max, 'tooLong')
const optional = (max: number) => z.string().trim().max(max, 'tooLong').default('')

/** An empty answer to an optional choice is '' (the engine keeps answers as text). */
const choiceOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
      z.union([z.enum(values), z.literal('')], { error: 'invalid' }),
    )
    .default('')

export const proposalLevels = sessionLevel.enumValues
/** The kinds a speaker may propose (breaks, meetups and recordings are the organisers'). */
export const proposalKinds = [
  'talk',
  'lightning',
  'workshop',
  'panel',
  'roundtable',
] as const satisfies readonly (typeof sessionKind.enumValues)[number][]
export const proposalLanguages = ['zh', 'en'] as const

const GITHUB_LOGIN = /^@?[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** A co-speaker as named: an e-mail address or a GitHub login (with or without its @). */
export type CoSpeaker = { email: string } | { githubLogin: string }

/** One co-speaker per line (or separated by commas), each an e-mail address or a GitHub login. */
export function parseCoSpeakers(value: string): { ok: true; speakers: CoSpeaker[] } | { ok: false } {
  const speakers: CoSpeaker[] = []
  for (const raw of value.split(/[\n,;]+/)) {
    const item = raw.trim()
    if (!item) continue
    if (EMAIL.test(item)) speakers.push({ email: item.toLowerCase() })
    else if (GITHUB_LOGIN.test(item)) speakers.push({ githubLogin: item.replace(/^@/, '') })
    else return { ok: false }
  }
  const seen = new Set<string>()
  return {
    ok: true,
    speakers: speakers.filter((s) => {
      const key = 'email' in s ? `e:${s.email}` : `g:${s.githubLogin.toLowerCase()}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    }),
  }
}

export const talkProposalForm = z.object({
  title: text(200),
  abstract: text(2000),
  description: optional(10000),
  level: choiceOf(proposalLevels),
  duration: z.coerce.number({ error: 'required' }).int('invalid').min(5, 'invalid').max(480, 'invalid'),
  kind: choiceOf(proposalKinds),
  /** The track by its name in either language (the web form sends the name it shows). */
  track: optional(200),
  language: choiceOf(proposalLanguages),
  coSpeakers: optional(2000).refine((v) => parseCoSpeakers(v).ok, 'coSpeakers'),
  notes: optional(4000),
})
export type TalkProposalAnswers = z.output<typeof talkProposalForm>

/** A review as a form gives it. */
export const reviewInput = z.object({
  score: z.coerce.number({ error: 'required' }).int('invalid').min(1, 'invalid').max(5, 'invalid'),
  comment: z.string().trim().max(4000, 'tooLong').default(''),
})

const WALL_CLOCK = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/
const nullable = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'tooLong')
    .default('')
    .transform((v) => v || null)

/** The organisers' call form: its window typed as the event's clocks show it. */
export const callInput = (timeZone: string) =>
  z
    .object({
      opensAt: z.string().trim().regex(WALL_CLOCK, 'dateTime'),
      closesAt: z.string().trim().regex(WALL_CLOCK, 'dateTime'),
      durations: z
        .string()
        .trim()
        .refine((v) => /^\s*\d{1,3}(\s*,\s*\d{1,3})*\s*$/.test(v), 'durations')
        .transform((v) =>
          v
            .split(',')
            .map((d) => Number(d.trim()))
            .filter((d) => d >= 5 && d <= 480),
        ),
      anonymousReviews: z.preprocess((v) => v === 'yes' || v === true, z.boolean()),
      acceptTemplateZh: nullable(8000),
      acceptTemplateEn: nullable(8000),
      rejectTemplateZh: nullable(8000),
      rejectTemplateEn: nullable(8000),
    })
    .transform((v, ctx) => {
      const opensAt = wallClockMoment(v.opensAt, timeZone)
      const closesAt = wallClockMoment(v.closesAt, timeZone)
      if (!opensAt) ctx.addIssue({ code: 'custom', path: ['opensAt'], message: 'dateTime' })
      if (!closesAt) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'dateTime' })
      if (!opensAt || !closesAt) return z.NEVER
      return { ...v, opensAt, closesAt }
    })

export const trackInput = z
  .object({ nameZh: oneLanguage(100), nameEn: oneLanguage(100) })
  .refine(...eitherLanguage('name'))

export const reviewerInput = z.object({
  handle: z.string().trim().min(1, 'required').max(100, 'tooLong'),
  trackId: z
    .string()
    .trim()
    .default('')
    .transform((v) => v || null),
})
