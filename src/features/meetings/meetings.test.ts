import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { makePerson } from '../../../test/support/app.ts'
import { chapterWithTeam } from '../../../test/support/chapters.ts'
import { testBackends } from '../../../test/support/db.ts'
import { zonedTime } from '../../platform/i18n/time-zone.ts'
import { mailOutbox } from '../../platform/mail/mail.schema.ts'
import { getChapter } from '../chapters/index.ts'
import { people } from '../people/people.schema.ts'
import { chapterRepresentation, dueForAsking, teamAt, uncoveredItems } from './meetings.rules.ts'
import { sigMeetings } from './meetings.schema.ts'
import {
  addAgendaItem,
  askChaptersToAttend,
  chapterRepresentations,
  confirmAttendance,
  recordPresence,
  scheduleMeeting,
  upcomingMeetings,
} from './meetings.service.ts'

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

  it('judges a chapter represented by who was there from its team at the time, at recorded meetings only', () => {
    const at = (d: string) => new Date(`${d}T11:30:00Z`)
    const seats = [
      { personId: 'old', chapterId: 'hz', startedAt: at('2024-01-01'), endedAt: at('2026-06-01') },
      { personId: 'new', chapterId: 'hz', startedAt: at('2026-06-01'), endedAt: null },
    ]
    assert.deepEqual(teamAt(seats, 'hz', at('2026-03-01')), ['old'])
    assert.deepEqual(
      teamAt(seats, 'hz', at('2026-06-01')),
      ['new'],
      'a seat ended that moment no longer counts',
    )
    const meetings = [
      { id: 'm1', title: 'March', startsAt: at('2026-03-05'), presenceRecordedAt: at('2026-03-05') },
      { id: 'm2', title: 'July', startsAt: at('2026-07-02'), presenceRecordedAt: at('2026-07-02') },
      { id: 'm3', title: 'August', startsAt: at('2026-08-06'), presenceRecordedAt: null },
    ]
    const items = [
      { meetingId: 'm1', chapterId: 'hz', title: 'Hangzhou venue' },
      { meetingId: 'm2', chapterId: 'hz', title: 'Hangzhou speakers' },
      { meetingId: 'm3', chapterId: 'hz', title: 'Hangzhou budget' },
    ]
    // The former member came to July: no longer on the team, so Hangzhou was not represented.
    const present = new Map([
      ['m1', new Set(['old'])],
      ['m2', new Set(['old', 'sig'])],
    ])
    assert.deepEqual(chapterRepresentation('hz', meetings, items, present, seats), {
      discussed: true,
      lastRepresented: { meetingId: 'm1', title: 'March', startsAt: at('2026-03-05') },
      missed: [
        { meetingId: 'm2', meetingTitle: 'July', startsAt: at('2026-07-02'), item: 'Hangzhou speakers' },
      ],
    })
    assert.deepEqual(chapterRepresentation('sh', meetings, items, present, seats), {
      discussed: false,
      lastRepresented: null,
      missed: [],
    })
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

for (const backend of await testBackends()) {
  describe(`who attended a SIG meeting [${backend}]`, async () => {
    const { t, deps, leader, member, sig, actorOf } = await chapterWithTeam(backend, NOW, {
      slug: 'wuhan',
      cityZh: '武汉',
      cityEn: 'Wuhan',
    })
    const sigMember = (await makePerson(deps)).id
    await t.grant(sigMember, 'sig_member', sig.id)
    const asSig = await actorOf(sigMember)
    const meet = async (title: string, startsAt: string) => {
      t.setNow(NOW)
      const m = await scheduleMeeting(deps, asSig, {
        sigId: sig.id,
        title,
        startsAt: new Date(startsAt),
        place: null,
      })
      await addAgendaItem(deps, asSig, m.id, { title: `Wuhan: ${title}`, chapter: 'wuhan' })
      return m
    }
    const december = await meet('December', '2026-12-03T11:30:00Z')
    const january = await meet('January', '2027-01-07T11:30:00Z')
    const { chapter } = await getChapter(deps, 'wuhan')

    it('is recorded by whoever runs the SIG’s meetings, after the meeting has started, ticking the people present', async () => {
      await confirmAttendance(deps, await actorOf(member), december.id, true)
      t.setNow(new Date('2026-12-01T00:00:00Z'))
      await assert.rejects(recordPresence(deps, asSig, december.id, [leader]), { code: 'notAllowedNow' })
      t.setNow(new Date('2026-12-03T12:30:00Z'))
      await assert.rejects(recordPresence(deps, await actorOf(leader), december.id, [leader]), {
        code: 'forbidden',
      })
      const stranger = (await makePerson(deps)).id
      await assert.rejects(recordPresence(deps, asSig, december.id, [stranger]), { code: 'invalid' })
      // Through the meeting page's form: the member confirmed, but the leader is who came.
      const client = await t.clientAs(sigMember)
      const page = await (await client.get(`/en/console/meetings/${december.id}`)).text()
      assert.match(page, /Who attended[\s\S]*Wuhan chapter/)
      const res = await client.postForm(`/en/console/meetings/${december.id}/presence`, {
        [`present-${leader}`]: 'yes',
        [`present-${sigMember}`]: 'yes',
      })
      assert.equal(res.status, 303)
      assert.match(
        await (await client.get(`/en/console/meetings/${december.id}`)).text(),
        /Wuhan was represented/,
      )
    })

    it('shows on the chapter’s health page when it was last represented, and flags an item nobody from it attended', async () => {
      t.setNow(new Date('2027-01-07T13:00:00Z'))
      await recordPresence(deps, asSig, january.id, [sigMember])
      const facts = (await chapterRepresentations(deps, asSig, [chapter.id])).get(chapter.id)!
      assert.equal(facts.lastRepresented?.title, 'December')
      assert.deepEqual(
        facts.missed.map((m) => m.item),
        ['Wuhan: January'],
      )
      const board = await (await t.clientAs(sigMember)).get('/en/console/chapters')
      assert.match(await board.text(), /last represented at “December”[\s\S]*1 item discussed without it/)
      const own = await (await t.clientAs(leader)).get('/zh/console/chapters/wuhan')
      assert.match(await own.text(), /讨论了“Wuhan: January”，但本站没有成员出席/)
    })
  })
}
