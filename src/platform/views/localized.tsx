// Text a person typed in both languages (`title_zh`, `title_en`), shown in the reader's language
// with a fallback to the other one; the fallback carries its own `lang` (DESIGN principle 3).

export type Lang = 'zh' | 'en'
export type InLocale = { text: string; lang: Lang }

/** The text in `locale`, or the other language's text (then `lang` says which), or null. */
export function inLocale(
  locale: Lang,
  zh: string | null | undefined,
  en: string | null | undefined,
): InLocale | null {
  const own = locale === 'zh' ? zh : en
  if (own) return { text: own, lang: locale }
  const other = locale === 'zh' ? en : zh
  return other ? { text: other, lang: locale === 'zh' ? 'en' : 'zh' } : null
}

/** The BCP 47 tag for `lang` attributes. */
export const langTag = (lang: Lang) => (lang === 'zh' ? 'zh-Hans' : 'en')

/** Plain text in the reader's language (for titles, mails, labels where no element can carry `lang`). */
export const textIn = (locale: Lang, zh: string | null | undefined, en: string | null | undefined) =>
  inLocale(locale, zh, en)?.text ?? ''

/**
 * The text in the reader's language; a fallback in the other language is wrapped in a `<span>`
 * carrying its `lang`.
 */
export function Localized(p: { locale: Lang; zh: string | null | undefined; en: string | null | undefined }) {
  const v = inLocale(p.locale, p.zh, p.en)
  if (!v) return null
  return v.lang === p.locale ? v.text : <span lang={langTag(v.lang)}>{v.text}</span>
}
