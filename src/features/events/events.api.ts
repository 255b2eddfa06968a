// The events API: events and their sessions, read by anyone (drafts by their organisers), created
// and changed by the people who may organise them through the same service and the same input
// schemas as the console's forms. Times go out in the event's zone with its offset; they come in
// as the forms take them (wall-clock times in the event's zone) or with an offset, converted here.
// Registrations have their own routes (the registrations' API) under the same /events prefix.
import { createRoute, z } from '@hono/zod-openapi'
import type { Deps } from '../../platform/deps.ts'
import { DomainError, InvalidInput } from '../../platform/errors.ts'
import {
  authorizeFirst,
  createApi,
  iso,
  jsonBody,
  jsonResponse,
  problems,
  writeProblems,
} from '../../platform/http/api.ts'
import { isUuid } from '../../platform/http/edge-input.ts'
import { zonedIsoString } from '../../platform/i18n/time-zone.ts'
import { pictureOf } from '../../platform/media/pictures.ts'
import { displayName, isListed } from '../people/index.ts'
import { eventCalendarPath, eventPath, sessionCalendarPath } from './events.feeds.rules.ts'
import { eventEditInput, eventInput, sessionInput, speakerInput } from './events.inputs.ts'
import { selectEventBySlug } from './events.repo.ts'
import {
  attendanceModes,
  eventKinds,
  eventStatuses,
  ianaZone,
  type StatusAction,
  sessionKinds,
  sessionLanguages,
  speakerRoles,
  wallClockOf,
} from './events.rules.ts'
import * as events from './events.service.ts'

// --- Outputs ----------------------------------------------------------------------------------

const when = (description: string) =>
  z.string().openapi({
    description: `${description}, in the event's zone with its offset`,
    example: '2027-03-28T10:00:00+02:00',
  })

const speakerOutput = z
  .object({
    id: z.uuid(),
    role: z.enum(speakerRoles),
    /** A person here who is listed on the site; null for an outsider or a person not listed. */
    handle: z.string().nullable(),
    name: z.string(),
    nameZh: z.string().nullable(),
    nameEn: z.string().nullable(),
    affiliation: z.string().nullable(),
  })
  .openapi('SessionSpeaker')

const sessionOutput = z
  .object({
    id: z.uuid(),
    guid: z.uuid().openapi({ description: 'Never changes when the session moves (schedule exports)' }),
    kind: z.enum(sessionKinds),
    titleZh: z.string().nullable(),
    titleEn: z.string().nullable(),
    abstractZh: z.string().nullable(),
    abstractEn: z.string().nullable(),
    language: z.string().nullable(),
    room: z.object({ id: z.uuid(), nameZh: z.string().nullable(), nameEn: z.string().nullable() }).nullable(),
    startsAt: when('Start').nullable(),
    endsAt: when('End').nullable(),
    videoUrl: z.string().nullable(),
    slidesUrl: z.string().nullable(),
    episodeId: z.uuid().nullable(),
    sequence: z.number().int().openapi({ description: 'iCalendar SEQUENCE of its calendar entry' }),
    calendarUrl: z.string().nullable().openapi({ description: 'Its .ics (English); null without times' }),
    speakers: z.array(speakerOutput),
  })
  .openapi('EventSession')

const eventFields = {
  id: z.uuid(),
  slug: z.string(),
  kind: z.enum(eventKinds),
  mode: z.enum(attendanceModes),
  status: z.enum(eventStatuses),
  chapter: z.string().nullable().openapi({ description: 'The holding chapter’s slug' }),
  titleZh: z.string().nullable(),
  titleEn: z.string().nullable(),
  summaryZh: z.string().nullable(),
  summaryEn: z.string().nullable(),
  timeZone: z.string().openapi({ example: 'Asia/Shanghai' }),
  startsAt: when('Start'),
  endsAt: when('End'),
  venueZh: z.string().nullable(),
  venueEn: z.string().nullable(),
  address: z.string().nullable(),
  capacity: z.number().int().nullable().openapi({ description: 'Places; null: no limit' }),
  confirmed: z.number().int().openapi({ description: 'Places taken' }),
  placesLeft: z.number().int().nullable(),
  cover: z.string().nullable().openapi({ description: 'The cover picture (JPEG, 1600 px wide at most)' }),
  urls: z.object({ zh: z.string(), en: z.string() }),
  calendarUrl: z.string().openapi({ description: 'Its .ics (English; /zh/… for Chinese)' }),
}

