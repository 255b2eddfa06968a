import { totalmem } from 'node:os'

/**
 * Memory a machine needs for Hearth with each database, in MiB, from `npm run bench:memory`
 * (bench/README.md): with the embedded database, a first start prepares the data directory in a
 * child process (about 250 MiB at its peak) before the server loads its modules; afterwards the
 * server alone peaks near 250 MiB and near 300 MiB under load. A 1 GB machine leaves room for
 * the system and the page cache; a first start also succeeded under a 512 MiB cgroup. With PostgreSQL it is the app process only (the database
 * server's own memory comes on top, wherever it runs).
 */
export const memoryNeededMiB = { pglite: 1024, postgres: 256 } as const

export type MachineMemory = { totalBytes: number; limitBytes: number | undefined }

/** The machine's memory, and the cgroup's limit when one is set below it (a container). */
export function machineMemory(): MachineMemory {
  const limit = process.constrainedMemory()
  return { totalBytes: totalmem(), limitBytes: limit > 0 && limit < totalmem() ? limit : undefined }
}

export const usableBytes = (m: MachineMemory) => m.limitBytes ?? m.totalBytes

const mib = (bytes: number) => `${Math.round(bytes / 1048576)} MiB`

/** What `hearth doctor` says about memory: a line, and whether it is a warning. */
export function memoryAdvice(
  m: MachineMemory,
  kind: keyof typeof memoryNeededMiB,
  process: { rssBytes: number; peakBytes: number },
): { ok: boolean; line: string } {
  const usable = usableBytes(m)
  // A machine sold as 1 GB shows a little less to its system (the kernel keeps its part).
  const needed = memoryNeededMiB[kind] * 1048576 * 0.9
  const machine = `machine ${mib(m.totalBytes)}${m.limitBytes ? `, limited to ${mib(m.limitBytes)} (cgroup)` : ''}`
  const self = `this process ${mib(process.rssBytes)} now, ${mib(process.peakBytes)} at most`
  const database = kind === 'pglite' ? 'the embedded database' : 'PostgreSQL (app process only)'
  return usable >= needed
    ? { ok: true, line: `${machine}; ${self}; ${database} needs ${memoryNeededMiB[kind]} MiB` }
    : {
        ok: false,
        line: `${machine}; ${self}; ${database} needs ${memoryNeededMiB[kind]} MiB: the first start may be killed for want of memory${kind === 'pglite' ? ' (add swap, a larger machine, or use PostgreSQL: DATABASE_URL)' : ''}`,
      }
}
