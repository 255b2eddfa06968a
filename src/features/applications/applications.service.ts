// The applications engine's use cases. Every move and vote runs in one transaction that locks the
// application first, so two reviewers voting at once are counted one after the other and an
// approval's consequences happen exactly once.
import { isUniqueViolation } from '../../platform/db/errors.ts'
import type { Deps } from '../../platform/deps.ts'
import { DomainError, InvalidInput } from '../../platform/errors.ts'
import { spendAttempt } from '../../platform/http/rate-limit.ts'
import { type Locale, messagesFor } from '../../platform/i18n/index.ts'
import { sendSoon } from '../../platform/jobs/jobs.ts'
import { type Actor, can } from '../access/index.ts'
import { getPerson, peopleToTell } from '../people/index.ts'
import { activityVerdicts } from '../standing/index.ts'
import { activityChecks, checkToJson, OverrideRequired } from './applications.activity.ts'
import { announce, remindOf } from './applications.announce.ts'
import { actOnAcceptedInvitations, syncInvitations } from './applications.invitations.ts'
import { type IssueFormTexts, issueFormOf, issueFormYaml } from './applications.issue-form.ts'
import * as repo from './applications.repo.ts'
import {
  type ApplicationMove,
  type ApplicationState,
  applicationsPerHour,
  applyMove,
  type Decision,
  decide,
  type Eligibility,
  failedConditions,
  latestVotes,
  needsReminder,
  votingOpen,
} from './applications.rules.ts'
import { type Refusal, refusalLines } from './applications.texts.ts'
import {
  type ApplicationType,
  applicationType,
  applicationTypes,
  decidersOf,
  formWithoutPrivate,
} from './applications.types.ts'

/** Submission refused: every condition that failed, with its explanation. */
export class NotEligible extends DomainError {
  readonly failed: Extract<Eligibility, { ok: false }>[]
  constructor(failed: Extract<Eligibility, { ok: false }>[]) {
    super('notEligible', failed.map((f) => f.reason).join(', '))
    this.failed = failed
    this.details = { conditions: failed.map((f) => ({ reason: f.reason, ...f.detail })) }
  }
}

/**
 * The applicant already has an open application of this type about this subject (see
 * `openStates`): they continue that one, whose id the API's problem and the form's message give.
 */
export class ApplicationAlreadyOpen extends DomainError {
  readonly existingId: string
  constructor(existingId: string) {
    super('applicationOpen', `Application ${existingId} of the same type and subject is still open`)
    this.existingId = existingId
    this.details = { application: { id: existingId } }
  }
}

/**
 * The type's applicant names its subject (the chapter to join) and named none, or one that does
 * not exist: a 404 for the API, the form again with the picker and the answers on a page.
 */
export class UnknownSubject extends DomainError {
  constructor() {
    super('notFoundRecord', 'No such subject for this application type')
  }
}

const typeOf = (key: string): ApplicationType => {
  const type = applicationType(key)
  if (!type) throw new DomainError('notFoundRecord', `No application type ${key}`)
  return type
}

const signedIn = (actor: Actor) => {
  if (!actor) throw new DomainError('unauthenticated')
  return actor
}

async function checked(
  deps: Pick<Deps, 'db' | 'now'>,
  type: ApplicationType,
  applicantId: string,
  answers: unknown,
  subjectId: string | null,
  /** Answers from a public GitHub issue, which cannot ask the private fields (see `formWithoutPrivate`). */
  fromIssue = false,
) {
  const parsed = (fromIssue ? formWithoutPrivate(type) : type.form).safeParse(answers)
  if (!parsed.success) throw new InvalidInput(parsed.error.issues)
  const failed = failedConditions(
    await type.eligibility(deps.db, applicantId, parsed.data, deps.now(), subjectId),
  )
  if (failed.length) throw new NotEligible(failed)
  return parsed.data
}

type Writing = Pick<Deps, 'db' | 'now' | 'config' | 'jobs' | 'communityNames'>

/** Why answers were refused, kept on the history in the language they were written in. */
const refusalNote = (type: ApplicationType, refused: { refusal: Refusal; locale: Locale }) =>
  refusalLines(refused.locale, type, refused.refusal).join('\n')

