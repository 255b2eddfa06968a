// Benchmarks for the activity feature's targets (see bench/README.md): GH Archive import,
// webhook ingestion and the statistics queries at scale. Each prints figures beside a baseline
// measured in the same run; they are not tests.
//   npm run bench:activity -- [--only archive|webhook|queries] [--events 200000] [--mb 500]
//     [--duration 10] [--connections 50] [--people 10000] [--contributions 2000000]
//     [--calls 200] [--budget 60] [--backends postgres,pglite] [--keep]
import { spawn, spawnSync } from 'node:child_process'
import { createHmac, randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import { createGunzip, createGzip } from 'node:zlib'
import autocannon from 'autocannon'
import { sql } from 'drizzle-orm'
import { importArchive } from '../src/features/activity/activity.archive.ts'
import { rebuildRollups } from '../src/features/activity/activity.rollups.ts'
import { communityActivity, isPersonActive } from '../src/features/activity/activity.service.ts'
import { loadConfig } from '../src/platform/config.ts'
import { type Database, migrate, openDatabase } from '../src/platform/db/client.ts'
import { seededRandom } from '../src/platform/random.ts'
import { postgresReachable } from '../test/support/db.ts'
import { node, root, startHearthProcess } from '../test/support/server.ts'
import { temporaryPostgres } from './lib.ts'

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    events: { type: 'string', default: '200000' },
    mb: { type: 'string', default: '500' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    people: { type: 'string', default: '10000' },
    contributions: { type: 'string', default: '2000000' },
    calls: { type: 'string', default: '200' },
    budget: { type: 'string', default: '60' },
    backends: { type: 'string', default: 'postgres,pglite' },
    keep: { type: 'boolean', default: false },
    // Internal: the import runs in a child process so its memory is its own.
    'child-import': { type: 'string' },
    'child-db': { type: 'string' },
    org: { type: 'string', default: 'hearth-bench' },
  },
})

