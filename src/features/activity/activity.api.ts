import { createRoute, z } from '@hono/zod-openapi'
import type { Deps } from '../../platform/deps.ts'
import { createApi, jsonResponse, problems } from '../../platform/http/api.ts'
import { getProfile, handleSchema } from '../people/index.ts'
import {
  CONTRIBUTORS_PER_PAGE,
  contributorsApiQuery,
  contributorsOutput,
  personActivityOutput,
} from './activity.inputs.ts'
import { activityPeriods, type LastContribution } from './activity.rules.ts'
import * as activity from './activity.service.ts'

const contributionOut = (c: LastContribution | null) =>
  c ? { kind: c.kind, repoName: c.repoName, number: c.number, occurredAt: c.occurredAt.toISOString() } : null

const ACTIVE_MONTHS = 6

export function activityApi(deps: Deps) {
  const api = createApi()

  api.openapi(
    createRoute({
      method: 'get',
      path: '/people/{handle}/activity',
      tags: ['Activity'],
      summary:
        'A person’s GitHub activity: counts by kind and repository, first and last contribution, and whether they were active within six months',
      request: {
        params: z.object({ handle: handleSchema.openapi({ param: { name: 'handle', in: 'path' } }) }),
        query: z.object({ period: z.enum(activityPeriods).default('all') }),
      },
      responses: {
        200: jsonResponse('The person’s activity', personActivityOutput),
        404: problems[404],
        422: problems[422],
      },
    }),
    async (c) => {
      const { person } = await getProfile(deps, c.req.valid('param').handle)
      const { period } = c.req.valid('query')
      const a = await activity.personActivity(deps, person.id, { period, withinMonths: ACTIVE_MONTHS })
      return c.json(
        {
          handle: person.handle,
          period,
          total: a.total,
          byKind: a.byKind,
          byRepo: a.byRepo,
          first: contributionOut(a.first),
          last: contributionOut(a.last),
          active: {
            withinMonths: ACTIVE_MONTHS,
            since: a.active.since.toISOString(),
            answer: a.active.active,
          },
        },
        200,
      )
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/contributors',
      tags: ['Activity'],
      summary:
        'Contributors in a period (optionally of one kind), busiest first, 100 per page, with the absence factor',
      request: { query: contributorsApiQuery },
      responses: {
        200: jsonResponse('The leaderboard', contributorsOutput),
        422: problems[422],
      },
    }),
    async (c) => {
      const query = c.req.valid('query')
      const found = await activity.communityActivity(deps, {
        period: query.period,
        kind: query.kind,
        limit: CONTRIBUTORS_PER_PAGE,
        offset: (query.page - 1) * CONTRIBUTORS_PER_PAGE,
      })
      return c.json(
        {
          period: query.period,
          kind: query.kind ?? null,
          absenceFactor: found.absenceFactor,
          absenceShare: found.absenceShare,
          total: found.total,
          contributorCount: found.contributors,
          page: query.page,
          pages: Math.max(1, Math.ceil(found.contributors / CONTRIBUTORS_PER_PAGE)),
          contributors: found.entries.map((e) => ({
            handle: e.person?.handle ?? null,
            login: e.login,
            count: e.count,
            lastAt: e.last.toISOString(),
          })),
        },
        200,
      )
    },
  )

  return api
}
