// Articles: what readers see (lists, the article, feeds, the sections on episode, event and chapter
// pages) and what editors do in the console. Every read for readers filters by status and date, so
// a scheduled article appears at its moment without a job; every write is authorised here.
import { and, eq, sql } from 'drizzle-orm'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import { type Actor, authorize } from '../access/index.ts'
import { chapters } from '../chapters/chapters.schema.ts'
import { events } from '../events/events.schema.ts'
import { people } from '../people/people.schema.ts'
import { episodes, shows } from '../podcast/podcast.schema.ts'
import type { ArticleForm } from './articles.inputs.ts'
import { articleHtml } from './articles.markdown.ts'
import * as repo from './articles.repo.ts'
import { freeSlug, isVisible, linkTargetOf, parseAuthorLine, slugFromTitle } from './articles.rules.ts'
import { articles } from './articles.schema.ts'

type Reading = Pick<Deps, 'db' | 'now'>
export const PAGE_SIZE = 12

export type ArticleCardRow = repo.Article & { authors: repo.ArticleAuthor[] }

async function withAuthors(db: Deps['db'], rows: repo.Article[]): Promise<ArticleCardRow[]> {
  const authors = await repo.selectAuthorsOf(
    db,
    rows.map((r) => r.id),
  )
  return rows.map((r) => ({ ...r, authors: authors.filter((a) => a.articleId === r.id) }))
}

/** A list page: one card per article (in the reader's language when it has that version), newest first. */
export async function publicArticleList(
  deps: Reading,
  options: { locale: repo.ArticleLanguage; tag?: string; page: number },
) {
  const now = deps.now()
  const filter = { prefer: options.locale, tag: options.tag, now }
  const total = await repo.countPublicArticles(deps.db, filter)
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const page = Math.min(Math.max(1, options.page), pages)
  const rows = await repo.selectPublicArticles(deps.db, {
    ...filter,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  })
  const tags = await repo.selectPublicTags(deps.db, { now })
  return {
    articles: await withAuthors(deps.db, rows),
    total,
    page,
    pages,
    tags,
    nextChange: await nextScheduled(deps),
  }
}

/**
 * When the next scheduled article appears (a page listing articles may be kept by the page cache
 * only until then, since its appearance moves nothing in the database), or null.
 */
export async function nextScheduled(deps: Reading): Promise<Date | null> {
  const [row] = await deps.db
    .select({ at: sql<string | null>`min(${articles.publishedAt})` })
    .from(articles)
    .where(
      and(
        sql`${articles.status} in ('published', 'scheduled')`,
        sql`${articles.publishedAt} > ${deps.now().toISOString()}::timestamptz`,
      ),
    )
  return row?.at ? new Date(row.at) : null
}

/** The article page: the article, its authors, its other-language version, related pages and body. */
export async function publicArticle(deps: Reading, slug: string) {
  const now = deps.now()
  const article = await repo.selectPublicArticleBySlug(deps.db, slug, now)
  if (!article) throw new DomainError('notFoundRecord')
  const [authors, versions, links] = await Promise.all([
    repo.selectAuthorsOf(deps.db, [article.id]),
    repo.selectArticleVersions(deps.db, article),
    repo.selectLinkedContent(deps.db, article.id),
  ])
  return {
    article,
    authors,
    versions: versions.filter((v) => isVisible(v, now)),
    links,
    html: await articleHtml(article.body),
  }
}

/** What a feed carries: public articles (all, one language, one tag), newest first, with their HTML. */
export async function feedArticles(
  deps: Reading,
  filter: { language?: repo.ArticleLanguage; tag?: string },
  base: string,
  limit = 50,
) {
  const now = deps.now()
  const rows = await repo.selectPublicArticles(deps.db, { ...filter, now, limit })
  const cards = await withAuthors(deps.db, rows)
  const out = []
  for (const a of cards) out.push({ ...a, html: await articleHtml(a.body, { base, players: false }) })
  const changed = await repo.selectPublicArticlesChangedAt(deps.db, { ...filter, now })
  return { articles: out, changedAt: changed.at, nextChange: await nextScheduled(deps) }
}

/** Public articles linked to an episode, an event or a chapter (their pages' "Articles" section). */
export const articlesLinkedTo = (deps: Reading, kind: repo.ArticleLinkKind, id: string) =>
  repo.selectPublicArticlesLinkedTo(deps.db, kind, id, deps.now())

// ——— The console ———

export async function consoleArticles(
  deps: Reading,
  actor: Actor,
  options: { status?: repo.ArticleStatus; page: number },
) {
  authorize(actor, { action: 'articles.edit' })
  const limit = 50
  const rows = await repo.selectArticlesForConsole(deps.db, {
    status: options.status,
    limit: limit + 1,
    offset: (Math.max(1, options.page) - 1) * limit,
  })
  return { articles: rows.slice(0, limit), more: rows.length > limit }
}

/** What the editor shows for an article: its fields as the form writes them, revisions, choices. */
export async function articleToEdit(deps: Reading, actor: Actor, id: string) {
  authorize(actor, { action: 'articles.edit' })
  const article = await repo.selectArticleById(deps.db, id)
  if (!article) throw new DomainError('notFoundRecord')
  const [authors, links, revisions, versions, candidates] = await Promise.all([
    repo.selectAuthorsOf(deps.db, [id]),
    repo.selectLinkedContent(deps.db, id),
    repo.selectArticleRevisions(deps.db, id),
    repo.selectArticleVersions(deps.db, article),
    repo.selectTranslationCandidates(deps.db, article.language),
  ])
  return { article, authors, links, revisions, versions, candidates }
}

export const translationCandidates = (deps: Reading, actor: Actor, language: repo.ArticleLanguage) => {
  authorize(actor, { action: 'articles.edit' })
  return repo.selectTranslationCandidates(deps.db, language)
}

