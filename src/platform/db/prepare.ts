// Preparing the embedded database in a process of its own. PGlite's WebAssembly heap grows with
// the work it does and never gives memory back: creating the cluster (initdb runs a second
// PostgreSQL instance and copies its files over, so a first start unpacks a cluster made ahead
// of time instead: empty-cluster.ts), applying migrations, loading the demo and
// building the statistics rollups took a first start to 1.1 GB resident for good. Done in a
// child process that exits, that memory returns to the system, and the long-running server opens
// a directory that only needs reading (`npm run bench:memory`, bench/README.md).
import { fork } from 'node:child_process'
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Config, ConfigError, loadConfig } from '../config.ts'
import type { Logger } from '../log.ts'
import { emptyClusterFile, emptyClusterProblem, unpackEmptyCluster } from './empty-cluster.ts'
import { DataDirLockedError, lockDataDir } from './lock.ts'
import { expectedMigrations } from './migrations.ts'

export class PrepareFailedError extends Error {
  constructor(reason: string) {
    super(`Preparing the embedded database failed: ${reason}`)
    this.name = 'PrepareFailedError'
  }
}

/** What the preparing process reports to the server before it exits. */
export type Prepared = { demoLoaded: boolean; peakRssKb: number }

const markerFile = (dataDir: string) => join(dataDir, 'prepared.json')

/**
 * Whether the heavy work is still to do: no cluster yet, migrations this version has not applied,
 * or a restore since (it removes the mark). Only decides where that work runs: the server
 * applies migrations itself in any case, so a wrong mark costs memory, never correctness.
 */
export function needsPreparing(dataDir: string, demo: boolean): boolean {
  if (!existsSync(join(dataDir, 'pg', 'PG_VERSION'))) return true
  try {
    const mark = JSON.parse(readFileSync(markerFile(dataDir), 'utf8')) as {
      migrations: number
      demo: boolean
    }
    return mark.migrations !== expectedMigrations() || (demo && !mark.demo)
  } catch {
    return true
  }
}

export function markPrepared(dataDir: string, demo: boolean) {
  writeFileSync(markerFile(dataDir), `${JSON.stringify({ migrations: expectedMigrations(), demo })}\n`)
}

/** Called after a restore: the next start counts rollups again, in a child. */
export function forgetPrepared(dataDir: string) {
  rmSync(markerFile(dataDir), { force: true })
}

/**
 * Creates the PostgreSQL cluster in `pg.new` and renames it to `pg` once it is complete, so a
 * process killed half-way through leaves no half-made cluster that PGlite would refuse to open
 * (a directory without PG_VERSION holds no data: it is replaced). The cluster is the empty one
 * shipped with Hearth (empty-cluster.ts); initdb makes it only when that one does not fit the
 * PGlite or the settings in use, at the cost of 550–650 MiB for a moment.
 */
export async function createCluster(
  dataDir: string,
  log: Pick<Logger, 'info' | 'warn'>,
  archive = emptyClusterFile,
): Promise<'unpacked' | 'initdb' | 'existing'> {
  const target = join(dataDir, 'pg')
  if (existsSync(join(target, 'PG_VERSION'))) return 'existing'
  const lock = lockDataDir(dataDir)
  try {
    const fresh = join(dataDir, 'pg.new')
    rmSync(fresh, { recursive: true, force: true })
    // Loaded here, not at the top: the server decides whether to prepare before it loads them.
    const { pgliteSettings, pgliteStartParams } = await import('./client.ts')
    const problem = emptyClusterProblem(pgliteSettings, archive)
    if (problem === undefined) await unpackEmptyCluster(fresh, archive)
    else {
      log.warn('creating the embedded database with initdb, which needs up to 650 MiB for a moment', {
        why: `the empty cluster shipped with Hearth does not fit: ${problem} (npm run db:empty-cluster makes it again)`,
      })
      // initdb writes the settings into postgresql.conf; its own bootstrap then uses them too.
      const { PGlite } = await import('@electric-sql/pglite')
      const pg = await PGlite.create({
        dataDir: fresh,
        startParams: pgliteStartParams,
        initDbStartParams: pgliteSettings.flatMap((s) => ['-c', s]),
      })
      await pg.close()
    }
    rmSync(target, { recursive: true, force: true })
    renameSync(fresh, target)
    return problem === undefined ? 'unpacked' : 'initdb'
  } finally {
    lock.release()
  }
}