/** Starts an application as a draft, or submits it at once (`submit`), for the signed-in person. */
export async function startApplication(
  deps: Writing,
  actor: Actor,
  input: {
    type: string
    answers: unknown
    subjectId?: string | null
    /** The subject as the applicant names it (a chapter's slug), for types that take one. */
    subjectName?: string | null
    submit: boolean
    /** The GitHub issue it was opened as, and, for a draft, why it could not be submitted. */
    github?: { repo: string; issue: number }
    refused?: { refusal: Refusal; locale: Locale }
  },
) {
  const applicant = signedIn(actor)
  const type = typeOf(input.type)
  const now = deps.now()
  const subjectId = type.subject
    ? await type.subject(deps.db)
    : input.subjectName && type.subjectFrom
      ? await type.subjectFrom(deps.db, input.subjectName)
      : (input.subjectId ?? null)
  if (type.subjectFrom && !subjectId) throw new UnknownSubject()
  const key = { applicantId: applicant.personId, type: type.key, subjectId }
  const open = type.manyOpen ? null : await repo.selectOpenApplication(deps.db, key)
  if (open) throw new ApplicationAlreadyOpen(open.id)
  // A draft keeps whatever was typed so far (nothing is lost); a submission must be complete.
  const answers = input.submit
    ? await checked(deps, type, applicant.personId, input.answers, subjectId, !!input.github)
    : ((input.answers ?? {}) as Record<string, unknown>)
  // Issues are not counted: GitHub limits opening them, and a refused delivery would lose one.
  if (!input.github)
    await spendAttempt(deps.db, `application-start:${applicant.personId}`, applicationsPerHour, now)
  const created = await insertOpen(deps, key, async (tx) => {
    const application = await repo.insertApplication(tx, {
      type: type.key,
      applicantId: applicant.personId,
      state: input.submit ? 'submitted' : 'draft',
      answers,
      subjectId,
      submittedAt: input.submit ? now : null,
      createdAt: now,
      updatedAt: now,
      githubRepo: input.github?.repo ?? null,
      githubIssue: input.github?.issue ?? null,
    })
    await repo.insertEvent(tx, {
      applicationId: application.id,
      at: now,
      actorId: applicant.personId,
      kind: input.submit ? 'submit' : 'draft',
      comment: input.refused ? refusalNote(type, input.refused) : null,
      fromState: null,
      toState: application.state,
      answers,
    })
    if (input.submit) {
      await type.onSubmitted?.(tx, application, { now, config: deps.config })
      await announce(deps, tx, application, type, { what: 'submitted' })
      await syncInvitations(deps, tx, type, application)
    } else if (input.refused)
      await announce(deps, tx, application, type, { what: 'draft', refusal: input.refused.refusal })
    return application
  })
  await sendSoon(deps.jobs)
  return created
}

/**
 * Runs the transaction that inserts an open application; when another request inserted one for
 * the same applicant, type and subject first (the unique index decides, whatever the timing),
 * answers with that one instead.
 */
async function insertOpen<T>(
  deps: Pick<Deps, 'db'>,
  key: { applicantId: string; type: string; subjectId: string | null },
  write: (tx: Deps['db']) => Promise<T>,
): Promise<T> {
  try {
    return await deps.db.transaction(write)
  } catch (e) {
    if (!isUniqueViolation(e, 'applications_one_open_key')) throw e
    const open = await repo.selectOpenApplication(deps.db, key)
    if (open) throw new ApplicationAlreadyOpen(open.id)
    // The other one was withdrawn in the meantime: the way is free again.
    return deps.db.transaction(write)
  }
}

/** Who is asking, in relation to this application. */
async function roleIn(db: Deps['db'], actor: Actor, application: repo.ApplicationRow, type: ApplicationType) {
  const groups = actor
    ? ((await decidersOf(db, type, application)).find((d) => d.personId === actor.personId)?.groups ?? [])
    : []
  return {
    applicant: actor?.personId === application.applicantId,
    groups,
    reviewer: groups.length > 0,
    administrator: can(actor, { action: 'people.manage' }),
  }
}

