import { sql } from 'drizzle-orm'
import { boolean, check, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { at } from '../../platform/db/columns.ts'
import { mediaFiles } from '../../platform/media/media.schema.ts'
import { people } from '../people/people.schema.ts'

/**
 * The community's own brand, one row: its name, description, logo, accent colour and links, shown
 * on every page, mail and certificate. Until an administrator saves it there is no row and the
 * site shows COMMUNITY_NAME (or the neutral default).
 */
export const communitySettings = pgTable(
  'community_settings',
  {
    /** Always true: the table holds at most one row. */
    single: boolean('single').primaryKey().default(true),
    nameZh: text('name_zh'),
    nameEn: text('name_en'),
    descriptionZh: text('description_zh'),
    descriptionEn: text('description_en'),
    logoId: uuid('logo_id').references(() => mediaFiles.id),
    /** #rrggbb, checked for contrast on light surfaces; null keeps Hearth's own. */
    accent: text('accent'),
    /** #rrggbb for dark mode; null derives it from `accent`. */
    accentDark: text('accent_dark'),
    links: jsonb('links').$type<{ label: string; url: string }[]>().notNull().default([]),
    updatedAt: at('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => people.id),
  },
  (t) => [check('community_settings_single', sql`${t.single}`)],
)
