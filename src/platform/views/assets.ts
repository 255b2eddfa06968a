import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
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

/**
 * Browser scripts of packages (pinned in package.json), served from here like our own files: no
 * CDN, so `script-src 'self'` holds and nothing reaches a third party. Name → the package's file.
 */
const vendored: Record<string, string> = {
  // The check-in page's QR reader where the browser has no BarcodeDetector (public/checkin.js).
  'jsqr.js': 'jsqr/dist/jsQR.js',
}

const resolvePackageFile = createRequire(import.meta.url).resolve

const asset = (name: string, body: Buffer): [string, Asset] => {
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 12)
  return [name, { body, type: types[extname(name)] ?? 'application/octet-stream', etag: `"${hash}"` }]
}

/** Static files are few and small: read once, served from memory with a content hash in the URL. */
const assets = new Map<string, Asset>([
  ...readdirSync(publicDir).map((name) => asset(name, readFileSync(join(publicDir, name)))),
  ...Object.entries(vendored).map(([name, file]) => asset(name, readFileSync(resolvePackageFile(file)))),
])

export const findAsset = (name: string) => assets.get(name)
export const assetUrl = (name: string) => `/assets/${name}?v=${assets.get(name)?.etag.slice(1, -1) ?? '0'}`
