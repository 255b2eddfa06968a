import assert from 'node:assert/strict'
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { after, describe, it } from 'node:test'
import { eq, ne } from 'drizzle-orm'
import { parseRssFeed } from 'feedsmith'
import { parseFeed } from 'podcast-partytime'
import sharp from 'sharp'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { mediaFiles } from '../../platform/media/media.schema.ts'
import { MediaRefused } from '../../platform/media/media.ts'
import { httpOutbox } from '../../platform/outbox/http.schema.ts'
import { deliverPendingRequests } from '../../platform/outbox/http.ts'
import { markdownHtml } from '../../platform/views/markdown.ts'
import { startApplication, voteOnApplication } from '../applications/index.ts'
import { upsertSettings } from '../community/community.repo.ts'
import { communitySettings } from '../community/community.schema.ts'
import { parseChapters, podcastGuidOf, timeParam, videoEmbed } from './podcast.rules.ts'
import {
  downloads as downloadsTable,
  episodes,
  guestBookings,
  listenerWindows,
  shows,
} from './podcast.schema.ts'
import './podcast.applications.ts'
import {
  announcers,
  attachArt,
  attachAudio,
  attachTranscript,
  createEpisode,
  createShow,
  publishDueEpisodes,
  publishEpisode,
} from './podcast.service.ts'

const fixtures = join(import.meta.dirname, '../../../test/fixtures/audio')

