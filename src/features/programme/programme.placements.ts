// The public sees an event's schedule as its latest published version placed it (pretalx shows
// the released schedule; the work in progress is the organisers'). Events asks this reader for
// every public view of its sessions (events.placements.ts); the editor reads them as they stand.
import { registerPublishedPlacements } from '../events/index.ts'
import * as repo from './programme.schedule.repo.ts'

registerPublishedPlacements(async (deps, eventId) => {
  const snapshot = await repo.selectLatestSnapshot(deps.db, eventId)
  return snapshot
    ? snapshot.map((s) => ({
        guid: s.guid,
        roomId: s.roomId,
        startsAt: new Date(s.startsAt),
        endsAt: new Date(s.endsAt),
      }))
    : null
})
