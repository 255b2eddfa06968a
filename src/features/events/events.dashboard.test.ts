import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { makePerson } from '../../../test/support/app.ts'
import { chapterWithTeam } from '../../../test/support/chapters.ts'
import { testBackends } from '../../../test/support/db.ts'
import { createEvent } from '../../../test/support/events.ts'
import { chapters } from '../../platform/db/schema.ts'
import { insertSig } from '../people/people.repo.ts'
import { eventRegistrations } from './events.schema.ts'

const NOW = new Date('2027-03-01T00:00:00Z')
const DAY = 86_400_000

for (const backend of await testBackends()) {
  describe(`the console home's registrations awaiting approval [${backend}]`, async () => {
    const { t, deps, leader } = await chapterWithTeam(backend, NOW, {
      slug: 'berlin',
      cityZh: '柏林',
      cityEn: 'Berlin',
    })
    const [chapter] = await deps.db.select().from(chapters).where(eq(chapters.slug, 'berlin'))
    // The console is for SIG members: the leader is one in another SIG, as is someone who
    // organises nothing here.
    const docs = await insertSig(deps.db, { slug: 'docs', nameZh: '文档', nameEn: 'Docs' })
    await t.grant(leader, 'sig_member', docs.id)
    const outsider = await makePerson(deps)
    await t.grant(outsider.id, 'sig_member', docs.id)
    const people = await Promise.all([0, 1, 2].map(() => makePerson(deps)))
    const ask = (eventId: string, personId: string, status: 'pending' | 'confirmed' = 'pending') =>
      deps.db.insert(eventRegistrations).values({ eventId, personId, status, ticketCode: randomUUID() })

    // Two upcoming meetups needing approval, one with two requests waiting and a confirmed place,
    // one with one; a past one whose request nobody answered; one with nothing pending.
    const workshop = await createEvent(deps, {
      chapterId: chapter!.id,
      titleZh: '动手工作坊',
      titleEn: 'Hands-on workshop',
      requiresApproval: true,
      startsAt: new Date(NOW.getTime() + 7 * DAY),
      endsAt: new Date(NOW.getTime() + 7 * DAY + 3_600_000),
      organisers: [leader],
    })
    const dinner = await createEvent(deps, {
      chapterId: chapter!.id,
      titleZh: null,
      titleEn: 'Speakers dinner',
      requiresApproval: true,
      startsAt: new Date(NOW.getTime() + 3 * DAY),
      endsAt: new Date(NOW.getTime() + 3 * DAY + 3_600_000),
      organisers: [leader],
    })
    const past = await createEvent(deps, {
      chapterId: chapter!.id,
      titleEn: 'Last month',
      requiresApproval: true,
      startsAt: new Date(NOW.getTime() - 30 * DAY),
      endsAt: new Date(NOW.getTime() - 30 * DAY + 3_600_000),
      organisers: [leader],
    })
    await ask(workshop.id, people[0]!.id)
    await ask(workshop.id, people[1]!.id)
    await ask(workshop.id, people[2]!.id, 'confirmed')
    await ask(dinner.id, people[0]!.id)
    await ask(past.id, people[1]!.id)

    it('gives an organiser one line per event, soonest first, linked to its pending registrations', async () => {
      const organiser = await t.clientAs(leader)
      const html = await (await organiser.get('/en/console')).text()
      const dinnerLine = html.indexOf(
        `<a href="/en/console/events/${dinner.id}/registrations?status=pending"><span class="todo-count tone-accent">1</span><span class="todo-label">1 registration awaiting your approval · Speakers dinner</span>`,
      )
      const workshopLine = html.indexOf(
        `<a href="/en/console/events/${workshop.id}/registrations?status=pending"><span class="todo-count tone-accent">2</span><span class="todo-label">2 registrations awaiting your approval · Hands-on workshop</span>`,
      )
      assert.ok(dinnerLine > 0, 'the dinner’s line')
      assert.ok(workshopLine > dinnerLine, 'the workshop’s line, after the sooner dinner')
      assert.ok(!html.includes(`/console/events/${past.id}/registrations`), 'nothing for a past event')

      const zh = await (await organiser.get('/zh/console')).text()
      assert.ok(zh.includes('2 个报名等你审批 · 动手工作坊'))
      // An event with only an English title is named in English on the Chinese page.
      assert.ok(zh.includes(`/zh/console/events/${dinner.id}/registrations?status=pending`))

      // The link opens the organisers’ registrations tab, filtered to the pending ones.
      const tab = await organiser.get(`/en/console/events/${workshop.id}/registrations?status=pending`)
      assert.equal(tab.status, 200)
    })

    it('shows nothing to someone who does not organise the event, and drops a line once decided', async () => {
      const other = await t.clientAs(outsider.id)
      const html = await (await other.get('/en/console')).text()
      assert.ok(!html.includes('awaiting your approval'))
      await deps.db
        .update(eventRegistrations)
        .set({ status: 'confirmed' })
        .where(eq(eventRegistrations.eventId, dinner.id))
      const organiser = await t.clientAs(leader)
      const after = await (await organiser.get('/en/console')).text()
      assert.ok(!after.includes(`/console/events/${dinner.id}/registrations?status=pending`))
      assert.ok(after.includes(`/console/events/${workshop.id}/registrations?status=pending`))
    })
  })
}
