import type { Config } from './config.ts'
import type { Db } from './db/client.ts'
import type { JobQueue } from './jobs/jobs.ts'
import type { Logger } from './log.ts'
import type { CommunityNames } from './views/brand.ts'

/** What every service function receives; nothing is read from module globals. */
export type Deps = {
  config: Config
  db: Db
  now: () => Date
  jobs: JobQueue
  log: Logger
  /**
   * The community's name in each language, read through the handle given (a transaction's, inside
   * one), for what is written in its name: mails, issue comments, feeds. The community feature
   * fills it at the composition root, so features below it need not import it.
   */
  communityNames: (db: Db) => Promise<CommunityNames>
}
