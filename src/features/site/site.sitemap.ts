// The sitemap's parts, filled by the features whose public pages they list (chapters, events,
// episodes, people, articles) from their own index.ts; the site lists its fixed pages itself.
// Every page exists in both languages, so a part names each page once, without its language.
import type { Deps } from '../../platform/deps.ts'

export type SitemapEntry = {
  /** The page's path after the language prefix: '' for the home page, '/events/x' for an event. */
  path: string
  lastModified?: Date | null
  /**
   * For a page written in one language (an article): that language; the page is listed at that
   * prefix only, with its `translations` (each its own address) as its alternates.
   */
  language?: 'zh' | 'en'
  translations?: { language: 'zh' | 'en'; path: string }[]
}

export type SitemapPart = {
  /** The part's name in its file name (sitemap-<name>-1.xml): lower-case letters and dashes. */
  name: string
  order: number
  entries: (deps: Pick<Deps, 'db' | 'now' | 'config'>) => Promise<SitemapEntry[]>
}

const parts = new Map<string, SitemapPart>()

export function registerSitemapPart(part: SitemapPart) {
  if (!/^[a-z][a-z-]*$/.test(part.name)) throw new Error(`Sitemap part name ${part.name} is not a file name`)
  if (parts.has(part.name)) throw new Error(`Sitemap part ${part.name} is registered twice`)
  parts.set(part.name, part)
}

export const sitemapParts = () => [...parts.values()].sort((a, b) => a.order - b.order)
