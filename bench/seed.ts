// Fills a PGlite data directory up to a number of people for the benchmarks:
//   node --import ./src/platform/runtime/register.ts bench/seed.ts DATA_DIR COUNT
// Runs in its own process so the data directory (and its lock) is closed before a server opens it.
import { loadDemo } from '../src/demo.ts'
import { communityRoles } from '../src/features/access/index.ts'
import { ensureFoundingSig } from '../src/features/people/people.demo.ts'
import { countPeople, insertPerson, insertRoleGrant } from '../src/features/people/people.repo.ts'
import { loadConfig } from '../src/platform/config.ts'
import { migrate, openDatabase } from '../src/platform/db/client.ts'

const [dataDir, wanted = '200'] = process.argv.slice(2)
if (!dataDir) {
  process.stderr.write('Usage: bench/seed.ts DATA_DIR [COUNT]\n')
  process.exit(1)
}
const target = Number(wanted)

const surnames = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun']
const given = ['Wei', 'Fang', 'Min', 'Jing', 'Lei', 'Yan', 'Tao', 'Hui', 'Qiang', 'Xia', 'Jun', 'Ling']
const zhSurnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙']
const zhGiven = ['伟', '芳', '敏', '静', '磊', '燕', '涛', '慧', '强', '霞', '军', '玲']
const cities: ([string, string] | null)[] = [
  ['上海', 'Shanghai'],
  ['杭州', 'Hangzhou'],
  ['成都', 'Chengdu'],
  ['北京', 'Beijing'],
  ['深圳', 'Shenzhen'],
  null,
]

const database = await openDatabase({ kind: 'pglite', dataDir })
try {
  await migrate(database)
  const now = () => new Date()
  const sig = await ensureFoundingSig({ db: database.db })
  await loadDemo({ db: database.db, now, config: loadConfig({ DATA_DIR: dataDir }) })
  const have = await countPeople(database.db)
  await database.db.transaction(async (tx) => {
    for (let i = have; i < target; i++) {
      const s = i % surnames.length
      const g = Math.floor(i / surnames.length) % given.length
      const person = await insertPerson(tx, {
        handle: `bench-person-${i}`,
        nameEn: `${surnames[s]} ${given[g]} ${i}`,
        nameZh: `${zhSurnames[s]}${zhGiven[g]}${i}`,
        cityZh: cities[i % cities.length]?.[0] ?? null,
        cityEn: cities[i % cities.length]?.[1] ?? null,
        languages: ['zh', 'en'],
        createdAt: new Date(Date.UTC(2022, 0, 1) + i * 86_400_000),
        // The directory being measured lists everyone, as a community whose members filled in profiles.
        profilePublic: true,
      })
      // Most people in a real directory hold a role or two: the page shows them as badges.
      const role = communityRoles[i % communityRoles.length]!
      if (role !== 'administrator' && i % 3 !== 0) {
        await insertRoleGrant(tx, {
          personId: person.id,
          role,
          sigId: role === 'sig_lead' || role === 'sig_member' ? sig.id : null,
          grantedAt: new Date(Date.UTC(2022, 6, 1)),
        })
      }
    }
  })
  process.stdout.write(`${await countPeople(database.db)}\n`)
} finally {
  await database.close()
}
