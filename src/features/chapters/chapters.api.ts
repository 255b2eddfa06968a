import { createRoute, z } from '@hono/zod-openapi'
import type { Deps } from '../../platform/deps.ts'
import { createApi, jsonResponse, problems } from '../../platform/http/api.ts'
import type { Seat } from './chapters.repo.ts'
import { chapterStatuses } from './chapters.rules.ts'
import { getChapter, listChapters } from './chapters.service.ts'

const seatOutput = z.object({
  handle: z.string(),
  role: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
})
const chapterOutput = z
  .object({
    slug: z.string(),
    cityZh: z.string(),
    cityEn: z.string(),
    country: z.string(),
    status: z.enum(chapterStatuses),
    foundedOn: z.string(),
    team: z.array(seatOutput),
  })
  .openapi('Chapter')

const seatOut = (s: Seat) => ({
  handle: s.person.handle,
  role: s.role,
  startedAt: s.startedAt.toISOString(),
  endedAt: s.endedAt?.toISOString() ?? null,
  endReason: s.endReason,
})
const chapterOut = (
  c: { slug: string; cityZh: string; cityEn: string; country: string; status: string; foundedOn: string },
  team: Seat[],
) => ({
  slug: c.slug,
  cityZh: c.cityZh,
  cityEn: c.cityEn,
  country: c.country,
  status: c.status as (typeof chapterStatuses)[number],
  foundedOn: c.foundedOn,
  team: team.map(seatOut),
})

export function chaptersApi(deps: Deps) {
  const api = createApi()

  api.openapi(
    createRoute({
      method: 'get',
      path: '/chapters',
      tags: ['Chapters'],
      summary: 'Every city chapter with its current team',
      responses: { 200: jsonResponse('The chapters', z.array(chapterOutput)) },
    }),
    async (c) =>
      c.json(
        (await listChapters(deps)).map((x) => chapterOut(x.chapter, x.team)),
        200,
      ),
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/chapters/{slug}',
      tags: ['Chapters'],
      summary: 'One chapter; `team` is everyone who held a place, current ones without `endedAt`',
      request: {
        params: z.object({
          slug: z
            .string()
            .min(1)
            .max(80)
            .openapi({ param: { name: 'slug', in: 'path' } }),
        }),
      },
      responses: { 200: jsonResponse('The chapter', chapterOutput), 404: problems[404] },
    }),
    async (c) => {
      const found = await getChapter(deps, c.req.valid('param').slug)
      return c.json(chapterOut(found.chapter, [...found.current, ...found.past]), 200)
    },
  )

  return api
}
