// Parts of an episode's public page that other features know (the articles linked to it): each
// fills this registry from its own index, so this feature never imports one that stands above it
// and no import cycle can form. A section is public: anyone reads the page.
import type { Child } from 'hono/jsx'
import type { Deps } from '../../platform/deps.ts'
import type { Locale, Messages } from '../../platform/i18n/index.ts'

export type EpisodeSectionView = { t: Messages; locale: Locale }
export type EpisodeSectionDeps = Pick<Deps, 'db' | 'now' | 'config'>

export type EpisodeSection = {
  /** One section per key. */
  key: string
  /** Where it goes on the page: lower first. */
  order: number
  section: (
    deps: EpisodeSectionDeps,
    episode: { id: string },
    view: EpisodeSectionView,
  ) => Promise<Child | null>
}

const sections = new Map<string, EpisodeSection>()

export function registerEpisodeSection(section: EpisodeSection) {
  if (sections.has(section.key)) throw new Error(`Episode section ${section.key} is registered twice`)
  sections.set(section.key, section)
}

/** Every registered section for this episode, in order; sections with nothing to say are left out. */
export async function episodeSections(
  deps: EpisodeSectionDeps,
  episode: { id: string },
  view: EpisodeSectionView,
) {
  const out: Child[] = []
  // In turn, not in parallel: on PGlite there is one connection anyway.
  for (const s of [...sections.values()].sort((a, b) => a.order - b.order)) {
    const part = await s.section(deps, episode, view)
    if (part) out.push(part)
  }
  return out
}