const ORG = args.org
const say = (line: string) => process.stderr.write(`${line}\n`)
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 2 : 0)} ms`)
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN
}
const pass = (ok: boolean) => (ok ? 'PASS' : 'MISS')

type Row = {
  measure: string
  hearth: string
  baseline?: string
  ratio?: string
  target?: string
  result?: string
}
const table: Row[] = []

// ---------------------------------------------------------------------------------------------
// Child: one import, measured from the inside.

if (args['child-import']) {
  const database = args['child-db']
    ? await openDatabase({ kind: 'postgres', url: args['child-db'], max: 2 })
    : await openDatabase({ kind: 'pglite' })
  await migrate(database)
  const rssBefore = process.memoryUsage.rss()
  const maxRssBefore = process.resourceUsage().maxRSS * 1024
  let peak = rssBefore
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }, 10)
  const cpu = process.cpuUsage()
  const t0 = performance.now()
  const result = await importArchive(
    { db: database.db, now: () => new Date(), config: loadConfig({}, '') },
    args['child-import'],
    {
      scope: [{ kind: 'org', name: ORG }],
    },
  )
  const wallMs = performance.now() - t0
  const used = process.cpuUsage(cpu)
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage.rss())
  const n = (await database.query<{ n: number }>('select count(*)::int n from contributions'))[0]?.n
  await database.close()
  process.stdout.write(
    JSON.stringify({
      status: result.status,
      lines: result.lines,
      parsed: result.parsed,
      matched: result.matched,
      stored: result.stored,
      rows: n,
      wallMs,
      cpuMs: (used.user + used.system) / 1000,
      userMs: used.user / 1000,
      rssBefore,
      maxRssBefore,
      peak,
      maxRss: process.resourceUsage().maxRSS * 1024,
    }),
  )
  process.exit(0)
}

const work = mkdtempSync(join(tmpdir(), 'hearth-bench-activity-'))
const only = args.only

// ---------------------------------------------------------------------------------------------
// 1. GH Archive import

type SampleEvent = {
  id: string
  type: string
  actor: Record<string, unknown>
  repo: { id: number; name: string; url: string }
  payload: Record<string, unknown>
  public: boolean
  created_at: string
  org?: Record<string, unknown>
}

/**
 * Writes a gzipped hour of `events` events (about `bytes` uncompressed) built from the real
 * events of the sample: ids, actors, repositories and times vary; 2 % are in the tracked org,
 * with payload ids changed so each is a contribution of its own.
 */
async function synthesiseHour(file: string, events: number, bytes: number) {
  const sample = JSON.parse(
    readFileSync(join(import.meta.dirname, '../test/fixtures/gharchive/sample-events.json'), 'utf8'),
  ) as SampleEvent[]
  // Both payload shapes: since 2025-10-07 pushes carry no commits; add trimmed copies.
  const shapes = sample.flatMap((e) => {
    const full = { ...e, payloadJson: JSON.stringify(e.payload) }
    if (e.type !== 'PushEvent') return [full]
    const { commits: _c, size: _s, distinct_size: _d, ...trimmed } = e.payload
    return [full, { ...e, payload: trimmed, payloadJson: JSON.stringify(trimmed) }]
  })
  const overhead = 400 // actor, repo, org, id and time around the payload
  const sized = shapes.map((s) => ({ ...s, size: s.payloadJson.length + overhead }))
  const small = sized.filter((s) => s.size <= bytes / events)
  const large = sized.filter((s) => s.size > bytes / events)
  const random = seededRandom(20250320)
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!
  const hour = Date.UTC(2025, 2, 20, 21)
  const gzip = createGzip()
  const out = createWriteStream(file)
  gzip.pipe(out)
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve)
    out.on('error', reject)
  })
  let written = 0
  let tracked = 0
  let chunk = ''
  let nextId = 47_800_000_000
  let uniqueId = 9_000_000_000
  for (let i = 0; i < events; i++) {
    // Keep the running mean at the target size: a large event when below it, a small one above.
    const shape = pick(written / Math.max(1, i) < bytes / events ? large : small)
    const inOrg = random() < 0.02
    const actorId = 1_000_000 + Math.floor(random() ** 2 * 60_000)
    const login = `user-${actorId.toString(36)}`
    const repoNo = Math.floor(random() * (inOrg ? 40 : 150_000))
    const owner = inOrg ? ORG : `owner-${Math.floor(repoNo / 3).toString(36)}`
    const repoName = `${owner}/repo-${repoNo.toString(36)}`
    const repoId = (inOrg ? 900_000_000 : 100_000_000) + repoNo
    const at = new Date(hour + Math.floor((i / events) * 3_600_000)).toISOString().replace('.000Z', 'Z')
    let payloadJson = shape.payloadJson
    if (inOrg) {
      tracked++
      const p = JSON.parse(payloadJson) as Record<string, Record<string, unknown> | string>
      for (const k of ['comment', 'review', 'pull_request', 'issue'])
        if (p[k] && typeof p[k] === 'object') (p[k] as Record<string, unknown>).id = uniqueId++
      if (typeof p.head === 'string') p.head = (uniqueId++).toString(16).padStart(40, '0')
      payloadJson = JSON.stringify(p)
    }
    const org = inOrg
      ? `,"org":{"id":900000001,"login":"${ORG}","gravatar_id":"","url":"https://api.github.com/orgs/${ORG}","avatar_url":"https://avatars.githubusercontent.com/u/900000001?"}`
      : ''
    const line =
      `{"id":"${nextId++}","type":"${shape.type}","actor":{"id":${actorId},"login":"${login}","display_login":"${login}","gravatar_id":"","url":"https://api.github.com/users/${login}","avatar_url":"https://avatars.githubusercontent.com/u/${actorId}?"},` +
      `"repo":{"id":${repoId},"name":"${repoName}","url":"https://api.github.com/repos/${repoName}"},` +
      `"payload":${payloadJson},"public":true,"created_at":"${at}"${org}}\n`
    written += line.length
    chunk += line
    if (chunk.length > 1 << 20) {
      if (!gzip.write(chunk)) await new Promise((r) => gzip.once('drain', r))
      chunk = ''
    }
  }
  gzip.end(chunk)
  await done
  return { written, tracked }
}

async function archive() {
  const events = Number(args.events)
  const file = join(work, '2025-03-20-21.json.gz')
  say(`Synthesising ${events} events (~${args.mb} MB) into ${file}`)
  const t = performance.now()
  const { written, tracked } = await synthesiseHour(file, events, Number(args.mb) * 1e6)
  const gz = statSync(file).size
  say(
    `  ${(written / 1e6).toFixed(0)} MB, ${(gz / 1e6).toFixed(0)} MB gzipped, ${tracked} in ${ORG}, in ${ms(performance.now() - t)}`,
  )

  // Baseline: the shell reading the same file for the same org (warm page cache for both).
  const grep = () => {
    const t0 = performance.now()
    const r = spawnSync('sh', ['-c', `zcat '${file}' | grep -c '${ORG}'`], { encoding: 'utf8' })
    return { ms: performance.now() - t0, count: Number(r.stdout.trim()) }
  }
  grep()
  const baseline = grep()
  say(`  zcat | grep -c: ${baseline.count} lines in ${ms(baseline.ms)}`)

  // The floor: Node's gunzip alone over the same file (CPU of the process, threadpool included).
  const gunzipCpu = process.cpuUsage()
  const gunzipT = performance.now()
  await pipeline(createReadStream(file), createGunzip(), async (chunks: AsyncIterable<Buffer>) => {
    for await (const _ of chunks);
  })
  const gunzip = { wallMs: performance.now() - gunzipT, cpu: process.cpuUsage(gunzipCpu) }
  const gunzipCpuMs = (gunzip.cpu.user + gunzip.cpu.system) / 1000
  say(`  Node gunzip alone: ${ms(gunzip.wallMs)} wall, ${ms(gunzipCpuMs)} CPU`)

  const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`
  async function importIn(backend: 'pglite' | 'postgres') {
    let url: string | undefined
    let drop = async () => {}
    if (backend === 'postgres') {
      const created = await temporaryPostgres('import')
      url = created.url
      drop = created.drop
    }
    try {
      const child = spawn(
        node,
        [
          '--import',
          './src/platform/runtime/register.ts',
          'bench/activity.ts',
          '--child-import',
          file,
          '--org',
          ORG,
          ...(url ? ['--child-db', url] : []),
        ],
        { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
      )
      let out = ''
      child.stdout.on('data', (d) => (out += d))
      await new Promise((resolve) => child.once('exit', resolve))
      return JSON.parse(out) as {
        status: string
        lines: number
        matched: number
        stored: number
        rows: number
        wallMs: number
        cpuMs: number
        rssBefore: number
        maxRssBefore: number
        peak: number
        maxRss: number
      }
    } finally {
      await drop()
    }
  }
  const r = await importIn('pglite')
  say(`  import (PGlite in the process): ${JSON.stringify(r)}`)
  table.push(
    {
      measure: `GH Archive hour import: ${r.lines} events, ${(written / 1e6).toFixed(0)} MB (${(gz / 1e6).toFixed(0)} MB gz), ${r.matched} in scope, ${r.stored} stored (${r.status}); CPU time`,
      hearth: ms(r.cpuMs),
      baseline: `${ms(gunzipCpuMs)} (Node gunzip alone)`,
      ratio: `${(r.cpuMs / gunzipCpuMs).toFixed(2)}×`,
      target: '< 2 s',
      result: pass(r.cpuMs < 2000),
    },
    {
      measure: 'same, wall time, against `zcat | grep -c ORG` (wall)',
      hearth: ms(r.wallMs),
      baseline: ms(baseline.ms),
      ratio: `${(r.wallMs / baseline.ms).toFixed(2)}×`,
      target: '≤ 2×',
      result: pass(r.wallMs / baseline.ms <= 2),
    },
    {
      measure: `import process RSS with PGlite in it: before the import (PGlite open, migrated) → peak during it (sampled every 10 ms); lifetime peak, reached opening PGlite, ${mib(r.maxRssBefore)}`,
      hearth: `${mib(r.rssBefore)} → ${mib(r.peak)}`,
      target: '< 300 MB',
      result: pass(r.peak < 300e6),
    },
    {
      measure: '  growth during the import alone',
      hearth: mib(r.peak - r.rssBefore),
      target: '< 300 MB',
      result: pass(r.peak - r.rssBefore < 300e6),
    },
  )
  if (await postgresReachable()) {
    const p = await importIn('postgres')
    say(`  import (against PostgreSQL): ${JSON.stringify(p)}`)
    table.push(
      {
        measure: 'same file into PostgreSQL (`DATABASE_URL`): import process CPU time',
        hearth: ms(p.cpuMs),
        baseline: `${ms(gunzipCpuMs)} (Node gunzip alone)`,
        ratio: `${(p.cpuMs / gunzipCpuMs).toFixed(2)}×`,
        target: '< 2 s',
        result: pass(p.cpuMs < 2000),
      },
      {
        measure: '  wall time, against `zcat | grep -c ORG`',
        hearth: ms(p.wallMs),
        baseline: ms(baseline.ms),
        ratio: `${(p.wallMs / baseline.ms).toFixed(2)}×`,
        target: '≤ 2×',
        result: pass(p.wallMs / baseline.ms <= 2),
      },
      {
        measure: `  import process RSS, lifetime peak (${p.stored} stored)`,
        hearth: mib(Math.max(p.maxRss, p.peak)),
        target: '< 300 MB',
        result: pass(Math.max(p.maxRss, p.peak) < 300e6),
      },
    )
  }
  if (r.rows !== baseline.count)
    say(`  note: ${r.rows} contributions stored, grep counted ${baseline.count} lines mentioning ${ORG}`)
}

