import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { accountsApi } from './features/accounts/accounts.api.ts'
import { accountPages } from './features/accounts/accounts.pages.tsx'
import { resolveApiToken, resolveSession } from './features/accounts/index.ts'
import { activityApi } from './features/activity/activity.api.ts'
import { activityPages } from './features/activity/activity.pages.tsx'
import { githubWebhook } from './features/activity/activity.webhook.ts'
import { applicationsApi } from './features/applications/applications.api.ts'
import { applicationsPages } from './features/applications/index.ts'
import { articleImportPages } from './features/articles/articles.import.pages.tsx'
import { articlesConsolePages, articlesPages } from './features/articles/index.ts'
import { chaptersApi } from './features/chapters/chapters.api.ts'
import { chaptersConsolePages } from './features/chapters/chapters.console.tsx'
import { chaptersPages } from './features/chapters/index.ts'
import { communityPages, loadBrand } from './features/community/index.ts'
import { consolePages } from './features/console/console.pages.tsx'
import { eventsApi } from './features/events/events.api.ts'
import { checkinApi } from './features/events/events.checkin.api.ts'
import { checkinPages } from './features/events/events.checkin.pages.tsx'
import { eventsExportsPages } from './features/events/events.exports.pages.tsx'
import { registrationsApi } from './features/events/events.registrations.api.ts'
import { registrationsConsolePages } from './features/events/events.registrations.console.tsx'
import { registrationPageRoutes } from './features/events/events.registrations.pages.tsx'
import { eventStatsPages } from './features/events/events.stats.pages.tsx'
import { volunteersPages } from './features/events/events.volunteers.pages.tsx'
import { eventsConsolePages, eventsPages } from './features/events/index.ts'
import { meetingsPages, sigMeetingFacts } from './features/meetings/index.ts'
import { peopleApi } from './features/people/people.api.ts'
import { peoplePages } from './features/people/people.pages.tsx'
import {
  podcastConsolePages,
  podcastImportPages,
  podcastPages,
  recordDelivery,
  renderEveryFeed,
} from './features/podcast/index.ts'
import { podcastApi } from './features/podcast/podcast.api.ts'
import {
  programmeExportsPages,
  programmeMinePages,
  programmePages,
  programmeScheduleApi,
  programmeSchedulePages,
  programmeVideosPages,
} from './features/programme/index.ts'
import { proposalsApi } from './features/programme/programme.proposals.api.ts'
import { proposalsPages } from './features/programme/programme.proposals.pages.tsx'
import { recognitionPages } from './features/recognition/index.ts'
import { searchApi } from './features/search/search.api.ts'
import { searchPages } from './features/search/search.pages.tsx'
import { apiReferencePages } from './features/site/api-reference.pages.tsx'
import { renderErrorPage, sitePages } from './features/site/site.pages.tsx'
import { webhooksPages } from './features/webhooks/index.ts'
import { appliedMigrations, expectedMigrations } from './platform/db/client.ts'
import type { Deps } from './platform/deps.ts'
import { DomainError } from './platform/errors.ts'
import { createHttpApp, SESSION_COOKIE } from './platform/http/app.ts'
import type { AppEnv } from './platform/http/context.ts'
import { readContentGeneration } from './platform/http/page-cache.ts'
import { mediaRoutes } from './platform/media/media.ts'
import './search-sources.ts'

const VERSION = '0.1.0'

async function resolveViewer(deps: Deps, c: Context<AppEnv>) {
  const authorization = c.req.header('authorization')
  // Pages ignore the header (a proxy's Basic auth may pass it on); on the API a credential that
  // was sent but is not a valid token is an error, not an anonymous call.
  if (authorization && c.req.path.startsWith('/api/')) {
    const [scheme, token] = authorization.split(' ')
    const viewer = scheme?.toLowerCase() === 'bearer' && token ? await resolveApiToken(deps, token) : null
    if (!viewer) throw new DomainError('unauthenticated', 'The API token is not valid')
    return viewer
  }
  const session = getCookie(c, SESSION_COOKIE, 'host')
  return session ? resolveSession(deps, session) : null
}

/**
 * The whole HTTP surface: cross-cutting stack, then every feature's pages and API.
 * `pageCacheCheckMs` bounds how stale an anonymous reader's page may be after a change made
 * through another app process.
 */
