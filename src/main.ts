// `npm start`: the server with configuration from the environment.
import { execWithServerFlags } from './platform/runtime/server-flags.ts'

execWithServerFlags()
const { main } = await import('./cli/main.ts')
process.exitCode = await main(['serve', ...process.argv.slice(2)])
