import { seedActivityDemo } from './features/activity/activity.demo.ts'
import { seedArticlesDemo } from './features/articles/articles.demo.ts'
import {
  seedChapterEventsDemo,
  seedChaptersDemo,
  seedLeaderSearchDemo,
  seedPendingFoundingDemo,
} from './features/chapters/chapters.demo.ts'
import { communityNamesFrom } from './features/community/index.ts'
import { seedEventsDemo } from './features/events/events.demo.ts'
import { seedMeetingsDemo } from './features/meetings/meetings.demo.ts'
import { countPeople } from './features/people/index.ts'
import { DEMO_ADMIN_EMAIL, seedPeopleDemo } from './features/people/people.demo.ts'
import { seedPodcastDemo } from './features/podcast/podcast.demo.ts'
import { seedProgrammeDemo } from './features/programme/programme.demo.ts'
import { seedRecognitionDemo } from './features/recognition/recognition.demo.ts'
import { rebuildSearch } from './features/search/index.ts'
import './search-sources.ts'
import { isUniqueViolation } from './platform/db/errors.ts'
import type { Deps } from './platform/deps.ts'

export { DEMO_ADMIN_EMAIL }

/**
 * Demo content, feature by feature, loaded only into an empty database. Each later
 * feature adds its seeder here.
 */
export async function loadDemo(given: Pick<Deps, 'db' | 'now' | 'config'>): Promise<boolean> {
  if ((await countPeople(given)) > 0) return false
  // The demo's mails are signed as the site's are, from the community's names.
  const deps = { ...given, communityNames: communityNamesFrom(given.config) }
  try {
    await seedPeopleDemo(deps)
    await seedActivityDemo(deps)
    await seedChaptersDemo(deps)
    await seedChapterEventsDemo(deps)
    await seedPendingFoundingDemo(deps)
    await seedLeaderSearchDemo(deps)
    await seedMeetingsDemo(deps)
    await seedRecognitionDemo(deps)
    await seedPodcastDemo(deps)
    await seedEventsDemo(deps)
    await seedProgrammeDemo(deps)
    await seedArticlesDemo(deps)
  } catch (e) {
    // Several app servers starting at once on one empty database: one of them seeds it.
    if (isUniqueViolation(e)) return false
    throw e
  }
  // The triggers queued every item already; indexing now means the first search waits for none.
  await rebuildSearch(deps)
  return true
}
