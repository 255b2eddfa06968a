import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'

export const root = join(import.meta.dirname, '../..')
/** The Node 24 that npm installed for the project (the machine's own may be older). */
export const node = join(root, 'node_modules/.bin/node')

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export type HearthProcess = {
  url: string
  child: ChildProcess
  /** Everything the process wrote, for assertions and for debugging a failure. */
  output(): string
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/** Starts a real `hearth serve` process and waits until /readyz answers. */
export async function startHearthProcess(
  env: Record<string, string>,
  options: { timeoutMs?: number } = {},
): Promise<HearthProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort()
  const url = env.BASE_URL ?? `http://127.0.0.1:${port}`
  let output = ''
  const child = spawn(node, ['bin/hearth.js', 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DEMO: '0',
      ...env,
      PORT: String(port),
      BASE_URL: url,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const deadline = Date.now() + (options.timeoutMs ?? 30_000)
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hearth exited with ${child.exitCode}:\n${output}`)
    try {
      const res = await fetch(`${url}/readyz`)
      if (res.ok) break
    } catch {}
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`hearth did not become ready:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
      child.kill(signal)
      return exited
    },
  }
}

/** Runs `hearth <args>` to completion; one still running after `timeoutMs` is killed (code null). */
export async function runHearthCli(
  args: string[],
  env: Record<string, string>,
  options: { timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(node, ['bin/hearth.js', ...args], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', DEMO: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  clearTimeout(timer)
  return { code, stdout, stderr }
}
