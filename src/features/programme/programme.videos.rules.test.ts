import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  linksToWrite,
  matchLines,
  minutesOf,
  normaliseTitle,
  parseCsv,
  readPasted,
  videoThumbnail,
} from './programme.videos.rules.ts'

const sessions = [
  {
    id: 'rust',
    titleZh: 'Rust 与 WebAssembly：从入门到上线',
    titleEn: 'Rust and WebAssembly, from start to production',
  },
  { id: 'pg', titleZh: '“PostgreSQL”的索引', titleEn: null },
  { id: 'cpp', titleZh: null, titleEn: 'C++ in 2027' },
  { id: 'lt1', titleZh: '闪电演讲', titleEn: 'Lightning talks' },
  { id: 'lt2', titleZh: '闪电演讲', titleEn: 'Lightning talks' },
]

describe('normaliseTitle', () => {
  it('makes full-width punctuation, case and spacing alike', () => {
    assert.equal(
      normaliseTitle('Rust 与 WebAssembly：从入门到上线'),
      normaliseTitle('rust与webassembly:从入门到上线'),
    )
    assert.equal(normaliseTitle('"PostgreSQL"的索引'), normaliseTitle('“PostgreSQL”的索引'))
    assert.equal(normaliseTitle('ＡＢＣ　Talk！'), 'abc talk')
  })
  it('keeps symbols and the spaces between Latin words', () => {
    assert.notEqual(normaliseTitle('C++ in 2027'), normaliseTitle('C in 2027'))
    assert.notEqual(normaliseTitle('a bc'), normaliseTitle('ab c'))
  })
})

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF', () => {
    const rows = parseCsv('title,video\r\n"Hello, ""world""",https://a.example\n"two\nlines",x\n')
    assert.deepEqual(rows, [
      { line: 1, fields: ['title', 'video'] },
      { line: 2, fields: ['Hello, "world"', 'https://a.example'] },
      { line: 3, fields: ['two\nlines', 'x'] },
    ])
  })
  it('refuses a quote left open', () => {
    assert.equal(parseCsv('title,video\n"open,x'), null)
  })
  it('keeps a last record without a line break and empty fields', () => {
    assert.deepEqual(parseCsv('a,,c'), [{ line: 1, fields: ['a', '', 'c'] }])
  })
})

describe('readPasted', () => {
  it('reads a CSV by its header, in any column order, skipping blank lines', () => {
    const read = readPasted('\nslides,Title,video\n\n"https://s.example/1.pdf","C++ in 2027",\n')
    assert.ok(read.ok)
    assert.equal(read.format, 'csv')
    assert.deepEqual(read.lines, [
      { line: 4, title: 'C++ in 2027', videoUrl: null, slidesUrl: 'https://s.example/1.pdf', problem: null },
    ])
  })
  it('says when the CSV header names no links or a quote stays open', () => {
    assert.deepEqual(readPasted('title,speaker\nA,B'), { ok: false, problem: 'csvHeader' })
    assert.deepEqual(readPasted('title,video\n"A,https://x.example'), { ok: false, problem: 'csvQuote' })
  })
  it('reads a playlist with the link before or after the title', () => {
    const read = readPasted(
      'Lightning talks - https://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n  https://www.bilibili.com/video/BV1xx411c7mD  “PostgreSQL”的索引 \n',
    )
    assert.ok(read.ok)
    assert.equal(read.format, 'playlist')
    assert.deepEqual(
      read.lines.map((l) => [l.line, l.title, l.videoUrl, l.problem]),
      [
        [1, 'Lightning talks', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', null],
        [3, '“PostgreSQL”的索引', 'https://www.bilibili.com/video/BV1xx411c7mD', null],
      ],
    )
  })
  it('marks lines without a link, without a title, or with a link that is not http(s)', () => {
    const read = readPasted('Only a title\nhttps://v.example/1\njavascript://x%0Aalert(1) Evil')
    assert.ok(read.ok)
    assert.deepEqual(
      read.lines.map((l) => l.problem),
      ['noLink', 'noTitle', 'badVideoUrl'],
    )
    const csv = readPasted('title,video,slides\nA,https://v.example,ftp://s.example/x')
    assert.ok(csv.ok)
    assert.equal(csv.lines[0]?.problem, 'badSlidesUrl')
  })
})

describe('matchLines', () => {
  const read = (text: string) => {
    const r = readPasted(text)
    assert.ok(r.ok)
    return r.lines
  }
  it('matches Chinese and English titles whatever their punctuation', () => {
    const matched = matchLines(
      read(
        'rust与webassembly:从入门到上线 https://v.example/1\nhttps://v.example/2 "PostgreSQL"的索引\nc++ IN 2027 https://v.example/3',
      ),
      sessions,
    )
    assert.deepEqual(
      matched.map((m) => m.match),
      [
        { kind: 'one', sessionId: 'rust' },
        { kind: 'one', sessionId: 'pg' },
        { kind: 'one', sessionId: 'cpp' },
      ],
    )
  })
  it('says no match, and several matches until one is chosen', () => {
    const lines = read('Nobody gave this https://v.example/1\n闪电演讲 https://v.example/2')
    const first = matchLines(lines, sessions)
    assert.deepEqual(first[0]?.match, { kind: 'none' })
    assert.deepEqual(first[1]?.match, { kind: 'several', sessionIds: ['lt1', 'lt2'] })
    const chosen = matchLines(lines, sessions, new Map([[2, 'lt2']]))
    assert.deepEqual(chosen[1]?.match, { kind: 'one', sessionId: 'lt2' })
    const wrong = matchLines(lines, sessions, new Map([[2, 'rust']]))
    assert.equal(wrong[1]?.match.kind, 'several')
  })
  it('lets the first of two lines naming one session win', () => {
    const matched = matchLines(
      read('C++ in 2027 https://v.example/1\nc++ in 2027 https://v.example/2'),
      sessions,
    )
    assert.deepEqual(matched[1]?.match, { kind: 'taken', sessionId: 'cpp', byLine: 1 })
    assert.deepEqual(linksToWrite(matched), [
      { sessionId: 'cpp', videoUrl: 'https://v.example/1', slidesUrl: null },
    ])
  })
  it('writes nothing for unusable lines', () => {
    const matched = matchLines(read('C++ in 2027'), sessions)
    assert.deepEqual(matched[0]?.match, { kind: 'unusable', problem: 'noLink' })
    assert.deepEqual(linksToWrite(matched), [])
  })
})

describe('videoThumbnail and minutesOf', () => {
  it('gives YouTube stills only', () => {
    assert.equal(
      videoThumbnail('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=3'),
      'https://i.ytimg.com/vi/dQw4w9WgXcQ/mqdefault.jpg',
    )
    assert.equal(videoThumbnail('https://player.bilibili.com/player.html?bvid=BV1&autoplay=0'), null)
    assert.equal(videoThumbnail(null), null)
  })
  it('counts minutes when both ends are known', () => {
    assert.equal(minutesOf(new Date('2027-01-01T10:00:00Z'), new Date('2027-01-01T10:45:00Z')), 45)
    assert.equal(minutesOf(null, new Date()), null)
  })
})