describe('podcast rules', () => {
  it('derives podcast:guid as the spec’s own examples do', () => {
    assert.equal(
      podcastGuidOf('https://mp3s.nashownotes.com/pc20rss.xml'),
      '917393e3-1b1e-5cef-ace4-edaa54e1f810',
    )
    assert.equal(podcastGuidOf('podnews.net/rss'), '9b024349-ccf0-5f69-a609-6b82873eab3c')
    assert.equal(podcastGuidOf('https://podnews.net/rss////'), '9b024349-ccf0-5f69-a609-6b82873eab3c')
  })

  it('reads chapters as "00:00 Title" lines in order, naming the first bad line', () => {
    assert.deepEqual(parseChapters('00:00 Intro\n\n12:30 Chapters in Hangzhou\n1:02:03 Q&A'), {
      ok: true,
      chapters: [
        { startTime: 0, title: 'Intro' },
        { startTime: 750, title: 'Chapters in Hangzhou' },
        { startTime: 3723, title: 'Q&A' },
      ],
    })
    assert.deepEqual(parseChapters('00:00 Intro\n05:00 B\n04:00 back in time'), { ok: false, line: 3 })
    assert.deepEqual(parseChapters('intro at 0'), { ok: false, line: 1 })
  })

  it('reads deep-link times in the forms people share', () => {
    assert.equal(timeParam('90'), 90)
    assert.equal(timeParam('1m30s'), 90)
    assert.equal(timeParam('1:30'), 90)
    assert.equal(timeParam('1h2m3s'), 3723)
    assert.equal(timeParam('soon'), null)
  })

  it('embeds YouTube and Bilibili players from the links people paste, and nothing else', () => {
    const yt = 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'
    assert.equal(videoEmbed('https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=x')?.src, yt)
    assert.equal(videoEmbed('https://youtu.be/dQw4w9WgXcQ?t=90')?.src, `${yt}?start=90`)
    assert.equal(videoEmbed('https://m.youtube.com/shorts/dQw4w9WgXcQ')?.src, yt)
    assert.equal(
      videoEmbed('https://www.bilibili.com/video/BV1GJ411x7h7/?p=2&spm_id_from=x')?.src,
      'https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7&page=2&autoplay=0',
    )
    assert.equal(
      videoEmbed('https://www.bilibili.com/video/av170001')?.src,
      'https://player.bilibili.com/player.html?aid=170001&autoplay=0',
    )
    assert.equal(videoEmbed('https://www.youtube.com/watch?v=short'), null)
    assert.equal(videoEmbed('https://vimeo.com/76979871'), null)
    assert.equal(videoEmbed('https://evil.example/youtube.com/watch?v=dQw4w9WgXcQ'), null)
  })

  it('neutralises hostile show notes', () => {
    const html = markdownHtml(
      'Hi <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> [ok](https://kubesphere.io)',
    )
    // Raw HTML stays text (escaped); the javascript: link is not a link.
    assert.doesNotMatch(html, /<script|<img|href="javascript:/i)
    assert.match(html, /<a href="https:\/\/kubesphere.io" rel="noopener nofollow">ok<\/a>/)
  })
})

for (const backend of await testBackends()) {
  describe(`podcast [${backend}]`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hearth-podcast-'))
    after(() => rmSync(dataDir, { recursive: true, force: true }))
    const t = await makeTestApp(backend, { DATA_DIR: dataDir })
    const admin = { personId: t.superuser.id, roles: [{ role: 'administrator', sigId: null }] }
    const hostA = await makePerson(t.deps, {
      handle: `host-a-${backend}`,
      nameZh: '主播甲',
      nameEn: 'Host A',
    })
    const guest = await makePerson(t.deps, {
      handle: `guest-${backend}`,
      nameZh: '嘉宾一',
      nameEn: 'Guest One',
    })
    const host = { personId: hostA.id, roles: [] }
    const slug = `cloud-native-talk-${backend}`
    let enclosure = ''
    let episodeId = ''

    it('publishes an episode with checked audio into a feed that podcast apps read back whole', async () => {
      await createShow(t.deps, admin, {
        slug,
        titleZh: '云原生夜话',
        titleEn: null,
        descriptionZh: 'Talks with the **community**.',
        descriptionEn: null,
        language: 'zh-cn',
        categories: ['Technology', 'Technology > Tech News'],
        explicit: false,
        type: 'episodic',
        ownerName: 'KubeSphere 社区',
        ownerEmail: 'podcast@example.org',
        copyright: '© 2026 KubeSphere 社区',
        hosts: [hostA.handle],
      })
      await assert.rejects(
        createEpisode(t.deps, { personId: guest.id, roles: [] }, slug, episodeFields('x')),
        { code: 'forbidden' },
      )
      const episode = await createEpisode(t.deps, host, slug, {
        ...episodeFields('ep-1'),
        guests: [guest.handle, 'Outside Expert https://expert.example.org'],
        chapters: '00:00 开场\n00:30 城市站的故事',
        notes:
          'Show notes with a [link](https://kubesphere.io), https://kubesphere.io/docs and /zh/chapters/hangzhou.',
      })
      episodeId = episode.id
      // Not audio, whatever its name says: refused, nothing kept.
      await assert.rejects(
        attachAudio(t.deps, host, episode.id, {
          filename: 'episode.mp3',
          source: createReadStream(join(import.meta.dirname, 'podcast.rules.ts')),
        }),
        (e: unknown) => e instanceof MediaRefused && e.reason === 'notAudio',
      )
      assert.equal((await t.deps.db.select().from(mediaFiles)).length, 0)
      await assert.rejects(publishEpisode(t.deps, host, episode.id, null), { code: 'invalid' })
      const audio = await attachAudio(t.deps, host, episode.id, {
        filename: 'episode.mp3',
        source: createReadStream(join(fixtures, 'episode.mp3')),
      })
      assert.deepEqual([audio.contentType, audio.durationSeconds, audio.bitrate], ['audio/mpeg', 75, 16000])
      await publishEpisode(t.deps, host, episode.id, null)

      const res = await t.client().get(`/podcast/${slug}/feed.xml`)
      assert.equal(res.status, 200)
      // application/xml: Chromium shows rss+xml as plain text and would not apply the stylesheet.
      assert.match(res.headers.get('content-type') ?? '', /^application\/xml; charset=utf-8$/)
      const xml = await res.text()
      // Opened in a browser, the feed is a page in the show's language (apps skip the instruction).
      assert.match(
        xml,
        /^<\?xml [^>]*\?>\n<\?xml-stylesheet type="text\/xsl" href="\/podcast\/feed-zh\.xsl"\?>/,
      )
      const feed = parseFeed(xml)!
      assert.equal(feed.title, '云原生夜话')
      assert.equal(feed.guid, podcastGuidOf(`http://hearth.test/podcast/${slug}/feed.xml`))
      assert.equal(feed.locked, true)
      assert.deepEqual(
        feed.podcastPeople?.map((p) => [p.name, p.role?.toLowerCase()]),
        [['主播甲', 'host']],
      )
      assert.equal(feed.items.length, 1)
      const [item] = feed.items
      assert.equal(item!.guid, episode.id)
      assert.equal(item!.enclosure.length, audio.bytes)
      assert.equal(item!.enclosure.type, 'audio/mpeg')
      assert.equal(item!.duration, 75)
      assert.deepEqual(
        item!.podcastPeople?.map((p) => [p.name, p.role?.toLowerCase()]),
        [
          ['主播甲', 'host'],
          ['嘉宾一', 'guest'],
          ['Outside Expert', 'guest'],
        ],
      )
      assert.equal(item!.podcastChapters?.url, `http://hearth.test/podcast/${slug}/ep-1/chapters.json`)
      enclosure = item!.enclosure.url
      // What Apple requires, as another parser reads it.
      const rss = parseRssFeed(xml)
      assert.equal(rss.language, 'zh-cn')
      assert.equal(rss.itunes?.explicit, false)
      assert.deepEqual(rss.itunes?.categories?.[0], {
        text: 'Technology',
        categories: [{ text: 'Tech News' }],
      })
      assert.equal(rss.itunes?.owner?.email, 'podcast@example.org')
      assert.equal(rss.atom?.links?.[0]?.rel, 'self')
      assert.equal(rss.items?.[0]?.itunes?.episodeType, 'full')
      const chapters = await (await t.client().get(`/podcast/${slug}/ep-1/chapters.json`)).json()
      assert.deepEqual(chapters, {
        version: '1.2.0',
        chapters: [
          { startTime: 0, title: '开场' },
          { startTime: 30, title: '城市站的故事' },
        ],
      })
    })

    it('answers the feed’s conditional requests with 304', async () => {
      const first = await t.client().get(`/podcast/${slug}/feed.xml`)
      const etag = first.headers.get('etag')!
      assert.match(etag, /^"[0-9a-f]{32}"$/)
      assert.equal((await t.client().get(`/podcast/${slug}/feed.xml`, { 'if-none-match': etag })).status, 304)
      const since = first.headers.get('last-modified')!
      assert.equal(
        (await t.client().get(`/podcast/${slug}/feed.xml`, { 'if-modified-since': since })).status,
        304,
      )
      const head = await t.client().request(`/podcast/${slug}/feed.xml`, { method: 'HEAD' })
      assert.equal(head.status, 200)
      assert.equal(await head.text(), '')
    })

    it('serves the feed’s page for browsers: an XSLT stylesheet per language, from the dictionaries', async () => {
      for (const [locale, explains] of [
        ['zh', '把这个地址复制到你的播客应用里'],
        ['en', 'Copy this address into your podcast app'],
      ] as const) {
        const res = await t.client().get(`/podcast/feed-${locale}.xsl`)
        assert.equal(res.status, 200)
        assert.equal(res.headers.get('content-type'), 'text/xsl; charset=utf-8')
        const xsl = await res.text()
        assert.match(xsl, /<xsl:stylesheet version="1.0"/)
        assert.match(xsl, new RegExp(explains))
        assert.match(xsl, /<link rel="stylesheet" href="\/assets\/app.css\?v=/)
        const etag = res.headers.get('etag')!
        assert.equal(
          (await t.client().get(`/podcast/feed-${locale}.xsl`, { 'if-none-match': etag })).status,
          304,
        )
      }
      assert.equal((await t.client().get('/podcast/feed-fr.xsl')).status, 404)
      // The feed keeps its validators with the instruction in it: the same bytes, the same ETag.
      const first = await t.client().get(`/podcast/${slug}/feed.xml`)
      const again = await t.client().get(`/podcast/${slug}/feed.xml`)
      assert.equal(first.headers.get('etag'), again.headers.get('etag'))
      assert.equal(await first.text(), await again.text())
    })

    it('serves the audio with HEAD, single ranges, probes, suffixes, If-Range, 416 and 304', async () => {
      const path = new URL(enclosure).pathname
      // In memory (app.request) and through the production HTTP server, which streams files itself
      // (as a crawler, whose requests are not counted: the counting test below starts from none).
      const server = await t.listen()
      const crawler = { 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' }
      const socket = {
        get: (p: string, headers: Record<string, string> = {}) => server.get(p, { ...crawler, ...headers }),
        request: (p: string, init: RequestInit) =>
          server.request(p, {
            ...init,
            headers: { ...crawler, ...(init.headers as Record<string, string>) },
          }),
      }
      for (const client of [t.client(), socket]) {
        const full = await client.get(path)
        const size = Number(full.headers.get('content-length'))
        assert.equal((await full.arrayBuffer()).byteLength, size)
        assert.equal(full.headers.get('accept-ranges'), 'bytes')
        assert.match(full.headers.get('cache-control') ?? '', /immutable/)
        const etag = full.headers.get('etag')!
        const probe = await client.get(path, { range: 'bytes=0-1' })
        assert.equal(probe.status, 206)
        assert.equal(probe.headers.get('content-range'), `bytes 0-1/${size}`)
        assert.equal((await probe.arrayBuffer()).byteLength, 2)
        const tail = await client.get(path, { range: 'bytes=-100' })
        assert.equal(tail.headers.get('content-range'), `bytes ${size - 100}-${size - 1}/${size}`)
        const open = await client.get(path, { range: `bytes=${size - 10}-` })
        assert.equal((await open.arrayBuffer()).byteLength, 10)
        const beyond = await client.get(path, { range: `bytes=${size}-` })
        assert.equal(beyond.status, 416)
        assert.equal(beyond.headers.get('content-range'), `bytes */${size}`)
        assert.equal((await client.get(path, { range: 'bytes=0-1', 'if-range': '"stale"' })).status, 200)
        assert.equal((await client.get(path, { range: 'bytes=0-1', 'if-range': etag })).status, 206)
        assert.equal((await client.get(path, { 'if-none-match': etag })).status, 304)
        const head = await client.request(path, { method: 'HEAD', headers: { range: 'bytes=0-1' } })
        assert.equal(head.status, 206)
        assert.equal(head.headers.get('content-length'), '2')
        assert.equal((await client.get(path.replace(/[^/]+$/, 'other.mp3'))).status, 404)
      }
      const bytes = Buffer.from(await (await socket.get(path)).arrayBuffer())
      assert.ok(bytes.equals(readFileSync(join(fixtures, 'episode.mp3'))), 'the file, byte for byte')
    })

    it('counts downloads through the media route as the IAB says, and shows them to the hosts with a CSV', async () => {
      const path = new URL(enclosure).pathname
      const overcast = 'Overcast/3.0 (+http://overcast.fm/; iOS podcast app)'
      const downloaded = async () => (await t.deps.db.select().from(downloadsTable)).length
      const settle = async (n: number) => {
        for (let i = 0; i < 100 && (await downloaded()) !== n; i++)
          await new Promise((r) => setTimeout(r, 20))
        return downloaded()
      }
      await (await t.client().get(path, { 'user-agent': overcast, range: 'bytes=0-1' })).arrayBuffer()
      await (
        await t.client().get(path, { 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' })
      ).arrayBuffer()
      // Less than a minute (this 75 s file at 16 kb/s: 120,000 bytes a minute), then the rest.
      await (await t.client().get(path, { 'user-agent': overcast, range: 'bytes=0-59999' })).arrayBuffer()
      assert.equal(await settle(1), 0, 'half a minute is not a download')
      await (await t.client().get(path, { 'user-agent': overcast, range: 'bytes=60000-' })).arrayBuffer()
      assert.equal(await settle(1), 1)
      await (await t.client().get(path, { 'user-agent': overcast })).arrayBuffer()
      assert.equal(await settle(2), 1, 'the same listener within 24 hours')
      // The production server streams the file itself, and counts what it sent the same way.
      const server = await t.listen()
      const pocketCasts = 'Pocket Casts'
      const whole = await server.get(path, { 'user-agent': pocketCasts })
      assert.equal(Buffer.from(await whole.arrayBuffer()).length, Number(whole.headers.get('content-length')))
      assert.equal(await settle(2), 2, 'another listener, through the socket')
      // Out again, so what the hosts see below is the one Overcast download.
      await t.deps.db.delete(downloadsTable).where(ne(downloadsTable.app, 'Overcast'))
      const [row] = await t.deps.db.select().from(downloadsTable)
      assert.equal(row?.app, 'Overcast')
      assert.equal(
        (await t.deps.db.select().from(listenerWindows)).every((w) => !w.listener.includes('local')),
        true,
      )
      const asHost = await t.clientAs(hostA.id)
      const page = await (await asHost.get(`/en/console/podcast/${slug}/downloads`)).text()
      assert.match(page, /1 download since/)
      // By app: the count, its share, and a bar as wide as the share.
      assert.match(
        page,
        /Overcast<\/th><td class="num">1<\/td><td class="num">100%<\/td><td><svg class="share-bar" aria-hidden="true" width="160"[^>]*><rect class="bar-returning" width="160"/,
      )
      // One episode's downloads: its own page (linked from the table) and CSV, and the API's filter.
      assert.match(page, new RegExp(`href="/en/console/podcast/${slug}/downloads\\?episode=${episodeId}"`))
      const one = await (
        await asHost.get(`/en/console/podcast/${slug}/downloads?episode=${episodeId}`)
      ).text()
      assert.match(one, /<h1>Downloads of 第 ep-1 期<\/h1>/)
      assert.match(one, /1 download since/)
      const elsewhere = await asHost.api(
        'GET',
        `/api/v1/shows/${slug}/downloads?episode=00000000-0000-7000-8000-000000000000`,
      )
      assert.deepEqual(((await elsewhere.json()) as { byDay: unknown[] }).byDay, [])
      const csv = await asHost.get(`/en/console/podcast/${slug}/downloads.csv`)
      assert.match(csv.headers.get('content-type') ?? '', /text\/csv/)
      assert.match(
        await csv.text(),
        /^day,time,episode,app,country\r\n\d{4}-\d{2}-\d{2},[^,]+,"ep-1","Overcast",\r\n$/,
      )
      assert.equal(
        (await t.clientAs(guest.id).then((c) => c.get(`/en/console/podcast/${slug}/downloads`))).status,
        403,
      )
      assert.match(await (await t.client().get('/zh/podcast/how-we-count')).text(), /IAB/)
    })

    it('publishes a scheduled episode when its time comes, and not before', async () => {
      const later = await createEpisode(t.deps, host, slug, episodeFields('ep-2'))
      await attachAudio(t.deps, host, later.id, {
        filename: 'e2.m4a',
        source: createReadStream(join(fixtures, 'episode.m4a')),
      })
      const at = new Date(Date.now() + 3_600_000)
      await publishEpisode(t.deps, host, later.id, at)
      const items = async () =>
        parseFeed(await (await t.client().get(`/podcast/${slug}/feed.xml`)).text())!.items
      assert.equal((await items()).length, 1)
      assert.equal(await publishDueEpisodes(t.deps), 0)
      t.setNow(new Date(at.getTime() + 1000))
      assert.equal(await publishDueEpisodes(t.deps), 1)
      t.setNow(null)
      const now = await items()
      assert.equal(now.length, 2)
      assert.equal(now.find((i) => i.guid === later.id)?.enclosure.type, 'audio/mp4')
      assert.ok(episodeId)
    })

    it('shows the show and the episode pages, readable without JavaScript, in both languages', async () => {
      const show = await (await t.client().get(`/zh/podcast/${slug}`)).text()
      assert.match(
        show,
        new RegExp(
          `<link rel="alternate" type="application/rss\\+xml" title="云原生夜话" href="http://hearth.test/podcast/${slug}/feed.xml"/>`,
        ),
      )
      assert.match(show, /主播甲/)
      // Episode cards: number, duration and a play button that names the episode.
      assert.match(show, /<article class="card card-episode">/)
      assert.match(show, /<span>第 1 期<\/span>/)
      assert.match(show, /<time datetime="PT1M15S">1:15<\/time>/)
      // A Chinese title on a Chinese page carries no lang of its own; on an English page, with no
      // English title, the Chinese one is the fallback and says so.
      assert.match(show, /<span>播放<\/span><span class="visually-hidden"> 第 ep-1 期<\/span>/)
      assert.match(show, /<h1>云原生夜话<\/h1>/)
      const showEn = await (await t.client().get(`/en/podcast/${slug}`)).text()
      assert.match(showEn, /<h1 lang="zh-Hans">云原生夜话<\/h1>/)
      assert.match(
        showEn,
        /<span>Play<\/span><span class="visually-hidden" lang="zh-Hans"> 第 ep-1 期<\/span>/,
      )
      // The feed's own button: its icon and its name.
      assert.match(
        show,
        /<a class="subscribe-link" href="http:\/\/hearth.test\/podcast\/[^"]+\/feed.xml" type="application\/rss\+xml"><svg[^>]*aria-hidden="true"[\s\S]*?<\/svg><span>RSS 订阅源<\/span><\/a>/,
      )
      assert.match(
        show,
        /<button type="button" class="secondary" data-copy="feed-url" data-copied="已复制" hidden="">/,
      )
      // Search within the show: words in chapters or a guest's name, any case; the page says what it found.
      for (const q of ['城市站', 'GUEST one'])
        assert.match(
          await (await t.client().get(`/en/podcast/${slug}?q=${encodeURIComponent(q)}`)).text(),
          new RegExp(`1 episode with “${q}”[\\s\\S]*href="/en/podcast/${slug}/ep-1"`),
        )
      const none = await (await t.client().get(`/zh/podcast/${slug}?q=kubecon`)).text()
      assert.match(none, /包含“kubecon”的单集共 0 期/)
      assert.doesNotMatch(none, new RegExp(`href="/zh/podcast/${slug}/ep-1"`))
      await attachTranscript(t.deps, host, episodeId, {
        filename: 'ep-1.vtt',
        source: Readable.from([Buffer.from('WEBVTT\n\n00:00:00.000 --> 00:00:05.000\n<v Host A>Hello.\n')]),
      })
      const page = await (await t.client().get(`/en/podcast/${slug}/ep-1?t=30`)).text()
      assert.match(page, /<h1 lang="zh-Hans">第 ep-1 期<\/h1>/)
      assert.match(
        page,
        /<audio controls="" preload="metadata" src="\/media\/[0-9a-f-]{36}\/episode.mp3#t=30"/,
      )
      assert.match(
        page,
        /href="\/en\/podcast\/[^"]+\/ep-1\?t=30" data-start="30"><time>0:30<\/time> <span lang="zh-cn">城市站的故事<\/span>/,
      )
      assert.match(page, /Guest One/)
      // The player's controls, rendered hidden in the page's language for the script to show.
      assert.match(page, /<div class="player-ui" hidden="" data-play="Play" data-pause="Pause"/)
      assert.match(
        page,
        /<input type="range" class="scrubber-input" aria-label="Position in the episode" min="0" max="75"/,
      )
      assert.match(page, /<span class="scrubber-mark" data-start="30" title="城市站的故事">/)
      // The episode's art (the show's cover when it has none), its number and its guests' faces.
      assert.match(page, /<p class="muted episode-facts"><span>Episode 1<\/span>/)
      assert.match(
        page,
        /<span class="avatar avatar-small" aria-hidden="true">GO<\/span><span>Guest One<\/span>/,
      )
      assert.match(
        page,
        /href="https:\/\/expert.example.org" rel="noopener nofollow"><span class="avatar avatar-small" aria-hidden="true">OE<\/span><span>Outside Expert/,
      )
      // Show notes come before the transcript, with their links as links.
      assert.ok(page.indexOf('id="notes-title"') < page.indexOf('id="people-title"'))
      assert.ok(page.indexOf('id="notes-title"') < page.indexOf('id="transcript-title"'))
      for (const link of [
        '<a href="https://kubesphere.io" rel="noopener nofollow">link</a>',
        '<a href="https://kubesphere.io/docs" rel="noopener nofollow">https://kubesphere.io/docs</a>',
        '<a href="/zh/chapters/hangzhou" rel="noopener nofollow">/zh/chapters/hangzhou</a>',
      ])
        assert.ok(page.includes(link), link)
      // Structured data and link previews, readable by what reads them.
      const data = JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(page)![1]!)
      assert.equal(data['@type'], 'PodcastEpisode')
      assert.equal(data.partOfSeries.webFeed, `http://hearth.test/podcast/${slug}/feed.xml`)
      assert.equal(data.timeRequired, 'PT1M15S')
      assert.match(
        page,
        /<meta property="og:audio" content="http:\/\/hearth.test\/media\/[0-9a-f-]{36}\/episode.mp3"\/>/,
      )
      const embed = await t.client().get(`/en/podcast/${slug}/ep-1/embed`)
      assert.equal(embed.status, 200)
      assert.match(embed.headers.get('content-security-policy') ?? '', /frame-ancestors \*/)
      assert.equal(embed.headers.get('x-frame-options'), null)
      assert.equal(embed.headers.get('x-hearth-embeddable'), null)
      assert.match(await embed.text(), /<audio controls="" preload="none" src="http:\/\/hearth.test\/media\//)
      const framed = await t.client().get(`/en/podcast/${slug}/ep-1`)
      assert.match(framed.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/)
      const showData = JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(show)![1]!)
      assert.deepEqual([showData['@type'], showData.author[0].name], ['PodcastSeries', '主播甲'])
      assert.equal(readdirSync(join(dataDir, 'media', 'tmp')).length, 0, 'no upload left half-written')
    })
  })
}

for (const backend of await testBackends()) {
  describe(`podcast console [${backend}]`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hearth-podcast-console-'))
    after(() => rmSync(dataDir, { recursive: true, force: true }))
    const t = await makeTestApp(backend, { DATA_DIR: dataDir })
    const host = await makePerson(t.deps, { handle: `console-host-${backend}` })
    const asAdmin = await t.clientAs(t.superuser.id)
    const asHost = await t.clientAs(host.id)
    const mp3 = readFileSync(join(fixtures, 'episode.mp3'))

    it('creates a show and an episode from forms, refusing bad input with translated errors', async () => {
      const show = {
        titleZh: '社区之声',
        titleEn: '',
        slug: 'Not A Slug',
        descriptionZh: '社区的声音。',
        descriptionEn: 'Voices of the community.',
        language: 'zh-cn',
        categories: 'Technology',
        hosts: host.handle,
        ownerName: 'Hearth',
        ownerEmail: 'podcast@example.org',
      }
      const bad = await asAdmin.postForm('/zh/console/podcast', show)
      assert.equal(bad.status, 422)
      assert.match(await bad.text(), /请使用小写字母、数字和连字符/)
      assert.equal((await asHost.postForm('/en/console/podcast', { ...show, slug: 'voices' })).status, 403)
      assert.equal((await asAdmin.postForm('/en/console/podcast', { ...show, slug: 'voices' })).status, 303)
      const badChapters = await asHost.postForm('/zh/console/podcast/voices/episodes', {
        titleZh: '第一期',
        titleEn: '',
        slug: 'one',
        chapters: '00:00 开场\n半小时后 问答',
      })
      assert.equal(badChapters.status, 422)
      assert.match(await badChapters.text(), /每行一个章节/)
      // A title in at least one language, refused in the reader's.
      const untitled = await asHost.postForm('/zh/console/podcast/voices/episodes', {
        titleZh: ' ',
        titleEn: '',
        slug: 'none',
      })
      assert.equal(untitled.status, 422)
      assert.match(await untitled.text(), /请至少填写中文或英文其中一项/)
      const untitledEn = await asAdmin.postForm('/en/console/podcast', {
        ...show,
        titleZh: '',
        slug: 'untitled',
      })
      assert.equal(untitledEn.status, 422)
      assert.match(await untitledEn.text(), /Fill in at least one of the two: in Chinese or in English\./)
      // A description too, at its Chinese field, keeping what was typed.
      for (const [lang, message] of [
        ['zh', /请至少填写中文或英文其中一项/],
        ['en', /Fill in at least one of the two: in Chinese or in English\./],
      ] as const) {
        const undescribed = await asAdmin.postForm(`/${lang}/console/podcast`, {
          ...show,
          slug: 'undescribed',
          descriptionZh: '',
          descriptionEn: '  ',
        })
        assert.equal(undescribed.status, 422)
        const html = await undescribed.text()
        assert.match(html, message)
        assert.match(html, /<textarea id="field-descriptionZh"[^>]*aria-invalid="true"/)
        assert.match(html, /value="社区之声"/)
      }
      const created = await asHost.postForm('/en/console/podcast/voices/episodes', {
        titleZh: '第一期',
        titleEn: '',
        slug: 'one',
        chapters: '00:00 开场\n00:30 问答',
      })
      assert.equal(created.status, 303)
      assert.match(
        created.headers.get('location') ?? '',
        /^\/en\/console\/podcast\/voices\/[0-9a-f-]{36}\?notice=created$/,
      )
    })

    it('streams an upload in, refusing what is not audio or comes without the form’s token, then publishes', async () => {
      const [episode] = await t.deps.db.select().from(episodes)
      const path = `/zh/console/podcast/voices/${episode!.id}`
      const notAudio = await asHost.postMultipart(
        `${path}/upload`,
        {},
        {
          field: 'audio',
          filename: 'episode.mp3',
          bytes: new TextEncoder().encode('not audio at all'),
          type: 'audio/mpeg',
        },
      )
      assert.equal(notAudio.status, 422)
      assert.match(await notAudio.text(), /这个文件不是可以播放的音频/)
      const forged = await asHost.postMultipart(
        `${path}/upload`,
        {},
        { field: 'audio', filename: 'episode.mp3', bytes: mp3, type: 'audio/mpeg' },
        { csrf: 'forged' },
      )
      assert.equal(forged.status, 403)
      assert.equal((await t.deps.db.select().from(mediaFiles)).length, 0, 'nothing kept from either')
      const ok = await asHost.postMultipart(
        `${path}/upload`,
        {},
        { field: 'audio', filename: '第一期 final.mp3', bytes: mp3, type: 'audio/mpeg' },
      )
      assert.equal(ok.status, 303)
      const [file] = await t.deps.db.select().from(mediaFiles)
      assert.equal(file?.bytes, mp3.length)
      const notATime = await asHost.postForm(`${path}/publish`, { at: 'soon' })
      assert.equal(notATime.status, 422)
      assert.match(await notATime.text(), /请输入日期和时间。/)
      assert.equal((await asHost.postForm(`${path}/publish`, { at: '' })).status, 303)
      const feed = parseFeed(await (await t.client().get('/podcast/voices/feed.xml')).text())!
      assert.equal(feed.items[0]?.enclosure.length, mp3.length)
      assert.equal(readdirSync(join(dataDir, 'media', 'tmp')).length, 0)

      // A transcript: a broken one is refused with where it broke; an SRT with speakers is kept as WebVTT.
      const srt = (text: string) => ({
        field: 'transcript',
        filename: 'one.srt',
        bytes: new TextEncoder().encode(text),
        type: 'application/x-subrip',
      })
      const broken = await asHost.postMultipart(
        `${path}/transcript/upload`,
        {},
        srt('1\n00:00:00,000 --> oops\nhello\n'),
      )
      assert.equal(broken.status, 422)
      assert.match(await broken.text(), /无法读取这个 WebVTT 或 SRT 文字稿/)
      const good = await asHost.postMultipart(
        `${path}/transcript/upload`,
        {},
        srt(
          '1\n00:00:00,000 --> 00:00:04,000\n主持人：欢迎收听。\n\n2\n00:00:31,500 --> 00:00:36,000\n嘉宾：谢谢邀请。\n',
        ),
      )
      assert.equal(good.status, 303)
      const withTranscript = parseFeed(await (await t.client().get('/podcast/voices/feed.xml')).text())!
      const transcript = withTranscript.items[0]?.podcastTranscripts?.[0]
      assert.equal(transcript?.type, 'text/vtt')
      const vtt = await (await t.client().get(new URL(transcript!.url).pathname)).text()
      assert.match(vtt, /^WEBVTT\n\n00:00:00\.000 --> 00:00:04\.000\n<v 主持人>欢迎收听。/)
      const page = await (await t.client().get('/zh/podcast/voices/one')).text()
      assert.match(
        page,
        /<a href="\/zh\/podcast\/voices\/one\?t=31" data-start="31.5"><time>0:31<\/time><\/a> <strong>嘉宾<\/strong> 谢谢邀请。/,
      )
      assert.match(page, /<track kind="captions"/)
    })

    it('runs through the API as well: create, upload the audio as the body, publish, read back', async () => {
      const created = await asAdmin.api('POST', '/api/v1/shows', {
        slug: 'api-show',
        titleZh: null,
        titleEn: 'API show',
        descriptionEn: 'Made through the API.',
        language: 'en',
        ownerName: 'Hearth',
        ownerEmail: 'podcast@example.org',
        hosts: [host.handle],
      })
      assert.equal(created.status, 201)
      const show = (await created.json()) as {
        feedUrl: string
        podcastGuid: string
        description: string
        descriptionZh: string | null
      }
      assert.equal(show.description, 'Made through the API.')
      assert.equal(show.descriptionZh, null)
      const undescribed = await asAdmin.api('POST', '/api/v1/shows', {
        slug: 'api-undescribed',
        titleEn: 'No description',
        description: 'Not read: the pair is.',
        language: 'en',
        ownerName: 'Hearth',
        ownerEmail: 'podcast@example.org',
      })
      assert.equal(undescribed.status, 422)
      assert.match(await undescribed.text(), /"path":"descriptionZh"/)
      assert.equal(show.podcastGuid, podcastGuidOf(show.feedUrl))
      const bad = await asHost.api('POST', '/api/v1/shows/api-show/episodes', {
        titleZh: null,
        titleEn: 'x',
        slug: 'Not a slug',
      })
      assert.equal(bad.status, 422)
      const untitled = await asHost.api('POST', '/api/v1/shows/api-show/episodes', { slug: 'untitled' })
      assert.equal(untitled.status, 422)
      assert.match(await untitled.text(), /"path":"titleZh"/)
      const episode = (await (
        await asHost.api('POST', '/api/v1/shows/api-show/episodes', { titleEn: 'First', slug: 'first' })
      ).json()) as {
        id: string
        status: string
        title: string
        titleZh: string | null
        titleEn: string | null
      }
      assert.equal(episode.status, 'draft')
      // Both fields back, and `title` in the show's language (English here).
      assert.deepEqual([episode.title, episode.titleZh, episode.titleEn], ['First', null, 'First'])
      const put = (bytes: Uint8Array) =>
        asHost.request(`/api/v1/episodes/${episode.id}/audio?filename=first.mp3`, {
          method: 'PUT',
          body: bytes as Uint8Array<ArrayBuffer>,
          headers: {
            'content-type': 'audio/mpeg',
            'x-csrf-token': asHost.cookies.get('__Host-hearth_csrf')!,
            origin: 'http://hearth.test',
          },
        })
      const refused = await put(new TextEncoder().encode('no audio here'))
      assert.equal(refused.status, 422)
      assert.match(
        await refused.text(),
        /"path":"audio","message":"This file is not audio that can be played."/,
      )
      const stored = await put(mp3)
      assert.equal(stored.status, 201)
      assert.equal(((await stored.json()) as { durationSeconds: number }).durationSeconds, 75)
      assert.equal((await asHost.api('POST', `/api/v1/episodes/${episode.id}/publish`, {})).status, 204)
      const read = (await (await t.client().get('/api/v1/shows/api-show')).json()) as {
        episodes: { slug: string; status: string }[]
      }
      assert.deepEqual(
        read.episodes.map((e) => [e.slug, e.status]),
        [['first', 'published']],
      )
      assert.equal((await asHost.api('GET', '/api/v1/shows/api-show/downloads')).status, 200)
      assert.equal((await t.client().get('/api/v1/shows/api-show/downloads')).status, 401)
    })

    it('edits shows and episodes after creation, from the console and the API; the feed follows', async () => {
      // The API show from the test before: its host edits it; who hosts it is the administrators' call.
      const patched = await asHost.api('PATCH', '/api/v1/shows/api-show', {
        titleZh: null,
        titleEn: 'API show, renamed',
        type: 'serial',
        explicit: true,
      })
      assert.equal(patched.status, 200)
      assert.equal(((await patched.json()) as { title: string }).title, 'API show, renamed')
      // A Chinese description added keeps the English one, which stays `description` (the show's language).
      const described = (await (
        await asHost.api('PATCH', '/api/v1/shows/api-show', { descriptionZh: '通过 API 创建。' })
      ).json()) as Record<string, unknown>
      assert.deepEqual(
        [described.description, described.descriptionZh, described.descriptionEn],
        ['Made through the API.', '通过 API 创建。', 'Made through the API.'],
      )
      const other = await makePerson(t.deps, { handle: `co-host-${backend}` })
      assert.equal(
        (await asHost.api('PATCH', '/api/v1/shows/api-show', { hosts: [host.handle, other.handle] })).status,
        403,
      )
      assert.equal(
        (await asAdmin.api('PATCH', '/api/v1/shows/api-show', { hosts: [host.handle, other.handle] })).status,
        200,
      )
      const feed = await (await t.client().get('/podcast/api-show/feed.xml')).text()
      const channel = parseRssFeed(feed)
      assert.equal(channel.title, 'API show, renamed')
      assert.equal(channel.itunes?.type, 'serial')
      assert.equal(channel.itunes?.explicit, true)
      assert.equal(channel.podcast?.persons?.length, 2)

      const read = (await (await t.client().get('/api/v1/shows/api-show')).json()) as {
        episodes: { id: string; guid: string }[]
      }
      const { id, guid } = read.episodes[0]!
      // Published: its slug stays (listeners have the address); everything else may change.
      const slugChange = await asHost.api('PATCH', `/api/v1/episodes/${id}`, { slug: 'renamed' })
      assert.equal(slugChange.status, 422)
      assert.match(await slugChange.text(), /"path":"slug"/)
      const edited = await asHost.api('PATCH', `/api/v1/episodes/${id}`, {
        titleZh: null,
        titleEn: 'First, edited',
        chapters: '00:00 Start\n00:40 Middle',
        guests: ['Named Guest https://guest.example.org'],
        type: 'bonus',
        videoUrl: 'https://www.bilibili.com/video/BV1GJ411x7h7',
      })
      assert.equal(edited.status, 200)
      const page = await (await t.client().get('/en/podcast/api-show/first')).text()
      assert.match(
        page,
        /<iframe src="https:\/\/player.bilibili.com\/player.html\?bvid=BV1GJ411x7h7&amp;autoplay=0" title="Video: First, edited"/,
      )
      const item = parseFeed(await (await t.client().get('/podcast/api-show/feed.xml')).text())?.items[0]
      assert.equal(item?.title, 'First, edited')
      assert.equal(item?.guid, guid)
      assert.equal(item?.itunesEpisodeType, 'bonus')
      assert.ok(item?.podcastPeople?.some((p) => p.name === 'Named Guest'))

      // The console's forms, prefilled with what is there; a bad value is refused, nothing changes.
      const form = await (await asHost.get(`/en/console/podcast/api-show/${id}/edit`)).text()
      assert.match(form, /Named Guest https:\/\/guest.example.org<\/textarea>/)
      assert.match(form, /value="first"/)
      // A long form in titled sections, its save button in a bar that stays in view (a plain submit).
      assert.match(
        form,
        /<section class="form-section" id="episode-about" aria-labelledby="episode-about-title"><h2 id="episode-about-title">About the episode<\/h2>/,
      )
      assert.match(form, /<h2 id="episode-more-title">Chapters, guests and links<\/h2>/)
      assert.match(form, /<div class="save-bar">[\s\S]*<button type="submit" class="button">Save<\/button>/)
      const showEdit = await (await asHost.get('/zh/console/podcast/api-show/edit')).text()
      assert.match(
        showEdit,
        /<h2 id="show-about-title">节目简介<\/h2>[\s\S]*<h2 id="show-people-title">主播与所有者<\/h2>/,
      )
      assert.match(showEdit, /<div class="save-bar">/)
      const bad = await asHost.postForm(`/en/console/podcast/api-show/${id}/edit`, {
        titleZh: '',
        titleEn: 'x',
        slug: 'first',
        chapters: '00:40 Middle\n00:00 Start',
      })
      assert.equal(bad.status, 422)
      assert.match(await bad.text(), /one chapter a line/)
      assert.equal(item?.title, 'First, edited')
      const showForm = await asHost.postForm('/zh/console/podcast/api-show/edit', {
        titleZh: 'API 节目',
        titleEn: '',
        descriptionZh: '在控制台中修改。',
        descriptionEn: 'Edited in the console.',
        language: 'zh-cn',
        ownerName: 'Hearth',
        ownerEmail: 'podcast@example.org',
        type: 'episodic',
        hosts: `${host.handle}\n${other.handle}`,
      })
      assert.equal(showForm.status, 303)
      const after = parseRssFeed(await (await t.client().get('/podcast/api-show/feed.xml')).text())
      assert.equal(after.title, 'API 节目')
      // The feed is in the show's language, now Chinese: an episode with only an English title keeps it.
      assert.equal(after.items?.[0]?.title, 'First, edited')
      const api = (await (await t.client().get('/api/v1/shows/api-show')).json()) as {
        title: string
        titleZh: string | null
        titleEn: string | null
        episodes: { title: string; titleZh: string | null; titleEn: string | null }[]
      }
      assert.deepEqual([api.title, api.titleZh, api.titleEn], ['API 节目', 'API 节目', null])
      assert.deepEqual(
        [api.episodes[0]!.title, api.episodes[0]!.titleZh, api.episodes[0]!.titleEn],
        ['First, edited', null, 'First, edited'],
      )
      assert.equal(after.itunes?.explicit, false)
    })

    it('takes cover art only as directories want it, and the show’s links, into the feed and the page', async () => {
      const images = join(import.meta.dirname, '../../../test/fixtures/images')
      const cover = (name: string, type = 'image/png') => ({
        field: 'cover',
        filename: name,
        bytes: readFileSync(join(images, name)),
        type,
      })
      const refused = async (file: ReturnType<typeof cover>, message: RegExp) => {
        const res = await asHost.postMultipart('/en/console/podcast/voices/cover/upload', {}, file)
        assert.equal(res.status, 422)
        assert.match(await res.text(), message)
      }
      await refused(cover('wide.png'), /must be square/)
      await refused(cover('small.png'), /1400 to 3000 pixels/)
      await refused(cover('grey-1400.png'), /RGB colour/)
      await refused({ ...cover('wide.png'), bytes: Buffer.from('<svg></svg>') }, /Upload a JPEG or PNG image/)
      assert.equal((await t.deps.db.select().from(mediaFiles)).filter((f) => f.kind === 'image').length, 0)
      const ok = await asHost.postMultipart(
        '/en/console/podcast/voices/cover/upload',
        {},
        cover('cover-1400.jpg', 'image/jpeg'),
      )
      assert.equal(ok.status, 303)
      const bad = await asHost.postForm('/zh/console/podcast/voices/settings', {
        platforms: 'xiaoyuzhou no-url-here',
        fundings: '',
      })
      assert.equal(bad.status, 422)
      assert.match(await bad.text(), /每行应为名称加网址/)
      const saved = await asHost.postForm('/en/console/podcast/voices/settings', {
        platforms: 'Xiaoyuzhou https://example.org/xyz/voices',
        fundings: 'Support the show https://example.org/support',
        coverCredit: 'summer',
      })
      assert.equal(saved.status, 303)
      const xml = await (await t.client().get('/podcast/voices/feed.xml')).text()
      const rss = parseRssFeed(xml)
      assert.match(rss.itunes?.image ?? '', /^http:\/\/hearth.test\/media\/[0-9a-f-]{36}\/cover-1400.jpg$/)
      assert.deepEqual(rss.podcast?.fundings, [
        { url: 'https://example.org/support', display: 'Support the show' },
      ])
      const page = await (await t.client().get('/zh/podcast/voices')).text()
      assert.match(
        page,
        /<a class="subscribe-link" href="https:\/\/example.org\/xyz\/voices" rel="noopener"><svg class="icon platform-icon"[\s\S]*?<\/svg><span>小宇宙<\/span><\/a>/,
      )
      // The cover on the show page and, as the card's picture, on the index: in the sizes made of
      // it (WebP, and JPEG for browsers without), never the 1400 px original the feed names.
      const sizesIn = (html: string, after: string) => {
        const at = html.indexOf('<picture>', html.indexOf(after))
        const picture = html.slice(at, html.indexOf('</picture>', at))
        return {
          webp: /<source type="image\/webp" srcset="([^"]*)"/.exec(picture)?.[1] ?? '',
          img: /<img ([^>]*)\/>/.exec(picture)?.[1] ?? '',
        }
      }
      const hero = sizesIn(page, '<header class="podcast-hero">')
      const srcset =
        /\/media\/[0-9a-f-]{36}\/cover-1400-w160\.webp 160w, \/media\/[0-9a-f-]{36}\/cover-1400-w320\.webp 320w, \/media\/[0-9a-f-]{36}\/cover-1400-w640\.webp 640w, \/media\/[0-9a-f-]{36}\/cover-1400-w960\.webp 960w/
      assert.match(hero.webp, srcset)
      assert.match(
        hero.img,
        /src="\/media\/[0-9a-f-]{36}\/cover-1400-w320\.jpg" srcset="[^"]*-w160\.jpg 160w[^"]*-w960\.jpg 960w"/,
      )
      assert.match(hero.img, /width="240" height="240" alt="[^"]+的封面"/)
      assert.doesNotMatch(
        page.replace(/<meta [^>]*>|<script type="application\/ld\+json">[^<]*<\/script>/g, ''),
        /cover-1400\.jpg/,
      )
      const index = await (await t.client().get('/en/podcast')).text()
      const card = sizesIn(index, '<div class="card-media ratio-1-1">')
      assert.match(card.webp, srcset)
      assert.match(
        index,
        /<source type="image\/webp" srcset="[^"]*" sizes="\(max-width: 40rem\) 100vw, 14rem"\/>/,
      )
      const smallest = /src="([^"]*-w320\.jpg)"/.exec(card.img)![1]!
      const file = await t.client().get(smallest)
      assert.equal(file.headers.get('content-type'), 'image/jpeg')
      assert.equal((await sharp(Buffer.from(await file.arrayBuffer())).metadata()).width, 320)
      assert.match(page, /封面设计：summer/)
    })

    it('embeds a styled player with the art and the community’s name, its script and styles from files only', async () => {
      const admin = { personId: t.superuser.id, roles: [{ role: 'administrator', sigId: null }] }
      await createShow(t.deps, admin, {
        slug: 'framed',
        titleZh: null,
        titleEn: 'Framed Talk',
        descriptionZh: null,
        descriptionEn: 'x',
        language: 'en',
        categories: [],
        explicit: false,
        type: 'episodic',
        ownerName: 'O',
        ownerEmail: 'o@example.org',
        copyright: null,
        hosts: [],
      })
      await attachArt(
        t.deps,
        admin,
        { showSlug: 'framed' },
        {
          filename: 'framed.jpg',
          source: createReadStream(join(import.meta.dirname, '../../../test/fixtures/images/cover-1400.jpg')),
        },
      )
      const episode = await createEpisode(t.deps, admin, 'framed', {
        titleZh: null,
        titleEn: 'Chapters in a frame',
        slug: 'one',
        notes: '',
        season: null,
        number: 1,
        type: 'full',
        explicit: false,
        sponsor: null,
        videoUrl: null,
        chapters: '00:00 Hello\n00:30 Cities',
        guests: [],
      })
      await attachAudio(t.deps, admin, episode.id, { filename: 'one.mp3', source: Readable.from([mp3]) })
      await publishEpisode(t.deps, admin, episode.id, null)
      await upsertSettings(t.deps.db, {
        nameZh: '青云社区',
        nameEn: 'Cloud Community',
        updatedAt: new Date(),
        updatedBy: t.superuser.id,
      })
      try {
        for (const [locale, community] of [
          ['en', 'Cloud Community'],
          ['zh', '青云社区'],
        ] as const) {
          const res = await t.client().get(`/${locale}/podcast/framed/one/embed`)
          assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors \*/)
          const html = await res.text()
          assert.match(html, /<script type="module" src="\/assets\/player\.js\?v=[^"]+"><\/script>/)
          assert.doesNotMatch(
            html,
            /<script(?! type="module" src=)|style=|<style/,
            'no inline script or style',
          )
          assert.match(html, /<div class="player-ui" hidden=""/)
          assert.match(html, /<span class="scrubber-mark" data-start="30" title="Cities">/)
          assert.match(
            html,
            /<source type="image\/webp" srcset="\/media\/[0-9a-f-]{36}\/framed-w160\.webp 160w/,
          )
          assert.match(
            html,
            /<img class="embed-cover" src="\/media\/[0-9a-f-]{36}\/framed-w160\.jpg"[^>]* width="56" height="56"/,
          )
          assert.match(
            html,
            new RegExp(
              `<a href="http://hearth.test/${locale}/podcast/framed/one" target="_blank" rel="noopener"[^>]*>Chapters in a frame</a>`,
            ),
          )
          assert.match(
            html,
            new RegExp(
              `<a href="http://hearth.test/${locale}" target="_blank" rel="noopener"[^>]*>${community}</a>`,
            ),
          )
        }
      } finally {
        await t.deps.db.delete(communitySettings)
      }
    })

    it('shows a cover kept before sizes were made as it is, at the size of its frame', async () => {
      const show = await createShow(
        t.deps,
        { personId: t.superuser.id, roles: [{ role: 'administrator', sigId: null }] },
        {
          slug: 'older',
          titleZh: '老节目',
          titleEn: null,
          descriptionZh: 'x',
          descriptionEn: null,
          language: 'zh-cn',
          categories: [],
          explicit: false,
          type: 'episodic',
          ownerName: 'O',
          ownerEmail: 'o@example.org',
          copyright: null,
          hosts: [],
        },
      )
      const [cover] = await t.deps.db
        .insert(mediaFiles)
        .values({
          kind: 'image',
          contentType: 'image/png',
          filename: 'old.png',
          bytes: 1,
          sha256: 'x',
          width: 1400,
          height: 1400,
        })
        .returning()
      await t.deps.db.update(shows).set({ coverId: cover!.id }).where(eq(shows.id, show.id))
      const page = await (await t.client().get('/zh/podcast/older')).text()
      assert.match(
        page,
        new RegExp(
          `<picture><img class="podcast-cover" src="/media/${cover!.id}/old.png" width="240" height="240"`,
        ),
      )
    })

    it('takes guest applications for a show, decided by a host; the booked guest is credited and listed on their profile', async () => {
      const applicant = await makePerson(t.deps, {
        handle: `guest-applicant-${backend}`,
        nameZh: '申请人',
        nameEn: 'Applicant',
      })
      const actor = { personId: applicant.id, roles: [] }
      const answers = {
        github: 'octo-guest',
        contact: 'guest@example.org',
        reason: 'I maintain the console',
        topic: 'How the console got its plugins',
      }
      const application = await startApplication(t.deps, actor, {
        type: 'podcast-guest',
        answers,
        subjectName: 'voices',
        submit: true,
      })
      await assert.rejects(
        voteOnApplication(t.deps, { personId: t.superuser.id, roles: [] }, application.id, 'approve'),
        {
          code: 'forbidden',
        },
      )
      assert.equal(
        (await voteOnApplication(t.deps, { personId: host.id, roles: [] }, application.id, 'approve')).state,
        'approved',
      )
      const page = await (await asHost.get('/en/console/podcast/voices')).text()
      assert.match(page, /How the console got its plugins/)
      const [booking] = await t.deps.db.select().from(guestBookings)
      const [episode] = await t.deps.db.select().from(episodes)
      const res = await asHost.postForm(`/en/console/podcast/voices/bookings/${booking!.id}`, {
        recordingOn: '2026-12-10',
        episodeId: episode!.id,
      })
      assert.equal(res.status, 303)
      const feed = parseFeed(await (await t.client().get('/podcast/voices/feed.xml')).text())!
      assert.ok(
        feed.items[0]?.podcastPeople?.some((p) => p.name === '申请人' && p.role?.toLowerCase() === 'guest'),
      )
      const profile = await (await t.client().get(`/en/people/${applicant.handle}`)).text()
      assert.match(profile, /Guest on the podcast[\s\S]*第一期/)
    })

    it('lets a person without a GitHub account apply to be a guest, and still refuses a malformed login', async () => {
      const applicant = await makePerson(t.deps, { handle: `no-github-${backend}` })
      const browser = await t.clientAs(applicant.id)
      const form = await (await browser.get('/en/applications/new/podcast-guest?subject=voices')).text()
      assert.match(form, /GitHub login \(optional\)/)
      assert.doesNotMatch(form, /<input[^>]*name="github"[^>]*required/)
      const zh = await (await browser.get('/zh/applications/new/podcast-guest?subject=voices')).text()
      assert.match(zh, /GitHub 用户名（选填）/)
      const answers = { contact: 'wechat: nogh', reason: 'I run a meetup', topic: 'Meetups without GitHub' }
      const bad = await browser.postForm('/en/applications/new/podcast-guest?subject=voices', {
        ...answers,
        github: 'not a login',
      })
      assert.equal(bad.status, 422)
      const sent = await browser.postForm('/en/applications/new/podcast-guest?subject=voices', {
        ...answers,
        github: '',
      })
      assert.equal(sent.status, 303)
      assert.match(sent.headers.get('location')!, /\/en\/applications\/[0-9a-f-]{36}\?notice=submitted/)
      const { issueForms } = await import('../applications/applications.service.ts')
      const yaml = (await issueForms(t.deps, 'en')).find((f) => f.file === 'podcast-guest.yml')!.yaml
      assert.match(yaml, /id: github\n(?:.*\n)*?\s+validations:\n\s+required: false/)
    })
  })
}

