import './chapters.applications.ts'
import './chapters.dashboard.ts'
import './chapters.home.tsx'
import './chapters.profile.ts'
import './chapters.standing.ts'

export { cityKey } from './chapters.cities.ts'
export { type HeldEvent, type HeldEventsOf, registerHeldEventSource } from './chapters.held.ts'
export { chaptersPages } from './chapters.pages.tsx'
export type { Chapter } from './chapters.repo.ts'
export { type ChapterSection, registerChapterSection } from './chapters.sections.ts'
export {
  foundChapter,
  getChapter,
  listChapters,
  reviewChapterHealth,
  seatsOfPerson,
} from './chapters.service.ts'
export type {
  ChapterRepresentation,
  SigMeetingFacts,
} from './chapters.views.tsx'
