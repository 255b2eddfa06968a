// The HTTP server's sockets: on a port given, several share it (a crowd is let in together), and
// they behave as one server: a port another server holds is an error, every socket answers, and
// closing closes them all.
import assert from 'node:assert/strict'
import { connect } from 'node:net'
import { describe, it } from 'node:test'
import { Hono } from 'hono'
import { freePort } from '../test/support/server.ts'
import { serveApp } from './server.ts'

const app = Object.assign(
  new Hono().get('/hello', (c) => c.text('hi')),
  { answerFromCache: () => false },
)

const listening = (server: ReturnType<typeof serveApp>) =>
  new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve())
    server.once('error', reject)
  })

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' })
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', () => resolve(true))
  })

describe('the server’s sockets', {
  skip: process.platform !== 'linux' && 'sockets share a port on Linux',
}, () => {
  it('answers on a given port from every socket, refuses a second server there, and closes all of them', async () => {
    const port = await freePort()
    const server = serveApp(app as never, port, '127.0.0.1')
    await listening(server)
    // Many connections at once land on different sockets; each is answered.
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => fetch(`http://127.0.0.1:${port}/hello`).then((r) => r.text())),
    )
    assert.deepEqual(new Set(answers), new Set(['hi']))

    const second = serveApp(app as never, port, '127.0.0.1')
    await assert.rejects(listening(second), /EADDRINUSE/)

    await new Promise<void>((resolve) => server.close(() => resolve()))
    // Give the other sockets' close a turn.
    await new Promise((r) => setTimeout(r, 50))
    for (let i = 0; i < 20; i++) assert.equal(await refused(port), true, 'no socket still listens')
  })
})