const eventSummaryOutput = z.object(eventFields).openapi('EventSummary')

const eventOutput = z
  .object({
    ...eventFields,
    descriptionZh: z.string().nullable(),
    descriptionEn: z.string().nullable(),
    country: z.string().nullable(),
    mapUrl: z.string().nullable(),
    accessibilityZh: z.string().nullable(),
    accessibilityEn: z.string().nullable(),
    onlineUrl: z.string().nullable().openapi({
      description: 'The call or stream: only for its organisers here (attendees find it on their ticket)',
    }),
    requiresApproval: z.boolean(),
    registrationOpensAt: when('Registration opens').nullable(),
    registrationClosesAt: when('Registration closes').nullable(),
    sequence: z
      .number()
      .int()
      .openapi({ description: 'iCalendar SEQUENCE: raised on every change calendars show' }),
    publishedAt: z.string().nullable(),
    organisers: z.array(z.object({ handle: z.string().nullable(), name: z.string() })),
    sponsors: z.array(
      z.object({ nameZh: z.string().nullable(), nameEn: z.string().nullable(), url: z.string().nullable() }),
    ),
    rooms: z.array(
      z.object({
        id: z.uuid(),
        nameZh: z.string().nullable(),
        nameEn: z.string().nullable(),
        capacity: z.number().int().nullable(),
      }),
    ),
    sessions: z.array(sessionOutput),
  })
  .openapi('Event')

type Parts = Awaited<ReturnType<typeof events.eventPage>>
type Card = events.EventCard

const coverUrl = (baseUrl: string, cover: Card['cover']) => {
  if (!cover) return null
  const largest = pictureOf(cover, 1600).fallback.toSorted((a, b) => b.width - a.width)[0]
  return largest ? `${baseUrl}${largest.url}` : null
}

function summaryOut(deps: Deps, e: Card) {
  return {
    id: e.id,
    slug: e.slug,
    kind: e.kind,
    mode: e.mode,
    status: e.status,
    chapter: e.chapter?.slug ?? null,
    titleZh: e.titleZh,
    titleEn: e.titleEn,
    summaryZh: e.summaryZh,
    summaryEn: e.summaryEn,
    timeZone: e.timeZone,
    startsAt: zonedIsoString(e.startsAt, e.timeZone),
    endsAt: zonedIsoString(e.endsAt, e.timeZone),
    venueZh: e.venueZh,
    venueEn: e.venueEn,
    address: e.address,
    capacity: e.capacity,
    confirmed: e.confirmed,
    placesLeft: e.seatsLeft,
    cover: coverUrl(deps.config.baseUrl, e.cover),
    urls: {
      zh: `${deps.config.baseUrl}${eventPath('zh', e.slug)}`,
      en: `${deps.config.baseUrl}${eventPath('en', e.slug)}`,
    },
    calendarUrl: `${deps.config.baseUrl}${eventCalendarPath('en', e.slug)}`,
  }
}

type Person = {
  handle: string
  nameZh: string | null
  nameEn: string | null
  profilePublic: boolean
  publiclyCredited: boolean
}
/** A person as the API names them: by handle only when they are listed (privacy of new accounts). */
const personOut = (p: Person) => ({ handle: isListed(p) ? p.handle : null, name: displayName(p, 'en') })

