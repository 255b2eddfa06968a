// The ticket page and the door: routes only (what they show is in events.checkin.views.tsx).
import { type Context, Hono } from 'hono'
import QRCode from 'qrcode'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { isUuid, uuidParam } from '../../platform/http/edge-input.ts'
import { negotiateLocale } from '../../platform/i18n/index.ts'
import { textIn } from '../../platform/views/localized.tsx'
import { formFields, render } from '../../platform/views/page.tsx'
import { displayName } from '../people/index.ts'
import { formatTicketCode, ticketPath } from './events.checkin.rules.ts'
import {
  checkInRegistration,
  doorForCode,
  doorLive,
  openDoor,
  previewTicket,
  type ScanResult,
  scanTicket,
  searchAtDoor,
  ticketOf,
} from './events.checkin.ts'
import {
  DoorView,
  doorPath,
  NoTicketView,
  outcomeMessage,
  RecentArrivals,
  TicketView,
} from './events.checkin.views.tsx'

const slugParam = ':slug{[A-Za-z0-9][A-Za-z0-9-]{0,99}}'
const codeParam = ':code{[A-Za-z0-9-]{12,20}}'

/**
 * The door may use the camera (the rest of the site may not: see the security headers); the
 * headers middleware keeps a policy a response sets itself.
 */
const CAMERA_ALLOWED = 'camera=(self), microphone=(), geolocation=()'

/** A ticket's QR code as SVG: the address of the check-in page for its code, labelled for screen readers. */
async function ticketQr(deps: Deps, code: string, label: string) {
  const svg = await QRCode.toString(`${deps.config.baseUrl}${ticketPath(code)}`, {
    type: 'svg',
    margin: 2,
    errorCorrectionLevel: 'M',
  })
  return svg.replace(
    '<svg ',
    `<svg role="img" aria-label="${label.replace(/[&"<>]/g, '')}" width="240" height="240" `,
  )
}

export function checkinPages(deps: Deps) {
  const app = new Hono<AppEnv>()

  // The address a ticket's QR code carries: a phone's own camera app opens it; whoever may check
  // people in at that event lands on its door with the code read, anyone else on a 404.
  app.get(`/checkin/${codeParam}`, (c) =>
    c.redirect(`/${negotiateLocale(c.req.header('accept-language'))}/checkin/${c.req.param('code')}`, 302),
  )
  app.get(`/:lang{(?:zh|en)}/checkin/${codeParam}`, async (c) => {
    const { eventId, code } = await doorForCode(deps, c.var.viewer, c.req.param('code'))
    return c.redirect(`${doorPath(c.var.locale, eventId)}?code=${code}`, 303)
  })

  app.get(`/:lang{(?:zh|en)}/events/${slugParam}/ticket`, async (c) => {
    const { t, locale, viewer } = c.var
    const { event, ticket } = await ticketOf(deps, viewer, c.req.param('slug'))
    const title = t.eventCheckin.ticket.titleFor(textIn(locale, event.titleZh, event.titleEn))
    if (!ticket) return render(c, { title }, <NoTicketView t={t} locale={locale} event={event} />)
    const qr = ticket.code
      ? await ticketQr(deps, ticket.code, t.eventCheckin.ticket.qrLabel(formatTicketCode(ticket.code)))
      : null
    return render(
      c,
      { title },
      <TicketView
        t={t}
        locale={locale}
        event={event}
        ticket={ticket}
        qr={qr}
        now={deps.now()}
        calendarHref={`/${locale}/events/${event.slug}/event.ics`}
      />,
    )
  })

  /** The door page; after a scan without script, with its result (and the name search it came from). */
  const doorPage = async (
    c: Context<AppEnv>,
    eventId: string,
    after: { result: ScanResult; query: string } | null,
  ) => {
    const { t, locale, viewer } = c.var
    const door = await openDoor(deps, viewer, eventId)
    const query = (after ? after.query : c.req.query('q'))?.trim() ?? ''
    const scanned = after ? '' : (c.req.query('code') ?? '')
    const preview = scanned ? await previewTicket(deps, viewer, eventId, scanned) : null
    c.header('Permissions-Policy', CAMERA_ALLOWED)
    return render(
      c,
      { title: t.eventCheckin.door.titleFor(textIn(locale, door.event.titleZh, door.event.titleEn)) },
      <DoorView
        c={c}
        t={t}
        locale={locale}
        door={door}
        result={after ? outcomeMessage(t, locale, after.result, door.event, door.now) : null}
        preview={
          preview?.code
            ? {
                code: preview.code,
                ready:
                  preview.outcome.kind === 'checkIn' && preview.person
                    ? displayName(preview.person, locale)
                    : null,
                message: outcomeMessage(t, locale, { ...preview, counts: door.counts }, door.event, door.now),
              }
            : null
        }
        query={query}
        found={query ? await searchAtDoor(deps, viewer, eventId, query) : null}
        codeValue={preview?.code || !scanned ? '' : scanned}
      />,
    )
  }

  app.get(`/:lang{(?:zh|en)}/console/events/:id${uuidParam}/checkin`, (c) =>
    doorPage(c, c.req.param('id'), null),
  )

  // Polled by every device at the door: a few numbers and the "just arrived" list (as the page
  // renders it), read from the database each time, so two app servers (or ten phones) agree.
  app.get(`/:lang{(?:zh|en)}/console/events/:id${uuidParam}/checkin/counts`, async (c) => {
    const { t, locale, viewer } = c.var
    const { counts, recent, event, now } = await doorLive(deps, viewer, c.req.param('id'))
    const arrivals = (
      <RecentArrivals t={t} locale={locale} recent={recent} timeZone={event.timeZone} now={now} />
    )
    c.header('Cache-Control', 'private, no-store')
    return c.json({
      checkedIn: counts.checkedIn,
      confirmed: counts.confirmed,
      progress: t.eventCheckin.door.progress(counts.checkedIn, counts.confirmed),
      recent: String(await arrivals),
    })
  })

  // One scan: the code typed or read by the camera, or a registration found by name. Script asks
  // for JSON and shows the result in place; without script the page comes back with it.
  app.post(`/:lang{(?:zh|en)}/console/events/:id${uuidParam}/checkin`, async (c) => {
    const { t, locale, viewer } = c.var
    const eventId = c.req.param('id')
    const form = await formFields(c)
    const registration = form.registration?.trim()
    if (registration !== undefined && !isUuid(registration)) throw new DomainError('notFoundRecord')
    const result = registration
      ? await checkInRegistration(deps, viewer, eventId, registration)
      : await scanTicket(deps, viewer, eventId, form.code ?? '')
    if (c.req.header('accept')?.includes('application/json')) {
      const message = outcomeMessage(t, locale, result, result.event, deps.now())
      c.header('Cache-Control', 'private, no-store')
      return c.json({
        outcome: result.outcome.kind === 'refused' ? result.outcome.reason : result.outcome.kind,
        tone: message.tone,
        text: message.text,
        about: 'about' in message && message.about ? t.eventCheckin.door.whose(message.about) : '',
        checkedIn: result.counts.checkedIn,
        confirmed: result.counts.confirmed,
        progress: t.eventCheckin.door.progress(result.counts.checkedIn, result.counts.confirmed),
      })
    }
    return doorPage(c, eventId, { result, query: form.q ?? '' })
  })

  return app
}
