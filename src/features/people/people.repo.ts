import { and, asc, count, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../platform/db/client.ts'
import type { HeldRole } from '../access/index.ts'
import { people, roleGrants, sigs } from './people.schema.ts'

export type Person = typeof people.$inferSelect
export type NewPerson = typeof people.$inferInsert
export type Sig = typeof sigs.$inferSelect

/** isListed in people.rules.ts, as SQL. */
const listed = or(eq(people.profilePublic, true), eq(people.publiclyCredited, true))

const matches = (q: string) => {
  const pattern = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`
  return or(
    ilike(people.handle, pattern),
    ilike(people.nameZh, pattern),
    ilike(people.nameEn, pattern),
    ilike(people.githubLogin, pattern),
    ilike(people.cityZh, pattern),
    ilike(people.cityEn, pattern),
  )
}

/** A person's current roles as JSON, for a select over `people`. */
const currentRolesOf = (db: Db) =>
  db
    .select({
      roles: sql`json_agg(json_build_object('role', ${roleGrants.role}, 'sigId', ${roleGrants.sigId})
        order by ${roleGrants.grantedAt}, ${roleGrants.id})`,
    })
    .from(roleGrants)
    .where(and(eq(roleGrants.personId, people.id), isNull(roleGrants.endedAt)))

/**
 * One page of people with their current roles and the total, in one query: on PGlite every query
 * pays a fixed cost (several protocol round trips into the engine), so one beats three.
 */
export async function selectPeople(
  db: Db,
  options: { q?: string | undefined; limit: number; offset: number; includePrivate?: boolean },
) {
  const where = and(options.q ? matches(options.q) : undefined, options.includePrivate ? undefined : listed)
  const currentRoles = currentRolesOf(db)
  const rows = await db
    .select({
      person: people,
      total: sql<number>`count(*) over ()`.mapWith(Number),
      roles: sql<HeldRole[]>`coalesce((${currentRoles}), '[]'::json)`,
    })
    .from(people)
    .where(where)
    .orderBy(asc(sql`coalesce(${people.nameEn}, ${people.nameZh}, ${people.handle})`), asc(people.id))
    .limit(options.limit)
    .offset(options.offset)
  // A page past the end has no rows to carry the total.
  const total =
    rows[0]?.total ??
    (options.offset > 0 ? ((await db.select({ n: count() }).from(people).where(where))[0]?.n ?? 0) : 0)
  return { rows: rows.map((r) => ({ ...r.person, roles: r.roles })), total }
}

/** These people with their current roles, in the order of `ids` (a search's ranking). */
export async function selectPeopleByIds(db: Db, ids: string[]) {
  if (!ids.length) return []
  const rows = await db
    .select({
      person: people,
      roles: sql<HeldRole[]>`coalesce((${currentRolesOf(db)}), '[]'::json)`,
    })
    .from(people)
    .where(inArray(people.id, ids))
  const byId = new Map(rows.map((r) => [r.person.id, { ...r.person, roles: r.roles }]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

export const countPeople = async (db: Db) => (await db.select({ n: count() }).from(people))[0]?.n ?? 0
export const countListedPeople = async (db: Db) =>
  (await db.select({ n: count() }).from(people).where(listed))[0]?.n ?? 0

export async function findPersonById(db: Db, id: string) {
  return (await db.select().from(people).where(eq(people.id, id)))[0]
}
export async function findPersonByHandle(db: Db, handle: string) {
  return (await db.select().from(people).where(sql`lower(${people.handle}) = lower(${handle})`))[0]
}
/**
 * The person a name someone gives stands for: their handle on this site, else the GitHub login
 * they signed in with (a handle wins, as handles are unique and logins may be stale).
 */
export async function findPersonByHandleOrLogin(db: Db, name: string) {
  return (
    (await findPersonByHandle(db, name)) ??
    (await db.select().from(people).where(sql`lower(${people.githubLogin}) = lower(${name})`).limit(1))[0]
  )
}
export async function findPersonByEmail(db: Db, email: string) {
  return (await db.select().from(people).where(sql`lower(${people.email}) = lower(${email})`))[0]
}
export async function findPersonByGithubId(db: Db, githubId: number) {
  return (await db.select().from(people).where(eq(people.githubId, githubId)))[0]
}
export async function handleTaken(db: Db, handle: string, exceptId?: string) {
  const row = await findPersonByHandle(db, handle)
  return Boolean(row && row.id !== exceptId)
}

export async function insertPerson(db: Db, person: NewPerson) {
  const [row] = await db.insert(people).values(person).returning()
  return row!
}

export async function updatePerson(db: Db, id: string, changes: Partial<NewPerson>) {
  const [row] = await db.update(people).set(changes).where(eq(people.id, id)).returning()
  return row
}

/** The roles each of `personIds` holds now, in the order of `personIds`. */
export async function selectCurrentRolesOf(db: Db, personIds: readonly string[]) {
  const rows = await db
    .select({ personId: roleGrants.personId, role: roleGrants.role, sigId: roleGrants.sigId })
    .from(roleGrants)
    .where(and(inArray(roleGrants.personId, [...personIds]), isNull(roleGrants.endedAt)))
  const held = new Map(
    personIds.map((id) => [id, [] as Pick<typeof roleGrants.$inferSelect, 'role' | 'sigId'>[]]),
  )
  for (const { personId, ...role } of rows) held.get(personId)!.push(role)
  return personIds.map((id) => held.get(id)!)
}

const granter = alias(people, 'granter')
const ender = alias(people, 'ender')

/** Who holds one of `roles` in a SIG now. */
export async function selectSigRoleHolders(db: Db, sigId: string, roles: string[]) {
  const rows = await db
    .select({ personId: roleGrants.personId })
    .from(roleGrants)
    .where(and(eq(roleGrants.sigId, sigId), inArray(roleGrants.role, roles), isNull(roleGrants.endedAt)))
  return [...new Set(rows.map((r) => r.personId))]
}

export async function selectRoleGrants(db: Db, personId: string) {
  return db
    .select({
      grant: roleGrants,
      sig: sigs,
      grantedBy: { id: granter.id, handle: granter.handle, nameZh: granter.nameZh, nameEn: granter.nameEn },
      endedBy: { id: ender.id, handle: ender.handle, nameZh: ender.nameZh, nameEn: ender.nameEn },
    })
    .from(roleGrants)
    .leftJoin(sigs, eq(sigs.id, roleGrants.sigId))
    .leftJoin(granter, eq(granter.id, roleGrants.grantedBy))
    .leftJoin(ender, eq(ender.id, roleGrants.endedBy))
    .where(eq(roleGrants.personId, personId))
    .orderBy(asc(roleGrants.grantedAt))
}
export type RoleGrantRow = Awaited<ReturnType<typeof selectRoleGrants>>[number]

export async function findRoleGrant(db: Db, id: string) {
  return (await db.select().from(roleGrants).where(eq(roleGrants.id, id)))[0]
}

export async function insertRoleGrant(db: Db, grant: typeof roleGrants.$inferInsert) {
  const [row] = await db.insert(roleGrants).values(grant).returning()
  return row!
}

export async function endRoleGrant(db: Db, id: string, by: string | null, at: Date, reason: string | null) {
  const [row] = await db
    .update(roleGrants)
    .set({ endedAt: at, endedBy: by, endReason: reason })
    .where(and(eq(roleGrants.id, id), isNull(roleGrants.endedAt)))
    .returning()
  return row
}

export const selectSigs = (db: Db) => db.select().from(sigs).orderBy(asc(sigs.createdAt))
export async function findSigById(db: Db, id: string) {
  return (await db.select().from(sigs).where(eq(sigs.id, id)))[0]
}
export async function findSigBySlug(db: Db, slug: string) {
  return (await db.select().from(sigs).where(eq(sigs.slug, slug)))[0]
}
export async function insertSig(db: Db, sig: typeof sigs.$inferInsert) {
  const [row] = await db.insert(sigs).values(sig).onConflictDoNothing({ target: sigs.slug }).returning()
  return row ?? (await findSigBySlug(db, sig.slug))!
}

/** Names, addresses and languages of people to name in a history or to tell something. */
export const selectContacts = (db: Db, ids: string[]) =>
  ids.length
    ? db
        .select({
          id: people.id,
          handle: people.handle,
          nameZh: people.nameZh,
          nameEn: people.nameEn,
          email: people.email,
          locale: people.locale,
        })
        .from(people)
        .where(inArray(people.id, ids))
    : Promise.resolve([])

/** Every role grant with its SIG, for titles across the community. */
export const selectAllGrants = (db: Db) =>
  db.select({ grant: roleGrants, sig: sigs }).from(roleGrants).leftJoin(sigs, eq(sigs.id, roleGrants.sigId))
