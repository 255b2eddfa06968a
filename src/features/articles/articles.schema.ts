import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { at, createdAt, id } from '../../platform/db/columns.ts'
import { v7 as uuidv7 } from '../../platform/ids.ts'
import type { StoredPicture } from '../../platform/media/pictures.ts'
import { chapters } from '../chapters/chapters.schema.ts'
import { events } from '../events/events.schema.ts'
import { people } from '../people/people.schema.ts'
import { episodes } from '../podcast/podcast.schema.ts'

export const articleLanguage = pgEnum('article_language', ['zh', 'en'])
/**
 * draft and unpublished are never public; scheduled becomes public when `publishedAt` passes
 * (every read filters by the date, so no job has to flip it); published is public from
 * `publishedAt` on.
 */
export const articleStatus = pgEnum('article_status', ['draft', 'scheduled', 'published', 'unpublished'])
export const articleLinkKind = pgEnum('article_link_kind', ['episode', 'event', 'chapter'])

/**
 * One article in one language. The Chinese and the English version of the same piece are two rows
 * sharing a `translationGroup` (one row per language in a group).
 */
export const articles = pgTable(
  'articles',
  {
    id: id(),
    /** The address: /{lang}/articles/{slug}; unique across languages, compared without case. */
    slug: text('slug').notNull(),
    language: articleLanguage('language').notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    /** Markdown (raw HTML allowed), sanitised when rendered with the podcast's allowlist. */
    body: text('body').notNull().default(''),
    status: articleStatus('status').notNull().default('draft'),
    /** The publish date; for a scheduled article, the moment it becomes visible. */
    publishedAt: at('published_at'),
    /** A cover given by address (kept as the Markdown gave it), or an uploaded one (wins). */
    coverUrl: text('cover_url'),
    cover: jsonb('cover').$type<StoredPicture>(),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    keywords: jsonb('keywords').$type<string[]>().notNull().default([]),
    /** For a translation: where the original lives, and who translated it. */
    originalUrl: text('original_url'),
    translator: text('translator'),
    translatorId: uuid('translator_id').references(() => people.id),
    /**
     * A translation that should not compete with its original in search engines points its
     * `<link rel="canonical">` at `originalUrl`.
     */
    canonicalToOriginal: boolean('canonical_to_original').notNull().default(false),
    /** The file an import read it from (relative to the imported folder): a re-import updates it. */
    sourcePath: text('source_path'),
    /** Shared by the versions of the same article in each language. */
    translationGroup: uuid('translation_group').notNull().$defaultFn(uuidv7),
    createdBy: uuid('created_by').references(() => people.id),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('articles_slug_key').on(sql`lower(${t.slug})`),
    uniqueIndex('articles_source_path_key').on(t.sourcePath),
    uniqueIndex('articles_translation_language_key').on(t.translationGroup, t.language),
    index('articles_public_idx').on(t.language, t.publishedAt),
    check(
      'articles_publish_date_check',
      sql`${t.status} not in ('scheduled', 'published') or ${t.publishedAt} is not null`,
    ),
  ],
)

/** An article's authors in the order they are credited: a person in Hearth, or a name as given. */
export const articleAuthors = pgTable(
  'article_authors',
  {
    id: id(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').references(() => people.id),
    name: text('name'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    index('article_authors_article_idx').on(t.articleId, t.position),
    index('article_authors_person_idx').on(t.personId),
    check('article_authors_who_check', sql`${t.personId} is not null or ${t.name} is not null`),
  ],
)

/** What an article said before each edit (and at creation): kept for good, newest last. */
export type ArticleRevisionMeta = {
  summary: string | null
  status: string
  publishedAt: string | null
  tags: string[]
  keywords: string[]
  coverUrl: string | null
  originalUrl: string | null
  translator: string | null
  canonicalToOriginal: boolean
  authors: { personId: string | null; name: string | null }[]
}

export const articleRevisions = pgTable(
  'article_revisions',
  {
    id: id(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    meta: jsonb('meta').$type<ArticleRevisionMeta>().notNull(),
    /** console, import, demo */
    source: text('source').notNull(),
    editedBy: uuid('edited_by').references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [index('article_revisions_article_idx').on(t.articleId, t.createdAt)],
)

/** Related content: the article shows on the episode's, event's or chapter's page, and they on it. */
export const articleLinks = pgTable(
  'article_links',
  {
    id: id(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    kind: articleLinkKind('kind').notNull(),
    episodeId: uuid('episode_id').references(() => episodes.id),
    eventId: uuid('event_id').references(() => events.id),
    chapterId: uuid('chapter_id').references(() => chapters.id),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    uniqueIndex('article_links_target_key').on(
      t.articleId,
      t.kind,
      sql`coalesce(${t.episodeId}, ${t.eventId}, ${t.chapterId})`,
    ),
    index('article_links_episode_idx').on(t.episodeId),
    index('article_links_event_idx').on(t.eventId),
    index('article_links_chapter_idx').on(t.chapterId),
    check(
      'article_links_target_check',
      sql`(${t.kind} = 'episode' and ${t.episodeId} is not null and ${t.eventId} is null and ${t.chapterId} is null)
        or (${t.kind} = 'event' and ${t.eventId} is not null and ${t.episodeId} is null and ${t.chapterId} is null)
        or (${t.kind} = 'chapter' and ${t.chapterId} is not null and ${t.episodeId} is null and ${t.eventId} is null)`,
    ),
  ],
)
