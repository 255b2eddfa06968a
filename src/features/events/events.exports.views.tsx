// What events' pages show of the exports: the schema.org Event in an event page's <head>, the
// feed links for the events list's <head>, the "follow events" links (every event, a chapter's,
// a filtered list's), a session's calendar link, and the address of a person's private calendar.
import type { Context } from 'hono'
import { raw } from 'hono/html'
import type { AppEnv } from '../../platform/http/context.ts'
import type { Locale, Messages } from '../../platform/i18n/index.ts'
import { assetUrl } from '../../platform/views/assets.ts'
import { Actions } from '../../platform/views/components.tsx'
import { CsrfField } from '../../platform/views/layout.tsx'
import { inLocale, langTag, textIn } from '../../platform/views/localized.tsx'
import { markdownText } from '../../platform/views/markdown.ts'
import { eventJsonLdOf } from './events.exports.ts'
import { calendarFeedPath, rssFeedPath, sessionCalendarPath, webcalUrl } from './events.feeds.rules.ts'
import { jsonLdScriptText } from './events.jsonld.ts'
import type { EventFilters } from './events.rules.ts'
import type { EventParts } from './events.service.ts'

/**
 * The event's schema.org Event as a data block for the page's <head> (never executed, so the
 * strict CSP allows it). Render it on pages shown only briefly by the page cache (`freshFor`):
 * its offer turns SoldOut with the seat counter, which does not move the cache's generation.
 */
export function EventJsonLd(p: { c: Context<AppEnv>; parts: EventParts; baseUrl: string; now: Date }) {
  const { locale, t } = p.c.var
  const community = p.c.var.brand?.name?.text ?? t.meta.siteName
  const data = eventJsonLdOf(p.parts, { locale, baseUrl: p.baseUrl, community, now: p.now })
  return <script type="application/ld+json">{raw(jsonLdScriptText(data))}</script>
}

/**
 * Everything an event page adds to its <head>: the JSON-LD, and the link-preview tags the layout
 * leaves to a page that gives its own head (title, summary, the cover, the page's address).
 */
export function EventHead(p: { c: Context<AppEnv>; parts: EventParts; baseUrl: string; now: Date }) {
  const { locale } = p.c.var
  const { event } = p.parts
  const title = textIn(locale, event.titleZh, event.titleEn)
  const summary =
    textIn(locale, event.summaryZh, event.summaryEn) ||
    markdownText(textIn(locale, event.descriptionZh, event.descriptionEn), 200)
  const cover = event.cover?.jpeg.toSorted((a, b) => b.width - a.width)[0]
  return (
    <>
      <meta property="og:type" content="website" />
      <meta property="og:title" content={title} />
      {summary ? <meta property="og:description" content={summary} /> : null}
      <meta property="og:url" content={`${p.baseUrl}/${locale}/events/${event.slug}`} />
      {cover ? (
        <meta property="og:image" content={`${p.baseUrl}/media/${cover.id}/${cover.filename}`} />
      ) : null}
      <EventJsonLd {...p} />
    </>
  )
}

/** <link rel="alternate"> for the events list's <head>: feed readers and calendar apps find the feeds. */
export function EventFeedLinks({ c, baseUrl }: { c: Context<AppEnv>; baseUrl: string }) {
  const { locale, t } = c.var
  const community = c.var.brand?.name?.text ?? t.meta.siteName
  return (
    <>
      <link
        rel="alternate"
        type="application/rss+xml"
        title={t.eventExports.subscribe.rss}
        href={`${baseUrl}${rssFeedPath(locale)}`}
      />
      <link
        rel="alternate"
        type="text/calendar"
        title={t.eventExports.feed.all(community)}
        href={`${baseUrl}${calendarFeedPath(locale)}`}
      />
    </>
  )
}

/** The feed address for a list's filters (the events list's own query names), or every event's. */
function filteredFeedPath(locale: Locale, filters: EventFilters) {
  const params = new URLSearchParams(
    Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
  ).toString()
  return `/${locale}/events/calendar.ics${params ? `?${params}` : ''}`
}

/**
 * "Follow events": subscribe in a calendar app (webcal://, which opens the app) with the https
 * address to paste where an app asks for one, the RSS feed, and the reader's private calendar.
 * On a chapter's page pass `chapter`; on a filtered list pass its `filters`.
 */
