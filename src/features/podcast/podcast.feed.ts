// The show's RSS feed: what Apple Podcasts requires and the Podcasting 2.0 tags apps read,
// generated with feedsmith from the stored show and its public episodes.
import { createHash } from 'node:crypto'
import { generateRssFeed } from 'feedsmith'
import { type MediaFile, mediaUrl } from '../../platform/media/media.ts'
import { inLocale, langTag, textIn } from '../../platform/views/localized.tsx'
import { markdownHtml } from '../../platform/views/markdown.ts'
import type { Episode, Show } from './podcast.repo.ts'
import { parseChapters } from './podcast.rules.ts'
import { stylesheetPath } from './podcast.stylesheet.ts'

export type FeedPerson = { name: string; href: string; img: string | null }

export type FeedInput = {
  baseUrl: string
  /** The community's name in the show's language: the copyright line of a show that gives none. */
  community: string | null
  show: Show & { cover: MediaFile | null }
  hosts: FeedPerson[]
  episodes: (Episode & {
    audio: MediaFile
    art: MediaFile | null
    transcript: MediaFile | null
    guests: FeedPerson[]
  })[]
  now: Date
  /** The WebSub hub that subscribers hear of changes from, when one is configured. */
  hub?: string
}

/** The language of a show's pages: its own when we have it, English otherwise. */
export const pageLocale = (language: string) => (language.toLowerCase().startsWith('zh') ? 'zh' : 'en')

/** A show's or an episode's title in the show's language (`language`), or in the other one. */
export const titleOf = (x: { titleZh: string | null; titleEn: string | null }, language: string) =>
  textIn(pageLocale(language), x.titleZh, x.titleEn)

/** A show's description (Markdown) in its language, or in the other one: what the feed and the API carry. */
export const descriptionOf = (
  show: { descriptionZh: string | null; descriptionEn: string | null },
  language: string,
) => textIn(pageLocale(language), show.descriptionZh, show.descriptionEn)

/** A show's description on a page in `locale`: the reader's language, or the other one with its `lang` tag. */
export function described(
  show: { descriptionZh: string | null; descriptionEn: string | null },
  locale: 'zh' | 'en',
) {
  const v = inLocale(locale, show.descriptionZh, show.descriptionEn)
  return { text: v?.text ?? '', lang: v && v.lang !== locale ? langTag(v.lang) : undefined }
}

/** A title on a page in `locale`: the reader's language, or the other one with its `lang` tag. */
export function titled(x: { titleZh: string | null; titleEn: string | null }, locale: 'zh' | 'en') {
  const v = inLocale(locale, x.titleZh, x.titleEn)
  return { text: v?.text ?? '', lang: v && v.lang !== locale ? langTag(v.lang) : undefined }
}

export const feedUrlOf = (baseUrl: string, slug: string) => `${baseUrl}/podcast/${slug}/feed.xml`
export const showUrlOf = (baseUrl: string, show: Pick<Show, 'slug' | 'language'>) =>
  `${baseUrl}/${pageLocale(show.language)}/podcast/${show.slug}`
export const chaptersUrlOf = (baseUrl: string, showSlug: string, episodeSlug: string) =>
  `${baseUrl}/podcast/${showSlug}/${episodeSlug}/chapters.json`

/** Apple's "Technology > Tech News" as a category with its subcategory. */
function categoriesOf(categories: string[]) {
  const byParent = new Map<string, string[]>()
  for (const c of categories) {
    const [parent, sub] = c.split('>').map((s) => s.trim())
    if (!parent) continue
    const subs = byParent.get(parent) ?? []
    if (sub) subs.push(sub)
    byParent.set(parent, subs)
  }
  return [...byParent].map(([text, subs]) => ({
    text,
    ...(subs.length ? { categories: subs.map((s) => ({ text: s })) } : {}),
  }))
}

const person = (p: FeedPerson, role: 'host' | 'guest') => ({
  display: p.name,
  role,
  href: p.href,
  ...(p.img ? { img: p.img } : {}),
})

