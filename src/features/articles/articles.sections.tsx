// Articles linked to an episode, an event or a chapter appear on its page, through the registry
// each of those features keeps for the ones above it.
import type { Child } from 'hono/jsx'
import { formatDate, type Locale, type Messages } from '../../platform/i18n/index.ts'
import { langTag } from '../../platform/views/localized.tsx'
import { registerChapterSection } from '../chapters/index.ts'
import { registerEventSection } from '../events/index.ts'
import { registerEpisodeSection } from '../podcast/index.ts'
import type { ArticleLinkKind } from './articles.repo.ts'
import { articlesLinkedTo } from './articles.service.ts'
import { articlePath } from './articles.views.tsx'

type Linked = Awaited<ReturnType<typeof articlesLinkedTo>>

function LinkedArticles({
  kind,
  rows,
  t,
  locale,
}: {
  kind: ArticleLinkKind
  rows: Linked
  t: Messages
  locale: Locale
}): Child {
  // One per translation group would need the group; the reader's language first is enough here.
  const shown = [...rows].sort((a, b) => Number(b.language === locale) - Number(a.language === locale))
  const seen = new Set<string>()
  return (
    <section aria-labelledby={`${kind}-articles-title`} class="linked-articles">
      <h2 id={`${kind}-articles-title`}>{t.articles.onPages}</h2>
      <ul class="plain">
        {shown
          .filter((a) => !seen.has(a.slug) && seen.add(a.slug))
          .map((a) => (
            <li>
              <a
                href={articlePath(locale, a.slug)}
                lang={a.language !== locale ? langTag(a.language) : undefined}
              >
                {a.title}
              </a>
              {a.publishedAt ? <span class="muted"> · {formatDate(locale, a.publishedAt)}</span> : null}
            </li>
          ))}
      </ul>
    </section>
  )
}

for (const [kind, register] of [
  ['chapter', registerChapterSection],
  ['event', registerEventSection],
  ['episode', registerEpisodeSection],
] as const) {
  ;(
    register as (s: { key: string; order: number; section: (...a: never[]) => Promise<Child | null> }) => void
  )({
    key: 'articles',
    order: 50,
    async section(
      deps: Parameters<typeof articlesLinkedTo>[0],
      target: { id: string },
      view: { t: Messages; locale: Locale },
    ) {
      const rows = await articlesLinkedTo(deps, kind, target.id)
      return rows.length ? <LinkedArticles kind={kind} rows={rows} t={view.t} locale={view.locale} /> : null
    },
  })
}
