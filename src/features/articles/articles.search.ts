// What articles give search: each published or scheduled article (hidden until its date) in
// its language, by title, summary, body as a reader sees it (Markdown and HTML marks removed),
// tags, keywords and authors. Registered from the composition root (src/search-sources.ts).
import { and, asc, eq, gt, inArray, or } from 'drizzle-orm'
import { people } from '../people/people.schema.ts'
import type { SearchDeps, SearchDocument } from '../search/index.ts'
import { plainText, registerSearchSource } from '../search/index.ts'
import { articleAuthors, articles } from './articles.schema.ts'

const BATCH = 100

async function select(deps: SearchDeps, where: { ids?: string[]; after?: string }) {
  const rows = await deps.db
    .select()
    .from(articles)
    .where(
      and(
        or(eq(articles.status, 'published'), eq(articles.status, 'scheduled')),
        where.ids ? inArray(articles.id, where.ids) : undefined,
        where.after ? gt(articles.id, where.after) : undefined,
      ),
    )
    .orderBy(asc(articles.id))
    .limit(where.ids ? where.ids.length : BATCH)
  const authors = rows.length
    ? await deps.db
        .select({
          articleId: articleAuthors.articleId,
          name: articleAuthors.name,
          zh: people.nameZh,
          en: people.nameEn,
        })
        .from(articleAuthors)
        .leftJoin(people, eq(people.id, articleAuthors.personId))
        .where(
          inArray(
            articleAuthors.articleId,
            rows.map((r) => r.id),
          ),
        )
    : []
  return rows.map((article) => ({
    article,
    authors: authors
      .filter((a) => a.articleId === article.id)
      .flatMap((a) => [a.name, a.zh, a.en])
      .filter((n): n is string => Boolean(n)),
  }))
}

const documentsOf = ({ article, authors }: Awaited<ReturnType<typeof select>>[number]): SearchDocument[] => [
  {
    refId: article.id,
    part: article.language,
    language: article.language,
    title: article.title,
    path: `/articles/${article.slug}`,
    body: [
      article.summary,
      plainText(article.body),
      article.tags.join(' '),
      article.keywords.join(' '),
      authors.join(' '),
      article.translator,
    ]
      .filter(Boolean)
      .join('\n'),
    // Readers see an article once its date has passed, published or scheduled alike.
    visibleFrom: article.publishedAt,
    datedAt: article.publishedAt,
  },
]

registerSearchSource({
  kind: 'article',
  async *all(deps) {
    let after: string | undefined
    for (;;) {
      const rows = await select(deps, after ? { after } : {})
      if (!rows.length) return
      yield rows.flatMap(documentsOf)
      after = rows.at(-1)!.article.id
    }
  },
  one: async (deps, refId) => (await select(deps, { ids: [refId] })).flatMap(documentsOf),
})
