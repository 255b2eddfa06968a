// Queries of volunteer roles, shifts and sign-ups. Takes a db or a transaction.
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { people } from '../people/people.schema.ts'
import { volunteerRoles, volunteerShifts, volunteerSignups } from './events.schema.ts'

export type VolunteerRole = typeof volunteerRoles.$inferSelect
export type VolunteerShift = typeof volunteerShifts.$inferSelect

/** An event's roles in order, each with its shifts by time. */
export async function selectRolesWithShifts(db: Db, eventId: string) {
  const roles = await db
    .select()
    .from(volunteerRoles)
    .where(eq(volunteerRoles.eventId, eventId))
    .orderBy(asc(volunteerRoles.position), asc(volunteerRoles.id))
  const shifts = roles.length
    ? await db
        .select()
        .from(volunteerShifts)
        .where(
          inArray(
            volunteerShifts.roleId,
            roles.map((r) => r.id),
          ),
        )
        .orderBy(asc(volunteerShifts.startsAt), asc(volunteerShifts.id))
    : []
  return roles.map((role) => ({ role, shifts: shifts.filter((s) => s.roleId === role.id) }))
}

/** Who signed up for these shifts, in the order they did. */
export const selectSignups = (db: Db, shiftIds: string[]) =>
  shiftIds.length
    ? db
        .select({
          id: volunteerSignups.id,
          shiftId: volunteerSignups.shiftId,
          person: {
            id: people.id,
            handle: people.handle,
            nameZh: people.nameZh,
            nameEn: people.nameEn,
            avatarUrl: people.avatarUrl,
            avatar: people.avatar,
          },
        })
        .from(volunteerSignups)
        .innerJoin(people, eq(people.id, volunteerSignups.personId))
        .where(inArray(volunteerSignups.shiftId, shiftIds))
        .orderBy(asc(volunteerSignups.createdAt), asc(volunteerSignups.id))
    : Promise.resolve([])

export async function insertRole(db: Db, row: typeof volunteerRoles.$inferInsert) {
  const [inserted] = await db.insert(volunteerRoles).values(row).returning()
  return inserted!
}

/** The next position for a new role of the event: after the others. */
export async function nextRolePosition(db: Db, eventId: string) {
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(${volunteerRoles.position}) + 1, 0)::int` })
    .from(volunteerRoles)
    .where(eq(volunteerRoles.eventId, eventId))
  return Number(row!.n)
}

/** Removing a role removes its shifts and their sign-ups (the foreign keys cascade). */
export const deleteRole = (db: Db, eventId: string, roleId: string) =>
  db
    .delete(volunteerRoles)
    .where(and(eq(volunteerRoles.id, roleId), eq(volunteerRoles.eventId, eventId)))
    .returning({ id: volunteerRoles.id })

export async function selectRole(db: Db, eventId: string, roleId: string) {
  const [row] = await db
    .select()
    .from(volunteerRoles)
    .where(and(eq(volunteerRoles.id, roleId), eq(volunteerRoles.eventId, eventId)))
  return row
}

export async function insertShift(db: Db, row: typeof volunteerShifts.$inferInsert) {
  const [inserted] = await db.insert(volunteerShifts).values(row).returning()
  return inserted!
}

/**
 * A shift of this event with its role, its row locked (`for update`) when `lock` is set: every
 * sign-up for it is decided under this lock, so its places are never given twice.
 */
export async function selectShift(
  db: Db,
  eventId: string,
  shiftId: string,
  options: { lock?: boolean } = {},
) {
  const query = db
    .select({ shift: volunteerShifts, role: volunteerRoles })
    .from(volunteerShifts)
    .innerJoin(volunteerRoles, eq(volunteerRoles.id, volunteerShifts.roleId))
    .where(and(eq(volunteerShifts.id, shiftId), eq(volunteerRoles.eventId, eventId)))
  const [row] = options.lock ? await query.for('update', { of: volunteerShifts }) : await query
  return row
}

export const deleteShift = (db: Db, shiftId: string) =>
  db.delete(volunteerShifts).where(eq(volunteerShifts.id, shiftId))

/** How many people a shift has, and whether `personId` is one of them. */
export async function countSignups(db: Db, shiftId: string, personId: string) {
  const [row] = await db
    .select({
      taken: sql<number>`count(*)::int`,
      mine: sql<boolean>`coalesce(bool_or(${volunteerSignups.personId} = ${personId}), false)`,
    })
    .from(volunteerSignups)
    .where(eq(volunteerSignups.shiftId, shiftId))
  return { taken: Number(row!.taken), mine: Boolean(row!.mine) }
}

export const insertSignup = (db: Db, shiftId: string, personId: string, at: Date) =>
  db.insert(volunteerSignups).values({ shiftId, personId, createdAt: at })

export const deleteSignup = (db: Db, shiftId: string, personId: string) =>
  db
    .delete(volunteerSignups)
    .where(and(eq(volunteerSignups.shiftId, shiftId), eq(volunteerSignups.personId, personId)))
    .returning({ id: volunteerSignups.id })
