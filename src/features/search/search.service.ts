import type { Db } from '../../platform/db/client.ts'
import type { SearchDeps, SearchDocument } from './search.registry.ts'
import { searchSource, searchSources } from './search.registry.ts'
import * as repo from './search.repo.ts'
import {
  anchorFor,
  documentVector,
  type Highlighted,
  highlight,
  looseQueryLiteral,
  matchRanges,
  parseQuery,
  partsOf,
  queryLiteral,
  type SearchKind,
  type SearchLanguage,
  searchKinds,
  snippetOf,
} from './search.rules.ts'

/** Documents as stored: long bodies in parts (positions stay in range), each with its terms. */
export function storedRows(kind: SearchKind, docs: SearchDocument[]): repo.StoredDocument[] {
  return docs.flatMap((doc) => {
    const parts = partsOf(doc.body)
    return parts.map((p, i) => ({
      kind,
      refId: doc.refId,
      part: parts.length > 1 ? `${doc.part}:${i}` : doc.part,
      language: doc.language,
      title: doc.title,
      path: doc.path,
      body: p.text,
      anchors: (doc.anchors ?? [])
        .filter(
          (a, k, all) => a.offset < p.offset + p.text.length && (all[k + 1]?.offset ?? Infinity) > p.offset,
        )
        .map((a) => ({ ...a, offset: Math.max(0, a.offset - p.offset) })),
      tokens: documentVector(doc.title, p.text),
      titleTokens: documentVector(doc.title, ''),
      datedAt: doc.datedAt ?? null,
      weight: doc.weight ?? 1,
      visibleFrom: doc.visibleFrom ?? null,
    }))
  })
}

async function write(db: Db, kind: SearchKind, refIds: string[], docs: SearchDocument[]) {
  const rows = storedRows(kind, docs)
  await db.transaction((tx) => repo.replaceItems(tx, kind, refIds, rows))
}

/** Indexes one item again as its feature has it now (removing it when it is no longer public). */
export async function reindexItem(deps: SearchDeps, kind: SearchKind, refId: string) {
  const source = searchSource(kind)
  if (!source) return
  // Read first (a source may read a transcript file), then write in a transaction of its own.
  const docs = await source.one(deps, refId)
  await write(deps.db, kind, [refId], docs)
}

/**
 * Indexes the items changed since they were last indexed (the triggers queued them in the
 * change's own transaction). Run by the search-reindex job and before every search, so a reader
 * finds a change as soon as it is committed. Returns how many it did.
 */
export async function catchUp(
  deps: SearchDeps,
  limit = 200,
  budgetMs = Number.POSITIVE_INFINITY,
): Promise<number> {
  if (!(await repo.anyStale(deps.db))) return 0
  const started = performance.now()
  const items = await repo.selectStale(deps.db, limit)
  let done = 0
  for (const item of items) {
    await reindexItem(deps, item.kind, item.refId)
    await repo.clearStale(deps.db, item)
    done++
    if (performance.now() - started > budgetMs) break
  }
  return done
}

/**
 * What a search indexes before answering: a change or two is found at once; after a bulk import
 * of hundreds, the reader waits a bounded moment and the job indexes the rest within a minute.
 */
const beforeSearch = (deps: SearchDeps) => catchUp(deps, 50, 150)

/** Every source's documents written again, and what none of them wrote any more removed. */
export async function rebuildSearch(deps: SearchDeps, kinds: readonly SearchKind[] = searchKinds) {
  const counts: Partial<Record<SearchKind, number>> = {}
  for (const source of searchSources()) {
    if (!kinds.includes(source.kind)) continue
    const started = await repo.databaseNow(deps.db)
    let n = 0
    for await (const batch of source.all(deps)) {
      await write(deps.db, source.kind, [...new Set(batch.map((d) => d.refId))], batch)
      n += new Set(batch.map((d) => d.refId)).size
    }
    await repo.removeOlder(deps.db, source.kind, started)
    counts[source.kind] = n
  }
  return counts
}

