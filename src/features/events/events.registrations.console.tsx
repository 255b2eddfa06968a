// The organisers' registrations page of an event: counts, everyone with their answers (filtered
// by status), approving and declining, the waitlist in order, adding someone beyond capacity,
// the capacity, a message to all attendees, and the CSV with answers.
import type { Context } from 'hono'
import { Hono } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { uuidParam } from '../../platform/http/edge-input.ts'
import { formatInZone, type Locale, type Messages } from '../../platform/i18n/index.ts'
import { Badge, FormSection, StatTile, Tabs, type Tone } from '../../platform/views/components.tsx'
import { CsrfField, Field, Notice } from '../../platform/views/layout.tsx'
import { Localized, textIn } from '../../platform/views/localized.tsx'
import { readForm, redirectWithNotice, render } from '../../platform/views/page.tsx'
import { displayName } from '../people/index.ts'
import { toCsv } from './events.registrations.csv.ts'
import {
  addAttendeeInput,
  approvalInput,
  capacityInput,
  messageInput,
  questionInput,
  statusFilterInput,
} from './events.registrations.inputs.ts'
import type { EventRow } from './events.registrations.repo.ts'
import * as repo from './events.registrations.repo.ts'
import {
  parseOptions,
  placesLeft,
  type RegistrationStatus,
  registrationStatuses,
} from './events.registrations.rules.ts'
import {
  addAttendee,
  addQuestion,
  approveRegistration,
  changeCapacity,
  declineRegistration,
  messageAttendees,
  QuestionRefused,
  RegistrationRefused,
  registrationsForOrganisers,
  removeQuestion,
  removeRegistration,
  setApproval,
} from './events.registrations.ts'
import { consoleRegistrationsPath } from './events.registrations.views.tsx'
import type { RegistrationQuestion } from './events.schema.ts'
import { eventTabs, registerEventTab } from './events.tabs.ts'

registerEventTab({
  key: 'registrations',
  order: 40,
  label: (t) => t.eventRegistrations.console.tab,
  href: consoleRegistrationsPath,
})

const tones: Record<RegistrationStatus, Tone> = {
  confirmed: 'success',
  waitlisted: 'warning',
  pending: 'accent',
  declined: 'neutral',
  cancelled: 'neutral',
}

type Listing = Awaited<ReturnType<typeof registrationsForOrganisers>>
type Row = Listing['rows'][number]
type Failed = {
  which: 'add' | 'capacity' | 'message' | 'question'
  values: Record<string, string>
  errors: Record<string, string>
}

/** An answer as the organisers read it: a choice's option label, yes or no, or the text. */
export function answerText(t: Messages, locale: Locale, q: RegistrationQuestion, value: string | undefined) {
  if (value === undefined) return ''
  if (q.kind === 'yes_no')
    return value === 'yes' ? t.eventRegistrations.form.yes : t.eventRegistrations.form.no
  if (q.kind === 'choice') {
    const option = q.options?.find((o) => o.key === value)
    return option ? textIn(locale, option.labelZh, option.labelEn) || value : value
  }
  return value
}

const questionLabel = (locale: Locale, q: RegistrationQuestion) =>
  textIn(locale, q.labelZh, q.labelEn) || q.key

function Answers({ t, locale, event, row }: { t: Messages; locale: Locale; event: EventRow; row: Row }) {
  const answered = event.questions.filter((q) => row.registration.answers[q.key] !== undefined)
  if (answered.length === 0) return null
  return (
    <dl class="registration-answers">
      {answered.map((q) => (
        <>
          <dt>
            <Localized locale={locale} zh={q.labelZh} en={q.labelEn} />
          </dt>
          <dd>{answerText(t, locale, q, row.registration.answers[q.key])}</dd>
        </>
      ))}
    </dl>
  )
}

function RowActions({ c, path, row }: { c: Context<AppEnv>; path: string; row: Row }) {
  const tc = c.var.t.eventRegistrations.console
  const { status, id } = row.registration
  const action = (name: 'approve' | 'decline' | 'remove', label: string, danger = false) => (
    <form method="post" action={`${path}/${id}/${name}`} class="inline">
      <CsrfField c={c} />
      <button type="submit" class={danger ? 'secondary' : undefined}>
        {label}
      </button>
    </form>
  )
  return (
    <div class="actions">
      {status === 'pending' ? action('approve', tc.approve) : null}
      {status === 'pending' || status === 'waitlisted' ? action('decline', tc.decline, true) : null}
      {status === 'confirmed' || status === 'waitlisted' ? action('remove', tc.remove, true) : null}
    </div>
  )
}

