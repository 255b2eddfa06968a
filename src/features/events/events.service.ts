// Events' use cases: create, edit, publish, postpone, cancel, copy as the next edition; the
// agenda (sessions and who speaks), rooms, organisers, sponsors and the cover; and what the public
// and the organisers read. Each change is authorised first (features/access: `events.create`,
// `event.organise`, with the facts read here), then decided by the rules, then written in one
// transaction that holds the event's row lock.
import type { Readable } from 'node:stream'
import { isUniqueViolation } from '../../platform/db/errors.ts'
import type { Deps } from '../../platform/deps.ts'
import { DomainError, InvalidInput } from '../../platform/errors.ts'
import { isHttpUrl } from '../../platform/http/url.ts'
import { sendSoon } from '../../platform/jobs/jobs.ts'
import { COVER_WIDTHS, LOGO_WIDTHS, receivePicture, recordPicture } from '../../platform/media/pictures.ts'
import { type Actor, authorize, can } from '../access/index.ts'
import { cityKey, seatsOfPerson } from '../chapters/index.ts'
import { findPersonByHandle } from '../people/index.ts'
import { episodeLinks } from '../podcast/index.ts'
import { publishEvent } from '../webhooks/index.ts'
import { eventPublishedData } from './events.feeds.rules.ts'
import type {
  EventEditInput,
  EventInput,
  RoomInput,
  SessionInput,
  SpeakerInput,
  SponsorInput,
} from './events.inputs.ts'
import { publicSessions } from './events.placements.ts'
import * as repo from './events.repo.ts'
import {
  calendarChanged,
  calendarFields,
  canMove,
  type EventFilters,
  type EventStatus,
  isPast,
  isPublic,
  localDayOf,
  matchesFilters,
  nextEdition,
  nextSequence,
  type SessionKind,
  type StatusAction,
  seatsLeft,
  sessionCalendarFields,
  sessionWithinEvent,
  slugEditable,
  slugFor,
  speakerRolesFor,
  statusActions,
  uniqueSlug,
} from './events.rules.ts'
import * as videosRepo from './events.videos.repo.ts'

type Reading = Pick<Deps, 'db' | 'now'>
type Writing = Pick<Deps, 'db' | 'now' | 'config'>
type Tx = Parameters<Parameters<Deps['db']['transaction']>[0]>[0]

/** A refusal of one field, as the form's own check would give it (for callers past the form). */
const refused = (field: string, message: string) =>
  new InvalidInput([{ code: 'custom', path: [field], message, input: undefined }])

// --- Who may do what --------------------------------------------------------------------------

/** Whether the actor holds a seat now on the team of `chapterId`. */
async function onTeamOf(deps: Pick<Deps, 'db'>, actor: Actor, chapterId: string | null) {
  if (!actor || !chapterId) return false
  const seats = await seatsOfPerson(deps, actor.personId)
  return seats.some((s) => s.chapter.id === chapterId && s.endedAt === null)
}

type AccessRow = { chapterId: string | null; sigId: string | null; organiserIds: string[] }

/** The facts `event.organise` weighs for this actor and event. */
async function organiseFacts(deps: Pick<Deps, 'db'>, actor: Actor, event: AccessRow) {
  return {
    action: 'event.organise' as const,
    isOrganiser: !!actor && event.organiserIds.includes(actor.personId),
    onChapterTeam: await onTeamOf(deps, actor, event.chapterId),
    sigId: event.sigId,
  }
}

async function accessRow(db: Deps['db'], eventId: string) {
  const [row] = await repo.selectEventsWithAccessFacts(db, [eventId])
  if (!row) throw new DomainError('notFoundRecord')
  return row
}

/** Authorises the actor to organise the event, in the caller's transaction when given one. */
async function authorizeOrganise(deps: Pick<Deps, 'db'>, actor: Actor, eventId: string) {
  const row = await accessRow(deps.db, eventId)
  authorize(actor, await organiseFacts(deps, actor, row))
  return { ...row, by: actor.personId }
}

