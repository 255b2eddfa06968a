// Every table, for drizzle-kit and for the typed database handle. Features read
// and write only their own tables, through their repo.
export * from '../../features/accounts/accounts.schema.ts'
export * from '../../features/activity/activity.reconcile.schema.ts'
export * from '../../features/activity/activity.rollups.schema.ts'
export * from '../../features/activity/activity.schema.ts'
export * from '../../features/applications/applications.schema.ts'
export * from '../../features/chapters/chapters.schema.ts'
export * from '../../features/people/people.schema.ts'
export * from '../../features/webhooks/webhooks.schema.ts'
export * from '../http/page-cache.schema.ts'
export * from '../http/rate-limit.schema.ts'
export * from '../mail/mail.schema.ts'
export * from '../outbox/http.schema.ts'
