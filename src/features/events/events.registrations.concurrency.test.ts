// Never oversold: many people registering for one event at once, with cancellations and a
// capacity change arriving in the middle, on PGlite and on PostgreSQL (a pool of connections, so
// transactions really overlap). Two app processes on one PostgreSQL: test/ops/registrations.test.ts.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import {
  addOrganiser,
  confirmedRows,
  insertEvent,
  mailTo,
  registrationsOf,
  seatCounter,
} from '../../../test/support/events.registrations.ts'
import type { Actor } from '../access/index.ts'
import { cancelRegistration, changeCapacity, RegistrationRefused, register } from './events.registrations.ts'

const actorOf = (id: string): NonNullable<Actor> => ({ personId: id, roles: [] })
const shuffle = <T>(xs: T[]) =>
  xs
    .map((x) => [Math.random(), x] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, x]) => x)
const jitter = () => new Promise((r) => setTimeout(r, Math.random() * 15))

for (const backend of await testBackends()) {
  describe(`places under concurrency [${backend}]`, async () => {
    const t = await makeTestApp(backend)

    it('gives exactly the places there are, the waitlist in arrival order, nobody twice, through cancellations and a capacity change', async () => {
      const CAPACITY = 12
      const RAISED = 20
      const EARLY = 6 // registered before the burst; half of them give up during it
      const WAVE1 = 50
      const WAVE2 = 20
      const organiser = await makePerson(t.deps)
      const event = await insertEvent(t.deps.db, { capacity: CAPACITY })
      await addOrganiser(t.deps.db, event.id, organiser.id)
      const people = async (n: number, tag: string) => {
        const out = []
        for (let i = 0; i < n; i++)
          out.push(await makePerson(t.deps, { email: `${tag}-${i}@burst.test`, locale: 'en' }))
        return out
      }
      const early = await people(EARLY, 'early')
      for (const p of early) await register(t.deps, actorOf(p.id), { slug: event.slug, answers: {} })
      const wave1 = await people(WAVE1, 'wave1')
      const wave2 = await people(WAVE2, 'wave2')
      const leaving = early.slice(0, EARLY / 2)

      type Outcome =
        | { personId: string; status: string; position: number | null }
        | { personId: string; refused: string }
      // Once the first twenty answers are in (the places gone, a queue formed) and while the rest
      // are still arriving, three people give their place up and the capacity is raised.
      let answered = 0
      let middle: Promise<unknown> | undefined
      const inTheMiddle = () =>
        Promise.all([
          ...leaving.map(async (p) => {
            await jitter()
            await cancelRegistration(t.deps, actorOf(p.id), event.slug)
          }),
          (async () => {
            await jitter()
            await changeCapacity(t.deps, actorOf(organiser.id), { slug: event.slug, capacity: RAISED })
          })(),
        ])
      const attempt = async (personId: string, spread = 15): Promise<Outcome> => {
        await new Promise((r) => setTimeout(r, Math.random() * spread))
        try {
          const r = await register(t.deps, actorOf(personId), { slug: event.slug, answers: {} })
          return { personId, status: r.registration.status, position: r.position }
        } catch (e) {
          if (e instanceof RegistrationRefused) return { personId, refused: e.reason }
          throw e
        } finally {
          if (++answered === 20) middle = inTheMiddle()
        }
      }
      // Wave 1: everyone within a moment, some of them twice (a double click).
      const doubled = wave1.slice(0, 8).map((p) => p.id)
      const burst = shuffle([
        ...wave1.map((p) => () => attempt(p.id, 60)),
        ...doubled.map((id) => () => attempt(id, 60)),
      ])
      const first = await Promise.all(burst.map((f) => f()))
      await middle
      assert.ok(middle, 'the burst ended before its middle')
      // Every double click: one registration, one refusal saying so.
      for (const id of doubled) {
        const mine = first.filter((o) => o.personId === id)
        assert.equal(mine.length, 2)
        assert.equal(mine.filter((o) => 'refused' in o && o.refused === 'alreadyRegistered').length, 1, id)
      }
      assert.equal(first.filter((o) => 'refused' in o).length, doubled.length)

      // Wave 2 arrives after wave 1 was answered: all of it queues behind wave 1's waitlist.
      const second = await Promise.all(wave2.map((p) => attempt(p.id)))
      assert.ok(second.every((o) => 'status' in o && o.status === 'waitlisted'))

      const rows = await registrationsOf(t.deps.db, event.id)
      // Nobody twice: one row per person.
      assert.equal(new Set(rows.map((r) => r.personId)).size, rows.length)
      assert.equal(rows.length, EARLY + WAVE1 + WAVE2)
      const active = rows.filter((r) => r.status !== 'cancelled').length
      const confirmed = await confirmedRows(t.deps.db, event.id)
      assert.equal(confirmed, Math.min(active, RAISED))
      assert.equal(await seatCounter(t.deps.db, event.id), confirmed)
      assert.equal(rows.filter((r) => r.status === 'cancelled').length, leaving.length)
      // Nobody both holds a place and waits; the waiting are everyone else who is not cancelled.
      const waiting = rows
        .filter((r) => r.status === 'waitlisted')
        .sort((a, b) => a.queuedAt.getTime() - b.queuedAt.getTime() || a.id.localeCompare(b.id))
      assert.equal(waiting.length, active - confirmed)
      // Arrival order: wave 1's waiting all stand before wave 2's, and wave 2 stands in the order
      // in which each was told its position.
      const wave2Ids = new Set(wave2.map((p) => p.id))
      const firstOfWave2 = waiting.findIndex((r) => wave2Ids.has(r.personId))
      assert.ok(waiting.slice(firstOfWave2).every((r) => wave2Ids.has(r.personId)))
      const told = second
        .filter((o): o is Extract<Outcome, { status: string }> => 'status' in o)
        .sort((a, b) => a.position! - b.position!)
      assert.deepEqual(
        told.map((o) => o.personId),
        waiting.slice(firstOfWave2).map((r) => r.personId),
      )
      assert.deepEqual(
        told.map((o) => o.position),
        told.map((_, i) => firstOfWave2 + i + 1),
      )
      // Promotions took the head of the queue: everyone promoted joined it before anyone still waiting.
      const promoted = rows.filter((r) => r.status === 'confirmed' && r.confirmedAt! > r.createdAt)
      assert.ok(promoted.length > 0, 'nobody was promoted: the burst proves nothing about the queue')
      for (const p of promoted) assert.ok(p.queuedAt <= waiting[0]!.queuedAt)
      // Each promoted person is told once.
      for (const p of promoted) {
        const person = [...wave1, ...early].find((x) => x.id === p.personId)!
        const mails = (await mailTo(t.deps.db, person.email!)).filter((m) =>
          /A place freed up/.test(m.subject),
        )
        assert.equal(mails.length, 1, person.email!)
      }
    })
  })
}
