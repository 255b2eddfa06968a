import { z } from 'zod'
import { hasBidiControl } from '../../platform/http/edge-input.ts'
import { linksField } from '../people/index.ts'
import { isHexColour } from './community.rules.ts'

const emptyAsNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v)

const name = z.preprocess(
  emptyAsNull,
  z
    .string()
    .trim()
    .max(80, 'tooLong')
    .refine((s) => !hasBidiControl(s), { error: 'bidi' })
    .nullable()
    .default(null),
)
const description = z.preprocess(emptyAsNull, z.string().trim().max(500, 'tooLong').nullable().default(null))
const colour = z.preprocess(
  emptyAsNull,
  z
    .string()
    .trim()
    .refine(isHexColour, { error: 'colour' })
    .transform((v) => v.toLowerCase())
    .nullable()
    .default(null),
)

/** The community's brand as the console form and the API send it: one of the two names is needed. */
export const brandInput = z
  .object({
    nameZh: name,
    nameEn: name,
    descriptionZh: description,
    descriptionEn: description,
    accent: colour,
    accentDark: colour,
    links: linksField.default([]),
  })
  .superRefine((v, ctx) => {
    if (!v.nameZh && !v.nameEn) ctx.addIssue({ code: 'custom', path: ['nameZh'], message: 'name' })
    if (v.accentDark && !v.accent) ctx.addIssue({ code: 'custom', path: ['accent'], message: 'accentFirst' })
  })
export type BrandInput = z.output<typeof brandInput>
