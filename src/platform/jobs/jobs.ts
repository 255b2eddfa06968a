import type { Database } from '../db/client.ts'
import type { Logger } from '../log.ts'

export type JobHandler = () => Promise<unknown>
/** A job kind: its handler, and optionally a cron schedule that sweeps up anything a nudge missed. */
/**
 * A background job. `nudged`: services ask for it to run soon (mail, outgoing requests, imports),
 * so its queue is looked at every two seconds; the others run on their cron alone and are looked at
 * every half minute (each look is a statement, and on PGlite every statement takes the one thread).
 */
export type JobDefinition = { name: string; run: JobHandler; cron?: string; nudged?: boolean }

export type JobQueue = {
  /** Asks a worker to run a job soon; correctness never depends on it (the cron sweep catches up). */
  nudge(name: string): Promise<void>
}

export type JobRunner = JobQueue & { stop(): Promise<void> }

/** After a transaction that wrote to the outboxes: their jobs send it without waiting for the sweep. */
export async function sendSoon(jobs: JobQueue) {
  await jobs.nudge('mail-deliver')
  await jobs.nudge('outbound-deliver')
}

/** pg-boss on either backend: PGlite through its adapter, PostgreSQL through its own pool. */
export async function startJobs(database: Database, jobs: JobDefinition[], log: Logger): Promise<JobRunner> {
  // Loaded when jobs start: a first start's preparing process imports this module with the demo's
  // services but runs no job, and pg-boss is ~6 MiB resident (test/ops/memory.test.ts).
  const { fromPglite, PgBoss } = await import('pg-boss')
  const boss =
    database.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(database.pglite!), backend: 'pglite' })
      : new PgBoss({ connectionString: connectionStringOf(database), max: 3 })
  boss.on('error', (err) => log.error('job queue error', { err }))
  try {
    await boss.start()
    for (const job of jobs) {
      await boss.createQueue(job.name)
      await boss.work(job.name, { batchSize: 1, pollingIntervalSeconds: job.nudged ? 2 : 30 }, async () => {
        try {
          await job.run()
        } catch (err) {
          log.error('job failed', { job: job.name, err })
          throw err
        }
      })
      if (job.cron) await boss.schedule(job.name, job.cron)
    }
  } catch (err) {
    // Half started (the database went away mid-way): stop what runs, so a retry starts clean.
    await boss.stop({ graceful: false, close: database.kind === 'postgres' }).catch(() => {})
    throw err
  }
  // pg-boss keeps one nudge a second of a job (singletonSeconds): a crowd's nudges beyond that are
  // statements for nothing. They wait for the second to pass and go as one, so the last write of a
  // burst is still followed by a run.
  const sentAt = new Map<string, number>()
  const waiting = new Set<string>()
  let stopped = false
  const nudge = async (name: string): Promise<void> => {
    const wait = (sentAt.get(name) ?? 0) + 1000 - Date.now()
    if (wait > 0) {
      if (!waiting.has(name)) {
        waiting.add(name)
        setTimeout(() => {
          waiting.delete(name)
          if (!stopped) void nudge(name)
        }, wait).unref()
      }
      return
    }
    sentAt.set(name, Date.now())
    await boss
      .send(name, {}, { singletonKey: name, singletonSeconds: 1 })
      .catch((err) => log.warn('nudge failed', { job: name, err }))
  }
  return {
    nudge,
    async stop() {
      stopped = true
      await boss.stop({ graceful: true, timeout: 10_000, close: database.kind === 'postgres' })
    },
  }
}

function connectionStringOf(database: Database): string {
  const options = (database.pool as unknown as { options: { connectionString: string } }).options
  return options.connectionString
}

/** Runs jobs in the calling process right away; for tests and one-shot CLI commands. */
export function inlineJobs(jobs: JobDefinition[]): JobQueue {
  return {
    async nudge(name) {
      await jobs.find((j) => j.name === name)?.run()
    },
  }
}