export type SearchResult = {
  kind: SearchKind
  refId: string
  language: SearchLanguage | null
  /** Without the language prefix, with the moment when the match is in a transcript (?t=95). */
  path: string
  title: Highlighted
  snippet: Highlighted
  score: number
}

/** `more`: the word is in more documents than were read (see selectHits); `total` is then a lower bound. */
export type SearchGroup = { kind: SearchKind; total: number; more: boolean; results: SearchResult[] }

export type SearchAnswer = {
  /** The query as it was understood is empty: nothing searchable was typed. */
  empty: boolean
  groups: SearchGroup[]
  page: number
  pages: number
}

export type SearchInput = {
  q: string
  kind?: SearchKind | undefined
  lang?: SearchLanguage | undefined
  page?: number | undefined
  readerLanguage: SearchLanguage
}

/** Results on a page: every kind's best few, or one kind's page of them. */
export const PER_KIND = 5
export const PER_PAGE = 20

/**
 * The site searched: grouped by kind (the group with the best hit first), each hit with its
 * title and a snippet highlighted. Any text is a valid query: what it holds beyond words and
 * characters is ignored, and a query of nothing finds nothing.
 */
export async function search(deps: SearchDeps, input: SearchInput): Promise<SearchAnswer> {
  const parsed = parseQuery(input.q)
  const literal = queryLiteral(parsed)
  const loose = looseQueryLiteral(parsed)
  const page = Math.max(1, input.page ?? 1)
  if (!literal || !loose) return { empty: true, groups: [], page, pages: 1 }
  await beforeSearch(deps)
  const limit = input.kind ? PER_PAGE : PER_KIND
  const hits = await repo.selectHits(deps.db, {
    query: literal,
    loose,
    now: deps.now(),
    kind: input.kind ?? null,
    language: input.lang ?? null,
    readerLanguage: input.readerLanguage,
    limit,
    offset: input.kind ? (page - 1) * PER_PAGE : 0,
  })
  const groups = new Map<SearchKind, SearchGroup>()
  for (const hit of hits) {
    const group = groups.get(hit.kind) ?? {
      kind: hit.kind,
      total: hit.kindTotal,
      more: hit.more,
      results: [],
    }
    groups.set(hit.kind, group)
    const snippet = snippetOf(hit.body, parsed)
    const anchor = anchorFor(hit.anchors, snippet.offset)
    group.results.push({
      kind: hit.kind,
      refId: hit.refId,
      language: hit.language,
      path: `${hit.path}${anchor ? anchor.query : ''}`,
      title: highlight(hit.title, matchRanges(hit.title, parsed)),
      snippet: snippet.parts,
      score: hit.score,
    })
  }
  const ordered = [...groups.values()].sort(
    (a, b) =>
      (b.results[0]?.score ?? 0) - (a.results[0]?.score ?? 0) ||
      searchKinds.indexOf(a.kind) - searchKinds.indexOf(b.kind),
  )
  const total = input.kind ? (ordered[0]?.total ?? 0) : 0
  return { empty: false, groups: ordered, page, pages: Math.max(1, Math.ceil(total / PER_PAGE)) }
}

/** The ids of one kind's items a query finds, best first, with how many there are (a feature's own list). */
export async function searchIds(
  deps: SearchDeps,
  input: { q: string; kind: SearchKind; readerLanguage: SearchLanguage; limit: number; offset: number },
) {
  const parsed = parseQuery(input.q)
  const literal = queryLiteral(parsed)
  const loose = looseQueryLiteral(parsed)
  if (!literal || !loose) return { ids: [] as string[], total: 0 }
  await beforeSearch(deps)
  const hits = await repo.selectHits(deps.db, {
    query: literal,
    loose,
    now: deps.now(),
    kind: input.kind,
    language: null,
    readerLanguage: input.readerLanguage,
    limit: input.limit,
    offset: input.offset,
  })
  return { ids: hits.map((h) => h.refId), total: hits[0]?.kindTotal ?? 0 }
}
