// Articles for readers: the list (by tag, paged), the article, and the feeds (RSS, Atom, JSON
// Feed; all, one language, one tag) with validators and 304s like the podcast's feed.
import type { Context } from 'hono'
import { Hono } from 'hono'
import { raw } from 'hono/html'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { safeHref } from '../../platform/http/url.ts'
import { formatDate, type Locale, messagesFor } from '../../platform/i18n/index.ts'
import { noneMatch } from '../../platform/media/ranges.ts'
import { assetUrl } from '../../platform/views/assets.ts'
import { ResponsiveImage } from '../../platform/views/components.tsx'
import { EmptyState, Pagination } from '../../platform/views/layout.tsx'
import { langTag } from '../../platform/views/localized.tsx'
import { render } from '../../platform/views/page.tsx'
import { articleFeed, articleUrl, etagOf, type FeedFormat, feedFiles, feedTypes } from './articles.feed.ts'
import { articleJsonLd } from './articles.jsonld.ts'
import type { ArticleLanguage } from './articles.repo.ts'
import { readingMinutes } from './articles.rules.ts'
import { feedArticles, nextScheduled, publicArticle, publicArticleList } from './articles.service.ts'
import {
  ArticleCards,
  articlePath,
  articlesPath,
  authorHref,
  authorName,
  Byline,
  coverPicture,
  JsonLd,
  TagList,
  tagPath,
} from './articles.views.tsx'

const formats = Object.keys(feedFiles) as FeedFormat[]
const feedFile = '{feed\\.(?:xml|atom|json)}'
const formatOf = (file: string): FeedFormat =>
  file.endsWith('.atom') ? 'atom' : file.endsWith('.json') ? 'json' : 'rss'

/** The articles' stylesheet (code colours, the reading column): only pages that show articles load it. */
export const ArticlesStylesheet = () => <link rel="stylesheet" href={assetUrl('articles.css')} />

/** The page cache may keep a page only until the next scheduled article appears. */
function keepUntil(c: Context<AppEnv>, next: Date | null, now: Date) {
  if (next) c.set('freshFor', Math.max(1_000, next.getTime() - now.getTime()))
}

/** Feed addresses: all articles, one language, one tag. */
export const feedPaths = {
  all: (format: FeedFormat) => `/articles/${feedFiles[format]}`,
  language: (language: ArticleLanguage, format: FeedFormat) => `/${language}/articles/${feedFiles[format]}`,
  tag: (tag: string, format: FeedFormat) => `/articles/tags/${encodeURIComponent(tag)}/${feedFiles[format]}`,
}

/** A made feed, kept while nothing it shows has changed (its articles' newest change and count). */
type MadeFeed = { key: string; body: string; etag: string; lastModified: Date }
const madeFeeds = new Map<string, MadeFeed>()

