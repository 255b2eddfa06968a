// The server runs with a smaller young generation in V8 than Node's default on a machine with a
// lot of memory (which lets it grow to over a hundred megabytes it then keeps): 4 MB semi-spaces
// took the idle server from ~300 to ~175 MB resident and answered cached feeds faster, where
// 2 MB cost a third of that speed (`npm run bench:podcast`, bench/README.md). Node takes the flag
// only when it starts, so `serve` re-executes itself with it, as the same process (same PID, for
// service managers), unless the operator set it already (NODE_OPTIONS or a flag).
const FLAG = '--max-semi-space-size'
const serverFlags = [`${FLAG}=4`]

export function execWithServerFlags() {
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes(FLAG))
  if (given || typeof process.execve !== 'function') return
  process.execve(
    process.execPath,
    [process.execPath, ...serverFlags, ...process.execArgv, ...process.argv.slice(1)],
    process.env,
  )
}