/** May the viewer organise this event (pages decide what to show with it)? */
export async function mayOrganise(deps: Pick<Deps, 'db'>, actor: Actor, eventId: string) {
  if (!actor) return false
  return can(actor, await organiseFacts(deps, actor, await accessRow(deps.db, eventId)))
}

/** May the viewer create events at all (for their chapter's meetups, or as SIG people)? */
export async function mayCreateEvents(deps: Pick<Deps, 'db'>, actor: Actor) {
  if (!actor) return false
  if (can(actor, { action: 'events.create', onChapterTeam: false })) return true
  const seats = await seatsOfPerson(deps, actor.personId)
  return seats.some((s) => s.endedAt === null)
}

/** The chapters whose meetups the actor may create: any, for SIG people; else their own. */
export async function chaptersForNewEvents(deps: Pick<Deps, 'db'>, actor: Actor) {
  if (!actor) return { anyChapter: false, own: [] }
  const seats = (await seatsOfPerson(deps, actor.personId)).filter((s) => s.endedAt === null)
  return {
    anyChapter: can(actor, { action: 'events.create', onChapterTeam: false }),
    own: seats.map((s) => s.chapter),
  }
}

// --- Events -----------------------------------------------------------------------------------

/** The chapter a form names, or a refusal at the field; null when it names none. */
async function chapterNamed(db: Deps['db'], slug: string | null) {
  if (!slug) return null
  const chapter = await repo.selectChapterBySlug(db, slug)
  if (!chapter) throw refused('chapter', 'unknownChapter')
  return chapter
}

const eventColumns = (input: EventEditInput) => ({
  kind: input.kind,
  mode: input.mode,
  titleZh: input.titleZh,
  titleEn: input.titleEn,
  summaryZh: input.summaryZh,
  summaryEn: input.summaryEn,
  descriptionZh: input.descriptionZh,
  descriptionEn: input.descriptionEn,
  timeZone: input.timeZone,
  startsAt: input.startsAt,
  endsAt: input.endsAt,
  venueZh: input.venueZh,
  venueEn: input.venueEn,
  address: input.address,
  country: input.country,
  mapUrl: input.mapUrl,
  accessibilityZh: input.accessibilityZh,
  accessibilityEn: input.accessibilityEn,
  onlineUrl: input.onlineUrl,
  registrationOpensAt: input.registrationOpensAt,
  registrationClosesAt: input.registrationClosesAt,
})

/** Runs `write`; another event taking the address at the same moment is a refusal at the field. */
async function slugGuard<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (e) {
    if (isUniqueViolation(e, 'events_slug_key')) throw refused('slug', 'eventSlugTaken')
    throw e
  }
}

/**
 * A new event, as a draft organised by its creator. SIG people create any event; a chapter's team
 * creates its own chapter's. Without an address typed, one is made from the title and its year.
 */
export async function createEvent(deps: Writing, actor: Actor, input: EventInput) {
  const chapter = await chapterNamed(deps.db, input.chapter)
  authorize(actor, {
    action: 'events.create',
    onChapterTeam: await onTeamOf(deps, actor, chapter?.id ?? null),
  })
  const now = deps.now()
  let slug = input.slug
  if (slug) {
    if (await repo.selectEventBySlug(deps.db, slug)) throw refused('slug', 'eventSlugTaken')
  } else {
    const base = slugFor(input.titleEn ?? input.titleZh, localDayOf(input.startsAt, input.timeZone))
    slug = uniqueSlug(base, await repo.selectSlugsLike(deps.db, base))
  }
  const chosen = slug
  return slugGuard(() =>
    deps.db.transaction(async (tx) => {
      const event = await repo.insertEvent(tx, {
        ...eventColumns(input),
        slug: chosen,
        chapterId: chapter?.id ?? null,
        capacity: input.capacity,
        requiresApproval: input.requiresApproval,
        status: 'draft',
        createdBy: actor.personId,
        createdAt: now,
        updatedAt: now,
      })
      await repo.insertOrganiser(tx, event.id, actor.personId)
      return event
    }),
  )
}

