// The console home's events lines: drafts waiting to be published among the events this person
// organises, registrations waiting for their approval (one line per event, linked to that event's
// registrations filtered to them), and how many of their events are still to come.
import { textIn } from '../../platform/views/localized.tsx'
import { registerDashboardSource } from '../console/index.ts'
import { countPendingByEvent } from './events.registrations.repo.ts'
import { isPast } from './events.rules.ts'
import { eventsToOrganise } from './events.service.ts'

registerDashboardSource({
  key: 'events',
  order: 25,
  needs: async (deps, viewer, { t, locale }) => {
    const now = deps.now()
    const organised = await eventsToOrganise(deps, viewer)
    const drafts = organised.filter((e) => e.status === 'draft' && !isPast(e, now))
    // Once an event is over there is no place left to approve: its pending requests wait for nobody.
    const open = organised.filter((e) => e.status !== 'cancelled' && !isPast(e, now))
    const pending = await countPendingByEvent(
      deps.db,
      open.map((e) => e.id),
    )
    return [
      { count: drafts.length, label: t.events.home.drafts(drafts.length), href: `/${locale}/console/events` },
      ...open
        .filter((e) => pending.has(e.id))
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
        .map((e) => {
          const count = pending.get(e.id)!
          return {
            count,
            label: t.events.home.pending(count, textIn(locale, e.titleZh, e.titleEn) || e.slug),
            href: `/${locale}/console/events/${e.id}/registrations?status=pending`,
            tone: 'accent' as const,
          }
        }),
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
