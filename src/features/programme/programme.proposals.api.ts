// The call for speakers' API: proposing a talk to an event whose call is open, a speaker's own
// proposals and withdrawing one, the organisers' list with its scores, and reviews (reviewers
// only), through the same service and the same form schema as the pages.
import { createRoute, z } from '@hono/zod-openapi'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import { createApi, iso, jsonBody, jsonResponse, problems, writeProblems } from '../../platform/http/api.ts'
import { proposalKinds, proposalLanguages, proposalLevels } from './programme.proposals.inputs.ts'
import * as repo from './programme.proposals.repo.ts'
import {
  myProposals,
  proposalForReview,
  proposalsTable,
  reviewProposal,
  submitProposal,
  withdrawProposal,
} from './programme.proposals.ts'
import { proposalStates } from './programme.states.rules.ts'

const slugParam = z
  .string()
  .min(1)
  .max(100)
  .openapi({ param: { name: 'slug', in: 'path' } })
const idParam = z.uuid().openapi({ param: { name: 'id', in: 'path' } })

const proposalInput = z
  .object({
    title: z.string().max(200),
    abstract: z.string().max(2000),
    description: z.string().max(10000).optional(),
    level: z.enum([...proposalLevels, '']).optional(),
    duration: z
      .number()
      .int()
      .openapi({ description: 'Minutes: one of the lengths the call offers', example: 30 }),
    kind: z.enum(proposalKinds).optional(),
    track: z
      .string()
      .max(200)
      .optional()
      .openapi({ description: 'The track’s id or its name in either language' }),
    language: z.enum([...proposalLanguages, '']).optional(),
    coSpeakers: z
      .string()
      .max(2000)
      .optional()
      .openapi({ description: 'One e-mail address or GitHub login a line; each confirms on their own' }),
    notes: z.string().max(4000).optional().openapi({ description: 'For the reviewers only' }),
  })
  .openapi('ProposalInput')

const proposalOutput = z
  .object({
    id: z.uuid(),
    event: z.string().openapi({ description: 'The event’s slug' }),
    title: z.string(),
    abstract: z.string(),
    description: z.string().nullable(),
    level: z.string().nullable(),
    durationMinutes: z.number().int(),
    kind: z.string(),
    trackId: z.uuid().nullable(),
    language: z.string().nullable(),
    state: z.enum(proposalStates),
    submittedAt: z.string(),
    decidedAt: z.string().nullable(),
    applicationId: z.uuid().openapi({ description: 'The application it is, with its history' }),
  })
  .openapi('Proposal')

const scoredOutput = proposalOutput
  .extend({
    reviews: z.number().int(),
    median: z.number().nullable(),
    mean: z.number().nullable(),
    queued: z.enum(['accept', 'reject']).nullable().openapi({ description: 'A decision waiting to be sent' }),
  })
  .openapi('ScoredProposal')

const reviewInputSchema = z
  .object({
    score: z.number().int().min(1).max(5),
    comment: z.string().max(4000).optional(),
  })
  .openapi('ReviewInput')

const reviewOutput = z
  .object({
    id: z.uuid(),
    proposalId: z.uuid(),
    score: z.number().int(),
    comment: z.string(),
    createdAt: z.string(),
    replacedAt: z
      .string()
      .nullable()
      .openapi({ description: 'Set once a later review by the same reviewer replaced it' }),
  })
  .openapi('Review')

const out = (p: repo.ProposalRow, slug: string) => ({
  id: p.id,
  event: slug,
  title: p.title,
  abstract: p.abstract,
  description: p.description,
  level: p.level,
  durationMinutes: p.durationMinutes,
  kind: p.kind,
  trackId: p.trackId,
  language: p.language,
  state: p.state as (typeof proposalStates)[number],
  submittedAt: p.submittedAt.toISOString(),
  decidedAt: iso(p.decidedAt),
  applicationId: p.applicationId,
})

const reviewOut = (r: repo.ReviewRow) => ({
  id: r.id,
  proposalId: r.proposalId,
  score: r.score,
  comment: r.comment,
  createdAt: r.createdAt.toISOString(),
  replacedAt: iso(r.replacedAt),
})

