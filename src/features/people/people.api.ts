import { createRoute, z } from '@hono/zod-openapi'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import {
  authorizeFirst,
  createApi,
  iso,
  jsonBody,
  jsonResponse,
  problems,
  writeProblems,
} from '../../platform/http/api.ts'
import type { Locale } from '../../platform/i18n/index.ts'
import { textIn } from '../../platform/views/localized.tsx'
import { authorize, can } from '../access/index.ts'
import {
  endRoleInput,
  grantRoleInput,
  handleSchema,
  peopleQuery,
  personOutput,
  profileInput,
  roleGrantOutput,
  sigOutput,
} from './people.inputs.ts'
import type { Person, RoleGrantRow } from './people.repo.ts'
import * as people from './people.service.ts'

export const toPersonOutput = (p: Person, locale: Locale): z.output<typeof personOutput> => ({
  id: p.id,
  handle: p.handle,
  nameZh: p.nameZh,
  nameEn: p.nameEn,
  githubLogin: p.githubLogin,
  githubId: p.githubId,
  cityZh: p.cityZh,
  cityEn: p.cityEn,
  city: textIn(locale, p.cityZh, p.cityEn) || null,
  bioZh: p.bioZh,
  bioEn: p.bioEn,
  avatarUrl: p.avatarUrl,
  links: p.links,
  languages: p.languages,
  createdAt: p.createdAt.toISOString(),
})

const toGrantOutput = (g: RoleGrantRow): z.output<typeof roleGrantOutput> => ({
  id: g.grant.id,
  role: g.grant.role as z.output<typeof roleGrantOutput>['role'],
  sig: g.sig ? { id: g.sig.id, slug: g.sig.slug, nameZh: g.sig.nameZh, nameEn: g.sig.nameEn } : null,
  note: g.grant.note,
  grantedAt: g.grant.grantedAt.toISOString(),
  grantedBy: g.grantedBy ? { id: g.grantedBy.id, handle: g.grantedBy.handle } : null,
  endedAt: iso(g.grant.endedAt),
  endedBy: g.endedBy ? { id: g.endedBy.id, handle: g.endedBy.handle } : null,
  endReason: g.grant.endReason,
})

/** Only someone who may grant some role gets to hear whether their request body was valid. */
const mayChangeRoles = authorizeFirst(async (c) => authorize(c.var.viewer, { action: 'roles.change-any' }))

const handleParam = z.object({ handle: handleSchema.openapi({ param: { name: 'handle', in: 'path' } }) })
const grantsOf = async (deps: Deps, handle: string) =>
  (await people.getProfile(deps, handle)).grants.map(toGrantOutput)

