// The schedule editor's use cases: what the editor shows (the sessions, where they are, the
// conflicts as they stand and which an organiser accepted, what changed since the last published
// version), placing a session from the plain form or a drop, breaks and plenaries across every
// room, accepting a conflict, and publishing a version: numbered, with its change log, the moved
// sessions' speakers told by mail and subscribers by the `schedule.published` webhook, all in the
// transaction that writes the version. Authorised through events (`event.organise`).
import { isUniqueViolation } from '../../platform/db/errors.ts'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import { type Locale, messagesFor } from '../../platform/i18n/index.ts'
import { enqueueMails, type Letter, senderOf } from '../../platform/mail/mail.ts'
import { textIn } from '../../platform/views/localized.tsx'
import { type Actor, authorize } from '../access/index.ts'
import {
  addSession,
  eventPage,
  eventToOrganise,
  isPublic,
  placeSession as placeEventSession,
} from '../events/index.ts'
import { peopleToTell } from '../people/index.ts'
import { publishEvent } from '../webhooks/index.ts'
import { type Conflict, findConflicts, liveAcceptances, openConflicts } from './programme.conflicts.rules.ts'
import {
  asPublished,
  type EditorSession,
  eventDays,
  movesFor,
  type PlacementFields,
  type PlacementRefusal,
  placedSessions,
  readPlacement,
  snapshotOf,
  storedLog,
} from './programme.editor.rules.ts'
import * as repo from './programme.schedule.repo.ts'
import type { SnapshotSession, StoredChangeLog } from './programme.schedule.schema.ts'
import { changeLog, compareVersions, hasChanges, nextVersion } from './programme.versions.rules.ts'

type Reading = Pick<Deps, 'db' | 'now'>
type Writing = Pick<Deps, 'db' | 'now' | 'config' | 'communityNames'>

export type ScheduleRefusal =
  | PlacementRefusal
  | 'missingTitle'
  | 'unknownConflict'
  | 'openConflicts'
  | 'noChanges'
  | 'publishedMeanwhile'

export type Outcome<T = null> = { ok: true; value: T } | { ok: false; refusal: ScheduleRefusal }

const refuse = (refusal: ScheduleRefusal) => ({ ok: false, refusal }) as const

type Parts = Awaited<ReturnType<typeof eventToOrganise>>

/** The sessions as the editor and the rules read them: each with the people on stage. */
export const editorSessions = (
  parts: Pick<Parts, 'sessions'>,
): (EditorSession & Parts['sessions'][number])[] =>
  parts.sessions.map((s) => ({
    ...s,
    people: s.speakers.flatMap((sp) => (sp.person ? [sp.person.id] : [])),
  }))

const conflictsOf = (parts: Parts, sessions: EditorSession[]) =>
  findConflicts(placedSessions(sessions, parts.rooms.length > 0), {
    timeZone: parts.event.timeZone,
    startsAt: parts.event.startsAt,
    endsAt: parts.event.endsAt,
    rooms: parts.rooms.map((r) => ({ id: r.id, hours: null })),
  })

/** What the editor shows: sessions, conflicts (each marked accepted or not), versions, unpublished changes. */
export async function scheduleEditor(deps: Reading, actor: Actor, eventId: string) {
  const parts = await eventToOrganise(deps, actor, eventId)
  const sessions = editorSessions(parts)
  const [acceptances, versions] = await Promise.all([
    repo.selectAcceptances(deps.db, eventId),
    repo.selectVersions(deps.db, eventId),
  ])
  const conflicts = conflictsOf(parts, sessions)
  const open = new Set(
    openConflicts(
      conflicts,
      acceptances.map((a) => ({ key: a.key, acceptedBy: a.acceptedBy ?? '', at: a.acceptedAt })),
    ).map((c) => c.key),
  )
  const latest = versions[0] ?? null
  const snapshot = snapshotOf(sessions)
  const pending = storedLog(
    changeLog(asPublished(latest?.snapshot ?? []), asPublished(snapshot)),
    snapshot,
    latest?.snapshot ?? [],
  )
  return {
    ...parts,
    editorSessions: sessions,
    days: eventDays(parts.event),
    conflicts: conflicts.map((c) => ({ ...c, accepted: !open.has(c.key) })),
    openCount: open.size,
    versions,
    latest,
    pending,
    pendingCount:
      pending.added.length + pending.removed.length + pending.cancelled.length + pending.moved.length,
  }
}

