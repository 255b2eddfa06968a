// The people directory, a person's page and the console's role pages: routes only; what they
// show is in people.views.tsx, and what other features add to a person's page comes through
// people.profile.ts (this file imports no feature above people).
import type { Context } from 'hono'
import { Hono } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { isUuid } from '../../platform/http/edge-input.ts'
import { queryFor } from '../../platform/http/page-cache.ts'
import { formatDate, type Messages, parseIn } from '../../platform/i18n/index.ts'
import { CsrfField, Field, LinkList, Notice, Pagination } from '../../platform/views/layout.tsx'
import { Localized } from '../../platform/views/localized.tsx'
import { readForm, redirectWithNotice, render } from '../../platform/views/page.tsx'
import { authorize, type CommunityRole, can, communityRoles, isCommunityRole } from '../access/index.ts'
import { endRoleInput, grantRoleInput, peopleQuery } from './people.inputs.ts'
import { profileParts } from './people.profile.ts'
import { displayName, isListed } from './people.rules.ts'
import * as people from './people.service.ts'
import {
  Avatar,
  CurrentRoles,
  GrantLine,
  languageName,
  RoleBadges,
  RoleHistory,
  roleLabel,
} from './people.views.tsx'

// Chapter pages show faces with it; they import it from here.
export { Avatar }

function pagedHref(path: string, q: string | undefined, page: number) {
  const params = new URLSearchParams()
  if (q) params.set('q', q)
  if (page > 1) params.set('page', String(page))
  const qs = params.toString()
  return `${path}${qs ? `?${qs}` : ''}`
}

const noticeText = (t: Messages, key: string | undefined) =>
  key === 'granted' ? t.console.granted : key === 'ended' ? t.console.ended : undefined

