// The event page's call-for-speakers panel: while an event's call is open, when it closes and the
// way to the proposal form; nothing when the event has no open call. The same for every reader
// (the form asks to sign in), so the page stays cacheable; the event page is kept only briefly.
import type { Context } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { formatInZone } from '../../platform/i18n/index.ts'
import * as repo from './programme.proposals.repo.ts'
import { callIsOpen } from './programme.states.rules.ts'

export async function CallPanel({
  c,
  deps,
  event,
}: {
  c: Context<AppEnv>
  deps: Pick<Deps, 'db' | 'now'>
  event: { id: string; slug: string; status: string; timeZone: string }
}) {
  if (event.status !== 'published') return null
  const call = await repo.selectCall(deps.db, event.id)
  if (!call || !callIsOpen(call, deps.now())) return null
  const { t, locale } = c.var
  const tp = t.programmeProposals.propose
  return (
    <section class="event-panel call-panel" aria-labelledby="call-title">
      <h2 id="call-title">{t.programmeProposals.console.call}</h2>
      <p>{tp.ctaLead(formatInZone(locale, call.closesAt, event.timeZone))}</p>
      <p>
        <a class="button" href={`/${locale}/events/${event.slug}/propose`}>
          {tp.cta}
        </a>
      </p>
    </section>
  )
}
