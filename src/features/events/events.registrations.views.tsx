// What registering looks like: the event page's registration panel (one action for the reader,
// places left, their own place), the questions form, and the e-mail code step of someone without
// an account. The panel for anonymous readers carries no form (no CSRF token), so the event
// page stays in the page cache; forms are on the registration page.
import type { Context } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { safeHref } from '../../platform/http/url.ts'
import { formatInZone, type Locale, type Messages } from '../../platform/i18n/index.ts'
import { Actions } from '../../platform/views/components.tsx'
import { CsrfField, Field, Notice } from '../../platform/views/layout.tsx'
import { inLocale, Localized, langTag } from '../../platform/views/localized.tsx'
import { eventPath, ticketPath } from './events.registrations.announce.ts'
import type { EventRow } from './events.registrations.repo.ts'
import { type PanelState, panelState, placesLeft } from './events.registrations.rules.ts'
import { mayOrganise, registrationFacts } from './events.registrations.ts'
import type { RegistrationQuestion } from './events.schema.ts'

export const registerPath = (locale: Locale, event: Pick<EventRow, 'slug'>) =>
  `${eventPath(locale, event)}/register`
export const consoleRegistrationsPath = (locale: Locale, eventId: string) =>
  `/${locale}/console/events/${eventId}/registrations`

/** Form fields of answers: `answer.<question key>`. */
export const answerField = (key: string) => `answer.${key}`
export const answersFrom = (fields: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(fields)
      .filter(([k]) => k.startsWith('answer.'))
      .map(([k, v]) => [k.slice('answer.'.length), v]),
  )

const errorId = (key: string) => `answer-${key}-error`

/** One of the event's questions as a form field: text, a choice of its options, or yes/no. */
function Question(p: {
  t: Messages
  locale: Locale
  q: RegistrationQuestion
  value: string | undefined
  error: string | undefined
}) {
  const tf = p.t.eventRegistrations.form
  const label = inLocale(p.locale, p.q.labelZh, p.q.labelEn)
  const labelText = label?.text ?? p.q.key
  const marker = tf.mark(p.q.required)
  if (p.q.kind === 'text')
    return (
      <Field
        name={answerField(p.q.key)}
        id={`answer-${p.q.key}`}
        label={`${labelText}${marker}`}
        value={p.value}
        error={p.error}
        required={p.q.required}
        lang={label && label.lang !== p.locale ? langTag(label.lang) : undefined}
      />
    )
  const options: [string, { zh: string | null; en: string | null }][] =
    p.q.kind === 'yes_no'
      ? [
          ['yes', { zh: tf.yes, en: tf.yes }],
          ['no', { zh: tf.no, en: tf.no }],
        ]
      : (p.q.options ?? []).map((o) => [o.key, { zh: o.labelZh, en: o.labelEn }])
  return (
    <fieldset
      class={p.error ? 'field answer-choices has-error' : 'field answer-choices'}
      aria-describedby={p.error ? errorId(p.q.key) : undefined}
    >
      <legend>
        {label ? <Localized locale={p.locale} zh={p.q.labelZh} en={p.q.labelEn} /> : p.q.key}
        {marker}
      </legend>
      {options.map(([value, text]) => (
        <label>
          <input
            type="radio"
            name={answerField(p.q.key)}
            value={value}
            checked={p.value === value}
            required={p.q.required}
          />{' '}
          <Localized locale={p.locale} zh={text.zh} en={text.en} />
        </label>
      ))}
      {p.error ? (
        <p class="error" id={errorId(p.q.key)}>
          {p.error}
        </p>
      ) : null}
    </fieldset>
  )
}

export function Questions(p: {
  t: Messages
  locale: Locale
  questions: readonly RegistrationQuestion[]
  values: Record<string, string>
  errors: Record<string, string>
}) {
  if (p.questions.length === 0) return null
  return (
    <>
      <h3 class="registration-questions">{p.t.eventRegistrations.form.questions}</h3>
      {p.questions.map((q) => (
        <Question t={p.t} locale={p.locale} q={q} value={p.values[q.key]} error={p.errors[q.key]} />
      ))}
    </>
  )
}

/** Answers carried unseen through the code step, so nothing typed is lost. */
export const HiddenAnswers = ({ answers }: { answers: Record<string, string> }) => (
  <>
    {Object.entries(answers).map(([key, value]) => (
      <input type="hidden" name={answerField(key)} value={value} />
    ))}
  </>
)

function PostButton(p: {
  c: Context<AppEnv>
  action: string
  label: string
  secondary?: boolean
  children?: unknown
}) {
  return (
    <form method="post" action={p.action} class="registration-action">
      <CsrfField c={p.c} />
      {p.children as never}
      <button type="submit" class={p.secondary ? 'secondary' : undefined}>
        {p.label}
      </button>
    </form>
  )
}

/**
 * The event page's registration panel: places left and how many are going, then the one action
 * for this reader (register, join the waitlist, their ticket and giving up their place, their
 * position on the waitlist), or why there is none. Organisers also get the way to the list.
 */