/**
 * Changes what an event is, where and when. Its address changes only while it is a draft; moving
 * it to another chapter needs the right to create that chapter's events. A change that calendars
 * show raises the event's SEQUENCE and its sessions' (their entries carry its place and status).
 */
export async function editEvent(deps: Writing, actor: Actor, eventId: string, input: EventEditInput) {
  const access = await authorizeOrganise(deps, actor, eventId)
  const chapter = await chapterNamed(deps.db, input.chapter)
  if ((chapter?.id ?? null) !== access.chapterId)
    authorize(actor, {
      action: 'events.create',
      onChapterTeam: await onTeamOf(deps, actor, chapter?.id ?? null),
    })
  const now = deps.now()
  return slugGuard(() =>
    deps.db.transaction(async (tx) => {
      const event = await repo.selectEventForUpdate(tx, eventId)
      if (!event) throw new DomainError('notFoundRecord')
      const slug = input.slug ?? event.slug
      if (slug !== event.slug) {
        if (!slugEditable(event.status)) throw refused('slug', 'eventSlugFixed')
        const other = await repo.selectEventBySlug(tx, slug)
        if (other && other.id !== event.id) throw refused('slug', 'eventSlugTaken')
      }
      const set = { ...eventColumns(input), slug, chapterId: chapter?.id ?? null }
      const changed = calendarChanged(calendarFields, event, set)
      await repo.updateEvent(tx, event.id, {
        ...set,
        sequence: nextSequence(event.sequence, changed),
        updatedAt: now,
      })
      if (changed) await repo.raiseSessionSequences(tx, event.id, now)
      return { ...event, ...set }
    }),
  )
}

/**
 * Publishes, postpones or cancels an event (events.rules.ts says which moves there are). A
 * cancelled event keeps its page, which says so; every calendar that has it hears of the change.
 */
export async function changeStatus(
  deps: Writing & Pick<Deps, 'jobs'>,
  actor: Actor,
  eventId: string,
  action: StatusAction,
) {
  await authorizeOrganise(deps, actor, eventId)
  const now = deps.now()
  const to = statusActions[action]
  const told = await deps.db.transaction(async (tx) => {
    const event = await repo.selectEventForUpdate(tx, eventId)
    if (!event) throw new DomainError('notFoundRecord')
    if (!canMove(event.status, to)) throw new DomainError('notAllowedNow')
    const changed = {
      status: to,
      publishedAt: to === 'published' ? (event.publishedAt ?? now) : event.publishedAt,
      sequence: event.sequence + 1,
      updatedAt: now,
    }
    await repo.updateEvent(tx, event.id, changed)
    await repo.raiseSessionSequences(tx, event.id, now)
    if (to !== 'published') return 0
    // Subscribed systems hear of it in the transaction that publishes it (the outbox sends it).
    const chapter = event.chapterId ? ((await repo.selectChapterById(tx, event.chapterId)) ?? null) : null
    return publishEvent(
      tx,
      'event.published',
      eventPublishedData(
        { ...event, ...changed, chapter },
        deps.config.baseUrl,
        event.status === 'postponed',
      ),
      now,
    )
  })
  if (told) await sendSoon(deps.jobs)
}

/**
 * The next edition, as a draft starting at `startsAt`: its title, description, place, sessions
 * (without their speakers, recordings or slides: those belong to the edition that had them), rooms,
 * sponsors, organisers, questions and places, every time kept where it was on the zone's clocks
 * relative to the start. Whoever organises an event may copy it.
 */
