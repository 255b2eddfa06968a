// A conference's public programme: the schedule by day and room (filtered by language and kind
// of session with plain GET forms), each session's page, and the speakers. They read the event as
// its page does (eventPage): a draft is its organisers' preview and a 404 to anyone else.
import { Hono } from 'hono'
import { raw } from 'hono/html'
import { z } from 'zod'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { queryFor } from '../../platform/http/page-cache.ts'
import { safeHref } from '../../platform/http/url.ts'
import type { Locale } from '../../platform/i18n/index.ts'
import { zonedIsoString } from '../../platform/i18n/time-zone.ts'
import { Tabs } from '../../platform/views/components.tsx'
import { inLocale, Localized, langTag, textIn } from '../../platform/views/localized.tsx'
import { markdownText } from '../../platform/views/markdown.ts'
import { render } from '../../platform/views/page.tsx'
import {
  type EventParts,
  EventWhen,
  eventPage,
  formatDay,
  inSchedule,
  jsonLdScriptText,
  localDayOf,
  MarkdownIn,
  offersSchedule,
  SessionCalendarLink,
  sessionKinds,
  sessionLanguages,
  ZoneNote,
} from '../events/index.ts'
import { episodeHref } from '../podcast/index.ts'
import { sessionLevels } from './programme.editor.rules.ts'
import { scheduleCalendarPath } from './programme.exports.ts'
import { scheduleGrid } from './programme.schedule.rules.ts'
import { latestVersionNumber, starredAmong, tracksOf } from './programme.schedule.ts'
import { mySchedulePath, StarButton } from './programme.stars.views.tsx'
import {
  type ProgrammeSession,
  ScheduleDay,
  SessionBadges,
  SessionVideo,
  SpeakerFace,
  SpeakerList,
  SpeakerName,
  type SpeakerRow,
  sessionHref,
  TitleText,
} from './programme.views.tsx'

/** The schedule's filters; anything else in the query is ignored (and not a key of the page cache). */
export const scheduleFiltersInput = z.object({
  language: z.enum(sessionLanguages).optional().catch(undefined),
  kind: z.enum(sessionKinds).optional().catch(undefined),
  track: z.uuid().optional().catch(undefined),
  level: z.enum(sessionLevels).optional().catch(undefined),
})

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const eventTitle = (locale: Locale, parts: EventParts) =>
  textIn(locale, parts.event.titleZh, parts.event.titleEn) || parts.event.slug

/** The event's title linked back to its page, over the programme's pages. */
function BackToEvent({ locale, parts, label }: { locale: Locale; parts: EventParts; label: string }) {
  return (
    <p>
      <a href={`/${locale}/events/${parts.event.slug}`}>{label}</a>
    </p>
  )
}

type Timed = ProgrammeSession & { startsAt: Date; endsAt: Date }

/** Sessions on the clock, breaks too: the grid shows them across the rooms. */
const onClock = (s: ProgrammeSession): s is Timed => s.startsAt !== null && s.endsAt !== null

/** A speaker's key: the person, or an outsider by the names typed. */
const speakerKey = (row: SpeakerRow) =>
  row.person ? `p:${row.person.id}` : `o:${row.speaker.nameZh ?? ''}|${row.speaker.nameEn ?? ''}`

