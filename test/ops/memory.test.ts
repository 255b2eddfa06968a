// Hearth fits a 1 GB machine (issue 13): limits on the server process's resident memory, read
// from the kernel (VmHWM: the peak since the process image started, which `hearth serve`'s
// re-execution with its V8 flags resets), and at first start on its preparing process's too. Memory, not time: the figures hold on any machine.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { freePort, type HearthProcess, node, root, startHearthProcess } from '../support/server.ts'

const PEAK_MIB = 512
const IDLE_MIB = 300

function memoryMiB(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)![1])
  return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 }
}

const children = (pid: number) =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ').filter(Boolean).map(Number)

describe('memory of the embedded database', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-memory-'))
  const env = { DATA_DIR: dataDir, DEMO: '1' }
  const servers: HearthProcess[] = []
  after(async () => {
    for (const s of servers) await s.stop('SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('starts on an empty data directory, with the demo, within 512 MiB for the server and its preparing process together, and rests within 300 MiB', async () => {
    const server = await startHearthProcess(env, { timeoutMs: 120_000 })
    servers.push(server)
    assert.equal((await fetch(`${server.url}/en/people`)).status, 200)
    const memory = memoryMiB(server.child.pid!)
    // The preparing process has exited: its peak is what it reported (getrusage's maxrss, the
    // kernel's VmHWM). Both peaks added up bound what the two ever held at once.
    const childPeak = Number(
      /embedded database prepared in a child process.*"peakRssMiB":(\d+)/.exec(server.output())?.[1],
    )
    assert.ok(childPeak > 0, 'the preparing process reported its peak')
    assert.doesNotMatch(server.output(), /initdb/, 'the shipped empty cluster was unpacked')
    assert.ok(
      memory.peak + childPeak <= PEAK_MIB,
      `peaks at first start: server ${memory.peak.toFixed(0)} + preparing process ${childPeak} MiB`,
    )
    assert.ok(memory.now <= IDLE_MIB, `${memory.now.toFixed(0)} MiB resident after first start`)
    assert.equal(await server.stop(), 0)
  })

  it('restarts on the migrated directory without a preparing process, within the same limits', async () => {
    const server = await startHearthProcess(env, { timeoutMs: 60_000 })
    servers.push(server)
    assert.equal((await fetch(`${server.url}/en/people`)).status, 200)
    const memory = memoryMiB(server.child.pid!)
    assert.doesNotMatch(server.output(), /prepared in a child process/)
    assert.ok(memory.peak <= PEAK_MIB, `peak ${memory.peak.toFixed(0)} MiB at restart`)
    assert.ok(memory.now <= IDLE_MIB, `${memory.now.toFixed(0)} MiB resident after restart`)
    assert.equal(await server.stop(), 0)
  })
})

describe('a start killed while the embedded database is being prepared', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearth-prepare-kill-'))
  after(() => rmSync(dataDir, { recursive: true, force: true }))

  it('starts again and finishes the preparation: migrations, founding SIG and demo all there', async () => {
    // Kill the server and its preparing child at several moments of the preparation.
    for (const delayMs of [300, 1500, 3000]) {
      const port = await freePort()
      const child = spawn(node, ['bin/hearth.js', 'serve'], {
        cwd: root,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          DEMO: '1',
          DATA_DIR: dataDir,
          PORT: String(port),
          LOG_LEVEL: 'warn',
        },
        stdio: 'ignore',
      })
      const exited = new Promise((r) => child.once('exit', r))
      let preparing: number[] = []
      for (let i = 0; i < 200 && preparing.length === 0 && child.exitCode === null; i++) {
        await new Promise((r) => setTimeout(r, 25))
        try {
          preparing = children(child.pid!)
        } catch {}
      }
      await new Promise((r) => setTimeout(r, delayMs))
      // Stopped first, the server forks nothing more: a preparing process started since the loop
      // above (a busy machine starts slowly) is among its children now, and none is left running.
      try {
        process.kill(child.pid!, 'SIGSTOP')
        preparing = [...new Set([...preparing, ...children(child.pid!)])]
      } catch {}
      for (const pid of [child.pid!, ...preparing])
        try {
          process.kill(pid, 'SIGKILL')
        } catch {}
      await exited
    }
    const server = await startHearthProcess({ DATA_DIR: dataDir, DEMO: '1' }, { timeoutMs: 120_000 })
    try {
      const people = await fetch(`${server.url}/en/people`)
      assert.equal(people.status, 200)
      assert.match(await people.text(), /Fawei/, 'the demo people are there')
      assert.equal((await fetch(`${server.url}/readyz`)).status, 200)
    } finally {
      assert.equal(await server.stop(), 0)
    }
  })
})
