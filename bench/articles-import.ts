// The Markdown import (features/articles/articles.import.ts) over 1,000 generated posts written to
// a temporary folder — Hugo and Jekyll front matter, posts without any, translations opening with
// 原文, Chinese and English, tables and images, a few broken — on PGlite and on PostgreSQL.
// Reported: reading the folder, parsing alone (the rules, no database), the first import, and the
// same folder imported again (every post found unchanged). The baseline, in the same run and on
// the same database, is the least any import must do: one plain INSERT per post of the same
// columns, in its own transaction. Target: the first import of 1,000 files under 30 s.
//   npm run bench:articles-import [-- --files 1000 --backend pglite|postgres|both]
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { sql } from 'drizzle-orm'
import { articleFilesFrom } from '../src/features/articles/articles.import.files.ts'
import { parseArticleFile } from '../src/features/articles/articles.import.rules.ts'
import { importArticles } from '../src/features/articles/articles.import.ts'
import { ensureFoundingSig } from '../src/features/people/people.demo.ts'
import { loadConfig } from '../src/platform/config.ts'
import { type Database, migrate, openDatabase } from '../src/platform/db/client.ts'
import { postgresReachable } from '../test/support/db.ts'
import { table, temporaryPostgres, verdict } from './lib.ts'

const { values } = parseArgs({
  options: { files: { type: 'string', default: '1000' }, backend: { type: 'string', default: 'both' } },
})
const count = Number(values.files)
const TARGET_MS = 30_000

const zhWords = [
  '云原生',
  '可观测性',
  '用户委员会',
  '站长',
  '容器',
  '调度',
  '社区',
  '聚会',
  '告警',
  '日志',
  '边车',
  '网关',
]
const enWords = [
  'cluster',
  'tracing',
  'sidecar',
  'meetup',
  'gateway',
  'scheduler',
  'volunteer',
  'release',
  'alert',
]

/** A post of about 3 KB, the size of the community's own; every 50th is broken in some way. */
function post(i: number): { path: string; content: string } {
  const zh = i % 3 !== 0
  const words = zh ? zhWords : enWords
  const pick = (n: number) =>
    Array.from({ length: n }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(zh ? '' : ' ')
  const paragraph = (k: number) =>
    zh
      ? `第 ${k} 段：关于${pick(4)}的讨论，${pick(6)}，以及我们在${pick(2)}上学到的事情。`.repeat(4)
      : `Paragraph ${k}: about ${pick(4)}, then ${pick(6)}, and what we learned from ${pick(2)}. `.repeat(4)
  const body = [
    paragraph(1),
    `![figure ${i}](https://img.bench.test/${i}/figure.png)`,
    '| item | value |\n| --- | --- |\n| a | 1 |\n| b | 2 |',
    paragraph(2),
    '```yaml\nkind: Deployment\nreplicas: 3\n```',
    paragraph(3),
  ].join('\n\n')
  const title = zh ? `${pick(3)}实践第 ${i} 篇` : `Notes on ${pick(3)}, part ${i}`
  const day = `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`
  if (i % 50 === 49)
    return { path: `broken/post-${i}.md`, content: `---\ntitle: "unclosed\ndate: ${day}\n---\n${body}` }
  switch (i % 4) {
    case 0:
      return {
        path: `hugo/post-${i}.md`,
        content: `---\ntitle: '${title}'\ntag: '${pick(1)}, ${words[i % words.length]}'\nkeywords: '${pick(1)}, Kubernetes'\ndescription: '${pick(5)}'\ncreateTime: '${day}'\nauthor: 'author-${i % 40}'\nimage: 'https://img.bench.test/${i}/cover.png'\n---\n\n${body}\n`,
      }
    case 1:
      return {
        path: `_posts/${day}-post-${i}.md`,
        content: `---\nlayout: post\ntitle: "${title}"\ndate: ${day} 10:00\nimg: https://img.bench.test/${i}/cover.jpg\ntags: [${pick(1)}, bench]\nauthor: author-${i % 40}\ndescription: "${pick(5)}"\n---\n${body}\n`,
      }
    case 2:
      return {
        path: `translated/post-${i}.md`,
        content: `# ${title}\n\n> 原文：<https://news.bench.test/${i}>\n\n${body}\n`,
      }
    default:
      return {
        path: `slash/post-${i}.md`,
        content: `---\ntitle: ${JSON.stringify(title)}\ndate: 2024/${(i % 12) + 1}/${(i % 28) + 1}\ntags: ${pick(1)}, bench\n---\n${body}\n`,
      }
  }
}

const config = loadConfig({ TIME_ZONE: 'Asia/Shanghai', DATA_DIR: '/nonexistent' }, '')

async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now()
  const value = await work()
  return { ms: performance.now() - start, value }
}