function sessionOut(deps: Deps, slug: string, timeZone: string, s: Parts['sessions'][number]) {
  const at = (d: Date | null) => (d ? zonedIsoString(d, timeZone) : null)
  return {
    id: s.id,
    guid: s.guid,
    kind: s.kind,
    titleZh: s.titleZh,
    titleEn: s.titleEn,
    abstractZh: s.abstractZh,
    abstractEn: s.abstractEn,
    language: s.language,
    room: s.room ? { id: s.room.id, nameZh: s.room.nameZh, nameEn: s.room.nameEn } : null,
    startsAt: at(s.startsAt),
    endsAt: at(s.endsAt),
    videoUrl: s.videoUrl,
    slidesUrl: s.slidesUrl,
    episodeId: s.episodeId,
    sequence: s.sequence,
    calendarUrl:
      s.startsAt && s.endsAt ? `${deps.config.baseUrl}${sessionCalendarPath('en', slug, s.id)}` : null,
    speakers: s.speakers.map(({ speaker, person }) => ({
      id: speaker.id,
      role: speaker.role,
      ...(person
        ? { ...personOut(person), nameZh: person.nameZh, nameEn: person.nameEn }
        : {
            handle: null,
            name: speaker.nameEn ?? speaker.nameZh ?? '',
            nameZh: speaker.nameZh,
            nameEn: speaker.nameEn,
          }),
      affiliation: speaker.affiliation,
    })),
  }
}

function eventOut(deps: Deps, parts: Parts) {
  const { event, chapter } = parts
  const at = (d: Date | null) => (d ? zonedIsoString(d, event.timeZone) : null)
  return {
    ...summaryOut(deps, {
      ...event,
      confirmed: parts.confirmed,
      seatsLeft: parts.seatsLeft,
      sessionLanguages: [],
      chapter: chapter ? { slug: chapter.slug, cityZh: chapter.cityZh, cityEn: chapter.cityEn } : null,
    }),
    descriptionZh: event.descriptionZh,
    descriptionEn: event.descriptionEn,
    country: event.country,
    mapUrl: event.mapUrl,
    accessibilityZh: event.accessibilityZh,
    accessibilityEn: event.accessibilityEn,
    onlineUrl: parts.mayOrganise ? event.onlineUrl : null,
    requiresApproval: event.requiresApproval,
    registrationOpensAt: at(event.registrationOpensAt),
    registrationClosesAt: at(event.registrationClosesAt),
    sequence: event.sequence,
    publishedAt: iso(event.publishedAt),
    organisers: parts.organisers.map((o) => personOut(o.person)),
    sponsors: parts.sponsors.map((s) => ({ nameZh: s.nameZh, nameEn: s.nameEn, url: s.url })),
    rooms: parts.rooms.map((r) => ({ id: r.id, nameZh: r.nameZh, nameEn: r.nameEn, capacity: r.capacity })),
    sessions: parts.sessions.map((s) => sessionOut(deps, event.slug, event.timeZone, s)),
  }
}

// --- Inputs -----------------------------------------------------------------------------------

/** Bodies are checked by the same schemas as the console's forms. */
const parsed = <S extends z.ZodType>(schema: S, value: unknown): z.output<S> => {
  const result = schema.safeParse(value)
  if (!result.success) throw new InvalidInput(result.error.issues)
  return result.data
}

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

/**
 * Times sent with an offset (`2027-03-28T10:00:00+02:00`, `…Z`) become the wall-clock times the
 * forms take, in `zone`; wall-clock times pass as they are. Without a valid zone nothing is
 * converted, and the schema says what is wrong.
 */
function wallClockTimes(body: Record<string, unknown>, fields: readonly string[], zone: unknown) {
  const tz = typeof zone === 'string' ? ianaZone(zone) : null
  if (!tz) return body
  const out = { ...body }
  for (const f of fields) {
    const v = out[f]
    if (typeof v === 'string' && WITH_OFFSET.test(v.trim()) && !Number.isNaN(Date.parse(v)))
      out[f] = wallClockOf(new Date(v), tz)
  }
  return out
}
const eventTimes = ['startsAt', 'endsAt', 'registrationOpensAt', 'registrationClosesAt'] as const
const sessionTimes = ['startsAt', 'endsAt'] as const

