// What people put on the home page (how many are in the community) and in the sitemap (every
// listed profile; a private one is never named).
import { registerHomeStat, registerSitemapPart } from '../site/index.ts'
import { countListedPeople } from './people.service.ts'
import { selectListedHandles } from './people.sitemap.repo.ts'

registerHomeStat({
  key: 'people',
  order: 10,
  countsAsContent: false,
  async stat(deps, { t, locale }) {
    const n = await countListedPeople(deps)
    return { value: n, label: t.siteHome.stats.people(n), href: `/${locale}/people` }
  },
})

registerSitemapPart({
  name: 'people',
  order: 50,
  async entries(deps) {
    return (await selectListedHandles(deps.db)).map((p) => ({
      path: `/people/${encodeURIComponent(p.handle)}`,
      lastModified: p.updatedAt,
    }))
  },
})
