// The articles console: the list (by status), the editor (create, edit, preview, revisions). The
// form works without script: "Preview" is a submit button that shows the rendered body beside the
// form, nothing saved; public/article-preview.js only refreshes that preview while one types.
import type { Context } from 'hono'
import { Hono } from 'hono'
import { raw } from 'hono/html'
import type { Deps } from '../../platform/deps.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { isUuid } from '../../platform/http/edge-input.ts'
import { formatDate, type Locale, type Messages, translateIssue } from '../../platform/i18n/index.ts'
import { assetUrl } from '../../platform/views/assets.ts'
import { Actions, Badge, FormSection, SaveBar } from '../../platform/views/components.tsx'
import { Choice, CsrfField, EmptyState, Field, Notice } from '../../platform/views/layout.tsx'
import { formFields, readForm, redirectWithNotice, render } from '../../platform/views/page.tsx'
import { can } from '../access/index.ts'
import { importDictionary } from './articles.import.pages.tsx'
import { articleForm } from './articles.inputs.ts'
import type { Article, ArticleStatus } from './articles.repo.ts'
import { wallClockUtc } from './articles.rules.ts'
import * as service from './articles.service.ts'
import { articlePath, authorName } from './articles.views.tsx'

const base = (locale: Locale) => `/${locale}/console/articles`
const statuses: ArticleStatus[] = ['draft', 'scheduled', 'published', 'unpublished']
const tones = { draft: 'neutral', scheduled: 'warning', published: 'success', unpublished: 'danger' } as const

type FormState = { values: Record<string, string>; errors: Record<string, string> }

/** The form's values for a saved article (what the editor shows before any change). */
function valuesOf(
  data: Awaited<ReturnType<typeof service.articleToEdit>>,
  locale: Locale,
): Record<string, string> {
  const a = data.article
  return {
    title: a.title,
    slug: a.slug,
    language: a.language,
    summary: a.summary ?? '',
    body: a.body,
    status: a.status,
    publishedAt: a.publishedAt ? wallClockUtc(a.publishedAt) : '',
    coverUrl: a.coverUrl ?? '',
    tags: a.tags.join(', '),
    keywords: a.keywords.join(', '),
    authors: data.authors
      .map((x) => (x.personId && x.handle ? `@${x.handle}` : authorName(x, locale)))
      .join('\n'),
    originalUrl: a.originalUrl ?? '',
    translator: a.translator ?? '',
    canonicalToOriginal: a.canonicalToOriginal ? 'on' : '',
    translationOf: data.versions[0]?.id ?? '',
    links: data.links
      .map((l) =>
        l.kind === 'episode'
          ? `/${locale}/podcast/${l.showSlug}/${l.episodeSlug}`
          : l.kind === 'event'
            ? `/${locale}/events/${l.eventSlug}`
            : `/${locale}/chapters/${l.chapterSlug}`,
      )
      .join('\n'),
  }
}

