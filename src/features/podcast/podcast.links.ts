// What other features link to: an event's live podcast recording names the episode it became,
// and its session videos play as an episode's do.
import type { Deps } from '../../platform/deps.ts'
import * as repo from './podcast.repo.ts'

export { videoEmbed } from './podcast.rules.ts'

export type EpisodeLink = Awaited<ReturnType<typeof repo.selectEpisodeLinks>>[number]

/** Episodes listeners can see now (those of `ids`, or all), newest first, each with its show. */
export const episodeLinks = (deps: Pick<Deps, 'db' | 'now'>, ids?: string[]) =>
  repo.selectEpisodeLinks(deps.db, deps.now(), ids)

/** Where an episode's page is. */
export const episodeHref = (locale: string, e: Pick<EpisodeLink, 'slug' | 'show'>) =>
  `/${locale}/podcast/${e.show.slug}/${e.slug}`
