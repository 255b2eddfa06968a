// An administrator opening the home page of a new instance sees what makes the site the
// community's own (the console home's first-run checklist) where a visitor sees the empty state:
// the home page shows it only while no feature has anything to show (site.home.ts).
import { registerHomeSection } from '../site/index.ts'
import { FirstRunChecklist, firstRunChecklist } from './community.checklist.tsx'

registerHomeSection({
  key: 'community-first-run',
  order: 0,
  setup: true,
  async section(deps, { t, locale, viewer }) {
    const items = await firstRunChecklist(deps, viewer, locale)
    if (!items) return null
    return { body: <FirstRunChecklist items={items} t={t} /> }
  },
})
