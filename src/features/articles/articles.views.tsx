// What readers see of articles: cards, the byline, the article itself and its structured data.
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import { safeHref } from '../../platform/http/url.ts'
import { formatDate, type Locale, type Messages } from '../../platform/i18n/index.ts'
import { pictureOf } from '../../platform/media/pictures.ts'
import { Badge, Card, type Picture } from '../../platform/views/components.tsx'
import { langTag } from '../../platform/views/localized.tsx'
import type { Article, ArticleAuthor } from './articles.repo.ts'

export const articlesPath = (locale: Locale) => `/${locale}/articles`
export const articlePath = (locale: Locale, slug: string) => `/${locale}/articles/${slug}`
export const tagPath = (locale: Locale, tag: string) => `/${locale}/articles?tag=${encodeURIComponent(tag)}`

export const authorName = (a: ArticleAuthor, locale: Locale) =>
  a.name ?? (locale === 'zh' ? a.nameZh || a.nameEn : a.nameEn || a.nameZh) ?? a.handle ?? ''

/** A person's page when it is public; a name as given is not a link. */
export const authorHref = (a: ArticleAuthor, locale: Locale) =>
  a.personId && a.listed && a.handle ? `/${locale}/people/${a.handle}` : null

/** The cover as a picture: an uploaded one in its sizes, or an address shown as it is, 16:9. */
export function coverPicture(a: Pick<Article, 'cover' | 'coverUrl'>, width: number): Picture | null {
  if (a.cover) return pictureOf(a.cover, width)
  const url = safeHref(a.coverUrl)
  if (!url) return null
  return { webp: [], fallback: [{ url, width: 1280 }], width, height: Math.round((width * 9) / 16) }
}

export function Byline({ authors, locale, t }: { authors: ArticleAuthor[]; locale: Locale; t: Messages }) {
  if (authors.length === 0) return null
  return (
    <span class="byline">
      <span class="visually-hidden">{t.articles.by} </span>
      {authors.map((a, i) => {
        const href = authorHref(a, locale)
        const name = authorName(a, locale)
        return (
          <>
            {i > 0 ? (locale === 'zh' ? '、' : ', ') : null}
            {href ? <a href={href}>{name}</a> : <span>{name}</span>}
          </>
        )
      })}
    </span>
  )
}

export function TagList({ tags, locale, label }: { tags: string[]; locale: Locale; label: string }) {
  if (tags.length === 0) return null
  return (
    <ul class="tag-list" aria-label={label}>
      {tags.map((tag) => (
        <li>
          <a class="tag" href={tagPath(locale, tag)}>
            {tag}
          </a>
        </li>
      ))}
    </ul>
  )
}

export type CardArticle = Article & { authors: ArticleAuthor[] }

export function ArticleCards({
  articles,
  locale,
  t,
  level = 2,
}: {
  articles: CardArticle[]
  locale: Locale
  t: Messages
  level?: 2 | 3
}) {
  return (
    <div class="cards article-cards">
      {articles.map((a) => {
        const picture = coverPicture(a, 640)
        const other = a.language !== locale
        return (
          <Card
            level={level}
            variant="wide"
            title={a.title}
            titleLang={other ? langTag(a.language) : undefined}
            href={articlePath(locale, a.slug)}
            image={
              picture
                ? { picture, alt: '', ratio: '16/9', sizes: '(max-width: 40rem) 100vw, 22rem' }
                : {
                    ratio: '16/9',
                    placeholder: <span class="article-initial">{[...a.title][0] ?? ''}</span>,
                  }
            }
            meta={
              <>
                {a.publishedAt ? (
                  <time datetime={a.publishedAt.toISOString()}>{formatDate(locale, a.publishedAt)}</time>
                ) : null}
                {a.authors.length ? (
                  <>
                    {' · '}
                    <Byline authors={a.authors} locale={locale} t={t} />
                  </>
                ) : null}
                {a.originalUrl ? (
                  <>
                    {' · '}
                    <Badge tone="accent">{t.articles.translation}</Badge>
                  </>
                ) : null}
                {other ? (
                  <>
                    {' · '}
                    <Badge>{t.articles.languages[a.language] ?? a.language}</Badge>
                  </>
                ) : null}
              </>
            }
          >
            {a.summary ? (
              <p class="card-description" lang={other ? langTag(a.language) : undefined}>
                {a.summary}
              </p>
            ) : null}
            <TagList tags={a.tags.slice(0, 4)} locale={locale} label={t.articles.tags} />
          </Card>
        )
      })}
    </div>
  )
}

/** Structured data as a data block (never executed): `<` cannot close the script. */
export const JsonLd = ({ data }: { data: Record<string, unknown> }): Child => (
  <script type="application/ld+json">
    {raw(
      JSON.stringify(data)
        .replace(/</g, '\\u003c')
        .replace(/>/g, '\\u003e')
        .replace(/&/g, '\\u0026')
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029'),
    )}
  </script>
)
