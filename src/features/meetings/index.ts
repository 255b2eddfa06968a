export { meetingsPages } from './meetings.pages.tsx'
export { askChaptersToAttend } from './meetings.service.ts'
