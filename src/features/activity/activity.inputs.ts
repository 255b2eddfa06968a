import { z } from '@hono/zod-openapi'
import { activityPeriods, contributionKinds } from './activity.rules.ts'

// GitHub logins: 1–39 letters, digits or single hyphens; repositories: owner/name.
const loginPattern = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/
const repoPattern = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/[A-Za-z0-9._-]{1,100}$/

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v)

export const contributorsQuery = z.object({
  period: z.enum(activityPeriods).default('1y').openapi({ description: '30d, 90d, 1y or all' }),
  kind: z.preprocess(emptyToUndefined, z.enum(contributionKinds).optional()),
})

export const CONTRIBUTORS_PER_PAGE = 100

export const contributorsApiQuery = contributorsQuery.extend({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
})

export const scopeInput = z
  .object({
    kind: z.enum(['org', 'repo']),
    name: z.string().trim().min(1, 'required').max(140, 'tooLong'),
  })
  .superRefine((v, ctx) => {
    const ok = v.kind === 'org' ? loginPattern.test(v.name) : repoPattern.test(v.name)
    if (!ok)
      ctx.addIssue({ code: 'custom', path: ['name'], message: v.kind === 'org' ? 'scopeOrg' : 'scopeRepo' })
  })

export const githubLoginSchema = z.string().trim().regex(loginPattern, 'githubLogin')

export const botInput = z.object({ login: githubLoginSchema })

export const linkInput = z.object({
  login: githubLoginSchema,
  handle: z.string().trim().min(1, 'required').max(39, 'tooLong'),
})

const contributionOutput = z.object({
  kind: z.enum(contributionKinds),
  repoName: z.string(),
  number: z.number().int().nullable(),
  occurredAt: z.string(),
})

export const personActivityOutput = z
  .object({
    handle: z.string(),
    period: z.enum(activityPeriods),
    total: z.number().int(),
    byKind: z.array(z.object({ kind: z.enum(contributionKinds), count: z.number().int() })),
    byRepo: z.array(z.object({ repoName: z.string(), count: z.number().int() })),
    first: contributionOutput.nullable(),
    last: contributionOutput.nullable(),
    active: z.object({
      withinMonths: z.number().int(),
      since: z.string(),
      answer: z.boolean(),
    }),
  })
  .openapi('PersonActivity')

export const contributorsOutput = z
  .object({
    period: z.enum(activityPeriods),
    kind: z.enum(contributionKinds).nullable(),
    absenceFactor: z.number().int(),
    absenceShare: z.number().openapi({ description: 'Share of all contributions the absence factor made' }),
    total: z.number().int().openapi({ description: 'Contributions in the period' }),
    contributorCount: z.number().int().openapi({ description: 'Everyone who contributed in the period' }),
    page: z.number().int(),
    pages: z.number().int(),
    contributors: z.array(
      z.object({
        handle: z.string().nullable(),
        login: z.string(),
        count: z.number().int(),
        lastAt: z.string(),
      }),
    ),
  })
  .openapi('Contributors')
