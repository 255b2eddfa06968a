// Seeds a show for the podcast benchmark: `episodes` published episodes, the first with the long
// audio file, the others with the short test tone. Prints the show's slug.
//   node … bench/podcast-seed.ts DATA_DIR EPISODES LONG_AUDIO [DATABASE_URL]
import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import { communityNamesFrom } from '../src/features/community/index.ts'
import { insertPerson } from '../src/features/people/people.repo.ts'
import {
  attachAudio,
  createEpisode,
  createShow,
  publishEpisode,
} from '../src/features/podcast/podcast.service.ts'
import { loadConfig } from '../src/platform/config.ts'
import { migrate, openDatabase } from '../src/platform/db/client.ts'
import { roleGrants } from '../src/platform/db/schema.ts'

const [dataDir, count, longAudio, databaseUrl] = process.argv.slice(2)
const database = databaseUrl
  ? await openDatabase({ kind: 'postgres', url: databaseUrl, max: 2 })
  : await openDatabase({ kind: 'pglite', dataDir: dataDir! })
try {
  await migrate(database)
  const config = loadConfig({ DATA_DIR: dataDir!, BASE_URL: 'http://127.0.0.1:1' })
  const deps = { db: database.db, now: () => new Date(), config, communityNames: communityNamesFrom(config) }
  const admin = await insertPerson(database.db, { handle: 'bench-admin', nameEn: 'Bench', nameZh: '测试' })
  await database.db.insert(roleGrants).values({ personId: admin.id, role: 'administrator' })
  const actor = { personId: admin.id, roles: [{ role: 'administrator', sigId: null }] }
  await createShow(deps, actor, {
    slug: 'bench',
    titleZh: null,
    titleEn: 'Benchmark show',
    descriptionZh: null,
    descriptionEn: 'A show with many episodes.',
    language: 'en',
    categories: ['Technology'],
    explicit: false,
    type: 'episodic',
    ownerName: 'Bench',
    ownerEmail: 'bench@example.org',
    copyright: null,
    hosts: ['bench-admin'],
  })
  const tone = join(import.meta.dirname, '../test/fixtures/audio/episode.mp3')
  for (let i = 1; i <= Number(count); i++) {
    const episode = await createEpisode(deps, actor, 'bench', {
      titleZh: null,
      titleEn: `Episode ${i}: a conversation about chapters and meetups`,
      slug: `ep-${i}`,
      notes: `Notes for episode ${i}, with a [link](https://example.org/${i}) and **bold** words.\n\n- one\n- two`,
      season: 1,
      number: i,
      type: 'full',
      explicit: false,
      sponsor: null,
      videoUrl: null,
      chapters: '00:00 Intro\n00:30 Middle\n01:00 End',
      guests: [],
    })
    await attachAudio(deps, actor, episode.id, {
      filename: `ep-${i}.mp3`,
      source: createReadStream(i === 1 ? longAudio! : tone),
    })
    await publishEpisode(
      deps,
      actor,
      episode.id,
      new Date(Date.now() - (Number(count) - i) * 86_400_000 - 1000),
    )
  }
  process.stdout.write('bench\n')
} finally {
  await database.close()
}
