import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, it, mock } from 'node:test'
import { getRequestListener } from '@hono/node-server'
import { Hono } from 'hono'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { pageCache } from './page-cache.ts'

function harness(checkEveryMs = 0, maxBytes?: number) {
  let generation = 1
  let renders = 0
  const app = new Hono()
  const cache = pageCache({
    readGeneration: async () => String(generation),
    checkEveryMs,
    sessionCookie: 'hearth_session',
    maxBytes,
  })
  app.use(cache.middleware)
  app.get('/en/page', (c) => {
    renders++
    return c.html(`<p>render ${renders}</p>`)
  })
  app.get('/en/search', (c) => {
    renders++
    // Reads `page` only when there is a query, as a paged search does.
    const q = c.req.query('q')
    const page = q ? c.req.query('page') : undefined
    return c.html(`<p>${q ?? 'everything'} page ${page ?? 1} (render ${renders})</p>`)
  })
  app.get('/en/big/:n', (c) => {
    renders++
    return c.html(`<p>${c.req.param('n')}</p>${'x'.repeat(100_000)}`)
  })
  app.get('/en/form', (c) => {
    renders++
    c.header('Set-Cookie', 'x=1')
    return c.html('<form></form>')
  })
  app.get('/en/missing', (c) => c.html('gone', 404))
  app.get('/en/places-left', (c) => {
    renders++
    c.set('freshFor' as never, 5_000 as never)
    return c.html(`<p>render ${renders}</p>`)
  })
  // A page with live counts whose next render the test can hold (holdNextRender) until it calls
  // finishRender().
  const slow = { hold: false, rendering: Promise.resolve(), finishRender: () => {} }
  app.get('/en/slow-count', async (c) => {
    renders++
    const n = renders
    c.set('freshFor' as never, 5_000 as never)
    if (slow.hold) {
      slow.hold = false
      await new Promise<void>((r) => {
        slow.finishRender = r
      })
    }
    return c.html(`<p>count render ${n}</p>`)
  })
  app.get('/en/events/summit/schedule.json', (c) => {
    renders++
    return c.json({ render: renders })
  })
  app.get('/en/events/summit/answer.json', (c) => {
    renders++
    return c.json({ render: renders })
  })
  app.get('/podcast/show/feed.xml', (c) => {
    renders++
    c.header('ETag', '"v1"')
    c.header('Content-Type', 'application/rss+xml')
    return c.body('<rss/>')
  })
  return {
    app,
    cache,
    bump: () => generation++,
    renders: () => renders,
    holdNextRender: () => {
      slow.hold = true
    },
    finishRender: () => slow.finishRender(),
  }
}

