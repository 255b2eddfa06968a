// The console home's first line for a reviewer: the applications waiting for their decision.
import { registerDashboardSource } from '../console/index.ts'
import { reviewQueue } from './applications.service.ts'

registerDashboardSource({
  key: 'applications',
  order: 10,
  needs: async (deps, viewer, { t, locale }) => {
    const queue = await reviewQueue(deps, viewer)
    return [
      { count: queue.length, label: t.console.home.reviews(queue.length), href: `/${locale}/applications` },
    ]
  },
  stats: async (deps, viewer, { t, locale }) => [
    {
      value: (await reviewQueue(deps, viewer)).length,
      label: t.console.home.reviewsStat,
      href: `/${locale}/applications`,
    },
  ],
})
