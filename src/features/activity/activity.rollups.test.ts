// The statistics read from rollups must say exactly what counting the raw rows says, whatever
// happened since the rollups were built: new and late contributions, links, bot marks, days
// passing with and without the daily slide, an invalidation. An independent count in plain
// TypeScript is the oracle.
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import { freshDatabase, testBackends } from '../../../test/support/db.ts'
import { seededRandom } from '../../platform/random.ts'
import * as repo from './activity.repo.ts'
import { rebuildRollups, refreshRollups } from './activity.rollups.ts'
import {
  absenceFactor,
  activityPeriods,
  type Contribution,
  type ContributionKind,
  contributionKinds,
  periodStart,
} from './activity.rules.ts'
import { selectLeaderboard, selectMonthlyContributors } from './activity.stats.ts'

const DAY = 86_400_000
const START = new Date('2026-06-10T09:30:00Z')

type Account = { githubId: number; login: string; personId: string | null; bot: boolean }

function expected(
  contributions: Contribution[],
  accounts: Map<number, Account>,
  o: { period: (typeof activityPeriods)[number]; kind?: ContributionKind; now: Date },
) {
  const since = periodStart(o.period, o.now)
  const per = new Map<string, { n: number; last: number }>()
  for (const c of contributions) {
    const a = accounts.get(c.githubId)!
    if (a.bot || (o.kind && c.kind !== o.kind) || (since && c.occurredAt < since)) continue
    const who = a.personId ? `p:${a.personId}` : `gh:${a.githubId}`
    const e = per.get(who) ?? { n: 0, last: 0 }
    e.n++
    e.last = Math.max(e.last, c.occurredAt.getTime())
    per.set(who, e)
  }
  const counts = [...per.values()].map((e) => e.n)
  return {
    total: counts.reduce((a, b) => a + b, 0),
    contributors: per.size,
    absenceFactor: absenceFactor(counts),
    // Ties may come in any order the database likes: compare the multiset of (count, last).
    ranked: [...per.values()].map((e) => `${e.n}@${e.last}`).sort(),
  }
}

function expectedMonths(contributions: Contribution[], accounts: Map<number, Account>) {
  const monthsOf = new Map<string, Set<string>>()
  for (const c of contributions) {
    const a = accounts.get(c.githubId)!
    if (a.bot) continue
    const who = a.personId ? `p:${a.personId}` : `gh:${a.githubId}`
    const set = monthsOf.get(who) ?? new Set()
    set.add(c.occurredAt.toISOString().slice(0, 7))
    monthsOf.set(who, set)
  }
  const out = new Map<string, { total: number; new: number }>()
  for (const months of monthsOf.values()) {
    const first = [...months].sort()[0]
    for (const m of months) {
      const e = out.get(m) ?? { total: 0, new: 0 }
      e.total++
      if (m === first) e.new++
      out.set(m, e)
    }
  }
  return [...out.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, e]) => ({ month, ...e }))
}

