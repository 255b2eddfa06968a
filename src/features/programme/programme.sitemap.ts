// A conference's programme pages in the sitemap: its schedule, speakers, each session and, once it
// has some, its videos (the event's own page is in the events' part).
import { eventPage, offersSchedule, publicEvents } from '../events/index.ts'
import { registerSitemapPart } from '../site/index.ts'

registerSitemapPart({
  name: 'programme',
  order: 35,
  async entries(deps) {
    const { upcoming, past } = await publicEvents(deps, {})
    const entries: { path: string }[] = []
    for (const card of [...upcoming, ...past].filter((e) => e.kind === 'conference')) {
      const { event, sessions } = await eventPage(deps, null, card.slug)
      if (!offersSchedule(event, sessions)) continue
      const base = `/events/${encodeURIComponent(event.slug)}`
      entries.push({ path: `${base}/schedule` }, { path: `${base}/speakers` })
      if (sessions.some((s) => s.videoUrl)) entries.push({ path: `${base}/videos` })
      for (const s of sessions) if (s.kind !== 'break') entries.push({ path: `${base}/sessions/${s.id}` })
    }
    return entries
  },
})
