import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import {
  addMonths,
  chapterHealth,
  countsAsOffline,
  eventClock,
  type HealthFacts,
  hasEvidence,
  lastOfflineEvents,
} from './chapters.rules.ts'

const policy = { windowMonths: 12, warnDays: 60, leaderGraceDays: 0 }
const at = (day: string) => new Date(`${day}T12:00:00Z`)
const facts = (over: Partial<HealthFacts> = {}): HealthFacts => ({
  status: 'active',
  statusSince: at('2024-01-01'),
  foundedOn: '2024-01-01',
  revivedOn: null,
  leaderSince: at('2024-01-01'),
  lastEventOn: '2025-03-15',
  exemptUntil: null,
  ...over,
})

describe('chapter health', () => {
  it('moves months by the calendar, clamping to the end of shorter months', () => {
    assert.equal(addMonths('2025-03-15', 12), '2026-03-15')
    assert.equal(addMonths('2024-01-31', 1), '2024-02-29')
    assert.equal(addMonths('2024-02-29', 12), '2025-02-28')
    assert.equal(addMonths('2025-11-30', 3), '2026-02-28')
  })

  it('is active until 60 days before the year runs out, at risk from that day, inactive from the deadline', () => {
    assert.deepEqual(chapterHealth(facts(), policy, at('2026-01-13')), {
      status: 'active',
      why: 'held',
      deadline: '2026-03-15',
    })
    assert.equal(chapterHealth(facts(), policy, at('2026-01-14')).status, 'at_risk', 'exactly 60 days before')
    assert.equal(chapterHealth(facts(), policy, at('2026-03-14')).status, 'at_risk', 'the last day')
    assert.deepEqual(chapterHealth(facts(), policy, at('2026-03-15')), {
      status: 'inactive',
      why: 'windowPassed',
      deadline: '2026-03-15',
    })
  })

  it('counts from the founding when it is later than the last event, or when nothing was held', () => {
    assert.equal(
      chapterHealth(facts({ lastEventOn: null, foundedOn: '2025-10-01' }), policy, at('2026-06-01')).deadline,
      '2026-10-01',
    )
    assert.deepEqual(eventClock(facts({ lastEventOn: null, leaderSince: at('2025-01-01') }), policy), {
      from: '2024-01-01',
      basis: 'founding',
      deadline: '2025-01-01',
    })
  })

  it('does not restart the clock when the leader changes: Hangzhou stays at risk after a handover', () => {
    // Hangzhou's last event was on 2026-01-04; its leader handed over on 2026-11-20.
    const hangzhou = facts({
      status: 'at_risk',
      foundedOn: '2021-07-10',
      lastEventOn: '2026-01-04',
      leaderSince: at('2026-11-20'),
    })
    assert.deepEqual(chapterHealth(hangzhou, policy, at('2026-12-04')), {
      status: 'at_risk',
      why: 'deadlineNear',
      deadline: '2027-01-04',
    })
    assert.deepEqual(eventClock(hangzhou, policy), {
      from: '2026-01-04',
      basis: 'event',
      deadline: '2027-01-04',
    })
    assert.equal(chapterHealth(hangzhou, policy, at('2027-01-03')).status, 'at_risk', 'the last day')
    assert.equal(chapterHealth(hangzhou, policy, at('2027-01-04')).status, 'inactive', 'the deadline')
  })

  it('gives a new leader a grace period only when the policy grants one, counted from the seat', () => {
    const handedOver = facts({ lastEventOn: '2026-01-04', leaderSince: at('2026-11-20') })
    const grace = { ...policy, leaderGraceDays: 90 }
    assert.deepEqual(eventClock(handedOver, grace), {
      from: '2026-01-04',
      basis: 'leaderGrace',
      deadline: '2027-02-18',
    })
    assert.equal(
      chapterHealth(handedOver, grace, at('2026-12-19')).status,
      'active',
      'a day before the warning',
    )
    assert.equal(chapterHealth(handedOver, grace, at('2026-12-20')).status, 'at_risk', '60 days before')
    assert.equal(chapterHealth(handedOver, grace, at('2027-02-18')).status, 'inactive')
    // A grace that ends before the clock does changes nothing.
    assert.deepEqual(eventClock(facts({ lastEventOn: '2026-10-01', leaderSince: at('2026-11-20') }), grace), {
      from: '2026-10-01',
      basis: 'event',
      deadline: '2027-10-01',
    })
  })

  it('restarts the clock when a new leader brings an inactive chapter back, and keeps that day after', () => {
    const inactive = facts({ status: 'inactive', statusSince: at('2025-03-15'), lastEventOn: '2024-03-15' })
    const comeBack = { ...inactive, leaderSince: at('2025-09-01') }
    assert.deepEqual(chapterHealth(comeBack, policy, at('2025-09-02')), {
      status: 'active',
      why: 'held',
      deadline: '2026-09-01',
    })
    assert.deepEqual(eventClock(comeBack, policy), {
      from: '2025-09-01',
      basis: 'revival',
      deadline: '2026-09-01',
    })
    // Stored as the revival day once active; a later handover leaves it where it was.
    const later = facts({ revivedOn: '2025-09-01', lastEventOn: '2024-03-15', leaderSince: at('2026-02-01') })
    assert.equal(chapterHealth(later, policy, at('2026-07-03')).status, 'at_risk')
    assert.equal(chapterHealth(later, policy, at('2026-09-01')).status, 'inactive')
  })

  it('keeps an exempted chapter active while the exemption lasts, including its last day', () => {
    const exempt = facts({ exemptUntil: '2026-06-30' })
    assert.deepEqual(chapterHealth(exempt, policy, at('2026-06-30')), {
      status: 'active',
      why: 'exempt',
      deadline: '2026-03-15',
    })
    assert.equal(chapterHealth(exempt, policy, at('2026-07-01')).status, 'inactive')
    assert.equal(
      chapterHealth(facts({ exemptUntil: '2025-12-31' }), policy, at('2026-02-01')).status,
      'at_risk',
      'an exemption that ended does not help',
    )
  })

  it('keeps an inactive chapter inactive, even after an event, until a new leader is approved', () => {
    const inactive = facts({ status: 'inactive', statusSince: at('2026-03-15'), lastEventOn: '2026-04-01' })
    assert.deepEqual(chapterHealth(inactive, policy, at('2026-04-02')), {
      status: 'inactive',
      why: 'waitsForLeader',
      deadline: null,
    })
    const revived = { ...inactive, leaderSince: at('2026-05-01') }
    assert.deepEqual(chapterHealth(revived, policy, at('2026-05-02')), {
      status: 'active',
      why: 'held',
      deadline: '2027-05-01',
    })
    assert.deepEqual(chapterHealth(facts({ leaderSince: null }), policy, at('2025-04-01')), {
      status: 'inactive',
      why: 'noLeader',
      deadline: null,
    })
  })
})

