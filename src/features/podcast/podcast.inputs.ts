import { z } from 'zod'
import { httpUrl, isHttpUrl } from '../../platform/http/url.ts'
import { eitherLanguage, oneLanguage } from '../../platform/i18n/pair.ts'
import { parseChapters } from './podcast.rules.ts'

const text = (max: number) => z.string().trim().min(1, 'required').max(max, 'tooLong')
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'tooLong')
    .optional()
    .transform((v) => v || null)
const optionalCount = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? null : Number(v)),
  z
    .number({ error: 'wholeNumber' })
    .int('wholeNumber')
    .min(0, 'wholeNumber')
    .max(100_000, 'tooLarge')
    .nullable(),
)
const lines = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
    : v
const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/, 'slug')
/** One language of a title typed in both: blank is null; the pair needs at least one (eitherLanguage). */
const titleIn = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() || null : (v ?? null)),
    z.string().max(max, 'tooLong').nullable().default(null),
  ) as z.ZodType<string | null>
const eitherTitle = [
  (v: { titleZh: string | null; titleEn: string | null }) => Boolean(v.titleZh || v.titleEn),
  { message: 'eitherLanguage', path: ['titleZh'] },
] as [(v: { titleZh: string | null; titleEn: string | null }) => boolean, { message: string; path: string[] }]
const flag = z.preprocess((v) => v === true || v === 'yes' || v === 'on', z.boolean())

/** Addresses under /podcast/ and /console/podcast/ that the site uses itself. */
export const reservedShowSlugs = ['how-we-count', 'imports']
const showSlug = slug.refine((s) => !reservedShowSlugs.includes(s), 'slugReserved')

const showFields = z.object({
  slug: showSlug,
  titleZh: titleIn(200),
  titleEn: titleIn(200),
  descriptionZh: oneLanguage(4000),
  descriptionEn: oneLanguage(4000),
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/i, 'languages')
    .transform((l) => l.toLowerCase()),
  categories: z.preprocess(lines, z.array(z.string().max(100, 'tooLong')).max(3, 'tooMany')).default([]),
  explicit: flag.default(false),
  type: z.enum(['episodic', 'serial']).default('episodic'),
  ownerName: text(200),
  ownerEmail: z.email('email'),
  copyright: optionalText(300),
  /** Handles of the fixed hosts. */
  hosts: z.preprocess(lines, z.array(z.string().max(39))).default([]),
})
export const showInput = showFields.refine(...eitherTitle).refine(...eitherLanguage('description'))
export type ShowInput = z.output<typeof showInput>

/** A show as edited after its creation: everything but its slug (its feed URL stays put). */
export const showEditInput = showFields
  .omit({ slug: true })
  .refine(...eitherTitle)
  .refine(...eitherLanguage('description'))
export type ShowEditInput = z.output<typeof showEditInput>

export const episodeInput = z
  .object({
    titleZh: titleIn(300),
    titleEn: titleIn(300),
    slug,
    notes: z.string().max(20_000, 'tooLong').default(''),
    season: optionalCount,
    number: optionalCount,
    type: z.enum(['full', 'trailer', 'bonus']).default('full'),
    explicit: flag.default(false),
    sponsor: optionalText(500),
    videoUrl: z
      .preprocess((v) => (v === '' ? null : v), httpUrl(2000).nullable().optional())
      .transform((v) => v ?? null),
    chapters: z
      .string()
      .max(10_000, 'tooLong')
      .default('')
      .superRefine((v, ctx) => {
        const parsed = parseChapters(v)
        if (!parsed.ok) ctx.addIssue({ code: 'custom', message: 'chapters', params: { line: parsed.line } })
      }),
    /** One guest a line: a handle here, or a name (and a link after it). */
    guests: z.preprocess(lines, z.array(z.string().max(300, 'tooLong')).max(20)).default([]),
  })
  .refine(...eitherTitle)
export type EpisodeInput = z.output<typeof episodeInput>

export const publishInput = z.object({
  /** Empty: now. Otherwise an ISO moment in the future. */
  at: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.coerce.date().nullable()),
})

const knownPlatforms = [
  'apple',
  'spotify',
  'xiaoyuzhou',
  'ximalaya',
  'pocketcasts',
  'overcast',
  'youtube',
] as const

/** "Label URL" lines (for platforms, the label is one of the known platforms, or any name). */
const linkLines = z.preprocess(
  lines,
  z
    .array(
      z.string().transform((line, ctx) => {
        const m = /^(.+?)\s+(https?:\/\/\S+)$/.exec(line)
        if (!m || !isHttpUrl(m[2]!)) {
          ctx.addIssue({ code: 'custom', message: 'links' })
          return z.NEVER
        }
        return { label: m[1]!.trim(), url: m[2]! }
      }),
    )
    .max(12, 'tooMany'),
)

/** What a show's hosts keep up to date besides its episodes. */
export const showSettingsInput = z.object({
  platforms: linkLines.default([]).transform((links) =>
    links.map((l) => ({
      platform: (knownPlatforms as readonly string[]).includes(l.label.toLowerCase())
        ? l.label.toLowerCase()
        : l.label,
      url: l.url,
    })),
  ),
  fundings: linkLines.default([]),
  coverCredit: optionalText(100),
  /** podcast:txt lines: "purpose: text" (e.g. "verify: …" from a directory) or just the text. */
  txts: z
    .preprocess(lines, z.array(z.string().max(500, 'tooLong')).max(10, 'tooMany'))
    .default([])
    .transform((list) =>
      list.map((line) => {
        const m = /^([a-z0-9-]{1,32}):\s*(.+)$/i.exec(line)
        return m ? { purpose: m[1]!.toLowerCase(), text: m[2]! } : { purpose: null, text: line }
      }),
    ),
})
export type ShowSettingsInput = z.output<typeof showSettingsInput>

/** An import: the feed's URL, or its file; the slug and hosts the new show gets. */
export const importInput = z
  .object({
    sourceUrl: z
      .preprocess((v) => (v === '' ? null : v), httpUrl(2000).nullable().optional())
      .transform((v) => v ?? null),
    feedXml: z
      .string()
      .max(50 * 1024 * 1024, 'fileTooLarge')
      .nullable()
      .optional()
      .transform((v) => v || null),
    slug: z
      .preprocess((v) => (v === '' ? null : v), showSlug.nullable().optional())
      .transform((v) => v ?? null),
    hosts: z.preprocess(lines, z.array(z.string().max(39))).default([]),
  })
  .superRefine((v, ctx) => {
    if (!v.sourceUrl && !v.feedXml)
      ctx.addIssue({ code: 'custom', path: ['sourceUrl'], message: 'feedSource' })
  })
export type ImportInput = z.output<typeof importInput>
