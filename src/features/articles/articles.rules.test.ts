import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  freeSlug,
  isVisible,
  linkTargetOf,
  parseAuthorLine,
  parsePublishDate,
  readingMinutes,
  SLUG,
  slugFromTitle,
  splitList,
} from './articles.rules.ts'

describe('article rules', () => {
  it('makes addresses from English titles and none from Chinese ones', () => {
    assert.equal(slugFromTitle('Hello, Service Mesh!'), 'hello-service-mesh')
    assert.equal(slugFromTitle('云原生可观测性'), null)
    assert.equal(freeSlug('a', new Set(['a', 'a-2'])), 'a-3')
    assert.ok(SLUG.test('kubesphere-4-1'))
    assert.ok(!SLUG.test('feed.xml'))
    assert.ok(!SLUG.test('-x'))
  })

  it('reads the dates editors and Markdown files write, in UTC', () => {
    assert.equal(parsePublishDate('2025-07-08')?.toISOString(), '2025-07-08T00:00:00.000Z')
    assert.equal(parsePublishDate('2025-07-08 10:00')?.toISOString(), '2025-07-08T10:00:00.000Z')
    assert.equal(parsePublishDate('2025-07-08T10:00')?.toISOString(), '2025-07-08T10:00:00.000Z')
    assert.equal(parsePublishDate('2025/7/8')?.toISOString(), '2025-07-08T00:00:00.000Z')
    assert.equal(parsePublishDate('2025-02-30'), null)
    assert.equal(parsePublishDate('tomorrow'), null)
  })

  it('splits tags on either comma and drops repeats', () => {
    assert.deepEqual(splitList('k8s, 云原生，K8s,, mesh'), ['k8s', '云原生', 'mesh'])
    assert.deepEqual(parseAuthorLine('@ada'), { handle: 'ada' })
    assert.deepEqual(parseAuthorLine('Ada Lovelace'), { name: 'Ada Lovelace' })
    assert.equal(parseAuthorLine('  '), null)
  })

  it('knows which site pages an article can be linked to', () => {
    assert.deepEqual(linkTargetOf('/zh/podcast/show/ep-1'), {
      kind: 'episode',
      show: 'show',
      episode: 'ep-1',
    })
    assert.deepEqual(linkTargetOf('https://x.test/en/events/meetup'), { kind: 'event', event: 'meetup' })
    assert.deepEqual(linkTargetOf('/en/chapters/hangzhou'), { kind: 'chapter', chapter: 'hangzhou' })
    assert.equal(linkTargetOf('/en/people/ada'), null)
  })

  it('counts reading time by character in Chinese and by word otherwise', () => {
    assert.equal(readingMinutes('字'.repeat(800)), 2)
    assert.equal(readingMinutes('word '.repeat(660)), 3)
    assert.equal(readingMinutes(''), 1)
  })

  it('shows a scheduled article from its date on, never a draft', () => {
    const at = new Date('2026-01-01T00:00:00Z')
    assert.equal(isVisible({ status: 'scheduled', publishedAt: at }, new Date('2025-12-31T23:59:59Z')), false)
    assert.equal(isVisible({ status: 'scheduled', publishedAt: at }, at), true)
    assert.equal(isVisible({ status: 'draft', publishedAt: at }, at), false)
  })
})
