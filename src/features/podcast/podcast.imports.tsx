// Console: moving a show in from its feed. The form takes a URL or the feed's file; the import runs
// as a job, and its page shows a progress bar that refreshes itself (no script needed) until done.
import type { Context } from 'hono'
import { Hono } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import { InvalidInput } from '../../platform/errors.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { uuidParam } from '../../platform/http/edge-input.ts'
import { receiveUpload } from '../../platform/http/upload.ts'
import { fieldErrors, formatDate, parseIn, translateIssue } from '../../platform/i18n/index.ts'
import { CsrfField, Field, FileField, Notice } from '../../platform/views/layout.tsx'
import { textIn } from '../../platform/views/localized.tsx'
import { render } from '../../platform/views/page.tsx'
import { importOf, recentImports, requestImport, requestImportAgain } from './podcast.import.ts'
import { importInput } from './podcast.inputs.ts'
import { selectShowById } from './podcast.repo.ts'

type FormState = { values: Record<string, string>; errors: Record<string, string> }

const FEED_FILE_MAX = 50 * 1024 * 1024

export function podcastImportPages(deps: Deps) {
  const app = new Hono<AppEnv>()
  const base = (locale: string) => `/${locale}/console/podcast/imports`

  const importsPage = async (c: Context<AppEnv>, form?: FormState) => {
    const { t, locale, viewer } = c.var
    const ti = t.podcastImport
    const recent = await recentImports(deps, viewer)
    const v = (name: string) => form?.values[name]
    const e = (name: string) => form?.errors[name]
    return render(
      c,
      { title: ti.title, status: form ? 422 : 200 },
      <>
        <p>
          <a href={`/${locale}/console/podcast`}>{t.podcastConsole.title}</a>
        </p>
        <h1>{ti.title}</h1>
        <p>{ti.intro}</p>
        {form ? <Notice kind="error">{t.errors.invalid}</Notice> : null}
        <form method="post" action={`${base(locale)}/upload`} enctype="multipart/form-data" novalidate>
          <CsrfField c={c} />
          <Field
            name="sourceUrl"
            label={ti.sourceUrl}
            hint={ti.sourceUrlHint}
            type="url"
            value={v('sourceUrl')}
            error={e('sourceUrl')}
          />
          <Field name="slug" label={ti.slug} hint={ti.slugHint} value={v('slug')} error={e('slug')} />
          <Field
            name="hosts"
            label={t.podcastConsole.hosts}
            hint={t.podcastConsole.hostsHint}
            multiline
            value={v('hosts')}
            error={e('hosts')}
          />
          {/* Last: the upload is streamed, and the fields before the file are what arrives first. */}
          <FileField
            name="feedFile"
            label={ti.feedFile}
            hint={ti.feedFileHint}
            accept=".xml,.rss,application/rss+xml,application/xml,text/xml"
            optional
            error={e('feedXml')}
          />
          <button type="submit">{ti.start}</button>
        </form>
        <h2>{ti.recent}</h2>
        {recent.length ? (
          <ul class="timeline">
            {recent.map((r) => (
              <li>
                <a href={`${base(locale)}/${r.id}`}>{r.sourceUrl ?? ti.fromFile}</a>{' '}
                <span class="badge">{ti.statuses[r.status] ?? r.status}</span>{' '}
                <span class="muted">
                  {ti.counted(r.done, r.total)} · {formatDate(locale, r.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{ti.none}</p>
        )}
      </>,
    )
  }

  app.get('/:lang{(?:zh|en)}/console/podcast/imports', (c) => importsPage(c))
  app.post('/:lang{(?:zh|en)}/console/podcast/imports/upload', async (c) => {
    const { result: feedXml, fields } = await receiveUpload(c, 'feedFile', async (file) => {
      const chunks: Buffer[] = []
      let size = 0
      for await (const chunk of file.stream) {
        size += chunk.length
        if (size > FEED_FILE_MAX) {
          file.stream.resume()
          return { tooLarge: true as const }
        }
        chunks.push(chunk)
      }
      return Buffer.concat(chunks).toString('utf8')
    })
    const { _csrf: _, ...values } = fields
    if (typeof feedXml === 'object' && feedXml?.tooLarge)
      return importsPage(c, {
        values,
        errors: { feedXml: translateIssue(c.var.locale, { message: 'fileTooLarge' } as never) },
      })
    const parsed = parseIn(c.var.locale, importInput, { ...values, feedXml })
    if (!parsed.success) return importsPage(c, { values, errors: fieldErrors(c.var.locale, parsed.error) })
    try {
      const row = await requestImport(deps, c.var.viewer, parsed.data)
      await deps.jobs.nudge('podcast-import')
      return c.redirect(`${base(c.var.locale)}/${row.id}`, 303)
    } catch (e) {
      if (!(e instanceof InvalidInput)) throw e
      const issue = e.issues[0]!
      return importsPage(c, {
        values,
        errors: { [String(issue.path[0])]: translateIssue(c.var.locale, issue as never) },
      })
    }
  })

  app.get(`/:lang{(?:zh|en)}/console/podcast/imports/:id${uuidParam}`, async (c) => {
    const { t, locale, viewer } = c.var
    const ti = t.podcastImport
    const row = await importOf(deps, viewer, c.req.param('id'))
    const show = row.showId ? await selectShowById(deps.db, row.showId) : null
    const going = row.status === 'waiting' || row.status === 'running'
    return render(
      c,
      {
        title: ti.progressTitle,
        // Reloads itself while the import runs: the bar moves without any script.
        head: going ? <meta http-equiv="refresh" content="3" /> : undefined,
      },
      <>
        <p>
          <a href={base(locale)}>{ti.title}</a>
        </p>
        <h1>{ti.progressTitle}</h1>
        <p>{row.sourceUrl ?? ti.fromFile}</p>
        <p>
          <span class="badge">{ti.statuses[row.status] ?? row.status}</span>
        </p>
        <label for="import-progress">{ti.counted(row.done, row.total)}</label>
        <progress id="import-progress" max={Math.max(row.total, 1)} value={row.done}>
          {ti.counted(row.done, row.total)}
        </progress>
        {row.current ? <p aria-live="polite">{ti.current(row.current)}</p> : null}
        {row.failure ? <Notice kind="error">{ti.failures[row.failure] ?? row.failure}</Notice> : null}
        {show ? (
          <p>
            <a href={`/${locale}/console/podcast/${show.slug}`}>
              {ti.openShow(textIn(locale, show.titleZh, show.titleEn))}
            </a>
          </p>
        ) : null}
        {row.problems.length ? (
          <section aria-labelledby="problems-title">
            <h2 id="problems-title">{ti.problems}</h2>
            <ul>
              {row.problems.map((p) => (
                <li>
                  <strong>{p.item}</strong>:{' '}
                  {(t.validation as Record<string, string>)[p.problem] ?? p.problem}
                  {p.detail ? <span class="muted break"> ({p.detail})</span> : null}
                  {p.skipped ? <span class="badge">{ti.leftOut}</span> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {going ? null : (
          <form method="post" action={`${base(locale)}/${row.id}/again`}>
            <CsrfField c={c} />
            <p class="hint">{ti.againHint}</p>
            <button type="submit" class="secondary">
              {ti.again}
            </button>
          </form>
        )}
      </>,
    )
  })

  app.post(`/:lang{(?:zh|en)}/console/podcast/imports/:id${uuidParam}/again`, async (c) => {
    const row = await requestImportAgain(deps, c.var.viewer, c.req.param('id'))
    await deps.jobs.nudge('podcast-import')
    return c.redirect(`${base(c.var.locale)}/${row.id}`, 303)
  })

  return app
}
