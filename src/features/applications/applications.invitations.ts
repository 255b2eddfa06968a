// People an application names who must say yes themselves (a founder's proposed vice-leader and
// first members). Nobody is put on a team by someone else's form: each is asked by mail and on
// their applications page, and only a yes lets the type act for them (`onInvitationAccepted`),
// at approval when they accepted before it, at their yes when it comes after.
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import { sendSoon } from '../../platform/jobs/jobs.ts'
import { type Actor, authorize } from '../access/index.ts'
import { displayName, peopleToTell } from '../people/index.ts'
import { tellInvited, tellPlaceTaken } from './applications.announce.ts'
import * as repo from './applications.repo.ts'
import { type ApplicationState, finalStates } from './applications.rules.ts'
import { applicationTitles } from './applications.texts.ts'
import { type ApplicationType, applicationType, type InvitationOutcome } from './applications.types.ts'

export type InvitationState = 'pending' | 'accepted' | 'declined' | 'withdrawn'

type Telling = Pick<Deps, 'config' | 'now' | 'communityNames'>

/**
 * Brings the invitations in line with the answers just submitted, inside their transaction: people
 * newly named are asked (by mail), people no longer named are let go, and someone asked for another
 * place is asked again.
 */
export async function syncInvitations(
  deps: Telling,
  tx: Deps['db'],
  type: ApplicationType,
  application: repo.ApplicationRow,
) {
  if (!type.invitees) return
  const wanted = await type.invitees(tx, application)
  const existing = await repo.selectInvitations(tx, application.id)
  const now = deps.now()
  for (const invitation of existing) {
    const still = wanted.find((w) => w.personId === invitation.personId)
    if (!still && invitation.state !== 'withdrawn' && invitation.state !== 'declined')
      await repo.updateInvitation(tx, invitation.id, { state: 'withdrawn', answeredAt: now })
    if (still && (still.role !== invitation.role || invitation.state === 'withdrawn')) {
      await repo.updateInvitation(tx, invitation.id, { role: still.role, state: 'pending', answeredAt: null })
      await tellInvited(deps, tx, application, { ...invitation, role: still.role })
    }
  }
  for (const w of wanted) {
    if (existing.some((e) => e.personId === w.personId)) continue
    const invitation = await repo.insertInvitation(tx, {
      applicationId: application.id,
      personId: w.personId,
      role: w.role,
      state: 'pending',
      createdAt: now,
    })
    await tellInvited(deps, tx, application, invitation)
  }
}

/** At approval: the type acts for everyone who had already said yes. */
export async function actOnAcceptedInvitations(
  deps: { now: Date; config: Deps['config']; communityNames: Deps['communityNames'] },
  tx: Deps['db'],
  type: ApplicationType,
  application: repo.ApplicationRow,
) {
  if (!type.onInvitationAccepted) return
  for (const invitation of await repo.selectInvitations(tx, application.id))
    if (
      invitation.state === 'accepted' &&
      (await type.onInvitationAccepted(tx, application, invitation, deps)) === 'placeTaken'
    )
      await tellPlaceTaken(deps, tx, application, invitation)
}

/** The signed-in person's invitations, newest first, with who asked and what for. */
export async function invitationsOf(deps: Pick<Deps, 'db'>, actor: Actor) {
  if (!actor) throw new DomainError('unauthenticated')
  const rows = await repo.selectInvitationsOf(deps.db, actor.personId)
  const applicants = new Map(
    (await peopleToTell(deps, [...new Set(rows.map((r) => r.application.applicantId))])).map((p) => [
      p.id,
      p,
    ]),
  )
  return rows
    .filter((r) => r.invitation.state !== 'withdrawn' && r.application.state !== 'draft')
    .map((r) => ({
      ...r,
      type: applicationType(r.application.type),
      applicant: applicants.get(r.application.applicantId),
      /** Whether a yes or no can still be given: the application is neither refused nor withdrawn. */
      answerable:
        r.invitation.state === 'pending' &&
        !(['rejected', 'withdrawn'] as ApplicationState[]).includes(r.application.state as ApplicationState),
    }))
}

/**
 * The invitations still waiting for the signed-in person's answer, as one line each in `locale`
 * (who asks, for which place, about what), for pages other than the applications page (the
 * account page) that point to where they are answered.
 */
export async function invitationsWaiting(deps: Pick<Deps, 'db'>, actor: Actor, locale: 'zh' | 'en') {
  const waiting = (await invitationsOf(deps, actor)).filter((r) => r.answerable)
  const titles = await applicationTitles(
    deps.db,
    locale,
    waiting.map((r) => r.application),
  )
  return waiting.map((r) => ({
    id: r.invitation.id,
    by: r.applicant ? displayName(r.applicant, locale) : '',
    role: r.invitation.role,
    about: titles.get(r.application.id) ?? r.application.type,
  }))
}

/**
 * The invited person says yes or no. Locks the application first, so a yes and the vote that
 * approves it take turns: a yes before approval is acted on at approval, a yes after it at once.
 * Says what the answer came to: `placeTaken` when a late yes found the place taken meanwhile
 * (they are told by mail too), `pending` while the application is still being decided.
 */
export async function answerInvitation(
  deps: Pick<Deps, 'db' | 'now' | 'config' | 'jobs' | 'communityNames'>,
  actor: Actor,
  invitationId: string,
  answer: 'accept' | 'decline',
) {
  const found = await repo.selectInvitation(deps.db, invitationId)
  if (!found) throw new DomainError('notFoundRecord')
  authorize(actor, { action: 'invitation.answer', personId: found.personId })
  const now = deps.now()
  const outcome = await deps.db.transaction(
    async (tx): Promise<InvitationOutcome | 'pending' | 'declined'> => {
      const application = await repo.selectApplicationForUpdate(tx, found.applicationId)
      const invitation = await repo.selectInvitation(tx, invitationId)
      if (!application || !invitation) throw new DomainError('notFoundRecord')
      const state = application.state as ApplicationState
      const closed = finalStates.includes(state) && state !== 'approved'
      if (invitation.state !== 'pending' || closed) throw new DomainError('notAllowedNow')
      const accepted = answer === 'accept'
      await repo.updateInvitation(tx, invitationId, {
        state: accepted ? 'accepted' : 'declined',
        answeredAt: now,
      })
      await repo.insertEvent(tx, {
        applicationId: application.id,
        at: now,
        actorId: invitation.personId,
        kind: accepted ? 'invitation_accepted' : 'invitation_declined',
        comment: invitation.role,
      })
      if (!accepted) return 'declined'
      const type = applicationType(application.type)
      if (state !== 'approved' || !type?.onInvitationAccepted) return 'pending'
      const answered = { ...invitation, state: 'accepted', answeredAt: now }
      const result = await type.onInvitationAccepted(tx, application, answered, { now, config: deps.config })
      if (result === 'placeTaken') await tellPlaceTaken(deps, tx, application, answered)
      return result
    },
  )
  await sendSoon(deps.jobs)
  return outcome
}