// ---------------------------------------------------------------------------------------------
// 2. Webhook ingestion

async function webhook() {
  const secret = 'bench-secret'
  const examples = JSON.parse(
    readFileSync(createRequire(import.meta.url).resolve('@octokit/webhooks-examples'), 'utf8'),
  ) as {
    name: string
    examples: { action?: string; comment?: { id: number }; repository: { owner: { login: string } } }[]
  }[]
  const example = examples
    .find((e) => e.name === 'issue_comment')!
    .examples.find((e) => e.action === 'created')!
  const owner = example.repository.owner.login
  // A placeholder id, replaced per request: each delivery stores one new contribution.
  const template = JSON.stringify({ ...example, comment: { ...example.comment, id: 777_777_777_777 } })
  const [before, after] = template.split('777777777777') as [string, string]

  const dataDir = join(work, 'webhook-data')
  const database = await openDatabase({ kind: 'pglite', dataDir })
  await migrate(database)
  await database.query(`insert into activity_scope (id, kind, name) values ($1, 'org', $2)`, [
    randomUUID(),
    owner,
  ])
  await database.close()
  say(`Webhooks: hearth serve on PGlite (${dataDir}), scope org ${owner}`)
  const server = await startHearthProcess(
    {
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      SMTP_URL: '',
      GITHUB_WEBHOOK_SECRET: secret,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      ...(process.env.BENCH_PROF ? { NODE_OPTIONS: '--cpu-prof --cpu-prof-dir=/tmp/prof' } : {}),
    },
    { timeoutMs: 60_000 },
  )
  let next = 1_000_000
  const setupRequest = (req: Record<string, unknown>) => {
    const body = before + next++ + after
    return {
      ...req,
      method: 'POST',
      path: '/webhooks/github',
      body,
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'issue_comment',
        'x-github-delivery': randomUUID(),
        'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
      },
    }
  }
  try {
    // A first delivery must be stored, or the run measures refusals.
    const probe = setupRequest({})
    const res = await fetch(`${server.url}/webhooks/github`, {
      method: 'POST',
      body: probe.body,
      headers: probe.headers,
    })
    const answer = (await res.json()) as { outcome?: string }
    if (answer.outcome !== 'stored')
      throw new Error(`probe delivery answered ${res.status} ${JSON.stringify(answer)}`)
    const duration = Number(args.duration)
    const connections = Number(args.connections)
    say(`  autocannon: ${connections} connections, ${duration} s`)
    const result = await autocannon({
      url: server.url,
      connections,
      duration,
      requests: [{ setupRequest }],
    })
    const perSecond = result['2xx'] / result.duration
    table.push({
      measure: `signed webhook deliveries/s (issue_comment, PGlite, ${connections} connections, ${duration} s); ${result['2xx']} 2xx, ${result.non2xx} non-2xx, ${result.errors} errors, p99 ${result.latency.p99} ms`,
      hearth: perSecond.toFixed(0),
      target: '≥ 500/s',
      result: pass(perSecond >= 500 && result.non2xx === 0),
    })
  } finally {
    await server.stop()
  }
  // Every 2xx delivery stored one contribution.
  const after2 = await openDatabase({ kind: 'pglite', dataDir })
  const n = (await after2.query<{ n: number }>('select count(*)::int n from contributions'))[0]?.n
  const d = (await after2.query<{ d: number }>('select count(*)::int d from webhook_deliveries'))[0]?.d
  await after2.close()
  say(`  stored: ${n} contributions, ${d} deliveries`)
}

