import { Hono } from 'hono'
import { raw } from 'hono/html'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import { EMBEDDABLE_HEADER } from '../../platform/http/app.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { safeHref } from '../../platform/http/url.ts'
import { formatDate, messagesFor } from '../../platform/i18n/index.ts'
import { type MediaFile, mediaUrl } from '../../platform/media/media.ts'
import { sizedPicture } from '../../platform/media/pictures.ts'
import { noneMatch } from '../../platform/media/ranges.ts'
import { assetUrl } from '../../platform/views/assets.ts'
import { Avatar, Card, type Picture, ResponsiveImage } from '../../platform/views/components.tsx'
import { EmptyState } from '../../platform/views/layout.tsx'
import { markdownHtml, markdownText } from '../../platform/views/markdown.ts'
import { render } from '../../platform/views/page.tsx'
import { displayName } from '../people/index.ts'
import { described, feedUrlOf, titled } from './podcast.feed.ts'
import { PlatformIcon, PlayIcon } from './podcast.icons.tsx'
import { PlayerControls } from './podcast.player.tsx'
import { chaptersDocument, clock, parseChapters, platformOf, timeParam, videoEmbed } from './podcast.rules.ts'
import { episodeSections } from './podcast.sections.ts'
import { feedOfShow, listShows, showWithEpisodes, transcriptOf } from './podcast.service.ts'
import { feedStylesheet } from './podcast.stylesheet.ts'

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

  // The feed as last rendered: strong ETag, Last-Modified, 304 for apps that ask again. Served as
  // application/xml, which apps read as they read application/rss+xml, because Chromium shows an
  // rss+xml document as plain text and would never apply the feed's stylesheet for a person.
  app.on(['GET', 'HEAD'], '/podcast/:show/feed.xml', async (c) => {
    const feed = await feedOfShow(deps, c.req.param('show'))
    const headers = {
      'Content-Type': 'application/xml; charset=utf-8',
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

  // The feed's page for browsers (the feed names it): made once per language, cached like an asset.
  const stylesheets = {
    zh: feedStylesheet(messagesFor('zh'), 'zh'),
    en: feedStylesheet(messagesFor('en'), 'en'),
  }
  app.on(['GET', 'HEAD'], '/podcast/:file{feed-(?:zh|en)\\.xsl}', (c) => {
    const sheet = stylesheets[c.req.param('file').slice(5, 7) as 'zh' | 'en']
    const headers = {
      'Content-Type': 'text/xsl; charset=utf-8',
      ETag: sheet.etag,
      'Cache-Control': 'public, max-age=3600',
    }
    if (noneMatch(c.req.header('if-none-match')?.replace(/-(br|gzip)"/g, '"'), sheet.etag))
      return c.body(null, 304, headers)
    if (c.req.method === 'HEAD') return c.body(null, 200, headers)
    return c.body(sheet.body, 200, headers)
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
    const tp = t.podcast
    const shows = []
    // One show at a time: there are few, and each needs its cover, hosts and episode count.
    for (const s of await listShows(deps)) shows.push(await showWithEpisodes(deps, s.slug, { sizes: true }))
    return render(
      c,
      { title: t.nav.podcast },
      <>
        <h1>{t.nav.podcast}</h1>
        {shows.length === 0 ? (
          <EmptyState title={t.empty.title}>{t.empty.podcast}</EmptyState>
        ) : (
          <ul class="cards show-cards">
            {shows.map(({ show, hosts, episodes, artSizes }) => (
              <li>
                <Card
                  level={2}
                  variant="wide"
                  href={`/${locale}/podcast/${show.slug}`}
                  title={titled(show, locale).text}
                  titleLang={titled(show, locale).lang}
                  image={
                    show.cover
                      ? {
                          picture: coverPicture(show.cover, artSizes, 224),
                          alt: '',
                          ratio: '1/1',
                          // The card's cover column (at most 14rem), or the card's width on a phone.
                          sizes: '(max-width: 40rem) 100vw, 14rem',
                        }
                      : undefined
                  }
                  meta={[
                    tp.episodeCount(episodes.length),
                    hosts.length
                      ? `${tp.hostedBy} ${hosts.map((h) => displayName(h, locale)).join(locale === 'zh' ? '、' : ', ')}`
                      : '',
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                >
                  <p class="card-description" lang={described(show, locale).lang}>
                    {markdownText(described(show, locale).text, 240)}
                  </p>
                </Card>
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
    const {
      show,
      hosts,
      episodes: all,
      artSizes,
    } = await showWithEpisodes(deps, c.req.param('show'), {
      sizes: true,
    })
    const st = titled(show, locale)
    const about = described(show, locale)
    const feedUrl = feedUrlOf(deps.config.baseUrl, show.slug)
    const query = (c.req.query('q') ?? '').trim().slice(0, 100)
    const episodes = query ? all.filter((e) => episodeMatches(e, query)) : all
    return render(
      c,
      {
        title: st.text,
        description: markdownText(about.text),
        head: (
          <>
            <link rel="alternate" type="application/rss+xml" title={st.text} href={feedUrl} />
            <meta property="og:type" content="website" />
            <meta property="og:title" content={st.text} />
            <meta property="og:description" content={markdownText(about.text)} />
            <meta property="og:url" content={`${deps.config.baseUrl}/${locale}/podcast/${show.slug}`} />
            {show.cover ? (
              <meta property="og:image" content={mediaUrl(deps.config.baseUrl, show.cover)} />
            ) : null}
            <script type="module" src={assetUrl('copy.js')} />
            {jsonLd({
              '@type': 'PodcastSeries',
              name: st.text,
              description: markdownText(about.text, 1000),
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
        <p class="breadcrumb">
          <a href={`/${locale}/podcast`}>{t.nav.podcast}</a>
        </p>
        <header class="podcast-hero">
          {show.cover ? (
            <ResponsiveImage
              picture={coverPicture(show.cover, artSizes, 240)}
              alt={tp.cover(st.text)}
              sizes={heroSizes(240)}
              class="podcast-cover"
              loading="eager"
            />
          ) : null}
          <div class="podcast-hero-text">
            <h1 lang={st.lang}>{st.text}</h1>
            <p class="muted">{tp.episodeCount(all.length)}</p>
            {hosts.length ? (
              <div class="people-row">
                <span class="muted">{tp.hostedBy}</span>
                <PeopleFaces people={hosts.map((h) => personFace(h, locale))} />
              </div>
            ) : null}
            <div class="podcast-description prose" lang={about.lang}>
              {raw(markdownHtml(about.text))}
            </div>
            {show.coverCredit ? <p class="muted small">{tp.coverBy(show.coverCredit)}</p> : null}
          </div>
        </header>
        <section aria-labelledby="subscribe-title" class="subscribe-section">
          <h2 id="subscribe-title">{tp.subscribe}</h2>
          <ul class="plain subscribe">
            {show.platforms.map((p) => {
              const known = platformOf(p)
              return (
                <li>
                  <a class="subscribe-link" href={safeHref(p.url)} rel="noopener">
                    <PlatformIcon platform={known} />
                    <span>{known ? (tp.platforms[known] ?? p.platform) : p.platform}</span>
                  </a>
                </li>
              )
            })}
            <li>
              <a class="subscribe-link" href={feedUrl} type="application/rss+xml">
                <PlatformIcon platform="rss" />
                <span>{tp.rss}</span>
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
        <section aria-labelledby="episodes-title">
          <h2 id="episodes-title">{tp.episodes}</h2>
          <search>
            <form method="get" action={`/${locale}/podcast/${show.slug}`} class="search filters">
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
            <ol class="plain episode-list">
              {episodes.map((e) => {
                const href = `/${locale}/podcast/${show.slug}/${e.slug}`
                const art = e.art ?? show.cover
                return (
                  <li>
                    <Card
                      variant="episode"
                      href={href}
                      title={titled(e, locale).text}
                      titleLang={titled(e, locale).lang}
                      image={
                        art
                          ? {
                              picture: coverPicture(art, artSizes, 112),
                              alt: '',
                              ratio: '1/1',
                              sizes: '(max-width: 40rem) 72px, 112px',
                            }
                          : undefined
                      }
                      meta={
                        <>
                          {e.number !== null ? <span>{tp.episodeNumber(e.number)}</span> : null}
                          {e.publishedAt ? (
                            <time datetime={e.publishedAt.toISOString()}>
                              {formatDate(locale, e.publishedAt)}
                            </time>
                          ) : null}
                          {e.audio?.durationSeconds ? (
                            <time datetime={isoDuration(e.audio.durationSeconds)}>
                              {clock(e.audio.durationSeconds)}
                            </time>
                          ) : null}
                        </>
                      }
                      action={
                        <a class="button secondary play-link" href={href}>
                          <PlayIcon />
                          <span>{tp.play}</span>
                          <span class="visually-hidden" lang={titled(e, locale).lang}>
                            {' '}
                            {titled(e, locale).text}
                          </span>
                        </a>
                      }
                    >
                      <p class="card-description" lang={show.language}>
                        {markdownText(e.notes, 160)}
                      </p>
                    </Card>
                  </li>
                )
              })}
            </ol>
          )}
        </section>
        <p class="actions">
          <a class="button secondary" href={`/${locale}/applications/new/podcast-guest?subject=${show.slug}`}>
            {tp.beAGuest}
          </a>
        </p>
      </>,
    )
  })

  // A player other sites put in an iframe: the episode's audio, its art, and where it comes from
  // (the show and the community, linking to the episode's page). The styled controls come from
  // player.js, as on the episode page; without script the browser's own player is there.
  app.get('/:lang{(?:zh|en)}/podcast/:show/:episode/embed', async (c) => {
    const { t, locale } = c.var
    const tp = t.podcast
    const brand = c.var.brand
    const { show, episodes, artSizes } = await showWithEpisodes(deps, c.req.param('show'), { sizes: true })
    const episode = episodes.find((e) => e.slug === c.req.param('episode'))
    if (!episode?.audio) throw new DomainError('notFoundRecord')
    const st = titled(show, locale)
    const et = titled(episode, locale)
    const site = `${deps.config.baseUrl}/${locale}`
    const page = `${site}/podcast/${show.slug}/${episode.slug}`
    const art = episode.art ?? show.cover
    const parsed = parseChapters(episode.chapters)
    const community = brand?.name
    const html = (
      <html lang={t.meta.htmlLang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light dark" />
          <title>{`${et.text} · ${st.text}`}</title>
          <link rel="stylesheet" href={assetUrl('app.css')} />
          {brand?.stylesheetUrl ? <link rel="stylesheet" href={brand.stylesheetUrl} /> : null}
          <link rel="canonical" href={page} />
          <script type="module" src={assetUrl('player.js')} />
        </head>
        <body class="embed-body">
          <main class="embed">
            <div class="embed-head">
              {art ? (
                <ResponsiveImage
                  picture={coverPicture(art, artSizes, 56)}
                  alt=""
                  class="embed-cover"
                  loading="eager"
                />
              ) : null}
              <div class="embed-text">
                <p class="embed-title">
                  <a href={page} target="_blank" rel="noopener" lang={et.lang}>
                    {et.text}
                  </a>
                </p>
                <p class="embed-from">
                  <span lang={st.lang}>{st.text}</span>
                  {community ? (
                    <>
                      <span aria-hidden="true"> · </span>
                      <span class="visually-hidden">, </span>
                      <a
                        href={site}
                        target="_blank"
                        rel="noopener"
                        lang={
                          community.lang !== locale ? (community.lang === 'zh' ? 'zh-Hans' : 'en') : undefined
                        }
                      >
                        {community.text}
                      </a>
                    </>
                  ) : null}
                </p>
              </div>
            </div>
            <div class="player-box embed-player">
              {/* biome-ignore lint/a11y/useMediaCaption: the transcript is on the episode's page, linked above */}
              <audio
                controls
                preload="none"
                src={mediaUrl(deps.config.baseUrl, episode.audio)}
                class="player"
              >
                <a href={page}>{tp.download}</a>
              </audio>
              <PlayerControls
                tp={tp}
                durationSeconds={episode.audio.durationSeconds ?? 0}
                start={null}
                chapters={parsed.ok ? parsed.chapters : []}
                language={show.language}
              />
            </div>
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
    const { show, hosts, episodes, artSizes } = await showWithEpisodes(deps, c.req.param('show'), {
      sizes: true,
    })
    const episode = episodes.find((e) => e.slug === c.req.param('episode'))
    if (!episode?.audio) throw new DomainError('notFoundRecord')
    const st = titled(show, locale)
    const et = titled(episode, locale)
    const parsed = parseChapters(episode.chapters)
    const chapterList = parsed.ok ? parsed.chapters : []
    const cues = await transcriptOf(deps, episode.transcript)
    const related = await episodeSections(deps, episode, { t, locale })
    const art = episode.art ?? show.cover
    const guests: Face[] = episode.guests.map(({ guest, person }) =>
      person?.id
        ? personFace(person as typeof person & { handle: string }, locale)
        : {
            name: guest.name ?? '',
            href: guest.url ? (safeHref(guest.url) ?? null) : null,
            avatarUrl: null,
            external: true,
          },
    )
    const start = timeParam(c.req.query('t'))
    const page = `/${locale}/podcast/${show.slug}/${episode.slug}`
    const audio = `${mediaUrl('', episode.audio)}${start ? `#t=${start}` : ''}`
    return render(
      c,
      {
        title: `${et.text} · ${st.text}`,
        description: markdownText(episode.notes),
        head: (
          <>
            <script type="module" src={assetUrl('player.js')} />
            <meta property="og:type" content="website" />
            <meta property="og:title" content={et.text} />
            <meta property="og:description" content={markdownText(episode.notes)} />
            <meta property="og:url" content={`${deps.config.baseUrl}${page}`} />
            <meta property="og:audio" content={mediaUrl(deps.config.baseUrl, episode.audio)} />
            <meta property="og:audio:type" content={episode.audio.contentType} />
            {show.cover ? (
              <meta property="og:image" content={mediaUrl(deps.config.baseUrl, show.cover)} />
            ) : null}
            {jsonLd({
              '@type': 'PodcastEpisode',
              name: et.text,
              url: `${deps.config.baseUrl}${page}`,
              description: markdownText(episode.notes, 1000),
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
                name: st.text,
                url: `${deps.config.baseUrl}/${locale}/podcast/${show.slug}`,
                webFeed: feedUrlOf(deps.config.baseUrl, show.slug),
              },
            })}
          </>
        ),
      },
      <>
        <p class="breadcrumb">
          <a href={`/${locale}/podcast`}>{t.nav.podcast}</a> <span aria-hidden="true">›</span>{' '}
          <a href={`/${locale}/podcast/${show.slug}`} lang={st.lang}>
            {st.text}
          </a>
        </p>
        <header class="podcast-hero episode-hero">
          {art ? (
            <ResponsiveImage
              picture={coverPicture(art, artSizes, 200)}
              alt={episode.art ? tp.artOf(et.text) : tp.cover(st.text)}
              sizes={heroSizes(200)}
              class="podcast-cover"
              loading="eager"
            />
          ) : null}
          <div class="podcast-hero-text">
            <h1 lang={et.lang}>{et.text}</h1>
            <p class="muted episode-facts">
              {episode.number !== null ? <span>{tp.episodeNumber(episode.number)}</span> : null}
              {episode.publishedAt ? (
                <time datetime={episode.publishedAt.toISOString()}>
                  {formatDate(locale, episode.publishedAt)}
                </time>
              ) : null}
              {episode.audio.durationSeconds ? (
                <time datetime={isoDuration(episode.audio.durationSeconds)}>
                  {clock(episode.audio.durationSeconds)}
                </time>
              ) : null}
            </p>
            {guests.length ? (
              <div class="people-row">
                <span class="muted">{tp.guests}</span>
                <PeopleFaces people={guests} />
              </div>
            ) : null}
          </div>
        </header>
        <div class="player-box">
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
          {/* Shown by player.js in place of the browser's controls; without it they are all there is. */}
          <PlayerControls
            tp={tp}
            durationSeconds={episode.audio.durationSeconds ?? 0}
            start={start}
            chapters={chapterList}
            language={show.language}
          />
        </div>
        {chapterList.length ? (
          <section aria-labelledby="chapters-title">
            <h2 id="chapters-title">{tp.chapters}</h2>
            <ol class="plain chapters">
              {chapterList.map((ch) => (
                <li>
                  <a href={`${page}?t=${ch.startTime}`} data-start={String(ch.startTime)}>
                    <time>{clock(ch.startTime)}</time> <span lang={show.language}>{ch.title}</span>
                  </a>
                </li>
              ))}
            </ol>
          </section>
        ) : null}
        <section aria-labelledby="notes-title">
          <h2 id="notes-title">{tp.notes}</h2>
          <div class="prose" lang={show.language}>
            {raw(markdownHtml(episode.notes))}
          </div>
          {episode.sponsor ? <p class="muted">{tp.sponsor(episode.sponsor)}</p> : null}
          {episode.videoUrl ? (
            <Video url={episode.videoUrl} title={tp.videoOf(et.text)} label={tp.video} />
          ) : null}
        </section>
        {hosts.length || guests.length ? (
          <section aria-labelledby="people-title">
            <h2 id="people-title">{tp.people}</h2>
            <ul class="plain person-list">
              {[
                ...hosts.map((h) => ({ ...personFace(h, locale), role: tp.host })),
                ...guests.map((g) => ({ ...g, role: tp.guest })),
              ].map((p) => (
                <li class="person-line">
                  <Avatar name={p.name} src={p.avatarUrl} alt="" />
                  <span>
                    {p.href ? (
                      <a href={p.href} rel={p.external ? 'noopener nofollow' : undefined}>
                        {p.name}
                      </a>
                    ) : (
                      p.name
                    )}
                    <br />
                    <span class="muted">{p.role}</span>
                  </span>
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
        {related}
        <p>
          <a href={mediaUrl('', episode.audio)} download>
            {tp.download}
          </a>
        </p>
      </>,
    )
  })

  return app
}

type Face = { name: string; href: string | null; avatarUrl: string | null; external?: boolean }

const personFace = (
  p: { handle: string; nameZh: string | null; nameEn: string | null; avatarUrl: string | null },
  locale: 'zh' | 'en',
): Face => ({ name: displayName(p, locale), href: `/${locale}/people/${p.handle}`, avatarUrl: p.avatarUrl })

/** Faces with names beside them, each linking to the person. */
function PeopleFaces({ people }: { people: Face[] }) {
  return (
    <ul class="plain faces">
      {people.map((p) => (
        <li>
          {p.href ? (
            <a href={p.href} rel={p.external ? 'noopener nofollow' : undefined}>
              <Avatar name={p.name} src={p.avatarUrl} alt="" size="small" />
              <span>{p.name}</span>
            </a>
          ) : (
            <>
              <Avatar name={p.name} src={p.avatarUrl} alt="" size="small" />
              <span>{p.name}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  )
}

/**
 * Cover or episode art shown `shown` px square, in the sizes made of it (`artSizes` of
 * `showWithEpisodes`); art kept before sizes were made is shown as it is.
 */
const coverPicture = (file: MediaFile, sizes: readonly MediaFile[], shown: number): Picture =>
  sizedPicture(file, sizes, 'square', { width: shown, height: shown })

/** The head's cover: its own width, or on a phone as wide as the screen allows, up to 200 px. */
const heroSizes = (shown: number) => `(max-width: 40rem) min(100vw, 200px), ${shown}px`

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
    titleZh: string | null
    titleEn: string | null
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
    e.titleZh,
    e.titleEn,
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
