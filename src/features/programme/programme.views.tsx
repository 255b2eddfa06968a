// What a conference's public programme looks like: the schedule as a table per day (rooms as
// columns on a wide screen, a list in time order on a phone: public/app.css turns the same table
// into either), a session's facts, and speakers with their faces.
import type { Child } from 'hono/jsx'
import { safeHref } from '../../platform/http/url.ts'
import type { Locale, Messages } from '../../platform/i18n/index.ts'
import { zonedIsoString } from '../../platform/i18n/time-zone.ts'
import { pictureOf } from '../../platform/media/pictures.ts'
import { Avatar, Badge } from '../../platform/views/components.tsx'
import { inLocale, Localized, langTag, textIn } from '../../platform/views/localized.tsx'
import type { EventParts } from '../events/index.ts'
import { displayName, isListed } from '../people/index.ts'
import { videoEmbed } from '../podcast/index.ts'
import type { GridRow } from './programme.schedule.rules.ts'

export type ProgrammeSession = EventParts['sessions'][number]
export type SpeakerRow = ProgrammeSession['speakers'][number]
type Room = EventParts['rooms'][number]

const intl = (locale: Locale) => (locale === 'zh' ? 'zh-CN' : 'en-GB')

/** A time of day on the event's clocks ("14:00"). */
export const formatClock = (locale: Locale, at: Date, timeZone: string) =>
  new Intl.DateTimeFormat(intl(locale), { hour: '2-digit', minute: '2-digit', timeZone }).format(at)

/** A session's start and end on the event's clocks, as `<time>` elements with their offsets. */
export function SessionTimes({
  locale,
  startsAt,
  endsAt,
  timeZone,
}: {
  locale: Locale
  startsAt: Date
  endsAt: Date
  timeZone: string
}) {
  return (
    <span class="schedule-times">
      <time datetime={zonedIsoString(startsAt, timeZone)}>{formatClock(locale, startsAt, timeZone)}</time>
      {'–'}
      <time datetime={zonedIsoString(endsAt, timeZone)}>{formatClock(locale, endsAt, timeZone)}</time>
    </span>
  )
}

/** Where a session's page is. */
export const sessionHref = (locale: Locale, slug: string, sessionId: string) =>
  `/${locale}/events/${slug}/sessions/${sessionId}`

/** A title in the reader's language, or the other with its `lang`. */
export function TitleText({ locale, zh, en }: { locale: Locale; zh: string | null; en: string | null }) {
  const title = inLocale(locale, zh, en)
  if (!title) return null
  return title.lang === locale ? title.text : <span lang={langTag(title.lang)}>{title.text}</span>
}

/** A speaker's name: the person's (linked to their page when it is listed), or as typed for an outsider. */
export function SpeakerName({ row, locale }: { row: SpeakerRow; locale: Locale }) {
  const { person, speaker } = row
  if (!person) return <Localized locale={locale} zh={speaker.nameZh} en={speaker.nameEn} />
  const name = displayName(person, locale)
  return isListed(person) ? <a href={`/${locale}/people/${person.handle}`}>{name}</a> : <span>{name}</span>
}

