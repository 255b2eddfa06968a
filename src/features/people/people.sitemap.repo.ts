// The profiles search engines may list: everyone whose profile is public or who is credited
// publicly (isListed in people.rules.ts), by handle, with when each last changed.
import { asc, eq, or } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { people } from './people.schema.ts'

export const selectListedHandles = (db: Db) =>
  db
    .select({ handle: people.handle, updatedAt: people.updatedAt })
    .from(people)
    .where(or(eq(people.profilePublic, true), eq(people.publiclyCredited, true)))
    .orderBy(asc(people.handle))
