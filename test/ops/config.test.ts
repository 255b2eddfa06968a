import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import pg from 'pg'
import { postgresAdminUrl, withDatabase } from '../support/db.ts'
import { postgresAvailable } from '../support/postgres.ts'
import { freePort, runHearthCli, startHearthProcess } from '../support/server.ts'

const SECRET = 'hunter2-do-not-print'
const withPostgres = await postgresAvailable('the PostgreSQL cases of the configuration test')

describe('configuration at start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-config-'))
  const cleanups: (() => unknown)[] = []
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup()
    rmSync(dir, { recursive: true, force: true })
  })

  /** A database to start on: a fresh PostgreSQL one whose URL carries a password, else a PGlite directory. */
  let databases = 0
  async function databaseEnv(): Promise<Record<string, string>> {
    if (!withPostgres) return { DATA_DIR: join(dir, `db-${databases++}`) }
    const name = `hearth_config_${process.pid}_${databases++}`
    const admin = new pg.Client({ connectionString: postgresAdminUrl() })
    await admin.connect()
    await admin.query(`create database "${name}"`)
    await admin.end()
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: postgresAdminUrl() })
      await c.connect()
      await c.query(`drop database if exists "${name}" with (force)`)
      await c.end()
    })
    // Trust authentication ignores the password, so the URL works and still carries a secret.
    const url = new URL(withDatabase(postgresAdminUrl(), name))
    url.password = SECRET
    return { DATABASE_URL: url.toString() }
  }

  /** `hearth serve` must stop at once, naming the variable, echoing no secret and no stack. */
  async function refuses(env: Record<string, string>, message: RegExp) {
    const dataDir = env.DATA_DIR ?? join(dir, `data-${Math.random().toString(36).slice(2)}`)
    const run = await runHearthCli(['serve'], { DATA_DIR: dataDir, ...env }, { timeoutMs: 60_000 })
    const shown = JSON.stringify(env)
    assert.notEqual(run.code, null, `${shown}: still running`)
    assert.equal(run.code, 2, `${shown}: exit ${run.code}\n${run.stderr}`)
    assert.match(run.stderr, message, shown)
    assert.doesNotMatch(run.stderr + run.stdout, new RegExp(SECRET), `${shown}: a secret was printed`)
    assert.doesNotMatch(run.stderr, /\n\s+at /, `${shown}: a stack trace instead of a message`)
    assert.doesNotMatch(run.stdout, /hearth started/)
    return { ...run, dataDir }
  }

  it('refuses a wrong value before touching anything, naming the variable', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ PORT: 'abc' }, /^ {2}- PORT: expected a port number \(got "abc"\)$/m],
      [
        { DATABASE_URL: `mysql://root:${SECRET}@db.example/hearth` },
        /DATABASE_URL: expected a URL starting with postgres:/,
      ],
      [{ DATABASE_URL: 'not a url' }, /DATABASE_URL: expected a URL/],
      [{ MAIL_FROM: 'nonsense' }, /MAIL_FROM: expected an e-mail address/],
      [
        { SMTP_URL: `http://mailer:${SECRET}@mail.example` },
        /SMTP_URL: expected a URL starting with smtp: or smtps:/,
      ],
      [
        { GITHUB_CLIENT_SECRET: SECRET },
        /GITHUB_CLIENT_ID: GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET must be set together/,
      ],
    ]
    const runs = await Promise.all(cases.map(([env, message]) => refuses(env, message)))
    for (const run of runs) {
      assert.match(run.stderr, /^Invalid configuration:/)
      assert.equal(existsSync(run.dataDir), false, 'a refused start created the data directory')
    }
    // A URL is never echoed, even where it holds no password.
    assert.doesNotMatch(runs[2]!.stderr, /not a url/)
  })

  it('reports a database, data directory or port it cannot use as a configuration problem', async () => {
    const closed = await freePort()
    const file = join(dir, 'a-file')
    writeFileSync(file, '')
    const busy = createServer()
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
    cleanups.push(() => new Promise((resolve) => busy.close(resolve)))
    const busyPort = (busy.address() as { port: number }).port
    const checks = [
      refuses(
        { DATABASE_URL: `postgres://postgres:${SECRET}@127.0.0.1:${closed}/hearth` },
        /DATABASE_URL: cannot connect to PostgreSQL \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)/,
      ),
      refuses({ DATA_DIR: file }, /DATA_DIR: cannot use .*a-file/),
      refuses(
        { ...(await databaseEnv()), HOST: '127.0.0.1', PORT: String(busyPort) },
        /PORT: cannot listen on 127\.0\.0\.1:\d+ .*EADDRINUSE/,
      ),
    ]
    if (withPostgres) {
      const missing = withDatabase(postgresAdminUrl(), `hearth_missing_${process.pid}`)
      checks.push(
        refuses(
          { DATABASE_URL: missing },
          /DATABASE_URL: cannot connect to PostgreSQL \(database ".*" does not exist\)/,
        ),
      )
    }
    await Promise.all(checks)
  })

  it('starts with secrets in its URLs without printing them, and an empty PORT means the default', async () => {
    const smtpUrl = `smtp://mailer:${SECRET}@127.0.0.1:${await freePort()}`
    const env = { ...(await databaseEnv()), SMTP_URL: smtpUrl, LOG_LEVEL: 'debug' }
    const server = await startHearthProcess(env)
    cleanups.push(() => server.stop('SIGKILL'))
    assert.equal((await fetch(`${server.url}/en`)).status, 200)
    assert.equal(await server.stop(), 0)
    assert.match(server.output(), /hearth started/)
    assert.doesNotMatch(server.output(), new RegExp(SECRET))

    const doctor = await runHearthCli(['doctor'], { ...env, PORT: '' })
    assert.doesNotMatch(doctor.stdout + doctor.stderr, new RegExp(SECRET))
    assert.match(doctor.stdout, /base url: http:\/\/localhost:3000$/m)
  })

  it('hearth doctor says that sign-in needs HTTPS when the site address is plain HTTP elsewhere than localhost', async () => {
    const doctor = await runHearthCli(['doctor'], {
      ...(await databaseEnv()),
      BASE_URL: 'http://community.example.org',
    })
    assert.match(
      doctor.stdout,
      /^FAIL {2}base url: http:\/\/community\.example\.org is plain HTTP .*HTTPS.*BASE_URL/m,
    )
    assert.equal(doctor.code, 1)
  })
})
