import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'
import { Hono } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import { randomToken, safeEqual } from '../auth/secrets.ts'
import type { Config } from '../config.ts'
import { DomainError, InvalidInput, isDatabaseUnavailable, RateLimited } from '../errors.ts'
import { fieldErrors, isLocale, type Locale, messagesFor, negotiateLocale } from '../i18n/index.ts'
import type { Logger } from '../log.ts'
import { findAsset } from '../views/assets.ts'
import { bodyLimit } from './body-limit.ts'
import { compression } from './compress.ts'
import type { AppEnv, Viewer } from './context.ts'
import { controlInUrl } from './edge-input.ts'
import { type PageCacheOptions, pageCache } from './page-cache.ts'
import { problem } from './problem.ts'
import { browserSawPlainHttp } from './secure-origin.ts'
import { withoutTrailingSlash } from './trailing-slash.ts'

export const SESSION_COOKIE = 'hearth_session'
export const CSRF_COOKIE = 'hearth_csrf'
/** Set by a page that other sites may put in an iframe; removed before the response leaves. */
export const EMBEDDABLE_HEADER = 'x-hearth-embeddable'

export type HttpOptions = {
  config: Config
  log: Logger
  resolveViewer: (c: Context<AppEnv>) => Promise<Viewer | null>
  /** Keeps anonymous readers' pages in memory while the content generation stands. */
  pageCache?: Omit<PageCacheOptions, 'sessionCookie'>
  /** Renders a translated error page for page routes. */
  renderError: (c: Context<AppEnv>, status: number, message: string) => Response | Promise<Response>
}

export const isApiPath = (path: string) => path.startsWith('/api/')
const isPagePath = (path: string) => /^\/(zh|en)(\/|$)/.test(path) || path.startsWith('/auth/')

export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    // The rightmost entry is the one our own proxy added; the ones before it are the client's say.
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim()
    if (forwarded) return forwarded
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'local'
  }
}

/** From the /zh or /en prefix; elsewhere from Accept-Language (the API defaults to English). */
export function localeOf(c: Context): Locale {
  const first = new URL(c.req.url).pathname.split('/')[1]
  if (isLocale(first)) return first
  return negotiateLocale(c.req.header('accept-language'), first === 'api' ? 'en' : 'zh')
}

function contentSecurityPolicy(config: Config) {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'https:'],
    mediaSrc: ["'self'", 'https:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    frameSrc: ['https://www.youtube-nocookie.com', 'https://player.bilibili.com'],
    formAction: ["'self'", config.githubUrl],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
  }
}

