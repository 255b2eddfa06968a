import { z } from '@hono/zod-openapi'
import { type SearchKind, type SearchLanguage, searchKinds, searchLanguages } from './search.rules.ts'

/**
 * What a search asks. Nothing here can fail: any text is a query (a long one is cut, what is not
 * a word is ignored), and a filter or page that makes no sense is dropped, so a search never
 * answers with an error.
 */
export const searchQuery = z.object({
  q: z
    .preprocess((v) => (typeof v === 'string' ? v.slice(0, 1000) : ''), z.string())
    .openapi({ description: 'Words in Chinese or English; any text is accepted', example: '云原生' }),
  kind: z
    .preprocess(
      (v) => (searchKinds.includes(v as SearchKind) ? v : undefined),
      z.enum(searchKinds).optional(),
    )
    .openapi({ description: 'Only this kind of result' }),
  lang: z
    .preprocess(
      (v) => (searchLanguages.includes(v as SearchLanguage) ? v : undefined),
      z.enum(searchLanguages).optional(),
    )
    .openapi({ description: 'Only what is written in this language (people have none and always show)' }),
  page: z
    .preprocess((v) => {
      const n = Number(v)
      return Number.isInteger(n) && n >= 1 && n <= 500 ? n : 1
    }, z.number().int())
    .openapi({ description: 'With `kind`: the page of 20' }),
})

const part = z.object({ text: z.string(), mark: z.boolean() })

export const searchResultOutput = z.object({
  kind: z.enum(searchKinds),
  id: z.string().uuid(),
  language: z.enum(searchLanguages).nullable(),
  url: z.string().openapi({
    description: 'The page, in the language asked for; a transcript hit includes the moment (`?t=SECONDS`)',
  }),
  title: z.string(),
  snippet: z.string(),
  titleParts: z.array(part).openapi({ description: 'The title cut into plain and matched parts' }),
  snippetParts: z.array(part).openapi({ description: 'The snippet cut into plain and matched parts' }),
  score: z.number(),
})

export const searchOutput = z.object({
  query: z.string(),
  groups: z.array(
    z.object({
      kind: z.enum(searchKinds),
      total: z.number().int(),
      more: z.boolean().openapi({ description: 'More matched than were counted: `total` is a lower bound' }),
      results: z.array(searchResultOutput),
    }),
  ),
  page: z.number().int(),
  pages: z.number().int(),
})