/** The application's type, for those who decide on it and administrators; anyone else is refused. */
async function typeForDeciders(db: Deps['db'], actor: Actor, application: repo.ApplicationRow) {
  const type = typeOf(application.type)
  const who = await roleIn(db, actor, application, type)
  if (!who.reviewer && !who.administrator) throw new DomainError('forbidden')
  return type
}

/**
 * The applicant submits a draft, answers a request for information, or withdraws; a reviewer asks
 * for more information. Answers given with `submit` or `answer` replace the earlier ones and are
 * checked again, eligibility included.
 */
export async function moveApplication(
  deps: Writing,
  actor: Actor,
  id: string,
  move: ApplicationMove,
  options: { comment?: string | null; answers?: unknown } = {},
) {
  const person = signedIn(actor)
  const now = deps.now()
  const moved = await deps.db.transaction(async (tx) => {
    const application = await repo.selectApplicationForUpdate(tx, id)
    if (!application) throw new DomainError('notFoundRecord')
    const type = typeOf(application.type)
    if (type.actsElsewhere && move !== 'submit') throw new DomainError('notAllowedNow')
    const who = await roleIn(tx, actor, application, type)
    if (!who.applicant && !who.reviewer) throw new DomainError('forbidden')
    const result = applyMove(
      application.state as ApplicationState,
      move,
      who.applicant ? 'applicant' : 'reviewer',
    )
    if (!result.ok) throw new DomainError(result.reason === 'notYours' ? 'forbidden' : 'notAllowedNow')
    let answers = application.answers
    if (move === 'submit' || move === 'answer')
      answers = await checked(
        { db: tx, now: deps.now },
        type,
        application.applicantId,
        options.answers ?? answers,
        application.subjectId,
        application.githubIssue !== null,
      )
    await repo.updateApplication(tx, id, {
      state: result.to,
      answers,
      updatedAt: now,
      ...(move === 'submit' ? { submittedAt: now } : {}),
    })
    await repo.insertEvent(tx, {
      applicationId: id,
      at: now,
      actorId: person.personId,
      kind: move,
      fromState: application.state,
      toState: result.to,
      comment: options.comment ?? null,
      answers: move === 'submit' || move === 'answer' ? answers : null,
    })
    await announce(
      deps,
      tx,
      application,
      type,
      move === 'request_info'
        ? { what: 'info_requested', question: options.comment ?? '' }
        : move === 'withdraw'
          ? { what: 'withdrawn' }
          : { what: 'submitted' },
    )
    if (move === 'submit')
      await type.onSubmitted?.(
        tx,
        { ...application, state: result.to, answers },
        { now, config: deps.config },
      )
    if (move === 'submit' || move === 'answer')
      await syncInvitations(deps, tx, type, { ...application, state: result.to, answers })
    return { ...application, state: result.to, answers }
  })
  await sendSoon(deps.jobs)
  return moved
}

/**
 * The applicant changes their answers (on GitHub, by editing the issue). A draft is submitted and
 * an application waiting for information is answered, as on the site; a submitted one takes the
 * new answers and keeps its votes. The new answers are checked again, eligibility included: a
 * refusal throws and changes nothing (see `keepRefusedAnswers`).
 */
export async function reviseAnswers(deps: Writing, actor: Actor, id: string, answers: unknown) {
  const person = signedIn(actor)
  const application = await repo.selectApplication(deps.db, id)
  if (!application) throw new DomainError('notFoundRecord')
  if (application.state === 'draft') return moveApplication(deps, actor, id, 'submit', { answers })
  if (application.state === 'info_requested') return moveApplication(deps, actor, id, 'answer', { answers })
  const now = deps.now()
  return deps.db.transaction(async (tx) => {
    const locked = await repo.selectApplicationForUpdate(tx, id)
    if (!locked) throw new DomainError('notFoundRecord')
    if (locked.applicantId !== person.personId) throw new DomainError('forbidden')
    // The state may have moved since it was read; decided applications keep their answers.
    if (locked.state !== 'submitted') throw new DomainError('notAllowedNow')
    const type = typeOf(locked.type)
    if (type.actsElsewhere) throw new DomainError('notAllowedNow')
    const checkedAnswers = await checked(
      { db: tx, now: deps.now },
      type,
      locked.applicantId,
      answers,
      locked.subjectId,
      locked.githubIssue !== null,
    )
    await repo.updateApplication(tx, id, { answers: checkedAnswers, updatedAt: now })
    await repo.insertEvent(tx, {
      applicationId: id,
      at: now,
      actorId: person.personId,
      kind: 'edit',
      answers: checkedAnswers,
    })
    await syncInvitations(deps, tx, type, { ...locked, answers: checkedAnswers })
    return { ...locked, answers: checkedAnswers }
  })
}

