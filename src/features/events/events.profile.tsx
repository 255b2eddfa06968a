// A person's page credits the sessions they spoke at, moderated or sat on a panel of, with the
// event, their role and the recording and slides when there are some. Only events that are not
// drafts count: the page is read by anyone.
import { safeHref } from '../../platform/http/url.ts'
import { Localized } from '../../platform/views/localized.tsx'
import { registerProfileSource } from '../people/index.ts'
import { selectSessionsOfPerson } from './events.videos.repo.ts'

registerProfileSource({
  key: 'events-sessions',
  order: 25,
  async section(deps, person, view) {
    const { t, locale } = view
    const rows = await selectSessionsOfPerson(deps.db, person.id)
    if (!rows.length) return null
    const words = t.programmeVideos.profile
    return (
      <section aria-labelledby="sessions-given-title">
        <h2 id="sessions-given-title">{words.title}</h2>
        <ul class="plain">
          {rows.map(({ role, session, event }) => (
            <li>
              <a href={`/${locale}/events/${event.slug}#session-${session.id}`}>
                <Localized locale={locale} zh={session.titleZh} en={session.titleEn} />
              </a>{' '}
              <span class="muted">
                · {t.events.roles[role] ?? role} ·{' '}
                <Localized locale={locale} zh={event.titleZh} en={event.titleEn} />
              </span>
              {safeHref(session.videoUrl) ? (
                <>
                  {' '}
                  · <a href={safeHref(session.videoUrl)}>{words.video}</a>
                </>
              ) : null}
              {safeHref(session.slidesUrl) ? (
                <>
                  {' '}
                  · <a href={safeHref(session.slidesUrl)}>{words.slides}</a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    )
  },
})
