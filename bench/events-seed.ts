// Seeds the events benchmark (bench/events.ts): `registrants` people with an API token each (the
// flash crowd), a published event with 200 places and a short agenda for them to register for, and
// a three-day conference with a 60-session agenda (four rooms, speakers, sponsors) and 500 people
// holding a place. Rows are written directly (a benchmark's setup, not a path people take); the
// events are the shape the services make. Writes the tokens, one a line, to TOKENS_FILE and prints
// the two events' slugs as JSON.
//   node … bench/events-seed.ts DATA_DIR TOKENS_FILE REGISTRANTS [DATABASE_URL]
import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { TOKEN_PREFIX } from '../src/features/accounts/accounts.rules.ts'
import { newTicketCode } from '../src/features/events/events.checkin.rules.ts'
import { sha256 } from '../src/platform/auth/secrets.ts'
import { loadConfig } from '../src/platform/config.ts'
import { migrate, openDatabase } from '../src/platform/db/client.ts'
import {
  apiTokens,
  eventOrganisers,
  eventRegistrations,
  eventRooms,
  eventSeats,
  eventSessions,
  eventSponsors,
  events,
  people,
  sessionSpeakers,
} from '../src/platform/db/schema.ts'
import { createLogger } from '../src/platform/log.ts'
import { settleDatabase } from '../src/prepare.ts'
import { insertAll, nameOf, speakerRows } from './lib.ts'

const [dataDir, tokensFile, registrants, databaseUrl] = process.argv.slice(2)
const REGISTRANTS = Number(registrants)
const ATTENDEES = 500
const SESSIONS = 60
const DAY = 86_400_000
const HOUR = 3_600_000

const database = databaseUrl
  ? await openDatabase({ kind: 'postgres', url: databaseUrl, max: 2 })
  : await openDatabase({ kind: 'pglite', dataDir: dataDir! })
const { db } = database

