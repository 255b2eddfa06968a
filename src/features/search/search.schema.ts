import { sql } from 'drizzle-orm'
import { customType, index, jsonb, pgTable, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { at, id } from '../../platform/db/columns.ts'
import type { Anchor, SearchKind, SearchLanguage } from './search.rules.ts'

/** Written as a literal built by search.rules.ts (documentVector): no text search configuration parses it. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

/**
 * What search finds: one row per document a feature contributes (an article in one language, an
 * episode's notes, a stretch of its transcript, an event, a person). A feature item may have
 * several (`part` tells them apart); results show each item once.
 */
export const searchDocuments = pgTable(
  'search_documents',
  {
    id: id(),
    kind: text('kind').$type<SearchKind>().notNull(),
    /** The id of the item in its feature's table. */
    refId: uuid('ref_id').notNull(),
    /** Which document of the item: 'zh', 'en', 'transcript:3' … */
    part: text('part').notNull(),
    /** The language it is written in; null for what has none (a person's name). */
    language: text('language').$type<SearchLanguage>(),
    title: text('title').notNull(),
    /** Where it is, without the language prefix: /events/x, /podcast/show/episode. */
    path: text('path').notNull(),
    /** The text snippets are cut from, as stored (highlighting is computed on it). */
    body: text('body').notNull(),
    /** Places in `body` that have their own address (the moments of a transcript). */
    anchors: jsonb('anchors').$type<Anchor[]>().notNull().default([]),
    tokens: tsvector('tokens').notNull(),
    /**
     * The title's terms alone: small enough to be read for every candidate of a common word, where
     * `tokens` (the whole body's) is read only for the best few (see selectHits).
     */
    titleTokens: tsvector('title_tokens').notNull().default(sql`''::tsvector`),
    /** The item's own date (published, held): among many matches, recent ones are ranked first. */
    datedAt: at('dated_at'),
    /** Multiplies the text rank: an item's own page above a stretch of a transcript. */
    weight: real('weight').notNull().default(1),
    /** Hidden before this moment (a scheduled article or episode). */
    visibleFrom: at('visible_from'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('search_documents_item_key').on(t.kind, t.refId, t.part),
    // fastupdate off: PGlite has no autovacuum, so GIN's pending list of new entries would only be
    // merged once it reached 4 MB, and every search would read it through until then.
    index('search_documents_tokens_idx').using('gin', t.tokens).with({ fastupdate: false }),
    // Title matches are found apart from the body's, so a common word's title hits are never cut.
    index('search_documents_title_tokens_idx').using('gin', t.titleTokens).with({ fastupdate: false }),
  ],
)

/**
 * Items changed since they were last indexed, written by triggers in the same transaction as the
 * change (drizzle/…_search_stale_triggers.sql) so no write path can forget; the search-reindex
 * job and every search catch up on them.
 */
export const searchStale = pgTable(
  'search_stale',
  {
    kind: text('kind').$type<SearchKind>().notNull(),
    refId: uuid('ref_id').notNull(),
    queuedAt: at('queued_at').notNull().default(sql`clock_timestamp()`),
  },
  (t) => [uniqueIndex('search_stale_item_key').on(t.kind, t.refId)],
)
