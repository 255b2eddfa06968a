// What an editor types into the article form (the console): checked here, resolved to people,
// pages and dates by the service.
import { z } from 'zod'
import { httpUrl } from '../../platform/http/url.ts'
import { parsePublishDate, SLUG, splitList } from './articles.rules.ts'

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

const text = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() || null : (v ?? null)),
    z.string().max(max, 'tooLong').nullable(),
  ) as z.ZodType<string | null>

const url = () =>
  z.preprocess(blankToUndefined, httpUrl(2000).optional()).transform((v) => v ?? null) as z.ZodType<
    string | null
  >

const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean())

const list = (maxItems: number) =>
  z
    .preprocess(
      (v) => (typeof v === 'string' ? splitList(v) : (v ?? [])),
      z.array(z.string().max(80, 'tooLong')),
    )
    .refine((v) => v.length <= maxItems, 'tooLong') as z.ZodType<string[]>

const lines = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean)
      : (v ?? []),
  z.array(z.string().max(300, 'tooLong')).max(50, 'tooLong'),
) as z.ZodType<string[]>

export const articleForm = z
  .object({
    title: z.string().trim().min(1, 'required').max(300, 'tooLong'),
    slug: z.preprocess(
      blankToUndefined,
      z.string().trim().toLowerCase().regex(SLUG, 'articleSlug').optional(),
    ) as z.ZodType<string | undefined>,
    language: z.enum(['zh', 'en']),
    summary: text(1000),
    body: z.string().max(500_000, 'tooLong').default(''),
    status: z.enum(['draft', 'scheduled', 'published', 'unpublished']),
    publishedAt: z.preprocess(blankToUndefined, z.string().optional()).transform((v, ctx) => {
      if (v === undefined) return null
      const date = parsePublishDate(v)
      if (!date) ctx.addIssue({ code: 'custom', message: 'articleDate' })
      return date
    }),
    coverUrl: url(),
    tags: list(30),
    keywords: list(30),
    authors: lines,
    originalUrl: url(),
    translator: text(200),
    canonicalToOriginal: checkbox,
    translationOf: z.preprocess(blankToUndefined, z.uuid().optional()) as z.ZodType<string | undefined>,
    links: lines,
  })
  .superRefine((v, ctx) => {
    if (v.status === 'scheduled' && !v.publishedAt)
      ctx.addIssue({ code: 'custom', path: ['publishedAt'], message: 'articleDateNeeded' })
  })

export type ArticleForm = z.output<typeof articleForm>
