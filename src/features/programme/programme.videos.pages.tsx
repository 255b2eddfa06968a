// After a conference: the organisers' "Videos" tab (paste links, preview each line's session,
// save them at once) and the public list of its recorded sessions, /{lang}/events/{slug}/videos.
// Both work without script: the preview is a page of its own whose save form carries the pasted
// text and the choices made.
import type { Context } from 'hono'
import { Hono } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { uuidParam } from '../../platform/http/edge-input.ts'
import { safeHref } from '../../platform/http/url.ts'
import type { Locale, Messages } from '../../platform/i18n/index.ts'
import { zonedIsoString } from '../../platform/i18n/time-zone.ts'
import { Badge, Card, Tabs } from '../../platform/views/components.tsx'
import { CsrfField, EmptyState, Field, Notice } from '../../platform/views/layout.tsx'
import { inLocale, Localized, langTag, textIn } from '../../platform/views/localized.tsx'
import { formFields, render } from '../../platform/views/page.tsx'
import { eventTabs, eventToOrganise, registerEventTab } from '../events/index.ts'
import { displayName, isListed } from '../people/index.ts'
import { minutesOf, videoThumbnail } from './programme.videos.rules.ts'
import { applyLinks, conferenceVideos, type Preview, previewLinks } from './programme.videos.ts'

export const videosConsolePath = (locale: Locale, eventId: string) =>
  `/${locale}/console/events/${eventId}/videos`
export const videosPath = (locale: Locale, slug: string) => `/${locale}/events/${slug}/videos`

registerEventTab({ key: 'videos', order: 60, label: (t) => t.programmeVideos.tab, href: videosConsolePath })

const intl = (locale: Locale) => (locale === 'zh' ? 'zh-CN' : 'en-GB')

/** The choices made among several sessions, from fields named `choice-<line>`. */
function choicesOf(fields: Record<string, string>) {
  const chosen = new Map<number, string>()
  for (const [name, value] of Object.entries(fields)) {
    const line = /^choice-(\d+)$/.exec(name)?.[1]
    if (line && value) chosen.set(Number(line), value)
  }
  return chosen
}

type OrganisedEvent = Awaited<ReturnType<typeof eventToOrganise>>

type SessionTitle = { id: string; titleZh: string | null; titleEn: string | null }

