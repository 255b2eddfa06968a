import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, describe, it } from 'node:test'
import { parseNetworks } from './outgoing.rules.ts'
import {
  fetchOutgoingText,
  OutgoingFailed,
  type OutgoingGuard,
  openOutgoing,
  type Resolved,
  sendOutgoing,
} from './outgoing.ts'

const allowing = (text: string) => {
  const parsed = parseNetworks(text)
  if (!('allowed' in parsed)) throw new Error(text)
  return parsed.allowed
}

/** A server on one loopback address; `hits` counts the requests that reached it. */
async function serve(host: string, handle: (req: IncomingMessage, res: ServerResponse) => void) {
  const state = { hits: 0 }
  const server = createServer((req, res) => {
    state.hits++
    handle(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const { port } = server.address() as AddressInfo
  after(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return { state, port, base: `http://${host}:${port}` }
}

const limits = { maxBytes: 1024, timeoutMs: 5_000 }

/** Fails with OutgoingFailed for the given reason, its message the one every failure has. */
async function refuses(promise: Promise<unknown>, reason: OutgoingFailed['reason']) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof OutgoingFailed, String(e))
    assert.equal(e.reason, reason, e.detail)
    assert.equal(e.message, 'The address could not be fetched')
    return true
  })
}

describe('outgoing requests', async () => {
  // The "intranet" the operator allowed is 127.0.0.2 only; 127.0.0.1 stays this machine's own.
  const guard: OutgoingGuard = { allowed: allowing('127.0.0.2/32') }
  const secret = await serve('127.0.0.1', (_req, res) => res.end('secret'))
  const allowedHost = await serve('127.0.0.2', (req, res) => {
    if (req.url === '/to-secret') res.writeHead(302, { location: `${secret.base}/` }).end()
    else if (req.url === '/to-decimal')
      res.writeHead(301, { location: `http://2130706433:${secret.port}/` }).end()
    else if (req.url === '/to-self') res.writeHead(307, { location: '/hello' }).end()
    else if (req.url === '/loop') res.writeHead(302, { location: '/loop' }).end()
    else if (req.url === '/chunked') {
      res.writeHead(200, { 'content-type': 'text/plain' })
      // No Content-Length: the limit must count bytes as they come.
      let sent = 0
      const more = () => {
        if (sent >= 10) return res.end()
        sent++
        res.write(Buffer.alloc(300, 'x'), more)
      }
      more()
    } else if (req.url === '/declared')
      res.writeHead(200, { 'content-length': '5000' }).end(Buffer.alloc(5000))
    else if (req.url === '/slow') setTimeout(() => res.end('late'), 2_000)
    else if (req.url === '/missing') res.writeHead(404).end('not here')
    else if (req.url === '/echo') {
      let body = ''
      req.on('data', (c) => {
        body += c
      })
      req.on('end', () => res.end(`${req.method} ${req.headers.host} ${body}`))
    } else res.end('hello')
  })

  it('fetches from a network the operator allowed', async () => {
    assert.equal(await fetchOutgoingText(guard, `${allowedHost.base}/`, limits), 'hello')
    assert.equal(await fetchOutgoingText(guard, `${allowedHost.base}/to-self`, limits), 'hello')
  })

  it('refuses loopback in every spelling, and never connects', async () => {
    const port = secret.port
    const before = secret.state.hits
    for (const url of [
      `http://127.0.0.1:${port}/`,
      `http://2130706433:${port}/`,
      `http://0177.0.0.1:${port}/`,
      `http://0x7f.1:${port}/`,
      `http://127.1:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://[::ffff:7f00:1]:${port}/`,
      `http://[::1]:${port}/`,
      `http://0.0.0.0:${port}/`,
      `http://localhost:${port}/`,
    ])
      await refuses(fetchOutgoingText(guard, url, limits), 'refused')
    assert.equal(secret.state.hits, before, 'nothing reached the loopback server')
  })

  it('refuses a redirect into loopback, checking every hop again', async () => {
    const before = secret.state.hits
    await refuses(fetchOutgoingText(guard, `${allowedHost.base}/to-secret`, limits), 'refused')
    await refuses(fetchOutgoingText(guard, `${allowedHost.base}/to-decimal`, limits), 'refused')
    assert.equal(secret.state.hits, before)
  })

  it('stops after five redirects, and follows none when told', async () => {
    await refuses(fetchOutgoingText(guard, `${allowedHost.base}/loop`, limits), 'tooManyRedirects')
    const res = await sendOutgoing(guard, `${allowedHost.base}/to-secret`, { ...limits, redirects: 0 })
    res.body.destroy()
    assert.equal(res.status, 302, 'a 3xx is answered as it came')
  })

  it('refuses a name that resolves to loopback, connecting only to checked addresses', async () => {
    const asked: string[] = []
    // A public-looking name whose DNS answers with this machine (as a rebinding attacker's would).
    const resolve = async (host: string): Promise<Resolved[]> => {
      asked.push(host)
      return [{ address: '127.0.0.1', family: 4 }]
    }
    const before = secret.state.hits
    await refuses(
      fetchOutgoingText({ ...guard, resolve }, `http://feeds.example.org:${secret.port}/`, limits),
      'refused',
    )
    assert.deepEqual(asked, ['feeds.example.org'])
    assert.equal(secret.state.hits, before)
    // The same name answering with an allowed address is connected to that address, Host kept.
    const allowedResolve = async (): Promise<Resolved[]> => [
      { address: '127.0.0.1', family: 4 },
      { address: '127.0.0.2', family: 4 },
    ]
    const res = await sendOutgoing(
      { ...guard, resolve: allowedResolve },
      `http://feeds.example.org:${allowedHost.port}/echo`,
      { ...limits, method: 'POST', body: 'ping' },
    )
    assert.equal(res.status, 200)
    const chunks: Buffer[] = []
    for await (const c of res.body) chunks.push(c as Buffer)
    assert.equal(Buffer.concat(chunks).toString(), `POST feeds.example.org:${allowedHost.port} ping`)
    assert.equal(secret.state.hits, before, 'the refused candidate was never tried')
  })

  it('refuses localhost through the real resolver too', async () => {
    await refuses(
      fetchOutgoingText({ allowed: allowing('') }, `http://localhost:${secret.port}/`, limits),
      'refused',
    )
  })

  it('cuts a chunked body at the limit as it arrives, and refuses a declared size over it', async () => {
    await refuses(fetchOutgoingText(guard, `${allowedHost.base}/chunked`, limits), 'tooLarge')
    assert.equal(
      (await fetchOutgoingText(guard, `${allowedHost.base}/chunked`, { ...limits, maxBytes: 3000 })).length,
      3000,
    )
    await refuses(fetchOutgoingText(guard, `${allowedHost.base}/declared`, limits), 'tooLarge')
  })

  it('gives the same message for a slow answer, a closed port, a bad status and an unknown name', async () => {
    await refuses(
      fetchOutgoingText(guard, `${allowedHost.base}/slow`, { ...limits, timeoutMs: 200 }),
      'timeout',
    )
    // Nothing listens on port 1 of the allowed address.
    await refuses(fetchOutgoingText(guard, 'http://127.0.0.2:1/', limits), 'unreachable')
    await refuses(openOutgoing(guard, `${allowedHost.base}/missing`, limits), 'status')
    const nowhere = async (): Promise<Resolved[]> => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })
    }
    await refuses(
      fetchOutgoingText({ ...guard, resolve: nowhere }, 'https://nowhere.example/', limits),
      'unresolvable',
    )
    await refuses(fetchOutgoingText(guard, 'file:///etc/passwd', limits), 'refused')
  })
})
