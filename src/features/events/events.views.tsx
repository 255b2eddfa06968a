// What events look like to readers: cards, the date block, times in the event's zone, the status
// banner, the agenda, organisers and sponsors. The list, the event's page, a chapter's page and the
// console all use these.
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import { safeHref } from '../../platform/http/url.ts'
import type { Locale, Messages } from '../../platform/i18n/index.ts'
import { offsetString, zonedIsoString } from '../../platform/i18n/time-zone.ts'
import { pictureOf, type StoredPicture } from '../../platform/media/pictures.ts'
import { assetUrl } from '../../platform/views/assets.ts'
import { Avatar, Badge, Card, ResponsiveImage, type Tone } from '../../platform/views/components.tsx'
import { inLocale, Localized, langTag, textIn } from '../../platform/views/localized.tsx'
import { markdownHtml } from '../../platform/views/markdown.ts'
import { displayName, isListed } from '../people/index.ts'
import { episodeHref, videoEmbed } from '../podcast/index.ts'
import type { OrganiserRow, Room, SpeakerRow, Sponsor } from './events.repo.ts'
import { agendaDays, type EventStatus, isPast } from './events.rules.ts'
import type { EventCard as EventCardRow, EventParts } from './events.service.ts'

const intl = (locale: Locale) => (locale === 'zh' ? 'zh-CN' : 'en-GB')

/** A span of time as people at the event read it: one day is written once ("Sat 6 Nov, 14:00–17:30"). */
export function formatSpan(
  locale: Locale,
  start: Date,
  end: Date,
  timeZone: string,
  style: 'full' | 'short' = 'full',
) {
  const options: Intl.DateTimeFormatOptions =
    style === 'full'
      ? { dateStyle: 'full', timeStyle: 'short', timeZone }
      : { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone }
  return new Intl.DateTimeFormat(intl(locale), options).formatRange(start, end)
}

/** A day of the agenda, as its heading reads it. */
export const formatDay = (locale: Locale, day: string) =>
  new Intl.DateTimeFormat(intl(locale), { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  )

/**
 * One clock formatter per language and zone, kept: making one costs about as much as rendering the
 * rest of an agenda line, and a 60-session agenda made sixty per render (bench/README.md, events).
 */
const clocks = new Map<string, Intl.DateTimeFormat>()

/** A session's times on the event's clocks ("14:00–14:45"). */
const formatClock = (locale: Locale, start: Date, end: Date | null, timeZone: string) => {
  const key = `${locale} ${timeZone}`
  let f = clocks.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(intl(locale), { hour: '2-digit', minute: '2-digit', timeZone })
    clocks.set(key, f)
  }
  return end ? f.formatRange(start, end) : f.format(start)
}

/**
 * When an event happens, in its zone, as `<time>` elements with the offset in `datetime`;
 * public/localtime.js adds the reader's own time beside it when their zone differs.
 */
export function EventWhen({
  locale,
  t,
  startsAt,
  endsAt,
  timeZone,
  style = 'full',
}: {
  locale: Locale
  t: Messages
  startsAt: Date
  endsAt: Date
  timeZone: string
  style?: 'full' | 'short'
}) {
  const label = formatSpan(locale, startsAt, endsAt, timeZone, style)
  return (
    <span class="event-when" data-your-time={style === 'full' ? t.events.page.yourTime : undefined}>
      <time
        datetime={zonedIsoString(startsAt, timeZone)}
        data-ends={zonedIsoString(endsAt, timeZone)}
        data-zone={timeZone}
      >
        {label}
      </time>
    </span>
  )
}

