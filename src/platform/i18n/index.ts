import { z } from 'zod'
import { en, type Messages } from './en.ts'
import { zh } from './zh.ts'

export const locales = ['zh', 'en'] as const
export type Locale = (typeof locales)[number]
export type { Messages }

const dictionaries: Record<Locale, Messages> = { zh, en }
const zodLocales = { zh: z.locales.zhCN().localeError, en: z.locales.en().localeError }

export const messagesFor = (locale: Locale): Messages => dictionaries[locale]
export const isLocale = (v: unknown): v is Locale => v === 'zh' || v === 'en'

/** Picks zh or en from an Accept-Language header by quality; Chinese of any region maps to zh. */
export function negotiateLocale(header: string | undefined | null, fallback: Locale = 'zh'): Locale {
  if (!header) return fallback
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) : 1 }
    })
    .filter((r) => r.tag && !Number.isNaN(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q)
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh'
    if (tag === 'en' || tag.startsWith('en-')) return 'en'
  }
  return fallback
}

/**
 * Validates in the reader's language: our own schemas name their errors by a key of
 * `validation` (translated in fieldErrors); zod's built-in messages come from its locale.
 */
export function parseIn<S extends z.ZodType>(locale: Locale, schema: S, input: unknown) {
  return schema.safeParse(input, { error: zodLocales[locale] })
}

export function translateIssue(locale: Locale, issue: z.core.$ZodIssue): string {
  return (dictionaries[locale].validation as Record<string, string>)[issue.message] ?? issue.message
}

/**
 * Issues zod wrote in its default English (the API's validators run without the reader's
 * language), rewritten in `locale`: nested ones (`links.0.label`) included. `input` is what was
 * validated, from which each issue's value is taken back (zod drops it from finished issues).
 */
export function localiseIssues(
  locale: Locale,
  issues: z.core.$ZodIssue[],
  input: unknown,
): z.core.$ZodIssue[] {
  return issues.map((issue) => {
    if (issue.code === 'custom' || issue.message in dictionaries[locale].validation) return issue
    let value: unknown = input
    for (const key of issue.path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key]
    const raw = { ...issue, input: value } as unknown as z.core.$ZodRawIssue
    const message = zodLocales[locale](raw)
    const text = typeof message === 'string' ? message : message?.message
    return text ? { ...issue, message: text } : issue
  })
}

export function fieldErrors(locale: Locale, error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {}
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_'
    out[key] ??= translateIssue(locale, issue)
  }
  return out
}

export function formatDate(locale: Locale, date: Date, withTime = false): string {
  return new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
    dateStyle: 'medium',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone: 'UTC',
  }).format(date)
}

export const formatPercent = (locale: Locale, share: number) =>
  new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', { style: 'percent' }).format(share)

// Making a formatter costs far more than using one (a batch of registration mails spent most of
// its time here); one per language and zone is kept, as the zones in use are few.
const zoneFormatters = new Map<string, Intl.DateTimeFormat>()

/** A moment as people in a time zone read it, with the zone named (meetings). */
export function formatInZone(locale: Locale, date: Date, timeZone: string): string {
  const key = `${locale} ${timeZone}`
  let formatter = zoneFormatters.get(key)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
      dateStyle: 'full',
      timeStyle: 'short',
      timeZone,
    })
    zoneFormatters.set(key, formatter)
  }
  return formatter.format(date)
}