export async function copyAsNextEdition(deps: Writing, actor: Actor, eventId: string, startsAt: Date) {
  const { by } = await authorizeOrganise(deps, actor, eventId)
  const now = deps.now()
  return slugGuard(() =>
    deps.db.transaction(async (tx) => {
      const event = await repo.selectEventById(tx, eventId)
      if (!event) throw new DomainError('notFoundRecord')
      // The address it would take, then the ones taken like it, to number past them.
      const wanted = nextEdition(event, startsAt, new Set()).slug
      const next = nextEdition(event, startsAt, await repo.selectSlugsLike(tx, wanted))
      const [rooms, sessions, sponsors, organisers] = await Promise.all([
        repo.selectRooms(tx, event.id),
        repo.selectSessions(tx, event.id),
        repo.selectSponsors(tx, event.id),
        repo.selectOrganisers(tx, event.id),
      ])
      const copy = await repo.insertEvent(tx, {
        slug: next.slug,
        kind: event.kind,
        mode: event.mode,
        chapterId: event.chapterId,
        titleZh: next.titleZh,
        titleEn: next.titleEn,
        summaryZh: event.summaryZh,
        summaryEn: event.summaryEn,
        descriptionZh: event.descriptionZh,
        descriptionEn: event.descriptionEn,
        timeZone: event.timeZone,
        startsAt: next.startsAt,
        endsAt: next.endsAt,
        venueZh: event.venueZh,
        venueEn: event.venueEn,
        address: event.address,
        country: event.country,
        mapUrl: event.mapUrl,
        accessibilityZh: event.accessibilityZh,
        accessibilityEn: event.accessibilityEn,
        onlineUrl: event.onlineUrl,
        cover: event.cover,
        status: 'draft',
        capacity: event.capacity,
        requiresApproval: event.requiresApproval,
        registrationOpensAt: next.registrationOpensAt,
        registrationClosesAt: next.registrationClosesAt,
        questions: event.questions,
        previousEditionId: event.id,
        createdBy: by,
        createdAt: now,
        updatedAt: now,
      })
      const roomIds = new Map<string, string>()
      for (const r of rooms) {
        const room = await repo.insertRoom(tx, {
          eventId: copy.id,
          nameZh: r.nameZh,
          nameEn: r.nameEn,
          capacity: r.capacity,
          position: r.position,
        })
        roomIds.set(r.id, room.id)
      }
      for (const s of sessions)
        await repo.insertSession(tx, {
          eventId: copy.id,
          kind: s.kind,
          titleZh: s.titleZh,
          titleEn: s.titleEn,
          abstractZh: s.abstractZh,
          abstractEn: s.abstractEn,
          language: s.language,
          roomId: s.roomId ? (roomIds.get(s.roomId) ?? null) : null,
          startsAt: s.startsAt && next.shift(s.startsAt),
          endsAt: s.endsAt && next.shift(s.endsAt),
          position: s.position,
          createdAt: now,
          updatedAt: now,
        })
      for (const s of sponsors)
        await repo.insertSponsor(tx, {
          eventId: copy.id,
          nameZh: s.nameZh,
          nameEn: s.nameEn,
          url: s.url,
          logo: s.logo,
          position: s.position,
        })
      const team = organisers.map((o) => o.person.id)
      await repo.insertOrganisers(tx, copy.id, team.includes(by) ? team : [...team, by])
      return copy
    }),
  )
}

/** The event's cover (16:9), from an uploaded picture, written before the transaction records it. */
export async function setEventCover(
  deps: Writing,
  actor: Actor,
  eventId: string,
  upload: { filename: string; source: Readable | AsyncIterable<Uint8Array> },
) {
  await authorizeOrganise(deps, actor, eventId)
  const now = deps.now()
  const received = await receivePicture(deps.config.dataDir, {
    ...upload,
    widths: COVER_WIDTHS,
    ratio: 16 / 9,
    now,
  })
  await deps.db.transaction(async (tx) => {
    await recordPicture(tx, received)
    await repo.updateEvent(tx, eventId, { cover: received.stored, updatedAt: now })
  })
}

