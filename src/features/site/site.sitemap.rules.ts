// The sitemap as sitemaps.org defines it (https://www.sitemaps.org/protocol.html), with each page's
// two languages named as alternates the way search engines read them (xhtml:link, hreflang, and
// x-default for a reader of neither language). Pure: the pages to list come in, XML goes out.
import { alternatesOf, PAGE_LANGUAGES } from '../../platform/views/alternates.ts'
import type { SitemapEntry } from './site.sitemap.ts'

/** Pages per file: each page is two URLs (zh and en), and a file may hold 50,000. */
export const PAGES_PER_FILE = 20_000

const LANGUAGES = PAGE_LANGUAGES

const escapeXml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!,
  )

const hreflangOf = (language: 'zh' | 'en') => LANGUAGES.find((l) => l.prefix === language)!.hreflang

/**
 * A page written in one language and its translations: each version at its own address, and for
 * a reader of neither language the English one (else this one).
 */
export function versionsOf(baseUrl: string, entry: SitemapEntry & { language: 'zh' | 'en' }) {
  const versions = [{ language: entry.language, path: entry.path }, ...(entry.translations ?? [])]
  const href = (v: { language: 'zh' | 'en'; path: string }) => `${baseUrl}/${v.language}${v.path}`
  const fallback = versions.find((v) => v.language === 'en') ?? versions[0]!
  return [
    ...versions.map((v) => ({ hreflang: hreflangOf(v.language), href: href(v) })),
    { hreflang: 'x-default', href: href(fallback) },
  ]
}

const link = (a: { hreflang: string; href: string }) =>
  `<xhtml:link rel="alternate" hreflang="${a.hreflang}" href="${escapeXml(a.href)}"/>`

/** One file of a part: every page in both languages (or in its one), each URL naming all of its alternates. */
export function urlsetXml(baseUrl: string, entries: SitemapEntry[]) {
  const urls = entries.flatMap((entry) => {
    const lastmod = entry.lastModified ? `<lastmod>${entry.lastModified.toISOString()}</lastmod>` : ''
    if (entry.language) {
      const loc = `${baseUrl}/${entry.language}${entry.path}`
      const links = versionsOf(baseUrl, { ...entry, language: entry.language })
        .map(link)
        .join('')
      return [`<url><loc>${escapeXml(loc)}</loc>${lastmod}${links}</url>`]
    }
    const alternates = alternatesOf(baseUrl, entry.path).map(link).join('')
    return LANGUAGES.map(
      (l) =>
        `<url><loc>${escapeXml(`${baseUrl}/${l.prefix}${entry.path}`)}</loc>${lastmod}${alternates}</url>`,
    )
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n')
}

export type SitemapFile = { name: string; page: number; lastModified: Date | null }

/**
 * The files a part's pages fill; none for a part without pages (a sitemap file must list at least
 * one page, so an empty part is left out of the index until it has some).
 */
export function filesOf(name: string, entries: SitemapEntry[]): SitemapFile[] {
  const count = Math.ceil(entries.length / PAGES_PER_FILE)
  return Array.from({ length: count }, (_, i) => {
    const dates = entries
      .slice(i * PAGES_PER_FILE, (i + 1) * PAGES_PER_FILE)
      .flatMap((e) => (e.lastModified ? [e.lastModified.getTime()] : []))
    return { name, page: i + 1, lastModified: dates.length ? new Date(Math.max(...dates)) : null }
  })
}

export const fileName = (f: Pick<SitemapFile, 'name' | 'page'>) => `sitemap-${f.name}-${f.page}.xml`

/** The entries of one file of a part (page 1 is the first); empty past the last. */
export const entriesOfFile = (entries: SitemapEntry[], page: number) =>
  entries.slice((page - 1) * PAGES_PER_FILE, page * PAGES_PER_FILE)

export function sitemapIndexXml(baseUrl: string, files: SitemapFile[]) {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...files.map(
      (f) =>
        `<sitemap><loc>${escapeXml(`${baseUrl}/${fileName(f)}`)}</loc>${
          f.lastModified ? `<lastmod>${f.lastModified.toISOString()}</lastmod>` : ''
        }</sitemap>`,
    ),
    '</sitemapindex>',
    '',
  ].join('\n')
}

/** robots.txt: the console and the API are not for search engines; the sitemap says what is. */
export const robotsTxt = (baseUrl: string) =>
  [
    'User-agent: *',
    'Disallow: /console',
    'Disallow: /zh/console',
    'Disallow: /en/console',
    'Disallow: /api/',
    '',
    `Sitemap: ${baseUrl}/sitemap.xml`,
    '',
  ].join('\n')
