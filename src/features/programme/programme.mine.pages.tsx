// "My schedule": a signed-in person stars sessions (a form by each session on the schedule and
// the session's page) and reads them here, event by event, with a private calendar feed of them
// at /calendar/<secret>/agenda.ics. The secret is the one of their private events calendar
// (events' calendar_feeds), so one "make a new address" cuts off both; the feed is written by
// events' strict iCalendar writer, each session as its own .ics writes it.
import { type Context, Hono } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { isUuid } from '../../platform/http/edge-input.ts'
import { messagesFor } from '../../platform/i18n/index.ts'
import { CsrfField, EmptyState, Notice } from '../../platform/views/layout.tsx'
import { Localized, textIn } from '../../platform/views/localized.tsx'
import { formFields, redirectWithNotice, render } from '../../platform/views/page.tsx'
import {
  calendarFeedOf,
  formatDay,
  localDayOf,
  openCalendarFeed,
  privateSessionsCalendar,
  resetCalendarFeed,
  ZoneNote,
} from '../events/index.ts'
import { myAgenda, star, starredRefs } from './programme.schedule.ts'
import { agendaFeedPath, mySchedulePath, StarButton } from './programme.stars.views.tsx'
import { SessionTimes, SpeakerList, sessionHref } from './programme.views.tsx'

const CALENDAR_TYPE = 'text/calendar; charset=utf-8'

/** The agenda feed's address from the private calendar's (same secret). */
const agendaUrlOf = (calendarUrl: string | null) =>
  calendarUrl
    ? calendarUrl.replace(/\/calendar\/([A-Za-z0-9_-]+)\.ics$/, (_, secret) => agendaFeedPath(secret))
    : null

/** Only back to a page of this site (the star form's return address). */
const safeBack = (back: string | undefined, fallback: string) =>
  back && /^\/(zh|en)\/[^/\\]/.test(back) && !back.includes('//') ? back : fallback

