// What a registration's change tells: mail to the person (in their language, through the outbox)
// and `registration.*` webhook events, written in the transaction of the change so neither exists
// without the other. The service decides; this only writes.
import type { Db } from '../../platform/db/client.ts'
import type { Deps } from '../../platform/deps.ts'
import { formatInZone, isLocale, type Locale, messagesFor } from '../../platform/i18n/index.ts'
import {
  enqueueMail,
  type Letter,
  type MailAttachment,
  type Sender,
  senderOf,
} from '../../platform/mail/mail.ts'
import { textIn } from '../../platform/views/localized.tsx'
import { publishEvent, publishEvents } from '../webhooks/index.ts'
import { renderCalendar } from './events.calendar.ts'
import type { EventRow, Person, RegistrationRow } from './events.registrations.repo.ts'

export type AnnounceDeps = Pick<Deps, 'config' | 'now' | 'communityNames'>

const localeOf = (person: Person): Locale => (isLocale(person.locale) ? person.locale : 'zh')
const nameOf = (person: Person, locale: Locale) =>
  textIn(locale, person.nameZh, person.nameEn) || person.handle

export const eventPath = (locale: Locale, event: Pick<EventRow, 'slug'>) => `/${locale}/events/${event.slug}`
export const ticketPath = (locale: Locale, event: Pick<EventRow, 'slug'>) =>
  `${eventPath(locale, event)}/ticket`

/** The place as a line of a mail: the venue and address, and the link to join for online and hybrid events. */
function whereLines(event: EventRow, locale: Locale, withLink: boolean) {
  const t = messagesFor(locale).eventRegistrations.mail
  const lines: string[] = []
  if (event.mode !== 'online') {
    const place = [textIn(locale, event.venueZh, event.venueEn), event.address].filter(Boolean).join(', ')
    if (place) lines.push(t.where(place))
  }
  if (event.mode !== 'offline' && event.onlineUrl && withLink) lines.push(t.online(event.onlineUrl))
  return lines
}

/**
 * The event as an `.ics` file for the confirmation: the same UID (`<id>@<host>`) and SEQUENCE
 * as the event's calendar file, so a calendar that has one recognises the other as the same event.
 */
export function eventCalendarFile(
  deps: Pick<Deps, 'config' | 'now'>,
  event: EventRow,
  locale: Locale,
): MailAttachment {
  const host = new URL(deps.config.baseUrl).host
  const title = textIn(locale, event.titleZh, event.titleEn)
  const url = `${deps.config.baseUrl}${eventPath(locale, event)}`
  const place =
    event.mode === 'online'
      ? event.onlineUrl
      : [textIn(locale, event.venueZh, event.venueEn), event.address].filter(Boolean).join(', ') || null
  const ics = renderCalendar({
    name: title,
    method: 'PUBLISH',
    items: [
      {
        uid: `${event.id}@${host}`,
        sequence: event.sequence,
        dtstamp: deps.now(),
        start: event.startsAt,
        end: event.endsAt,
        timeZone: event.timeZone,
        summary: title,
        description: [textIn(locale, event.summaryZh, event.summaryEn), url].filter(Boolean).join('\n\n'),
        location: place,
        url,
        status: 'CONFIRMED',
      },
    ],
  })
  return {
    filename: `${event.slug}.ics`,
    contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
    content: ics,
  }
}

export type PlaceMailKind =
  | 'confirmed'
  | 'promoted'
  | 'waitlisted'
  | 'pending'
  | 'declined'
  | 'cancelledByOrganiser'
  | 'reminder'
  | 'startingSoon'

/** Calendar files made for one batch of mails, by event and language (making one is not free). */
export type CalendarFiles = Map<string, MailAttachment>

/**
 * One mail about a person's place, in their language: what happened, when and where (the link
 * to join only to people holding a place), their ticket, and the calendar file when they got a
 * place. People without an address (signed in with GitHub, none given) get none (null).
 */
