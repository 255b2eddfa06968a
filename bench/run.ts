// Benchmarks for Hearth's performance targets (see bench/README.md). They print figures and
// ratios against a baseline measured in the same run; they are not tests.
//   npm run bench -- [--runs 5] [--duration 15] [--warmup 5] [--connections 50] [--people 200]
//                    [--gzip] [--log-level warn] [--only cold|load] [--keep]
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process'
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon, { type Result } from 'autocannon'
import { freePort, node, root } from '../test/support/server.ts'
import {
  cpuSeconds,
  type Fetched,
  fmtInt,
  fmtMb,
  fmtMs,
  get,
  median,
  nginxBinary,
  pct,
  rssKb,
  sameHeaders,
  say,
  serveEnv,
  sleep,
  table,
  verdict,
  workDir,
} from './lib.ts'

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    duration: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    people: { type: 'string', default: '200' },
    gzip: { type: 'boolean', default: false },
    'log-level': { type: 'string', default: 'warn' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
})
const runs = Number(args.runs)
const duration = Number(args.duration)
const warmup = Number(args.warmup)
const connections = Number(args.connections)
const peopleWanted = Number(args.people)
const logLevel = args['log-level']
const encoding = args.gzip ? 'gzip' : 'identity'
/** The same request headers go to Hearth and to nginx. */
const requestHeaders: Record<string, string> = args.gzip ? { 'accept-encoding': 'gzip' } : {}

const COLD_START_TARGET_MS = 2000
const THROUGHPUT_RATIO_TARGET = 0.3
const PAGE = '/en/people'
const NO_DATABASE_PAGE = '/en/sign-in'

const work = workDir('hearth-bench-')
const started: ChildProcess[] = []

type Proc = { child: ChildProcess; url: string; log: string; stop(): Promise<void> }

function launch(command: string, argv: string[], env: NodeJS.ProcessEnv, url: string, log: string): Proc {
  const fd = openSync(log, 'a')
  const child = spawn(command, argv, { cwd: root, env, stdio: ['ignore', fd, fd] })
  closeSync(fd)
  started.push(child)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    child,
    url,
    log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
      await exited
      clearTimeout(timer)
    },
  }
}

function startHearth(dataDir: string, port: number, env: Record<string, string> = {}): Proc {
  const url = `http://127.0.0.1:${port}`
  return launch(
    node,
    ['bin/hearth.js', 'serve'],
    // Empty values win over a .env file: always the embedded database, no mail server.
    { ...serveEnv({ port, url, dataDir, logLevel }), ...env },
    url,
    join(work, 'hearth.log'),
  )
}

/** Polls every 5 ms until `path` answers 200. */
async function waitFor200(proc: Proc, path: string, timeoutMs = 60_000) {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    if (proc.child.exitCode !== null)
      throw new Error(`process exited with ${proc.child.exitCode}; see ${proc.log}:\n${readTail(proc.log)}`)
    try {
      const res = await get(proc.url + path)
      if (res.status === 200) return res
    } catch {}
    if (performance.now() > deadline) throw new Error(`${proc.url}${path} did not answer 200 in time`)
    await sleep(5)
  }
}

const readTail = (path: string) => {
  try {
    return readFileSync(path, 'utf8').slice(-4000)
  } catch {
    return ''
  }
}

// ---------------------------------------------------------------------------------------------
// Data directories

async function prepareSeededDataDir(): Promise<string> {
  const dir = join(work, 'seeded')
  say(`Preparing a data directory with ${peopleWanted} people in ${dir}`)
  // The first start applies migrations, creates the job queue's tables and loads the demo people.
  const first = startHearth(dir, await freePort(), { DEMO: '1' })
  try {
    await waitFor200(first, '/readyz')
  } finally {
    await first.stop()
  }
  // More people, through the people repo, while no server holds the data directory's lock.
  const count = execFileSync(
    node,
    ['--import', './src/platform/runtime/register.ts', 'bench/seed.ts', dir, String(peopleWanted)],
    { cwd: root, encoding: 'utf8' },
  ).trim()
  if (Number(count) < peopleWanted) throw new Error(`seeding left ${count} people`)
  return dir
}

// ---------------------------------------------------------------------------------------------
// 1. Cold start

