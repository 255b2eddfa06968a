import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { AppEnv } from '../http/context.ts'
import { queryReadSoFar } from '../http/page-cache.ts'
import { safeHref } from '../http/url.ts'
import type { Messages } from '../i18n/index.ts'
import { alternatesOf, PAGE_LANGUAGES } from './alternates.ts'
import { assetUrl } from './assets.ts'
import { noBrand } from './brand.ts'
import { ResponsiveImage } from './components.tsx'

const langTag = (lang: 'zh' | 'en') => (lang === 'zh' ? 'zh-Hans' : 'en')

export const otherLocale = (locale: 'zh' | 'en') => (locale === 'zh' ? 'en' : 'zh')

/** The same page in the other language: swap the /zh or /en prefix, keep the rest (no trailing slash: no page has one). */
export function switchLanguageHref(path: string, query: string, to: 'zh' | 'en') {
  const rest = path.replace(/^\/(zh|en)(?=\/|$)/, '').replace(/\/+$/, '')
  return `/${to}${rest}${query}`
}

/** The public sections, in navigation order: the header and the home page list the same. */
export const siteSections = (t: Messages) =>
  [
    ['podcast', t.nav.podcast],
    ['chapters', t.nav.chapters],
    ['events', t.nav.events],
    ['articles', t.nav.articles],
    ['people', t.nav.people],
  ] as const

export type LayoutProps = {
  c: Context<AppEnv>
  title: string
  description?: string
  children: Child
  /** Extra elements for <head> from a page that describes itself: the default link-preview tags are left out. */
  head?: Child
  /** Elements for <head> that say nothing about the page itself (feed links): the default preview tags stay. */
  alternates?: Child
  /** What a link preview shows of the page (OpenGraph, Twitter): the title, description and brand by default. */
  og?: OpenGraph
  /**
   * The page's canonical address when it is not the page itself (a translation that should not
   * compete with its original): absolute.
   */
  canonical?: string
  /**
   * The page's versions in each language when they are not this page under /zh and /en (an
   * article is written in one language; its translations have their own addresses): absolute.
   */
  languages?: { hreflang: string; href: string }[]
}

/** A page's link preview; what is left out comes from the page's title, description and the community's logo. */
export type OpenGraph = {
  type?: 'website' | 'article' | 'profile' | 'music.song' | 'video.other'
  title?: string
  description?: string
  /** An absolute URL or a site path (made absolute here), with its pixels when known. */
  image?: { url: string; width?: number | null; height?: number | null; alt?: string } | null
}

/**
 * Link-preview tags for every page: OpenGraph (with the page's language and its other one) and a
 * Twitter card. A page that writes its own OpenGraph tags in `head` (an episode) keeps them; it
 * still gets the card and the locales, which say nothing it could get wrong.
 */
function PreviewTags(p: {
  siteName: string
  locale: 'zh' | 'en'
  url: string
  title: string
  description: string | undefined
  og: OpenGraph | undefined
  fallbackImage: OpenGraph['image']
  siteUrl: string
  ownTags: boolean
}) {
  const image = p.og?.image === undefined ? p.fallbackImage : p.og.image
  const imageUrl = image ? (/^https?:/.test(image.url) ? image.url : `${p.siteUrl}${image.url}`) : null
  // A wide picture (a cover) shows large; a logo or a square cover as the small card.
  const large = image?.width && image.height ? image.width >= image.height * 1.5 : false
  const description = p.og?.description ?? p.description
  const title = p.og?.title ?? p.title
  const [own, other] = p.locale === 'zh' ? PAGE_LANGUAGES : [PAGE_LANGUAGES[1], PAGE_LANGUAGES[0]]
  return (
    <>
      <meta property="og:site_name" content={p.siteName} />
      <meta property="og:locale" content={own.ogLocale} />
      <meta property="og:locale:alternate" content={other.ogLocale} />
      <meta name="twitter:card" content={large ? 'summary_large_image' : 'summary'} />
      {p.ownTags ? null : (
        <>
          <meta property="og:type" content={p.og?.type ?? 'website'} />
          <meta property="og:title" content={title} />
          <meta property="og:url" content={p.url} />
          {description ? <meta property="og:description" content={description} /> : null}
          <meta name="twitter:title" content={title} />
          {description ? <meta name="twitter:description" content={description} /> : null}
          {imageUrl ? (
            <>
              <meta property="og:image" content={imageUrl} />
              {image?.width && image.height ? (
                <>
                  <meta property="og:image:width" content={String(image.width)} />
                  <meta property="og:image:height" content={String(image.height)} />
                </>
              ) : null}
              {image?.alt ? <meta property="og:image:alt" content={image.alt} /> : null}
              <meta name="twitter:image" content={imageUrl} />
              {image?.alt ? <meta name="twitter:image:alt" content={image.alt} /> : null}
            </>
          ) : null}
        </>
      )}
    </>
  )
}

