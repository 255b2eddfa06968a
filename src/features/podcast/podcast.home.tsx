// What the podcast puts on the home page: its latest episode as one wide card with a play button,
// how many episodes there are, the way to become a guest, and every show and episode in the sitemap.
import { formatDate } from '../../platform/i18n/index.ts'
import { sizedPicture } from '../../platform/media/pictures.ts'
import { Card } from '../../platform/views/components.tsx'
import { markdownText } from '../../platform/views/markdown.ts'
import {
  registerHomeAction,
  registerHomeSection,
  registerHomeStat,
  registerSitemapPart,
} from '../site/index.ts'
import { titled } from './podcast.feed.ts'
import { PlayIcon } from './podcast.icons.tsx'
import { clock } from './podcast.rules.ts'
import { listShows, showWithEpisodes } from './podcast.service.ts'

type Reading = Parameters<typeof showWithEpisodes>[0]

/** Every show with its public episodes (a community has one or a few shows). */
async function everyShow(deps: Reading, sizes = false) {
  const shows = []
  for (const s of await listShows(deps)) shows.push(await showWithEpisodes(deps, s.slug, { sizes }))
  return shows
}

const publishedOf = (e: { publishedAt: Date | null; publishAt: Date | null }) =>
  (e.publishedAt ?? e.publishAt)?.getTime() ?? 0

registerHomeSection({
  key: 'podcast-latest',
  order: 30,
  async section(deps, { t, locale }) {
    const candidates = (await everyShow(deps, true)).flatMap(({ show, episodes, artSizes }) =>
      episodes.slice(0, 1).map((episode) => ({ show, episode, artSizes })),
    )
    const latest = candidates.sort((a, b) => publishedOf(b.episode) - publishedOf(a.episode))[0]
    if (!latest) return null
    const { show, episode: e, artSizes } = latest
    const th = t.siteHome
    const tp = t.podcast
    const href = `/${locale}/podcast/${show.slug}/${e.slug}`
    const art = e.art ?? show.cover
    const title = titled(e, locale)
    const showTitle = titled(show, locale)
    return {
      body: (
        <section aria-labelledby="home-episode" class="home-section home-episode">
          <div class="home-section-head">
            <h2 id="home-episode">{th.latestEpisode}</h2>
            <a href={`/${locale}/podcast/${show.slug}`}>{th.allEpisodes}</a>
          </div>
          <Card
            variant="wide"
            href={href}
            title={title.text}
            titleLang={title.lang}
            image={
              art
                ? {
                    picture: sizedPicture(art, artSizes, 'square', { width: 224, height: 224 }),
                    alt: '',
                    ratio: '1/1',
                    sizes: '(max-width: 40rem) 6rem, 14rem',
                  }
                : undefined
            }
            meta={
              <>
                <span lang={showTitle.lang}>{showTitle.text}</span>
                {e.number !== null ? <span> · {tp.episodeNumber(e.number)}</span> : null}
                {e.publishedAt ? (
                  <>
                    {' · '}
                    <time datetime={e.publishedAt.toISOString()}>{formatDate(locale, e.publishedAt)}</time>
                  </>
                ) : null}
                {e.audio?.durationSeconds ? <span> · {clock(e.audio.durationSeconds)}</span> : null}
              </>
            }
          >
            <p class="card-description" lang={show.language}>
              {markdownText(e.notes, 240)}
            </p>
            <p class="home-play">
              <a class="button secondary play-link" href={href}>
                <PlayIcon />
                <span>{th.play}</span>
                <span class="visually-hidden" lang={title.lang}>
                  {' '}
                  {title.text}
                </span>
              </a>
            </p>
          </Card>
        </section>
      ),
    }
  },
})

registerHomeStat({
  key: 'podcast-episodes',
  order: 40,
  countsAsContent: true,
  async stat(deps, { t, locale }) {
    const n = (await everyShow(deps)).reduce((sum, s) => sum + s.episodes.length, 0)
    return { value: n, label: t.siteHome.stats.episodes(n), href: `/${locale}/podcast` }
  },
})

registerHomeAction({
  key: 'podcast-guest',
  order: 30,
  async action(deps, { t, locale }) {
    const shows = await listShows(deps)
    if (!shows.length) return null
    const a = t.siteHome.actions.beAGuest
    // With one show the form knows which; with several the reader picks one on the form.
    const subject = shows.length === 1 ? `?subject=${encodeURIComponent(shows[0]!.slug)}` : ''
    return { label: a.label, hint: a.hint, href: `/${locale}/applications/new/podcast-guest${subject}` }
  },
})

registerSitemapPart({
  name: 'episodes',
  order: 40,
  async entries(deps) {
    return (await everyShow(deps)).flatMap(({ show, episodes }) => [
      { path: `/podcast/${encodeURIComponent(show.slug)}`, lastModified: show.updatedAt },
      ...episodes.map((e) => ({
        path: `/podcast/${encodeURIComponent(show.slug)}/${encodeURIComponent(e.slug)}`,
        lastModified: e.updatedAt,
      })),
    ])
  },
})
