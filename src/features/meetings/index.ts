export { meetingsPages } from './meetings.pages.tsx'
export { askChaptersToAttend, sigMeetingFacts } from './meetings.service.ts'
