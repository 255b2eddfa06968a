import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { z } from 'zod'
import { en } from './en.ts'
import { fieldErrors, negotiateLocale, parseIn } from './index.ts'
import { zh } from './zh.ts'

// Paths as arrays: some keys hold dots themselves (event names such as application.approved).
const pathsOf = (o: object, prefix: string[] = []): string[][] =>
  Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === 'object' ? pathsOf(v, [...prefix, k]) : [[...prefix, k]],
  )
const keysOf = (o: object) => pathsOf(o).map((p) => JSON.stringify(p))

describe('i18n', () => {
  it('picks the language from Accept-Language by quality, any Chinese region meaning zh', () => {
    assert.equal(negotiateLocale('en-US,en;q=0.9'), 'en')
    assert.equal(negotiateLocale('zh-TW,zh;q=0.9,en;q=0.8'), 'zh')
    assert.equal(negotiateLocale('fr-FR, en;q=0.5, zh;q=0.7'), 'zh')
    assert.equal(negotiateLocale('de, fr'), 'zh')
    assert.equal(negotiateLocale('de', 'en'), 'en')
    assert.equal(negotiateLocale(undefined), 'zh')
    assert.equal(negotiateLocale('en;q=0, zh;q=0.1'), 'zh')
  })

  it('has the same keys in both dictionaries and no empty text', () => {
    assert.deepEqual(keysOf(zh).sort(), keysOf(en).sort())
    for (const dict of [zh, en]) {
      for (const path of pathsOf(dict)) {
        const value = path.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], dict)
        if (typeof value === 'string') assert.ok(value.trim(), `${path.join('.')} is empty`)
      }
    }
  })

  it('translates our own validation keys and zod’s built-in messages', () => {
    const schema = z.object({ handle: z.string().regex(/^a$/, { error: 'handle' }), age: z.number() })
    const zhResult = parseIn('zh', schema, { handle: 'b', age: 'x' })
    assert.equal(zhResult.success, false)
    const zhErrors = fieldErrors('zh', zhResult.error!)
    assert.match(zhErrors.handle!, /字母、数字或连字符/)
    assert.match(zhErrors.age!, /[\u4e00-\u9fff]/, 'zod’s own message is in Chinese')
    const enErrors = fieldErrors('en', parseIn('en', schema, { handle: 'b', age: 'x' }).error!)
    assert.match(enErrors.handle!, /letters, digits or hyphens/)
    assert.match(enErrors.age!, /expected number/i)
  })
})
