import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { extname, join } from 'node:path'

export const publicDir = join(import.meta.dirname, '../../../public')

const types: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
}

export type Asset = { body: Uint8Array; type: string; etag: string }

/** Static files are few and small: read once, served from memory with a content hash in the URL. */
const assets = new Map<string, Asset>(
  readdirSync(publicDir).map((name) => {
    const body = readFileSync(join(publicDir, name))
    const hash = createHash('sha256').update(body).digest('base64url').slice(0, 12)
    return [name, { body, type: types[extname(name)] ?? 'application/octet-stream', etag: `"${hash}"` }]
  }),
)

export const findAsset = (name: string) => assets.get(name)
export const assetUrl = (name: string) => `/assets/${name}?v=${assets.get(name)?.etag.slice(1, -1) ?? '0'}`
