// The organisers' "Schedule" tab as a function of the editor's state that the routes in
// programme.schedule.pages.tsx fetch: a grid per day (rooms as columns, half hours as rows) with
// every placed session and its conflict marks, the sessions not yet placed, a plain form per
// session (room, day, start, end) that works without script, breaks across every room, the
// conflicts with their "accept" buttons, and publishing with the versions published so far.
import type { Context } from 'hono'
import type { AppEnv } from '../../platform/http/context.ts'
import type { Locale, Messages } from '../../platform/i18n/index.ts'
import { zonedIsoString, zonedTime } from '../../platform/i18n/time-zone.ts'
import { assetUrl } from '../../platform/views/assets.ts'
import { Badge, StatTile, Tabs } from '../../platform/views/components.tsx'
import { CsrfField, EmptyState, Notice } from '../../platform/views/layout.tsx'
import { Localized, textIn } from '../../platform/views/localized.tsx'
import { eventTabs, formatDay, ZoneNote } from '../events/index.ts'
import { displayName } from '../people/index.ts'
import { ALL_ROOMS, wallClock } from './programme.editor.rules.ts'
import { type GridCell, scheduleGrid } from './programme.schedule.rules.ts'
import type { StoredChangeLog } from './programme.schedule.schema.ts'
import type { EditorConflict, ScheduleEditor, ScheduleRefusal } from './programme.schedule.ts'
import { nextVersion } from './programme.versions.rules.ts'
import { formatClock } from './programme.views.tsx'

export const scheduleEditorPath = (locale: Locale, eventId: string) =>
  `/${locale}/console/events/${eventId}/schedule`

const intl = (locale: Locale) => (locale === 'zh' ? 'zh-CN' : 'en-GB')
const HALF_HOUR = 30 * 60_000

type EditorSession = ScheduleEditor['editorSessions'][number]
type Timed = EditorSession & { startsAt: Date; endsAt: Date }
const timed = (s: EditorSession): s is Timed => s.startsAt !== null && s.endsAt !== null

/** Half hours of a day from 09:00 (or the first session's hour) to 18:00 (or past the last session). */
function dayMarks(day: string, sessions: Timed[], timeZone: string) {
  const hourOf = (d: Date) => Number(wallClock(d, timeZone).time.slice(0, 2))
  const first = Math.min(9, ...sessions.map((s) => hourOf(s.startsAt)))
  const lastEnd = sessions.map((s) => wallClock(s.endsAt, timeZone))
  const last = Math.max(
    18,
    ...lastEnd.map((w) => (w.day > day ? 24 : Number(w.time.slice(0, 2)) + (w.time.endsWith(':00') ? 0 : 1))),
  )
  const from = zonedTime(`${day}T${String(first).padStart(2, '0')}:00`, timeZone).getTime()
  const to =
    last >= 24
      ? zonedTime(`${day}T23:30`, timeZone).getTime() + HALF_HOUR
      : zonedTime(`${day}T${String(last).padStart(2, '0')}:00`, timeZone).getTime()
  const marks: number[] = []
  for (let m = from; m <= to; m += HALF_HOUR) marks.push(m)
  return marks
}

const minutesOf = (s: Timed) => Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / 60_000)

function conflictSets(conflicts: EditorConflict[]) {
  const open = new Set<string>()
  const accepted = new Set<string>()
  for (const c of conflicts) for (const id of c.sessionIds) (c.accepted ? accepted : open).add(id)
  return { open, accepted }
}

