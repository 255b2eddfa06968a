import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { eq, isNull } from 'drizzle-orm'
import { makePerson, makeTestApp, type TestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import {
  addOrganiser,
  confirmedRows,
  insertEvent,
  mailTo,
  registrationsOf,
  seatCounter,
  snapshot,
  subscribeToEverything,
  webhookEvents,
} from '../../../test/support/events.registrations.ts'
import { decodeMail, startSmtpSink } from '../../../test/support/smtp.ts'
import { mailOutbox } from '../../platform/db/schema.ts'
import { createLogger } from '../../platform/log.ts'
import { createMailer, deliverPendingMail, type Mailer } from '../../platform/mail/mail.ts'
import type { Actor } from '../access/index.ts'
import {
  AnswersRefused,
  addAttendee,
  approveRegistration,
  cancelRegistration,
  changeCapacity,
  declineRegistration,
  messageAttendees,
  RegistrationRefused,
  register,
  registrationFacts,
  registrationsForOrganisers,
  removeRegistration,
  sendReminders,
} from './events.registrations.ts'
import type { RegistrationQuestion } from './events.schema.ts'

const HOUR = 3_600_000
const actorOf = (p: { id: string }): NonNullable<Actor> => ({ personId: p.id, roles: [] })

for (const backend of await testBackends()) {
  describe(`registering for events [${backend}]`, async () => {
    const t: TestApp = await makeTestApp(backend)
    await subscribeToEverything(t.deps.db)
    let n = 0
    const person = async (locale: 'zh' | 'en' = 'en') => {
      n++
      return makePerson(t.deps, { email: `reg-${n}@hearth.test`, locale })
    }
    const refusedWith = (code: string) => (e: unknown) =>
      (e instanceof RegistrationRefused && e.reason === code) ||
      ((e as { code?: string }).code === code && true)

    it('gives a place, counts it, mails a confirmation with the ticket and the .ics, and tells subscribers', async () => {
      const event = await insertEvent(t.deps.db, { mode: 'hybrid', onlineUrl: 'https://meet.example/x' })
      const ada = await person()
      const { registration, position } = await register(t.deps, actorOf(ada), {
        slug: event.slug,
        answers: {},
      })
      assert.equal(registration.status, 'confirmed')
      assert.equal(position, null)
      assert.match(registration.ticketCode, /^[A-Z2-9]{12}$/)
      assert.equal(await seatCounter(t.deps.db, event.id), 1)
      const [mail] = await mailTo(t.deps.db, ada.email!)
      assert.ok(mail)
      assert.match(mail.subject, /You are going: Cloud native evening/)
      assert.match(mail.text, new RegExp(`/en/events/${event.slug}/ticket`))
      assert.match(mail.text, /Join online: https:\/\/meet\.example\/x/)
      const [ics] = mail.attachments ?? []
      assert.equal(ics?.filename, `${event.slug}.ics`)
      assert.match(ics!.content, /^BEGIN:VCALENDAR\r\n/)
      assert.match(ics!.content, new RegExp(`UID:${event.id}@hearth\\.test`))
      assert.match(ics!.content, /DTSTART;TZID=Asia\/Shanghai:/)
      const hooks = (await webhookEvents(t.deps.db)).filter((h) => h.event === 'registration.confirmed')
      assert.equal(hooks.length, 1)
      const body = JSON.parse(hooks[0]!.body)
      assert.equal(body.data.registration.id, registration.id)
      assert.equal(body.data.person.handle, ada.handle)
      assert.equal(body.data.how, 'registered')
    })

    it('puts people on the waitlist once the places are gone, in arrival order, with their position', async () => {
      const event = await insertEvent(t.deps.db, { capacity: 1 })
      const [a, b, c] = [await person(), await person('zh'), await person()]
      assert.equal(
        (await register(t.deps, actorOf(a), { slug: event.slug, answers: {} })).registration.status,
        'confirmed',
      )
      const second = await register(t.deps, actorOf(b), { slug: event.slug, answers: {} })
      const third = await register(t.deps, actorOf(c), { slug: event.slug, answers: {} })
      assert.deepEqual([second.registration.status, second.position], ['waitlisted', 1])
      assert.deepEqual([third.registration.status, third.position], ['waitlisted', 2])
      const [mail] = await mailTo(t.deps.db, b.email!)
      assert.match(mail!.subject, /已加入候补/)
      assert.match(mail!.text, /排第 1 位/)
      assert.equal(mail!.attachments, null)
      assert.equal(await seatCounter(t.deps.db, event.id), 1)
      const facts = await registrationFacts(t.deps, actorOf(c), event)
      assert.deepEqual(facts.seats, { confirmed: 1, waitlisted: 2 })
      assert.equal(facts.mine?.position, 2)
    })

    it('refuses, changing nothing: twice, before and after the window, drafts and cancelled events, missing answers', async () => {
      const questions: RegistrationQuestion[] = [
        { key: 'company', kind: 'text', labelZh: '公司', labelEn: 'Company', required: true },
      ]
      const now = new Date()
      const cases: { over: Parameters<typeof insertEvent>[1]; code: string; first?: boolean }[] = [
        { over: {}, code: 'alreadyRegistered', first: true },
        { over: { registrationOpensAt: new Date(now.getTime() + HOUR) }, code: 'registrationNotOpen' },
        { over: { registrationClosesAt: new Date(now.getTime() - HOUR) }, code: 'registrationClosed' },
        { over: { status: 'draft' }, code: 'eventNotOpen' },
        { over: { status: 'cancelled' }, code: 'eventNotOpen' },
        { over: { status: 'postponed' }, code: 'eventNotOpen' },
      ]
      for (const c of cases) {
        const event = await insertEvent(t.deps.db, c.over)
        const someone = await person()
        if (c.first) await register(t.deps, actorOf(someone), { slug: event.slug, answers: {} })
        const before = await snapshot(t.deps.db, event.id)
        await assert.rejects(
          register(t.deps, actorOf(someone), { slug: event.slug, answers: {} }),
          refusedWith(c.code),
        )
        assert.deepEqual(await snapshot(t.deps.db, event.id), before, c.code)
      }
      const asking = await insertEvent(t.deps.db, { questions })
      const someone = await person()
      const before = await snapshot(t.deps.db, asking.id)
      await assert.rejects(
        register(t.deps, actorOf(someone), { slug: asking.slug, answers: { company: '  ' } }),
        (e) => e instanceof AnswersRefused && e.problems.company === 'required',
      )
      assert.deepEqual(await snapshot(t.deps.db, asking.id), before)
      const ok = await register(t.deps, actorOf(someone), { slug: asking.slug, answers: { company: 'ACME' } })
      assert.deepEqual(ok.registration.answers, { company: 'ACME' })
      await assert.rejects(register(t.deps, null, { slug: asking.slug, answers: {} }), {
        code: 'unauthenticated',
      })
    })

    it('gives a cancelled place to the head of the waitlist in the same transaction, and tells them once', async () => {
      const event = await insertEvent(t.deps.db, { capacity: 2 })
      const [a, b, c, d] = [await person(), await person(), await person(), await person()]
      for (const p of [a, b, c, d]) await register(t.deps, actorOf(p), { slug: event.slug, answers: {} })
      const hooksBefore = (await webhookEvents(t.deps.db)).length
      const result = await cancelRegistration(t.deps, actorOf(a), event.slug)
      assert.equal(result.registration.status, 'cancelled')
      assert.deepEqual(
        result.promoted.map((r) => r.personId),
        [c.id],
      )
      assert.equal(await seatCounter(t.deps.db, event.id), 2)
      assert.equal(await confirmedRows(t.deps.db, event.id), 2)
      const promotedMail = (await mailTo(t.deps.db, c.email!)).filter((m) =>
        /A place freed up/.test(m.subject),
      )
      assert.equal(promotedMail.length, 1)
      assert.equal(promotedMail[0]!.attachments?.[0]?.filename, `${event.slug}.ics`)
      const hooks = (await webhookEvents(t.deps.db)).slice(hooksBefore).map((h) => h.event)
      assert.deepEqual(hooks.sort(), ['registration.cancelled', 'registration.confirmed'])
      // d is now first in line.
      assert.equal((await registrationFacts(t.deps, actorOf(d), event)).mine?.position, 1)
      // Cancelling again is nothing to cancel.
      await assert.rejects(cancelRegistration(t.deps, actorOf(a), event.slug), { code: 'notFoundRecord' })
    })

    it('reuses the row when someone registers again after cancelling: the back of the queue, a new ticket', async () => {
      const event = await insertEvent(t.deps.db, { capacity: 1 })
      const [a, b] = [await person(), await person()]
      const first = await register(t.deps, actorOf(a), { slug: event.slug, answers: {} })
      await cancelRegistration(t.deps, actorOf(a), event.slug)
      await register(t.deps, actorOf(b), { slug: event.slug, answers: {} })
      const again = await register(t.deps, actorOf(a), { slug: event.slug, answers: {} })
      assert.equal(again.registration.id, first.registration.id)
      assert.equal(again.registration.status, 'waitlisted')
      assert.notEqual(again.registration.ticketCode, first.registration.ticketCode)
      assert.equal((await registrationsOf(t.deps.db, event.id)).length, 2)
    })

    it('asks organisers first where the event wants it; approval seats or queues, declining tells them', async () => {
      const organiser = await person()
      const event = await insertEvent(t.deps.db, { capacity: 1, requiresApproval: true })
      await addOrganiser(t.deps.db, event.id, organiser.id)
      const [a, b, c] = [await person(), await person(), await person()]
      const ra = await register(t.deps, actorOf(a), { slug: event.slug, answers: {} })
      const rb = await register(t.deps, actorOf(b), { slug: event.slug, answers: {} })
      const rc = await register(t.deps, actorOf(c), { slug: event.slug, answers: {} })
      assert.equal(ra.registration.status, 'pending')
      assert.equal(await seatCounter(t.deps.db, event.id), 0)
      assert.match((await mailTo(t.deps.db, a.email!))[0]!.subject, /Registration received/)
      // Only organisers decide.
      await assert.rejects(approveRegistration(t.deps, actorOf(c), ra.registration.id), { code: 'forbidden' })
      const approved = await approveRegistration(t.deps, actorOf(organiser), ra.registration.id)
      assert.equal(approved.registration.status, 'confirmed')
      const queued = await approveRegistration(t.deps, actorOf(organiser), rb.registration.id)
      assert.deepEqual([queued.registration.status, queued.position], ['waitlisted', 1])
      await assert.rejects(approveRegistration(t.deps, actorOf(organiser), ra.registration.id), {
        code: 'registrationChanged',
      })
      await declineRegistration(t.deps, actorOf(organiser), rc.registration.id)
      assert.match((await mailTo(t.deps.db, c.email!)).at(-1)!.subject, /No place at/)
      await assert.rejects(
        register(t.deps, actorOf(c), { slug: event.slug, answers: {} }),
        refusedWith('registrationDeclined'),
      )
      assert.equal(await seatCounter(t.deps.db, event.id), 1)
    })

    it('keeps everyone when capacity is lowered, stops new places, and promotes in order when it rises', async () => {
      const organiser = await person()
      const event = await insertEvent(t.deps.db, { capacity: 4 })
      await addOrganiser(t.deps.db, event.id, organiser.id)
      const people = [] as Awaited<ReturnType<typeof person>>[]
      for (let i = 0; i < 4; i++) people.push(await person())
      for (const p of people) await register(t.deps, actorOf(p), { slug: event.slug, answers: {} })
      await changeCapacity(t.deps, actorOf(organiser), { slug: event.slug, capacity: 2 })
      assert.equal(await confirmedRows(t.deps.db, event.id), 4)
      const [w1, w2, w3] = [await person(), await person(), await person()]
      for (const p of [w1, w2, w3]) await register(t.deps, actorOf(p), { slug: event.slug, answers: {} })
      // One of the four gives up: still above the new capacity, so nobody moves up.
      const cancelled = await cancelRegistration(t.deps, actorOf(people[0]!), event.slug)
      assert.deepEqual(cancelled.promoted, [])
      assert.equal(await seatCounter(t.deps.db, event.id), 3)
      const promoted = await changeCapacity(t.deps, actorOf(organiser), { slug: event.slug, capacity: 5 })
      assert.deepEqual(
        promoted.map((r) => r.personId),
        [w1.id, w2.id],
      )
      assert.equal(await seatCounter(t.deps.db, event.id), 5)
      for (const p of [w1, w2])
        assert.equal(
          (await mailTo(t.deps.db, p.email!)).filter((m) => /A place freed up/.test(m.subject)).length,
          1,
        )
      // No limit: everyone waiting gets a place.
      const rest = await changeCapacity(t.deps, actorOf(organiser), { slug: event.slug, capacity: null })
      assert.deepEqual(
        rest.map((r) => r.personId),
        [w3.id],
      )
      assert.equal(await seatCounter(t.deps.db, event.id), await confirmedRows(t.deps.db, event.id))
      await assert.rejects(changeCapacity(t.deps, actorOf(w3), { slug: event.slug, capacity: 9 }), {
        code: 'forbidden',
      })
      await assert.rejects(changeCapacity(t.deps, actorOf(organiser), { slug: event.slug, capacity: -1 }), {
        code: 'invalid',
      })
    })

    it('lets organisers add people beyond capacity, by handle or by a new address', async () => {
      const organiser = await person()
      const event = await insertEvent(t.deps.db, { capacity: 1 })
      await addOrganiser(t.deps.db, event.id, organiser.id)
      const a = await person()
      await register(t.deps, actorOf(a), { slug: event.slug, answers: {} })
      const speaker = await person()
      const added = await addAttendee(t.deps, actorOf(organiser), {
        slug: event.slug,
        who: speaker.handle,
        locale: 'en',
      })
      assert.equal(added.status, 'confirmed')
      assert.equal(added.addedByOrganiser, organiser.id)
      const newcomer = await addAttendee(t.deps, actorOf(organiser), {
        slug: event.slug,
        who: 'New.Speaker@Example.org',
        locale: 'zh',
      })
      assert.equal(newcomer.status, 'confirmed')
      assert.equal(await seatCounter(t.deps.db, event.id), 3)
      assert.match((await mailTo(t.deps.db, 'new.speaker@example.org'))[0]!.subject, /报名成功/)
      await assert.rejects(
        addAttendee(t.deps, actorOf(organiser), { slug: event.slug, who: speaker.handle, locale: 'en' }),
        refusedWith('alreadyRegistered'),
      )
      await assert.rejects(
        addAttendee(t.deps, actorOf(organiser), { slug: event.slug, who: 'nobody-here', locale: 'en' }),
        { code: 'notFoundRecord' },
      )
      await assert.rejects(
        addAttendee(t.deps, actorOf(a), { slug: event.slug, who: a.handle, locale: 'en' }),
        {
          code: 'forbidden',
        },
      )
      // Removing one frees no place for the waitlist while the event is still over capacity.
      const list = await registrationsForOrganisers(t.deps, actorOf(organiser), { slug: event.slug })
      assert.equal(list.confirmed, 3)
      await removeRegistration(t.deps, actorOf(organiser), added.id)
      assert.equal(await seatCounter(t.deps.db, event.id), 2)
      assert.match((await mailTo(t.deps.db, speaker.email!)).at(-1)!.subject, /is cancelled/)
    })

    it('writes to every attendee through the outbox, the waitlist only when asked', async () => {
      const organiser = await person()
      const event = await insertEvent(t.deps.db, { capacity: 1 })
      await addOrganiser(t.deps.db, event.id, organiser.id)
      const [a, b] = [await person(), await person()]
      await register(t.deps, actorOf(a), { slug: event.slug, answers: {} })
      await register(t.deps, actorOf(b), { slug: event.slug, answers: {} })
      const input = {
        slug: event.slug,
        subject: 'Bring your laptop',
        body: 'See you!',
        includeWaitlist: false,
      }
      assert.equal(await messageAttendees(t.deps, actorOf(organiser), input), 1)
      assert.equal(await messageAttendees(t.deps, actorOf(organiser), { ...input, includeWaitlist: true }), 2)
      assert.equal(
        (await mailTo(t.deps.db, a.email!)).filter((m) => /Bring your laptop/.test(m.subject)).length,
        2,
      )
      assert.match(
        (await mailTo(t.deps.db, b.email!)).at(-1)!.text,
        /See you!\n\nYou get this because you registered/,
      )
      await assert.rejects(messageAttendees(t.deps, actorOf(a), input), { code: 'forbidden' })
    })

    it('reminds a day before and, for online events, an hour before with the link: each once', async () => {
      const start = new Date(Date.now() + 10 * 24 * HOUR)
      const online = await insertEvent(t.deps.db, {
        mode: 'online',
        onlineUrl: 'https://meet.example/soon',
        startsAt: start,
        endsAt: new Date(start.getTime() + 2 * HOUR),
      })
      const offline = await insertEvent(t.deps.db, {
        startsAt: start,
        endsAt: new Date(start.getTime() + 2 * HOUR),
      })
      const [a, b] = [await person(), await person()]
      for (const e of [online, offline])
        for (const p of [a, b]) await register(t.deps, actorOf(p), { slug: e.slug, answers: {} })
      const count = async (p: { email: string | null }, re: RegExp) =>
        (await mailTo(t.deps.db, p.email!)).filter((m) => re.test(m.subject)).length
      try {
        t.setNow(new Date(start.getTime() - 25 * HOUR))
        assert.equal(await sendReminders(t.deps), 0)
        t.setNow(new Date(start.getTime() - 23 * HOUR))
        assert.equal(await sendReminders(t.deps), 4)
        assert.equal(await sendReminders(t.deps), 0)
        assert.equal(await count(a, /^Tomorrow: /), 2)
        t.setNow(new Date(start.getTime() - 50 * 60_000))
        assert.equal(await sendReminders(t.deps), 2)
        assert.equal(await sendReminders(t.deps), 0)
        assert.equal(await count(a, /^Starting soon: /), 1)
        const soon = (await mailTo(t.deps.db, b.email!)).find((m) => /^Starting soon: /.test(m.subject))!
        assert.match(soon.text, /Join online: https:\/\/meet\.example\/soon/)
      } finally {
        t.setNow(null)
      }
    })

    it('keeps a registration when mail fails, and delivers it from the outbox once the mail server answers', async () => {
      // What earlier tests queued is out of the way: this message is the one due.
      await t.deps.db.update(mailOutbox).set({ sentAt: new Date() }).where(isNull(mailOutbox.sentAt))
      const event = await insertEvent(t.deps.db)
      const a = await person()
      await register(t.deps, actorOf(a), { slug: event.slug, answers: {} })
      const failing: Mailer = {
        via: 'smtp',
        send: async () => {
          throw new Error('connection refused')
        },
        close() {},
      }
      const log = createLogger('silent')
      await deliverPendingMail({ db: t.deps.db, mailer: failing, log, now: t.deps.now })
      const [row] = await mailTo(t.deps.db, a.email!)
      assert.equal(row!.sentAt, null)
      assert.match(row!.lastError ?? '', /connection refused/)
      assert.equal((await registrationsOf(t.deps.db, event.id))[0]!.status, 'confirmed')
      assert.equal(await seatCounter(t.deps.db, event.id), 1)
      // The retry is due later; the real SMTP server then receives the message with its calendar file.
      const smtp = await startSmtpSink()
      try {
        const mailer = createMailer({ smtpUrl: smtp.url, from: 'hearth@hearth.test', log })
        await t.deps.db
          .update(mailOutbox)
          .set({ nextAttemptAt: new Date(0) })
          .where(eq(mailOutbox.id, row!.id))
        await deliverPendingMail({ db: t.deps.db, mailer, log, now: t.deps.now })
        mailer.close()
        const got = await smtp.waitFor(a.email!)
        assert.match(got.raw, /Content-Type: text\/calendar; charset=utf-8; method=PUBLISH/i)
        assert.match(got.raw, new RegExp(`filename=${event.slug}\\.ics`))
        assert.match(decodeMail(got.raw), /BEGIN:VCALENDAR/)
      } finally {
        await smtp.close()
      }
    })
  })
}