export function Layout({
  c,
  title,
  description,
  children,
  head,
  alternates,
  og,
  canonical,
  languages,
}: LayoutProps) {
  const t = c.var.t
  const locale = c.var.locale
  const viewer = c.var.viewer
  const url = new URL(c.req.url)
  const other = otherLocale(locale)
  const path = url.pathname
  const nav = siteSections(t)
  const brand = c.var.brand ?? noBrand
  const siteName = brand.name?.text ?? t.meta.siteName
  // Absolute addresses for previews and search engines: BASE_URL, else the address asked for.
  const siteUrl = brand.siteUrl ?? url.origin
  const query = queryReadSoFar(c)
  const pageUrl = `${siteUrl}${path}${query}`
  const rest = /^\/(zh|en)(\/|$)/.test(path) ? `${path.slice(3).replace(/\/+$/, '')}${query}` : null
  const isCurrent = (section: string) =>
    path === `/${locale}/${section}` || path.startsWith(`/${locale}/${section}/`)
  const links = (
    <>
      <nav aria-label={t.nav.main} class="site-nav">
        <ul>
          {nav.map(([section, label]) => (
            <li>
              <a href={`/${locale}/${section}`} aria-current={isCurrent(section) ? 'page' : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {/* A plain GET form: search works without script from every page. */}
      <search class="header-search">
        <form method="get" action={`/${locale}/search`}>
          <input type="search" name="q" aria-label={t.search.box} placeholder={t.search.placeholder} />
          <button type="submit" class="secondary">
            <svg
              aria-hidden="true"
              width="16"
              height="16"
              viewBox="0 0 16 16"
              fill="none"
              stroke="currentColor"
              stroke-width="2"
            >
              <circle cx="7" cy="7" r="5" />
              <path d="M11 11l4 4" />
            </svg>
            <span class="visually-hidden">{t.search.button}</span>
          </button>
        </form>
      </search>
      <div class="header-tools">
        {/* The visible name is in the other language and marked so; the explanation is in this
            page's language. No aria-label: it would hide the visible text from the accessible
            name (WCAG 2.5.3) and be read in the other language's voice. */}
        <a
          href={switchLanguageHref(path, queryReadSoFar(c), other)}
          hreflang={other === 'zh' ? 'zh-Hans' : 'en'}
          class="lang-switch"
        >
          <span lang={other === 'zh' ? 'zh-Hans' : 'en'}>{t.nav.switchTo}</span>
          <span class="visually-hidden"> ({t.nav.switchToLabel})</span>
        </a>
        {viewer ? (
          <>
            {viewer.organiser ? <a href={`/${locale}/console`}>{t.nav.console}</a> : null}
            <a href={`/${locale}/me`}>{t.nav.account}</a>
            <form method="post" action={`/${locale}/sign-out`} class="inline">
              <input type="hidden" name="_csrf" value={c.var.csrfToken()} />
              <button type="submit" class="link-button">
                {t.nav.signOut}
              </button>
            </form>
          </>
        ) : (
          <a href={`/${locale}/sign-in`}>{t.nav.signIn}</a>
        )}
      </div>
    </>
  )
  return (
    <html lang={t.meta.htmlLang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${title} · ${siteName}`}</title>
        {description ? <meta name="description" content={description} /> : null}
        <link rel="stylesheet" href={assetUrl('app.css')} />
        {brand.stylesheetUrl ? <link rel="stylesheet" href={brand.stylesheetUrl} /> : null}
        <PreviewTags
          siteName={siteName}
          locale={locale}
          url={canonical ?? pageUrl}
          title={title}
          description={description ?? brand.description?.text}
          og={og}
          fallbackImage={brand.logo ? brand.logo.preview : null}
          siteUrl={siteUrl}
          ownTags={Boolean(head)}
        />
        <link rel="icon" href={assetUrl('favicon.svg')} type="image/svg+xml" />
        <link rel="canonical" href={canonical ?? pageUrl} />
        {/* Pages outside the two languages (none today) have no other language to name. */}
        {(languages ?? (rest === null ? [] : alternatesOf(siteUrl, rest))).map((a) => (
          <link rel="alternate" hreflang={a.hreflang} href={a.href} />
        ))}
        {head}
        {alternates}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.nav.skip}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href={`/${locale}`}>
              {brand.logo ? (
                // The name beside it says what the logo would: it decorates. Eager: it is in view.
                <ResponsiveImage picture={brand.logo.picture} alt="" class="brand-logo" loading="eager" />
              ) : (
                <span aria-hidden="true" class="brand-mark">
                  ◆
                </span>
              )}{' '}
              <span lang={brand.name && brand.name.lang !== locale ? langTag(brand.name.lang) : undefined}>
                {siteName}
              </span>
            </a>
            {/* Wide screens show the navigation in the row; narrow ones fold the same links into a
                menu button. A <details> opens and closes without script; the hidden copy is
                display:none, so it is in nobody's way (tab order, screen readers). */}
            <div class="header-links header-wide">{links}</div>
            <details class="site-menu">
              <summary class="button secondary">
                <span aria-hidden="true" class="menu-icon" />
                {t.nav.menu}
              </summary>
              <div class="header-links">{links}</div>
            </details>
          </div>
        </header>
        <main id="main" tabindex={-1} class="wrap">
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            {brand.description ? (
              <p lang={brand.description.lang !== locale ? langTag(brand.description.lang) : undefined}>
                {brand.description.text}
              </p>
            ) : (
              <p>{t.footer.about}</p>
            )}
            {brand.links.length ? (
              <ul class="footer-links">
                {brand.links.map((l) => (
                  <li>
                    <a href={safeHref(l.url)} rel="me noopener">
                      {l.label}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
            <p>
              {t.footer.poweredBy('Hearth')} · {t.footer.selfHosted}{' '}
              <a href={`/${locale}/api`}>{t.footer.apiReference}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  )
}

export function CsrfField({ c }: { c: Context<AppEnv> }) {
  return <input type="hidden" name="_csrf" value={c.var.csrfToken()} />
}

export type FieldProps = {
  name: string
  /** Needed when a page repeats the same field in several forms: ids must be unique. */
  id?: string
  label: string
  value?: string | null | undefined
  error?: string | undefined
  type?: string
  required?: boolean
  autocomplete?: string
  multiline?: boolean
  hint?: string
  inputmode?: 'numeric' | 'email' | 'url' | 'text'
  pattern?: string
  lang?: string
}

/**
 * A name a person types, in both languages: `<name>Zh` and `<name>En` side by side, each marked with
 * its language (the house rule: never both pasted into one field).
 */
export function FieldPair(p: {
  name: string
  labelZh: string
  labelEn: string
  value: (name: string) => string | null | undefined
  error: (name: string) => string | undefined
  /** Prefixes the ids when a page repeats the pair in several forms (ids must be unique). */
  idPrefix?: string
  multiline?: boolean
}) {
  const field = (name: string, label: string, lang: string) => (
    <Field
      name={name}
      id={p.idPrefix ? `${p.idPrefix}-${name}` : undefined}
      label={label}
      value={p.value(name)}
      error={p.error(name)}
      lang={lang}
      multiline={p.multiline}
    />
  )
  return (
    <>
      {field(`${p.name}Zh`, p.labelZh, 'zh-Hans')}
      {field(`${p.name}En`, p.labelEn, 'en')}
    </>
  )
}

/** A labelled choice with its error beside it. */
export function Choice(p: {
  name: string
  id?: string
  label: string
  value: string | undefined
  options: [string, string][]
  error?: string | undefined
  hint?: string
}) {
  const id = p.id ?? `field-${p.name}`
  const describedBy =
    [p.error ? `${id}-error` : null, p.hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={id}>{p.label}</label>
      {p.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      <select
        id={id}
        name={p.name}
        aria-describedby={describedBy}
        aria-invalid={p.error ? 'true' : undefined}
      >
        {p.options.map(([value, label]) => (
          <option value={value} selected={p.value === value}>
            {label}
          </option>
        ))}
      </select>
      {p.error ? (
        <p class="error" id={`${id}-error`}>
          {p.error}
        </p>
      ) : null}
    </div>
  )
}

/** A labelled input whose error is announced with the field (aria-describedby + aria-invalid). */
export function Field(p: FieldProps) {
  const id = p.id ?? `field-${p.name}`
  const describedBy =
    [p.error ? `${id}-error` : null, p.hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined
  const common = {
    id,
    name: p.name,
    required: p.required,
    autocomplete: p.autocomplete,
    'aria-invalid': p.error ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
    lang: p.lang,
  }
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={id}>{p.label}</label>
      {p.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {p.multiline ? (
        <textarea {...common} rows={4}>
          {p.value ?? ''}
        </textarea>
      ) : (
        <input
          {...common}
          type={p.type ?? 'text'}
          value={p.value ?? ''}
          inputmode={p.inputmode}
          pattern={p.pattern}
        />
      )}
      {p.error ? (
        <p class="error" id={`${id}-error`}>
          {p.error}
        </p>
      ) : null}
    </div>
  )
}

/** File inputs are FileDrop (components.tsx): a drop zone and preview on top of a plain input. */
export { FileDrop as FileField } from './components.tsx'

export function Notice({ kind, children }: { kind: 'success' | 'error' | 'info'; children: Child }) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  )
}

/** Previous/next links for a paged list; `href` builds the address of a page. */
export function Pagination({
  t,
  page,
  pages,
  href,
}: {
  t: Messages
  page: number
  pages: number
  href: (page: number) => string
}) {
  if (pages <= 1) return null
  return (
    <nav class="pagination" aria-label={t.people.pagination}>
      {page > 1 ? <a href={href(page - 1)}>{t.people.previous}</a> : null}
      <span>{t.people.page(page, pages)}</span>
      {page < pages ? <a href={href(page + 1)}>{t.people.next}</a> : null}
    </nav>
  )
}

/** Links someone gave (a profile's, a chapter's): marked nofollow, `rel="me"` for a person's own. */
export function LinkList({ links, me }: { links: { label: string; url: string }[]; me?: boolean }) {
  return (
    <ul class="plain">
      {links.map((l) => (
        <li>
          <a href={safeHref(l.url)} rel={me ? 'me noopener nofollow' : 'noopener nofollow'}>
            {l.label}
          </a>
        </li>
      ))}
    </ul>
  )
}

export function EmptyState({ title, children }: { title: string; children: Child }) {
  return (
    <section class="empty-state" aria-labelledby="empty-title">
      <h2 id="empty-title">{title}</h2>
      <p>{children}</p>
    </section>
  )
}
