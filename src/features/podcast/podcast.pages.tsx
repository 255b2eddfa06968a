import { Hono } from 'hono'
import { raw } from 'hono/html'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import { EMBEDDABLE_HEADER } from '../../platform/http/app.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { safeHref } from '../../platform/http/url.ts'
import { formatDate } from '../../platform/i18n/index.ts'
import { mediaUrl } from '../../platform/media/media.ts'
import { noneMatch } from '../../platform/media/ranges.ts'
import { assetUrl } from '../../platform/views/assets.ts'
import { EmptyState } from '../../platform/views/layout.tsx'
import { render } from '../../platform/views/page.tsx'
import { displayName } from '../people/index.ts'
import { feedUrlOf } from './podcast.feed.ts'
import { notesHtml, notesText } from './podcast.markdown.ts'
import { chaptersDocument, clock, parseChapters, timeParam, videoEmbed } from './podcast.rules.ts'
import { feedOfShow, listShows, showWithEpisodes, transcriptOf } from './podcast.service.ts'

/** Structured data for search engines and link previews: JSON as a data block (never executed). */
const jsonLd = (data: Record<string, unknown>) => (
  <script type="application/ld+json">
    {raw(JSON.stringify({ '@context': 'https://schema.org', ...data }).replace(/</g, '\\u003c'))}
  </script>
)

/** ISO 8601 duration, as schema.org wants it: PT1H2M3S. */
const isoDuration = (seconds: number) =>
  `PT${Math.floor(seconds / 3600) ? `${Math.floor(seconds / 3600)}H` : ''}${Math.floor((seconds % 3600) / 60)}M${Math.floor(seconds % 60)}S`

