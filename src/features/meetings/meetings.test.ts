import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { eq, sql } from 'drizzle-orm'
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
    const held = (
      id: string,
      titleZh: string | null,
      titleEn: string | null,
      day: string,
      recorded: boolean,
    ) => ({
      id,
      titleZh,
      titleEn,
      startsAt: at(day),
      presenceRecordedAt: recorded ? at(day) : null,
    })
    const meetings = [
      held('m1', '三月例会', 'March', '2026-03-05', true),
      held('m2', null, 'July', '2026-07-02', true),
      held('m3', null, 'August', '2026-08-06', false),
    ]
    const items = [
      { meetingId: 'm1', chapterId: 'hz', titleZh: '杭州场地', titleEn: null },
      { meetingId: 'm2', chapterId: 'hz', titleZh: null, titleEn: 'Hangzhou speakers' },
      { meetingId: 'm3', chapterId: 'hz', titleZh: null, titleEn: 'Hangzhou budget' },
    ]
    // The former member came to July: no longer on the team, so Hangzhou was not represented.
    const present = new Map([
      ['m1', new Set(['old'])],
      ['m2', new Set(['old', 'sig'])],
    ])
    assert.deepEqual(chapterRepresentation('hz', meetings, items, present, seats), {
      discussed: true,
      lastRepresented: { meetingId: 'm1', titleZh: '三月例会', titleEn: 'March', startsAt: at('2026-03-05') },
      missed: [
        {
          meetingId: 'm2',
          meetingTitleZh: null,
          meetingTitleEn: 'July',
          startsAt: at('2026-07-02'),
          itemZh: null,
          itemEn: 'Hangzhou speakers',
        },
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
    await deps.db
      .update(people)
      .set({ email: 'leader@nanning.test', locale: 'zh' })
      .where(eq(people.id, leader))
    const asSig = await t.clientAs(sigMember)

    it('lets the SIG’s people schedule a meeting in the community’s time zone, never in the past', async () => {
      const past = await asSig.postForm('/zh/console/meetings', {
        sigId: sig.id,
        titleZh: '例会',
        startsAt: '2026-11-01T19:30',
      })
      assert.equal(past.status, 422)
      assert.match(await past.text(), /请选择今天或以后的日期/)
      const asLeader = await t.clientAs(leader)
      assert.equal(
        (
          await asLeader.postForm('/en/console/meetings', {
            sigId: sig.id,
            titleEn: 'x',
            startsAt: '2026-12-03T19:30',
          })
        ).status,
        403,
      )
      // Neither language: refused in the reader's language, nothing scheduled.
      for (const [lang, message] of [
        ['zh', /请至少填写中文或英文其中一项/],
        ['en', /Fill in at least one of the two: in Chinese or in English/],
      ] as const) {
        const none = await asSig.postForm(`/${lang}/console/meetings`, {
          sigId: sig.id,
          titleZh: ' ',
          titleEn: '',
          startsAt: '2026-12-03T19:30',
        })
        assert.equal(none.status, 422)
        assert.match(await none.text(), message)
      }
      assert.equal((await deps.db.select().from(sigMeetings)).length, 0)
      const res = await asSig.postForm('/en/console/meetings', {
        sigId: sig.id,
        titleZh: '用户委员会十二月例会',
        titleEn: 'User-group committee, December',
        startsAt: '2026-12-03T19:30',
        place: 'https://meet.example.org/ugc',
      })
      assert.equal(res.status, 303)
      const [meeting] = await deps.db.select().from(sigMeetings)
      assert.equal(meeting?.startsAt.toISOString(), '2026-12-03T11:30:00.000Z')
      const zh = await (await asSig.get('/zh/console/meetings')).text()
      assert.match(zh, /<a href="\/zh\/console\/meetings\/[^"]+">用户委员会十二月例会<\/a>/)
      assert.doesNotMatch(zh, /User-group committee, December/)
      const en = await (await asSig.get(`/en/console/meetings/${meeting!.id}`)).text()
      assert.match(en, /<h1>User-group committee, December<\/h1>/)
      assert.doesNotMatch(en, /十二月例会/)
    })

    it('takes items about a chapter from its leader, and shows them uncovered until someone from it confirms', async () => {
      const [meeting] = await deps.db.select().from(sigMeetings)
      const asLeader = await t.clientAs(leader)
      for (const [lang, message] of [
        ['zh', /请至少填写中文或英文其中一项/],
        ['en', /Fill in at least one of the two: in Chinese or in English/],
      ] as const) {
        const none = await asLeader.postForm(`/${lang}/console/meetings/${meeting!.id}/items`, {
          titleZh: '',
          titleEn: '  ',
          chapter: 'nanning',
        })
        assert.equal(none.status, 422)
        const html = await none.text()
        assert.match(html, message)
        assert.match(html, new RegExp(`id="item-${meeting!.id}-titleZh"[^>]*aria-invalid="true"`))
      }
      const add = await asLeader.postForm(`/en/console/meetings/${meeting!.id}/items`, {
        titleEn: 'Nanning wants a spring meetup budget',
        chapter: 'nanning',
      })
      assert.equal(add.status, 303)
      const outsider = await t.clientAs((await makePerson(deps)).id)
      assert.equal(
        (await outsider.postForm(`/en/console/meetings/${meeting!.id}/items`, { titleZh: 'x', chapter: '' }))
          .status,
        403,
      )
      const page = await (await asSig.get('/en/console/meetings')).text()
      assert.match(page, /<li>Nanning wants a spring meetup budget/)
      assert.match(page, /Nobody from Nanning has confirmed they will attend/)
      // Typed in English only: the Chinese page shows it, marked as English.
      const zh = await (await asSig.get('/zh/console/meetings')).text()
      assert.match(zh, /<li><span lang="en">Nanning wants a spring meetup budget<\/span>/)
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
      // Each reader gets the meeting's title in their language (the item has only English).
      assert.match(
        mail[0]!.text,
        /"User-group committee, December"[\s\S]*Nanning wants a spring meetup budget/,
      )
      assert.doesNotMatch(mail[0]!.text, /十二月例会/)
      const [toLeader] = await deps.db
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.to, 'leader@nanning.test'))
      assert.match(toLeader!.text, /用户委员会十二月例会[\s\S]*Nanning wants a spring meetup budget/)
      assert.doesNotMatch(toLeader!.text, /User-group committee, December/)
      // Confirming twice at once leaves one confirmation.
      await Promise.all(
        [1, 2].map(async () => confirmAttendance(deps, await actorOf(member), meeting!.id, true)),
      )
      const board = await upcomingMeetings(deps, await actorOf(sigMember))
      assert.equal(board.meetings[0]!.agenda[0]!.uncovered, false)
      assert.equal(board.meetings[0]!.attendees.length, 1)
    })

    it('moves a title typed before the pair into the field of its language (migration 0036)', async () => {
      const migration = readFileSync(
        new URL('../../../drizzle/0036_bilingual_meeting_titles.sql', import.meta.url),
        'utf8',
      )
      const statements = migration
        .split('--> statement-breakpoint')
        .map((st) => st.replace(/^\s*--.*$/gm, ''))
      for (const table of ['sig_meetings', 'agenda_items']) {
        const update = statements
          .find((st) => st.includes(`UPDATE "${table}"`))!
          .replaceAll(`"${table}"`, `old_${table}`)
        await deps.db.execute(
          sql.raw(`create temp table old_${table} (title text, title_zh text, title_en text)`),
        )
        await deps.db.execute(
          sql.raw(
            `insert into old_${table} (title) values ('用户委员会月度例会 · User-group committee, monthly'), ('Monthly sync'), ('KubeSphere 杭州站'), ('Q3 2026')`,
          ),
        )
        await deps.db.execute(sql.raw(update))
        const { rows } = (await deps.db.execute(
          sql.raw(`select title, title_zh, title_en from old_${table} order by title`),
        )) as unknown as { rows: { title: string; title_zh: string | null; title_en: string | null }[] }
        assert.deepEqual(
          rows.map((r) => [r.title, r.title_zh, r.title_en]),
          [
            ['KubeSphere 杭州站', 'KubeSphere 杭州站', null],
            ['Monthly sync', null, 'Monthly sync'],
            ['Q3 2026', null, 'Q3 2026'],
            [
              '用户委员会月度例会 · User-group committee, monthly',
              '用户委员会月度例会 · User-group committee, monthly',
              null,
            ],
          ],
          table,
        )
        await deps.db.execute(sql.raw(`drop table old_${table}`))
      }
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
        titleZh: null,
        titleEn: title,
        startsAt: new Date(startsAt),
        place: null,
      })
      await addAgendaItem(deps, asSig, m.id, { titleZh: null, titleEn: `Wuhan: ${title}`, chapter: 'wuhan' })
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
      assert.equal(facts.lastRepresented?.titleEn, 'December')
      assert.deepEqual(
        facts.missed.map((m) => m.itemEn),
        ['Wuhan: January'],
      )
      const board = await (await t.clientAs(sigMember)).get('/en/console/chapters')
      assert.match(await board.text(), /last represented at “December”[\s\S]*1 item discussed without it/)
      // Titles typed in English only are shown on Chinese pages marked as English.
      const own = await (await t.clientAs(leader)).get('/zh/console/chapters/wuhan')
      assert.match(
        await own.text(),
        /“<span lang="en">January<\/span>”讨论了“<span lang="en">Wuhan: January<\/span>”，但本站没有成员出席/,
      )
    })
  })
}