function SessionCard({
  s,
  locale,
  t,
  timeZone,
  marks,
}: {
  s: EditorSession
  locale: Locale
  t: Messages
  timeZone: string
  marks: { open: Set<string>; accepted: Set<string> }
}) {
  const te = t.programmeSchedule.editor
  const conflict = marks.open.has(s.id) ? 'open' : marks.accepted.has(s.id) ? 'accepted' : null
  const people = s.speakers.map((sp) =>
    sp.person ? displayName(sp.person, locale) : textIn(locale, sp.speaker.nameZh, sp.speaker.nameEn),
  )
  return (
    <article
      class={`editor-session editor-${s.kind}${conflict === 'open' ? ' has-conflict' : ''}${conflict === 'accepted' ? ' has-accepted' : ''}`}
      id={`editor-session-${s.id}`}
      data-session={s.id}
      data-minutes={timed(s) ? String(minutesOf(s)) : '45'}
      aria-label={textIn(locale, s.titleZh, s.titleEn)}
    >
      <p class="editor-session-when">
        {timed(s) ? (
          <>
            <time datetime={zonedIsoString(s.startsAt, timeZone)}>
              {formatClock(locale, s.startsAt, timeZone)}
            </time>
            {'–'}
            <time datetime={zonedIsoString(s.endsAt, timeZone)}>
              {formatClock(locale, s.endsAt, timeZone)}
            </time>
          </>
        ) : (
          te.unplaced
        )}
        {' · '}
        {t.events.sessionKinds[s.kind] ?? s.kind}
      </p>
      <p class="editor-session-title">
        <Localized locale={locale} zh={s.titleZh} en={s.titleEn} />
      </p>
      {people.length ? (
        <p class="editor-session-people">{people.join(locale === 'zh' ? '、' : ', ')}</p>
      ) : null}
      {conflict === 'open' ? <Badge tone="danger">⚠ {te.conflictMark}</Badge> : null}
      {conflict === 'accepted' ? <Badge tone="warning">{te.acceptedMark}</Badge> : null}
      <a class="editor-session-edit" href={`#place-${s.id}`}>
        {te.edit}
      </a>
    </article>
  )
}

