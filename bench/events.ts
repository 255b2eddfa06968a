// Events' performance targets (issue 15), with nginx serving the same bytes in the same run:
//   flash crowd: 2,000 registrations for 200 places arriving within one second, on PGlite (one
//   process) and on PostgreSQL with two app processes: p99 under 2 s; exactly 200 confirmed and
//   1,800 waitlisted, the waitlist in arrival order; what anonymous readers of the event page see
//   meanwhile (rate, p99); another page stays in the page cache (a registration does not empty it);
//   the event page with 500 registrations and a 60-session agenda: ≥ 30 % of nginx's rate.
//   npm run bench:events -- [--registrations 2000] [--spread 1000] [--readers 10] [--reader-rate 200]
//                           [--duration 10]
//                           [--connections 50] [--backends pglite,postgres] [--log-level warn] [--crowd-only]
//                           [--keep]; BENCH_PROF=1 writes each server's CPU profile to /tmp/prof-events
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { freePort, node, root } from '../test/support/server.ts'
import {
  cpuSeconds,
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
    registrations: { type: 'string', default: '2000' },
    spread: { type: 'string', default: '1000' },
    readers: { type: 'string', default: '10' },
    'reader-rate': { type: 'string', default: '200' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    backends: { type: 'string', default: 'pglite,postgres' },
    'log-level': { type: 'string', default: 'warn' },
    /** Only the crowd (a profile of the servers then shows the registrations alone). */
    'crowd-only': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
})
const REGISTRATIONS = Number(args.registrations)
const SPREAD_MS = Number(args.spread)
const READERS = Number(args.readers)
const READER_RATE = Number(args['reader-rate'])
const DURATION = Number(args.duration)
const CONNECTIONS = Number(args.connections)
const SEATS = 200
const P99_TARGET_MS = 2000
const PAGE_RATIO_TARGET = 0.3
/** A page that has nothing to do with events: it must stay cached while people register. */
const OTHER_PAGE = '/en/people'

const work = workDir('hearth-events-bench-')
const { started, launch, endAll } = processes()

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : Number.NaN

type Answer = {
  index: number
  status: number
  body: { status?: string; position?: number | null }
  ms: number
  late: number
  /** Why the request failed without an answer (ECONNRESET …). */
  error?: string
}

/** One registration through the API, on a connection of its own (one person, one phone). */
function registerOnce(
  base: string,
  slug: string,
  token: string,
  index: number,
  due: number,
): Promise<Answer> {
  return new Promise((resolve) => {
    const sent = performance.now()
    const body = '{"answers":{}}'
    const req = http.request(
      `${base}/api/v1/events/${slug}/registrations`,
      {
        method: 'POST',
        agent: false,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          let parsed = {}
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'))
          } catch {}
          resolve({
            index,
            status: res.statusCode ?? 0,
            body: parsed,
            ms: performance.now() - sent,
            late: sent - due,
          })
        })
      },
    )
    req.on('error', (err: NodeJS.ErrnoException) =>
      resolve({
        index,
        status: 0,
        body: {},
        ms: performance.now() - sent,
        late: sent - due,
        error: err.code ?? err.message,
      }),
    )
    req.setTimeout(600_000, () => req.destroy())
    req.end(body)
  })
}

/** A plain GET that may wait a minute (a server still working off a crowd's mail answers late). */
function slowGet(url: string): Promise<{ headers: http.IncomingHttpHeaders; ms: number }> {
  const sent = performance.now()
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume()
      res.on('end', () => resolve({ headers: res.headers, ms: performance.now() - sent }))
    })
    req.on('error', reject)
    req.setTimeout(60_000, () => req.destroy(new Error(`GET ${url} timed out`)))
  })
}

