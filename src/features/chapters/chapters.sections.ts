// Parts of a chapter's public page that other features know (its events, from the events
// feature): each fills this registry from its own index, so chapters never imports a feature
// that stands above it and no import cycle can form. A section is public: anyone reads the page.
import type { Child } from 'hono/jsx'
import type { Deps } from '../../platform/deps.ts'
import type { Locale, Messages } from '../../platform/i18n/index.ts'

export type ChapterSectionView = { t: Messages; locale: Locale }
export type ChapterSectionDeps = Pick<Deps, 'db' | 'now' | 'config'>
export type ChapterRef = { id: string; slug: string; cityZh: string; cityEn: string }

export type ChapterSection = {
  /** One section per key. */
  key: string
  /** Where it goes on the page: lower first. */
  order: number
  section: (deps: ChapterSectionDeps, chapter: ChapterRef, view: ChapterSectionView) => Promise<Child | null>
}

const sections = new Map<string, ChapterSection>()

export function registerChapterSection(section: ChapterSection) {
  if (sections.has(section.key)) throw new Error(`Chapter section ${section.key} is registered twice`)
  sections.set(section.key, section)
}

/** Every registered section for this chapter, in order; sections with nothing to say are left out. */
export async function chapterSections(
  deps: ChapterSectionDeps,
  chapter: ChapterRef,
  view: ChapterSectionView,
) {
  const out: Child[] = []
  // In turn, not in parallel: on PGlite there is one connection anyway.
  for (const s of [...sections.values()].sort((a, b) => a.order - b.order)) {
    const part = await s.section(deps, chapter, view)
    if (part) out.push(part)
  }
  return out
}
