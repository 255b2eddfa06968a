// History from GH Archive hourly files (https://www.gharchive.org/): gzipped, one event per line,
// about 200,000 events an hour, of which a community's own are a handful. Files are streamed,
// never held whole, and lines that cannot concern the tracked scope are skipped before parsing.
import { constants, createReadStream } from 'node:fs'
import { access } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { StringDecoder } from 'node:string_decoder'
import { createGunzip } from 'node:zlib'
import type { Deps } from '../../platform/deps.ts'
import { OutgoingFailed, openOutgoing, outgoingGuard } from '../../platform/http/outgoing.ts'
import { beginArchiveImport, endArchiveImport } from './activity.archive.repo.ts'
import {
  type Contribution,
  contributionFromArchiveEvent,
  inScope,
  type ScopeEntry,
} from './activity.rules.ts'
import { storeContributions } from './activity.service.ts'

export type ArchiveProgress = {
  /** The file's base name: the key that makes an import happen once. */
  file: string
  /** Complete lines read so far. */
  lines: number
  /** Well-formed event lines (malformed ones excluded). */
  events: number
  /** Lines that passed the scope pre-filter and were parsed as JSON. */
  parsed: number
  /** Events of a tracked organisation or repository. */
  matched: number
  /** Contributions found in matched events (bots and ones already stored included). */
  found: number
  /** Contributions new to the database. */
  stored: number
  malformed: number
  elapsedMs: number
}

export type ArchiveResult = ArchiveProgress &
  (
    | { status: 'finished' }
    | { status: 'already-imported' }
    /** Stopped (a truncated file, a lost download): what was read is kept; run it again to finish. */
    | { status: 'failed'; error: string }
  )

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/**
 * A case-insensitive test that is true for every line whose repository is in scope (and for a few
 * more: it also sees nested `"name"`s, which parsing then sorts out). Event lines are compact JSON
 * with the repository as `"repo":{"id":…,"name":"owner/name",…}`. Null when nothing is tracked.
 */
export function scopePrefilter(scope: ScopeEntry[]): RegExp | null {
  if (scope.length === 0) return null
  const slash = '\\\\?/'
  const names = scope.map((s) => {
    const [owner = '', repo = ''] = s.name.split('/')
    return s.kind === 'org'
      ? `${escapeRegExp(s.name)}${slash}`
      : `${escapeRegExp(owner)}${slash}${escapeRegExp(repo)}"`
  })
  return new RegExp(`"name"\\s*:\\s*"(?:${names.join('|')})`, 'i')
}

/** The key under which a file's import is recorded: 2025-03-20-21.json.gz for a path or a URL. */
export const archiveFileName = (source: string) =>
  /^https?:\/\//i.test(source) ? basename(new URL(source).pathname) : basename(source)

/** An hourly file is tens of megabytes; anything far past that is not one. */
const ARCHIVE_MAX_BYTES = 1024 * 1024 * 1024

