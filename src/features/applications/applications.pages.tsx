import type { Context } from 'hono'
import { Hono } from 'hono'
import type { Child } from 'hono/jsx'
import { z } from 'zod'
import type { Deps } from '../../platform/deps.ts'
import { DomainError, InvalidInput } from '../../platform/errors.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { uuidParam } from '../../platform/http/edge-input.ts'
import { fieldErrors, formatDate, type Messages } from '../../platform/i18n/index.ts'
import { Actions, Avatar, Badge, Card } from '../../platform/views/components.tsx'
import { CsrfField, Field, Notice } from '../../platform/views/layout.tsx'
import { Localized } from '../../platform/views/localized.tsx'
import { formFields, redirectWithNotice, render } from '../../platform/views/page.tsx'
import { displayName, isListed, peopleToTell } from '../people/index.ts'
import { ActivityVerdictView, OverrideReasonField } from '../standing/index.ts'
import { answerInvitation, invitationsOf } from './applications.invitations.ts'
import { ProposedTeam } from './applications.proposed.tsx'
import type { ApplicationEvent, ApplicationRow } from './applications.repo.ts'
import { changedFields, type Decision } from './applications.rules.ts'
import {
  ApplicationAlreadyOpen,
  applicantOverview,
  applicationsOf,
  applicationWithHistory,
  invitedForReview,
  moveApplication,
  NotEligible,
  reviewQueue,
  reviseAnswers,
  startApplication,
  subjectChoices,
  subjectNamed,
  UnknownSubject,
  voteOnApplication,
} from './applications.service.ts'
import {
  applicationTitle,
  applicationTitles,
  checkLabel,
  checkOf,
  explain,
  explainLink,
  textsOf,
} from './applications.texts.ts'
import { type ApplicationType, applicationType, missingPrivateFields } from './applications.types.ts'

/**
 * The places others have proposed the reader for (a founder's team), each with its answer or the
 * two buttons to give one. Always shown, so a person told by mail finds where to answer.
 */
function Invitations(p: {
  c: Context<AppEnv>
  rows: Awaited<ReturnType<typeof invitationsOf>>
  titles: Map<string, string>
}) {
  const { t, locale } = p.c.var
  const ti = t.applications.invitations
  return (
    <section id="invitations" aria-labelledby="invitations-title">
      <h2 id="invitations-title">{ti.title}</h2>
      {p.rows.length ? (
        <ul class="list">
          {p.rows.map((r) => {
            const by = r.applicant ? displayName(r.applicant, locale) : ''
            const about = p.titles.get(r.application.id) ?? r.application.type
            const role = ti.roles[r.invitation.role] ?? r.invitation.role
            const lapsed = r.invitation.state === 'pending' && !r.answerable
            return (
              <li>
                <p>
                  {ti.asks(by, role, about)}{' '}
                  <span class="badge">{lapsed ? ti.closed : ti.states[r.invitation.state]}</span>
                </p>
                {r.answerable ? (
                  <form method="post" action={`/${locale}/applications/invitations/${r.invitation.id}`}>
                    <CsrfField c={p.c} />
                    <p class="button-row">
                      <button type="submit" name="answer" value="accept">
                        {ti.accept}
                      </button>
                      <button type="submit" name="answer" value="decline" class="secondary">
                        {ti.decline}
                      </button>
                    </p>
                  </form>
                ) : null}
              </li>
            )
          })}
        </ul>
      ) : (
        <p class="muted">{ti.none}</p>
      )}
    </section>
  )
}

/** One box to tick, in a fieldset named by the field's label; its error is announced with it. */
function ConfirmField(p: {
  id: string
  label: string
  text: string
  checked: boolean
  error?: string | undefined
}) {
  const input = `field-${p.id}`
  return (
    <fieldset class={p.error ? 'field checks has-error' : 'field checks'}>
      <legend>{p.label}</legend>
      <label for={input}>
        <input
          type="checkbox"
          id={input}
          name={p.id}
          value="yes"
          checked={p.checked}
          required
          aria-invalid={p.error ? 'true' : undefined}
          aria-describedby={p.error ? `${input}-error` : undefined}
        />{' '}
        {p.text}
      </label>
      {p.error ? (
        <p class="error" id={`${input}-error`}>
          {p.error}
        </p>
      ) : null}
    </fieldset>
  )
}

