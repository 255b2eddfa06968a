import { createRoute } from '@hono/zod-openapi'
import type { Deps } from '../../platform/deps.ts'
import { createApi, jsonResponse } from '../../platform/http/api.ts'
import { searchOutput, searchQuery } from './search.inputs.ts'
import { search } from './search.service.ts'

const plain = (parts: { text: string }[]) => parts.map((p) => p.text).join('')

export function searchApi(deps: Deps) {
  const api = createApi()
  api.openapi(
    createRoute({
      method: 'get',
      path: '/search',
      tags: ['Search'],
      summary: 'Search the site',
      description:
        'Articles, episodes (notes, chapters, transcripts), events, sessions, chapters and people, ranked, grouped by kind, with highlighted snippets. Without `kind`: the best 5 of each kind; with it: pages of 20. Any text is a valid query.',
      request: { query: searchQuery },
      responses: { 200: jsonResponse('Results grouped by kind, the best group first', searchOutput) },
    }),
    async (c) => {
      const input = c.req.valid('query')
      const locale = c.var.locale
      const answer = await search(deps, { ...input, readerLanguage: locale })
      return c.json(
        {
          query: input.q,
          groups: answer.groups.map((g) => ({
            kind: g.kind,
            total: g.total,
            more: g.more,
            results: g.results.map((r) => ({
              kind: r.kind,
              id: r.refId,
              language: r.language,
              url: `${deps.config.baseUrl}/${locale}${r.path}`,
              title: plain(r.title),
              snippet: plain(r.snippet),
              titleParts: r.title,
              snippetParts: r.snippet,
              score: r.score,
            })),
          })),
          page: answer.page,
          pages: answer.pages,
        },
        200,
      )
    },
  )
  return api
}
