// The conference programme's performance targets (issue 16), in one report:
//   the public schedule grid of a 3-day, 6-room, 300-session conference and its c3voc
//   schedule.json, anonymous, against nginx serving the same bytes in the same run: ≥ 30 % of
//   nginx's rate; and the schedule editor's conflict check over 300 sessions under 50 ms
//   (bench/programme-conflicts.ts, run as it is and its table included).
//   npm run bench:programme -- [--duration 10] [--connections 50] [--backends pglite,postgres]
//                              [--log-level warn] [--runs 50] [--scale 5] [--keep]
import { execFileSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { freePort, node, root } from '../test/support/server.ts'
import {
  type Fetched,
  fmtInt,
  get,
  nginxBinary,
  nodeArgs,
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
    backends: { type: 'string', default: 'pglite,postgres' },
    'log-level': { type: 'string', default: 'warn' },
    runs: { type: 'string', default: '50' },
    scale: { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false },
  },
})
const DURATION = Number(args.duration)
const CONNECTIONS = Number(args.connections)
const RATIO_TARGET = 0.3

const work = workDir('hearth-programme-bench-')
const { launch, endAll } = processes()
/** A first start on a busy machine compiles Hearth's modules (no compile cache yet): minutes. */
const SERVER_START_TRIES = 9000

type Page = { path: string; fetched: Fetched }

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

const measure = (url: string, pid: number) => rate(url, CONNECTIONS, DURATION, pid)

type Figures = Awaited<ReturnType<typeof measure>>
type PageResult = { label: string; bytes: number; hearth: Figures; nginx: Figures; kept: boolean }