export function podcastPages(deps: Deps) {
  const app = new Hono<AppEnv>()

  // The feed as last rendered: strong ETag, Last-Modified, 304 for apps that ask again.
  app.on(['GET', 'HEAD'], '/podcast/:show/feed.xml', async (c) => {
    const feed = await feedOfShow(deps, c.req.param('show'))
    const headers = {
      'Content-Type': 'application/rss+xml; charset=utf-8',
      ETag: feed.etag,
      'Last-Modified': feed.renderedAt.toUTCString(),
      'Cache-Control': 'public, max-age=300',
    }
    const ifModifiedSince = Date.parse(c.req.header('if-modified-since') ?? '')
    const unchanged = c.req.header('if-none-match')
      ? noneMatch(c.req.header('if-none-match')?.replace(/-(br|gzip)"/g, '"'), feed.etag)
      : !Number.isNaN(ifModifiedSince) &&
        Math.floor(feed.renderedAt.getTime() / 1000) <= ifModifiedSince / 1000
    if (unchanged) return c.body(null, 304, headers)
    if (c.req.method === 'HEAD') return c.body(null, 200, headers)
    return c.body(feed.xml, 200, headers)
  })

  app.get('/podcast/:show/:episode/chapters.json', async (c) => {
    const { episodes } = await showWithEpisodes(deps, c.req.param('show'))
    const episode = episodes.find((e) => e.slug === c.req.param('episode'))
    const parsed = episode ? parseChapters(episode.chapters) : null
    if (!parsed?.ok) throw new DomainError('notFoundRecord')
    return c.json(chaptersDocument(parsed.chapters), 200, {
      'Content-Type': 'application/json+chapters; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
    })
  })

  app.get('/:lang{(?:zh|en)}/podcast', async (c) => {
    const { t, locale } = c.var
    const shows = await listShows(deps)
    return render(
      c,
      { title: t.nav.podcast },
      <>
        <h1>{t.nav.podcast}</h1>
        {shows.length === 0 ? (
          <EmptyState title={t.empty.title}>{t.empty.podcast}</EmptyState>
        ) : (
          <ul class="cards">
            {shows.map((s) => (
              <li class="card">
                <h2>
                  <a href={`/${locale}/podcast/${s.slug}`}>{s.title}</a>
                </h2>
                <p>{notesText(s.description, 200)}</p>
              </li>
            ))}
          </ul>
        )}
      </>,
    )
  })

  app.get('/:lang{(?:zh|en)}/podcast/how-we-count', (c) => {
    const { t } = c.var
    const h = t.podcast.howWeCount
    return render(
      c,
      { title: h.title, description: h.lead },
      <>
        <h1>{h.title}</h1>
        <p class="lead">{h.lead}</p>
        <ul>
          {h.rules.map((r) => (
            <li>{r}</li>
          ))}
        </ul>
        <p>{h.privacy}</p>
      </>,
    )
  })

  app.get('/:lang{(?:zh|en)}/podcast/:show', async (c) => {
    const { t, locale } = c.var
    const tp = t.podcast
    const { show, hosts, episodes: all } = await showWithEpisodes(deps, c.req.param('show'))
    const feedUrl = feedUrlOf(deps.config.baseUrl, show.slug)
    const query = (c.req.query('q') ?? '').trim().slice(0, 100)
    const episodes = query ? all.filter((e) => episodeMatches(e, query)) : all
    return render(
      c,
      {
        title: show.title,
        description: notesText(show.description),
        head: (
          <>
            <link rel="alternate" type="application/rss+xml" title={show.title} href={feedUrl} />
            <meta property="og:type" content="website" />
            <meta property="og:title" content={show.title} />
            <meta property="og:description" content={notesText(show.description)} />
            <meta property="og:url" content={`${deps.config.baseUrl}/${locale}/podcast/${show.slug}`} />
            {show.cover ? (
              <meta property="og:image" content={mediaUrl(deps.config.baseUrl, show.cover)} />
            ) : null}
            <script type="module" src={assetUrl('copy.js')} />
            {jsonLd({
              '@type': 'PodcastSeries',
              name: show.title,
              description: notesText(show.description, 1000),
              url: `${deps.config.baseUrl}/${locale}/podcast/${show.slug}`,
              webFeed: feedUrl,
              inLanguage: show.language,
              ...(show.cover ? { image: mediaUrl(deps.config.baseUrl, show.cover) } : {}),
              author: hosts.map((h) => ({
                '@type': 'Person',
                name: displayName(h, locale),
                url: `${deps.config.baseUrl}/${locale}/people/${h.handle}`,
              })),
            })}
          </>
        ),
      },
      <>
        <p>
          <a href={`/${locale}/podcast`}>{t.nav.podcast}</a>
        </p>
        <div class="profile-head">
          {show.cover ? (
            <img
              src={mediaUrl('', show.cover)}
              alt={tp.cover(show.title)}
              width="160"
              height="160"
              class="cover"
            />
          ) : null}
          <div>
            <h1 lang={show.language}>{show.title}</h1>
            {hosts.length ? (
              <p>
                {tp.hostedBy}{' '}
                {hosts.map((h, i) => (
                  <>
                    {i ? (locale === 'zh' ? '、' : ', ') : ''}
                    <a href={`/${locale}/people/${h.handle}`}>{displayName(h, locale)}</a>
                  </>
                ))}
              </p>
            ) : null}
          </div>
        </div>
        <div lang={show.language}>{raw(notesHtml(show.description))}</div>
        {show.coverCredit ? <p class="muted">{tp.coverBy(show.coverCredit)}</p> : null}
        <section aria-labelledby="subscribe-title">
          <h2 id="subscribe-title">{tp.subscribe}</h2>
          <ul class="plain subscribe">
            {show.platforms.map((p) => (
              <li>
                <a class="button secondary" href={safeHref(p.url)} rel="noopener">
                  {tp.platforms[p.platform] ?? p.platform}
                </a>
              </li>
            ))}
            <li>
              <a class="button secondary" href={feedUrl}>
                {tp.rss}
              </a>
            </li>
          </ul>
          <label for="feed-url">{tp.feedUrl}</label>
          <div class="copy-row">
            <input id="feed-url" type="url" readonly value={feedUrl} class="copy-source" />
            <button type="button" class="secondary" data-copy="feed-url" data-copied={tp.copied} hidden>
              {tp.copy}
            </button>
          </div>
        </section>
        <p>
          <a class="button" href={`/${locale}/applications/new/podcast-guest?subject=${show.slug}`}>
            {tp.beAGuest}
          </a>
        </p>
        <section aria-labelledby="episodes-title">
          <h2 id="episodes-title">{tp.episodes}</h2>
          <search>
            <form method="get" action={`/${locale}/podcast/${show.slug}`} class="filters">
              <div class="field">
                <label for="episode-search">{tp.searchEpisodes}</label>
                <input id="episode-search" type="search" name="q" value={query} maxlength={100} />
              </div>
              <button type="submit" class="secondary">
                {tp.search}
              </button>
            </form>
          </search>
          {query ? (
            <p role="status">
              {tp.found(episodes.length, query)}{' '}
              <a href={`/${locale}/podcast/${show.slug}`}>{tp.allEpisodes}</a>
            </p>
          ) : null}
          {episodes.length === 0 ? (
            <p class="muted">{query ? tp.noneFound : tp.noEpisodes}</p>
          ) : (
            <ol class="timeline" reversed>
              {episodes.map((e) => (
                <li>
                  <a href={`/${locale}/podcast/${show.slug}/${e.slug}`} lang={show.language}>
                    {e.title}
                  </a>
                  <div class="muted">
                    {e.publishedAt ? (
                      <time datetime={e.publishedAt.toISOString()}>{formatDate(locale, e.publishedAt)}</time>
                    ) : null}
                    {e.audio?.durationSeconds ? ` · ${clock(e.audio.durationSeconds)}` : ''}
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>
      </>,
    )
  })

  // A player other sites put in an iframe: the episode's audio and where it comes from, nothing else.
  app.get('/:lang{(?:zh|en)}/podcast/:show/:episode/embed', async (c) => {
    const { t, locale } = c.var
    const { show, episodes } = await showWithEpisodes(deps, c.req.param('show'))
    const episode = episodes.find((e) => e.slug === c.req.param('episode'))
    if (!episode?.audio) throw new DomainError('notFoundRecord')
    const page = `${deps.config.baseUrl}/${locale}/podcast/${show.slug}/${episode.slug}`
    const html = (
      <html lang={t.meta.htmlLang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${episode.title} · ${show.title}`}</title>
          <link rel="stylesheet" href={assetUrl('app.css')} />
          <link rel="canonical" href={page} />
        </head>
        <body>
          <main class="embed">
            <p>
              <a href={page} target="_blank" rel="noopener" lang={show.language}>
                <strong>{episode.title}</strong>
              </a>{' '}
              · <span lang={show.language}>{show.title}</span>
            </p>
            {/* biome-ignore lint/a11y/useMediaCaption: the transcript is on the episode's page, linked above */}
            <audio controls preload="none" src={mediaUrl(deps.config.baseUrl, episode.audio)} class="player">
              <a href={page}>{t.podcast.download}</a>
            </audio>
          </main>
        </body>
      </html>
    )
    return c.html(`<!doctype html>${html}`, 200, {
      'Cache-Control': 'public, max-age=300',
      [EMBEDDABLE_HEADER]: '1',
    })
  })

  app.get('/:lang{(?:zh|en)}/podcast/:show/:episode', async (c) => {
    const { t, locale } = c.var
    const tp = t.podcast
    const { show, hosts, episodes } = await showWithEpisodes(deps, c.req.param('show'))
    const episode = episodes.find((e) => e.slug === c.req.param('episode'))
    if (!episode?.audio) throw new DomainError('notFoundRecord')
    const chapters = parseChapters(episode.chapters)
    const cues = await transcriptOf(deps, episode.transcript)
    const start = timeParam(c.req.query('t'))
    const page = `/${locale}/podcast/${show.slug}/${episode.slug}`
    const audio = `${mediaUrl('', episode.audio)}${start ? `#t=${start}` : ''}`
    return render(
      c,
      {
        title: `${episode.title} · ${show.title}`,
        description: notesText(episode.notes),
        head: (
          <>
            <script type="module" src={assetUrl('player.js')} />
            <meta property="og:type" content="website" />
            <meta property="og:title" content={episode.title} />
            <meta property="og:description" content={notesText(episode.notes)} />
            <meta property="og:url" content={`${deps.config.baseUrl}${page}`} />
            <meta property="og:audio" content={mediaUrl(deps.config.baseUrl, episode.audio)} />
            <meta property="og:audio:type" content={episode.audio.contentType} />
            {show.cover ? (
              <meta property="og:image" content={mediaUrl(deps.config.baseUrl, show.cover)} />
            ) : null}
            {jsonLd({
              '@type': 'PodcastEpisode',
              name: episode.title,
              url: `${deps.config.baseUrl}${page}`,
              description: notesText(episode.notes, 1000),
              ...(episode.publishedAt ? { datePublished: episode.publishedAt.toISOString() } : {}),
              ...(episode.number !== null ? { episodeNumber: episode.number } : {}),
              ...(episode.audio.durationSeconds
                ? { timeRequired: isoDuration(episode.audio.durationSeconds) }
                : {}),
              associatedMedia: {
                '@type': 'MediaObject',
                contentUrl: mediaUrl(deps.config.baseUrl, episode.audio),
                encodingFormat: episode.audio.contentType,
              },
              partOfSeries: {
                '@type': 'PodcastSeries',
                name: show.title,
                url: `${deps.config.baseUrl}/${locale}/podcast/${show.slug}`,
                webFeed: feedUrlOf(deps.config.baseUrl, show.slug),
              },
            })}
          </>
        ),
      },
      <>
        <p>
          <a href={`/${locale}/podcast/${show.slug}`}>{show.title}</a>
        </p>
        <h1 lang={show.language}>{episode.title}</h1>
        <p class="muted">
          {episode.publishedAt ? formatDate(locale, episode.publishedAt) : ''}
          {episode.audio.durationSeconds ? ` · ${clock(episode.audio.durationSeconds)}` : ''}
        </p>
        {/* biome-ignore lint/a11y/useMediaCaption: the captions track is the episode's transcript, added when it has one */}
        <audio controls preload="metadata" src={audio} class="player">
          {episode.transcript ? (
            <track
              kind="captions"
              src={mediaUrl('', episode.transcript)}
              srclang={show.language}
              label={tp.transcript}
              default
            />
          ) : null}
          <a href={mediaUrl('', episode.audio)}>{tp.download}</a>
        </audio>
        {/* Shown by player.js; without it the browser's own controls are all there is. */}
        <div class="player-tools" hidden>
          <button type="button" class="secondary" data-skip="-15">
            {tp.back15}
          </button>
          <button type="button" class="secondary" data-skip="30">
            {tp.forward30}
          </button>
          <label for="speed">{tp.speed}</label>
          <select id="speed" name="speed">
            {['0.75', '1', '1.25', '1.5', '2'].map((v) => (
              <option value={v} selected={v === '1'}>
                {v}×
              </option>
            ))}
          </select>
        </div>
        {chapters.ok && chapters.chapters.length ? (
          <section aria-labelledby="chapters-title">
            <h2 id="chapters-title">{tp.chapters}</h2>
            <ol class="plain chapters">
              {chapters.chapters.map((ch) => (
                <li>
                  <a href={`${page}?t=${ch.startTime}`} data-start={String(ch.startTime)}>
                    <time>{clock(ch.startTime)}</time> {ch.title}
                  </a>
                </li>
              ))}
            </ol>
          </section>
        ) : null}
        {hosts.length || episode.guests.length ? (
          <section aria-labelledby="people-title">
            <h2 id="people-title">{tp.people}</h2>
            <ul class="plain">
              {hosts.map((h) => (
                <li>
                  {tp.host}: <a href={`/${locale}/people/${h.handle}`}>{displayName(h, locale)}</a>
                </li>
              ))}
              {episode.guests.map(({ guest, person }) => (
                <li>
                  {tp.guest}:{' '}
                  {person?.id ? (
                    <a href={`/${locale}/people/${person.handle}`}>{displayName(person, locale)}</a>
                  ) : guest.url ? (
                    <a href={safeHref(guest.url)} rel="noopener nofollow">
                      {guest.name}
                    </a>
                  ) : (
                    guest.name
                  )}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {cues.length ? (
          <section aria-labelledby="transcript-title">
            <h2 id="transcript-title">{tp.transcript}</h2>
            <ol class="plain transcript" lang={show.language}>
              {cues.map((cue) => (
                <li data-start={String(cue.start)}>
                  <a href={`${page}?t=${Math.floor(cue.start)}`} data-start={String(cue.start)}>
                    <time>{clock(cue.start)}</time>
                  </a>{' '}
                  {cue.speaker ? <strong>{cue.speaker}</strong> : null} {cue.text}
                </li>
              ))}
            </ol>
          </section>
        ) : null}
        <section aria-labelledby="notes-title">
          <h2 id="notes-title">{tp.notes}</h2>
          <div lang={show.language}>{raw(notesHtml(episode.notes))}</div>
          {episode.sponsor ? <p class="muted">{tp.sponsor(episode.sponsor)}</p> : null}
          {episode.videoUrl ? (
            <Video url={episode.videoUrl} title={tp.videoOf(episode.title)} label={tp.video} />
          ) : null}
        </section>
      </>,
    )
  })

  return app
}

/** The episode's video: its player framed when it is YouTube or Bilibili, and always the link. */
function Video({ url, title, label }: { url: string; title: string; label: string }) {
  const embed = videoEmbed(url)
  return (
    <>
      {embed ? (
        <div class="video-embed">
          <iframe
            src={embed.src}
            title={title}
            loading="lazy"
            referrerpolicy="strict-origin-when-cross-origin"
            allow="encrypted-media; picture-in-picture; fullscreen"
            allowfullscreen
            sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"
          />
        </div>
      ) : null}
      <p>
        <a href={safeHref(url)} rel="noopener">
          {label}
        </a>
      </p>
    </>
  )
}

/** Search within a show: the words in the title, notes, chapters or guests' names, any case. */
function episodeMatches(
  e: {
    title: string
    notes: string
    chapters: string
    guests: {
      guest: { name: string | null }
      person: { nameZh: string | null; nameEn: string | null; handle: string | null } | null
    }[]
  },
  query: string,
) {
  const text = [
    e.title,
    e.notes,
    e.chapters,
    ...e.guests.flatMap((g) => [g.guest.name, g.person?.nameZh, g.person?.nameEn, g.person?.handle]),
  ]
    .filter(Boolean)
    .join('\n')
    .toLocaleLowerCase()
  return query
    .toLocaleLowerCase()
    .split(/\s+/)
    .every((word) => text.includes(word))
}
