import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { PGlite } from '@electric-sql/pglite'
import { amcheck } from '@electric-sql/pglite/contrib/amcheck'
import { ADVOCACY_SIG_SLUG } from '../../src/features/people/people.demo.ts'
import { findSigBySlug, insertPerson } from '../../src/features/people/people.repo.ts'
import { openDatabase } from '../../src/platform/db/client.ts'
import { lockDataDir, readLock } from '../../src/platform/db/lock.ts'
import { type HearthProcess, runHearthCli, startHearthProcess } from '../support/server.ts'

const PEOPLE = 24
const ROUNDS = 12
/** Kill once this many writes were acknowledged: well into the stream, far from its end. */
const KILL_AFTER = 120

type Op = { kind: 'grant'; role: string; sigId: string | null } | { kind: 'profile'; round: number }
/** acked: the client got the answer; lost: sent, but the server died before answering; refused: never arrived. */
type Outcome = { op: Op; state: 'acked' | 'lost' | 'refused'; grantId?: string }
const causeCode = (e: unknown) => (e as { cause?: { code?: string } }).cause?.code

describe('the embedded database under SIGKILL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-crash-'))
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn' }
  const servers: HearthProcess[] = []
  after(async () => {
    for (const s of servers) await s.stop('SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
  })

  let token = ''
  let sigId = ''
  const handles = Array.from({ length: PEOPLE }, (_, i) => `crash-${i}`)

  it('prepares an administrator and an API token with the CLI while no server runs', async () => {
    const admin = await runHearthCli(['admin', 'create', '--email', 'ops@hearth.test'], env)
    assert.equal(admin.code, 0, admin.stderr)
    const created = await runHearthCli(['token', 'create', '--email', 'ops@hearth.test'], env)
    assert.equal(created.code, 0, created.stderr)
    token = created.stdout.trim()
    assert.match(token, /^hearth_pat_/)
    // The people the writes go to; each has an address, so every grant also writes an outbox row.
    const database = await openDatabase({ kind: 'pglite', dataDir })
    try {
      sigId = (await findSigBySlug(database.db, ADVOCACY_SIG_SLUG))!.id
      for (const [i, handle] of handles.entries())
        await insertPerson(database.db, {
          handle,
          nameEn: `Crash ${i}`,
          email: `${handle}@hearth.test`,
          // Listed from the start: a person whose first grant was cut off by the kill stays readable.
          profilePublic: true,
        })
    } finally {
      await database.close()
    }
  })

  // Each person gets a sequential chain of writes; the chains run concurrently.
  const chainFor = (): Op[] => {
    const grants: Op[] = [
      { kind: 'grant', role: 'contributor', sigId: null },
      { kind: 'grant', role: 'ambassador', sigId: null },
      { kind: 'grant', role: 'sig_member', sigId },
      { kind: 'grant', role: 'sig_lead', sigId },
      { kind: 'grant', role: 'administrator', sigId: null },
    ]
    const ops: Op[] = []
    for (let round = 1; round <= ROUNDS; round++) {
      ops.push({ kind: 'profile', round })
      const grant = grants[round - 1]
      if (grant) ops.push(grant)
    }
    return ops
  }
  const outcomes = new Map<string, Outcome[]>()

  it('keeps every acknowledged write when the server is killed mid-stream', async (t) => {
    const server = await startHearthProcess(env)
    servers.push(server)
    const pid = server.child.pid
    assert.equal(readLock(dataDir)!.pid, pid)

    let acked = 0
    let killed: Promise<unknown> | undefined
    const send = (op: Op, handle: string, i: number) =>
      op.kind === 'profile'
        ? fetch(`${server.url}/api/v1/people/${handle}/profile`, {
            method: 'PUT',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ handle, nameEn: `Crash ${i}`, cityEn: `round ${op.round}` }),
          })
        : fetch(`${server.url}/api/v1/people/${handle}/roles`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ role: op.role, sigId: op.sigId, note: 'crash test' }),
          })
    await Promise.all(
      handles.map(async (handle, i) => {
        const log: Outcome[] = []
        outcomes.set(handle, log)
        for (const op of chainFor()) {
          let status: number
          let body: { id: string }
          try {
            const res = await send(op, handle, i)
            status = res.status
            body = await res.json()
          } catch (e) {
            // A request in flight at the kill may or may not have committed.
            log.push({ op, state: causeCode(e) === 'ECONNREFUSED' ? 'refused' : 'lost' })
            return
          }
          if (status >= 300) throw new Error(`${op.kind} for ${handle}: ${status} ${JSON.stringify(body)}`)
          log.push({ op, state: 'acked', ...(op.kind === 'grant' ? { grantId: body.id } : {}) })
          if (++acked === KILL_AFTER) killed = server.stop('SIGKILL')
        }
      }),
    )
    await killed
    assert.ok(killed, 'the stream ended before the kill: raise ROUNDS')
    assert.equal(server.child.signalCode, 'SIGKILL')
    const lost = [...outcomes.values()].filter((log) => log.at(-1)?.state === 'lost').length
    assert.ok(lost > 0, 'no write was in flight at the kill: the test proves nothing')
    t.diagnostic(`${acked} writes acknowledged, ${lost} in flight at the kill`)
  })

  it('restarts on the same directory, taking over the lock the dead process left', async () => {
    // The dead server's lock file is still there, naming a pid that no longer runs.
    const stale = readLock(dataDir)!
    assert.equal(stale.pid, servers[0]!.child.pid)
    const server = await startHearthProcess(env)
    servers.push(server)
    assert.equal(readLock(dataDir)!.pid, server.child.pid)

    for (const handle of handles) {
      const log = outcomes.get(handle)!
      const person = (await (await fetch(`${server.url}/api/v1/people/${handle}`)).json()) as {
        cityEn: string
        roles: { id: string; role: string; endedAt: string | null }[]
      }
      for (const o of log.filter((o) => o.state === 'acked' && o.op.kind === 'grant')) {
        const grant = person.roles.find((r) => r.id === o.grantId)
        assert.ok(grant, `acknowledged grant ${o.grantId} of ${handle} is lost`)
        assert.equal(grant.endedAt, null)
      }
      // The profile holds the last acknowledged round, or the one in flight at the kill.
      const cityOf = (o: Outcome | undefined) => (o?.op.kind === 'profile' ? `round ${o.op.round}` : null)
      const allowed = [cityOf(log.findLast((o) => o.state === 'acked' && o.op.kind === 'profile'))]
      if (log.at(-1)!.state === 'lost') allowed.push(cityOf(log.at(-1)))
      assert.ok(
        allowed.includes(person.cityEn),
        `${handle}: city ${person.cityEn}, expected one of ${allowed}`,
      )
      // A grant in flight may have committed; nothing that never arrived exists.
      const arrived = log.filter((o) => o.op.kind === 'grant' && o.state !== 'refused').length
      assert.ok(person.roles.length <= arrived, `${handle} has grants nobody sent`)
    }
  })

  it('refuses a second server or CLI on the same directory while the first runs, naming its pid', async () => {
    const server = servers.at(-1)!
    const pid = server.child.pid!
    const [second, cli, backup] = await Promise.all([
      runHearthCli(['serve'], { ...env, PORT: '0' }, { timeoutMs: 30_000 }),
      runHearthCli(['token', 'create', '--email', 'ops@hearth.test'], env, { timeoutMs: 30_000 }),
      runHearthCli(['backup', join(dataDir, 'refused.backup')], env, { timeoutMs: 30_000 }),
    ])
    for (const run of [second, cli, backup]) {
      assert.notEqual(run.code, 0, 'a second Hearth opened the same data directory')
      assert.notEqual(run.code, null, 'a second Hearth kept running on the same data directory')
      assert.match(run.stderr, new RegExp(`Another Hearth process \\(pid ${pid}\\) owns the data directory`))
      assert.doesNotMatch(run.stdout, /hearth_pat_|Wrote/)
    }
    // The refusals left the owner's lock alone, and the owner carries on reading and writing.
    assert.equal(readLock(dataDir)!.pid, pid)
    const res = await fetch(`${server.url}/api/v1/people/${handles[0]}/profile`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ handle: handles[0], nameEn: 'Crash 0', cityEn: 'after the crash' }),
    })
    assert.equal(res.status, 200)
    const person = await (await fetch(`${server.url}/api/v1/people/${handles[0]}`)).json()
    assert.equal(person.cityEn, 'after the crash')
    assert.equal(await server.stop(), 0)
    assert.equal(readLock(dataDir), undefined, 'a clean stop removes the lock')
  })

  it('leaves a consistent database: heap and indexes check clean, no orphans, one outbox row per grant', async () => {
    const lock = lockDataDir(dataDir)
    const pg = await PGlite.create({ dataDir: join(dataDir, 'pg'), extensions: { amcheck } })
    try {
      await pg.exec('create extension if not exists amcheck')
      const checked = await pg.query<{ n: number }>(
        `select count(bt_index_check(c.oid, true))::int as n from pg_index i
         join pg_class c on c.oid = i.indexrelid
         join pg_namespace n on n.oid = c.relnamespace
         join pg_am a on a.oid = c.relam
         where n.nspname in ('public', 'pgboss', 'drizzle') and a.amname = 'btree' and c.relkind = 'i'`,
      )
      assert.ok(checked.rows[0]!.n > 5)
      const tables = await pg.query<{ name: string }>(
        `select format('%I.%I', n.nspname, c.relname) as name from pg_class c
         join pg_namespace n on n.oid = c.relnamespace
         where c.relkind = 'r' and n.nspname in ('public', 'pgboss', 'drizzle')`,
      )
      for (const { name } of tables.rows) {
        const damage = await pg.query(`select * from verify_heapam($1::regclass)`, [name])
        assert.deepEqual(damage.rows, [], `heap damage in ${name}`)
      }
      const orphans = await pg.query<{ n: number }>(
        `select count(*)::int as n from role_grants g left join people p on p.id = g.person_id where p.id is null`,
      )
      assert.equal(orphans.rows[0]!.n, 0)
      // Each grant and its notification were written in one transaction: both or neither survived.
      const mismatched = await pg.query<{ handle: string; grants: number; mails: number }>(
        `select p.handle,
           (select count(*)::int from role_grants g where g.person_id = p.id) as grants,
           (select count(*)::int from mail_outbox m where m.to = p.email) as mails
         from people p where p.handle like 'crash-%'`,
      )
      for (const row of mismatched.rows) assert.equal(row.mails, row.grants, `${row.handle}: grants vs mail`)
    } finally {
      await pg.close()
      lock.release()
    }
  })
})