export function registrationsConsolePages(deps: Deps) {
  const app = new Hono<AppEnv>()
  const base = `/:lang{(?:zh|en)}/console/events/:id${uuidParam}/registrations`

  const eventOf = async (c: Context<AppEnv>) => {
    const event = await repo.selectEvent(deps.db, c.req.param('id') ?? '')
    if (!event) throw new DomainError('notFoundRecord')
    return event
  }

  const page = async (c: Context<AppEnv>, failed?: Failed, refusal?: string) => {
    const { t, locale, viewer } = c.var
    const tr = t.eventRegistrations
    const tc = tr.console
    const event = await eventOf(c)
    const filter = statusFilterInput.safeParse({ status: c.req.query('status') })
    const status = filter.success ? (filter.data.status ?? undefined) : undefined
    const listing = await registrationsForOrganisers(deps, viewer, { slug: event.slug, status })
    const path = consoleRegistrationsPath(locale, event.id)
    const title = textIn(locale, event.titleZh, event.titleEn)
    const notice = c.req.query('notice')
    const v = (which: Failed['which'], name: string) =>
      failed?.which === which ? failed.values[name] : undefined
    const e = (which: Failed['which'], name: string) =>
      failed?.which === which ? failed.errors[name] : undefined
    const left = placesLeft(event.capacity, listing.confirmed)
    const when = (d: Date) => formatInZone(locale, d, event.timeZone)
    return render(
      c,
      { title: tc.title(title), status: failed ? 422 : refusal ? 409 : 200 },
      <>
        <p class="breadcrumb">
          <a href={`/${locale}/console/events/${event.id}`}>{tc.back}</a>
        </p>
        <h1>{tc.title(title)}</h1>
        <Tabs label={t.events.console.tabs} tabs={eventTabs(t, locale, event.id, 'registrations')} />
        {notice && tc.notices[notice] ? <Notice kind="success">{tc.notices[notice]}</Notice> : null}
        {refusal ? <Notice kind="error">{refusal}</Notice> : null}
        {failed ? <Notice kind="error">{t.errors.invalid}</Notice> : null}
        <section aria-labelledby="counts-title">
          <h2 id="counts-title" class="visually-hidden">
            {tc.counts}
          </h2>
          <ul class="stat-tiles">
            <li>
              <StatTile
                value={
                  event.capacity === null ? listing.confirmed : `${listing.confirmed} / ${event.capacity}`
                }
                label={tc.confirmed}
                href={`${path}?status=confirmed`}
              />
            </li>
            <li>
              <StatTile value={listing.counts.waitlisted ?? 0} label={tc.waitlisted} href="#waitlist-title" />
            </li>
            {event.requiresApproval || listing.counts.pending ? (
              <li>
                <StatTile
                  value={listing.counts.pending ?? 0}
                  label={tc.pending}
                  href={`${path}?status=pending`}
                />
              </li>
            ) : null}
          </ul>
          <p class="muted">
            {left === null ? tr.panel.noLimit : left === 0 ? tr.panel.full : tr.panel.placesLeft(left)}
          </p>
        </section>

        <section aria-labelledby="list-title">
          <h2 id="list-title">{status ? tr.statuses[status] : tc.all}</h2>
          <form method="get" action={path} class="search filters">
            <div class="field">
              <label for="field-status">{tc.filter}</label>
              <select id="field-status" name="status">
                <option value="" selected={!status}>
                  {tc.all}
                </option>
                {registrationStatuses.map((s) => (
                  <option value={s} selected={status === s}>
                    {tr.statuses[s]}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" class="secondary">
              {tc.apply}
            </button>
          </form>
          <p>
            <a href={`${path}.csv${status ? `?status=${status}` : ''}`} download>
              {tc.export}
            </a>
          </p>
          {listing.rows.length === 0 ? (
            <p class="muted">{tc.none}</p>
          ) : (
            <section class="table-wrap" aria-labelledby="list-title" tabindex={0}>
              <table class="registrations-table">
                <thead>
                  <tr>
                    <th scope="col">{tc.person}</th>
                    <th scope="col">{tc.status}</th>
                    <th scope="col">{tc.registeredAt}</th>
                    <th scope="col">{tc.answers}</th>
                    <th scope="col">{tc.actions}</th>
                  </tr>
                </thead>
                <tbody>
                  {listing.rows.map((row) => (
                    <tr>
                      <td>
                        <a href={`/${locale}/people/${row.person.handle}`}>
                          {displayName(row.person, locale)}
                        </a>
                        {row.person.email ? <div class="muted">{row.person.email}</div> : null}
                      </td>
                      <td>
                        <Badge tone={tones[row.registration.status]}>
                          {tr.statuses[row.registration.status]}
                        </Badge>
                        {row.registration.addedByOrganiser ? (
                          <div class="hint">{tc.addedByOrganiser}</div>
                        ) : null}
                      </td>
                      <td>{when(row.registration.createdAt)}</td>
                      <td>
                        <Answers t={t} locale={locale} event={event} row={row} />
                      </td>
                      <td>
                        <RowActions c={c} path={path} row={row} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </section>

        <section aria-labelledby="waitlist-title">
          <h2 id="waitlist-title">{tc.waitlistTitle}</h2>
          {listing.waitlist.length === 0 ? (
            <p class="muted">{tc.waitlistEmpty}</p>
          ) : (
            <ol class="waitlist">
              {listing.waitlist.map((row) => (
                <li>
                  {displayName(row.person, locale)}{' '}
                  <span class="muted">{when(row.registration.queuedAt)}</span>
                </li>
              ))}
            </ol>
          )}
        </section>

        <FormSection id="questions" title={tc.questionsTitle} hint={tc.questionsHint}>
          {event.questions.length === 0 ? (
            <p class="muted">{tc.noQuestions}</p>
          ) : (
            <ol class="registration-question-list">
              {event.questions.map((q) => (
                <li>
                  <strong>
                    <Localized locale={locale} zh={q.labelZh} en={q.labelEn} />
                  </strong>{' '}
                  <span class="muted">
                    {tc.kinds[q.kind]} · {q.required ? tc.requiredAnswer : tc.optionalAnswer}
                  </span>
                  {q.options?.length ? (
                    <ul>
                      {q.options.map((o) => (
                        <li>
                          <Localized locale={locale} zh={o.labelZh} en={o.labelEn} />
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  <form
                    method="post"
                    action={`${path}/questions/${encodeURIComponent(q.key)}/remove`}
                    class="inline"
                  >
                    <CsrfField c={c} />
                    <button type="submit" class="button-link">
                      {tc.removeQuestion}
                      <span class="visually-hidden">: {questionLabel(locale, q)}</span>
                    </button>
                  </form>
                </li>
              ))}
            </ol>
          )}
          <form method="post" action={`${path}/questions`} novalidate>
            <CsrfField c={c} />
            <div class="field">
              <label for="field-kind">{tc.kind}</label>
              <select id="field-kind" name="kind">
                {(['text', 'choice', 'yes_no'] as const).map((k) => (
                  <option value={k} selected={(v('question', 'kind') ?? 'text') === k}>
                    {tc.kinds[k]}
                  </option>
                ))}
              </select>
            </div>
            <Field
              name="labelZh"
              label={tc.labelZh}
              value={v('question', 'labelZh')}
              error={e('question', 'labelZh')}
              lang="zh-Hans"
            />
            <Field
              name="labelEn"
              label={tc.labelEn}
              value={v('question', 'labelEn')}
              error={e('question', 'labelEn')}
              lang="en"
            />
            <div class="field">
              <label for="field-required">
                <input
                  type="checkbox"
                  id="field-required"
                  name="required"
                  checked={v('question', 'required') === 'on'}
                />{' '}
                {tc.required}
              </label>
            </div>
            <Field
              name="options"
              label={tc.options}
              hint={tc.optionsHint}
              value={v('question', 'options')}
              error={e('question', 'options')}
              multiline
            />
            <button type="submit">{tc.addQuestion}</button>
          </form>
        </FormSection>

        <FormSection id="approval" title={tc.approvalTitle} hint={tc.approvalHint}>
          <form method="post" action={`${path}/approval`}>
            <CsrfField c={c} />
            <div class="field">
              <label for="field-requiresApproval">
                <input
                  type="checkbox"
                  id="field-requiresApproval"
                  name="requiresApproval"
                  checked={event.requiresApproval}
                />{' '}
                {tc.approvalLabel}
              </label>
            </div>
            <button type="submit" class="secondary">
              {tc.saveApproval}
            </button>
          </form>
        </FormSection>

        <FormSection id="add" title={tc.addTitle} hint={tc.addHint}>
          <form method="post" action={`${path}/add`} novalidate>
            <CsrfField c={c} />
            <Field name="who" label={tc.who} value={v('add', 'who')} error={e('add', 'who')} required />
            <button type="submit">{tc.add}</button>
          </form>
        </FormSection>

        <FormSection id="capacity" title={tc.capacityTitle} hint={tc.capacityHint}>
          <form method="post" action={`${path}/capacity`} novalidate>
            <CsrfField c={c} />
            <Field
              name="capacity"
              label={tc.capacityLabel}
              inputmode="numeric"
              value={v('capacity', 'capacity') ?? (event.capacity === null ? '' : String(event.capacity))}
              error={e('capacity', 'capacity')}
            />
            <button type="submit">{tc.saveCapacity}</button>
          </form>
        </FormSection>

        <FormSection id="message" title={tc.messageTitle} hint={tc.messageHint}>
          <form method="post" action={`${path}/message`} novalidate>
            <CsrfField c={c} />
            <Field
              name="subject"
              label={tc.subject}
              value={v('message', 'subject')}
              error={e('message', 'subject')}
              required
            />
            <Field
              name="body"
              label={tc.body}
              value={v('message', 'body')}
              error={e('message', 'body')}
              multiline
              required
            />
            <div class="field">
              <label for="field-includeWaitlist">
                <input
                  type="checkbox"
                  id="field-includeWaitlist"
                  name="includeWaitlist"
                  checked={v('message', 'includeWaitlist') === 'on'}
                />{' '}
                {tc.includeWaitlist}
              </label>
            </div>
            <button type="submit">{tc.send}</button>
          </form>
        </FormSection>
      </>,
    )
  }

  app.get(base, (c) => page(c))

  app.get(`${base}.csv`, async (c) => {
    const { t, locale, viewer } = c.var
    const tr = t.eventRegistrations
    const cols = tr.console.csvColumns
    const event = await eventOf(c)
    const filter = statusFilterInput.safeParse({ status: c.req.query('status') })
    const status = filter.success ? (filter.data.status ?? undefined) : undefined
    const listing = await registrationsForOrganisers(deps, viewer, { slug: event.slug, status })
    const iso = (d: Date | null) => d?.toISOString() ?? ''
    const header = [
      cols.name,
      cols.handle,
      cols.email,
      cols.status,
      cols.registeredAt,
      cols.confirmedAt,
      cols.ticket,
      cols.addedByOrganiser,
      ...event.questions.map((q) => questionLabel(locale, q)),
    ]
    const rows = listing.rows.map((row) => [
      displayName(row.person, locale),
      row.person.handle,
      row.person.email ?? '',
      tr.statuses[row.registration.status] ?? row.registration.status,
      iso(row.registration.createdAt),
      iso(row.registration.confirmedAt),
      row.registration.status === 'confirmed' ? row.registration.ticketCode : '',
      row.registration.addedByOrganiser ? tr.form.yes : '',
      ...event.questions.map((q) => answerText(t, locale, q, row.registration.answers[q.key])),
    ])
    c.header('Cache-Control', 'private, no-store')
    c.header('Content-Disposition', `attachment; filename="${event.slug}-registrations.csv"`)
    return c.body(toCsv(header, rows), 200, { 'Content-Type': 'text/csv; charset=utf-8' })
  })

  const refusalOf = (c: Context<AppEnv>, e: unknown) =>
    e instanceof RegistrationRefused || (e instanceof DomainError && e.code === 'registrationChanged')
      ? c.var.t.errors[(e as DomainError).code]
      : undefined

  app.post(`${base}/:rid${uuidParam}/:action{(?:approve|decline|remove)}`, async (c) => {
    const event = await eventOf(c)
    const rid = c.req.param('rid')
    const action = c.req.param('action') as 'approve' | 'decline' | 'remove'
    try {
      if (action === 'approve') await approveRegistration(deps, c.var.viewer, rid)
      else if (action === 'decline') await declineRegistration(deps, c.var.viewer, rid)
      else await removeRegistration(deps, c.var.viewer, rid)
    } catch (e) {
      const refusal = refusalOf(c, e)
      if (refusal) return page(c, undefined, refusal)
      throw e
    }
    const said = { approve: 'approved', decline: 'declined', remove: 'removed' }[action]
    return redirectWithNotice(c, consoleRegistrationsPath(c.var.locale, event.id), said)
  })

  app.post(`${base}/add`, async (c) => {
    const event = await eventOf(c)
    const form = await readForm(c, addAttendeeInput)
    if (!form.ok) return page(c, { which: 'add', ...form })
    try {
      await addAttendee(deps, c.var.viewer, { slug: event.slug, who: form.data.who, locale: c.var.locale })
    } catch (e) {
      if (e instanceof DomainError && e.code === 'notFoundRecord')
        return page(c, {
          which: 'add',
          values: form.values,
          errors: { who: c.var.t.eventRegistrations.console.unknownPerson },
        })
      const refusal = refusalOf(c, e)
      if (refusal) return page(c, undefined, refusal)
      throw e
    }
    return redirectWithNotice(c, consoleRegistrationsPath(c.var.locale, event.id), 'added')
  })

  app.post(`${base}/capacity`, async (c) => {
    const event = await eventOf(c)
    const form = await readForm(c, capacityInput)
    if (!form.ok) return page(c, { which: 'capacity', ...form })
    await changeCapacity(deps, c.var.viewer, { slug: event.slug, capacity: form.data.capacity })
    return redirectWithNotice(c, consoleRegistrationsPath(c.var.locale, event.id), 'capacity')
  })

  app.post(`${base}/message`, async (c) => {
    const event = await eventOf(c)
    const form = await readForm(c, messageInput)
    if (!form.ok) return page(c, { which: 'message', ...form })
    await messageAttendees(deps, c.var.viewer, { slug: event.slug, ...form.data })
    return redirectWithNotice(c, consoleRegistrationsPath(c.var.locale, event.id), 'sent')
  })

  app.post(`${base}/questions`, async (c) => {
    const event = await eventOf(c)
    const form = await readForm(c, questionInput)
    if (!form.ok) return page(c, { which: 'question', ...form })
    const { options, ...question } = form.data
    try {
      await addQuestion(deps, c.var.viewer, {
        slug: event.slug,
        question: { ...question, ...(question.kind === 'choice' ? { options: parseOptions(options) } : {}) },
      })
    } catch (e) {
      if (!(e instanceof QuestionRefused)) throw e
      const message = c.var.t.eventRegistrations.console.questionProblems[e.problem] ?? c.var.t.errors.invalid
      const field = e.problem === 'options' ? 'options' : 'labelZh'
      return page(c, { which: 'question', values: form.values, errors: { [field]: message } })
    }
    return redirectWithNotice(
      c,
      `${consoleRegistrationsPath(c.var.locale, event.id)}#questions`,
      'questionAdded',
    )
  })

  app.post(`${base}/questions/:key/remove`, async (c) => {
    const event = await eventOf(c)
    await removeQuestion(deps, c.var.viewer, { slug: event.slug, key: c.req.param('key') })
    return redirectWithNotice(
      c,
      `${consoleRegistrationsPath(c.var.locale, event.id)}#questions`,
      'questionRemoved',
    )
  })

  app.post(`${base}/approval`, async (c) => {
    const event = await eventOf(c)
    const form = await readForm(c, approvalInput)
    if (!form.ok) throw new DomainError('invalid')
    await setApproval(deps, c.var.viewer, { slug: event.slug, requiresApproval: form.data.requiresApproval })
    return redirectWithNotice(c, consoleRegistrationsPath(c.var.locale, event.id), 'approval')
  })

  return app
}
