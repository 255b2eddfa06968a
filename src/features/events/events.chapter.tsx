// A chapter's page shows its next events and those it held (run on this site), through the
// registry chapters keep for the features above them.
import { registerChapterSection } from '../chapters/index.ts'
import { chapterEvents } from './events.service.ts'
import { EventCards } from './events.views.tsx'

/** Past events shown on a chapter's page; the list of all events has the rest. */
const PAST_SHOWN = 6

registerChapterSection({
  key: 'events',
  order: 10,
  async section(deps, chapter, { t, locale }) {
    const { upcoming, past } = await chapterEvents(deps, chapter.id)
    const now = deps.now()
    const tc = t.events.chapter
    return (
      <>
        <section aria-labelledby="chapter-upcoming-title">
          <h2 id="chapter-upcoming-title">{tc.upcoming}</h2>
          {upcoming.length ? (
            <EventCards events={upcoming} locale={locale} t={t} now={now} />
          ) : (
            <p class="muted">{tc.none}</p>
          )}
        </section>
        {past.length ? (
          <section aria-labelledby="chapter-past-title">
            <h2 id="chapter-past-title">{tc.past}</h2>
            <EventCards events={past.slice(0, PAST_SHOWN)} locale={locale} t={t} now={now} />
            <p>
              <a href={`/${locale}/events?chapter=${encodeURIComponent(chapter.slug)}#past-title`}>
                {tc.all}
              </a>
            </p>
          </section>
        ) : null}
      </>
    )
  },
})
