import { eq, inArray } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { mediaFiles } from '../../platform/media/media.schema.ts'
import { communitySettings } from './community.schema.ts'

export type CommunitySettings = typeof communitySettings.$inferSelect

export async function selectSettings(db: Db) {
  const [row] = await db
    .select({ settings: communitySettings, logo: mediaFiles })
    .from(communitySettings)
    .leftJoin(mediaFiles, eq(mediaFiles.id, communitySettings.logoId))
    .limit(1)
  return row ?? null
}

export async function upsertSettings(
  db: Db,
  values: Partial<Omit<CommunitySettings, 'single'>> & { updatedAt: Date; updatedBy: string },
) {
  await db
    .insert(communitySettings)
    .values({ single: true, ...values })
    .onConflictDoUpdate({ target: communitySettings.single, set: values })
}

/** Stored files by id (a picture's sizes): those that exist. */
export const selectMedia = (db: Db, ids: string[]) =>
  ids.length ? db.select().from(mediaFiles).where(inArray(mediaFiles.id, ids)) : Promise.resolve([])