/**
 * Answers that could not be taken (`reviseAnswers` refused them) are still kept, with why: a
 * draft holds them as its answers, a submitted application keeps its earlier answers and records
 * the refused ones in its history.
 */
export async function keepRefusedAnswers(
  deps: Writing,
  actor: Actor,
  id: string,
  answers: Record<string, unknown>,
  refused: { refusal: Refusal; locale: Locale },
) {
  const person = signedIn(actor)
  const now = deps.now()
  await deps.db.transaction(async (tx) => {
    const locked = await repo.selectApplicationForUpdate(tx, id)
    if (!locked) throw new DomainError('notFoundRecord')
    if (locked.applicantId !== person.personId) throw new DomainError('forbidden')
    if (locked.state === 'draft') await repo.updateApplication(tx, id, { answers, updatedAt: now })
    await repo.insertEvent(tx, {
      applicationId: id,
      at: now,
      actorId: person.personId,
      kind: locked.state === 'draft' ? 'draft' : 'edit_refused',
      comment: refusalNote(typeOf(locked.type), refused),
      answers,
    })
    await announce(deps, tx, locked, typeOf(locked.type), {
      what: locked.state === 'draft' ? 'draft' : 'edit_refused',
      refusal: refused.refusal,
    })
  })
  await sendSoon(deps.jobs)
}

/**
 * A reviewer's vote (their latest replaces an earlier one). When the votes reach the type's
 * decision rule, the application is approved (and the type's consequences happen in the same
 * transaction) or rejected.
 */
export async function voteOnApplication(
  deps: Writing,
  actor: Actor,
  id: string,
  vote: 'approve' | 'reject',
  comment: string | null = null,
  /** Why approve although someone who must be recently active is not (see `mustBeActive`). */
  override: string | null = null,
): Promise<{ state: ApplicationState; decision: Decision }> {
  const person = signedIn(actor)
  const now = deps.now()
  const result = await deps.db.transaction(async (tx) => {
    const application = await repo.selectApplicationForUpdate(tx, id)
    if (!application) throw new DomainError('notFoundRecord')
    const type = typeOf(application.type)
    const who = await roleIn(tx, actor, application, type)
    if (!who.reviewer) throw new DomainError('forbidden')
    if (!votingOpen(application.state as ApplicationState)) throw new DomainError('notAllowedNow')
    if (vote === 'approve') {
      const notActive = (await activityChecks(tx, type, application, now)).filter((c) => !c.verdict.active)
      if (notActive.length && !override?.trim()) throw new OverrideRequired(notActive)
      if (notActive.length)
        await repo.insertEvent(tx, {
          applicationId: id,
          at: now,
          actorId: person.personId,
          kind: 'override',
          comment: override!.trim(),
          detail: { notActive: notActive.map(checkToJson) },
        })
    }
    await repo.insertEvent(tx, {
      applicationId: id,
      at: now,
      actorId: person.personId,
      kind: 'vote',
      vote,
      groups: who.groups,
      comment,
    })
    const decision = decide(type.quorum, votesIn(await repo.selectEvents(tx, id)))
    if (decision.outcome === 'pending') return { state: application.state as ApplicationState, decision }
    await repo.updateApplication(tx, id, { state: decision.outcome, decidedAt: now, updatedAt: now })
    await repo.insertEvent(tx, {
      applicationId: id,
      at: now,
      actorId: null,
      kind: decision.outcome,
      fromState: application.state,
      toState: decision.outcome,
    })
    if (decision.outcome === 'approved') {
      const approved = { ...application, state: 'approved', decidedAt: now }
      await type.onApprove(tx, approved, { ...deps, now })
      await actOnAcceptedInvitations({ ...deps, now }, tx, type, approved)
    }
    await announce(deps, tx, application, type, { what: decision.outcome })
    return { state: decision.outcome, decision }
  })
  if (result.decision.outcome !== 'pending') await sendSoon(deps.jobs)
  return result
}

