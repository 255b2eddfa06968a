// autocannon ships no types; this covers the part of its programmatic API the benchmarks use.
declare module 'autocannon' {
  type Histogram = {
    average: number
    mean: number
    stddev: number
    min: number
    max: number
    total: number
    p50: number
    p90: number
    p99: number
  }
  export type Result = {
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    resets: number
    '2xx': number
    '3xx': number
    latency: Histogram
    requests: Histogram & { sent: number }
    throughput: Histogram
  }
  export type Options = {
    url: string
    connections?: number
    duration?: number
    headers?: Record<string, string>
    timeout?: number
    /** Requests a second from all connections together (latencies corrected for coordinated omission). */
    overallRate?: number
    /** Per-request options; setupRequest may change method, path, headers and body of each. */
    requests?: { setupRequest?: (req: Record<string, unknown>) => Record<string, unknown> }[]
  }
  export type Instance = Promise<Result> & { stop(): void }
  function autocannon(options: Options): Instance
  export default autocannon
}
