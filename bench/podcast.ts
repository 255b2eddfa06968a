// The podcast's performance targets (issue 5), against nginx serving the same bytes in the same run:
//   feed (100 episodes): 304 answers ≥ 50 % of nginx's rate, full responses ≥ 30 %;
//   audio: 1 MiB range requests ≥ 50 % of nginx's throughput; 200 parallel slow downloads with the
//   server's resident memory under 250 MB.
//   npm run bench:podcast -- [--duration 10] [--connections 50] [--episodes 100] [--db pglite|postgres]
import { execFileSync } from 'node:child_process'
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import pg from 'pg'
import { postgresAdminUrl, withDatabase } from '../test/support/db.ts'
import { freePort, node, root } from '../test/support/server.ts'
import {
  fmtInt,
  fmtMb,
  get,
  nginxBinary,
  processes,
  rssKb,
  say,
  serveEnv,
  sleep,
  table,
  verdict,
  waitFor,
  workDir,
} from './lib.ts'

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    episodes: { type: 'string', default: '100' },
    db: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
})
const duration = Number(args.duration)
const connections = Number(args.connections)
const work = workDir('hearth-podcast-bench-')
const { launch, endAll } = processes()
/** The feed answers within twenty seconds of the server's start, or the run stops. */
const waitForFeed = (url: string) => waitFor(url, 2000, 10)

/** A long MP3: the test tone again and again (frames concatenate into one valid stream), ~20 MB. */
function longAudio() {
  const path = join(work, 'long.mp3')
  const tone = readFileSync(join(root, 'test/fixtures/audio/episode.mp3'))
  const out = Buffer.concat(Array.from({ length: 134 }, () => tone))
  writeFileSync(path, out)
  return path
}

async function postgresUrl(): Promise<string | undefined> {
  if (args.db === 'pglite') return undefined
  const name = `hearth_bench_podcast_${process.pid}`
  const admin = new pg.Client({ connectionString: postgresAdminUrl(), connectionTimeoutMillis: 3000 })
  try {
    await admin.connect()
    await admin.query(`create database "${name}"`)
    return withDatabase(postgresAdminUrl(), name)
  } catch {
    if (args.db === 'postgres') throw new Error('PostgreSQL is not reachable')
    return undefined
  } finally {
    await admin.end().catch(() => {})
  }
}

async function load(url: string, headers: Record<string, string>, expect: number) {
  await autocannon({ url, connections, duration: 2, headers })
  const r = await autocannon({ url, connections, duration, headers })
  const good = expect === 304 ? r['3xx'] : r['2xx']
  return {
    reqPerSec: good / r.duration,
    bytesPerSec: r.throughput.average,
    errors: r.errors + r.timeouts + r.non2xx - (expect === 304 ? r['3xx'] : 0),
  }
}

/** `n` listeners downloading the whole file at the same time, each reading slowly. */
async function slowDownloads(url: string, n: number, seconds: number, pid: number) {
  let peak = 0
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssKb(pid))
  }, 200)
  let bytes = 0
  const agents = Array.from({ length: n }, () => new http.Agent({ keepAlive: false }))
  const requests = agents.map(
    (agent) =>
      new Promise<void>((resolve) => {
        const req = http.get(url, { agent, headers: { 'user-agent': 'bench' } }, (res) => {
          // 64 KiB every 100 ms: a listener on a slow line.
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length
            res.pause()
            setTimeout(() => res.resume(), 100)
          })
          res.on('end', resolve)
          res.on('error', () => resolve())
        })
        req.on('error', () => resolve())
        setTimeout(() => {
          req.destroy()
          resolve()
        }, seconds * 1000)
      }),
  )
  await Promise.all(requests)
  clearInterval(sampler)
  return { peakKb: Math.max(peak, rssKb(pid)), bytes }
}