/** The console form's values for an event as it is: a PATCH changes only what it names. */
function eventFormValues(parts: Parts): Record<string, unknown> {
  const e = parts.event
  const wall = (d: Date | null) => (d ? wallClockOf(d, e.timeZone) : '')
  return {
    kind: e.kind,
    chapter: parts.chapter?.slug ?? '',
    mode: e.mode,
    titleZh: e.titleZh,
    titleEn: e.titleEn,
    slug: e.slug,
    summaryZh: e.summaryZh,
    summaryEn: e.summaryEn,
    descriptionZh: e.descriptionZh,
    descriptionEn: e.descriptionEn,
    timeZone: e.timeZone,
    startsAt: wall(e.startsAt),
    endsAt: wall(e.endsAt),
    venueZh: e.venueZh,
    venueEn: e.venueEn,
    address: e.address,
    country: e.country ?? '',
    mapUrl: e.mapUrl ?? '',
    accessibilityZh: e.accessibilityZh,
    accessibilityEn: e.accessibilityEn,
    onlineUrl: e.onlineUrl ?? '',
    registrationOpensAt: wall(e.registrationOpensAt),
    registrationClosesAt: wall(e.registrationClosesAt),
  }
}

function sessionFormValues(s: Parts['sessions'][number], timeZone: string): Record<string, unknown> {
  const wall = (d: Date | null) => (d ? wallClockOf(d, timeZone) : '')
  return {
    kind: s.kind,
    titleZh: s.titleZh,
    titleEn: s.titleEn,
    abstractZh: s.abstractZh,
    abstractEn: s.abstractEn,
    language: s.language ?? '',
    roomId: s.roomId ?? '',
    startsAt: wall(s.startsAt),
    endsAt: wall(s.endsAt),
    episodeId: s.episodeId ?? '',
    videoUrl: s.videoUrl ?? '',
    slidesUrl: s.slidesUrl ?? '',
  }
}

// --- Routes -----------------------------------------------------------------------------------

const slugParam = z
  .string()
  .min(1)
  .max(80)
  .openapi({ param: { name: 'slug', in: 'path' } })
const idParam = (name: string) => z.uuid().openapi({ param: { name, in: 'path' } })
const anyBody = (name: string) => jsonBody(z.record(z.string(), z.unknown()).openapi(name))

