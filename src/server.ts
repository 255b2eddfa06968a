import { createServer, type RequestListener, type Server, type ServerOptions } from 'node:http'
import { type AddressInfo, createServer as createNetServer, type Server as NetServer } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import { createApp } from './app.ts'
import { DEMO_ADMIN_EMAIL } from './demo.ts'
import { communityNamesFrom } from './features/community/index.ts'
import { jobDefinitions } from './jobs.ts'
import { type Config, ConfigError } from './platform/config.ts'
import { type Database, migrate, openDatabase } from './platform/db/client.ts'
import { DataDirLockedError } from './platform/db/lock.ts'
import { preparation } from './platform/db/prepare.ts'
import type { Deps } from './platform/deps.ts'
import { type JobQueue, type JobRunner, startJobs } from './platform/jobs/jobs.ts'
import type { Logger } from './platform/log.ts'
import { createMailer } from './platform/mail/mail.ts'
import { sweepUnfinishedUploads } from './platform/media/media.ts'
import { settleDatabase } from './prepare.ts'

export type Running = { url: string; port: number; database: Database; stop(): Promise<void> }

/**
 * Connections the kernel holds for the server while it is busy (Node's default is 511; the kernel
 * caps it at net.core.somaxconn, 4096 on current Linux). Two thousand people registering within a
 * second on one PGlite process overflowed 511: some of their connections were reset before the
 * server could take them (bench/README.md, events); held, they wait their turn instead.
 */
const LISTEN_BACKLOG = 4096

/**
 * Sockets listening side by side on the one port (Linux's SO_REUSEPORT): Node takes one new
 * connection a socket on each turn of its event loop (libuv has accepted one at a time since 1.45),
 * and a turn lasts as long as the work it runs, so with one socket a crowd is let in one by one,
 * each served before the next is read, and nothing arriving together can be decided together. The
 * kernel spreads new connections over the sockets, and each turn takes one from every socket.
 */
const LISTENERS = process.platform === 'linux' ? 8 : 1

/** The HTTP server for the app (tests start the same one on a free port). */
export function serveApp(app: ReturnType<typeof createApp>, port: number, hostname: string) {
  const server = createAdaptorServer({
    fetch: app.fetch,
    // Kept pages (feeds polled by podcast apps, above all) are answered before the app is asked.
    createServer: ((options: ServerOptions, listener: RequestListener) =>
      createServer(options, (req, res) => {
        if (!app.answerFromCache(req, res)) listener(req, res)
      })) as typeof createServer,
  }) as Server
  // A free port the kernel picks (port 0: tests) gets one socket: a port picked for a socket that
  // shares might be one another process's sharing sockets hold already.
  const sockets = port === 0 ? 1 : LISTENERS
  const options = { host: hostname, backlog: LISTEN_BACKLOG, reusePort: sockets > 1 }
  if (sockets === 1) {
    server.listen({ ...options, port })
    return server
  }
  // Sockets that share a port also share it with another server started the same way on it: a
  // port already taken is found first with a socket that shares nothing, so that is an error.
  const probe = createNetServer()
  probe.once('error', (e) => server.emit('error', e))
  probe.listen({ port, host: hostname }, () => probe.close(() => server.listen({ ...options, port })))
  const others: NetServer[] = []
  server.once('listening', () => {
    for (let i = 1; i < sockets; i++) {
      // The HTTP server takes the connection as its own (its idle and open connections, close).
      const other = createNetServer((socket) => server.emit('connection', socket))
      // One socket fewer only lets a crowd in more slowly.
      other.once('error', () => other.close())
      other.listen({ ...options, port })
      others.push(other)
    }
  })
  const close = server.close.bind(server)
  server.close = ((callback?: (err?: Error) => void) => {
    for (const other of others) other.close()
    return close(callback)
  }) as typeof server.close
  return server
}

/**
 * Opens the database the configuration names. A server that cannot be reached or a data
 * directory that cannot be used is a configuration problem: it is reported as one, naming the
 * variable, without echoing the URL (it may hold a password).
 */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl) {
    const database = await openDatabase({ kind: 'postgres', url: config.databaseUrl })
    try {
      await database.query('select 1')
    } catch (e) {
      await database.close().catch(() => {})
      // Driver messages name host, port, user and database, not the password; make sure of it.
      const password = safeDecode(new URL(config.databaseUrl).password)
      const reason = String((e as Error).message)
      throw new ConfigError([
        `DATABASE_URL: cannot connect to PostgreSQL (${password ? reason.replaceAll(password, '***') : reason})`,
      ])
    }
    return database
  }
  try {
    return await openDatabase({ kind: 'pglite', dataDir: config.dataDir })
  } catch (e) {
    // Only file-system failures (not a directory, not writable, disk full) are the setting's fault.
    if (e instanceof DataDirLockedError || !(e as NodeJS.ErrnoException).syscall) throw e
    throw new ConfigError([`DATA_DIR: cannot use ${config.dataDir} (${(e as Error).message})`])
  }
}