const votesIn = (events: repo.ApplicationEvent[]) =>
  latestVotes(
    events
      .filter((e) => e.kind === 'vote' && e.actorId)
      .map((e) => ({
        voterId: e.actorId!,
        at: e.at,
        vote: e.vote as 'approve' | 'reject',
        groups: e.groups ?? [],
      })),
  )

/**
 * The application, its whole history and where the decision stands, for the applicant, its
 * reviewers and administrators; `viewer` says what the reader may do with it.
 */
export async function applicationWithHistory(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, id: string) {
  signedIn(actor)
  const application = await repo.selectApplication(deps.db, id)
  if (!application) throw new DomainError('notFoundRecord')
  const type = typeOf(application.type)
  const who = await roleIn(deps.db, actor, application, type)
  if (!who.applicant && !who.reviewer && !who.administrator) throw new DomainError('forbidden')
  const events = await repo.selectEvents(deps.db, id)
  const people = await peopleToTell(deps, [
    ...new Set(events.map((e) => e.actorId).filter((x): x is string => x !== null)),
  ])
  return {
    application,
    type,
    events,
    people: new Map(people.map((p) => [p.id, p])),
    decision: decide(type.quorum, votesIn(events)),
    viewer: who,
    /** While reviewers decide: the activity verdict of each person who must be recently active. */
    activity:
      (who.reviewer || who.administrator) && votingOpen(application.state as ApplicationState)
        ? await activityChecks(deps.db, type, application, deps.now())
        : [],
  }
}

/**
 * Who applied, for the people who decide (and administrators): the applicant's profile, their
 * activity verdict with what counted, the type's conditions checked now with their results, and
 * their other applications (not drafts), each saying whether this reader may open it.
 */
export async function applicantOverview(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  application: repo.ApplicationRow,
) {
  const type = await typeForDeciders(deps.db, actor, application)
  const now = deps.now()
  const [applicant, verdicts, checks, theirs] = await Promise.all([
    getPerson(deps, application.applicantId),
    activityVerdicts({ db: deps.db, now: () => now }, [application.applicantId]),
    type.eligibility(deps.db, application.applicantId, application.answers, now, application.subjectId),
    repo.selectApplicationsOf(deps.db, application.applicantId),
  ])
  const others = theirs.filter((a) => a.id !== application.id && a.state !== 'draft')
  const readable = await Promise.all(
    others.map(async (a) => {
      const theirType = applicationType(a.type)
      if (!theirType) return false
      const role = await roleIn(deps.db, actor, a, theirType)
      return role.reviewer || role.administrator
    }),
  )
  return {
    applicant,
    verdict: verdicts.get(application.applicantId)!,
    checks,
    others: others.map((a, i) => ({ application: a, readable: readable[i]! })),
  }
}

/** The signed-in person's own applications, newest first. */
export async function applicationsOf(deps: Pick<Deps, 'db'>, actor: Actor) {
  return repo.selectApplicationsOf(deps.db, signedIn(actor).personId)
}

/** Applications waiting for a decision that this person reviews (not their own), oldest first. */
export async function reviewQueue(deps: Pick<Deps, 'db'>, actor: Actor) {
  const person = signedIn(actor)
  const waiting = await repo.selectWaiting(
    deps.db,
    applicationTypes().map((t) => t.key),
  )
  const mine = await Promise.all(
    waiting.map(async (a) =>
      (await decidersOf(deps.db, typeOf(a.type), a)).some((d) => d.personId === person.personId),
    ),
  )
  return waiting.filter((_, i) => mine[i])
}

/**
 * What the applicant can name as the subject of a type that takes one (the chapters that can be
 * joined), for the form's picker; null for a type whose subject is not the applicant's to name.
 */
export async function subjectChoices(deps: Pick<Deps, 'db'>, type: ApplicationType, locale: Locale) {
  if (!type.subjectFrom || !type.subjectOptions) return null
  return type.subjectOptions(deps.db, locale)
}