export function programmeMinePages(deps: Deps) {
  const app = new Hono<AppEnv>()

  app.post('/:lang{(?:zh|en)}/me/schedule/star', async (c) => {
    const fields = await formFields(c)
    const sessionId = fields.session ?? ''
    if (!isUuid(sessionId)) throw new DomainError('notFoundRecord')
    await star(deps, c.var.viewer, sessionId, fields.on !== '0')
    return c.redirect(safeBack(fields.back, mySchedulePath(c.var.locale)), 303)
  })

  const page = async (c: Context<AppEnv>) => {
    const { t, locale, viewer } = c.var
    const tm = t.programmeSchedule.mine
    if (!viewer) throw new DomainError('unauthenticated')
    const [events, calendarUrl] = await Promise.all([myAgenda(deps, viewer), calendarFeedOf(deps, viewer)])
    const feedUrl = agendaUrlOf(calendarUrl)
    const notice = c.req.query('notice')
    return render(
      c,
      { title: tm.title },
      <div class="my-schedule">
        <h1>{tm.title}</h1>
        <p class="lead">{tm.lead}</p>
        {notice === 'created' && feedUrl ? <Notice kind="success">{tm.created}</Notice> : null}
        {notice === 'reset' && feedUrl ? <Notice kind="success">{tm.reset}</Notice> : null}
        {events.length === 0 ? (
          <EmptyState title={tm.title}>
            <p>{tm.none}</p>
          </EmptyState>
        ) : (
          events.map(({ parts, sessions }) => {
            const { event } = parts
            const zone = event.timeZone
            const days = [
              ...new Set(sessions.flatMap((s) => (s.startsAt ? [localDayOf(s.startsAt, zone)] : []))),
            ].sort()
            const untimed = sessions.filter((s) => !s.startsAt || !s.endsAt)
            return (
              <section class="my-schedule-event" aria-labelledby={`mine-${event.id}`}>
                <h2 id={`mine-${event.id}`}>
                  <a href={`/${locale}/events/${event.slug}`}>
                    <Localized locale={locale} zh={event.titleZh} en={event.titleEn} />
                  </a>
                </h2>
                <p class="muted">
                  <a href={`/${locale}/events/${event.slug}/schedule`}>{tm.schedule}</a>{' '}
                  <ZoneNote t={t} startsAt={event.startsAt} endsAt={event.endsAt} timeZone={zone} />
                </p>
                {[
                  ...days.map(
                    (d) =>
                      [d, sessions.filter((s) => s.startsAt && localDayOf(s.startsAt, zone) === d)] as const,
                  ),
                  ...(untimed.length ? [[null, untimed] as const] : []),
                ].map(([day, list]) => (
                  <>
                    {day ? <h3>{formatDay(locale, day)}</h3> : null}
                    <ol class="my-schedule-list">
                      {list.map((s) => {
                        const room = parts.rooms.find((r) => r.id === s.roomId)
                        const title = textIn(locale, s.titleZh, s.titleEn)
                        return (
                          <li class="my-schedule-item">
                            <p class="my-schedule-when">
                              {s.startsAt && s.endsAt ? (
                                <SessionTimes
                                  locale={locale}
                                  startsAt={s.startsAt}
                                  endsAt={s.endsAt}
                                  timeZone={zone}
                                />
                              ) : null}
                              {room ? (
                                <>
                                  {' · '}
                                  <Localized locale={locale} zh={room.nameZh} en={room.nameEn} />
                                </>
                              ) : null}
                            </p>
                            <h4 class="my-schedule-title">
                              <a href={sessionHref(locale, event.slug, s.id)}>
                                <Localized locale={locale} zh={s.titleZh} en={s.titleEn} />
                              </a>
                            </h4>
                            <SpeakerList speakers={s.speakers} locale={locale} t={t} />
                            <StarButton c={c} sessionId={s.id} starred title={title} />
                          </li>
                        )
                      })}
                    </ol>
                  </>
                ))}
              </section>
            )
          })
        )}
        <section class="my-schedule-feed" aria-labelledby="mine-feed">
          <h2 id="mine-feed">{tm.feedTitle}</h2>
          <p>{tm.feedLead}</p>
          {feedUrl ? (
            <>
              <div class="field">
                <label for="agenda-feed-url">{tm.feedCopy}</label>
                <input id="agenda-feed-url" type="text" readonly value={feedUrl} />
              </div>
              <form method="post" action={`${mySchedulePath(locale)}/feed/reset`}>
                <CsrfField c={c} />
                <p class="hint">{tm.feedResetHint}</p>
                <button type="submit" class="secondary">
                  {tm.feedReset}
                </button>
              </form>
            </>
          ) : (
            <form method="post" action={`${mySchedulePath(locale)}/feed`}>
              <CsrfField c={c} />
              <button type="submit">{tm.feedCreate}</button>
            </form>
          )}
        </section>
      </div>,
    )
  }

  app.get('/:lang{(?:zh|en)}/me/schedule', page)

  app.post('/:lang{(?:zh|en)}/me/schedule/feed', async (c) => {
    await openCalendarFeed(deps, c.var.viewer)
    return redirectWithNotice(c, mySchedulePath(c.var.locale), 'created')
  })
  app.post('/:lang{(?:zh|en)}/me/schedule/feed/reset', async (c) => {
    await resetCalendarFeed(deps, c.var.viewer)
    return redirectWithNotice(c, mySchedulePath(c.var.locale), 'reset')
  })

  // The secret is the whole credential: never kept by shared caches, never indexed.
  app.on(['GET', 'HEAD'], '/calendar/:secret{[A-Za-z0-9_-]+}/agenda.ics', async (c) => {
    const rendered = await privateSessionsCalendar(
      deps,
      c.req.param('secret'),
      (personId) => starredRefs(deps, personId),
      (locale, community) => messagesFor(locale).programmeSchedule.mine.calendarName(community),
    )
    c.header('X-Robots-Tag', 'noindex')
    c.header('Referrer-Policy', 'no-referrer')
    c.header('Cache-Control', 'private, max-age=300')
    c.header('Content-Type', CALENDAR_TYPE)
    if (c.req.method === 'HEAD') return c.body(null, 200)
    return c.body(rendered.body, 200)
  })

  return app
}