function ApplicationForm({
  c,
  type,
  action,
  values,
  errors,
  submitLabel,
  draft,
  picker,
}: {
  c: Context<AppEnv>
  type: ApplicationType
  action: string
  values: Record<string, unknown>
  errors: Record<string, string>
  submitLabel: string
  draft: boolean
  /** What the applicant can name as the subject, when the address did not say (the chapter to join). */
  picker?: { label: string; name: string }[] | undefined
}) {
  const { t } = c.var
  const texts = textsOf(t, type.key)
  return (
    <form method="post" action={action} novalidate>
      <CsrfField c={c} />
      {picker ? (
        <SubjectPicker
          c={c}
          type={type}
          options={picker}
          value={typeof values.subject === 'string' ? values.subject : ''}
          error={errors.subject}
        />
      ) : null}
      {type.fields.map((f) =>
        f.control === 'confirm' ? (
          <ConfirmField
            id={f.id}
            label={texts?.fields[f.id]?.label ?? f.id}
            text={texts?.fields[f.id]?.hint ?? f.id}
            checked={values[f.id] === true || values[f.id] === 'yes'}
            error={errors[f.id]}
          />
        ) : (
          <Field
            name={f.id}
            label={texts?.fields[f.id]?.label ?? f.id}
            hint={texts?.fields[f.id]?.hint || undefined}
            value={values[f.id] === undefined || values[f.id] === null ? '' : String(values[f.id])}
            error={errors[f.id]}
            required={f.required}
            multiline={f.control === 'textarea'}
            type={f.control === 'number' ? 'number' : 'text'}
            inputmode={f.control === 'number' ? 'numeric' : undefined}
          />
        ),
      )}
      <Actions>
        <button type="submit" class="button" name="intent" value="submit">
          {submitLabel}
        </button>
        {draft ? (
          <button type="submit" name="intent" value="draft" class="button secondary">
            {t.applications.saveDraft}
          </button>
        ) : null}
      </Actions>
    </form>
  )
}

/**
 * The subject to choose when the form was opened without one (the chapter to join, the show to be
 * a guest on); its error stands next to it, and the choice survives a refused submission.
 */
function SubjectPicker(p: {
  c: Context<AppEnv>
  type: ApplicationType
  options: { label: string; name: string }[]
  value: string
  error?: string | undefined
}) {
  const { t } = p.c.var
  const texts = t.applications.subjects[p.type.key]
  const id = 'field-subject'
  const describedBy = [p.error ? `${id}-error` : null, `${id}-hint`].filter(Boolean).join(' ')
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={id}>{texts?.label ?? t.applications.subjectFallback}</label>
      <p class="hint" id={`${id}-hint`}>
        {texts?.hint ?? ''}
      </p>
      <select
        id={id}
        name="subject"
        required
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy}
      >
        <option value="" selected={!p.options.some((o) => o.name === p.value)}>
          {t.applications.choose}
        </option>
        {p.options.map((o) => (
          <option value={o.name} selected={o.name === p.value}>
            {o.label}
          </option>
        ))}
      </select>
      {p.error ? (
        <p class="error" id={`${id}-error`}>
          {p.error}
        </p>
      ) : null}
    </div>
  )
}

function Refusal({
  c,
  failed,
  draftId,
}: {
  c: Context<AppEnv>
  failed: NotEligible['failed']
  draftId?: string
}) {
  const { t, locale } = c.var
  return (
    <Notice kind="error">
      <p>{t.applications.notMet}</p>
      <ul>
        {failed.map((f) => {
          const link = explainLink(t, locale, f)
          return (
            <li>
              {explain(t, locale, f)}
              {link ? (
                <>
                  {' '}
                  <a href={link.href}>{link.label}</a>
                </>
              ) : null}
            </li>
          )
        })}
      </ul>
      {draftId ? (
        <p>
          {t.applications.keptAsDraft}{' '}
          <a href={`/${locale}/applications/${draftId}`}>{t.applications.openDraft}</a>
        </p>
      ) : null}
    </Notice>
  )
}

const stateLabel = (t: Messages, state: string) =>
  (t.applications.states as Record<string, string>)[state] ?? state