async function timeToFirst200(dataDir: string): Promise<number> {
  const port = await freePort()
  const t0 = performance.now()
  const server = startHearth(dataDir, port)
  try {
    await waitFor200(server, PAGE)
    return performance.now() - t0
  } finally {
    await server.stop()
  }
}

async function coldStart(seeded: string) {
  const fresh: number[] = []
  const migrated: number[] = []
  for (let i = 0; i < runs; i++) {
    const dir = join(work, `fresh-${i}`)
    fresh.push(await timeToFirst200(dir))
    rmSync(dir, { recursive: true, force: true })
    say(`  fresh data directory, run ${i + 1}/${runs}: ${Math.round(fresh.at(-1)!)} ms`)
  }
  for (let i = 0; i < runs; i++) {
    migrated.push(await timeToFirst200(seeded))
    say(`  migrated and seeded data directory, run ${i + 1}/${runs}: ${Math.round(migrated.at(-1)!)} ms`)
  }
  return { fresh, migrated }
}

/** Spawning Node and loading Hearth's modules, without opening a database: the floor under cold start. */
function moduleLoadMs(): number {
  const t0 = performance.now()
  execFileSync(
    node,
    [
      '--import',
      './src/platform/runtime/register.ts',
      '--input-type=module',
      '-e',
      "await import('./src/app.ts')",
    ],
    { cwd: root },
  )
  return performance.now() - t0
}

// ---------------------------------------------------------------------------------------------
// 2. Throughput against nginx serving the same bytes

type LoadFigures = {
  result: Result
  reqPerSec: number
  bytesPerResponse: number
  serverCpu: number
  generatorCpu: number
}

async function measureLoad(url: string, pid: number, label: string): Promise<LoadFigures> {
  say(`  ${label}: warming up for ${warmup} s`)
  await autocannon({ url, connections, duration: warmup, headers: requestHeaders })
  say(`  ${label}: ${connections} connections for ${duration} s`)
  const cpu0 = cpuSeconds(pid)
  const gen0 = process.cpuUsage()
  const result = await autocannon({ url, connections, duration, headers: requestHeaders })
  const gen = process.cpuUsage(gen0)
  const serverCpu = (cpuSeconds(pid) - cpu0) / result.duration
  const ok = result['2xx']
  if (result.errors || result.timeouts || result.non2xx)
    say(
      `  ${label}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx responses`,
    )
  return {
    result,
    reqPerSec: ok / result.duration,
    bytesPerResponse: result.throughput.total / Math.max(1, result.requests.total),
    serverCpu,
    generatorCpu: (gen.user + gen.system) / 1e6 / result.duration,
  }
}

/** nginx in the foreground on a loopback port, everything under our temporary directory. */
async function startNginx(binary: string, page: Fetched): Promise<Proc> {
  const prefix = join(work, 'nginx')
  for (const sub of ['www', 'tmp', 'logs']) mkdirSync(join(prefix, sub), { recursive: true, mode: 0o755 })
  writeFileSync(join(prefix, 'www/people.html'), page.body, { mode: 0o644 })
  // The same response headers as Hearth, apart from those that change with every response.
  const same = sameHeaders(page.headers, '"')
  const port = await freePort()
  const conf = `
worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  server_tokens off;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  types {}
  default_type text/html;
  charset UTF-8;
  sendfile on;
  tcp_nopush on;
  etag off;
  keepalive_timeout 5s;
  keepalive_requests 1000000;
  ${args.gzip ? 'gzip on; gzip_comp_level 6; gzip_min_length 1024;' : 'gzip off;'}
  server {
    listen 127.0.0.1:${port};
    root ${prefix}/www;
    location = ${PAGE} {
      try_files /people.html =404;
      add_header vary "Accept-Encoding";
      ${same}
    }
  }
}
`
  const confPath = join(prefix, 'nginx.conf')
  writeFileSync(confPath, conf)
  const proc = launch(
    binary,
    ['-p', prefix, '-c', confPath, '-e', join(prefix, 'logs/error.log')],
    process.env,
    `http://127.0.0.1:${port}`,
    join(prefix, 'logs/stdout.log'),
  )
  await waitFor200(proc, PAGE, 10_000)
  return proc
}

