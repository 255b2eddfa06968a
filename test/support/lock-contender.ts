// One process racing for a data directory's lock: `node … lock-contender.ts DIR START_AT_MS HOLD_MS`.
// Prints "won" or the name of the error, holds a won lock for HOLD_MS, then releases it; "late"
// when it started after START_AT_MS, so the race did not happen.
import { lockDataDir } from '../../src/platform/db/lock.ts'

const [dir, startAt, hold] = process.argv.slice(2)
if (Date.now() > Number(startAt)) {
  process.stdout.write('late\n')
  process.exit(0)
}
// Sleep until just before the start, then spin, so all contenders reach for the lock together.
await new Promise((resolve) => setTimeout(resolve, Number(startAt) - Date.now() - 30))
while (Date.now() < Number(startAt)) {}
try {
  const lock = lockDataDir(dir!)
  process.stdout.write('won\n')
  await new Promise((resolve) => setTimeout(resolve, Number(hold)))
  lock.release()
} catch (e) {
  process.stdout.write(`${(e as Error).name}\n`)
}
