import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { postgresAdminUrl, postgresReachable, withDatabase } from './db.ts'
import { freePort } from './server.ts'

/**
 * Whether the PostgreSQL parts of a suite can run. Elsewhere than CI a missing server (or
 * missing server binaries) is a loud skip; in CI it is a failure.
 */
export async function postgresAvailable(what: string, needs: { binaries?: boolean } = {}): Promise<boolean> {
  const missing = !(await postgresReachable())
    ? `PostgreSQL is not reachable at ${postgresAdminUrl()}`
    : needs.binaries && !postgresBinDir()
      ? 'no PostgreSQL server binaries in /usr/lib/postgresql/*/bin'
      : undefined
  if (!missing) return true
  if (process.env.CI) throw new Error(`CI needs PostgreSQL for ${what}: ${missing}`)
  process.stderr.write(`\n!!! ${missing}: ${what} is SKIPPED !!!\n\n`)
  return false
}

function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin/pg_ctl')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] ? join(root, versions[0], 'bin') : undefined
}

/**
 * A private PostgreSQL cluster in a temp directory, on a free loopback port with trust auth,
 * that a test may stop and start at will. The server refuses to run as root, so as root it
 * runs as the `postgres` user.
 */
export async function startPrivateCluster() {
  const bin = postgresBinDir()
  if (!bin) throw new Error('no PostgreSQL server binaries in /usr/lib/postgresql/*/bin')
  const dir = mkdtempSync(join(tmpdir(), 'hearth-pgcluster-'))
  const asRoot = process.getuid?.() === 0
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }))
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }))
    chownSync(dir, uid, gid)
  }
  const run = (tool: string, args: string[]) => {
    const [command, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
      : [join(bin, tool), args]
    const result = spawnSync(command, argv, { encoding: 'utf8', timeout: 60_000 })
    if (result.status !== 0)
      throw new Error(`${tool} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`)
  }
  const data = join(dir, 'data')
  const port = await freePort()
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'])
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`
  const start = () =>
    run('pg_ctl', ['start', '-D', data, '-w', '-t', '30', '-l', join(dir, 'log'), '-o', options])
  start()
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`
  let running = true
  return {
    port,
    url,
    /** A new database in this cluster. */
    async createDatabase(name: string) {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        await client.query(`create database "${name}"`)
      } finally {
        await client.end()
      }
      return withDatabase(url, name)
    },
    start() {
      start()
      running = true
    },
    /** As an operator would for a restart: `pg_ctl stop -m fast` (clients are disconnected). */
    stop() {
      run('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w'])
      running = false
    },
    destroy() {
      if (running) run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w'])
      running = false
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
