// The child process that prepares the embedded database before the server opens it (see
// platform/db/prepare.ts for why): it creates the cluster, applies migrations, creates the
// founding SIG, loads the demo if asked and builds the statistics rollups, then exits, giving
// the memory PGlite grew back to the system. Configuration comes from the same environment.
import { loadDemo } from './demo.ts'
import { ensureActivityRollups } from './features/activity/index.ts'
import { ensureFoundingSig } from './features/people/people.demo.ts'
import { type Config, ConfigError, loadConfig } from './platform/config.ts'
import { migrate, openDatabase } from './platform/db/client.ts'
import { DataDirLockedError } from './platform/db/lock.ts'
import { createCluster, markPrepared, type Prepared } from './platform/db/prepare.ts'
import type { Deps } from './platform/deps.ts'
import { createLogger, type Logger } from './platform/log.ts'

/** What every start does once the schema is current; each step does nothing when already done. */
export async function settleDatabase(base: Pick<Deps, 'config' | 'db' | 'now' | 'log'>): Promise<boolean> {
  await ensureFoundingSig(base)
  const demoLoaded = base.config.demo ? await loadDemo(base) : false
  // Like a migration: once after an upgrade or a restore, before anything can write.
  await ensureActivityRollups(base)
  return demoLoaded
}

/**
 * PostgreSQL settings for this process only, each measured on its peak (`npm run bench:memory`):
 * - Half the server's shared buffers: PostgreSQL's shared memory is all touched when PGlite
 *   opens, and the migrations and demo need no more; PGlite open went from ~231 to ~207 MiB
 *   resident. The server keeps its 16 MB for reading (client.ts).
 * - No zero-filled WAL segments: the final CHECKPOINT starts a new 16 MB segment, and PGlite
 *   wrote its zeros through a 16 MiB buffer, +10 MiB at the very end. PostgreSQL recognises the
 *   end of the WAL by its page headers and checksums, not by zeros (the setting is meant for
 *   copy-on-write file systems).
 */
const preparingSettings = ['shared_buffers=8MB', 'wal_init_zero=off']

export async function prepareDataDir(config: Config, log: Logger): Promise<Prepared> {
  await createCluster(config.dataDir, log)
  const database = await openDatabase({
    kind: 'pglite',
    dataDir: config.dataDir,
    settings: preparingSettings,
  })
  let demoLoaded: boolean
  try {
    await migrate(database)
    demoLoaded = await settleDatabase({ config, db: database.db, now: () => new Date(), log })
  } finally {
    await database.close()
  }
  markPrepared(config.dataDir, config.demo)
  return { demoLoaded, peakRssKb: process.resourceUsage().maxRSS }
}

if (process.send && process.argv[1] === import.meta.filename) {
  const config = loadConfig()
  const log = createLogger(config.logLevel).child({ component: 'prepare' })
  try {
    const prepared = await prepareDataDir(config, log)
    process.send({ prepared })
  } catch (e) {
    // How a failure crosses to the server, which reports it as if it had happened there.
    const failure =
      e instanceof ConfigError
        ? { kind: 'config', problems: e.problems }
        : e instanceof DataDirLockedError
          ? { kind: 'locked', message: e.message, pid: e.pid }
          : (e as NodeJS.ErrnoException).syscall
            ? {
                kind: 'config',
                problems: [`DATA_DIR: cannot use ${config.dataDir} (${(e as Error).message})`],
              }
            : { kind: 'other', message: (e as Error).stack ?? String(e) }
    process.send({ failure })
    process.exitCode = 1
  }
  process.disconnect()
}
