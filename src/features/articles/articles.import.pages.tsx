// Console: importing Markdown posts uploaded as several files or one zip. The upload is read as it
// streams in, under a size cap checked before and while reading; the import itself runs as a job,
// and its page shows a progress bar a tiny script keeps moving (without script: a refresh link),
// then the report by file and line.
import type { Context } from 'hono'
import { Hono } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import { InvalidInput } from '../../platform/errors.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { uuidParam } from '../../platform/http/edge-input.ts'
import { receiveUploads, type UploadedFile } from '../../platform/http/upload.ts'
import { isHttpUrl } from '../../platform/http/url.ts'
import { formatDate, messagesFor, translateIssue } from '../../platform/i18n/index.ts'
import { assetUrl } from '../../platform/views/assets.ts'
import { Badge, FileDrop, StatTile, type Tone } from '../../platform/views/components.tsx'
import { CsrfField, Field, Notice } from '../../platform/views/layout.tsx'
import { render } from '../../platform/views/page.tsx'
import {
  ARTICLE_FILE_MAX_BYTES,
  type ImportIssue,
  type ImportReport,
  markdownFile,
} from './articles.import.rules.ts'
import type { QueuedArticleFile } from './articles.import.schema.ts'
import { articleImportOf, articleText, queueArticleImport, recentArticleImports } from './articles.import.ts'
import { filesFromZip, ZIP_LIMITS, ZipRefused } from './articles.import.zip.ts'

/**
 * The most one upload may carry. The files wait in one database row until the job imports them,
 * so this stays small enough for a 1 GB machine; a larger folder is imported with the CLI.
 */
export const UPLOAD_MAX_BYTES = 25 * 1024 * 1024
/** Files in one form post; more go in a zip. */
export const UPLOAD_MAX_FILES = 500

const MB = UPLOAD_MAX_BYTES / 1024 / 1024
/** The import's words in the page's language (the console's article list links here with them). */
export const importDictionary = (locale: 'zh' | 'en') => messagesFor(locale).articleImport
const dictionary = importDictionary
const tones: Record<string, Tone> = {
  waiting: 'neutral',
  running: 'accent',
  finished: 'success',
  failed: 'danger',
}

class UploadTooLarge extends Error {}

/** Reads a file's bytes as they arrive; past `max` it drains the rest and says so. */
async function bytesOf(file: UploadedFile, max: number, budget: { left: number }) {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of file.stream as AsyncIterable<Buffer>) {
    size += chunk.length
    budget.left -= chunk.length
    if (budget.left < 0) {
      file.stream.resume()
      throw new UploadTooLarge()
    }
    if (size > max) {
      file.stream.resume()
      return null
    }
    chunks.push(chunk)
  }
  return new Uint8Array(Buffer.concat(chunks))
}

type Received = { name: string; files: QueuedArticleFile[]; skipped: ImportIssue[]; refused?: string }

