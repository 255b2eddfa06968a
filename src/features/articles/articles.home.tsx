// What articles put on the home page (the latest three, in the reader's language where a piece has
// it) and in the sitemap (every public article).
import { registerHomeSection, registerSitemapPart } from '../site/index.ts'
import { ArticlesStylesheet } from './articles.pages.tsx'
import { publicArticleList } from './articles.service.ts'
import { selectPublicArticleSlugs } from './articles.sitemap.repo.ts'
import { ArticleCards } from './articles.views.tsx'

registerHomeSection({
  key: 'articles-latest',
  order: 40,
  async section(deps, { t, locale }) {
    const list = await publicArticleList(deps, { locale, page: 1 })
    const latest = list.articles.slice(0, 3)
    if (!latest.length) return null
    const th = t.siteHome
    const now = deps.now().getTime()
    return {
      head: <ArticlesStylesheet />,
      // A scheduled article appears at its time without a content change: keep the page until then.
      ...(list.nextChange ? { freshFor: Math.max(1_000, list.nextChange.getTime() - now) } : {}),
      body: (
        <section aria-labelledby="home-articles" class="home-section">
          <div class="home-section-head">
            <h2 id="home-articles">{th.latestArticles}</h2>
            <a href={`/${locale}/articles`}>{th.allArticles}</a>
          </div>
          <ArticleCards articles={latest} locale={locale} t={t} level={3} />
        </section>
      ),
    }
  },
})

registerSitemapPart({
  name: 'articles',
  order: 60,
  // Each article at its own language's address, its public translations as its alternates (the
  // other prefix shows the same text and names this one canonical).
  async entries(deps) {
    const rows = await selectPublicArticleSlugs(deps.db, deps.now())
    const path = (slug: string) => `/articles/${encodeURIComponent(slug)}`
    const groups = Map.groupBy(rows, (a) => a.translationGroup)
    return rows.map((a) => ({
      path: path(a.slug),
      lastModified: a.updatedAt,
      language: a.language,
      translations: (groups.get(a.translationGroup) ?? [])
        .filter((v) => v.language !== a.language)
        .map((v) => ({ language: v.language, path: path(v.slug) })),
    }))
  },
})