function EditorForm(p: {
  c: Context<AppEnv>
  action: string
  values: Record<string, string>
  errors: Record<string, string>
  candidates: { id: string; slug: string; title: string }[]
  preview: string | null
}) {
  const { t } = p.c.var
  const tc = t.articles.console
  const f = tc.fields
  const v = (name: string) => p.values[name] ?? ''
  const e = (name: string) => p.errors[name]
  return (
    <div class={p.preview !== null ? 'article-editor with-preview' : 'article-editor'}>
      <form method="post" action={p.action} class="stack" data-article-editor>
        <CsrfField c={p.c} />
        <FormSection id="text" title={tc.sections.text} hint={tc.sections.textHint}>
          <Field name="title" label={f.title} value={v('title')} error={e('title')} required />
          <Field
            name="summary"
            label={f.summary}
            hint={f.summaryHint}
            value={v('summary')}
            error={e('summary')}
            multiline
          />
          <Field name="body" label={f.body} value={v('body')} error={e('body')} multiline />
        </FormSection>
        <FormSection id="publishing" title={tc.sections.publishing} hint={tc.sections.publishingHint}>
          <Choice
            name="language"
            label={f.language}
            value={v('language') || p.c.var.locale}
            options={[
              ['zh', t.articles.languages.zh ?? 'zh'],
              ['en', t.articles.languages.en ?? 'en'],
            ]}
            error={e('language')}
          />
          <Choice
            name="status"
            label={f.status}
            value={v('status') || 'draft'}
            options={statuses.map((s) => [s, tc.statuses[s] ?? s])}
            error={e('status')}
          />
          <Field
            name="publishedAt"
            type="datetime-local"
            label={f.publishedAt}
            hint={f.publishedAtHint}
            value={v('publishedAt')}
            error={e('publishedAt')}
          />
          <Field
            name="slug"
            label={f.slug}
            hint={f.slugHint}
            value={v('slug')}
            error={e('slug')}
            pattern="[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?"
          />
          <Field name="tags" label={f.tags} hint={f.tagsHint} value={v('tags')} error={e('tags')} />
          <Field
            name="keywords"
            label={f.keywords}
            hint={f.tagsHint}
            value={v('keywords')}
            error={e('keywords')}
          />
          <Field
            name="coverUrl"
            type="url"
            label={f.coverUrl}
            value={v('coverUrl')}
            error={e('coverUrl')}
            inputmode="url"
          />
        </FormSection>
        <FormSection id="people" title={tc.sections.people} hint={tc.sections.peopleHint}>
          <Field
            name="authors"
            label={f.authors}
            hint={f.authorsHint}
            value={v('authors')}
            error={e('authors')}
            multiline
          />
          <Field
            name="originalUrl"
            type="url"
            label={f.originalUrl}
            hint={f.originalUrlHint}
            value={v('originalUrl')}
            error={e('originalUrl')}
            inputmode="url"
          />
          <Field name="translator" label={f.translator} value={v('translator')} error={e('translator')} />
          <div class="field">
            <label for="field-canonicalToOriginal">
              <input
                type="checkbox"
                id="field-canonicalToOriginal"
                name="canonicalToOriginal"
                checked={v('canonicalToOriginal') === 'on'}
              />{' '}
              {f.canonical}
            </label>
          </div>
          <Choice
            name="translationOf"
            label={f.translationOf}
            value={v('translationOf')}
            options={[
              ['', f.translationNone],
              ...p.candidates.map((x) => [x.id, `${x.title} (${x.slug})`] as [string, string]),
            ]}
            error={e('translationOf')}
          />
        </FormSection>
        <FormSection id="related" title={tc.sections.related} hint={tc.sections.relatedHint}>
          <Field
            name="links"
            label={`${f.episodes} / ${f.events} / ${f.chapters}`}
            hint={f.relatedHint}
            value={v('links')}
            error={e('links')}
            multiline
          />
        </FormSection>
        <SaveBar label={tc.save}>
          <button type="submit" class="button secondary" name="_preview" value="1" formnovalidate>
            {tc.preview}
          </button>
        </SaveBar>
      </form>
      <section
        class="article-preview"
        aria-labelledby="preview-title"
        aria-live="polite"
        hidden={p.preview === null}
        data-preview-url={`${base(p.c.var.locale)}/preview`}
      >
        <h2 id="preview-title">{tc.previewTitle}</h2>
        <p class="hint">{tc.previewHint}</p>
        <div class="prose article-body" data-preview-body>
          {raw(p.preview ?? '')}
        </div>
      </section>
      <script src={assetUrl('article-preview.js')} defer />
    </div>
  )
}

