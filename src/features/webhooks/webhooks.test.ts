import assert from 'node:assert/strict'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import { after, describe, it } from 'node:test'
import { Webhook } from 'standardwebhooks'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { httpOutbox } from '../../platform/outbox/http.schema.ts'
import { deliverPendingRequests } from '../../platform/outbox/http.ts'
import { ensureFoundingSig } from '../people/people.demo.ts'
import { insertSubscription, selectSubscriptions } from './webhooks.repo.ts'
import { publishEvent, signWebhook } from './webhooks.service.ts'

/** A system that receives webhooks on loopback, and can be told to be down for a while. */
async function startReceiver() {
  const state = { received: [] as { headers: IncomingHttpHeaders; body: string }[], failNext: 0 }
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    if (state.failNext > 0) {
      state.failNext--
      res.writeHead(503).end()
      return
    }
    state.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
    res.writeHead(204).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return { state, url: `http://127.0.0.1:${port}/hooks/hearth`, close: () => server.close() }
}

for (const backend of await testBackends()) {
  describe(`outgoing webhooks [${backend}]`, async () => {
    // The receiver is on loopback: reachable only because this deployment allows it.
    const t = await makeTestApp(backend, { OUTGOING_ALLOW_NETWORKS: '127.0.0.1/32' })
    const db = t.deps.db
    const receiver = await startReceiver()
    after(() => receiver.close())
    const admin = await t.clientAs(t.superuser.id)
    // Rows are due by the database's own clock: this one is the real time, moved on by `later`.
    let ahead = 0
    const now = () => new Date(Date.now() + ahead)
    const send = () =>
      deliverPendingRequests(
        { db, log: t.deps.log, now, config: t.deps.config },
        { github: async () => ({ drop: 'not here' }), webhook: signWebhook({ db, now }) },
      )
    const later = (minutes: number) => {
      ahead += minutes * 60_000
    }
    const clock = new Date('2026-11-01T09:00:00Z')

    it('lets administrators only subscribe, refusing addresses that are not https (or this machine)', async () => {
      const sig = await ensureFoundingSig({ db })
      const lead = await makePerson(t.deps)
      await t.grant(lead.id, 'sig_lead', sig!.id)
      assert.equal((await (await t.clientAs(lead.id)).get('/en/console/webhooks')).status, 403)
      const page = await admin.get('/zh/console/webhooks')
      assert.equal(page.status, 200)
      for (const url of ['ftp://example.org/x', 'http://example.org/hook', 'not a url']) {
        const res = await admin.postForm('/zh/console/webhooks', { url, description: '' })
        assert.equal(res.status, 422)
        assert.match(await res.text(), /请输入 https:\/\/ 开头的地址/)
      }
      assert.equal((await selectSubscriptions(db)).length, 0, 'a refused form changes nothing')
      const res = await admin.postForm('/en/console/webhooks', {
        url: receiver.url,
        description: 'Community chat bot',
        'event:application.approved': 'on',
        'event:chapter.founded': 'on',
      })
      assert.equal(res.status, 303)
      const [subscription] = await selectSubscriptions(db)
      assert.deepEqual(subscription?.events, ['application.approved', 'chapter.founded'])
      assert.match(subscription!.secret, /^whsec_[A-Za-z0-9+/]{43}=$/)
    })

    it('sends only the chosen events, signed so the receiver can verify them with a Standard Webhooks library', async () => {
      const [subscription] = await selectSubscriptions(db)
      await db.transaction(async (tx) => {
        await publishEvent(tx, 'application.submitted', { id: 'a1' }, clock)
        await publishEvent(tx, 'application.approved', { id: 'a1', type: 'found-chapter' }, clock)
      })
      assert.equal(await send(), 1)
      const [got] = receiver.state.received
      const verified = new Webhook(subscription!.secret).verify(
        got!.body,
        got!.headers as Record<string, string>,
      )
      assert.deepEqual(verified, {
        type: 'application.approved',
        timestamp: clock.toISOString(),
        data: { id: 'a1', type: 'found-chapter' },
      })
      assert.throws(() =>
        new Webhook(subscription!.secret).verify(got!.body.replace('a1', 'a2'), got!.headers as never),
      )
    })

    it('keeps a delivery while the receiver is down and delivers it later; the console shows both', async () => {
      const [subscription] = await selectSubscriptions(db)
      receiver.state.failNext = 1
      const res = await admin.postForm(`/en/console/webhooks/${subscription!.id}/test`, {})
      assert.equal(res.status, 303)
      assert.equal(await send(), 0)
      const [waiting] = await db.select().from(httpOutbox).where(eqEvent('webhook.test'))
      assert.equal(waiting?.lastStatus, 503)
      assert.equal(waiting?.sentAt, null)
      assert.match(
        await (await admin.get('/en/console/webhooks')).text(),
        /waiting to be tried again, 1 attempts/,
      )
      assert.equal(await send(), 0, 'not before its back-off')
      later(2)
      assert.equal(await send(), 1)
      assert.equal(
        receiver.state.received.at(-1)!.headers['webhook-id'],
        waiting!.id,
        'the same id: receivers deduplicate on it',
      )
      assert.match(await (await admin.get('/en/console/webhooks')).text(), /delivered [^<]*\(HTTP 204\)/)
    })

    it('stops at once for an unsubscribed system, dropping what was queued for it', async () => {
      const [subscription] = await selectSubscriptions(db)
      await db.transaction((tx) => publishEvent(tx, 'chapter.founded', { slug: 'xiamen' }, clock))
      const before = receiver.state.received.length
      await admin.postForm(`/en/console/webhooks/${subscription!.id}/remove`, {})
      assert.equal(await send(), 0)
      assert.equal(receiver.state.received.length, before)
      const [dropped] = await db.select().from(httpOutbox).where(eqEvent('chapter.founded'))
      assert.equal(dropped?.lastError, 'subscription removed')
      await db.transaction((tx) => publishEvent(tx, 'application.approved', {}, clock))
      assert.equal(
        (await db.select().from(httpOutbox).where(eqEvent('application.approved'))).length,
        1,
        'nothing new is queued',
      )
    })
  })
}

