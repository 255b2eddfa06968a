// The organisers' console for events: the list of events one organises, creating and editing
// one, its status, cover and next edition, its agenda and rooms, its organisers and sponsors.
import type { Context } from 'hono'
import { Hono } from 'hono'
import type { z } from 'zod'
import type { Deps } from '../../platform/deps.ts'
import { DomainError, InvalidInput } from '../../platform/errors.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { uuidParam } from '../../platform/http/edge-input.ts'
import { receiveUpload } from '../../platform/http/upload.ts'
import { fieldErrors, translateIssue } from '../../platform/i18n/index.ts'
import { MediaRefused } from '../../platform/media/media.ts'
import { pictureOf } from '../../platform/media/pictures.ts'
import { Badge, FileDrop, ResponsiveImage, Tabs } from '../../platform/views/components.tsx'
import { CsrfField, Field, FieldPair, Notice } from '../../platform/views/layout.tsx'
import { Localized, textIn } from '../../platform/views/localized.tsx'
import { type FormResult, readForm, redirectWithNotice, render } from '../../platform/views/page.tsx'
import { listChapters } from '../chapters/index.ts'
import {
  ButtonForm,
  type ChapterChoice,
  EventForm,
  type FormState,
  RoomFields,
  SessionForm,
  SpeakerForm,
  valuesOf,
} from './events.console.views.tsx'
import {
  eventEditInput,
  eventInput,
  nextEditionInput,
  organiserInput,
  roomInput,
  sessionInput,
  speakerInput,
  sponsorInput,
  statusInput,
} from './events.inputs.ts'
import type { Event, Session } from './events.repo.ts'
import {
  actionsFor,
  defaultNextStart,
  type EventStatus,
  type SessionKind,
  slugEditable,
  wallClockOf,
} from './events.rules.ts'
import * as events from './events.service.ts'
import { eventTabs } from './events.tabs.ts'
import { EventWhen, StatusBadge } from './events.views.tsx'

const base = (locale: string) => `/${locale}/console/events`

/** The form values an event shows when nothing was typed yet. */
function eventValues(event: Event, chapterSlug: string | null): Record<string, string | null> {
  const wall = (d: Date | null) => (d ? wallClockOf(d, event.timeZone) : null)
  return {
    kind: event.kind,
    chapter: chapterSlug,
    mode: event.mode,
    titleZh: event.titleZh,
    titleEn: event.titleEn,
    slug: event.slug,
    summaryZh: event.summaryZh,
    summaryEn: event.summaryEn,
    descriptionZh: event.descriptionZh,
    descriptionEn: event.descriptionEn,
    timeZone: event.timeZone,
    startsAt: wall(event.startsAt),
    endsAt: wall(event.endsAt),
    venueZh: event.venueZh,
    venueEn: event.venueEn,
    address: event.address,
    country: event.country,
    mapUrl: event.mapUrl,
    accessibilityZh: event.accessibilityZh,
    accessibilityEn: event.accessibilityEn,
    onlineUrl: event.onlineUrl,
    registrationOpensAt: wall(event.registrationOpensAt),
    registrationClosesAt: wall(event.registrationClosesAt),
  }
}

function sessionValues(s: Session, timeZone: string): Record<string, string | null> {
  const wall = (d: Date | null) => (d ? wallClockOf(d, timeZone) : null)
  return {
    kind: s.kind,
    titleZh: s.titleZh,
    titleEn: s.titleEn,
    abstractZh: s.abstractZh,
    abstractEn: s.abstractEn,
    language: s.language,
    roomId: s.roomId,
    startsAt: wall(s.startsAt),
    endsAt: wall(s.endsAt),
    episodeId: s.episodeId,
    videoUrl: s.videoUrl,
    slidesUrl: s.slidesUrl,
  }
}

/**
 * A form post: read with its schema and handed to `act`; what the schema or the service refuses
 * (at a field) shows the page again with the message there and what was typed kept.
 */
async function submit<T>(
  c: Context<AppEnv>,
  read: () => Promise<FormResult<T>>,
  again: (form: FormState) => Promise<Response>,
  act: (data: T) => Promise<Response>,
) {
  const form = await read()
  if (!form.ok) return again(form)
  try {
    return await act(form.data)
  } catch (e) {
    if (!(e instanceof InvalidInput)) throw e
    return again({
      values: form.values,
      errors: fieldErrors(c.var.locale, { issues: e.issues } as z.ZodError),
    })
  }
}

