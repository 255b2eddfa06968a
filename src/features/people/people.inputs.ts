import { z } from '@hono/zod-openapi'
import { hasBidiControl } from '../../platform/http/edge-input.ts'
import { httpUrl } from '../../platform/http/url.ts'
import { communityRoles } from '../access/index.ts'
import { parseLanguages, parseLinks } from './people.rules.ts'

export const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : typeof v === 'string' ? v.trim() : v),
    z.string().max(max, { error: 'tooLong' }).nullable().optional(),
  )

/**
 * A name others read: bidirectional overrides and isolates would make it read as another name
 * ("‮nimda" shows as "admin"), so they are refused; handles are ASCII by their pattern.
 */
const displayName = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : typeof v === 'string' ? v.trim() : v),
    z
      .string()
      .max(max, { error: 'tooLong' })
      .refine((s) => !hasBidiControl(s), { error: 'bidi' })
      .nullable()
      .optional(),
  )

export const handleSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,38}$/, { error: 'handle' })
  .openapi({ example: 'zhang-haili' })

const linkSchema = z.object({
  label: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .refine((s) => !hasBidiControl(s), { error: 'bidi' }),
  url: httpUrl(500),
})

/** The form sends links as "Label URL" lines and languages as a comma list; the API sends arrays. */
export const linksField = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v
    const { links, badLines } = parseLinks(v)
    return badLines.length ? [...links, ...badLines.map((line) => ({ label: line, url: line }))] : links
  },
  z.array(linkSchema, { error: 'links' }).max(10),
)

const languagesField = z.preprocess(
  (v) => (typeof v === 'string' ? parseLanguages(v) : v),
  z.array(z.string().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/, { error: 'languages' })).max(10),
)

export const profileInput = z
  .object({
    handle: handleSchema,
    nameZh: displayName(80),
    nameEn: displayName(80),
    cityZh: optionalText(80),
    cityEn: optionalText(80),
    bioZh: optionalText(2000),
    bioEn: optionalText(2000),
    avatarUrl: z.preprocess((v) => (v === '' ? null : v), httpUrl(500).nullable().optional()),
    links: linksField.default([]),
    languages: languagesField.default([]),
    locale: z.enum(['zh', 'en']).default('zh'),
    /** Left out, it stays as it is; the form sends its checkbox as "on". */
    profilePublic: z
      .preprocess((v) => (v === 'on' ? true : v), z.boolean())
      .optional()
      .openapi({ description: 'List this profile publicly (new accounts are private until then)' }),
  })
  .refine((p) => Boolean(p.nameZh || p.nameEn), { error: 'name', path: ['nameZh'] })
  .openapi('ProfileInput')
export type ProfileInput = z.output<typeof profileInput>

export const peopleQuery = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .openapi({ description: 'Search in names, handle, GitHub login and city (either language)' }),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
})

export const grantRoleInput = z
  .object({
    role: z.enum(communityRoles),
    sigId: z.preprocess((v) => (v === '' ? null : v), z.uuid().nullable().default(null)),
    note: optionalText(500),
  })
  .openapi('GrantRoleInput')
export type GrantRoleInput = z.output<typeof grantRoleInput>

export const endRoleInput = z.object({ reason: optionalText(500) }).openapi('EndRoleInput')

export const personOutput = z
  .object({
    id: z.uuid(),
    handle: z.string(),
    nameZh: z.string().nullable(),
    nameEn: z.string().nullable(),
    githubLogin: z.string().nullable(),
    githubId: z.number().int().nullable(),
    cityZh: z.string().nullable(),
    cityEn: z.string().nullable(),
    city: z.string().nullable().openapi({
      description: 'Kept for compatibility: the city in the Accept-Language language, else the other one',
    }),
    bioZh: z.string().nullable(),
    bioEn: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    links: z.array(z.object({ label: z.string(), url: z.string() })),
    languages: z.array(z.string()),
    createdAt: z.iso.datetime(),
  })
  .openapi('Person')

export const roleGrantOutput = z
  .object({
    id: z.uuid(),
    role: z.enum(communityRoles),
    sig: z.object({ id: z.uuid(), slug: z.string(), nameZh: z.string(), nameEn: z.string() }).nullable(),
    note: z.string().nullable(),
    grantedAt: z.iso.datetime(),
    grantedBy: z.object({ id: z.uuid(), handle: z.string() }).nullable(),
    endedAt: z.iso.datetime().nullable(),
    endedBy: z.object({ id: z.uuid(), handle: z.string() }).nullable(),
    endReason: z.string().nullable(),
  })
  .openapi('RoleGrant')

export const sigOutput = z
  .object({ id: z.uuid(), slug: z.string(), nameZh: z.string(), nameEn: z.string() })
  .openapi('Sig')