export function articlesPages(deps: Deps) {
  const app = new Hono<AppEnv>()

  async function serveFeed(
    c: Context<AppEnv>,
    format: FeedFormat,
    filter: { language?: ArticleLanguage; tag?: string },
    self: string,
  ) {
    const baseUrl = deps.config.baseUrl
    const names = await deps.communityNames(deps.db)
    const locale: Locale = filter.language ?? 'zh'
    const t = messagesFor(locale)
    const site = names[locale] ?? names.zh ?? names.en ?? t.meta.siteName
    const { articles, changedAt, nextChange } = await feedArticles(deps, filter, baseUrl)
    const lastModified = changedAt ?? new Date(0)
    const cacheKey = `${format} ${filter.language ?? ''} ${filter.tag ?? ''}`
    const key = `${lastModified.toISOString()} ${articles.map((a) => a.id).join(',')} ${site}`
    let made = madeFeeds.get(cacheKey)
    if (made?.key !== key) {
      const body = articleFeed(format, {
        baseUrl,
        selfUrl: `${baseUrl}${self}`,
        pageUrl: `${baseUrl}${filter.tag ? tagPath(locale, filter.tag) : articlesPath(locale)}`,
        title: filter.tag
          ? t.articles.feedTitleTag(site, filter.tag)
          : filter.language
            ? t.articles.feedTitleLanguage(site, t.articles.languages[filter.language] ?? filter.language)
            : t.articles.feedTitle(site),
        description: t.articles.feedDescription,
        language: filter.language ? langTag(filter.language) : null,
        articles,
        updated: lastModified,
      })
      made = { key, body, etag: etagOf(body), lastModified }
      if (madeFeeds.size > 500) madeFeeds.clear()
      madeFeeds.set(cacheKey, made)
    }
    keepUntil(c, nextChange, deps.now())
    const headers = {
      'Content-Type': feedTypes[format],
      ETag: made.etag,
      'Last-Modified': made.lastModified.toUTCString(),
      'Cache-Control': 'public, max-age=300',
    }
    const ifNoneMatch = c.req.header('if-none-match')
    const since = Date.parse(c.req.header('if-modified-since') ?? '')
    const unchanged = ifNoneMatch
      ? noneMatch(ifNoneMatch.replace(/-(br|gzip)"/g, '"'), made.etag)
      : !Number.isNaN(since) && Math.floor(made.lastModified.getTime() / 1000) <= since / 1000
    if (unchanged) return c.body(null, 304, headers)
    if (c.req.method === 'HEAD') return c.body(null, 200, headers)
    return c.body(made.body, 200, headers)
  }

  app.on(['GET', 'HEAD'], `/articles/:file${feedFile}`, (c) => {
    const format = formatOf(c.req.param('file'))
    return serveFeed(c, format, {}, feedPaths.all(format))
  })
  app.on(['GET', 'HEAD'], `/articles/tags/:tag/:file${feedFile}`, (c) => {
    const format = formatOf(c.req.param('file'))
    const tag = c.req.param('tag')
    if (tag.length > 80) throw new DomainError('notFoundRecord')
    return serveFeed(c, format, { tag }, feedPaths.tag(tag, format))
  })
  app.on(['GET', 'HEAD'], `/:lang{(?:zh|en)}/articles/:file${feedFile}`, (c) => {
    const format = formatOf(c.req.param('file'))
    const language = c.req.param('lang') as ArticleLanguage
    return serveFeed(c, format, { language }, feedPaths.language(language, format))
  })

  app.get('/:lang{(?:zh|en)}/articles', async (c) => {
    const { t, locale } = c.var
    const tag = c.req.query('tag')?.trim().slice(0, 80) || undefined
    const pageParam = Number.parseInt(c.req.query('page') ?? '1', 10)
    const list = await publicArticleList(deps, {
      locale,
      tag,
      page: Number.isFinite(pageParam) ? pageParam : 1,
    })
    keepUntil(c, list.nextChange, deps.now())
    const title = tag ? t.articles.tagged(tag) : t.articles.title
    const feedLinks = (
      <>
        <ArticlesStylesheet />
        {formats.map((f) => (
          <link
            rel="alternate"
            type={feedTypes[f].split(';')[0]}
            title={
              tag
                ? t.articles.feedTitleTag(t.meta.siteName, tag)
                : t.articles.feedTitleLanguage(t.meta.siteName, t.articles.languages[locale] ?? locale)
            }
            href={tag ? feedPaths.tag(tag, f) : feedPaths.language(locale, f)}
          />
        ))}
      </>
    )
    const href = (page: number) =>
      `${articlesPath(locale)}?${new URLSearchParams({ ...(tag ? { tag } : {}), ...(page > 1 ? { page: String(page) } : {}) })}`.replace(
        /\?$/,
        '',
      )
    return render(
      c,
      {
        title: list.page > 1 ? `${title} · ${t.articles.pageOf(list.page, list.pages)}` : title,
        description: t.articles.lead,
        alternates: feedLinks,
      },
      <>
        <header class="articles-head">
          <h1>{title}</h1>
          <p class="lead">{t.articles.lead}</p>
          <p class="feed-links">
            <span>{t.articles.subscribe}:</span>{' '}
            <a href={tag ? feedPaths.tag(tag, 'rss') : feedPaths.language(locale, 'rss')}>RSS</a>
            {' · '}
            <a href={tag ? feedPaths.tag(tag, 'atom') : feedPaths.language(locale, 'atom')}>Atom</a>
            {' · '}
            <a href={tag ? feedPaths.tag(tag, 'json') : feedPaths.language(locale, 'json')}>JSON Feed</a>
          </p>
        </header>
        {list.tags.length ? (
          <nav class="tag-filter" aria-label={t.articles.tags}>
            <ul class="tag-list">
              <li>
                <a class="tag" href={articlesPath(locale)} aria-current={tag ? undefined : 'page'}>
                  {t.articles.allTags}
                </a>
              </li>
              {list.tags.slice(0, 24).map(({ tag: name, count }) => (
                <li>
                  <a
                    class="tag"
                    href={tagPath(locale, name)}
                    aria-current={name === tag ? 'page' : undefined}
                  >
                    {name} <span class="tag-count">{count}</span>
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        {list.articles.length ? (
          <ArticleCards articles={list.articles} locale={locale} t={t} />
        ) : (
          <EmptyState title={t.empty.title}>{tag ? t.articles.emptyTag(tag) : t.articles.empty}</EmptyState>
        )}
        <Pagination t={t} page={list.page} pages={list.pages} href={href} />
      </>,
    )
  })

  app.get('/:lang{(?:zh|en)}/articles/:slug', async (c) => {
    const { t, locale } = c.var
    const { article, authors, versions, links, html } = await publicArticle(deps, c.req.param('slug'))
    const baseUrl = deps.config.baseUrl
    const brand = c.var.brand
    const lang = langTag(article.language)
    const url = articleUrl(baseUrl, article)
    const original = safeHref(article.originalUrl)
    // A translation that should not compete with its original names it; otherwise the page in the
    // article's own language is the one address of this text.
    const canonical = article.canonicalToOriginal && original ? original : url
    const picture = coverPicture(article, 960)
    const coverAbsolute = picture ? new URL(picture.fallback.at(-1)!.url, baseUrl).href : null
    const datePublished = article.publishedAt ?? article.createdAt
    // Edited after it was written (not merely written or imported after its publish date).
    const edited = article.updatedAt.getTime() - article.createdAt.getTime() > 86_400_000
    const dateModified = edited && article.updatedAt > datePublished ? article.updatedAt : datePublished
    const siteName = brand?.name?.text ?? t.meta.siteName
    const ld = articleJsonLd({
      url,
      headline: article.title,
      description: article.summary,
      image: coverAbsolute,
      datePublished,
      dateModified,
      authors: authors.map((a) => {
        const href = authorHref(a, article.language)
        return { name: authorName(a, article.language), url: href ? `${baseUrl}${href}` : null }
      }),
      publisher: {
        name: siteName,
        url: `${baseUrl}/${locale}`,
        logo: brand?.logo ? new URL(brand.logo.preview.url, baseUrl).href : null,
      },
      language: article.language,
      keywords: article.keywords,
      originalUrl: original ?? null,
      otherVersions: versions.map((v) => ({ url: articleUrl(baseUrl, v), language: v.language })),
    })
    const minutes = readingMinutes(article.body)
    return render(
      c,
      {
        title: article.title,
        description: article.summary ?? undefined,
        canonical,
        // The article in each language it is written in (its own address and its translations'),
        // not this address under /zh and /en: the other prefix shows the same text, canonical here.
        languages: [
          { hreflang: lang, href: url },
          ...versions.map((v) => ({ hreflang: langTag(v.language), href: articleUrl(baseUrl, v) })),
          {
            hreflang: 'x-default',
            href: articleUrl(baseUrl, versions.find((v) => v.language === 'en') ?? article),
          },
        ],
        og: {
          type: 'article',
          title: article.title,
          description: article.summary ?? undefined,
          ...(coverAbsolute ? { image: { url: coverAbsolute, alt: t.articles.cover(article.title) } } : {}),
        },
        alternates: (
          <>
            <ArticlesStylesheet />
            <meta property="article:published_time" content={datePublished.toISOString()} />
            <meta property="article:modified_time" content={dateModified.toISOString()} />
            {article.tags.map((tag) => (
              <meta property="article:tag" content={tag} />
            ))}
            {article.keywords.length ? <meta name="keywords" content={article.keywords.join(', ')} /> : null}
            <JsonLd data={ld} />
          </>
        ),
      },
      <article class="article" lang={article.language !== locale ? lang : undefined}>
        <header class="article-head">
          <p class="article-kicker">
            <a href={articlesPath(locale)}>{t.articles.title}</a>
            {article.originalUrl ? <span class="badge tone-accent">{t.articles.translation}</span> : null}
          </p>
          <h1>{article.title}</h1>
          {article.summary ? <p class="lead">{article.summary}</p> : null}
          <p class="article-meta">
            <Byline authors={authors} locale={locale} t={t} />
            {authors.length ? <span aria-hidden="true"> · </span> : null}
            {article.publishedAt ? (
              <time datetime={article.publishedAt.toISOString()}>
                {formatDate(locale, article.publishedAt)}
              </time>
            ) : null}
            <span aria-hidden="true"> · </span>
            <span>{t.articles.minutes(minutes)}</span>
            {dateModified.getTime() - datePublished.getTime() > 86_400_000 ? (
              <>
                <span aria-hidden="true"> · </span>
                <span>{t.articles.updated(formatDate(locale, dateModified))}</span>
              </>
            ) : null}
          </p>
          {original || article.translator || versions.length ? (
            <aside class="article-note" lang={article.language !== locale ? undefined : undefined}>
              {original ? (
                <p>
                  {t.articles.translationOf}{' '}
                  <a href={original} rel="noopener" class="break">
                    {t.articles.original}: {article.originalUrl}
                  </a>
                </p>
              ) : null}
              {article.translator ? <p>{t.articles.translatedBy(article.translator)}</p> : null}
              {versions.map((v) => (
                <p>
                  <a
                    href={articlePath(v.language, v.slug)}
                    hreflang={langTag(v.language)}
                    lang={langTag(v.language)}
                  >
                    {t.articles.readIn[v.language]}: {v.title}
                  </a>
                </p>
              ))}
            </aside>
          ) : null}
        </header>
        {picture ? (
          <figure class="article-cover">
            <ResponsiveImage
              picture={picture}
              alt={t.articles.cover(article.title)}
              sizes="(max-width: 48rem) 100vw, 46rem"
              loading="eager"
            />
          </figure>
        ) : null}
        <div class="prose article-body" lang={lang}>
          {raw(html)}
        </div>
        <footer class="article-foot">
          <TagList tags={article.tags} locale={locale} label={t.articles.tags} />
          {links.length ? (
            <section aria-labelledby="related-title" class="article-related">
              <h2 id="related-title">{t.articles.related}</h2>
              <ul class="plain">
                {links.map((l) => {
                  const target =
                    l.kind === 'episode' && l.showSlug && l.episodeSlug
                      ? {
                          href: `/${locale}/podcast/${l.showSlug}/${l.episodeSlug}`,
                          title:
                            (locale === 'zh'
                              ? l.episodeTitleZh || l.episodeTitleEn
                              : l.episodeTitleEn || l.episodeTitleZh) ?? '',
                        }
                      : l.kind === 'event' && l.eventSlug
                        ? {
                            href: `/${locale}/events/${l.eventSlug}`,
                            title:
                              (locale === 'zh'
                                ? l.eventTitleZh || l.eventTitleEn
                                : l.eventTitleEn || l.eventTitleZh) ?? '',
                          }
                        : l.kind === 'chapter' && l.chapterSlug
                          ? {
                              href: `/${locale}/chapters/${l.chapterSlug}`,
                              title: (locale === 'zh' ? l.chapterCityZh : l.chapterCityEn) ?? '',
                            }
                          : null
                  return target ? (
                    <li>
                      <span class="badge">{t.articles.relatedKinds[l.kind]}</span>{' '}
                      <a href={target.href}>{target.title}</a>
                    </li>
                  ) : null
                })}
              </ul>
            </section>
          ) : null}
        </footer>
      </article>,
    )
  })

  return app
}

export { nextScheduled }
