// The home page and an article page against nginx (issue 17): `hearth serve` with the demo
// (DEMO=1), anonymous readers, each page served from the page cache, against nginx serving the
// same bytes with the same static headers in the same run: ≥ 30 % of nginx's rate.
//   npm run bench:pages -- [--duration 10] [--connections 50] [--backends pglite,postgres]
//                          [--log-level warn] [--keep]
import { rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { postgresAdminUrl } from '../test/support/db.ts'
import { freePort, node } from '../test/support/server.ts'
import {
  type Fetched,
  fmtInt,
  get,
  nginxBinary,
  processes,
  rate,
  sameHeaders,
  say,
  serveEnv,
  sleep,
  startNginx,
  stop,
  table,
  temporaryPostgres,
  verdict,
  waitFor,
  workDir,
} from './lib.ts'

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    backends: { type: 'string' },
    'log-level': { type: 'string', default: 'warn' },
    keep: { type: 'boolean', default: false },
  },
})
const DURATION = Number(args.duration)
const CONNECTIONS = Number(args.connections)
const RATIO_TARGET = 0.3

const work = workDir('hearth-pages-bench-')
const { launch, endAll } = processes()
/** A first start on a busy machine compiles Hearth's modules (no compile cache yet): minutes. */
const SERVER_START_TRIES = 9000

type Page = { label: string; path: string; fetched: Fetched; kept: boolean }

/** PostgreSQL counts only when one answers; the embedded database always runs. */
async function postgresAnswers() {
  const c = new pg.Client({ connectionString: postgresAdminUrl(), connectionTimeoutMillis: 2000 })
  try {
    await c.connect()
    await c.query('select 1')
    return true
  } catch {
    return false
  } finally {
    await c.end().catch(() => {})
  }
}

/** nginx serving each page's bytes at its path with its type and Hearth's static response headers. */
const startBaseline = (binary: string, pages: Page[]) =>
  startNginx({
    launch,
    binary,
    work,
    probe: pages[0]!.path,
    serve: (www) =>
      pages
        .map((page, i) => {
          writeFileSync(join(www, `page-${i}`), page.fetched.body, { mode: 0o644 })
          return `location = ${page.path} { try_files /page-${i} =404; charset off;
      default_type '${page.fetched.headers['content-type']}';
      ${page.fetched.headers.vary ? `add_header vary '${page.fetched.headers.vary}';` : ''}
      ${sameHeaders(page.fetched.headers, "'")}
    }`
        })
        .join('\n    '),
  })

/** The first article the list in `lang` links to (feeds and tag pages aside). */
async function firstArticle(base: string, lang: 'en' | 'zh') {
  const list = await get(`${base}/${lang}/articles`)
  if (list.status !== 200) throw new Error(`/${lang}/articles answered ${list.status}`)
  const re = new RegExp(`href="(/${lang}/articles/[a-z0-9][a-z0-9-]*)"`, 'g')
  for (const [, path] of list.body.toString('utf8').matchAll(re))
    if (!/\/(tags?|feed|rss|atom)\b/.test(path!)) return path!
  throw new Error(`/${lang}/articles links no article`)
}

const measure = (url: string, pid: number) => rate(url, CONNECTIONS, DURATION, pid)
type Figures = Awaited<ReturnType<typeof measure>>

