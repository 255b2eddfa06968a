import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { DataDirLockedError, lockDataDir, readLock } from '../../src/platform/db/lock.ts'
import { node, root } from '../support/server.ts'

/** Starts `count` processes that all reach for the lock at the same instant; returns what each got. */
async function race(dir: string, count: number): Promise<string[]> {
  const startAt = Date.now() + 4000
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<string>((resolve, reject) => {
          const child = spawn(
            node,
            [
              '--import',
              './src/platform/runtime/register.ts',
              'test/support/lock-contender.ts',
              dir,
              String(startAt),
              '1000',
            ],
            { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
          )
          let out = ''
          child.stdout.on('data', (d) => (out += d))
          child.once('error', reject)
          child.once('exit', () => resolve(out.trim()))
        }),
    ),
  )
}

describe('the data-directory lock', { concurrency: true }, () => {
  const dirs: string[] = []
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-lock-'))
    dirs.push(dir)
    return dir
  }

  it('takes over an empty lock file a crash left behind, never another machine’s lock', () => {
    const dir = fresh()
    const path = join(dir, 'hearth.lock')
    writeFileSync(path, '')
    const past = new Date(Date.now() - 60_000)
    utimesSync(path, past, past)
    const lock = lockDataDir(dir)
    assert.equal(readLock(dir)?.pid, process.pid)
    lock.release()
    assert.equal(existsSync(path), false)

    writeFileSync(path, JSON.stringify({ pid: 4242, host: 'another-machine', since: past.toISOString() }))
    assert.throws(() => lockDataDir(dir), DataDirLockedError)
    assert.equal(readLock(dir)?.host, 'another-machine')
  })

  it('takes over a lock whose process is a zombie nobody reaped, and not one whose process lives', async (t) => {
    if (process.platform !== 'linux') return t.skip('reads /proc')
    // `sleep 0` exits at once; the shell's `exec` leaves it to a parent that never waits for it.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    after(() => parent.kill('SIGKILL'))
    const zombie = Number(
      await new Promise<string>((resolve) => parent.stdout.once('data', (d) => resolve(String(d)))),
    )
    await new Promise((r) => setTimeout(r, 200))
    const dir = fresh()
    const path = join(dir, 'hearth.lock')
    writeFileSync(path, JSON.stringify({ pid: zombie, host: hostname(), since: new Date().toISOString() }))
    const lock = lockDataDir(dir)
    assert.equal(readLock(dir)?.pid, process.pid)
    lock.release()
    writeFileSync(
      path,
      JSON.stringify({ pid: parent.pid, host: hostname(), since: new Date().toISOString() }),
    )
    assert.throws(() => lockDataDir(dir), DataDirLockedError)
  })

  for (const [situation, prepare] of [
    ['an unlocked directory', (_dir: string) => {}],
    [
      'a lock left by a killed process',
      (dir: string) =>
        writeFileSync(
          join(dir, 'hearth.lock'),
          JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), since: new Date().toISOString() }),
        ),
    ],
  ] as const) {
    it(`lets exactly one of many processes starting at once take ${situation}`, async () => {
      const trials = await Promise.all(
        [0, 1].map(async () => {
          const dir = fresh()
          prepare(dir)
          return { dir, results: await race(dir, 5) }
        }),
      )
      for (const { dir, results } of trials) {
        assert.ok(!results.includes('late'), 'the processes did not start in time for the race')
        assert.equal(results.filter((r) => r === 'won').length, 1, results.join(', '))
        assert.deepEqual(
          results.filter((r) => r !== 'won'),
          Array(4).fill('DataDirLockedError'),
        )
        assert.equal(existsSync(join(dir, 'hearth.lock')), false, 'the winner released its lock')
      }
    })
  }
})
