import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export type Problem = {
  type?: string
  title: string
  status: number
  detail?: string
  instance?: string
  errors?: { path: string; message: string }[]
  [extra: string]: unknown
}

/** RFC 9457 problem details. */
export function problem(c: Context, p: Problem) {
  return c.body(JSON.stringify({ type: 'about:blank', ...p }), p.status as ContentfulStatusCode, {
    'Content-Type': 'application/problem+json',
  })
}