async function main() {
  const nginx = nginxBinary()
  if (!nginx) throw new Error('nginx is needed as the baseline: apt-get install -y nginx-light')
  const loadAtStart = loadavg()[0]!
  const audio = longAudio()
  const dataDir = join(work, 'data')
  const databaseUrl = await postgresUrl()
  say(`Seeding ${args.episodes} episodes on ${databaseUrl ? 'PostgreSQL' : 'PGlite'}`)
  execFileSync(
    node,
    [
      '--import',
      './src/platform/runtime/register.ts',
      'bench/podcast-seed.ts',
      dataDir,
      args.episodes!,
      audio,
      ...(databaseUrl ? [databaseUrl] : []),
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  )
  const port = await freePort()
  const hearthUrl = `http://127.0.0.1:${port}`
  const server = launch(
    node,
    ['bin/hearth.js', 'serve'],
    serveEnv({ port, url: hearthUrl, dataDir, databaseUrl }),
    join(work, 'hearth.log'),
  )
  await waitForFeed(`${hearthUrl}/podcast/bench/feed.xml`)
  const feed = await get(`${hearthUrl}/podcast/bench/feed.xml`)
  const items = feed.body.toString('utf8').split('<item>').length - 1
  const enclosure = /<enclosure url="[^"]*?(\/media\/[^"]+)" length="(\d+)"/.exec(
    feed.body.toString('utf8').split('<item>').at(-1)!,
  )!
  const audioPath = enclosure[1]!
  const audioBytes = Number(enclosure[2])
  if (audioBytes !== readFileSync(audio).length) throw new Error('the first episode is not the long file')

  // nginx with the same bytes: the feed and the audio file.
  const prefix = join(work, 'nginx')
  for (const sub of ['www', 'tmp', 'logs']) mkdirSync(join(prefix, sub), { recursive: true, mode: 0o755 })
  writeFileSync(join(prefix, 'www/feed.xml'), feed.body, { mode: 0o644 })
  copyFileSync(audio, join(prefix, 'www/audio.mp3'))
  chmodSync(join(prefix, 'www/audio.mp3'), 0o644)
  const nginxPort = await freePort()
  writeFileSync(
    join(prefix, 'nginx.conf'),
    `worker_processes 1; daemon off; pid ${prefix}/nginx.pid; error_log ${prefix}/logs/error.log warn;
events { worker_connections 4096; }
http { access_log off; server_tokens off; sendfile on; tcp_nopush on; etag on; keepalive_requests 1000000;
  client_body_temp_path ${prefix}/tmp/b; proxy_temp_path ${prefix}/tmp/p; fastcgi_temp_path ${prefix}/tmp/f; uwsgi_temp_path ${prefix}/tmp/u; scgi_temp_path ${prefix}/tmp/s;
  types { application/rss+xml xml; audio/mpeg mp3; }
  server { listen 127.0.0.1:${nginxPort}; root ${prefix}/www; } }`,
  )
  launch(
    nginx,
    ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'logs/error.log')],
    process.env,
    join(prefix, 'logs/out.log'),
  )
  const nginxUrl = `http://127.0.0.1:${nginxPort}`
  await waitForFeed(`${nginxUrl}/feed.xml`)
  const nginxFeed = await get(`${nginxUrl}/feed.xml`)
  if (!nginxFeed.body.equals(feed.body)) throw new Error('nginx does not serve the same feed')

  const rows: string[][] = [['measure', 'Hearth', 'nginx', 'ratio', 'target', 'result']]
  const compare = (label: string, h: number, n: number, target: number, unit: (x: number) => string) =>
    rows.push([
      label,
      unit(h),
      unit(n),
      (h / n).toFixed(3),
      `≥ ${target.toFixed(2)}`,
      verdict(h / n >= target),
    ])

  say('Feed, conditional requests (304)')
  const h304 = await load(
    `${hearthUrl}/podcast/bench/feed.xml`,
    { 'if-none-match': String(feed.headers.etag) },
    304,
  )
  const n304 = await load(`${nginxUrl}/feed.xml`, { 'if-none-match': String(nginxFeed.headers.etag) }, 304)
  compare(
    `feed (${items} episodes) 304 req/s, ${connections} conn, ${duration} s`,
    h304.reqPerSec,
    n304.reqPerSec,
    0.5,
    fmtInt,
  )
  say('Feed, full responses')
  const hFull = await load(`${hearthUrl}/podcast/bench/feed.xml`, {}, 200)
  const nFull = await load(`${nginxUrl}/feed.xml`, {}, 200)
  compare(
    `feed full responses req/s (${fmtInt(feed.body.length)} bytes)`,
    hFull.reqPerSec,
    nFull.reqPerSec,
    0.3,
    fmtInt,
  )
  say('Audio, 1 MiB ranges')
  const range = { range: 'bytes=1048576-2097151', 'user-agent': 'bench' }
  const hRange = await load(`${hearthUrl}${audioPath}`, range, 206)
  const nRange = await load(`${nginxUrl}/audio.mp3`, range, 206)
  const mb = (x: number) => `${(x / 1024 / 1024).toFixed(0)} MiB/s`
  compare('audio 1 MiB range requests, throughput', hRange.bytesPerSec, nRange.bytesPerSec, 0.5, mb)
  say('Audio, 200 parallel slow downloads')
  const pid = server.pid!
  const idle = rssKb(pid)
  const slow = await slowDownloads(`${hearthUrl}${audioPath}`, 200, 10, pid)
  rows.push([
    `200 parallel slow downloads of ${fmtMb(audioBytes / 1024)}: Hearth's peak resident memory (idle ${fmtMb(idle)})`,
    fmtMb(slow.peakKb),
    '',
    '',
    '< 250 MiB',
    verdict(slow.peakKb < 250 * 1024),
  ])
  rows.push([
    `  growth over idle while serving ${fmtMb(slow.bytes / 1024)}`,
    fmtMb(slow.peakKb - idle),
    '',
    '',
    'flat',
    '',
  ])
  const errors = [h304, n304, hFull, nFull, hRange, nRange].map((r) => r.errors)
  const cpu = cpus()
  process.stdout.write(
    [
      '',
      `Hearth podcast benchmarks, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      `  command: npm run bench:podcast${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      `  machine: ${cpu.length} × ${cpu[0]?.model.trim()}, load average ${loadAtStart.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at end; ${databaseUrl ? 'PostgreSQL' : 'PGlite'}`,
      `  errors (Hearth/nginx per measure): ${errors.join(', ')}`,
      '',
      table(rows),
      '',
    ].join('\n'),
  )
  if (databaseUrl) {
    server.kill('SIGTERM')
    await sleep(1000)
    const admin = new pg.Client({ connectionString: postgresAdminUrl() })
    await admin.connect()
    await admin.query(`drop database if exists "${new URL(databaseUrl).pathname.slice(1)}" with (force)`)
    await admin.end()
  }
}

try {
  await main()
} finally {
  endAll()
  await sleep(500)
  if (!args.keep) rmSync(work, { recursive: true, force: true })
}
