// Site search at a large community's size: 5,000 articles, 300 hour-long episodes with transcripts,
// 1,000 events, 10,000 people, on PGlite and on PostgreSQL. Each query is asked as the search page
// asks it (search(): catch-up check, ranked hits grouped by kind, snippets highlighted in the app),
// and the time to the answer is measured. Goal: p99 under 100 ms on both.
//
//   npm run bench:search [-- --articles 5000 --episodes 300 --events 1000 --people 10000 --rounds 20]
//
// Documents are written straight into search_documents through the same code that indexes the
// features (storedRows: parts, terms, weights), as the article, episode and event tables would
// give them. Text is drawn from the seed articles when they are beside the repository (read in
// place, never copied) and from a word list otherwise, so common words are common and rare ones rare.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import type { SearchDocument } from '../src/features/search/search.registry.ts'
import { hitsQuery, indexFirst, replaceItems, selectHits } from '../src/features/search/search.repo.ts'
import {
  looseQueryLiteral,
  parseQuery,
  queryLiteral,
  type SearchKind,
} from '../src/features/search/search.rules.ts'
import { search, storedRows } from '../src/features/search/search.service.ts'
import type { Config } from '../src/platform/config.ts'
import { type Database, migrate, openDatabase } from '../src/platform/db/client.ts'
import { postgresReachable } from '../test/support/db.ts'
import { table, temporaryPostgres } from './lib.ts'

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '5000' },
    episodes: { type: 'string', default: '300' },
    events: { type: 'string', default: '1000' },
    people: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '20' },
    seeds: { type: 'string' },
    backends: { type: 'string', default: 'pglite,postgres' },
    explain: { type: 'boolean', default: false },
  },
})
const counts = {
  articles: Number(args.articles),
  episodes: Number(args.episodes),
  events: Number(args.events),
  people: Number(args.people),
}
const rounds = Number(args.rounds)

// A deterministic random stream: both databases get the same documents.
let seed = 42
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
  return seed / 2 ** 31
}
const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!

const seedsDir = args.seeds ?? join(import.meta.dirname, '../../shared/seeds')
let zhSentences: string[] = []
try {
  zhSentences = readdirSync(seedsDir)
    .flatMap((f) => readFileSync(join(seedsDir, f), 'utf8').split(/[。！？\n]+/))
    .map((s) => s.trim())
    .filter((s) => s.length > 8 && /\p{Script=Han}/u.test(s))
} catch {}
const zhWords =
  '社区 开源 云原生 可观测性 用户委员会 站长 城市站 活动 分享 讲师 容器 集群 监控 日志 指标 链路 追踪 服务网格 存储 网络 安全 升级 插件 贡献者 文档 翻译 播客 嘉宾 直播 议程 报名 签到 志愿者 赞助 场地 交流 实践 落地 经验 问题 方案 架构 性能 运维 开发 测试 发布 版本'.split(
    ' ',
  )
const enWords =
  'community open source cloud native observability kubernetes cluster container monitoring logging metrics tracing service mesh storage network security upgrade plugin contributor documentation translation podcast guest live agenda registration volunteer sponsor venue meetup practice experience problem solution architecture performance operations development testing release version chapter leader hangzhou shanghai beijing shenzhen chengdu talk workshop'.split(
    ' ',
  )
const zhSentence = () =>
  zhSentences.length && random() < 0.6
    ? pick(zhSentences)
    : Array.from({ length: 6 + Math.floor(random() * 10) }, () => pick(zhWords)).join('')
const enSentence = () => {
  const s = Array.from({ length: 8 + Math.floor(random() * 12) }, () => pick(enWords)).join(' ')
  return `${s[0]!.toUpperCase()}${s.slice(1)}.`
}
const paragraph = (lang: 'zh' | 'en', sentences: number) =>
  Array.from({ length: sentences }, () => (lang === 'zh' ? `${zhSentence()}。` : enSentence())).join(
    lang === 'zh' ? '' : ' ',
  )
const uuid = (kind: number, n: number) =>
  `0190b000-${String(kind).padStart(4, '0')}-7000-8000-${String(n).padStart(12, '0')}`

