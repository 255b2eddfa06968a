// The console home's chapter lines: each chapter at risk that this person's SIG runs, with the days
// left before it becomes inactive (to hold an event, or to seat a leader when one is wanted).
import { can } from '../access/index.ts'
import { registerDashboardSource } from '../console/index.ts'
import { chapterHealthBoard } from './chapters.service.ts'

const DAY_MS = 86_400_000

registerDashboardSource({
  key: 'chapters',
  order: 20,
  needs: async (deps, viewer, { t, locale }) => {
    const board = await chapterHealthBoard(deps, viewer)
    const today = Date.parse(board.today)
    return board.chapters
      .filter(
        (c) =>
          c.health.status === 'at_risk' && can(viewer, { action: 'chapters.manage', sigId: c.chapter.sigId }),
      )
      .map(({ chapter, health }) => {
        const days = health.deadline
          ? Math.max(0, Math.round((Date.parse(health.deadline) - today) / DAY_MS))
          : 0
        const city = locale === 'zh' ? chapter.cityZh : chapter.cityEn
        return {
          count: days,
          label:
            health.why === 'leaderWanted'
              ? t.console.home.leaderWanted(city, days)
              : t.console.home.chapterAtRisk(city, days),
          href: `/${locale}/console/chapters/${chapter.slug}`,
          tone: days <= 14 ? ('danger' as const) : ('warning' as const),
        }
      })
  },
  stats: async (deps, viewer, { t, locale }) => {
    const board = await chapterHealthBoard(deps, viewer)
    const count = (status: string) => board.chapters.filter((c) => c.health.status === status).length
    return [
      { value: count('active'), label: t.console.home.activeChapters, href: `/${locale}/console/chapters` },
      { value: count('at_risk'), label: t.console.home.atRiskChapters, href: `/${locale}/console/chapters` },
    ]
  },
})