/** The subject a name stands for (a chapter's slug), or null when there is no such subject. */
export async function subjectNamed(deps: Pick<Deps, 'db'>, type: ApplicationType, name: string) {
  return type.subjectFrom ? type.subjectFrom(deps.db, name) : null
}

/**
 * A type's GitHub issue form in one language, with its subject's list when the applicant names
 * one (the chapter to join: chapters at the time of writing); none for a type whose list is empty.
 */
export async function issueFormOfType(db: Deps['db'], type: ApplicationType, locale: Locale) {
  const t = messagesFor(locale)
  const texts = (t.applications.types as Record<string, Omit<IssueFormTexts, 'conditionsTitle'>>)[type.key]
  if (!texts) return null
  const options = type.subjectOptions ? await type.subjectOptions(db, locale) : null
  if (options?.length === 0) return null
  const subjectTexts = t.applications.subjects[type.key]
  const subject =
    options && subjectTexts ? { ...subjectTexts, options: options.map((o) => o.label) } : undefined
  if (type.subjectFrom && !subject) return null
  return {
    form: issueFormOf(type, { ...texts, conditionsTitle: t.applications.conditions }, subject),
    /** The subject's name for the option an issue chose. */
    subjectNamed: (label: string) => options?.find((o) => o.label === label)?.name ?? null,
  }
}

/**
 * The GitHub issue forms of every application type, in one language, as files for a repository's
 * `.github/ISSUE_TEMPLATE/` (for communities that keep taking applications through issues).
 * Regenerate them when chapters are founded: the join and step-down forms list them.
 */
export async function issueForms(
  deps: Pick<Deps, 'db'>,
  locale: Locale,
): Promise<{ file: string; yaml: string }[]> {
  const forms = await Promise.all(
    applicationTypes().map(async (type) => {
      const made = await issueFormOfType(deps.db, type, locale)
      return made ? [{ file: `${type.key}.yml`, yaml: issueFormYaml(made.form) }] : []
    }),
  )
  return forms.flat()
}

/**
 * Reminds the reviewers of every application that has waited `applicationReminderDays` (30 by
 * default, as CNCF does) without a decision, and again each period it keeps waiting.
 */
export async function remindReviewers(deps: Writing): Promise<number> {
  const now = deps.now()
  const afterDays = deps.config.applicationReminderDays
  const waiting = await repo.selectWaiting(
    deps.db,
    applicationTypes().map((t) => t.key),
  )
  let reminded = 0
  for (const application of waiting) {
    const state = application.state as ApplicationState
    if (!needsReminder({ ...application, state }, { afterDays, now })) continue
    await deps.db.transaction(async (tx) => {
      const waitedDays = Math.floor((now.getTime() - application.submittedAt!.getTime()) / 86_400_000)
      await remindOf(deps, tx, application, typeOf(application.type), waitedDays)
      await repo.updateApplication(tx, application.id, { remindedAt: now })
    })
    reminded++
  }
  if (reminded) await deps.jobs.nudge('mail-deliver')
  return reminded
}

/**
 * The people the application names who must say yes themselves (a founder's proposed vice-leader
 * and members), as those who decide see them: the place each is proposed for, their answer so far
 * and their activity verdict, since the seed asks the whole team, not only the founder, to be
 * active lately. The engine reads this from the invitations alone, so any type declaring
 * `invitees` gets it without the pages knowing the type.
 */
export async function invitedForReview(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  application: repo.ApplicationRow,
) {
  await typeForDeciders(deps.db, actor, application)
  const invitations = (await repo.selectInvitations(deps.db, application.id)).filter(
    (i) => i.state !== 'withdrawn',
  )
  if (!invitations.length) return []
  const ids = invitations.map((i) => i.personId)
  const now = deps.now()
  const [people, verdicts] = await Promise.all([
    peopleToTell(deps, ids),
    activityVerdicts({ db: deps.db, now: () => now }, ids),
  ])
  const byId = new Map(people.map((p) => [p.id, p]))
  return invitations.flatMap((invitation) => {
    const person = byId.get(invitation.personId)
    if (!person) return []
    // Names only: their e-mail addresses are not the reviewers' to read.
    const { email: _, locale: __, ...named } = person
    return [{ invitation, person: named, verdict: verdicts.get(invitation.personId)! }]
  })
}