async function runBackend(backend: 'pglite' | 'postgres', nginx: string) {
  const dataDir = join(work, `data-${backend}`)
  const database = backend === 'postgres' ? await temporaryPostgres('programme') : undefined
  try {
    say(`${backend}: seeding a 3-day, 6-room, 300-session conference`)
    const seeded = JSON.parse(
      execFileSync(
        node,
        [...nodeArgs, 'bench/programme-seed.ts', dataDir, ...(database ? [database.url] : [])],
        {
          cwd: root,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      ).trim(),
    ) as { slug: string; sessions: number; rooms: number }
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    const server = launch(
      node,
      ['bin/hearth.js', 'serve'],
      serveEnv({ port, url: base, dataDir, databaseUrl: database?.url, logLevel: args['log-level'] }),
      join(work, `hearth-${backend}.log`),
    )
    const paths = [
      { label: 'schedule grid', path: `/en/events/${seeded.slug}/schedule` },
      { label: 'schedule.json (c3voc)', path: `/en/events/${seeded.slug}/schedule.json` },
    ]
    // Ready, but neither page asked for yet: the first answer of each below is a render.
    await waitFor(`${base}/readyz`, SERVER_START_TRIES)
    const pages: Page[] = []
    const firstMs: number[] = []
    for (const p of paths) {
      const t0 = performance.now()
      const fetched = await get(`${base}${p.path}`)
      firstMs.push(performance.now() - t0)
      if (fetched.status !== 200) throw new Error(`${p.path} answered ${fetched.status}`)
      pages.push({ path: p.path, fetched })
    }
    // The grid must show every session: a count of the links to sessions' pages on it.
    const links = new Set(pages[0]!.fetched.body.toString('utf8').match(/\/sessions\/[0-9a-f-]{36}/g) ?? [])
    if (links.size !== seeded.sessions)
      say(`  note: the grid links ${links.size} of ${seeded.sessions} sessions`)
    const json = JSON.parse(pages[1]!.fetched.body.toString('utf8')) as {
      schedule: { conference: { days: { rooms: Record<string, unknown[]> }[] } }
    }
    const inJson = json.schedule.conference.days.flatMap((d) => Object.values(d.rooms).flat()).length
    say(
      `  grid ${fmtInt(pages[0]!.fetched.body.length)} bytes, ${links.size} sessions linked; schedule.json ${fmtInt(pages[1]!.fetched.body.length)} bytes, ${inJson} entries`,
    )
    // A kept answer carries no request id: read again, each must come from the page cache.
    const kept = await Promise.all(
      paths.map(async (p) => (await get(`${base}${p.path}`)).headers['x-request-id'] === undefined),
    )

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
    const results: PageResult[] = []
    for (const [i, p] of paths.entries()) {
      say(`${backend}: ${p.label}, Hearth then nginx, ${CONNECTIONS} connections, ${DURATION} s each`)
      const hearth = await measure(`${base}${p.path}`, server.pid!)
      const ngx = await measure(`${baseline.url}${p.path}`, baseline.child.pid!)
      results.push({
        label: p.label,
        bytes: pages[i]!.fetched.body.length,
        hearth,
        nginx: ngx,
        kept: kept[i]!,
      })
    }
    await stop(baseline.child)
    rmSync(join(work, 'nginx'), { recursive: true, force: true })
    await stop(server)
    return { backend, seeded, results, inJson, linked: links.size, firstMs }
  } finally {
    await database?.drop()
  }
}

async function main() {
  const nginx = nginxBinary()
  if (!nginx) throw new Error('nginx is needed as the baseline: apt-get install -y nginx-light')
  const loadAtStart = loadavg()[0]!
  const backends = args.backends!.split(',') as ('pglite' | 'postgres')[]
  const runs = []
  for (const b of backends) runs.push(await runBackend(b, nginx))
  const loadAtEnd = loadavg()[0]!

  say('conflict check: bench/programme-conflicts.ts')
  const conflicts = execFileSync(
    node,
    [...nodeArgs, 'bench/programme-conflicts.ts', '--runs', args.runs!, '--scale', args.scale!],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  )

  const rows: string[][] = [['measure', 'Hearth', 'nginx', 'ratio', 'target', 'result']]
  for (const run of runs) {
    const where = run.backend === 'postgres' ? 'PostgreSQL' : 'PGlite'
    rows.push([
      `${where}: first answer after start, rendered (grid / schedule.json)`,
      run.firstMs.map((ms) => `${Math.round(ms)} ms`).join(' / '),
      '',
      '',
      '',
      '',
    ])
    for (const r of run.results) {
      const ratio = r.hearth.rate / r.nginx.rate
      rows.push([
        `${where}: ${r.label} (${fmtInt(r.bytes)} bytes), req/s, ${CONNECTIONS} connections${r.kept ? '' : ' (NOT kept in the page cache)'}`,
        fmtInt(r.hearth.rate),
        fmtInt(r.nginx.rate),
        ratio.toFixed(3),
        `≥ ${RATIO_TARGET.toFixed(2)}`,
        verdict(ratio >= RATIO_TARGET),
      ])
      rows.push([
        '  p99 / mean latency; server CPU',
        `${r.hearth.p99} / ${r.hearth.mean.toFixed(1)} ms; ${Math.round(r.hearth.cpu * 100)} %`,
        `${r.nginx.p99} / ${r.nginx.mean.toFixed(1)} ms; ${Math.round(r.nginx.cpu * 100)} %`,
        '',
        '',
        '',
      ])
    }
  }
  const cpu = cpus()
  process.stdout.write(
    [
      '',
      `Hearth programme benchmarks, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      `  command: npm run bench:programme${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      `  machine: ${cpu.length} × ${cpu[0]?.model.trim()}, load average ${loadAtStart.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at the end of the load`,
      ...runs.map(
        (r) =>
          `  ${r.backend}: ${r.seeded.sessions} sessions in ${r.seeded.rooms} rooms; the grid links ${r.linked}, schedule.json lists ${r.inJson}; errors (Hearth/nginx) ${r.results.map((x) => `${x.hearth.errors}/${x.nginx.errors}`).join(', ')}`,
      ),
      '',
      table(rows),
      '',
      conflicts.trim(),
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