const stateTone = (state: string) =>
  state === 'approved'
    ? 'success'
    : state === 'rejected'
      ? 'danger'
      : state === 'submitted' || state === 'info_requested'
        ? 'accent'
        : 'neutral'

/** Applications with their titles, each naming what it is about, and who applied when asked. */
function ApplicationList({
  c,
  rows,
  titles,
  applicants,
}: {
  c: Context<AppEnv>
  rows: ApplicationRow[]
  titles: Map<string, string>
  /** The applicant's name by application, for the review queue. */
  applicants?: Map<string, string>
}) {
  const { t, locale } = c.var
  return (
    <ul class="application-list">
      {rows.map((a) => (
        <li>
          <a href={`/${locale}/applications/${a.id}`}>{titles.get(a.id) ?? a.type}</a>
          {applicants?.get(a.id) ? (
            <span class="muted"> · {t.applications.from(applicants.get(a.id)!)}</span>
          ) : null}
          {' · '}
          <Badge tone={stateTone(a.state)}>{stateLabel(t, a.state)}</Badge>
          {a.submittedAt ? (
            <span class="muted"> · {t.applications.submittedOn(formatDate(locale, a.submittedAt))}</span>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

function History({
  c,
  events,
  fields,
}: {
  c: Context<AppEnv>
  events: (ApplicationEvent & { who: string | null })[]
  /** The form's fields (id, label), to name what each new version of the answers changed. */
  fields: { id: string; label: string }[]
}) {
  const { t, locale } = c.var
  const list = new Intl.ListFormat(locale, { type: 'conjunction' })
  let answers: Record<string, unknown> | null = null
  const changes = events.map((e) => {
    if (!e.answers) return null
    const changed = answers
      ? changedFields(
          fields.map((f) => f.id),
          answers,
          e.answers,
        )
      : []
    answers = e.answers
    return changed.length ? changed.map((id) => fields.find((f) => f.id === id)!.label) : null
  })
  // An answer to an invitation keeps the place it was for (a role) where other events keep words.
  const invitationRole = (e: ApplicationEvent) =>
    e.kind === 'invitation_accepted' || e.kind === 'invitation_declined' ? e.comment : null
  const what = (e: ApplicationEvent) => {
    const base = (t.applications.events as Record<string, string>)[e.kind] ?? e.kind
    const role = invitationRole(e)
    if (role) return t.applications.invitationAs(base, t.applications.invitations.roles[role] ?? role)
    return e.kind === 'vote' && e.vote
      ? `${base}: ${(t.applications.votes as Record<string, string>)[e.vote]}`
      : base
  }
  return (
    <ol class="timeline">
      {events.map((e, i) => (
        <li>
          {e.who
            ? t.applications.by(e.who, what(e), formatDate(locale, e.at, true))
            : `${what(e)} · ${formatDate(locale, e.at, true)}`}
          {changes[i] ? <p class="muted">{t.applications.changedFields(list.format(changes[i]))}</p> : null}
          {e.comment && !invitationRole(e) ? <blockquote>{e.comment}</blockquote> : null}
        </li>
      ))}
    </ol>
  )
}

function Standing({ t, decision }: { t: Messages; decision: Decision }) {
  if (decision.outcome !== 'pending') return null
  const missing = decision.missing.filter((m) => m.needed > 0)
  return (
    <>
      <h2>{t.applications.needs}</h2>
      <ul>
        {missing.map((m) => (
          <li>{t.applications.needsGroup(m.needed, t.applications.groups[m.group] ?? m.group)}</li>
        ))}
      </ul>
    </>
  )
}

/**
 * Who applied, as the people who decide see it: the applicant's card (face, name, handle, profile
 * and GitHub links, city), whether they are active lately and what shows it, the type's conditions
 * checked now with their results, and the applicant's other applications.
 */
function ApplicantOverview({
  c,
  overview,
  titles,
  open,
  githubUrl,
}: {
  c: Context<AppEnv>
  githubUrl: string
  overview: Awaited<ReturnType<typeof applicantOverview>>
  titles: Map<string, string>
  /** Still being decided: the conditions are checked as of now only then. */
  open: boolean
}) {
  const { t, locale } = c.var
  const ta = t.applications.applicantCard
  const p = overview.applicant
  const name = displayName(p, locale)
  const profile = isListed(p) ? `/${locale}/people/${encodeURIComponent(p.handle)}` : undefined
  const checks = overview.checks
    .map((e) => ({ e, label: checkLabel(t, checkOf(e)) }))
    .filter((x): x is { e: typeof x.e; label: string } => x.label !== null)
  return (
    <section aria-labelledby="applicant-title" class="applicant-overview">
      <h2 id="applicant-title">{ta.title}</h2>
      <Card
        level={3}
        variant="person"
        title={name}
        href={profile}
        leading={<Avatar name={name} src={p.avatarUrl} alt="" size="large" />}
        meta={
          <>
            @{p.handle}
            {p.cityZh || p.cityEn ? (
              <>
                {' · '}
                <Localized locale={locale} zh={p.cityZh} en={p.cityEn} />
              </>
            ) : null}
          </>
        }
      >
        <ul class="inline-links">
          {profile ? (
            <li>
              <a href={profile}>{ta.profile}</a>
            </li>
          ) : (
            <li class="muted">{ta.privateProfile}</li>
          )}
          {p.githubLogin ? (
            <li>
              <a href={`${githubUrl}/${encodeURIComponent(p.githubLogin)}`}>{ta.github(p.githubLogin)}</a>
            </li>
          ) : (
            <li class="muted">{ta.noGithub}</li>
          )}
        </ul>
      </Card>
      <h3>{ta.activity}</h3>
      <ActivityVerdictView verdict={overview.verdict} t={t} locale={locale} />
      {open && checks.length ? (
        <>
          <h3>{ta.checks}</h3>
          <ul class="check-results">
            {checks.map(({ e, label }) => (
              <li>
                <Badge tone={e.ok ? 'success' : 'danger'}>{e.ok ? ta.met : ta.notMet}</Badge> {label}
                {e.ok ? null : <p class="muted">{explain(t, locale, e)}</p>}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{ta.others}</h3>
      {overview.others.length ? (
        <ul class="application-list">
          {overview.others.map(({ application: a, readable }) => (
            <li>
              {readable ? (
                <a href={`/${locale}/applications/${a.id}`}>{titles.get(a.id) ?? a.type}</a>
              ) : (
                (titles.get(a.id) ?? a.type)
              )}{' '}
              · <Badge tone={stateTone(a.state)}>{stateLabel(t, a.state)}</Badge>
              {a.submittedAt ? (
                <span class="muted"> · {t.applications.submittedOn(formatDate(locale, a.submittedAt))}</span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{ta.noOthers}</p>
      )}
    </section>
  )
}

const voteInput = z.object({
  vote: z.enum(['approve', 'reject']),
  comment: z.string().trim().max(2000, 'tooLong').optional(),
  /** Why approve although someone who must be active lately is not (applications.activity.ts). */
  override: z.string().trim().max(2000, 'tooLong').optional(),
})
const moveInput = z.object({
  move: z.enum(['request_info', 'withdraw']),
  comment: z.string().trim().max(2000, 'tooLong').optional(),
})

/** An application page's heading, under the way back to all applications. */
function TitleWithBack({ c, title }: { c: Context<AppEnv>; title: string }) {
  const { t, locale } = c.var
  return (
    <>
      <p>
        <a href={`/${locale}/applications`}>{t.applications.title}</a>
      </p>
      <h1>{title}</h1>
    </>
  )
}

/** What a form page shows after a failed attempt: what was typed, what is wrong, with what status. */
type Attempt = {
  values?: Record<string, unknown>
  errors?: Record<string, string>
  refusal?: Child
  status?: number
}

export function applicationsPages(deps: Deps) {
  const app = new Hono<AppEnv>()

  const signedIn = (c: Context<AppEnv>) => {
    if (!c.var.viewer) throw new DomainError('unauthenticated')
    return c.var.viewer
  }

  /**
   * The form, titled by its subject when the address names one that exists ("Join the Hangzhou
   * chapter"); otherwise it offers what can be named (a picker of chapters), with an error next
   * to it when the address named something unknown. `subjectName` is what the applicant asked for.
   */
  const applyPage = async (
    c: Context<AppEnv>,
    type: ApplicationType,
    state: Attempt & { subjectName?: string | null } = {},
  ) => {
    const { t, locale } = c.var
    const texts = textsOf(t, type.key)
    const asked = state.subjectName !== undefined ? state.subjectName : (c.req.query('subject') ?? null)
    const subjectId = asked ? await subjectNamed(deps, type, asked) : null
    const choices = type.subjectFrom && !subjectId ? await subjectChoices(deps, type, locale) : null
    const errors = { ...state.errors }
    if (asked && type.subjectFrom && !subjectId && !errors.subject)
      errors.subject = t.applications.unknownSubject
    const title = await applicationTitle(deps.db, locale, { type: type.key, subjectId, answers: {} })
    const base = `/${locale}/applications/new/${type.key}`
    return render(
      c,
      { title, status: state.status ?? (errors.subject ? 404 : undefined) },
      <>
        <TitleWithBack c={c} title={title} />
        {texts ? <p class="lead">{texts.lead}</p> : null}
        {texts ? (
          <section aria-labelledby="conditions-title">
            <h2 id="conditions-title">{t.applications.conditions}</h2>
            <ul>
              {texts.conditions.map((line) => (
                <li>{line}</li>
              ))}
            </ul>
          </section>
        ) : null}
        {state.refusal}
        {Object.keys(errors).length ? <Notice kind="error">{t.errors.invalid}</Notice> : null}
        {choices && !choices.length ? <Notice kind="info">{t.applications.noSubjects}</Notice> : null}
        <ApplicationForm
          c={c}
          type={type}
          action={subjectId && asked ? `${base}?subject=${encodeURIComponent(asked)}` : base}
          values={{ ...state.values, subject: asked ?? '' }}
          errors={errors}
          submitLabel={t.applications.submit}
          draft
          picker={choices ?? undefined}
        />
      </>,
    )
  }

  const typeFrom = (c: Context<AppEnv>) => {
    const type = applicationType(c.req.param('type') ?? '')
    if (!type) throw new DomainError('notFoundRecord')
    return type
  }

  app.get('/:lang{(?:zh|en)}/applications/new/:type', async (c) => {
    signedIn(c)
    return applyPage(c, typeFrom(c))
  })

  app.post('/:lang{(?:zh|en)}/applications/new/:type', async (c) => {
    const viewer = signedIn(c)
    const { locale } = c.var
    const type = typeFrom(c)
    // The picker's choice (a form opened without a subject) wins over the address.
    const { intent, subject, ...values } = await formFields(c)
    const subjectName = subject || c.req.query('subject') || null
    const start = (submit: boolean) =>
      startApplication(deps, viewer, { type: type.key, answers: values, subjectName, submit })
    try {
      if (intent === 'draft') {
        const draft = await start(false)
        return redirectWithNotice(c, `/${locale}/applications/${draft.id}`, 'draftSaved')
      }
      try {
        const submitted = await start(true)
        return redirectWithNotice(c, `/${locale}/applications/${submitted.id}`, 'submitted')
      } catch (e) {
        if (e instanceof InvalidInput)
          return applyPage(c, type, {
            values,
            subjectName,
            errors: fieldErrors(locale, new z.ZodError(e.issues)),
            status: 422,
          })
        if (!(e instanceof NotEligible)) throw e
        // Nothing typed is lost: the answers wait as a draft until the conditions are met.
        const draft = await start(false)
        return applyPage(c, type, {
          values,
          subjectName,
          status: 422,
          refusal: <Refusal c={c} failed={e.failed} draftId={draft.id} />,
        })
      }
    } catch (e) {
      if (e instanceof UnknownSubject) {
        // Nothing typed is lost: the form comes back with the answers and the picker, and what
        // else is wrong with the answers is said at once rather than on the next try.
        const parsed = intent === 'draft' ? null : type.form.safeParse(values)
        return applyPage(c, type, {
          values,
          subjectName,
          errors: {
            ...(parsed && !parsed.success ? fieldErrors(locale, parsed.error) : {}),
            subject: subjectName ? c.var.t.applications.unknownSubject : c.var.t.applications.chooseSubject,
          },
          status: 422,
        })
      }
      if (!(e instanceof ApplicationAlreadyOpen)) throw e
      return applyPage(c, type, {
        values,
        subjectName,
        status: 409,
        refusal: (
          <Notice kind="error">
            {c.var.t.applications.alreadyOpen}{' '}
            <a href={`/${locale}/applications/${e.existingId}`}>{c.var.t.applications.openExisting}</a>
          </Notice>
        ),
      })
    }
  })

  app.get('/:lang{(?:zh|en)}/applications', async (c) => {
    const viewer = signedIn(c)
    const { t } = c.var
    const { locale } = c.var
    const [mine, queue, invitations] = await Promise.all([
      applicationsOf(deps, viewer),
      reviewQueue(deps, viewer),
      invitationsOf(deps, viewer),
    ])
    const titles = await applicationTitles(deps.db, locale, [
      ...mine,
      ...queue,
      ...invitations.map((r) => r.application),
    ])
    const applicants = new Map(
      (await peopleToTell(deps, [...new Set(queue.map((a) => a.applicantId))])).map((p) => [
        p.id,
        displayName(p, locale),
      ]),
    )
    const applicantOf = new Map(queue.map((a) => [a.id, applicants.get(a.applicantId) ?? '']))
    const notice = c.req.query('notice')
    return render(
      c,
      { title: t.applications.title },
      <>
        <h1>{t.applications.title}</h1>
        {notice && t.applications.notices[notice] ? (
          <Notice kind={notice === 'placeTaken' ? 'info' : 'success'}>
            {t.applications.notices[notice]}
          </Notice>
        ) : null}
        <Invitations c={c} rows={invitations} titles={titles} />
        <section aria-labelledby="queue-title">
          <h2 id="queue-title">{t.applications.queue}</h2>
          {queue.length ? (
            <ApplicationList c={c} rows={queue} titles={titles} applicants={applicantOf} />
          ) : (
            <p class="muted">{t.applications.noneQueue}</p>
          )}
        </section>
        <section aria-labelledby="mine-title">
          <h2 id="mine-title">{t.applications.mine}</h2>
          {mine.length ? (
            <ApplicationList c={c} rows={mine} titles={titles} />
          ) : (
            <p class="muted">{t.applications.noneMine}</p>
          )}
        </section>
      </>,
    )
  })

  const detailPage = async (c: Context<AppEnv>, state: Attempt = {}) => {
    const viewer = signedIn(c)
    const { t, locale } = c.var
    const id = c.req.param('id') ?? ''
    const {
      application,
      type,
      events,
      people,
      decision,
      viewer: who,
      activity,
    } = await applicationWithHistory(deps, viewer, id)
    const texts = textsOf(t, type.key)
    const notice = c.req.query('notice')
    const editable =
      who.applicant && (application.state === 'draft' || application.state === 'info_requested')
    const open = application.state === 'submitted' || application.state === 'info_requested'
    // Asked here, not in the public issue the application came from (see `ApplicationField.private`).
    const missingPrivate = missingPrivateFields(type, application.answers)
    const base = `/${locale}/applications/${application.id}`
    const title = await applicationTitle(deps.db, locale, application)
    // Who applied, for the people who decide and administrators (never to other readers).
    const overview =
      who.reviewer || who.administrator ? await applicantOverview(deps, viewer, application) : null
    // The team the application proposes, each with their answer and verdict (applications.proposed.tsx).
    const proposed =
      who.reviewer || who.administrator ? await invitedForReview(deps, viewer, application) : []
    const otherTitles = overview
      ? await applicationTitles(
          deps.db,
          locale,
          overview.others.map((o) => o.application),
        )
      : new Map<string, string>()
    return render(
      c,
      { title, status: state.status },
      <>
        <TitleWithBack c={c} title={title} />
        <p>
          <span class="badge">{stateLabel(t, application.state)}</span>
          {application.submittedAt ? (
            <span class="muted">
              {' '}
              · {t.applications.submittedOn(formatDate(locale, application.submittedAt))}
            </span>
          ) : null}
        </p>
        {notice && t.applications.notices[notice] ? (
          <Notice kind="success">{t.applications.notices[notice]}</Notice>
        ) : null}
        {state.refusal}
        {overview ? (
          <ApplicantOverview
            c={c}
            overview={overview}
            titles={otherTitles}
            open={open}
            githubUrl={deps.config.githubUrl}
          />
        ) : null}
        <ProposedTeam c={c} rows={proposed} />
        {editable ? (
          <ApplicationForm
            c={c}
            type={type}
            action={`${base}/answers`}
            values={state.values ?? application.answers}
            errors={state.errors ?? {}}
            submitLabel={
              application.state === 'draft' ? t.applications.submit : t.applications.answerAndResubmit
            }
            draft={false}
          />
        ) : (
          <section aria-labelledby="answers-title">
            <h2 id="answers-title">{t.applications.answers}</h2>
            <dl class="facts answers">
              {type.fields.map((f) => (
                <>
                  <dt>{texts?.fields[f.id]?.label ?? f.id}</dt>
                  <dd class="pre">
                    {f.control === 'confirm'
                      ? application.answers[f.id] === true
                        ? t.applications.confirmed
                        : '—'
                      : String(application.answers[f.id] ?? '—')}
                  </dd>
                </>
              ))}
            </dl>
          </section>
        )}
        {who.applicant && application.state === 'submitted' && missingPrivate.length ? (
          <section aria-labelledby="private-title">
            <h2 id="private-title">{t.applications.privateDetails}</h2>
            <p>{t.applications.privateDetailsLead}</p>
            <form method="post" action={`${base}/private`} novalidate>
              <CsrfField c={c} />
              {missingPrivate.map((fieldId) => (
                <Field
                  name={fieldId}
                  label={texts?.fields[fieldId]?.label ?? fieldId}
                  hint={texts?.fields[fieldId]?.hint}
                  required
                  value={String(state.values?.[fieldId] ?? '')}
                  error={state.errors?.[fieldId]}
                />
              ))}
              <button type="submit">{t.applications.savePrivateDetails}</button>
            </form>
          </section>
        ) : null}
        {open ? <Standing t={t} decision={decision} /> : null}
        {open && who.reviewer && !who.applicant ? (
          <section aria-labelledby="review-title">
            <h2 id="review-title">{t.applications.review}</h2>
            {activity.some((a) => a.as !== 'applicant') ? (
              <>
                <h3>{t.applications.activityTitle}</h3>
                <ul class="verdicts">
                  {activity
                    .filter((a) => a.as !== 'applicant')
                    .map((a) => (
                      <li>
                        <strong>{t.applications.activityAs[a.as] ?? a.as}</strong>{' '}
                        <ActivityVerdictView verdict={a.verdict} t={t} locale={locale} />
                      </li>
                    ))}
                </ul>
              </>
            ) : null}
            <form method="post" action={`${base}/vote`}>
              <CsrfField c={c} />
              <Field
                name="comment"
                id="vote-comment"
                label={t.applications.comment}
                multiline
                error={state.errors?.comment}
              />
              {activity.some((a) => !a.verdict.active) ? (
                <OverrideReasonField id="vote-override" t={t} error={state.errors?.override} />
              ) : null}
              <Actions>
                <button type="submit" class="button" name="vote" value="approve">
                  {t.applications.approve}
                </button>
                <button type="submit" name="vote" value="reject" class="button secondary">
                  {t.applications.reject}
                </button>
              </Actions>
            </form>
            {application.state === 'submitted' ? (
              <form method="post" action={`${base}/move`}>
                <CsrfField c={c} />
                <input type="hidden" name="move" value="request_info" />
                <Field name="comment" id="info-comment" label={t.applications.question} multiline required />
                <button type="submit" class="secondary">
                  {t.applications.requestInfo}
                </button>
              </form>
            ) : null}
          </section>
        ) : null}
        {/* A talk proposal is withdrawn on the programme's pages (the type `actsElsewhere`). */}
        {who.applicant && (open || application.state === 'draft') && !type.actsElsewhere ? (
          <form method="post" action={`${base}/move`}>
            <CsrfField c={c} />
            <input type="hidden" name="move" value="withdraw" />
            <button type="submit" class="secondary">
              {t.applications.withdraw}
            </button>
          </form>
        ) : null}
        <section aria-labelledby="history-title">
          <h2 id="history-title">{t.applications.history}</h2>
          <History
            c={c}
            events={events.map((e) => {
              const p = e.actorId ? people.get(e.actorId) : undefined
              return { ...e, who: p ? displayName(p, locale) : null }
            })}
            fields={type.fields.map((f) => ({ id: f.id, label: texts?.fields[f.id]?.label ?? f.id }))}
          />
        </section>
      </>,
    )
  }

  app.get(`/:lang{(?:zh|en)}/applications/:id${uuidParam}`, (c) => detailPage(c))

  app.post(`/:lang{(?:zh|en)}/applications/:id${uuidParam}/answers`, async (c) => {
    const viewer = signedIn(c)
    const { locale } = c.var
    const id = c.req.param('id')
    const { intent: _, ...values } = await formFields(c)
    const { application } = await applicationWithHistory(deps, viewer, id)
    try {
      await moveApplication(deps, viewer, id, application.state === 'draft' ? 'submit' : 'answer', {
        answers: values,
      })
      return redirectWithNotice(c, `/${locale}/applications/${id}`, 'submitted')
    } catch (e) {
      if (e instanceof InvalidInput)
        return detailPage(c, { values, errors: fieldErrors(locale, new z.ZodError(e.issues)), status: 422 })
      if (e instanceof NotEligible)
        return detailPage(c, { values, status: 422, refusal: <Refusal c={c} failed={e.failed} /> })
      throw e
    }
  })

  app.post(`/:lang{(?:zh|en)}/applications/:id${uuidParam}/private`, async (c) => {
    const viewer = signedIn(c)
    const { locale } = c.var
    const id = c.req.param('id')
    const values = await formFields(c)
    const { application, type } = await applicationWithHistory(deps, viewer, id)
    const given = Object.fromEntries(
      type.fields.filter((f) => f.private && f.id in values).map((f) => [f.id, values[f.id]]),
    )
    try {
      await reviseAnswers(deps, viewer, id, { ...application.answers, ...given })
      return redirectWithNotice(c, `/${locale}/applications/${id}`, 'moved')
    } catch (e) {
      if (!(e instanceof InvalidInput)) throw e
      return detailPage(c, {
        values: given,
        errors: fieldErrors(locale, new z.ZodError(e.issues)),
        status: 422,
      })
    }
  })

  app.post(`/:lang{(?:zh|en)}/applications/invitations/:id${uuidParam}`, async (c) => {
    const viewer = signedIn(c)
    const { answer } = await formFields(c)
    if (answer !== 'accept' && answer !== 'decline') throw new DomainError('notAllowedNow')
    const outcome = await answerInvitation(deps, viewer, c.req.param('id'), answer)
    // A yes before approval waits for it; after it, it seats them or finds the place taken.
    const notice = outcome === 'pending' ? 'accepted' : outcome
    return redirectWithNotice(c, `/${c.var.locale}/applications`, notice)
  })

  app.post(`/:lang{(?:zh|en)}/applications/:id${uuidParam}/vote`, async (c) => {
    const viewer = signedIn(c)
    const parsed = voteInput.safeParse(await formFields(c))
    if (!parsed.success)
      return detailPage(c, { errors: fieldErrors(c.var.locale, parsed.error), status: 422 })
    const id = c.req.param('id')
    try {
      await voteOnApplication(
        deps,
        viewer,
        id,
        parsed.data.vote,
        parsed.data.comment || null,
        parsed.data.override || null,
      )
    } catch (e) {
      if (!(e instanceof DomainError && e.code === 'overrideRequired')) throw e
      return detailPage(c, { errors: { override: c.var.t.errors.overrideRequired }, status: 409 })
    }
    return redirectWithNotice(c, `/${c.var.locale}/applications/${id}`, 'voted')
  })

  app.post(`/:lang{(?:zh|en)}/applications/:id${uuidParam}/move`, async (c) => {
    const viewer = signedIn(c)
    const parsed = moveInput.safeParse(await formFields(c))
    if (!parsed.success)
      return detailPage(c, { errors: fieldErrors(c.var.locale, parsed.error), status: 422 })
    const id = c.req.param('id')
    await moveApplication(deps, viewer, id, parsed.data.move, { comment: parsed.data.comment || null })
    return redirectWithNotice(c, `/${c.var.locale}/applications/${id}`, 'moved')
  })

  return app
}
