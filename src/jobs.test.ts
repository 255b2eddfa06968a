import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { jobDefinitions } from './jobs.ts'
import { loadConfig } from './platform/config.ts'
import type { Db } from './platform/db/client.ts'
import { createLogger } from './platform/log.ts'
import type { Mailer } from './platform/mail/mail.ts'

const jobsWith = (env: Record<string, string>) =>
  jobDefinitions({
    config: loadConfig({ DATA_DIR: '/nonexistent', LOG_LEVEL: 'silent', ...env }, '/nonexistent/.env'),
    db: {} as Db,
    now: () => new Date(),
    log: createLogger('silent'),
    mailer: {} as Mailer,
    communityNames: async () => ({ zh: null, en: null }),
  }).map((j) => `${j.name} ${j.cron}`)

describe('background jobs', () => {
  it('runs the sweeps, and reconciles through the GitHub API every 30 minutes only with a token (anonymous quota is 60 an hour)', () => {
    assert.deepEqual(jobsWith({}), [
      'mail-deliver * * * * *',
      'outbound-deliver * * * * *',
      'housekeeping 17 * * * *',
      'activity-rollups * * * * *',
      'application-reminders 23 7 * * *',
      'chapter-health 41 6 * * *',
      'search-reindex * * * * *',
      'podcast-publish * * * * *',
      'podcast-import * * * * *',
      'article-import * * * * *',
      'event-reminders * * * * *',
      'speaker-confirmations 37 * * * *',
      'meeting-attendance 5 8 * * *',
    ])
    assert.deepEqual(jobsWith({ GITHUB_TOKEN: 'ghp_test' }).at(-1), 'activity-reconcile */30 * * * *')
  })
})
