import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { z } from 'zod'
import { DomainError } from '../errors.ts'
import type { AppEnv } from '../http/context.ts'
import { findControlCharacter } from '../http/edge-input.ts'
import { fieldErrors, parseIn } from '../i18n/index.ts'
import { Layout, type OpenGraph } from './layout.tsx'

export type PageOptions = {
  title: string
  description?: string
  status?: number
  /** See LayoutProps: `head` replaces the default link-preview tags, `alternates` does not. */
  head?: Child
  alternates?: Child
  /** The page's link preview (see OpenGraph in layout.tsx); `canonical` when it is another page. */
  og?: OpenGraph
  canonical?: string
  /** The page's versions in other languages when they are not the same path under /zh and /en. */
  languages?: { hreflang: string; href: string }[]
}

/**
 * The page in the layout. A body holding an async component (one that reads the database while
 * it renders, such as the event page's registration panel) is awaited before the answer is sent.
 */
export function render(c: Context<AppEnv>, options: PageOptions, body: Child) {
  const page = (
    <Layout
      c={c}
      title={options.title}
      description={options.description}
      head={options.head}
      alternates={options.alternates}
      og={options.og}
      canonical={options.canonical}
      languages={options.languages}
    >
      {body}
    </Layout>
  ) as unknown as { toString(): string | Promise<string> }
  const html = page.toString()
  c.header('Cache-Control', c.var.viewer ? 'private, no-store' : 'no-cache')
  const status = (options.status ?? 200) as 200
  return typeof html === 'string'
    ? c.html(`<!doctype html>${html}`, status)
    : c.html(
        html.then((h) => `<!doctype html>${h}`),
        status,
      )
}

/** Form fields as strings (multi-valued fields keep their last value). */
export async function formFields(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody()
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf') continue
    if (typeof value === 'string') out[key] = value
  }
  // A browser cannot type a control character into a form; PostgreSQL cannot store NUL.
  if (findControlCharacter(out)) throw new DomainError('controlCharacters')
  return out
}

export type FormResult<T> =
  | { ok: true; data: T; values: Record<string, string> }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> }

/** Parses a submitted form with the feature's zod schema, translating errors for the reader. */
export async function readForm<S extends z.ZodType>(
  c: Context<AppEnv>,
  schema: S,
): Promise<FormResult<z.output<S>>> {
  const values = await formFields(c)
  const parsed = parseIn(c.var.locale, schema, values)
  if (parsed.success) return { ok: true, data: parsed.data, values }
  return { ok: false, errors: fieldErrors(c.var.locale, parsed.error), values }
}

/** Post/redirect/get: the flash message travels in the query string, translated on the next page. */
export const redirectWithNotice = (c: Context<AppEnv>, path: string, notice: string) =>
  c.redirect(`${path}${path.includes('?') ? '&' : '?'}notice=${encodeURIComponent(notice)}`, 303)
