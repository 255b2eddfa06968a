import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  anchorFor,
  documentVector,
  highlight,
  looseQueryLiteral,
  matchRanges,
  parseQuery,
  partsOf,
  plainText,
  queryLiteral,
  snippetOf,
  termsOf,
} from './search.rules.ts'

const sentence = '我们是云原生社区的用户委员会，站长负责可观测性。'

/** Whether the query's literal would match the document, checked the way PostgreSQL does for phrases. */
function finds(doc: string, q: string) {
  const vector = new Map<string, number[]>()
  for (const entry of documentVector('', doc).split(' ')) {
    const [, lexeme, positions] = /^'(.*)':(.*)$/.exec(entry)!
    vector.set(
      lexeme!,
      positions!.split(',').map((p) => Number.parseInt(p, 10)),
    )
  }
  const parsed = parseQuery(q)
  const words = parsed.words.every((w) =>
    [...vector.keys()].some((l) => (w.prefix ? l.startsWith(w.lexeme) : l === w.lexeme)),
  )
  const runs = parsed.runs.every((run) => {
    const chars = Array.from(run)
    if (chars.length === 1) return vector.has(chars[0]!)
    const pairs = chars.slice(0, -1).map((c, i) => c + chars[i + 1])
    return (vector.get(pairs[0]!) ?? []).some((p) =>
      pairs.every((pair, k) => vector.get(pair)?.includes(p + k)),
    )
  })
  return words && runs
}

describe('Chinese is found by any word inside a sentence', () => {
  for (const word of ['云原生', '可观测性', '用户委员会', '站长'])
    it(`finds ${word}`, () => assert.ok(finds(sentence, word)))

  it('does not find characters that stand apart', () => {
    assert.ok(!finds(sentence, '云社区'))
    assert.ok(!finds('站在长城上', '站长'))
  })

  it('finds a single character', () => assert.ok(finds(sentence, '站')))

  it('does not join runs across punctuation', () => assert.ok(!finds(sentence, '会站')))
})

describe('English is lower-cased and stemmed alike in documents and queries', () => {
  it('finds another form of the word', () => {
    assert.ok(finds('Observability talks at KubeCon', 'observing talk'))
    assert.ok(finds('We ran the meetups', 'MEETUP'))
  })

  it('treats the last word as still being typed', () => {
    assert.ok(finds('Kubernetes operators', 'kuber'))
    assert.ok(!finds('Kubernetes operators', 'kuber operators extra'))
  })

  it('ignores common words when others are given, not when they are all there is', () => {
    assert.deepEqual(
      parseQuery('the cloud').words.map((w) => w.lexeme),
      ['cloud'],
    )
    assert.deepEqual(
      parseQuery('the').words.map((w) => w.lexeme),
      ['the'],
    )
  })

  it('mixes scripts in one query', () => assert.ok(finds('KubeSphere 云原生 社区', 'kubesphere 云原生')))
})

describe('a query is built from our own terms, never from the reader’s syntax', () => {
  const hostile = [
    '',
    '   ',
    '!!!',
    '🙂🙂',
    '"unbalanced',
    '(((a',
    'a) | !b & c:*',
    "'; drop table people; --",
    "o'reilly \\ back\\slash",
    '<script>alert(1)</script>',
    'a <-> b <2> c',
    `${'云原生 observability '.repeat(600)}`,
  ]
  for (const q of hostile)
    it(`makes a literal of letters and operators only: ${JSON.stringify(q.slice(0, 30))}`, () => {
      const literal = queryLiteral(parseQuery(q))
      if (literal === null) return
      // Every lexeme is quoted and holds only letters, digits and marks.
      const stripped = literal.replace(/'[\p{L}\p{N}\p{M}]+'(:\*)?/gu, 'X')
      assert.match(stripped, /^[X&()<\->\s]*$/u)
      assert.ok(literal.length < 2000)
    })

  it('finds nothing for nothing', () => {
    assert.equal(queryLiteral(parseQuery('🙂 ... ')), null)
    assert.equal(queryLiteral(parseQuery('')), null)
  })
})

describe('highlighting marks the stored text as it is', () => {
  it('marks a Chinese word inside a sentence and an English word in any form', () => {
    const text = 'KubeSphere Observability: 站长负责可观测性'
    const ranges = matchRanges(text, parseQuery('observe 可观测'))
    assert.deepEqual(
      ranges.map(([s, e]) => text.slice(s, e)),
      ['Observability', '可观测'],
    )
  })

  it('cuts a snippet around the first match', () => {
    const body = `${'前言'.repeat(200)} 这里讲云原生。 ${'后记'.repeat(200)}`
    const { parts, offset } = snippetOf(body, parseQuery('云原生'))
    assert.ok(parts.some((p) => p.mark && p.text === '云原生'))
    assert.equal(body.slice(offset!, offset! + 3), '云原生')
    assert.ok(parts.map((p) => p.text).join('').length < 200)
  })

  it('keeps the text whole around the marks', () => {
    assert.deepEqual(highlight('abc', [[1, 2]]), [
      { text: 'a', mark: false },
      { text: 'b', mark: true },
      { text: 'c', mark: false },
    ])
  })
})

describe('long text and moments', () => {
  it('splits a long body at line ends, each part within PostgreSQL’s positions', () => {
    const body = Array.from({ length: 3000 }, (_, i) => `第${i}行，讲可观测性`).join('\n')
    const parts = partsOf(body)
    assert.ok(parts.length > 1)
    assert.equal(parts.map((p) => p.text).join(''), body)
    for (const p of parts) {
      assert.ok(p.text.endsWith('\n') || p.offset + p.text.length === body.length)
      const max = Math.max(
        ...documentVector('', p.text)
          .split(' ')
          .flatMap((e) =>
            e
              .split(':')[1]!
              .split(',')
              .map((n) => Number.parseInt(n, 10)),
          ),
      )
      assert.ok(max < 16383)
    }
  })

  it('finds the moment a match falls in', () => {
    const anchors = [
      { offset: 0, query: '?t=0' },
      { offset: 40, query: '?t=95' },
      { offset: 90, query: '?t=180' },
    ]
    assert.equal(anchorFor(anchors, 60)?.query, '?t=95')
    assert.equal(anchorFor(anchors, null), null)
  })

  it('keeps where each term stands', () => {
    const terms = termsOf('Hi 站长')
    assert.deepEqual(terms[0], { type: 'word', lexeme: 'hi', start: 0, end: 2 })
    assert.deepEqual(terms[1], { type: 'cjk', chars: ['站', '长'], starts: [3, 4], end: 5 })
  })
})

describe('what is stored is what a reader sees', () => {
  it('keeps the words of Markdown and HTML, not their marks', () => {
    const text = plainText(
      '## 标题\n\n- [杭州站](/zh/chapters/hangzhou)：**加入** <b>我们</b> ![封面](x.png)\n```js\nrun\n```',
    )
    assert.doesNotMatch(text, /[#*[\]()<>`]|\/zh\/chapters/)
    for (const word of ['标题', '杭州站', '加入', '我们', '封面', 'run']) assert.ok(text.includes(word), word)
  })
})

describe('the index alone finds the candidates', () => {
  it('loosens a phrase to all its pairs, anywhere', () => {
    assert.equal(looseQueryLiteral(parseQuery('云原生 kube')), "'kube':* & '云原' & '原生'")
    assert.equal(queryLiteral(parseQuery('云原生 kube')), "'kube':* & ('云原' <-> '原生')")
    assert.equal(looseQueryLiteral(parseQuery('🙂')), null)
  })
})