export type ScheduleEditor = Awaited<ReturnType<typeof scheduleEditor>>
export type EditorConflict = Conflict & { accepted: boolean }

/** Puts a session where the plain form (or a drop) says; a clash is allowed and shows as a conflict. */
export async function placeFromForm(
  deps: Writing,
  actor: Actor,
  eventId: string,
  fields: PlacementFields,
): Promise<Outcome> {
  const parts = await eventToOrganise(deps, actor, eventId)
  const read = readPlacement(fields, {
    sessionIds: parts.sessions.map((s) => s.id),
    roomIds: parts.rooms.map((r) => r.id),
    days: eventDays(parts.event),
    timeZone: parts.event.timeZone,
  })
  if (!read.ok) return read
  const { sessionId, ...place } = read.placement
  await placeEventSession(deps, actor, eventId, sessionId, place)
  return { ok: true, value: null }
}

/** Takes a session off the clock (it stays in the event, waiting to be placed again). */
export async function unplace(
  deps: Writing,
  actor: Actor,
  eventId: string,
  sessionId: string,
): Promise<Outcome> {
  const parts = await eventToOrganise(deps, actor, eventId)
  if (!parts.sessions.some((s) => s.id === sessionId)) return refuse('unknownSession')
  await placeEventSession(deps, actor, eventId, sessionId, null)
  return { ok: true, value: null }
}

/** A break (coffee, lunch) across every room, at a day and times of the event. */
export async function addBreak(
  deps: Writing,
  actor: Actor,
  eventId: string,
  fields: PlacementFields & { titleZh?: string; titleEn?: string },
): Promise<Outcome> {
  const parts = await eventToOrganise(deps, actor, eventId)
  const titleZh = fields.titleZh?.trim() || null
  const titleEn = fields.titleEn?.trim() || null
  if (!titleZh && !titleEn) return refuse('missingTitle')
  const read = readPlacement(
    { ...fields, session: 'new', room: 'all' },
    {
      sessionIds: ['new'],
      roomIds: parts.rooms.map((r) => r.id),
      days: eventDays(parts.event),
      timeZone: parts.event.timeZone,
    },
  )
  if (!read.ok) return read
  await addSession(deps, actor, eventId, {
    kind: 'break',
    titleZh,
    titleEn,
    abstractZh: null,
    abstractEn: null,
    language: null,
    roomId: null,
    startsAt: read.placement.startsAt,
    endsAt: read.placement.endsAt,
    episodeId: null,
    videoUrl: null,
    slidesUrl: null,
  } as Parameters<typeof addSession>[3])
  return { ok: true, value: null }
}

/** An organiser's word that a present conflict may stand; acceptances of conflicts gone are dropped. */
export async function acceptConflict(
  deps: Writing,
  actor: Actor,
  eventId: string,
  key: string,
): Promise<Outcome> {
  const parts = await eventToOrganise(deps, actor, eventId)
  const conflicts = conflictsOf(parts, editorSessions(parts))
  if (!conflicts.some((c) => c.key === key)) return refuse('unknownConflict')
  const acceptances = await repo.selectAcceptances(deps.db, eventId)
  const live = new Set(
    liveAcceptances(
      conflicts,
      acceptances.map((a) => ({ key: a.key, acceptedBy: a.acceptedBy ?? '', at: a.acceptedAt })),
    ).map((a) => a.key),
  )
  await deps.db.transaction(async (tx) => {
    await repo.deleteAcceptances(
      tx,
      eventId,
      acceptances.filter((a) => !live.has(a.key)).map((a) => a.key),
    )
    await repo.insertAcceptance(tx, { eventId, key, acceptedBy: actor!.personId, acceptedAt: deps.now() })
  })
  return { ok: true, value: null }
}

