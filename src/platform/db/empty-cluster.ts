// The embedded database's empty cluster, made ahead of time. Creating a PostgreSQL cluster in
// PGlite runs initdb as a second PostgreSQL instance inside the WebAssembly heap: 550–650 MiB for a
// moment, whatever the settings, which alone broke a first start on a 1 GB machine. So the cluster
// initdb makes (no migrations, no data) ships as `empty-cluster.tar.gz`, made by our own code from
// the pinned PGlite (`npm run db:empty-cluster`), and a first start unpacks it instead; the JSON
// beside it names the PGlite version and settings that made it, and a start falls back to initdb
// when they are not the ones in use (`npm run bench:memory`, bench/README.md).
import { createHash } from 'node:crypto'
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { constants, createGunzip, gzipSync } from 'node:zlib'

export const emptyClusterFile = join(import.meta.dirname, 'empty-cluster.tar.gz')
const infoFileOf = (archive: string) => archive.replace(/\.tar\.gz$/, '.json')

/** What the JSON beside the archive says about it. */
export type EmptyClusterInfo = {
  /** The PGlite version whose initdb made it: another version may need another catalogue. */
  pglite: string
  /** PG_VERSION inside it. */
  postgres: string
  /** The settings initdb wrote into its postgresql.conf (client.ts's `pgliteSettings`). */
  settings: string[]
  sha256: string
  madeBy: string
}

/** The PGlite in node_modules, which opens the cluster. */
export function installedPgliteVersion(): string {
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'))
  const pkg = JSON.parse(readFileSync(join(dirname(entry), '../package.json'), 'utf8')) as { version: string }
  return pkg.version
}

export function readEmptyClusterInfo(archive = emptyClusterFile): EmptyClusterInfo {
  return JSON.parse(readFileSync(infoFileOf(archive), 'utf8')) as EmptyClusterInfo
}

/** Why the shipped cluster cannot be used here, or undefined when it can. */
export function emptyClusterProblem(settings: string[], archive = emptyClusterFile): string | undefined {
  if (!existsSync(archive) || !existsSync(infoFileOf(archive))) return `${archive} or its JSON is missing`
  let info: EmptyClusterInfo
  try {
    info = readEmptyClusterInfo(archive)
  } catch (e) {
    return `${infoFileOf(archive)} cannot be read (${(e as Error).message})`
  }
  const pglite = installedPgliteVersion()
  if (info.pglite !== pglite) return `it was made by PGlite ${info.pglite}, this is PGlite ${pglite}`
  if (JSON.stringify(info.settings) !== JSON.stringify(settings))
    return `it was made with other settings (${info.settings.join(' ')})`
  if (sha256(readFileSync(archive)) !== info.sha256) return `${archive} does not match its checksum`
  return undefined
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/**
 * Writes the cluster's files into `target`, a directory that must not exist yet. Streamed, a file
 * at a time: the 40 MB it unpacks to, held at once, stayed resident in the preparing process.
 */
export async function unpackEmptyCluster(target: string, archive = emptyClusterFile) {
  mkdirSync(target, { mode: 0o700 })
  let pending: Buffer = Buffer.alloc(0)
  let file: { fd: number; left: number; padding: number } | undefined
  let done = false
  const gunzip = createReadStream(archive).pipe(createGunzip())
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      let buf = pending.length ? Buffer.concat([pending, chunk]) : chunk
      while (buf.length > 0 && !done) {
        if (file) {
          const take = Math.min(file.left + file.padding, buf.length)
          const data = Math.min(take, file.left)
          if (data > 0) writeSync(file.fd, buf, 0, data)
          file.padding -= take - data
          file.left -= data
          buf = buf.subarray(take)
          if (file.left === 0 && file.padding === 0) {
            closeSync(file.fd)
            file = undefined
          }
          continue
        }
        if (buf.length < 512) break
        const entry = tarEntry(buf.subarray(0, 512))
        buf = buf.subarray(512)
        if (!entry) {
          done = true
          break
        }
        const path = join(target, entry.name)
        if (relative(target, path).startsWith('..'))
          throw new Error(`${archive}: ${entry.name} leaves the directory`)
        if (entry.directory) mkdirSync(path, { recursive: true, mode: 0o700 })
        else {
          const fd = openSync(path, 'wx', 0o600)
          if (entry.size === 0) closeSync(fd)
          else file = { fd, left: entry.size, padding: (512 - (entry.size % 512)) % 512 }
        }
      }
      pending = Buffer.from(buf)
    }
  } finally {
    if (file) closeSync(file.fd)
    gunzip.destroy()
  }
  if (!done || file) throw new Error(`${archive} ends before its last file`)
}

