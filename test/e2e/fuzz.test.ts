import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { BASE_URL, makePerson, makeTestApp, type TestClient } from '../support/app.ts'
import { testBackends } from '../support/db.ts'

/**
 * Every route, API and page, with hostile input from three viewers: nothing a visitor sends may
 * answer 5xx (a 500 is always a bug). Routes are read from the app itself (its route list and its
 * OpenAPI document), so a route added later is fuzzed without anyone remembering to.
 */

/** Path values that broke routes before: NUL (PostgreSQL refuses it), non-UUIDs of UUID length, … */
const hostileSegments = [
  '%00',
  'a%00b',
  '-'.repeat(36),
  'x'.repeat(36),
  '..',
  '%2e%2e',
  '%E0%A4%A',
  '%E6%9D%8E%F0%9F%98%80%E2%80%AE',
  'y'.repeat(1500),
  '%0A',
]
/** Query values besides NUL: numbers out of range, odd unicode, long text. */
const hostileQueryValues = [
  '%00',
  '-1',
  '1e400',
  '99999999999999999999',
  '%F0%9F%98%80',
  'z'.repeat(3000),
  '..',
]
/** Query names pages read (the API's come from its document). */
const pageQueryNames = [
  'q',
  'page',
  'next',
  'notice',
  'subject',
  'email',
  'code',
  'state',
  'error',
  'lang',
  't',
  'v',
  'episode',
  'period',
  'kind',
]
/** Form fields pages read; a form that lacks them answers 4xx, one that reads them must not break. */
const formNames = [
  'handle',
  'nameZh',
  'nameEn',
  'name',
  'title',
  'slug',
  'email',
  'code',
  'city',
  'bioZh',
  'bioEn',
  'links',
  'url',
  'link',
  'note',
  'reason',
  'body',
  'description',
  'date',
  'role',
  'sigId',
  'id',
  'next',
]

const realUuid = '01900000-0000-7000-8000-000000000000'

type Found = { method: string; path: string; viewer: string; status: number }

/** Fills `:name` and `:name{pattern}` parameters; `lang` is always a language. */
function fill(path: string, values: (name: string) => string) {
  return path.replace(/:(\w+)(\{(?:[^{}]|\{[^{}]*\})*\})?/g, (_, name: string) =>
    name === 'lang' ? 'en' : values(name),
  )
}
const paramNames = (path: string) =>
  [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!).filter((n) => n !== 'lang')

type Schema = {
  $ref?: string
  type?: string | string[]
  properties?: Record<string, Schema>
  items?: Schema
  enum?: unknown[]
  anyOf?: Schema[]
  oneOf?: Schema[]
  allOf?: Schema[]
  format?: string
}

/** A JSON body shaped like the schema with every string carrying `text`. */
function bodyFor(
  schema: Schema | undefined,
  resolve: (ref: string) => Schema,
  text: string,
  depth = 0,
): unknown {
  if (!schema || depth > 6) return text
  if (schema.$ref) return bodyFor(resolve(schema.$ref), resolve, text, depth + 1)
  const alternatives = schema.anyOf ?? schema.oneOf ?? schema.allOf
  if (alternatives?.length)
    return bodyFor(
      alternatives.find((s) => s.type !== 'null'),
      resolve,
      text,
      depth + 1,
    )
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type
  if (schema.enum) return typeof schema.enum[0] === 'string' ? `${schema.enum[0]}${text}` : schema.enum[0]
  if (type === 'object' || schema.properties)
    return Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([k, s]) => [k, bodyFor(s, resolve, text, depth + 1)]),
    )
  if (type === 'array') return [bodyFor(schema.items, resolve, text, depth + 1)]
  if (type === 'integer' || type === 'number') return 1
  if (type === 'boolean') return true
  return schema.format === 'uuid' ? realUuid : `x${text}`
}