describe('page cache', () => {
  it('serves an anonymous reader the same page without rendering it again until the generation moves', async () => {
    const h = harness()
    assert.equal(await (await h.app.request('/en/page')).text(), '<p>render 1</p>')
    assert.equal(await (await h.app.request('/en/page')).text(), '<p>render 1</p>')
    assert.equal(h.renders(), 1)
    h.bump()
    assert.equal(await (await h.app.request('/en/page')).text(), '<p>render 2</p>')
  })

  it('never serves or keeps pages for signed-in readers, credentials, cookies or errors', async () => {
    const h = harness()
    await h.app.request('/en/page')
    const signedIn = await h.app.request('/en/page', { headers: { cookie: '__Host-hearth_session=abc' } })
    assert.equal(await signedIn.text(), '<p>render 2</p>')
    const bearer = await h.app.request('/en/page', { headers: { authorization: 'Bearer x' } })
    assert.equal(await bearer.text(), '<p>render 3</p>')
    await h.app.request('/en/form')
    await h.app.request('/en/form')
    assert.equal(h.renders(), 5, 'a page that sets a cookie is rendered every time')
    assert.equal((await h.app.request('/en/missing')).status, 404)
  })

  it('keeps one copy per value of the query parameters a page reads, and per encoding', async () => {
    const h = harness()
    const text = async (url: string, headers: Record<string, string> = {}) =>
      (await h.app.request(url, { headers })).text()
    assert.equal(await text('/en/search?q=a'), '<p>a page 1 (render 1)</p>')
    assert.equal(await text('/en/search?q=b'), '<p>b page 1 (render 2)</p>')
    assert.equal(await text('/en/search?q=a', { 'accept-encoding': 'br' }), '<p>a page 1 (render 3)</p>')
    assert.equal(await text('/en/search?q=a&utm=x'), '<p>a page 1 (render 1)</p>', 'an unread parameter')
    assert.equal(await text('/en/search?q=b'), '<p>b page 1 (render 2)</p>')
    assert.equal(await text('/en/search?q=a&page=2'), '<p>a page 2 (render 4)</p>')
    assert.equal(await text('/en/search?page=2&q=a'), '<p>a page 2 (render 5)</p>')
    assert.equal(await text('/en/search?q=a&page=2'), '<p>a page 2 (render 4)</p>')
    assert.equal(await text('/en/search?page=9'), '<p>everything page 1 (render 6)</p>')
    assert.equal(
      await text('/en/search?page=3'),
      '<p>everything page 1 (render 6)</p>',
      'page is read only with q',
    )
    assert.equal(await text('/en/search?q=a'), '<p>a page 1 (render 1)</p>')
    assert.equal(h.renders(), 6)
  })

  it('keeps a conference’s schedule.json but no other plain JSON', async () => {
    const h = harness()
    const json = async (url: string) => (await h.app.request(url)).json()
    assert.deepEqual(await json('/en/events/summit/schedule.json'), { render: 1 })
    assert.deepEqual(await json('/en/events/summit/schedule.json'), { render: 1 })
    assert.deepEqual(await json('/en/events/summit/answer.json'), { render: 2 })
    assert.deepEqual(await json('/en/events/summit/answer.json'), { render: 3 })
    h.bump()
    assert.deepEqual(await json('/en/events/summit/schedule.json'), { render: 4 })
  })

  it('keeps one copy of a page that reads no query, whatever the query string', async () => {
    const h = harness()
    for (let i = 0; i < 500; i++) {
      const n = Math.random().toString(36).slice(2)
      assert.equal(await (await h.app.request(`/en/page?n=${n}&${n}=1`)).text(), '<p>render 1</p>')
    }
    assert.equal(h.renders(), 1)
    assert.equal(h.cache.size().entries, 1)
  })

  it('stays under its byte bound, letting the least recently used pages go first', async () => {
    const maxBytes = 1024 * 1024
    const h = harness(0, maxBytes)
    for (let n = 0; n < 40; n++) {
      await h.app.request(`/en/big/${n}`)
      assert.ok(h.cache.size().bytes <= maxBytes, `${h.cache.size().bytes} bytes kept`)
      // The first page is read again and again, so it stays.
      await h.app.request('/en/big/0')
    }
    const kept = h.cache.size()
    assert.ok(kept.entries >= 9 && kept.entries <= 10, `${kept.entries} pages of ~100 kB in 1 MB`)
    const before = h.renders()
    await h.app.request('/en/big/0')
    await h.app.request('/en/big/39')
    assert.equal(h.renders(), before, 'recently used pages are kept')
    await h.app.request('/en/big/1')
    assert.equal(h.renders(), before + 1, 'the least recently used went')
  })

  it('keeps a page that shows live counts only as long as it asked, though the generation stays', async () => {
    mock.timers.enable({ apis: ['Date'], now: 1_000_000 })
    try {
      const h = harness(60_000)
      await h.app.request('/en/places-left')
      assert.equal(await (await h.app.request('/en/places-left')).text(), '<p>render 1</p>')
      mock.timers.tick(5_001)
      assert.equal(await (await h.app.request('/en/places-left')).text(), '<p>render 2</p>')
      assert.equal(await (await h.app.request('/en/page')).text(), '<p>render 3</p>')
      mock.timers.tick(50_000)
      assert.equal(await (await h.app.request('/en/page')).text(), '<p>render 3</p>', 'other pages stay kept')
    } finally {
      mock.timers.reset()
    }
  })

  it('answers with the page that has just expired while one reader renders it again, not a render each', async () => {
    mock.timers.enable({ apis: ['Date'], now: 1_000_000 })
    try {
      const h = harness()
      await h.app.request('/en/slow-count')
      mock.timers.tick(5_001)
      h.holdNextRender()
      const again = h.app.request('/en/slow-count')
      const meanwhile = await Promise.all([h.app.request('/en/slow-count'), h.app.request('/en/slow-count')])
      for (const r of meanwhile) assert.equal(await r.text(), '<p>count render 1</p>')
      h.finishRender()
      assert.equal(await (await again).text(), '<p>count render 2</p>')
      assert.equal(await (await h.app.request('/en/slow-count')).text(), '<p>count render 2</p>')
      assert.equal(h.renders(), 2)

      mock.timers.tick(5_001)
      h.holdNextRender()
      const before = h.app.request('/en/slow-count')
      await new Promise((r) => setImmediate(r))
      h.bump()
      assert.equal(
        await (await h.app.request('/en/slow-count')).text(),
        '<p>count render 4</p>',
        'after a change the old page is not answered, though it is being rendered again',
      )
      h.finishRender()
      assert.equal(await (await before).text(), '<p>count render 3</p>')
    } finally {
      mock.timers.reset()
    }
  })

  it('trusts a generation it read for checkEveryMs only', async () => {
    const h = harness(60_000)
    await h.app.request('/en/page')
    h.bump()
    assert.equal(
      await (await h.app.request('/en/page')).text(),
      '<p>render 1</p>',
      'within the window the old page stands',
    )
  })
})