export function proposalsApi(deps: Deps) {
  const api = createApi()

  api.openapi(
    createRoute({
      method: 'post',
      path: '/events/{slug}/proposals',
      tags: ['Programme'],
      summary:
        'Propose a talk while the event’s call for speakers is open (anyone signed in); 409 `callClosed` otherwise. Subscribers hear `proposal.submitted`',
      security: [{ bearerAuth: [] }],
      request: { params: z.object({ slug: slugParam }), body: jsonBody(proposalInput) },
      responses: { 201: jsonResponse('The proposal', proposalOutput), ...writeProblems },
    }),
    async (c) => {
      const { slug } = c.req.valid('param')
      const body = c.req.valid('json')
      const proposal = await submitProposal(deps, c.var.viewer, slug, {
        ...body,
        duration: String(body.duration),
      })
      return c.json(out(proposal, slug), 201)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/proposals',
      tags: ['Programme'],
      summary: 'The proposals the caller speaks in (proposed or co-presents), latest first',
      security: [{ bearerAuth: [] }],
      responses: { 200: jsonResponse('The proposals', z.array(proposalOutput)), 401: problems[401] },
    }),
    async (c) => {
      const rows = await myProposals(deps, c.var.viewer)
      return c.json(
        rows.map((r) => out(r.proposal, r.event.slug)),
        200,
      )
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/proposals/{id}/withdraw',
      tags: ['Programme'],
      summary: 'Withdraw one’s proposal while the call is open (409 `callClosed` after)',
      security: [{ bearerAuth: [] }],
      request: { params: z.object({ id: idParam }) },
      responses: { 200: jsonResponse('The proposal, withdrawn', proposalOutput), ...writeProblems },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await withdrawProposal(deps, c.var.viewer, id)
      const proposal = await repo.selectProposal(deps.db, id)
      const event = await repo.selectEventById(deps.db, proposal!.eventId)
      return c.json(out(proposal!, event!.slug), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/events/{slug}/proposals',
      tags: ['Programme'],
      summary:
        'Every proposal of the event with its reviews’ count, median and mean, best first (its organisers)',
      security: [{ bearerAuth: [] }],
      request: {
        params: z.object({ slug: slugParam }),
        query: z.object({ state: z.enum(proposalStates).optional() }),
      },
      responses: {
        200: jsonResponse('The proposals', z.array(scoredOutput)),
        401: problems[401],
        403: problems[403],
        404: problems[404],
      },
    }),
    async (c) => {
      const { slug } = c.req.valid('param')
      const event = await repo.selectEventBySlug(deps.db, slug)
      if (!event) throw new DomainError('notFoundRecord')
      const table = await proposalsTable(deps, c.var.viewer, event.id, {
        sort: 'score',
        dir: 'desc',
        state: c.req.valid('query').state ?? null,
        track: null,
        level: null,
        q: '',
      })
      return c.json(
        table.rows.map((r) => ({
          ...out(r.proposal, event.slug),
          reviews: r.summary.count,
          median: r.summary.median,
          mean: r.summary.mean,
          queued: r.queued,
        })),
        200,
      )
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/proposals/{id}/reviews',
      tags: ['Programme'],
      summary:
        'Score a proposal 1–5 with a comment (its reviewers only; 403 `notReviewer` or `ownProposal`). A later review by the same reviewer replaces the earlier one, which is kept',
      security: [{ bearerAuth: [] }],
      request: { params: z.object({ id: idParam }), body: jsonBody(reviewInputSchema) },
      responses: { 201: jsonResponse('The review in force', reviewOutput), ...writeProblems },
    }),
    async (c) => {
      const review = await reviewProposal(deps, c.var.viewer, c.req.valid('param').id, c.req.valid('json'))
      return c.json(reviewOut(review), 201)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/proposals/{id}/reviews',
      tags: ['Programme'],
      summary:
        'The caller’s reviews of a proposal, replaced ones too (reviewers); organisers get every review in force',
      security: [{ bearerAuth: [] }],
      request: { params: z.object({ id: idParam }) },
      responses: {
        200: jsonResponse('The reviews', z.array(reviewOutput)),
        401: problems[401],
        403: problems[403],
        404: problems[404],
      },
    }),
    async (c) => {
      const found = await proposalForReview(deps, c.var.viewer, c.req.valid('param').id)
      const mine = [...found.earlier, ...(found.current ? [found.current] : [])]
      const others = found.others.map((r) => r.review).filter((r) => !mine.some((m) => m.id === r.id))
      return c.json([...mine, ...others].map(reviewOut), 200)
    },
  )

  return api
}
