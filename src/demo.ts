import { countPeople } from './features/people/index.ts'
import { DEMO_ADMIN_EMAIL, seedPeopleDemo } from './features/people/people.demo.ts'
import type { Deps } from './platform/deps.ts'

export { DEMO_ADMIN_EMAIL }

/**
 * Demo content, feature by feature, loaded only into an empty database. Each later
 * feature adds its seeder here.
 */
export async function loadDemo(deps: Pick<Deps, 'db' | 'now'>): Promise<boolean> {
  if ((await countPeople(deps)) > 0) return false
  await seedPeopleDemo(deps)
  return true
}