const intl = (locale: Locale) => (locale === 'zh' ? 'zh-CN' : 'en-GB')

/** The mail telling one speaker how their sessions moved, in their language. */
function letterAbout(
  person: { email: string; locale: string },
  moves: ReturnType<typeof movesFor>,
  ctx: {
    event: Parts['event']
    rooms: Parts['rooms']
    version: string
    baseUrl: string
  },
): Letter {
  const locale: Locale = person.locale === 'en' ? 'en' : 'zh'
  const t = messagesFor(locale).programmeSchedule.mail
  const when = new Intl.DateTimeFormat(intl(locale), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: ctx.event.timeZone,
  })
  const clock = new Intl.DateTimeFormat(intl(locale), {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: ctx.event.timeZone,
  })
  const room = (id: string | null) => {
    const r = ctx.rooms.find((x) => x.id === id)
    return r ? textIn(locale, r.nameZh, r.nameEn) : t.allRooms
  }
  const place = (p: { roomId: string | null; startsAt: string; endsAt: string }) =>
    `${when.format(new Date(p.startsAt))}–${clock.format(new Date(p.endsAt))}, ${room(p.roomId)}`
  const eventTitle = textIn(locale, ctx.event.titleZh, ctx.event.titleEn)
  const lines = [
    t.greeting,
    '',
    t.lead(eventTitle, ctx.version),
    '',
    ...moves.moved.flatMap((m) => [
      `• ${textIn(locale, m.titleZh, m.titleEn)}`,
      `  ${t.was} ${place(m.before)}`,
      `  ${t.now} ${place(m.after)}`,
    ]),
    ...moves.removed.map((s) => `• ${textIn(locale, s.titleZh, s.titleEn)}: ${t.removed}`),
    '',
    t.zone(ctx.event.timeZone),
    `${ctx.baseUrl}/${locale}/events/${ctx.event.slug}/schedule`,
  ]
  return { to: person.email, locale, subject: t.subject(eventTitle, ctx.version), text: lines.join('\n') }
}

/**
 * Publishes the schedule as it stands as the next version: refused while a conflict nobody
 * accepted is open, or when nothing changed since the last version. In one transaction: the
 * version, a mail to each speaker of a moved or removed session (one each, all their sessions in
 * it), and the webhook. Two organisers publishing at once: the second is told it was published.
 */
export async function publishSchedule(
  deps: Writing,
  actor: Actor,
  eventId: string,
  options: { final?: boolean } = {},
): Promise<Outcome<{ version: string; log: StoredChangeLog }>> {
  const editor = await scheduleEditor(deps, actor, eventId)
  if (editor.openCount > 0) return refuse('openConflicts')
  const before: SnapshotSession[] = editor.latest?.snapshot ?? []
  const snapshot = snapshotOf(editor.editorSessions)
  const log = changeLog(asPublished(before), asPublished(snapshot))
  if (editor.latest && !hasChanges(log)) return refuse('noChanges')
  const next = nextVersion(editor.latest?.version ?? null, options)
  if (!next.ok) return refuse('publishedMeanwhile')
  const stored = storedLog(log, snapshot, before)
  const contacts = (await peopleToTell(deps, log.tell)).filter((p) => p.email)
  const now = deps.now()
  const letters = contacts.flatMap((p) => {
    const moves = movesFor(p.id, stored, snapshot, before)
    if (!moves.moved.length && !moves.removed.length) return []
    return [
      letterAbout({ email: p.email!, locale: p.locale }, moves, {
        event: editor.event,
        rooms: editor.rooms,
        version: next.version,
        baseUrl: deps.config.baseUrl,
      }),
    ]
  })
  try {
    const sender = await senderOf(deps, deps.db)
    await deps.db.transaction(async (tx) => {
      await repo.insertVersion(tx, {
        eventId,
        version: next.version,
        publishedAt: now,
        publishedBy: actor!.personId,
        changeLog: stored,
        snapshot,
      })
      await enqueueMails(tx, letters, sender)
      await publishEvent(
        tx,
        'schedule.published',
        {
          event: { id: editor.event.id, slug: editor.event.slug },
          version: next.version,
          previousVersion: editor.latest?.version ?? null,
          sessions: snapshot.length,
          changes: {
            added: stored.added.map((s) => s.guid),
            removed: stored.removed.map((s) => s.guid),
            moved: stored.moved.map((m) => ({ guid: m.guid, before: m.before, after: m.after })),
          },
          url: `${deps.config.baseUrl}/en/events/${editor.event.slug}/schedule`,
        },
        now,
      )
    })
  } catch (e) {
    if (isUniqueViolation(e)) return refuse('publishedMeanwhile')
    throw e
  }
  return { ok: true, value: { version: next.version, log: stored } }
}

