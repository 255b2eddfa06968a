// The console home's podcast lines: drafts and scheduled episodes of the shows this person runs,
// and (for those who may import) imports still going.

import { textIn } from '../../platform/views/localized.tsx'
import { can } from '../access/index.ts'
import { registerDashboardSource } from '../console/index.ts'
import { recentImports } from './podcast.import.ts'
import * as repo from './podcast.repo.ts'
import { showsToRun } from './podcast.service.ts'

registerDashboardSource({
  key: 'podcast',
  order: 30,
  needs: async (deps, viewer, { t, locale }) => {
    const lines = []
    for (const show of await showsToRun(deps, viewer)) {
      const episodes = await repo.selectAllEpisodes(deps.db, show.id)
      const href = `/${locale}/console/podcast/${show.slug}`
      const drafts = episodes.filter((e) => e.status === 'draft').length
      const scheduled = episodes.filter((e) => e.status === 'scheduled').length
      lines.push(
        {
          count: drafts,
          label: t.console.home.drafts(textIn(locale, show.titleZh, show.titleEn), drafts),
          href,
        },
        {
          count: scheduled,
          label: t.console.home.scheduled(textIn(locale, show.titleZh, show.titleEn), scheduled),
          href,
          tone: 'neutral' as const,
        },
      )
    }
    if (can(viewer, { action: 'podcast.manage' })) {
      const going = (await recentImports(deps, viewer)).filter(
        (r) => r.status === 'waiting' || r.status === 'running',
      )
      lines.push({
        count: going.length,
        label: t.console.home.importsRunning(going.length),
        href: `/${locale}/console/podcast/imports`,
        tone: 'neutral' as const,
      })
    }
    return lines
  },
  stats: async (deps, viewer, { t, locale }) => {
    let published = 0
    for (const show of await showsToRun(deps, viewer))
      published += (await repo.selectAllEpisodes(deps.db, show.id)).filter(
        (e) => e.status === 'published',
      ).length
    return [{ value: published, label: t.console.home.publishedEpisodes, href: `/${locale}/console/podcast` }]
  },
})
