// An article's schema.org Article, as search engines read it: headline, image, dates, authors with
// their pages, the publisher, the language and, for a translation, the work it translates.

export type ArticleJsonLdInput = {
  url: string
  headline: string
  description: string | null
  image: string | null
  datePublished: Date
  dateModified: Date
  authors: { name: string; url: string | null }[]
  publisher: { name: string; url: string; logo: string | null }
  language: 'zh' | 'en'
  keywords: string[]
  /** The original of a translation (its address), and the other-language version on this site. */
  originalUrl: string | null
  otherVersions: { url: string; language: 'zh' | 'en' }[]
}

const bcp47 = (l: 'zh' | 'en') => (l === 'zh' ? 'zh-CN' : 'en')

export function articleJsonLd(input: ArticleJsonLdInput): Record<string, unknown> {
  const headline =
    [...input.headline].length > 110 ? `${[...input.headline].slice(0, 109).join('')}…` : input.headline
  return {
    '@context': 'https://schema.org',
    '@type': 'Article',
    '@id': input.url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': input.url },
    url: input.url,
    headline,
    ...(input.description ? { description: input.description } : {}),
    ...(input.image ? { image: [input.image] } : {}),
    datePublished: input.datePublished.toISOString(),
    dateModified: input.dateModified.toISOString(),
    author: input.authors.map((a) => ({ '@type': 'Person', name: a.name, ...(a.url ? { url: a.url } : {}) })),
    publisher: {
      '@type': 'Organization',
      name: input.publisher.name,
      url: input.publisher.url,
      ...(input.publisher.logo ? { logo: { '@type': 'ImageObject', url: input.publisher.logo } } : {}),
    },
    inLanguage: bcp47(input.language),
    ...(input.keywords.length ? { keywords: input.keywords.join(', ') } : {}),
    ...(input.originalUrl
      ? { translationOfWork: { '@type': 'CreativeWork', '@id': input.originalUrl, url: input.originalUrl } }
      : {}),
    ...(input.otherVersions.length && !input.originalUrl
      ? {
          workTranslation: input.otherVersions.map((v) => ({
            '@type': 'Article',
            '@id': v.url,
            inLanguage: bcp47(v.language),
          })),
        }
      : {}),
  }
}