// --- Reading versions -------------------------------------------------------------------------

/** A schedule's versions, for whoever may read its event (everyone once published). */
export async function scheduleVersionsOf(deps: Reading, viewer: Actor, slug: string) {
  const parts = await eventPage(deps, viewer, slug)
  const versions = await repo.selectVersions(deps.db, parts.event.id)
  return { parts, versions: versions.sort((a, b) => compareVersions(b.version, a.version)) }
}

export async function scheduleVersionOf(deps: Reading, viewer: Actor, slug: string, version: string) {
  const parts = await eventPage(deps, viewer, slug)
  const row = await repo.selectVersion(deps.db, parts.event.id, version)
  if (!row) throw new DomainError('notFoundRecord')
  return { parts, version: row }
}

/** The number of an event's latest published version, or null before the first. */
export const latestVersionNumber = async (deps: Pick<Deps, 'db'>, eventId: string) =>
  (await repo.selectLatestVersionNumber(deps.db, eventId))?.version ?? null

// --- My schedule ------------------------------------------------------------------------------

/** Stars a session for the actor's agenda: a session of an event the public can see, not a break. */
export async function star(deps: Reading, actor: Actor, sessionId: string, on: boolean) {
  authorize(actor, { action: 'account.manage-own' })
  const row = await repo.selectSessionEvent(deps.db, sessionId)
  if (!row || row.kind === 'break' || !isPublic(row.status)) throw new DomainError('notFoundRecord')
  if (on) await repo.insertStar(deps.db, actor.personId, sessionId, deps.now())
  else await repo.deleteStar(deps.db, actor.personId, sessionId)
  return row
}

/** Which of these sessions the viewer starred (none for a visitor). */
export const starredAmong = async (deps: Pick<Deps, 'db'>, viewer: Actor, sessionIds: string[]) =>
  viewer ? repo.selectStarredAmong(deps.db, viewer.personId, sessionIds) : new Set<string>()

/** The actor's agenda: their starred sessions, event by event (only events the public can see). */
export async function myAgenda(deps: Reading, actor: Actor) {
  authorize(actor, { action: 'account.manage-own' })
  const refs = await repo.selectStarredRefs(deps.db, actor.personId)
  const slugs = [...new Set(refs.map((r) => r.slug))]
  const events = []
  for (const slug of slugs) {
    const parts = await eventPage(deps, null, slug).catch(() => null)
    if (!parts) continue
    const ids = new Set(refs.filter((r) => r.slug === slug).map((r) => r.sessionId))
    events.push({ parts, sessions: parts.sessions.filter((s) => ids.has(s.id)) })
  }
  events.sort((a, b) => a.parts.event.startsAt.getTime() - b.parts.event.startsAt.getTime())
  return events
}

/** What the agenda feed lists for a person (its owner is found by the feed's secret). */
export const starredRefs = (deps: Pick<Deps, 'db'>, personId: string) =>
  repo.selectStarredRefs(deps.db, personId)

/** An event's tracks (for the public schedule's filter). */
export const tracksOf = (deps: Pick<Deps, 'db'>, eventId: string) => repo.selectTracks(deps.db, eventId)
