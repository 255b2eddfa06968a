import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'

export class DataDirLockedError extends Error {
  readonly pid: number
  constructor(dir: string, pid: number) {
    super(
      `Another Hearth process (pid ${pid}) owns the data directory ${dir}. ` +
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
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export function readLock(dir: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'hearth.lock'), 'utf8')) as LockInfo
  } catch {
    return undefined
  }
}

/**
 * One owner per PGlite data directory: two WASM Postgres instances on the same files
 * corrupt them. A lock left by a killed process (its pid is gone) is taken over.
 */
export function lockDataDir(dir: string): { release(): void } {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, 'hearth.lock')
  for (let attempt = 0; attempt < 3; attempt++) {
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
      const holder = readLock(dir)
      if (holder && holder.host === hostname() && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new DataDirLockedError(dir, holder.pid)
      }
      if (holder && holder.host !== hostname()) throw new DataDirLockedError(dir, holder.pid)
      rmSync(path, { force: true })
    }
  }
  throw new Error(`Could not take the lock on ${dir}`)
}
