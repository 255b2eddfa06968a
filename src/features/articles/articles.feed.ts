// Articles as feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1, generated with feedsmith (the podcast's
// feed library) from the same rows and the same sanitised HTML the pages show, players left out.
import { createHash } from 'node:crypto'
import { generateAtomFeed, generateJsonFeed, generateRssFeed } from 'feedsmith'
import type { ArticleAuthor } from './articles.repo.ts'

export type FeedFormat = 'rss' | 'atom' | 'json'

export const feedTypes: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
}
export const feedFiles: Record<FeedFormat, string> = { rss: 'feed.xml', atom: 'feed.atom', json: 'feed.json' }

export type FeedArticle = {
  id: string
  slug: string
  language: 'zh' | 'en'
  title: string
  summary: string | null
  html: string
  tags: string[]
  coverUrl: string | null
  publishedAt: Date | null
  updatedAt: Date
  originalUrl: string | null
  authors: ArticleAuthor[]
}

export type FeedInput = {
  baseUrl: string
  /** The feed's own address (its self link). */
  selfUrl: string
  /** The page the feed stands for (the list, a tag's list). */
  pageUrl: string
  title: string
  description: string
  language: string | null
  articles: FeedArticle[]
  updated: Date
}

const authorName = (a: ArticleAuthor, language: 'zh' | 'en') =>
  a.name ?? (language === 'zh' ? a.nameZh || a.nameEn : a.nameEn || a.nameZh) ?? a.handle ?? ''

const authorUrl = (a: ArticleAuthor, baseUrl: string, language: 'zh' | 'en') =>
  a.personId && a.listed && a.handle ? `${baseUrl}/${language}/people/${a.handle}` : undefined

export const articleUrl = (baseUrl: string, a: { language: 'zh' | 'en'; slug: string }) =>
  `${baseUrl}/${a.language}/articles/${a.slug}`

/** A stable id for an item: the article's id as a URN (it survives a change of address). */
const itemId = (a: FeedArticle) => `urn:uuid:${a.id}`

export function articleFeed(format: FeedFormat, input: FeedInput): string {
  const { baseUrl } = input
  const items = input.articles.map((a) => ({
    a,
    url: articleUrl(baseUrl, a),
    date: a.publishedAt ?? a.updatedAt,
    authors: a.authors.map((x) => ({
      name: authorName(x, a.language),
      url: authorUrl(x, baseUrl, a.language),
    })),
  }))
  if (format === 'rss')
    return generateRssFeed({
      title: input.title,
      link: input.pageUrl,
      description: input.description,
      ...(input.language ? { language: input.language } : {}),
      generator: 'Hearth',
      lastBuildDate: input.updated,
      atom: { links: [{ href: input.selfUrl, rel: 'self', type: 'application/rss+xml' }] },
      items: items.map(({ a, url, date, authors }) => ({
        title: a.title,
        link: url,
        guid: { value: itemId(a), isPermaLink: false },
        pubDate: date,
        description: a.summary ?? undefined,
        content: { encoded: a.html },
        categories: a.tags.map((name) => ({ name })),
        dc: { creators: authors.map((x) => x.name), language: a.language },
        ...(a.coverUrl ? { media: { thumbnails: [{ url: a.coverUrl }] } } : {}),
      })),
    }) as string
  if (format === 'atom')
    return generateAtomFeed({
      id: input.selfUrl,
      title: { value: input.title },
      subtitle: { value: input.description },
      updated: input.updated,
      generator: { text: 'Hearth' },
      links: [
        { href: input.selfUrl, rel: 'self', type: 'application/atom+xml' },
        { href: input.pageUrl, rel: 'alternate', type: 'text/html' },
      ],
      entries: items.map(({ a, url, date, authors }) => ({
        id: itemId(a),
        title: { value: a.title },
        updated: a.updatedAt > date ? a.updatedAt : date,
        published: date,
        links: [
          { href: url, rel: 'alternate', type: 'text/html', hreflang: a.language },
          ...(a.originalUrl ? [{ href: a.originalUrl, rel: 'related' }] : []),
        ],
        authors: authors.map((x) => ({ name: x.name, ...(x.url ? { uri: x.url } : {}) })),
        categories: a.tags.map((term) => ({ term })),
        ...(a.summary ? { summary: { value: a.summary } } : {}),
        content: { type: 'html', value: a.html },
      })),
    }) as string
  return JSON.stringify(
    generateJsonFeed({
      title: input.title,
      home_page_url: input.pageUrl,
      feed_url: input.selfUrl,
      description: input.description,
      ...(input.language ? { language: input.language } : {}),
      items: items.map(({ a, url, date, authors }) => ({
        id: itemId(a),
        url,
        ...(a.originalUrl ? { external_url: a.originalUrl } : {}),
        title: a.title,
        content_html: a.html,
        ...(a.summary ? { summary: a.summary } : {}),
        ...(a.coverUrl ? { image: a.coverUrl } : {}),
        date_published: date,
        date_modified: a.updatedAt > date ? a.updatedAt : date,
        tags: a.tags,
        authors: authors.map((x) => ({ name: x.name, ...(x.url ? { url: x.url } : {}) })),
        language: a.language,
      })),
    }),
  )
}

/** A strong validator of the feed's bytes. */
export const etagOf = (body: string) =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
