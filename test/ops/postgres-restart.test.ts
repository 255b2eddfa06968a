import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { createApiToken } from '../../src/features/accounts/index.ts'
import { createAdministrator, currentRoles } from '../../src/features/people/index.ts'
import { openDatabase } from '../../src/platform/db/client.ts'
import { postgresAvailable, startPrivateCluster } from '../support/postgres.ts'
import { type HearthProcess, startHearthProcess } from '../support/server.ts'
import { decodeMail, startSmtpSink } from '../support/smtp.ts'

const run = await postgresAvailable('the PostgreSQL restart test', { binaries: true })

describe('PostgreSQL restarted under a running Hearth', { skip: !run }, () => {
  let cluster: Awaited<ReturnType<typeof startPrivateCluster>>
  let server: HearthProcess
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>
  let token = ''
  let handle = ''
  after(async () => {
    if (process.env.DEBUG_OPS) process.stderr.write(server?.output() ?? '')
    await server?.stop('SIGKILL')
    cluster?.destroy()
    await smtp?.close()
  })

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { headers, redirect: 'manual' })

  it('serves pages and the API on a private cluster', async () => {
    cluster = await startPrivateCluster()
    const url = await cluster.createDatabase('hearth')
    smtp = await startSmtpSink()
    server = await startHearthProcess({ DATABASE_URL: url, SMTP_URL: smtp.url, LOG_LEVEL: 'warn' })
    assert.equal((await get('/en/people')).status, 200)
    const api = await get('/api/v1/sigs')
    assert.equal(api.status, 200)
    assert.equal(((await api.json()) as unknown[]).length, 1)
    const database = await openDatabase({ kind: 'postgres', url, max: 1 })
    try {
      const deps = { db: database.db, now: () => new Date() }
      const admin = await createAdministrator(deps, 'ops@hearth.test')
      handle = admin.handle
      const roles = await currentRoles(deps, admin.id)
      token = (await createApiToken(deps, { personId: admin.id, roles }, 'ops')).token
    } finally {
      await database.close()
    }
  })

  const grant = () =>
    fetch(`${server.url}/api/v1/people/${handle}/roles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'contributor' }),
    })

  it('fails cleanly while PostgreSQL is down: translated 503 pages, problem+json, /readyz 503, /healthz 200', async () => {
    cluster.stop()
    // An anonymous reader's page may still come from the page cache for the second in which its
    // content generation is trusted; after that every page needs the database.
    await new Promise((r) => setTimeout(r, 1100))
    for (const [path, message] of [
      ['/en/people', 'The database is not reachable right now'],
      ['/zh/people', '暂时无法连接数据库'],
      ['/en/people/anyone', 'The database is not reachable right now'],
    ] as const) {
      const res = await get(path)
      assert.equal(res.status, 503, path)
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/)
      assert.ok(res.headers.get('retry-after'))
      assert.match(await res.text(), new RegExp(message))
    }
    for (const path of ['/api/v1/people', '/api/v1/sigs']) {
      const res = await get(path, { accept: 'application/json' })
      assert.equal(res.status, 503, path)
      assert.equal(res.headers.get('content-type'), 'application/problem+json')
      const body = (await res.json()) as { status: number; title: string; detail: string }
      assert.equal(body.status, 503)
      assert.match(body.detail, /not reachable/)
    }
    // A write with a valid token fails the same way, not as a bad token.
    const write = await grant()
    assert.equal(write.status, 503)
    assert.equal(write.headers.get('content-type'), 'application/problem+json')
    const ready = await get('/readyz')
    assert.equal(ready.status, 503)
    assert.deepEqual(await ready.json(), { status: 'database unreachable' })
    assert.equal((await get('/healthz')).status, 200)
    // Let the job queue poll into the outage (every 2 s); the process must survive it.
    await new Promise((r) => setTimeout(r, 2500))
    assert.equal(server.child.exitCode, null, `hearth exited:\n${server.output()}`)
    assert.equal((await get('/healthz')).status, 200)
    assert.doesNotMatch(server.output(), /"level":"error","msg":"unhandled error"/)
  })

  it('recovers when PostgreSQL is back, without a restart of Hearth', async () => {
    const pid = server.child.pid
    cluster.start()
    const deadline = Date.now() + 15_000
    while ((await get('/readyz')).status !== 200) {
      assert.ok(Date.now() < deadline, `not ready again:\n${server.output()}`)
      await new Promise((r) => setTimeout(r, 200))
    }
    assert.equal((await get('/en/people')).status, 200)
    assert.equal((await get('/zh/people')).status, 200)
    assert.equal((await get('/api/v1/sigs')).status, 200)
    assert.equal((await grant()).status, 201)
    // The job queue is back too: the grant's notification goes out.
    const mail = await smtp.waitFor('ops@hearth.test', /\/people\//)
    assert.match(decodeMail(mail.raw), new RegExp(`${server.url}/zh/people/${handle}`))
    assert.equal(server.child.pid, pid)
    assert.equal(server.child.exitCode, null)
    assert.equal(await server.stop(), 0, server.output())
  })
})
