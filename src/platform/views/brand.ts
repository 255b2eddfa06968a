// What the layout needs to show the community's own brand. The community feature fills it from
// the database for each page request (so every app server shows the same, at once); the platform
// only knows its shape.
import type { Picture } from './components.tsx'

export type Brand = {
  /** The community's name in the reader's language, or in the other one (then `lang` says which). */
  name: { text: string; lang: 'zh' | 'en' } | null
  /** A sentence or two about the community, in the same way. */
  description: { text: string; lang: 'zh' | 'en' } | null
  /**
   * The logo from the media store: as the header shows it (32 px high, in the sizes made for
   * that), and the size link previews take (a site path, with its pixels).
   */
  logo: {
    picture: Picture
    preview: { url: string; width: number | null; height: number | null }
  } | null
  /** The accent stylesheet's address (with its content hash), when the community set a colour. */
  stylesheetUrl: string | null
  links: { label: string; url: string }[]
  /** The site's address (BASE_URL), for absolute URLs in link previews. */
  siteUrl: string | null
}

export const noBrand: Brand = {
  name: null,
  description: null,
  logo: null,
  stylesheetUrl: null,
  links: [],
  siteUrl: null,
}

/**
 * The community's name as each language writes it (the other language's when it has only that
 * one, then COMMUNITY_NAME), or null while it has none: what mails, issue comments and feeds sign
 * with, never the software's name.
 */
export type CommunityNames = Record<'zh' | 'en', string | null>
