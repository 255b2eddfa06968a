import { sql } from 'drizzle-orm'
import { bigint, boolean, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { at, createdAt, id } from '../../platform/db/columns.ts'
import type { StoredPicture } from '../../platform/media/pictures.ts'

export type ProfileLink = { label: string; url: string }

export const people = pgTable(
  'people',
  {
    id: id(),
    handle: text('handle').notNull(),
    nameZh: text('name_zh'),
    nameEn: text('name_en'),
    email: text('email'),
    githubId: bigint('github_id', { mode: 'number' }),
    githubLogin: text('github_login'),
    /** The city in each language; a person may give either, both or none. */
    cityZh: text('city_zh'),
    cityEn: text('city_en'),
    bioZh: text('bio_zh'),
    bioEn: text('bio_en'),
    avatarUrl: text('avatar_url'),
    /** An uploaded picture in the sizes pages show (wins over `avatarUrl`). */
    avatar: jsonb('avatar').$type<StoredPicture>(),
    links: jsonb('links').$type<ProfileLink[]>().notNull().default([]),
    languages: jsonb('languages').$type<string[]>().notNull().default([]),
    locale: text('locale').notNull().default('zh'),
    /**
     * Signing in must not publish anyone: a new account is listed only once its owner makes the
     * profile public, or once it is credited with something public by nature (below).
     */
    profilePublic: boolean('profile_public').notNull().default(false),
    /**
     * Holds or held a role, a chapter seat, a show or guest credit or a linked contribution. Kept by
     * triggers on those tables (drizzle/0025_people_visibility.sql), so every path that credits someone sets it.
     */
    publiclyCredited: boolean('publicly_credited').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('people_handle_key').on(sql`lower(${t.handle})`),
    uniqueIndex('people_email_key').on(sql`lower(${t.email})`),
    uniqueIndex('people_github_id_key').on(t.githubId),
  ],
)

/** Special interest groups are records: chapters and reviews hang off them. */
export const sigs = pgTable('sigs', {
  id: id(),
  slug: text('slug').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  descriptionZh: text('description_zh'),
  descriptionEn: text('description_en'),
  createdAt: createdAt(),
})

/**
 * A role held by a person. Rows are never deleted: ending a role stamps `ended_at`,
 * so the history of every grant stays readable on the profile.
 */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role').notNull(),
    sigId: uuid('sig_id').references(() => sigs.id),
    note: text('note'),
    grantedBy: uuid('granted_by').references(() => people.id),
    grantedAt: at('granted_at').notNull().defaultNow(),
    endedBy: uuid('ended_by').references(() => people.id),
    endedAt: at('ended_at'),
    endReason: text('end_reason'),
  },
  (t) => [
    index('role_grants_person_idx').on(t.personId),
    uniqueIndex('role_grants_current_key')
      .on(t.personId, t.role, sql`coalesce(${t.sigId}, '00000000-0000-0000-0000-000000000000'::uuid)`)
      .where(sql`${t.endedAt} is null`),
  ],
)
