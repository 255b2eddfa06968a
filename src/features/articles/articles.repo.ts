// Every query of articles: the articles, their authors, revisions and links. People's, episodes',
// events' and chapters' tables are joined only to read the names and addresses pages show.
import { and, asc, desc, eq, inArray, lte, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { chapters } from '../chapters/chapters.schema.ts'
import { events } from '../events/events.schema.ts'
import { people } from '../people/people.schema.ts'
import { episodes, shows } from '../podcast/podcast.schema.ts'
import {
  type ArticleRevisionMeta,
  articleAuthors,
  articleLinks,
  articleRevisions,
  articles,
} from './articles.schema.ts'

export type Article = typeof articles.$inferSelect
export type NewArticle = typeof articles.$inferInsert
export type ArticleLanguage = Article['language']
export type ArticleStatus = Article['status']
export type ArticleRevision = typeof articleRevisions.$inferSelect
export type ArticleLinkKind = (typeof articleLinks.$inferSelect)['kind']

/** An author as written: a person in Hearth, or a name as the Markdown gave it. */
export type ArticleAuthorInput = { personId: string | null; name: string | null }
export type ArticleLinkInput = { kind: ArticleLinkKind; id: string }

/**
 * What an editor or an import gives for one article. `sourcePath` (the file it came from) is how a
 * re-import finds the article it made before.
 */
export type ArticleInput = {
  slug: string
  language: ArticleLanguage
  title: string
  summary?: string | null
  body: string
  status?: ArticleStatus
  publishedAt?: Date | null
  coverUrl?: string | null
  tags?: string[]
  keywords?: string[]
  originalUrl?: string | null
  translator?: string | null
  translatorId?: string | null
  canonicalToOriginal?: boolean
  sourcePath?: string | null
  /** Replaces the authors when given. */
  authors?: ArticleAuthorInput[]
  /** Replaces the related episodes, events and chapters when given. */
  links?: ArticleLinkInput[]
}

/** Where a revision came from: shown beside it in the console. */
export type RevisionSource = 'console' | 'import' | 'demo'

/** Readable by anyone: published or scheduled, and its date has come (no job flips a scheduled one). */
export const isPublic = (now: Date): SQL =>
  and(inArray(articles.status, ['published', 'scheduled']), lte(articles.publishedAt, now))!

export async function selectArticleById(db: Db, id: string) {
  const [row] = await db.select().from(articles).where(eq(articles.id, id))
  return row
}

export async function selectArticleBySlug(db: Db, slug: string) {
  const [row] = await db.select().from(articles).where(sql`lower(${articles.slug}) = lower(${slug})`)
  return row
}

export async function selectArticleBySourcePath(db: Db, sourcePath: string) {
  const [row] = await db.select().from(articles).where(eq(articles.sourcePath, sourcePath))
  return row
}

/** A new address for the article (the editor's; the caller checked it is free). */
export async function renameArticle(db: Db, id: string, slug: string) {
  await db.update(articles).set({ slug }).where(eq(articles.id, id))
}

/** Slugs in use that start with `base` (to number a new one past them). */
export async function selectArticleSlugsLike(db: Db, base: string) {
  const rows = await db
    .select({ slug: articles.slug })
    .from(articles)
    .where(sql`lower(${articles.slug}) like ${`${base.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`}`)
  return new Set(rows.map((r) => r.slug.toLowerCase()))
}

export async function selectArticleAuthorInputs(db: Db, articleId: string): Promise<ArticleAuthorInput[]> {
  return db
    .select({ personId: articleAuthors.personId, name: articleAuthors.name })
    .from(articleAuthors)
    .where(eq(articleAuthors.articleId, articleId))
    .orderBy(asc(articleAuthors.position))
}

export async function replaceArticleAuthors(db: Db, articleId: string, authors: ArticleAuthorInput[]) {
  await db.delete(articleAuthors).where(eq(articleAuthors.articleId, articleId))
  if (authors.length === 0) return
  await db
    .insert(articleAuthors)
    .values(authors.map((a, position) => ({ articleId, personId: a.personId, name: a.name, position })))
}

export async function replaceArticleLinks(db: Db, articleId: string, links: ArticleLinkInput[]) {
  await db.delete(articleLinks).where(eq(articleLinks.articleId, articleId))
  const seen = new Set<string>()
  const rows = links
    .filter((l) => !seen.has(`${l.kind}:${l.id}`) && seen.add(`${l.kind}:${l.id}`))
    .map((l, position) => ({
      articleId,
      kind: l.kind,
      episodeId: l.kind === 'episode' ? l.id : null,
      eventId: l.kind === 'event' ? l.id : null,
      chapterId: l.kind === 'chapter' ? l.id : null,
      position,
    }))
  if (rows.length > 0) await db.insert(articleLinks).values(rows)
}

export async function selectArticleLinkInputs(db: Db, articleId: string): Promise<ArticleLinkInput[]> {
  const rows = await db
    .select()
    .from(articleLinks)
    .where(eq(articleLinks.articleId, articleId))
    .orderBy(asc(articleLinks.position))
  return rows.map((r) => ({ kind: r.kind, id: (r.episodeId ?? r.eventId ?? r.chapterId)! }))
}

function revisionMeta(article: Article, authors: ArticleAuthorInput[]): ArticleRevisionMeta {
  return {
    summary: article.summary,
    status: article.status,
    publishedAt: article.publishedAt?.toISOString() ?? null,
    tags: article.tags,
    keywords: article.keywords,
    coverUrl: article.coverUrl,
    originalUrl: article.originalUrl,
    translator: article.translator,
    canonicalToOriginal: article.canonicalToOriginal,
    authors,
  }
}

/** Keeps the article as it now stands (after a creation or an edit). */
export async function insertArticleRevision(
  db: Db,
  article: Article,
  authors: ArticleAuthorInput[],
  source: RevisionSource,
  editedBy: string | null,
) {
  await db.insert(articleRevisions).values({
    articleId: article.id,
    title: article.title,
    body: article.body,
    meta: revisionMeta(article, authors),
    source,
    editedBy,
  })
}

/** Newest first, with the editor's name. */
export async function selectArticleRevisions(db: Db, articleId: string) {
  return db
    .select({
      id: articleRevisions.id,
      title: articleRevisions.title,
      body: articleRevisions.body,
      meta: articleRevisions.meta,
      source: articleRevisions.source,
      createdAt: articleRevisions.createdAt,
      editorHandle: people.handle,
      editorNameZh: people.nameZh,
      editorNameEn: people.nameEn,
    })
    .from(articleRevisions)
    .leftJoin(people, eq(people.id, articleRevisions.editedBy))
    .where(eq(articleRevisions.articleId, articleId))
    .orderBy(desc(articleRevisions.createdAt), desc(articleRevisions.id))
}

function columnsOf(input: ArticleInput): Omit<NewArticle, 'id'> {
  return {
    slug: input.slug,
    language: input.language,
    title: input.title,
    summary: input.summary ?? null,
    body: input.body,
    status: input.status ?? 'draft',
    publishedAt: input.publishedAt ?? null,
    coverUrl: input.coverUrl ?? null,
    tags: input.tags ?? [],
    keywords: input.keywords ?? [],
    originalUrl: input.originalUrl ?? null,
    translator: input.translator ?? null,
    translatorId: input.translatorId ?? null,
    canonicalToOriginal: input.canonicalToOriginal ?? false,
    sourcePath: input.sourcePath ?? null,
  }
}

const comparable = (a: Omit<NewArticle, 'id'>) =>
  JSON.stringify([
    a.slug,
    a.language,
    a.title,
    a.summary,
    a.body,
    a.status,
    a.publishedAt instanceof Date ? a.publishedAt.toISOString() : null,
    a.coverUrl,
    a.tags,
    a.keywords,
    a.originalUrl,
    a.translator,
    a.translatorId,
    a.canonicalToOriginal,
    a.sourcePath,
  ])

export type UpsertOutcome = 'created' | 'updated' | 'unchanged'

/**
 * Creates the article, or updates the one with the same `sourcePath` (first) or the same slug,
 * keeping a revision when anything changed; an import run twice reports `unchanged` the second
 * time. Runs in its own transaction (a savepoint inside the caller's), so pass only checked input.
 */
export async function upsertArticleBySlugOrSourcePath(
  db: Db,
  input: ArticleInput,
  options: { source: RevisionSource; editedBy?: string | null; createdBy?: string | null },
): Promise<{ article: Article; outcome: UpsertOutcome }> {
  return db.transaction(async (tx) => {
    const existing =
      (input.sourcePath ? await selectArticleBySourcePath(tx, input.sourcePath) : undefined) ??
      (await selectArticleBySlug(tx, input.slug))
    const columns = columnsOf(input)
    if (!existing) {
      const [article] = await tx
        .insert(articles)
        .values({ ...columns, createdBy: options.createdBy ?? options.editedBy ?? null })
        .returning()
      const authors = input.authors ?? []
      await replaceArticleAuthors(tx, article!.id, authors)
      if (input.links) await replaceArticleLinks(tx, article!.id, input.links)
      await insertArticleRevision(tx, article!, authors, options.source, options.editedBy ?? null)
      return { article: article!, outcome: 'created' as const }
    }
    // An import does not know the other version's group: keep the one the article has.
    const oldAuthors = await selectArticleAuthorInputs(tx, existing.id)
    const authors = input.authors ?? oldAuthors
    const same =
      comparable(columns) === comparable(existing) && JSON.stringify(authors) === JSON.stringify(oldAuthors)
    const sameLinks =
      !input.links ||
      JSON.stringify(input.links) === JSON.stringify(await selectArticleLinkInputs(tx, existing.id))
    if (same && sameLinks) return { article: existing, outcome: 'unchanged' as const }
    const [article] = await tx
      .update(articles)
      .set({ ...columns, sourcePath: columns.sourcePath ?? existing.sourcePath, updatedAt: new Date() })
      .where(eq(articles.id, existing.id))
      .returning()
    if (input.authors) await replaceArticleAuthors(tx, existing.id, input.authors)
    if (input.links) await replaceArticleLinks(tx, existing.id, input.links)
    await insertArticleRevision(tx, article!, authors, options.source, options.editedBy ?? null)
    return { article: article!, outcome: 'updated' as const }
  })
}

/**
 * Makes two articles versions of each other (the Chinese and the English one): the second joins
 * the first's translation group. Refused (returns false) when the group already has that language.
 */
export async function linkArticleTranslations(db: Db, articleId: string, otherId: string) {
  return db.transaction(async (tx) => {
    const a = await selectArticleById(tx, articleId)
    const b = await selectArticleById(tx, otherId)
    if (!a || !b || a.id === b.id || a.language === b.language) return false
    const [taken] = await tx
      .select({ id: articles.id })
      .from(articles)
      .where(and(eq(articles.translationGroup, a.translationGroup), eq(articles.language, b.language)))
    if (taken && taken.id !== b.id) return false
    await tx.update(articles).set({ translationGroup: a.translationGroup }).where(eq(articles.id, b.id))
    return true
  })
}

/** Takes an article out of its translation group (it gets one of its own). */
export async function unlinkArticleTranslation(db: Db, articleId: string) {
  await db
    .update(articles)
    .set({ translationGroup: sql`${articles.id}` })
    .where(eq(articles.id, articleId))
}

/** The versions of the article in the other language(s), whatever their status. */
export async function selectArticleVersions(db: Db, article: Article) {
  return db
    .select()
    .from(articles)
    .where(and(eq(articles.translationGroup, article.translationGroup), sql`${articles.id} <> ${article.id}`))
}

export type PublicArticleFilter = {
  /** Only articles in this language (a feed per language). */
  language?: ArticleLanguage
  /**
   * One article per translation group: the version in this language, else the other (a list page
   * in this language shows each piece once, in the reader's language when it has it).
   */
  prefer?: ArticleLanguage
  tag?: string
  now: Date
}

function publicWhere(f: PublicArticleFilter) {
  const parts: SQL[] = [isPublic(f.now)]
  if (f.language) parts.push(eq(articles.language, f.language))
  if (f.prefer)
    parts.push(
      sql`(${articles.language} = ${f.prefer} or not exists (select 1 from ${articles} v where v.translation_group = ${articles.translationGroup} and v.language = ${f.prefer} and v.status in ('published', 'scheduled') and v.published_at <= ${f.now.toISOString()}::timestamptz))`,
    )
  if (f.tag) parts.push(sql`${articles.tags} @> ${JSON.stringify([f.tag])}::jsonb`)
  return and(...parts)!
}

/** Public articles, newest first. */
export async function selectPublicArticles(
  db: Db,
  f: PublicArticleFilter & { limit: number; offset?: number },
) {
  return db
    .select()
    .from(articles)
    .where(publicWhere(f))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(f.limit)
    .offset(f.offset ?? 0)
}

export async function countPublicArticles(db: Db, f: PublicArticleFilter) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(articles).where(publicWhere(f))
  return row?.n ?? 0
}

/** The public article at this address, or nothing (drafts and future ones are not found). */
export async function selectPublicArticleBySlug(db: Db, slug: string, now: Date) {
  const [row] = await db
    .select()
    .from(articles)
    .where(and(sql`lower(${articles.slug}) = lower(${slug})`, isPublic(now)))
  return row
}

/** Every tag on a public article in the language, with how many carry it, most used first. */
export async function selectPublicTags(db: Db, f: { language?: ArticleLanguage; now: Date }) {
  const rows = await db.select({ tags: articles.tags }).from(articles).where(publicWhere(f))
  const counts = new Map<string, number>()
  for (const r of rows) for (const t of r.tags) counts.set(t, (counts.get(t) ?? 0) + 1)
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([tag, count]) => ({ tag, count }))
}