export function peopleApi(deps: Deps) {
  const api = createApi()

  api.openapi(
    createRoute({
      method: 'get',
      path: '/people',
      tags: ['People'],
      summary: 'List people',
      request: { query: peopleQuery },
      responses: {
        200: jsonResponse(
          'A page of people (50 per page)',
          z.object({
            items: z.array(personOutput),
            total: z.number().int(),
            page: z.number().int(),
            pages: z.number().int(),
          }),
        ),
        422: problems[422],
      },
    }),
    async (c) => {
      const result = await people.listPeople(deps, c.req.valid('query'), { locale: c.var.locale })
      return c.json(
        {
          items: result.people.map((p) => toPersonOutput(p, c.var.locale)),
          total: result.total,
          page: result.page,
          pages: result.pages,
        },
        200,
      )
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/people/{handle}',
      tags: ['People'],
      summary: 'A person’s public profile with current roles and role history',
      request: { params: handleParam },
      responses: {
        200: jsonResponse('The profile', personOutput.extend({ roles: z.array(roleGrantOutput) })),
        404: problems[404],
      },
    }),
    async (c) => {
      const { person, grants } = await people.getPublicProfile(
        deps,
        c.var.viewer,
        c.req.valid('param').handle,
      )
      return c.json({ ...toPersonOutput(person, c.var.locale), roles: grants.map(toGrantOutput) }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'put',
      path: '/people/{handle}/profile',
      tags: ['People'],
      summary: 'Replace a profile (your own, or anyone’s as an administrator)',
      security: [{ bearerAuth: [] }],
      middleware: [
        authorizeFirst((c) => people.profileToEdit(deps, c.var.viewer, c.req.param('handle') ?? '')),
      ],
      request: { params: handleParam, body: jsonBody(profileInput) },
      responses: {
        200: jsonResponse('The updated profile', personOutput),
        ...writeProblems,
      },
    }),
    async (c) => {
      const { person } = await people.getProfile(deps, c.req.valid('param').handle)
      const updated = await people.updateProfile(deps, c.var.viewer, person.id, c.req.valid('json'))
      return c.json(toPersonOutput(updated, c.var.locale), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/people/{handle}/roles',
      tags: ['Roles'],
      summary: 'Every role grant of a person, current and ended',
      request: { params: handleParam },
      responses: {
        200: jsonResponse('Role grants, oldest first', z.array(roleGrantOutput)),
        404: problems[404],
      },
    }),
    async (c) => c.json(await grantsOf(deps, c.req.valid('param').handle), 200),
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/people/{handle}/roles',
      tags: ['Roles'],
      summary: 'Grant a role',
      security: [{ bearerAuth: [] }],
      middleware: [mayChangeRoles],
      request: { params: handleParam, body: jsonBody(grantRoleInput) },
      responses: {
        201: jsonResponse('The new grant', roleGrantOutput),
        ...writeProblems,
      },
    }),
    async (c) => {
      const { person } = await people.getProfile(deps, c.req.valid('param').handle)
      const grant = await people.grantRole(deps, c.var.viewer, person.id, c.req.valid('json'))
      const all = await grantsOf(deps, person.handle)
      return c.json(all.find((g) => g.id === grant.id)!, 201)
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/roles/{id}/end',
      tags: ['Roles'],
      summary: 'End a role grant (kept in the history)',
      security: [{ bearerAuth: [] }],
      middleware: [mayChangeRoles],
      request: {
        params: z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) }),
        body: jsonBody(endRoleInput),
      },
      responses: {
        200: jsonResponse('The ended grant', roleGrantOutput),
        401: problems[401],
        403: problems[403],
        404: problems[404],
        422: problems[422],
      },
    }),
    async (c) => {
      const ended = await people.endRole(deps, c.var.viewer, c.req.valid('param').id, c.req.valid('json'))
      const person = await people.getPerson(deps, ended.personId)
      const all = await grantsOf(deps, person.handle)
      return c.json(all.find((g) => g.id === ended.id)!, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/sigs',
      tags: ['Roles'],
      summary: 'Special interest groups',
      responses: { 200: jsonResponse('All SIGs', z.array(sigOutput)) },
    }),
    async (c) => {
      const sigs = await people.listSigs(deps)
      return c.json(
        sigs.map((s) => ({ id: s.id, slug: s.slug, nameZh: s.nameZh, nameEn: s.nameEn })),
        200,
      )
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['Accounts'],
      summary: 'The signed-in person, with current roles',
      security: [{ bearerAuth: [] }],
      responses: {
        200: jsonResponse(
          'You',
          personOutput.extend({ email: z.string().nullable(), roles: z.array(roleGrantOutput) }),
        ),
        401: problems[401],
      },
    }),
    async (c) => {
      const viewer = c.var.viewer
      if (!viewer) throw new DomainError('unauthenticated')
      const person = await people.getPerson(deps, viewer.personId)
      const { grants } = await people.getProfile(deps, person.handle)
      const email = can(viewer, { action: 'profile.read-private', personId: person.id }) ? person.email : null
      return c.json(
        {
          ...toPersonOutput(person, c.var.locale),
          email,
          roles: grants.filter((g) => !g.grant.endedAt).map(toGrantOutput),
        },
        200,
      )
    },
  )

  return api
}
