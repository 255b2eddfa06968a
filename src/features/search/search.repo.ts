import { and, eq, inArray, lt, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { type Anchor, type SearchKind, type SearchLanguage, searchKinds } from './search.rules.ts'
import { searchDocuments, searchStale } from './search.schema.ts'

/** Rows of raw SQL; node-postgres and PGlite both answer with `rows`. */
const rowsOf = async <T = Record<string, unknown>>(db: Db, query: SQL) =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows

export type StoredDocument = typeof searchDocuments.$inferInsert

/** Writes an item's documents, replacing what it had (a part it no longer has goes). */
export async function replaceItems(db: Db, kind: SearchKind, refIds: string[], rows: StoredDocument[]) {
  if (!refIds.length) return
  await db
    .delete(searchDocuments)
    .where(and(eq(searchDocuments.kind, kind), inArray(searchDocuments.refId, refIds)))
  // In slices: a statement's parameters are limited (65,535), and documents are wide.
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(searchDocuments)
      .values(rows.slice(i, i + 500).map((r) => ({ ...r, updatedAt: sql`now()` })))
      // Another process reindexing the same item at the same time: the later write wins.
      .onConflictDoUpdate({
        target: [searchDocuments.kind, searchDocuments.refId, searchDocuments.part],
        set: {
          language: sql`excluded.language`,
          title: sql`excluded.title`,
          path: sql`excluded.path`,
          body: sql`excluded.body`,
          anchors: sql`excluded.anchors`,
          tokens: sql`excluded.tokens`,
          titleTokens: sql`excluded.title_tokens`,
          datedAt: sql`excluded.dated_at`,
          weight: sql`excluded.weight`,
          visibleFrom: sql`excluded.visible_from`,
          updatedAt: sql`excluded.updated_at`,
        },
      })
  }
}

/** The database's clock, for telling what a rebuild wrote from what it left behind. */
export const databaseNow = async (db: Db) =>
  (await rowsOf<{ now: string }>(db, sql`select now()::text as now`))[0]!.now

/** After a rebuild of `kind`: what it did not write is no longer public. */
export async function removeOlder(db: Db, kind: SearchKind, before: string) {
  await db
    .delete(searchDocuments)
    .where(and(eq(searchDocuments.kind, kind), lt(searchDocuments.updatedAt, sql`${before}::timestamptz`)))
  await db
    .delete(searchStale)
    .where(and(eq(searchStale.kind, kind), lt(searchStale.queuedAt, sql`${before}::timestamptz`)))
}

export type StaleItem = { kind: SearchKind; refId: string; queuedAt: string }

export const selectStale = async (db: Db, limit: number): Promise<StaleItem[]> =>
  (
    await rowsOf<{ kind: SearchKind; ref_id: string; queued_at: string }>(
      db,
      sql`select kind, ref_id, queued_at::text from search_stale order by queued_at, kind, ref_id limit ${limit}`,
    )
  ).map((r) => ({ kind: r.kind, refId: r.ref_id, queuedAt: r.queued_at }))

export const anyStale = async (db: Db) =>
  (await rowsOf(db, sql`select 1 from search_stale limit 1`)).length > 0

/** Done with an item, unless it changed again meanwhile (then it stays for the next round). */
export async function clearStale(db: Db, item: StaleItem) {
  await db.execute(
    sql`delete from search_stale where kind = ${item.kind} and ref_id = ${item.refId}
      and queued_at = ${item.queuedAt}::timestamptz`,
  )
}

/** Body matches read at most (title matches come on top): past it, counts are "at least". */
const CANDIDATES = 1000

/** Documents per kind whose whole text is read to rank a query (beyond the page asked for). */
const SHORTLIST = 50

export type Hit = {
  id: string
  kind: SearchKind
  refId: string
  part: string
  language: SearchLanguage | null
  title: string
  path: string
  body: string
  anchors: Anchor[]
  score: number
  kindTotal: number
  /** More matched than were read: `kindTotal` is a lower bound. */
  more: boolean
}

export type HitsOptions = {
  query: string
  loose: string
  now: Date
  kind: SearchKind | null
  language: SearchLanguage | null
  readerLanguage: SearchLanguage
  limit: number
  offset: number
}

