// Registrations in the REST API: register, give a place up, one's own registrations, and the
// organisers' list of an event's registrations with answers.
import { createRoute, z } from '@hono/zod-openapi'
import type { Deps } from '../../platform/deps.ts'
import { InvalidInput } from '../../platform/errors.ts'
import { createApi, jsonBody, jsonResponse, problems, writeProblems } from '../../platform/http/api.ts'
import { messagesFor } from '../../platform/i18n/index.ts'
import { textIn } from '../../platform/views/localized.tsx'
import { ticketPath } from './events.registrations.announce.ts'
import {
  organiserRegistrationOutput,
  registerBody,
  registrationOutput,
} from './events.registrations.inputs.ts'
import type { EventRow, RegistrationRow } from './events.registrations.repo.ts'
import { registrationStatuses } from './events.registrations.rules.ts'
import {
  AnswersRefused,
  cancelRegistration,
  myRegistrations,
  register,
  registrationsForOrganisers,
} from './events.registrations.ts'

const slugParam = z.object({
  slug: z
    .string()
    .min(1)
    .max(120)
    .openapi({ param: { name: 'slug', in: 'path' } }),
})

const refusals =
  'Refusals answer 409 with a code and change nothing: eventNotOpen (not published, postponed or cancelled), registrationNotOpen, registrationClosed, alreadyRegistered (one registration per person and event), registrationDeclined'

export function registrationsApi(deps: Deps) {
  const api = createApi()
  const iso = (d: Date | null) => d?.toISOString() ?? null
  const out = (event: EventRow, r: RegistrationRow, position: number | null, locale: 'zh' | 'en') => ({
    id: r.id,
    event: { id: event.id, slug: event.slug, startsAt: event.startsAt.toISOString() },
    status: r.status,
    position,
    answers: r.answers,
    queuedAt: r.queuedAt.toISOString(),
    confirmedAt: iso(r.confirmedAt),
    cancelledAt: iso(r.cancelledAt),
    ticketUrl: r.status === 'confirmed' ? `${deps.config.baseUrl}${ticketPath(locale, event)}` : null,
  })

  api.openapi(
    createRoute({
      method: 'post',
      path: '/events/{slug}/registrations',
      tags: ['Events'],
      summary: `Register yourself: a place while one is free (status confirmed), else the waitlist (waitlisted, with its position), or pending on events whose organisers approve each place. Answers are checked against the event's questions (422 names each one under answers.<key>). Registering again after cancelling joins the back of the queue. ${refusals}`,
      security: [{ bearerAuth: [] }],
      request: { params: slugParam, body: jsonBody(registerBody) },
      responses: { 201: jsonResponse('Your registration', registrationOutput), ...writeProblems },
    }),
    async (c) => {
      const { slug } = c.req.valid('param')
      const { answers } = c.req.valid('json')
      try {
        const { registration, position, event } = await register(deps, c.var.viewer, { slug, answers })
        return c.json(out(event, registration, position, c.var.locale), 201)
      } catch (e) {
        if (e instanceof AnswersRefused) {
          const t = messagesFor(c.var.locale).eventRegistrations.answerProblems
          throw new InvalidInput(
            Object.entries(e.problems).map(([key, problem]) => ({
              code: 'custom' as const,
              path: ['answers', key],
              message: t[problem] ?? problem,
              input: answers[key],
            })),
          )
        }
        throw e
      }
    },
  )

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/events/{slug}/registrations/mine',
      tags: ['Events'],
      summary:
        'Give up your registration (a place, a spot on the waitlist or a request waiting for approval). A freed place goes to the head of the waitlist at once, and that person is told by mail. 404 when you hold no registration; 409 registrationClosed once the event has ended',
      security: [{ bearerAuth: [] }],
      request: { params: slugParam },
      responses: { 200: jsonResponse('The cancelled registration', registrationOutput), ...writeProblems },
    }),
    async (c) => {
      const { slug } = c.req.valid('param')
      const { registration, event } = await cancelRegistration(deps, c.var.viewer, slug)
      return c.json(out(event, registration, null, c.var.locale), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/me/registrations',
      tags: ['Events'],
      summary: 'Your registrations, latest event first',
      security: [{ bearerAuth: [] }],
      responses: { 200: jsonResponse('Your registrations', z.array(registrationOutput)), 401: problems[401] },
    }),
    async (c) => {
      const rows = await myRegistrations(deps, c.var.viewer)
      return c.json(
        rows.map((r) => out(r.event, r.registration, null, c.var.locale)),
        200,
      )
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/events/{slug}/registrations',
      tags: ['Events'],
      summary:
        'The event’s registrations with answers, in queue order (arrival), for its organisers; `status` filters. Answers are keyed by question key',
      security: [{ bearerAuth: [] }],
      request: {
        params: slugParam,
        query: z.object({ status: z.enum(registrationStatuses).optional() }),
      },
      responses: {
        200: jsonResponse('The registrations', z.array(organiserRegistrationOutput)),
        401: problems[401],
        403: problems[403],
        404: problems[404],
      },
    }),
    async (c) => {
      const { slug } = c.req.valid('param')
      const { status } = c.req.valid('query')
      const listing = await registrationsForOrganisers(deps, c.var.viewer, { slug, status })
      return c.json(
        listing.rows.map((row) => ({
          id: row.registration.id,
          status: row.registration.status,
          person: {
            id: row.person.id,
            handle: row.person.handle,
            name: textIn(c.var.locale, row.person.nameZh, row.person.nameEn) || null,
            email: row.person.email,
          },
          answers: row.registration.answers,
          queuedAt: row.registration.queuedAt.toISOString(),
          confirmedAt: iso(row.registration.confirmedAt),
          cancelledAt: iso(row.registration.cancelledAt),
          addedByOrganiser: row.registration.addedByOrganiser !== null,
        })),
        200,
      )
    },
  )

  return api
}