export function letterAboutPlace(
  deps: AnnounceDeps,
  kind: PlaceMailKind,
  event: EventRow,
  person: Person,
  extra: { position?: number; files?: CalendarFiles } = {},
): Letter | null {
  if (!person.email) return null
  const locale = localeOf(person)
  const t = messagesFor(locale).eventRegistrations.mail
  const title = textIn(locale, event.titleZh, event.titleEn)
  const base = deps.config.baseUrl
  const holdsPlace =
    kind === 'confirmed' || kind === 'promoted' || kind === 'reminder' || kind === 'startingSoon'
  const body: Record<PlaceMailKind, string> = {
    confirmed: t.confirmedBody,
    promoted: t.promotedBody,
    waitlisted: t.waitlistedBody(extra.position ?? 1),
    pending: t.pendingBody,
    declined: t.declinedBody,
    cancelledByOrganiser: t.cancelledByOrganiserBody,
    reminder: t.reminderBody,
    startingSoon: t.startingSoonBody,
  }
  const lines = [
    t.hello(nameOf(person, locale)),
    '',
    body[kind],
    '',
    `${title}`,
    t.when(formatInZone(locale, event.startsAt, event.timeZone)),
    ...whereLines(event, locale, holdsPlace),
    '',
    ...(holdsPlace ? [t.ticket(`${base}${ticketPath(locale, event)}`)] : []),
    ...(kind === 'confirmed' || kind === 'promoted' ? [t.calendar] : []),
    t.event(`${base}${eventPath(locale, event)}`),
    ...(holdsPlace || kind === 'waitlisted' || kind === 'pending'
      ? [t.cancelAt(`${base}${eventPath(locale, event)}#registration`)]
      : []),
  ]
  let attachments: MailAttachment[] | undefined
  if (kind === 'confirmed' || kind === 'promoted') {
    const key = `${event.id}:${event.sequence}:${locale}`
    let file = extra.files?.get(key)
    if (!file) {
      file = eventCalendarFile(deps, event, locale)
      extra.files?.set(key, file)
    }
    attachments = [file]
  }
  return {
    to: person.email,
    locale,
    subject: t[kind](title),
    text: lines.join('\n'),
    ...(attachments ? { attachments } : {}),
  }
}

/** `letterAboutPlace`, written to the outbox in the caller's transaction. */
export async function mailAboutPlace(
  db: Db,
  deps: AnnounceDeps,
  sender: Sender,
  kind: PlaceMailKind,
  event: EventRow,
  person: Person,
  extra: { position?: number; files?: CalendarFiles } = {},
) {
  const letter = letterAboutPlace(deps, kind, event, person, extra)
  if (letter) await enqueueMail(db, letter, sender)
}

/** A message organisers write to attendees, with a line under it saying why the reader gets it. */
export async function mailFromOrganisers(
  db: Db,
  deps: AnnounceDeps,
  sender: Sender,
  event: EventRow,
  person: Person,
  message: { subject: string; body: string },
) {
  if (!person.email) return
  const locale = localeOf(person)
  const t = messagesFor(locale).eventRegistrations.mail
  const title = textIn(locale, event.titleZh, event.titleEn)
  await enqueueMail(
    db,
    {
      to: person.email,
      locale,
      subject: message.subject,
      text: `${message.body}\n\n${t.messageFooter(title, `${deps.config.baseUrl}${eventPath(locale, event)}`)}`,
    },
    sender,
  )
}

export const senderFor = (deps: AnnounceDeps, db: Db) => senderOf(deps, db)

const webhookData = (event: EventRow, registration: RegistrationRow, person: Person) => ({
  event: { id: event.id, slug: event.slug },
  registration: {
    id: registration.id,
    status: registration.status,
    queuedAt: registration.queuedAt.toISOString(),
    confirmedAt: registration.confirmedAt?.toISOString() ?? null,
  },
  person: { id: person.id, handle: person.handle },
})

/** `registration.confirmed`: people hold a place now (registered, promoted, approved or added). */
export const publishConfirmed = (
  db: Db,
  event: EventRow,
  confirmed: { registration: RegistrationRow; person: Person }[],
  how: 'registered' | 'promoted' | 'approved' | 'added',
  at: Date,
) =>
  publishEvents(
    db,
    'registration.confirmed',
    confirmed.map(({ registration, person }) => ({ ...webhookData(event, registration, person), how })),
    at,
  )

/** `registration.cancelled`: a registration ended (the person gave it up, or organisers cancelled or declined it). */
export const publishCancelled = (
  db: Db,
  event: EventRow,
  registration: RegistrationRow,
  person: Person,
  by: 'attendee' | 'organiser',
  at: Date,
) => publishEvent(db, 'registration.cancelled', { ...webhookData(event, registration, person), by }, at)
