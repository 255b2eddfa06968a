import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { after, before } from 'node:test'
import { desc } from 'drizzle-orm'
import { createApp } from '../../src/app.ts'
import { loadDemo } from '../../src/demo.ts'
import type { CommunityRole } from '../../src/features/access/index.ts'
import { startSession } from '../../src/features/accounts/index.ts'
import { communityNamesFrom } from '../../src/features/community/index.ts'
import { grantRole } from '../../src/features/people/index.ts'
import { insertPerson } from '../../src/features/people/people.repo.ts'
import { loadConfig } from '../../src/platform/config.ts'
import { mailOutbox, roleGrants } from '../../src/platform/db/schema.ts'
import type { Deps } from '../../src/platform/deps.ts'
import { inlineJobs } from '../../src/platform/jobs/jobs.ts'
import { createLogger, type LogLevel } from '../../src/platform/log.ts'
import { serveApp } from '../../src/server.ts'
import { type Backend, freshDatabase, type TestDatabase } from './db.ts'

export const BASE_URL = 'http://hearth.test'

export type TestApp = Awaited<ReturnType<typeof makeTestApp>>

/**
 * What the app runs on in a test: the configuration (with `env` over the defaults), the
 * database, a clock (the real one unless given), a logger (silent unless told) and jobs run inline.
 */
export function testDeps(
  database: Pick<TestDatabase, 'db'>,
  options: { env?: Record<string, string>; now?: () => Date; log?: LogLevel } = {},
): Deps {
  const config = loadConfig({ BASE_URL, DATA_DIR: '/nonexistent', LOG_LEVEL: 'silent', ...options.env })
  return {
    config,
    db: database.db,
    now: options.now ?? (() => new Date()),
    log: createLogger(options.log ?? 'silent'),
    jobs: inlineJobs([]),
    communityNames: communityNamesFrom(config),
  }
}

/**
 * The demo site for the tests of the suite (describe) that calls this: the demo content on a
 * fresh database and the app over it, ready before the suite's own `before` hooks, dropped after it.
 */
export function demoSite(backend: Backend, options: { log?: LogLevel } = {}) {
  const site = {} as { app: ReturnType<typeof createApp>; deps: Deps }
  let database: TestDatabase | undefined
  before(async () => {
    database = await freshDatabase(backend)
    const deps = testDeps(database, options)
    assert.equal(await loadDemo(deps), true)
    Object.assign(site, { deps, app: createApp(deps, { pageCacheCheckMs: 0 }) })
  })
  after(() => database?.dispose())
  return site
}

/** The whole app on a fresh database, driven through app.request() (no sockets). */
export async function makeTestApp(backend: Backend, env: Record<string, string> = {}) {
  const database: TestDatabase = await freshDatabase(backend)
  after(() => database.dispose())
  let clock: Date | null = null
  const deps = testDeps(database, { env, now: () => clock ?? new Date() })
  // Tests read the generation on every request, so a page always shows the latest writes.
  const app = createApp(deps, { pageCacheCheckMs: 0 })
  const superuser = await makePerson(deps, { handle: 'root-admin', email: 'root@hearth.test' })
  await deps.db.insert(roleGrants).values({ personId: superuser.id, role: 'administrator' })
  return {
    app,
    deps,
    database,
    superuser,
    setNow(date: Date | null) {
      clock = date
    },
    client: () => new TestClient(app),
    /** The same app behind the production HTTP server on a free loopback port; `get` fetches from it. */
    async listen() {
      const server = serveApp(app, 0, '127.0.0.1')
      await new Promise<void>((resolve) => server.once('listening', () => resolve()))
      after(() => new Promise<void>((resolve) => server.close(() => resolve())))
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const request = (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, init)
      return {
        base,
        request,
        get: (path: string, headers: Record<string, string> = {}) => request(path, { headers }),
      }
    },
    async lastMailTo(address: string) {
      const rows = await deps.db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt))
      return rows.find((r) => r.to === address)
    },
    /** A browser already signed in as `person`. */
    async clientAs(personId: string) {
      const client = new TestClient(app)
      const { token } = await startSession(deps, personId, 'test')
      client.cookies.set('__Host-hearth_session', token)
      return client
    },
    async grant(personId: string, role: CommunityRole, sigId: string | null = null) {
      const actor = { personId: superuser.id, roles: [{ role: 'administrator', sigId: null }] }
      return grantRole(deps, actor, personId, { role, sigId, note: null })
    },
  }
}

let seq = 0
export async function makePerson(
  deps: Pick<Deps, 'db'>,
  overrides: Partial<Parameters<typeof insertPerson>[1]> = {},
) {
  seq++
  return insertPerson(deps.db, {
    handle: `person-${process.pid}-${seq}`,
    nameEn: `Person ${seq}`,
    nameZh: `成员${seq}`,
    // A member as most tests mean one: listed. Privacy tests sign in or pass `profilePublic: false`.
    profilePublic: true,
    ...overrides,
  })
}

type App = ReturnType<typeof createApp>

/** A cookie-keeping client, like a browser: forms carry the CSRF token and the Origin header. */
export class TestClient {
  readonly cookies = new Map<string, string>()
  private readonly app: App
  constructor(app: App) {
    this.app = app
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';')
      const i = pair.indexOf('=')
      const name = pair.slice(0, i).trim()
      const value = pair.slice(i + 1).trim()
      const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a))
      if (expired || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return res
  }

  async request(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers)
    if (this.cookies.size && !headers.has('cookie')) headers.set('cookie', this.cookieHeader())
    return this.keep(await this.app.request(`${BASE_URL}${path}`, { ...init, headers }))
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request(path, { headers })
  }

  /** Submits a form as a browser would: loads a page first if no CSRF cookie yet. */
  async postForm(path: string, fields: Record<string, string>, options: { csrf?: string | null } = {}) {
    if (!this.cookies.has('__Host-hearth_csrf')) await this.get('/en/sign-in')
    const body = new URLSearchParams(fields)
    const token = options.csrf === undefined ? this.cookies.get('__Host-hearth_csrf') : options.csrf
    if (token) body.set('_csrf', token)
    return this.request(path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE_URL },
    })
  }

  /** Submits a form with a file, as a browser does: the CSRF field first, then the other fields, then the file. */
  async postMultipart(
    path: string,
    fields: Record<string, string>,
    file: { field: string; filename: string; bytes: Uint8Array; type: string },
    options: { csrf?: string | null } = {},
  ) {
    if (!this.cookies.has('__Host-hearth_csrf')) await this.get('/en/sign-in')
    const body = new FormData()
    const token = options.csrf === undefined ? this.cookies.get('__Host-hearth_csrf') : options.csrf
    if (token) body.append('_csrf', token)
    for (const [k, v] of Object.entries(fields)) body.append(k, v)
    // A file input left empty is sent as a part with an empty name and no bytes.
    body.append(
      file.field,
      new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }),
      file.filename,
    )
    return this.request(path, { method: 'POST', body, headers: { origin: BASE_URL } })
  }

  async api(method: string, path: string, body?: unknown, token?: string) {
    if (!token && this.cookies.has('__Host-hearth_session') && !this.cookies.has('__Host-hearth_csrf'))
      await this.get('/en/sign-in')
    const headers: Record<string, string> = { accept: 'application/json' }
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (token) headers.authorization = `Bearer ${token}`
    if (!token && this.cookies.has('__Host-hearth_csrf'))
      headers['x-csrf-token'] = this.cookies.get('__Host-hearth_csrf')!
    return this.request(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  }
}