export function SubscribeLinks(p: {
  locale: Locale
  t: Messages
  baseUrl: string
  chapter?: { slug: string; cityZh: string; cityEn: string } | null
  filters?: EventFilters
  /** Ids must be unique on a page that shows this twice. */
  id?: string
}) {
  const ts = p.t.eventExports.subscribe
  const id = p.id ?? 'follow-events'
  const filtered = p.filters && Object.values(p.filters).some((v) => v !== undefined && v !== '')
  const path = p.chapter
    ? calendarFeedPath(p.locale, p.chapter.slug)
    : filtered
      ? filteredFeedPath(p.locale, p.filters!)
      : calendarFeedPath(p.locale)
  const https = `${p.baseUrl}${path}`
  const label = p.chapter
    ? ts.calendarChapter(textIn(p.locale, p.chapter.cityZh, p.chapter.cityEn))
    : filtered
      ? ts.calendarFiltered
      : ts.calendar
  return (
    <section class="subscribe-links" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{ts.title}</h2>
      <Actions>
        <a class="button secondary" href={webcalUrl(https)}>
          {label}
        </a>
        {p.chapter ? null : (
          <a href={rssFeedPath(p.locale)} type="application/rss+xml">
            {ts.rss}
          </a>
        )}
      </Actions>
      <div class="field">
        <label for={`${id}-address`}>{ts.address}</label>
        <div class="copy-row">
          <input id={`${id}-address`} type="url" readonly value={https} class="copy-source" />
          <button type="button" class="secondary" data-copy={`${id}-address`} data-copied={ts.copied} hidden>
            {ts.copy}
          </button>
        </div>
      </div>
      <p class="hint">
        {ts.hint} <a href={`/${p.locale}/me/calendar`}>{ts.mine}</a>
      </p>
      <script type="module" src={assetUrl('copy.js')} />
    </section>
  )
}

/**
 * A timed session's calendar file, for its line of the agenda. Its name says which session (for
 * a screen reader's list of links) after the visible words, which it keeps whole (WCAG 2.5.3).
 */
export function SessionCalendarLink(p: {
  locale: Locale
  t: Messages
  eventSlug: string
  session: {
    id: string
    titleZh: string | null
    titleEn: string | null
    startsAt: Date | null
    endsAt: Date | null
  }
}) {
  if (!p.session.startsAt || !p.session.endsAt) return null
  const title = inLocale(p.locale, p.session.titleZh, p.session.titleEn)
  return (
    <a href={sessionCalendarPath(p.locale, p.eventSlug, p.session.id)} download>
      {p.t.eventExports.session.calendarFile}
      {title ? (
        <span class="visually-hidden">
          {': '}
          {title.lang === p.locale ? title.text : <span lang={langTag(title.lang)}>{title.text}</span>}
        </span>
      ) : null}
    </a>
  )
}

/**
 * A person's private calendar: its address (webcal:// and https), or a button that makes one, and
 * the button that replaces it. Shown on their calendar page; the registrations page may show it too.
 */
export function PrivateCalendar({ c, url }: { c: Context<AppEnv>; url: string | null }) {
  const { t, locale } = c.var
  const tm = t.eventExports.mine
  const ts = t.eventExports.subscribe
  if (!url)
    return (
      <form method="post" action={`/${locale}/me/calendar`}>
        <CsrfField c={c} />
        <p>{tm.none}</p>
        <button type="submit">{tm.create}</button>
      </form>
    )
  return (
    <>
      <p>
        <a class="button" href={webcalUrl(url)}>
          {tm.subscribe}
        </a>
      </p>
      <div class="field">
        <label for="private-calendar-address">{tm.address}</label>
        <p class="hint" id="private-calendar-hint">
          {tm.secretHint}
        </p>
        <div class="copy-row">
          <input
            id="private-calendar-address"
            type="url"
            readonly
            value={url}
            class="copy-source"
            aria-describedby="private-calendar-hint"
          />
          <button
            type="button"
            class="secondary"
            data-copy="private-calendar-address"
            data-copied={ts.copied}
            hidden
          >
            {ts.copy}
          </button>
        </div>
      </div>
      <form method="post" action={`/${locale}/me/calendar/reset`}>
        <CsrfField c={c} />
        <p class="hint" id="private-calendar-reset-hint">
          {tm.resetHint}
        </p>
        <button type="submit" class="danger" aria-describedby="private-calendar-reset-hint">
          {tm.reset}
        </button>
      </form>
      <script type="module" src={assetUrl('copy.js')} />
    </>
  )
}
