import './programme.proposals.type.ts'

export { programmeExportsPages } from './programme.exports.pages.ts'
export { type ScheduleFormat, scheduleFile, schedulePath } from './programme.exports.ts'
export { programmeMinePages } from './programme.mine.pages.tsx'
export { programmePages } from './programme.pages.tsx'
export { programmeScheduleApi } from './programme.schedule.api.ts'
export { programmeSchedulePages } from './programme.schedule.pages.tsx'
export { programmeVideosPages, videosPath } from './programme.videos.pages.tsx'