describe('page cache in front of the app', () => {
  it('answers kept pages from memory before the app, with their headers and 304s, and nothing else', async () => {
    const h = harness(60_000)
    const listener = getRequestListener(h.app.fetch)
    let passedOn = 0
    const server = createServer((req, res) => {
      if (h.cache.answer(req, res)) return
      passedOn++
      listener(req, res)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const first = await fetch(`${base}/podcast/show/feed.xml`)
      assert.equal(await first.text(), '<rss/>')
      assert.equal(passedOn, 1)
      const again = await fetch(`${base}/podcast/show/feed.xml`)
      assert.equal(await again.text(), '<rss/>')
      assert.equal(again.headers.get('etag'), '"v1"')
      assert.equal(again.headers.get('content-type'), 'application/rss+xml')
      const conditional = await fetch(`${base}/podcast/show/feed.xml`, {
        headers: { 'if-none-match': '"v1"' },
      })
      assert.equal(conditional.status, 304)
      assert.equal(passedOn, 1, 'both answered from memory')
      assert.equal(h.renders(), 1)
      // A signed-in reader, another query, a POST: the app answers.
      await fetch(`${base}/podcast/show/feed.xml`, { headers: { cookie: '__Host-hearth_session=x' } })
      await fetch(`${base}/podcast/show/feed.xml`, { method: 'POST' })
      assert.equal(passedOn, 3)
      // The feed reads no query: another query string is the same feed, from memory.
      assert.equal(await (await fetch(`${base}/podcast/show/feed.xml?page=2`)).text(), '<rss/>')
      assert.equal(passedOn, 3)
    } finally {
      server.close()
    }
  })

  it('leaves requests to the app once the generation is older than checkEveryMs', async () => {
    const h = harness(0)
    await h.app.request('/podcast/show/feed.xml')
    const res = { writeHead: () => assert.fail('answered'), end: () => {} }
    const req = { method: 'GET', url: '/podcast/show/feed.xml', headers: {} }
    assert.equal(h.cache.answer(req as never, res as never), false)
  })
})

for (const backend of await testBackends()) {
  describe(`content generation [${backend}]`, async () => {
    const t = await makeTestApp(backend)

    it('moves on with every change public pages show, so anonymous readers see it at once', async () => {
      const person = await makePerson(t.deps, { handle: `cached-${backend}`, nameEn: 'Cached Person' })
      const reader = t.client()
      const before = await (await reader.get(`/en/people/cached-${backend}`)).text()
      assert.match(before, /No roles at the moment/)
      await t.grant(person.id, 'ambassador')
      const after = await (await reader.get(`/en/people/cached-${backend}`)).text()
      assert.match(after, /Ambassador/)
      await t.database.query(`update people set name_en = 'Renamed Person' where id = $1`, [person.id])
      assert.match(await (await reader.get(`/en/people/cached-${backend}`)).text(), /Renamed Person/)
    })

    it('answers each search of the people directory with its own results, whatever else the query holds', async () => {
      await makePerson(t.deps, { handle: `alpha-${backend}`, nameEn: 'Alpha Reader', profilePublic: true })
      await makePerson(t.deps, { handle: `beta-${backend}`, nameEn: 'Beta Reader', profilePublic: true })
      const reader = t.client()
      for (let round = 0; round < 2; round++) {
        for (const [q, shown, hidden] of [
          ['alpha', /Alpha Reader/, /Beta Reader/],
          ['beta', /Beta Reader/, /Alpha Reader/],
        ] as const) {
          const html = await (await reader.get(`/en/people?q=${q}-${backend}&n=${Math.random()}`)).text()
          assert.match(html, shown)
          assert.doesNotMatch(html, hidden)
          assert.doesNotMatch(html, /[?&]n=0\./, 'an unread parameter is not carried into the page')
        }
      }
    })

    if (backend === 'postgres') {
      it('moves only when the change commits, never before', async () => {
        const read = async () =>
          (await t.database.query<{ n: string }>('select n::text as n from content_generation'))[0]!.n
        const client = await t.database.pool!.connect()
        try {
          const start = await read()
          await client.query('begin')
          await client.query(`update people set city_en = 'Somewhere' where handle = 'root-admin'`)
          assert.equal(await read(), start, 'an uncommitted change does not move it')
          await client.query('commit')
          assert.notEqual(await read(), start)
        } finally {
          client.release()
        }
      })
    }
  })
}