/** Chapters an actor may hold events for: all of them for SIG people, else their own. */
async function chapterChoices(
  deps: Deps,
  c: Context<AppEnv>,
  current: string | null,
): Promise<ChapterChoice[]> {
  const { anyChapter, own } = await events.chaptersForNewEvents(deps, c.var.viewer)
  const all = (await listChapters(deps)).map(({ chapter }) => chapter)
  return all.filter((ch) => anyChapter || ch.slug === current || own.some((o) => o.id === ch.id))
}

export function eventsConsolePages(deps: Deps) {
  const app = new Hono<AppEnv>()
  const id = `:id${uuidParam}`

  // --- The list and a new event -------------------------------------------------------------

  app.get('/:lang{(?:zh|en)}/console/events', async (c) => {
    const { t, locale, viewer } = c.var
    const tc = t.events.console
    if (!viewer) throw new DomainError('unauthenticated')
    const [list, mayCreate] = await Promise.all([
      events.eventsToOrganise(deps, viewer),
      events.mayCreateEvents(deps, viewer),
    ])
    const now = deps.now()
    return render(
      c,
      { title: tc.title },
      <>
        <p>
          <a href={`/${locale}/console`}>{t.console.title}</a> ·{' '}
          <a href={`/${locale}/events`}>{t.events.title}</a>
        </p>
        <h1>{tc.title}</h1>
        <p class="lead">{tc.lead}</p>
        {mayCreate ? (
          <p>
            <a class="button" href={`${base(locale)}/new`}>
              {tc.create}
            </a>
          </p>
        ) : (
          <p class="muted">{tc.mayNotCreate}</p>
        )}
        {list.length ? (
          <p>
            <a href={`${base(locale)}/statistics`}>{t.eventStats.overview.link}</a>
          </p>
        ) : null}
        {list.length ? (
          <ul class="timeline console-events">
            {list.map((e) => (
              <li>
                <a href={`${base(locale)}/${e.id}`}>
                  <Localized locale={locale} zh={e.titleZh} en={e.titleEn} />
                </a>{' '}
                <Badge
                  tone={
                    e.status === 'published' ? 'success' : e.status === 'cancelled' ? 'danger' : 'neutral'
                  }
                >
                  {t.events.statuses[e.status] ?? e.status}
                </Badge>
                <div class="muted">
                  <EventWhen
                    locale={locale}
                    t={t}
                    startsAt={e.startsAt}
                    endsAt={e.endsAt}
                    timeZone={e.timeZone}
                    style="short"
                  />
                  {e.chapter
                    ? ` · ${t.events.card.chapterOf(locale === 'zh' ? e.chapter.cityZh : e.chapter.cityEn)}`
                    : ''}
                  {e.endsAt > now ? '' : ` · ${t.events.page.banners.past}`}
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{tc.none}</p>
        )}
      </>,
    )
  })

  const newPage = async (c: Context<AppEnv>, form?: FormState) => {
    const { t, locale, viewer } = c.var
    const tc = t.events.console
    if (!(await events.mayCreateEvents(deps, viewer)))
      throw new DomainError(viewer ? 'forbidden' : 'unauthenticated')
    const chapters = await chapterChoices(deps, c, null)
    return render(
      c,
      { title: tc.newTitle, status: form ? 422 : 200 },
      <>
        <p>
          <a href={base(locale)}>{tc.title}</a>
        </p>
        <h1>{tc.newTitle}</h1>
        <p class="lead">{tc.newLead}</p>
        {form ? <Notice kind="error">{t.errors.invalid}</Notice> : null}
        <EventForm
          c={c}
          action={base(locale)}
          form={form}
          current={{
            kind: 'meetup',
            mode: 'offline',
            timeZone: deps.config.timeZone,
            chapter: chapters[0]?.slug ?? '',
          }}
          chapters={chapters}
          isNew
        />
      </>,
    )
  }
  app.get('/:lang{(?:zh|en)}/console/events/new', (c) => newPage(c))
  app.post('/:lang{(?:zh|en)}/console/events', (c) =>
    submit(
      c,
      () => readForm(c, eventInput),
      (form) => newPage(c, form),
      async (data) => {
        const event = await events.createEvent(deps, c.var.viewer, data)
        return redirectWithNotice(c, `${base(c.var.locale)}/${event.id}`, 'created')
      },
    ),
  )

  // --- Details: status, the event's form, cover, next edition --------------------------------

  type DetailsForm = { which: 'edit' | 'copy' | 'cover' | 'status'; form: FormState }
  const detailsPage = async (c: Context<AppEnv>, failed?: DetailsForm) => {
    const { t, locale, viewer } = c.var
    const tc = t.events.console
    const eventId = c.req.param('id') ?? ''
    const { event, chapter } = await events.eventToOrganise(deps, viewer, eventId)
    const chapters = await chapterChoices(deps, c, chapter?.slug ?? null)
    const status = event.status as EventStatus
    const notice = c.req.query('notice')
    const title = textIn(locale, event.titleZh, event.titleEn)
    const formOf = (which: DetailsForm['which']) => (failed?.which === which ? failed.form : undefined)
    const copy = valuesOf(formOf('copy'), {
      startsAt: wallClockOf(defaultNextStart(event.startsAt, event.timeZone), event.timeZone),
    })
    return render(
      c,
      { title, status: failed ? (failed.which === 'status' ? 409 : 422) : 200 },
      <>
        <p>
          <a href={base(locale)}>{tc.title}</a> · <a href={`/${locale}/events/${event.slug}`}>{tc.view}</a>
        </p>
        <h1>
          <Localized locale={locale} zh={event.titleZh} en={event.titleEn} />{' '}
          <StatusBadge status={status} t={t} />
        </h1>
        <Tabs label={tc.tabs} tabs={eventTabs(t, locale, event.id, 'details')} />
        {notice && tc.notices[notice] ? <Notice kind="success">{tc.notices[notice]}</Notice> : null}
        {failed?.which === 'status' ? <Notice kind="error">{tc.notAllowed}</Notice> : null}
        {failed && failed.which !== 'status' ? <Notice kind="error">{t.errors.invalid}</Notice> : null}
        <section aria-labelledby="status-title">
          <h2 id="status-title">{tc.status}</h2>
          <p class="hint">{tc.statusLead}</p>
          <p>{t.events.statuses[status]}</p>
          {actionsFor(status).map((action) => (
            <div class="status-action">
              <ButtonForm
                c={c}
                action={`${base(locale)}/${event.id}/status`}
                label={tc.actions[action]}
                danger={action === 'cancel'}
              >
                <input type="hidden" name="action" value={action} />
              </ButtonForm>
              <p class="hint">{tc.actionHints[action]}</p>
            </div>
          ))}
        </section>
        <EventForm
          c={c}
          action={`${base(locale)}/${event.id}`}
          form={formOf('edit')}
          current={eventValues(event, chapter?.slug ?? null)}
          chapters={chapters}
          isNew={false}
          slugFixed={!slugEditable(status)}
          capacity={event.capacity}
        />
        <section aria-labelledby="cover-title">
          <h2 id="cover-title">{tc.cover}</h2>
          <p class="hint">{tc.coverLead}</p>
          {event.cover ? (
            <div class="cover-current">
              <ResponsiveImage picture={pictureOf(event.cover, 400)} alt={tc.coverCurrent} />
            </div>
          ) : (
            <p class="muted">{tc.noCover}</p>
          )}
          <form
            method="post"
            action={`${base(locale)}/${event.id}/cover/upload`}
            enctype="multipart/form-data"
          >
            <CsrfField c={c} />
            <FileDrop
              name="cover"
              label={tc.coverFile}
              hint={tc.coverHint}
              accept="image/jpeg,image/png,image/webp"
              dropText={tc.dropFile}
              error={formOf('cover')?.errors.cover}
            />
            <button type="submit">{tc.coverButton}</button>
          </form>
        </section>
        <section aria-labelledby="copy-title">
          <h2 id="copy-title">{tc.copy}</h2>
          <p class="hint">{tc.copyLead}</p>
          <form method="post" action={`${base(locale)}/${event.id}/copy`} novalidate>
            <CsrfField c={c} />
            <Field
              id="copy-startsAt"
              name="startsAt"
              type="datetime-local"
              label={tc.copyStartsAt(event.timeZone)}
              required
              value={copy.v('startsAt')}
              error={copy.e('startsAt')}
            />
            <button type="submit" class="secondary">
              {tc.copyButton}
            </button>
          </form>
        </section>
      </>,
    )
  }

  app.get(`/:lang{(?:zh|en)}/console/events/${id}`, (c) => detailsPage(c))
  app.post(`/:lang{(?:zh|en)}/console/events/${id}`, (c) =>
    submit(
      c,
      () => readForm(c, eventEditInput),
      (form) => detailsPage(c, { which: 'edit', form }),
      async (data) => {
        await events.editEvent(deps, c.var.viewer, c.req.param('id'), data)
        return redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('id')}`, 'saved')
      },
    ),
  )
  app.post(`/:lang{(?:zh|en)}/console/events/${id}/status`, async (c) => {
    const form = await readForm(c, statusInput)
    if (!form.ok) return detailsPage(c, { which: 'status', form })
    try {
      await events.changeStatus(deps, c.var.viewer, c.req.param('id'), form.data.action)
    } catch (e) {
      if (e instanceof DomainError && e.code === 'notAllowedNow')
        return detailsPage(c, { which: 'status', form: { values: form.values, errors: {} } })
      throw e
    }
    return redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('id')}`, form.data.action)
  })
  app.post(`/:lang{(?:zh|en)}/console/events/${id}/copy`, async (c) => {
    const { event } = await events.eventToOrganise(deps, c.var.viewer, c.req.param('id'))
    return submit(
      c,
      () => readForm(c, nextEditionInput(event.timeZone)),
      (form) => detailsPage(c, { which: 'copy', form }),
      async (data) => {
        const copy = await events.copyAsNextEdition(deps, c.var.viewer, event.id, data.startsAt)
        return redirectWithNotice(c, `${base(c.var.locale)}/${copy.id}`, 'copied')
      },
    )
  })
  // Streamed (the path ends in /upload): the CSRF token is checked as the form arrives.
  app.post(`/:lang{(?:zh|en)}/console/events/${id}/cover/upload`, async (c) => {
    const eventId = c.req.param('id')
    const refusedWith = (message: string) =>
      detailsPage(c, {
        which: 'cover',
        form: { values: {}, errors: { cover: translateIssue(c.var.locale, { message } as never) } },
      })
    try {
      const { result } = await receiveUpload(c, 'cover', (file) =>
        events
          .setEventCover(deps, c.var.viewer, eventId, { filename: file.filename, source: file.stream })
          .then(() => true),
      )
      if (!result) return refusedWith('required')
    } catch (err) {
      if (!(err instanceof MediaRefused)) throw err
      return refusedWith(err.reason)
    }
    return redirectWithNotice(c, `${base(c.var.locale)}/${eventId}`, 'cover')
  })

  // --- Agenda and rooms ---------------------------------------------------------------------

  type AgendaForm = { which: 'session' | 'room' | `room-${string}`; form: FormState }
  const agendaPage = async (c: Context<AppEnv>, failed?: AgendaForm) => {
    const { t, locale, viewer } = c.var
    const tc = t.events.console
    const { event, sessions, rooms } = await events.eventToOrganise(deps, viewer, c.req.param('id') ?? '')
    const episodes = await events.episodesToLink(deps)
    const notice = c.req.query('notice')
    const action = `${base(locale)}/${event.id}`
    const formOf = (which: AgendaForm['which']) => (failed?.which === which ? failed.form : undefined)
    return render(
      c,
      {
        title: `${textIn(locale, event.titleZh, event.titleEn)} · ${tc.tabAgenda}`,
        status: failed ? 422 : 200,
      },
      <>
        <p>
          <a href={base(locale)}>{tc.title}</a> · <a href={`/${locale}/events/${event.slug}`}>{tc.view}</a>
        </p>
        <h1>
          <Localized locale={locale} zh={event.titleZh} en={event.titleEn} />
        </h1>
        <Tabs label={tc.tabs} tabs={eventTabs(t, locale, event.id, 'agenda')} />
        {notice && tc.notices[notice] ? <Notice kind="success">{tc.notices[notice]}</Notice> : null}
        {failed ? <Notice kind="error">{t.errors.invalid}</Notice> : null}
        <section aria-labelledby="sessions-title">
          <h2 id="sessions-title">{tc.sessions}</h2>
          <p class="hint">{tc.sessionsLead}</p>
          {sessions.length ? (
            <ul class="plain console-sessions">
              {sessions.map((s) => (
                <li>
                  <a href={`${action}/sessions/${s.id}`}>
                    <Localized locale={locale} zh={s.titleZh} en={s.titleEn} />
                  </a>{' '}
                  <Badge>{t.events.sessionKinds[s.kind] ?? s.kind}</Badge>
                  <span class="muted">
                    {s.startsAt ? ` · ${wallClockOf(s.startsAt, event.timeZone).replace('T', ' ')}` : ''}
                    {s.room ? ` · ${textIn(locale, s.room.nameZh, s.room.nameEn)}` : ''}
                    {s.speakers.length ? ` · ${tc.speakerCount(s.speakers.length)}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{tc.noSessions}</p>
          )}
          <h3 id="add-session">{tc.addSession}</h3>
          <SessionForm
            c={c}
            action={`${action}/sessions`}
            form={formOf('session')}
            current={{ kind: 'talk' }}
            rooms={rooms}
            episodes={episodes}
            timeZone={event.timeZone}
            submit={tc.addSession}
          />
        </section>
        <section aria-labelledby="rooms-title">
          <h2 id="rooms-title">{tc.rooms}</h2>
          <p class="hint">{tc.roomsLead}</p>
          {rooms.length ? (
            <ul class="plain console-rooms">
              {rooms.map((r) => {
                const name = textIn(locale, r.nameZh, r.nameEn)
                return (
                  <li>
                    <details open={failed?.which === `room-${r.id}`}>
                      <summary>
                        <Localized locale={locale} zh={r.nameZh} en={r.nameEn} />
                        {r.capacity !== null ? <span class="muted"> · {r.capacity}</span> : null}
                      </summary>
                      <form method="post" action={`${action}/rooms/${r.id}`} novalidate>
                        <CsrfField c={c} />
                        <RoomFields
                          c={c}
                          id={`room-${r.id}`}
                          values={valuesOf(formOf(`room-${r.id}`), {
                            nameZh: r.nameZh,
                            nameEn: r.nameEn,
                            capacity: r.capacity === null ? null : String(r.capacity),
                          })}
                        />
                        <button type="submit">{tc.saveRoom}</button>
                      </form>
                      <ButtonForm
                        c={c}
                        action={`${action}/rooms/${r.id}/remove`}
                        label={tc.removeRoom(name)}
                        danger
                      />
                    </details>
                  </li>
                )
              })}
            </ul>
          ) : (
            <p class="muted">{tc.noRooms}</p>
          )}
          <h3>{tc.addRoom}</h3>
          <form method="post" action={`${action}/rooms`} novalidate>
            <CsrfField c={c} />
            <RoomFields c={c} id="new-room" values={valuesOf(formOf('room'))} />
            <button type="submit">{tc.addRoom}</button>
          </form>
        </section>
      </>,
    )
  }

  app.get(`/:lang{(?:zh|en)}/console/events/${id}/agenda`, (c) => agendaPage(c))
  app.post(`/:lang{(?:zh|en)}/console/events/${id}/sessions`, async (c) => {
    const { event } = await events.eventToOrganise(deps, c.var.viewer, c.req.param('id'))
    return submit(
      c,
      () => readForm(c, sessionInput(event.timeZone)),
      (form) => agendaPage(c, { which: 'session', form }),
      async (data) => {
        const session = await events.addSession(deps, c.var.viewer, event.id, data)
        return redirectWithNotice(
          c,
          `${base(c.var.locale)}/${event.id}/sessions/${session.id}`,
          'sessionAdded',
        )
      },
    )
  })
  app.post(`/:lang{(?:zh|en)}/console/events/${id}/rooms`, (c) =>
    submit(
      c,
      () => readForm(c, roomInput),
      (form) => agendaPage(c, { which: 'room', form }),
      async (data) => {
        await events.addRoom(deps, c.var.viewer, c.req.param('id'), data)
        return redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('id')}/agenda`, 'roomAdded')
      },
    ),
  )
  app.post(`/:lang{(?:zh|en)}/console/events/${id}/rooms/:room${uuidParam}`, (c) =>
    submit(
      c,
      () => readForm(c, roomInput),
      (form) => agendaPage(c, { which: `room-${c.req.param('room')}`, form }),
      async (data) => {
        await events.editRoom(deps, c.var.viewer, c.req.param('id'), c.req.param('room'), data)
        return redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('id')}/agenda`, 'roomSaved')
      },
    ),
  )
  app.post(`/:lang{(?:zh|en)}/console/events/${id}/rooms/:room${uuidParam}/remove`, async (c) => {
    await events.removeRoom(deps, c.var.viewer, c.req.param('id'), c.req.param('room'))
    return redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('id')}/agenda`, 'roomRemoved')
  })

  // --- One session: its form and who is in it ----------------------------------------------

  type SessionPageForm = { which: 'session' | 'speaker'; form: FormState }
  const sessionPage = async (c: Context<AppEnv>, failed?: SessionPageForm) => {
    const { t, locale, viewer } = c.var
    const tc = t.events.console
    const { event, sessions, rooms } = await events.eventToOrganise(deps, viewer, c.req.param('id') ?? '')
    const session = sessions.find((s) => s.id === c.req.param('session'))
    if (!session) throw new DomainError('notFoundRecord')
    const episodes = await events.episodesToLink(deps)
    const notice = c.req.query('notice')
    const action = `${base(locale)}/${event.id}/sessions/${session.id}`
    const formOf = (which: SessionPageForm['which']) => (failed?.which === which ? failed.form : undefined)
    const title = textIn(locale, session.titleZh, session.titleEn)
    return render(
      c,
      { title, status: failed ? 422 : 200 },
      <>
        <p>
          <a href={`${base(locale)}/${event.id}/agenda`}>
            <Localized locale={locale} zh={event.titleZh} en={event.titleEn} /> · {tc.tabAgenda}
          </a>
        </p>
        <h1>
          <Localized locale={locale} zh={session.titleZh} en={session.titleEn} />
        </h1>
        {notice && tc.notices[notice] ? <Notice kind="success">{tc.notices[notice]}</Notice> : null}
        {failed ? <Notice kind="error">{t.errors.invalid}</Notice> : null}
        <section aria-labelledby="speakers-title">
          <h2 id="speakers-title">{tc.speakers}</h2>
          {session.speakers.length ? (
            <ul class="plain people-list">
              {session.speakers.map(({ speaker, person }) => {
                const name = person
                  ? textIn(locale, person.nameZh, person.nameEn) || person.handle
                  : textIn(locale, speaker.nameZh, speaker.nameEn)
                return (
                  <li>
                    {name} <span class="muted">· {t.events.roles[speaker.role] ?? speaker.role}</span>{' '}
                    <ButtonForm
                      c={c}
                      action={`${action}/speakers/${speaker.id}/remove`}
                      label={tc.removeSpeaker(name)}
                    />
                  </li>
                )
              })}
            </ul>
          ) : (
            <p class="muted">{tc.noSpeakers}</p>
          )}
          <SpeakerForm
            c={c}
            action={`${action}/speakers`}
            kind={session.kind as SessionKind}
            form={formOf('speaker')}
          />
        </section>
        <section aria-labelledby="session-form-title">
          <h2 id="session-form-title">{tc.editSession}</h2>
          <SessionForm
            c={c}
            action={action}
            form={formOf('session')}
            current={sessionValues(session, event.timeZone)}
            rooms={rooms}
            episodes={episodes}
            timeZone={event.timeZone}
            submit={tc.saveSession}
          />
          <p>
            <ButtonForm c={c} action={`${action}/remove`} label={tc.removeSession} danger />
          </p>
        </section>
      </>,
    )
  }

  const sessionPath = `/:lang{(?:zh|en)}/console/events/${id}/sessions/:session${uuidParam}`
  app.get(sessionPath, (c) => sessionPage(c))
  app.post(sessionPath, async (c) => {
    const { event } = await events.eventToOrganise(deps, c.var.viewer, c.req.param('id'))
    return submit(
      c,
      () => readForm(c, sessionInput(event.timeZone)),
      (form) => sessionPage(c, { which: 'session', form }),
      async (data) => {
        await events.editSession(deps, c.var.viewer, event.id, c.req.param('session'), data)
        return redirectWithNotice(
          c,
          `${base(c.var.locale)}/${event.id}/sessions/${c.req.param('session')}`,
          'sessionSaved',
        )
      },
    )
  })
  app.post(`${sessionPath}/remove`, async (c) => {
    await events.removeSession(deps, c.var.viewer, c.req.param('id'), c.req.param('session'))
    return redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('id')}/agenda`, 'sessionRemoved')
  })
  app.post(`${sessionPath}/speakers`, (c) =>
    submit(
      c,
      () => readForm(c, speakerInput),
      (form) => sessionPage(c, { which: 'speaker', form }),
      async (data) => {
        await events.addSpeaker(deps, c.var.viewer, c.req.param('id'), c.req.param('session'), data)
        return redirectWithNotice(
          c,
          `${base(c.var.locale)}/${c.req.param('id')}/sessions/${c.req.param('session')}`,
          'speakerAdded',
        )
      },
    ),
  )
  app.post(`${sessionPath}/speakers/:speaker${uuidParam}/remove`, async (c) => {
    await events.removeSpeaker(
      deps,
      c.var.viewer,
      c.req.param('id'),
      c.req.param('session'),
      c.req.param('speaker'),
    )
    return redirectWithNotice(
      c,
      `${base(c.var.locale)}/${c.req.param('id')}/sessions/${c.req.param('session')}`,
      'speakerRemoved',
    )
  })

  // --- Organisers and sponsors --------------------------------------------------------------

  type PeopleForm = {
    which: 'organiser' | 'sponsor' | `logo-${string}`
    form: FormState
    lastOrganiser?: boolean
  }
  const peoplePage = async (c: Context<AppEnv>, failed?: PeopleForm) => {
    const { t, locale, viewer } = c.var
    const tc = t.events.console
    const { event, organisers, sponsors } = await events.eventToOrganise(
      deps,
      viewer,
      c.req.param('id') ?? '',
    )
    const notice = c.req.query('notice')
    const action = `${base(locale)}/${event.id}`
    const formOf = (which: PeopleForm['which']) => (failed?.which === which ? failed.form : undefined)
    const organiserForm = valuesOf(formOf('organiser'))
    const sponsorForm = valuesOf(formOf('sponsor'))
    return render(
      c,
      {
        title: `${textIn(locale, event.titleZh, event.titleEn)} · ${tc.tabPeople}`,
        status: failed ? 422 : 200,
      },
      <>
        <p>
          <a href={base(locale)}>{tc.title}</a> · <a href={`/${locale}/events/${event.slug}`}>{tc.view}</a>
        </p>
        <h1>
          <Localized locale={locale} zh={event.titleZh} en={event.titleEn} />
        </h1>
        <Tabs label={tc.tabs} tabs={eventTabs(t, locale, event.id, 'people')} />
        {notice && tc.notices[notice] ? <Notice kind="success">{tc.notices[notice]}</Notice> : null}
        {failed?.lastOrganiser ? <Notice kind="error">{tc.lastOrganiser}</Notice> : null}
        {failed && !failed.lastOrganiser ? <Notice kind="error">{t.errors.invalid}</Notice> : null}
        <section aria-labelledby="organisers-title">
          <h2 id="organisers-title">{tc.organisers}</h2>
          <p class="hint">{tc.organisersLead}</p>
          <ul class="plain people-list">
            {organisers.map((o) => {
              const name = textIn(locale, o.person.nameZh, o.person.nameEn) || o.person.handle
              return (
                <li>
                  {name} <span class="muted">@{o.person.handle}</span>{' '}
                  {organisers.length > 1 ? (
                    <ButtonForm
                      c={c}
                      action={`${action}/organisers/${o.id}/remove`}
                      label={tc.removeOrganiser(name)}
                    />
                  ) : null}
                </li>
              )
            })}
          </ul>
          <form method="post" action={`${action}/organisers`} novalidate>
            <CsrfField c={c} />
            <Field
              id="organiser-handle"
              name="handle"
              label={tc.organiserHandle}
              value={organiserForm.v('handle')}
              error={organiserForm.e('handle')}
            />
            <button type="submit">{tc.addOrganiser}</button>
          </form>
        </section>
        <section aria-labelledby="sponsors-title">
          <h2 id="sponsors-title">{tc.sponsors}</h2>
          <p class="hint">{tc.sponsorsLead}</p>
          {sponsors.length ? (
            <ul class="plain console-sponsors">
              {sponsors.map((s) => {
                const name = textIn(locale, s.nameZh, s.nameEn)
                const logoError = formOf(`logo-${s.id}`)?.errors.logo
                return (
                  <li>
                    <h3>
                      <Localized locale={locale} zh={s.nameZh} en={s.nameEn} />
                    </h3>
                    {s.logo ? (
                      <ResponsiveImage
                        picture={pictureOf(s.logo, 160)}
                        alt={t.events.page.sponsorLogo(name)}
                        class="sponsor-logo"
                      />
                    ) : null}
                    <form
                      method="post"
                      action={`${action}/sponsors/${s.id}/logo/upload`}
                      enctype="multipart/form-data"
                    >
                      <CsrfField c={c} />
                      <FileDrop
                        id={`logo-${s.id}`}
                        name="logo"
                        label={tc.logoFile}
                        hint={tc.logoHint}
                        accept="image/png,image/jpeg,image/webp"
                        dropText={tc.dropFile}
                        error={logoError}
                      />
                      <button type="submit" class="secondary">
                        {tc.logoButton}
                      </button>
                    </form>
                    <ButtonForm
                      c={c}
                      action={`${action}/sponsors/${s.id}/remove`}
                      label={tc.removeSponsor(name)}
                      danger
                    />
                  </li>
                )
              })}
            </ul>
          ) : (
            <p class="muted">{tc.noSponsors}</p>
          )}
          <h3>{tc.addSponsor}</h3>
          <form method="post" action={`${action}/sponsors`} novalidate>
            <CsrfField c={c} />
            <FieldPair
              name="name"
              labelZh={tc.sponsorFields.nameZh}
              labelEn={tc.sponsorFields.nameEn}
              value={sponsorForm.v}
              error={sponsorForm.e}
            />
            <Field
              id="sponsor-url"
              name="url"
              type="url"
              inputmode="url"
              label={tc.sponsorFields.url}
              value={sponsorForm.v('url')}
              error={sponsorForm.e('url')}
            />
            <button type="submit">{tc.addSponsor}</button>
          </form>
        </section>
      </>,
    )
  }

  app.get(`/:lang{(?:zh|en)}/console/events/${id}/people`, (c) => peoplePage(c))
  app.post(`/:lang{(?:zh|en)}/console/events/${id}/organisers`, (c) =>
    submit(
      c,
      () => readForm(c, organiserInput),
      (form) => peoplePage(c, { which: 'organiser', form }),
      async (data) => {
        await events.addOrganiser(deps, c.var.viewer, c.req.param('id'), data.handle)
        return redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('id')}/people`, 'organiserAdded')
      },
    ),
  )
  app.post(`/:lang{(?:zh|en)}/console/events/${id}/organisers/:organiser${uuidParam}/remove`, async (c) => {
    try {
      await events.removeOrganiser(deps, c.var.viewer, c.req.param('id'), c.req.param('organiser'))
    } catch (e) {
      if (e instanceof DomainError && e.code === 'notAllowedNow')
        return peoplePage(c, { which: 'organiser', form: { values: {}, errors: {} }, lastOrganiser: true })
      throw e
    }
    return redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('id')}/people`, 'organiserRemoved')
  })
  app.post(`/:lang{(?:zh|en)}/console/events/${id}/sponsors`, (c) =>
    submit(
      c,
      () => readForm(c, sponsorInput),
      (form) => peoplePage(c, { which: 'sponsor', form }),
      async (data) => {
        await events.addSponsor(deps, c.var.viewer, c.req.param('id'), data)
        return redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('id')}/people`, 'sponsorAdded')
      },
    ),
  )
  app.post(`/:lang{(?:zh|en)}/console/events/${id}/sponsors/:sponsor${uuidParam}/remove`, async (c) => {
    await events.removeSponsor(deps, c.var.viewer, c.req.param('id'), c.req.param('sponsor'))
    return redirectWithNotice(c, `${base(c.var.locale)}/${c.req.param('id')}/people`, 'sponsorRemoved')
  })
  app.post(`/:lang{(?:zh|en)}/console/events/${id}/sponsors/:sponsor${uuidParam}/logo/upload`, async (c) => {
    const eventId = c.req.param('id')
    const sponsorId = c.req.param('sponsor')
    const refusedWith = (message: string) =>
      peoplePage(c, {
        which: `logo-${sponsorId}`,
        form: { values: {}, errors: { logo: translateIssue(c.var.locale, { message } as never) } },
      })
    try {
      const { result } = await receiveUpload(c, 'logo', (file) =>
        events
          .setSponsorLogo(deps, c.var.viewer, eventId, sponsorId, {
            filename: file.filename,
            source: file.stream,
          })
          .then(() => true),
      )
      if (!result) return refusedWith('required')
    } catch (err) {
      if (!(err instanceof MediaRefused)) throw err
      return refusedWith(err.reason)
    }
    return redirectWithNotice(c, `${base(c.var.locale)}/${eventId}/people`, 'logo')
  })

  return app
}