export function peoplePages(deps: Deps) {
  const app = new Hono<AppEnv>()

  app.get('/:lang{(?:zh|en)}/people', async (c) => {
    const { t, locale } = c.var
    const parsed = parseIn(locale, peopleQuery, queryFor(c, peopleQuery))
    const query = parsed.success ? parsed.data : { page: 1, q: undefined }
    const [result, sigs] = await Promise.all([
      people.listPeople(deps, query, { locale }),
      people.listSigs(deps),
    ])
    return render(
      c,
      { title: t.people.title, description: t.people.lead },
      <>
        <h1>{t.people.title}</h1>
        <p class="lead">{t.people.lead}</p>
        <p>
          <a href={`/${locale}/contributors`}>{t.activity.seeContributors}</a>
        </p>
        <search>
          <form method="get" action={`/${locale}/people`} class="search">
            <Field name="q" label={t.people.search} value={query.q} type="search" />
            <button type="submit">{t.people.searchButton}</button>
          </form>
        </search>
        <p class="muted" aria-live="polite">
          {t.people.count(result.total)}
        </p>
        {result.people.length === 0 ? (
          <p>{t.people.none}</p>
        ) : (
          <ul class="cards">
            {result.people.map((p) => (
              <li class="card">
                <Avatar person={p} locale={locale} t={t} />
                <div>
                  <h2>
                    <a href={`/${locale}/people/${p.handle}`}>{displayName(p, locale)}</a>
                  </h2>
                  {p.cityZh || p.cityEn ? (
                    <p class="muted">
                      <Localized locale={locale} zh={p.cityZh} en={p.cityEn} />
                    </p>
                  ) : null}
                  <RoleBadges roles={p.roles} sigs={sigs} t={t} locale={locale} />
                </div>
              </li>
            ))}
          </ul>
        )}
        <Pagination
          t={t}
          page={result.page}
          pages={result.pages}
          href={(p) => pagedHref(`/${locale}/people`, query.q, p)}
        />
      </>,
    )
  })

  app.get('/:lang{(?:zh|en)}/people/:handle', async (c) => {
    const { t, locale } = c.var
    const { person, grants } = await people.getPublicProfile(deps, c.var.viewer, c.req.param('handle'))
    const parts = await profileParts(deps, person, { t, locale })
    const name = displayName(person, locale)
    const bio = locale === 'zh' ? (person.bioZh ?? person.bioEn) : (person.bioEn ?? person.bioZh)
    const bioLang = bio === person.bioZh ? 'zh-Hans' : 'en'
    const manage = can(c.var.viewer, { action: 'people.manage' })
    return render(
      c,
      { title: name, description: bio ?? undefined },
      <>
        <div class="profile-head">
          <Avatar person={person} locale={locale} t={t} large />
          <div>
            <h1>{name}</h1>
            <p class="muted">
              @{person.handle}
              {person.cityZh || person.cityEn ? (
                <>
                  {' · '}
                  <Localized locale={locale} zh={person.cityZh} en={person.cityEn} />
                </>
              ) : null}
            </p>
          </div>
        </div>
        {isListed(person) ? null : (
          <Notice kind="info">
            {t.people.privateNotice}{' '}
            <a href={`/${locale}/me#field-profilePublic`}>{t.people.privatePublish}</a>
          </Notice>
        )}
        {manage ? (
          <p>
            <a href={`/${locale}/console/people/${person.handle}`}>{t.console.manage}</a>
          </p>
        ) : null}
        {bio ? (
          <section aria-labelledby="bio-title">
            <h2 id="bio-title">{t.people.bio}</h2>
            <p lang={bioLang}>{bio}</p>
          </section>
        ) : null}
        <dl class="facts">
          {person.githubLogin ? (
            <>
              <dt>{t.people.github}</dt>
              <dd>
                <a href={`${deps.config.githubUrl}/${person.githubLogin}`} rel="me noopener">
                  {person.githubLogin}
                </a>
              </dd>
            </>
          ) : null}
          {person.languages.length ? (
            <>
              <dt>{t.people.languages}</dt>
              <dd>
                {person.languages
                  .map((code) => languageName(code, locale))
                  .join(locale === 'zh' ? '、' : ', ')}
              </dd>
            </>
          ) : null}
          {person.links.length ? (
            <>
              <dt>{t.people.links}</dt>
              <dd>
                <LinkList links={person.links} me />
              </dd>
            </>
          ) : null}
        </dl>
        <p class="muted">{t.people.memberSince(formatDate(locale, person.createdAt))}</p>
        <CurrentRoles grants={grants} others={parts.roles} t={t} locale={locale} />
        <RoleHistory grants={grants} steps={parts.history} t={t} locale={locale} />
        {parts.sections}
      </>,
    )
  })

  app.get('/:lang{(?:zh|en)}/console/people', async (c) => {
    const { t, locale, viewer } = c.var
    authorize(viewer, { action: 'people.manage' })
    const parsed = parseIn(locale, peopleQuery, queryFor(c, peopleQuery))
    const query = parsed.success ? parsed.data : { page: 1, q: undefined }
    // Organisers grant roles to people who are not listed yet (a role is what lists them).
    const [result, sigs] = await Promise.all([
      people.listPeople(deps, query, { includePrivate: true }),
      people.listSigs(deps),
    ])
    return render(
      c,
      { title: t.console.people },
      <>
        <p>
          <a href={`/${locale}/console`}>{t.console.title}</a>
        </p>
        <h1>{t.console.people}</h1>
        <search>
          <form method="get" action={`/${locale}/console/people`} class="search">
            <Field name="q" label={t.people.search} value={query.q} type="search" />
            <button type="submit">{t.people.searchButton}</button>
          </form>
        </search>
        <div class="table-wrap">
          <table>
            <caption class="muted">{t.people.count(result.total)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.people.title}</th>
                <th scope="col">{t.people.currentRoles}</th>
                <th scope="col">
                  <span class="visually-hidden">{t.console.manage}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {result.people.map((p) => (
                <tr>
                  <td>
                    <a href={`/${locale}/people/${p.handle}`}>{displayName(p, locale)}</a>
                    <div class="muted">@{p.handle}</div>
                  </td>
                  <td>
                    <RoleBadges roles={p.roles} sigs={sigs} t={t} locale={locale} />
                  </td>
                  <td>
                    <a
                      href={`/${locale}/console/people/${p.handle}`}
                      aria-label={`${t.console.manage}: ${displayName(p, locale)}`}
                    >
                      {t.console.manage}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pagination
          t={t}
          page={result.page}
          pages={result.pages}
          href={(p) => pagedHref(`/${locale}/console/people`, query.q, p)}
        />
      </>,
    )
  })

  const renderPersonRoles = async (
    c: Context<AppEnv>,
    handle: string,
    form?: { errors: Record<string, string>; values: Record<string, string>; message?: string },
  ) => {
    const { t, locale, viewer } = c.var
    authorize(viewer, { action: 'people.manage' })
    const [{ person, grants }, sigs] = await Promise.all([
      people.getProfile(deps, handle),
      people.listSigs(deps),
    ])
    const name = displayName(person, locale)
    const current = grants.filter((g) => !g.grant.endedAt)
    const ended = grants.filter((g) => g.grant.endedAt)
    const grantable = communityRoles.filter((role) =>
      roleNeedsSigOptions(role).some((sigId) => can(viewer, { action: 'role.change', role, sigId })),
    )
    function roleNeedsSigOptions(role: CommunityRole) {
      return role === 'sig_lead' || role === 'sig_member' ? sigs.map((s) => s.id) : [null]
    }
    const notice = noticeText(t, c.req.query('notice'))
    return render(
      c,
      { title: t.console.personRoles(name), status: form ? 422 : 200 },
      <>
        <p>
          <a href={`/${locale}/console/people`}>{t.console.people}</a>
        </p>
        <h1>{t.console.personRoles(name)}</h1>
        {notice ? <Notice kind="success">{notice}</Notice> : null}
        {form?.message ? <Notice kind="error">{form.message}</Notice> : null}
        <h2>{t.people.currentRoles}</h2>
        {current.length ? (
          <ul class="timeline">
            {current.map((g) => (
              <li>
                <GrantLine g={g} t={t} locale={locale} />
                {isCommunityRole(g.grant.role) &&
                can(viewer, { action: 'role.change', role: g.grant.role, sigId: g.grant.sigId }) ? (
                  <form method="post" action={`/${locale}/console/roles/${g.grant.id}/end`} class="search">
                    <CsrfField c={c} />
                    <input type="hidden" name="handle" value={person.handle} />
                    <Field
                      name="reason"
                      id={`field-reason-${g.grant.id}`}
                      label={`${t.console.endReason} — ${roleLabel(t, g.grant.role, g.sig, locale)}`}
                    />
                    <button type="submit" class="secondary">
                      {t.console.end}
                      <span class="visually-hidden"> — {roleLabel(t, g.grant.role, g.sig, locale)}</span>
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t.people.noRoles}</p>
        )}
        {grantable.length ? (
          <section aria-labelledby="grant-title">
            <h2 id="grant-title">{t.console.grant}</h2>
            <form method="post" action={`/${locale}/console/people/${person.handle}/roles`} novalidate>
              <CsrfField c={c} />
              <div class={form?.errors.role ? 'field has-error' : 'field'}>
                <label for="field-role">{t.console.role}</label>
                <select
                  id="field-role"
                  name="role"
                  required
                  aria-describedby={form?.errors.role ? 'field-role-error' : undefined}
                >
                  {grantable.map((role) => (
                    <option value={role} selected={form?.values.role === role}>
                      {t.roles[role]}
                    </option>
                  ))}
                </select>
                {form?.errors.role ? (
                  <p class="error" id="field-role-error">
                    {form.errors.role}
                  </p>
                ) : null}
              </div>
              <div class={form?.errors.sigId ? 'field has-error' : 'field'}>
                <label for="field-sigId">{t.console.sig}</label>
                <select
                  id="field-sigId"
                  name="sigId"
                  aria-describedby={form?.errors.sigId ? 'field-sigId-error' : undefined}
                >
                  <option value="">{t.console.noSig}</option>
                  {sigs.map((s) => (
                    <option value={s.id} selected={form?.values.sigId === s.id}>
                      {locale === 'zh' ? s.nameZh : s.nameEn}
                    </option>
                  ))}
                </select>
                {form?.errors.sigId ? (
                  <p class="error" id="field-sigId-error">
                    {form.errors.sigId}
                  </p>
                ) : null}
              </div>
              <Field name="note" label={t.console.note} value={form?.values.note} error={form?.errors.note} />
              <button type="submit">{t.console.grantButton}</button>
            </form>
          </section>
        ) : null}
        <h2>{t.people.roleHistory}</h2>
        {ended.length ? (
          <ul class="timeline">
            {ended.map((g) => (
              <li>
                <GrantLine g={g} t={t} locale={locale} />
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t.people.noHistory}</p>
        )}
      </>,
    )
  }

  app.get('/:lang{(?:zh|en)}/console/people/:handle', (c) => renderPersonRoles(c, c.req.param('handle')))

  app.post('/:lang{(?:zh|en)}/console/people/:handle/roles', async (c) => {
    const { t, locale, viewer } = c.var
    const handle = c.req.param('handle')
    const form = await readForm(c, grantRoleInput)
    if (!form.ok)
      return renderPersonRoles(c, handle, {
        errors: form.errors,
        values: form.values,
        message: t.errors.invalid,
      })
    const { person } = await people.getProfile(deps, handle)
    try {
      await people.grantRole(deps, viewer, person.id, form.data)
    } catch (e) {
      if (e instanceof DomainError && (e.code === 'roleHeld' || e.code === 'sigRequired')) {
        return renderPersonRoles(c, handle, {
          errors: e.code === 'sigRequired' ? { sigId: t.errors.sigRequired } : {},
          values: form.values,
          message: t.errors[e.code],
        })
      }
      throw e
    }
    return redirectWithNotice(c, `/${locale}/console/people/${person.handle}`, 'granted')
  })

  app.post('/:lang{(?:zh|en)}/console/roles/:grantId/end', async (c) => {
    const { locale, viewer } = c.var
    const form = await readForm(c, endRoleInput)
    const handle = form.values.handle ?? ''
    if (!form.ok)
      return renderPersonRoles(c, handle, {
        errors: form.errors,
        values: form.values,
        message: c.var.t.errors.invalid,
      })
    const grantId = c.req.param('grantId')
    if (!isUuid(grantId)) throw new DomainError('notFoundRecord')
    await people.endRole(deps, viewer, grantId, form.data)
    return redirectWithNotice(c, `/${locale}/console/people/${encodeURIComponent(handle)}`, 'ended')
  })

  return app
}
