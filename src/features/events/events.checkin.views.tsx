// What the ticket page and the check-in page show. Times are the event's, in its zone.
import type { Context } from 'hono'
import type { AppEnv } from '../../platform/http/context.ts'
import { safeHref } from '../../platform/http/url.ts'
import { formatInZone, type Locale, type Messages } from '../../platform/i18n/index.ts'
import { pictureOf } from '../../platform/media/pictures.ts'
import { assetUrl } from '../../platform/views/assets.ts'
import { Actions, Avatar, Badge, StatTile, Tabs, type Tone } from '../../platform/views/components.tsx'
import { CsrfField, Field, Notice } from '../../platform/views/layout.tsx'
import { Localized, textIn } from '../../platform/views/localized.tsx'
import { displayName } from '../people/index.ts'
import { formatTicketCode, localDay } from './events.checkin.rules.ts'
import { eventTabs, registerEventTab } from './events.tabs.ts'

registerEventTab({
  key: 'checkin',
  order: 50,
  label: (t) => t.eventCheckin.door.title,
  href: (locale, id) => doorPath(locale, id),
})

import type { openDoor, ScanResult, searchAtDoor, ticketOf } from './events.checkin.ts'

type EventRow = Awaited<ReturnType<typeof openDoor>>['event']
type Named = { handle: string; nameZh: string | null; nameEn: string | null }

