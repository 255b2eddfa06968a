import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { alternatesOf } from '../../platform/views/alternates.ts'
import {
  entriesOfFile,
  fileName,
  filesOf,
  PAGES_PER_FILE,
  robotsTxt,
  sitemapIndexXml,
  urlsetXml,
} from './site.sitemap.rules.ts'

const base = 'https://hearth.example'

describe('sitemap rules', () => {
  it('lists a page in both languages, each naming both and the default', () => {
    const xml = urlsetXml(base, [{ path: '/events/a&b', lastModified: new Date('2026-03-01T08:00:00Z') }])
    const urls = xml.match(/<url>.*?<\/url>/g)!
    assert.equal(urls.length, 2)
    assert.match(urls[0]!, /<loc>https:\/\/hearth\.example\/zh\/events\/a&amp;b<\/loc>/)
    assert.match(urls[1]!, /<loc>https:\/\/hearth\.example\/en\/events\/a&amp;b<\/loc>/)
    for (const url of urls) {
      assert.match(url, /<lastmod>2026-03-01T08:00:00.000Z<\/lastmod>/)
      assert.match(url, /hreflang="zh-Hans" href="https:\/\/hearth\.example\/zh\/events\/a&amp;b"/)
      assert.match(url, /hreflang="en" href="https:\/\/hearth\.example\/en\/events\/a&amp;b"/)
      assert.match(url, /hreflang="x-default" href="https:\/\/hearth\.example\/en\/events\/a&amp;b"/)
    }
  })

  it('lists a page written in one language once, with its translations as its alternates', () => {
    const xml = urlsetXml(base, [
      {
        path: '/articles/guance',
        language: 'zh',
        translations: [{ language: 'en', path: '/articles/observing' }],
      },
      { path: '/articles/only-zh', language: 'zh' },
    ])
    const urls = xml.match(/<url>.*?<\/url>/g)!
    assert.equal(urls.length, 2)
    assert.match(urls[0]!, /<loc>https:\/\/hearth\.example\/zh\/articles\/guance<\/loc>/)
    assert.match(urls[0]!, /hreflang="zh-Hans" href="https:\/\/hearth\.example\/zh\/articles\/guance"/)
    assert.match(urls[0]!, /hreflang="en" href="https:\/\/hearth\.example\/en\/articles\/observing"/)
    assert.match(urls[0]!, /hreflang="x-default" href="https:\/\/hearth\.example\/en\/articles\/observing"/)
    assert.doesNotMatch(urls[1]!, /hreflang="en"/)
    assert.match(urls[1]!, /hreflang="x-default" href="https:\/\/hearth\.example\/zh\/articles\/only-zh"/)
  })

  it('sends a reader of neither language to the bare address for the home page, to English elsewhere', () => {
    assert.deepEqual(
      alternatesOf(base, '').map((a) => a.href),
      [`${base}/zh`, `${base}/en`, `${base}/`],
    )
    assert.equal(alternatesOf(base, '/people/ann').at(-1)!.href, `${base}/en/people/ann`)
  })

  it('splits a large part into files of at most 50,000 URLs, and leaves an empty part out', () => {
    const many = Array.from({ length: PAGES_PER_FILE * 2 + 1 }, (_, i) => ({ path: `/people/p${i}` }))
    const files = filesOf('people', many)
    assert.deepEqual(
      files.map((f) => fileName(f)),
      ['sitemap-people-1.xml', 'sitemap-people-2.xml', 'sitemap-people-3.xml'],
    )
    assert.ok(entriesOfFile(many, 1).length * 2 <= 50_000)
    assert.equal(entriesOfFile(many, 3).length, 1)
    assert.deepEqual(filesOf('articles', []), [])
  })

  it('dates each file in the index by its newest page', () => {
    const files = filesOf('events', [
      { path: '/events/a', lastModified: new Date('2026-01-01T00:00:00Z') },
      { path: '/events/b', lastModified: new Date('2026-02-01T00:00:00Z') },
      { path: '/events/c' },
    ])
    const xml = sitemapIndexXml(base, files)
    assert.match(
      xml,
      /<sitemap><loc>https:\/\/hearth\.example\/sitemap-events-1\.xml<\/loc><lastmod>2026-02-01T00:00:00.000Z<\/lastmod><\/sitemap>/,
    )
  })

  it('points robots to the sitemap and away from the console and the API', () => {
    const robots = robotsTxt(base)
    assert.match(robots, /^Sitemap: https:\/\/hearth\.example\/sitemap\.xml$/m)
    assert.match(robots, /^Disallow: \/en\/console$/m)
    assert.match(robots, /^Disallow: \/api\/$/m)
  })
})
