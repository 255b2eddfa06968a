// The one place that answers "may this person do this to that". Services call
// `authorize` at their top; pages call `can` to decide what to show.
import { DomainError } from '../../platform/errors.ts'

export const communityRoles = [
  'administrator',
  'sig_lead',
  'sig_member',
  'contributor',
  'ambassador',
] as const
export type CommunityRole = (typeof communityRoles)[number]
export const sigRoles: readonly CommunityRole[] = ['sig_lead', 'sig_member']
export const isCommunityRole = (v: string): v is CommunityRole =>
  (communityRoles as readonly string[]).includes(v)
export const roleNeedsSig = (role: CommunityRole) => sigRoles.includes(role)

export type HeldRole = { role: string; sigId: string | null }
export type Actor = { personId: string; roles: HeldRole[] } | null

export type Permission =
  | { action: 'console.enter' }
  | { action: 'people.manage' }
  | { action: 'profile.edit'; personId: string }
  | { action: 'profile.read-private'; personId: string }
  | { action: 'role.change'; role: CommunityRole; sigId: string | null }
  /** Grant or end some role (which one is `role.change`'s question): asked before reading a request. */
  | { action: 'roles.change-any' }
  | { action: 'mail.read-outbox' }
  | { action: 'account.manage-own' }
  | { action: 'activity.manage' }
  | { action: 'webhooks.manage' }
  /** Issue and revoke certificates, run the swag list: SIG leads. */
  | { action: 'recognition.manage' }
  /** Create shows and run every one of them: administrators. */
  | { action: 'podcast.manage' }
  /** Set the community's name, logo, colour, description and links: administrators. */
  | { action: 'community.brand' }
  /** Write, edit, schedule and publish articles: the people who run the community (SIG leads and members). */
  | { action: 'articles.edit' }
  /** Record a chapter's events, promote its members: the people of the chapter's SIG. */
  | { action: 'chapters.manage'; sigId: string }
  /** Excuse a chapter from holding events: the leads of its SIG. */
  | { action: 'chapters.exempt'; sigId: string }
  /** Say yes or no to being named on someone's application (a founder's team): only that person. */
  | { action: 'invitation.answer'; personId: string }
  /** Seat a new leader when one is wanted (the seed: 上级组织将会寻找合适的人员): the leads of its SIG. */
  | { action: 'chapters.appoint'; sigId: string }
  /**
   * Create an event: SIG people, and a chapter's team for its own chapter's meetups
   * (`onChapterTeam`: the actor holds a seat on the team of the chapter the event is for).
   */
  | { action: 'events.create'; onChapterTeam: boolean }
  /**
   * Edit an event, see its registrations, message attendees: its organisers, the team of the
   * chapter holding it, the people of that chapter's SIG (`sigId`, null for an event of no chapter).
   */
  | { action: 'event.organise'; isOrganiser: boolean; onChapterTeam: boolean; sigId: string | null }
  /** Scan tickets at the door: who may organise it, and its volunteers with a shift. */
  | {
      action: 'event.checkin'
      isOrganiser: boolean
      onChapterTeam: boolean
      sigId: string | null
      isVolunteer: boolean
    }

const holds = (actor: NonNullable<Actor>, role: CommunityRole, sigId?: string | null) =>
  actor.roles.some((r) => r.role === role && (sigId === undefined || r.sigId === sigId))

export function can(actor: Actor, permission: Permission): boolean {
  if (!actor) return false
  // A place on a team is taken by the person themselves: not even an administrator says yes for them.
  if (permission.action === 'invitation.answer') return actor.personId === permission.personId
  if (holds(actor, 'administrator')) return true
  switch (permission.action) {
    case 'console.enter':
    case 'people.manage':
    case 'articles.edit':
      return holds(actor, 'sig_lead') || holds(actor, 'sig_member')
    case 'profile.edit':
    case 'profile.read-private':
      return actor.personId === permission.personId
    case 'role.change':
      // A SIG lead runs their own SIG's membership and recognises contributors and ambassadors;
      // granting leadership and administration stays with administrators.
      if (permission.role === 'sig_member')
        return permission.sigId !== null && holds(actor, 'sig_lead', permission.sigId)
      if (permission.role === 'contributor' || permission.role === 'ambassador')
        return holds(actor, 'sig_lead')
      return false
    case 'roles.change-any':
      return holds(actor, 'sig_lead')
    case 'account.manage-own':
      return true
    case 'chapters.manage':
      return holds(actor, 'sig_lead', permission.sigId) || holds(actor, 'sig_member', permission.sigId)
    case 'chapters.exempt':
    case 'chapters.appoint':
      return holds(actor, 'sig_lead', permission.sigId)
    case 'recognition.manage':
      return holds(actor, 'sig_lead')
    case 'events.create':
      return permission.onChapterTeam || holds(actor, 'sig_lead') || holds(actor, 'sig_member')
    case 'event.organise':
      return (
        permission.isOrganiser ||
        permission.onChapterTeam ||
        (permission.sigId !== null &&
          (holds(actor, 'sig_lead', permission.sigId) || holds(actor, 'sig_member', permission.sigId)))
      )
    case 'event.checkin':
      return permission.isVolunteer || can(actor, { ...permission, action: 'event.organise' })
    case 'mail.read-outbox':
    case 'activity.manage':
    case 'webhooks.manage':
    case 'podcast.manage':
    case 'community.brand':
      return false
  }
}

export function authorize(actor: Actor, permission: Permission): asserts actor is NonNullable<Actor> {
  if (!actor) throw new DomainError('unauthenticated')
  if (!can(actor, permission)) throw new DomainError('forbidden')
}
