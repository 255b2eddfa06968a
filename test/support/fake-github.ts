import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'

const fixtures = join(import.meta.dirname, '../fixtures/github')
const load = (name: string) => JSON.parse(readFileSync(join(fixtures, name), 'utf8'))

/**
 * GitHub cannot run here, so a loopback server replays its documented payloads at the
 * network edge: the OAuth token exchange and the user endpoints.
 */
export async function startFakeGithub() {
  const state = {
    user: load('user.json') as Record<string, unknown>,
    emails: load('user-emails.json') as unknown[],
    validCode: 'the-code',
    tokenRequests: [] as URLSearchParams[],
  }
  const token = load('access-token.json') as { access_token: string }
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake')
    let body = ''
    for await (const chunk of req) body += chunk
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
      res.end(JSON.stringify(value))
    }
    if (req.method === 'POST' && url.pathname === '/login/oauth/access_token') {
      const params = new URLSearchParams(body)
      state.tokenRequests.push(params)
      if (params.get('code') !== state.validCode) {
        return json(200, {
          error: 'bad_verification_code',
          error_description: 'The code passed is incorrect or expired.',
        })
      }
      return json(200, token)
    }
    const authorised = req.headers.authorization === `Bearer ${token.access_token}`
    if (url.pathname === '/api/v3/user')
      return authorised ? json(200, state.user) : json(401, { message: 'Bad credentials' })
    if (url.pathname === '/api/v3/user/emails')
      return authorised ? json(200, state.emails) : json(401, { message: 'Bad credentials' })
    json(404, { message: 'Not Found' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    state,
    url: `http://127.0.0.1:${port}`,
    apiUrl: `http://127.0.0.1:${port}/api/v3`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
