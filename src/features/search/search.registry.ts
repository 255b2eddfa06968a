// What each feature contributes to search. Features stand above search (they import it to
// register), so search never imports them and no cycle can form, as with people's profile sources.
// A source answers only with what the public may read: search results are shown to anyone.
import type { Deps } from '../../platform/deps.ts'
import type { Anchor, SearchKind, SearchLanguage } from './search.rules.ts'

export type SearchDeps = Pick<Deps, 'db' | 'now' | 'config'>

/** One document of an item, before it is split into parts and turned into terms. */
export type SearchDocument = {
  refId: string
  /** Tells an item's documents apart: its language, 'notes', 'transcript' … */
  part: string
  language: SearchLanguage | null
  title: string
  /** Without the language prefix: /events/x. */
  path: string
  body: string
  /** Places in `body` with their own address, ascending (a transcript's cues: `?t=SECONDS`). */
  anchors?: Anchor[]
  /** 1 by default; below 1 for what should rank under an item's own page (a transcript). */
  weight?: number
  /** The item's own date (published, held): among very many matches, recent ones are ranked. */
  datedAt?: Date | null
  /** Hidden until then (a scheduled item). */
  visibleFrom?: Date | null
}

export type SearchSource = {
  kind: SearchKind
  /**
   * Every public document of this kind, in batches, for a full rebuild. May read files (a
   * transcript): it is never called inside a transaction.
   */
  all(deps: SearchDeps): AsyncIterable<SearchDocument[]>
  /** The public documents of one item now; none when it is gone or not public (it is then removed). */
  one(deps: SearchDeps, refId: string): Promise<SearchDocument[]>
}

const sources = new Map<SearchKind, SearchSource>()

export function registerSearchSource(source: SearchSource) {
  if (sources.has(source.kind)) throw new Error(`Search source ${source.kind} is registered twice`)
  sources.set(source.kind, source)
}

export const searchSource = (kind: SearchKind) => sources.get(kind)
export const searchSources = () => [...sources.values()]
