// What an application's changes tell the world: e-mail to the people it needs (in their
// language), signed webhooks to subscribed systems, and a comment on its GitHub issue (closing the
// issue when decided). All of it is written into outboxes inside the writing transaction, so a
// failed send never loses a decision and is tried again.
import type { Deps } from '../../platform/deps.ts'
import { type Locale, messagesFor } from '../../platform/i18n/index.ts'
import { enqueueMail, senderOf } from '../../platform/mail/mail.ts'
import { type Authorise, enqueueRequest } from '../../platform/outbox/http.ts'
import { displayName, peopleToTell } from '../people/index.ts'
import { publishEvent } from '../webhooks/index.ts'
import type * as repo from './applications.repo.ts'
import { applicationTitle, type Refusal, refusalLines, textsOf } from './applications.texts.ts'
import { type ApplicationType, decidersOf, missingPrivateFields } from './applications.types.ts'

export type Happening =
  | { what: 'submitted' }
  | { what: 'info_requested'; question: string }
  | { what: 'withdrawn' }
  | { what: 'approved' }
  | { what: 'rejected' }
  /** Only for applications from GitHub issues: answers that did not pass, kept with why. */
  | { what: 'draft'; refusal: Refusal }
  | { what: 'edit_refused'; refusal: Refusal }

type Announcing = Pick<Deps, 'config' | 'now' | 'communityNames'>

/** Everything one change of an application tells; call inside its transaction. */
export async function announce(
  deps: Announcing,
  tx: Deps['db'],
  application: repo.ApplicationRow,
  type: ApplicationType,
  happened: Happening,
) {
  if (happened.what === 'submitted') await notify(deps, tx, application, type, { to: 'reviewers' })
  if (happened.what === 'info_requested')
    await notify(deps, tx, application, type, { to: 'applicant', asked: happened.question })
  if (happened.what === 'approved' || happened.what === 'rejected')
    await notify(deps, tx, application, type, { to: 'applicant', approved: happened.what === 'approved' })
  if (happened.what !== 'draft' && happened.what !== 'edit_refused') {
    const [applicant] = await peopleToTell({ db: tx }, [application.applicantId])
    await publishEvent(
      tx,
      `application.${happened.what}`,
      {
        id: application.id,
        type: type.key,
        state: happened.what === 'info_requested' ? 'info_requested' : happened.what,
        applicant: applicant?.handle ?? null,
        subjectId: application.subjectId,
        url: `${deps.config.baseUrl}/en/applications/${application.id}`,
        github: application.githubIssue
          ? { repo: application.githubRepo, issue: application.githubIssue }
          : null,
      },
      deps.now(),
    )
  }
  await reportOnIssue(deps, tx, application, type, happened)
}

/** Reminds the reviewers of an application that has waited `waitedDays`. */
export const remindOf = (
  deps: Announcing,
  tx: Deps['db'],
  application: repo.ApplicationRow,
  type: ApplicationType,
  waitedDays: number,
) => notify(deps, tx, application, type, { to: 'reviewers', waitedDays })

/**
 * The status, as a comment on the issue the application came from, in both languages (the
 * community reads both); a decided or withdrawn application's issue is closed. Only with a GitHub
 * token; the token is added when the request is sent, never stored (see `authoriseGithub`).
 */
