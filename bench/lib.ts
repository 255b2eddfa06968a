// What the benchmarks share: plain HTTP requests, process figures from /proc, nginx, tables,
// scratch PostgreSQL databases.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import pg from 'pg'
import { postgresAdminUrl, withDatabase } from '../test/support/db.ts'

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

export type Fetched = { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

/** A plain GET on a fresh connection; unlike fetch() it adds no Accept-Encoding of its own. */
export function get(url: string, headers: Record<string, string> = {}): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('error', reject)
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      )
    })
    req.on('error', reject)
    req.setTimeout(10_000, () => req.destroy(new Error(`GET ${url} timed out`)))
  })
}

/** Resident memory of a process in KiB (0 once it has gone). */
export function rssKb(pid: number): number {
  try {
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0)
  } catch {
    return 0
  }
}

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
})()

/** CPU seconds used so far by a process and its children (nginx: master and worker). */
export function cpuSeconds(pid: number): number {
  let ticks = 0
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    ticks = Number(fields[11]) + Number(fields[12])
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim()
    for (const child of children ? children.split(' ') : []) ticks += cpuSeconds(Number(child)) * clockTicks
  } catch {}
  return ticks / clockTicks
}

export function nginxBinary(): string | undefined {
  for (const candidate of ['/usr/sbin/nginx', 'nginx']) {
    try {
      execFileSync(candidate, ['-v'], { stdio: 'ignore' })
      return candidate
    } catch {}
  }
  return undefined
}

export const fmtMs = (ms: number) => `${Math.round(ms)} ms`
export const fmtMb = (kb: number) => `${(kb / 1024).toFixed(0)} MiB`
export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US')
export const pct = (share: number) => `${Math.round(share * 100)} %`
export const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS')

export function table(rows: string[][]) {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  const line = (r: string[]) => `| ${r.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`
  return [
    line(rows[0]!),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n')
}

/** A database of its own on the PostgreSQL of TEST_DATABASE_URL, dropped afterwards. */
export async function temporaryPostgres(purpose: string) {
  const admin = postgresAdminUrl()
  const name = `hearth_bench_${purpose}_${process.pid}`
  const c = new pg.Client({ connectionString: admin })
  await c.connect()
  await c.query(`drop database if exists "${name}"`)
  await c.query(`create database "${name}"`)
  await c.end()
  return {
    url: withDatabase(admin, name),
    async drop() {
      const d = new pg.Client({ connectionString: admin })
      await d.connect()
      await d.query(`drop database if exists "${name}" with (force)`)
      await d.end()
    },
  }
}
