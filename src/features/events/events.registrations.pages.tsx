// Registering from the event page: the registration page (questions, and an e-mail address for
// someone without an account), the code step that signs them in and registers them with the
// answers they typed, and giving a place up. Mounted by the event pages (`registrationPageRoutes`).
import type { Context } from 'hono'
import { Hono } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import { DomainError, RateLimited } from '../../platform/errors.ts'
import { clientAddress } from '../../platform/http/app.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { fieldErrors, parseIn } from '../../platform/i18n/index.ts'
import { CsrfField, Field, Notice } from '../../platform/views/layout.tsx'
import { textIn } from '../../platform/views/localized.tsx'
import { formFields, render } from '../../platform/views/page.tsx'
import {
  requestSignInCode,
  resolveSession,
  setSessionCookie,
  signInCodeInput,
  signInEmailInput,
  signInWithCode,
} from '../accounts/index.ts'
import { eventPath } from './events.registrations.announce.ts'
import type { EventRow } from './events.registrations.repo.ts'
import { checkAnswers, panelState } from './events.registrations.rules.ts'
import {
  AnswersRefused,
  cancelRegistration,
  findEvent,
  RegistrationRefused,
  register,
  registrationFacts,
} from './events.registrations.ts'
import { answersFrom, HiddenAnswers, RegistrationForm, registerPath } from './events.registrations.views.tsx'

type Form = {
  values: Record<string, string>
  errors: Record<string, string>
  message?: string
  status?: number
}

const back = (c: Context<AppEnv>, event: EventRow, said: string) =>
  c.redirect(`${eventPath(c.var.locale, event)}?registration=${encodeURIComponent(said)}#registration`, 303)

/** Answers a link brings along (`answer.<key>` in the query), to fill the form in again. */
const answersIn = (c: Context<AppEnv>): Record<string, string> =>
  Object.fromEntries(Object.entries(c.req.query()).filter(([k]) => k.startsWith('answer.')))