function* documents(): Generator<[SearchKind, SearchDocument[]]> {
  for (let i = 0; i < counts.articles; i += 100) {
    const batch: SearchDocument[] = []
    for (let n = i; n < Math.min(counts.articles, i + 100); n++) {
      const lang = random() < 0.7 ? 'zh' : 'en'
      batch.push({
        refId: uuid(1, n),
        part: lang,
        language: lang,
        title: lang === 'zh' ? zhSentence().slice(0, 30) : enSentence().slice(0, 60),
        path: `/articles/a-${n}`,
        // A blog post: 2,000 to 8,000 characters in 4 to 16 paragraphs.
        body: Array.from({ length: 4 + Math.floor(random() * 12) }, () => paragraph(lang, 6)).join('\n\n'),
      })
    }
    yield ['article', batch]
  }
  for (let n = 0; n < counts.episodes; n++) {
    const lang = random() < 0.8 ? 'zh' : 'en'
    const title = lang === 'zh' ? zhSentence().slice(0, 30) : enSentence().slice(0, 60)
    const path = `/podcast/show/ep-${n}`
    // An hour of talk: 600 cues of 6 seconds.
    let text = ''
    const anchors = []
    for (let c = 0; c < 600; c++) {
      anchors.push({ offset: text.length, query: `?t=${c * 6}` })
      text += `${pick(['主持人', '嘉宾', 'Host', 'Guest'])}: ${lang === 'zh' ? zhSentence() : enSentence()}\n`
    }
    yield [
      'episode',
      [
        { refId: uuid(2, n), part: 'notes', language: lang, title, path, body: paragraph(lang, 8) },
        {
          refId: uuid(2, n),
          part: 'transcript',
          language: lang,
          title,
          path,
          body: text,
          anchors,
          weight: 0.6,
        },
      ],
    ]
  }
  for (let i = 0; i < counts.events; i += 100) {
    const batch: SearchDocument[] = []
    for (let n = i; n < Math.min(counts.events, i + 100); n++)
      for (const lang of ['zh', 'en'] as const)
        batch.push({
          refId: uuid(3, n),
          part: lang,
          language: lang,
          title:
            lang === 'zh'
              ? `${pick(['杭州', '上海', '北京', '成都'])} Meetup：${pick(zhWords)}`
              : `${pick(['Hangzhou', 'Shanghai', 'Beijing'])} meetup: ${pick(enWords)}`,
          path: `/events/e-${n}`,
          body: paragraph(lang, 5),
        })
    yield ['event', batch]
  }
  const surnames = '王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 胡 朱 高 林 何 郭 马 罗'.split(' ')
  const given = '伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平'.split(' ')
  for (let i = 0; i < counts.people; i += 500) {
    const batch: SearchDocument[] = []
    for (let n = i; n < Math.min(counts.people, i + 500); n++) {
      const zh = `${pick(surnames)}${pick(given)}${random() < 0.5 ? pick(given) : ''}`
      for (const lang of ['zh', 'en'] as const)
        batch.push({
          refId: uuid(4, n),
          part: lang,
          language: null,
          title: lang === 'zh' ? zh : `Person ${n}`,
          path: `/people/p-${n}`,
          body: `${random() < 0.3 ? paragraph(lang, 1) : ''}\n${pick(['杭州', '上海', '北京'])}\n${zh}\nPerson ${n}\n@p-${n}`,
        })
    }
    yield ['person', batch]
  }
}

const queries = [
  '云原生',
  '可观测性',
  '用户委员会',
  '站长',
  '社区',
  '开源 社区',
  '杭州 meetup',
  'kubernetes',
  'observability tracing',
  'community',
  'the',
  'Person 4242',
  '王伟',
  'zzzz',
  '云原生 kubernetes 可观测性 社区 开源 活动 分享',
  `${'云原生 cloud native (observability) "x" '.repeat(250)}`,
]

const config = { dataDir: '/nonexistent', baseUrl: 'http://bench' } as Config
const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

