import assert from 'node:assert/strict'
import { globSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, it } from 'node:test'
import { z } from 'zod'
import { applicationTypes } from '../../features/applications/applications.types.ts'
import { fieldErrors, parseIn } from '../i18n/index.ts'
import { httpUrl, isHttpUrlSchema, safeHref } from './url.ts'

const hostile = [
  'javascript:alert(1)',
  ' JAVASCRIPT:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'ftp://example.org/x',
  '//example.org/x',
  '/zh/chapters',
]

describe('web addresses people give', () => {
  it('takes http and https addresses and refuses every other scheme with a translated error', () => {
    for (const ok of ['https://example.org/a?b=c#d', 'http://example.org', 'HTTPS://Example.org/']) {
      assert.equal(httpUrl().safeParse(ok).success, true, ok)
    }
    for (const bad of hostile) {
      const result = parseIn('zh', z.object({ link: httpUrl() }), { link: bad })
      assert.equal(result.success, false, bad)
      assert.deepEqual(fieldErrors('zh', result.error!), {
        link: '请输入以 https:// 或 http:// 开头的完整网址。',
      })
    }
    const long = parseIn('en', z.object({ link: httpUrl(30) }), {
      link: `https://example.org/${'a'.repeat(20)}`,
    })
    assert.equal(long.success, false)
  })

  it('gives an href only for http(s) addresses, whatever was stored', () => {
    assert.equal(safeHref('https://example.org/x'), 'https://example.org/x')
    for (const bad of [...hostile, '', null, undefined]) assert.equal(safeHref(bad), undefined, String(bad))
  })
})

/** Every string schema inside `schema` that checks for a URL, with where it was found. */
function urlSchemas(
  schema: unknown,
  path: string,
  seen = new Set<unknown>(),
): { path: string; schema: object }[] {
  if (typeof schema !== 'object' || schema === null || !('_zod' in schema) || seen.has(schema)) return []
  seen.add(schema)
  const def = (schema as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def
  const walk = (child: unknown, at: string) => urlSchemas(child, at, seen)
  switch (def.type) {
    case 'string': {
      const checks = (def.checks ?? []) as { _zod: { def: { format?: string } } }[]
      const isUrl = def.format === 'url' || checks.some((c) => c._zod.def.format === 'url')
      return isUrl ? [{ path, schema }] : []
    }
    case 'object':
      return [
        ...Object.entries(def.shape as Record<string, unknown>).flatMap(([k, v]) => walk(v, `${path}.${k}`)),
        ...walk(def.catchall, `${path}.*`),
      ]
    case 'array':
      return walk(def.element, `${path}[]`)
    case 'set':
      return walk(def.valueType, `${path}[]`)
    case 'record':
    case 'map':
      return [...walk(def.keyType, `${path}{key}`), ...walk(def.valueType, `${path}{}`)]
    case 'tuple':
      return [
        ...(def.items as unknown[]).flatMap((s, i) => walk(s, `${path}[${i}]`)),
        ...walk(def.rest, `${path}[…]`),
      ]
    case 'union':
      return (def.options as unknown[]).flatMap((s, i) => walk(s, `${path}|${i}`))
    case 'intersection':
      return [...walk(def.left, path), ...walk(def.right, path)]
    case 'pipe':
      return [...walk(def.in, path), ...walk(def.out, path)]
    case 'lazy':
      return walk((def.getter as () => unknown)(), path)
    default:
      // optional, nullable, default, prefault, catch, readonly, nonoptional, promise …
      return 'innerType' in def ? walk(def.innerType, path) : []
  }
}

const root = join(import.meta.dirname, '../../..')

/** Every zod schema that takes input: each feature's *.inputs.ts exports, and every application form. */
async function inputSchemas() {
  const found: { name: string; schema: unknown }[] = []
  for (const file of globSync('src/features/*/*.{inputs,applications}.ts', { cwd: root }).sort()) {
    const mod = (await import(join(root, file))) as Record<string, unknown>
    for (const [name, value] of Object.entries(mod)) {
      // Schemas that depend on the day are made by a function of dates.
      const schema = typeof value === 'function' ? tryCall(value as (...days: string[]) => unknown) : value
      found.push({ name: `${relative('src/features', file)}:${name}`, schema })
    }
  }
  for (const type of applicationTypes()) found.push({ name: `application ${type.key}`, schema: type.form })
  return found
}

function tryCall(f: (...days: string[]) => unknown) {
  try {
    return f('2026-01-01', '2027-12-31')
  } catch {
    return undefined
  }
}

describe('every URL field of every input', () => {
  it('finds URL fields however deep they are (the walker cannot miss them)', () => {
    const planted = z.object({
      a: z.string().url(),
      b: z.array(z.object({ c: z.url().optional() })),
      d: z.preprocess((v) => v, z.union([z.number(), z.url().nullable()])),
      e: httpUrl().default('https://example.org'),
    })
    const found = urlSchemas(planted, 'planted')
    assert.deepEqual(
      found.map((f) => [f.path, isHttpUrlSchema(f.schema)]),
      [
        ['planted.a', false],
        ['planted.b[].c', false],
        ['planted.d|1', false],
        ['planted.e', true],
      ],
    )
  })

  it('uses the one http(s) address type for each of them', async () => {
    const fields = (await inputSchemas()).flatMap(({ name, schema }) => urlSchemas(schema, name))
    const distinct = new Map(fields.map((f) => [f.schema, f.path]))
    // Links (profiles and chapters), avatar, event link, video, feed to import, webhook.
    assert.ok(
      distinct.size >= 6,
      `only ${distinct.size} URL fields found: ${[...distinct.values()].join(', ')}`,
    )
    assert.deepEqual(
      fields.filter((f) => !isHttpUrlSchema(f.schema)).map((f) => f.path),
      [],
      'URL fields that accept any scheme (use httpUrl from platform/http/url.ts)',
    )
  })
})
