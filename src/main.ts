// `npm start`: the server with configuration from the environment.
import { main } from './cli/main.ts'

process.exitCode = await main(['serve', ...process.argv.slice(2)])
