import './podcast.applications.ts'
import './podcast.standing.ts'

export { podcastConsolePages } from './podcast.console.tsx'
export { forgetOldWindows, recordDelivery } from './podcast.downloads.ts'
export { runWaitingImports } from './podcast.import.ts'
export { podcastImportPages } from './podcast.imports.tsx'
export { podcastPages } from './podcast.pages.tsx'
export { announcers, guestEpisodesOf, publishDueEpisodes } from './podcast.service.ts'