/** The cross-cutting HTTP stack every feature's routes are mounted into. */
export function createHttpApp(options: HttpOptions) {
  const { config, log } = options
  const app = new Hono<AppEnv>()
  // Outermost: a kept page is answered before any other work, with the headers (security ones
  // included) it was kept with; only pages rendered here are logged (cache hits are the proxy's).
  const cache = options.pageCache
    ? pageCache({ maxBytes: config.pageCacheBytes, ...options.pageCache, sessionCookie: SESSION_COOKIE })
    : null
  if (cache) app.use(cache.middleware)

  app.use(requestId({ headerName: 'X-Request-Id' }))
  app.use(async (c, next) => {
    const started = performance.now()
    await next()
    const path = new URL(c.req.url).pathname
    if (path.startsWith('/assets/') || path === '/healthz') return
    log.info('request', {
      reqId: c.var.requestId,
      method: c.req.method,
      path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    })
  })
  // Outside the security headers, so it sees what they set: a page that may be embedded (its
  // response says so, and the page cache keeps saying so) lets any site frame it, and keeps every
  // other rule.
  app.use(async (c, next) => {
    await next()
    if (!c.res.headers.has(EMBEDDABLE_HEADER)) return
    c.res.headers.delete(EMBEDDABLE_HEADER)
    const csp = c.res.headers.get('content-security-policy')
    if (csp)
      c.res.headers.set('content-security-policy', csp.replace(/frame-ancestors [^;]*/, 'frame-ancestors *'))
    c.res.headers.delete('x-frame-options')
  })
  app.use(
    secureHeaders({
      contentSecurityPolicy: contentSecurityPolicy(config),
      crossOriginEmbedderPolicy: false,
      referrerPolicy: 'strict-origin-when-cross-origin',
      strictTransportSecurity: config.baseUrl.startsWith('https:')
        ? 'max-age=31536000; includeSubDomains'
        : false,
      permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
      // A response that sets its own policy keeps it: media files are sandboxed (media.ts).
      overwrite: false,
    }),
  )
  app.use(compression())
  // PostgreSQL refuses NUL in text (the query fails with a 500) and no address here holds a
  // control character: such a request is refused before any route reads it.
  app.use(async (c, next) => {
    const where = controlInUrl(new URL(c.req.url))
    if (where === 'path') return c.notFound()
    if (where === 'query') throw new DomainError('controlCharacters')
    await next()
  })
  app.use(withoutTrailingSlash())
  // Before every route and before the CSRF check, which parses form bodies itself.
  app.use(bodyLimit(config.bodyLimitBytes))

  app.onError((err, c) => handleError(c, err, options))
  app.notFound((c) => {
    const path = new URL(c.req.url).pathname
    if (isApiPath(path))
      return problem(c, { title: 'Not Found', status: 404, detail: `No route for ${c.req.method} ${path}` })
    if (!c.var.t) setLocale(c, localeOf(c))
    return options.renderError(c, 404, c.var.t.errors.notFound)
  })

  app.get('/healthz', (c) => c.json({ status: 'ok' }))
  app.on(['GET', 'HEAD'], '/assets/:name', (c) => {
    const asset = findAsset(c.req.param('name'))
    if (!asset) return c.notFound()
    const versioned = c.req.query('v') === asset.etag.slice(1, -1)
    const headers = {
      'Content-Type': asset.type,
      ETag: asset.etag,
      'Cache-Control': versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
    }
    if (c.req.header('if-none-match')?.replace(/-(br|gzip)"/g, '"') === asset.etag)
      return c.body(null, 304, headers)
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, headers)
  })
  app.get('/favicon.ico', (c) => c.redirect('/assets/favicon.svg', 301))

  const withViewer: MiddlewareHandler<AppEnv> = async (c, next) => {
    setLocale(c, localeOf(c))
    c.set('viewer', await options.resolveViewer(c))
    await next()
  }
  // Who is asking, in which language, and CSRF apply to pages, the API and sign-in, not to
  // assets and probes. (Page routes are written ':lang{(?:zh|en)}': an ungrouped alternation
  // leaks into Hono's combined router regex and sends /zh/... requests to the wrong handler.)
  const csrf = csrfTokens(config)
  app.use('*', async (c, next) => {
    if (!/^\/(zh|en|api|auth)(\/|$)/.test(new URL(c.req.url).pathname)) return next()
    await withViewer(c, async () => {
      await csrf(c, next)
    })
  })
  return Object.assign(app, {
    /** For the HTTP server: answers what the page cache holds, skipping the app (see page-cache.ts). */
    answerFromCache: cache ? cache.answer : () => false,
  })
}

export function setLocale(c: Context<AppEnv>, locale: Locale) {
  c.set('locale', locale)
  c.set('t', messagesFor(locale))
}

/**
 * Double-submit tokens for forms: a random value in a __Host- cookie that every form
 * repeats in a hidden field (or a script in the X-CSRF-Token header). Requests that carry
 * no ambient credential (bearer-token or anonymous API calls) have nothing to forge.
 */
function csrfTokens(config: Config): MiddlewareHandler<AppEnv> {
  const siteOrigin = new URL(config.baseUrl).origin
  return async (c, next) => {
    const existing = getCookie(c, CSRF_COOKIE, 'host')
    // Issued only when a page renders a form: pages without forms set no cookie, so they
    // stay cacheable (see page-cache.ts) and a visitor who only reads gets no cookie at all.
    let token = existing
    c.set('csrfToken', () => {
      c.set('personal', true)
      if (token) return token
      token = randomToken(24)
      setCookie(c, CSRF_COOKIE, token, {
        prefix: 'host',
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'Lax',
      })
      return token
    })
    const path = new URL(c.req.url).pathname
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)
    const exempt = path.startsWith('/webhooks/') || (isApiPath(path) && !c.var.viewer?.sessionId)
    if (unsafe && !exempt) {
      // Browsers always send Origin on a POST; a foreign one is refused before anything else.
      const origin = c.req.header('origin')
      if (origin && origin !== siteOrigin && origin !== new URL(c.req.url).origin)
        throw new DomainError('csrf')
      let sent = c.req.header('x-csrf-token')
      const type = c.req.header('content-type') ?? ''
      // A large upload is not read into memory to find its token: the route streams it and checks
      // the `_csrf` field (sent before the file) itself.
      if (!sent && type.startsWith('multipart/form-data') && path.endsWith('/upload')) {
        c.set('csrfToCheck', existing ?? null)
        return next()
      }
      if (
        !sent &&
        (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data'))
      ) {
        const body = await c.req.parseBody()
        sent = typeof body._csrf === 'string' ? body._csrf : undefined
      }
      if (!existing || !sent || !safeEqual(sent, existing)) throw new DomainError('csrf')
    }
    await next()
  }
}

const statusPhrase: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
}