/** The newest publish or edit among public articles matching the filter (a feed's Last-Modified). */
export async function selectPublicArticlesChangedAt(db: Db, f: PublicArticleFilter) {
  const [row] = await db
    .select({
      at: sql<string | null>`max(greatest(${articles.updatedAt}, ${articles.publishedAt}))`,
      n: sql<number>`count(*)::int`,
    })
    .from(articles)
    .where(publicWhere(f))
  return { at: row?.at ? new Date(row.at) : null, count: row?.n ?? 0 }
}

export type ArticleAuthor = {
  articleId: string
  personId: string | null
  name: string | null
  handle: string | null
  nameZh: string | null
  nameEn: string | null
  avatarUrl: string | null
  /** The person's page is public (people.rules.ts isListed): only then is the name a link. */
  listed: boolean
}

/** The authors of these articles in credit order, with the person's names and handle when in Hearth. */
export async function selectAuthorsOf(db: Db, articleIds: string[]): Promise<ArticleAuthor[]> {
  if (articleIds.length === 0) return []
  return db
    .select({
      articleId: articleAuthors.articleId,
      personId: articleAuthors.personId,
      name: articleAuthors.name,
      handle: people.handle,
      nameZh: people.nameZh,
      nameEn: people.nameEn,
      avatarUrl: people.avatarUrl,
      listed: sql<boolean>`coalesce(${people.profilePublic} or ${people.publiclyCredited}, false)`,
    })
    .from(articleAuthors)
    .leftJoin(people, eq(people.id, articleAuthors.personId))
    .where(inArray(articleAuthors.articleId, articleIds))
    .orderBy(asc(articleAuthors.articleId), asc(articleAuthors.position))
}

