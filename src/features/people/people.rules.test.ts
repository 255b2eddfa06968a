import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  displayName,
  formatLinks,
  isListed,
  mayViewProfile,
  neutralHandle,
  parseLanguages,
  parseLinks,
  proposeHandle,
  splitRoleHistory,
} from './people.rules.ts'

describe('people rules', () => {
  it('lists a person who chose to be public or holds a public credit, and shows the rest to themselves only', () => {
    const person = { id: 'p1', profilePublic: false, publiclyCredited: false }
    assert.equal(isListed(person), false)
    assert.equal(isListed({ ...person, profilePublic: true }), true)
    assert.equal(isListed({ ...person, publiclyCredited: true }), true)
    assert.equal(mayViewProfile(person, null), false)
    assert.equal(mayViewProfile(person, { personId: 'p2' }), false)
    assert.equal(mayViewProfile(person, { personId: 'p1' }), true)
    assert.equal(mayViewProfile({ ...person, publiclyCredited: true }, null), true)
  })

  it('gives accounts made by e-mail a neutral handle that says nothing of the address', () => {
    assert.equal(neutralHandle('3fa92c1b'), 'member-3fa92c1b')
  })

  it('shows the name in the reader’s language, falling back to the other, then the handle', () => {
    const both = { handle: 'yin-min', nameZh: '尹珉', nameEn: 'Yin Min' }
    assert.equal(displayName(both, 'zh'), '尹珉')
    assert.equal(displayName(both, 'en'), 'Yin Min')
    assert.equal(displayName({ ...both, nameEn: null }, 'en'), '尹珉')
    assert.equal(displayName({ handle: 'h', nameZh: ' ', nameEn: null }, 'zh'), 'h')
  })

  it('proposes a free handle from a login or an address', () => {
    assert.equal(
      proposeHandle('Octo.Cat@example.org', () => false),
      'octo-cat',
    )
    assert.equal(
      proposeHandle('x', () => false),
      'x-1',
    )
    const taken = new Set(['octocat', 'octocat-2'])
    assert.equal(
      proposeHandle('octocat', (c) => taken.has(c)),
      'octocat-3',
    )
    assert.equal(
      proposeHandle('张三@example.org', () => false),
      'member',
    )
  })

  it('reads "Label URL" lines and reports the lines that are not links', () => {
    const { links, badLines } = parseLinks(
      'Blog https://example.org/b\r\n\n  https://github.com/x \nnot a link',
    )
    assert.deepEqual(links, [
      { label: 'Blog', url: 'https://example.org/b' },
      { label: 'github.com', url: 'https://github.com/x' },
    ])
    assert.deepEqual(badLines, ['not a link'])
    assert.equal(formatLinks(links), 'Blog https://example.org/b\ngithub.com https://github.com/x')
  })

  it('reads languages separated by commas (Latin or Chinese) or spaces', () => {
    assert.deepEqual(parseLanguages('zh，EN, ja  ko'), ['zh', 'en', 'ja', 'ko'])
    assert.deepEqual(parseLanguages(' '), [])
  })

  it('orders current roles by grant and past roles by most recent end', () => {
    const d = (s: string) => new Date(s)
    const grants = [
      { id: 'old', grantedAt: d('2020-01-01'), endedAt: d('2021-01-01') },
      { id: 'now-b', grantedAt: d('2022-01-01'), endedAt: null },
      { id: 'recent', grantedAt: d('2020-06-01'), endedAt: d('2023-01-01') },
      { id: 'now-a', grantedAt: d('2021-01-01'), endedAt: null },
    ]
    const { current, past } = splitRoleHistory(grants)
    assert.deepEqual(
      current.map((g) => g.id),
      ['now-a', 'now-b'],
    )
    assert.deepEqual(
      past.map((g) => g.id),
      ['recent', 'old'],
    )
  })
})