const formatter = (locale: Locale, timeZone: string, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', { timeZone, ...options })

/** A time of day in the event's zone: 14:02. */
export const clockIn = (locale: Locale, at: Date, timeZone: string) =>
  formatter(locale, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at)

/** A moment in the event's zone: the time alone on the same day as `now` there, else with its date. */
export function momentIn(locale: Locale, at: Date, timeZone: string, now: Date) {
  if (localDay(at, timeZone) === localDay(now, timeZone)) return clockIn(locale, at, timeZone)
  return formatter(locale, timeZone, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at)
}

/** "Saturday 5 December 2026, 14:00 – 17:00 (Asia/Shanghai)", the end's date only when it differs. */
export function eventWhen(locale: Locale, event: { startsAt: Date; endsAt: Date; timeZone: string }) {
  const start = formatInZone(locale, event.startsAt, event.timeZone)
  const sameDay =
    localDay(event.startsAt, event.timeZone) ===
    localDay(new Date(event.endsAt.getTime() - 1), event.timeZone)
  const end = sameDay
    ? clockIn(locale, event.endsAt, event.timeZone)
    : formatInZone(locale, event.endsAt, event.timeZone)
  return `${start} – ${end} (${event.timeZone})`
}

const eventTitle = (locale: Locale, event: { titleZh: string | null; titleEn: string | null }) =>
  textIn(locale, event.titleZh, event.titleEn)

const statusTone: Record<string, Tone> = {
  confirmed: 'success',
  waitlisted: 'warning',
  pending: 'accent',
  declined: 'danger',
  cancelled: 'neutral',
}

// --- The ticket ------------------------------------------------------------------------------------

type TicketOf = Awaited<ReturnType<typeof ticketOf>>

export function TicketView(p: {
  t: Messages
  locale: Locale
  event: TicketOf['event']
  ticket: NonNullable<TicketOf['ticket']>
  /** The QR code as SVG, for a confirmed place. */
  qr: string | null
  now: Date
  /** The event's .ics, for a confirmed place. */
  calendarHref: string
}) {
  const { t, locale, ticket, event, now } = p
  const tt = t.eventCheckin.ticket
  const eventHref = `/${locale}/events/${event.slug}`
  const zone = event.timeZone
  return (
    <>
      <p class="breadcrumb">
        <a href={eventHref}>
          <Localized locale={locale} zh={event.titleZh} en={event.titleEn} />
        </a>
      </p>
      <h1>{tt.title}</h1>
      <article class="ticket" aria-labelledby="ticket-event">
        <header class="ticket-head">
          <h2 id="ticket-event">
            <Localized locale={locale} zh={event.titleZh} en={event.titleEn} />
          </h2>
          <Badge tone={statusTone[ticket.status] ?? 'neutral'}>
            {tt.statuses[ticket.status] ?? tt.statuses.pending}
          </Badge>
        </header>
        {event.status === 'cancelled' ? <Notice kind="error">{tt.eventCancelled}</Notice> : null}
        <dl class="facts">
          <dt>{tt.when}</dt>
          <dd>
            <time datetime={event.startsAt.toISOString()}>{eventWhen(locale, event)}</time>
          </dd>
          {event.venueZh || event.venueEn || event.address ? (
            <>
              <dt>{tt.where}</dt>
              <dd>
                <Localized locale={locale} zh={event.venueZh} en={event.venueEn} />
                {event.address ? <div>{event.address}</div> : null}
                {event.mapUrl ? (
                  <div>
                    <a href={safeHref(event.mapUrl)} rel="noopener nofollow">
                      {tt.map}
                    </a>
                  </div>
                ) : null}
              </dd>
            </>
          ) : null}
          {ticket.code && event.onlineUrl ? (
            <>
              <dt>{tt.online}</dt>
              <dd>
                <a href={safeHref(event.onlineUrl)} rel="noopener nofollow">
                  {event.onlineUrl}
                </a>
              </dd>
            </>
          ) : null}
        </dl>
        {ticket.code && p.qr ? (
          <figure class="ticket-qr">
            {/* Generated by the qrcode package from our own string: no markup of anyone's. */}
            <div class="ticket-qr-image" dangerouslySetInnerHTML={{ __html: p.qr }} />
            <figcaption>
              <span class="ticket-code-label">{tt.code}</span>
              <code class="ticket-code">{formatTicketCode(ticket.code)}</code>
            </figcaption>
          </figure>
        ) : null}
        <p>{tt.explain[ticket.status] ?? tt.explain.pending}</p>
        {ticket.code ? <p class="muted">{tt.secret}</p> : null}
        {ticket.checkedInAt ? (
          <Notice kind="success">{tt.checkedIn(momentIn(locale, ticket.checkedInAt, zone, now))}</Notice>
        ) : ticket.code && now < ticket.window.opensAt && event.status !== 'cancelled' ? (
          <p>{tt.opens(formatInZone(locale, ticket.window.opensAt, zone))}</p>
        ) : null}
      </article>
      <Actions>
        <a class="button secondary" href={eventHref}>
          {tt.toEvent}
        </a>
        {ticket.code ? (
          <a class="button secondary" href={p.calendarHref} download={`${event.slug}.ics`}>
            {tt.addToCalendar}
          </a>
        ) : null}
      </Actions>
    </>
  )
}

export function NoTicketView(p: {
  t: Messages
  locale: Locale
  event: { slug: string; titleZh: string | null; titleEn: string | null }
}) {
  const tt = p.t.eventCheckin.ticket
  return (
    <>
      <p class="breadcrumb">
        <a href={`/${p.locale}/events/${p.event.slug}`}>
          <Localized locale={p.locale} zh={p.event.titleZh} en={p.event.titleEn} />
        </a>
      </p>
      <h1>{tt.title}</h1>
      <Notice kind="info">
        <p>{tt.none}</p>
        <p>
          <a href={`/${p.locale}/events/${p.event.slug}`}>{tt.noneHint}</a>
        </p>
      </Notice>
    </>
  )
}

// --- At the door ---------------------------------------------------------------------------------

/** A scan's outcome as the result panel says it: its tone, a headline and who it is about. */
export function outcomeMessage(t: Messages, locale: Locale, result: ScanResult, event: EventRow, now: Date) {
  const o = t.eventCheckin.door.outcome
  const name = result.person ? displayName(result.person, locale) : null
  const by = result.checker ? displayName(result.checker, locale) : null
  const { outcome } = result
  if (outcome.kind === 'checkIn') return { tone: 'success' as const, text: o.checkIn(name ?? '') }
  if (outcome.kind === 'already')
    return {
      tone: 'warning' as const,
      text: o.already(momentIn(locale, outcome.at, event.timeZone, now), by),
      about: name,
    }
  return { tone: 'danger' as const, text: o[outcome.reason], about: name }
}

export type Door = Awaited<ReturnType<typeof openDoor>>

export const doorPath = (locale: Locale, eventId: string) => `/${locale}/console/events/${eventId}/checkin`

function DoorState({ t, locale, door }: { t: Messages; locale: Locale; door: Door }) {
  const d = t.eventCheckin.door
  const zone = door.event.timeZone
  switch (door.door) {
    case 'notYet':
      return <Notice kind="info">{d.opensAt(formatInZone(locale, door.window.opensAt, zone))}</Notice>
    case 'closed':
      return <Notice kind="info">{d.closedAt(formatInZone(locale, door.window.closesAt, zone))}</Notice>
    case 'cancelled':
      return <Notice kind="error">{d.cancelled}</Notice>
    case 'open':
      return <p class="muted">{d.openUntil(formatInZone(locale, door.window.closesAt, zone))}</p>
  }
}

/**
 * Who arrived last, newest first. The door page shows it, and its counts address sends it again
 * (as HTML) so checkin.js keeps it current on every device, as it does the counts.
 */
export function RecentArrivals(p: {
  t: Messages
  locale: Locale
  recent: Door['recent']
  timeZone: string
  now: Date
}) {
  const { t, locale, now } = p
  const d = t.eventCheckin.door
  return (
    <>
      {p.recent.length ? (
        <ul class="plain door-recent">
          {p.recent.map((r) => (
            <li class="person-line">
              <Avatar
                name={displayName(r.person, locale)}
                picture={r.person.avatar ? pictureOf(r.person.avatar, 32) : undefined}
                src={r.person.avatarUrl}
                alt=""
                size="small"
              />
              <span>
                {d.recentLine(
                  displayName(r.person, locale),
                  momentIn(locale, r.at, p.timeZone, now),
                  r.checker?.handle ? displayName(r.checker as Named, locale) : null,
                )}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{d.noneYet}</p>
      )}
    </>
  )
}

/** The counts every device shows; checkin.js keeps them current from the counts address. */
function DoorCounts({ t, door, countsUrl }: { t: Messages; door: Door; countsUrl: string }) {
  const d = t.eventCheckin.door
  return (
    <section class="door-counts" aria-labelledby="door-counts-title" data-counts={countsUrl}>
      <h2 id="door-counts-title" class="visually-hidden">
        {d.countsLabel}
      </h2>
      <ul class="stat-tiles">
        <li>
          <StatTile value={door.counts.checkedIn} label={d.checkedIn} />
        </li>
        <li>
          <StatTile value={door.counts.confirmed} label={d.confirmed} />
        </li>
      </ul>
      <progress
        class="door-progress"
        max={Math.max(1, door.counts.confirmed)}
        value={Math.min(door.counts.checkedIn, Math.max(1, door.counts.confirmed))}
        aria-labelledby="door-progress-text"
      />
      <p id="door-progress-text" class="door-progress-text" aria-live="polite">
        {d.progress(door.counts.checkedIn, door.counts.confirmed)}
      </p>
    </section>
  )
}

/** The result panel: what the last scan came to. Empty (and hidden) until there is one. */
function ResultPanel(p: { t: Messages; message: ReturnType<typeof outcomeMessage> | null }) {
  const d = p.t.eventCheckin.door
  const m = p.message
  return (
    <section
      id="door-result"
      class={m ? `door-result tone-${m.tone}` : 'door-result'}
      aria-labelledby="door-result-title"
      hidden={m ? undefined : true}
    >
      <h2 id="door-result-title" class="visually-hidden">
        {d.result}
      </h2>
      <div role="status" aria-live="assertive" aria-atomic="true">
        <p class="door-result-text">{m?.text ?? ''}</p>
        <p class="door-result-about">{m && 'about' in m && m.about ? d.whose(m.about) : ''}</p>
      </div>
    </section>
  )
}

type Preview = { code: string; message: ReturnType<typeof outcomeMessage> | null; ready: string | null }

export function DoorView(p: {
  c: Context<AppEnv>
  t: Messages
  locale: Locale
  door: Door
  result: ReturnType<typeof outcomeMessage> | null
  preview: Preview | null
  query: string
  found: Awaited<ReturnType<typeof searchAtDoor>> | null
  codeValue: string
}) {
  const { c, t, locale, door } = p
  const d = t.eventCheckin.door
  const { event } = door
  const path = doorPath(locale, event.id)
  const now = door.now
  return (
    <>
      <p class="breadcrumb">
        <a href={`/${locale}/console/events/${event.id}`}>{d.back}</a>
      </p>
      <h1>{d.titleFor(eventTitle(locale, event))}</h1>
      <Tabs label={t.events.console.tabs} tabs={eventTabs(t, locale, event.id, 'checkin')} />
      <p class="lead">{d.lead}</p>
      <DoorState t={t} locale={locale} door={door} />
      <DoorCounts t={t} door={door} countsUrl={`${path}/counts`} />
      <ResultPanel t={t} message={p.result} />
      {p.preview ? (
        <section class="door-preview" aria-labelledby="door-preview-title">
          <h2 id="door-preview-title">{d.preview}</h2>
          <p>
            <code class="ticket-code">{formatTicketCode(p.preview.code)}</code>
          </p>
          {p.preview.ready ? (
            <form method="post" action={path} class="door-form">
              <CsrfField c={c} />
              <input type="hidden" name="code" value={p.preview.code} />
              <p>{d.previewReady(p.preview.ready)}</p>
              <button type="submit">{d.checkIn}</button>
            </form>
          ) : p.preview.message ? (
            <div class={`door-result tone-${p.preview.message.tone}`}>
              <p class="door-result-text">{p.preview.message.text}</p>
              {'about' in p.preview.message && p.preview.message.about ? (
                <p class="door-result-about">{d.whose(p.preview.message.about)}</p>
              ) : null}
            </div>
          ) : null}
        </section>
      ) : null}
      {/* Without script this stays hidden: typing the code and finding by name do the same work. */}
      <section
        class="door-scan"
        aria-labelledby="door-scan-title"
        hidden
        data-jsqr={assetUrl('jsqr.js')}
        data-denied={d.cameraDenied}
        data-unavailable={d.noCamera}
        data-offline={d.offline}
      >
        <h2 id="door-scan-title">{d.scan}</h2>
        <Actions>
          <button type="button" class="door-camera-start">
            {d.startCamera}
          </button>
          <button type="button" class="secondary door-camera-stop" hidden>
            {d.stopCamera}
          </button>
        </Actions>
        <div class="door-camera" hidden>
          <video class="door-video" muted playsinline aria-label={d.aim} />
          <p class="hint">{d.aim}</p>
        </div>
        <p class="door-camera-status" role="status" />
      </section>
      <section aria-labelledby="door-code-title">
        <h2 id="door-code-title">{d.typeCode}</h2>
        <form method="post" action={path} class="door-form door-code-form">
          <CsrfField c={c} />
          <Field
            name="code"
            id="door-code"
            label={d.codeLabel}
            hint={d.codeHint}
            value={p.codeValue}
            autocomplete="off"
            required
          />
          <button type="submit">{d.checkIn}</button>
        </form>
      </section>
      <section aria-labelledby="door-find-title">
        <h2 id="door-find-title">{d.findByName}</h2>
        <search>
          <form method="get" action={path} class="door-form">
            <Field name="q" id="door-q" label={d.nameLabel} hint={d.nameHint} value={p.query} type="search" />
            <button type="submit" class="secondary">
              {d.find}
            </button>
          </form>
        </search>
        {p.found ? (
          <FoundList c={c} t={t} locale={locale} door={door} found={p.found} query={p.query} />
        ) : null}
      </section>
      <section aria-labelledby="door-recent-title">
        <h2 id="door-recent-title">{d.recent}</h2>
        <div class="door-recent-live">
          <RecentArrivals t={t} locale={locale} recent={door.recent} timeZone={event.timeZone} now={now} />
        </div>
      </section>
      <script type="module" src={assetUrl('checkin.js')} />
    </>
  )
}

function FoundList(p: {
  c: Context<AppEnv>
  t: Messages
  locale: Locale
  door: Door
  found: Awaited<ReturnType<typeof searchAtDoor>>
  query: string
}) {
  const { t, locale, door } = p
  const d = t.eventCheckin.door
  const path = doorPath(locale, door.event.id)
  if (!p.found.length) return <p>{d.noResults(p.query)}</p>
  return (
    <>
      <p>{d.results(p.found.length, p.query)}</p>
      <div class="table-wrap door-found">
        <table>
          <thead>
            <tr>
              <th scope="col">{d.person}</th>
              <th scope="col">{d.place}</th>
              <th scope="col">{d.arrived}</th>
            </tr>
          </thead>
          <tbody>
            {p.found.map((row) => (
              <tr>
                <th scope="row">
                  {displayName(row.person, locale)}
                  <span class="muted small door-handle">@{row.person.handle}</span>
                </th>
                <td>
                  <Badge tone={statusTone[row.registration.status] ?? 'neutral'}>
                    {t.eventCheckin.ticket.statuses[row.registration.status] ?? row.registration.status}
                  </Badge>
                </td>
                <td>
                  {row.checkin?.id && row.checkin.at ? (
                    momentIn(locale, row.checkin.at, door.event.timeZone, door.now)
                  ) : row.registration.status === 'confirmed' && door.door === 'open' ? (
                    <form method="post" action={path} class="inline">
                      <CsrfField c={p.c} />
                      <input type="hidden" name="registration" value={row.registration.id} />
                      <input type="hidden" name="q" value={p.query} />
                      <button
                        type="submit"
                        class="secondary"
                        aria-label={`${d.checkIn}: ${displayName(row.person, locale)}`}
                      >
                        {d.checkIn}
                      </button>
                    </form>
                  ) : (
                    <span class="muted">{d.notYetArrived}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