async function openSource(
  deps: { config: Pick<Deps['config'], 'outgoingAllowed'> },
  source: string,
): Promise<Readable> {
  if (!/^https?:\/\//i.test(source)) return createReadStream(source)
  // Through the outgoing guard: a URL given to the command reaches only public addresses and
  // the operator's allowed networks. The detail is for the operator, who runs the command.
  try {
    const res = await openOutgoing(outgoingGuard(deps.config), source, {
      maxBytes: ARCHIVE_MAX_BYTES,
      timeoutMs: 30 * 60_000,
    })
    return res.body
  } catch (e) {
    if (e instanceof OutgoingFailed)
      throw new Error(`${source} could not be fetched (${e.reason}: ${e.detail})`)
    throw e
  }
}

/** A line that cannot be an event object is malformed without parsing it. */
const looksLikeObject = (line: string) => line.startsWith('{') && line.endsWith('}')

/**
 * Imports one GH Archive file (a path or an http(s) URL). Idempotent: a finished file is skipped
 * (unless `again`), contributions have natural keys, so importing twice stores nothing new. A
 * file that stops early (truncated, download lost) keeps what was read, records the error and
 * stays unfinished, so the next run imports it again (from the start; stored ones are not doubled).
 */
export async function importArchive(
  deps: Pick<Deps, 'db' | 'now'> & { config: Pick<Deps['config'], 'outgoingAllowed'> },
  source: string,
  options: {
    scope: ScopeEntry[]
    onProgress?: (progress: ArchiveProgress) => void
    again?: boolean
    batchSize?: number
  },
): Promise<ArchiveResult> {
  const started = performance.now()
  const progress: ArchiveProgress = {
    file: archiveFileName(source),
    lines: 0,
    events: 0,
    parsed: 0,
    matched: 0,
    found: 0,
    stored: 0,
    malformed: 0,
    elapsedMs: 0,
  }
  const report = () => {
    progress.elapsedMs = performance.now() - started
    options.onProgress?.({ ...progress })
  }
  const isUrl = /^https?:\/\//i.test(source)
  // A local file that is not there is a mistyped argument, not an import to record.
  if (!isUrl)
    try {
      await access(source, constants.R_OK)
    } catch (e) {
      progress.elapsedMs = performance.now() - started
      return { ...progress, status: 'failed', error: `cannot read ${source}: ${(e as Error).message}` }
    }
  const scopeKeys = options.scope.map((s) => `${s.kind}:${s.name.toLowerCase()}`).sort()
  if (
    !(await beginArchiveImport(deps.db, progress.file, deps.now(), {
      scope: scopeKeys,
      again: options.again,
    }))
  ) {
    progress.elapsedMs = performance.now() - started
    return { ...progress, status: 'already-imported' }
  }

  const prefilter = scopePrefilter(options.scope)
  const batchSize = options.batchSize ?? 500
  let batch: Contribution[] = []
  const flush = async () => {
    if (batch.length === 0) return
    const found = batch
    batch = []
    progress.stored += (
      await storeContributions(deps, found, { scope: options.scope, source: 'archive' })
    ).size
    report()
  }
  const take = (raw: string) => {
    const line = raw.trim()
    if (line === '') return
    progress.lines++
    if (!looksLikeObject(line)) {
      progress.malformed++
      return
    }
    if (!prefilter?.test(line)) {
      progress.events++
      return
    }
    let event: unknown
    try {
      progress.parsed++
      event = JSON.parse(line)
    } catch {
      progress.malformed++
      return
    }
    progress.events++
    const repoName = (event as { repo?: { name?: unknown } }).repo?.name
    if (typeof repoName !== 'string' || !inScope(options.scope, repoName)) return
    progress.matched++
    const found = contributionFromArchiveEvent(event)
    if (!found) return
    progress.found++
    batch.push(found)
  }

  const counts = () => ({ events: progress.events, matched: progress.matched, malformed: progress.malformed })
  try {
    let rest = ''
    // pipeline, not pipe: a failing source (missing file, lost download) must fail the import too.
    await pipeline(
      await openSource(deps, source),
      createGunzip(),
      async (gunzipped: AsyncIterable<Buffer>) => {
        const utf8 = new StringDecoder('utf8')
        for await (const chunk of gunzipped) {
          const data = rest + utf8.write(chunk)
          let start = 0
          for (let nl = data.indexOf('\n'); nl !== -1; nl = data.indexOf('\n', start)) {
            take(data.slice(start, nl))
            start = nl + 1
            if (batch.length >= batchSize) await flush()
            else if (progress.lines % 10_000 === 0) report()
          }
          rest = data.slice(start)
        }
        rest += utf8.end()
      },
    )
    // The stream ended cleanly, so a last line without a newline is complete.
    take(rest)
    await flush()
  } catch (e) {
    // The lines read completely before the failure are good: keep them.
    await flush()
    const error = `stopped after line ${progress.lines}: ${(e as Error).message}`
    await endArchiveImport(deps.db, progress.file, counts(), { error })
    report()
    return { ...progress, status: 'failed', error }
  }
  await endArchiveImport(deps.db, progress.file, counts(), { finishedAt: deps.now() })
  report()
  return { ...progress, status: 'finished' }
}
