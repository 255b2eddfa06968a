import { createRoute, z } from '@hono/zod-openapi'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import {
  authorizeFirst,
  createApi,
  jsonBody,
  jsonResponse,
  problems,
  writeProblems,
} from '../../platform/http/api.ts'
import { isUuid } from '../../platform/http/edge-input.ts'
import type { ApplicationEvent, ApplicationRow } from './applications.repo.ts'
import { applicationStates } from './applications.rules.ts'
import {
  ApplicationAlreadyOpen,
  applicationsOf,
  applicationWithHistory,
  moveApplication,
  startApplication,
  voteOnApplication,
} from './applications.service.ts'

const applicationOutput = z
  .object({
    id: z.uuid(),
    type: z.string(),
    state: z.enum(applicationStates),
    answers: z.record(z.string(), z.unknown()),
    subjectId: z.uuid().nullable(),
    submittedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    githubIssue: z.object({ repo: z.string(), number: z.number().int() }).nullable(),
  })
  .openapi('Application')

const eventOutput = z.object({
  at: z.string(),
  actorId: z.uuid().nullable(),
  kind: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  vote: z.enum(['approve', 'reject']).nullable(),
  comment: z.string().nullable(),
})

const out = (a: ApplicationRow) => ({
  id: a.id,
  type: a.type,
  state: a.state as (typeof applicationStates)[number],
  answers: a.answers,
  subjectId: a.subjectId,
  submittedAt: a.submittedAt?.toISOString() ?? null,
  decidedAt: a.decidedAt?.toISOString() ?? null,
  githubIssue: a.githubRepo && a.githubIssue !== null ? { repo: a.githubRepo, number: a.githubIssue } : null,
})
const eventOut = (e: ApplicationEvent) => ({
  at: e.at.toISOString(),
  actorId: e.actorId,
  kind: e.kind,
  fromState: e.fromState,
  toState: e.toState,
  vote: (e.vote as 'approve' | 'reject' | null) ?? null,
  comment: e.comment,
})

const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) })

export function applicationsApi(deps: Deps) {
  const api = createApi()
  // Only the applicant, its reviewers and administrators may vote or move: asked before the
  // vote or move is read (see authorizeFirst); the service decides which of them may do what.
  const mayTakePart = authorizeFirst(async (c) => {
    const id = c.req.param('id') ?? ''
    if (!isUuid(id)) throw new DomainError('notFoundRecord')
    await applicationWithHistory(deps, c.var.viewer, id)
  })

  api.openapi(
    createRoute({
      method: 'get',
      path: '/applications',
      tags: ['Applications'],
      summary: 'Your applications, newest first',
      security: [{ bearerAuth: [] }],
      responses: { 200: jsonResponse('Your applications', z.array(applicationOutput)), 401: problems[401] },
    }),
    async (c) => c.json((await applicationsOf(deps, c.var.viewer)).map(out), 200),
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/applications',
      tags: ['Applications'],
      summary:
        'Apply (type found-chapter or join-chapter; subject: the chapter’s slug for join-chapter). A submission that fails a condition answers 422 with code notEligible and the conditions that failed. One application per applicant, type and subject may be open (draft, submitted or waiting for information): another answers 409 with code applicationOpen and `application.id`/`application.url` of the open one. An account starts at most 10 applications an hour (429 with Retry-After)',
      security: [{ bearerAuth: [] }],
      request: {
        body: jsonBody(
          z
            .object({
              type: z.string().min(1),
              answers: z.record(z.string(), z.unknown()),
              subject: z.string().optional(),
              submit: z.boolean().default(true),
            })
            .openapi('ApplicationInput'),
        ),
      },
      responses: {
        201: jsonResponse('The application', applicationOutput),
        ...writeProblems,
        429: problems[429],
      },
    }),
    async (c) => {
      const input = c.req.valid('json')
      try {
        const created = await startApplication(deps, c.var.viewer, {
          type: input.type,
          answers: input.answers,
          subjectName: input.subject ?? null,
          submit: input.submit,
        })
        return c.json(out(created), 201)
      } catch (e) {
        // The problem links the open application the client should continue instead.
        if (e instanceof ApplicationAlreadyOpen)
          e.details = {
            application: {
              id: e.existingId,
              url: `${deps.config.baseUrl}/api/v1/applications/${e.existingId}`,
            },
          }
        throw e
      }
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/applications/{id}',
      tags: ['Applications'],
      summary:
        'An application with its history and what the decision still needs (applicant, reviewers, administrators)',
      security: [{ bearerAuth: [] }],
      request: { params: idParam },
      responses: {
        200: jsonResponse(
          'The application',
          applicationOutput.extend({
            events: z.array(eventOutput),
            needs: z.array(z.object({ group: z.string(), needed: z.number().int() })),
          }),
        ),
        401: problems[401],
        403: problems[403],
        404: problems[404],
      },
    }),
    async (c) => {
      const found = await applicationWithHistory(deps, c.var.viewer, c.req.valid('param').id)
      return c.json(
        {
          ...out(found.application),
          events: found.events.map(eventOut),
          needs: found.decision.outcome === 'pending' ? found.decision.missing : [],
        },
        200,
      )
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/applications/{id}/votes',
      tags: ['Applications'],
      summary: 'Vote as a reviewer (your latest vote counts); the answer says whether it decided',
      security: [{ bearerAuth: [] }],
      middleware: [mayTakePart],
      request: {
        params: idParam,
        body: jsonBody(
          z.object({
            vote: z.enum(['approve', 'reject']),
            comment: z.string().max(2000).optional(),
            override: z
              .string()
              .max(2000)
              .optional()
              .describe(
                'Why approve although someone who must be active lately is not (otherwise 409 overrideRequired, naming their verdicts)',
              ),
          }),
        ),
      },
      responses: {
        200: jsonResponse('Where the application stands', z.object({ state: z.enum(applicationStates) })),
        ...writeProblems,
      },
    }),
    async (c) => {
      const { vote, comment, override } = c.req.valid('json')
      const result = await voteOnApplication(
        deps,
        c.var.viewer,
        c.req.valid('param').id,
        vote,
        comment ?? null,
        override?.trim() || null,
      )
      return c.json({ state: result.state }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/applications/{id}/moves',
      tags: ['Applications'],
      summary:
        'submit a draft or answer a request (applicant, with answers), withdraw (applicant), request_info (reviewer, with a comment)',
      security: [{ bearerAuth: [] }],
      middleware: [mayTakePart],
      request: {
        params: idParam,
        body: jsonBody(
          z.object({
            move: z.enum(['submit', 'answer', 'withdraw', 'request_info']),
            answers: z.record(z.string(), z.unknown()).optional(),
            comment: z.string().max(2000).optional(),
          }),
        ),
      },
      responses: { 200: jsonResponse('The application', applicationOutput), ...writeProblems },
    }),
    async (c) => {
      const { move, answers, comment } = c.req.valid('json')
      const moved = await moveApplication(deps, c.var.viewer, c.req.valid('param').id, move, {
        answers,
        comment: comment ?? null,
      })
      return c.json(out(moved), 200)
    },
  )

  return api
}
