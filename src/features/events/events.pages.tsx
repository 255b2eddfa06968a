// The public events pages: the list (upcoming and past, with filters) and an event's page.
import { Hono } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { queryFor } from '../../platform/http/page-cache.ts'
import { safeHref } from '../../platform/http/url.ts'
import { pictureOf } from '../../platform/media/pictures.ts'
import { ResponsiveImage } from '../../platform/views/components.tsx'
import { EmptyState, Pagination } from '../../platform/views/layout.tsx'
import { inLocale, Localized, langTag } from '../../platform/views/localized.tsx'
import { markdownText } from '../../platform/views/markdown.ts'
import { render } from '../../platform/views/page.tsx'
import { listChapters } from '../chapters/index.ts'
import { CallPanel } from '../programme/programme.call.panel.tsx'
import { EventFeedLinks, EventHead, SessionCalendarLink, SubscribeLinks } from './events.exports.views.tsx'
import { eventFiltersInput } from './events.inputs.ts'
import { offersSchedule } from './events.programme.rules.ts'
import { RegistrationPanel } from './events.registrations.views.tsx'
import { type EventStatus, eventKinds, isPast, sessionLanguages } from './events.rules.ts'
import { eventSections } from './events.sections.ts'
import { eventPage, mayCreateEvents, publicEvents } from './events.service.ts'
import {
  Agenda,
  EventCards,
  EventWhen,
  MarkdownIn,
  Organisers,
  Sponsors,
  StatusBadge,
  StatusBanner,
  ZoneNote,
} from './events.views.tsx'
import { VolunteerPanel } from './events.volunteers.views.tsx'

/** Pages that show places left are kept by the page cache only this long (registrations do not move its generation). */
const LIVE_COUNTS_MS = 5_000
const PAST_PER_PAGE = 12

