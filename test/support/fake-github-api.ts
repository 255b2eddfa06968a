import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'

const fixtures = join(import.meta.dirname, '../fixtures/github/rest')
const load = (name: string) => JSON.parse(readFileSync(join(fixtures, name), 'utf8'))

export type ApiRequest = {
  method: string
  path: string
  query: URLSearchParams
  ifNoneMatch: string | null
  authorization: string | null
  /** Parsed JSON of a POST or PATCH. */
  body: unknown
  status: number
}

/**
 * GitHub's REST API at the network edge, replaying its documented example shapes for
 * octocat/Hello-World and an organisation octo-org (two repositories, one per page). Lists honour
 * `since` (items updated at or after it), answer 304 to a matching If-None-Match, and the server
 * can be told to answer 403 with `x-ratelimit-remaining: 0` after a number of requests.
 */
export async function startFakeGithubApi() {
  const state = {
    requests: [] as ApiRequest[],
    /** Writes (comments, issue updates) still answered 502 before GitHub recovers. */
    failWrites: 0,
    /** Requests still answered before the rate limit hits; null: never. */
    rateLimitAfter: null as number | null,
    /** x-ratelimit-reset of the 403 (epoch seconds). */
    rateLimitReset: 1_303_992_000,
    issues: load('repo-issues.json') as { updated_at: string }[],
    issueComments: load('repo-issue-comments.json') as ({ updated_at: string } & Record<string, unknown>)[],
    reviewComments: load('repo-pull-comments.json') as { updated_at: string }[],
  }
  // Paths are matched case-insensitively, as GitHub matches owner and repository names.
  const single: Record<string, unknown> = {
    '/repos/octocat/hello-world': load('repo.json'),
    '/repos/octocat/hello-world/issues/1347': load('issue-1347.json'),
    '/repos/octocat/hello-world/pulls/1348': load('pull-1348.json'),
  }
  const orgPages = [load('org-repos-page-1.json'), load('org-repos-page-2.json')]
  const orgRepos = new Set(['octo-org/alpha', 'octo-org/beta'])

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake')
    const path = url.pathname.replace(/^\/api\/v3/, '').toLowerCase()
    const ifNoneMatch = req.headers['if-none-match'] ?? null
    const method = req.method ?? 'GET'
    let body: unknown = null
    if (method === 'POST' || method === 'PATCH') {
      const chunks: Buffer[] = []
      for await (const chunk of req) chunks.push(chunk as Buffer)
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null')
    }
    const authorization = req.headers.authorization ?? null
    const log = (status: number) =>
      state.requests.push({ method, path, query: url.searchParams, ifNoneMatch, authorization, body, status })
    const send = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      log(status)
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      res.end(JSON.stringify(value))
    }
    if (state.rateLimitAfter !== null && state.rateLimitAfter-- <= 0)
      return send(
        403,
        { message: 'API rate limit exceeded', documentation_url: 'https://docs.github.com/rest' },
        {
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(state.rateLimitReset),
        },
      )
    const list = (items: { updated_at: string }[], headers: Record<string, string> = {}) => {
      const since = url.searchParams.get('since')
      const body = JSON.stringify(
        items
          .filter((i) => !since || i.updated_at >= since.replace(/\.\d+Z$/, 'Z'))
          .sort((a, b) => a.updated_at.localeCompare(b.updated_at)),
      )
      const etag = `W/"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`
      if (ifNoneMatch === etag) {
        log(304)
        res.writeHead(304, { etag })
        return res.end()
      }
      send(200, JSON.parse(body), { etag, ...headers })
    }
    const base = `http://${req.headers.host}/api/v3`
    if (path === '/orgs/octo-org/repos') {
      const page = Number(url.searchParams.get('page') ?? '1')
      const next = new URLSearchParams(url.searchParams)
      next.set('page', '2')
      const link = `<${base}/orgs/octo-org/repos?${next}>; rel="next", <${base}/orgs/octo-org/repos?${next}>; rel="last"`
      return send(200, orgPages[page - 1] ?? [], page === 1 ? { link } : {})
    }
    // Writes answer with the documented example objects, changed as the request asks.
    const write = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)(\/comments)?$/.exec(path)
    if (write && (method === 'POST' || method === 'PATCH')) {
      if (!authorization) return send(401, { message: 'Requires authentication' })
      if (state.failWrites > 0) {
        state.failWrites--
        return send(502, { message: 'Server Error' })
      }
      const input = body as Record<string, unknown>
      if (method === 'POST' && write[2]) return send(201, { ...state.issueComments[0], body: input.body })
      if (method === 'PATCH' && !write[2])
        return send(200, {
          ...(single['/repos/octocat/hello-world/issues/1347'] as object),
          ...input,
          number: Number(write[1]),
        })
    }
    const m = /^\/repos\/([^/]+\/[^/]+)\/(issues|issues\/comments|pulls\/comments)$/.exec(path)
    if (m && m[1] === 'octocat/hello-world')
      return list(
        {
          issues: state.issues,
          'issues/comments': state.issueComments,
          'pulls/comments': state.reviewComments,
        }[m[2] as 'issues'],
      )
    if (m && orgRepos.has(m[1]!)) return list([])
    if (path in single) return send(200, single[path])
    send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    state,
    apiUrl: `http://127.0.0.1:${port}/api/v3`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