export async function RegistrationPanel({
  c,
  deps,
  event,
}: {
  c: Context<AppEnv>
  deps: Pick<Deps, 'db' | 'now'>
  event: EventRow
}) {
  const { t, locale, viewer } = c.var
  const tr = t.eventRegistrations
  const [facts, organiser] = await Promise.all([
    registrationFacts(deps, viewer, event),
    mayOrganise(deps, viewer, event),
  ])
  const mine = facts.mine ? { status: facts.mine.registration.status, position: facts.mine.position } : null
  const state = panelState({ event, seats: facts.seats, mine, now: deps.now() })
  // Notices after a form was sent go to signed-in readers only: an anonymous reader's page reads
  // no query, so the page cache keeps one copy of it.
  const said = viewer ? c.req.query('registration') : undefined
  const notice = said ? (tr.notices[said] ?? (t.errors as Record<string, string>)[said]) : undefined
  const left = placesLeft(event.capacity, facts.seats.confirmed)
  // Once it is over, places left mean nothing: say how many held one.
  const over = event.endsAt.getTime() <= deps.now().getTime()
  return (
    <section class="event-panel registration-panel" id="registration" aria-labelledby="registration-title">
      <h2 id="registration-title">{tr.panel.title}</h2>
      {notice ? <Notice kind={said && tr.notices[said] ? 'success' : 'error'}>{notice}</Notice> : null}
      {over ? (
        <p class="event-places">{tr.panel.went(facts.seats.confirmed)}</p>
      ) : (
        <>
          <p class="event-places">
            {left === null ? tr.panel.noLimit : left === 0 ? tr.panel.full : tr.panel.placesLeft(left)}
          </p>
          {facts.seats.confirmed > 0 ? <p class="muted">{tr.panel.going(facts.seats.confirmed)}</p> : null}
        </>
      )}
      <PanelBody c={c} t={t} locale={locale} event={event} state={state} signedIn={viewer !== null} />
      {organiser ? (
        <p>
          <a href={consoleRegistrationsPath(locale, event.id)}>{tr.panel.organise}</a>
        </p>
      ) : null}
    </section>
  )
}

function PanelBody(p: {
  c: Context<AppEnv>
  t: Messages
  locale: Locale
  event: EventRow
  state: PanelState
  signedIn: boolean
}) {
  const { c, t, locale, event, state } = p
  const tp = t.eventRegistrations.panel
  const cancelPath = `${eventPath(locale, event)}/cancel`
  switch (state.kind) {
    case 'eventCancelled':
      return <p>{tp.eventCancelled}</p>
    case 'notOpen':
      return <p class="muted">{tp.notOpen}</p>
    case 'opensLater':
      return <p class="muted">{tp.opensLater(formatInZone(locale, state.opensAt, event.timeZone))}</p>
    case 'closed':
      return <p class="muted">{tp.closed}</p>
    case 'declined':
      return <p>{tp.declined}</p>
    case 'going':
      return (
        <>
          <p>
            <strong>{tp.youAreGoing}</strong>
          </p>
          <Actions>
            <a class="button" href={ticketPath(locale, event)}>
              {tp.ticket}
            </a>
            {event.mode !== 'offline' && event.onlineUrl ? (
              <a class="button secondary" href={safeHref(event.onlineUrl)} rel="noopener">
                {tp.joinOnline}
              </a>
            ) : null}
          </Actions>
          <PostButton c={c} action={cancelPath} label={tp.cancel} secondary />
          <p class="hint">{tp.cancelHint}</p>
        </>
      )
    case 'waitlisted':
      return (
        <>
          <p>
            <strong>{tp.waitlisted(state.position)}</strong>
          </p>
          <p class="hint">{tp.waitlistedHint}</p>
          <PostButton c={c} action={cancelPath} label={tp.leaveWaitlist} secondary />
        </>
      )
    case 'pending':
      return (
        <>
          <p>
            <strong>{tp.pending}</strong>
          </p>
          <PostButton c={c} action={cancelPath} label={tp.withdraw} secondary />
        </>
      )
    case 'register':
    case 'joinWaitlist': {
      const label = state.approval
        ? tp.requestPlace
        : state.kind === 'register'
          ? tp.register
          : tp.joinWaitlist
      const hint = state.approval ? tp.approvalHint : state.kind === 'joinWaitlist' ? tp.waitlistHint : null
      // Someone signed in registers with one click (questions first, if the event asks any);
      // anyone else goes to the registration page, which asks for an e-mail address as well.
      return (
        <>
          {hint ? <p class="hint">{hint}</p> : null}
          {p.signedIn && event.questions.length === 0 ? (
            <PostButton c={c} action={registerPath(locale, event)} label={label} />
          ) : (
            <p>
              <a class="button" href={registerPath(locale, event)}>
                {label}
              </a>
            </p>
          )}
          {p.signedIn ? null : (
            <p class="hint registration-sign-in">
              {tp.signInHint}{' '}
              <a href={`/${locale}/sign-in?next=${encodeURIComponent(registerPath(locale, event))}`}>
                {tp.signIn}
              </a>
            </p>
          )}
        </>
      )
    }
  }
}

/** The registration page's form: the e-mail address for someone without an account, and the questions. */
export function RegistrationForm(p: {
  c: Context<AppEnv>
  event: EventRow
  signedIn: boolean
  label: string
  values: Record<string, string>
  errors: Record<string, string>
}) {
  const { t, locale } = p.c.var
  const tf = t.eventRegistrations.form
  return (
    <form
      method="post"
      action={p.signedIn ? registerPath(locale, p.event) : `${registerPath(locale, p.event)}/email`}
      novalidate
    >
      <CsrfField c={p.c} />
      {p.signedIn ? null : (
        <Field
          name="email"
          type="email"
          label={tf.email}
          value={p.values.email}
          error={p.errors.email}
          autocomplete="email"
          required
        />
      )}
      <Questions
        t={t}
        locale={locale}
        questions={p.event.questions}
        values={answersFrom(p.values)}
        errors={p.errors}
      />
      <button type="submit">{p.signedIn ? p.label : tf.sendCode}</button>
    </form>
  )
}