type ChildFailure =
  | { kind: 'config'; problems: string[] }
  | { kind: 'locked'; message: string; pid: number }
  | { kind: 'other'; message: string }

/**
 * Runs `entry` (a module that prepares the directory and reports a `Prepared` over IPC) in a
 * child Node process with the same configuration and module hooks, and waits for it to exit.
 */
export async function prepareInChild(entry: string, dataDir: string, execArgv: string[]): Promise<Prepared> {
  // Without Node's compile cache (register.ts): it keeps every module's cached code in memory for
  // the life of the process (~10 MiB for the app), and on the first start after an upgrade it
  // also holds the caches it writes. This process runs once; its peak went 237–242 → 232–240 MiB
  // and the first start was no slower measurably (the server keeps the cache: ~0.5 s a start).
  const child = fork(entry, [], {
    execArgv,
    env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  let report: Prepared | undefined
  let failure: ChildFailure | undefined
  child.on('message', (m: { prepared?: Prepared; failure?: ChildFailure }) => {
    if (m.prepared) report = m.prepared
    if (m.failure) failure = m.failure
  })
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (c, s) => resolve([c, s]))
  })
  if (report && code === 0) return report
  // The same errors, and so the same messages and exit codes, as when the server opens it itself.
  if (failure?.kind === 'config') throw new ConfigError(failure.problems)
  if (failure?.kind === 'locked')
    throw Object.assign(new DataDirLockedError(dataDir, failure.pid), { message: failure.message })
  throw new PrepareFailedError(failure?.message ?? (signal ? `killed by ${signal}` : `exit code ${code}`))
}

/**
 * The server's V8 flags, and the module hooks for running from source if it was not started with
 * them. This process serves no requests, so it trades speed for memory where the server does not
 * (server-flags.ts says why the server keeps 4 MB semi-spaces): a young generation of 1 MB
 * semi-spaces, and `--optimize-for-size` (a heap that grows more slowly, collected sooner). Its
 * peak is mostly garbage not yet collected: 257–269 → 238–245 MiB over the same work.
 */
export function childExecArgv(execArgv: readonly string[] = process.execArgv): string[] {
  const register = join(import.meta.dirname, '../runtime/register.ts')
  const hooked = execArgv.some((a) => a.includes('register.ts'))
  const flags = execArgv.map((a) => (a === '--max-semi-space-size=4' ? '--max-semi-space-size=1' : a))
  const small = flags.includes('--optimize-for-size') ? [] : ['--optimize-for-size']
  return [...flags, ...small, ...(hooked ? [] : ['--import', register])]
}

const preparingEntry = join(import.meta.dirname, '../../prepare.ts')
let early: { dataDir: string; demo: boolean; prepared: Promise<Prepared> } | undefined

/**
 * Prepares the directory the environment names before `hearth serve` loads the rest of its
 * modules, and waits for it: the server holds ~85 MiB instead of ~160 MiB while the child is at its
 * peak, at the cost of loading those modules after the child (~0.4 s, on a first start only). A
 * failure, or a configuration error, is left for the server to report where it waits for it.
 */
export async function prepareEarly() {
  let config: Config
  try {
    config = loadConfig()
  } catch {
    return
  }
  if (config.databaseUrl || !needsPreparing(config.dataDir, config.demo)) return
  const prepared = prepareInChild(preparingEntry, config.dataDir, childExecArgv())
  early = { dataDir: config.dataDir, demo: config.demo, prepared }
  await prepared.catch(() => {})
}

/** The preparation the server waits for: the one started early, or one started now if needed. */
export function preparation(config: Config): Promise<Prepared> | undefined {
  const started = early
  early = undefined
  if (started && started.dataDir === config.dataDir && started.demo === config.demo) return started.prepared
  if (config.databaseUrl || !needsPreparing(config.dataDir, config.demo)) return undefined
  return prepareInChild(preparingEntry, config.dataDir, childExecArgv())
}
