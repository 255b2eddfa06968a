import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { describe, it } from 'node:test'
import { makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { messagesFor } from '../../platform/i18n/index.ts'
import { chapterRules } from './chapters.rulebook.ts'

const root = new URL('../../../', import.meta.url)

describe('the chapter rules table', () => {
  it('lists the seed’s 17 rules once each, worded in both languages', () => {
    assert.equal(chapterRules.length, 17)
    assert.equal(new Set(chapterRules.map((r) => r.id)).size, 17)
    for (const locale of ['zh', 'en'] as const) {
      const texts = messagesFor(locale).chapters.rulebook.rules
      assert.deepEqual(Object.keys(texts).sort(), chapterRules.map((r) => r.id).sort(), locale)
    }
  })

  it('names only code that exists where it says: a renamed or removed rule function fails here', async () => {
    for (const rule of chapterRules)
      for (const where of rule.where) {
        const source = await readFile(new URL(where.file, root), 'utf8')
        for (const name of where.names)
          assert.ok(source.includes(name), `${rule.id}: ${name} in ${where.file}`)
      }
  })

  it('is the same in docs/chapter-rules.md, row by row with its status', async () => {
    const doc = await readFile(new URL('docs/chapter-rules.md', root), 'utf8')
    const rows = doc.split('\n').filter((l) => /^\| \d+ \|/.test(l))
    const en = messagesFor('en').chapters.rulebook
    assert.equal(rows.length, chapterRules.length)
    chapterRules.forEach((rule, i) => {
      const row = rows[i]!
      assert.ok(row.startsWith(`| ${i + 1} | ${en.rules[rule.id]} |`), `row ${i + 1} is ${rule.id}`)
      for (const w of rule.where)
        for (const n of w.names) assert.ok(row.includes(`\`${n}\``), `${rule.id}: ${n}`)
      assert.ok(row.endsWith(`| ${en.statuses[rule.status]!.toLowerCase()} |`), `${rule.id} status`)
    })
  })
})

const [backend] = await testBackends()
describe(`the "how chapters work" page [${backend}]`, async () => {
  const t = await makeTestApp(backend!)

  it('shows every rule with where it is enforced, in Chinese and English, linked from the chapters page', async () => {
    for (const locale of ['zh', 'en'] as const) {
      const tr = messagesFor(locale).chapters.rulebook
      const page = await (await t.client().get(`/${locale}/chapters/rules`)).text()
      assert.match(page, new RegExp(`<h1>${tr.title}</h1>`))
      for (const rule of chapterRules) {
        assert.ok(page.includes(tr.rules[rule.id]!), `${locale}: ${rule.id}`)
        assert.ok(page.includes(rule.where[0]!.names[0]!), `${locale}: where ${rule.id}`)
      }
      const list = await (await t.client().get(`/${locale}/chapters`)).text()
      assert.ok(list.includes(`<a href="/${locale}/chapters/rules">${tr.link}</a>`))
    }
  })
})
