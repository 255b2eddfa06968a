import type { Context } from 'hono'
import { Hono } from 'hono'
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import QRCode from 'qrcode'
import { z } from 'zod'
import type { Deps } from '../../platform/deps.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { uuidParam } from '../../platform/http/edge-input.ts'
import { queryFor } from '../../platform/http/page-cache.ts'
import { formatDate, type Locale, type Messages, negotiateLocale } from '../../platform/i18n/index.ts'
import { CsrfField, Field, FieldPair, Notice } from '../../platform/views/layout.tsx'
import { Localized } from '../../platform/views/localized.tsx'
import { formFields, readForm, redirectWithNotice, render } from '../../platform/views/page.tsx'
import { can } from '../access/index.ts'
import { communityTitle } from '../community/index.ts'
import { displayName } from '../people/index.ts'
import {
  addressInput,
  grantTitleInput,
  revokeInput,
  shipmentInput,
  shipmentMoveInput,
} from './recognition.inputs.ts'
import type { Shipment } from './recognition.repo.ts'
import * as recognition from './recognition.service.ts'

/** The titles on a profile, with links to the certificates issued for them. */
export function ProfileRecognition({
  rows,
  t,
  locale,
}: {
  rows: Awaited<ReturnType<typeof recognition.recognitionOf>>
  t: Messages
  locale: Locale
}) {
  if (!rows.length) return null
  const years = [...new Set(rows.map((r) => r.title.year))].sort((a, b) => b - a)
  return (
    <section aria-labelledby="recognition-title">
      <h2 id="recognition-title">{t.recognition.titles}</h2>
      {/* A long-serving member earns several titles a year: a flat list of them reads as a wall. */}
      {years.map((year) => (
        <section aria-labelledby={`recognition-${year}`} class="titles-year">
          <h3 id={`recognition-${year}`}>{year}</h3>
          <ul class="plain">
            {rows
              .filter((r) => r.title.year === year)
              .map(({ title, certificate }) => (
                <li>
                  {recognition.titleText(title, locale)}
                  {certificate ? (
                    <>
                      {' · '}
                      <a href={`/${locale}/certificates/${certificate.code}`}>
                        {t.recognition.viewCertificate}
                      </a>
                    </>
                  ) : null}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </section>
  )
}

const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() })
/**
 * A console form about one person's title in one year (granting it, issuing its certificate):
 * its button names the person and the title for screen readers, as the table row does by sight.
 */
function TitleForm(p: {
  c: Context<AppEnv>
  action: 'grant' | 'issue'
  class: string
  person: Parameters<typeof displayName>[0] & { id: string }
  title: Parameters<typeof recognition.titleText>[0] & { key: string }
  year: number
  button: string
  children?: Child
}) {
  const locale = p.c.var.locale
  return (
    <form method="post" action={`/${locale}/console/recognition/${p.action}`} class={p.class}>
      <CsrfField c={p.c} />
      <input type="hidden" name="personId" value={p.person.id} />
      <input type="hidden" name="titleKey" value={p.title.key} />
      <input type="hidden" name="year" value={String(p.year)} />
      {p.children}
      <button type="submit" class="secondary">
        {p.button}
        <span class="visually-hidden">
          {' '}
          — {displayName(p.person, locale)}, {recognition.titleText(p.title, locale)}
        </span>
      </button>
    </form>
  )
}

const verifyUrl = (deps: Deps, code: string) => `${deps.config.baseUrl}/certificates/${code}`

export function recognitionPages(deps: Deps) {
  const app = new Hono<AppEnv>()

  // The address printed in the QR code: whoever scans it reads the page in their language.
  app.get('/certificates/:code{[A-Za-z0-9]{10}}', (c) =>
    c.redirect(
      `/${negotiateLocale(c.req.header('accept-language'))}/certificates/${c.req.param('code')}`,
      302,
    ),
  )

  app.get('/:lang{(?:zh|en)}/certificates/:code{[A-Za-z0-9]{10}}', async (c) => {
    const { t, locale, viewer } = c.var
    const tr = t.recognition
    const { certificate, person } = await recognition.verifyCertificate(deps, c.req.param('code'))
    const url = verifyUrl(deps, certificate.code)
    const qr = (await QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })).replace(
      '<svg ',
      `<svg role="img" aria-label="${tr.qr(url).replace(/"/g, '&quot;')}" width="160" height="160" `,
    )
    return render(
      c,
      { title: tr.verifyTitle },
      <>
        <h1>{tr.verifyTitle}</h1>
        {certificate.revokedAt ? (
          <Notice kind="error">
            {tr.revokedOn(formatDate(locale, certificate.revokedAt), certificate.revokedReason ?? '')}
          </Notice>
        ) : (
          <Notice kind="success">{tr.valid}</Notice>
        )}
        <dl class="facts">
          <dt>{tr.issuedTo}</dt>
          <dd>
            <a href={`/${locale}/people/${person.handle}`}>{displayName(person, locale)}</a>
          </dd>
          <dt>{tr.forTitle}</dt>
          <dd>{locale === 'zh' ? certificate.titleZh : certificate.titleEn}</dd>
          <dt>{tr.issuedOn}</dt>
          <dd>{formatDate(locale, certificate.issuedAt)}</dd>
          <dt>{tr.code}</dt>
          <dd>
            <code>{certificate.code}</code>
          </dd>
        </dl>
        <figure>{raw(qr)}</figure>
        {certificate.revokedAt ? null : (
          <p>
            <a class="button" href={`/${locale}/certificates/${certificate.code}/pdf`}>
              {tr.download}
            </a>
          </p>
        )}
        {!certificate.revokedAt && can(viewer, { action: 'recognition.manage' }) ? (
          <form method="post" action={`/${locale}/certificates/${certificate.code}/revoke`} novalidate>
            <CsrfField c={c} />
            <Field name="reason" label={tr.revokeReason} required />
            <button type="submit" class="secondary">
              {tr.revoke}
            </button>
          </form>
        ) : null}
      </>,
    )
  })

  app.get('/:lang{(?:zh|en)}/certificates/:code{[A-Za-z0-9]{10}}/pdf', async (c) => {
    const { certificate, person } = await recognition.verifyCertificate(deps, c.req.param('code'))
    if (certificate.revokedAt) return c.redirect(`/${c.var.locale}/certificates/${certificate.code}`, 303)
    // Loaded when a certificate is asked for: pdfkit and its fonts are not kept in every process.
    const { certificatePdf } = await import('./recognition.pdf.ts')
    const pdf = await certificatePdf({
      certificate,
      person,
      verifyUrl: verifyUrl(deps, certificate.code),
      // The community's names as set in the console; COMMUNITY_NAME until they are.
      community: await communityTitle(deps),
    })
    return c.body(new Uint8Array(pdf), 200, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="certificate-${certificate.code}.pdf"`,
      // A revocation must reach readers soon: no long caching.
      'cache-control': 'public, max-age=300',
    })
  })

  app.post('/:lang{(?:zh|en)}/certificates/:code{[A-Za-z0-9]{10}}/revoke', async (c) => {
    const form = await readForm(c, revokeInput)
    const code = c.req.param('code').toUpperCase()
    if (!form.ok) return redirectWithNotice(c, `/${c.var.locale}/certificates/${code}`, 'invalid')
    await recognition.revokeCertificate(deps, c.var.viewer, code, form.data.reason)
    return c.redirect(`/${c.var.locale}/certificates/${code}`, 303)
  })

  // --- Console: certificates of a year --------------------------------------------------------

  app.get('/:lang{(?:zh|en)}/console/recognition', async (c) => {
    const { t, locale, viewer } = c.var
    const tr = t.recognition
    const year = yearQuery.safeParse(queryFor(c, yearQuery)).data?.year ?? deps.now().getUTCFullYear()
    const rows = await recognition.titlesOfYear(deps, viewer, year)
    const minTenureDays = deps.config.titleMinTenureDays
    const notice = c.req.query('notice')
    return render(
      c,
      { title: tr.title },
      <>
        <p>
          <a href={`/${locale}/console`}>{t.console.title}</a>
        </p>
        <h1>{tr.title}</h1>
        <p class="lead">{tr.lead}</p>
        <p>{tr.tenureRule(minTenureDays)}</p>
        {notice && /^\d+$/.test(notice) ? <Notice kind="success">{tr.issued(Number(notice))}</Notice> : null}
        {notice === 'granted' ? <Notice kind="success">{tr.granted}</Notice> : null}
        {notice === 'invalid' ? <Notice kind="error">{tr.grantReasonMissing}</Notice> : null}
        <form method="get" class="search">
          <Field name="year" label={tr.year} type="number" inputmode="numeric" value={String(year)} />
          <button type="submit">{tr.show}</button>
        </form>
        {rows.length === 0 ? (
          <p class="muted">{tr.none}</p>
        ) : (
          <>
            <form method="post" action={`/${locale}/console/recognition/issue-all`}>
              <CsrfField c={c} />
              <input type="hidden" name="year" value={String(year)} />
              <button type="submit">{tr.issueAll}</button>
            </form>
            <div class="table-wrap">
              <table>
                <caption class="visually-hidden">{tr.titles}</caption>
                <thead>
                  <tr>
                    <th scope="col">{tr.person}</th>
                    <th scope="col">{tr.forTitle}</th>
                    <th scope="col">{tr.tenure}</th>
                    <th scope="col">{tr.viewCertificate}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map(({ person, title, days, earnedBy, grant, certificate }) => (
                    <tr>
                      <th scope="row">
                        <a href={`/${locale}/people/${person.handle}`}>{displayName(person, locale)}</a>
                      </th>
                      <td>{recognition.titleText(title, locale)}</td>
                      <td>
                        {tr.daysHeld(Math.floor(days))}
                        {grant ? (
                          <>
                            <br />
                            {tr.grantedBy(
                              displayName(grant.by, locale),
                              formatDate(locale, grant.grant.grantedAt),
                              grant.grant.reason,
                            )}
                          </>
                        ) : earnedBy ? null : (
                          <>
                            <br />
                            <span class="muted">{tr.shortTenure(minTenureDays)}</span>
                          </>
                        )}
                      </td>
                      <td>
                        {!earnedBy ? (
                          <TitleForm
                            c={c}
                            action="grant"
                            class="inline-form"
                            person={person}
                            title={title}
                            year={year}
                            button={tr.grant}
                          >
                            <Field
                              id={`grant-${person.id}-${title.key}`}
                              name="reason"
                              label={tr.grantReason}
                              required
                            />
                          </TitleForm>
                        ) : certificate ? (
                          <a href={`/${locale}/certificates/${certificate.code}`}>{certificate.code}</a>
                        ) : (
                          <TitleForm
                            c={c}
                            action="issue"
                            class="inline"
                            person={person}
                            title={title}
                            year={year}
                            button={tr.issue}
                          />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </>,
    )
  })

  app.post('/:lang{(?:zh|en)}/console/recognition/issue', async (c) => {
    const { personId = '', titleKey = '', year = '' } = await formFields(c)
    await recognition.issueCertificate(deps, c.var.viewer, personId, titleKey)
    return redirectWithNotice(c, `/${c.var.locale}/console/recognition?year=${encodeURIComponent(year)}`, '1')
  })

  app.post('/:lang{(?:zh|en)}/console/recognition/grant', async (c) => {
    const form = await readForm(c, grantTitleInput)
    const year = encodeURIComponent(form.values.year ?? '')
    if (!form.ok) return redirectWithNotice(c, `/${c.var.locale}/console/recognition?year=${year}`, 'invalid')
    const { personId, titleKey, reason } = form.data
    await recognition.grantTitle(deps, c.var.viewer, personId, titleKey, reason)
    return redirectWithNotice(c, `/${c.var.locale}/console/recognition?year=${year}`, 'granted')
  })

  app.post('/:lang{(?:zh|en)}/console/recognition/issue-all', async (c) => {
    const year = yearQuery.parse(await formFields(c)).year ?? deps.now().getUTCFullYear()
    const rows = await recognition.titlesOfYear(deps, c.var.viewer, year)
    let issued = 0
    // The same rule as one by one: only titles earned (by tenure or a grant) get a certificate.
    for (const row of rows.filter((r) => r.earnedBy && !r.certificate)) {
      await recognition.issueCertificate(deps, c.var.viewer, row.person.id, row.title.key)
      issued++
    }
    return redirectWithNotice(c, `/${c.var.locale}/console/recognition?year=${year}`, String(issued))
  })

  // --- Swag -----------------------------------------------------------------------------------

  const status = (t: Messages, s: Shipment) => t.recognition.statuses[s.status] ?? s.status

  const mySwagPage = async (
    c: Context<AppEnv>,
    form?: { id: string; values: Record<string, string>; errors: Record<string, string> },
  ) => {
    const { t, locale, viewer } = c.var
    const tr = t.recognition
    const shipments = await recognition.myShipments(deps, viewer)
    const notice = c.req.query('notice')
    return render(
      c,
      { title: tr.mySwag, status: form ? 422 : 200 },
      <>
        <h1>{tr.mySwag}</h1>
        <p class="lead">{tr.mySwagLead}</p>
        {notice && tr.notices[notice] ? <Notice kind="success">{tr.notices[notice]}</Notice> : null}
        {shipments.length === 0 ? <p class="muted">{tr.noSwag}</p> : null}
        {shipments.map((s) => {
          const v = (name: string) =>
            (form?.id === s.id ? form.values[name] : undefined) ?? (s as Record<string, unknown>)[name]
          const e = (name: string) => (form?.id === s.id ? form.errors[name] : undefined)
          return (
            <section aria-labelledby={`swag-${s.id}`} class="card card-block">
              <h2 id={`swag-${s.id}`}>
                <Localized locale={locale} zh={s.itemZh} en={s.itemEn} />
              </h2>
              <p>
                <span class="badge">{status(t, s)}</span>
                {s.reasonZh || s.reasonEn ? (
                  <span class="muted">
                    {' · '}
                    <Localized locale={locale} zh={s.reasonZh} en={s.reasonEn} />
                  </span>
                ) : null}
                {s.tracking ? <span class="muted"> · {s.tracking}</span> : null}
              </p>
              {s.status === 'waiting_for_address' || s.status === 'ready' ? (
                <form method="post" action={`/${locale}/me/swag/${s.id}/address`} novalidate>
                  <CsrfField c={c} />
                  <Field
                    name="recipientName"
                    id={`rn-${s.id}`}
                    label={tr.recipientName}
                    required
                    autocomplete="name"
                    value={v('recipientName') as string}
                    error={e('recipientName')}
                  />
                  <Field
                    name="address"
                    id={`ad-${s.id}`}
                    label={tr.address}
                    multiline
                    required
                    autocomplete="street-address"
                    value={v('address') as string}
                    error={e('address')}
                  />
                  <Field
                    name="phone"
                    id={`ph-${s.id}`}
                    label={tr.phone}
                    type="tel"
                    required
                    autocomplete="tel"
                    value={v('phone') as string}
                    error={e('phone')}
                  />
                  <button type="submit">{tr.saveAddress}</button>
                </form>
              ) : null}
              {s.status === 'sent' ? (
                <form method="post" action={`/${locale}/me/swag/${s.id}/received`} class="inline">
                  <CsrfField c={c} />
                  <button type="submit">{tr.markReceived}</button>
                </form>
              ) : null}
            </section>
          )
        })}
      </>,
    )
  }

  app.get('/:lang{(?:zh|en)}/me/swag', (c) => mySwagPage(c))
  app.post(`/:lang{(?:zh|en)}/me/swag/:id${uuidParam}/address`, async (c) => {
    const id = c.req.param('id')
    const form = await readForm(c, addressInput)
    if (!form.ok) return mySwagPage(c, { id, ...form })
    await recognition.giveAddress(deps, c.var.viewer, id, form.data)
    return redirectWithNotice(c, `/${c.var.locale}/me/swag`, 'addressSaved')
  })
  app.post(`/:lang{(?:zh|en)}/me/swag/:id${uuidParam}/received`, async (c) => {
    await recognition.moveShipment(deps, c.var.viewer, c.req.param('id'), {
      status: 'received',
      tracking: null,
    })
    return redirectWithNotice(c, `/${c.var.locale}/me/swag`, 'moved')
  })

  const swagPage = async (
    c: Context<AppEnv>,
    form?: { values: Record<string, string>; errors: Record<string, string> },
  ) => {
    const { t, locale, viewer } = c.var
    const tr = t.recognition
    const list = await recognition.swagList(deps, viewer)
    const notice = c.req.query('notice')
    return render(
      c,
      { title: tr.swag, status: form ? 422 : 200 },
      <>
        <p>
          <a href={`/${locale}/console`}>{t.console.title}</a>
        </p>
        <h1>{tr.swag}</h1>
        <p class="lead">{tr.swagLead}</p>
        {notice && tr.notices[notice] ? <Notice kind="success">{tr.notices[notice]}</Notice> : null}
        {form ? <Notice kind="error">{t.errors.invalid}</Notice> : null}
        <form method="post" action={`/${locale}/console/swag`} novalidate>
          <CsrfField c={c} />
          <Field
            name="handle"
            label={tr.handle}
            required
            value={form?.values.handle}
            error={form?.errors.handle}
          />
          <FieldPair
            name="item"
            labelZh={tr.itemZh}
            labelEn={tr.itemEn}
            value={(name) => form?.values[name]}
            error={(name) => form?.errors[name]}
          />
          <FieldPair
            name="reason"
            labelZh={tr.reasonZh}
            labelEn={tr.reasonEn}
            value={(name) => form?.values[name]}
            error={(name) => form?.errors[name]}
          />
          <button type="submit">{tr.add}</button>
        </form>
        {list.length === 0 ? (
          <p class="muted">{tr.noSwag}</p>
        ) : (
          <ul class="timeline">
            {list.map(({ shipment: s, person }) => (
              <li>
                <strong>
                  <Localized locale={locale} zh={s.itemZh} en={s.itemEn} />
                </strong>{' '}
                → <a href={`/${locale}/people/${person.handle}`}>{displayName(person, locale)}</a>{' '}
                <span class="badge">{status(t, s)}</span>
                {s.reasonZh || s.reasonEn ? (
                  <div class="muted">
                    <Localized locale={locale} zh={s.reasonZh} en={s.reasonEn} />
                  </div>
                ) : null}
                {s.address ? (
                  <address class="pre">
                    {s.recipientName}
                    {'\n'}
                    {s.address}
                    {'\n'}
                    {s.phone}
                  </address>
                ) : null}
                {s.tracking ? <div class="muted">{s.tracking}</div> : null}
                {s.status === 'ready' ? (
                  <form method="post" action={`/${locale}/console/swag/${s.id}/sent`}>
                    <CsrfField c={c} />
                    <Field name="tracking" id={`tr-${s.id}`} label={tr.tracking} />
                    <button type="submit">{tr.markSent}</button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </>,
    )
  }

  app.get('/:lang{(?:zh|en)}/console/swag', (c) => swagPage(c))
  app.post('/:lang{(?:zh|en)}/console/swag', async (c) => {
    const form = await readForm(c, shipmentInput)
    if (!form.ok) return swagPage(c, form)
    await recognition.addShipment(deps, c.var.viewer, form.data)
    return redirectWithNotice(c, `/${c.var.locale}/console/swag`, 'added')
  })
  app.post(`/:lang{(?:zh|en)}/console/swag/:id${uuidParam}/sent`, async (c) => {
    const form = await readForm(c, shipmentMoveInput.omit({ status: true }))
    await recognition.moveShipment(deps, c.var.viewer, c.req.param('id'), {
      status: 'sent',
      tracking: form.ok ? form.data.tracking : null,
    })
    return redirectWithNotice(c, `/${c.var.locale}/console/swag`, 'moved')
  })

  return app
}