export type SaveResult = { ok: true; article: repo.Article } | { ok: false; errors: Record<string, string> }

/** Site addresses typed into the form, as the episodes, events and chapters they are; null: unknown. */
export async function resolveLinks(db: Deps['db'], lines: string[]): Promise<repo.ArticleLinkInput[] | null> {
  const out: repo.ArticleLinkInput[] = []
  for (const line of lines) {
    const target = linkTargetOf(line)
    if (!target) return null
    let id: string | undefined
    if (target.kind === 'episode') {
      const [row] = await db
        .select({ id: episodes.id })
        .from(episodes)
        .innerJoin(shows, eq(shows.id, episodes.showId))
        .where(and(sql`lower(${shows.slug}) = lower(${target.show})`, eq(episodes.slug, target.episode)))
      id = row?.id
    } else if (target.kind === 'event') {
      const [row] = await db
        .select({ id: events.id })
        .from(events)
        .where(sql`lower(${events.slug}) = lower(${target.event})`)
      id = row?.id
    } else {
      const [row] = await db
        .select({ id: chapters.id })
        .from(chapters)
        .where(sql`lower(${chapters.slug}) = lower(${target.chapter})`)
      id = row?.id
    }
    if (!id) return null
    out.push({ kind: target.kind, id })
  }
  return out
}

/** Author lines as people (by handle) or names; null when a handle names nobody. */
export async function resolveAuthors(
  db: Deps['db'],
  lines: string[],
): Promise<repo.ArticleAuthorInput[] | null> {
  const out: repo.ArticleAuthorInput[] = []
  for (const line of lines) {
    const parsed = parseAuthorLine(line)
    if (!parsed) continue
    if ('name' in parsed) {
      out.push({ personId: null, name: parsed.name })
      continue
    }
    const [person] = await db
      .select({ id: people.id })
      .from(people)
      .where(sql`lower(${people.handle}) = lower(${parsed.handle})`)
    if (!person) return null
    out.push({ personId: person.id, name: null })
  }
  return out
}

/**
 * Creates (`id` null) or updates an article from the editor's form, keeping a revision. Refusals
 * come back by field (the form shows them where they belong) and change nothing.
 */
export async function saveArticle(
  deps: Reading,
  actor: Actor,
  id: string | null,
  form: ArticleForm,
): Promise<SaveResult> {
  authorize(actor, { action: 'articles.edit' })
  const existing = id ? await repo.selectArticleById(deps.db, id) : undefined
  if (id && !existing) throw new DomainError('notFoundRecord')
  const errors: Record<string, string> = {}
  let slug = form.slug ?? existing?.slug
  if (!slug) {
    const base = slugFromTitle(form.title) ?? `article-${deps.now().toISOString().slice(0, 10)}`
    slug = freeSlug(base, await repo.selectArticleSlugsLike(deps.db, base))
  }
  const holder = await repo.selectArticleBySlug(deps.db, slug)
  if (holder && holder.id !== existing?.id) errors.slug = 'articleSlugTaken'
  const authors = await resolveAuthors(deps.db, form.authors)
  if (!authors) errors.authors = 'articleAuthorUnknown'
  const links = await resolveLinks(deps.db, form.links)
  if (!links) errors.links = 'articleLinkUnknown'
  if (form.translationOf) {
    const other = await repo.selectArticleById(deps.db, form.translationOf)
    const taken = other
      ? (await repo.selectArticleVersions(deps.db, other)).some(
          (v) => v.language === form.language && v.id !== existing?.id,
        )
      : true
    if (!other || other.language === form.language || taken) errors.translationOf = 'articleTranslationTaken'
  }
  if (Object.keys(errors).length > 0 || !authors || !links) return { ok: false, errors }
  // Publishing without a date publishes now.
  const publishedAt =
    form.publishedAt ?? (form.status === 'published' ? deps.now() : (existing?.publishedAt ?? null))
  const input: repo.ArticleInput = {
    slug,
    language: form.language,
    title: form.title,
    summary: form.summary,
    body: form.body,
    status: form.status,
    publishedAt,
    coverUrl: form.coverUrl,
    tags: form.tags,
    keywords: form.keywords,
    originalUrl: form.originalUrl,
    translator: form.translator,
    translatorId: existing?.translatorId ?? null,
    canonicalToOriginal: form.canonicalToOriginal,
    sourcePath: existing?.sourcePath ?? null,
    authors,
    links,
  }
  const { article } = existing
    ? await updateById(deps, existing, input, actor!.personId)
    : await repo.upsertArticleBySlugOrSourcePath(deps.db, input, {
        source: 'console',
        editedBy: actor!.personId,
      })
  if (form.translationOf) await repo.linkArticleTranslations(deps.db, form.translationOf, article.id)
  else if (
    existing &&
    (await repo.selectArticleVersions(deps.db, existing)).length > 0 &&
    form.translationOf === undefined
  )
    await repo.unlinkArticleTranslation(deps.db, article.id)
  return { ok: true, article }
}

/** An edit in the console: found by id (its slug may change), a revision when anything changed. */
async function updateById(deps: Reading, existing: repo.Article, input: repo.ArticleInput, editedBy: string) {
  // The upsert matches by source path first, else slug: pin it to this row through its current slug.
  if (!existing.sourcePath && existing.slug !== input.slug)
    await repo.renameArticle(deps.db, existing.id, input.slug)
  return repo.upsertArticleBySlugOrSourcePath(deps.db, input, { source: 'console', editedBy })
}

/** The body as the article page would show it (the editor's preview). */
export async function previewHtml(actor: Actor, markdown: string) {
  authorize(actor, { action: 'articles.edit' })
  return articleHtml(markdown)
}