/** The statement behind selectHits (the benchmark explains it). */
export function hitsQuery(options: HitsOptions) {
  const shortlist = SHORTLIST + options.offset + options.limit
  return sql`
    -- Every title match (from their own index), and body matches up to a bound: a word in tens
    -- of thousands of documents costs reading a bounded number of rows, not all of them.
    with body_matches as materialized (
      select d.id, d.kind, d.ref_id, d.part, d.language, d.dated_at
      from search_documents d
      where d.tokens @@ cast(${options.loose} as tsquery)
        and (d.visible_from is null or d.visible_from <= ${options.now.toISOString()}::timestamptz)
          and (${options.kind}::text is null or d.kind = ${options.kind}::text)
          and (${options.language}::text is null or d.language is null or d.language = ${options.language}::text)
      limit ${CANDIDATES}
    ),
    title_matches as materialized (
      select d.id, d.kind, d.ref_id, d.part, d.language, d.dated_at
      from search_documents d
      where d.title_tokens @@ cast(${options.query} as tsquery)
        and (d.visible_from is null or d.visible_from <= ${options.now.toISOString()}::timestamptz)
          and (${options.kind}::text is null or d.kind = ${options.kind}::text)
          and (${options.language}::text is null or d.language is null or d.language = ${options.language}::text)
    ),
    candidates as materialized (
      select t.*, true as in_title from title_matches t
      union all
      select b.*, false from body_matches b where b.id not in (select id from title_matches)
    ),
    cut as (select count(*) >= ${CANDIDATES} as more from body_matches),
    -- Items, not documents (an episode has several): distinct by hashing, not by sorting.
    totals as (
      select kind, count(*) as kind_total from (select distinct kind, ref_id from candidates) i group by kind
    ),
    -- Each kind's best few by a top-N pass, not a sort of every candidate.
    shortlisted as (${sql.join(
      (options.kind ? [options.kind] : searchKinds).map(
        (kind) => sql`(select * from candidates where kind = ${kind}
          order by in_title desc, dated_at desc nulls last, id limit ${shortlist})`,
      ),
      sql` union all `,
    )}),
    scored as (
      select s.id, s.kind, s.ref_id, s.part, s.language,
        ts_rank('{0.1, 0.2, 0.4, 1.0}', d.tokens, cast(${options.query} as tsquery), 1) * d.weight as score
      -- By id, one at a time: a plan that scans the table would read every document's terms.
      from shortlisted s
      cross join lateral (select tokens, weight from search_documents where id = s.id offset 0) d
      where d.tokens @@ cast(${options.query} as tsquery)
    ),
    best as (
      select distinct on (kind, ref_id) * from scored
      order by kind, ref_id, score desc, (language is not distinct from ${options.readerLanguage}::text) desc,
        (part = ${options.readerLanguage}::text) desc, part collate "C"
    ),
    ranked as (
      select best.*, row_number() over (partition by kind order by score desc, ref_id) as n
      from best
    )
    select r.id, r.kind, r.ref_id, r.part, r.language, d.title, d.path, d.body, d.anchors, r.score, t.kind_total,
      (select more from cut) as more
    from ranked r join search_documents d on d.id = r.id join totals t on t.kind = r.kind
    where r.n > ${options.offset} and r.n <= ${options.offset + options.limit}
    order by r.kind, r.n`
}

/**
 * Hits ranked by text rank (title weighted above body, the rank divided by the log of the
 * document's length so long pages do not win on length alone) times the document's weight; each
 * item once (its best document, the reader's language first on a tie); per kind, `limit` of them
 * from `offset`, with how many the kind has. Ties break on the item's id, so the order is the same
 * on PGlite and PostgreSQL.
 *
 * A word found in thousands of documents must not cost reading thousands of whole texts: the GIN
 * index alone picks the candidates and counts them (`loose`: no phrase, so no document is read),
 * and only a shortlist per kind (title matches first, then the most recent) has its full terms
 * read to check the phrase and compute the rank. Below the shortlist's size, that is every match.
 */
/**
 * A common word matches a fifth of the table, and the planner then prefers reading it whole,
 * which means decompressing every document's terms (290 ms at 30,000 documents); the GIN index
 * answers without reading them. No JIT either: on PostgreSQL it costs more than it saves here.
 */
export const indexFirst = <T>(db: Db, work: (tx: Db) => Promise<T>) =>
  db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)`)
    return work(tx)
  })

export async function selectHits(db: Db, options: HitsOptions): Promise<Hit[]> {
  const rows = await indexFirst(db, (tx) =>
    rowsOf<{
      id: string
      kind: SearchKind
      ref_id: string
      part: string
      language: SearchLanguage | null
      title: string
      path: string
      body: string
      anchors: Anchor[]
      score: number
      kind_total: string | number
      more: boolean
    }>(tx, hitsQuery(options)),
  )
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    refId: r.ref_id,
    part: r.part,
    language: r.language,
    title: r.title,
    path: r.path,
    body: r.body,
    anchors: r.anchors,
    score: Number(r.score),
    kindTotal: Number(r.kind_total),
    more: Boolean(r.more),
  }))
}