// --- Agenda -----------------------------------------------------------------------------------

/** Checks a session's room, episode and times against its event; a refusal names the field. */
async function checkSession(deps: Reading, tx: Tx, event: repo.Event, input: SessionInput) {
  if (input.roomId && !(await repo.selectRooms(tx, event.id)).some((r) => r.id === input.roomId))
    throw refused('roomId', 'unknownRoom')
  if (input.episodeId && !(await episodeLinks({ db: tx, now: deps.now }, [input.episodeId])).length)
    throw refused('episodeId', 'unknownEpisode')
  if (!sessionWithinEvent(input, event)) {
    const startOutside = !sessionWithinEvent({ startsAt: input.startsAt, endsAt: null }, event)
    throw refused(startOutside ? 'startsAt' : 'endsAt', 'sessionOutsideEvent')
  }
}

const sessionColumns = (input: SessionInput) => ({
  kind: input.kind,
  titleZh: input.titleZh,
  titleEn: input.titleEn,
  abstractZh: input.abstractZh,
  abstractEn: input.abstractEn,
  language: input.language,
  roomId: input.roomId,
  startsAt: input.startsAt,
  endsAt: input.endsAt,
  episodeId: input.episodeId,
  videoUrl: input.videoUrl,
  slidesUrl: input.slidesUrl,
})

export async function addSession(deps: Writing, actor: Actor, eventId: string, input: SessionInput) {
  await authorizeOrganise(deps, actor, eventId)
  const now = deps.now()
  return deps.db.transaction(async (tx) => {
    const event = await repo.selectEventForUpdate(tx, eventId)
    if (!event) throw new DomainError('notFoundRecord')
    await checkSession(deps, tx, event, input)
    return repo.insertSession(tx, { ...sessionColumns(input), eventId, createdAt: now, updatedAt: now })
  })
}

/** Changes a session; what its calendar entry shows raises its SEQUENCE. */
export async function editSession(
  deps: Writing,
  actor: Actor,
  eventId: string,
  sessionId: string,
  input: SessionInput,
) {
  await authorizeOrganise(deps, actor, eventId)
  const now = deps.now()
  await deps.db.transaction(async (tx) => {
    const event = await repo.selectEventForUpdate(tx, eventId)
    const session = event && (await repo.selectSession(tx, eventId, sessionId))
    if (!event || !session) throw new DomainError('notFoundRecord')
    await checkSession(deps, tx, event, input)
    const set = sessionColumns(input)
    await repo.updateSession(tx, session.id, {
      ...set,
      sequence: nextSequence(session.sequence, calendarChanged(sessionCalendarFields, session, set)),
      updatedAt: now,
    })
  })
}

/**
 * Puts a session on the schedule (the programme's editor): in a room, or across every room
 * (`roomId` null: a break, a plenary), from `startsAt` to `endsAt`; null takes it off the clock.
 * Whether the place makes sense (a clash, outside the days) is the editor's to show as a
 * conflict, so only that the room and session are this event's is checked here. Calendars pick
 * a move up: SEQUENCE rises.
 */
export async function placeSession(
  deps: Writing,
  actor: Actor,
  eventId: string,
  sessionId: string,
  place: { roomId: string | null; startsAt: Date; endsAt: Date } | null,
) {
  await authorizeOrganise(deps, actor, eventId)
  if (place && place.endsAt.getTime() <= place.startsAt.getTime()) throw refused('endsAt', 'endsAfterStart')
  const now = deps.now()
  await deps.db.transaction(async (tx) => {
    const event = await repo.selectEventForUpdate(tx, eventId)
    const session = event && (await repo.selectSession(tx, eventId, sessionId))
    if (!event || !session) throw new DomainError('notFoundRecord')
    if (place?.roomId && !(await repo.selectRooms(tx, eventId)).some((r) => r.id === place.roomId))
      throw refused('roomId', 'unknownRoom')
    const set = place
      ? { roomId: place.roomId, startsAt: place.startsAt, endsAt: place.endsAt }
      : { startsAt: null, endsAt: null }
    await repo.updateSession(tx, session.id, {
      ...set,
      sequence: nextSequence(session.sequence, calendarChanged(sessionCalendarFields, session, set)),
      updatedAt: now,
    })
  })
}

