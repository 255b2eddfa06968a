// A chapter's events that people were checked in at are the offline events it held: the daily
// health review and the SIG's board read them beside what teams recorded by hand (chapters.held.ts).
import { registerHeldEventSource } from '../chapters/index.ts'
import * as repo from './events.checkin.repo.ts'
import { localDay } from './events.checkin.rules.ts'

registerHeldEventSource({
  key: 'events',
  async held(db, of, now) {
    const rows = await repo.selectCheckedInEvents(db, of, now)
    return rows.map((e) => ({
      chapterId: e.chapterId,
      // The day it was held where it was held.
      heldOn: localDay(e.startsAt, e.timeZone),
      selfReported: false as const,
      titleZh: e.titleZh,
      titleEn: e.titleEn,
      path: `/events/${e.slug}`,
      checkedIn: Number(e.checkedIn),
    }))
  },
})