function Revisions({
  revisions,
  t,
  locale,
}: {
  revisions: Awaited<ReturnType<typeof service.articleToEdit>>['revisions']
  t: Messages
  locale: Locale
}) {
  const tc = t.articles.console
  return (
    <section aria-labelledby="revisions-title">
      <h2 id="revisions-title">{tc.revisions}</h2>
      <p class="hint">{tc.revisionsHint}</p>
      <ol class="plain revisions">
        {revisions.map((r) => {
          const who =
            r.editorHandle !== null
              ? (locale === 'zh' ? r.editorNameZh || r.editorNameEn : r.editorNameEn || r.editorNameZh) ||
                r.editorHandle
              : tc.someone
          return (
            <li>
              <strong>{r.title}</strong> <Badge>{tc.revisionSources[r.source] ?? r.source}</Badge>{' '}
              <Badge tone={tones[r.meta.status as ArticleStatus] ?? 'neutral'}>
                {tc.statuses[r.meta.status] ?? r.meta.status}
              </Badge>
              <br />
              <span class="muted small">{tc.revisionBy(who, formatDate(locale, r.createdAt, true))}</span>
            </li>
          )
        })}
      </ol>
    </section>
  )
}

export function articlesConsolePages(deps: Deps) {
  const app = new Hono<AppEnv>()

  app.get('/:lang{(?:zh|en)}/console/articles', async (c) => {
    const { t, locale, viewer } = c.var
    const tc = t.articles.console
    const status = statuses.find((s) => s === c.req.query('status'))
    const { articles } = await service.consoleArticles(deps, viewer, { status, page: 1 })
    return render(
      c,
      { title: tc.title, alternates: <link rel="stylesheet" href={assetUrl('articles.css')} /> },
      <>
        <h1>{tc.title}</h1>
        <p class="lead">{tc.lead}</p>
        {c.req.query('notice') === 'saved' ? <Notice kind="success">{tc.saved}</Notice> : null}
        <Actions>
          <a class="button" href={`${base(locale)}/new`}>
            {tc.new}
          </a>{' '}
          <a class="button secondary" href={`${base(locale)}/import`}>
            {importDictionary(locale).title}
          </a>
        </Actions>
        <nav aria-label={tc.columns.status} class="tag-filter">
          <ul class="tag-list">
            {[undefined, ...statuses].map((s) => (
              <li>
                <a
                  class="tag"
                  href={s ? `${base(locale)}?status=${s}` : base(locale)}
                  aria-current={s === status ? 'page' : undefined}
                >
                  {s ? tc.statuses[s] : tc.allStatuses}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {articles.length ? (
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{tc.columns.title}</th>
                  <th scope="col">{tc.columns.language}</th>
                  <th scope="col">{tc.columns.status}</th>
                  <th scope="col">{tc.columns.date}</th>
                  <th scope="col">{tc.columns.updated}</th>
                </tr>
              </thead>
              <tbody>
                {articles.map((a: Article) => (
                  <tr>
                    <td>
                      <a href={`${base(locale)}/${a.id}`}>{a.title}</a>
                    </td>
                    <td>{t.articles.languages[a.language]}</td>
                    <td>
                      <Badge tone={tones[a.status]}>{tc.statuses[a.status]}</Badge>
                    </td>
                    <td>{a.publishedAt ? formatDate(locale, a.publishedAt, true) : '—'}</td>
                    <td>{formatDate(locale, a.updatedAt, true)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <EmptyState title={t.empty.title}>{tc.none}</EmptyState>
        )}
      </>,
    )
  })

  const newPage = async (c: Context<AppEnv>, form?: FormState, preview: string | null = null) => {
    const { t, locale, viewer } = c.var
    const values = form?.values ?? { language: locale, status: 'draft' }
    const language = values.language === 'en' ? 'en' : 'zh'
    const candidates = await service.translationCandidates(deps, viewer, language)
    return render(
      c,
      {
        title: t.articles.console.new,
        status: form && Object.keys(form.errors).length ? 422 : 200,
        alternates: <link rel="stylesheet" href={assetUrl('articles.css')} />,
      },
      <>
        <p>
          <a href={base(locale)}>{t.articles.console.back}</a>
        </p>
        <h1>{t.articles.console.new}</h1>
        <EditorForm
          c={c}
          action={base(locale)}
          values={values}
          errors={form?.errors ?? {}}
          candidates={candidates}
          preview={preview}
        />
      </>,
    )
  }

  const editPage = async (
    c: Context<AppEnv>,
    id: string,
    form?: FormState,
    preview: string | null = null,
  ) => {
    const { t, locale, viewer } = c.var
    const tc = t.articles.console
    const data = await service.articleToEdit(deps, viewer, id)
    const values = form?.values ?? valuesOf(data, locale)
    const notice = c.req.query('notice')
    return render(
      c,
      {
        title: tc.edit(data.article.title),
        status: form && Object.keys(form.errors).length ? 422 : 200,
        alternates: <link rel="stylesheet" href={assetUrl('articles.css')} />,
      },
      <>
        <p>
          <a href={base(locale)}>{tc.back}</a>
        </p>
        <h1>{tc.edit(data.article.title)}</h1>
        {notice === 'saved' || notice === 'created' ? (
          <Notice kind="success">{notice === 'created' ? tc.created : tc.saved}</Notice>
        ) : null}
        <p>
          <Badge tone={tones[data.article.status]}>{tc.statuses[data.article.status]}</Badge>{' '}
          <a href={articlePath(locale, data.article.slug)}>{tc.view}</a>
        </p>
        <EditorForm
          c={c}
          action={`${base(locale)}/${id}`}
          values={values}
          errors={form?.errors ?? {}}
          candidates={[
            ...data.versions.map((x) => ({ id: x.id, slug: x.slug, title: x.title })),
            ...data.candidates,
          ]}
          preview={preview}
        />
        <Revisions revisions={data.revisions} t={t} locale={locale} />
      </>,
    )
  }

  /** A post: the preview button shows the rendered body; saving checks, then saves or shows why not. */
  async function submit(c: Context<AppEnv>, id: string | null) {
    const { locale, viewer } = c.var
    const again = (form: FormState, preview: string | null = null) =>
      id ? editPage(c, id, form, preview) : newPage(c, form, preview)
    const values = await formFields(c)
    if (values._preview) {
      if (!can(viewer, { action: 'articles.edit' })) return c.notFound()
      return again({ values, errors: {} }, await service.previewHtml(viewer, values.body ?? ''))
    }
    const form = await readForm(c, articleForm)
    if (!form.ok) return again(form)
    const saved = await service.saveArticle(deps, viewer, id, form.data)
    if (!saved.ok) {
      const errors: Record<string, string> = {}
      for (const [field, key] of Object.entries(saved.errors))
        errors[field] = translateIssue(locale, { message: key } as never)
      return again({ values: form.values, errors })
    }
    return redirectWithNotice(c, `${base(locale)}/${saved.article.id}`, id ? 'saved' : 'created')
  }

  app.get('/:lang{(?:zh|en)}/console/articles/new', (c) => newPage(c))
  app.post('/:lang{(?:zh|en)}/console/articles', (c) => submit(c, null))
  // The live preview's fragment: the body as the page renders it (sanitised), nothing saved.
  app.post('/:lang{(?:zh|en)}/console/articles/preview', async (c) => {
    const values = await formFields(c)
    const html = await service.previewHtml(c.var.viewer, values.body ?? '')
    c.header('Cache-Control', 'private, no-store')
    return c.html(html)
  })
  // Only ids: other console pages under /console/articles (the import) keep their own addresses.
  const editPath = '/:lang{(?:zh|en)}/console/articles/:id{[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}}'
  app.get(editPath, (c) => {
    const id = c.req.param('id')
    if (!isUuid(id)) return c.notFound()
    return editPage(c, id)
  })
  app.post(editPath, (c) => {
    const id = c.req.param('id')
    if (!isUuid(id)) return c.notFound()
    return submit(c, id)
  })

  return app
}
