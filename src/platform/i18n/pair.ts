// Text a person types in both languages (`titleZh`, `titleEn`) as forms and the API send it.
import { z } from 'zod'

/** One language of a pair: blank (or left out) is null. */
export const oneLanguage = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() || null : (v ?? null)),
    z.string().max(max, 'tooLong').nullable(),
  ) as z.ZodType<string | null>

/**
 * The check of a pair that needs at least one language: refused at its Chinese field with
 * `eitherLanguage` (translated), for `schema.refine(...eitherLanguage('title'))`.
 */
export function eitherLanguage<K extends string>(
  name: K,
): [(v: Record<`${K}Zh` | `${K}En`, string | null>) => boolean, { message: string; path: string[] }] {
  return [
    (v) => Boolean(v[`${name}Zh`] || v[`${name}En`]),
    { message: 'eitherLanguage', path: [`${name}Zh`] },
  ]
}
