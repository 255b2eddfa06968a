// What organisers type about an event, its sessions, speakers, rooms, organisers and sponsors.
// Times are typed as the event's clocks show them (a form's date-time field has no zone) and
// become moments here, with the zone the same form names.
import { z } from 'zod'
import { httpUrl } from '../../platform/http/url.ts'
import {
  attendanceModes,
  type EventFilters,
  eventKinds,
  ianaZone,
  sessionKinds,
  sessionLanguages,
  slugProblem,
  speakerRoles,
  wallClockMoment,
} from './events.rules.ts'

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

/** Optional text: blank is null. */
const text = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() || null : (v ?? null)),
    z.string().max(max, 'tooLong').nullable(),
  ) as z.ZodType<string | null>

/** An optional web address: blank is null, anything else the one http(s) type. */
const url = () =>
  z.preprocess(blankToUndefined, httpUrl(2000).optional()).transform((v) => v ?? null) as z.ZodType<
    string | null
  >

const count = (max: number) =>
  z
    .preprocess(
      blankToUndefined,
      z.coerce.number('wholeNumber').int('wholeNumber').min(0, 'wholeNumber').max(max, 'tooLarge').optional(),
    )
    .transform((v) => v ?? null) as z.ZodType<number | null>

/** A checkbox: sent as "on" when ticked, not sent at all otherwise. */
const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean())

/** A wall-clock time as a `datetime-local` field sends it (seconds optional). */
const WALL_CLOCK = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/
const wallClock = z.string().trim().regex(WALL_CLOCK, 'dateTime')
const optionalWallClock = z.preprocess(blankToUndefined, wallClock.optional())

const slug = z
  .string()
  .trim()
  .toLowerCase()
  .superRefine((v, ctx) => {
    const problem = slugProblem(v)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

/** The time zone, an IANA name (`Europe/Berlin`), kept as the platform spells it. */
const timeZone = z
  .string()
  .trim()
  .min(1, 'required')
  .transform((v, ctx) => {
    const zone = ianaZone(v)
    if (!zone) {
      ctx.addIssue({ code: 'custom', message: 'timeZone' })
      return z.NEVER
    }
    return zone
  })

/** The moment of a wall-clock field in a zone, or null when the field is empty or not a time. */
const momentOf = (local: unknown, zone: string) =>
  typeof local === 'string' ? wallClockMoment(local, zone) : null

/**
 * Cross-field checks, run even when some field was refused (`always`), so a form shows every
 * refusal at once: a title in one language at least, a meetup's chapter, and the times read in
 * the zone (when it is one): each must exist there, and each end come after its start.
 */
function crossCheck(
  v: Record<string, unknown>,
  ctx: z.RefinementCtx,
  zone: unknown,
  spans: readonly (readonly [string, string, string])[],
) {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
  if (!v.titleZh && !v.titleEn) issue('titleZh', 'eitherLanguage')
  if (v.kind === 'meetup' && !v.chapter) issue('chapter', 'meetupChapter')
  if (typeof zone !== 'string' || !ianaZone(zone)) return
  for (const [start, end, message] of spans) {
    const [from, to] = [momentOf(v[start], zone), momentOf(v[end], zone)]
    for (const [field, moment] of [
      [start, from],
      [end, to],
    ] as const) {
      const typed = v[field]
      if (typeof typed === 'string' && WALL_CLOCK.test(typed) && !moment) issue(field, 'timeSkipped')
    }
    if (from && to && to <= from) issue(end, message)
  }
}

const always = { when: () => true }

const eventFields = {
  kind: z.enum(eventKinds, 'required'),
  /** The holding chapter's slug (required for a meetup). */
  chapter: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()).transform((v) => v ?? null),
  mode: z.enum(attendanceModes, 'required'),
  titleZh: text(200),
  titleEn: text(200),
  /** Blank: made from the title. */
  slug: z.preprocess(blankToUndefined, slug.optional()).transform((v) => v ?? null),
  summaryZh: text(300),
  summaryEn: text(300),
  descriptionZh: text(20_000),
  descriptionEn: text(20_000),
  timeZone,
  startsAt: wallClock,
  endsAt: wallClock,
  venueZh: text(200),
  venueEn: text(200),
  address: text(300),
  country: z
    .preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .regex(/^[A-Za-z]{2}$/, 'countryCode')
        .optional(),
    )
    .transform((v) => v?.toUpperCase() ?? null),
  mapUrl: url(),
  accessibilityZh: text(2000),
  accessibilityEn: text(2000),
  onlineUrl: url(),
  registrationOpensAt: optionalWallClock,
  registrationClosesAt: optionalWallClock,
}

const eventSpans = [
  ['startsAt', 'endsAt', 'endsAfterStart'],
  ['registrationOpensAt', 'registrationClosesAt', 'closesAfterOpens'],
] as const

type WallClocks = {
  timeZone: string
  startsAt: string
  endsAt: string
  registrationOpensAt?: string | undefined
  registrationClosesAt?: string | undefined
}
type Moments = {
  timeZone: string
  startsAt: Date
  endsAt: Date
  registrationOpensAt: Date | null
  registrationClosesAt: Date | null
}

