import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'

export class DataDirLockedError extends Error {
  readonly pid: number
  constructor(dir: string, pid: number, host?: string) {
    super(
      host
        ? `A Hearth process on another machine (${host}, pid ${pid}) owns the data directory ${dir}. ` +
            `If that machine or container is gone for good, delete ${join(dir, 'hearth.lock')} and start again.`
        : `Another Hearth process (pid ${pid}) owns the data directory ${dir}. ` +
            'Stop it first, or point DATA_DIR elsewhere. Only one process may open the embedded database.',
    )
    this.name = 'DataDirLockedError'
    this.pid = pid
  }
}

type LockInfo = { pid: number; host: string; since: string; port?: number }

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
  return !isZombie(pid)
}

/**
 * A process killed while its parent died too stays a zombie until an init reaps it, and a
 * container's first process often never does: signal 0 still reaches it, but it holds nothing.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The state follows the command name, which is in parentheses and may hold spaces.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
    return state === 'Z' || state === 'X'
  } catch {
    return false
  }
}

export function readLock(dir: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'hearth.lock'), 'utf8')) as LockInfo
  } catch {
    return undefined
  }
}

/** A lock file that cannot be read yet is being written by its creator: give it this long. */
const UNREADABLE_GRACE_MS = 5_000
/** A takeover guard older than this was left by a process that died mid-takeover. */
const STALE_GUARD_MS = 5_000

type Holder = { state: 'held'; pid: number; host?: string } | { state: 'stale' | 'busy' | 'gone' }

function inspect(path: string): Holder {
  let text: string
  let age: number
  try {
    age = Date.now() - statSync(path).mtimeMs
    text = readFileSync(path, 'utf8')
  } catch {
    return { state: 'gone' }
  }
  let holder: LockInfo
  try {
    holder = JSON.parse(text) as LockInfo
  } catch {
    // Created (exclusively) but not yet written; left empty by a crash only if it stays so.
    return { state: age < UNREADABLE_GRACE_MS ? 'busy' : 'stale' }
  }
  // Another machine's process cannot be checked (a shared file system): it holds the lock.
  if (holder.host !== hostname()) return { state: 'held', pid: holder.pid, host: holder.host }
  // Our own pid in a lock we did not take is a previous life of this pid (a restarted container).
  if (holder.pid !== process.pid && isAlive(holder.pid)) return { state: 'held', pid: holder.pid }
  return { state: 'stale' }
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

/**
 * Removes a stale lock. Only one process at a time may do so (the guard directory), and it
 * checks again under the guard: a process that judged the lock stale a moment ago must not
 * delete the fresh lock a faster process has put in its place.
 */
function removeStaleLock(path: string): void {
  const guard = `${path}.takeover`
  try {
    mkdirSync(guard)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    try {
      if (Date.now() - statSync(guard).mtimeMs > STALE_GUARD_MS)
        rmSync(guard, { recursive: true, force: true })
    } catch {}
    return
  }
  try {
    if (inspect(path).state === 'stale') rmSync(path, { force: true })
  } finally {
    rmSync(guard, { recursive: true, force: true })
  }
}

/**
 * One owner per PGlite data directory: two WASM Postgres instances on the same files
 * corrupt them. The lock file is created exclusively; a lock left by a killed process (its
 * pid is gone) is taken over. Many processes starting at once still end with one owner.
 */
export function lockDataDir(dir: string): { release(): void } {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, 'hearth.lock')
  const deadline = Date.now() + UNREADABLE_GRACE_MS + STALE_GUARD_MS + 5_000
  while (Date.now() < deadline) {
    try {
      const fd = openSync(path, 'wx')
      const info: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString() }
      writeSync(fd, JSON.stringify(info))
      closeSync(fd)
      return {
        release() {
          if (readLock(dir)?.pid === process.pid) rmSync(path, { force: true })
        },
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    }
    const holder = inspect(path)
    if (holder.state === 'held') throw new DataDirLockedError(dir, holder.pid, holder.host)
    if (holder.state === 'stale') removeStaleLock(path)
    else if (holder.state === 'busy') pause(10)
    // Whoever removed it, the next exclusive create decides who owns the directory.
    pause(Math.random() * 5)
  }
  throw new Error(`Could not take the lock on ${dir}`)
}