function safeDecode(text: string) {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** Composition root: config → database → HTTP → listen → jobs. */
export async function startHearth(config: Config, log: Logger): Promise<Running> {
  const started = performance.now()
  let preparedDemo = false
  const preparing = preparation(config)
  if (preparing) {
    const prepared = await preparing
    preparedDemo = prepared.demoLoaded
    log.info('embedded database prepared in a child process', {
      peakRssMiB: Math.round(prepared.peakRssKb / 1024),
    })
  }
  const database = await openConfiguredDatabase(config)
  let jobs: JobRunner | undefined
  try {
    // Nothing left to do after a preparation in a child (each step finds its work done), but
    // cheap, and needed when the database is PostgreSQL or the mark was wrong.
    await migrate(database)
    const now = () => new Date()
    const base = { config, db: database.db, now, log, communityNames: communityNamesFrom(config) }
    const demoLoaded = (await settleDatabase(base)) || preparedDemo
    // An upload a crash cut off never got a row: its bytes go.
    await sweepUnfinishedUploads(config.dataDir)
    const mailer = createMailer({
      smtpUrl: config.smtpUrl,
      from: config.mailFrom,
      log: log.child({ component: 'mail' }),
    })
    // The job queue starts after the server listens (it takes a noticeable part of a cold
    // start), and keeps trying while the database is away. Nudges that come before it is up
    // are kept and sent when it is; no request waits for it.
    const earlyNudges = new Set<string>()
    const queue: JobQueue = {
      nudge: async (name) => {
        if (jobs) await jobs.nudge(name)
        else earlyNudges.add(name)
      },
    }
    const deps: Deps = { ...base, jobs: queue }
    const app = createApp(deps)

    const server = serveApp(app, config.port, config.host)
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve)
      server.once('error', (e: NodeJS.ErrnoException) =>
        reject(
          e.code === 'EADDRINUSE' || e.code === 'EACCES' || e.code === 'EADDRNOTAVAIL'
            ? new ConfigError([`PORT: cannot listen on ${config.host}:${config.port} (${e.message})`])
            : e,
        ),
      )
    })
    let stopping = false
    const jobsStarted = (async () => {
      for (let attempt = 0; !stopping; attempt++) {
        try {
          jobs = await startJobs(
            database,
            jobDefinitions({ ...base, mailer }),
            log.child({ component: 'jobs' }),
          )
          for (const name of earlyNudges) await jobs.nudge(name)
          earlyNudges.clear()
          return
        } catch (err) {
          log.warn('job queue did not start; trying again', { attempt, err })
          await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 500 * 2 ** attempt)).unref())
        }
      }
    })()
    const port = (server.address() as AddressInfo).port
    const url =
      config.baseUrl.includes(`:${config.port}`) && config.port === 0
        ? `http://localhost:${port}`
        : config.baseUrl
    log.info('hearth started', {
      url,
      database: database.kind === 'pglite' ? `embedded (${config.dataDir})` : 'postgresql',
      mail:
        mailer.via === 'smtp'
          ? 'smtp'
          : 'no SMTP server: mail and sign-in codes are written to this log and the console outbox',
      demo: demoLoaded,
      startMs: Math.round(performance.now() - started),
    })
    printBanner({ url, config, mailVia: mailer.via, demo: config.demo })

    let stopped: Promise<void> | undefined
    return {
      url,
      port,
      database,
      stop() {
        stopped ??= (async () => {
          log.info('hearth stopping: draining requests')
          await new Promise<void>((resolve) => {
            server.close(() => resolve())
            // Keep-alive connections would hold close() open; idle ones go now, busy ones finish.
            ;(server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.()
            setTimeout(() => {
              ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
            }, 10_000).unref()
          })
          stopping = true
          // A start still under way gets a moment to finish, so that it is stopped too.
          await Promise.race([jobsStarted, new Promise((resolve) => setTimeout(resolve, 5000).unref())])
          await jobs?.stop().catch((err) => log.warn('job queue did not stop cleanly', { err }))
          mailer.close()
          await database.close()
          log.info('hearth stopped')
        })()
        return stopped
      },
    }
  } catch (e) {
    await jobs?.stop().catch(() => {})
    await database.close().catch(() => {})
    throw e
  }
}

function printBanner(o: BannerFacts) {
  process.stderr.write(`${bannerLines(o).join('\n')}\n`)
}

type BannerFacts = { url: string; config: Config; mailVia: 'smtp' | 'log'; demo: boolean }

/** What a person starting Hearth reads first; every link in it must open a page (tested). */
export function bannerLines(o: BannerFacts): string[] {
  return [
    '',
    `  Hearth is running at ${o.url}/zh (中文) and ${o.url}/en (English)`,
    '',
    o.demo
      ? `  Demo administrator: sign in at ${o.url}/en/sign-in with ${DEMO_ADMIN_EMAIL}`
      : `  First administrator: run \`npx hearth admin create --email you@example.org\`, then sign in at ${o.url}/en/sign-in`,
    o.mailVia === 'log'
      ? '  No SMTP server is configured (SMTP_URL): sign-in codes are printed in this log ("mail (no SMTP server configured)").'
      : '  Sign-in codes are sent by e-mail.',
    o.config.github
      ? '  GitHub sign-in is enabled.'
      : '  GitHub sign-in is off (set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET).',
    '',
  ]
}
