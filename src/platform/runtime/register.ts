// Module hooks for running the app straight from source on Node 24.
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { enableCompileCache, registerHooks } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { version as esbuildVersion, transformSync } from 'esbuild'

// drizzle-orm is ~200 ESM files in a package whose package.json carries a very large `exports`
// map; Node 24 re-reads that map to resolve and classify every relative import, which cost
// ~0.4 s of each start. Its files are plain ESM with explicit `.js` paths, so relative imports
// inside it are resolved and loaded directly.
const inDrizzle = (url: string | undefined) => url?.includes('/node_modules/drizzle-orm/') === true
const isRelative = (specifier: string) => specifier.startsWith('./') || specifier.startsWith('../')

// V8's compiled code for every module is kept between starts (Node's own compile cache).
enableCompileCache(join(import.meta.dirname, '../../../node_modules/.cache/node-compile'))

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (inDrizzle(context.parentURL) && isRelative(specifier) && specifier.endsWith('.js')) {
      return { url: new URL(specifier, context.parentURL).href, format: 'module', shortCircuit: true }
    }
    return nextResolve(specifier, context)
  },
  load(url, context, nextLoad) {
    if (inDrizzle(url) && url.endsWith('.js')) {
      return { format: 'module', source: readFileSync(fileURLToPath(url)), shortCircuit: true }
    }
    if (!url.startsWith('file:') || !url.endsWith('.tsx')) return nextLoad(url, context)
    return { format: 'module', source: compileTsx(fileURLToPath(url)), shortCircuit: true }
  },
})

const cacheDir = join(import.meta.dirname, '../../../node_modules/.cache/hearth-tsx')

/**
 * Node strips types from .ts on its own but does not understand JSX, so .tsx modules (the
 * server-rendered pages) are compiled by esbuild; the output is kept by content hash, so a
 * start with unchanged pages compiles nothing.
 */
function compileTsx(path: string): string {
  const source = readFileSync(path, 'utf8')
  const cached = join(
    cacheDir,
    `${createHash('sha256').update(`${esbuildVersion}\0${path}\0`).update(source).digest('hex')}.js`,
  )
  try {
    return readFileSync(cached, 'utf8')
  } catch {}
  const { code } = transformSync(source, {
    loader: 'tsx',
    format: 'esm',
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    sourcefile: path,
    sourcemap: 'inline',
    target: 'node24',
  })
  try {
    mkdirSync(cacheDir, { recursive: true })
    writeFileSync(`${cached}.${process.pid}`, code)
    renameSync(`${cached}.${process.pid}`, cached)
  } catch {
    // A read-only checkout still runs; it compiles on every start.
  }
  return code
}