async function runBackend(backend: 'pglite' | 'postgres', nginx: string) {
  const dataDir = join(work, `data-${backend}`)
  const database = backend === 'postgres' ? await temporaryPostgres('pages') : undefined
  try {
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    say(`${backend}: hearth serve with the demo`)
    const server = launch(
      node,
      ['bin/hearth.js', 'serve'],
      {
        ...serveEnv({ port, url: base, dataDir, databaseUrl: database?.url, logLevel: args['log-level'] }),
        DEMO: '1',
      },
      join(work, `hearth-${backend}.log`),
    )
    await waitFor(`${base}/readyz`, SERVER_START_TRIES)
    // The demo may still be loading when the server first answers: wait until articles are listed.
    let paths: { label: string; path: string }[] = []
    for (let i = 0; ; i++) {
      try {
        const [en, zh] = [await firstArticle(base, 'en'), await firstArticle(base, 'zh')]
        paths = [
          { label: 'home /en', path: '/en' },
          { label: 'home /zh', path: '/zh' },
          { label: `article ${en}`, path: en },
          { label: `article ${zh}`, path: zh },
        ]
        break
      } catch (e) {
        if (i >= 300) throw e
        await sleep(200)
      }
    }
    // The home page caches what it shows; the demo commits moved the generation, so read each twice
    // (a render, then the kept answer) and check the second carries no request id.
    const pages: Page[] = []
    for (const p of paths) {
      const first = await get(`${base}${p.path}`)
      if (first.status !== 200) throw new Error(`${p.path} answered ${first.status}`)
      await sleep(1100) // a process re-reads the content generation at most once a second
      await get(`${base}${p.path}`)
      const fetched = await get(`${base}${p.path}`)
      if (fetched.status !== 200) throw new Error(`${p.path} answered ${fetched.status}`)
      const kept = fetched.headers['x-request-id'] === undefined
      if (!kept) say(`  note: ${p.path} is NOT served from the page cache`)
      pages.push({ ...p, fetched, kept })
    }
    say(`  ${pages.map((p) => `${p.path} ${fmtInt(p.fetched.body.length)} bytes`).join(', ')}`)

    const baseline = await startBaseline(nginx, pages)
    for (const page of pages) {
      const again = await get(`${baseline.url}${page.path}`)
      if (!again.body.equals(page.fetched.body))
        throw new Error(`nginx does not serve the same bytes at ${page.path}`)
      if (again.headers['content-type'] !== page.fetched.headers['content-type'])
        throw new Error(
          `nginx answers ${page.path} as ${again.headers['content-type']}, Hearth as ${page.fetched.headers['content-type']}`,
        )
    }
    const results: { page: Page; hearth: Figures; nginx: Figures }[] = []
    for (const page of pages) {
      say(`${backend}: ${page.path}, Hearth then nginx, ${CONNECTIONS} connections, ${DURATION} s each`)
      const hearth = await measure(`${base}${page.path}`, server.pid!)
      const ngx = await measure(`${baseline.url}${page.path}`, baseline.child.pid!)
      results.push({ page, hearth, nginx: ngx })
    }
    await stop(baseline.child)
    rmSync(join(work, 'nginx'), { recursive: true, force: true })
    await stop(server)
    return { backend, results }
  } finally {
    await database?.drop()
  }
}

async function main() {
  const nginx = nginxBinary()
  if (!nginx) throw new Error('nginx is needed as the baseline: apt-get install -y nginx-light')
  const loadAtStart = loadavg()[0]!
  const backends = (
    args.backends ? args.backends.split(',') : ['pglite', ...((await postgresAnswers()) ? ['postgres'] : [])]
  ) as ('pglite' | 'postgres')[]
  const runs = []
  for (const b of backends) runs.push(await runBackend(b, nginx))
  const loadAtEnd = loadavg()[0]!

  const rows: string[][] = [
    ['page', 'Hearth req/s', 'nginx req/s', 'p99 Hearth / nginx', 'ratio', 'target', 'result'],
  ]
  for (const run of runs) {
    const where = run.backend === 'postgres' ? 'PostgreSQL' : 'PGlite'
    for (const r of run.results) {
      const ratio = r.hearth.rate / r.nginx.rate
      rows.push([
        `${where}: ${r.page.label} (${fmtInt(r.page.fetched.body.length)} bytes)${r.page.kept ? '' : ' NOT from the page cache'}`,
        fmtInt(r.hearth.rate),
        fmtInt(r.nginx.rate),
        `${r.hearth.p99} / ${r.nginx.p99} ms`,
        ratio.toFixed(3),
        `≥ ${RATIO_TARGET.toFixed(2)}`,
        verdict(ratio >= RATIO_TARGET),
      ])
    }
  }
  const cpu = cpus()
  process.stdout.write(
    [
      '',
      `Hearth home and article pages against nginx, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      `  command: npm run bench:pages${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      `  machine: ${cpu.length} × ${cpu[0]?.model.trim()}, load average ${loadAtStart.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at the end of the load`,
      `  ${CONNECTIONS} connections, ${DURATION} s after a 2 s warm-up, no Accept-Encoding; errors (Hearth/nginx) ${runs
        .flatMap((r) => r.results.map((x) => `${x.hearth.errors}/${x.nginx.errors}`))
        .join(', ')}`,
      '',
      table(rows),
      '',
    ].join('\n'),
  )
}

try {
  await main()
} finally {
  endAll()
  await sleep(500)
  if (!args.keep) rmSync(work, { recursive: true, force: true })
}
