// Lighthouse (pinned in package.json) against Debian's Chromium, never a downloaded browser: the
// home page, an episode, a chapter, the events list and an article when the demo has one, in both
// languages, with Lighthouse's mobile settings (a mid-range phone on a throttled network,
// simulated). Prints each page's four scores and, for every score under 100, the audits that cost
// it. Not a test: no pass/fail exit code; the goal is 100 for accessibility, best practices and SEO
// and at least 95 for performance.
//
//   node --import ./src/platform/runtime/register.ts bench/lighthouse.ts [--only /zh] [--json DIR]
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import lighthouse from 'lighthouse'
import { createApp } from '../src/app.ts'
import { loadDemo } from '../src/demo.ts'
import { serveApp } from '../src/server.ts'
import { testDeps } from '../test/support/app.ts'
import { freshDatabase } from '../test/support/db.ts'
import { freePort } from '../test/support/server.ts'
import { table } from './lib.ts'

const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium'
const LIGHTHOUSE_VERSION = createRequire(import.meta.url)('lighthouse/package.json').version as string
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const

const { values: args } = parseArgs({
  options: { only: { type: 'string' }, json: { type: 'string' } },
})

/** Chromium with its DevTools port open, for Lighthouse to drive; its port once it listens. */
async function launchChromium(profile: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    CHROME,
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  const port = await new Promise<number>((resolve, reject) => {
    let err = ''
    const timer = setTimeout(() => reject(new Error(`Chromium did not open DevTools:\n${err}`)), 20_000)
    child.stderr!.on('data', (d) => {
      err += d
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err)
      if (m) {
        clearTimeout(timer)
        resolve(Number(m[1]))
      }
    })
    child.once('exit', (code) => reject(new Error(`Chromium exited with ${code}:\n${err}`)))
  })
  return { child, port }
}

/**
 * The demo community behind the production HTTP server (compression, the page cache), on an
 * in-memory PGlite, with BASE_URL its own address so canonical links point to the pages measured.
 */
async function demoSite() {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const database = await freshDatabase('pglite')
  const deps = testDeps(database, { env: { BASE_URL: url } })
  if (!(await loadDemo(deps))) throw new Error('the demo did not load')
  const server = serveApp(createApp(deps), port, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  return {
    url,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await database.dispose()
    },
  }
}

const dir = mkdtempSync(join(tmpdir(), 'hearth-lighthouse-'))
const site = await demoSite()
const chromium = await launchChromium(join(dir, 'profile'))
try {
  // An article of the demo, when articles exist: the first card its list shows.
  const articles = await fetch(`${site.url}/en/articles`)
  const article = articles.ok
    ? /class="card-title"[^>]*><a href="\/en(\/articles\/[^"?#]+)"/.exec(await articles.text())?.[1]
    : undefined
  const paths = [
    '',
    '/podcast/kubesphere-talk/ep-1-yin-min',
    '/chapters/shanghai',
    '/events',
    ...(article ? [article] : []),
  ]
  const pages = paths.flatMap((p) => [`/zh${p}`, `/en${p}`]).filter((p) => !args.only || p === args.only)
  const rows: string[][] = [['page', ...CATEGORIES]]
  const costs: string[] = []
  if (args.json) mkdirSync(args.json, { recursive: true })
  for (const page of pages) {
    // A visitor finds the page warm (rendered once, kept by the page cache): so does Lighthouse.
    await (await fetch(`${site.url}${page}`)).arrayBuffer()
    const result = await lighthouse(`${site.url}${page}`, {
      port: chromium.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
    })
    if (!result) throw new Error(`Lighthouse gave no result for ${page}`)
    const { lhr } = result
    if (lhr.runtimeError)
      costs.push(`${page}: Lighthouse failed: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`)
    if (args.json)
      writeFileSync(join(args.json, `${page.slice(1).replace(/\//g, '_')}.json`), JSON.stringify(lhr))
    rows.push([page, ...CATEGORIES.map((c) => String(Math.round((lhr.categories[c]?.score ?? 0) * 100)))])
    for (const c of CATEGORIES) {
      const category = lhr.categories[c]
      if (!category || category.score === 1) continue
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id]
        if (!audit || ref.weight === 0 || audit.score === null || audit.score === 1) continue
        const shown = audit.displayValue ? ` (${audit.displayValue})` : ''
        costs.push(`${page} ${c}: ${audit.id} ${Math.round(audit.score * 100)}${shown} — ${audit.title}`)
      }
    }
    process.stdout.write(`${rows.at(-1)!.join('  ')}\n`)
  }
  console.log(`\nLighthouse ${LIGHTHOUSE_VERSION} on ${CHROME}, mobile settings (simulated throttling)\n`)
  console.log(table(rows))
  if (costs.length) console.log(`\nWhat costs points:\n${costs.join('\n')}`)
} finally {
  chromium.child.kill()
  await site.stop()
  rmSync(dir, { recursive: true, force: true })
}
