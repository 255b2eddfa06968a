import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AxeResults, Result } from 'axe-core'
import { type Browser, chromium, type Page } from 'playwright-core'
import { type HearthProcess, root, startHearthProcess } from './server.ts'
import { type ReceivedMail, signInCodeIn, startSmtpSink } from './smtp.ts'

/** Debian's Chromium (apt-get install chromium); browsers are never downloaded. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

/**
 * False when Chromium is installed; otherwise the reason the browser suite is skipped,
 * announced loudly. In CI a missing browser is a failure, not a skip.
 */
export function chromiumSkipReason(): string | false {
  if (existsSync(CHROMIUM)) return false
  const why = `Chromium is not installed at ${CHROMIUM} (apt-get install chromium)`
  if (process.env.CI) throw new Error(`CI needs ${why}`)
  process.stderr.write(`\n!!! ${why}: the browser journeys are SKIPPED !!!\n\n`)
  return why
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export const resultsDir = join(root, 'test-results', 'e2e')

/** A full-page screenshot under test-results/e2e/ (gitignored); returns its path. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(resultsDir, { recursive: true })
  const path = join(resultsDir, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}

export type Site = {
  url: string
  server: HearthProcess
  /** Waits for a sign-in code mailed to `address` after the first `since` messages. */
  codeFor(address: string, since: number, timeoutMs?: number): Promise<string>
  mailCount(): number
  stop(): Promise<void>
}

/**
 * A real `hearth serve` on a fresh PGlite data directory with the demo people, delivering
 * mail over SMTP to a sink on loopback.
 */
export async function startSite(): Promise<Site> {
  const sink = await startSmtpSink()
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-e2e-'))
  let server: HearthProcess
  try {
    server = await startHearthProcess({
      DATA_DIR: dataDir,
      DEMO: '1',
      SMTP_URL: sink.url,
      LOG_LEVEL: 'warn',
      // The import journey imports the site's own feed, on loopback: allowed as an intranet would be.
      OUTGOING_ALLOW_NETWORKS: '127.0.0.1/32',
    })
  } catch (e) {
    await sink.close()
    rmSync(dataDir, { recursive: true, force: true })
    throw e
  }
  return {
    url: server.url,
    server,
    mailCount: () => sink.received.length,
    async codeFor(address, since, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        // Other mail may reach the same person meanwhile (an application to review): skip it.
        const code = sink.received
          .slice(since)
          .filter((m: ReceivedMail) => m.to.includes(address))
          .map(signInCodeIn)
          .find(Boolean)
        if (code) return code
        if (Date.now() > deadline)
          throw new Error(`no sign-in code for ${address} within ${timeoutMs} ms\n${server.output()}`)
        await new Promise((r) => setTimeout(r, 50))
      }
    },
    async stop() {
      await server.stop()
      await sink.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Signs in through the e-mail code form, as a person would, and waits for the account page. */
export async function signInWithCode(
  page: Page,
  site: Site,
  email: string,
  labels: { email: string; code: string },
  locale: 'zh' | 'en' = 'en',
) {
  await page.goto(`${site.url}/${locale}/sign-in`)
  const since = site.mailCount()
  await page.getByRole('textbox', { name: labels.email, exact: true }).fill(email)
  await page.keyboard.press('Enter')
  await page.waitForURL(`**/${locale}/sign-in/code?**`)
  const code = await site.codeFor(email, since)
  await page.getByRole('textbox', { name: labels.code, exact: true }).fill(code)
  await page.keyboard.press('Enter')
  await page.waitForURL(`**/${locale}/me`)
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/**
 * Rules axe reports only as "needs review" when it cannot be sure (e.g. repeated ids), but
 * whose findings on these server-rendered pages are always real: a second label pointing at
 * the wrong control. They count as violations here.
 */
const STRICT_REVIEW = ['duplicate-id-aria', 'form-field-multiple-labels']

/** axe-core in the page (evaluate is not subject to the CSP that forbids inline scripts). */
export async function axeViolations(page: Page, only?: string[]): Promise<Result[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  const options = only
    ? { runOnly: { type: 'rule' as const, values: only } }
    : { runOnly: { type: 'tag' as const, values: WCAG_TAGS } }
  const results = await page.evaluate(
    (opts) =>
      (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<AxeResults> } }).axe.run(
        document,
        opts,
      ),
    options,
  )
  return [...results.violations, ...results.incomplete.filter((r) => STRICT_REVIEW.includes(r.id))]
}

/** Violations as lines a person can act on: rule, impact, help, then each offending node. */
export function formatViolations(violations: Result[]) {
  return violations
    .map((v) =>
      [
        `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.helpUrl}`,
        ...v.nodes.map(
          (n) => `    ${n.target.join(' ')}\n      ${n.html.slice(0, 200)}\n      ${n.failureSummary ?? ''}`,
        ),
      ].join('\n'),
    )
    .join('\n')
}

/** Fails with every violation spelled out. */
export function assertNoViolations(violations: Result[], where: string) {
  if (violations.length)
    throw new Error(
      `${where}: ${violations.length} accessibility violation(s)\n${formatViolations(violations)}`,
    )
}
