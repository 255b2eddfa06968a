import { access, constants, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { loadDemo } from '../demo.ts'
import { createApiToken } from '../features/accounts/index.ts'
// Not through activity's index.ts yet: the CLI is the operator, so it adds scope without an actor.
import { type ArchiveProgress, importArchive } from '../features/activity/activity.archive.ts'
import { insertScope, selectScope } from '../features/activity/activity.repo.ts'
import { loadScope } from '../features/activity/activity.service.ts'
import { issueForms } from '../features/applications/applications.service.ts'
import { articleFilesFrom } from '../features/articles/articles.import.files.ts'
import { type ImportIssue, languageOf, whereOf } from '../features/articles/articles.import.rules.ts'
import { importArticles } from '../features/articles/articles.import.ts'
import { communityNamesFrom } from '../features/community/index.ts'
import '../features/chapters/index.ts'
import { createAdministrator, currentRoles } from '../features/people/index.ts'
import { ensureFoundingSig } from '../features/people/people.demo.ts'
import { queueImport, runImport } from '../features/podcast/podcast.import.ts'
import { importInput } from '../features/podcast/podcast.inputs.ts'
import { rebuildSearch } from '../features/search/index.ts'
import '../search-sources.ts'
import { type Config, ConfigError } from '../platform/config.ts'
import { readBackup, writeBackup } from '../platform/db/backup.ts'
import { appliedMigrations, type Database, expectedMigrations, migrate } from '../platform/db/client.ts'
import { forgetPrepared } from '../platform/db/prepare.ts'
import { InvalidInput } from '../platform/errors.ts'
import { lacksSecureContext } from '../platform/http/secure-origin.ts'
import { isHttpUrl } from '../platform/http/url.ts'
import { articleImportEn } from '../platform/i18n/articles/import.en.ts'
import type { Logger } from '../platform/log.ts'
import { machineMemory, memoryAdvice } from '../platform/runtime/memory.ts'
import { openConfiguredDatabase, startHearth } from '../server.ts'

type Context = {
  config: Config
  log: Logger
  args: string[]
  options: {
    email?: string | undefined
    name?: string | undefined
    replace?: boolean | undefined
    lang?: string | undefined
    again?: boolean | undefined
    slug?: string | undefined
    hosts?: string | undefined
    'base-url'?: string | undefined
  }
}

const out = (line: string) => process.stdout.write(`${line}\n`)
const fail = (line: string) => {
  process.stderr.write(`${line}\n`)
  return 1
}

/** Opens the configured database, migrated, for one command; always closes it (and the PGlite lock). */
async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(config)
  try {
    await migrate(database)
    return await work(database)
  } finally {
    await database.close()
  }
}

const now = () => new Date()

const githubLogin = /^[a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38}$/i
const githubRepo = /^[a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38}\/[\w.-]{1,100}$/i

/**
 * One progress line on stderr: rewritten in place on a terminal, otherwise (a log file, a cron
 * mail) a line every few seconds so the output stays readable.
 */
