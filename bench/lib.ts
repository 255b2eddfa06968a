// What the benchmarks share: plain HTTP requests, the processes they start (Hearth, nginx),
// process figures from /proc, nginx as the baseline, load rates, tables, scratch PostgreSQL
// databases, and the people and speakers the seeds write.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'
import { postgresAdminUrl, withDatabase } from '../test/support/db.ts'
import { freePort, root } from '../test/support/server.ts'

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Progress on stderr, so stdout carries only the report. */
export const say = (line: string) => process.stderr.write(`${line}\n`)

/** How the benchmarks run a TypeScript script of their own in another process. */
export const nodeArgs = ['--import', './src/platform/runtime/register.ts']

/** A scratch directory for one run; nginx workers drop root privileges and must still read it. */
export function workDir(prefix: string) {
  const work = mkdtempSync(join(tmpdir(), prefix))
  chmodSync(work, 0o755)
  return work
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

export type Fetched = { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

/** A plain GET on a fresh connection; unlike fetch() it adds no Accept-Encoding of its own. */
export function get(url: string, headers: Record<string, string> = {}): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('error', reject)
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      )
    })
    req.on('error', reject)
    req.setTimeout(10_000, () => req.destroy(new Error(`GET ${url} timed out`)))
  })
}

/** Resident memory of a process in KiB (0 once it has gone). */
export function rssKb(pid: number): number {
  try {
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
  } catch {
    return 0
  }
}

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
})()

/** CPU seconds used so far by a process and its children (nginx: master and worker). */
export function cpuSeconds(pid: number): number {
  let ticks = 0
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    ticks = Number(fields[11]) + Number(fields[12])
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim()
    for (const child of children ? children.split(' ') : []) ticks += cpuSeconds(Number(child)) * clockTicks
  } catch {}
  return ticks / clockTicks
}

export function nginxBinary(): string | undefined {
  for (const candidate of ['/usr/sbin/nginx', 'nginx']) {
    try {
      execFileSync(candidate, ['-v'], { stdio: 'ignore' })
      return candidate
    } catch {}
  }
  return undefined
}

export const fmtMs = (ms: number) => `${Math.round(ms)} ms`
export const fmtMb = (kb: number) => `${(kb / 1024).toFixed(0)} MiB`
export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US')
export const pct = (share: number) => `${Math.round(share * 100)} %`
export const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS')

export function table(rows: string[][]) {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  const line = (r: string[]) => `| ${r.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`
  return [
    line(rows[0]!),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n')
}

/** A database of its own on the PostgreSQL of TEST_DATABASE_URL, dropped afterwards. */
export async function temporaryPostgres(purpose: string) {
  const admin = postgresAdminUrl()
  const name = `hearth_bench_${purpose}_${process.pid}`
  const c = new pg.Client({ connectionString: admin })
  await c.connect()
  await c.query(`drop database if exists "${name}"`)
  await c.query(`create database "${name}"`)
  await c.end()
  return {
    url: withDatabase(admin, name),
    async drop() {
      const d = new pg.Client({ connectionString: admin })
      await d.connect()
      await d.query(`drop database if exists "${name}" with (force)`)
      await d.end()
    },
  }
}

/** The processes a benchmark starts, each logging to a file; `endAll` in its `finally` ends what still runs. */
export function processes() {
  const started: ChildProcess[] = []
  return {
    started,
    launch(command: string, argv: string[], env: NodeJS.ProcessEnv, log: string) {
      const fd = openSync(log, 'a')
      const child = spawn(command, argv, { cwd: root, env, stdio: ['ignore', fd, fd] })
      closeSync(fd)
      started.push(child)
      return child
    },
    endAll() {
      for (const child of started)
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    },
  }
}
export type Launch = ReturnType<typeof processes>['launch']

/** SIGTERM, then up to ten seconds for the process to go. */
export async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await Promise.race([exited, sleep(10_000)])
}

/** Asks `url` every `everyMs` until it answers 200, `tries` times at most. */
export async function waitFor(url: string, tries = 3000, everyMs = 20) {
  for (let i = 0; i < tries; i++) {
    try {
      if ((await get(url)).status === 200) return
    } catch {}
    await sleep(everyMs)
  }
  throw new Error(`${url} did not answer`)
}

/** `hearth serve` in production on a loopback port: no mail, no demo, PGlite unless a database URL is given. */
export const serveEnv = (o: {
  port: number
  url: string
  dataDir: string
  databaseUrl?: string
  logLevel?: string
}): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: String(o.port),
  BASE_URL: o.url,
  DATA_DIR: o.dataDir,
  DATABASE_URL: o.databaseUrl ?? '',
  SMTP_URL: '',
  DEMO: '0',
  LOG_LEVEL: o.logLevel ?? 'warn',
})

/** Response headers that change per response or that nginx sets itself. */
export const dynamicHeaders = new Set([
  'date',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'content-type',
  'content-encoding',
  'vary',
  'set-cookie',
  'x-request-id',
])

