import type { Config } from './config.ts'
import type { Db } from './db/client.ts'
import type { JobQueue } from './jobs/jobs.ts'
import type { Logger } from './log.ts'

/** What every service function receives; nothing is read from module globals. */
export type Deps = {
  config: Config
  db: Db
  now: () => Date
  jobs: JobQueue
  log: Logger
}