// ---------------------------------------------------------------------------------------------
// 3. Queries at scale

async function fill(database: Database, people: number, contributions: number) {
  const t = performance.now()
  const q = (text: string) => database.query(text)
  await q(`insert into people (id, handle, name_en)
    select gen_random_uuid(), 'bench-' || g, 'Bench Person ' || g from generate_series(1, ${people}) g`)
  // One account per person plus 20 % nobody has linked; a few bots.
  await q(`insert into github_accounts (github_id, login, person_id, bot_override, updated_at)
    select 5000000 + g, 'login-' || g,
      (select id from people where handle = 'bench-' || g),
      case when g % 500 = 0 then true end, now()
    from generate_series(1, ${Math.round(people * 1.2)}) g`)
  // Skewed: a few accounts contribute most; spread over three years.
  await q(`insert into contributions (key, github_id, kind, repo_id, repo_name, number, occurred_at, source)
    select 'bench:' || g,
      5000001 + floor(${Math.round(people * 1.2)} * power(random(), 3))::int,
      (array['push','pr_opened','pr_merged','issue_opened','issue_comment','review','review_comment'])[1 + floor(random() * 7)::int],
      900000000 + (g % 40), '${ORG}/repo-' || (g % 40), (g % 5000)::int,
      now() - random() * interval '1095 days', 'archive'
    from generate_series(1, ${contributions}) g`)
  await q('analyze')
  say(`  filled in ${ms(performance.now() - t)}`)
}

