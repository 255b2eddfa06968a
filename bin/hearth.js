#!/usr/bin/env node
// The `hearth` command. Needs Node 24 (type stripping); `npx hearth` in the checkout
// finds the Node 24 that npm installed into node_modules/.bin.
const [major] = process.versions.node.split('.').map(Number)
if (major < 24) {
  process.stderr.write(
    `Hearth needs Node.js 24 or newer (this is ${process.versions.node}). Run it through npm: npx hearth …\n`,
  )
  process.exit(1)
}
// The server and the commands that work the embedded database hard (memory: server-flags.ts).
if (['serve', 'activity', 'backup', 'restore', 'migrate', 'demo', 'podcast'].includes(process.argv[2]))
  (await import('../src/platform/runtime/server-flags.ts')).execWithServerFlags()
await import('../src/platform/runtime/register.ts')
// A first start prepares the embedded database in a child process, started before the server's
// modules load, so that both are not resident at their largest together (platform/db/prepare.ts).
if (process.argv[2] === 'serve' && !process.argv.some((a) => a === '--help' || a === '-h'))
  await (await import('../src/platform/db/prepare.ts')).prepareEarly()
const { main } = await import('../src/cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
