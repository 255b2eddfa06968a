// Which Chinese segmentation lets a reader find the words they would type inside the community's
// sentences: Intl.Segmenter (ICU's dictionary, in Node), jieba (@node-rs/jieba: its default cut
// and its search-engine cut) and Hearth's index (characters and overlapping pairs, a query as the
// phrase of its pairs; src/features/search/search.rules.ts). A word counts as found in a sentence
// when the tokens of the word alone appear, consecutively, among the tokens of the sentence (a
// phrase query on the segmenter's own output).
//
//   npm run bench:search-segmenters [-- --seeds DIR]
//
// The seed articles are read where they are (../shared/seeds beside the repository, or --seeds);
// they are never copied into the repository. jieba is not a dependency of Hearth: it is looked for
// in node_modules, then in JIEBA_DIR (a folder where `npm install @node-rs/jieba@2.0.3` was run).
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { documentVector, parseQuery } from '../src/features/search/search.rules.ts'

const { values } = parseArgs({ options: { seeds: { type: 'string' } } })
const seedsDir = values.seeds ?? join(import.meta.dirname, '../../shared/seeds')
const words = ['云原生', '可观测性', '用户委员会', '站长']

/** Sentences of our own for a word the seeds do not use (可观测性), marked as ours in the table. */
const ownSentences = [
  '这次分享讲在生产环境中落地可观测性的经验，从日志、指标到链路追踪。',
  '云原生应用的可观测性离不开统一的指标体系。',
  '我们用开源工具搭建了一套可观测性平台。',
]

type Segment = (text: string) => string[]

const icu = new Intl.Segmenter('zh', { granularity: 'word' })
const segmenters: Record<string, Segment> = {
  'Intl.Segmenter': (text) => [...icu.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment),
}

function loadJieba(): { cut: Segment; search: Segment } | string {
  for (const base of [import.meta.dirname, process.env.JIEBA_DIR ?? '/tmp/jieba']) {
    try {
      const require = createRequire(join(base, 'package.json'))
      const { Jieba } = require('@node-rs/jieba') as {
        Jieba: {
          withDict(d: Uint8Array): {
            cut(t: string, hmm?: boolean): string[]
            cutForSearch(t: string, hmm?: boolean): string[]
          }
        }
      }
      const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array }
      const jieba = Jieba.withDict(dict)
      const words = (list: string[]) => list.filter((w) => /[\p{L}\p{N}]/u.test(w))
      return {
        cut: (t: string) => words(jieba.cut(t, true)),
        search: (t: string) => words(jieba.cutForSearch(t, true)),
      }
    } catch {}
  }
  return '@node-rs/jieba is not installed (JIEBA_DIR or node_modules)'
}
const jieba = loadJieba()
if (typeof jieba !== 'string') {
  segmenters['jieba cut'] = jieba.cut
  segmenters['jieba cutForSearch'] = jieba.search
}

const containsRun = (hay: string[], needle: string[]) =>
  hay.some((_, i) => needle.every((n, k) => hay[i + k] === n))

/** Hearth's index: the query's pairs must stand at consecutive positions of the document's. */
function hearthFinds(sentence: string, word: string) {
  const positions = new Map<string, number[]>()
  for (const entry of documentVector('', sentence).split(' ')) {
    const [, lexeme, list] = /^'(.*)':(.*)$/.exec(entry)!
    positions.set(
      lexeme!,
      list!.split(',').map((p) => Number.parseInt(p, 10)),
    )
  }
  return parseQuery(word).runs.every((run) => {
    const chars = Array.from(run)
    if (chars.length === 1) return positions.has(chars[0]!)
    const pairs = chars.slice(0, -1).map((c, i) => c + chars[i + 1])
    return (positions.get(pairs[0]!) ?? []).some((p) =>
      pairs.every((pair, k) => positions.get(pair)?.includes(p + k)),
    )
  })
}

let files: string[] = []
try {
  files = readdirSync(seedsDir)
    .filter((f) => f.endsWith('.txt') || f.endsWith('.md'))
    .sort()
} catch {
  console.error(`No seed articles at ${seedsDir}: only our own sentences are measured.`)
}
const texts = files.map((f) => ({ file: f, text: readFileSync(join(seedsDir, f), 'utf8') }))
const sentencesOf = (text: string) =>
  text
    .split(/[。！？!?\n]+/)
    .map((s) => s.trim())
    .filter(Boolean)

console.log(
  `Seed articles: ${texts.length} (${texts.reduce((n, t) => n + t.text.length, 0)} characters) from ${seedsDir}`,
)
if (typeof jieba === 'string') console.log(`jieba: ${jieba}`)
console.log()

const names = [...Object.keys(segmenters), 'Hearth (characters + pairs)']
console.log(`| word | sentences | ${names.join(' | ')} |`)
console.log(`|---|---:|${names.map(() => '---:').join('|')}|`)
const splits: string[] = []
for (const word of words) {
  let sentences = texts.flatMap((t) => sentencesOf(t.text)).filter((s) => s.includes(word))
  const ours = sentences.length === 0
  if (ours) sentences = ownSentences.filter((s) => s.includes(word))
  const cells = Object.entries(segmenters).map(([name, seg]) => {
    const query = seg(word)
    const found = sentences.filter((s) => containsRun(seg(s), query)).length
    // How the segmenter cuts the word where it stands, most often.
    const inContext = new Map<string, number>()
    for (const s of sentences) {
      const tokens = seg(s)
      const at = s.indexOf(word)
      let offset = 0
      const covering: string[] = []
      for (const t of tokens) {
        const start = s.indexOf(t, offset)
        offset = start + t.length
        if (start < at + word.length && start + t.length > at) covering.push(t)
      }
      const key = covering.join('|')
      inContext.set(key, (inContext.get(key) ?? 0) + 1)
    }
    const common = [...inContext].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ''
    splits.push(`- ${name}: ${word} alone → ${query.join('|')}; in the sentences, most often → ${common}`)
    return `${found}/${sentences.length}`
  })
  const hearth = sentences.filter((s) => hearthFinds(s, word)).length
  console.log(
    `| ${word}${ours ? ' (our sentences)' : ''} | ${sentences.length} | ${cells.join(' | ')} | ${hearth}/${sentences.length} |`,
  )
}
console.log()
console.log('How each cuts the word:')
for (const line of splits) console.log(line)

// What each costs: distinct terms and speed over the whole seed corpus.
const corpus = texts.map((t) => t.text).join('\n')
if (corpus) {
  console.log()
  console.log('| segmentation | distinct terms | terms | ms per 100 KB |')
  console.log('|---|---:|---:|---:|')
  const time = (f: () => unknown) => {
    const runs = 20
    const t0 = performance.now()
    for (let i = 0; i < runs; i++) f()
    return ((performance.now() - t0) / runs) * (100_000 / corpus.length)
  }
  for (const [name, seg] of Object.entries(segmenters)) {
    const tokens = seg(corpus)
    console.log(
      `| ${name} | ${new Set(tokens).size} | ${tokens.length} | ${time(() => seg(corpus)).toFixed(1)} |`,
    )
  }
  const vector = documentVector('', corpus)
  const entries = vector.split(' ')
  const total = entries.reduce((n, e) => n + e.split(':')[1]!.split(',').length, 0)
  console.log(
    `| Hearth (characters + pairs) | ${entries.length} | ${total} | ${time(() => documentVector('', corpus)).toFixed(1)} |`,
  )
}
