// Check-in in the REST API: a door app (or a badge printer) checks a ticket in by its code, and
// reads the counts every device shows.
import { createRoute, z } from '@hono/zod-openapi'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import { createApi, jsonBody, jsonResponse, problems, writeProblems } from '../../platform/http/api.ts'
import { messagesFor } from '../../platform/i18n/index.ts'
import { displayName } from '../people/index.ts'
import { doorCounts, eventIdOf, scanTicket } from './events.checkin.ts'

const slugParam = z.object({
  slug: z
    .string()
    .min(1)
    .max(120)
    .openapi({ param: { name: 'slug', in: 'path' } }),
})

const counts = z.object({ checkedIn: z.number().int(), confirmed: z.number().int() }).openapi('CheckinCounts')

const checkinOutput = z
  .object({
    outcome: z.enum(['checkIn', 'already']),
    person: z.object({ handle: z.string(), name: z.string() }),
    checkedInAt: z.string().openapi({ format: 'date-time' }),
    checkedInBy: z.string().nullable().openapi({ description: 'The handle of who checked the ticket in' }),
    counts,
  })
  .openapi('Checkin')

export function checkinApi(deps: Deps) {
  const api = createApi()

  api.openapi(
    createRoute({
      method: 'post',
      path: '/events/{slug}/checkins',
      tags: ['Events'],
      summary:
        'Check a ticket in by its code (as printed, or the address its QR code carries), for the event’s organisers, its chapter’s team, its SIG and its volunteers with a shift. 201 when checked in now; 200 with when and by whom when it was checked in before. A code that is no ticket of this event answers 404 (reason unknownCode or otherEvent); a place that is not confirmed, or a door that is not open, 409 with reason waitlisted, pending, declined, cancelled, notYet, closed or eventCancelled. Refusals change nothing',
      security: [{ bearerAuth: [] }],
      request: { params: slugParam, body: jsonBody(z.object({ code: z.string().max(200) })) },
      responses: {
        201: jsonResponse('Checked in now', checkinOutput),
        200: jsonResponse('Checked in before', checkinOutput),
        ...writeProblems,
      },
    }),
    async (c) => {
      const { slug } = c.req.valid('param')
      const { code } = c.req.valid('json')
      const result = await scanTicket(deps, c.var.viewer, await eventIdOf(deps, slug), code)
      const { outcome } = result
      if (outcome.kind === 'refused') {
        const error = new DomainError(
          outcome.reason === 'unknownCode' || outcome.reason === 'otherEvent'
            ? 'notFoundRecord'
            : 'notAllowedNow',
          messagesFor(c.var.locale).eventCheckin.door.outcome[outcome.reason],
        )
        error.details = { reason: outcome.reason }
        throw error
      }
      const body = {
        outcome: outcome.kind,
        person: { handle: result.person!.handle, name: displayName(result.person!, c.var.locale) },
        checkedInAt: (outcome.kind === 'already' ? outcome.at : deps.now()).toISOString(),
        checkedInBy: outcome.kind === 'already' ? (result.checker?.handle ?? null) : c.var.viewer!.handle,
        counts: { checkedIn: result.counts.checkedIn, confirmed: result.counts.confirmed },
      }
      return c.json(body, outcome.kind === 'checkIn' ? 201 : 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/events/{slug}/checkins/counts',
      tags: ['Events'],
      summary: 'How many are checked in and how many places are confirmed, for those who may check people in',
      security: [{ bearerAuth: [] }],
      request: { params: slugParam },
      responses: {
        200: jsonResponse('The counts', counts),
        401: problems[401],
        403: problems[403],
        404: problems[404],
      },
    }),
    async (c) => {
      const { slug } = c.req.valid('param')
      const n = await doorCounts(deps, c.var.viewer, await eventIdOf(deps, slug))
      return c.json({ checkedIn: n.checkedIn, confirmed: n.confirmed }, 200)
    },
  )

  return api
}
