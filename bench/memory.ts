// Memory of Hearth on a small machine (issue 13, bench/README.md): peak and resident memory of the
// server process at first start, restart, rest and under load, of an import, on PGlite and on
// PostgreSQL; optionally the same for an earlier version (`--baseline REF`, a git worktree) in the
// same run, and a start under a real 1 GiB memory limit (a cgroup).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import autocannon from 'autocannon'
import { postgresReachable } from '../test/support/db.ts'
import { freePort, root } from '../test/support/server.ts'
import { fmtInt, get, sleep, table, temporaryPostgres, verdict } from './lib.ts'

const { values: opts } = parseArgs({
  options: {
    baseline: { type: 'string' },
    duration: { type: 'string', default: '10' },
    events: { type: 'string', default: '20000' },
    limit: { type: 'string', default: '1024' },
    keep: { type: 'boolean', default: false },
  },
})
const work = mkdtempSync(join(tmpdir(), 'hearth-bench-memory-'))
const say = (line: string) => process.stderr.write(`${line}\n`)
const started: ChildProcess[] = []
const TARGET = { start: 512, idle: 300, load: 400, postgresIdle: 200 }

type Status = { hwm: number; rss: number }
/** VmHWM (peak) and VmRSS of a process, in MiB; undefined once it has gone. */
function status(pid: number): Status | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? 0)
    return { hwm: kb('VmHWM') / 1024, rss: kb('VmRSS') / 1024 }
  } catch {
    return undefined
  }
}
/** Resident memory of a process and all its descendants, in MiB. */
function treeRss(pid: number): number {
  let total = status(pid)?.rss ?? 0
  try {
    for (const tid of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' '))
      if (tid) total += treeRss(Number(tid))
  } catch {}
  return total
}
/** Samples a process tree every 10 ms: its largest total, and the last peak of the process itself. */
function sampler(pid: number) {
  let treePeak = 0
  let own: Status = { hwm: 0, rss: 0 }
  const timer = setInterval(() => {
    treePeak = Math.max(treePeak, treeRss(pid))
    own = status(pid) ?? own
  }, 10)
  return {
    stop() {
      clearInterval(timer)
      return { treePeak, hwm: own.hwm }
    },
  }
}

type Version = { name: string; dir: string }

function hearth(version: Version, args: string[], env: Record<string, string>, log: string, wrap?: string[]) {
  const fd = openSync(join(work, log), 'a')
  const argv = [join(root, 'node_modules/.bin/node'), 'bin/hearth.js', ...args]
  const [command, ...rest] = wrap ? [...wrap, ...argv] : argv
  const child = spawn(command!, rest, {
    cwd: version.dir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      SMTP_URL: '',
      DEMO: '1',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', fd, fd],
  })
  closeSync(fd)
  started.push(child)
  return child
}

async function serve(version: Version, env: Record<string, string>, wrap?: string[]) {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = hearth(
    version,
    ['serve'],
    { PORT: String(port), BASE_URL: url, ...env },
    `${version.name}.log`,
    wrap,
  )
  const sample = sampler(child.pid!)
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  for (const deadline = Date.now() + 120_000; ; ) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `hearth exited (${child.exitCode ?? child.signalCode}); see ${work}/${version.name}.log`,
      )
    try {
      if ((await get(`${url}/en/people`)).status === 200) break
    } catch {}
    if (Date.now() > deadline) throw new Error('hearth did not answer in time')
    await sleep(20)
  }
  // The job queue starts after the first answer; rest is measured once it settled.
  await sleep(5000)
  const atStart = sample.stop()
  const idle = status(child.pid!)!.rss
  return {
    url,
    child,
    atStart,
    idle,
    async stop() {
      child.kill('SIGTERM')
      await exited
    },
  }
}

type Row = { moment: string; peak: number; after?: number; tree?: number; extra?: string; target?: number }

async function underLoad(url: string, pid: number) {
  const duration = Number(opts.duration)
  const sample = sampler(pid)
  // A cached page, a form page rendered every time, and /readyz, which queries the database each time.
  const results = await Promise.all(
    ['/en/people', '/en/sign-in', '/readyz'].map((path) =>
      autocannon({ url: url + path, connections: 8, duration }),
    ),
  )
  const { hwm } = sample.stop()
  return { hwm, rss: status(pid)!.rss, readyzPerSec: results[2]!['2xx'] / duration }
}

