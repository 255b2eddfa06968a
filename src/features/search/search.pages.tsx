// The search page: the query in a plain GET form (the header's box lands here too), filters as
// links, results grouped by kind with the matched words marked. Works without JavaScript.
import { Hono } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { queryFor } from '../../platform/http/page-cache.ts'
import type { Messages } from '../../platform/i18n/index.ts'
import { Pagination } from '../../platform/views/layout.tsx'
import { langTag } from '../../platform/views/localized.tsx'
import { render } from '../../platform/views/page.tsx'
import { searchQuery } from './search.inputs.ts'
import type { Highlighted, SearchKind, SearchLanguage } from './search.rules.ts'
import { searchKinds, searchLanguages } from './search.rules.ts'
import { PER_KIND, type SearchResult, search } from './search.service.ts'

type Filters = { q: string; kind?: SearchKind | undefined; lang?: SearchLanguage | undefined; page?: number }

function searchHref(locale: string, f: Filters) {
  const params = new URLSearchParams()
  if (f.q) params.set('q', f.q)
  if (f.kind) params.set('kind', f.kind)
  if (f.lang) params.set('lang', f.lang)
  if (f.page && f.page > 1) params.set('page', String(f.page))
  const qs = params.toString()
  return `/${locale}/search${qs ? `?${qs}` : ''}`
}

const Marked = ({ parts }: { parts: Highlighted }) => (
  <>{parts.map((p) => (p.mark ? <mark>{p.text}</mark> : p.text))}</>
)

function Hit({ r, locale, t }: { r: SearchResult; locale: 'zh' | 'en'; t: Messages }) {
  const lang = r.language && r.language !== locale ? langTag(r.language) : undefined
  const moment = /[?&]t=\d+/.test(r.path)
  return (
    <li class="search-hit">
      <h3 class="search-hit-title" lang={lang}>
        <a href={`/${locale}${r.path}`}>
          <Marked parts={r.title} />
        </a>
      </h3>
      {r.snippet.length ? (
        <p class="search-snippet" lang={lang}>
          <Marked parts={r.snippet} />
        </p>
      ) : null}
      {moment ? (
        <p class="search-moment">
          <a href={`/${locale}${r.path}`}>
            <span aria-hidden="true">▶ </span>
            {t.search.atMoment}
          </a>
        </p>
      ) : null}
    </li>
  )
}

export function searchPages(deps: Deps) {
  const app = new Hono<AppEnv>()

  app.get('/:lang{(?:zh|en)}/search', async (c) => {
    const { t, locale } = c.var
    const parsed = searchQuery.safeParse(queryFor(c, searchQuery))
    const input = parsed.success ? parsed.data : { q: '', page: 1, kind: undefined, lang: undefined }
    const q = input.q.trim()
    const answer = q
      ? await search(deps, { ...input, q, readerLanguage: locale })
      : { empty: true, groups: [], page: 1, pages: 1 }
    const totals = new Map(answer.groups.map((g) => [g.kind, `${g.total}${g.more ? '+' : ''}`]))
    const found = answer.groups.reduce((n, g) => n + g.total, 0)
    const more = answer.groups.some((g) => g.more)
    const filters: Filters = { q, kind: input.kind, lang: input.lang }
    return render(
      c,
      { title: q ? t.search.titleFor(q) : t.search.title, description: t.search.lead },
      <div class="search-page">
        <h1>{t.search.title}</h1>
        <search>
          <form method="get" action={`/${locale}/search`} class="search search-main">
            <div class="field">
              <label for="search-q">{t.search.box}</label>
              <input id="search-q" name="q" type="search" value={q} />
            </div>
            {input.kind ? <input type="hidden" name="kind" value={input.kind} /> : null}
            {input.lang ? <input type="hidden" name="lang" value={input.lang} /> : null}
            <button type="submit">{t.search.button}</button>
          </form>
        </search>
        {q ? (
          <nav class="search-filters" aria-label={t.search.filters}>
            <div class="tabs">
              <ul>
                <li>
                  <a
                    href={searchHref(locale, { ...filters, kind: undefined })}
                    aria-current={input.kind ? undefined : 'page'}
                  >
                    {t.search.allKinds}
                  </a>
                </li>
                {searchKinds.map((kind) => (
                  <li>
                    <a
                      href={searchHref(locale, { ...filters, kind })}
                      aria-current={input.kind === kind ? 'page' : undefined}
                    >
                      {t.search.kinds[kind]}
                      {totals.has(kind) ? <span class="search-count"> {totals.get(kind)}</span> : null}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
            <p class="search-languages">
              <span class="muted">{t.search.languageFilter}:</span>{' '}
              {[undefined, ...searchLanguages].map((lang) =>
                input.lang === lang ? (
                  <strong aria-current="true">
                    {lang ? t.search.languages[lang] : t.search.allLanguages}
                  </strong>
                ) : (
                  <a href={searchHref(locale, { ...filters, lang })}>
                    {lang ? t.search.languages[lang] : t.search.allLanguages}
                  </a>
                ),
              )}
            </p>
          </nav>
        ) : null}
        {!q || answer.empty ? (
          <p class="lead">{t.search.empty}</p>
        ) : answer.groups.length === 0 ? (
          <p class="search-none" aria-live="polite">
            {t.search.none}
          </p>
        ) : (
          <>
            <p class="muted" aria-live="polite">
              {more ? t.search.foundAtLeast(found) : t.search.found(found)}
            </p>
            {answer.groups.map((g) => (
              <section class="search-group" aria-labelledby={`group-${g.kind}`}>
                <h2 id={`group-${g.kind}`}>
                  {t.search.kinds[g.kind]} <span class="search-count">{totals.get(g.kind)}</span>
                </h2>
                <ol class="plain search-hits">
                  {g.results.map((r) => (
                    <Hit r={r} locale={locale} t={t} />
                  ))}
                </ol>
                {!input.kind && g.total > PER_KIND ? (
                  <p>
                    <a href={searchHref(locale, { ...filters, kind: g.kind })}>
                      {t.search.more(totals.get(g.kind) ?? '', t.search.kinds[g.kind])} →
                    </a>
                  </p>
                ) : null}
              </section>
            ))}
            {input.kind ? (
              <Pagination
                t={t}
                page={answer.page}
                pages={answer.pages}
                href={(page) => searchHref(locale, { ...filters, page })}
              />
            ) : null}
          </>
        )}
      </div>,
    )
  })

  return app
}
