export {
  registerSearchSource,
  type SearchDeps,
  type SearchDocument,
  type SearchSource,
} from './search.registry.ts'
export type { Anchor, SearchKind, SearchLanguage } from './search.rules.ts'
export { plainText, searchKinds, searchLanguages } from './search.rules.ts'
export {
  catchUp,
  rebuildSearch,
  reindexItem,
  type SearchAnswer,
  type SearchGroup,
  type SearchResult,
  search,
  searchIds,
} from './search.service.ts'