/** Readers in a process of their own, reading until told to stop. */
function startReaders(url: string, connections: number, rate: number) {
  const child = spawn(
    node,
    [...nodeArgs, 'bench/events-readers.ts', url, String(connections), String(rate)],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  started.push(child)
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  const ready = new Promise<void>((resolve) => child.stderr!.once('data', () => resolve()))
  const done = new Promise<{ requests: number; seconds: number; p50: number; p99: number; errors: number }>(
    (resolve) => child.once('exit', () => resolve(JSON.parse(out))),
  )
  return {
    ready,
    async stop() {
      child.kill('SIGTERM')
      return done
    },
  }
}

async function readersFor(urls: string[], seconds: number) {
  const readers = urls.map((u) =>
    startReaders(u, Math.max(1, Math.round(READERS / urls.length)), READER_RATE / urls.length),
  )
  await Promise.all(readers.map((r) => r.ready))
  await sleep(seconds * 1000)
  return combine(await Promise.all(readers.map((r) => r.stop())))
}

const combine = (rs: { requests: number; seconds: number; p99: number; errors: number }[]) => ({
  rate: rs.reduce((n, r) => n + r.requests / r.seconds, 0),
  p99: Math.max(...rs.map((r) => r.p99)),
  errors: rs.reduce((n, r) => n + r.errors, 0),
})

/** How far the waitlist's order is from the order the crowd sent its requests in. */
function orderAgainstSending(queue: number[]) {
  let inversions = 0
  let maxShift = 0
  const sorted = [...queue].sort((a, b) => a - b)
  const rank = new Map(sorted.map((v, i) => [v, i]))
  for (let i = 0; i < queue.length; i++) {
    maxShift = Math.max(maxShift, Math.abs(rank.get(queue[i]!)! - i))
    if (i > 0 && queue[i]! < queue[i - 1]!) inversions++
  }
  return { adjacentInOrder: queue.length > 1 ? 1 - inversions / (queue.length - 1) : 1, maxShift }
}

type FlashFigures = {
  backend: string
  servers: number
  p50: number
  p99: number
  max: number
  lastAnswerMs: number
  /** The app servers' CPU for the crowd, divided by its registrations. */
  cpuMsEach: number
  maxLateMs: number
  statuses: Record<string, number>
  confirmed: number
  waitlisted: number
  seatCounter: number | null
  oneRowEach: boolean
  queueMatchesAnswers: boolean
  order: ReturnType<typeof orderAgainstSending>
  readersBefore: ReturnType<typeof combine>
  readersDuring: ReturnType<typeof combine>
  otherPageStayed: boolean
  generationMoved: boolean | null
}

/** nginx serving `body` at `path` with the same response headers (but those that change per response). */
const startBaseline = (binary: string, page: Fetched, path: string) =>
  startNginx({
    launch,
    binary,
    work,
    probe: path,
    types: 'default_type text/html; charset UTF-8;',
    serve: (www) => {
      writeFileSync(join(www, 'page.html'), page.body, { mode: 0o644 })
      return `location = ${path} { try_files /page.html =404; add_header vary "Accept-Encoding";
      ${sameHeaders(page.headers, '"')}
    }`
    },
  })

const measure = (url: string) => rate(url, CONNECTIONS, DURATION)

async function runBackend(backend: 'pglite' | 'postgres', nginx: string) {
  const dataDir = join(work, `data-${backend}`)
  const tokensFile = join(work, `tokens-${backend}.txt`)
  const database = backend === 'postgres' ? await temporaryPostgres('events') : undefined
  try {
    say(
      `${backend}: seeding ${REGISTRATIONS} people with tokens, the flash event and the 60-session conference`,
    )
    const slugs = JSON.parse(
      execFileSync(
        node,
        [
          ...nodeArgs,
          'bench/events-seed.ts',
          dataDir,
          tokensFile,
          String(REGISTRATIONS),
          ...(database ? [database.url] : []),
        ],
        { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      ).trim(),
    ) as { flash: string; conference: string }
    const tokens = readFileSync(tokensFile, 'utf8').trim().split('\n')
    const verify = () =>
      JSON.parse(
        execFileSync(
          node,
          [...nodeArgs, 'bench/events-verify.ts', dataDir, slugs.flash, ...(database ? [database.url] : [])],
          {
            cwd: root,
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        ).trim(),
      ) as {
        byStatus: Record<string, number>
        seatCounter: number | null
        people: number
        distinctPeople: number
        confirmed: number[]
        waitlist: number[]
        generation: string | null
      }
    const before = verify()

    const count = backend === 'postgres' ? 2 : 1
    const servers: { url: string; child: ChildProcess }[] = []
    for (let i = 0; i < count; i++) {
      const port = await freePort()
      const url = `http://127.0.0.1:${port}`
      const child = launch(
        node,
        ['bin/hearth.js', 'serve'],
        {
          ...serveEnv({
            port,
            url,
            dataDir: database ? join(dataDir, `server-${i}`) : dataDir,
            databaseUrl: database?.url,
            logLevel: args['log-level'],
          }),
          // BENCH_PROF=1: each server writes a CPU profile to /tmp/prof-events when it stops.
          ...(process.env.BENCH_PROF ? { NODE_OPTIONS: '--cpu-prof --cpu-prof-dir=/tmp/prof-events' } : {}),
        },
        join(work, `hearth-${backend}-${i}.log`),
      )
      servers.push({ url, child })
    }
    for (const s of servers) await waitFor(`${s.url}/en/events/${slugs.flash}`)
    // A page answered from the page cache carries no request id (it is the kept response, without
    // the one it was rendered with): the other page is read until it is kept, and must still be
    // kept after the crowd, since nothing it shows changed.
    const fromCache = async (url: string) => (await slowGet(url)).headers['x-request-id'] === undefined
    for (const s of servers) {
      await get(`${s.url}${OTHER_PAGE}`)
      if (!(await fromCache(`${s.url}${OTHER_PAGE}`))) throw new Error(`${OTHER_PAGE} is not kept`)
    }
    const pageUrls = servers.map((s) => `${s.url}/en/events/${slugs.flash}`)

    say(`${backend}: readers alone`)
    const readersBefore = await readersFor(pageUrls, 3)

    say(
      `${backend}: ${REGISTRATIONS} registrations within ${SPREAD_MS} ms, ${READERS} readers of the event page`,
    )
    const readers = pageUrls.map((u) =>
      startReaders(u, Math.max(1, Math.round(READERS / pageUrls.length)), READER_RATE / pageUrls.length),
    )
    await Promise.all(readers.map((r) => r.ready))
    // The servers' own CPU for the crowd (with their re-executed children): what a registration
    // costs, whatever else the machine is doing meanwhile.
    const serversCpu = () => servers.reduce((n, s) => n + cpuSeconds(s.child.pid!), 0)
    const cpu0 = serversCpu()
    const t0 = performance.now() + 200
    const pending: Promise<Answer>[] = []
    for (let i = 0; i < REGISTRATIONS; i++) {
      const due = t0 + (i * SPREAD_MS) / REGISTRATIONS
      const wait = due - performance.now()
      if (wait > 1) await sleep(wait)
      pending.push(registerOnce(servers[i % servers.length]!.url, slugs.flash, tokens[i]!, i, due))
    }
    const answers = await Promise.all(pending)
    const lastAnswerMs = performance.now() - t0
    const cpuMsEach = ((serversCpu() - cpu0) * 1000) / REGISTRATIONS
    const readersDuring = combine(await Promise.all(readers.map((r) => r.stop())))
    {
      const sorted = answers.map((a) => a.ms).sort((x, y) => x - y)
      say(
        `  answered: p50 ${Math.round(percentile(sorted, 50))} ms, p99 ${Math.round(percentile(sorted, 99))} ms, last after ${(lastAnswerMs / 1000).toFixed(1)} s; servers' CPU ${cpuMsEach.toFixed(2)} ms a registration`,
      )
    }
    // The first request for the other page after the crowd: kept still, or rendered again?
    const otherPage = await Promise.all(servers.map((s) => slowGet(`${s.url}${OTHER_PAGE}`)))
    const stayed = otherPage.every((r) => r.headers['x-request-id'] === undefined)
    say(`  ${OTHER_PAGE} answered ${otherPage.map((r) => Math.round(r.ms)).join(', ')} ms after the crowd`)

    const pagePath = `/en/events/${slugs.conference}`
    const page = await get(`${servers[0]!.url}${pagePath}`)
    if (page.status !== 200) throw new Error(`${pagePath} answered ${page.status}`)
    let hearthRate = { rate: Number.NaN, p99: Number.NaN, errors: 0 }
    let nginxRate = hearthRate
    if (!args['crowd-only']) {
      say(`${backend}: the event page (60 sessions, 500 going) against nginx with the same bytes`)
      if (!(await fromCache(`${servers[0]!.url}${pagePath}`)))
        say(`  note: ${pagePath} is not kept in the page cache`)
      const baseline = await startBaseline(nginx, page, pagePath)
      const fromNginx = await get(`${baseline.url}${pagePath}`)
      if (!fromNginx.body.equals(page.body)) throw new Error('nginx does not serve the same bytes')
      hearthRate = await measure(`${servers[0]!.url}${pagePath}`)
      nginxRate = await measure(`${baseline.url}${pagePath}`)
      await stop(baseline.child)
      rmSync(join(work, 'nginx'), { recursive: true, force: true })
    }

    for (const s of servers) await stop(s.child)
    const after = verify()

    const ms = answers.map((a) => a.ms).sort((a, b) => a - b)
    const statuses: Record<string, number> = {}
    for (const a of answers) {
      const key =
        a.status === 201 ? (a.body.status ?? '?') : a.error ? `error ${a.error}` : `HTTP ${a.status}`
      statuses[key] = (statuses[key] ?? 0) + 1
    }
    // Each waitlisted answer named its place in the queue; the queue read back must hold each
    // person at the place they were told (nobody was promoted: nobody gave a place up).
    const told = new Map(
      answers.filter((a) => a.body.status === 'waitlisted').map((a) => [a.index, a.body.position]),
    )
    const queueMatchesAnswers =
      told.size === after.waitlist.length && after.waitlist.every((n, i) => told.get(n) === i + 1)
    const figures: FlashFigures = {
      backend,
      servers: count,
      p50: percentile(ms, 50),
      p99: percentile(ms, 99),
      max: ms.at(-1)!,
      lastAnswerMs,
      cpuMsEach,
      maxLateMs: Math.max(...answers.map((a) => a.late)),
      statuses,
      confirmed: after.byStatus.confirmed ?? 0,
      waitlisted: after.byStatus.waitlisted ?? 0,
      seatCounter: after.seatCounter,
      oneRowEach: after.people === after.distinctPeople && after.people === REGISTRATIONS,
      queueMatchesAnswers,
      order: orderAgainstSending(after.waitlist),
      readersBefore,
      readersDuring,
      otherPageStayed: stayed,
      generationMoved: before.generation === null ? null : before.generation !== after.generation,
    }
    return { flash: figures, page: { hearth: hearthRate, nginx: nginxRate, bytes: page.body.length } }
  } finally {
    await database?.drop()
  }
}

async function main() {
  const nginx = nginxBinary()
  if (!nginx) throw new Error('nginx is needed as the baseline: apt-get install -y nginx-light')
  const loadAtStart = loadavg()[0]!
  const backends = args.backends!.split(',') as ('pglite' | 'postgres')[]
  const results = []
  for (const b of backends) results.push(await runBackend(b, nginx))
  const rows: string[][] = [['measure', 'Hearth', 'nginx', 'ratio', 'target', 'result']]
  for (const { flash: f, page } of results) {
    const where = f.backend === 'postgres' ? `PostgreSQL, ${f.servers} app processes` : 'PGlite, one process'
    rows.push([
      `${where}: ${REGISTRATIONS} registrations for ${SEATS} places within ${SPREAD_MS / 1000} s, p50 / p99`,
      `${Math.round(f.p50)} / ${Math.round(f.p99)} ms`,
      '',
      '',
      `p99 < ${P99_TARGET_MS / 1000} s`,
      verdict(f.p99 < P99_TARGET_MS),
    ])
    rows.push([
      `  slowest answer; last answer after the first was due`,
      `${Math.round(f.max)} ms; ${(f.lastAnswerMs / 1000).toFixed(2)} s`,
      '',
      '',
      '',
      '',
    ])
    rows.push([`  app servers' CPU a registration`, `${f.cpuMsEach.toFixed(2)} ms`, '', '', '', ''])
    rows.push([
      '  confirmed / waitlisted (counter), one row per person',
      `${f.confirmed} / ${f.waitlisted} (${f.seatCounter}), ${f.oneRowEach ? 'yes' : 'NO'}`,
      '',
      '',
      `${SEATS} / ${REGISTRATIONS - SEATS}`,
      verdict(
        f.confirmed === SEATS &&
          f.waitlisted === REGISTRATIONS - SEATS &&
          f.seatCounter === SEATS &&
          f.oneRowEach,
      ),
    ])
    rows.push([
      '  waitlist in arrival order: each at the place its answer named',
      f.queueMatchesAnswers ? 'yes' : 'NO',
      '',
      '',
      'yes',
      verdict(f.queueMatchesAnswers),
    ])
    rows.push([
      '  same order as sent: adjacent pairs in order, largest shift',
      `${(f.order.adjacentInOrder * 100).toFixed(1)} %, ${f.order.maxShift}`,
      '',
      '',
      '',
      '',
    ])
    rows.push([
      `  event page readers alone (${READER_RATE} a second offered): answered/s, p99`,
      `${fmtInt(f.readersBefore.rate)}, ${Math.round(f.readersBefore.p99)} ms`,
      '',
      '',
      '',
      '',
    ])
    rows.push([
      '  event page readers during the crowd: answered/s, p99',
      `${fmtInt(f.readersDuring.rate)}, ${Math.round(f.readersDuring.p99)} ms`,
      '',
      (f.readersDuring.rate / f.readersBefore.rate).toFixed(3),
      '',
      '',
    ])
    rows.push([
      `  ${OTHER_PAGE} still served from the page cache; content generation moved`,
      `${f.otherPageStayed ? 'yes' : 'NO'}; ${f.generationMoved === null ? '?' : f.generationMoved ? 'YES' : 'no'}`,
      '',
      '',
      'yes; no',
      verdict(f.otherPageStayed && f.generationMoved === false),
    ])
    rows.push([
      `${where}: event page, 60 sessions, 500 going (${fmtInt(page.bytes)} bytes), req/s, ${CONNECTIONS} conn`,
      fmtInt(page.hearth.rate),
      fmtInt(page.nginx.rate),
      (page.hearth.rate / page.nginx.rate).toFixed(3),
      `≥ ${PAGE_RATIO_TARGET.toFixed(2)}`,
      verdict(page.hearth.rate / page.nginx.rate >= PAGE_RATIO_TARGET),
    ])
    rows.push([`  p99 latency`, `${page.hearth.p99} ms`, `${page.nginx.p99} ms`, '', '', ''])
  }
  const cpu = cpus()
  process.stdout.write(
    [
      '',
      `Hearth events benchmarks, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      `  command: npm run bench:events${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      `  machine: ${cpu.length} × ${cpu[0]?.model.trim()}, load average ${loadAtStart.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at end`,
      ...results.map(
        (r) =>
          `  ${r.flash.backend}: answers ${JSON.stringify(r.flash.statuses)}; latest send ${Math.round(r.flash.maxLateMs)} ms after due; reader errors ${r.flash.readersBefore.errors}/${r.flash.readersDuring.errors}; page errors ${r.page.hearth.errors}/${r.page.nginx.errors}`,
      ),
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
