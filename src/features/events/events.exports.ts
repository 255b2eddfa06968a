// Events' exports: calendar files of an event and of a session, the subscribed calendar feeds
// (every public event, a chapter's, a person's private one), the RSS feed of upcoming events and
// the schema.org Event of an event's page. Each loads what it needs and leaves the writing to
// events.calendar.ts, events.jsonld.ts and feedsmith; what is public is decided here.
import { randomBytes } from 'node:crypto'
import { generateRssFeed } from 'feedsmith'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import { type Locale, messagesFor } from '../../platform/i18n/index.ts'
import { textIn } from '../../platform/views/localized.tsx'
import { markdownHtml } from '../../platform/views/markdown.ts'
import { type Actor, authorize } from '../access/index.ts'
import { cityKey } from '../chapters/index.ts'
import { isListed } from '../people/index.ts'
import { renderCalendar } from './events.calendar.ts'
import * as repo from './events.exports.repo.ts'
import {
  type CalendarContext,
  calendarFeedPath,
  type ExportedEvent,
  type ExportedSession,
  type ExportedSpeaker,
  eventCalendarItem,
  eventJsonLdInput,
  FEED_REFRESH_MINUTES,
  type FeedRegistrationStatus,
  type FeedWords,
  feedCutoff,
  feedRegistrationStatuses,
  privateFeedPath,
  rssFeedPath,
  rssItem,
  sessionCalendarItem,
} from './events.feeds.rules.ts'
import { eventJsonLd } from './events.jsonld.ts'
import { publicSessions } from './events.placements.ts'
import { inSchedule } from './events.programme.rules.ts'
import {
  type Session,
  type SpeakerRow,
  selectChapterBySlug,
  selectRooms,
  selectSession,
  selectSessions,
  selectSpeakers,
} from './events.repo.ts'
import { type EventFilters, type EventStatus, isPast, isPublic, matchesFilters } from './events.rules.ts'
import type { EventParts } from './events.service.ts'
import { mayOrganise } from './events.service.ts'

type Reading = Pick<Deps, 'db' | 'now' | 'config' | 'communityNames'>

/** A calendar or feed, with the strong validator conditional GETs compare. */
export type Rendered = { body: string; filename?: string }

const wordsOf = (locale: Locale): FeedWords => {
  const t = messagesFor(locale)
  return {
    chapterName: t.eventExports.feed.chapterName,
    joinOnline: t.eventExports.feed.joinOnline,
    online: t.eventExports.feed.online,
    statuses: t.events.statuses,
    kinds: t.events.kinds,
  }
}

/** The reader's language, the site's address and the community's name, as every export writes them. */
async function contextFor(deps: Pick<Deps, 'db' | 'config' | 'communityNames'>, locale: Locale) {
  const names = await deps.communityNames(deps.db)
  return {
    locale,
    baseUrl: deps.config.baseUrl,
    community: names[locale] ?? messagesFor(locale).meta.siteName,
    words: wordsOf(locale),
  } satisfies CalendarContext
}

const asExported = <R extends repo.ExportRow>(row: R): R & ExportedEvent => row

/** An event a reader may see in an export: a public one, or a draft its organisers preview. */
async function readableEvent(deps: Pick<Deps, 'db'>, viewer: Actor, slug: string) {
  const row = await repo.selectEventBySlug(deps.db, slug)
  if (!row) throw new DomainError('notFoundRecord')
  if (!isPublic(row.status as EventStatus) && !(await mayOrganise(deps, viewer, row.id)))
    throw new DomainError('notFoundRecord')
  return asExported(row)
}

/** A speaker as exports name them: a person is linked and pictured only when listed. */
const exportedSpeaker = (sp: SpeakerRow): ExportedSpeaker => ({
  role: sp.speaker.role,
  nameZh: sp.speaker.nameZh,
  nameEn: sp.speaker.nameEn,
  person: sp.person
    ? {
        id: sp.person.id,
        handle: sp.person.handle,
        nameZh: sp.person.nameZh,
        nameEn: sp.person.nameEn,
        listed: isListed(sp.person),
        avatar: sp.person.avatar,
        avatarUrl: sp.person.avatarUrl,
      }
    : null,
})

