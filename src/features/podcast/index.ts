export { podcastConsolePages } from './podcast.console.tsx'
export { podcastPages } from './podcast.pages.tsx'
export { publishDueEpisodes } from './podcast.service.ts'
