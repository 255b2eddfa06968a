// Who has been contributing lately, as faces on the home page (the busiest of the last 90 days),
// with how many there were and the way to the contributors page.
import { AvatarStack } from '../../platform/views/components.tsx'
import { displayName } from '../people/index.ts'
import { registerHomeSection } from '../site/index.ts'
import { periodDays } from './activity.rules.ts'
import { communityActivity } from './activity.service.ts'

const PERIOD = '90d' as const
const FACES = 12

registerHomeSection({
  key: 'activity-recent',
  order: 60,
  async section(deps, { t, locale }) {
    const { entries, contributors } = await communityActivity(deps, { period: PERIOD, limit: FACES })
    if (!entries.length) return null
    const th = t.siteHome
    return {
      body: (
        <section aria-labelledby="home-contributors" class="home-section">
          <div class="home-section-head">
            <h2 id="home-contributors">{th.contributors}</h2>
            <a href={`/${locale}/contributors?period=${PERIOD}`}>{th.seeContributors}</a>
          </div>
          <p class="muted">{th.contributorsLead(contributors, periodDays[PERIOD] ?? 90)}</p>
          <AvatarStack
            label={th.contributors}
            more={th.more}
            max={FACES}
            people={entries.map((e) =>
              e.person
                ? {
                    name: displayName(e.person, locale),
                    alt: displayName(e.person, locale),
                    src: e.person.avatarUrl,
                    href: `/${locale}/people/${e.person.handle}`,
                  }
                : {
                    name: e.login,
                    alt: e.login,
                    href: `${deps.config.githubUrl}/${encodeURIComponent(e.login)}`,
                  },
            )}
          />
        </section>
      ),
    }
  },
})
