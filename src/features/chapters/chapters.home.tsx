// What chapters put on the home page: the cities as a grid with their leaders' faces, how many
// chapters there are, the ways to join or found one, and every chapter's page in the sitemap.
import { pictureOf } from '../../platform/media/pictures.ts'
import { AvatarStack, Card } from '../../platform/views/components.tsx'
import { displayName } from '../people/index.ts'
import {
  registerHomeAction,
  registerHomeSection,
  registerHomeStat,
  registerSitemapPart,
} from '../site/index.ts'
import { listChapters } from './chapters.service.ts'

/** The grid shows this many cities; the list page has them all. */
const SHOWN = 8

/** Chapters a visitor can join today: an inactive one waits for a new leader first. */
const open = async (deps: Parameters<typeof listChapters>[0]) =>
  (await listChapters(deps)).filter(({ chapter }) => chapter.status !== 'inactive')

registerHomeSection({
  key: 'chapters-grid',
  order: 50,
  async section(deps, { t, locale }) {
    const found = await open(deps)
    if (!found.length) return null
    const th = t.siteHome
    // Busiest first: a city with a team and members leads the grid.
    const shown = [...found].sort((a, b) => b.team.length - a.team.length).slice(0, SHOWN)
    return {
      body: (
        <section aria-labelledby="home-chapters" class="home-section">
          <div class="home-section-head">
            <h2 id="home-chapters">{th.chapters}</h2>
            <a href={`/${locale}/chapters`}>{th.allChapters}</a>
          </div>
          <p class="muted">{th.chaptersLead}</p>
          <ul class="cards city-grid">
            {shown.map(({ chapter, team }) => {
              const city = locale === 'zh' ? chapter.cityZh : chapter.cityEn
              const leaders = team.filter((s) => s.role !== 'member')
              const members = team.filter((s) => s.role === 'member').length
              return (
                <li>
                  <Card
                    variant="chapter"
                    href={`/${locale}/chapters/${chapter.slug}`}
                    title={city}
                    meta={th.members(members + leaders.length)}
                  >
                    {leaders.length ? (
                      <AvatarStack
                        label={th.leadersOf(city)}
                        more={th.more}
                        max={4}
                        people={leaders.map((s) => ({
                          name: displayName(s.person, locale),
                          alt: displayName(s.person, locale),
                          picture: s.person.avatar ? pictureOf(s.person.avatar, 32) : undefined,
                          src: s.person.avatarUrl,
                          href: `/${locale}/people/${s.person.handle}`,
                        }))}
                      />
                    ) : (
                      <p class="muted small">{th.noLeaders}</p>
                    )}
                  </Card>
                </li>
              )
            })}
          </ul>
        </section>
      ),
    }
  },
})

registerHomeStat({
  key: 'chapters',
  order: 20,
  countsAsContent: true,
  async stat(deps, { t, locale }) {
    const n = (await open(deps)).length
    return { value: n, label: t.siteHome.stats.chapters(n), href: `/${locale}/chapters` }
  },
})

registerHomeAction({
  key: 'chapters-join',
  order: 10,
  async action(deps, { t, locale }) {
    if (!(await open(deps)).length) return null
    const a = t.siteHome.actions.joinChapter
    // Joining asks for one chapter: the list is where a reader finds theirs.
    return { label: a.label, hint: a.hint, href: `/${locale}/chapters` }
  },
})

registerHomeAction({
  key: 'chapters-found',
  order: 40,
  async action(_deps, { t, locale }) {
    const a = t.siteHome.actions.foundChapter
    return { label: a.label, hint: a.hint, href: `/${locale}/applications/new/found-chapter` }
  },
})

registerSitemapPart({
  name: 'chapters',
  order: 20,
  async entries(deps) {
    return (await listChapters(deps)).map(({ chapter }) => ({
      path: `/chapters/${encodeURIComponent(chapter.slug)}`,
      lastModified: chapter.updatedAt,
    }))
  },
})
