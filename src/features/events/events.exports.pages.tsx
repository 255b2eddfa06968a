// Where events' exports are served: an event's and a session's `.ics`, the calendar feeds (every
// public event or a filtered list's, such as a chapter's), a person's private feed at its secret
// address, the RSS feed of upcoming events, and the page where a person finds and resets their
// private address. Feeds answer conditional GETs with a strong ETag (the SHA-256 of the bytes).
import { createHash } from 'node:crypto'
import { type Context, Hono } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { isUuid } from '../../platform/http/edge-input.ts'
import { queryFor } from '../../platform/http/page-cache.ts'
import { noneMatch } from '../../platform/media/ranges.ts'
import { Notice } from '../../platform/views/layout.tsx'
import { redirectWithNotice, render } from '../../platform/views/page.tsx'
import {
  calendarFeedOf,
  eventCalendar,
  openCalendarFeed,
  privateCalendar,
  publicCalendar,
  type Rendered,
  resetCalendarFeed,
  sessionCalendar,
  upcomingFeed,
} from './events.exports.ts'
import { PrivateCalendar } from './events.exports.views.tsx'
import { eventFiltersInput } from './events.inputs.ts'

const CALENDAR_TYPE = 'text/calendar; charset=utf-8'
const RSS_TYPE = 'application/rss+xml; charset=utf-8'
/**
 * How long the page cache may keep a feed whose content moves with the clock (an event leaving
 * "upcoming" or the year of history) although no event changed.
 */
const CLOCK_FEEDS_MS = 300_000

/**
 * The bytes with a strong ETag, or 304 when the client has them. A compressed copy's ETag carries
 * its encoding (compress.ts), which is taken off before comparing, as the podcast feed does.
 */
function serve(
  c: Context<AppEnv>,
  rendered: Rendered,
  type: string,
  options: { cache: string; download?: boolean },
) {
  const etag = `"${createHash('sha256').update(rendered.body).digest('base64url')}"`
  const headers: Record<string, string> = { 'Content-Type': type, ETag: etag, 'Cache-Control': options.cache }
  if (options.download && rendered.filename)
    headers['Content-Disposition'] = `attachment; filename="${rendered.filename}"`
  if (noneMatch(c.req.header('if-none-match')?.replace(/-(br|gzip)"/g, '"'), etag))
    return c.body(null, 304, headers)
  if (c.req.method === 'HEAD') return c.body(null, 200, headers)
  return c.body(rendered.body, 200, headers)
}

/** Mount before the events pages: `/events/calendar.ics` and `/events/feed.xml` are not events. */
export function eventsExportsPages(deps: Deps) {
  const app = new Hono<AppEnv>()

  app.on(['GET', 'HEAD'], '/:lang{(?:zh|en)}/events/calendar.ics', async (c) => {
    const filters = eventFiltersInput.parse(queryFor(c, eventFiltersInput))
    const { page: _, ...onlyFilters } = filters
    const rendered = await publicCalendar(deps, c.var.locale, onlyFilters)
    c.set('freshFor', CLOCK_FEEDS_MS)
    return serve(c, rendered, CALENDAR_TYPE, { cache: 'public, max-age=900' })
  })

  app.on(['GET', 'HEAD'], '/:lang{(?:zh|en)}/events/feed.xml', async (c) => {
    const rendered = await upcomingFeed(deps, c.var.locale)
    c.set('freshFor', CLOCK_FEEDS_MS)
    return serve(c, rendered, RSS_TYPE, { cache: 'public, max-age=900' })
  })

  // A draft's file is its organisers' preview: nobody else gets it, and nothing keeps a copy.
  const cacheFor = (c: Context<AppEnv>) => (c.var.viewer ? 'private, no-cache' : 'public, max-age=300')

  app.on(['GET', 'HEAD'], '/:lang{(?:zh|en)}/events/:slug/event.ics', async (c) => {
    const rendered = await eventCalendar(deps, c.var.viewer, c.var.locale, c.req.param('slug'))
    return serve(c, rendered, CALENDAR_TYPE, { cache: cacheFor(c), download: true })
  })

  app.on(['GET', 'HEAD'], '/:lang{(?:zh|en)}/events/:slug/sessions/:session/session.ics', async (c) => {
    const sessionId = c.req.param('session')
    if (!isUuid(sessionId)) throw new DomainError('notFoundRecord')
    const rendered = await sessionCalendar(deps, c.var.viewer, c.var.locale, c.req.param('slug'), sessionId)
    return serve(c, rendered, CALENDAR_TYPE, { cache: cacheFor(c), download: true })
  })

  // The secret is the whole credential: never kept by shared caches, never indexed.
  app.on(['GET', 'HEAD'], '/calendar/:file{[A-Za-z0-9_-]+\\.ics}', async (c) => {
    const rendered = await privateCalendar(deps, c.req.param('file').slice(0, -4))
    c.header('X-Robots-Tag', 'noindex')
    c.header('Referrer-Policy', 'no-referrer')
    return serve(c, rendered, CALENDAR_TYPE, { cache: 'private, max-age=300' })
  })

  const calendarPage = async (c: Context<AppEnv>) => {
    const { t, viewer } = c.var
    if (!viewer) throw new DomainError('unauthenticated')
    const url = await calendarFeedOf(deps, viewer)
    const notice = c.req.query('notice')
    return render(
      c,
      { title: t.eventExports.mine.title },
      <>
        <h1>{t.eventExports.mine.title}</h1>
        <p class="lead">{t.eventExports.mine.lead}</p>
        {notice === 'created' && url ? <Notice kind="success">{t.eventExports.mine.created}</Notice> : null}
        {notice === 'reset' && url ? <Notice kind="success">{t.eventExports.mine.resetDone}</Notice> : null}
        <PrivateCalendar c={c} url={url} />
      </>,
    )
  }

  app.get('/:lang{(?:zh|en)}/me/calendar', calendarPage)

  app.post('/:lang{(?:zh|en)}/me/calendar', async (c) => {
    await openCalendarFeed(deps, c.var.viewer)
    return redirectWithNotice(c, `/${c.var.locale}/me/calendar`, 'created')
  })

  app.post('/:lang{(?:zh|en)}/me/calendar/reset', async (c) => {
    await resetCalendarFeed(deps, c.var.viewer)
    return redirectWithNotice(c, `/${c.var.locale}/me/calendar`, 'reset')
  })

  return app
}