/** An event's sessions with their rooms and speakers, as exports need them. */
async function sessionsOf(db: Deps['db'], eventId: string, sessions: Session[]): Promise<ExportedSession[]> {
  const [rooms, speakers] = await Promise.all([
    selectRooms(db, eventId),
    selectSpeakers(
      db,
      sessions.map((s) => s.id),
    ),
  ])
  return sessions.map((s) => ({
    ...s,
    room: rooms.find((r) => r.id === s.roomId) ?? null,
    speakers: speakers.filter((sp) => sp.speaker.sessionId === s.id).map(exportedSpeaker),
  }))
}

/** One event's `.ics`: a single VEVENT (a conference's sessions have their own files). */
export async function eventCalendar(
  deps: Reading,
  viewer: Actor,
  locale: Locale,
  slug: string,
): Promise<Rendered> {
  const event = await readableEvent(deps, viewer, slug)
  const ctx = await contextFor(deps, locale)
  const item = eventCalendarItem(event, ctx)
  return { body: renderCalendar({ name: item.summary, items: [item] }), filename: `${event.slug}.ics` }
}

/** A timed session's `.ics`, for people who add the talks they mean to hear. */
export async function sessionCalendar(
  deps: Reading,
  viewer: Actor,
  locale: Locale,
  slug: string,
  sessionId: string,
): Promise<Rendered> {
  const event = await readableEvent(deps, viewer, slug)
  const row = await selectSession(deps.db, event.id, sessionId)
  // Where the latest published schedule put it; one it does not hold is not public yet.
  const [session] = row ? await publicSessions(deps, event.id, [row]) : []
  if (!session) throw new DomainError('notFoundRecord')
  const [exported] = await sessionsOf(deps.db, event.id, [session])
  const ctx = await contextFor(deps, locale)
  const item = sessionCalendarItem(event, exported!, ctx)
  if (!item) throw new DomainError('notFoundRecord')
  return {
    body: renderCalendar({ name: item.summary, items: [item] }),
    filename: `${event.slug}-session.ics`,
  }
}

/**
 * A conference's whole schedule as one calendar file (the programme's `schedule.ics`): every
 * placed session, breaks left out as schedule.json leaves them, each the VEVENT its own `.ics` is
 * (the same UID from its GUID, so adding both never doubles it; its SEQUENCE, raised when it
 * moves), linking to `page(session)`. An event with no schedule (a meetup with nothing timed) is
 * a 404; a cancelled one still answers, so subscribed calendars learn every session is off.
 * `public` says whether shared caches may keep it (not a draft's preview).
 */
export async function scheduleCalendar(
  deps: Reading,
  viewer: Actor,
  locale: Locale,
  slug: string,
  words: {
    name: (event: string, community: string) => string
    page: (session: { id: string }) => string
  },
): Promise<Rendered & { public: boolean }> {
  const event = await readableEvent(deps, viewer, slug)
  const placed = (await publicSessions(deps, event.id, await selectSessions(deps.db, event.id))).filter(
    inSchedule,
  )
  if (event.kind !== 'conference' && placed.length === 0) throw new DomainError('notFoundRecord')
  const ctx = await contextFor(deps, locale)
  const items = (await sessionsOf(deps.db, event.id, placed)).flatMap(
    (s) => sessionCalendarItem(event, s, ctx, words.page(s)) ?? [],
  )
  const title = textIn(locale, event.titleZh, event.titleEn) || event.slug
  return {
    body: renderCalendar({
      name: words.name(title, ctx.community),
      refreshInterval: FEED_REFRESH_MINUTES,
      items,
      // A conference whose sessions are not placed yet still gives a valid calendar.
      whenEmpty: { timeZone: event.timeZone, now: deps.now() },
    }),
    filename: `${event.slug}-schedule.ics`,
    public: event.status !== 'draft',
  }
}

const sameCity = (a: string, b: string) => cityKey(a) === cityKey(b)

/**
 * The feed of public events (every one, or those passing the events list's filters: a chapter's,
 * a city's, a kind's): upcoming ones and those of the last year. A chapter that does not exist is
 * a 404, so a mistyped address is not an empty calendar that looks right.
 */