export function eventsApi(deps: Deps) {
  const api = createApi()

  /**
   * The event a write names, for someone who may organise it: a draft others may not see is a 404
   * (its address says nothing), a public event they may not change a 403.
   */
  async function toOrganise(viewer: Parameters<typeof events.mayOrganise>[1], slug: string) {
    const event = await selectEventBySlug(deps.db, slug)
    if (!event) throw new DomainError('notFoundRecord')
    if (!viewer) throw new DomainError('unauthenticated')
    if (!(await events.mayOrganise(deps, viewer, event.id))) {
      if (event.status === 'draft') throw new DomainError('notFoundRecord')
      throw new DomainError('forbidden')
    }
    return event
  }
  const organisers = authorizeFirst((c) => toOrganise(c.var.viewer, c.req.param('slug') ?? ''))
  const creators = authorizeFirst(async (c) => {
    if (!c.var.viewer) throw new DomainError('unauthenticated')
    if (!(await events.mayCreateEvents(deps, c.var.viewer))) throw new DomainError('forbidden')
  })
  const page = async (viewer: Parameters<typeof events.eventPage>[1], slug: string) =>
    events.eventPage(deps, viewer, slug)
  const sessionOf = (parts: Parts, id: string) => {
    const session = isUuid(id) ? parts.sessions.find((s) => s.id === id) : undefined
    if (!session) throw new DomainError('notFoundRecord')
    return session
  }

  api.openapi(
    createRoute({
      method: 'get',
      path: '/events',
      tags: ['Events'],
      summary:
        'Public events passing the filters (those of the events page): upcoming ones soonest first, or with `when=past` past ones latest first',
      request: {
        query: z.object({
          chapter: z.string().trim().max(100).optional().openapi({ description: 'A chapter’s slug' }),
          city: z.string().trim().max(60).optional().openapi({ description: 'In Chinese or English' }),
          kind: z.enum(eventKinds).optional(),
          language: z.enum(sessionLanguages).optional(),
          mode: z.enum(['offline', 'online']).optional().openapi({
            description: '`offline`: one can be there in person (hybrid too); `online`: from anywhere',
          }),
          when: z.enum(['upcoming', 'past']).optional(),
        }),
      },
      responses: { 200: jsonResponse('The events', z.array(eventSummaryOutput)), 422: problems[422] },
    }),
    async (c) => {
      const { when: which, ...filters } = c.req.valid('query')
      const listed = await events.publicEvents(deps, filters)
      return c.json(
        (which === 'past' ? listed.past : listed.upcoming).map((e) => summaryOut(deps, e)),
        200,
      )
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/events/{slug}',
      tags: ['Events'],
      summary: 'An event with its agenda, rooms, organisers and sponsors (a draft: for its organisers)',
      request: { params: z.object({ slug: slugParam }) },
      responses: { 200: jsonResponse('The event', eventOutput), 404: problems[404] },
    }),
    async (c) => c.json(eventOut(deps, await page(c.var.viewer, c.req.valid('param').slug)), 200),
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/events',
      tags: ['Events'],
      summary:
        'Announce an event as a draft (chapter teams for their chapter’s meetups, SIG members): the console form’s fields as JSON',
      security: [{ bearerAuth: [] }],
      middleware: [creators],
      request: { body: anyBody('EventInput') },
      responses: { 201: jsonResponse('The event', eventOutput), ...writeProblems },
    }),
    async (c) => {
      const body = c.req.valid('json')
      const input = parsed(eventInput, wallClockTimes(body, eventTimes, body.timeZone))
      const event = await events.createEvent(deps, c.var.viewer, input)
      return c.json(eventOut(deps, await page(c.var.viewer, event.slug)), 201)
    },
  )

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/events/{slug}',
      tags: ['Events'],
      summary:
        'Change an event (its organisers). Fields left out keep their values; the slug changes only while it is a draft; a change calendars show raises `sequence`',
      security: [{ bearerAuth: [] }],
      middleware: [organisers],
      request: { params: z.object({ slug: slugParam }), body: anyBody('EventPatch') },
      responses: { 200: jsonResponse('The event', eventOutput), ...writeProblems },
    }),
    async (c) => {
      const parts = await page(c.var.viewer, c.req.valid('param').slug)
      const merged = { ...eventFormValues(parts), ...c.req.valid('json') }
      const input = parsed(eventEditInput, wallClockTimes(merged, eventTimes, merged.timeZone))
      const changed = await events.editEvent(deps, c.var.viewer, parts.event.id, input)
      return c.json(eventOut(deps, await page(c.var.viewer, changed.slug)), 200)
    },
  )

  const moves: [StatusAction, string][] = [
    [
      'publish',
      'Publish a draft, or a postponed event again with its new dates (its organisers); subscribed systems hear `event.published`',
    ],
    [
      'postpone',
      'Postpone a published event (its organisers): its page and calendars say so until it is published again',
    ],
    [
      'cancel',
      'Cancel an event (its organisers): its page stays and says so; calendars mark it cancelled. It cannot be undone',
    ],
  ]
  for (const [action, summary] of moves)
    api.openapi(
      createRoute({
        method: 'post',
        path: `/events/{slug}/${action}`,
        tags: ['Events'],
        summary: `${summary}. A move the event cannot make answers 409`,
        security: [{ bearerAuth: [] }],
        middleware: [organisers],
        request: { params: z.object({ slug: slugParam }) },
        responses: { 200: jsonResponse('The event', eventOutput), ...writeProblems },
      }),
      async (c) => {
        const { slug } = c.req.valid('param')
        const parts = await page(c.var.viewer, slug)
        await events.changeStatus(deps, c.var.viewer, parts.event.id, action)
        return c.json(eventOut(deps, await page(c.var.viewer, slug)), 200)
      },
    )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/events/{slug}/sessions',
      tags: ['Events'],
      summary: 'An event’s agenda, in time order (sessions without times last)',
      request: { params: z.object({ slug: slugParam }) },
      responses: { 200: jsonResponse('The sessions', z.array(sessionOutput)), 404: problems[404] },
    }),
    async (c) => {
      const parts = await page(c.var.viewer, c.req.valid('param').slug)
      return c.json(
        parts.sessions.map((s) => sessionOut(deps, parts.event.slug, parts.event.timeZone, s)),
        200,
      )
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/events/{slug}/sessions',
      tags: ['Events'],
      summary:
        'Add a session to the agenda (its organisers); times within the event’s, in its zone or with an offset',
      security: [{ bearerAuth: [] }],
      middleware: [organisers],
      request: { params: z.object({ slug: slugParam }), body: anyBody('SessionInput') },
      responses: { 201: jsonResponse('The session', sessionOutput), ...writeProblems },
    }),
    async (c) => {
      const { slug } = c.req.valid('param')
      const { event } = await page(c.var.viewer, slug)
      const input = parsed(
        sessionInput(event.timeZone),
        wallClockTimes(c.req.valid('json'), sessionTimes, event.timeZone),
      )
      const session = await events.addSession(deps, c.var.viewer, event.id, input)
      const parts = await page(c.var.viewer, slug)
      return c.json(sessionOut(deps, slug, event.timeZone, sessionOf(parts, session.id)), 201)
    },
  )

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/events/{slug}/sessions/{id}',
      tags: ['Events'],
      summary: 'Change a session (its event’s organisers); fields left out keep their values',
      security: [{ bearerAuth: [] }],
      middleware: [organisers],
      request: { params: z.object({ slug: slugParam, id: idParam('id') }), body: anyBody('SessionPatch') },
      responses: { 200: jsonResponse('The session', sessionOutput), ...writeProblems },
    }),
    async (c) => {
      const { slug, id } = c.req.valid('param')
      const parts = await page(c.var.viewer, slug)
      const { timeZone } = parts.event
      const merged = { ...sessionFormValues(sessionOf(parts, id), timeZone), ...c.req.valid('json') }
      const input = parsed(sessionInput(timeZone), wallClockTimes(merged, sessionTimes, timeZone))
      await events.editSession(deps, c.var.viewer, parts.event.id, id, input)
      const after = await page(c.var.viewer, slug)
      return c.json(sessionOut(deps, slug, timeZone, sessionOf(after, id)), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/events/{slug}/sessions/{id}',
      tags: ['Events'],
      summary: 'Take a session off the agenda (its event’s organisers)',
      security: [{ bearerAuth: [] }],
      middleware: [organisers],
      request: { params: z.object({ slug: slugParam, id: idParam('id') }) },
      responses: { 204: { description: 'Removed' }, ...writeProblems },
    }),
    async (c) => {
      const { slug, id } = c.req.valid('param')
      const { event } = await page(c.var.viewer, slug)
      await events.removeSession(deps, c.var.viewer, event.id, id)
      return c.body(null, 204)
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/events/{slug}/sessions/{id}/speakers',
      tags: ['Events'],
      summary:
        'Add someone to a session (its event’s organisers): a person by `handle` or an outsider by `nameZh`/`nameEn`, in a `role` the session’s kind has',
      security: [{ bearerAuth: [] }],
      middleware: [organisers],
      request: { params: z.object({ slug: slugParam, id: idParam('id') }), body: anyBody('SpeakerInput') },
      responses: { 201: jsonResponse('The session', sessionOutput), ...writeProblems },
    }),
    async (c) => {
      const { slug, id } = c.req.valid('param')
      const { event } = await page(c.var.viewer, slug)
      await events.addSpeaker(deps, c.var.viewer, event.id, id, parsed(speakerInput, c.req.valid('json')))
      const after = await page(c.var.viewer, slug)
      return c.json(sessionOut(deps, slug, event.timeZone, sessionOf(after, id)), 201)
    },
  )

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/events/{slug}/sessions/{id}/speakers/{speakerId}',
      tags: ['Events'],
      summary: 'Take someone off a session (its event’s organisers)',
      security: [{ bearerAuth: [] }],
      middleware: [organisers],
      request: { params: z.object({ slug: slugParam, id: idParam('id'), speakerId: idParam('speakerId') }) },
      responses: { 204: { description: 'Removed' }, ...writeProblems },
    }),
    async (c) => {
      const { slug, id, speakerId } = c.req.valid('param')
      const { event } = await page(c.var.viewer, slug)
      await events.removeSpeaker(deps, c.var.viewer, event.id, id, speakerId)
      return c.body(null, 204)
    },
  )

  return api
}