describe('events that count for the yearly rule', () => {
  it('counts offline and hybrid events, never online-only ones', () => {
    assert.equal(countsAsOffline('offline'), true)
    assert.equal(countsAsOffline('hybrid'), true, 'people met face to face, with a stream beside it')
    assert.equal(countsAsOffline('online'), false)
  })

  it('asks a hand-recorded event for evidence: attendance, photos or a link, at least one', () => {
    const none = { attendance: null, link: null, photosUrl: null }
    assert.equal(hasEvidence(none), false)
    assert.equal(hasEvidence({ ...none, attendance: 0 }), false, 'nobody came is no evidence')
    assert.equal(hasEvidence({ ...none, attendance: 31 }), true)
    assert.equal(hasEvidence({ ...none, photosUrl: 'https://photos.example.org/a' }), true)
    assert.equal(hasEvidence({ ...none, link: 'https://example.org/recap' }), true)
  })

  it('takes each chapter’s latest offline event over every source, a checked-in one before a self-reported one on the same day', () => {
    const last = lastOfflineEvents([
      { chapterId: 'hz', heldOn: '2026-01-04', selfReported: true },
      { chapterId: 'hz', heldOn: '2025-06-01', selfReported: false },
      { chapterId: 'sh', heldOn: '2026-03-01', selfReported: true },
      { chapterId: 'sh', heldOn: '2026-03-01', selfReported: false },
    ])
    assert.deepEqual(last.get('hz'), { chapterId: 'hz', heldOn: '2026-01-04', selfReported: true })
    assert.deepEqual(last.get('sh'), { chapterId: 'sh', heldOn: '2026-03-01', selfReported: false })
    assert.equal(last.get('cd'), undefined)
  })
})

