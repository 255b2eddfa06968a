import type { Context } from 'hono'
import { Hono } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { negotiateLocale } from '../../platform/i18n/index.ts'
import { Actions, ResponsiveImage, StatTile } from '../../platform/views/components.tsx'
import { EmptyState, siteSections } from '../../platform/views/layout.tsx'
import { render } from '../../platform/views/page.tsx'
import { homeParts } from './site.home.ts'
import {
  entriesOfFile,
  fileName,
  filesOf,
  robotsTxt,
  sitemapIndexXml,
  urlsetXml,
} from './site.sitemap.rules.ts'
import { registerSitemapPart, sitemapParts } from './site.sitemap.ts'

// The pages every instance has, whatever its content: the home page, each section's list, and the
// pages that explain (how downloads are counted, the chapter rules, the API reference).
registerSitemapPart({
  name: 'pages',
  order: 0,
  entries: async () =>
    [
      '',
      '/podcast',
      '/podcast/how-we-count',
      '/chapters',
      '/chapters/rules',
      '/events',
      '/articles',
      '/people',
      '/contributors',
      '/api',
    ].map((path) => ({ path })),
})

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

  // The home page: the community's name and one sentence, then what its features show (site.home.ts).
  // Anonymous readers get it from the page cache; its parts with live counts keep it there briefly.
  app.get('/:lang{(?:zh|en)}', async (c) => {
    const { t, locale } = c.var
    const th = t.siteHome
    const brand = c.var.brand
    const parts = await homeParts(deps, { t, locale, viewer: c.var.viewer })
    if (Number.isFinite(parts.freshFor)) c.set('freshFor', parts.freshFor)
    const name = brand?.name ?? null
    const sentence = brand?.description ?? null
    const otherLang = (lang: 'zh' | 'en') => (lang === locale ? undefined : lang === 'zh' ? 'zh-Hans' : 'en')
    const [primary, ...others] = parts.actions
    const logo = brand?.logo
    const numbers = new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en')
    return render(
      c,
      {
        title: name?.text ?? t.home.title,
        description: sentence?.text ?? t.home.lead,
        alternates: parts.head.length ? parts.head : undefined,
      },
      <>
        <section class="home-hero" aria-labelledby="home-title">
          {logo ? (
            // Three times the header's height, from the sizes made for it (up to 96 px high).
            <ResponsiveImage
              picture={{ ...logo.picture, width: logo.picture.width * 3, height: logo.picture.height * 3 }}
              alt=""
              class="home-logo"
              loading="eager"
            />
          ) : null}
          <div class="home-hero-text">
            <h1 id="home-title" lang={name ? otherLang(name.lang) : undefined}>
              {name?.text ?? t.meta.tagline}
            </h1>
            <p class="lead" lang={sentence ? otherLang(sentence.lang) : undefined}>
              {sentence?.text ?? t.home.lead}
            </p>
            {primary && parts.setup.length === 0 ? (
              <Actions>
                <a class="button" href={primary.href}>
                  {primary.label}
                </a>{' '}
                <span class="muted">{primary.hint}</span>
              </Actions>
            ) : null}
          </div>
        </section>
        {parts.setup.map((p) => p.body)}
        {parts.stats.length ? (
          <section aria-labelledby="home-numbers" class="home-section">
            <h2 id="home-numbers" class="visually-hidden">
              {th.numbers}
            </h2>
            <ul class="stat-tiles home-stats">
              {parts.stats.map((s) => (
                <li>
                  <StatTile value={numbers.format(s.value)} label={s.label} href={s.href} />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {parts.sections.map((p) => p.body)}
        {parts.sections.length === 0 && parts.setup.length === 0 ? (
          <>
            <EmptyState title={th.emptyTitle}>{th.emptyLead}</EmptyState>
            <ul class="section-grid">
              {siteSections(t).map(([section, label]) => (
                <li>
                  <a href={`/${locale}/${section}`}>{label}</a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {others.length && parts.setup.length === 0 ? (
          <section aria-labelledby="home-involved" class="home-section">
            <h2 id="home-involved">{th.getInvolved}</h2>
            <ul class="home-ways">
              {others.map((a) => (
                <li>
                  <a href={a.href}>{a.label}</a> <span class="muted">{a.hint}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </>,
    )
  })

  // The sitemap: an index of parts (sitemap.ts's registry), each page in both languages.
  const baseUrl = deps.config.baseUrl.replace(/\/+$/, '')
  const xml = (c: Context<AppEnv>, body: string) =>
    c.body(body, 200, {
      'Content-Type': 'application/xml; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
    })
  app.get('/sitemap.xml', async (c) => {
    const files = []
    for (const part of sitemapParts()) files.push(...filesOf(part.name, await part.entries(deps)))
    return xml(c, sitemapIndexXml(baseUrl, files))
  })
  app.get('/:file{sitemap-[a-z-]+-[1-9][0-9]*\\.xml}', async (c) => {
    const [, name, page] = /^sitemap-([a-z-]+)-(\d+)\.xml$/.exec(c.req.param('file'))!
    const part = sitemapParts().find((p) => p.name === name)
    if (!part) return c.notFound()
    const entries = await part.entries(deps)
    const n = Number(page)
    // A file lists one page at least: past the last page (or for a part without any), nothing.
    if (entriesOfFile(entries, n).length === 0) return c.notFound()
    if (fileName({ name: part.name, page: n }) !== c.req.param('file')) return c.notFound()
    return xml(c, urlsetXml(baseUrl, entriesOfFile(entries, n)))
  })
  app.get('/robots.txt', (c) =>
    c.body(robotsTxt(baseUrl), 200, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
    }),
  )

  return app
}