async function run(backend: 'pglite' | 'postgres') {
  let database: Database
  let drop = async () => {}
  if (backend === 'postgres') {
    const created = await temporaryPostgres('search')
    database = await openDatabase({ kind: 'postgres', url: created.url, max: 4 })
    drop = created.drop
  } else {
    // The server's settings (pgliteSettings), in memory.
    database = await openDatabase({ kind: 'pglite' })
  }
  try {
    await migrate(database)
    seed = 42
    const t0 = performance.now()
    let rows = 0
    for (const [kind, docs] of documents()) {
      const stored = storedRows(kind, docs)
      rows += stored.length
      await database.db.transaction((tx) =>
        replaceItems(tx, kind, [...new Set(docs.map((d) => d.refId))], stored),
      )
    }
    const indexSeconds = (performance.now() - t0) / 1000
    await database.query('analyze search_documents')
    const size = await database.query<{ table: string; index: string }>(
      `select pg_size_pretty(pg_total_relation_size('search_documents')) as table,
         pg_size_pretty(pg_relation_size('search_documents_tokens_idx')) as index`,
    )
    const deps = { db: database.db, now: () => new Date(), config }
    if (args.explain)
      for (const q of ['社区', 'kubernetes', '云原生']) {
        const parsed = parseQuery(q)
        const plan = await indexFirst(database.db, (tx) =>
          tx.execute(
            sql`explain (analyze, buffers) ${hitsQuery({ query: queryLiteral(parsed)!, loose: looseQueryLiteral(parsed)!, now: new Date(), kind: null, language: null, readerLanguage: 'zh', limit: 5, offset: 0 })}`,
          ),
        )
        console.log(
          `\n${q}:\n${(plan as unknown as { rows: Record<string, string>[] }).rows.map((r) => Object.values(r)[0]).join('\n')}`,
        )
      }
    // Warm up: the first query of each pays for reading pages into the cache.
    for (const q of queries) await search(deps, { q, readerLanguage: 'zh' })
    const all: number[] = []
    const perQuery: string[][] = [['query', 'results', 'p50 ms', 'p99 ms', 'of which SQL, p50 ms']]
    for (const q of queries) {
      const times: number[] = []
      let found = 0
      for (let r = 0; r < rounds; r++) {
        for (const input of [
          { q, readerLanguage: 'zh' as const },
          { q, readerLanguage: 'en' as const, kind: 'article' as const, page: 2 },
        ]) {
          const s = performance.now()
          const answer = await search(deps, input)
          times.push(performance.now() - s)
          if (!input.kind) found = answer.groups.reduce((n, g) => n + g.total, 0)
        }
      }
      all.push(...times)
      // The database's share: the same statement alone, as search() sends it (all kinds).
      const parsed = parseQuery(q)
      const sqlTimes: number[] = []
      if (queryLiteral(parsed))
        for (let r = 0; r < rounds; r++) {
          const s = performance.now()
          await selectHits(database.db, {
            query: queryLiteral(parsed)!,
            loose: looseQueryLiteral(parsed)!,
            now: new Date(),
            kind: null,
            language: null,
            readerLanguage: 'zh',
            limit: 5,
            offset: 0,
          })
          sqlTimes.push(performance.now() - s)
        }
      perQuery.push([
        q.length > 30 ? `${q.slice(0, 27)}… (${q.length} chars)` : q,
        String(found),
        percentile(times, 50).toFixed(1),
        percentile(times, 99).toFixed(1),
        sqlTimes.length ? percentile(sqlTimes, 50).toFixed(1) : '–',
      ])
    }
    return {
      backend,
      rows,
      indexSeconds,
      size: size[0]!,
      p50: percentile(all, 50),
      p95: percentile(all, 95),
      p99: percentile(all, 99),
      samples: all.length,
      perQuery,
    }
  } finally {
    await database.close()
    await drop()
  }
}

console.log(
  `Search over ${counts.articles} articles, ${counts.episodes} episodes with hour-long transcripts, ${counts.events} events (2 languages), ${counts.people} people; ${rounds} rounds of ${queries.length} queries × (all kinds, articles page 2)`,
)
console.log(`Node ${process.version}, PGlite ${(PGlite as unknown as { version?: string }).version ?? ''}`)
const results = []
for (const backend of args.backends.split(',') as ('pglite' | 'postgres')[]) {
  if (backend === 'postgres' && !(await postgresReachable())) {
    console.log('PostgreSQL is not reachable: left out')
    continue
  }
  const r = await run(backend)
  results.push(r)
  console.log(
    `\n${backend}: ${r.rows} documents indexed in ${r.indexSeconds.toFixed(1)} s; table ${r.size.table}, GIN index ${r.size.index}`,
  )
  console.log(table(r.perQuery))
}
console.log()
console.log(
  table([
    ['backend', 'samples', 'p50 ms', 'p95 ms', 'p99 ms', 'goal p99 < 100 ms'],
    ...results.map((r) => [
      r.backend,
      String(r.samples),
      r.p50.toFixed(1),
      r.p95.toFixed(1),
      r.p99.toFixed(1),
      r.p99 < 100 ? 'PASS' : 'MISS',
    ]),
  ]),
)
process.exit(0)
