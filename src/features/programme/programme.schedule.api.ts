// The schedule's API: a conference's schedule as it stands (with the latest published version's
// number), its published versions (each with its change log and the placements it published),
// and publishing the next version (its organisers), through the same service as the editor.
// Readable by whoever may read the event: everyone once it is published.
import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { Deps } from '../../platform/deps.ts'
import { createApi, jsonResponse, problems, writeProblems } from '../../platform/http/api.ts'
import type { AppEnv } from '../../platform/http/context.ts'
import { zonedIsoString } from '../../platform/i18n/time-zone.ts'
import { eventPage } from '../events/index.ts'
import type { ScheduleVersion } from './programme.schedule.repo.ts'
import {
  latestVersionNumber,
  publishSchedule,
  type ScheduleRefusal,
  scheduleVersionOf,
  scheduleVersionsOf,
} from './programme.schedule.ts'

const slugParam = z
  .string()
  .min(1)
  .max(80)
  .openapi({ param: { name: 'slug', in: 'path' } })
const versionParam = z
  .string()
  .regex(/^\d{1,6}\.\d{1,6}$/)
  .openapi({ param: { name: 'version', in: 'path' }, example: '0.2' })

const place = z.object({
  roomId: z.uuid().nullable().openapi({ description: 'Null: across every room (a break, a plenary)' }),
  startsAt: z.string().openapi({ example: '2027-03-27T10:00:00.000Z' }),
  endsAt: z.string(),
})
const logged = z.object({ guid: z.uuid(), titleZh: z.string().nullable(), titleEn: z.string().nullable() })
const changeLogOutput = z
  .object({
    added: z.array(logged),
    removed: z.array(logged),
    cancelled: z.array(logged),
    moved: z.array(logged.extend({ before: place, after: place })),
  })
  .openapi('ScheduleChangeLog')

const versionSummary = z
  .object({
    version: z.string().openapi({ example: '0.2' }),
    publishedAt: z.string(),
    changes: z.object({ added: z.number().int(), moved: z.number().int(), removed: z.number().int() }),
  })
  .openapi('ScheduleVersionSummary')

const versionOutput = versionSummary
  .extend({
    changeLog: changeLogOutput,
    sessions: z.array(
      place.extend({
        guid: z.uuid().openapi({ description: 'Never changes when the session moves' }),
        sessionId: z.uuid(),
        titleZh: z.string().nullable(),
        titleEn: z.string().nullable(),
      }),
    ),
  })
  .openapi('ScheduleVersion')

const scheduleOutput = z
  .object({
    event: z.object({ id: z.uuid(), slug: z.string(), timeZone: z.string() }),
    version: z
      .string()
      .nullable()
      .openapi({ description: 'The latest published version; null before the first' }),
    sessions: z.array(
      z.object({
        id: z.uuid(),
        guid: z.uuid(),
        kind: z.string(),
        titleZh: z.string().nullable(),
        titleEn: z.string().nullable(),
        roomId: z.uuid().nullable(),
        startsAt: z.string().nullable().openapi({ description: "In the event's zone with its offset" }),
        endsAt: z.string().nullable(),
      }),
    ),
  })
  .openapi('Schedule')

const summaryOf = (v: ScheduleVersion) => ({
  version: v.version,
  publishedAt: v.publishedAt.toISOString(),
  changes: {
    added: v.changeLog.added.length,
    moved: v.changeLog.moved.length,
    removed: v.changeLog.removed.length + v.changeLog.cancelled.length,
  },
})

/** A refusal as problem+json, in the reader's language. */
const refusal = (c: Context<AppEnv>, r: ScheduleRefusal) =>
  c.body(
    JSON.stringify({
      type: 'about:blank',
      title: c.var.t.programmeSchedule.editor.refused[r],
      status: 409,
      code: r,
    }),
    409,
    { 'Content-Type': 'application/problem+json' },
  )

export function programmeScheduleApi(deps: Deps) {
  const api = createApi()

  api.openapi(
    createRoute({
      method: 'get',
      path: '/events/{slug}/schedule',
      tags: ['Programme'],
      summary:
        "A conference's public schedule: once a version is published, every session it holds where it put them (added or moved since: not until the next version); before, every session as placed (untimed ones too); and the latest published version's number",
      request: { params: z.object({ slug: slugParam }) },
      responses: { 200: jsonResponse('The schedule', scheduleOutput), 404: problems[404] },
    }),
    async (c) => {
      const parts = await eventPage(deps, c.var.viewer, c.req.valid('param').slug)
      const zone = parts.event.timeZone
      return c.json(
        {
          event: { id: parts.event.id, slug: parts.event.slug, timeZone: zone },
          version: await latestVersionNumber(deps, parts.event.id),
          sessions: parts.sessions.map((s) => ({
            id: s.id,
            guid: s.guid,
            kind: s.kind,
            titleZh: s.titleZh,
            titleEn: s.titleEn,
            roomId: s.roomId,
            startsAt: s.startsAt ? zonedIsoString(s.startsAt, zone) : null,
            endsAt: s.endsAt ? zonedIsoString(s.endsAt, zone) : null,
          })),
        },
        200,
      )
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/events/{slug}/schedule/versions',
      tags: ['Programme'],
      summary: "A conference's published schedule versions, latest first, with how much each changed",
      request: { params: z.object({ slug: slugParam }) },
      responses: { 200: jsonResponse('The versions', z.array(versionSummary)), 404: problems[404] },
    }),
    async (c) => {
      const { versions } = await scheduleVersionsOf(deps, c.var.viewer, c.req.valid('param').slug)
      return c.json(versions.map(summaryOf), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/events/{slug}/schedule/versions/{version}',
      tags: ['Programme'],
      summary: 'One published version: its change log and every session as it placed it',
      request: { params: z.object({ slug: slugParam, version: versionParam }) },
      responses: { 200: jsonResponse('The version', versionOutput), 404: problems[404] },
    }),
    async (c) => {
      const { slug, version } = c.req.valid('param')
      const { version: v } = await scheduleVersionOf(deps, c.var.viewer, slug, version)
      return c.json(
        {
          ...summaryOf(v),
          changeLog: v.changeLog,
          sessions: v.snapshot.map(({ speakers: _, ...s }) => s),
        },
        200,
      )
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/events/{slug}/schedule/versions',
      tags: ['Programme'],
      summary:
        'Publish the schedule as it stands as the next version (its organisers): refused (409) while a conflict nobody accepted is open or when nothing changed; speakers of moved sessions are told by mail and subscribers hear `schedule.published`',
      security: [{ bearerAuth: [] }],
      request: { params: z.object({ slug: slugParam }) },
      responses: { 201: jsonResponse('The published version', versionOutput), ...writeProblems },
    }),
    async (c) => {
      const { slug } = c.req.valid('param')
      const parts = await eventPage(deps, c.var.viewer, slug)
      const outcome = await publishSchedule(deps, c.var.viewer, parts.event.id)
      if (!outcome.ok) return refusal(c, outcome.refusal) as never
      const { version: v } = await scheduleVersionOf(deps, c.var.viewer, slug, outcome.value.version)
      return c.json(
        {
          ...summaryOf(v),
          changeLog: v.changeLog,
          sessions: v.snapshot.map(({ speakers: _, ...s }) => s),
        },
        201,
      )
    },
  )

  return api
}
