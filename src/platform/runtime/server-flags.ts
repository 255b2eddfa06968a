import { machineMemory, usableBytes } from './memory.ts'

// Node takes V8 flags only when it starts, so `serve` re-executes itself with them, as the same
// process (same PID, for service managers); a flag the operator set already (NODE_OPTIONS or a
// command-line flag) is left alone. Measured with `npm run bench:memory` and `npm run bench:podcast`
// (bench/README.md):
//
// - `--max-semi-space-size=4`: a smaller young generation than Node's default on a machine with a
//   lot of memory (which lets it grow to over a hundred megabytes it then keeps) took the idle
//   server from ~300 to ~175 MB resident and answered cached feeds faster; 2 MB cost a third of
//   that speed.
// - `--liftoff-only`: PGlite is a 9 MB WebAssembly module. V8 first compiles it with its baseline
//   compiler and later recompiles hot functions with TurboFan, and TurboFan on PostgreSQL's largest
//   functions takes 400–500 MB for a moment: the peak of every start was that, not the data. The
//   baseline code runs queries somewhat slower; pages kept in the page cache are not affected.
// - `--max-old-space-size`: a quarter of the machine's (or the container's) memory, so the
//   JavaScript heap collects garbage before it crowds out the database on a small machine.
// - `MALLOC_ARENA_MAX=2` (environment, read by glibc at start): sharp's worker threads each took a
//   malloc arena of their own, and making the demo's podcast art sizes took a first start's
//   preparing process from ~260 to ~295 MiB; two arenas bring it back (sharp's documentation
//   names the same cure for glibc).
export const serverEnvironment = { MALLOC_ARENA_MAX: '2' } as const

export function serverFlags(memoryBytes: number): string[] {
  const quarterMiB = Math.floor(memoryBytes / 4 / 1024 / 1024)
  return [
    '--max-semi-space-size=4',
    '--liftoff-only',
    `--max-old-space-size=${Math.min(2048, Math.max(128, quarterMiB))}`,
  ]
}

const flagName = (flag: string) => flag.split('=')[0]!

/** The server flags the operator has not set already. */
export function missingFlags(flags: string[], given: string[]): string[] {
  const normal = (s: string) => s.replaceAll('_', '-')
  return flags.filter((f) => !given.some((g) => normal(g).includes(normal(flagName(f)))))
}

export function execWithServerFlags() {
  if (typeof process.execve !== 'function') return
  const flags = missingFlags(serverFlags(usableBytes(machineMemory())), [
    ...process.execArgv,
    process.env.NODE_OPTIONS ?? '',
  ])
  const environment = Object.entries(serverEnvironment).filter(([name]) => process.env[name] === undefined)
  // Re-executed once: afterwards every flag is among execArgv and every variable is set.
  if (flags.length === 0 && environment.length === 0) return
  process.execve(
    process.execPath,
    [process.execPath, ...flags, ...process.execArgv, ...process.argv.slice(1)],
    { ...process.env, ...Object.fromEntries(environment) },
  )
}
