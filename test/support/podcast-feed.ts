// A podcast's old host for import tests: a feed and the files it names, served on loopback.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Route = { status?: number; type: string; body: Buffer | string }

/** The old host: a feed and the files it names, served on loopback; routes change between runs. */
export async function oldHost() {
  const routes = new Map<string, Route>()
  const server = createServer((req, res) => {
    const route = routes.get(req.url ?? '')
    if (!route) {
      res.writeHead(404).end('not found')
      return
    }
    res.writeHead(route.status ?? 200, { 'content-type': route.type }).end(route.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { routes, base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

export type Item = { guid: string; title: string; date: string; audio: string; extra?: string }

export function feedXml(base: string, items: Item[]) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
  xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>Cloud Native Evenings</title>
  <link>${base}/</link>
  <atom:link href="${base}/feed.xml" rel="self" type="application/rss+xml"/>
  <description><![CDATA[<p>Talks with <em>the community</em>.</p>]]></description>
  <language>zh-cn</language>
  <copyright>© 2025 Old Host</copyright>
  <itunes:image href="${base}/cover.jpg"/>
  <itunes:category text="Technology"><itunes:category text="Tech News"/></itunes:category>
  <itunes:explicit>false</itunes:explicit>
  <itunes:type>episodic</itunes:type>
  <itunes:owner><itunes:name>KubeSphere Community</itunes:name><itunes:email>podcast@example.org</itunes:email></itunes:owner>
  <podcast:guid>c0ffee00-1b1e-5cef-ace4-edaa54e1f810</podcast:guid>
  <podcast:funding url="https://opencollective.com/kubesphere">Support us</podcast:funding>
  <podcast:txt purpose="verify">S6lpp-7ZCn8-dZfGc-OoyVG</podcast:txt>
  ${items
    .map(
      (i) => `<item>
    <title>${i.title}</title>
    <guid isPermaLink="false">${i.guid}</guid>
    <pubDate>${i.date}</pubDate>
    <enclosure url="${base}${i.audio}" length="1" type="audio/mpeg"/>
    ${i.extra ?? ''}
  </item>`,
    )
    .join('\n  ')}
</channel>
</rss>`
}
