import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from '../platform/config.ts'
import { BackupError } from '../platform/db/backup.ts'
import { DataDirLockedError } from '../platform/db/lock.ts'
import { createLogger } from '../platform/log.ts'
import { commands } from './commands.ts'

const usage = `Usage: hearth <command> [options]

Commands:
  serve                         start the server (what \`npm start\` runs)
  migrate                       apply pending database migrations
  admin create --email ADDRESS  make the person with this address an administrator (created if new)
  token create --email ADDRESS [--name NAME]
                                create a personal API token for that person and print it once
  backup FILE                   write a backup (gzip'd JSON lines) of the whole database
  restore FILE [--replace]      load a backup into this database (PGlite or PostgreSQL)
  demo                          load the demo content into an empty database
  search rebuild                index everything search finds again (after a restore, or to
                                check the index; changes are indexed as they happen)
  doctor                        check configuration, database, mail and GitHub settings
  activity scope add org NAME | activity scope add repo OWNER/NAME | activity scope list
                                the organisations and repositories whose activity counts
  activity import FILE_OR_URL… [--again]
                                import history from GH Archive hourly files (.json.gz); a file
                                already imported is skipped unless --again
  applications issue-forms DIR [--lang zh|en]
                                write the GitHub issue form of every application type into DIR
                                (a repository's .github/ISSUE_TEMPLATE)
  podcast import FEED_URL_OR_FILE [--slug SLUG] [--hosts HANDLE,HANDLE]
                                move a show in from its RSS feed (audio and art are downloaded);
                                run it again to pick up new episodes only
  articles import DIR_OR_FILE… [--lang zh|en] [--base-url URL]
                                import Markdown posts (Hugo or Jekyll front matter) as they are;
                                run it again to update them, nothing is duplicated; relative
                                images are read from --base-url, where the posts were published

Configuration comes from environment variables and .env (see docs/operations.md).`

export async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      replace: { type: 'boolean', default: false },
      again: { type: 'boolean', default: false },
      lang: { type: 'string' },
      slug: { type: 'string' },
      hosts: { type: 'string' },
      'base-url': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  const [command, sub, ...rest] = positionals
  if (!command || values.help) {
    process.stdout.write(`${usage}\n`)
    return command ? 0 : 1
  }
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`)
      return 2
    }
    throw e
  }
  const log = createLogger(command === 'serve' ? config.logLevel : 'warn')
  const twoWords = ['admin', 'token', 'activity', 'applications', 'podcast', 'search', 'articles'].includes(
    command,
  )
  const key = twoWords ? `${command} ${sub ?? ''}` : command
  const run = commands[key as keyof typeof commands]
  if (!run) {
    process.stderr.write(`Unknown command: ${[command, sub].filter(Boolean).join(' ')}\n\n${usage}\n`)
    return 1
  }
  const args = twoWords ? rest : [sub, ...rest].filter((a): a is string => Boolean(a))
  try {
    return await run({ config, log, args, options: values })
  } catch (e) {
    if (e instanceof DataDirLockedError || e instanceof BackupError) {
      process.stderr.write(`${e.message}\n`)
      return 3
    }
    // Found only when used: a database that does not answer, a data directory or port that cannot be had.
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`)
      return 2
    }
    throw e
  }
}