export function createApp(deps: Deps, options: { pageCacheCheckMs?: number } = {}) {
  const app = createHttpApp({
    config: deps.config,
    log: deps.log,
    pageCache: {
      readGeneration: () => readContentGeneration(deps.db),
      checkEveryMs: options.pageCacheCheckMs ?? 1000,
    },
    resolveViewer: (c) => resolveViewer(deps, c),
    renderError: renderErrorPage,
  })

  // Every page shows the community's brand: read for each rendered page (one row), never kept in
  // process memory, so a change shows at once on every app server.
  app.use('*', async (c, next) => {
    if (/^\/(zh|en)(\/|$)/.test(c.req.path)) c.set('brand', await loadBrand(deps, c.var.locale))
    await next()
  })

  const expected = expectedMigrations()
  app.get('/readyz', async (c) => {
    try {
      const applied = await appliedMigrations(deps.db)
      if (applied < expected) return c.json({ status: 'migrating', applied, expected }, 503)
      return c.json({ status: 'ready', migrations: applied }, 200)
    } catch {
      return c.json({ status: 'database unreachable' }, 503)
    }
  })

  const api = new OpenAPIHono<AppEnv>()
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'A personal API token (hearth_pat_…) created on your account page',
  })
  api.route('/', peopleApi(deps))
  api.route('/', activityApi(deps))
  api.route('/', chaptersApi(deps))
  api.route('/', applicationsApi(deps))
  api.route('/', podcastApi(deps))
  api.route('/', eventsApi(deps))
  api.route('/', programmeScheduleApi(deps))
  api.route('/', proposalsApi(deps))
  api.route('/', checkinApi(deps))
  api.route('/', registrationsApi(deps))
  api.route('/', accountsApi(deps))
  api.route('/', searchApi(deps))
  const documentConfig = {
    openapi: '3.1.0',
    info: {
      title: 'Hearth API',
      version: VERSION,
      description: 'Errors are RFC 9457 problem details (application/problem+json).',
    },
    servers: [{ url: `${deps.config.baseUrl}/api/v1` }],
  }
  api.doc31('/openapi.json', documentConfig)
  app.route('/api/v1', api)

  app.route('/', sitePages(deps))
  app.route('/', peoplePages(deps))
  app.route('/', searchPages(deps))
  app.route('/', activityPages(deps))
  app.route('/', chaptersPages(deps))
  app.route('/', chaptersConsolePages(deps, sigMeetingFacts))
  // Before the event pages: the feeds' addresses under /events are not events.
  app.route('/', eventsExportsPages(deps))
  app.route('/', programmeExportsPages(deps))
  app.route('/', programmePages(deps))
  app.route('/', proposalsPages(deps))
  app.route('/', programmeVideosPages(deps))
  app.route('/', programmeSchedulePages(deps))
  app.route('/', programmeMinePages(deps))
  // Registering and giving a place up: /events/:slug/register, /events/:slug/cancel.
  app.route('/', registrationPageRoutes(deps))
  app.route('/', eventsPages(deps))
  app.route('/', eventsConsolePages(deps))
  app.route('/', registrationsConsolePages(deps))
  app.route('/', eventStatsPages(deps))
  app.route('/', applicationsPages(deps))
  app.route('/', accountPages(deps))
  app.route('/', consolePages(deps))
  // A rename rewrites what names the community and is kept written: the podcast's feeds.
  app.route('/', communityPages(deps, { writtenInName: (tx) => renderEveryFeed(tx, deps) }))
  app.route('/', webhooksPages(deps))
  app.route('/', meetingsPages(deps))
  app.route('/', recognitionPages(deps))
  app.route('/', checkinPages(deps))
  app.route('/', volunteersPages(deps))
  app.route('/', podcastPages(deps))
  app.route('/', articlesPages(deps))
  app.route('/', articlesConsolePages(deps))
  // Before the show pages: /console/podcast/imports is not a show.
  app.route('/', podcastImportPages(deps))
  app.route('/', articleImportPages(deps))
  app.route('/', podcastConsolePages(deps))
  app.route(
    '/',
    mediaRoutes(
      { db: deps.db, dataDir: deps.config.dataDir, trustProxy: deps.config.trustProxy },
      (file, delivery) =>
        recordDelivery(deps, file, delivery).catch((err) => deps.log.warn('download not recorded', { err })),
    ),
  )
  app.route('/', githubWebhook(deps))
  app.route(
    '/',
    apiReferencePages(() => api.getOpenAPI31Document(documentConfig) as never),
  )
  return app
}
