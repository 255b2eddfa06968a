// A person's page shows the shows they host and the ones they were a guest on among their
// current roles, and the episodes they were a guest on as a section of its own.
import { type ProfileView, registerProfileSource } from '../people/index.ts'
import * as repo from './podcast.repo.ts'

// A show's title is written in the show's language: marked when the page is in the other one.
const langOf = (language: string, { locale }: ProfileView) =>
  language.startsWith(locale) ? undefined : language

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
      ...hosted.map((s) => ({
        label: t.people.hostOf(s.title),
        href: `/${locale}/podcast/${s.slug}`,
        since: s.createdAt,
        lang: langOf(s.language, view),
      })),
      ...[...firstOn.values()].map((g) => ({
        label: t.people.guestOf(g.show.title),
        href: `/${locale}/podcast/${g.show.slug}`,
        since: g.episode.publishedAt ?? g.episode.createdAt,
        lang: langOf(g.show.language, view),
      })),
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
              <a href={`/${locale}/podcast/${show.slug}/${episode.slug}`} lang={show.language}>
                {episode.title}
              </a>{' '}
              <span class="muted">· {show.title}</span>
            </li>
          ))}
        </ul>
      </section>
    )
  },
})
