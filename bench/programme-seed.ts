// Seeds the programme benchmark (bench/programme.ts): a published three-day conference with six
// rooms and 300 sessions on its schedule (a keynote each morning, talks, panels with a moderator,
// workshops, lightning talks, a lunch break each day), 120 listed speakers and some outside guests.
// Rows are written directly (a benchmark's setup, not a path people take); they are the shape the
// services make. Prints the event's slug as JSON.
//   node … bench/programme-seed.ts DATA_DIR [DATABASE_URL]
import { loadConfig } from '../src/platform/config.ts'
import { migrate, openDatabase } from '../src/platform/db/client.ts'
import {
  eventOrganisers,
  eventRooms,
  eventSessions,
  events,
  people,
  sessionSpeakers,
} from '../src/platform/db/schema.ts'
import { zonedTime } from '../src/platform/i18n/time-zone.ts'
import { createLogger } from '../src/platform/log.ts'
import { settleDatabase } from '../src/prepare.ts'
import { insertAll, nameOf, speakerRows } from './lib.ts'

const [dataDir, databaseUrl] = process.argv.slice(2)
const DAYS = 3
const ROOMS = 6
const SESSIONS = 300
const SPEAKERS = 120
const ZONE = 'Asia/Shanghai'
const MINUTE = 60_000

const database = databaseUrl
  ? await openDatabase({ kind: 'postgres', url: databaseUrl, max: 2 })
  : await openDatabase({ kind: 'pglite', dataDir: dataDir! })
const { db } = database

const topics = [
  ['在生产环境运行 Kubernetes 的经验', 'Running Kubernetes in production'],
  ['eBPF 与可观测性', 'eBPF and observability'],
  ['服务网格的取舍', 'The trade-offs of a service mesh'],
  ['多集群的升级之路', 'Upgrading many clusters'],
  ['平台工程团队的第一年', 'A platform team’s first year'],
  ['开源社区的新人引导', 'Onboarding newcomers to an open-source community'],
  ['GitOps 实践', 'GitOps in practice'],
  ['边缘计算上的容器', 'Containers at the edge'],
] as const

try {
  await migrate(database)
  // What every server start does first, so the server the benchmark starts changes nothing.
  await settleDatabase({
    config: loadConfig({ DATA_DIR: dataDir!, BASE_URL: 'http://127.0.0.1:1', DEMO: '0' }),
    db,
    now: () => new Date(),
    log: createLogger('silent'),
  })
  const created = new Date(Date.now() - 60 * 86_400_000)
  const speakers = (
    await db
      .insert(people)
      .values(
        Array.from({ length: SPEAKERS }, (_, i) => ({
          handle: `speaker-${i}`,
          ...nameOf(i),
          email: `speaker-${i}@bench.example`,
          locale: i % 3 ? 'zh' : 'en',
          profilePublic: true,
          createdAt: created,
        })),
      )
      .returning({ id: people.id })
  ).map((r) => r.id)

  // Thirty days ahead, so the schedule shows upcoming sessions (no videos yet).
  const first = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)
  const dates = Array.from({ length: DAYS }, (_, d) => {
    const day = new Date(`${first}T00:00:00Z`)
    day.setUTCDate(day.getUTCDate() + d)
    return day.toISOString().slice(0, 10)
  })
  const [conference] = await db
    .insert(events)
    .values({
      slug: 'bench-programme',
      kind: 'conference',
      mode: 'offline',
      timeZone: ZONE,
      titleZh: '云原生开源大会',
      titleEn: 'Cloud Native Open Source Summit',
      summaryZh: '三天、六个会场、三百场分享、圆桌和工作坊。',
      summaryEn: 'Three days, six rooms, three hundred talks, panels and workshops.',
      startsAt: zonedTime(`${dates[0]}T09:00`, ZONE),
      endsAt: zonedTime(`${dates.at(-1)}T20:00`, ZONE),
      venueZh: '国际会议中心',
      venueEn: 'International Convention Centre',
      address: '1 Convention Road, Shanghai',
      country: 'CN',
      capacity: 3000,
      status: 'published',
      publishedAt: created,
      createdAt: created,
      updatedAt: created,
    })
    .returning()
  await db.insert(eventOrganisers).values({ eventId: conference!.id, personId: speakers[0]! })
  const rooms = await db
    .insert(eventRooms)
    .values(
      [
        '主会场|Main hall',
        'A 厅|Hall A',
        'B 厅|Hall B',
        'C 厅|Hall C',
        '工作坊 1|Workshop 1',
        '工作坊 2|Workshop 2',
      ].map((n, position) => {
        const [nameZh, nameEn] = n.split('|')
        return { eventId: conference!.id, nameZh, nameEn, capacity: position ? 200 : 1200, position }
      }),
    )
    .returning()

  // Each day: a 09:00 keynote in the main hall, then 30-minute slots in all six rooms (a 25-minute
  // session each) around a lunch break over every room, until the day's hundred are placed.
  type Row = typeof eventSessions.$inferInsert
  const rows: Row[] = []
  const perDay = SESSIONS / DAYS
  const kinds = ['talk', 'talk', 'panel', 'talk', 'workshop', 'lightning', 'talk', 'roundtable'] as const
  for (const [d, date] of dates.entries()) {
    const at = (minutes: number) => new Date(zonedTime(`${date}T09:00`, ZONE).getTime() + minutes * MINUTE)
    rows.push({
      eventId: conference!.id,
      kind: 'keynote',
      titleZh: `第 ${d + 1} 天主题演讲：开源的下一个十年`,
      titleEn: `Day ${d + 1} keynote: the next ten years of open source`,
      abstractZh: '开场主题演讲。',
      abstractEn: 'The opening keynote.',
      language: d % 2 ? 'en' : 'zh',
      roomId: rooms[0]!.id,
      startsAt: at(0),
      endsAt: at(45),
    })
    rows.push({
      eventId: conference!.id,
      kind: 'break',
      titleZh: '午餐',
      titleEn: 'Lunch',
      startsAt: at(210),
      endsAt: at(270),
    })
    for (let i = 0; i < perDay - 1; i++) {
      const slot = Math.floor(i / ROOMS)
      // Slots from 10:00; from the fifth on, after lunch (13:30).
      const start = slot < 4 ? 60 + slot * 30 : 270 + (slot - 4) * 30
      const n = rows.length
      const [zh, en] = topics[n % topics.length]!
      rows.push({
        eventId: conference!.id,
        kind: kinds[n % kinds.length]!,
        titleZh: `${zh}（${n}）`,
        titleEn: `${en} (${n})`,
        abstractZh: '我们踩过的坑，以及现在的做法。**欢迎提问。**',
        abstractEn: 'What bit us, and what we do now. **Questions welcome.**',
        language: n % 3 ? 'zh' : 'en',
        roomId: rooms[i % ROOMS]!.id,
        startsAt: at(start),
        endsAt: at(start + 25),
        position: n,
      })
    }
  }
  const sessions = await db
    .insert(eventSessions)
    .values(rows)
    .returning({ id: eventSessions.id, kind: eventSessions.kind })
  await insertAll(speakerRows(sessions, speakers), (chunk) => db.insert(sessionSpeakers).values(chunk))
  const placed = sessions.filter((s) => s.kind !== 'break').length
  process.stdout.write(
    `${JSON.stringify({ slug: conference!.slug, sessions: placed, rooms: rooms.length })}\n`,
  )
} finally {
  await database.close()
}