const START = new Date('2026-01-10T09:00:00Z')
const days = (n: number) => new Date(START.getTime() + n * 86_400_000)

for (const backend of await testBackends()) {
  describe(`staying active [${backend}]`, async () => {
    const { t, deps, leader, member, sigLead, sig, actorOf } = await chapterWithTeam(backend, START, {
      slug: 'xian',
      cityZh: '西安',
      cityEn: "Xi'an",
    })
    const sigMember = (await makePerson(deps)).id
    await t.grant(sigMember, 'sig_member', sig.id)
    await db(deps)
      .update(people)
      .set({ email: 'leader@xian.test', locale: 'en' })
      .where(eq(people.id, leader))
    await db(deps).update(people).set({ email: 'lead@sig.test' }).where(eq(people.id, sigLead))
    await subscribe(deps, await actorOf(t.superuser.id), {
      url: 'https://hooks.example.org/x',
      events: ['chapter.status_changed'],
      description: null,
    })
    const status = async () => (await getChapter(deps, 'xian')).chapter.status
    const mailTo = async (to: string) =>
      (await db(deps).select().from(mailOutbox).where(eq(mailOutbox.to, to))).map((m) => m.subject)
    const statusEvents = async () =>
      (await db(deps).select().from(httpOutbox).where(eq(httpOutbox.event, 'chapter.status_changed'))).map(
        (r) => (JSON.parse(r.body) as { data: { to: string } }).data.to,
      )

    it('lets the leader keep the chapter’s record, refusing bad links with a translated error and changing nothing', async () => {
      const asLeader = await t.clientAs(leader)
      const record = {
        cityZh: '西安',
        cityEn: "Xi'an",
        country: 'cn',
        location: '高新区',
        descriptionZh: '西安的云原生用户在这里相聚。',
        descriptionEn: '',
        links: 'WeChat https://example.org/xian',
        contact: 'xian@example.org',
      }
      const bad = await asLeader.postForm('/zh/console/chapters/xian/record', {
        ...record,
        links: 'just text',
      })
      assert.equal(bad.status, 422)
      assert.match(await bad.text(), /请输入以 https:\/\/ 或 http:\/\/ 开头的完整网址|每行应为名称加网址/)
      assert.equal((await getChapter(deps, 'xian')).chapter.location, null)
      assert.equal((await asLeader.postForm('/en/console/chapters/xian/record', record)).status, 303)
      const { chapter } = await getChapter(deps, 'xian')
      assert.deepEqual(
        [chapter.country, chapter.location, chapter.descriptionEn, chapter.links],
        ['CN', '高新区', null, [{ label: 'WeChat', url: 'https://example.org/xian' }]],
      )
      assert.match(await (await t.client().get('/zh/chapters/xian')).text(), /西安的云原生用户在这里相聚/)
      const outsider = await t.clientAs((await makePerson(deps)).id)
      assert.equal((await outsider.postForm('/en/console/chapters/xian/record', record)).status, 403)
    })

    it('lets the leader record an event held, never one in the future, and nobody outside the chapter and its SIG', async () => {
      const asLeader = await t.clientAs(leader)
      const future = await asLeader.postForm('/zh/console/chapters/xian/events', {
        heldOn: '2026-02-01',
        titleZh: '活动',
      })
      assert.equal(future.status, 422)
      assert.match(await future.text(), /活动举办后再登记/)
      const outsider = await t.clientAs((await makePerson(deps)).id)
      assert.equal(
        (await outsider.postForm('/en/console/chapters/xian/events', { heldOn: '2026-01-09', titleEn: 'x' }))
          .status,
        403,
      )
      assert.equal((await outsider.get('/en/console/chapters/xian')).status, 403)
      const ok = await asLeader.postForm('/en/console/chapters/xian/events', {
        heldOn: '2026-01-09',
        titleEn: "Xi'an kick-off meetup",
        mode: 'offline',
        attendance: '48',
        link: '',
      })
      assert.equal(ok.status, 303)
      assert.match(
        await (await t.client().get('/en/chapters/xian')).text(),
        /Xi&#39;an kick-off meetup[\s\S]*48 attended/,
      )
      // The Chinese page shows the English title as a fallback, marked as English.
      assert.match(
        await (await t.client().get('/zh/chapters/xian')).text(),
        /<span lang="en">Xi&#39;an kick-off meetup<\/span>/,
      )
      // Both languages given: each page in its own, with no lang of its own.
      await asLeader.postForm('/en/console/chapters/xian/events', {
        heldOn: '2026-01-08',
        titleZh: '西安启动聚会',
        titleEn: "Xi'an launch party",
        mode: 'offline',
        attendance: '30',
      })
      const zh = await (await t.client().get('/zh/chapters/xian')).text()
      assert.match(zh, /<strong class="recorded-event-title">西安启动聚会<\/strong>/)
      assert.doesNotMatch(zh, /launch party/)
      const en = await (await t.client().get('/en/chapters/xian')).text()
      assert.match(en, /<strong class="recorded-event-title">Xi&#39;an launch party<\/strong>/)
      assert.doesNotMatch(en, /西安启动聚会/)
      // Neither language: refused, in the reader's language.
      for (const [lang, message] of [
        ['zh', /请至少填写中文或英文其中一项/],
        ['en', /Fill in at least one of the two: in Chinese or in English/],
      ] as const) {
        const none = await asLeader.postForm(`/${lang}/console/chapters/xian/events`, {
          heldOn: '2026-01-07',
          titleZh: ' ',
          titleEn: '',
          mode: 'offline',
          attendance: '10',
        })
        assert.equal(none.status, 422)
        assert.match(await none.text(), message)
      }
    })

    it('moves a title recorded before the pair into the field of its language (migration 0034)', async () => {
      const migration = readFileSync(
        new URL('../../../drizzle/0034_bilingual_chapter_meeting_titles.sql', import.meta.url),
        'utf8',
      )
      const update = migration
        .split('--> statement-breakpoint')
        .find((s) => s.includes('UPDATE "chapter_events"'))!
        .replace(/^\s*--.*$/gm, '')
        .replaceAll('"chapter_events"', 'old_chapter_events')
      const pg = db(deps)
      await pg.execute(
        sql.raw('create temp table old_chapter_events (title text, title_zh text, title_en text)'),
      )
      await pg.execute(
        sql.raw(
          "insert into old_chapter_events (title) values ('杭州技术沙龙 #5'), ('Shanghai meetup'), ('KubeSphere 上海 Meetup'), ('Meetup 2024')",
        ),
      )
      await pg.execute(sql.raw(update))
      const { rows } = (await pg.execute(
        sql.raw('select title, title_zh, title_en from old_chapter_events order by title'),
      )) as unknown as { rows: { title: string; title_zh: string | null; title_en: string | null }[] }
      assert.deepEqual(
        rows.map((r) => [r.title, r.title_zh, r.title_en]),
        [
          ['KubeSphere 上海 Meetup', 'KubeSphere 上海 Meetup', null],
          ['Meetup 2024', null, 'Meetup 2024'],
          ['Shanghai meetup', null, 'Shanghai meetup'],
          ['杭州技术沙龙 #5', '杭州技术沙龙 #5', null],
        ],
      )
      await pg.execute(sql.raw('drop table old_chapter_events'))
    })

    it('refuses an event link that is not http(s) with a translated error, storing nothing, and never links to one stored before', async () => {
      const asLeader = await t.clientAs(leader)
      const count = async () => (await db(deps).select().from(chapterEvents)).length
      const before = await count()
      for (const link of [
        'javascript:alert(1)',
        ' JAVASCRIPT:alert(1)',
        'java\tscript:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        'vbscript:msgbox(1)',
      ]) {
        const res = await asLeader.postForm('/zh/console/chapters/xian/events', {
          heldOn: '2026-01-05',
          titleZh: '恶意链接',
          mode: 'offline',
          link,
        })
        assert.equal(res.status, 422, link)
        assert.match(await res.text(), /请输入以 https:\/\/ 或 http:\/\/ 开头的完整网址/, link)
      }
      assert.equal(await count(), before, 'a refused event is not stored')
      // A link stored before addresses were checked shows as text, never as a script to click.
      const { chapter } = await getChapter(deps, 'xian')
      await db(deps).insert(chapterEvents).values({
        chapterId: chapter.id,
        heldOn: '2026-01-05',
        titleEn: 'Old record',
        link: 'javascript:alert(1)',
      })
      for (const page of [
        await t.client().get('/en/chapters/xian'),
        await asLeader.get('/en/console/chapters/xian'),
      ]) {
        const html = await page.text()
        assert.match(html, /Old record/)
        assert.doesNotMatch(html, /href="\s*(javascript|data|vbscript):/i)
      }
    })

    it('flags the chapter at risk 60 days before a year without events, telling its leaders once, then turns it inactive', async () => {
      t.setNow(days(300))
      assert.equal(await reviewChapterHealth(deps), 0)
      t.setNow(days(305))
      // Two job runs at once (two app servers): one decides, the other finds nothing to do.
      const runs = await Promise.all([reviewChapterHealth(deps), reviewChapterHealth(deps)])
      assert.deepEqual(runs.sort(), [0, 1])
      assert.equal(await status(), 'at_risk')
      assert.deepEqual(await mailTo('leader@xian.test'), ["The Xi'an chapter needs an event soon"])
      assert.equal(await reviewChapterHealth(deps), 0, 'told once')
      // The clock runs from the kick-off meetup (the day before the leader took the seat).
      t.setNow(days(363))
      assert.equal(await reviewChapterHealth(deps), 0)
      t.setNow(days(364))
      assert.equal(await reviewChapterHealth(deps), 1)
      assert.equal(await status(), 'inactive')
      assert.deepEqual((await mailTo('lead@sig.test')).length, 1, 'the SIG lead hears of it')
      assert.deepEqual(await statusEvents(), ['at_risk', 'inactive'])
    })

    it('keeps an inactive chapter inactive after an event, until a member is promoted to lead it', async () => {
      const asLeader = await t.clientAs(leader)
      await asLeader.postForm('/en/console/chapters/xian/events', {
        heldOn: dayOf(days(364)),
        titleEn: 'Late meetup',
        mode: 'offline',
        attendance: '20',
      })
      assert.equal(await status(), 'inactive')
      // The seat is taken: the leader is still there. The SIG ends it by a step-down; here, the member
      // is promoted to vice-leader's empty seat first… which the vice holds, so it is refused.
      const asSigMember = await t.clientAs(sigMember)
      const taken = await asSigMember.postForm('/en/console/chapters/xian/promotions', {
        personId: member,
        role: 'leader',
      })
      assert.equal(taken.status, 409)
      await db(deps)
        .update(chapterTeam)
        .set({ endedAt: days(365), endReason: 'Moved away' })
        .where(eq(chapterTeam.personId, leader))
      t.setNow(days(366))
      // The member has no contributions on record: the SIG seats them on its own judgment.
      const override = 'Organised the late meetup; the SIG knows them'
      // Two SIG people promote at the same moment: one takes the seat, the other is told it is taken.
      const both = await Promise.allSettled([
        promoteMember(deps, await actorOf(sigLead), 'xian', { personId: member, role: 'leader', override }),
        promoteMember(deps, await actorOf(sigMember), 'xian', { personId: member, role: 'leader', override }),
      ])
      assert.deepEqual(both.map((r) => r.status).sort(), ['fulfilled', 'rejected'])
      const { current, chapter } = await getChapter(deps, 'xian')
      assert.equal(current.find((s) => s.role === 'leader')?.person.id, member)
      assert.equal(chapter.status, 'active')
    })

    it('lets only a SIG lead record an exemption, which keeps the chapter active past its deadline', async () => {
      t.setNow(days(366 + 320))
      await reviewChapterHealth(deps)
      assert.equal(await status(), 'at_risk')
      const asSigMember = await t.clientAs(sigMember)
      assert.equal(
        (
          await asSigMember.postForm('/en/console/chapters/xian/exemptions', {
            reason: 'Pandemic',
            until: dayOf(days(366 + 500)),
          })
        ).status,
        403,
      )
      const asLead = await t.clientAs(sigLead)
      const tooLong = await asLead.postForm('/en/console/chapters/xian/exemptions', {
        reason: 'Pandemic',
        until: '2031-01-01',
      })
      assert.equal(tooLong.status, 422)
      const res = await asLead.postForm('/en/console/chapters/xian/exemptions', {
        reason: 'Pandemic: no gatherings allowed',
        until: dayOf(days(366 + 500)),
      })
      assert.equal(res.status, 303)
      assert.equal(await status(), 'active')
      t.setNow(days(366 + 400))
      assert.equal(await reviewChapterHealth(deps), 0)
      assert.equal(await status(), 'active', 'past the deadline, still covered')
      const board = await (await t.clientAs(sigMember)).get('/en/console/chapters')
      assert.equal(board.status, 200)
      assert.match(await board.text(), /exempt until/)
    })
  })
}

for (const backend of await testBackends()) {
  describe(`the yearly offline event [${backend}]`, async () => {
    // Hangzhou's case: its last event on 2026-01-04, at risk in December, then a handover.
    const { t, deps, leader, vice, sigLead, sig, actorOf } = await chapterWithTeam(
      backend,
      new Date('2026-01-10T09:00:00Z'),
      { slug: 'wuxi', cityZh: '无锡', cityEn: 'Wuxi' },
    )
    const sigMember = (await makePerson(deps)).id
    await t.grant(sigMember, 'sig_member', sig.id)
    await recordChapterEvent(deps, await actorOf(leader), 'wuxi', {
      heldOn: '2026-01-04',
      titleZh: null,
      titleEn: 'Wuxi meetup',
      mode: 'offline',
      attendance: 35,
      photosUrl: null,
      link: null,
    })
    const status = async () => (await getChapter(deps, 'wuxi')).chapter.status
    const boardRow = async (d: Pick<Deps, 'db' | 'now' | 'config'> = deps) =>
      (await chapterHealthBoard(d, await actorOf(sigMember))).chapters.find((c) => c.chapter.slug === 'wuxi')!

    it('keeps the clock of the last offline event through a handover: at risk stays at risk, then inactive at the deadline', async () => {
      t.setNow(new Date('2026-12-01T09:00:00Z'))
      await reviewChapterHealth(deps)
      assert.equal(await status(), 'at_risk')
      // The leader hands over to the vice-leader.
      const { chapter } = await getChapter(deps, 'wuxi')
      const handover = new Date('2026-12-02T09:00:00Z')
      await db(deps)
        .update(chapterTeam)
        .set({ endedAt: handover, endReason: 'Stepped down' })
        .where(and(eq(chapterTeam.chapterId, chapter.id), inArray(chapterTeam.personId, [leader, vice])))
      await db(deps)
        .insert(chapterTeam)
        .values({ chapterId: chapter.id, personId: vice, role: 'leader', startedAt: handover })
      t.setNow(new Date('2026-12-04T09:00:00Z'))
      assert.equal(await reviewChapterHealth(deps), 0, 'the new leader does not restart the clock')
      assert.equal(await status(), 'at_risk')
      const row = await boardRow()
      assert.deepEqual(row.clock, { from: '2026-01-04', basis: 'event', deadline: '2027-01-04' })
      // With a grace period in the policy, the new leader gets it, and the health page says so.
      const graceful = { ...deps, config: { ...deps.config, chapterLeaderGraceDays: 90 } }
      assert.deepEqual((await boardRow(graceful)).clock, {
        from: '2026-01-04',
        basis: 'leaderGrace',
        deadline: '2027-03-02',
      })
      const page = await (await t.clientAs(sigMember)).get('/en/console/chapters')
      assert.match(await page.text(), /Policy: a new leader gets no grace period/)
      t.setNow(new Date('2027-01-04T09:00:00Z'))
      assert.equal(await reviewChapterHealth(deps), 1)
      assert.equal(await status(), 'inactive')
    })

    it('keeps an online event without letting it count, refuses one without evidence, and marks recorded ones self-reported', async () => {
      t.setNow(new Date('2027-02-01T09:00:00Z'))
      const asLead = await t.clientAs(sigLead)
      const bare = await asLead.postForm('/zh/console/chapters/wuxi/events', {
        heldOn: '2027-01-20',
        titleZh: '线上分享',
        mode: 'online',
      })
      assert.equal(bare.status, 422)
      assert.match(await bare.text(), /请至少提供一项：参加人数、照片链接或活动回顾链接/)
      const online = await asLead.postForm('/en/console/chapters/wuxi/events', {
        heldOn: '2027-01-20',
        titleEn: 'Online webinar',
        mode: 'online',
        link: 'https://example.org/webinar',
      })
      assert.equal(online.status, 303)
      const row = await boardRow()
      assert.equal(row.facts.lastEventOn, '2026-01-04', 'the webinar does not count')
      assert.equal(row.perQuarter.at(-1), 0, 'nor is it charted as held')
      const console = await (await asLead.get('/en/console/chapters/wuxi')).text()
      assert.match(console, /Online webinar[\s\S]*?online[\s\S]*?does not count for the yearly event/)
      assert.match(console, /Wuxi meetup[\s\S]*?offline[\s\S]*?self-reported/)
      const board = await (await asLead.get('/zh/console/chapters')).text()
      assert.match(board, /自行登记/)
      assert.match(
        board,
        /<text class="chart-label"[^>]*>无锡<\/text>/,
        'the Chinese chart names cities in Chinese',
      )
      const pub = await (await t.client().get('/en/chapters/wuxi')).text()
      assert.match(pub, /Wuxi meetup[\s\S]*?35 attended[\s\S]*?self-reported/)
      assert.match(pub, /Online webinar[\s\S]*?does not count for the yearly event/)
      // The refusal holds past the form too: the service asks for evidence itself.
      await assert.rejects(
        recordChapterEvent(deps, await actorOf(sigLead), 'wuxi', {
          heldOn: '2027-01-21',
          titleZh: null,
          titleEn: 'No proof',
          mode: 'offline',
          attendance: null,
          photosUrl: null,
          link: null,
        }),
        { code: 'invalid' },
      )
    })

    it('counts a hybrid event: people met, and it was streamed', async () => {
      await recordChapterEvent(deps, await actorOf(sigLead), 'wuxi', {
        heldOn: '2027-01-25',
        titleZh: null,
        titleEn: 'Wuxi hybrid salon',
        mode: 'hybrid',
        attendance: null,
        photosUrl: 'https://photos.example.org/wuxi',
        link: null,
      })
      assert.equal((await boardRow()).facts.lastEventOn, '2027-01-25')
    })

    it('leaves exemptions to the leads of the chapter’s SIG, with a reason and an end date', async () => {
      const input = { reason: 'Pandemic: no gatherings', until: '2027-06-30' }
      for (const who of [leader, vice, sigMember])
        await assert.rejects(exemptChapter(deps, await actorOf(who), 'wuxi', input), { code: 'forbidden' })
      const lead = await actorOf(sigLead)
      await assert.rejects(exemptChapter(deps, lead, 'wuxi', { ...input, reason: '  ' }), { code: 'invalid' })
      await assert.rejects(exemptChapter(deps, lead, 'wuxi', { ...input, until: '' }), { code: 'invalid' })
      const noDate = await (await t.clientAs(sigLead)).postForm('/en/console/chapters/wuxi/exemptions', {
        reason: 'Pandemic',
        until: '',
      })
      assert.equal(noDate.status, 422)
      const { chapter } = await getChapter(deps, 'wuxi')
      assert.equal(
        (await db(deps).select().from(chapterExemptions).where(eq(chapterExemptions.chapterId, chapter.id)))
          .length,
        0,
      )
      await exemptChapter(deps, lead, 'wuxi', input)
      assert.equal((await boardRow()).facts.exemptUntil, '2027-06-30')
    })
  })
}

for (const backend of await testBackends()) {
  describe(`support requests [${backend}]`, async () => {
    const { t, deps, leader, sig, actorOf } = await chapterWithTeam(backend, START, {
      slug: 'qingdao',
      cityZh: '青岛',
      cityEn: 'Qingdao',
    })
    const sigMember = (await makePerson(deps, { email: 'member@sig.test', locale: 'en' })).id
    await t.grant(sigMember, 'sig_member', sig.id)
    await db(deps).update(people).set({ email: 'leader@qingdao.test' }).where(eq(people.id, leader))
    const mailTo = async (to: string) =>
      (await db(deps).select().from(mailOutbox).where(eq(mailOutbox.to, to))).map((m) => m.subject)

    it('lets the leader ask, with a translated error for a request without details, and tells the SIG', async () => {
      const asLeader = await t.clientAs(leader)
      const empty = await asLeader.postForm('/zh/console/chapters/qingdao/support', {
        kind: 'venue',
        details: ' ',
      })
      assert.equal(empty.status, 422)
      assert.match(await empty.text(), /此项为必填项/)
      const res = await asLeader.postForm('/zh/console/chapters/qingdao/support', {
        kind: 'venue',
        details: '三月的 Meetup 需要 60 人的场地',
        neededBy: '2026-03-01',
      })
      assert.equal(res.status, 303)
      assert.deepEqual(
        (await mailTo('member@sig.test')).filter((m) => /support/.test(m)),
        ['The Qingdao chapter asks for support: A venue'],
      )
      const queue = await (await t.clientAs(sigMember)).get('/en/console/support')
      assert.match(await queue.text(), /三月的 Meetup 需要 60 人的场地/)
      const outsider = await t.clientAs((await makePerson(deps)).id)
      assert.equal(
        (await outsider.postForm('/en/console/chapters/qingdao/support', { kind: 'venue', details: 'x' }))
          .status,
        403,
      )
    })

    it('is taken on and done by the SIG once, however many click at once, and the leader hears of it', async () => {
      const [row] = await supportRequestsOf(deps, await actorOf(sigMember), { open: true })
      const asLeader = await t.clientAs(leader)
      assert.equal(
        (await asLeader.postForm(`/en/console/support/${row!.request.id}`, { to: 'done' })).status,
        403,
      )
      await moveSupportRequest(deps, await actorOf(sigMember), row!.request.id, {
        to: 'in_progress',
        comment: null,
      })
      const both = await Promise.allSettled(
        [sigMember, sigMember].map(async (p) =>
          moveSupportRequest(deps, await actorOf(p), row!.request.id, {
            to: 'done',
            comment: 'Venue booked at the library',
          }),
        ),
      )
      assert.deepEqual(both.map((r) => r.status).sort(), ['fulfilled', 'rejected'])
      const [mine] = await supportRequestsOf(deps, await actorOf(leader), { slug: 'qingdao' })
      assert.equal(mine!.request.status, 'done')
      assert.deepEqual(
        mine!.history.map((e) => e.toStatus),
        ['open', 'in_progress', 'done'],
      )
      assert.deepEqual(await mailTo('leader@qingdao.test'), ['支持请求已完成：场地'])
      assert.equal((await (await t.clientAs(sigMember)).get('/en/console/support')).status, 200)
    })
  })
}

import { and, eq, inArray, sql } from 'drizzle-orm'
import { makePerson } from '../../../test/support/app.ts'
import { chapterWithTeam } from '../../../test/support/chapters.ts'
import { testBackends } from '../../../test/support/db.ts'
import type { Deps } from '../../platform/deps.ts'
import { mailOutbox } from '../../platform/mail/mail.schema.ts'
import { httpOutbox } from '../../platform/outbox/http.schema.ts'
import { people } from '../people/people.schema.ts'
import { subscribe } from '../webhooks/webhooks.service.ts'
import { dayOf } from './chapters.rules.ts'
import { chapterEvents, chapterExemptions, chapterTeam } from './chapters.schema.ts'
import {
  chapterHealthBoard,
  exemptChapter,
  getChapter,
  moveSupportRequest,
  promoteMember,
  recordChapterEvent,
  reviewChapterHealth,
  supportRequestsOf,
} from './chapters.service.ts'

const db = (deps: Pick<Deps, 'db'>) => deps.db
