// The console home's events lines: drafts waiting to be published among the events this person
// organises, and how many of them are still to come.
import { registerDashboardSource } from '../console/index.ts'
import { isPast } from './events.rules.ts'
import { eventsToOrganise } from './events.service.ts'

registerDashboardSource({
  key: 'events',
  order: 25,
  needs: async (deps, viewer, { t, locale }) => {
    const now = deps.now()
    const drafts = (await eventsToOrganise(deps, viewer)).filter(
      (e) => e.status === 'draft' && !isPast(e, now),
    )
    return [
      { count: drafts.length, label: t.events.home.drafts(drafts.length), href: `/${locale}/console/events` },
    ]
  },
  stats: async (deps, viewer, { t, locale }) => {
    const now = deps.now()
    const upcoming = (await eventsToOrganise(deps, viewer)).filter(
      (e) => e.status === 'published' && !isPast(e, now),
    )
    return [{ value: upcoming.length, label: t.events.home.upcoming, href: `/${locale}/console/events` }]
  },
})
