// Parts of an event's public page that other features know (the articles linked to it): each
// fills this registry from its own index, so this feature never imports one that stands above it
// and no import cycle can form. A section is public: anyone reads the page.
import type { Child } from 'hono/jsx'
import type { Deps } from '../../platform/deps.ts'
import type { Locale, Messages } from '../../platform/i18n/index.ts'

export type EventSectionView = { t: Messages; locale: Locale }
export type EventSectionDeps = Pick<Deps, 'db' | 'now' | 'config'>

export type EventSection = {
  /** One section per key. */
  key: string
  /** Where it goes on the page: lower first. */
  order: number
  section: (deps: EventSectionDeps, event: { id: string }, view: EventSectionView) => Promise<Child | null>
}

const sections = new Map<string, EventSection>()

export function registerEventSection(section: EventSection) {
  if (sections.has(section.key)) throw new Error(`Event section ${section.key} is registered twice`)
  sections.set(section.key, section)
}

/** Every registered section for this event, in order; sections with nothing to say are left out. */
export async function eventSections(deps: EventSectionDeps, event: { id: string }, view: EventSectionView) {
  const out: Child[] = []
  // In turn, not in parallel: on PGlite there is one connection anyway.
  for (const s of [...sections.values()].sort((a, b) => a.order - b.order)) {
    const part = await s.section(deps, event, view)
    if (part) out.push(part)
  }
  return out
}
