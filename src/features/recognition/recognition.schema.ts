import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { at, createdAt, id } from '../../platform/db/columns.ts'
import { people } from '../people/people.schema.ts'

/**
 * A certificate the community issued for a title someone held (a chapter's leader in 2026). Its
 * texts are kept as issued; anyone can check it by its code, until it is revoked.
 */
export const certificates = pgTable(
  'certificates',
  {
    id: id(),
    /** Printed on the certificate and in its QR code: ten letters and digits, nothing ambiguous. */
    code: text('code').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** Which title it is for (see `titleKey`): one valid certificate per title. */
    titleKey: text('title_key').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    year: integer('year').notNull(),
    issuedAt: at('issued_at').notNull().defaultNow(),
    issuedBy: uuid('issued_by').references(() => people.id),
    revokedAt: at('revoked_at'),
    revokedReason: text('revoked_reason'),
  },
  (t) => [
    uniqueIndex('certificates_code_key').on(t.code),
    uniqueIndex('certificates_title_key').on(t.personId, t.titleKey).where(sql`${t.revokedAt} is null`),
  ],
)

/**
 * Swag on its way to someone (a T-shirt for a chapter leader). The shipping details are the
 * person's own and administrators' only: never on a public page, never in the API's public parts.
 */
export const swagShipments = pgTable(
  'swag_shipments',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** What is sent, in Chinese and in English: at least one of them (the check below). */
    itemZh: text('item_zh'),
    itemEn: text('item_en'),
    /** Why they get it (a title, an event), in either language or both, or not said. */
    reasonZh: text('reason_zh'),
    reasonEn: text('reason_en'),
    /** waiting_for_address, ready, sent, received. */
    status: text('status').notNull().default('waiting_for_address'),
    recipientName: text('recipient_name'),
    address: text('address'),
    phone: text('phone'),
    /** A carrier and tracking number, once sent. */
    tracking: text('tracking'),
    createdBy: uuid('created_by').references(() => people.id),
    createdAt: createdAt(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('swag_shipments_person_idx').on(t.personId),
    index('swag_shipments_status_idx').on(t.status),
    check('swag_shipments_item_check', sql`${t.itemZh} is not null or ${t.itemEn} is not null`),
  ],
)

/**
 * A SIG lead granting a year's title that tenure alone would not give (a seat held for less than
 * the minimum): who granted it, when and why. One grant per person and title.
 */
export const titleGrants = pgTable(
  'title_grants',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    titleKey: text('title_key').notNull(),
    reason: text('reason').notNull(),
    grantedBy: uuid('granted_by')
      .notNull()
      .references(() => people.id),
    grantedAt: at('granted_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('title_grants_person_title_key').on(t.personId, t.titleKey)],
)
