// Reads back what the flash crowd left (bench/events.ts), with the servers stopped (PGlite has
// one owner): registrations by status, the seat counter, anyone holding two rows, the order of
// the waitlist (each person's number in the crowd, `bench-<n>`), and the content generation.
//   node … bench/events-verify.ts DATA_DIR SLUG [DATABASE_URL]
import { asc, eq } from 'drizzle-orm'
import { openDatabase } from '../src/platform/db/client.ts'
import {
  contentGeneration,
  eventRegistrations,
  eventSeats,
  events,
  people,
} from '../src/platform/db/schema.ts'

const [dataDir, slug, databaseUrl] = process.argv.slice(2)
const database = databaseUrl
  ? await openDatabase({ kind: 'postgres', url: databaseUrl, max: 1 })
  : await openDatabase({ kind: 'pglite', dataDir: dataDir! })
const { db } = database
try {
  const [event] = await db.select().from(events).where(eq(events.slug, slug!))
  const rows = await db
    .select({
      status: eventRegistrations.status,
      handle: people.handle,
      personId: eventRegistrations.personId,
    })
    .from(eventRegistrations)
    .innerJoin(people, eq(people.id, eventRegistrations.personId))
    .where(eq(eventRegistrations.eventId, event!.id))
    .orderBy(asc(eventRegistrations.queuedAt), asc(eventRegistrations.id))
  const [seats] = await db.select().from(eventSeats).where(eq(eventSeats.eventId, event!.id))
  const [generation] = await db.select().from(contentGeneration)
  const byStatus: Record<string, number> = {}
  for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1
  const number = (handle: string) => Number(handle.slice('bench-'.length))
  process.stdout.write(
    `${JSON.stringify({
      capacity: event!.capacity,
      byStatus,
      seatCounter: seats?.confirmed ?? null,
      people: rows.length,
      distinctPeople: new Set(rows.map((r) => r.personId)).size,
      confirmed: rows.filter((r) => r.status === 'confirmed').map((r) => number(r.handle)),
      waitlist: rows.filter((r) => r.status === 'waitlisted').map((r) => number(r.handle)),
      generation: generation ? String(generation.n) : null,
    })}\n`,
  )
} finally {
  await database.close()
}
