import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { browserSawPlainHttp, lacksSecureContext } from './secure-origin.ts'

describe('secure context for sign-in cookies', () => {
  it('plain HTTP on another host cannot keep them; HTTPS and this machine can', () => {
    for (const url of ['http://192.0.2.7:3000', 'http://community.example.org', 'http://hearth.lan/'])
      assert.equal(lacksSecureContext(url), true, url)
    for (const url of [
      'https://community.example.org',
      'http://localhost:3000',
      'http://app.localhost',
      'http://127.0.0.1:3000',
      'http://[::1]:3000',
    ])
      assert.equal(lacksSecureContext(url), false, url)
  })

  it('trusts a proxy that ends TLS, and a proxy that says the browser spoke HTTP', () => {
    const base = { requestUrl: 'http://community.example.org/en/sign-in' }
    assert.equal(
      browserSawPlainHttp({ ...base, forwardedProto: 'https', baseUrl: 'http://x.example' }),
      false,
    )
    assert.equal(
      browserSawPlainHttp({ ...base, forwardedProto: undefined, baseUrl: 'https://x.example' }),
      false,
    )
    assert.equal(browserSawPlainHttp({ ...base, forwardedProto: 'http', baseUrl: 'https://x.example' }), true)
    assert.equal(
      browserSawPlainHttp({ ...base, forwardedProto: undefined, baseUrl: 'http://x.example' }),
      true,
    )
  })
})