/** The date block of a card: the month and the day on the event's clocks. */
export function DateBlock({
  locale,
  startsAt,
  timeZone,
}: {
  locale: Locale
  startsAt: Date
  timeZone: string
}) {
  const part = (o: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(intl(locale), { ...o, timeZone }).format(startsAt)
  return (
    <span class="date-block" aria-hidden="true">
      <span class="date-block-month">{part({ month: 'short' })}</span>
      <span class="date-block-day">{part({ day: 'numeric' })}</span>
    </span>
  )
}

const statusTone: Record<string, Tone> = { draft: 'neutral', postponed: 'warning', cancelled: 'danger' }

/** A status worth a badge: drafts (for organisers), postponed and cancelled events. */
export function StatusBadge({ status, t }: { status: string; t: Messages }) {
  if (status === 'published') return null
  return <Badge tone={statusTone[status] ?? 'neutral'}>{t.events.statuses[status] ?? status}</Badge>
}

/** Places left on a card (an event without a limit, or one past, says nothing of places). */
function PlacesBadge({ left, t }: { left: number | null; t: Messages }) {
  if (left === null) return null
  return left === 0 ? (
    <Badge tone="warning">{t.events.card.full}</Badge>
  ) : (
    <Badge tone="success">{t.events.card.placesLeft(left)}</Badge>
  )
}

/** An event as a card: its cover (or its date block in the same frame), title, when, where, places. */
export function EventCard({
  event,
  locale,
  t,
  now,
  level = 3,
  href,
}: {
  event: EventCardRow
  locale: Locale
  t: Messages
  now: Date
  level?: 2 | 3
  href?: string
}) {
  const title = inLocale(locale, event.titleZh, event.titleEn)
  const summary = inLocale(locale, event.summaryZh, event.summaryEn)
  const city = event.chapter ? (locale === 'zh' ? event.chapter.cityZh : event.chapter.cityEn) : null
  const place =
    event.mode === 'online'
      ? t.events.card.online
      : city
        ? t.events.card.chapterOf(city)
        : textIn(locale, event.venueZh, event.venueEn)
  const live = event.status === 'published' && !isPast(event, now)
  return (
    <Card
      level={level}
      variant="event"
      href={href ?? `/${locale}/events/${event.slug}`}
      title={title?.text ?? event.slug}
      titleLang={title && title.lang !== locale ? langTag(title.lang) : undefined}
      image={
        event.cover
          ? { picture: pictureOf(event.cover as StoredPicture, 400), alt: '', ratio: '16/9' }
          : {
              placeholder: <DateBlock locale={locale} startsAt={event.startsAt} timeZone={event.timeZone} />,
              ratio: '16/9',
            }
      }
      meta={
        <>
          <EventWhen
            locale={locale}
            t={t}
            startsAt={event.startsAt}
            endsAt={event.endsAt}
            timeZone={event.timeZone}
            style="short"
          />
          {place ? <span class="event-place"> · {place}</span> : null}
        </>
      }
    >
      {summary ? (
        <p class="card-description" lang={summary.lang !== locale ? langTag(summary.lang) : undefined}>
          {summary.text}
        </p>
      ) : null}
      <p class="badges">
        <Badge>{t.events.kinds[event.kind] ?? event.kind}</Badge>
        {event.mode !== 'offline' ? <Badge>{t.events.modes[event.mode] ?? event.mode}</Badge> : null}
        <StatusBadge status={event.status} t={t} />
        {live ? <PlacesBadge left={event.seatsLeft} t={t} /> : null}
      </p>
    </Card>
  )
}

/** A list of event cards. */
export function EventCards({
  events,
  locale,
  t,
  now,
  level,
}: {
  events: EventCardRow[]
  locale: Locale
  t: Messages
  now: Date
  level?: 2 | 3
}) {
  return (
    <ul class="cards event-cards">
      {events.map((e) => (
        <li>
          <EventCard event={e} locale={locale} t={t} now={now} level={level} />
        </li>
      ))}
    </ul>
  )
}

/** What the page says about the event's status before anything else (a draft, postponed, cancelled, past). */
export function StatusBanner({ status, past, t }: { status: EventStatus; past: boolean; t: Messages }) {
  const which = status === 'published' ? (past ? 'past' : null) : status
  if (!which) return null
  const kind = status === 'cancelled' ? 'error' : 'info'
  return (
    <div
      class={`notice notice-${kind} event-banner`}
      role={status === 'cancelled' || status === 'postponed' ? 'status' : undefined}
    >
      <strong>{t.events.page.banners[which]}</strong>
    </div>
  )
}

/** Markdown typed in either language, in the reader's (a fallback carries its `lang`). */
export function MarkdownIn({
  locale,
  zh,
  en,
  class: cls,
}: {
  locale: Locale
  zh: string | null
  en: string | null
  class?: string
}) {
  const text = inLocale(locale, zh, en)
  if (!text) return null
  return (
    <div class={cls ?? 'prose'} lang={text.lang !== locale ? langTag(text.lang) : undefined}>
      {raw(markdownHtml(text.text))}
    </div>
  )
}

type Face = {
  id: string
  handle: string
  nameZh: string | null
  nameEn: string | null
  avatar: StoredPicture | null
  avatarUrl: string | null
  profilePublic: boolean
  publiclyCredited: boolean
}

/** A person's name, linked to their page when it is listed (a private person's page would be a 404). */
function PersonName({ person, locale }: { person: Face; locale: Locale }) {
  const name = displayName(person, locale)
  return isListed(person) ? <a href={`/${locale}/people/${person.handle}`}>{name}</a> : <span>{name}</span>
}

function PersonFace({
  person,
  locale,
  size = 'small',
}: {
  person: Face
  locale: Locale
  size?: 'small' | 'medium'
}) {
  return (
    <Avatar
      name={displayName(person, locale)}
      picture={person.avatar ? pictureOf(person.avatar, size === 'small' ? 32 : 48) : undefined}
      src={person.avatarUrl}
      alt=""
      size={size}
    />
  )
}

/** The organisers, each with their face and name. */
export function Organisers({ organisers, locale }: { organisers: OrganiserRow[]; locale: Locale }) {
  return (
    <ul class="plain people-list">
      {organisers.map((o) => (
        <li>
          <PersonFace person={o.person} locale={locale} size="medium" />{' '}
          <PersonName person={o.person} locale={locale} />
        </li>
      ))}
    </ul>
  )
}

/** Who is in a session: a person here (face, linked name) or an outsider (name in either language). */
function Speaker({ row, locale, t }: { row: SpeakerRow; locale: Locale; t: Messages }) {
  const { speaker, person } = row
  return (
    <li>
      {person ? (
        <>
          <PersonFace person={person} locale={locale} /> <PersonName person={person} locale={locale} />
        </>
      ) : (
        <>
          <Avatar name={textIn(locale, speaker.nameZh, speaker.nameEn)} alt="" size="small" />{' '}
          <Localized locale={locale} zh={speaker.nameZh} en={speaker.nameEn} />
        </>
      )}
      {speaker.affiliation ? <span class="muted"> · {speaker.affiliation}</span> : null}
      {speaker.role !== 'speaker' ? (
        <span class="muted"> · {t.events.roles[speaker.role] ?? speaker.role}</span>
      ) : null}
    </li>
  )
}

/** A recording: its player framed when it is YouTube or Bilibili (as episodes do), and the link. */
function SessionVideo({ url, title, t }: { url: string; title: string; t: Messages }) {
  const embed = videoEmbed(url)
  return (
    <>
      {embed ? (
        <div class="video-embed">
          <iframe
            src={embed.src}
            title={t.events.page.videoOf(title)}
            loading="lazy"
            referrerpolicy="strict-origin-when-cross-origin"
            allow="encrypted-media; picture-in-picture; fullscreen"
            allowfullscreen
            sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"
          />
        </div>
      ) : null}
      <a href={safeHref(url)} rel="noopener">
        {t.events.page.video}
      </a>
    </>
  )
}

type AgendaSession = EventParts['sessions'][number]

function roomName(room: Room | null, locale: Locale) {
  return room ? <Localized locale={locale} zh={room.nameZh} en={room.nameEn} /> : null
}

/** One item of the agenda: its time, kind, title, room, language, people, abstract and what came of it. */
function AgendaItem({
  session,
  locale,
  t,
  timeZone,
  headingLevel,
  actions,
}: {
  session: AgendaSession
  locale: Locale
  t: Messages
  timeZone: string
  headingLevel: 3 | 4
  actions?: Child
}) {
  const title = inLocale(locale, session.titleZh, session.titleEn)
  const Heading = headingLevel === 3 ? 'h3' : 'h4'
  return (
    <li class={`agenda-item agenda-${session.kind}`} id={`session-${session.id}`}>
      <div class="agenda-time">
        {session.startsAt ? (
          <time datetime={zonedIsoString(session.startsAt, timeZone)}>
            {formatClock(locale, session.startsAt, session.endsAt, timeZone)}
          </time>
        ) : null}
      </div>
      <div class="agenda-body">
        <Heading class="agenda-title" lang={title && title.lang !== locale ? langTag(title.lang) : undefined}>
          {title?.text}
        </Heading>
        <p class="agenda-facts">
          <Badge>{t.events.sessionKinds[session.kind] ?? session.kind}</Badge>
          {session.room ? (
            <span>
              {' '}
              · {t.events.page.room}
              {roomName(session.room, locale)}
            </span>
          ) : null}
          {session.language ? (
            <span>
              {' '}
              · {t.events.page.inLanguage(t.events.languages[session.language] ?? session.language)}
            </span>
          ) : null}
        </p>
        {session.speakers.length ? (
          <ul class="plain people-list agenda-people">
            {session.speakers.map((row) => (
              <Speaker row={row} locale={locale} t={t} />
            ))}
          </ul>
        ) : null}
        <MarkdownIn
          locale={locale}
          zh={session.abstractZh}
          en={session.abstractEn}
          class="prose agenda-abstract"
        />
        {session.videoUrl || session.slidesUrl || session.episode ? (
          <div class="agenda-links">
            {session.videoUrl ? (
              <SessionVideo url={session.videoUrl} title={title?.text ?? ''} t={t} />
            ) : null}
            {session.slidesUrl ? (
              <a href={safeHref(session.slidesUrl)} rel="noopener nofollow">
                {t.events.page.slides}
              </a>
            ) : null}
            {session.episode ? (
              <a href={episodeHref(locale, session.episode)}>
                {t.events.page.episode}:{' '}
                <Localized locale={locale} zh={session.episode.titleZh} en={session.episode.titleEn} />
              </a>
            ) : null}
          </div>
        ) : null}
        {actions}
      </div>
    </li>
  )
}

/** The agenda, a list per day on the event's clocks (a schedule grid belongs to the programme). */
export function Agenda({
  sessions,
  locale,
  t,
  timeZone,
  actions,
}: {
  sessions: AgendaSession[]
  locale: Locale
  t: Messages
  timeZone: string
  /** Organisers' controls under each session (the console's agenda). */
  actions?: (session: AgendaSession) => Child
}) {
  const days = agendaDays(sessions, timeZone)
  const several = days.length > 1
  return (
    <>
      {days.map(({ day, sessions: list }) => (
        <>
          {several ? (
            <h3 class="agenda-day">{day ? formatDay(locale, day) : t.events.page.undated}</h3>
          ) : null}
          <ol class="agenda">
            {list.map((s) => (
              <AgendaItem
                session={s}
                locale={locale}
                t={t}
                timeZone={timeZone}
                headingLevel={several ? 4 : 3}
                actions={actions?.(s)}
              />
            ))}
          </ol>
        </>
      ))}
    </>
  )
}

/** Sponsors with their logos (or their names), each linked to its site. */
export function Sponsors({ sponsors, locale, t }: { sponsors: Sponsor[]; locale: Locale; t: Messages }) {
  return (
    <ul class="sponsors">
      {sponsors.map((s) => {
        const name = textIn(locale, s.nameZh, s.nameEn)
        const body = s.logo ? (
          <ResponsiveImage
            picture={pictureOf(s.logo, 160)}
            alt={t.events.page.sponsorLogo(name)}
            class="sponsor-logo"
          />
        ) : (
          <Localized locale={locale} zh={s.nameZh} en={s.nameEn} />
        )
        return (
          <li>
            {s.url ? (
              <a href={safeHref(s.url)} rel="noopener sponsored">
                {body}
              </a>
            ) : (
              body
            )}
          </li>
        )
      })}
    </ul>
  )
}

/**
 * The line under the times: which zone they are in, with its offset, and the second offset when
 * the event spans a daylight-saving change (a weekend in Europe/Berlin at the end of March).
 */
export function ZoneNote({
  t,
  startsAt,
  endsAt,
  timeZone,
}: {
  t: Messages
  startsAt: Date
  endsAt: Date
  timeZone: string
}) {
  const [from, to] = [offsetString(startsAt, timeZone), offsetString(endsAt, timeZone)]
  return (
    <>
      <span class="muted event-zone">
        {t.events.page.zone(timeZone, from === to ? from : `${from} → UTC${to}`)}
      </span>
      {/* Adds "your time" beside the times when the reader's zone differs (nothing without script). */}
      <script type="module" src={assetUrl('localtime.js')} />
    </>
  )
}
