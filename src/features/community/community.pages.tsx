import type { Context } from 'hono'
import { Hono } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { receiveUpload } from '../../platform/http/upload.ts'
import { translateIssue } from '../../platform/i18n/index.ts'
import { MediaRefused } from '../../platform/media/media.ts'
import { Actions, FileDrop, FormSection, SaveBar } from '../../platform/views/components.tsx'
import { CsrfField, Field, Notice } from '../../platform/views/layout.tsx'
import { formFields, readForm, redirectWithNotice, render } from '../../platform/views/page.tsx'
import { authorize } from '../access/index.ts'
import { formatLinks } from '../people/index.ts'
import { brandInput } from './community.inputs.ts'
import {
  AccentRefused,
  brandStylesheet,
  communitySettings,
  removeLogo,
  saveBrand,
  setLogo,
  type WrittenInName,
} from './community.service.ts'

const consolePath = (locale: string) => `/${locale}/console/community`

export function communityPages(deps: Deps, options: { writtenInName?: WrittenInName } = {}) {
  const app = new Hono<AppEnv>()

  // The accent as a stylesheet file: the CSP allows no inline style. Pages link it with a hash
  // of its content, so a changed colour is a new address and the old one may be kept a year.
  app.on(['GET', 'HEAD'], '/brand.css', async (c) => {
    const { css, etag } = await brandStylesheet(deps)
    const headers = {
      'Content-Type': 'text/css; charset=utf-8',
      ETag: etag,
      'Cache-Control': c.req.query('v') ? 'public, max-age=31536000, immutable' : 'no-cache',
    }
    if (c.req.header('if-none-match')?.replace(/-(br|gzip)"/g, '"') === etag)
      return c.body(null, 304, headers)
    return c.body(css, 200, headers)
  })

  const settingsPage = async (
    c: Context<AppEnv>,
    form?: { values: Record<string, string>; errors: Record<string, string>; status?: number },
    logoError?: string,
  ) => {
    const { t, locale, viewer } = c.var
    authorize(viewer, { action: 'community.brand' })
    const tc = t.community
    const row = await communitySettings(deps)
    const s = row?.settings
    const values = form?.values ?? {
      nameZh: s?.nameZh ?? '',
      nameEn: s?.nameEn ?? '',
      descriptionZh: s?.descriptionZh ?? '',
      descriptionEn: s?.descriptionEn ?? '',
      accent: s?.accent ?? '',
      accentDark: s?.accentDark ?? '',
      links: formatLinks(s?.links ?? []),
    }
    const errors = form?.errors ?? {}
    const notice = c.req.query('notice')
    return render(
      c,
      { title: tc.title, status: form?.status ?? (logoError ? 422 : 200) },
      <>
        <h1>{tc.title}</h1>
        <p class="lead">{tc.lead}</p>
        {notice && tc.notices[notice] ? <Notice kind="success">{tc.notices[notice]}</Notice> : null}
        {Object.keys(errors).length ? <Notice kind="error">{t.errors.invalid}</Notice> : null}
        <FormSection id="logo" title={tc.logo}>
          <form method="post" action={`${consolePath(locale)}/logo/upload`} enctype="multipart/form-data">
            <CsrfField c={c} />
            <FileDrop
              name="logo"
              label={tc.logo}
              hint={tc.logoHint}
              accept="image/svg+xml,image/png,image/webp,image/jpeg"
              error={logoError}
              dropText={tc.dropText}
              current={
                row?.logo
                  ? { src: `/media/${row.logo.id}/${row.logo.filename}`, alt: tc.logoCurrent }
                  : undefined
              }
            />
            <Actions>
              <button type="submit" class="button secondary">
                {tc.upload}
              </button>
            </Actions>
          </form>
          {row?.logo ? (
            <form method="post" action={`${consolePath(locale)}/logo/remove`}>
              <CsrfField c={c} />
              <Actions>
                <button type="submit" class="button danger">
                  {tc.removeLogo}
                </button>
              </Actions>
            </form>
          ) : null}
        </FormSection>
        <form method="post" action={consolePath(locale)} novalidate>
          <CsrfField c={c} />
          <FormSection id="identity" title={tc.identity} hint={tc.identityHint}>
            <div class="grid-2">
              <Field
                name="nameZh"
                label={tc.nameZh}
                value={values.nameZh}
                error={errors.nameZh}
                lang="zh-Hans"
              />
              <Field name="nameEn" label={tc.nameEn} value={values.nameEn} error={errors.nameEn} lang="en" />
            </div>
            <div class="grid-2">
              <Field
                name="descriptionZh"
                label={tc.descriptionZh}
                hint={tc.descriptionHint}
                value={values.descriptionZh}
                error={errors.descriptionZh}
                multiline
                lang="zh-Hans"
              />
              <Field
                name="descriptionEn"
                id="field-descriptionEn"
                label={tc.descriptionEn}
                hint={tc.descriptionHint}
                value={values.descriptionEn}
                error={errors.descriptionEn}
                multiline
                lang="en"
              />
            </div>
          </FormSection>
          <FormSection id="colour" title={tc.colour} hint={tc.colourHint}>
            <div class="grid-2">
              <Field
                name="accent"
                label={tc.accent}
                hint={tc.accentHint}
                value={values.accent}
                error={errors.accent}
                pattern="#[0-9a-fA-F]{6}"
              />
              <Field
                name="accentDark"
                label={tc.accentDark}
                hint={tc.accentDarkHint}
                value={values.accentDark}
                error={errors.accentDark}
                pattern="#[0-9a-fA-F]{6}"
              />
            </div>
          </FormSection>
          <FormSection id="links" title={tc.links}>
            <Field
              name="links"
              label={tc.links}
              hint={tc.linksHint}
              value={values.links}
              error={errors.links}
              multiline
            />
          </FormSection>
          <SaveBar label={tc.save} />
        </form>
      </>,
    )
  }

  app.get('/:lang{(?:zh|en)}/console/community', (c) => settingsPage(c))

  app.post('/:lang{(?:zh|en)}/console/community', async (c) => {
    const { t, locale, viewer } = c.var
    authorize(viewer, { action: 'community.brand' })
    const form = await readForm(c, brandInput)
    if (!form.ok) return settingsPage(c, { values: form.values, errors: form.errors, status: 422 })
    try {
      await saveBrand(deps, viewer, form.data, options.writtenInName)
    } catch (e) {
      if (!(e instanceof AccentRefused)) throw e
      const field = e.scheme === 'light' ? 'accent' : 'accentDark'
      const message = t.community.accentRefused(e.scheme, e.ratio.toFixed(2), e.suggestion)
      return settingsPage(c, { values: form.values, errors: { [field]: message }, status: 422 })
    }
    return redirectWithNotice(c, consolePath(locale), 'saved')
  })

  app.post('/:lang{(?:zh|en)}/console/community/logo/upload', async (c) => {
    const { locale, viewer } = c.var
    authorize(viewer, { action: 'community.brand' })
    try {
      const { result } = await receiveUpload(c, 'logo', (file) =>
        setLogo(deps, viewer, { filename: file.filename, source: file.stream }).then(() => true),
      )
      if (!result) return settingsPage(c, undefined, translateIssue(locale, { message: 'required' } as never))
      return redirectWithNotice(c, consolePath(locale), 'logoSaved')
    } catch (e) {
      if (!(e instanceof MediaRefused)) throw e
      return settingsPage(c, undefined, translateIssue(locale, { message: e.reason } as never))
    }
  })

  app.post('/:lang{(?:zh|en)}/console/community/logo/remove', async (c) => {
    await formFields(c)
    await removeLogo(deps, c.var.viewer)
    return redirectWithNotice(c, consolePath(c.var.locale), 'logoRemoved')
  })

  return app
}
