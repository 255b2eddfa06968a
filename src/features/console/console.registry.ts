// What the console home shows, filled by the features that know it: applications register the
// reviews waiting for a person, chapters the chapters at risk, the podcast its drafts and imports.
// It lives below every feature that fills it (as the standing registry does), so the console never
// imports a feature above it and no cycle can form. Each source answers for one viewer and lists
// only what that viewer may act on: the console asks, it does not decide.
import type { Deps } from '../../platform/deps.ts'
import type { Locale, Messages } from '../../platform/i18n/index.ts'
import type { Tone } from '../../platform/views/components.tsx'
import type { Actor } from '../access/index.ts'

/** One line of "needs you": a count, what it counts (translated), where to act. */
export type DashboardTodo = { count: number; label: string; href: string; tone?: Tone }
export type DashboardStat = { value: number; label: string; href?: string }

export type DashboardView = { t: Messages; locale: Locale }
export type DashboardDeps = Pick<Deps, 'db' | 'now' | 'config'>

export type DashboardSource = {
  /** One source per key. */
  key: string
  /** Where its lines go in the list: lower first (reviews before chapters before the podcast). */
  order: number
  needs?: (deps: DashboardDeps, viewer: NonNullable<Actor>, view: DashboardView) => Promise<DashboardTodo[]>
  stats?: (deps: DashboardDeps, viewer: NonNullable<Actor>, view: DashboardView) => Promise<DashboardStat[]>
}

const sources = new Map<string, DashboardSource>()

export function registerDashboardSource(source: DashboardSource) {
  if (sources.has(source.key)) throw new Error(`Dashboard source ${source.key} is registered twice`)
  sources.set(source.key, source)
}

/** Every source's lines for this viewer, in order; lines with nothing to do are left out. */
export async function dashboardFor(deps: DashboardDeps, viewer: NonNullable<Actor>, view: DashboardView) {
  const ordered = [...sources.values()].sort((a, b) => a.order - b.order)
  const needs: DashboardTodo[] = []
  const stats: DashboardStat[] = []
  // In turn, not in parallel: on PGlite there is one connection anyway.
  for (const s of ordered) {
    if (s.needs) needs.push(...(await s.needs(deps, viewer, view)).filter((n) => n.count > 0))
    if (s.stats) stats.push(...(await s.stats(deps, viewer, view)))
  }
  return { needs, stats }
}