/** One day as a table: the same layout rule as the public grid, with half-hour rows to drop onto. */
function EditorDay({
  day,
  editor,
  locale,
  t,
  marks,
}: {
  day: string
  editor: ScheduleEditor
  locale: Locale
  t: Messages
  marks: { open: Set<string>; accepted: Set<string> }
}) {
  const te = t.programmeSchedule.editor
  const { timeZone } = editor.event
  const sessions = editor.editorSessions
    .filter(timed)
    .filter((s) => wallClock(s.startsAt, timeZone).day === day)
  const rooms = editor.rooms
  const columns: (string | null)[] = rooms.length ? rooms.map((r) => r.id) : [null]
  const rows = scheduleGrid(
    sessions,
    rooms.map((r) => r.id),
    dayMarks(day, sessions, timeZone),
  )
  const takenUntil = columns.map(() => 0)
  const label = formatDay(locale, day)
  return (
    <section
      class="editor-day"
      id={`editor-day-${day}`}
      data-day={day}
      aria-labelledby={`editor-day-${day}-title`}
    >
      <h3 id={`editor-day-${day}-title`}>{label}</h3>
      <div class="editor-frame">
        <table class={`editor-grid editor-rooms-${columns.length}`}>
          <caption class="visually-hidden">{label}</caption>
          <thead>
            <tr>
              <th scope="col">{te.time}</th>
              {rooms.length ? (
                rooms.map((r) => (
                  <th scope="col">
                    <Localized locale={locale} zh={r.nameZh} en={r.nameEn} />
                  </th>
                ))
              ) : (
                <th scope="col">{te.allRooms}</th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => {
              const start = wallClock(row.startsAt, timeZone).time
              const cells = [...row.cells]
              const out = []
              const cellOf = (cell: GridCell<Timed>, room: string | null) => (
                <td
                  class={
                    cell.roomId === null && columns.length > 1 ? 'editor-cell editor-wide' : 'editor-cell'
                  }
                  colspan={cell.colspan > 1 ? cell.colspan : undefined}
                  rowspan={cell.rowspan > 1 ? cell.rowspan : undefined}
                  data-room={room ?? ALL_ROOMS}
                >
                  {cell.sessions.map((s) => (
                    <SessionCard s={s} locale={locale} t={t} timeZone={timeZone} marks={marks} />
                  ))}
                </td>
              )
              const wide = cells[0] && cells[0].colspan === columns.length && columns.length > 1
              if (wide) {
                out.push(cellOf(cells[0]!, null))
                takenUntil.fill(r + cells[0]!.rowspan)
              } else {
                columns.forEach((room, c) => {
                  if (takenUntil[c]! > r) return
                  const cell = cells.shift()
                  if (cell) {
                    out.push(cellOf(cell, room ?? ALL_ROOMS))
                    takenUntil[c] = r + cell.rowspan
                  } else out.push(<td class="editor-slot" data-room={room ?? ALL_ROOMS} />)
                })
              }
              return (
                <tr data-start={start} class={start.endsWith(':00') ? 'editor-hour' : undefined}>
                  <th scope="row" class="editor-row-time">
                    <time datetime={zonedIsoString(row.startsAt, timeZone)}>
                      {formatClock(locale, row.startsAt, timeZone)}
                    </time>
                  </th>
                  {out}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </section>
  )
}

/** A session's own form: room, day, start and end, sent on its own (the drop fills and sends it too). */
function PlaceForm({
  c,
  s,
  editor,
  locale,
  t,
}: {
  c: Context<AppEnv>
  s: EditorSession
  editor: ScheduleEditor
  locale: Locale
  t: Messages
}) {
  const te = t.programmeSchedule.editor
  const { timeZone } = editor.event
  const start = s.startsAt ? wallClock(s.startsAt, timeZone) : null
  const end = s.endsAt ? wallClock(s.endsAt, timeZone) : null
  const id = (f: string) => `place-${s.id}-${f}`
  const title = textIn(locale, s.titleZh, s.titleEn)
  return (
    <form
      method="post"
      action={`${scheduleEditorPath(locale, editor.event.id)}/place`}
      class="editor-place"
      data-session-form={s.id}
      aria-label={te.placeOf(title)}
    >
      <CsrfField c={c} />
      <input type="hidden" name="session" value={s.id} />
      <div class="field">
        <label for={id('room')}>{te.room}</label>
        <select id={id('room')} name="room">
          {editor.rooms.map((r) => (
            <option value={r.id} selected={s.roomId === r.id}>
              {textIn(locale, r.nameZh, r.nameEn)}
            </option>
          ))}
          <option value={ALL_ROOMS} selected={s.startsAt !== null && s.roomId === null}>
            {te.allRooms}
          </option>
        </select>
      </div>
      <div class="field">
        <label for={id('day')}>{te.day}</label>
        <select id={id('day')} name="day">
          {editor.days.map((d) => (
            <option value={d} selected={start?.day === d}>
              {formatDay(locale, d)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={id('start')}>{te.start}</label>
        <input id={id('start')} name="start" type="time" step="300" required value={start?.time ?? ''} />
      </div>
      <div class="field">
        <label for={id('end')}>{te.end}</label>
        <input id={id('end')} name="end" type="time" step="300" required value={end?.time ?? ''} />
      </div>
      <div class="actions">
        <button type="submit">{te.place}</button>
      </div>
    </form>
  )
}

function conflictText(c: EditorConflict, editor: ScheduleEditor, locale: Locale, t: Messages) {
  const k = t.programmeSchedule.conflicts.kinds
  const roomName = () => {
    const r = editor.rooms.find((x) => x.id === c.roomId)
    return r ? textIn(locale, r.nameZh, r.nameEn) : t.programmeSchedule.editor.allRooms
  }
  switch (c.kind) {
    case 'speaker': {
      const person = editor.sessions
        .flatMap((s) => s.speakers)
        .find((sp) => sp.person?.id === c.personId)?.person
      return k.speaker(person ? displayName(person, locale) : '')
    }
    case 'room':
      return k.room(roomName())
    case 'outside_room_hours':
      return k.outside_room_hours(roomName())
    default:
      return k[c.kind]
  }
}

function ChangeList({
  log,
  editor,
  locale,
  t,
}: {
  log: StoredChangeLog
  editor: ScheduleEditor
  locale: Locale
  t: Messages
}) {
  const tv = t.programmeSchedule.versions
  const { timeZone } = editor.event
  const when = new Intl.DateTimeFormat(intl(locale), {
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  })
  const room = (id: string | null) => {
    const r = editor.rooms.find((x) => x.id === id)
    return r ? textIn(locale, r.nameZh, r.nameEn) : t.programmeSchedule.editor.allRooms
  }
  const place = (p: { roomId: string | null; startsAt: string }) =>
    `${when.format(new Date(p.startsAt))} · ${room(p.roomId)}`
  return (
    <ul class="editor-changes">
      {log.moved.map((m) => (
        <li>
          <Badge tone="accent">{tv.moved}</Badge> <Localized locale={locale} zh={m.titleZh} en={m.titleEn} />{' '}
          <span class="muted">
            {tv.from} {place(m.before)} {tv.to} {place(m.after)}
          </span>
        </li>
      ))}
      {log.added.map((s) => (
        <li>
          <Badge tone="success">{tv.added}</Badge> <Localized locale={locale} zh={s.titleZh} en={s.titleEn} />
        </li>
      ))}
      {[...log.removed, ...log.cancelled].map((s) => (
        <li>
          <Badge tone="danger">{tv.removed}</Badge>{' '}
          <Localized locale={locale} zh={s.titleZh} en={s.titleEn} />
        </li>
      ))}
    </ul>
  )
}

export function ScheduleEditorView({
  c,
  editor,
  refusal,
  notice,
}: {
  c: Context<AppEnv>
  editor: ScheduleEditor
  refusal: ScheduleRefusal | undefined
  notice: string | undefined
}) {
  const { t, locale } = c.var
  const te = t.programmeSchedule.editor
  const tc = t.programmeSchedule.conflicts
  const tv = t.programmeSchedule.versions
  const { event } = editor
  const eventTitle = textIn(locale, event.titleZh, event.titleEn)
  const marks = conflictSets(editor.conflicts)
  const next = nextVersion(editor.latest?.version ?? null)
  const nextNumber = next.ok ? next.version : ''
  const notices: Record<string, string> = {
    placed: te.placed,
    unplaced: te.unplacedDone,
    break: te.breakAdded,
    accepted: te.accepted,
  }
  const unplacedSessions = editor.editorSessions.filter((s) => !timed(s))
  const placedDays = editor.days
  const dateTime = new Intl.DateTimeFormat(intl(locale), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: event.timeZone,
  })
  const organiserName = (id: string | null) => {
    const o = editor.organisers.find((x) => x.person.id === id)
    return o ? displayName(o.person, locale) : tc.someone
  }
  return (
    <div class="schedule-editor" data-editor>
      <p>
        <a href={`/${locale}/console/events`}>{t.events.console.title}</a> ·{' '}
        <a href={`/${locale}/events/${event.slug}/schedule`}>{te.viewPublic}</a>
      </p>
      <h1>
        <Localized locale={locale} zh={event.titleZh} en={event.titleEn} />
      </h1>
      <Tabs label={t.events.console.tabs} tabs={eventTabs(t, locale, event.id, 'schedule')} />
      <div aria-live="polite" class="editor-notices">
        {notice && notices[notice] ? <Notice kind="success">{notices[notice]}</Notice> : null}
        {notice === 'published' && editor.latest ? (
          <Notice kind="success">{te.publishedDone(editor.latest.version)}</Notice>
        ) : null}
        {refusal ? <Notice kind="error">{te.refused[refusal]}</Notice> : null}
      </div>
      {/* The public sees the latest version (events.placements.ts); say so while this differs. */}
      {editor.latest && editor.pendingCount > 0 ? (
        <Notice kind="info">{te.unpublished(editor.latest.version)}</Notice>
      ) : null}
      <p class="lead">{te.lead}</p>
      <p class="muted">
        <ZoneNote t={t} startsAt={event.startsAt} endsAt={event.endsAt} timeZone={event.timeZone} />
      </p>

      <section class="editor-status" aria-labelledby="editor-status-title">
        <h2 id="editor-status-title" class="visually-hidden">
          {tv.title}
        </h2>
        <div class="stat-tiles">
          <StatTile
            value={editor.latest ? editor.latest.version : '—'}
            label={editor.latest ? te.statVersion : te.notPublished}
          />
          <StatTile value={editor.pendingCount} label={te.statPending} />
          <StatTile value={editor.openCount} label={te.statConflicts} />
          <p class="visually-hidden">
            {te.pending(editor.pendingCount)}. {te.openConflicts(editor.openCount)}.
          </p>
        </div>
        <form method="post" action={`${scheduleEditorPath(locale, event.id)}/publish`} class="editor-publish">
          <CsrfField c={c} />
          <button
            type="submit"
            disabled={editor.openCount > 0 || (!!editor.latest && editor.pendingCount === 0)}
          >
            {te.publish(nextNumber)}
          </button>
          <p class="hint">{editor.openCount > 0 ? te.publishBlocked : te.publishHint}</p>
        </form>
      </section>

      {editor.editorSessions.length === 0 ? (
        <EmptyState title={te.titleFor(eventTitle)}>
          <p>{te.empty}</p>
        </EmptyState>
      ) : null}

      <section aria-labelledby="editor-conflicts-title" class="editor-conflicts">
        <h2 id="editor-conflicts-title">{tc.title}</h2>
        {editor.conflicts.length === 0 ? (
          <p class="muted">{tc.none}</p>
        ) : (
          <ul class="editor-conflict-list">
            {editor.conflicts.map((cf) => (
              <li class={cf.accepted ? 'is-accepted' : 'is-open'}>
                <p class="editor-conflict-what">
                  {cf.accepted ? (
                    <Badge tone="warning">{te.acceptedMark}</Badge>
                  ) : (
                    <Badge tone="danger">⚠ {te.conflictMark}</Badge>
                  )}{' '}
                  <strong>{conflictText(cf, editor, locale, t)}</strong>
                </p>
                <ul class="editor-conflict-sessions">
                  {cf.sessionIds.map((id) => {
                    const s = editor.editorSessions.find((x) => x.id === id)!
                    return (
                      <li>
                        <a href={`#editor-session-${id}`}>
                          <Localized locale={locale} zh={s.titleZh} en={s.titleEn} />
                        </a>
                        {timed(s) ? (
                          <span class="muted">
                            {' '}
                            · {formatDay(locale, wallClock(s.startsAt, event.timeZone).day)}{' '}
                            {formatClock(locale, s.startsAt, event.timeZone)}–
                            {formatClock(locale, s.endsAt, event.timeZone)}
                          </span>
                        ) : null}
                      </li>
                    )
                  })}
                </ul>
                {cf.accepted ? null : (
                  <form method="post" action={`${scheduleEditorPath(locale, event.id)}/accept`}>
                    <CsrfField c={c} />
                    <input type="hidden" name="key" value={cf.key} />
                    <button type="submit" class="secondary">
                      {tc.accept}
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="editor-tray-title" class="editor-tray">
        <h2 id="editor-tray-title">{te.unplaced}</h2>
        {unplacedSessions.length ? (
          <>
            <p class="hint">
              {te.unplacedLead} <span class="editor-js-only">{te.drag}</span>
            </p>
            <div class="editor-tray-list">
              {unplacedSessions.map((s) => (
                <SessionCard s={s} locale={locale} t={t} timeZone={event.timeZone} marks={marks} />
              ))}
            </div>
          </>
        ) : (
          <p class="muted">{te.noneUnplaced}</p>
        )}
      </section>

      <section aria-labelledby="editor-days-title" class="editor-days">
        <h2 id="editor-days-title">{te.days}</h2>
        {placedDays.length > 1 ? (
          <Tabs
            label={te.days}
            tabs={placedDays.map((d) => ({
              href: `#editor-day-${d}`,
              label: formatDay(locale, d),
              current: false,
            }))}
          />
        ) : null}
        {placedDays.map((day) => (
          <EditorDay day={day} editor={editor} locale={locale} t={t} marks={marks} />
        ))}
      </section>

      <section aria-labelledby="editor-forms-title" class="editor-forms">
        <h2 id="editor-forms-title">{te.sessions}</h2>
        <p class="hint">{te.sessionsLead}</p>
        <ul class="editor-form-list">
          {[...unplacedSessions, ...editor.editorSessions.filter(timed)].map((s) => (
            <li id={`place-${s.id}`} class={marks.open.has(s.id) ? 'has-conflict' : undefined}>
              <p class="editor-form-title">
                <strong>
                  <Localized locale={locale} zh={s.titleZh} en={s.titleEn} />
                </strong>{' '}
                <span class="muted">{t.events.sessionKinds[s.kind] ?? s.kind}</span>{' '}
                {timed(s) ? null : <Badge tone="warning">{te.unplaced}</Badge>}
                {marks.open.has(s.id) ? <Badge tone="danger">⚠ {te.conflictMark}</Badge> : null}
              </p>
              <PlaceForm c={c} s={s} editor={editor} locale={locale} t={t} />
              {timed(s) ? (
                <form
                  method="post"
                  action={`${scheduleEditorPath(locale, event.id)}/unplace`}
                  class="editor-unplace"
                >
                  <CsrfField c={c} />
                  <input type="hidden" name="session" value={s.id} />
                  <button type="submit" class="link-button">
                    {te.unplace}
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="editor-break-title" class="editor-break">
        <h2 id="editor-break-title">{te.addBreak}</h2>
        <p class="hint">{te.addBreakLead}</p>
        <form method="post" action={`${scheduleEditorPath(locale, event.id)}/break`} class="editor-place">
          <CsrfField c={c} />
          <div class="field">
            <label for="break-title-zh">{te.breakTitleZh}</label>
            <input id="break-title-zh" name="titleZh" lang="zh-CN" maxlength={300} />
          </div>
          <div class="field">
            <label for="break-title-en">{te.breakTitleEn}</label>
            <input id="break-title-en" name="titleEn" lang="en" maxlength={300} />
          </div>
          <div class="field">
            <label for="break-day">{te.day}</label>
            <select id="break-day" name="day">
              {editor.days.map((d) => (
                <option value={d}>{formatDay(locale, d)}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="break-start">{te.start}</label>
            <input id="break-start" name="start" type="time" step="300" required />
          </div>
          <div class="field">
            <label for="break-end">{te.end}</label>
            <input id="break-end" name="end" type="time" step="300" required />
          </div>
          <div class="actions">
            <button type="submit" class="secondary">
              {te.addBreakButton}
            </button>
          </div>
        </form>
      </section>

      {editor.pendingCount > 0 && editor.latest ? (
        <section aria-labelledby="editor-pending-title">
          <h2 id="editor-pending-title">{tv.pendingTitle}</h2>
          <ChangeList log={editor.pending} editor={editor} locale={locale} t={t} />
        </section>
      ) : null}

      <section aria-labelledby="editor-versions-title" class="editor-versions">
        <h2 id="editor-versions-title">{tv.title}</h2>
        {editor.versions.length === 0 ? (
          <p class="muted">{tv.none}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{tv.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{tv.version}</th>
                  <th scope="col">{tv.publishedAt}</th>
                  <th scope="col">{tv.by}</th>
                  <th scope="col">{tv.changes}</th>
                </tr>
              </thead>
              <tbody>
                {editor.versions.map((v) => (
                  <tr>
                    <th scope="row">{v.version}</th>
                    <td>
                      <time datetime={v.publishedAt.toISOString()}>{dateTime.format(v.publishedAt)}</time>
                    </td>
                    <td>{organiserName(v.publishedBy)}</td>
                    <td>
                      {tv.summary(
                        v.changeLog.added.length,
                        v.changeLog.moved.length,
                        v.changeLog.removed.length + v.changeLog.cancelled.length,
                      )}
                      {v.changeLog.moved.length ? (
                        <ChangeList
                          log={{ ...v.changeLog, added: [], removed: [], cancelled: [] }}
                          editor={editor}
                          locale={locale}
                          t={t}
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <script type="module" src={assetUrl('schedule-editor.js')} />
    </div>
  )
}