function archiveFile() {
  const file = join(work, 'hour.json.gz')
  if (existsSync(file)) return file
  const sample = JSON.parse(
    readFileSync(join(root, 'test/fixtures/gharchive/sample-events.json'), 'utf8'),
  ) as { id: string; org?: unknown }[]
  const lines: string[] = []
  for (let i = 0; i < Number(opts.events); i++) {
    const e = sample[i % sample.length]!
    lines.push(JSON.stringify({ ...e, id: String(48_000_000_000 + i) }))
  }
  writeFileSync(file, gzipSync(`${lines.join('\n')}\n`))
  return file
}

async function importRun(version: Version, dataDir: string, env: Record<string, string>) {
  const orgs = JSON.parse(readFileSync(join(root, 'test/fixtures/gharchive/sample-events.json'), 'utf8')) as {
    org?: { login: string }
  }[]
  const org = orgs.find((e) => e.org)?.org?.login ?? 'kubernetes'
  const base = { DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env }
  const scope = hearth(version, ['activity', 'scope', 'add', 'org', org], base, `${version.name}-import.log`)
  await new Promise((r) => scope.once('exit', r))
  const child = hearth(
    version,
    ['activity', 'import', '--again', archiveFile()],
    base,
    `${version.name}-import.log`,
  )
  const sample = sampler(child.pid!)
  await new Promise((r) => child.once('exit', r))
  return sample.stop().treePeak
}

async function measure(version: Version): Promise<Row[]> {
  const rows: Row[] = []
  const dataDir = join(work, `${version.name}-data`)
  say(`${version.name}: first start on an empty data directory (demo content)`)
  const first = await serve(version, { DATA_DIR: dataDir })
  const childPeak = /"peakRssMiB":(\d+)/.exec(readFileSync(join(work, `${version.name}.log`), 'utf8'))?.[1]
  rows.push({
    moment: 'first start, empty data directory, demo',
    peak: first.atStart.hwm,
    after: first.idle,
    tree: first.atStart.treePeak,
    // Both peaks added up: what the test holds to 512 MiB (the two never peak at the same moment).
    extra: childPeak
      ? `preparing child: ${childPeak} MiB peak; server + child peaks: ${Math.round(first.atStart.hwm + Number(childPeak))} MiB`
      : '',
    target: TARGET.start,
  })
  await first.stop()
  say(`${version.name}: restart on the migrated directory`)
  const again = await serve(version, { DATA_DIR: dataDir })
  rows.push({
    moment: 'restart, migrated directory',
    peak: again.atStart.hwm,
    after: again.idle,
    tree: again.atStart.treePeak,
    target: TARGET.start,
  })
  rows.push({ moment: 'idle after start (5 s)', peak: again.idle, target: TARGET.idle })
  say(`${version.name}: ${opts.duration} s of load`)
  const load = await underLoad(again.url, again.child.pid!)
  rows.push({
    moment: 'under load (/en/people, /en/sign-in, /readyz)',
    peak: load.hwm,
    after: load.rss,
    extra: `/readyz ${fmtInt(load.readyzPerSec)} req/s`,
    target: TARGET.load,
  })
  await again.stop()
  say(`${version.name}: hearth activity import, ${opts.events} events`)
  rows.push({
    moment: `activity import (${opts.events} events), CLI process`,
    peak: await importRun(version, dataDir, {}),
    target: TARGET.load,
  })
  if (await postgresReachable()) {
    const database = await temporaryPostgres('memory')
    try {
      say(`${version.name}: PostgreSQL`)
      const onPg = await serve(version, {
        DATA_DIR: join(work, `${version.name}-pg`),
        DATABASE_URL: database.url,
      })
      rows.push({
        moment: 'PostgreSQL: first start, then idle',
        peak: onPg.atStart.hwm,
        after: onPg.idle,
        target: TARGET.postgresIdle,
      })
      await onPg.stop()
      rows.push({
        moment: 'PostgreSQL: activity import, CLI process',
        peak: await importRun(version, join(work, `${version.name}-pg`), { DATABASE_URL: database.url }),
      })
    } finally {
      await database.drop()
    }
  } else say('PostgreSQL does not answer at 127.0.0.1:5432 (TEST_DATABASE_URL): its rows are left out')
  return rows
}

/**
 * A start on an empty data directory inside a cgroup (v1 or v2) limited to `--limit` MiB with no
 * swap, then a page served: the kernel kills the process if it needs more.
 */
