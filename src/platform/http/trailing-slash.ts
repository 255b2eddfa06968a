import type { MiddlewareHandler } from 'hono'

/**
 * Where a GET for a path ending in `/` goes instead: the same path without the slash(es), query
 * kept; null when there is nothing to strip (or it is `/` itself). No page has a trailing slash,
 * but people type and paste them (`/zh/`). The target is always a path on this site: leading
 * slashes (and backslashes, which browsers read as slashes) collapse to one, so `//evil.example/`
 * goes to `/evil.example`, never to another host.
 */
export function slashlessTarget(path: string, search: string): string | null {
  if (path === '/' || !path.endsWith('/')) return null
  const stripped = path.replace(/\/+$/, '').replace(/^[/\\]+/, '')
  return `/${stripped}${search}`
}

/** 308s a page address with a trailing slash to the one without (the API keeps its exact paths). */
export function withoutTrailingSlash(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next()
    const url = new URL(c.req.url)
    if (url.pathname.startsWith('/api/')) return next()
    const target = slashlessTarget(url.pathname, url.search)
    if (target === null) return next()
    return c.redirect(target, 308)
  }
}
