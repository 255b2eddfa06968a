import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { makePerson } from '../../../test/support/app.ts'
import { chapterWithTeam } from '../../../test/support/chapters.ts'
import { testBackends } from '../../../test/support/db.ts'
import { zonedTime } from '../../platform/i18n/time-zone.ts'
import { mailOutbox } from '../../platform/mail/mail.schema.ts'
import { people } from '../people/people.schema.ts'
import { dueForAsking, uncoveredItems } from './meetings.rules.ts'
import { sigMeetings } from './meetings.schema.ts'
import { askChaptersToAttend, confirmAttendance, upcomingMeetings } from './meetings.service.ts'

describe('meeting rules', () => {
  it('marks the items about a chapter nobody from its team attends', () => {
    const items = [
      { id: 'a', chapterId: 'hz' },
      { id: 'b', chapterId: 'sh' },
      { id: 'c', chapterId: null },
    ]
    const teams = new Map([
      ['hz', ['p1', 'p2']],
      ['sh', ['p3']],
    ])
    assert.deepEqual(
      uncoveredItems(items, new Set(['p2']), teams).map((i) => i.id),
      ['b'],
    )
    assert.deepEqual(
      uncoveredItems(items, new Set(), teams).map((i) => i.id),
      ['a', 'b'],
    )
  })

  it('asks once, within a week of the meeting, never after it', () => {
    const meeting = new Date('2026-12-10T11:30:00Z')
    assert.equal(dueForAsking(meeting, null, new Date('2026-12-03T11:30:00Z')), true, 'exactly a week before')
    assert.equal(dueForAsking(meeting, null, new Date('2026-12-03T11:29:00Z')), false)
    assert.equal(
      dueForAsking(meeting, new Date('2026-12-04T00:00:00Z'), new Date('2026-12-05T00:00:00Z')),
      false,
    )
    assert.equal(dueForAsking(meeting, null, new Date('2026-12-10T11:30:00Z')), false)
  })

  it('reads wall-clock times in the community’s time zone', () => {
    assert.equal(zonedTime('2026-12-03T19:30', 'Asia/Shanghai').toISOString(), '2026-12-03T11:30:00.000Z')
    assert.equal(zonedTime('2026-07-01T09:00', 'Europe/Berlin').toISOString(), '2026-07-01T07:00:00.000Z')
    assert.equal(zonedTime('2026-01-15T09:00', 'Europe/Berlin').toISOString(), '2026-01-15T08:00:00.000Z')
  })
})

const NOW = new Date('2026-11-25T02:00:00Z')

for (const backend of await testBackends()) {
  describe(`SIG meetings [${backend}]`, async () => {
    const { t, deps, leader, member, sig, actorOf } = await chapterWithTeam(backend, NOW, {
      slug: 'nanning',
      cityZh: '南宁',
      cityEn: 'Nanning',
    })
    const sigMember = (await makePerson(deps)).id
    await t.grant(sigMember, 'sig_member', sig.id)
    await deps.db
      .update(people)
      .set({ email: 'member@nanning.test', locale: 'en' })
      .where(eq(people.id, member))
    const asSig = await t.clientAs(sigMember)

    it('lets the SIG’s people schedule a meeting in the community’s time zone, never in the past', async () => {
      const past = await asSig.postForm('/zh/console/meetings', {
        sigId: sig.id,
        title: '例会',
        startsAt: '2026-11-01T19:30',
      })
      assert.equal(past.status, 422)
      assert.match(await past.text(), /请选择今天或以后的日期/)
      const asLeader = await t.clientAs(leader)
      assert.equal(
        (
          await asLeader.postForm('/en/console/meetings', {
            sigId: sig.id,
            title: 'x',
            startsAt: '2026-12-03T19:30',
          })
        ).status,
        403,
      )
      const res = await asSig.postForm('/en/console/meetings', {
        sigId: sig.id,
        title: 'User-group committee, December',
        startsAt: '2026-12-03T19:30',
        place: 'https://meet.example.org/ugc',
      })
      assert.equal(res.status, 303)
      const [meeting] = await deps.db.select().from(sigMeetings)
      assert.equal(meeting?.startsAt.toISOString(), '2026-12-03T11:30:00.000Z')
    })

    it('takes items about a chapter from its leader, and shows them uncovered until someone from it confirms', async () => {
      const [meeting] = await deps.db.select().from(sigMeetings)
      const asLeader = await t.clientAs(leader)
      const add = await asLeader.postForm(`/en/console/meetings/${meeting!.id}/items`, {
        title: 'Nanning wants a spring meetup budget',
        chapter: 'nanning',
      })
      assert.equal(add.status, 303)
      const outsider = await t.clientAs((await makePerson(deps)).id)
      assert.equal(
        (await outsider.postForm(`/en/console/meetings/${meeting!.id}/items`, { title: 'x', chapter: '' }))
          .status,
        403,
      )
      const page = await (await asSig.get('/en/console/meetings')).text()
      assert.match(page, /Nobody from Nanning has confirmed they will attend/)
      const board = await upcomingMeetings(deps, await actorOf(sigMember))
      assert.equal(board.meetings[0]!.agenda[0]!.uncovered, true)
    })

    it('asks the chapter once, a week ahead, and stops marking the item once a member confirms', async () => {
      const [meeting] = await deps.db.select().from(sigMeetings)
      t.setNow(new Date('2026-11-25T12:00:00Z'))
      assert.equal(await askChaptersToAttend(deps), 0, 'too early')
      t.setNow(new Date('2026-11-27T12:00:00Z'))
      assert.equal(await askChaptersToAttend(deps), 1)
      assert.equal(await askChaptersToAttend(deps), 0, 'asked once')
      const mail = await deps.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'member@nanning.test'))
      assert.deepEqual(
        mail.map((m) => m.subject),
        ['The SIG meeting needs someone from the Nanning chapter'],
      )
      assert.match(mail[0]!.text, /Thursday, 3 December 2026 at 19:30/)
      // Confirming twice at once leaves one confirmation.
      await Promise.all(
        [1, 2].map(async () => confirmAttendance(deps, await actorOf(member), meeting!.id, true)),
      )
      const board = await upcomingMeetings(deps, await actorOf(sigMember))
      assert.equal(board.meetings[0]!.agenda[0]!.uncovered, false)
      assert.equal(board.meetings[0]!.attendees.length, 1)
    })
  })
}