async function throughput(seeded: string) {
  const nginx = nginxBinary()
  const server = startHearth(seeded, await freePort())
  let baseline: Proc | undefined
  try {
    await waitFor200(server, PAGE)
    const url = server.url + PAGE
    // Identity bytes for the static copy; nginx compresses them itself when asked to.
    const page = await get(url)
    const again = await get(url)
    const sameBytes = page.body.equals(again.body)
    const cards = page.body.toString('utf8').split('class="card"').length - 1
    if (!page.body.includes(`${peopleWanted} people`))
      throw new Error(`${PAGE} does not list ${peopleWanted} people`)
    const compressed = args.gzip ? await get(url, requestHeaders) : undefined
    const pid = server.child.pid!
    await sleep(2000)
    const idle = rssKb(pid)
    let peakDuringLoad = 0
    const sampler = setInterval(() => {
      peakDuringLoad = Math.max(peakDuringLoad, rssKb(pid))
    }, 250)
    const hearth = await measureLoad(url, pid, 'Hearth')
    clearInterval(sampler)
    const end = rssKb(pid)
    // Context for the figure above: the same HTTP stack and layout on a page with no database work.
    const noDatabase = await measureLoad(
      `${server.url}${NO_DATABASE_PAGE}`,
      pid,
      `Hearth ${NO_DATABASE_PAGE}`,
    )
    let nginxFigures: LoadFigures | undefined
    let nginxVersion: string | undefined
    if (nginx) {
      // nginx -v writes to stderr.
      nginxVersion = spawnSync(nginx, ['-v'], { encoding: 'utf8' })
        .stderr.trim()
        .replace('nginx version: ', '')
      baseline = await startNginx(nginx, page)
      const check = await get(baseline.url + PAGE, requestHeaders)
      const nginxPage = await get(baseline.url + PAGE)
      if (!nginxPage.body.equals(page.body)) throw new Error('nginx does not serve the same bytes')
      if (check.headers['content-type'] !== page.headers['content-type'])
        throw new Error(
          `content types differ: ${check.headers['content-type']} vs ${page.headers['content-type']}`,
        )
      nginxFigures = await measureLoad(baseline.url + PAGE, baseline.child.pid!, 'nginx')
    } else {
      say('  nginx not found (apt-get install -y nginx-light): no baseline')
    }
    return {
      hearth,
      noDatabase,
      nginx: nginxFigures,
      nginxVersion,
      pageBytes: page.body.length,
      compressedBytes: compressed?.body.length,
      cards,
      sameBytes,
      memory: { idle, end, peakDuringLoad: Math.max(peakDuringLoad, end) },
    }
  } finally {
    await baseline?.stop()
    await server.stop()
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const only = args.only
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`
  const loadAtStart = loadavg()[0]!
  say(`Hearth benchmarks in ${work} (load average ${loadAtStart.toFixed(2)})`)
  if (loadAtStart > 0.5 * cpus().length)
    say('  The machine is busy: other processes will lower and scatter these figures.')
  const seeded = await prepareSeededDataDir()
  let cold: Awaited<ReturnType<typeof coldStart>> | undefined
  let floor: number | undefined
  let load: Awaited<ReturnType<typeof throughput>> | undefined
  if (only !== 'load') {
    say('Cold start')
    cold = await coldStart(seeded)
    floor = median(Array.from({ length: runs }, moduleLoadMs))
  }
  if (only !== 'cold') {
    say('Throughput')
    load = await throughput(seeded)
  }

  const cpu = cpus()
  const out: string[] = [
    '',
    `Hearth benchmarks, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `  command: ${command}`,
    `  machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, 1-minute load average ${loadAtStart.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at end`,
    `  Node ${process.versions.node}${load?.nginxVersion ? `, ${load.nginxVersion}` : ''}, PGlite data directory, LOG_LEVEL=${logLevel}`,
    '',
  ]
  const rows: string[][] = [['measure', 'Hearth', 'baseline', 'ratio', 'target', 'result']]
  if (cold) {
    const m = median(cold.migrated)
    rows.push([
      `cold start to first 200 of ${PAGE}, migrated data dir (median of ${runs})`,
      fmtMs(m),
      '',
      '',
      `< ${fmtMs(COLD_START_TARGET_MS)}`,
      verdict(m < COLD_START_TARGET_MS),
    ])
    rows.push([
      `  same, fresh empty data dir (median of ${runs})`,
      fmtMs(median(cold.fresh)),
      '',
      '',
      'for comparison',
      '',
    ])
    rows.push([
      `  Node + loading Hearth’s modules, no database (median of ${runs})`,
      fmtMs(floor!),
      '',
      '',
      'floor',
      '',
    ])
  }
  if (load) {
    const h = load.hearth
    const n = load.nginx
    const ratio = n ? h.reqPerSec / n.reqPerSec : undefined
    rows.push([
      `${PAGE} req/s, ${load.cards} of ${peopleWanted} people, ${connections} conn, ${duration} s, ${encoding}`,
      fmtInt(h.reqPerSec),
      n ? `${fmtInt(n.reqPerSec)} (nginx)` : 'no nginx',
      ratio === undefined ? '' : ratio.toFixed(3),
      `≥ ${THROUGHPUT_RATIO_TARGET.toFixed(2)}`,
      ratio === undefined ? 'n/a' : verdict(ratio >= THROUGHPUT_RATIO_TARGET),
    ])
    rows.push([
      `  context: ${NO_DATABASE_PAGE} (same stack and layout, no database work)`,
      fmtInt(load.noDatabase.reqPerSec),
      '',
      ratio === undefined ? '' : (load.noDatabase.reqPerSec / n!.reqPerSec).toFixed(3),
      '',
      '',
    ])
    rows.push([
      '  p99 latency',
      fmtMs(h.result.latency.p99),
      n ? fmtMs(n.result.latency.p99) : '',
      '',
      '',
      '',
    ])
    rows.push([
      '  mean latency',
      `${h.result.latency.average.toFixed(1)} ms`,
      n ? `${n.result.latency.average.toFixed(1)} ms` : '',
      '',
      '',
      '',
    ])
    rows.push([
      '  bytes per response (headers + body)',
      fmtInt(h.bytesPerResponse),
      n ? fmtInt(n.bytesPerResponse) : '',
      '',
      '',
      '',
    ])
    rows.push([
      '  CPU used: server (1 process / 1 nginx worker), load generator',
      `${pct(h.serverCpu)}, ${pct(h.generatorCpu)}`,
      n ? `${pct(n.serverCpu)}, ${pct(n.generatorCpu)}` : '',
      '',
      '',
      '',
    ])
    rows.push([
      '  errors, timeouts, non-2xx',
      `${h.result.errors}, ${h.result.timeouts}, ${h.result.non2xx}`,
      n ? `${n.result.errors}, ${n.result.timeouts}, ${n.result.non2xx}` : '',
      '',
      '',
      '',
    ])
    rows.push([
      '  Hearth RSS: idle before load, end of load, peak during load',
      `${fmtMb(load.memory.idle)}, ${fmtMb(load.memory.end)}, ${fmtMb(load.memory.peakDuringLoad)}`,
      '',
      '',
      '',
      '',
    ])
  }
  out.push(table(rows))
  if (load) {
    out.push(
      '',
      `  Page: ${fmtInt(load.pageBytes)} bytes of HTML${load.compressedBytes ? ` (${fmtInt(load.compressedBytes)} gzip'd by Hearth)` : ''}; ` +
        `identical bytes on two requests: ${load.sameBytes ? 'yes' : 'NO'}.`,
      `  Requests sent ${args.gzip ? "'Accept-Encoding: gzip' (nginx: gzip on, level 6, like Hearth)" : 'no Accept-Encoding (both answer uncompressed)'}; nginx adds Hearth's static response headers, not its per-response Set-Cookie and X-Request-Id.`,
    )
  }
  process.stdout.write(`${out.join('\n')}\n`)
}

const cleanUp = () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  if (!args.keep) rmSync(work, { recursive: true, force: true })
}
process.once('SIGINT', () => {
  cleanUp()
  process.exit(130)
})
try {
  await main()
} finally {
  cleanUp()
}
// A stray handle must not keep the process alive after the summary.
process.exit(process.exitCode ?? 0)