/**
 * Recording and slide links for many sessions at once (pasted after the event), in one
 * transaction: every link is http(s) or nothing is written, and a session not of this event is
 * not found. A link given as null leaves the session's own as it was. Links are not in calendar
 * entries, so no SEQUENCE rises.
 */
export async function setSessionLinks(
  deps: Writing,
  actor: Actor,
  eventId: string,
  links: { sessionId: string; videoUrl: string | null; slidesUrl: string | null }[],
) {
  await authorizeOrganise(deps, actor, eventId)
  for (const l of links) {
    if (l.videoUrl && !isHttpUrl(l.videoUrl)) throw refused('videoUrl', 'url')
    if (l.slidesUrl && !isHttpUrl(l.slidesUrl)) throw refused('slidesUrl', 'url')
  }
  return deps.db.transaction(async (tx) => {
    const event = await repo.selectEventForUpdate(tx, eventId)
    if (!event) throw new DomainError('notFoundRecord')
    const written = await videosRepo.updateSessionLinks(tx, eventId, links, deps.now())
    if (written !== links.length) throw new DomainError('notFoundRecord')
    return written
  })
}

export async function removeSession(deps: Writing, actor: Actor, eventId: string, sessionId: string) {
  await authorizeOrganise(deps, actor, eventId)
  const removed = await repo.deleteSession(deps.db, eventId, sessionId)
  if (!removed.length) throw new DomainError('notFoundRecord')
}

/**
 * Someone in a session, in a role its kind has (a panel's moderator and panelists): a person here,
 * named by handle, or an outsider by name. The session's calendar entry names them: SEQUENCE rises.
 */
export async function addSpeaker(
  deps: Writing,
  actor: Actor,
  eventId: string,
  sessionId: string,
  input: SpeakerInput,
) {
  await authorizeOrganise(deps, actor, eventId)
  const person = input.handle ? await findPersonByHandle(deps, input.handle) : null
  if (input.handle && !person) throw refused('handle', 'unknownHandle')
  const now = deps.now()
  await deps.db.transaction(async (tx) => {
    const session = await repo.selectSession(tx, eventId, sessionId)
    if (!session) throw new DomainError('notFoundRecord')
    if (!speakerRolesFor(session.kind as SessionKind).includes(input.role))
      throw refused('role', 'speakerRole')
    await repo.insertSpeaker(tx, {
      sessionId,
      personId: person?.id ?? null,
      nameZh: person ? null : input.nameZh,
      nameEn: person ? null : input.nameEn,
      affiliation: input.affiliation,
      role: input.role,
    })
    await repo.updateSession(tx, sessionId, { sequence: session.sequence + 1, updatedAt: now })
  })
}

export async function removeSpeaker(
  deps: Writing,
  actor: Actor,
  eventId: string,
  sessionId: string,
  speakerId: string,
) {
  await authorizeOrganise(deps, actor, eventId)
  const now = deps.now()
  await deps.db.transaction(async (tx) => {
    const session = await repo.selectSession(tx, eventId, sessionId)
    if (!session || !(await repo.deleteSpeaker(tx, sessionId, speakerId)).length)
      throw new DomainError('notFoundRecord')
    await repo.updateSession(tx, sessionId, { sequence: session.sequence + 1, updatedAt: now })
  })
}

// --- Rooms, organisers, sponsors --------------------------------------------------------------

export async function addRoom(deps: Writing, actor: Actor, eventId: string, input: RoomInput) {
  await authorizeOrganise(deps, actor, eventId)
  const position = (await repo.selectRooms(deps.db, eventId)).length
  return repo.insertRoom(deps.db, { eventId, ...input, position })
}