async function reportOnIssue(
  deps: Announcing,
  tx: Deps['db'],
  application: repo.ApplicationRow,
  type: ApplicationType,
  happened: Happening,
) {
  if (!deps.config.githubToken || !application.githubRepo || !application.githubIssue) return
  const issueUrl = `${deps.config.githubApiUrl}/repos/${application.githubRepo}/issues/${application.githubIssue}`
  const missing = missingPrivateFields(type, application.answers)
  // Each comment names what the application is about, as the site and the mails do.
  const titles = {
    zh: await applicationTitle(tx, 'zh', application),
    en: await applicationTitle(tx, 'en', application),
  }
  // "Vote on …", "answer on …": the community's site by its name, as each half's language has it.
  const names = await deps.communityNames(tx)
  const site = (locale: Locale) => names[locale] ?? messagesFor(locale).applications.issueComments.ourSite
  const text = (locale: Locale) => {
    const t = messagesFor(locale).applications.issueComments
    const url = `${deps.config.baseUrl}/${locale}/applications/${application.id}`
    const said = `**${titles[locale]}**\n\n${status(locale, url)}`
    // The issue form leaves private fields out; while they are missing, every report asks for them.
    if (!missing.length || !['submitted', 'draft', 'info_requested'].includes(happened.what)) return said
    const fields = textsOf(messagesFor(locale), type.key)?.fields
    const labels = missing.map((id) => fields?.[id]?.label ?? id).join(locale === 'zh' ? '、' : ', ')
    return `${said}\n\n${t.privateDetails(labels, url, site(locale))}`
  }
  const status = (locale: Locale, url: string) => {
    const t = messagesFor(locale).applications.issueComments
    switch (happened.what) {
      case 'submitted':
        return t.submitted(url, site(locale))
      case 'info_requested':
        return t.infoRequested(happened.question, url, site(locale))
      case 'withdrawn':
        return t.withdrawn(url)
      case 'approved':
        return t.approved(url)
      case 'rejected':
        return t.rejected(url, site(locale))
      case 'draft':
      case 'edit_refused':
        return t.refused(refusalLines(locale, type, happened.refusal), url)
    }
  }
  await enqueueRequest(tx, {
    kind: 'github',
    event: `application.${happened.what}`,
    method: 'POST',
    url: `${issueUrl}/comments`,
    body: { body: `${text('zh')}\n\n---\n\n${text('en')}` },
  })
  const closing = { approved: 'completed', rejected: 'not_planned', withdrawn: 'not_planned' } as const
  if (happened.what in closing)
    await enqueueRequest(tx, {
      kind: 'github',
      event: `application.${happened.what}`,
      method: 'PATCH',
      url: issueUrl,
      body: { state: 'closed', state_reason: closing[happened.what as keyof typeof closing] },
    })
}

/**
 * An issue opened while its author already has an open application of that type and subject:
 * a comment in both languages pointing to that one, and the issue closed (nothing was started).
 */
export async function refuseRepeatIssue(
  deps: Announcing,
  tx: Deps['db'],
  issue: { repo: string; number: number },
  existingId: string,
) {
  if (!deps.config.githubToken) return
  const issueUrl = `${deps.config.githubApiUrl}/repos/${issue.repo}/issues/${issue.number}`
  const text = (locale: Locale) =>
    messagesFor(locale).applications.issueComments.alreadyOpen(
      `${deps.config.baseUrl}/${locale}/applications/${existingId}`,
    )
  await enqueueRequest(tx, {
    kind: 'github',
    event: 'application.repeat_refused',
    method: 'POST',
    url: `${issueUrl}/comments`,
    body: { body: `${text('zh')}\n\n---\n\n${text('en')}` },
  })
  await enqueueRequest(tx, {
    kind: 'github',
    event: 'application.repeat_refused',
    method: 'PATCH',
    url: issueUrl,
    body: { state: 'closed', state_reason: 'not_planned' },
  })
}

/**
 * A `/approve` that would seat someone not active lately: GitHub comments carry no reason, so the
 * reviewer is asked (in both languages, on the issue) to approve on the site, where the reason is kept.
 */
export async function askForOverrideOnSite(
  deps: Announcing,
  tx: Deps['db'],
  issue: { repo: string; number: number },
  applicationId: string,
) {
  if (!deps.config.githubToken) return
  const names = await deps.communityNames(tx)
  const text = (locale: Locale) => {
    const t = messagesFor(locale).applications.issueComments
    return t.overrideOnSite(
      `${deps.config.baseUrl}/${locale}/applications/${applicationId}`,
      names[locale] ?? t.ourSite,
    )
  }
  await enqueueRequest(tx, {
    kind: 'github',
    event: 'application.override_asked',
    method: 'POST',
    url: `${deps.config.githubApiUrl}/repos/${issue.repo}/issues/${issue.number}/comments`,
    body: { body: `${text('zh')}\n\n---\n\n${text('en')}` },
  })
}

/** The GitHub API's headers, with the token configured now; without one the request is dropped. */
export const authoriseGithub =
  (deps: Pick<Deps, 'config'>): Authorise =>
  async () =>
    deps.config.githubToken
      ? {
          headers: {
            authorization: `Bearer ${deps.config.githubToken}`,
            accept: 'application/vnd.github+json',
            'x-github-api-version': '2022-11-28',
          },
        }
      : { drop: 'no GitHub token configured' }