export function registrationPageRoutes(deps: Deps) {
  const app = new Hono<AppEnv>()
  const client = (c: Context<AppEnv>) => ({
    ip: clientAddress(c, deps.config.trustProxy),
    userAgent: c.req.header('user-agent') ?? null,
  })
  const answerErrors = (c: Context<AppEnv>, problems: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(problems).map(([k, p]) => [k, c.var.t.eventRegistrations.answerProblems[p] ?? p]),
    )

  /** The registration page, or the event page when there is nothing to register for (already going, closed). */
  const registrationPage = async (c: Context<AppEnv>, event: EventRow, form?: Form) => {
    const { t, locale, viewer } = c.var
    const tr = t.eventRegistrations
    const facts = await registrationFacts(deps, viewer, event)
    const mine = facts.mine ? { status: facts.mine.registration.status, position: facts.mine.position } : null
    const state = panelState({ event, seats: facts.seats, mine, now: deps.now() })
    if (state.kind !== 'register' && state.kind !== 'joinWaitlist')
      return c.redirect(`${eventPath(locale, event)}#registration`, 303)
    const tp = tr.panel
    const label = state.approval ? tp.requestPlace : state.kind === 'register' ? tp.register : tp.joinWaitlist
    const title = textIn(locale, event.titleZh, event.titleEn)
    return render(
      c,
      { title: tr.form.title(title), status: form ? (form.status ?? 422) : 200 },
      <>
        <p>
          <a href={eventPath(locale, event)}>{tr.form.backToEvent}</a>
        </p>
        <h1>{tr.form.title(title)}</h1>
        <p class="lead">{viewer ? tr.form.lead : tr.form.anonymousLead}</p>
        {form?.message ? <Notice kind="error">{form.message}</Notice> : null}
        {state.kind === 'joinWaitlist' ? <p class="hint">{tp.waitlistHint}</p> : null}
        {state.approval ? <p class="hint">{tp.approvalHint}</p> : null}
        <RegistrationForm
          c={c}
          event={event}
          signedIn={viewer !== null}
          label={label}
          values={form?.values ?? answersIn(c)}
          errors={form?.errors ?? {}}
        />
        {viewer ? null : (
          <p class="hint registration-sign-in">
            {tp.signInHint}{' '}
            <a href={`/${locale}/sign-in?next=${encodeURIComponent(registerPath(locale, event))}`}>
              {tp.signIn}
            </a>
          </p>
        )}
      </>,
    )
  }

  /** The code step: the code, with the address and every answer carried along unseen. */
  const codePage = (c: Context<AppEnv>, event: EventRow, values: Record<string, string>, form?: Form) => {
    const { t, locale } = c.var
    const tf = t.eventRegistrations.form
    return render(
      c,
      { title: tf.codeTitle, status: form?.status ?? (form ? 422 : 200) },
      <>
        <p>
          <a href={eventPath(locale, event)}>{tf.backToEvent}</a>
        </p>
        <h1>{tf.codeTitle}</h1>
        {form?.message ? <Notice kind="error">{form.message}</Notice> : null}
        <p>{tf.codeSent(values.email ?? '')}</p>
        {deps.config.smtpUrl ? null : <Notice kind="info">{t.signIn.codeLogged}</Notice>}
        <form method="post" action={`${registerPath(locale, event)}/code`} novalidate>
          <CsrfField c={c} />
          <input type="hidden" name="email" value={values.email ?? ''} />
          <HiddenAnswers answers={answersFrom(values)} />
          <Field
            name="code"
            label={tf.code}
            value=""
            error={form?.errors.code}
            autocomplete="one-time-code"
            inputmode="numeric"
            pattern="[0-9]{6}"
            required
          />
          <div class="actions">
            <button type="submit">{tf.confirm}</button>
            <button type="submit" class="secondary" formaction={`${registerPath(locale, event)}/email`}>
              {tf.resend}
            </button>
          </div>
        </form>
        <p>
          <a href={registerPath(locale, event)}>{tf.otherAddress}</a>
        </p>
      </>,
    )
  }

  /** Registers the signed-in person; refusals go back to the event page, which says why. */
  const registerAs = async (
    c: Context<AppEnv>,
    event: EventRow,
    actor: NonNullable<AppEnv['Variables']['viewer']>,
    values: Record<string, string>,
  ) => {
    try {
      const { registration } = await register(deps, actor, { slug: event.slug, answers: answersFrom(values) })
      return back(c, event, registration.status)
    } catch (e) {
      if (e instanceof RegistrationRefused) return back(c, event, e.reason)
      if (e instanceof AnswersRefused)
        return registrationPage(c, event, {
          values,
          errors: answerErrors(c, e.problems),
          message: c.var.t.errors.invalid,
        })
      throw e
    }
  }

  const base = '/:lang{(?:zh|en)}/events/:slug/register'

  app.get(base, async (c) => registrationPage(c, await findEvent(deps, c.req.param('slug'))))

  app.post(base, async (c) => {
    const event = await findEvent(deps, c.req.param('slug'))
    // Someone whose session ended meanwhile goes to the page that asks for an address.
    if (!c.var.viewer) return c.redirect(registerPath(c.var.locale, event), 303)
    return registerAs(c, event, c.var.viewer, await formFields(c))
  })

  // Someone without an account: check the address and the answers, send a code, ask for it.
  app.post(`${base}/email`, async (c) => {
    const { t, locale } = c.var
    const event = await findEvent(deps, c.req.param('slug'))
    const values = await formFields(c)
    const email = parseIn(locale, signInEmailInput, { email: values.email })
    const answers = checkAnswers(event.questions, answersFrom(values))
    if (!email.success || !answers.ok) {
      const errors = {
        ...(email.success ? {} : fieldErrors(locale, email.error)),
        ...(answers.ok ? {} : answerErrors(c, answers.problems)),
      }
      return registrationPage(c, event, { values, errors, message: t.errors.invalid })
    }
    try {
      // Someone who follows the mail's link instead of typing the code here comes back to this
      // form signed in, with their answers filled in again.
      const typed = new URLSearchParams(Object.entries(values).filter(([k]) => k.startsWith('answer.')))
      await requestSignInCode(deps, {
        email: email.data.email,
        locale,
        client: client(c),
        next: `${registerPath(locale, event)}${typed.size ? `?${typed}` : ''}`,
      })
    } catch (e) {
      if (!(e instanceof RateLimited)) throw e
      c.header('Retry-After', String(e.retryAfterSeconds))
      return registrationPage(c, event, { values, errors: {}, message: t.errors.rateLimited, status: 429 })
    }
    return codePage(c, event, { ...values, email: email.data.email })
  })

  // The code: signs them in (an account is made for a new address), then registers them.
  app.post(`${base}/code`, async (c) => {
    const { t, locale } = c.var
    const event = await findEvent(deps, c.req.param('slug'))
    const values = await formFields(c)
    const parsed = parseIn(locale, signInCodeInput, { email: values.email, code: values.code })
    if (!parsed.success)
      return codePage(c, event, values, {
        values,
        errors: fieldErrors(locale, parsed.error),
        message: t.errors.invalid,
      })
    let session: Awaited<ReturnType<typeof signInWithCode>>
    try {
      session = await signInWithCode(deps, { ...parsed.data, locale, client: client(c) })
    } catch (e) {
      if (!(e instanceof DomainError) || (e.code !== 'codeInvalid' && e.code !== 'rateLimited')) throw e
      if (e instanceof RateLimited) c.header('Retry-After', String(e.retryAfterSeconds))
      return codePage(c, event, values, {
        values,
        errors: e.code === 'codeInvalid' ? { code: t.errors.codeInvalid } : {},
        message: t.errors[e.code],
        status: e.status === 429 ? 429 : 422,
      })
    }
    setSessionCookie(c, session.token, session.expiresAt)
    const viewer = await resolveSession(deps, session.token)
    if (!viewer) throw new DomainError('unauthenticated')
    c.set('viewer', viewer)
    return registerAs(c, event, viewer, values)
  })

  // Giving a place up (or leaving the waitlist, or withdrawing a request waiting for approval).
  app.post('/:lang{(?:zh|en)}/events/:slug/cancel', async (c) => {
    const event = await findEvent(deps, c.req.param('slug'))
    try {
      const { previous } = await cancelRegistration(deps, c.var.viewer, event.slug)
      return back(
        c,
        event,
        previous === 'waitlisted' ? 'left' : previous === 'pending' ? 'withdrawn' : 'cancelled',
      )
    } catch (e) {
      if (e instanceof RegistrationRefused) return back(c, event, e.reason)
      throw e
    }
  })

  return app
}