async function run(backend: 'pglite' | 'postgres', dir: string) {
  const temporary = backend === 'postgres' ? await temporaryPostgres('articles_import') : null
  const database: Database = temporary
    ? await openDatabase({ kind: 'postgres', url: temporary.url, max: 2 })
    : await openDatabase({ kind: 'pglite' })
  try {
    await migrate(database)
    await ensureFoundingSig({ db: database.db })
    // Forty people to match authors against, as a community's regular writers.
    for (let i = 0; i < 40; i++)
      await database.query(
        `insert into people (id, handle, name_en, created_at) values (gen_random_uuid(), $1, $2, now())`,
        [`author-${i}`, `Author ${i}`],
      )
    const read = await timed(() => articleFilesFrom([dir]))
    const files = read.value.files
    const parse = await timed(() =>
      files.map((f) => parseArticleFile(f.path, f.content, { timeZone: 'Asia/Shanghai' })),
    )
    const deps = { db: database.db, now: () => new Date(), config }
    const first = await timed(() => importArticles(deps, files))
    const again = await timed(() => importArticles(deps, files))
    // Baseline: one plain INSERT per parsed post, each its own transaction, into a scratch table.
    await database.query('create table bench_articles (like articles including defaults)')
    const parsed = parse.value.flatMap((p) => (p.ok ? [p.article] : []))
    const baseline = await timed(async () => {
      for (const a of parsed)
        await database.db.transaction(async (tx) => {
          await tx.execute(sql`insert into bench_articles (id, slug, language, title, summary, body, status, published_at, tags, keywords, source_path, translation_group)
            values (gen_random_uuid(), ${a.slug}, ${a.language}, ${a.title}, ${a.summary}, ${a.body}, 'published', ${a.publishedAt ?? new Date()}, ${JSON.stringify(a.tags)}::jsonb, ${JSON.stringify(a.keywords)}::jsonb, ${a.sourcePath}, gen_random_uuid())`)
        })
    })
    const [stored] = await database.query<{ n: number }>('select count(*)::int as n from articles')
    return { read, parse, first, again, baseline, stored: stored!.n, files: files.length }
  } finally {
    await database.close()
    await temporary?.drop()
  }
}

const dir = await mkdtemp(join(tmpdir(), 'hearth-bench-articles-'))
try {
  for (let i = 0; i < count; i++) {
    const { path, content } = post(i)
    await mkdir(join(dir, path, '..'), { recursive: true })
    await writeFile(join(dir, path), content)
  }
  const backends: ('pglite' | 'postgres')[] =
    values.backend === 'both' ? ['pglite', 'postgres'] : [values.backend as 'pglite' | 'postgres']
  const rows = [
    [
      'backend',
      'files',
      'read folder',
      'parse only',
      'first import',
      'again (unchanged)',
      'baseline INSERTs',
      'import ÷ baseline',
      `under ${TARGET_MS / 1000} s`,
    ],
  ]
  for (const backend of backends) {
    if (backend === 'postgres' && !(await postgresReachable())) {
      process.stderr.write('PostgreSQL does not answer: its run is skipped\n')
      continue
    }
    const r = await run(backend, dir)
    const report = r.first.value
    process.stderr.write(
      `${backend}: ${report.imported.length} imported, ${report.skipped.length} skipped, ${r.again.value.unchanged.length} unchanged the second time, ${r.stored} stored\n`,
    )
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`
    rows.push([
      backend,
      String(r.files),
      s(r.read.ms),
      s(r.parse.ms),
      s(r.first.ms),
      s(r.again.ms),
      s(r.baseline.ms),
      `${(r.first.ms / r.baseline.ms).toFixed(1)}×`,
      verdict(r.first.ms < TARGET_MS),
    ])
  }
  process.stdout.write(`${table(rows)}\n`)
} finally {
  await rm(dir, { recursive: true, force: true })
}
