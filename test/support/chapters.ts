import type { Actor } from '../../src/features/access/index.ts'
import { foundChapter } from '../../src/features/chapters/index.ts'
import { currentRoles } from '../../src/features/people/index.ts'
import { ensureFoundingSig } from '../../src/features/people/people.demo.ts'
import { makePerson, makeTestApp } from './app.ts'
import type { Backend } from './db.ts'

/**
 * A test app with a chapter led by a leader and a vice-leader, one member, and a lead of the
 * chapter's SIG; `actorOf` gives a person with their current roles, as a signed-in request has.
 */
export async function chapterWithTeam(
  backend: Backend,
  now: Date,
  city: { slug: string; cityZh: string; cityEn: string; handles?: string[] },
) {
  const t = await makeTestApp(backend)
  t.setNow(now)
  const deps = t.deps
  const sig = await ensureFoundingSig({ db: deps.db })
  const [leader, vice, member, sigLead] = await Promise.all(
    [0, 1, 2, 3].map(
      async (i) => (await makePerson(deps, city.handles ? { handle: city.handles[i]! } : {})).id,
    ),
  )
  await t.grant(sigLead!, 'sig_lead', sig.id)
  await foundChapter(
    deps.db,
    {
      slug: city.slug,
      cityZh: city.cityZh,
      cityEn: city.cityEn,
      country: 'CN',
      sigId: sig.id,
      foundedOn: '2023-05-20',
    },
    [
      { personId: leader!, role: 'leader' },
      { personId: vice!, role: 'vice_leader' },
      { personId: member!, role: 'member' },
    ],
    now,
  )
  const actorOf = async (personId: string): Promise<NonNullable<Actor>> => ({
    personId,
    roles: (await currentRoles(deps, personId)).map((r) => ({ role: r.role, sigId: r.sigId })),
  })
  return { t, sig, deps, leader: leader!, vice: vice!, member: member!, sigLead: sigLead!, actorOf }
}