async function timeCalls(
  label: string,
  calls: number,
  budgetMs: number,
  call: (i: number) => Promise<unknown>,
) {
  await call(-1) // warm
  const times: number[] = []
  const deadline = performance.now() + budgetMs
  for (let i = 0; i < calls && performance.now() < deadline; i++) {
    const t = performance.now()
    await call(i)
    times.push(performance.now() - t)
  }
  say(`  ${label}: ${times.length} calls, p50 ${ms(quantile(times, 0.5))}, p99 ${ms(quantile(times, 0.99))}`)
  return { n: times.length, p50: quantile(times, 0.5), p99: quantile(times, 0.99) }
}

async function queriesOn(kind: 'postgres' | 'pglite') {
  const people = Number(args.people)
  const contributions = Number(args.contributions)
  const calls = Number(args.calls)
  const budget = Number(args.budget) * 1000
  let database: Database
  let drop = async () => {}
  if (kind === 'postgres') {
    const created = await temporaryPostgres('queries')
    database = await openDatabase({ kind: 'postgres', url: created.url, max: 1 })
    drop = created.drop
  } else database = await openDatabase({ kind: 'pglite' })
  try {
    say(`Queries on ${kind}: ${people} people, ${contributions} contributions`)
    await migrate(database)
    await fill(database, people, contributions)
    const built = performance.now()
    await rebuildRollups(database.db, new Date())
    say(`  rollups built in ${ms(performance.now() - built)} (once, after an install or a restore)`)
    const ids = (await database.query<{ id: string }>('select id from people')).map((r) => r.id)
    const random = seededRandom(7)
    const deps = { db: database.db, now: () => new Date() }
    const one = await timeCalls('select 1', calls, budget, () => database.db.execute(sql`select 1`))
    const active = await timeCalls('isPersonActive', calls, budget, () =>
      isPersonActive(deps, ids[Math.floor(random() * ids.length)]!),
    )
    const board = await timeCalls('communityActivity 1y', calls, budget, () =>
      communityActivity(deps, { period: '1y', limit: 100 }),
    )
    const row = (measure: string, r: { n: number; p50: number; p99: number }) =>
      table.push({
        measure: `${kind}: ${measure} (${r.n} calls), p50 / p99`,
        hearth: `${ms(r.p50)} / ${ms(r.p99)}`,
        baseline: `${ms(one.p50)}`,
        ratio: `${(r.p50 / one.p50).toFixed(0)}×`,
        target: '< 50 ms',
        result: pass(r.p99 < 50),
      })
    row('isPersonActive, random person', active)
    row('contributors page (communityActivity, 1y: leaderboard + months)', board)
  } finally {
    await database.close()
    await drop()
  }
}

// ---------------------------------------------------------------------------------------------

try {
  if (!only || only === 'archive') await archive()
  if (!only || only === 'webhook') await webhook()
  if (!only || only === 'queries')
    for (const b of (args.backends ?? '').split(',').filter(Boolean))
      await queriesOn(b as 'postgres' | 'pglite')
} finally {
  if (!args.keep) rmSync(work, { recursive: true, force: true })
  else say(`Kept ${work}`)
}

console.log(`\n| measure | Hearth | baseline | ratio | target | result |\n|---|---|---|---|---|---|`)
for (const r of table)
  console.log(
    `| ${r.measure} | ${r.hearth} | ${r.baseline ?? ''} | ${r.ratio ?? ''} | ${r.target ?? ''} | ${r.result ?? ''} |`,
  )
