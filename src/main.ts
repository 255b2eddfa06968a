// `npm start`: the server with configuration from the environment.
import { execWithServerFlags } from './platform/runtime/server-flags.ts'

execWithServerFlags()
// Before the server's modules load: platform/db/prepare.ts.
await (await import('./platform/db/prepare.ts')).prepareEarly()
const { main } = await import('./cli/main.ts')
process.exitCode = await main(['serve', ...process.argv.slice(2)])
