import type { Context } from 'hono'
import { Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { randomToken } from '../../platform/auth/secrets.ts'
import type { Deps } from '../../platform/deps.ts'
import { DomainError, RateLimited } from '../../platform/errors.ts'
import { clientAddress, SESSION_COOKIE } from '../../platform/http/app.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { isUuid } from '../../platform/http/edge-input.ts'
import { browserSawPlainHttp } from '../../platform/http/secure-origin.ts'
import { receiveUpload } from '../../platform/http/upload.ts'
import { formatDate, isLocale, type Locale, translateIssue } from '../../platform/i18n/index.ts'
import { MediaRefused } from '../../platform/media/media.ts'
import { pictureOf } from '../../platform/media/pictures.ts'
import { Actions, Avatar, FileDrop } from '../../platform/views/components.tsx'
import { CsrfField, Field, FieldPair, Notice } from '../../platform/views/layout.tsx'
import { readForm, redirectWithNotice, render } from '../../platform/views/page.tsx'
import { invitationsWaiting } from '../applications/index.ts'
import {
  displayName,
  formatLinks,
  getPerson,
  isListed,
  profileInput,
  setAvatar,
  updateProfile,
} from '../people/index.ts'
import { setSessionCookie } from './accounts.cookie.ts'
import { fetchGithubIdentity, githubAuthorizationUrl } from './accounts.github.ts'
import { apiTokenInput, safeNext, signInCodeInput, signInEmailInput } from './accounts.inputs.ts'
import * as accounts from './accounts.service.ts'

const OAUTH_COOKIE = 'hearth_oauth'

const client = (c: Context<AppEnv>, deps: Deps) => ({
  ip: clientAddress(c, deps.config.trustProxy),
  userAgent: c.req.header('user-agent') ?? null,
})

export function accountPages(deps: Deps) {
  const plainHttp = (c: Context<AppEnv>) =>
    browserSawPlainHttp({
      requestUrl: c.req.url,
      forwardedProto: c.req.header('x-forwarded-proto'),
      baseUrl: deps.config.baseUrl,
    })
  const app = new Hono<AppEnv>()

  const signInPage = (
    c: Context<AppEnv>,
    form?: {
      errors: Record<string, string>
      values: Record<string, string>
      message?: string
      status?: number
    },
  ) => {
    const { t, locale } = c.var
    const next = form?.values.next ?? c.req.query('next') ?? ''
    return render(
      c,
      { title: t.signIn.title, status: form ? (form.status ?? 422) : 200 },
      <>
        <h1>{t.signIn.title}</h1>
        <p class="lead">{t.signIn.lead}</p>
        {c.req.query('error') === 'github' ? <Notice kind="error">{t.errors.githubFailed}</Notice> : null}
        {plainHttp(c) ? <Notice kind="error">{t.signIn.needsHttps(new URL(c.req.url).host)}</Notice> : null}
        {form?.message ? <Notice kind="error">{form.message}</Notice> : null}
        <div class="grid-2">
          <section aria-labelledby="github-title">
            <h2 id="github-title">GitHub</h2>
            {deps.config.github ? (
              <a class="button" href={`/auth/github/start?lang=${locale}&next=${encodeURIComponent(next)}`}>
                {t.signIn.github}
              </a>
            ) : (
              <p class="muted">{t.signIn.githubUnavailable}</p>
            )}
          </section>
          <section aria-labelledby="email-title">
            <h2 id="email-title">{t.signIn.email}</h2>
            <form method="post" action={`/${locale}/sign-in/email`} novalidate>
              <CsrfField c={c} />
              <input type="hidden" name="next" value={next} />
              <Field
                name="email"
                type="email"
                label={t.signIn.email}
                value={form?.values.email}
                error={form?.errors.email}
                autocomplete="email"
                required
              />
              <button type="submit">{t.signIn.sendCode}</button>
            </form>
          </section>
        </div>
      </>,
    )
  }

  const codePage = (
    c: Context<AppEnv>,
    values: Record<string, string>,
    form?: { errors: Record<string, string>; message?: string; status?: number },
  ) => {
    const { t, locale } = c.var
    return render(
      c,
      { title: t.signIn.codeTitle, status: form ? (form.status ?? 422) : 200 },
      <>
        <h1>{t.signIn.codeTitle}</h1>
        {plainHttp(c) ? <Notice kind="error">{t.signIn.needsHttps(new URL(c.req.url).host)}</Notice> : null}
        {form?.message ? <Notice kind="error">{form.message}</Notice> : null}
        {values.email ? <p>{t.signIn.codeSent(values.email)}</p> : null}
        {deps.config.smtpUrl ? null : <Notice kind="info">{t.signIn.codeLogged}</Notice>}
        <form method="post" action={`/${locale}/sign-in/code`} novalidate>
          <CsrfField c={c} />
          <input type="hidden" name="next" value={values.next ?? ''} />
          <Field
            name="email"
            type="email"
            label={t.signIn.email}
            value={values.email}
            error={form?.errors.email}
            autocomplete="email"
            required
          />
          <Field
            name="code"
            label={t.signIn.code}
            value={values.code}
            error={form?.errors.code}
            autocomplete="one-time-code"
            inputmode="numeric"
            pattern="[0-9]{6}"
            required
          />
          <button type="submit">{t.signIn.verify}</button>
        </form>
        <p>
          <a href={`/${locale}/sign-in`}>{t.signIn.again}</a>
        </p>
      </>,
    )
  }

  app.get('/:lang{(?:zh|en)}/sign-in', (c) => signInPage(c))

  app.post('/:lang{(?:zh|en)}/sign-in/email', async (c) => {
    const form = await readForm(c, signInEmailInput)
    if (!form.ok) return signInPage(c, { ...form, message: c.var.t.errors.invalid })
    try {
      await accounts.requestSignInCode(deps, {
        email: form.data.email,
        locale: c.var.locale,
        client: client(c, deps),
        next: form.data.next,
      })
    } catch (e) {
      if (e instanceof RateLimited) {
        c.header('Retry-After', String(e.retryAfterSeconds))
        return signInPage(c, {
          errors: {},
          values: form.values,
          message: c.var.t.errors.rateLimited,
          status: 429,
        })
      }
      throw e
    }
    const params = new URLSearchParams({ email: form.data.email, next: form.data.next ?? '' })
    return c.redirect(`/${c.var.locale}/sign-in/code?${params}`, 303)
  })

  app.get('/:lang{(?:zh|en)}/sign-in/code', (c) =>
    codePage(c, { email: c.req.query('email') ?? '', next: c.req.query('next') ?? '' }),
  )

  app.post('/:lang{(?:zh|en)}/sign-in/code', async (c) => {
    const { t, locale } = c.var
    const form = await readForm(c, signInCodeInput)
    if (!form.ok) return codePage(c, form.values, { errors: form.errors, message: t.errors.invalid })
    try {
      const session = await accounts.signInWithCode(deps, { ...form.data, locale, client: client(c, deps) })
      setSessionCookie(c, session.token, session.expiresAt)
    } catch (e) {
      if (e instanceof DomainError && (e.code === 'codeInvalid' || e.code === 'rateLimited')) {
        if (e instanceof RateLimited) c.header('Retry-After', String(e.retryAfterSeconds))
        return codePage(
          c,
          { ...form.values, code: '' },
          {
            errors: e.code === 'codeInvalid' ? { code: t.errors.codeInvalid } : {},
            message: t.errors[e.code],
            status: e.status === 429 ? 429 : 422,
          },
        )
      }
      throw e
    }
    return c.redirect(safeNext(form.data.next, `/${locale}/me`), 303)
  })

  app.post('/:lang{(?:zh|en)}/sign-out', async (c) => {
    if (c.var.viewer?.sessionId) await accounts.signOut(deps, c.var.viewer.sessionId)
    deleteCookie(c, SESSION_COOKIE, { prefix: 'host', path: '/', secure: true })
    return c.redirect(`/${c.var.locale}`, 303)
  })

  app.post('/:lang{(?:zh|en)}/me/sign-out-everywhere', async (c) => {
    await accounts.signOutEverywhere(deps, c.var.viewer)
    deleteCookie(c, SESSION_COOKIE, { prefix: 'host', path: '/', secure: true })
    return c.redirect(`/${c.var.locale}/sign-in`, 303)
  })

  const accountPage = async (
    c: Context<AppEnv>,
    extra: {
      profile?: { errors: Record<string, string>; values: Record<string, string> }
      newToken?: string
      tokenError?: string
      pictureError?: string
    } = {},
  ) => {
    const { t, locale, viewer } = c.var
    if (!viewer) throw new DomainError('unauthenticated')
    const [person, sessions, tokens, invitations] = await Promise.all([
      getPerson(deps, viewer.personId),
      accounts.listSessions(deps, viewer),
      accounts.listApiTokens(deps, viewer),
      invitationsWaiting(deps, viewer, locale),
    ])
    const v = extra.profile?.values ?? {
      handle: person.handle,
      nameZh: person.nameZh ?? '',
      nameEn: person.nameEn ?? '',
      cityZh: person.cityZh ?? '',
      cityEn: person.cityEn ?? '',
      bioZh: person.bioZh ?? '',
      bioEn: person.bioEn ?? '',
      avatarUrl: person.avatarUrl ?? '',
      links: formatLinks(person.links),
      languages: person.languages.join(', '),
      locale: person.locale,
      profilePublic: person.profilePublic ? 'on' : '',
    }
    const e = extra.profile?.errors ?? {}
    const notice = c.req.query('notice')
    return render(
      c,
      { title: t.account.title, status: extra.profile || extra.tokenError || extra.pictureError ? 422 : 200 },
      <>
        <h1>{t.account.title}</h1>
        <p>
          <a href={`/${locale}/people/${person.handle}`}>{t.account.viewProfile}</a>
          {' · '}
          <a href={`/${locale}/applications`}>{t.applications.mine}</a>
          {' · '}
          <a href={`/${locale}/me/swag`}>{t.recognition.mySwag}</a>
          {' · '}
          <a href={`/${locale}/me/calendar`}>{t.eventExports.mine.title}</a>
          {' · '}
          <a href={`/${locale}/proposals`}>{t.programmeProposals.mine.title}</a>
        </p>
        {notice === 'saved' ? <Notice kind="success">{t.account.saved}</Notice> : null}
        {notice === 'revoked' ? <Notice kind="success">{t.account.revoked}</Notice> : null}
        {notice === 'picture' ? <Notice kind="success">{t.account.pictureSaved}</Notice> : null}
        {extra.profile ? <Notice kind="error">{t.errors.invalid}</Notice> : null}
        {isListed(person) ? null : (
          <Notice kind="info">
            {t.account.privateNow} <a href="#field-profilePublic">{t.account.profilePublic}</a>
          </Notice>
        )}
        {invitations.length ? (
          // Places others proposed this person for, answered on the applications page.
          <section aria-labelledby="invitations-title">
            <h2 id="invitations-title">{t.account.invitations}</h2>
            <ul>
              {invitations.map((i) => (
                <li>
                  {t.applications.invitations.asks(
                    i.by,
                    t.applications.invitations.roles[i.role] ?? i.role,
                    i.about,
                  )}
                </li>
              ))}
            </ul>
            <p>
              <a href={`/${locale}/applications#invitations`}>
                {t.account.answerInvitations(invitations.length)}
              </a>
            </p>
          </section>
        ) : null}
        <section aria-labelledby="picture-title">
          <h2 id="picture-title">{t.account.picture}</h2>
          <p class="muted">{t.account.pictureLead}</p>
          <div class="profile-head">
            <Avatar
              name={displayName(person, locale)}
              picture={person.avatar ? pictureOf(person.avatar, 96) : undefined}
              src={person.avatarUrl}
              alt={t.account.pictureCurrent}
              size="large"
            />
            <form method="post" action={`/${locale}/me/picture/upload`} enctype="multipart/form-data">
              <CsrfField c={c} />
              <FileDrop
                name="picture"
                label={t.account.pictureLabel}
                hint={t.account.pictureHint}
                accept="image/jpeg,image/png,image/webp"
                dropText={t.account.pictureDrop}
                error={extra.pictureError}
              />
              <Actions>
                <button type="submit" class="button secondary">
                  {t.account.pictureButton}
                </button>
              </Actions>
            </form>
          </div>
        </section>
        <section aria-labelledby="profile-title">
          <h2 id="profile-title">{t.account.profile}</h2>
          <p class="muted">{t.account.profileLead}</p>
          <form method="post" action={`/${locale}/me/profile`} novalidate>
            <CsrfField c={c} />
            <div class="grid-2">
              <Field
                name="nameZh"
                label={t.account.nameZh}
                value={v.nameZh}
                error={e.nameZh}
                lang="zh-Hans"
              />
              <Field name="nameEn" label={t.account.nameEn} value={v.nameEn} error={e.nameEn} lang="en" />
              <Field
                name="handle"
                label={t.account.handle}
                value={v.handle}
                error={e.handle}
                required
                autocomplete="username"
              />
              <FieldPair
                name="city"
                labelZh={t.account.cityZh}
                labelEn={t.account.cityEn}
                value={(n) => v[n]}
                error={(n) => e[n]}
              />
              <Field
                name="bioZh"
                label={t.account.bioZh}
                value={v.bioZh}
                error={e.bioZh}
                multiline
                lang="zh-Hans"
              />
              <Field
                name="bioEn"
                label={t.account.bioEn}
                value={v.bioEn}
                error={e.bioEn}
                multiline
                lang="en"
              />
              <Field
                name="avatarUrl"
                type="url"
                label={t.account.avatarUrl}
                value={v.avatarUrl}
                error={e.avatarUrl}
              />
              <Field name="languages" label={t.account.languages} value={v.languages} error={e.languages} />
              <Field
                name="links"
                label={t.account.links}
                value={v.links}
                error={e.links ?? firstError(e, 'links.')}
                multiline
              />
              <div class="field">
                <label for="field-locale">{t.account.locale}</label>
                <select id="field-locale" name="locale">
                  <option value="zh" selected={v.locale === 'zh'} lang="zh-Hans">
                    中文
                  </option>
                  <option value="en" selected={v.locale === 'en'} lang="en">
                    English
                  </option>
                </select>
              </div>
            </div>
            <fieldset class="checks" aria-describedby="profile-public-hint">
              <legend>{t.account.visibility}</legend>
              <label for="field-profilePublic">
                <input
                  type="checkbox"
                  id="field-profilePublic"
                  name="profilePublic"
                  value="on"
                  checked={v.profilePublic === 'on'}
                />{' '}
                {t.account.profilePublic}
              </label>
              <p class="hint" id="profile-public-hint">
                {t.account.profilePublicHint}
              </p>
              {person.publiclyCredited ? <p class="hint">{t.account.listedByCredit}</p> : null}
            </fieldset>
            <button type="submit">{t.account.save}</button>
          </form>
        </section>
        <section aria-labelledby="tokens-title">
          <h2 id="tokens-title">{t.account.tokens}</h2>
          <p class="muted">{t.account.tokensLead}</p>
          {extra.newToken ? (
            <Notice kind="success">
              {t.account.tokenCreated} <code class="token">{extra.newToken}</code>
            </Notice>
          ) : null}
          {tokens.length ? (
            <ul>
              {tokens.map((tok) => (
                <li>
                  <strong>{tok.name}</strong> <code>{tok.prefix}…</code>{' '}
                  <span class="muted">
                    {tok.lastUsedAt
                      ? t.account.tokenUsed(formatDate(locale, tok.lastUsedAt, true))
                      : t.account.tokenNeverUsed}
                  </span>{' '}
                  <form method="post" action={`/${locale}/me/tokens/${tok.id}/revoke`} class="inline">
                    <CsrfField c={c} />
                    <button type="submit" class="link-button" aria-label={`${t.account.revoke}: ${tok.name}`}>
                      {t.account.revoke}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t.account.noTokens}</p>
          )}
          <form method="post" action={`/${locale}/me/tokens`} class="search" novalidate>
            <CsrfField c={c} />
            <Field name="name" label={t.account.tokenName} error={extra.tokenError} required />
            <button type="submit">{t.account.createToken}</button>
          </form>
        </section>
        <section aria-labelledby="sessions-title">
          <h2 id="sessions-title">{t.account.sessions}</h2>
          <p class="muted">{t.account.sessionsLead}</p>
          <ul>
            {sessions.map((s) => (
              <li>
                {s.userAgent ?? '—'}{' '}
                <span class="muted">({t.account.lastSeen(formatDate(locale, s.lastSeenAt, true))})</span>
                {s.id === viewer.sessionId ? <strong> · {t.account.thisSession}</strong> : null}
              </li>
            ))}
          </ul>
          <form method="post" action={`/${locale}/me/sign-out-everywhere`}>
            <CsrfField c={c} />
            <button type="submit" class="secondary">
              {t.account.signOutEverywhere}
            </button>
          </form>
        </section>
      </>,
    )
  }

  app.get('/:lang{(?:zh|en)}/me', (c) => accountPage(c))

  app.post('/:lang{(?:zh|en)}/me/profile', async (c) => {
    const viewer = c.var.viewer
    if (!viewer) throw new DomainError('unauthenticated')
    const form = await readForm(c, profileInput)
    if (!form.ok) return accountPage(c, { profile: form })
    try {
      // An unchecked box sends nothing: on this form, that means private.
      await updateProfile(deps, viewer, viewer.personId, {
        ...form.data,
        profilePublic: form.data.profilePublic ?? false,
      })
    } catch (e) {
      if (e instanceof DomainError && e.code === 'handleTaken') {
        return accountPage(c, {
          profile: { errors: { handle: c.var.t.errors.handleTaken }, values: form.values },
        })
      }
      throw e
    }
    return redirectWithNotice(c, `/${c.var.locale}/me`, 'saved')
  })

  // Streamed (the path ends in /upload): the CSRF token is checked as the form arrives.
  app.post('/:lang{(?:zh|en)}/me/picture/upload', async (c) => {
    const viewer = c.var.viewer
    if (!viewer) throw new DomainError('unauthenticated')
    try {
      const { result } = await receiveUpload(c, 'picture', (file) =>
        setAvatar(deps, viewer, viewer.personId, { filename: file.filename, source: file.stream }),
      )
      if (!result)
        return accountPage(c, {
          pictureError: translateIssue(c.var.locale, { message: 'required' } as never),
        })
      return redirectWithNotice(c, `/${c.var.locale}/me`, 'picture')
    } catch (e) {
      if (!(e instanceof MediaRefused)) throw e
      return accountPage(c, { pictureError: translateIssue(c.var.locale, { message: e.reason } as never) })
    }
  })

  app.post('/:lang{(?:zh|en)}/me/tokens', async (c) => {
    const form = await readForm(c, apiTokenInput)
    if (!form.ok) return accountPage(c, { tokenError: form.errors.name })
    const { token } = await accounts.createApiToken(deps, c.var.viewer, form.data.name)
    c.header('Cache-Control', 'no-store')
    return accountPage(c, { newToken: token })
  })

  app.post('/:lang{(?:zh|en)}/me/tokens/:id/revoke', async (c) => {
    const id = c.req.param('id')
    if (!isUuid(id)) throw new DomainError('notFoundRecord')
    await accounts.revokeApiToken(deps, c.var.viewer, id)
    return redirectWithNotice(c, `/${c.var.locale}/me`, 'revoked')
  })

  app.get('/auth/github/start', (c) => {
    // Without GitHub configured there is nowhere to send the visitor (the sign-in page says so).
    if (!deps.config.github) return c.notFound()
    const lang = c.req.query('lang')
    const locale: Locale = isLocale(lang) ? lang : c.var.locale
    const state = randomToken(24)
    const next = safeNext(c.req.query('next'), `/${locale}/me`)
    setCookie(c, OAUTH_COOKIE, JSON.stringify({ state, locale, next }), {
      prefix: 'host',
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
      maxAge: 600,
    })
    return c.redirect(githubAuthorizationUrl(deps.config, state).toString())
  })

  app.get('/auth/github/callback', async (c) => {
    const saved = parseOAuthCookie(getCookie(c, OAUTH_COOKIE, 'host'))
    deleteCookie(c, OAUTH_COOKIE, { prefix: 'host', path: '/', secure: true })
    const locale = saved?.locale ?? c.var.locale
    const code = c.req.query('code')
    if (!saved || !code || c.req.query('state') !== saved.state)
      return c.redirect(`/${locale}/sign-in?error=github`)
    try {
      const identity = await fetchGithubIdentity(deps.config, code)
      const session = await accounts.signInWithGithub(deps, identity, { locale, client: client(c, deps) })
      setSessionCookie(c, session.token, session.expiresAt)
    } catch (e) {
      if (e instanceof DomainError && e.code === 'githubFailed') {
        deps.log.warn('github sign-in failed', { reqId: c.var.requestId, detail: e.message })
        return c.redirect(`/${locale}/sign-in?error=github`)
      }
      throw e
    }
    return c.redirect(saved.next)
  })

  return app
}

function parseOAuthCookie(raw: string | undefined): { state: string; locale: Locale; next: string } | null {
  if (!raw) return null
  try {
    const value = JSON.parse(raw) as { state?: unknown; locale?: unknown; next?: unknown }
    if (typeof value.state !== 'string' || !isLocale(value.locale) || typeof value.next !== 'string')
      return null
    return { state: value.state, locale: value.locale, next: value.next }
  } catch {
    return null
  }
}

const firstError = (errors: Record<string, string>, prefix: string) =>
  Object.entries(errors).find(([k]) => k.startsWith(prefix))?.[1]
