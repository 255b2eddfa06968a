// npm run screenshots [-- OUT_DIR]: the main pages of a demo site, in Chinese and English, at a
// desktop (1280 px) and a phone (390 px) width, as full-page PNGs in OUT_DIR (./screenshots by
// default, gitignored), for looking at what a change did. It starts `hearth serve` with the demo
// on a temporary data directory, signs in as the demo administrator for the console and review
// pages, and removes the data directory at the end. Not part of `npm test`.
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { DEMO_ADMIN_EMAIL } from '../src/demo.ts'
import { messagesFor } from '../src/platform/i18n/index.ts'
import { launchChromium, signInWithCode, startSite } from '../test/support/chromium.ts'

const out = resolve(process.argv[2] ?? 'screenshots')
const widths = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const

/** Name of the file, path under /{lang}, and whether the administrator's session is needed. */
const pages: { name: string; path: string | ((page: Page) => Promise<string>); signedIn?: boolean }[] = [
  { name: 'home', path: '' },
  { name: 'people', path: '/people' },
  { name: 'person', path: '/people/yin-min' },
  { name: 'chapters', path: '/chapters' },
  { name: 'chapter', path: '/chapters/hangzhou' },
  { name: 'podcast', path: '/podcast' },
  { name: 'show', path: '/podcast/kubesphere-talk' },
  { name: 'episode', path: '/podcast/kubesphere-talk/ep-1-yin-min' },
  { name: 'applications', path: '/applications', signedIn: true },
  { name: 'console', path: '/console', signedIn: true },
  // The first application in the review queue: its review page.
  { name: 'review', path: reviewPath, signedIn: true },
]

async function reviewPath(page: Page) {
  await page.goto('/en/applications')
  const href = await page
    .locator('main a[href^="/en/applications/0"]')
    .first()
    .getAttribute('href', { timeout: 5_000 })
  if (!href) throw new Error('no application to review on the demo')
  return href.replace(/^\/en/, '')
}

async function shoot(browser: Browser, baseURL: string, signIn: (page: Page) => Promise<void>) {
  const written: string[] = []
  for (const size of widths) {
    const context = await browser.newContext({
      baseURL,
      viewport: { width: size.width, height: size.height },
    })
    const visitor = await context.newPage()
    const adminContext = await browser.newContext({
      baseURL,
      viewport: { width: size.width, height: size.height },
    })
    const admin = await adminContext.newPage()
    await signIn(admin)
    for (const p of pages) {
      const page = p.signedIn ? admin : visitor
      const path = typeof p.path === 'string' ? p.path : await p.path(page)
      for (const locale of ['zh', 'en'] as const) {
        await page.goto(`/${locale}${path}`)
        const file = `${out}/${p.name}-${locale}-${size.name}.png`
        await page.screenshot({ path: file, fullPage: true })
        written.push(file)
      }
    }
    await context.close()
    await adminContext.close()
  }
  return written
}

mkdirSync(out, { recursive: true })
const site = await startSite()
let browser: Browser | undefined
try {
  browser = await launchChromium()
  const en = messagesFor('en')
  const written = await shoot(browser, site.url, (page) =>
    signInWithCode(page, site, DEMO_ADMIN_EMAIL, { email: en.signIn.email, code: en.signIn.code }),
  )
  console.log(`${written.length} screenshots in ${out}`)
} finally {
  await browser?.close()
  await site.stop()
}
