// Every page of the demo, in both languages, as the demo administrator reads it (which is
// every public page plus the console and the review pages): no dictionary key, no snake_case
// identifier and no word said twice in a row may reach a reader. Such slips come from a view
// that prints a raw id (`chapter_deciders`) or glues two translated pieces that both say the
// same thing ("exempted exempt until …", "SIG" + "SIG 成员"), and none of them is a type error.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { DEMO_ADMIN_EMAIL } from '../../src/demo.ts'
import { startSession } from '../../src/features/accounts/index.ts'
import { exemptChapter } from '../../src/features/chapters/chapters.service.ts'
import { people } from '../../src/platform/db/schema.ts'
import { en } from '../../src/platform/i18n/en.ts'
import { BASE_URL, demoSite } from '../support/app.ts'
import { findLeaks, visibleText } from '../support/visible-text.ts'

/** Dotted paths of every message (`errors.notFound`) and every camelCase leaf (`notFound`). */
function dictionaryKeys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => {
    const path = prefix ? `${prefix}.${k}` : k
    const here = [path, ...(/[a-z][A-Z]/.test(k) ? [k] : [])]
    return v && typeof v === 'object' ? [...here, ...dictionaryKeys(v, path)] : here
  })
}

// Pages whose text is about identifiers on purpose (the API reference documents field names),
// and addresses that are not pages.
const notPages =
  /\/(api|feed\.xml|embed|sign-out)(\/|$)|\.(xml|ics|pdf|json|mp3|m4a|vtt|srt|png|jpe?g|webp|svg)$|\/media\//

describe('visible text of every demo page (pglite)', () => {
  let cookie = ''
  const demo = demoSite('pglite', { log: process.env.DEBUG_CRAWL ? 'error' : 'silent' })
  before(async () => {
    const { deps } = demo
    const [admin] = await deps.db.select().from(people).where(eq(people.email, DEMO_ADMIN_EMAIL))
    // The demo has no exemption; the health board's wording of one is checked too.
    const until = new Date(deps.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10)
    await exemptChapter(
      deps,
      { personId: admin!.id, roles: [{ role: 'administrator', sigId: null }] },
      'shanghai',
      {
        until,
        reason: 'Venue closed for renovation',
      },
    )
    const { token } = await startSession(deps, admin!.id, 'test')
    cookie = `__Host-hearth_session=${token}`
  })

  it('shows no dictionary key, snake_case identifier or doubled word on any page, in zh and en', async () => {
    const keys = new Set(dictionaryKeys(en))
    // Every GET page without parameters is a starting point (the sitemap of routes); links
    // lead from there to each person, chapter, show, episode and application.
    const roots = [
      ...new Set(
        demo.app.routes
          .filter((r) => r.method === 'GET' && r.path.startsWith('/:lang{(?:zh|en)}'))
          .map((r) => r.path.replace('/:lang{(?:zh|en)}', ''))
          .filter((p) => !p.includes(':') && !p.includes('*')),
      ),
    ]
    const offenders: string[] = []
    let pagesRead = 0
    const readPaths: string[] = []
    for (const locale of ['zh', 'en'] as const) {
      const queue = roots.map((p) => `/${locale}${p}`)
      const seen = new Set(queue)
      while (queue.length) {
        const path = queue.shift()!
        if (notPages.test(path)) continue
        const res = await demo.app.request(`${BASE_URL}${path}`, { headers: { cookie } })
        if (process.env.DEBUG_CRAWL && res.status >= 500)
          console.log(res.status, path, (await res.clone().text()).slice(0, 3000))
        if (!(res.headers.get('content-type') ?? '').includes('text/html')) continue
        const html = await res.text()
        pagesRead++
        readPaths.push(path)
        for (const leak of findLeaks(visibleText(html), keys)) offenders.push(`${path}: ${leak}`)
        for (const [, href] of html.matchAll(/href="(\/(?:zh|en)\/[^"#?]*)/g)) {
          const next = href!.replace(/&amp;/g, '&')
          // Each page once; the reader's own language only (the other is crawled on its own).
          if (next.startsWith(`/${locale}/`) && !seen.has(next) && seen.size < 600) {
            seen.add(next)
            queue.push(next)
          }
        }
      }
    }
    if (process.env.DEBUG_CRAWL) console.log([...readPaths].join('\n'))
    assert.ok(pagesRead > 60, `${pagesRead} pages read`)
    assert.deepEqual(offenders, [], `\n${offenders.join('\n')}`)
  })
})
