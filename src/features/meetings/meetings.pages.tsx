import type { Context } from 'hono'
import { Hono } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { isUuid, uuidParam } from '../../platform/http/edge-input.ts'
import { formatDate, formatInZone } from '../../platform/i18n/index.ts'
import { CsrfField, Field, FieldPair, Notice } from '../../platform/views/layout.tsx'
import { Localized, textIn } from '../../platform/views/localized.tsx'
import { formFields, readForm, redirectWithNotice, render } from '../../platform/views/page.tsx'
import { displayName } from '../people/index.ts'
import { agendaItemInput, meetingInput } from './meetings.inputs.ts'
import {
  addAgendaItem,
  confirmAttendance,
  meetingDetail,
  recordPresence,
  scheduleMeeting,
  upcomingMeetings,
} from './meetings.service.ts'

export function meetingsPages(deps: Deps) {
  const app = new Hono<AppEnv>()
  const path = (locale: string) => `/${locale}/console/meetings`

  const page = async (
    c: Context<AppEnv>,
    form?: { which: string; values: Record<string, string>; errors: Record<string, string> },
  ) => {
    const { t, locale, viewer } = c.var
    const tm = t.meetings
    const data = await upcomingMeetings(deps, viewer)
    const notice = c.req.query('notice')
    const v = (which: string, name: string) => (form?.which === which ? form.values[name] : undefined)
    const e = (which: string, name: string) => (form?.which === which ? form.errors[name] : undefined)
    const cityOf = (ch: { cityZh: string; cityEn: string }) => (locale === 'zh' ? ch.cityZh : ch.cityEn)
    return render(
      c,
      { title: tm.title, status: form ? 422 : 200 },
      <>
        <p>
          <a href={`/${locale}/console`}>{t.console.title}</a>
        </p>
        <h1>{tm.title}</h1>
        <p class="lead">{tm.lead}</p>
        {notice && tm.notices[notice] ? <Notice kind="success">{tm.notices[notice]}</Notice> : null}
        {form ? <Notice kind="error">{t.errors.invalid}</Notice> : null}
        {data.meetings.length === 0 ? <p class="muted">{tm.none}</p> : null}
        {data.meetings.map(({ meeting, agenda, attendees, attending }) => (
          <section aria-labelledby={`m-${meeting.id}`} class="card card-block">
            <h2 id={`m-${meeting.id}`}>
              <a href={`${path(locale)}/${meeting.id}`}>
                <Localized locale={locale} zh={meeting.titleZh} en={meeting.titleEn} />
              </a>
            </h2>
            <p>
              <time datetime={meeting.startsAt.toISOString()}>
                {formatInZone(locale, meeting.startsAt, deps.config.timeZone)}
              </time>
              {meeting.place ? <> · {meeting.place}</> : null}
            </p>
            <h3>{tm.agenda}</h3>
            {agenda.length ? (
              <ol>
                {agenda.map(({ item, chapter, uncovered }) => (
                  <li>
                    <Localized locale={locale} zh={item.titleZh} en={item.titleEn} />
                    {chapter && !uncovered ? <span class="muted"> · {cityOf(chapter)}</span> : null}
                    {uncovered && chapter ? (
                      <div class="notice notice-info">
                        {tm.uncovered(cityOf(chapter))}
                        {item.askedAt ? ` ${tm.asked(formatDate(locale, item.askedAt))}` : ''}
                      </div>
                    ) : null}
                  </li>
                ))}
              </ol>
            ) : (
              <p class="muted">{tm.noAgenda}</p>
            )}
            <p>
              {tm.attendees}:{' '}
              {attendees.length
                ? attendees.map((p) => displayName(p, locale)).join(locale === 'zh' ? '、' : ', ')
                : tm.nobodyYet}
            </p>
            <form method="post" action={`${path(locale)}/${meeting.id}/attendance`} class="inline">
              <CsrfField c={c} />
              <input type="hidden" name="attending" value={attending ? 'no' : 'yes'} />
              <button type="submit" class={attending ? 'secondary' : undefined}>
                {attending ? tm.notAttend : tm.attend}
                <span class="visually-hidden">
                  {' — '}
                  <Localized locale={locale} zh={meeting.titleZh} en={meeting.titleEn} />
                </span>
              </button>
            </form>
            <details open={form?.which === `item-${meeting.id}`}>
              <summary>{tm.addItem}</summary>
              <form method="post" action={`${path(locale)}/${meeting.id}/items`} novalidate>
                <CsrfField c={c} />
                <FieldPair
                  name="title"
                  idPrefix={`item-${meeting.id}`}
                  labelZh={tm.itemTitleZh}
                  labelEn={tm.itemTitleEn}
                  value={(name) => v(`item-${meeting.id}`, name)}
                  error={(name) => e(`item-${meeting.id}`, name)}
                />
                <div class="field">
                  <label for={`item-chapter-${meeting.id}`}>{tm.aboutChapter}</label>
                  <select id={`item-chapter-${meeting.id}`} name="chapter">
                    <option value="">{tm.noChapter}</option>
                    {data.chapters.map((ch) => (
                      <option value={ch.slug}>{cityOf(ch)}</option>
                    ))}
                  </select>
                </div>
                <button type="submit">{tm.add}</button>
              </form>
            </details>
          </section>
        ))}
        <section aria-labelledby="recent-title">
          <h2 id="recent-title">{tm.recent}</h2>
          {data.recent.length ? (
            <ul class="plain">
              {data.recent.map((m) => (
                <li>
                  <a href={`${path(locale)}/${m.id}`}>
                    <Localized locale={locale} zh={m.titleZh} en={m.titleEn} />
                  </a>{' '}
                  ·{' '}
                  <time datetime={m.startsAt.toISOString()}>
                    {formatInZone(locale, m.startsAt, deps.config.timeZone)}
                  </time>{' '}
                  ·{' '}
                  <span class={m.presenceRecordedAt ? 'muted' : 'badge status-at_risk'}>
                    {m.presenceRecordedAt ? tm.presence : tm.presenceNotRecorded}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{tm.noRecent}</p>
          )}
        </section>
        {data.sigs.length ? (
          <section aria-labelledby="schedule-title">
            <h2 id="schedule-title">{tm.schedule}</h2>
            <form method="post" action={path(locale)} novalidate>
              <CsrfField c={c} />
              <div class="field">
                <label for="field-sigId">{t.chapters.sig}</label>
                <select id="field-sigId" name="sigId">
                  {data.sigs.map((s) => (
                    <option value={s.id}>{locale === 'zh' ? s.nameZh : s.nameEn}</option>
                  ))}
                </select>
              </div>
              <FieldPair
                name="title"
                labelZh={tm.meetingTitleZh}
                labelEn={tm.meetingTitleEn}
                value={(name) => v('meeting', name)}
                error={(name) => e('meeting', name)}
              />
              <Field
                name="startsAt"
                label={tm.startsAt(deps.config.timeZone)}
                type="datetime-local"
                required
                value={v('meeting', 'startsAt')}
                error={e('meeting', 'startsAt')}
              />
              <Field
                name="place"
                label={tm.place}
                value={v('meeting', 'place')}
                error={e('meeting', 'place')}
              />
              <button type="submit">{tm.scheduleButton}</button>
            </form>
          </section>
        ) : null}
      </>,
    )
  }

  app.get('/:lang{(?:zh|en)}/console/meetings', (c) => page(c))

  /** One meeting: its agenda, who confirmed, and (once it has started) who was there. */
  const meetingPage = async (c: Context<AppEnv>) => {
    const { t, locale, viewer } = c.var
    const tm = t.meetings
    const d = await meetingDetail(deps, viewer, c.req.param('id') ?? '')
    const cityOf = (ch: { cityZh: string; cityEn: string }) => (locale === 'zh' ? ch.cityZh : ch.cityEn)
    const names = (people: { nameZh: string | null; nameEn: string | null; handle: string }[]) =>
      people.length ? people.map((p) => displayName(p, locale)).join(locale === 'zh' ? '、' : ', ') : '—'
    const notice = c.req.query('notice')
    const Tick = ({
      p,
    }: {
      p: { id: string; handle: string; nameZh: string | null; nameEn: string | null }
    }) => (
      <div class="check">
        <input
          type="checkbox"
          id={`present-${p.id}`}
          name={`present-${p.id}`}
          value="yes"
          checked={d.presentIds.has(p.id)}
        />{' '}
        <label for={`present-${p.id}`}>
          {displayName(p, locale)}
          {d.confirmedIds.has(p.id) ? <span class="muted"> · {tm.confirmed}</span> : null}
        </label>
      </div>
    )
    return render(
      c,
      { title: textIn(locale, d.meeting.titleZh, d.meeting.titleEn) },
      <>
        <p>
          <a href={path(locale)}>{tm.back}</a>
        </p>
        <h1>
          <Localized locale={locale} zh={d.meeting.titleZh} en={d.meeting.titleEn} />
        </h1>
        <p>
          <time datetime={d.meeting.startsAt.toISOString()}>
            {formatInZone(locale, d.meeting.startsAt, deps.config.timeZone)}
          </time>
          {d.meeting.place ? <> · {d.meeting.place}</> : null}
        </p>
        {notice && tm.notices[notice] ? <Notice kind="success">{tm.notices[notice]}</Notice> : null}
        <h2>{tm.agenda}</h2>
        {d.agenda.length ? (
          <ol>
            {d.agenda.map(({ item, chapter, uncovered, represented }) => (
              <li>
                <Localized locale={locale} zh={item.titleZh} en={item.titleEn} />
                {/* The line below names the city when there is one; saying it here too reads twice. */}
                {chapter && represented !== true && represented !== false && !uncovered ? (
                  <span class="muted"> · {cityOf(chapter)}</span>
                ) : null}
                {chapter && represented === true ? (
                  <div>
                    <span class="badge status-active">{tm.represented(cityOf(chapter))}</span>
                  </div>
                ) : chapter && represented === false ? (
                  <div>
                    <span class="badge status-at_risk">{tm.notRepresented(cityOf(chapter))}</span>
                  </div>
                ) : chapter && uncovered ? (
                  <div class="notice notice-info">{tm.uncovered(cityOf(chapter))}</div>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p class="muted">{tm.noAgenda}</p>
        )}
        <p>
          {tm.attendees}: {names(d.confirmed)}
        </p>
        <section aria-labelledby="presence-title">
          <h2 id="presence-title">{tm.presence}</h2>
          {d.meeting.presenceRecordedAt ? (
            <p>
              {tm.present}: {names(d.present)}{' '}
              <span class="muted">
                {tm.presenceRecordedBy(
                  d.recordedBy ? displayName(d.recordedBy, locale) : '—',
                  formatDate(locale, d.meeting.presenceRecordedAt, true),
                )}
              </span>
            </p>
          ) : (
            <p class="muted">{tm.presenceNotRecorded}</p>
          )}
          {d.mayRecord ? (
            <form method="post" action={`${path(locale)}/${d.meeting.id}/presence`}>
              <CsrfField c={c} />
              <p class="hint">{tm.presenceLead}</p>
              <fieldset>
                <legend>{tm.sigPeople}</legend>
                {d.groups.sig.map((p) => (
                  <Tick p={p} />
                ))}
              </fieldset>
              {d.groups.teams.map(({ chapter, people }) => (
                <fieldset>
                  <legend>{tm.chapterTeam(cityOf(chapter))}</legend>
                  {people.map((p) => (
                    <Tick p={p} />
                  ))}
                </fieldset>
              ))}
              {d.groups.others.length ? (
                <fieldset>
                  <legend>{tm.others}</legend>
                  {d.groups.others.map((p) => (
                    <Tick p={p} />
                  ))}
                </fieldset>
              ) : null}
              <button type="submit">{tm.presenceSave}</button>
            </form>
          ) : d.meeting.startsAt > deps.now() ? (
            <p class="muted">{tm.presenceLater}</p>
          ) : null}
        </section>
      </>,
    )
  }

  app.get(`/:lang{(?:zh|en)}/console/meetings/:id${uuidParam}`, (c) => meetingPage(c))

  app.post(`/:lang{(?:zh|en)}/console/meetings/:id${uuidParam}/presence`, async (c) => {
    const fields = await formFields(c)
    const ids = Object.keys(fields)
      .map((k) => /^present-(.+)$/.exec(k)?.[1])
      .filter((id): id is string => id !== undefined && isUuid(id))
    await recordPresence(deps, c.var.viewer, c.req.param('id'), ids)
    return redirectWithNotice(c, `${path(c.var.locale)}/${c.req.param('id')}`, 'presenceRecorded')
  })

  app.post('/:lang{(?:zh|en)}/console/meetings', async (c) => {
    const form = await readForm(c, meetingInput(deps.now(), deps.config.timeZone))
    if (!form.ok) return page(c, { which: 'meeting', ...form })
    await scheduleMeeting(deps, c.var.viewer, form.data)
    return redirectWithNotice(c, path(c.var.locale), 'scheduled')
  })

  app.post(`/:lang{(?:zh|en)}/console/meetings/:id${uuidParam}/items`, async (c) => {
    const id = c.req.param('id')
    const form = await readForm(c, agendaItemInput)
    if (!form.ok) return page(c, { which: `item-${id}`, ...form })
    await addAgendaItem(deps, c.var.viewer, id, form.data)
    return redirectWithNotice(c, path(c.var.locale), 'itemAdded')
  })

  app.post(`/:lang{(?:zh|en)}/console/meetings/:id${uuidParam}/attendance`, async (c) => {
    const { attending } = await formFields(c)
    await confirmAttendance(deps, c.var.viewer, c.req.param('id'), attending === 'yes')
    return redirectWithNotice(c, path(c.var.locale), attending === 'yes' ? 'attending' : 'notAttending')
  })

  return app
}