function handleError(c: Context<AppEnv>, err: Error, options: HttpOptions) {
  const path = new URL(c.req.url).pathname
  if (!c.var.t) setLocale(c, localeOf(c))
  const t = c.var.t
  let status = 500
  let message = t.errors.server
  let title = 'Internal Server Error'
  let extra: Record<string, unknown> = {}
  if (err instanceof DomainError) {
    status = err.status
    message = t.errors[err.code]
    title = statusPhrase[status] ?? 'Error'
    // RFC 9457: with type about:blank the title is the status phrase; the stable code is an extension.
    extra = { code: err.code, ...err.details }
    // The usual cause of an "expired" form is a browser that never kept the token's cookie.
    if (
      err.code === 'csrf' &&
      browserSawPlainHttp({
        requestUrl: c.req.url,
        forwardedProto: c.req.header('x-forwarded-proto'),
        baseUrl: options.config.baseUrl,
      })
    )
      message = `${message} ${t.signIn.needsHttps(new URL(c.req.url).host)}`
    if (err instanceof InvalidInput) {
      const fields = fieldErrors(c.var.locale, { issues: err.issues } as never)
      extra = { ...extra, errors: Object.entries(fields).map(([p, m]) => ({ path: p, message: m })) }
    }
    if (err instanceof RateLimited) c.header('Retry-After', String(err.retryAfterSeconds))
  } else if (isDatabaseUnavailable(err)) {
    status = 503
    message = t.errors.unavailable
    title = 'Service Unavailable'
    c.header('Retry-After', '5')
    options.log.warn('database unavailable', { reqId: c.var.requestId, err })
  } else if ('getResponse' in err && typeof (err as { getResponse: unknown }).getResponse === 'function') {
    // Hono's own HTTPException (e.g. a malformed body): its status is the client's fault.
    const res = (err as unknown as { getResponse(): Response }).getResponse()
    status = res.status
    title = statusPhrase[status] ?? 'Bad Request'
    const code = status === 415 ? 'unsupportedMediaType' : /JSON/.test(err.message) ? 'badJson' : 'badRequest'
    message = t.errors[code]
    extra = { code }
  } else {
    options.log.error('unhandled error', { reqId: c.var.requestId, path, err })
  }
  if (status === 401 && isPagePath(path) && c.req.method === 'GET') {
    return c.redirect(`/${c.var.locale}/sign-in?next=${encodeURIComponent(path + new URL(c.req.url).search)}`)
  }
  if (isApiPath(path) || !isPagePath(path)) {
    return problem(c, { title, status, detail: message, ...extra, requestId: c.var.requestId })
  }
  return options.renderError(c, status, message)
}