export async function publicCalendar(
  deps: Reading,
  locale: Locale,
  filters: EventFilters,
): Promise<Rendered> {
  const chapter = filters.chapter ? await selectChapterBySlug(deps.db, filters.chapter) : null
  if (filters.chapter && !chapter) throw new DomainError('notFoundRecord')
  const now = deps.now()
  const ctx = await contextFor(deps, locale)
  const rows = (await repo.selectPublicEvents(deps.db, feedCutoff(now))).filter((e) =>
    matchesFilters(e, filters, sameCity),
  )
  const t = messagesFor(locale).eventExports.feed
  const city = chapter ? textIn(locale, chapter.cityZh, chapter.cityEn) : null
  const onlyChapter =
    chapter && Object.values({ ...filters, chapter: undefined }).every((v) => v === undefined)
  const filtered = Object.values(filters).some((v) => v !== undefined)
  return {
    body: renderCalendar({
      name:
        onlyChapter && city
          ? t.chapter(ctx.community, city)
          : filtered
            ? t.filtered(ctx.community)
            : t.all(ctx.community),
      description: onlyChapter && city ? t.chapterDescription(city) : t.allDescription(ctx.community),
      refreshInterval: FEED_REFRESH_MINUTES,
      source: `${ctx.baseUrl}${calendarFeedPath(locale, filters.chapter)}`,
      items: rows.map((e) => eventCalendarItem(asExported(e), ctx)),
      whenEmpty: { timeZone: deps.config.timeZone, now },
    }),
  }
}

// --- A person's private feed ------------------------------------------------------------------

/**
 * The feed behind a secret address: the events its owner registered for, in their language, each
 * with the link to join once they hold a place. An unknown (or reset) secret is a 404.
 */
export async function privateCalendar(deps: Reading, secret: string): Promise<Rendered> {
  const owner = /^[A-Za-z0-9_-]{20,100}$/.test(secret)
    ? await repo.selectFeedOwner(deps.db, secret)
    : undefined
  if (!owner) throw new DomainError('notFoundRecord')
  const locale: Locale = owner.locale === 'en' ? 'en' : 'zh'
  const now = deps.now()
  const ctx = await contextFor(deps, locale)
  const rows = await repo.selectRegisteredEvents(
    deps.db,
    owner.personId,
    feedRegistrationStatuses,
    feedCutoff(now),
  )
  const t = messagesFor(locale).eventExports.feed
  return {
    body: renderCalendar({
      name: t.mine(ctx.community),
      description: t.mineDescription,
      refreshInterval: FEED_REFRESH_MINUTES,
      items: rows.map(({ registration, ...e }) =>
        eventCalendarItem(asExported(e), ctx, {
          registration: registration.status as FeedRegistrationStatus,
          changedAt: registration.updatedAt,
        }),
      ),
      whenEmpty: { timeZone: deps.config.timeZone, now },
    }),
  }
}

/**
 * A person's own agenda behind the same secret as their private calendar (the programme's "my
 * schedule"): the sessions `starred` names for them, as `{ event's slug, session id }`, each a
 * VEVENT as the session's own `.ics` writes it. Sessions of events the public cannot see, and
 * those off the clock, are left out; a reset secret cuts this feed off with the other.
 */
export async function privateSessionsCalendar(
  deps: Reading,
  secret: string,
  starred: (personId: string) => Promise<{ slug: string; sessionId: string }[]>,
  name: (locale: Locale, community: string) => string,
): Promise<Rendered> {
  const owner = /^[A-Za-z0-9_-]{20,100}$/.test(secret)
    ? await repo.selectFeedOwner(deps.db, secret)
    : undefined
  if (!owner) throw new DomainError('notFoundRecord')
  const locale: Locale = owner.locale === 'en' ? 'en' : 'zh'
  const ctx = await contextFor(deps, locale)
  const bySlug = new Map<string, string[]>()
  for (const s of await starred(owner.personId))
    bySlug.set(s.slug, [...(bySlug.get(s.slug) ?? []), s.sessionId])
  const items = []
  for (const [slug, ids] of bySlug) {
    const row = await repo.selectEventBySlug(deps.db, slug)
    if (!row || !isPublic(row.status as EventStatus)) continue
    const event = asExported(row)
    const sessions = await publicSessions(
      deps,
      event.id,
      (await Promise.all(ids.map((id) => selectSession(deps.db, event.id, id)))).filter(
        (s): s is Session => !!s,
      ),
    )
    for (const s of await sessionsOf(deps.db, event.id, sessions)) {
      const item = sessionCalendarItem(event, s, ctx)
      if (item) items.push(item)
    }
  }
  items.sort((a, b) => a.start.getTime() - b.start.getTime() || a.uid.localeCompare(b.uid))
  return {
    body: renderCalendar({
      name: name(locale, ctx.community),
      refreshInterval: FEED_REFRESH_MINUTES,
      items,
      whenEmpty: { timeZone: deps.config.timeZone, now: deps.now() },
    }),
  }
}

