// The home page in a browser: with the demo community (alive, one primary action) and on an empty
// instance (a visitor's empty state, an administrator's first-run checklist), in both languages,
// checked with axe (WCAG 2.2 AA, light and dark) and photographed on a desktop and a phone.
import assert from 'node:assert/strict'
import { copyFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { createApp } from '../../src/app.ts'
import { loadDemo } from '../../src/demo.ts'
import { startSession } from '../../src/features/accounts/index.ts'
import { roleGrants } from '../../src/platform/db/schema.ts'
import { messagesFor } from '../../src/platform/i18n/index.ts'
import { serveApp } from '../../src/server.ts'
import { makePerson, testDeps } from '../support/app.ts'
import {
  assertNoViolations,
  axeViolations,
  chromiumSkipReason,
  launchChromium,
  screenshot,
} from '../support/chromium.ts'
import { freshDatabase } from '../support/db.ts'

type Served = { url: string; adminToken: string; stop: () => Promise<void> }

/** A site on a fresh PGlite database (the demo content or nothing) behind the real HTTP server. */
async function serve(demo: boolean): Promise<Served> {
  const database = await freshDatabase('pglite')
  const deps = testDeps(database)
  if (demo) assert.equal(await loadDemo(deps), true)
  const admin = await makePerson(deps, { handle: `home-admin-${demo ? 'demo' : 'empty'}` })
  await deps.db.insert(roleGrants).values({ personId: admin.id, role: 'administrator' })
  const server = serveApp(createApp(deps, { pageCacheCheckMs: 0 }), 0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const { token } = await startSession(deps, admin.id, 'test')
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    adminToken: token,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await database.dispose()
    },
  }
}

const widths = { desktop: 1280, phone: 390 } as const

async function look(browser: Browser, site: Served, path: string, name: string, asAdmin = false) {
  let text = ''
  for (const [device, width] of Object.entries(widths)) {
    const context = await browser.newContext({ viewport: { width, height: 900 } })
    // The session as a header: a __Host- cookie cannot be planted over plain http.
    if (asAdmin) await context.setExtraHTTPHeaders({ cookie: `__Host-hearth_session=${site.adminToken}` })
    const page: Page = await context.newPage()
    const res = await page.goto(`${site.url}${path}`)
    assert.equal(res?.status(), 200)
    if (device === 'desktop') {
      await page.emulateMedia({ colorScheme: 'light' })
      assertNoViolations(await axeViolations(page), `${name} (light)`)
      await page.emulateMedia({ colorScheme: 'dark' })
      assertNoViolations(await axeViolations(page, ['color-contrast']), `${name} (dark)`)
      await page.emulateMedia({ colorScheme: 'light' })
    }
    const shot = await screenshot(page, `home-${name}-${device}`)
    if (process.env.HOME_SHOTS) copyFileSync(shot, `${process.env.HOME_SHOTS}/home-${name}-${device}.png`)
    if (device === 'desktop') text = await page.locator('main').innerText()
    await context.close()
  }
  return text
}

describe('home page in a browser', { skip: chromiumSkipReason() }, () => {
  let browser: Browser
  let demo: Served
  let empty: Served
  before(async () => {
    ;[browser, demo, empty] = await Promise.all([launchChromium(), serve(true), serve(false)])
  })
  after(async () => {
    await browser?.close()
    await demo?.stop()
    await empty?.stop()
  })

  for (const locale of ['zh', 'en'] as const) {
    const t = messagesFor(locale)
    it(`shows the demo community alive in ${locale}`, async () => {
      const text = await look(browser, demo, `/${locale}`, `demo-${locale}`)
      for (const heading of [t.siteHome.nextEvents, t.siteHome.latestEpisode, t.siteHome.chapters])
        assert.match(text, new RegExp(heading))
    })

    it(`shows a visitor of an empty instance what will be there, in ${locale}`, async () => {
      const text = await look(browser, empty, `/${locale}`, `empty-${locale}`)
      assert.match(text, new RegExp(t.siteHome.emptyTitle))
    })

    it(`shows the administrator of an empty instance the first-run checklist, in ${locale}`, async () => {
      const text = await look(browser, empty, `/${locale}`, `empty-admin-${locale}`, true)
      assert.match(text, new RegExp(t.community.checklist.title))
    })
  }
})
