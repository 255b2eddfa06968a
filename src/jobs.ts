import { forgetExpiredSignIns } from './features/accounts/index.ts'
import { reconcileActivity, refreshActivityRollups } from './features/activity/index.ts'
import { authoriseGithub, remindReviewers } from './features/applications/index.ts'
import { runWaitingArticleImports } from './features/articles/articles.import.ts'
import { reviewChapterHealth } from './features/chapters/index.ts'
import { sendReminders } from './features/events/events.registrations.ts'
import { askChaptersToAttend } from './features/meetings/index.ts'
import {
  announcers,
  forgetOldWindows,
  publishDueEpisodes,
  runWaitingImports,
} from './features/podcast/index.ts'
import { remindUnconfirmedSpeakers } from './features/programme/programme.proposals.ts'
import { catchUp } from './features/search/index.ts'
import { signWebhook } from './features/webhooks/index.ts'
import type { Deps } from './platform/deps.ts'
import { forgetOldAttempts } from './platform/http/rate-limit.ts'
import type { JobDefinition } from './platform/jobs/jobs.ts'
import { deliverPendingMail, type Mailer } from './platform/mail/mail.ts'
import { deliverPendingRequests } from './platform/outbox/http.ts'

/** Every background job of the app, with the cron sweep that catches anything a nudge missed. */
export function jobDefinitions(deps: Omit<Deps, 'jobs'> & { mailer: Mailer }): JobDefinition[] {
  return [
    { name: 'mail-deliver', cron: '* * * * *', nudged: true, run: () => deliverPendingMail(deps) },
    {
      name: 'outbound-deliver',
      cron: '* * * * *',
      nudged: true,
      run: () =>
        deliverPendingRequests(deps, {
          github: authoriseGithub(deps),
          webhook: signWebhook(deps),
          ...announcers(deps),
        }),
    },
    {
      name: 'housekeeping',
      cron: '17 * * * *',
      run: async () => {
        await forgetExpiredSignIns(deps)
        await forgetOldAttempts(deps.db, deps.now())
        await forgetOldWindows(deps.db, deps.now())
      },
    },
    // Cheap when nothing changed: a build after install or restore, the daily window slide,
    // and a recount of the monthly contributors new contributions touched.
    { name: 'activity-rollups', cron: '* * * * *', run: () => refreshActivityRollups(deps) },
    // Daily; the mail it writes leaves with the next minute's mail-deliver sweep.
    {
      name: 'application-reminders',
      cron: '23 7 * * *',
      run: () => remindReviewers({ ...deps, jobs: { nudge: async () => {} } }),
    },
    // Daily: flags chapters near their deadline, turns inactive those past it, tells their leaders.
    {
      name: 'chapter-health',
      cron: '41 6 * * *',
      run: () => reviewChapterHealth({ ...deps, jobs: { nudge: async () => {} } }),
    },
    // Items the triggers queued since (searches catch up too; this covers a quiet site).
    { name: 'search-reindex', cron: '* * * * *', run: () => catchUp(deps, 1000) },
    // Scheduled episodes go out within a minute and a half of their time (cron, then the queue looked at every half minute).
    { name: 'podcast-publish', cron: '* * * * *', run: () => publishDueEpisodes(deps) },
    // Shows moving in from their feeds; a run imports for a few minutes, the next one continues.
    { name: 'podcast-import', cron: '* * * * *', nudged: true, run: () => runWaitingImports(deps) },
    // Markdown posts uploaded in the console; the page shows how far the import got.
    { name: 'article-import', cron: '* * * * *', nudged: true, run: () => runWaitingArticleImports(deps) },
    // Each minute: a day before an event, and an hour before online ones with the link; each once.
    { name: 'event-reminders', cron: '* * * * *', run: () => sendReminders(deps) },
    // Hourly: accepted speakers who have not confirmed within three days are reminded, each once.
    {
      name: 'speaker-confirmations',
      cron: '37 * * * *',
      run: () => remindUnconfirmedSpeakers({ ...deps, jobs: { nudge: async () => {} } }),
    },
    // Daily: asks chapters to send someone to a meeting within a week that discusses them.
    {
      name: 'meeting-attendance',
      cron: '5 8 * * *',
      run: () => askChaptersToAttend({ ...deps, jobs: { nudge: async () => {} } }),
    },
    // Catches up on what webhooks missed; needs a token (GitHub's anonymous limit is 60 an hour).
    ...(deps.config.githubToken
      ? [
          {
            name: 'activity-reconcile',
            cron: '*/30 * * * *',
            run: () =>
              reconcileActivity(deps, {
                github: { apiUrl: deps.config.githubApiUrl, token: deps.config.githubToken },
              }),
          },
        ]
      : []),
  ]
}
