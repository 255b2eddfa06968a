import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { Hono } from 'hono'
import { compression, pickEncoding } from './compress.ts'

describe('compression', () => {
  it('prefers brotli, then gzip, honouring q=0', () => {
    assert.equal(pickEncoding('gzip, deflate, br'), 'br')
    assert.equal(pickEncoding('gzip, br;q=0'), 'gzip')
    assert.equal(pickEncoding('identity'), null)
    assert.equal(pickEncoding(undefined), null)
  })

  it('compresses large text bodies, keeps small ones, and gives each encoding its own strong ETag', async () => {
    const app = new Hono()
    app.use(compression())
    const big = 'Hearth '.repeat(1000)
    app.get('/big', (c) => c.text(big, 200, { ETag: '"v1"' }))
    app.get('/small', (c) => c.text('hi', 200, { 'Content-Length': '2' }))
    const br = await app.request('/big', { headers: { 'accept-encoding': 'br' } })
    assert.equal(br.headers.get('content-encoding'), 'br')
    assert.equal(br.headers.get('etag'), '"v1-br"')
    assert.match(br.headers.get('vary')!, /Accept-Encoding/)
    assert.equal(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString(), big)
    const gz = await app.request('/big', { headers: { 'accept-encoding': 'gzip' } })
    assert.equal(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString(), big)
    const plain = await app.request('/big')
    assert.equal(plain.headers.get('content-encoding'), null)
    assert.equal(await plain.text(), big)
    const small = await app.request('/small', { headers: { 'accept-encoding': 'br' } })
    assert.equal(await small.text(), 'hi')
  })
})
