// Applications that arrive as GitHub issues opened from Hearth's issue forms, and reviewers'
// votes given as `/approve` or `/reject` comments on them. Both come through the same verified
// webhook as contributor activity. GitHub enforces a form's required fields only in public
// repositories, so every issue is checked again here; one that does not pass is kept as a draft
// with the reasons, never dropped.
import type { Deps } from '../../platform/deps.ts'
import { DomainError, InvalidInput } from '../../platform/errors.ts'
import type { Locale } from '../../platform/i18n/index.ts'
import { linkGithubAccount } from '../activity/index.ts'
import { currentRoles, findOrCreatePersonByGithub } from '../people/index.ts'
import { askForOverrideOnSite, refuseRepeatIssue } from './applications.announce.ts'
import {
  type IssueFormAnswers,
  issueFormFields,
  issueLabelOf,
  issueTitlePrefix,
  parseIssueFormBody,
  SUBJECT_FIELD,
} from './applications.issue-form.ts'
import * as repo from './applications.repo.ts'
import { type ApplicationState, finalStates } from './applications.rules.ts'
import {
  ApplicationAlreadyOpen,
  issueFormOfType,
  keepRefusedAnswers,
  NotEligible,
  reviseAnswers,
  startApplication,
  voteOnApplication,
} from './applications.service.ts'
import type { Refusal } from './applications.texts.ts'
import { type ApplicationType, applicationType, applicationTypes } from './applications.types.ts'

/** `repeated`: its author already has an open application of that type and subject (told so on the issue). */
export type IssueOutcome =
  | 'ignored'
  | 'duplicate'
  | 'repeated'
  | 'submitted'
  | 'draft'
  | 'voted'
  | 'revised'
  | 'refused'

type Json = Record<string, unknown>
const obj = (v: unknown): Json | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined
const str = (v: unknown) => (typeof v === 'string' ? v : undefined)
const num = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined)

/** Which application type an issue was opened with: by its label, or by its title's prefix. */
function typeOfIssue(issue: Json): ApplicationType | undefined {
  const labels = Array.isArray(issue.labels) ? issue.labels.map((l) => str(obj(l)?.name) ?? str(l)) : []
  const title = str(issue.title) ?? ''
  return applicationTypes().find(
    (t) => labels.includes(issueLabelOf(t.key)) || title.startsWith(issueTitlePrefix(t.key).trim()),
  )
}

/**
 * The answers in whichever language's form the issue was opened with (the one that reads best),
 * and the subject it names (the chapter), for types that take one.
 */
async function answersOf(db: Deps['db'], type: ApplicationType, body: string) {
  let best = { answers: {} as IssueFormAnswers, locale: 'zh' as Locale, subjectName: null as string | null }
  let found = -1
  for (const locale of ['zh', 'en'] as const) {
    const made = await issueFormOfType(db, type, locale)
    if (!made) continue
    const answers = parseIssueFormBody(body, issueFormFields(made.form))
    const count = Object.values(answers).filter((a) => a !== null).length
    if (count <= found) continue
    found = count
    const { [SUBJECT_FIELD]: subject, ...rest } = answers
    best = {
      answers: rest,
      locale,
      subjectName: typeof subject === 'string' ? made.subjectNamed(subject) : null,
    }
  }
  return best
}

/** The issue of an `issues` delivery: where it is, and who opened it. */
function issueFacts(payload: Json) {
  const issue = obj(payload.issue)
  const repoName = str(obj(payload.repository)?.full_name)
  const number = num(issue?.number)
  const user = obj(issue?.user)
  const id = num(user?.id)
  const login = str(user?.login)
  if (!issue || !repoName || number === undefined || id === undefined || !login) return null
  return { issue, repoName, number, author: { id, login, avatarUrl: str(user?.avatar_url) ?? null } }
}

async function openedIssue(
  deps: Pick<Deps, 'db' | 'now' | 'config' | 'jobs' | 'communityNames'>,
  payload: Json,
): Promise<IssueOutcome> {
  const facts = issueFacts(payload)
  if (!facts) return 'ignored'
  const { issue, repoName, number, author } = facts
  const { id: githubId, login } = author
  const type = typeOfIssue(issue)
  if (!type) return 'ignored'
  if (await repo.selectByIssue(deps.db, repoName, number)) return 'duplicate'
  const person = await findOrCreatePersonByGithub(
    deps,
    { id: githubId, login, name: null, avatarUrl: author.avatarUrl, verifiedEmail: null },
    'zh',
  )
  // As signing in with GitHub does: the account's contributions count for the person.
  await linkGithubAccount(deps, person.id, { id: githubId, login })
  const actor = { personId: person.id, roles: [] }
  const { answers, locale, subjectName } = await givenAnswers(deps.db, type, issue)
  // An issue naming no chapter Hearth knows (renamed since the form was written) cannot be one.
  if (type.subjectFrom && !subjectName) return 'ignored'
  const github = { repo: repoName, issue: number }
  const input = { type: type.key, answers, subjectName, github }
  try {
    try {
      await startApplication(deps, actor, { ...input, submit: true })
      return 'submitted'
    } catch (e) {
      await startApplication(deps, actor, {
        ...input,
        submit: false,
        refused: { refusal: refusalOf(e), locale },
      })
      return 'draft'
    }
  } catch (e) {
    if (!(e instanceof ApplicationAlreadyOpen)) throw e
    await deps.db.transaction((tx) => refuseRepeatIssue(deps, tx, { repo: repoName, number }, e.existingId))
    return 'repeated'
  }
}

