import './events.chapter.tsx'
import './events.exports.chapter.tsx'
import './events.dashboard.ts'
import './events.held.ts'
import './events.home.tsx'
import './events.profile.tsx'
import './events.standing.ts'

export { eventsConsolePages } from './events.console.tsx'
export {
  calendarFeedOf,
  openCalendarFeed,
  privateSessionsCalendar,
  resetCalendarFeed,
  scheduleCalendar,
} from './events.exports.ts'
export { SessionCalendarLink } from './events.exports.views.tsx'
export { privateFeedPath } from './events.feeds.rules.ts'
export { jsonLdScriptText } from './events.jsonld.ts'
export { eventsPages } from './events.pages.tsx'
export {
  publicSessions,
  publishedPlacementsOf,
  registerPublishedPlacements,
} from './events.placements.ts'
export { selectProgramme } from './events.programme.repo.ts'
export { inSchedule, offersSchedule, type PublishedPlacement } from './events.programme.rules.ts'
export type { Event, EventCardRow } from './events.repo.ts'
export {
  isPast,
  isPublic,
  localDayOf,
  seatsLeft,
  sessionKinds,
  sessionLanguages,
  wallClockMoment,
  wallClockOf,
} from './events.rules.ts'
export { type EventSection, registerEventSection } from './events.sections.ts'
export type { EventParts } from './events.service.ts'
export {
  addSession,
  chapterEvents,
  eventPage,
  eventToOrganise,
  mayOrganise,
  placeSession,
  publicEvents,
  setSessionLinks,
} from './events.service.ts'
export { type EventTab, eventTabs, registerEventTab } from './events.tabs.ts'
export { EventCards, EventWhen, formatDay, MarkdownIn, ZoneNote } from './events.views.tsx'