/** Tells people by e-mail (through the outbox, in the writing transaction) what needs them. */
async function notify(
  deps: Pick<Deps, 'config' | 'communityNames'>,
  tx: Deps['db'],
  application: repo.ApplicationRow,
  type: ApplicationType,
  what:
    | { to: 'reviewers'; waitedDays?: number }
    | { to: 'applicant'; asked: string }
    | { to: 'applicant'; approved: boolean },
) {
  const recipients =
    what.to === 'reviewers'
      ? (await decidersOf(tx, type, application)).map((d) => d.personId)
      : [application.applicantId]
  const [applicant] = await peopleToTell({ db: tx }, [application.applicantId])
  const sender = await senderOf(deps, tx)
  for (const person of await peopleToTell({ db: tx }, recipients)) {
    if (!person.email) continue
    const locale = (person.locale === 'en' ? 'en' : 'zh') as Locale
    const t = messagesFor(locale)
    const title = await applicationTitle(tx, locale, application)
    const name = displayName(person, locale)
    const url = `${deps.config.baseUrl}/${locale}/applications/${application.id}`
    const mail =
      what.to === 'reviewers' && what.waitedDays
        ? {
            subject: t.mail.applicationWaiting(title, what.waitedDays),
            text: t.mail.applicationWaitingBody(name, title, what.waitedDays, url),
          }
        : what.to === 'reviewers'
          ? {
              subject: t.mail.applicationToReview(title, applicant ? displayName(applicant, locale) : ''),
              text: t.mail.applicationToReviewBody(
                name,
                title,
                applicant ? displayName(applicant, locale) : '',
                url,
              ),
            }
          : 'asked' in what
            ? {
                subject: t.mail.applicationAsked(title),
                text: t.mail.applicationAskedBody(name, title, what.asked, url),
              }
            : {
                subject: t.mail.applicationDecided(title, what.approved),
                text: t.mail.applicationDecidedBody(name, title, what.approved, url),
              }
    await enqueueMail(tx, { to: person.email, locale, ...mail }, sender)
  }
}

/**
 * Asks a person named on an application whether they agree (a founder's proposed vice-leader or
 * member): they answer on their applications page, where the link leads.
 */
/**
 * Tells someone who said yes that the place they were proposed for was taken before they could
 * take it up (a vice-leader seated meanwhile), in their language, rather than leave them waiting.
 */
export async function tellPlaceTaken(
  deps: Pick<Deps, 'config' | 'communityNames'>,
  tx: Deps['db'],
  application: repo.ApplicationRow,
  invitation: { personId: string; role: string },
) {
  const [person] = await peopleToTell({ db: tx }, [invitation.personId])
  if (!person?.email) return
  const locale = (person.locale === 'en' ? 'en' : 'zh') as Locale
  const t = messagesFor(locale)
  const role = t.applications.invitations.roles[invitation.role] ?? invitation.role
  const about = await applicationTitle(tx, locale, application)
  await enqueueMail(
    tx,
    {
      to: person.email,
      locale,
      subject: t.mail.placeTaken(role, about),
      text: t.mail.placeTakenBody(
        displayName(person, locale),
        role,
        about,
        `${deps.config.baseUrl}/${locale}/applications#invitations`,
      ),
    },
    await senderOf(deps, tx),
  )
}

export async function tellInvited(
  deps: Pick<Deps, 'config' | 'communityNames'>,
  tx: Deps['db'],
  application: repo.ApplicationRow,
  invitation: { personId: string; role: string },
) {
  const [person] = await peopleToTell({ db: tx }, [invitation.personId])
  const [applicant] = await peopleToTell({ db: tx }, [application.applicantId])
  if (!person?.email) return
  const locale = (person.locale === 'en' ? 'en' : 'zh') as Locale
  const t = messagesFor(locale)
  const role = t.applications.invitations.roles[invitation.role] ?? invitation.role
  const by = applicant ? displayName(applicant, locale) : ''
  const about = await applicationTitle(tx, locale, application)
  await enqueueMail(
    tx,
    {
      to: person.email,
      locale,
      subject: t.mail.invitation(by, role, about),
      text: t.mail.invitationBody(
        displayName(person, locale),
        by,
        role,
        about,
        `${deps.config.baseUrl}/${locale}/applications#invitations`,
      ),
    },
    await senderOf(deps, tx),
  )
}
