import './programme.proposals.type.ts'

export { programmeExportsPages } from './programme.exports.pages.ts'
export { type ScheduleFormat, scheduleFile, schedulePath } from './programme.exports.ts'
export { programmePages } from './programme.pages.tsx'
export { programmeVideosPages, videosPath } from './programme.videos.pages.tsx'
