import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { openStates } from './applications.rules.ts'
import { applicationEvents, applicationInvitations, applications } from './applications.schema.ts'

export type ApplicationRow = typeof applications.$inferSelect
export type ApplicationEvent = typeof applicationEvents.$inferSelect
export type InvitationRow = typeof applicationInvitations.$inferSelect

export async function insertApplication(db: Db, row: typeof applications.$inferInsert) {
  const [inserted] = await db.insert(applications).values(row).returning()
  return inserted!
}

/** The application, locked until the transaction ends: moves and votes on it take turns. */
export async function selectApplicationForUpdate(db: Db, id: string) {
  const [row] = await db.select().from(applications).where(eq(applications.id, id)).for('update')
  return row
}

/** The applicant's application of this type and subject that is still open, if any. */
export async function selectOpenApplication(
  db: Db,
  key: { applicantId: string; type: string; subjectId: string | null },
) {
  const [row] = await db
    .select()
    .from(applications)
    .where(
      and(
        eq(applications.applicantId, key.applicantId),
        eq(applications.type, key.type),
        key.subjectId === null ? isNull(applications.subjectId) : eq(applications.subjectId, key.subjectId),
        inArray(applications.state, [...openStates]),
      ),
    )
  return row
}

export async function selectApplication(db: Db, id: string) {
  const [row] = await db.select().from(applications).where(eq(applications.id, id))
  return row
}

export const updateApplication = (db: Db, id: string, set: Partial<typeof applications.$inferInsert>) =>
  db.update(applications).set(set).where(eq(applications.id, id))

export const insertEvent = (db: Db, event: typeof applicationEvents.$inferInsert) =>
  db.insert(applicationEvents).values(event)

export const selectEvents = (db: Db, applicationId: string) =>
  db
    .select()
    .from(applicationEvents)
    .where(eq(applicationEvents.applicationId, applicationId))
    .orderBy(asc(applicationEvents.at), asc(applicationEvents.id))

export const selectApplicationsOf = (db: Db, applicantId: string) =>
  db
    .select()
    .from(applications)
    .where(eq(applications.applicantId, applicantId))
    .orderBy(desc(applications.createdAt))

/** Applications of the given types waiting for reviewers, oldest first. */
export const selectWaiting = (db: Db, types: string[]) =>
  db
    .select()
    .from(applications)
    .where(
      and(inArray(applications.type, types), inArray(applications.state, ['submitted', 'info_requested'])),
    )
    .orderBy(asc(applications.submittedAt))

/** The application opened as this GitHub issue, if any. */
export async function selectByIssue(db: Db, repoName: string, issue: number) {
  const [row] = await db
    .select()
    .from(applications)
    .where(
      and(sql`lower(${applications.githubRepo}) = lower(${repoName})`, eq(applications.githubIssue, issue)),
    )
  return row
}

/** The person a GitHub account belongs to: signed in with it, or linked by an administrator. */
export async function selectPersonByGithubId(db: Db, githubId: number): Promise<string | undefined> {
  const result = (await db.execute(sql`select id from people where github_id = ${githubId}
      union all select person_id from github_accounts where github_id = ${githubId} and person_id is not null
      limit 1`)) as unknown as { rows: { id: string }[] }
  return result.rows[0]?.id
}

export const selectInvitations = (db: Db, applicationId: string) =>
  db
    .select()
    .from(applicationInvitations)
    .where(eq(applicationInvitations.applicationId, applicationId))
    .orderBy(asc(applicationInvitations.createdAt), asc(applicationInvitations.id))

export async function insertInvitation(db: Db, row: typeof applicationInvitations.$inferInsert) {
  const [inserted] = await db.insert(applicationInvitations).values(row).returning()
  return inserted!
}

export async function updateInvitation(
  db: Db,
  id: string,
  changes: Partial<typeof applicationInvitations.$inferInsert>,
) {
  await db.update(applicationInvitations).set(changes).where(eq(applicationInvitations.id, id))
}

export async function selectInvitation(db: Db, id: string) {
  const [row] = await db.select().from(applicationInvitations).where(eq(applicationInvitations.id, id))
  return row
}

/** A person's invitations with the applications they come from, newest first. */
export const selectInvitationsOf = (db: Db, personId: string) =>
  db
    .select({ invitation: applicationInvitations, application: applications })
    .from(applicationInvitations)
    .innerJoin(applications, eq(applications.id, applicationInvitations.applicationId))
    .where(eq(applicationInvitations.personId, personId))
    .orderBy(desc(applicationInvitations.createdAt))
