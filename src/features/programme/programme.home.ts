// While a call for speakers is open, the home page invites talks to the event whose call closes
// first (the others are on their event pages).
import { textIn } from '../../platform/views/localized.tsx'
import { registerHomeAction } from '../site/index.ts'
import { selectOpenCalls } from './programme.proposals.repo.ts'

registerHomeAction({
  key: 'programme-propose',
  order: 20,
  async action(deps, { t, locale }) {
    const now = deps.now()
    const [first] = await selectOpenCalls(deps.db, now)
    if (!first) return null
    const a = t.siteHome.actions.proposeTalk
    const event = textIn(locale, first.event.titleZh, first.event.titleEn) || first.event.slug
    return {
      label: a.label,
      hint: a.hint(event),
      href: `/${locale}/events/${first.event.slug}/propose`,
      // The call closes at its time without a content change: the page cache keeps it until then.
      freshFor: Math.max(1_000, first.call.closesAt.getTime() - now.getTime()),
    }
  },
})