export async function editRoom(
  deps: Writing,
  actor: Actor,
  eventId: string,
  roomId: string,
  input: RoomInput,
) {
  await authorizeOrganise(deps, actor, eventId)
  if (!(await repo.updateRoom(deps.db, eventId, roomId, input)).length)
    throw new DomainError('notFoundRecord')
}

/** A room goes; its sessions stay in the agenda without a room. */
export async function removeRoom(deps: Writing, actor: Actor, eventId: string, roomId: string) {
  await authorizeOrganise(deps, actor, eventId)
  if (!(await repo.deleteRoom(deps.db, eventId, roomId)).length) throw new DomainError('notFoundRecord')
}

export async function addOrganiser(deps: Writing, actor: Actor, eventId: string, handle: string) {
  await authorizeOrganise(deps, actor, eventId)
  const person = await findPersonByHandle(deps, handle)
  if (!person) throw refused('handle', 'unknownHandle')
  await repo.insertOrganiser(deps.db, eventId, person.id)
}

/** An organiser leaves the list; the last one stays, so someone is always named for the event. */
export async function removeOrganiser(deps: Writing, actor: Actor, eventId: string, organiserId: string) {
  await authorizeOrganise(deps, actor, eventId)
  await deps.db.transaction(async (tx) => {
    await repo.selectEventForUpdate(tx, eventId)
    if ((await repo.countOrganisers(tx, eventId)) <= 1) throw new DomainError('notAllowedNow')
    if (!(await repo.deleteOrganiser(tx, eventId, organiserId)).length)
      throw new DomainError('notFoundRecord')
  })
}

export async function addSponsor(deps: Writing, actor: Actor, eventId: string, input: SponsorInput) {
  await authorizeOrganise(deps, actor, eventId)
  return repo.insertSponsor(deps.db, { eventId, ...input })
}

export async function removeSponsor(deps: Writing, actor: Actor, eventId: string, sponsorId: string) {
  await authorizeOrganise(deps, actor, eventId)
  if (!(await repo.deleteSponsor(deps.db, eventId, sponsorId)).length) throw new DomainError('notFoundRecord')
}

/** A sponsor's logo (2:1), shown whole, written before the transaction records it. */
export async function setSponsorLogo(
  deps: Writing,
  actor: Actor,
  eventId: string,
  sponsorId: string,
  upload: { filename: string; source: Readable | AsyncIterable<Uint8Array> },
) {
  await authorizeOrganise(deps, actor, eventId)
  if (!(await repo.selectSponsors(deps.db, eventId)).some((s) => s.id === sponsorId))
    throw new DomainError('notFoundRecord')
  const now = deps.now()
  const received = await receivePicture(deps.config.dataDir, {
    ...upload,
    widths: LOGO_WIDTHS,
    ratio: 2,
    fit: 'contain',
    now,
  })
  await deps.db.transaction(async (tx) => {
    await recordPicture(tx, received)
    await repo.updateSponsor(tx, eventId, sponsorId, { logo: received.stored })
  })
}

// --- Reading ----------------------------------------------------------------------------------

export type EventCard = repo.EventCardRow & { seatsLeft: number | null }

const withSeats = <R extends repo.EventCardRow>(r: R) => ({
  ...r,
  seatsLeft: seatsLeft(r.capacity, r.confirmed),
})

const sameCity = (a: string, b: string) => cityKey(a) === cityKey(b)

/**
 * Published, postponed and cancelled events passing `filters`: upcoming ones soonest first, past
 * ones latest first.
 */
export async function publicEvents(deps: Reading, filters: EventFilters) {
  const now = deps.now()
  const rows = (await repo.selectPublicCards(deps.db))
    .filter((e) => matchesFilters(e, filters, sameCity))
    .map(withSeats)
  return {
    upcoming: rows.filter((e) => !isPast(e, now)),
    past: rows.filter((e) => isPast(e, now)).reverse(),
  }
}