async function givenAnswers(db: Deps['db'], type: ApplicationType, issue: Json) {
  const given = await answersOf(db, type, str(issue.body) ?? '')
  return {
    ...given,
    answers: Object.fromEntries(Object.entries(given.answers).filter(([, v]) => v !== null)),
  }
}

const privateAnswersOf = (type: ApplicationType, answers: Record<string, unknown>) =>
  Object.fromEntries(
    type.fields.filter((f) => f.private && f.id in answers).map((f) => [f.id, answers[f.id]]),
  )

/** Answers or conditions refused; anything else is rethrown. */
function refusalOf(e: unknown): Refusal {
  if (e instanceof InvalidInput || e instanceof NotEligible) return e
  throw e
}

/**
 * The applicant edited the issue: the application takes the new answers (and a draft is submitted
 * once they pass). Edits by anyone else, and edits after the decision, change nothing.
 */
async function editedIssue(
  deps: Pick<Deps, 'db' | 'now' | 'config' | 'jobs' | 'communityNames'>,
  payload: Json,
): Promise<IssueOutcome> {
  const facts = issueFacts(payload)
  if (!facts) return 'ignored'
  const { issue, repoName, number } = facts
  const authorId = facts.author.id
  if (num(obj(payload.sender)?.id) !== authorId) return 'ignored'
  const application = await repo.selectByIssue(deps.db, repoName, number)
  if (!application || finalStates.includes(application.state as ApplicationState)) return 'ignored'
  const personId = await repo.selectPersonByGithubId(deps.db, authorId)
  if (personId !== application.applicantId) return 'ignored'
  const type = applicationType(application.type)
  if (!type) return 'ignored'
  const actor = { personId, roles: [] }
  const given = await givenAnswers(deps.db, type, issue)
  // The issue never holds the private fields: those given on the site stay.
  const answers = { ...given.answers, ...privateAnswersOf(type, application.answers) }
  const { locale } = given
  try {
    await reviseAnswers(deps, actor, application.id, answers)
    return application.state === 'draft' ? 'submitted' : 'revised'
  } catch (e) {
    if (e instanceof DomainError && e.code === 'notAllowedNow') return 'ignored'
    await keepRefusedAnswers(deps, actor, application.id, answers, { refusal: refusalOf(e), locale })
    return application.state === 'draft' ? 'draft' : 'refused'
  }
}

/** `/approve` or `/reject` as a comment's first word, the rest of it the reviewer's comment. */
export function reviewCommand(body: string): { vote: 'approve' | 'reject'; comment: string | null } | null {
  const m = /^\s*\/(approve|reject)\b([\s\S]*)$/i.exec(body)
  if (!m) return null
  const comment = m[2]!.trim()
  return { vote: m[1]!.toLowerCase() as 'approve' | 'reject', comment: comment || null }
}

async function commented(
  deps: Pick<Deps, 'db' | 'now' | 'config' | 'jobs' | 'communityNames'>,
  payload: Json,
): Promise<IssueOutcome> {
  const issue = obj(payload.issue)
  const comment = obj(payload.comment)
  const repoName = str(obj(payload.repository)?.full_name)
  const number = num(issue?.number)
  const githubId = num(obj(comment?.user)?.id)
  const command = reviewCommand(str(comment?.body) ?? '')
  if (!command || !repoName || number === undefined || githubId === undefined) return 'ignored'
  const application = await repo.selectByIssue(deps.db, repoName, number)
  // Only people who are linked to their GitHub account count, and only with a reviewer's role.
  const personId = application && (await repo.selectPersonByGithubId(deps.db, githubId))
  if (!application || !personId) return 'ignored'
  const roles = (await currentRoles(deps, personId)).map((r) => ({ role: r.role, sigId: r.sigId }))
  try {
    await voteOnApplication(deps, { personId, roles }, application.id, command.vote, command.comment)
    return 'voted'
  } catch (e) {
    if (e instanceof DomainError && (e.code === 'forbidden' || e.code === 'notAllowedNow')) return 'ignored'
    if (e instanceof DomainError && e.code === 'overrideRequired') {
      await askForOverrideOnSite(deps, deps.db, { repo: repoName, number }, application.id)
      return 'refused'
    }
    throw e
  }
}

/** A verified `issues` or `issue_comment` delivery, as far as applications are concerned. */
export async function receiveIssueEvent(
  deps: Pick<Deps, 'db' | 'now' | 'config' | 'jobs' | 'communityNames'>,
  event: string,
  payload: unknown,
): Promise<IssueOutcome> {
  const p = obj(payload)
  if (!p) return 'ignored'
  if (event === 'issues' && p.action === 'opened') return openedIssue(deps, p)
  if (event === 'issues' && p.action === 'edited') return editedIssue(deps, p)
  if (event === 'issue_comment' && p.action === 'created') return commented(deps, p)
  return 'ignored'
}