/**
 * A POSIX ustar archive of a directory: directories and regular files, in name order, with no
 * owner or time (a cluster's files are all PostgreSQL needs), so `tar tzf` can read it too.
 */
export function writeTar(dir: string): Buffer {
  const blocks: Buffer[] = []
  const walk = (from: string) => {
    for (const name of readdirSync(from).sort()) {
      const path = join(from, name)
      const rel = relative(dir, path).split(sep).join('/')
      const stat = statSync(path)
      if (stat.isDirectory()) {
        blocks.push(tarHeader(`${rel}/`, 0, '5'))
        walk(path)
      } else {
        const data = readFileSync(path)
        blocks.push(tarHeader(rel, data.length, '0'), data, Buffer.alloc((512 - (data.length % 512)) % 512))
      }
    }
  }
  walk(dir)
  blocks.push(Buffer.alloc(1024))
  return Buffer.concat(blocks)
}

function tarHeader(name: string, size: number, type: '0' | '5'): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`${name}: longer than a tar name`)
  const h = Buffer.alloc(512)
  const octal = (value: number, at: number, width: number) =>
    h.write(`${value.toString(8).padStart(width - 1, '0')}\0`, at, 'ascii')
  h.write(name, 0, 'utf8')
  octal(type === '5' ? 0o700 : 0o600, 100, 8)
  octal(0, 108, 8)
  octal(0, 116, 8)
  octal(size, 124, 12)
  octal(0, 136, 12)
  h.write('        ', 148, 'ascii')
  h.write(type, 156, 'ascii')
  h.write('ustar\x0000', 257, 'ascii')
  let sum = 0
  for (const byte of h) sum += byte
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii')
  return h
}

/** A ustar header: the entry it starts, or undefined for the zero block that ends the archive. */
function tarEntry(h: Buffer): { name: string; directory: boolean; size: number } | undefined {
  if (h.every((b) => b === 0)) return undefined
  const text = (at: number, width: number) => h.toString('utf8', at, at + width).replace(/\0.*$/s, '')
  let sum = 0
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!
  if (sum !== Number.parseInt(text(148, 8), 8)) throw new Error('empty cluster archive: bad header checksum')
  const prefix = text(345, 155)
  const name = (prefix ? `${prefix}/` : '') + text(0, 100)
  const type = text(156, 1)
  if (type !== '0' && type !== '' && type !== '5')
    throw new Error(`empty cluster archive: ${name} is not a file`)
  return { name, directory: type === '5', size: type === '5' ? 0 : Number.parseInt(text(124, 12), 8) }
}

/**
 * `npm run db:empty-cluster`: runs initdb once with the pinned PGlite and our settings, shuts the
 * cluster down cleanly, and writes the archive and its JSON. Run it after upgrading PGlite or
 * changing `pgliteSettings` (a test fails until then; starts meanwhile fall back to initdb).
 */
export async function makeEmptyCluster(archive = emptyClusterFile): Promise<EmptyClusterInfo> {
  const { PGlite } = await import('@electric-sql/pglite')
  const { pgliteSettings, pgliteStartParams } = await import('./client.ts')
  const work = mkdtempSync(join(tmpdir(), 'hearth-empty-cluster-'))
  try {
    const dir = join(work, 'pg')
    const pg = await PGlite.create({
      dataDir: dir,
      startParams: pgliteStartParams,
      initDbStartParams: pgliteSettings.flatMap((s) => ['-c', s]),
    })
    await pg.close()
    const gz = gzipSync(writeTar(dir), { level: constants.Z_BEST_COMPRESSION })
    const info: EmptyClusterInfo = {
      pglite: installedPgliteVersion(),
      postgres: readFileSync(join(dir, 'PG_VERSION'), 'utf8').trim(),
      settings: pgliteSettings,
      sha256: sha256(gz),
      madeBy:
        'npm run db:empty-cluster (src/platform/db/empty-cluster.ts): initdb of the pinned PGlite, no migrations, no data',
    }
    writeFileSync(archive, gz)
    writeFileSync(infoFileOf(archive), `${JSON.stringify(info, null, 2)}\n`)
    return info
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

if (process.argv[1] === import.meta.filename) {
  const info = await makeEmptyCluster()
  process.stdout.write(
    `${emptyClusterFile}: ${(statSync(emptyClusterFile).size / 1048576).toFixed(1)} MiB, PGlite ${info.pglite}, PostgreSQL ${info.postgres}\n`,
  )
}