export function programmePages(deps: Deps) {
  const app = new Hono<AppEnv>()

  app.get('/:lang{(?:zh|en)}/events/:slug/schedule', async (c) => {
    const { t, locale, viewer } = c.var
    const ts = t.programmePages.schedule
    const parts = await eventPage(deps, viewer, c.req.param('slug'))
    const { event, rooms, sessions } = parts
    if (!offersSchedule(event, sessions)) throw new DomainError('notFoundRecord')
    const filters = scheduleFiltersInput.parse(queryFor(c, scheduleFiltersInput))
    const filtered = Object.values(filters).some((v) => v !== undefined)
    // Breaks stay whatever the filters: they are where the day pauses, not a session to choose.
    const shown = sessions
      .filter(onClock)
      .filter(
        (s) =>
          s.kind === 'break' ||
          ((!filters.language || s.language === filters.language) &&
            (!filters.kind || s.kind === filters.kind) &&
            (!filters.track || s.trackId === filters.track) &&
            (!filters.level || s.level === filters.level)),
      )
    const [tracks, version, starred] = await Promise.all([
      tracksOf(deps, event.id),
      latestVersionNumber(deps, event.id),
      starredAmong(
        deps,
        viewer,
        shown.map((s) => s.id),
      ),
    ])
    const usedTracks = tracks.filter((tr) => sessions.some((s) => s.trackId === tr.id))
    const levels = sessionLevels.filter((l) => sessions.some((s) => s.level === l))
    const tsp = t.programmeSchedule.public
    const star =
      viewer && event.status !== 'draft'
        ? (s: { id: string; titleZh: string | null; titleEn: string | null }) => (
            <StarButton
              c={c}
              sessionId={s.id}
              starred={starred.has(s.id)}
              title={textIn(locale, s.titleZh, s.titleEn)}
            />
          )
        : undefined
    const days = [...new Set(shown.map((s) => localDayOf(s.startsAt, event.timeZone)))].sort()
    const kinds = sessionKinds.filter((k) => k !== 'break' && sessions.some((s) => s.kind === k))
    const title = eventTitle(locale, parts)
    const anyShown = shown.some((s) => s.kind !== 'break')
    return render(
      c,
      { title: ts.title(title), description: ts.lead },
      <article class="programme-page">
        <BackToEvent locale={locale} parts={parts} label={ts.back(title)} />
        <h1>{ts.heading}</h1>
        <p class="lead">
          <Localized locale={locale} zh={event.titleZh} en={event.titleEn} />
        </p>
        <p>
          <EventWhen
            locale={locale}
            t={t}
            startsAt={event.startsAt}
            endsAt={event.endsAt}
            timeZone={event.timeZone}
          />
          <ZoneNote t={t} startsAt={event.startsAt} endsAt={event.endsAt} timeZone={event.timeZone} />
        </p>
        <p>
          <a href={`/${locale}/events/${event.slug}/speakers`}>{ts.speakers}</a>
          {viewer ? (
            <>
              {' · '}
              <a href={mySchedulePath(locale)}>{tsp.mySchedule}</a>
            </>
          ) : null}
          {version ? (
            <>
              {' · '}
              <span class="schedule-version">{tsp.version(version)}</span>
            </>
          ) : null}
        </p>
        <p class="schedule-calendar">
          <a href={scheduleCalendarPath(locale, event.slug)} type="text/calendar">
            {t.programmeExports.links.calendar}
          </a>{' '}
          <span class="muted">{t.programmeExports.links.calendarHint}</span>
        </p>
        <form method="get" class="event-filters schedule-filters" aria-label={ts.filters}>
          <div class="field">
            <label for="schedule-language">{ts.language}</label>
            <select id="schedule-language" name="language">
              <option value="">{ts.anyLanguage}</option>
              {sessionLanguages.map((l) => (
                <option value={l} selected={filters.language === l}>
                  {t.events.languages[l]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="schedule-kind">{ts.kind}</label>
            <select id="schedule-kind" name="kind">
              <option value="">{ts.anyKind}</option>
              {kinds.map((k) => (
                <option value={k} selected={filters.kind === k}>
                  {t.events.sessionKinds[k] ?? k}
                </option>
              ))}
            </select>
          </div>
          {usedTracks.length ? (
            <div class="field">
              <label for="schedule-track">{tsp.track}</label>
              <select id="schedule-track" name="track">
                <option value="">{tsp.anyTrack}</option>
                {usedTracks.map((tr) => (
                  <option value={tr.id} selected={filters.track === tr.id}>
                    {textIn(locale, tr.nameZh, tr.nameEn)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {levels.length ? (
            <div class="field">
              <label for="schedule-level">{tsp.level}</label>
              <select id="schedule-level" name="level">
                <option value="">{tsp.anyLevel}</option>
                {levels.map((l) => (
                  <option value={l} selected={filters.level === l}>
                    {tsp.levels[l]}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div class="actions">
            <button type="submit" class="secondary">
              {ts.filter}
            </button>
            {filtered ? <a href={`/${locale}/events/${event.slug}/schedule`}>{ts.clear}</a> : null}
          </div>
        </form>
        {days.length > 1 ? (
          <Tabs
            label={ts.days}
            tabs={days.map((d) => ({ href: `#day-${d}`, label: formatDay(locale, d), current: false }))}
          />
        ) : null}
        {!anyShown ? <p class="muted">{filtered ? ts.noneFiltered : ts.none}</p> : null}
        {days.map((day) => (
          <section class="schedule-day" id={`day-${day}`} aria-labelledby={`day-${day}-title`}>
            <h2 id={`day-${day}-title`}>{formatDay(locale, day)}</h2>
            <ScheduleDay
              rows={scheduleGrid(
                shown.filter((s) => localDayOf(s.startsAt, event.timeZone) === day),
                rooms.map((r) => r.id),
              )}
              rooms={rooms}
              locale={locale}
              t={t}
              slug={event.slug}
              timeZone={event.timeZone}
              caption={formatDay(locale, day)}
              action={star}
            />
          </section>
        ))}
      </article>,
    )
  })

  app.get('/:lang{(?:zh|en)}/events/:slug/sessions/:id', async (c) => {
    const { t, locale, viewer } = c.var
    const tp = t.programmePages.session
    const id = c.req.param('id')
    if (!UUID.test(id)) throw new DomainError('notFoundRecord')
    const parts = await eventPage(deps, viewer, c.req.param('slug'))
    const { event } = parts
    const session = parts.sessions.find((s) => s.id === id)
    if (!session || session.kind === 'break') throw new DomainError('notFoundRecord')
    const title = inLocale(locale, session.titleZh, session.titleEn)
    const titleText = title?.text ?? ''
    const eventName = eventTitle(locale, parts)
    const baseUrl = deps.config.baseUrl
    const url = `${baseUrl}${sessionHref(locale, event.slug, session.id)}`
    const abstract = inLocale(locale, session.abstractZh, session.abstractEn)
    // The session as a schema.org Event inside the conference (superEvent), for search engines.
    const jsonLd = {
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: titleText,
      url,
      ...(abstract ? { description: markdownText(abstract.text, 300) } : {}),
      ...(session.startsAt ? { startDate: zonedIsoString(session.startsAt, event.timeZone) } : {}),
      ...(session.endsAt ? { endDate: zonedIsoString(session.endsAt, event.timeZone) } : {}),
      ...(session.language ? { inLanguage: session.language } : {}),
      eventStatus: 'https://schema.org/EventScheduled',
      ...(session.room
        ? { location: { '@type': 'Place', name: textIn(locale, session.room.nameZh, session.room.nameEn) } }
        : {}),
      performer: session.speakers.map((row) => ({
        '@type': 'Person',
        name: row.person
          ? textIn(locale, row.person.nameZh, row.person.nameEn) || row.person.handle
          : textIn(locale, row.speaker.nameZh, row.speaker.nameEn),
      })),
      superEvent: {
        '@type': 'Event',
        name: eventName,
        url: `${baseUrl}/${locale}/events/${event.slug}`,
        startDate: zonedIsoString(event.startsAt, event.timeZone),
        endDate: zonedIsoString(event.endsAt, event.timeZone),
      },
    }
    return render(
      c,
      {
        title: tp.title(titleText, eventName),
        description: abstract ? markdownText(abstract.text, 200) : undefined,
        head: <script type="application/ld+json">{raw(jsonLdScriptText(jsonLd))}</script>,
      },
      <article class="programme-page session-page">
        <BackToEvent locale={locale} parts={parts} label={t.programmePages.schedule.back(eventName)} />
        <SessionBadges session={session} t={t} />
        <h1 lang={title && title.lang !== locale ? langTag(title.lang) : undefined}>{titleText}</h1>
        <dl class="facts">
          {session.startsAt && session.endsAt ? (
            <>
              <dt>{tp.when}</dt>
              <dd>
                <EventWhen
                  locale={locale}
                  t={t}
                  startsAt={session.startsAt}
                  endsAt={session.endsAt}
                  timeZone={event.timeZone}
                />
                <ZoneNote
                  t={t}
                  startsAt={session.startsAt}
                  endsAt={session.endsAt}
                  timeZone={event.timeZone}
                />
              </dd>
            </>
          ) : null}
          {session.room ? (
            <>
              <dt>{tp.room}</dt>
              <dd>
                <Localized locale={locale} zh={session.room.nameZh} en={session.room.nameEn} />
              </dd>
            </>
          ) : null}
          {session.language ? (
            <>
              <dt>{tp.language}</dt>
              <dd>{t.events.languages[session.language] ?? session.language}</dd>
            </>
          ) : null}
        </dl>
        {session.startsAt && session.endsAt && event.status !== 'draft' ? (
          <p>
            <SessionCalendarLink locale={locale} t={t} eventSlug={event.slug} session={session} />
          </p>
        ) : null}
        {viewer && event.status !== 'draft' ? (
          <StarButton
            c={c}
            sessionId={session.id}
            starred={(await starredAmong(deps, viewer, [session.id])).has(session.id)}
            title={titleText}
          />
        ) : null}
        {session.speakers.length ? (
          <section aria-labelledby="speakers-title">
            <h2 id="speakers-title">{tp.speakers}</h2>
            <SpeakerList speakers={session.speakers} locale={locale} t={t} size="medium" />
          </section>
        ) : null}
        {abstract ? (
          <section aria-labelledby="abstract-title">
            <h2 id="abstract-title">{tp.abstract}</h2>
            <MarkdownIn locale={locale} zh={session.abstractZh} en={session.abstractEn} />
          </section>
        ) : null}
        {session.videoUrl || session.slidesUrl || session.episode ? (
          <section aria-labelledby="afterwards-title">
            <h2 id="afterwards-title">{tp.afterwards}</h2>
            {session.videoUrl ? <SessionVideo url={session.videoUrl} title={titleText} t={t} /> : null}
            {session.slidesUrl ? (
              <p>
                <a href={safeHref(session.slidesUrl)} rel="noopener nofollow">
                  {t.events.page.slides}
                </a>
              </p>
            ) : null}
            {session.episode ? (
              <p>
                <a href={episodeHref(locale, session.episode)}>
                  {t.events.page.episode}:{' '}
                  <Localized locale={locale} zh={session.episode.titleZh} en={session.episode.titleEn} />
                </a>
              </p>
            ) : null}
          </section>
        ) : null}
        {offersSchedule(event, parts.sessions) ? (
          <p>
            <a href={`/${locale}/events/${event.slug}/schedule`}>{tp.schedule}</a>
          </p>
        ) : null}
      </article>,
    )
  })

  app.get('/:lang{(?:zh|en)}/events/:slug/speakers', async (c) => {
    const { t, locale, viewer } = c.var
    const tsp = t.programmePages.speakers
    const parts = await eventPage(deps, viewer, c.req.param('slug'))
    const { event } = parts
    const eventName = eventTitle(locale, parts)
    // Each speaker once, in the order their first session comes, with every session of theirs.
    const speakers = new Map<string, { row: SpeakerRow; sessions: ProgrammeSession[] }>()
    for (const session of parts.sessions)
      for (const row of session.speakers) {
        const key = speakerKey(row)
        const entry = speakers.get(key) ?? { row, sessions: [] }
        entry.sessions.push(session)
        speakers.set(key, entry)
      }
    return render(
      c,
      { title: tsp.title(eventName), description: tsp.lead },
      <article class="programme-page">
        <BackToEvent locale={locale} parts={parts} label={t.programmePages.schedule.back(eventName)} />
        <h1>{tsp.heading}</h1>
        <p class="lead">{tsp.lead}</p>
        {speakers.size ? (
          <ul class="plain speaker-list">
            {[...speakers.values()].map(({ row, sessions }) => (
              <li class="speaker-entry">
                <SpeakerFace row={row} locale={locale} size="medium" />
                <div>
                  <h2 class="speaker-name">
                    <SpeakerName row={row} locale={locale} />
                  </h2>
                  {row.speaker.affiliation ? <p class="muted">{row.speaker.affiliation}</p> : null}
                  <ul class="speaker-sessions">
                    {sessions.map((s) => (
                      <li>
                        <a href={sessionHref(locale, event.slug, s.id)}>
                          <TitleText locale={locale} zh={s.titleZh} en={s.titleEn} />
                        </a>
                        {inSchedule(s) ? (
                          <span class="muted">
                            {' · '}
                            <time datetime={zonedIsoString(s.startsAt, event.timeZone)}>
                              {new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
                                weekday: 'short',
                                hour: '2-digit',
                                minute: '2-digit',
                                timeZone: event.timeZone,
                              }).format(s.startsAt)}
                            </time>
                          </span>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{tsp.none}</p>
        )}
      </article>,
    )
  })

  return app
}
