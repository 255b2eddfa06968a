// What events put on the home page: the next three (nearest first, with their chapter and places
// left), how many the community holds this year, and every public event in the sitemap.
import { registerHomeSection, registerHomeStat, registerSitemapPart } from '../site/index.ts'
import { publicEvents } from './events.service.ts'
import { EventCards } from './events.views.tsx'

const yearIn = (date: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en', { year: 'numeric', timeZone }).format(date)

registerHomeSection({
  key: 'events-next',
  order: 20,
  async section(deps, { t, locale }) {
    const next = (await publicEvents(deps, {})).upcoming.filter((e) => e.status === 'published').slice(0, 3)
    if (!next.length) return null
    const th = t.siteHome
    return {
      // Places left change without a content change: the page cache keeps this only briefly.
      freshFor: 5_000,
      body: (
        <section aria-labelledby="home-events" class="home-section">
          <div class="home-section-head">
            <h2 id="home-events">{th.nextEvents}</h2>
            <a href={`/${locale}/events`}>{th.allEvents}</a>
          </div>
          <EventCards events={next} locale={locale} t={t} now={deps.now()} />
        </section>
      ),
    }
  },
})

registerHomeStat({
  key: 'events-this-year',
  order: 30,
  countsAsContent: true,
  async stat(deps, { t, locale }) {
    const now = deps.now()
    const { upcoming, past } = await publicEvents(deps, {})
    const n = [...upcoming, ...past].filter(
      (e) => e.status !== 'cancelled' && yearIn(e.startsAt, e.timeZone) === yearIn(now, e.timeZone),
    ).length
    return { value: n, label: t.siteHome.stats.eventsThisYear(n), href: `/${locale}/events` }
  },
})

registerSitemapPart({
  name: 'events',
  order: 30,
  async entries(deps) {
    const { upcoming, past } = await publicEvents(deps, {})
    return [...upcoming, ...past].map((e) => ({ path: `/events/${encodeURIComponent(e.slug)}` }))
  },
})