function progressLine() {
  const tty = Boolean(process.stderr.isTTY)
  let last = performance.now()
  let shown = false
  return {
    show(p: ArchiveProgress) {
      const t = performance.now()
      if (t - last < (tty ? 200 : 5000)) return
      last = t
      const rate = Math.round(p.events / Math.max(p.elapsedMs / 1000, 0.001))
      const line = `${p.file}: ${p.events} events (${rate}/s), ${p.matched} matched, ${p.stored} stored`
      process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`)
      shown = true
    },
    done() {
      if (tty && shown) process.stderr.write('\r\x1b[K')
      shown = false
      last = performance.now()
    },
  }
}

export const commands = {
  async serve({ config, log }: Context) {
    // Listening for signals before starting: a stop asked for while the server is still coming
    // up (it answers before the job queue is ready) waits for the start, then stops cleanly.
    const signalled = new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'))
      process.once('SIGTERM', () => resolve('SIGTERM'))
    })
    const running = await startHearth(config, log)
    log.info('signal received', { signal: await signalled })
    try {
      await running.stop()
    } catch (err) {
      log.error('shutdown failed', { err })
    }
    return 0
  },

  async migrate({ config }: Context) {
    await withDatabase(config, async (database) =>
      out(`Migrations applied: ${await appliedMigrations(database.db)} of ${expectedMigrations()}`),
    )
    return 0
  },

  async 'admin create'({ config, options }: Context) {
    if (!options.email || !/^[^\s@]+@[^\s@]+$/.test(options.email))
      return fail('Give the administrator’s address: --email you@example.org')
    const email = options.email
    await withDatabase(config, async (database) => {
      const deps = { db: database.db, now, config }
      await ensureFoundingSig(deps)
      const person = await createAdministrator(deps, email)
      out(
        `${email} (@${person.handle}) is an administrator. Sign in at ${config.baseUrl}/en/sign-in with an e-mail code.`,
      )
    })
    return 0
  },

  async 'token create'({ config, options }: Context) {
    if (!options.email) return fail('Whose token? --email person@example.org')
    const email = options.email
    return withDatabase(config, async (database) => {
      const rows = await database.query<{ id: string }>(
        'select id from people where lower(email) = lower($1)',
        [email],
      )
      const personId = rows[0]?.id
      if (!personId) return fail(`Nobody has the address ${email}`)
      const roles = await currentRoles({ db: database.db }, personId)
      const { token } = await createApiToken(
        { db: database.db, now },
        { personId, roles },
        options.name ?? 'cli',
      )
      out(token)
      return 0
    })
  },

  async backup({ config, args }: Context) {
    const file = args[0]
    if (!file) return fail('Where to? hearth backup FILE')
    await withDatabase(config, async (database) => {
      const { tables, rows } = await writeBackup(database, file)
      out(`Wrote ${rows} rows from ${tables} tables to ${file}`)
    })
    return 0
  },

  async restore({ config, args, options }: Context) {
    const file = args[0]
    if (!file) return fail('From where? hearth restore FILE [--replace]')
    try {
      await access(file, constants.R_OK)
    } catch {
      return fail(`Cannot read ${file}`)
    }
    await withDatabase(config, async (database) => {
      const { tables, rows } = await readBackup(database, file, { replace: Boolean(options.replace) })
      // The next start rebuilds the statistics rollups: a child process does it (memory).
      if (database.kind === 'pglite') forgetPrepared(config.dataDir)
      out(`Restored ${rows} rows into ${tables} tables`)
    })
    return 0
  },

  async demo({ config }: Context) {
    await withDatabase(config, async (database) => {
      const deps = { db: database.db, now, config }
      await ensureFoundingSig(deps)
      out(
        (await loadDemo(deps))
          ? 'Demo content loaded.'
          : 'The database already has people; demo content is only loaded into an empty one.',
      )
    })
    return 0
  },

  async 'activity scope'({ config, args }: Context) {
    const [verb, kind, name] = args
    if (verb === 'list')
      return withDatabase(config, async (database) => {
        const scope = await selectScope(database.db)
        if (scope.length === 0) out('Nothing is tracked yet: hearth activity scope add org NAME')
        for (const s of scope) out(`${s.kind}\t${s.name}`)
        return 0
      })
    if (verb !== 'add' || !name || (kind !== 'org' && kind !== 'repo'))
      return fail('Usage: hearth activity scope add org NAME | add repo OWNER/NAME | list')
    if (!(kind === 'org' ? githubLogin : githubRepo).test(name))
      return fail(`Not a GitHub ${kind === 'org' ? 'organisation' : 'repository (owner/name)'}: ${name}`)
    return withDatabase(config, async (database) => {
      const added = await insertScope(database.db, { kind, name, createdBy: null })
      out(added ? `Tracking ${kind} ${name}` : `Already tracked: ${kind} ${name}`)
      return 0
    })
  },

  async 'activity import'({ config, args, options }: Context) {
    if (args.length === 0)
      return fail('Which files? hearth activity import FILE_OR_URL… (GH Archive .json.gz)')
    return withDatabase(config, async (database) => {
      const deps = { db: database.db, now, config }
      const scope = await loadScope(deps)
      if (scope.length === 0)
        return fail(
          'Nothing is tracked yet, so nothing would be imported: hearth activity scope add org NAME',
        )
      const progress = progressLine()
      let unfinished = 0
      for (const source of args) {
        const result = await importArchive(deps, source, {
          scope,
          again: Boolean(options.again),
          onProgress: progress.show,
        })
        progress.done()
        const seconds = (result.elapsedMs / 1000).toFixed(1)
        const counts = `${result.events} events, ${result.matched} in scope, ${result.stored} new contributions, ${result.malformed} malformed lines`
        if (result.status === 'already-imported')
          out(`${result.file}: already imported, skipped (--again imports it once more)`)
        else if (result.status === 'finished') out(`${result.file}: ${counts} (${seconds}s)`)
        else {
          unfinished++
          out(`${result.file}: NOT FINISHED, ${result.error}; kept ${counts}. Import it again to finish it.`)
        }
      }
      return unfinished ? 1 : 0
    })
  },

  async 'podcast import'({ config, args, options }: Context) {
    const [source] = args
    if (!source) return fail('From where? hearth podcast import FEED_URL_OR_FILE [--slug SLUG] [--hosts A,B]')
    const remote = /^https?:\/\//i.test(source)
    let feedXml: string | null = null
    if (!remote)
      try {
        feedXml = await readFile(source, 'utf8')
      } catch {
        return fail(`Cannot read ${source}`)
      }
    const parsed = importInput.safeParse({
      sourceUrl: remote ? source : '',
      feedXml,
      slug: options.slug ?? '',
      hosts: (options.hosts ?? '').split(',').join('\n'),
    })
    if (!parsed.success)
      return fail(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'))
    return withDatabase(config, async (database) => {
      const deps = { db: database.db, now, config, communityNames: communityNamesFrom(config) }
      let row: Awaited<ReturnType<typeof queueImport>>
      try {
        row = await queueImport(deps, null, parsed.data, { running: true })
      } catch (e) {
        if (!(e instanceof InvalidInput)) throw e
        return fail(e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'))
      }
      const tty = Boolean(process.stderr.isTTY)
      let last = 0
      let lastDone = -1
      const result = await runImport(deps, row, {
        // A line whenever an episode is done; between, the download's progress (rewritten in
        // place on a terminal, every few seconds in a log).
        onProgress(p) {
          const t = performance.now()
          if (p.done === lastDone && t - last < (tty ? 200 : 5000)) return
          last = t
          lastDone = p.done
          const mb = p.bytes ? ` (${(p.bytes / 1048576).toFixed(1)} MB)` : ''
          const line = `${p.done}/${p.total} episodes${p.current ? `, now: ${p.current}${mb}` : ''}`
          process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`)
        },
      })
      if (tty) process.stderr.write('\r\x1b[K')
      if (result.status === 'failed') return fail(`Import failed: ${result.failure}`)
      const leftOut = result.problems.filter((p) => p.skipped).length
      out(
        `Read ${result.done} of ${result.total} new episodes: ${result.done - leftOut} imported, ${leftOut} left out (import again to retry them)`,
      )
      for (const p of result.problems) out(`  ${p.item}: ${p.problem}${p.detail ? ` (${p.detail})` : ''}`)
      return 0
    })
  },

  async 'articles import'({ config, args, options }: Context) {
    if (args.length === 0) return fail('What to import? hearth articles import DIR_OR_FILE… [--lang zh|en]')
    const language = options.lang ? languageOf(options.lang) : undefined
    if (language === null) return fail(`--lang is zh or en, not ${options.lang}`)
    const assetBase = options['base-url']
    if (assetBase !== undefined && !isHttpUrl(assetBase))
      return fail(`--base-url is the http(s) address the posts were published at, not ${assetBase}`)
    // Read before the database is opened: a folder on a slow disk does not hold the data directory.
    const { files, skipped, missing } = await articleFilesFrom(args)
    if (missing.length) return fail(`Cannot read ${missing.join(', ')}`)
    if (files.length === 0 && skipped.length === 0)
      return fail(`No Markdown files (.md) in ${args.join(', ')}`)
    return withDatabase(config, async (database) => {
      const tty = Boolean(process.stderr.isTTY)
      let last = 0
      const report = await importArticles({ db: database.db, now, config }, files, {
        ...(language ? { language } : {}),
        assetBase: assetBase ?? null,
        onProgress(p) {
          const t = performance.now()
          if (t - last < (tty ? 200 : 5000) && p.done < p.total) return
          last = t
          const line = `${p.done}/${p.total} files, now: ${p.file}`
          process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`)
        },
      })
      if (tty) process.stderr.write('\r\x1b[K')
      report.skipped.unshift(...skipped)
      for (const l of report.imported) out(`imported   ${l.file} → /${l.language}/articles/${l.slug}`)
      for (const l of report.updated) out(`updated    ${l.file} → /${l.language}/articles/${l.slug}`)
      // The operator reads English: the reasons are the console's words, after file:line.
      const reason = (i: ImportIssue) =>
        `${whereOf(i)}: ${articleImportEn.problems[i.problem]}${i.detail ? ` (${i.detail})` : ''}`
      for (const s of report.skipped) out(`SKIPPED    ${reason(s)}`)
      for (const w of report.warnings) out(`warning    ${reason(w)}`)
      out(
        `${report.imported.length} imported, ${report.updated.length} updated, ${report.unchanged.length} unchanged, ${report.skipped.length} skipped`,
      )
      return report.skipped.length ? 1 : 0
    })
  },

  async doctor({ config }: Context) {
    let problems = 0
    const check = (ok: boolean, label: string, detail: string) => {
      if (!ok) problems++
      out(`${ok ? 'ok  ' : 'FAIL'}  ${label}: ${detail}`)
    }
    check(Number(process.versions.node.split('.')[0]) >= 24, 'node', process.versions.node)
    check(
      !lacksSecureContext(config.baseUrl),
      'base url',
      lacksSecureContext(config.baseUrl)
        ? `${config.baseUrl} is plain HTTP on a host that is not localhost: browsers will not keep the sign-in cookies there, so every form says it has expired. Serve the site over HTTPS and set BASE_URL to its https:// address`
        : config.baseUrl,
    )
    const memory = memoryAdvice(machineMemory(), config.databaseUrl ? 'postgres' : 'pglite', {
      rssBytes: process.memoryUsage.rss(),
      peakBytes: process.resourceUsage().maxRSS * 1024,
    })
    // A warning, not a failure: the machine may have swap, and a restart needs much less.
    out(`${memory.ok ? 'ok  ' : 'WARN'}  memory: ${memory.line}`)
    if (!config.databaseUrl) {
      try {
        await access(config.dataDir, constants.W_OK)
        check(true, 'data directory', config.dataDir)
      } catch {
        check(true, 'data directory', `${config.dataDir} (will be created)`)
      }
    }
    try {
      // Looks, never changes: doctor opens the database without applying migrations.
      const database = await openConfiguredDatabase(config)
      try {
        const applied = await appliedMigrations(database.db)
        check(
          applied === expectedMigrations(),
          'database',
          `${database.kind}, migrations ${applied}/${expectedMigrations()}${applied < expectedMigrations() ? ' (run hearth migrate, or start the server)' : ''}`,
        )
      } finally {
        await database.close()
      }
    } catch (e) {
      check(false, 'database', e instanceof ConfigError ? e.problems.join('; ') : (e as Error).message)
    }
    if (config.smtpUrl) {
      // Loaded here, as mail.ts does, so that no command holds nodemailer without mail to check.
      const nodemailer = (await import('nodemailer')).default
      const transport = nodemailer.createTransport(config.smtpUrl)
      try {
        await transport.verify()
        check(true, 'mail', 'SMTP server answers')
      } catch (e) {
        check(false, 'mail', `SMTP server: ${(e as Error).message}`)
      } finally {
        transport.close()
      }
    } else {
      check(true, 'mail', 'no SMTP_URL: mail goes to the log and the console outbox')
    }
    check(true, 'github sign-in', config.github ? `enabled (${config.githubUrl})` : 'off')
    return problems ? 1 : 0
  },

  async 'search rebuild'({ config }: Context) {
    await withDatabase(config, async (database) => {
      const counts = await rebuildSearch({ db: database.db, now, config })
      for (const [kind, n] of Object.entries(counts)) out(`${kind}: ${n}`)
    })
    return 0
  },

  async 'applications issue-forms'({ config, args, options }: Context) {
    const [dir] = args
    const lang = options.lang ?? 'zh'
    if (!dir || (lang !== 'zh' && lang !== 'en'))
      return fail(
        'Where to? hearth applications issue-forms DIR [--lang zh|en] (DIR: .github/ISSUE_TEMPLATE)',
      )
    await mkdir(dir, { recursive: true })
    await withDatabase(config, async (database) => {
      for (const form of await issueForms({ db: database.db }, lang)) {
        await writeFile(join(dir, form.file), form.yaml)
        process.stdout.write(`${join(dir, form.file)}\n`)
      }
    })
    return 0
  },
}