try {
  await migrate(database)
  // What every server start does first (the founding SIG, the statistics rollups), so the servers
  // the benchmark starts change nothing before the crowd arrives.
  await settleDatabase({
    config: loadConfig({ DATA_DIR: dataDir!, BASE_URL: 'http://127.0.0.1:1', DEMO: '0' }),
    db,
    now: () => new Date(),
    log: createLogger('silent'),
  })
  const now = Date.now()
  const created = new Date(now - 30 * DAY)
  const personRows = Array.from({ length: REGISTRANTS + ATTENDEES + 60 }, (_, i) => ({
    handle: `bench-${i}`,
    ...nameOf(i),
    email: `bench-${i}@bench.example`,
    locale: i % 3 ? 'zh' : 'en',
    // Speakers (the last 60) are listed; the crowd is private, as new accounts are.
    profilePublic: i >= REGISTRANTS + ATTENDEES,
    createdAt: created,
  }))
  const ids: string[] = []
  await insertAll(personRows, async (chunk) => {
    for (const r of await db.insert(people).values(chunk).returning({ id: people.id })) ids.push(r.id)
  })
  const crowd = ids.slice(0, REGISTRANTS)
  const attendees = ids.slice(REGISTRANTS, REGISTRANTS + ATTENDEES)
  const speakers = ids.slice(REGISTRANTS + ATTENDEES)

  const tokens = crowd.map(() => `${TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`)
  await insertAll(
    crowd.map((personId, i) => ({
      personId,
      name: 'bench',
      tokenHash: sha256(tokens[i]!),
      prefix: tokens[i]!.slice(0, TOKEN_PREFIX.length + 4),
      createdAt: created,
    })),
    (chunk) => db.insert(apiTokens).values(chunk),
  )
  writeFileSync(tokensFile!, `${tokens.join('\n')}\n`)

  const startsAt = new Date(now + 30 * DAY)
  const eventRow = (slug: string, over: Partial<typeof events.$inferInsert>) => ({
    slug,
    kind: 'conference' as const,
    mode: 'offline' as const,
    timeZone: 'Asia/Shanghai',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 8 * HOUR),
    venueZh: '国际会议中心',
    venueEn: 'International Convention Centre',
    address: '1 Convention Road, Shanghai',
    country: 'CN',
    mapUrl: 'https://www.openstreetmap.org/search?query=Shanghai',
    status: 'published' as const,
    publishedAt: created,
    createdAt: created,
    updatedAt: created,
    ...over,
  })

  // The flash crowd's event: 200 places, a short agenda.
  const [flash] = await db
    .insert(events)
    .values(
      eventRow('bench-flash', {
        titleZh: '限量两百人的社区日',
        titleEn: 'Community day for two hundred',
        summaryZh: '两百个名额，先到先得，满额后按顺序候补。',
        summaryEn: 'Two hundred places, first come first served, then a waitlist in order.',
        capacity: 200,
      }),
    )
    .returning()
  await db.insert(eventSeats).values({ eventId: flash!.id })
  await db.insert(eventOrganisers).values({ eventId: flash!.id, personId: speakers[0]! })
  for (let i = 0; i < 4; i++)
    await db.insert(eventSessions).values({
      eventId: flash!.id,
      kind: 'talk',
      titleZh: `分享 ${i + 1}`,
      titleEn: `Talk ${i + 1}`,
      startsAt: new Date(startsAt.getTime() + i * HOUR),
      endsAt: new Date(startsAt.getTime() + (i + 1) * HOUR),
      position: i,
    })

  // The big page: three days, four rooms, sixty sessions, five hundred people going.
  const days = 3
  const [conference] = await db
    .insert(events)
    .values(
      eventRow('bench-conference', {
        titleZh: '云原生社区大会',
        titleEn: 'Cloud Native Community Conference',
        summaryZh: '三天、四个会场、六十场分享、圆桌和工作坊。',
        summaryEn: 'Three days, four rooms, sixty talks, roundtables and workshops.',
        descriptionZh:
          '## 关于大会\n\n社区一年一度的大会：维护者、贡献者和用户面对面交流。\n\n- 主题演讲\n- 圆桌讨论\n- 动手工作坊',
        descriptionEn:
          '## About\n\nThe community’s yearly conference: maintainers, contributors and users meet face to face.\n\n- Keynotes\n- Roundtables\n- Hands-on workshops',
        endsAt: new Date(startsAt.getTime() + (days - 1) * DAY + 9 * HOUR),
        capacity: 1000,
      }),
    )
    .returning()
  await db.insert(eventSeats).values({ eventId: conference!.id, confirmed: ATTENDEES })
  await db
    .insert(eventOrganisers)
    .values(
      speakers.slice(0, 3).map((personId, position) => ({ eventId: conference!.id, personId, position })),
    )
  const rooms = await db
    .insert(eventRooms)
    .values(
      ['主会场|Main hall', '会议室 A|Room A', '会议室 B|Room B', '工作坊|Workshop room'].map(
        (n, position) => {
          const [nameZh, nameEn] = n.split('|')
          return { eventId: conference!.id, nameZh, nameEn, capacity: 300, position }
        },
      ),
    )
    .returning()
  const kinds = ['keynote', 'talk', 'talk', 'panel', 'talk', 'workshop', 'lightning', 'roundtable'] as const
  const sessions = await db
    .insert(eventSessions)
    .values(
      Array.from({ length: SESSIONS }, (_, i) => {
        const day = Math.floor(i / (SESSIONS / days))
        const slot = Math.floor((i % (SESSIONS / days)) / rooms.length)
        const begins = new Date(startsAt.getTime() + day * DAY + slot * HOUR)
        return {
          eventId: conference!.id,
          kind: kinds[i % kinds.length]!,
          titleZh: `第 ${i + 1} 场：在生产环境运行 Kubernetes 的经验`,
          titleEn: `Session ${i + 1}: running Kubernetes in production`,
          abstractZh: '我们在多集群、可观测性和升级上踩过的坑，以及现在的做法。**欢迎提问。**',
          abstractEn:
            'What bit us with multiple clusters, observability and upgrades, and what we do now. **Questions welcome.**',
          language: i % 4 === 3 ? 'en' : 'zh',
          roomId: rooms[i % rooms.length]!.id,
          startsAt: begins,
          endsAt: new Date(begins.getTime() + 50 * 60_000),
          slidesUrl: `https://slides.example.org/bench/${i + 1}.pdf`,
          position: i,
        }
      }),
    )
    .returning({ id: eventSessions.id, kind: eventSessions.kind })
  await db.insert(sessionSpeakers).values(speakerRows(sessions, speakers))
  await db.insert(eventSponsors).values(
    Array.from({ length: 5 }, (_, i) => ({
      eventId: conference!.id,
      nameZh: `赞助商 ${i + 1}`,
      nameEn: `Sponsor ${i + 1}`,
      url: `https://sponsor-${i + 1}.example`,
      position: i,
    })),
  )
  await insertAll(
    attendees.map((personId, i) => {
      const at = new Date(now - 20 * DAY + i * 60_000)
      return {
        eventId: conference!.id,
        personId,
        status: 'confirmed' as const,
        queuedAt: at,
        confirmedAt: at,
        ticketCode: newTicketCode(),
        createdAt: at,
        updatedAt: at,
      }
    }),
    (chunk) => db.insert(eventRegistrations).values(chunk),
  )
  process.stdout.write(`${JSON.stringify({ flash: flash!.slug, conference: conference!.slug })}\n`)
} finally {
  await database.close()
}