function PreviewTable({
  preview,
  sessions,
  t,
  locale,
}: {
  preview: Extract<Preview, { ok: true }>
  sessions: SessionTitle[]
  t: Messages
  locale: Locale
}) {
  const tv = t.programmeVideos.console
  const titleOf = (id: string) => {
    const s = sessions.find((x) => x.id === id)
    return s ? <Localized locale={locale} zh={s.titleZh} en={s.titleEn} /> : null
  }
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{tv.previewTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{tv.line}</th>
            <th scope="col">{tv.title}</th>
            <th scope="col">{tv.session}</th>
            <th scope="col">{tv.links}</th>
          </tr>
        </thead>
        <tbody>
          {preview.lines.map((l) => {
            const m = l.match
            return (
              <tr>
                <th scope="row">{l.line}</th>
                <td>{l.title}</td>
                <td>
                  {m.kind === 'one' ? (
                    <>
                      <Badge tone="success">✓</Badge> {titleOf(m.sessionId)}
                    </>
                  ) : m.kind === 'none' ? (
                    <Badge tone="warning">{tv.noMatch}</Badge>
                  ) : m.kind === 'taken' ? (
                    <Badge tone="warning">{tv.taken(m.byLine)}</Badge>
                  ) : m.kind === 'unusable' ? (
                    <Badge tone="danger">{tv.problems[m.problem]}</Badge>
                  ) : (
                    <div class="field">
                      <label for={`choice-${l.line}`}>{tv.several}</label>
                      <select id={`choice-${l.line}`} name={`choice-${l.line}`} form="apply-links">
                        <option value="">{tv.skip}</option>
                        {m.sessionIds.map((id) => {
                          const s = sessions.find((x) => x.id === id)
                          return <option value={id}>{textIn(locale, s?.titleZh, s?.titleEn)}</option>
                        })}
                      </select>
                    </div>
                  )}
                </td>
                <td class="video-links">
                  {l.videoUrl ? (
                    <span>
                      {tv.video}: {l.videoUrl}
                    </span>
                  ) : null}{' '}
                  {l.slidesUrl ? (
                    <span>
                      {tv.slides}: {l.slidesUrl}
                    </span>
                  ) : null}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

export function programmeVideosPages(deps: Deps) {
  const app = new Hono<AppEnv>()
  const consoleRoute = `/:lang{(?:zh|en)}/console/events/:id${uuidParam}/videos`

  const consolePage = async (
    c: Context<AppEnv>,
    state: { text?: string; preview?: Preview; parts?: OrganisedEvent } = {},
  ): Promise<Response> => {
    const { t, locale, viewer } = c.var
    const tv = t.programmeVideos.console
    const { event, sessions } = state.parts ?? (await eventToOrganise(deps, viewer, c.req.param('id') ?? ''))
    const p = state.preview
    const saved = Number(c.req.query('saved'))
    const withVideo = sessions.filter((s) => s.videoUrl).length
    const eventTitle = textIn(locale, event.titleZh, event.titleEn)
    return render(
      c,
      { title: tv.titleFor(eventTitle), status: p && !p.ok ? 422 : 200 },
      <>
        <p>
          <a href={`/${locale}/console/events`}>{t.events.console.title}</a> ·{' '}
          <a href={videosPath(locale, event.slug)}>{tv.viewPage}</a>
        </p>
        <h1>
          <Localized locale={locale} zh={event.titleZh} en={event.titleEn} />
        </h1>
        <Tabs label={t.events.console.tabs} tabs={eventTabs(t, locale, event.id, 'videos')} />
        {Number.isInteger(saved) && c.req.query('saved') !== undefined ? (
          <Notice kind="success">{tv.saved(saved)}</Notice>
        ) : null}
        {p && !p.ok ? <Notice kind="error">{tv.refused[p.problem]}</Notice> : null}
        <p>{tv.lead}</p>
        <p class="muted">{tv.withVideo(withVideo, sessions.length)}</p>
        <form method="post" action={`${videosConsolePath(locale, event.id)}/preview`} class="stack">
          <CsrfField c={c} />
          <Field
            name="links"
            label={tv.paste}
            hint={tv.pasteHint}
            multiline
            required
            value={state.text ?? ''}
          />
          <button type="submit" class={p?.ok ? 'secondary' : undefined}>
            {tv.preview}
          </button>
        </form>
        {p?.ok ? (
          <section aria-labelledby="preview-title">
            <h2 id="preview-title">{tv.previewTitle}</h2>
            <p>
              {tv.format[p.format]} {tv.previewLead(p.ready, p.lines.length)}
            </p>
            <PreviewTable preview={p} sessions={sessions} t={t} locale={locale} />
            <form method="post" action={videosConsolePath(locale, event.id)} id="apply-links">
              <CsrfField c={c} />
              <input type="hidden" name="links" value={state.text ?? ''} />
              {p.ready || p.lines.some((l) => l.match.kind === 'several') ? (
                <button type="submit">{tv.apply}</button>
              ) : (
                <p class="muted">{tv.nothingToApply}</p>
              )}
            </form>
          </section>
        ) : null}
      </>,
    )
  }

  app.get(consoleRoute, (c) => consolePage(c))
  app.post(`${consoleRoute}/preview`, async (c) => {
    const fields = await formFields(c)
    const text = fields.links ?? ''
    const { parts, preview } = await previewLinks(
      deps,
      c.var.viewer,
      c.req.param('id'),
      text,
      choicesOf(fields),
    )
    return consolePage(c, { text, preview, parts })
  })
  app.post(consoleRoute, async (c) => {
    const fields = await formFields(c)
    const text = fields.links ?? ''
    const { written, preview } = await applyLinks(
      deps,
      c.var.viewer,
      c.req.param('id'),
      text,
      choicesOf(fields),
    )
    if (!preview.ok) return consolePage(c, { text, preview })
    return c.redirect(`${videosConsolePath(c.var.locale, c.req.param('id'))}?saved=${written}`, 303)
  })

  app.get('/:lang{(?:zh|en)}/events/:slug/videos', async (c) => {
    const { t, locale, viewer } = c.var
    const tv = t.programmeVideos.page
    const { event, days, count } = await conferenceVideos(deps, viewer, c.req.param('slug'))
    const eventTitle = textIn(locale, event.titleZh, event.titleEn)
    const dayLabel = (day: string) =>
      new Intl.DateTimeFormat(intl(locale), { dateStyle: 'full', timeZone: 'UTC' }).format(
        new Date(`${day}T00:00:00Z`),
      )
    const clock = new Intl.DateTimeFormat(intl(locale), {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: event.timeZone,
    })
    return render(
      c,
      { title: tv.titleFor(eventTitle) },
      <>
        <p>
          <a href={`/${locale}/events/${event.slug}`}>{tv.back}</a>
        </p>
        <h1>{tv.titleFor(eventTitle)}</h1>
        <p class="lead">{tv.lead}</p>
        {count === 0 ? (
          <EmptyState title={tv.titleFor(eventTitle)}>
            <p>{tv.none}</p>
          </EmptyState>
        ) : (
          days.map(({ day, sessions }, i) => (
            <section aria-labelledby={`videos-day-${i}`}>
              <h2 id={`videos-day-${i}`}>{day ? dayLabel(day) : tv.undated}</h2>
              <ul class="cards">
                {sessions.map((s) => {
                  const title = inLocale(locale, s.titleZh, s.titleEn)
                  const thumb = videoThumbnail(s.embed?.src ?? null)
                  const minutes = minutesOf(s.startsAt, s.endsAt)
                  const provider = s.embed?.provider ?? 'other'
                  return (
                    <li>
                      <Card
                        level={3}
                        title={title?.text ?? ''}
                        titleLang={title && title.lang !== locale ? langTag(title.lang) : undefined}
                        href={safeHref(s.videoUrl)}
                        image={
                          thumb
                            ? {
                                picture: {
                                  webp: [],
                                  fallback: [{ url: thumb, width: 320 }],
                                  width: 320,
                                  height: 180,
                                },
                                alt: '',
                                ratio: '16/9',
                              }
                            : { placeholder: <span class="video-placeholder">▶</span>, ratio: '16/9' }
                        }
                        meta={
                          <>
                            {s.startsAt ? (
                              <time datetime={zonedIsoString(s.startsAt, event.timeZone)}>
                                {clock.format(s.startsAt)}
                              </time>
                            ) : null}
                            {minutes ? <span> · {tv.minutes(minutes)}</span> : null}
                            {s.room ? (
                              <span>
                                {' '}
                                · <Localized locale={locale} zh={s.room.nameZh} en={s.room.nameEn} />
                              </span>
                            ) : null}
                            <span> · {tv.plays[provider]}</span>
                          </>
                        }
                        action={
                          s.slidesUrl && safeHref(s.slidesUrl) ? (
                            <a href={safeHref(s.slidesUrl)} rel="noopener nofollow">
                              {tv.slides}
                            </a>
                          ) : undefined
                        }
                      >
                        {s.speakers.length ? (
                          <p class="card-meta">
                            {s.speakers.map(({ speaker, person }, j) => (
                              <>
                                {j ? ', ' : ''}
                                {person ? (
                                  isListed(person) ? (
                                    <a href={`/${locale}/people/${person.handle}`}>
                                      {displayName(person, locale)}
                                    </a>
                                  ) : (
                                    <span>{displayName(person, locale)}</span>
                                  )
                                ) : (
                                  <Localized locale={locale} zh={speaker.nameZh} en={speaker.nameEn} />
                                )}
                              </>
                            ))}
                          </p>
                        ) : null}
                      </Card>
                    </li>
                  )
                })}
              </ul>
            </section>
          ))
        )}
      </>,
    )
  })
  return app
}
