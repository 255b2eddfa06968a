import type { Context } from 'hono'
import { Hono } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { negotiateLocale } from '../../platform/i18n/index.ts'
import { EmptyState, siteSections } from '../../platform/views/layout.tsx'
import { render } from '../../platform/views/page.tsx'
import { EventCards, publicEvents } from '../events/index.ts'
import { countListedPeople } from '../people/index.ts'

/** Sections whose features are not built yet say so plainly instead of showing made-up content. */
const upcomingSections = ['articles'] as const

export function renderErrorPage(c: Context<AppEnv>, status: number, message: string) {
  const { t, locale } = c.var
  const title = status === 404 ? t.errors.notFoundTitle : status >= 500 ? t.errors.serverTitle : message
  return render(
    c,
    { title, status },
    <>
      <h1>{title}</h1>
      {title !== message ? <p class="lead">{message}</p> : null}
      {status === 401 || status === 403 ? (
        <p>
          <a href={`/${locale}/sign-in`}>{t.nav.signIn}</a>
        </p>
      ) : null}
      <p>
        <a href={`/${locale}`}>{t.errors.goHome}</a>
      </p>
    </>,
  )
}

export function sitePages(deps: Deps) {
  const app = new Hono<AppEnv>()

  app.get('/', (c) => {
    c.header('Vary', 'Accept-Language')
    return c.redirect(`/${negotiateLocale(c.req.header('accept-language'))}`, 302)
  })

  app.get('/:lang{(?:zh|en)}', async (c) => {
    const { t, locale } = c.var
    const people = await countListedPeople(deps)
    // The next three events, with places left: kept by the page cache only briefly, as their list is.
    const next = (await publicEvents(deps, {})).upcoming.slice(0, 3)
    if (next.length) c.set('freshFor', 5_000)
    const sections = siteSections(t)
    return render(
      c,
      { title: t.home.title, description: t.home.lead },
      <>
        <h1>{t.meta.tagline}</h1>
        <p class="lead">{t.home.lead}</p>
        <p class="muted">
          {t.home.peopleCount(people)} · <a href={`/${locale}/contributors`}>{t.activity.seeContributors}</a>
        </p>
        {next.length ? (
          <section aria-labelledby="next-events-title">
            <h2 id="next-events-title">{t.events.home.upcoming}</h2>
            <EventCards events={next} locale={locale} t={t} now={deps.now()} />
            <p>
              <a href={`/${locale}/events`}>{t.events.page.all}</a>
            </p>
          </section>
        ) : null}
        <h2>{t.home.sections}</h2>
        <ul class="section-grid">
          {sections.map(([section, label]) => (
            <li>
              <a href={`/${locale}/${section}`}>{label}</a>
            </li>
          ))}
        </ul>
      </>,
    )
  })

  for (const section of upcomingSections) {
    app.get(`/:lang{(?:zh|en)}/${section}`, (c) => {
      const { t } = c.var
      return render(
        c,
        { title: t.nav[section] },
        <>
          <h1>{t.nav[section]}</h1>
          <EmptyState title={t.empty.title}>{t.empty[section]}</EmptyState>
        </>,
      )
    })
  }

  return app
}
