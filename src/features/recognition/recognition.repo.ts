import { and, desc, eq, isNull } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { people } from '../people/people.schema.ts'
import { certificates, swagShipments, titleGrants } from './recognition.schema.ts'

export type Certificate = typeof certificates.$inferSelect
export type Shipment = typeof swagShipments.$inferSelect
export type TitleGrant = typeof titleGrants.$inferSelect

/** Inserts unless a valid certificate for the title exists; returns the one that holds. */
export async function insertCertificate(db: Db, row: typeof certificates.$inferInsert) {
  const [inserted] = await db.insert(certificates).values(row).onConflictDoNothing().returning()
  if (inserted) return inserted
  const [held] = await db
    .select()
    .from(certificates)
    .where(
      and(
        eq(certificates.personId, row.personId),
        eq(certificates.titleKey, row.titleKey),
        isNull(certificates.revokedAt),
      ),
    )
  return held!
}

/** A certificate by its code, with the name of whom it was issued to. */
export async function selectCertificateByCode(db: Db, code: string) {
  const [row] = await db
    .select({
      certificate: certificates,
      person: { id: people.id, handle: people.handle, nameZh: people.nameZh, nameEn: people.nameEn },
    })
    .from(certificates)
    .innerJoin(people, eq(people.id, certificates.personId))
    .where(eq(certificates.code, code))
  return row
}

export const selectCertificatesOf = (db: Db, personId: string) =>
  db.select().from(certificates).where(eq(certificates.personId, personId)).orderBy(desc(certificates.year))

export const revokeCertificateRow = (db: Db, id: string, at: Date, reason: string) =>
  db
    .update(certificates)
    .set({ revokedAt: at, revokedReason: reason })
    .where(and(eq(certificates.id, id), isNull(certificates.revokedAt)))
    .returning()

export async function insertShipment(db: Db, row: typeof swagShipments.$inferInsert) {
  const [inserted] = await db.insert(swagShipments).values(row).returning()
  return inserted!
}

export const updateShipment = (db: Db, id: string, set: Partial<typeof swagShipments.$inferInsert>) =>
  db.update(swagShipments).set(set).where(eq(swagShipments.id, id)).returning()

export async function selectShipment(db: Db, id: string) {
  const [row] = await db.select().from(swagShipments).where(eq(swagShipments.id, id))
  return row
}

export const selectShipmentsOf = (db: Db, personId: string) =>
  db
    .select()
    .from(swagShipments)
    .where(eq(swagShipments.personId, personId))
    .orderBy(desc(swagShipments.createdAt))

/** Every shipment with its person's name, newest first (the administrators' list). */
export const selectAllShipments = (db: Db) =>
  db
    .select({
      shipment: swagShipments,
      person: { id: people.id, handle: people.handle, nameZh: people.nameZh, nameEn: people.nameEn },
    })
    .from(swagShipments)
    .innerJoin(people, eq(people.id, swagShipments.personId))
    .orderBy(desc(swagShipments.createdAt))

/** Records a grant; a title already granted keeps its first grant (who and when stay true). */
export async function insertTitleGrant(db: Db, row: typeof titleGrants.$inferInsert) {
  await db.insert(titleGrants).values(row).onConflictDoNothing()
}

/** Title grants of one person, or of everyone, with the granting lead's name. */
export const selectTitleGrants = (db: Db, personId?: string) =>
  db
    .select({
      grant: titleGrants,
      by: { id: people.id, handle: people.handle, nameZh: people.nameZh, nameEn: people.nameEn },
    })
    .from(titleGrants)
    .innerJoin(people, eq(people.id, titleGrants.grantedBy))
    .where(personId ? eq(titleGrants.personId, personId) : undefined)
