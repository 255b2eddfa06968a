// The home page's parts, filled by the features that own them (events their next events, the
// podcast its latest episode, chapters their cities, …) from their own index.ts. The site feature
// only lays them out, so it imports no feature above it and a new feature (articles, a call for
// speakers) adds its part without touching the home page. Nothing here imports a feature.
import type { Child } from 'hono/jsx'
import type { Deps } from '../../platform/deps.ts'
import type { Viewer } from '../../platform/http/context.ts'
import type { Locale, Messages } from '../../platform/i18n/index.ts'

export type HomeView = { t: Messages; locale: Locale; viewer: Viewer | null }
export type HomeDeps = Pick<Deps, 'db' | 'now' | 'config'>

export type HomePart = {
  body: Child
  /** How long the page cache may keep a home page showing this part (live counts: places left). */
  freshFor?: number
  /** What the part needs in the page's head (its feature's stylesheet). */
  head?: Child
}

export type HomeSection = {
  /** One section per key. */
  key: string
  /** Where it goes on the page: lower first. */
  order: number
  /**
   * Shown only when no other section has anything to show: what an administrator of a new
   * instance does first. A visitor of an empty instance sees the empty state instead.
   */
  setup?: boolean
  section: (deps: HomeDeps, view: HomeView) => Promise<HomePart | null>
}

/** A number that shows the community alive (people, chapters, events this year, episodes). */
export type HomeStat = {
  key: string
  order: number
  /**
   * Whether a count above zero is something to show (an event, an episode). People are not: the
   * administrator alone is one, and their new site is still empty.
   */
  countsAsContent: boolean
  stat: (deps: HomeDeps, view: HomeView) => Promise<{ value: number; label: string; href?: string } | null>
}

/** A way in that is open now (join a chapter, be a guest, propose a talk while a call is open). */
export type HomeAction = {
  key: string
  order: number
  action: (
    deps: HomeDeps,
    view: HomeView,
  ) => Promise<{ label: string; hint: string; href: string; freshFor?: number } | null>
}

const sections = new Map<string, HomeSection>()
const stats = new Map<string, HomeStat>()
const actions = new Map<string, HomeAction>()

function add<T extends { key: string }>(registry: Map<string, T>, kind: string, item: T) {
  if (registry.has(item.key)) throw new Error(`Home ${kind} ${item.key} is registered twice`)
  registry.set(item.key, item)
}

export const registerHomeSection = (s: HomeSection) => add(sections, 'section', s)
export const registerHomeStat = (s: HomeStat) => add(stats, 'stat', s)
export const registerHomeAction = (a: HomeAction) => add(actions, 'action', a)

const ordered = <T extends { order: number }>(m: Map<string, T>) =>
  [...m.values()].sort((a, b) => a.order - b.order)

/** Everything the home page shows for this reader; parts with nothing to say are left out. */
export async function homeParts(deps: HomeDeps, view: HomeView) {
  // In turn, not in parallel: on PGlite there is one connection anyway.
  const content: (HomePart & { key: string })[] = []
  const setup: (HomePart & { key: string })[] = []
  for (const s of ordered(sections)) {
    const part = await s.section(deps, view)
    if (part) (s.setup ? setup : content).push({ ...part, key: s.key })
  }
  const tiles = []
  for (const s of ordered(stats)) {
    const tile = await s.stat(deps, view)
    if (tile) tiles.push({ ...tile, key: s.key })
  }
  const ways = []
  for (const a of ordered(actions)) {
    const way = await a.action(deps, view)
    if (way) ways.push({ ...way, key: a.key })
  }
  const counted = new Set([...stats.values()].filter((s) => s.countsAsContent).map((s) => s.key))
  const empty = content.length === 0 && tiles.every((s) => s.value === 0 || !counted.has(s.key))
  return {
    sections: empty ? [] : content,
    setup: empty ? setup : [],
    stats: empty ? [] : tiles,
    actions: ways,
    freshFor: Math.min(...[...content, ...ways].map((p) => p.freshFor ?? Number.POSITIVE_INFINITY)),
    head: [...setup, ...content].flatMap((p) => (p.head ? [p.head] : [])),
  }
}
