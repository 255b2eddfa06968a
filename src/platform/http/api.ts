import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context, MiddlewareHandler } from 'hono'
import { InvalidInput } from '../errors.ts'
import { localiseIssues } from '../i18n/index.ts'
import type { AppEnv } from './context.ts'
import { findControlCharacter } from './edge-input.ts'

/** Every API sub-app turns validation failures into one typed error (→ 422 problem+json). */
export function createApi() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success)
        throw new InvalidInput(
          localiseIssues(c.var.locale, result.error.issues, (result as { data?: unknown }).data),
        )
      // PostgreSQL cannot store NUL, and no field here takes control characters: a 422 naming
      // the field, not a 500 from the database.
      const path = findControlCharacter(result.data)
      if (path)
        throw new InvalidInput([{ code: 'custom', path, message: 'controlCharacters', input: undefined }])
    },
  })
}

/**
 * A route's authorisation, run before its input is validated (OpenAPIHono runs a route's
 * middleware ahead of its validators): a caller who may not make this change hears 401, 403 or
 * 404 before anything about their input. `check` reads raw path parameters (c.req.param), so it
 * must treat them as unvalidated.
 */
export const authorizeFirst =
  (check: (c: Context<AppEnv>) => Promise<unknown>): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    await check(c)
    await next()
  }

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z
      .string()
      .optional()
      .openapi({ description: 'A stable error code, e.g. roleHeld, forbidden, invalid' }),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  })
  .openapi('Problem')

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
})

export const problems = {
  400: problemResponse('Malformed request'),
  401: problemResponse('Not signed in, or the token is not valid'),
  403: problemResponse('Signed in, but not allowed to do this'),
  404: problemResponse('Not found'),
  409: problemResponse('Conflicts with existing data'),
  422: problemResponse('The input did not pass validation; `errors` says where'),
  429: problemResponse('Too many requests; see Retry-After'),
} as const

/** What any authenticated change may answer besides success. */
export const writeProblems = {
  401: problems[401],
  403: problems[403],
  404: problems[404],
  409: problems[409],
  422: problems[422],
} as const

export const jsonBody = <S extends z.ZodType>(schema: S) => ({
  required: true,
  content: { 'application/json': { schema } },
})
export const jsonResponse = <S extends z.ZodType>(description: string, schema: S) => ({
  description,
  content: { 'application/json': { schema } },
})

export const iso = (d: Date | null) => (d ? d.toISOString() : null)