/** The episodes, events and chapters the article is linked to, with what their pages need. */
export async function selectLinkedContent(db: Db, articleId: string) {
  return db
    .select({
      kind: articleLinks.kind,
      episodeSlug: episodes.slug,
      showSlug: shows.slug,
      episodeTitleZh: episodes.titleZh,
      episodeTitleEn: episodes.titleEn,
      eventSlug: events.slug,
      eventTitleZh: events.titleZh,
      eventTitleEn: events.titleEn,
      chapterSlug: chapters.slug,
      chapterCityZh: chapters.cityZh,
      chapterCityEn: chapters.cityEn,
    })
    .from(articleLinks)
    .leftJoin(episodes, eq(episodes.id, articleLinks.episodeId))
    .leftJoin(shows, eq(shows.id, episodes.showId))
    .leftJoin(events, eq(events.id, articleLinks.eventId))
    .leftJoin(chapters, eq(chapters.id, articleLinks.chapterId))
    .where(eq(articleLinks.articleId, articleId))
    .orderBy(asc(articleLinks.position))
}

/** Public articles linked to this episode, event or chapter, newest first. */
export async function selectPublicArticlesLinkedTo(db: Db, kind: ArticleLinkKind, id: string, now: Date) {
  const target =
    kind === 'episode'
      ? eq(articleLinks.episodeId, id)
      : kind === 'event'
        ? eq(articleLinks.eventId, id)
        : eq(articleLinks.chapterId, id)
  return db
    .select({
      id: articles.id,
      slug: articles.slug,
      language: articles.language,
      title: articles.title,
      summary: articles.summary,
      publishedAt: articles.publishedAt,
    })
    .from(articleLinks)
    .innerJoin(articles, eq(articles.id, articleLinks.articleId))
    .where(and(eq(articleLinks.kind, kind), target, isPublic(now)))
    .orderBy(desc(articles.publishedAt))
}

/** Every article for the console, newest change first, optionally only one status. */
export async function selectArticlesForConsole(
  db: Db,
  f: { status?: ArticleStatus; limit: number; offset: number },
) {
  return db
    .select()
    .from(articles)
    .where(f.status ? eq(articles.status, f.status) : undefined)
    .orderBy(desc(articles.updatedAt), desc(articles.id))
    .limit(f.limit)
    .offset(f.offset)
}

/** Articles of one language not yet paired with a version in `language` (the editor's choices). */
export async function selectTranslationCandidates(db: Db, language: ArticleLanguage) {
  return db
    .select({ id: articles.id, slug: articles.slug, title: articles.title })
    .from(articles)
    .where(
      and(
        eq(articles.language, language === 'zh' ? 'en' : 'zh'),
        sql`not exists (select 1 from ${articles} a2 where a2.translation_group = ${articles.translationGroup} and a2.language = ${language})`,
      ),
    )
    .orderBy(desc(articles.updatedAt))
    .limit(200)
}