export function eventsPages(deps: Deps) {
  const app = new Hono<AppEnv>()

  app.get('/:lang{(?:zh|en)}/events', async (c) => {
    const { t, locale, viewer } = c.var
    const te = t.events
    const query = eventFiltersInput.parse(queryFor(c, eventFiltersInput))
    const { page = 1, ...filters } = query
    const [{ upcoming, past }, chapters, mayCreate] = await Promise.all([
      publicEvents(deps, filters),
      listChapters(deps),
      mayCreateEvents(deps, viewer),
    ])
    c.set('freshFor', LIVE_COUNTS_MS)
    const now = deps.now()
    const filtered = Object.values(filters).some((v) => v !== undefined)
    const pages = Math.max(1, Math.ceil(past.length / PAST_PER_PAGE))
    const shownPast = past.slice((page - 1) * PAST_PER_PAGE, page * PAST_PER_PAGE)
    const href = (p: number) => {
      const params = new URLSearchParams(
        Object.entries({ ...filters, page: p > 1 ? String(p) : undefined }).filter(
          (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
        ),
      )
      const q = params.toString()
      return `/${locale}/events${q ? `?${q}` : ''}#past-title`
    }
    const city = (ch: { cityZh: string; cityEn: string }) => (locale === 'zh' ? ch.cityZh : ch.cityEn)
    return render(
      c,
      {
        title: te.title,
        description: te.lead,
        alternates: <EventFeedLinks c={c} baseUrl={deps.config.baseUrl} />,
      },
      <>
        <h1>{te.title}</h1>
        <p class="lead">{te.lead}</p>
        {mayCreate ? (
          <p>
            <a class="button secondary" href={`/${locale}/console/events/new`}>
              {te.list.announce}
            </a>
          </p>
        ) : null}
        {/* Folded on a phone's first screen until used: the events come first. */}
        <details class="event-filter-box" open={filtered}>
          <summary>{te.list.filters}</summary>
          <form method="get" action={`/${locale}/events`} class="event-filters" aria-label={te.list.filters}>
            <div class="field">
              <label for="filter-chapter">{te.list.chapter}</label>
              <select id="filter-chapter" name="chapter">
                <option value="">{te.list.anyChapter}</option>
                {chapters.map(({ chapter }) => (
                  <option value={chapter.slug} selected={filters.chapter === chapter.slug}>
                    {city(chapter)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="filter-city">{te.list.city}</label>
              <input
                id="filter-city"
                name="city"
                value={filters.city ?? ''}
                list="filter-cities"
                aria-describedby="filter-city-hint"
                autocomplete="address-level2"
              />
              <p class="hint" id="filter-city-hint">
                {te.list.cityHint}
              </p>
              <datalist id="filter-cities">
                {chapters.map(({ chapter }) => (
                  <option value={city(chapter)} />
                ))}
              </datalist>
            </div>
            <div class="field">
              <label for="filter-kind">{te.list.kind}</label>
              <select id="filter-kind" name="kind">
                <option value="">{te.list.anyKind}</option>
                {eventKinds.map((k) => (
                  <option value={k} selected={filters.kind === k}>
                    {te.kinds[k]}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="filter-language">{te.list.language}</label>
              <select id="filter-language" name="language">
                <option value="">{te.list.anyLanguage}</option>
                {sessionLanguages.map((l) => (
                  <option value={l} selected={filters.language === l}>
                    {te.languages[l]}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="filter-mode">{te.list.mode}</label>
              <select id="filter-mode" name="mode">
                <option value="">{te.list.anyMode}</option>
                {(['offline', 'online'] as const).map((m) => (
                  <option value={m} selected={filters.mode === m}>
                    {te.modes[m]}
                  </option>
                ))}
              </select>
            </div>
            <div class="actions">
              <button type="submit">{te.list.filter}</button>
              {filtered ? <a href={`/${locale}/events`}>{te.list.clear}</a> : null}
            </div>
          </form>
        </details>
        <section aria-labelledby="upcoming-title">
          <h2 id="upcoming-title">{te.list.upcoming}</h2>
          {upcoming.length ? (
            <EventCards events={upcoming} locale={locale} t={t} now={now} />
          ) : filtered ? (
            <p class="muted">{te.list.noUpcomingFiltered}</p>
          ) : past.length ? (
            <p class="muted">
              {te.list.noUpcoming} {te.list.announceHint}
            </p>
          ) : (
            // Nothing was ever announced: say what belongs here and who adds it.
            <EmptyState title={t.empty.title}>
              {t.empty.events} {te.list.announceHint}{' '}
              {mayCreate ? <a href={`/${locale}/console/events/new`}>{te.list.announce}</a> : null}
            </EmptyState>
          )}
        </section>
        {past.length || filtered ? (
          <section aria-labelledby="past-title">
            <h2 id="past-title">{te.list.past}</h2>
            {shownPast.length ? (
              <EventCards events={shownPast} locale={locale} t={t} now={now} />
            ) : (
              <p class="muted">{te.list.noPast}</p>
            )}
            <Pagination t={t} page={page} pages={pages} href={href} />
          </section>
        ) : null}
        <SubscribeLinks locale={locale} t={t} baseUrl={deps.config.baseUrl} filters={filters} />
      </>,
    )
  })

  app.get('/:lang{(?:zh|en)}/events/:slug', async (c) => {
    const { t, locale, viewer } = c.var
    const te = t.events
    const parts = await eventPage(deps, viewer, c.req.param('slug'))
    const { event, chapter, organisers, sessions, sponsors } = parts
    const related = await eventSections(deps, event, { t, locale })
    c.set('freshFor', LIVE_COUNTS_MS)
    const now = deps.now()
    const status = event.status as EventStatus
    const past = isPast(event, now)
    const title = inLocale(locale, event.titleZh, event.titleEn)
    const summary = inLocale(locale, event.summaryZh, event.summaryEn)
    const venue = inLocale(locale, event.venueZh, event.venueEn)
    const description = inLocale(locale, event.descriptionZh, event.descriptionEn)
    const cityOf = (ch: { cityZh: string; cityEn: string }) => (locale === 'zh' ? ch.cityZh : ch.cityEn)
    const lang = (v: { lang: 'zh' | 'en' } | null) => (v && v.lang !== locale ? langTag(v.lang) : undefined)
    return render(
      c,
      {
        title: title?.text ?? event.slug,
        description: summary?.text ?? (description ? markdownText(description.text, 200) : undefined),
        head: <EventHead c={c} parts={parts} baseUrl={deps.config.baseUrl} now={now} />,
      },
      <article class="event-page">
        <p>
          <a href={`/${locale}/events`}>{te.page.all}</a>
          {parts.mayOrganise ? (
            <>
              {' '}
              · <a href={`/${locale}/console/events/${event.id}`}>{te.page.organise}</a>
            </>
          ) : null}
        </p>
        <StatusBanner status={status} past={past} t={t} />
        {event.cover ? (
          <div class="event-cover">
            <ResponsiveImage
              picture={pictureOf(event.cover, 800)}
              alt={te.page.cover(title?.text ?? event.slug)}
              sizes="(max-width: 72rem) 100vw, 72rem"
              loading="eager"
            />
          </div>
        ) : null}
        <header class="event-head">
          <p class="badges">
            <span class="badge">{te.kinds[event.kind]}</span>
            <span class="badge">{te.modes[event.mode]}</span>
            <StatusBadge status={status} t={t} />
          </p>
          <h1 lang={lang(title)}>{title?.text ?? event.slug}</h1>
          {summary ? (
            <p class="lead" lang={lang(summary)}>
              {summary.text}
            </p>
          ) : null}
          <dl class="facts event-facts">
            <dt>{te.page.when}</dt>
            <dd>
              <EventWhen
                locale={locale}
                t={t}
                startsAt={event.startsAt}
                endsAt={event.endsAt}
                timeZone={event.timeZone}
              />
              <ZoneNote t={t} startsAt={event.startsAt} endsAt={event.endsAt} timeZone={event.timeZone} />
            </dd>
            <dt>{te.page.where}</dt>
            <dd>
              {event.mode === 'online' ? (
                te.modes.online
              ) : (
                <>
                  {venue ? <span lang={lang(venue)}>{venue.text}</span> : null}
                  {venue && event.address ? <br /> : null}
                  {event.address}
                  {event.mode === 'hybrid' ? <div class="muted">{te.modes.hybrid}</div> : null}
                </>
              )}
            </dd>
            {chapter ? (
              <>
                <dt>{t.nav.chapters}</dt>
                <dd>
                  <a href={`/${locale}/chapters/${chapter.slug}`}>{te.page.heldBy(cityOf(chapter))}</a>
                </dd>
              </>
            ) : null}
          </dl>
        </header>
        <div class="event-layout">
          <aside class="event-aside">
            <RegistrationPanel c={c} deps={deps} event={event} />
            <VolunteerPanel c={c} deps={deps} event={event} />
            <CallPanel c={c} deps={deps} event={event} />
            {status !== 'draft' ? (
              <section class="event-panel" aria-labelledby="calendar-title">
                <h2 id="calendar-title">{te.page.calendar}</h2>
                <p>
                  <a href={`/${locale}/events/${event.slug}/event.ics`} download={`${event.slug}.ics`}>
                    {te.page.calendarFile}
                  </a>
                </p>
                <p class="hint">{te.page.calendarHint}</p>
              </section>
            ) : null}
          </aside>
          <div class="event-main">
            {description ? (
              <section aria-labelledby="about-title">
                <h2 id="about-title">{te.page.about}</h2>
                <MarkdownIn locale={locale} zh={event.descriptionZh} en={event.descriptionEn} />
              </section>
            ) : null}
            <section aria-labelledby="agenda-title">
              <h2 id="agenda-title">{te.page.agenda}</h2>
              {sessions.some((s) => safeHref(s.videoUrl)) ? (
                <p>
                  <a href={`/${locale}/events/${event.slug}/videos`}>{t.programmeVideos.page.link}</a>
                </p>
              ) : null}
              {sessions.length ? (
                <Agenda
                  sessions={sessions}
                  locale={locale}
                  t={t}
                  timeZone={event.timeZone}
                  actions={
                    // A conference's sessions each go into a calendar on their own.
                    event.kind === 'conference'
                      ? (s) => (
                          <SessionCalendarLink locale={locale} t={t} eventSlug={event.slug} session={s} />
                        )
                      : undefined
                  }
                />
              ) : (
                <p class="muted">{te.page.noAgenda}</p>
              )}
              {event.kind === 'conference' && offersSchedule(event, sessions) ? (
                <p>
                  <a href={`/${locale}/events/${event.slug}/schedule`}>{t.programmePages.schedule.link}</a>
                  {' · '}
                  <a href={`/${locale}/events/${event.slug}/speakers`}>
                    {t.programmePages.schedule.speakers}
                  </a>
                </p>
              ) : null}
              {offersSchedule(event, sessions) ? (
                <p class="hint">
                  {t.programmeExports.links.lead}{' '}
                  <a href={`/${locale}/events/${event.slug}/schedule.xml`}>{t.programmeExports.links.xml}</a>
                  {' · '}
                  <a href={`/${locale}/events/${event.slug}/schedule.json`}>
                    {t.programmeExports.links.json}
                  </a>
                </p>
              ) : null}
            </section>
            {event.mode !== 'online' && (venue || event.address) ? (
              <section aria-labelledby="venue-title">
                <h2 id="venue-title">{te.page.venue}</h2>
                <address class="event-address">
                  {venue ? <strong lang={lang(venue)}>{venue.text}</strong> : null}
                  {venue && event.address ? <br /> : null}
                  {event.address}
                </address>
                {event.mapUrl ? (
                  <p>
                    <a href={safeHref(event.mapUrl)} rel="noopener nofollow">
                      {te.page.map}
                    </a>
                  </p>
                ) : null}
                {event.accessibilityZh || event.accessibilityEn ? (
                  <>
                    <h3>{te.page.accessibility}</h3>
                    <p class="pre">
                      <Localized locale={locale} zh={event.accessibilityZh} en={event.accessibilityEn} />
                    </p>
                  </>
                ) : null}
              </section>
            ) : null}
            {event.mode !== 'offline' ? (
              <section aria-labelledby="online-title">
                <h2 id="online-title">{te.page.online}</h2>
                <p class="muted">{te.page.onlineHidden}</p>
              </section>
            ) : null}
            {organisers.length ? (
              <section aria-labelledby="organisers-title">
                <h2 id="organisers-title">{te.page.organisers}</h2>
                <Organisers organisers={organisers} locale={locale} />
              </section>
            ) : null}
            {sponsors.length ? (
              <section aria-labelledby="sponsors-title">
                <h2 id="sponsors-title">{te.page.sponsors}</h2>
                <Sponsors sponsors={sponsors} locale={locale} t={t} />
              </section>
            ) : null}
          </div>
        </div>
        {related}
      </article>,
    )
  })

  return app
}