export function renderFeed(input: FeedInput): { xml: string; etag: string } {
  const { baseUrl, show, now } = input
  const showUrl = showUrlOf(baseUrl, show)
  const cover = show.cover ? mediaUrl(baseUrl, show.cover) : undefined
  const xml = generateRssFeed({
    title: titleOf(show, show.language),
    link: showUrl,
    description: markdownHtml(descriptionOf(show, show.language), baseUrl),
    language: show.language,
    copyright: show.copyright ?? (input.community ? `© ${input.community}` : undefined),
    generator: 'Hearth',
    lastBuildDate: now,
    ...(cover ? { image: { url: cover, title: titleOf(show, show.language), link: showUrl } } : {}),
    atom: {
      links: [
        { href: feedUrlOf(baseUrl, show.slug), rel: 'self', type: 'application/rss+xml' },
        ...(input.hub ? [{ href: input.hub, rel: 'hub' }] : []),
      ],
    },
    itunes: {
      ...(cover ? { image: cover } : {}),
      categories: categoriesOf(show.categories),
      explicit: show.explicit,
      author: input.hosts.map((h) => h.name).join(', ') || show.ownerName,
      type: show.type,
      owner: { name: show.ownerName, email: show.ownerEmail },
    },
    podcast: {
      guid: show.podcastGuid,
      locked: { value: show.locked, owner: show.ownerEmail },
      fundings: show.fundings.map((f) => ({ url: f.url, display: f.label })),
      persons: input.hosts.map((h) => person(h, 'host')),
      medium: 'podcast',
      txts: show.txts.map((t) => ({ display: t.text, ...(t.purpose ? { purpose: t.purpose } : {}) })),
    },
    items: input.episodes.map((e) => {
      const chapters = parseChapters(e.chapters)
      const episodeUrl = `${showUrl}/${e.slug}`
      const notes = markdownHtml(e.notes, baseUrl)
      const title = titleOf(e, show.language)
      return {
        title,
        link: episodeUrl,
        guid: { value: e.guid, isPermaLink: false },
        pubDate: e.publishedAt ?? e.publishAt ?? e.createdAt,
        description: notes,
        content: { encoded: notes },
        enclosures: [{ url: mediaUrl(baseUrl, e.audio), length: e.audio.bytes, type: e.audio.contentType }],
        itunes: {
          title,
          duration: e.audio.durationSeconds ?? undefined,
          explicit: e.explicit,
          episodeType: e.type,
          ...(e.number !== null ? { episode: e.number } : {}),
          ...(e.season !== null ? { season: e.season } : {}),
          ...(e.art ? { image: mediaUrl(baseUrl, e.art) } : {}),
        },
        podcast: {
          // Hosts on every item too: apps show the people of the episode they play.
          persons: [...input.hosts.map((h) => person(h, 'host')), ...e.guests.map((g) => person(g, 'guest'))],
          ...(e.season !== null ? { season: { number: e.season } } : {}),
          ...(e.number !== null ? { episode: { number: e.number } } : {}),
          ...(e.transcript
            ? {
                transcripts: [
                  {
                    url: mediaUrl(baseUrl, e.transcript),
                    type: e.transcript.contentType,
                    language: show.language,
                  },
                ],
              }
            : {}),
          ...(chapters.ok && chapters.chapters.length
            ? {
                chapters: {
                  url: chaptersUrlOf(baseUrl, show.slug, e.slug),
                  type: 'application/json+chapters',
                },
              }
            : {}),
        },
      }
    }),
  })
  // Browsers that open the feed show it as a page (podcast.stylesheet.ts); apps skip the instruction.
  const withStylesheet = xml.replace(
    /^(<\?xml[^>]*\?>)/,
    `$1\n<?xml-stylesheet type="text/xsl" href="${stylesheetPath(pageLocale(show.language))}"?>`,
  )
  const withApplesExplicit = applesExplicit(withStylesheet)
  return {
    xml: withApplesExplicit,
    etag: `"${createHash('sha256').update(withApplesExplicit).digest('hex').slice(0, 32)}"`,
  }
}

/**
 * Apple's podcast RSS requirements give `<itunes:explicit>` as `true` or `false`; feedsmith (3.0)
 * writes `yes`/`no` and has no option for it. Text inside CDATA (show notes) is left alone.
 */
function applesExplicit(xml: string): string {
  return xml.replace(
    /<!\[CDATA\[[\s\S]*?\]\]>|<itunes:explicit>(yes|no)<\/itunes:explicit>/g,
    (match, value?: string) => (value ? `<itunes:explicit>${value === 'yes'}</itunes:explicit>` : match),
  )
}
