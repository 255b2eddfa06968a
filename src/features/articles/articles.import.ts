// Importing a community's Markdown files as they are: each file is read by the rules, its authors
// matched to people, and it is created or updated through the articles repo (found again by the
// file's path, or by its slug), one short transaction per article with everything read before.
// The console's uploads queue here and a job runs them, writing how far it got for the page.
import type { Deps } from '../../platform/deps.ts'
import { DomainError, InvalidInput } from '../../platform/errors.ts'
import { type Actor, authorize } from '../access/index.ts'
import * as importRepo from './articles.import.repo.ts'
import {
  ARTICLE_FILE_MAX_BYTES,
  type ArticleLanguage,
  emptyReport,
  freeSlug,
  type ImportIssue,
  type ImportReport,
  importedStatus,
  matchAuthor,
  type ParsedArticle,
  parseArticleFile,
} from './articles.import.rules.ts'
import type { QueuedArticleFile } from './articles.import.schema.ts'
import { type Article, selectArticleSlugsLike, upsertArticleBySlugOrSourcePath } from './articles.repo.ts'

type Importing = Pick<Deps, 'db' | 'now' | 'config'>

/** A file to import: its path relative to what was imported (how a re-import finds it) and its text. */
export type ArticleFile = { path: string; content: string }
export type ArticleImportProgress = { done: number; total: number; file: string }

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * The text of a file as read from disk or a zip, or why it cannot be one: too large for a post,
 * or not UTF-8 (a GBK export would come out garbled, so it is refused rather than guessed).
 */
export function articleText(bytes: Uint8Array): { text: string } | { problem: 'fileTooLarge' | 'notUtf8' } {
  if (bytes.byteLength > ARTICLE_FILE_MAX_BYTES) return { problem: 'fileTooLarge' }
  try {
    return { text: utf8.decode(bytes) }
  } catch {
    return { problem: 'notUtf8' }
  }
}

/**
 * Imports the files and reports, by file and line, what was imported, updated, unchanged or
 * skipped and why. Running it again over the same files updates what changed and duplicates
 * nothing. The caller checks who may import (the console's service does; the CLI is the operator).
 */
export async function importArticles(
  deps: Importing,
  files: ArticleFile[],
  options: {
    requestedBy?: string | null
    language?: ArticleLanguage
    /** Where the posts were published (http(s)): relative images are read from there. */
    assetBase?: string | null
    onProgress?: (p: ArticleImportProgress) => void | Promise<void>
  } = {},
): Promise<ImportReport> {
  const report = emptyReport()
  const now = deps.now()
  const parsed: ParsedArticle[] = []
  const seen = new Set<string>()
  for (const file of files) {
    // Two uploaded files of one name (from two folders) would be one article: the second is refused.
    if (seen.has(file.path)) {
      report.skipped.push({ file: file.path, line: null, problem: 'pathTwice' })
      continue
    }
    seen.add(file.path)
    if (Buffer.byteLength(file.content) > ARTICLE_FILE_MAX_BYTES) {
      report.skipped.push({ file: file.path, line: null, problem: 'fileTooLarge' })
      continue
    }
    const outcome = parseArticleFile(file.path, file.content, {
      timeZone: deps.config.timeZone,
      ...(options.language ? { language: options.language } : {}),
      ...(options.assetBase ? { assetBase: options.assetBase } : {}),
    })
    report.warnings.push(...outcome.warnings)
    if (outcome.ok) parsed.push(outcome.article)
    else report.skipped.push(outcome.skipped)
  }

  // Everyone the files name, looked up once.
  const names = parsed.flatMap((a) => [...a.authors, ...(a.translator ? [a.translator] : [])])
  const known = await importRepo.selectPeopleNamed(
    deps.db,
    names.map((n) => n.replace(/^@/, '')),
  )

  const paths = new Set(parsed.map((a) => a.sourcePath))
  const found = await importRepo.selectArticlesForImport(
    deps.db,
    [...paths],
    parsed.map((a) => a.slug),
  )
  const bySource = new Map(found.flatMap((a) => (a.sourcePath ? [[a.sourcePath, a] as const] : [])))
  const bySlug = new Map(found.map((a) => [a.slug.toLowerCase(), a] as const))
  const slugsThisRun = new Set<string>()
  let done = files.length - parsed.length
  for (const article of parsed) {
    const existing = bySource.get(article.sourcePath) ?? sameSlugElsewhere(bySlug, article, paths)
    // A re-import keeps the address the article has: links to it keep working when a title changes.
    let slug = existing?.slug ?? article.slug
    if (!existing && (slugsThisRun.has(slug.toLowerCase()) || bySlug.has(slug.toLowerCase()))) {
      const taken = await selectArticleSlugsLike(deps.db, slug)
      for (const s of slugsThisRun) taken.add(s)
      slug = freeSlug(slug, taken)
    }
    slugsThisRun.add(slug.toLowerCase())
    const { status, publishedAt } = importedStatus(article, existing ?? null, now)
    const { outcome } = await upsertArticleBySlugOrSourcePath(
      deps.db,
      {
        slug,
        language: article.language,
        title: article.title,
        summary: article.summary,
        body: article.body,
        status,
        publishedAt,
        coverUrl: article.coverUrl,
        tags: article.tags,
        keywords: article.keywords,
        originalUrl: article.originalUrl,
        translator: article.translator,
        translatorId: article.translator ? matchAuthor(article.translator, known) : null,
        canonicalToOriginal: existing?.canonicalToOriginal ?? false,
        sourcePath: article.sourcePath,
        authors: article.authors.map((name) => {
          const personId = matchAuthor(name, known)
          return { personId, name: personId ? null : name }
        }),
      },
      { source: 'import', editedBy: options.requestedBy ?? null, createdBy: options.requestedBy ?? null },
    )
    const line = { file: article.sourcePath, slug, title: article.title, language: article.language }
    if (outcome === 'created') report.imported.push(line)
    else if (outcome === 'updated') report.updated.push(line)
    else report.unchanged.push(line)
    done++
    await options.onProgress?.({ done, total: files.length, file: article.sourcePath })
  }
  return report
}