export function articleImportPages(deps: Deps) {
  const app = new Hono<AppEnv>()
  const base = (locale: string) => `/${locale}/console/articles/import`

  const uploadPage = async (
    c: Context<AppEnv>,
    error?: { message: string; status: 413 | 422; field?: 'assetBase' },
    values: Record<string, string> = {},
  ) => {
    const { locale, viewer } = c.var
    const ti = dictionary(locale)
    const recent = await recentArticleImports(deps, viewer)
    return render(
      c,
      { title: ti.title, status: error?.status ?? 200 },
      <>
        <p>
          <a href={`/${locale}/console/articles`}>{ti.back}</a>
        </p>
        <h1>{ti.title}</h1>
        <p class="lead">{ti.lead}</p>
        {error ? <Notice kind="error">{error.message}</Notice> : null}
        <form method="post" action={`${base(locale)}/upload`} enctype="multipart/form-data" novalidate>
          <CsrfField c={c} />
          <FileDrop
            name="files"
            label={ti.files}
            hint={ti.filesHint(MB)}
            accept=".md,.markdown,.zip,text/markdown,application/zip"
            multiple
            dropText={ti.dropText}
            error={error && !error.field ? error.message : undefined}
          />
          {/* Read once the whole form has arrived, so it may follow the files. */}
          <Field
            name="assetBase"
            label={ti.assetBase}
            hint={ti.assetBaseHint}
            type="url"
            inputmode="url"
            value={values.assetBase}
            error={error?.field === 'assetBase' ? error.message : undefined}
          />
          <button type="submit">{ti.start}</button>
        </form>
        <h2>{ti.recent}</h2>
        {recent.length ? (
          <ul class="timeline">
            {recent.map((r) => (
              <li>
                <a href={`${base(locale)}/${r.id}`}>{r.label || ti.title}</a>{' '}
                <Badge tone={tones[r.status] ?? 'neutral'}>{ti.statuses[r.status] ?? r.status}</Badge>{' '}
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

  app.get('/:lang{(?:zh|en)}/console/articles/import', (c) => uploadPage(c))

  app.post('/:lang{(?:zh|en)}/console/articles/import/upload', async (c) => {
    const ti = dictionary(c.var.locale)
    // Refused before a byte of the body is read when it says it is too large.
    const declared = Number(c.req.header('content-length') ?? 0)
    if (declared > UPLOAD_MAX_BYTES + 64 * 1024) {
      c.header('Connection', 'close')
      return uploadPage(c, { message: ti.errors.tooLarge(MB), status: 413 })
    }
    const budget = { left: UPLOAD_MAX_BYTES }
    let received: Awaited<ReturnType<typeof receiveUploads<Received>>>
    try {
      received = await receiveUploads(c, 'files', UPLOAD_MAX_FILES, async (file): Promise<Received> => {
        const name = file.filename.split(/[\\/]/).pop() ?? file.filename
        if (/\.zip$/i.test(name)) {
          const bytes = await bytesOf(file, UPLOAD_MAX_BYTES, budget)
          if (!bytes) throw new UploadTooLarge()
          try {
            const zip = filesFromZip(bytes, { ...ZIP_LIMITS, maxTotalBytes: UPLOAD_MAX_BYTES })
            return zip.files.length || zip.skipped.length
              ? { name, ...zip }
              : { name, files: [], skipped: [], refused: ti.errors.noMarkdownInZip }
          } catch (e) {
            if (!(e instanceof ZipRefused)) throw e
            const message =
              e.reason === 'zipPathRefused' ? ti.errors.zipPathRefused(e.entry ?? '') : ti.errors[e.reason]
            return { name, files: [], skipped: [], refused: message }
          }
        }
        if (!markdownFile.test(name)) {
          file.stream.resume()
          return { name, files: [], skipped: [{ file: name, line: null, problem: 'notMarkdown' }] }
        }
        const bytes = await bytesOf(file, ARTICLE_FILE_MAX_BYTES, budget)
        if (!bytes) return { name, files: [], skipped: [{ file: name, line: null, problem: 'fileTooLarge' }] }
        const read = articleText(bytes)
        return 'text' in read
          ? { name, files: [{ path: name, content: read.text }], skipped: [] }
          : { name, files: [], skipped: [{ file: name, line: null, problem: read.problem }] }
      })
    } catch (e) {
      if (!(e instanceof UploadTooLarge)) throw e
      c.header('Connection', 'close')
      return uploadPage(c, { message: ti.errors.tooLarge(MB), status: 413 })
    }
    const { _csrf: _, ...values } = received.fields
    const assetBase = (values.assetBase ?? '').trim() || null
    if (assetBase && !isHttpUrl(assetBase))
      return uploadPage(
        c,
        {
          message: translateIssue(c.var.locale, { message: 'url' } as never),
          status: 422,
          field: 'assetBase',
        },
        values,
      )
    if (received.tooMany)
      return uploadPage(c, { message: ti.errors.tooMany(UPLOAD_MAX_FILES), status: 422 }, values)
    const refused = received.results.find((r) => r.refused)?.refused
    if (refused) return uploadPage(c, { message: refused, status: 422 }, values)
    const files = received.results.flatMap((r) => r.files)
    const skipped = received.results.flatMap((r) => r.skipped)
    if (files.length === 0 && skipped.length === 0)
      return uploadPage(c, { message: ti.errors.noFiles, status: 422 }, values)
    const names = received.results.map((r) => r.name)
    const label = `${names.slice(0, 3).join(', ')}${names.length > 3 ? ` … (${names.length})` : ''}`
    try {
      const row = await queueArticleImport(deps, c.var.viewer, files, label, skipped, assetBase)
      await deps.jobs.nudge('article-import')
      return c.redirect(`${base(c.var.locale)}/${row.id}`, 303)
    } catch (e) {
      if (!(e instanceof InvalidInput)) throw e
      return uploadPage(c, { message: ti.errors.noFiles, status: 422 })
    }
  })

  app.get(`/:lang{(?:zh|en)}/console/articles/import/:id${uuidParam}/progress`, async (c) => {
    const row = await articleImportOf(deps, c.var.viewer, c.req.param('id'))
    c.header('Cache-Control', 'private, no-store')
    return c.json({ status: row.status, done: row.done, total: row.total })
  })

  app.get(`/:lang{(?:zh|en)}/console/articles/import/:id${uuidParam}`, async (c) => {
    const { locale, viewer } = c.var
    const ti = dictionary(locale)
    const row = await articleImportOf(deps, viewer, c.req.param('id'))
    const going = row.status === 'waiting' || row.status === 'running'
    const here = `${base(locale)}/${row.id}`
    return render(
      c,
      { title: going ? ti.progressTitle : ti.reportTitle },
      <>
        <p>
          <a href={base(locale)}>{ti.title}</a>
        </p>
        <h1>{going ? ti.progressTitle : ti.reportTitle}</h1>
        <p>
          {row.label ? <span>{row.label} </span> : null}
          <Badge tone={tones[row.status] ?? 'neutral'}>{ti.statuses[row.status] ?? row.status}</Badge>
        </p>
        {going ? (
          <div data-import-progress={`${here}/progress`}>
            <label for="import-progress">{ti.progressLabel}</label>
            <progress
              id="import-progress"
              class="door-progress"
              max={Math.max(row.total, 1)}
              value={row.done}
            >
              {ti.counted(row.done, row.total)}
            </progress>
            <p class="door-progress-text" aria-live="polite" data-import-count>
              {ti.counted(row.done, row.total)}
            </p>
            <p>
              <a href={here}>{ti.refresh}</a>
            </p>
            <script type="module" src={assetUrl('article-import.js')} />
          </div>
        ) : null}
        {row.failure ? <Notice kind="error">{ti.failures[row.failure] ?? row.failure}</Notice> : null}
        {row.report && !going ? <ImportReportView report={row.report} locale={locale} /> : null}
        {going ? null : (
          <p>
            <a class="button" href={base(locale)}>
              {ti.more}
            </a>
          </p>
        )}
      </>,
    )
  })

  return app
}

/** Each file with its line and the reason: a list that reads on a phone as well as on a desk. */
function IssueList({ issues, locale }: { issues: ImportIssue[]; locale: 'zh' | 'en' }) {
  const ti = dictionary(locale)
  return (
    <ul class="timeline">
      {issues.map((i) => (
        <li>
          <strong class="break">{i.file}</strong>
          {i.line ? <span class="muted"> · {ti.lineNo(i.line)}</span> : null}
          <br />
          {ti.problems[i.problem] ?? i.problem}
          {i.detail ? <span class="muted break"> ({i.detail})</span> : null}
        </li>
      ))}
    </ul>
  )
}

export function ImportReportView({ report, locale }: { report: ImportReport; locale: 'zh' | 'en' }) {
  const ti = dictionary(locale)
  const done = [
    { title: ti.imported, lines: report.imported, id: 'imported' },
    { title: ti.updated, lines: report.updated, id: 'updated' },
    { title: ti.unchanged, lines: report.unchanged, id: 'unchanged' },
  ]
  const tiles = [
    { value: report.imported.length, label: ti.imported, href: '#imported-title' },
    { value: report.updated.length, label: ti.updated, href: '#updated-title' },
    { value: report.unchanged.length, label: ti.unchanged, href: '#unchanged-title' },
    { value: report.skipped.length, label: ti.skipped, href: '#skipped-title' },
  ]
  return (
    <>
      <ul class="stat-tiles">
        {tiles.map((tile) => (
          <li>
            <StatTile value={tile.value} label={tile.label} href={tile.value ? tile.href : undefined} />
          </li>
        ))}
      </ul>
      {report.skipped.length ? (
        <section aria-labelledby="skipped-title">
          <h2 id="skipped-title">{ti.skipped}</h2>
          <p class="hint">{ti.skippedHint}</p>
          <IssueList issues={report.skipped} locale={locale} />
        </section>
      ) : null}
      {report.warnings.length ? (
        <section aria-labelledby="warnings-title">
          <h2 id="warnings-title">{ti.warnings}</h2>
          <IssueList issues={report.warnings} locale={locale} />
        </section>
      ) : null}
      {done.map((part) =>
        part.lines.length ? (
          <section aria-labelledby={`${part.id}-title`}>
            <h2 id={`${part.id}-title`}>{part.title}</h2>
            <ul class="timeline">
              {part.lines.map((l) => (
                <li>
                  <a href={`/${l.language}/articles/${l.slug}`} lang={l.language}>
                    {l.title}
                  </a>
                  <br />
                  <span class="muted break">{l.file}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null,
      )}
    </>
  )
}
