import { createRoute, z } from '@hono/zod-openapi'
import type { Deps } from '../../platform/deps.ts'
import { createApi, iso, jsonBody, jsonResponse, problems } from '../../platform/http/api.ts'
import { apiTokenInput, apiTokenOutput } from './accounts.inputs.ts'
import * as accounts from './accounts.service.ts'

type TokenRow = Awaited<ReturnType<typeof accounts.listApiTokens>>[number]
const toTokenOutput = (t: TokenRow) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: iso(t.lastUsedAt),
})

export function accountsApi(deps: Deps) {
  const api = createApi()

  api.openapi(
    createRoute({
      method: 'get',
      path: '/me/tokens',
      tags: ['Accounts'],
      summary: 'Your personal API tokens (never the secret itself)',
      security: [{ bearerAuth: [] }],
      responses: {
        200: jsonResponse('Live tokens, newest first', z.array(apiTokenOutput)),
        401: problems[401],
      },
    }),
    async (c) => c.json((await accounts.listApiTokens(deps, c.var.viewer)).map(toTokenOutput), 200),
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/me/tokens',
      tags: ['Accounts'],
      summary: 'Create a personal API token; the secret is in this response only',
      security: [{ bearerAuth: [] }],
      request: { body: jsonBody(apiTokenInput) },
      responses: {
        201: jsonResponse('The new token', apiTokenOutput.extend({ token: z.string() })),
        401: problems[401],
        422: problems[422],
      },
    }),
    async (c) => {
      const { token, row } = await accounts.createApiToken(deps, c.var.viewer, c.req.valid('json').name)
      c.header('Cache-Control', 'no-store')
      return c.json({ ...toTokenOutput(row), token }, 201)
    },
  )

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/me/tokens/{id}',
      tags: ['Accounts'],
      summary: 'Revoke a personal API token',
      security: [{ bearerAuth: [] }],
      request: { params: z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) }) },
      responses: { 204: { description: 'Revoked' }, 401: problems[401], 404: problems[404] },
    }),
    async (c) => {
      await accounts.revokeApiToken(deps, c.var.viewer, c.req.valid('param').id)
      return c.body(null, 204)
    },
  )

  return api
}