async function underLimit(version: Version) {
  const mib = Number(opts.limit)
  const v2 = existsSync('/sys/fs/cgroup/cgroup.controllers')
  const dir = v2
    ? `/sys/fs/cgroup/hearth-bench-${process.pid}-${version.name}`
    : `/sys/fs/cgroup/memory/hearth-bench-${process.pid}-${version.name}`
  try {
    mkdirSync(dir)
    if (v2) {
      writeFileSync(join(dir, 'memory.max'), String(mib * 1048576))
      writeFileSync(join(dir, 'memory.swap.max'), '0')
    } else {
      writeFileSync(join(dir, 'memory.limit_in_bytes'), String(mib * 1048576))
      if (existsSync(join(dir, 'memory.memsw.limit_in_bytes')))
        writeFileSync(join(dir, 'memory.memsw.limit_in_bytes'), String(mib * 1048576))
      writeFileSync(join(dir, 'memory.swappiness'), '0')
    }
  } catch (e) {
    return `no cgroup could be made here (${(e as Error).message}); run as root on a machine with cgroups`
  }
  const wrap = ['sh', '-c', `echo $$ > ${join(dir, 'cgroup.procs')} && exec "$@"`, 'sh']
  try {
    const server = await serve(version, { DATA_DIR: join(work, `${version.name}-limited`) }, wrap)
    const page = await get(`${server.url}/en/people`)
    const peak = v2
      ? readFileSync(join(dir, 'memory.peak'), 'utf8')
      : readFileSync(join(dir, 'memory.max_usage_in_bytes'), 'utf8')
    await server.stop()
    return `started and served /en/people (${page.status}); the cgroup's peak: ${(Number(peak) / 1048576).toFixed(0)} MiB (page cache included)`
  } catch (e) {
    const events = v2
      ? readFileSync(join(dir, 'memory.events'), 'utf8')
      : readFileSync(join(dir, 'memory.oom_control'), 'utf8')
    return `FAILED: ${(e as Error).message.split('\n')[0]} (${events.replace(/\n/g, ' ').trim()})`
  } finally {
    await sleep(200)
    try {
      rmdirSync(dir)
    } catch {}
  }
}

function baselineTree(ref: string): Version {
  const dir = join(work, 'baseline')
  execFileSync('git', ['worktree', 'add', '--detach', dir, ref], { cwd: root, stdio: 'ignore' })
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'))
  return { name: `baseline-${ref}`, dir }
}

async function main() {
  const versions: Version[] = [{ name: 'current', dir: root }]
  if (opts.baseline) versions.unshift(baselineTree(opts.baseline))
  const results = new Map<string, Row[]>()
  const limited = new Map<string, string>()
  for (const v of versions) {
    results.set(v.name, await measure(v))
    say(`${v.name}: first start under a ${opts.limit} MiB cgroup limit`)
    limited.set(v.name, await underLimit(v))
  }
  const mib = (n: number | undefined) => (n === undefined ? '' : `${Math.round(n)} MiB`)
  const current = results.get('current')!
  const before = opts.baseline ? results.get(versions[0]!.name)! : undefined
  const head = [
    'moment',
    ...(before ? ['before: peak', 'before: after', 'before: process tree peak'] : []),
    'peak',
    'after',
    'process tree peak',
    'target (peak)',
    'result',
    'notes',
  ]
  const rows = current.map((r, i) => [
    r.moment,
    ...(before ? [mib(before[i]?.peak), mib(before[i]?.after), mib(before[i]?.tree)] : []),
    mib(r.peak),
    mib(r.after),
    mib(r.tree),
    r.target ? `≤ ${r.target} MiB` : '',
    r.target ? verdict(r.peak <= r.target) : '',
    [r.extra, before?.[i]?.extra ? `before: ${before[i]!.extra}` : ''].filter(Boolean).join('; '),
  ])
  process.stdout.write(`\n${table([head, ...rows])}\n\n`)
  for (const [name, line] of limited)
    process.stdout.write(`Under a ${opts.limit} MiB cgroup (${name}): ${line}\n`)
  if (before) {
    const ratio = (a: number, b: number) => (b ? (a / b).toFixed(2) : '')
    process.stdout.write(
      `\nRatios current/before, peak: first start ${ratio(current[0]!.peak, before[0]!.peak)}, restart ${ratio(current[1]!.peak, before[1]!.peak)}, idle ${ratio(current[2]!.peak, before[2]!.peak)}, load ${ratio(current[3]!.peak, before[3]!.peak)}\n`,
    )
  }
}

try {
  await main()
} finally {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  if (opts.baseline) {
    try {
      execFileSync('git', ['worktree', 'remove', '--force', join(work, 'baseline')], {
        cwd: root,
        stdio: 'ignore',
      })
    } catch {}
  }
  if (!opts.keep) rmSync(work, { recursive: true, force: true })
  else say(`kept ${work}`)
}