/** A chapter's next and past events (public ones). */
export async function chapterEvents(deps: Reading, chapterId: string) {
  const now = deps.now()
  const rows = (await repo.selectChapterCards(deps.db, chapterId)).map(withSeats)
  return { upcoming: rows.filter((e) => !isPast(e, now)), past: rows.filter((e) => isPast(e, now)).reverse() }
}

/**
 * Everything an event's page shows: its agenda with speakers and rooms, organisers, sponsors.
 * `placements` says where its sessions stand: as the public sees them (the latest published
 * schedule, events.placements.ts) or as they stand now (its organisers at work).
 */
async function eventParts(deps: Reading, event: repo.Event, placements: 'public' | 'current') {
  const [chapter, organisers, rooms, placed, sponsors, confirmed] = await Promise.all([
    event.chapterId ? repo.selectChapterById(deps.db, event.chapterId) : Promise.resolve(undefined),
    repo.selectOrganisers(deps.db, event.id),
    repo.selectRooms(deps.db, event.id),
    repo.selectSessions(deps.db, event.id),
    repo.selectSponsors(deps.db, event.id),
    repo.selectConfirmed(deps.db, event.id),
  ])
  const sessions = placements === 'public' ? await publicSessions(deps, event.id, placed) : placed
  const speakers = await repo.selectSpeakers(
    deps.db,
    sessions.map((s) => s.id),
  )
  const episodeIds = sessions.flatMap((s) => (s.episodeId ? [s.episodeId] : []))
  const episodes = episodeIds.length ? await episodeLinks(deps, episodeIds) : []
  return {
    event,
    chapter: chapter ?? null,
    organisers,
    rooms,
    sessions: sessions.map((s) => ({
      ...s,
      speakers: speakers.filter((sp) => sp.speaker.sessionId === s.id),
      room: rooms.find((r) => r.id === s.roomId) ?? null,
      episode: episodes.find((e) => e.id === s.episodeId) ?? null,
    })),
    sponsors,
    confirmed,
    seatsLeft: seatsLeft(event.capacity, confirmed),
  }
}
export type EventParts = Awaited<ReturnType<typeof eventParts>>

/**
 * An event's page by its address. A draft is for those who may organise it (they preview it);
 * to anyone else it does not exist.
 */
export async function eventPage(deps: Reading, viewer: Actor, slug: string) {
  const event = await repo.selectEventBySlug(deps.db, slug)
  if (!event) throw new DomainError('notFoundRecord')
  const organiser = await mayOrganise(deps, viewer, event.id)
  if (!isPublic(event.status as EventStatus) && !organiser) throw new DomainError('notFoundRecord')
  return { ...(await eventParts(deps, event, 'public')), mayOrganise: organiser }
}

/** An event as its organisers run it. */
export async function eventToOrganise(deps: Reading, actor: Actor, eventId: string) {
  await authorizeOrganise(deps, actor, eventId)
  const event = await repo.selectEventById(deps.db, eventId)
  if (!event) throw new DomainError('notFoundRecord')
  return eventParts(deps, event, 'current')
}

/** The events the actor may organise, latest first. */
export async function eventsToOrganise(deps: Pick<Deps, 'db'>, actor: Actor) {
  if (!actor) return []
  const rows = await repo.selectEventsWithAccessFacts(deps.db)
  const seats = (await seatsOfPerson(deps, actor.personId)).filter((s) => s.endedAt === null)
  return rows
    .filter((r) =>
      can(actor, {
        action: 'event.organise',
        isOrganiser: r.organiserIds.includes(actor.personId),
        onChapterTeam: !!r.chapterId && seats.some((s) => s.chapter.id === r.chapterId),
        sigId: r.sigId,
      }),
    )
    .map(withSeats)
}

/** Episodes a live recording can name (for the session form). */
export const episodesToLink = (deps: Reading) => episodeLinks(deps)
