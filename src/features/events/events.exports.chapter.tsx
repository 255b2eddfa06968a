// A chapter's page offers its events as a calendar to subscribe to (webcal:// and the https
// address), through the registry chapters keep for the features above them.
import { registerChapterSection } from '../chapters/index.ts'
import { SubscribeLinks } from './events.exports.views.tsx'

registerChapterSection({
  key: 'events-calendar',
  // Right after the chapter's events (events.chapter.tsx).
  order: 11,
  async section(deps, chapter, { t, locale }) {
    return (
      <SubscribeLinks
        locale={locale}
        t={t}
        baseUrl={deps.config.baseUrl}
        chapter={chapter}
        id="chapter-calendar"
      />
    )
  },
})