/**
 * The article a file updates when none came from its path: the one with its slug, unless that one
 * came from another file of this same import (two files, two articles: the second gets a new slug).
 * One from a path not in this import is taken as the same article moved within the folder.
 */
function sameSlugElsewhere(bySlug: Map<string, Article>, article: ParsedArticle, paths: Set<string>) {
  const found = bySlug.get(article.slug.toLowerCase())
  if (!found) return undefined
  if (found.sourcePath && found.sourcePath !== article.sourcePath && paths.has(found.sourcePath))
    return undefined
  return found
}

/** A job run imports for at most this long; an import longer than that goes on in the next run. */
const LEASE_MS = 2 * 60_000
const RUN_BUDGET_MS = 4 * 60_000
/** The page reads progress from the row: written at most this often. */
const PROGRESS_EVERY_MS = 500

/** Queues an upload for the job; people who edit articles only. */
export async function queueArticleImport(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  files: QueuedArticleFile[],
  label: string,
  /** Files the upload held that cannot be imported (not Markdown, too large): reported with the rest. */
  skipped: ImportIssue[] = [],
  assetBase: string | null = null,
) {
  authorize(actor, { action: 'articles.edit' })
  if (files.length === 0 && skipped.length === 0)
    throw new InvalidInput([{ code: 'custom', path: ['files'], message: 'noMarkdownFiles', input: null }])
  return importRepo.insertArticleImport(deps.db, {
    requestedBy: actor!.personId,
    files,
    label: label.slice(0, 200),
    assetBase,
    report: { ...emptyReport(), skipped },
    createdAt: deps.now(),
  })
}

export async function articleImportOf(deps: Pick<Deps, 'db'>, actor: Actor, id: string) {
  authorize(actor, { action: 'articles.edit' })
  const row = await importRepo.selectArticleImport(deps.db, id)
  if (!row) throw new DomainError('notFoundRecord')
  return row
}

export async function recentArticleImports(deps: Pick<Deps, 'db'>, actor: Actor) {
  authorize(actor, { action: 'articles.edit' })
  return importRepo.selectRecentArticleImports(deps.db, 10)
}

/** The job: runs waiting imports one after the other until its time is up. */
export async function runWaitingArticleImports(deps: Importing, budgetMs = RUN_BUDGET_MS) {
  const until = performance.now() + budgetMs
  while (performance.now() < until) {
    const row = await importRepo.leaseArticleImport(deps.db, deps.now(), LEASE_MS)
    if (!row) return
    await runArticleImport(deps, row)
  }
}

/**
 * Runs one leased import to its end. A worker killed halfway leaves the lease to run out; the next
 * run imports the files again, which finds what was already written unchanged.
 */
export async function runArticleImport(deps: Importing, row: importRepo.ArticleImport) {
  let last = 0
  try {
    const report = await importArticles(deps, row.files, {
      requestedBy: row.requestedBy,
      assetBase: row.assetBase,
      onProgress: async (p) => {
        const t = performance.now()
        if (t - last < PROGRESS_EVERY_MS) return
        last = t
        await importRepo.updateArticleImportProgress(
          deps.db,
          row.id,
          p.done + (row.report?.skipped.length ?? 0),
          new Date(deps.now().getTime() + LEASE_MS),
        )
      },
    })
    report.skipped.unshift(...(row.report?.skipped ?? []))
    await importRepo.finishArticleImport(deps.db, row.id, {
      status: 'finished',
      report,
      failure: null,
      at: deps.now(),
    })
  } catch (e) {
    await importRepo.finishArticleImport(deps.db, row.id, {
      status: 'failed',
      report: null,
      failure: 'importFailed',
      at: deps.now(),
    })
    throw e
  }
}
