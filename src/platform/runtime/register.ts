// Node 24 strips types from .ts on its own but does not understand JSX, so .tsx
// modules (our server-rendered pages) are compiled in-process by esbuild on load.
import { readFileSync } from 'node:fs'
import { registerHooks } from 'node:module'
import { fileURLToPath } from 'node:url'
import { transformSync } from 'esbuild'

registerHooks({
  load(url, context, nextLoad) {
    if (!url.startsWith('file:') || !url.endsWith('.tsx')) return nextLoad(url, context)
    const path = fileURLToPath(url)
    const { code } = transformSync(readFileSync(path, 'utf8'), {
      loader: 'tsx',
      format: 'esm',
      jsx: 'automatic',
      jsxImportSource: 'hono/jsx',
      sourcefile: path,
      sourcemap: 'inline',
      target: 'node24',
    })
    return { format: 'module', source: code, shortCircuit: true }
  },
})
