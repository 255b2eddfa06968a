import { and, desc, eq, gt, inArray, isNull, lt } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { people } from '../people/people.schema.ts'
import { apiTokens, sessions, signInCodes } from './accounts.schema.ts'

export async function insertSession(db: Db, session: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(session)
}

/** What a request needs of the person behind a session or token. */
const viewerColumns = {
  id: people.id,
  handle: people.handle,
  nameZh: people.nameZh,
  nameEn: people.nameEn,
  avatarUrl: people.avatarUrl,
}

/** The live sessions among `ids`, with their people, in the order of `ids` (undefined where none). */
export async function findLiveSessions(db: Db, ids: readonly string[], now: Date) {
  const rows = await db
    .select({ session: { id: sessions.id, lastSeenAt: sessions.lastSeenAt }, person: viewerColumns })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .where(and(inArray(sessions.id, [...ids]), gt(sessions.expiresAt, now)))
  const byId = new Map(rows.map((r) => [r.session.id, r]))
  return ids.map((id) => byId.get(id))
}

export async function touchSessions(db: Db, ids: readonly string[], now: Date) {
  await db
    .update(sessions)
    .set({ lastSeenAt: now })
    .where(inArray(sessions.id, [...ids]))
}

export const deleteSession = (db: Db, id: string) => db.delete(sessions).where(eq(sessions.id, id))
export const deleteSessionsOf = (db: Db, personId: string) =>
  db.delete(sessions).where(eq(sessions.personId, personId))
export const deleteExpiredSessions = (db: Db, now: Date) =>
  db.delete(sessions).where(lt(sessions.expiresAt, now))

export const selectSessionsOf = (db: Db, personId: string, now: Date) =>
  db
    .select()
    .from(sessions)
    .where(and(eq(sessions.personId, personId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt))

export async function insertSignInCode(db: Db, code: typeof signInCodes.$inferInsert) {
  await db.insert(signInCodes).values(code)
}

/** The address's codes not yet used, locked so that one code signs in once even when sent twice at once. */
export const lockUnusedSignInCodes = (db: Db, email: string) =>
  db
    .select()
    .from(signInCodes)
    .where(and(eq(signInCodes.email, email), isNull(signInCodes.consumedAt)))
    .for('update')

export const consumeSignInCodes = (db: Db, ids: string[], now: Date) =>
  db.update(signInCodes).set({ consumedAt: now }).where(inArray(signInCodes.id, ids))

export const deleteStaleSignInCodes = (db: Db, now: Date) =>
  db.delete(signInCodes).where(lt(signInCodes.expiresAt, new Date(now.getTime() - 86_400_000)))

export async function insertApiToken(db: Db, token: typeof apiTokens.$inferInsert) {
  const [row] = await db.insert(apiTokens).values(token).returning()
  return row!
}

/** The live tokens among `hashes`, with their people, in the order of `hashes` (undefined where none). */
export async function findLiveApiTokens(db: Db, hashes: readonly string[]) {
  const rows = await db
    .select({
      token: { id: apiTokens.id, tokenHash: apiTokens.tokenHash, lastUsedAt: apiTokens.lastUsedAt },
      person: viewerColumns,
    })
    .from(apiTokens)
    .innerJoin(people, eq(people.id, apiTokens.personId))
    .where(and(inArray(apiTokens.tokenHash, [...hashes]), isNull(apiTokens.revokedAt)))
  const byHash = new Map(rows.map((r) => [r.token.tokenHash, r]))
  return hashes.map((hash) => byHash.get(hash))
}

export async function touchApiTokens(db: Db, ids: readonly string[], now: Date) {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(inArray(apiTokens.id, [...ids]))
}

export const selectApiTokensOf = (db: Db, personId: string) =>
  db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.personId, personId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt))

export async function revokeApiToken(db: Db, id: string, personId: string, now: Date) {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.personId, personId), isNull(apiTokens.revokedAt)))
    .returning()
  return row
}