/** 32 random bytes, URL-safe: the whole of what protects a private feed. */
const newSecret = () => randomBytes(32).toString('base64url')

/** The actor's private feed address, or null while they have none. */
export async function calendarFeedOf(deps: Pick<Deps, 'db' | 'config'>, actor: Actor) {
  authorize(actor, { action: 'account.manage-own' })
  const feed = await repo.selectFeedOf(deps.db, actor.personId)
  return feed ? `${deps.config.baseUrl}${privateFeedPath(feed.secret)}` : null
}

/** Makes the actor's private feed address (once: asking again gives the same one). */
export async function openCalendarFeed(deps: Pick<Deps, 'db' | 'now' | 'config'>, actor: Actor) {
  authorize(actor, { action: 'account.manage-own' })
  const feed = await repo.insertFeed(deps.db, actor.personId, newSecret(), deps.now())
  return `${deps.config.baseUrl}${privateFeedPath(feed.secret)}`
}

/** A new address for the actor's private feed; the old one answers 404 from now on. */
export async function resetCalendarFeed(deps: Pick<Deps, 'db' | 'now' | 'config'>, actor: Actor) {
  authorize(actor, { action: 'account.manage-own' })
  const feed = await repo.replaceFeedSecret(deps.db, actor.personId, newSecret(), deps.now())
  return `${deps.config.baseUrl}${privateFeedPath(feed.secret)}`
}

// --- RSS --------------------------------------------------------------------------------------

/**
 * RSS 2.0 of the events still to come, in one language, soonest first: readers learn of each
 * when it is announced (its publication is the item's date); one postponed or cancelled since
 * stays, its title saying so.
 */
export async function upcomingFeed(deps: Reading, locale: Locale): Promise<Rendered> {
  const now = deps.now()
  const ctx = await contextFor(deps, locale)
  const rows = (await repo.selectPublicEvents(deps.db, now)).filter((e) => !isPast(e, now))
  const t = messagesFor(locale).eventExports.feed
  const link = `${ctx.baseUrl}/${locale}/events`
  const body = generateRssFeed({
    title: t.upcoming(ctx.community),
    link,
    description: t.allDescription(ctx.community),
    language: locale === 'zh' ? 'zh-cn' : 'en',
    generator: 'Hearth',
    // The latest change of what the feed holds, so the same events give the same bytes.
    ...(rows.length ? { lastBuildDate: new Date(Math.max(...rows.map((r) => r.updatedAt.getTime()))) } : {}),
    atom: {
      links: [{ href: `${ctx.baseUrl}${rssFeedPath(locale)}`, rel: 'self', type: 'application/rss+xml' }],
    },
    items: rows.map((e) =>
      rssItem(asExported(e), {
        ...ctx,
        descriptionHtml: markdownHtml(textIn(locale, e.descriptionZh, e.descriptionEn), ctx.baseUrl),
      }),
    ),
  })
  return { body }
}

// --- JSON-LD ----------------------------------------------------------------------------------

/**
 * The schema.org Event of an event's page, from what the page already loaded (`eventPage`): the
 * seat counter's `confirmed` turns the offer SoldOut once every place is taken.
 */
export function eventJsonLdOf(
  parts: EventParts,
  ctx: { locale: Locale; baseUrl: string; community: string; now: Date },
): Record<string, unknown> {
  const { event, chapter } = parts
  const exported: ExportedEvent = {
    ...event,
    kind: event.kind,
    mode: event.mode,
    status: event.status,
    chapter: chapter ? { slug: chapter.slug, cityZh: chapter.cityZh, cityEn: chapter.cityEn } : null,
  }
  const sessions: ExportedSession[] = parts.sessions.map((s) => ({
    ...s,
    speakers: s.speakers.map(exportedSpeaker),
  }))
  return eventJsonLd(
    eventJsonLdInput(exported, sessions, parts.confirmed, { ...ctx, words: wordsOf(ctx.locale) }),
  )
}