for (const backend of await testBackends()) {
  describe(`announcing feed changes [${backend}]`, async () => {
    const received: { method: string; url: string; body: string; authorization: string | undefined }[] = []
    const receiver = createServer(async (req, res) => {
      const chunks: Buffer[] = []
      for await (const chunk of req) chunks.push(chunk as Buffer)
      received.push({
        method: req.method!,
        url: req.url!,
        body: Buffer.concat(chunks).toString(),
        authorization: req.headers.authorization,
      })
      res.writeHead(req.url?.startsWith('/hub') ? 204 : 200).end()
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    after(() => receiver.close())
    const { port } = receiver.address() as { port: number }
    const dataDir = mkdtempSync(join(tmpdir(), 'hearth-podcast-announce-'))
    after(() => rmSync(dataDir, { recursive: true, force: true }))
    const t = await makeTestApp(backend, {
      DATA_DIR: dataDir,
      WEBSUB_HUB_URL: `http://127.0.0.1:${port}/hub`,
      PODPING_URL: `http://127.0.0.1:${port}/podping`,
      PODPING_TOKEN: 'podping-secret',
    })
    const admin = { personId: t.superuser.id, roles: [{ role: 'administrator', sigId: null }] }

    it('pings the WebSub hub and Podping when an episode is published, and names the hub in the feed', async () => {
      await createShow(t.deps, admin, {
        slug: 'loud',
        titleZh: null,
        titleEn: 'Loud',
        descriptionZh: null,
        descriptionEn: 'x',
        language: 'en',
        categories: [],
        explicit: false,
        type: 'episodic',
        ownerName: 'O',
        ownerEmail: 'o@example.org',
        copyright: null,
        hosts: [],
      })
      const episode = await createEpisode(t.deps, admin, 'loud', episodeFields('ep-1'))
      await attachAudio(t.deps, admin, episode.id, {
        filename: 'a.mp3',
        source: createReadStream(join(fixtures, 'episode.mp3')),
      })
      assert.equal(
        (await t.deps.db.select().from(httpOutbox)).length,
        0,
        'nothing to announce before publishing',
      )
      await publishEpisode(t.deps, admin, episode.id, null)
      await deliverPendingRequests(
        { db: t.deps.db, log: t.deps.log, now: () => new Date() },
        announcers(t.deps),
      )
      const feedUrl = 'http://hearth.test/podcast/loud/feed.xml'
      assert.deepEqual(received.map((r) => [r.method, r.url, r.body, r.authorization]).sort(), [
        ['GET', `/podping/?url=${encodeURIComponent(feedUrl)}`, '', 'podping-secret'],
        ['POST', '/hub', `hub.mode=publish&hub.url=${encodeURIComponent(feedUrl)}`, undefined],
      ])
      const rss = parseRssFeed(await (await t.client().get('/podcast/loud/feed.xml')).text())
      assert.ok(rss.atom?.links?.some((l) => l.rel === 'hub' && l.href === `http://127.0.0.1:${port}/hub`))
    })
  })
}

function episodeFields(slug: string) {
  return {
    titleZh: `第 ${slug} 期`,
    titleEn: null,
    slug,
    notes: 'Show notes with a [link](https://kubesphere.io).',
    season: 1,
    number: slug === 'ep-1' ? 1 : 2,
    type: 'full' as const,
    explicit: false,
    sponsor: null,
    videoUrl: null,
    chapters: '',
    guests: [] as string[],
  }
}