/** nginx `add_header` lines repeating Hearth's response headers but those that change per response. */
export const sameHeaders = (headers: http.IncomingHttpHeaders, quote: "'" | '"') =>
  Object.entries(headers)
    .filter(([name]) => !dynamicHeaders.has(name))
    .map(
      ([name, value]) =>
        `add_header ${name} ${quote}${String(value).replaceAll(quote, '').replace(/[\\$]/g, '')}${quote};`,
    )
    .join('\n      ')

/**
 * nginx in the foreground on a loopback port, everything under `work`/nginx: `serve` writes the
 * files into www/ and gives the server block's locations, `types` adds to the http block's type
 * settings; answers once `probe` does.
 */
export async function startNginx(o: {
  launch: Launch
  binary: string
  work: string
  serve: (www: string) => string
  probe: string
  types?: string
}) {
  const prefix = join(o.work, 'nginx')
  for (const sub of ['www', 'tmp', 'logs']) mkdirSync(join(prefix, sub), { recursive: true, mode: 0o755 })
  const locations = o.serve(join(prefix, 'www'))
  const port = await freePort()
  const conf = `worker_processes 1; daemon off; pid ${prefix}/nginx.pid; error_log ${prefix}/logs/error.log warn;
events { worker_connections 1024; }
http { access_log off; server_tokens off; types {}${o.types ? ` ${o.types}` : ''} sendfile on; tcp_nopush on;
  etag off; keepalive_timeout 5s; keepalive_requests 1000000; gzip off;
  client_body_temp_path ${prefix}/tmp/b; proxy_temp_path ${prefix}/tmp/p; fastcgi_temp_path ${prefix}/tmp/f; uwsgi_temp_path ${prefix}/tmp/u; scgi_temp_path ${prefix}/tmp/s;
  server { listen 127.0.0.1:${port}; root ${prefix}/www;
    ${locations}
  } }`
  writeFileSync(join(prefix, 'nginx.conf'), conf)
  const child = o.launch(
    o.binary,
    ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'logs/error.log')],
    process.env,
    join(prefix, 'logs/out.log'),
  )
  const url = `http://127.0.0.1:${port}`
  await waitFor(`${url}${o.probe}`)
  return { child, url }
}

/**
 * Anonymous reads of `url` as fast as `connections` keep-alive connections go: two seconds to warm
 * up, then `duration` seconds measured, with the CPU of process `pid` (and its children) meanwhile.
 */
export async function rate(url: string, connections: number, duration: number, pid?: number) {
  await autocannon({ url, connections, duration: 2 })
  const cpu0 = pid ? cpuSeconds(pid) : 0
  const r = await autocannon({ url, connections, duration })
  return {
    rate: r['2xx'] / r.duration,
    p99: r.latency.p99,
    mean: r.latency.mean,
    errors: r.errors + r.timeouts + r.non2xx,
    cpu: pid ? (cpuSeconds(pid) - cpu0) / r.duration : Number.NaN,
  }
}

// Seeds: people named in both languages (ten surnames by twelve given names, 120 before a name
// repeats), rows written in chunks, and the speakers of sessions as the services credit them.
const surnames = [
  '王|Wang',
  '李|Li',
  '张|Zhang',
  '刘|Liu',
  '陈|Chen',
  '杨|Yang',
  '赵|Zhao',
  '黄|Huang',
  '周|Zhou',
  '吴|Wu',
]
const given = [
  '伟|Wei',
  '芳|Fang',
  '敏|Min',
  '静|Jing',
  '磊|Lei',
  '洋|Yang',
  '艳|Yan',
  '勇|Yong',
  '杰|Jie',
  '涛|Tao',
  '明|Ming',
  '超|Chao',
]
export const nameOf = (i: number) => {
  const [sz, se] = surnames[i % surnames.length]!.split('|')
  const [gz, ge] = given[Math.floor(i / surnames.length) % given.length]!.split('|')
  return { nameZh: `${sz}${gz}`, nameEn: `${se} ${ge}` }
}

/** Rows in chunks, so one statement never carries too many parameters. */
export async function insertAll<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500))
}

/**
 * Who speaks in each session: one or two people in a talk; a moderator, a panellist and an outside
 * guest on a panel or roundtable; nobody at a break. People are taken from `speakers` in turn.
 */
export function speakerRows(sessions: { id: string; kind: string }[], speakers: string[]) {
  return sessions.flatMap((s, i) => {
    if (s.kind === 'break') return []
    const panel = s.kind === 'panel' || s.kind === 'roundtable'
    const n = panel ? 3 : 1 + (i % 2)
    return Array.from({ length: n }, (_, k) =>
      k === 2
        ? {
            sessionId: s.id,
            nameZh: '外部嘉宾',
            nameEn: 'Guest speaker',
            affiliation: 'Example Inc.',
            role: 'panelist' as const,
            position: k,
          }
        : {
            sessionId: s.id,
            personId: speakers[(i * 2 + k) % speakers.length]!,
            role: panel ? (k === 0 ? ('moderator' as const) : ('panelist' as const)) : ('speaker' as const),
            position: k,
          },
    )
  })
}
