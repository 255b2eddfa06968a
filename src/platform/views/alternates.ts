// A page's addresses in each language, as the head's alternates and the sitemap both name them:
// zh-Hans and en, and x-default for a reader of neither language (the home page's bare address,
// which sends each reader to their language; elsewhere the English page, as no bare address exists).

/** The language prefixes and the hreflang each is announced with (the pages' own `lang`). */
export const PAGE_LANGUAGES = [
  { prefix: 'zh', hreflang: 'zh-Hans', ogLocale: 'zh_CN' },
  { prefix: 'en', hreflang: 'en', ogLocale: 'en_US' },
] as const

/** `rest` is the page's path after its language prefix ('' for the home page) with any query. */
export const defaultHref = (baseUrl: string, rest: string) =>
  rest === '' ? `${baseUrl}/` : `${baseUrl}/en${rest}`

export const alternatesOf = (baseUrl: string, rest: string) => [
  ...PAGE_LANGUAGES.map((l) => ({ hreflang: l.hreflang as string, href: `${baseUrl}/${l.prefix}${rest}` })),
  { hreflang: 'x-default', href: defaultHref(baseUrl, rest) },
]
