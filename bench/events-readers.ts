// Anonymous readers of one page for the events benchmark: autocannon until told to stop (SIGTERM),
// then its figures as JSON on stdout. Runs in its own process, so the readers' load does not slow
// the benchmark's own clients (the flash crowd) down.
//   node … bench/events-readers.ts URL CONNECTIONS RATE (requests a second, all connections together)
import autocannon from 'autocannon'

const [url, connections, rate] = process.argv.slice(2)
// A steady rate of readers, as people open the page, rather than as many as the server can take:
// they measure what a reader waits while registrations pour in, without starving them of CPU.
const instance = autocannon({
  url: url!,
  connections: Number(connections),
  overallRate: Number(rate),
  duration: 600,
})
process.on('SIGTERM', () => instance.stop())
// Ready: the parent starts the crowd once the readers are reading.
setTimeout(() => process.stderr.write('reading\n'), 300)
const r = await instance
process.stdout.write(
  `${JSON.stringify({
    requests: r['2xx'],
    seconds: r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    errors: r.errors + r.timeouts + r.non2xx,
  })}\n`,
)
process.exit(0)
