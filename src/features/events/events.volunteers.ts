// Volunteers at events: organisers set up roles and shifts and see who covers what; people sign
// up for a shift on the event's page. A shift's places are decided in the database: the shift's
// row is locked while its sign-ups are counted, so two people asking for its last place at once
// (on one app server or several) get it once.
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import { isUuid } from '../../platform/http/edge-input.ts'
import { type Actor, authorize, can } from '../access/index.ts'
import * as doorRepo from './events.checkin.repo.ts'
import type { VolunteerRoleInput, VolunteerShiftInput } from './events.volunteers.inputs.ts'
import * as repo from './events.volunteers.repo.ts'
import {
  coverage,
  mayWithdraw,
  placesLeft,
  type SignUpRefusal,
  signUpRefusal,
} from './events.volunteers.rules.ts'

async function findEvent(deps: Pick<Deps, 'db'>, where: { id: string } | { slug: string }) {
  const found = 'id' in where && !isUuid(where.id) ? undefined : await doorRepo.selectEvent(deps.db, where)
  if (!found) throw new DomainError('notFoundRecord', 'No such event')
  return found
}

/** What `event.organise` weighs for this actor and event. */
async function organiseFacts(deps: Pick<Deps, 'db'>, actor: NonNullable<Actor>, found: doorRepo.DoorEvent) {
  const facts = await doorRepo.selectDoorFacts(deps.db, found.event, actor.personId)
  return {
    action: 'event.organise' as const,
    isOrganiser: facts.isOrganiser,
    onChapterTeam: facts.onChapterTeam,
    sigId: found.sigId,
  }
}

/** The event, once the actor is found to be someone who organises it. */
async function organisedEvent(deps: Pick<Deps, 'db'>, actor: Actor, eventId: string) {
  if (!actor) throw new DomainError('unauthenticated')
  const found = await findEvent(deps, { id: eventId })
  authorize(actor, await organiseFacts(deps, actor, found))
  return found.event
}

/** An event's roles and shifts with who signed up for each, and what every shift still lacks. */
async function rolesOf(deps: Pick<Deps, 'db'>, eventId: string) {
  const roles = await repo.selectRolesWithShifts(deps.db, eventId)
  const signups = await repo.selectSignups(
    deps.db,
    roles.flatMap((r) => r.shifts.map((s) => s.id)),
  )
  return roles.map(({ role, shifts }) => ({
    role,
    shifts: shifts.map((shift) => {
      const people = signups.filter((s) => s.shiftId === shift.id).map((s) => s.person)
      return { shift, people, taken: people.length, left: placesLeft(shift.slots, people.length) }
    }),
  }))
}

/** The organisers' view: every role and shift, who covers it, and what is missing overall. */
export async function volunteerBoard(deps: Pick<Deps, 'db'>, actor: Actor, eventId: string) {
  const event = await organisedEvent(deps, actor, eventId)
  const roles = await rolesOf(deps, event.id)
  return {
    event,
    roles,
    coverage: coverage(roles.flatMap((r) => r.shifts.map((s) => ({ slots: s.shift.slots, taken: s.taken })))),
  }
}

export async function addVolunteerRole(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  eventId: string,
  input: VolunteerRoleInput,
) {
  const event = await organisedEvent(deps, actor, eventId)
  return deps.db.transaction(async (tx) =>
    repo.insertRole(tx, { eventId: event.id, ...input, position: await repo.nextRolePosition(tx, event.id) }),
  )
}

/** Removes a role with its shifts and who signed up for them. */
export async function removeVolunteerRole(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  eventId: string,
  roleId: string,
) {
  const event = await organisedEvent(deps, actor, eventId)
  if (!isUuid(roleId) || !(await repo.deleteRole(deps.db, event.id, roleId)).length)
    throw new DomainError('notFoundRecord')
}

export async function addVolunteerShift(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  eventId: string,
  roleId: string,
  input: VolunteerShiftInput,
) {
  const event = await organisedEvent(deps, actor, eventId)
  const role = isUuid(roleId) ? await repo.selectRole(deps.db, event.id, roleId) : undefined
  if (!role) throw new DomainError('notFoundRecord')
  return repo.insertShift(deps.db, { roleId: role.id, ...input })
}

export async function removeVolunteerShift(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  eventId: string,
  shiftId: string,
) {
  const event = await organisedEvent(deps, actor, eventId)
  const found = isUuid(shiftId) ? await repo.selectShift(deps.db, event.id, shiftId) : undefined
  if (!found) throw new DomainError('notFoundRecord')
  await repo.deleteShift(deps.db, found.shift.id)
}

/** An organiser takes someone off a shift (at any time: plans change on the day). */
export async function removeVolunteer(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  eventId: string,
  shiftId: string,
  personId: string,
) {
  const event = await organisedEvent(deps, actor, eventId)
  const found =
    isUuid(shiftId) && isUuid(personId) ? await repo.selectShift(deps.db, event.id, shiftId) : undefined
  if (!found || !(await repo.deleteSignup(deps.db, found.shift.id, personId)).length)
    throw new DomainError('notFoundRecord')
}

/**
 * Signs the actor up for a shift of the event: null when they got the place, else why not
 * (full, started, the event not open, already on it). Nothing changes when refused.
 */
export async function signUpForShift(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  slug: string,
  shiftId: string,
): Promise<SignUpRefusal | null> {
  if (!actor) throw new DomainError('unauthenticated')
  const { event } = await findEvent(deps, { slug })
  if (!isUuid(shiftId)) throw new DomainError('notFoundRecord')
  const now = deps.now()
  return deps.db.transaction(async (tx) => {
    const found = await repo.selectShift(tx, event.id, shiftId, { lock: true })
    if (!found) throw new DomainError('notFoundRecord')
    const { taken, mine } = await repo.countSignups(tx, found.shift.id, actor.personId)
    const refusal = signUpRefusal({ eventStatus: event.status, shift: found.shift, taken, mine }, now)
    if (refusal) return refusal
    await repo.insertSignup(tx, found.shift.id, actor.personId, now)
    return null
  })
}

/** The actor steps back from a shift before it starts: null when done, else why not. */
export async function withdrawFromShift(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  slug: string,
  shiftId: string,
): Promise<'ended' | 'notSignedUp' | null> {
  if (!actor) throw new DomainError('unauthenticated')
  const { event } = await findEvent(deps, { slug })
  const found = isUuid(shiftId) ? await repo.selectShift(deps.db, event.id, shiftId) : undefined
  if (!found) throw new DomainError('notFoundRecord')
  if (!mayWithdraw(found.shift, deps.now())) return 'ended'
  return (await repo.deleteSignup(deps.db, found.shift.id, actor.personId)).length ? null : 'notSignedUp'
}

/**
 * What the event's page offers: each role's shifts with places left and whether the viewer is on
 * it; and whether the viewer organises the event (to link to the volunteers' console).
 */
export async function volunteering(deps: Pick<Deps, 'db'>, viewer: Actor, eventId: string) {
  const found = await findEvent(deps, { id: eventId })
  const roles = await rolesOf(deps, found.event.id)
  const organiser = viewer ? can(viewer, await organiseFacts(deps, viewer, found)) : false
  return {
    roles: roles.map(({ role, shifts }) => ({
      role,
      shifts: shifts.map(({ shift, people, taken, left }) => ({
        shift,
        taken,
        left,
        mine: !!viewer && people.some((p) => p.id === viewer.personId),
      })),
    })),
    organiser,
  }
}
