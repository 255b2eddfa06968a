// Where the public sees an event's sessions. The programme publishes schedules as versions and
// fills this registry with a reader of the latest one, so this feature never imports the one
// that stands above it; every public reader of sessions (the event's page and agenda, the
// programme's grid and session pages, schedule.xml/json, the calendars, the API, JSON-LD) goes
// through `publicSessions`, and only the schedule editor reads the sessions as they stand.
import type { Deps } from '../../platform/deps.ts'
import { type PublishedPlacement, publicPlacements } from './events.programme.rules.ts'

/** The placements of an event's latest published schedule, or null before the first. */
export type PublishedPlacementsReader = (
  deps: Pick<Deps, 'db'>,
  eventId: string,
) => Promise<PublishedPlacement[] | null>

let reader: PublishedPlacementsReader | null = null

export function registerPublishedPlacements(read: PublishedPlacementsReader) {
  if (reader) throw new Error('Published placements are registered twice')
  reader = read
}

/** An event's public placements: the latest published version's, or null (the sessions as placed). */
export const publishedPlacementsOf = (deps: Pick<Deps, 'db'>, eventId: string) =>
  reader ? reader(deps, eventId) : Promise.resolve(null)

/** An event's sessions as the public sees them (see `publicPlacements`). */
export async function publicSessions<S extends Parameters<typeof publicPlacements>[0][number]>(
  deps: Pick<Deps, 'db'>,
  eventId: string,
  sessions: readonly S[],
): Promise<S[]> {
  return publicPlacements(sessions, await publishedPlacementsOf(deps, eventId))
}
