// A person's page shows the shows they host and the ones they were a guest on among their
// current roles, and the episodes they were a guest on as a section of its own.

import { Localized } from '../../platform/views/localized.tsx'
import { registerProfileSource } from '../people/index.ts'
import { titled } from './podcast.feed.ts'
import * as repo from './podcast.repo.ts'

registerProfileSource({
  key: 'podcast',
  order: 20,
  async roles(deps, person, view) {
    const { t, locale } = view
    const [hosted, guestOn] = await Promise.all([
      repo.selectShowsHostedBy(deps.db, person.id),
      repo.selectGuestEpisodes(deps.db, person.id),
    ])
    // One line per show a person was a guest on, since their first published appearance.
    const firstOn = new Map<string, (typeof guestOn)[number]>()
    for (const g of guestOn) firstOn.set(g.show.slug, g)
    return [
      ...hosted.map((s) => {
        const title = titled(s, view.locale)
        return {
          label: t.people.hostOf(title.text),
          href: `/${locale}/podcast/${s.slug}`,
          since: s.createdAt,
          lang: title.lang,
        }
      }),
      ...[...firstOn.values()].map((g) => {
        const title = titled(g.show, view.locale)
        return {
          label: t.people.guestOf(title.text),
          href: `/${locale}/podcast/${g.show.slug}`,
          since: g.episode.publishedAt ?? g.episode.createdAt,
          lang: title.lang,
        }
      }),
    ]
  },
  async section(deps, person, view) {
    const { t, locale } = view
    const guestOn = await repo.selectGuestEpisodes(deps.db, person.id)
    if (!guestOn.length) return null
    return (
      <section aria-labelledby="guest-on-title">
        <h2 id="guest-on-title">{t.podcast.guestOn}</h2>
        <ul class="plain">
          {guestOn.map(({ episode, show }) => (
            <li>
              <a href={`/${locale}/podcast/${show.slug}/${episode.slug}`}>
                <Localized locale={locale} zh={episode.titleZh} en={episode.titleEn} />
              </a>{' '}
              <span class="muted">
                · <Localized locale={locale} zh={show.titleZh} en={show.titleEn} />
              </span>
            </li>
          ))}
        </ul>
      </section>
    )
  },
})