for (const backend of await testBackends()) {
  describe(`no route answers 5xx to hostile input [${backend}]`, async () => {
    const t = await makeTestApp(backend)
    const member = await makePerson(t.deps)
    const anonymous = t.client()
    const viewers: [string, TestClient][] = [
      ['anonymous', anonymous],
      ['member', await t.clientAs(member.id)],
      ['administrator', await t.clientAs(t.superuser.id)],
    ]
    for (const [, client] of viewers) await client.get('/en/sign-in')
    // A show, so that episode and booking routes get past the show to their own parameter.
    await viewers[2]![1].postForm('/en/console/podcast', {
      titleEn: 'Fuzz show',
      slug: 'fuzz-show',
      descriptionEn: 'Hostile input, politely refused.',
    })
    const real: Record<string, string> = { show: 'fuzz-show', handle: member.handle }
    const realValue = (name: string) =>
      real[name] ?? (/id$|^id|episode|booking|delivery/i.test(name) ? realUuid : 'x')

    const doc = (await (await anonymous.get('/api/v1/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { name: string; in: string }[]
            requestBody?: { content?: Record<string, { schema?: Schema }> }
          }
        >
      >
      components?: { schemas?: Record<string, Schema> }
    }
    const resolve = (ref: string) => doc.components?.schemas?.[ref.split('/').at(-1)!] ?? {}
    const apiRoutes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        path: `/api/v1${path.replace(/\{(\w+)\}/g, ':$1')}`,
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        body: op.requestBody?.content?.['application/json']?.schema,
      })),
    )
    const pageRoutes = [
      ...new Map(
        t.app.routes
          .filter((r) => r.method !== 'ALL' && r.method !== 'HEAD' && !r.path.startsWith('/api/'))
          .filter((r) => !/sign-out/.test(r.path))
          .map((r) => [`${r.method} ${r.path}`, { method: r.method, path: r.path }]),
      ).values(),
    ]

    const failures: Found[] = []
    const send = async (
      viewer: string,
      client: TestClient,
      method: string,
      path: string,
      init: RequestInit = {},
    ) => {
      const headers = new Headers(init.headers)
      const csrf = client.cookies.get('__Host-hearth_csrf')
      if (method !== 'GET' && csrf) headers.set('x-csrf-token', csrf)
      headers.set('origin', BASE_URL)
      const res = await client.request(path, { ...init, method, headers })
      await res.arrayBuffer()
      if (res.status >= 500) failures.push({ method, path: path.slice(0, 160), viewer, status: res.status })
    }
    const report = () => failures.map((f) => `${f.method} ${f.path} as ${f.viewer} → ${f.status}`).join('\n')

    it('finds the routes it walks', () => {
      assert.ok(apiRoutes.length >= 20, `only ${apiRoutes.length} API routes in the document`)
      assert.ok(pageRoutes.length >= 60, `only ${pageRoutes.length} page routes`)
    })

    it('path parameters: NUL, non-UUIDs, dot segments, bad escapes, long and odd unicode', async () => {
      failures.length = 0
      for (const route of [...apiRoutes, ...pageRoutes]) {
        for (const name of paramNames(route.path))
          for (const value of hostileSegments) {
            const path = fill(route.path, (n) => (n === name ? value : realValue(n)))
            // Every value as the administrator, who reaches every page; the first reported ones
            // from everyone (a page may load its record before it asks who is looking).
            for (const [viewer, client] of value === '%00' || value.length === 36
              ? viewers
              : viewers.slice(2))
              await send(viewer, client, route.method, path, route.method === 'GET' ? {} : { body: '' })
          }
      }
      // And the media route by hand, as first reported: 36 characters that fit it but are no UUID.
      await send('anonymous', anonymous, 'GET', `/media/${'-'.repeat(36)}/x`)
      assert.equal(failures.length, 0, report())
    })

    it('query strings: NUL and out-of-range values in every parameter the route reads', async () => {
      failures.length = 0
      const routes = [
        ...apiRoutes.filter((r) => r.method === 'GET'),
        ...pageRoutes.filter((r) => r.method === 'GET').map((r) => ({ ...r, query: pageQueryNames })),
      ]
      for (const route of routes) {
        const path = fill(route.path, realValue)
        // One parameter at a time, so a value refused in one does not shield another, as the
        // administrator (who reaches every page); then all at once from every viewer.
        for (const name of route.query)
          for (const value of ['%00', '1e400'])
            await send('administrator', viewers[2]![1], 'GET', `${path}?${name}=${value}`)
        if (!route.query.length) continue
        for (const value of hostileQueryValues) {
          const query = route.query.map((n) => `${n}=${value}`).join('&')
          for (const [viewer, client] of viewers) await send(viewer, client, 'GET', `${path}?${query}`)
        }
      }
      assert.equal(failures.length, 0, report())
    })

    it('JSON bodies: \\u0000 in every string, malformed JSON and the wrong media type', async () => {
      failures.length = 0
      for (const route of apiRoutes.filter((r) => r.method !== 'GET')) {
        const path = fill(route.path, realValue)
        const bodies = [
          {
            'content-type': 'application/json',
            body: JSON.stringify(bodyFor(route.body, resolve, '\u0000')),
          },
          {
            'content-type': 'application/json',
            body: JSON.stringify(bodyFor(route.body, resolve, '\u202e')),
          },
          { 'content-type': 'application/json', body: '{"unterminated' },
          { 'content-type': 'text/plain', body: 'plain' },
        ]
        for (const { body, ...headers } of bodies)
          for (const [viewer, client] of viewers)
            await send(viewer, client, route.method, path, { body, headers })
      }
      assert.equal(failures.length, 0, report())
    })

    it('form bodies: NUL and hostile text in the fields pages read', async () => {
      failures.length = 0
      for (const route of pageRoutes.filter((r) => r.method === 'POST')) {
        const path = fill(route.path, realValue)
        for (const value of ['\u0000', '\u202e\u0000x', 'z'.repeat(3000), '..']) {
          for (const [viewer, client] of viewers) {
            const form = new URLSearchParams(formNames.map((n) => [n, value]))
            form.set('_csrf', client.cookies.get('__Host-hearth_csrf') ?? '')
            await send(viewer, client, 'POST', path, {
              body: form,
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
            })
          }
        }
      }
      assert.equal(failures.length, 0, report())
    })
  })
}