for (const backend of await testBackends()) {
  describe(`statistics rollups [${backend}]`, async () => {
    const database = await freshDatabase(backend)
    after(() => database.dispose())
    const db = database.db
    const random = seededRandom(4242)
    const accounts = new Map<number, Account>()
    const contributions: Contribution[] = []
    let now = START

    const people = await Promise.all(
      ['ada', 'bo', 'cy', 'di'].map(async (handle) => {
        const [row] = (
          (await db.execute(
            sql`insert into people (id, handle, name_en) values (gen_random_uuid(), ${handle}, ${handle}) returning id`,
          )) as unknown as { rows: { id: string }[] }
        ).rows
        return row!.id
      }),
    )
    for (let i = 0; i < 14; i++) {
      // Two accounts for the first person; the last accounts nobody has linked.
      const personId = i < 5 ? people[Math.max(0, i - 1)]! : null
      const account = { githubId: 8000 + i, login: `acct-${i}`, personId, bot: false }
      accounts.set(account.githubId, account)
      await repo.linkAccount(db, account.githubId, account.login, personId, now)
    }

    let seq = 0
    async function contribute(count: number, oldestDaysAgo: number, newestDaysAgo = 0) {
      const batch: Contribution[] = []
      for (let i = 0; i < count; i++) {
        // Skewed towards the first accounts, as real communities are.
        const githubId = 8000 + Math.floor(accounts.size * random() ** 2)
        const ago = newestDaysAgo + (oldestDaysAgo - newestDaysAgo) * random()
        batch.push({
          key: `rollup-test:${++seq}`,
          githubId,
          login: accounts.get(githubId)!.login,
          avatarUrl: null,
          botAccount: false,
          kind: contributionKinds[Math.floor(random() * 4)]!,
          repoId: 1,
          repoName: 'kubesphere/kubesphere',
          number: 1,
          occurredAt: new Date(now.getTime() - ago * DAY),
        })
      }
      contributions.push(...batch)
      await repo.insertContributions(db, batch, 'test')
    }

    async function agrees(label: string) {
      for (const period of activityPeriods)
        for (const kind of [undefined, 'push' as const]) {
          const want = expected(contributions, accounts, { period, kind, now })
          const got = await selectLeaderboard(db, { period, kind, now, limit: 1000 })
          const where = `${label}, ${period}, ${kind ?? 'all kinds'}`
          assert.equal(got.total, want.total, `total: ${where}`)
          assert.equal(got.contributors, want.contributors, `contributors: ${where}`)
          assert.equal(got.absenceFactor, want.absenceFactor, `absence factor: ${where}`)
          assert.deepEqual(
            got.entries.map((e) => `${e.count}@${e.last.getTime()}`).sort(),
            want.ranked,
            `entries: ${where}`,
          )
          for (let i = 1; i < got.entries.length; i++)
            assert.ok(got.entries[i - 1]!.count >= got.entries[i]!.count, `busiest first: ${where}`)
          const page = await selectLeaderboard(db, { period, kind, now, limit: 3, offset: 2 })
          assert.deepEqual(
            page.entries.map((e) => e.count),
            got.entries.slice(2, 5).map((e) => e.count),
            `a page: ${where}`,
          )
        }
    }

    async function monthsAgree(label: string) {
      const got = await selectMonthlyContributors(db, null)
      assert.deepEqual(
        got.map(({ month, total, new: fresh }) => ({ month, total, new: fresh })),
        expectedMonths(contributions, accounts),
        `months: ${label}`,
      )
    }

    it('answers from the raw rows before the rollups are built', async () => {
      await contribute(400, 3 * 365)
      await agrees('not built')
    })

    it('answers the same from the rollups once built, and keeps them as contributions arrive', async () => {
      await rebuildRollups(db, now)
      await agrees('built')
      await monthsAgree('built')
      await contribute(40, 1 / 24) // this hour, after the totals end
      await contribute(60, 700, 2) // late: an archive import of older hours
      await agrees('after new and late contributions')
      await refreshRollups(db, now)
      await monthsAgree('after new and late contributions')
    })

    it('follows links, unlinks and bot marks', async () => {
      const drifter = accounts.get(8012)!
      drifter.personId = people[3]!
      await repo.linkAccount(db, drifter.githubId, drifter.login, drifter.personId, now)
      const bot = accounts.get(8006)!
      bot.bot = true
      await repo.setBotOverride(db, bot.githubId, true)
      const leaver = accounts.get(8001)!
      leaver.personId = null
      await repo.linkAccount(db, leaver.githubId, leaver.login, null, now)
      await agrees('after link, unlink, bot mark')
      await refreshRollups(db, now)
      await monthsAgree('after link, unlink, bot mark')
    })

    it('stays exact as days pass, before and after the daily slide', async () => {
      for (const days of [0.6, 3, 45, 400]) {
        now = new Date(now.getTime() + days * DAY)
        await contribute(15, 2)
        await agrees(`${days} days later, not slid`)
        await refreshRollups(db, now)
        await agrees(`${days} days later, slid`)
        await monthsAgree(`${days} days later`)
      }
    })

    it('drops the rollups if a contribution is ever removed, and builds them again', async () => {
      const gone = contributions.pop()!
      await db.execute(sql`delete from contributions where key = ${gone.key}`)
      await agrees('invalidated')
      const [state] = (
        (await db.execute(sql`select count(*)::int n from rollup_state`)) as unknown as {
          rows: { n: number }[]
        }
      ).rows
      assert.equal(state!.n, 0)
      await refreshRollups(db, now)
      await agrees('rebuilt')
      await monthsAgree('rebuilt')
    })
  })
}