import { eq } from 'drizzle-orm'

const eqEvent = (event: string) => eq(httpOutbox.event, event)

for (const backend of await testBackends()) {
  describe(`outgoing webhooks to private addresses [${backend}]`, async () => {
    // The default: no network allowed, so this machine and private networks are out of reach.
    const t = await makeTestApp(backend)
    const db = t.deps.db
    const receiver = await startReceiver()
    after(() => receiver.close())
    const admin = await t.clientAs(t.superuser.id)
    const port = new URL(receiver.url).port
    const send = () =>
      deliverPendingRequests(
        { db, log: t.deps.log, now: () => new Date(), config: t.deps.config },
        { webhook: signWebhook({ db, now: () => new Date() }) },
      )

    it('refuses to subscribe loopback, private, link-local and decimal-loopback targets, in both languages', async () => {
      const targets = [
        'https://169.254.169.254/latest/meta-data/',
        'https://10.0.0.1/',
        'https://192.168.1.1/hook',
        'https://100.64.0.1/',
        'https://[fd00::1]/',
        'https://[::ffff:7f00:1]/',
        `http://[::1]:${port}/hooks`,
        `http://2130706433:${port}/hooks`,
        `http://127.0.0.1:${port}/hooks`,
        `http://localhost:${port}/hooks`,
      ]
      for (const url of targets) {
        const zh = await admin.postForm('/zh/console/webhooks', { url, description: '' })
        assert.equal(zh.status, 422, url)
        assert.match(await zh.text(), /Webhook 不会发送到本机或内网/, url)
        const en = await admin.postForm('/en/console/webhooks', { url, description: '' })
        assert.equal(en.status, 422, url)
        assert.match(await en.text(), /Webhooks are not sent to this machine or to private/, url)
      }
      assert.equal((await selectSubscriptions(db)).length, 0, 'nothing is stored')
      assert.equal(receiver.state.received.length, 0)
    })

    it('delivers nothing to a name that resolves to loopback, checking where it connects', async () => {
      // Stored before addresses were checked, or a name whose DNS answers with this machine now.
      const subscription = await insertSubscription(db, {
        url: `http://localhost:${port}/hooks`,
        events: [],
        description: null,
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        createdBy: t.superuser.id,
        createdAt: new Date(),
        updatedAt: new Date(),
      })
      await db.transaction((tx) => publishEvent(tx, 'chapter.founded', { slug: 'xiamen' }, new Date()))
      assert.equal(await send(), 0)
      assert.equal(receiver.state.received.length, 0, 'the receiver on loopback heard nothing')
      const [row] = await db.select().from(httpOutbox).where(eq(httpOutbox.subscriptionId, subscription!.id))
      assert.equal(row?.sentAt, null)
      assert.equal(row?.lastStatus, null, 'no answer: it never connected')
      assert.equal(row?.lastError, 'The address could not be fetched')
    })
  })
}