/** A speaker's face: their picture, their GitHub avatar, or initials. */
export function SpeakerFace({
  row,
  locale,
  size,
}: {
  row: SpeakerRow
  locale: Locale
  size: 'small' | 'medium'
}) {
  const { person, speaker } = row
  if (!person) return <Avatar name={textIn(locale, speaker.nameZh, speaker.nameEn)} alt="" size={size} />
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

/** Who is in a session, one to a line, with their role when it is not plain speaking. */
export function SpeakerList({
  speakers,
  locale,
  t,
  size = 'small',
}: {
  speakers: SpeakerRow[]
  locale: Locale
  t: Messages
  size?: 'small' | 'medium'
}) {
  if (!speakers.length) return null
  return (
    <ul class="plain people-list schedule-people">
      {speakers.map((row) => (
        <li>
          <SpeakerFace row={row} locale={locale} size={size} /> <SpeakerName row={row} locale={locale} />
          {row.speaker.affiliation ? <span class="muted"> · {row.speaker.affiliation}</span> : null}
          {row.speaker.role !== 'speaker' ? (
            <span class="muted"> · {t.events.roles[row.speaker.role] ?? row.speaker.role}</span>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

/** A session's kind and language as badges. */
export function SessionBadges({ session, t }: { session: ProgrammeSession; t: Messages }) {
  return (
    <p class="badges schedule-badges">
      <Badge>{t.events.sessionKinds[session.kind] ?? session.kind}</Badge>
      {session.language ? <Badge>{t.events.languages[session.language] ?? session.language}</Badge> : null}
    </p>
  )
}

function roomLabel(rooms: Room[], roomId: string | null, locale: Locale, t: Messages) {
  const room = rooms.find((r) => r.id === roomId)
  return room ? (
    <Localized locale={locale} zh={room.nameZh} en={room.nameEn} />
  ) : (
    t.programmePages.schedule.allRooms
  )
}

/** One session in a cell of the grid: time, room (a phone's list names it), title, badges, people. */
function GridSession({
  session,
  rooms,
  locale,
  t,
  slug,
  timeZone,
  action,
}: {
  session: ProgrammeSession & { startsAt: Date; endsAt: Date }
  rooms: Room[]
  locale: Locale
  t: Messages
  slug: string
  timeZone: string
  action?: ((session: ProgrammeSession) => Child) | undefined
}) {
  const breakLike = session.kind === 'break'
  return (
    <div class={`schedule-session schedule-${session.kind}`}>
      <p class="schedule-when">
        <SessionTimes
          locale={locale}
          startsAt={session.startsAt}
          endsAt={session.endsAt}
          timeZone={timeZone}
        />
        <span class="schedule-room">
          {' · '}
          {roomLabel(rooms, session.roomId, locale, t)}
        </span>
      </p>
      <h3 class="schedule-title">
        {breakLike ? (
          <TitleText locale={locale} zh={session.titleZh} en={session.titleEn} />
        ) : (
          <a href={sessionHref(locale, slug, session.id)}>
            <TitleText locale={locale} zh={session.titleZh} en={session.titleEn} />
          </a>
        )}
      </h3>
      {breakLike ? null : <SessionBadges session={session} t={t} />}
      <SpeakerList speakers={session.speakers} locale={locale} t={t} />
      {action && !breakLike ? action(session) : null}
    </div>
  )
}

/**
 * A day of the schedule as a table: a column per room, a row per start time. On a phone the
 * stylesheet unstacks it into the day's sessions in time order, each naming its room.
 */
export function ScheduleDay({
  rows,
  rooms,
  locale,
  t,
  slug,
  timeZone,
  caption,
  action,
}: {
  rows: GridRow<ProgrammeSession & { startsAt: Date; endsAt: Date }>[]
  rooms: Room[]
  locale: Locale
  t: Messages
  slug: string
  timeZone: string
  caption: Child
  /** Something a signed-in reader does with a session (star it for their agenda). */
  action?: (session: ProgrammeSession) => Child
}) {
  const ts = t.programmePages.schedule
  return (
    <div class="schedule-frame">
      <table class={`schedule-grid schedule-rooms-${Math.max(1, rooms.length)}`}>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{ts.time}</th>
            {rooms.length ? (
              rooms.map((r) => (
                <th scope="col">
                  <Localized locale={locale} zh={r.nameZh} en={r.nameEn} />
                </th>
              ))
            ) : (
              <th scope="col">{ts.allRooms}</th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr class={row.cells.some((c) => c) ? undefined : 'schedule-gap'}>
              <th scope="row" class="schedule-row-time">
                <time datetime={zonedIsoString(row.startsAt, timeZone)}>
                  {formatClock(locale, row.startsAt, timeZone)}
                </time>
              </th>
              {row.cells.map((cell) =>
                cell ? (
                  <td
                    class={cell.roomId === null ? 'schedule-cell schedule-wide' : 'schedule-cell'}
                    colspan={cell.colspan > 1 ? cell.colspan : undefined}
                    rowspan={cell.rowspan > 1 ? cell.rowspan : undefined}
                  >
                    {cell.sessions.map((s) => (
                      <GridSession
                        session={s}
                        rooms={rooms}
                        locale={locale}
                        t={t}
                        slug={slug}
                        timeZone={timeZone}
                        action={action}
                      />
                    ))}
                  </td>
                ) : (
                  <td class="schedule-empty" />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** A recording framed when it is YouTube or Bilibili (as episodes do), and its link. */
export function SessionVideo({ url, title, t }: { url: string; title: string; t: Messages }) {
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
      <p>
        <a href={safeHref(url)} rel="noopener">
          {t.events.page.video}
        </a>
      </p>
    </>
  )
}