/** The form's wall-clock times as moments (the checks above have passed). */
const eventMoments = <V extends WallClocks>(v: V): Omit<V, keyof WallClocks> & Moments => ({
  ...v,
  startsAt: momentOf(v.startsAt, v.timeZone) as Date,
  endsAt: momentOf(v.endsAt, v.timeZone) as Date,
  registrationOpensAt: momentOf(v.registrationOpensAt, v.timeZone),
  registrationClosesAt: momentOf(v.registrationClosesAt, v.timeZone),
})

/** Editing an event: what it is, where and when. Places and approval are the registrations' to change. */
export const eventEditInput = z
  .object(eventFields)
  .superRefine((v, ctx) => crossCheck(v, ctx, v.timeZone, eventSpans), always)
  .transform(eventMoments)
export type EventEditInput = z.output<typeof eventEditInput>

/** A new event: also how many places it has (blank: no limit) and whether organisers approve each. */
export const eventInput = z
  .object({ ...eventFields, capacity: count(1_000_000), requiresApproval: checkbox })
  .superRefine((v, ctx) => crossCheck(v, ctx, v.timeZone, eventSpans), always)
  .transform(eventMoments)
export type EventInput = z.output<typeof eventInput>

/** The next edition starts at this wall-clock time, in the event's zone (given by the service). */
export const nextEditionInput = (zone: string) =>
  z.object({ startsAt: wallClock }).transform((v, ctx) => {
    const moment = wallClockMoment(v.startsAt, zone)
    if (!moment) {
      ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'timeSkipped' })
      return z.NEVER
    }
    return { startsAt: moment }
  })

/** A session: its times are typed in the event's zone (given by the service). */
export const sessionInput = (zone: string) =>
  z
    .object({
      kind: z.enum(sessionKinds, 'required'),
      titleZh: text(300),
      titleEn: text(300),
      abstractZh: text(10_000),
      abstractEn: text(10_000),
      language: z
        .preprocess(blankToUndefined, z.enum(sessionLanguages).optional())
        .transform((v) => v ?? null),
      roomId: z.preprocess(blankToUndefined, z.uuid('required').optional()).transform((v) => v ?? null),
      startsAt: optionalWallClock,
      endsAt: optionalWallClock,
      /** A live podcast recording: the episode it became. */
      episodeId: z.preprocess(blankToUndefined, z.uuid('required').optional()).transform((v) => v ?? null),
      videoUrl: url(),
      slidesUrl: url(),
    })
    .superRefine((v, ctx) => {
      crossCheck({ ...v, kind: null }, ctx, zone, [['startsAt', 'endsAt', 'endsAfterStart']])
      if (v.endsAt && !v.startsAt) ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'required' })
    }, always)
    .transform((v) => ({ ...v, startsAt: momentOf(v.startsAt, zone), endsAt: momentOf(v.endsAt, zone) }))
export type SessionInput = z.output<ReturnType<typeof sessionInput>>

/** Someone in a session: a person here (by handle) or an outsider named in either language. */
export const speakerInput = z
  .object({
    handle: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()).transform((v) => v ?? null),
    nameZh: text(100),
    nameEn: text(100),
    affiliation: text(200),
    role: z.enum(speakerRoles, 'required'),
  })
  .superRefine((v, ctx) => {
    if (!v.handle && !v.nameZh && !v.nameEn)
      ctx.addIssue({ code: 'custom', path: ['handle'], message: 'speakerWho' })
  })
export type SpeakerInput = z.output<typeof speakerInput>

export const roomInput = z
  .object({ nameZh: text(100), nameEn: text(100), capacity: count(100_000) })
  .superRefine((v, ctx) => {
    if (!v.nameZh && !v.nameEn) ctx.addIssue({ code: 'custom', path: ['nameZh'], message: 'name' })
  })
export type RoomInput = z.output<typeof roomInput>

export const organiserInput = z.object({ handle: z.string().trim().min(1, 'required').max(100, 'tooLong') })

export const sponsorInput = z
  .object({ nameZh: text(100), nameEn: text(100), url: url() })
  .superRefine((v, ctx) => {
    if (!v.nameZh && !v.nameEn) ctx.addIssue({ code: 'custom', path: ['nameZh'], message: 'name' })
  })
export type SponsorInput = z.output<typeof sponsorInput>

export const statusInput = z.object({ action: z.enum(['publish', 'postpone', 'cancel']) })

/** The public list's filters, from the query; a value that is none of the choices is ignored. */
export const eventFiltersInput = z.object({
  chapter: z.string().trim().max(100).optional().catch(undefined),
  city: z.string().trim().max(60).optional().catch(undefined),
  kind: z.enum(eventKinds).optional().catch(undefined),
  language: z.enum(sessionLanguages).optional().catch(undefined),
  mode: z.enum(['offline', 'online']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
})
export type EventFiltersQuery = z.output<typeof eventFiltersInput> & EventFilters
