import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { ensureFoundingSig } from '../people/people.demo.ts'
import { chapterSlug, currentTeam } from './chapters.rules.ts'
import { chapterTeam } from './chapters.schema.ts'
import { foundChapter } from './chapters.service.ts'

describe('chapter rules', () => {
  it('makes slugs from English city names', () => {
    assert.equal(chapterSlug("Xi'an"), 'xian')
    assert.equal(chapterSlug('Hong Kong'), 'hong-kong')
    assert.equal(chapterSlug('  Zürich '), 'zurich')
  })

  it('orders the current team leader, vice-leader, then members by seniority', () => {
    const at = (d: number) => new Date(Date.UTC(2024, 0, d))
    const seats = [
      { id: 'm2', role: 'member', startedAt: at(5), endedAt: null },
      { id: 'v', role: 'vice_leader', startedAt: at(9), endedAt: null },
      { id: 'old', role: 'leader', startedAt: at(1), endedAt: at(8) },
      { id: 'm1', role: 'member', startedAt: at(2), endedAt: null },
      { id: 'l', role: 'leader', startedAt: at(8), endedAt: null },
    ]
    assert.deepEqual(
      currentTeam(seats).map((s) => s.id),
      ['l', 'v', 'm1', 'm2'],
    )
  })
})

for (const backend of await testBackends()) {
  describe(`chapter pages [${backend}]`, async () => {
    const t = await makeTestApp(backend)
    const db = t.deps.db
    const sig = await ensureFoundingSig({ db })
    const leader = await makePerson(t.deps, { handle: 'wang-lead', nameZh: '王站长', nameEn: 'Wang Lead' })
    const vice = await makePerson(t.deps, { handle: 'li-vice', nameZh: '李副站长', nameEn: 'Li Vice' })
    const former = await makePerson(t.deps, {
      handle: 'zhao-former',
      nameZh: '赵前任',
      nameEn: 'Zhao Former',
    })
    const founded = new Date('2021-06-19T10:00:00Z')
    const chapter = await foundChapter(
      db,
      {
        slug: 'shenzhen',
        cityZh: '深圳',
        cityEn: 'Shenzhen',
        country: 'CN',
        sigId: sig.id,
        foundedOn: '2021-06-19',
        descriptionZh: '深圳站的介绍。',
        descriptionEn: 'About the Shenzhen chapter.',
        location: 'Nanshan',
      },
      [
        { personId: leader.id, role: 'leader' },
        { personId: vice.id, role: 'vice_leader' },
        { personId: former.id, role: 'member' },
      ],
      founded,
    )
    await db
      .update(chapterTeam)
      .set({ endedAt: new Date('2023-03-01T00:00:00Z'), endReason: 'Moved to Beijing' })
      .where(eq(chapterTeam.personId, former.id))

    it('lists chapters with their status and leaders in both languages', async () => {
      const en = await (await t.client().get('/en/chapters')).text()
      assert.match(en, /<a href="\/en\/chapters\/shenzhen">Shenzhen<\/a>/)
      assert.match(en, /Active/)
      assert.match(en, /Leader: \s*<a href="\/en\/people\/wang-lead">Wang Lead<\/a>/)
      assert.match(en, /2 members on the team/)
      const zh = await (await t.client().get('/zh/chapters')).text()
      assert.match(zh, /深圳/)
      assert.match(zh, /站长：?\s*<a href="\/zh\/people\/wang-lead">王站长<\/a>/)
      assert.match(zh, /活跃/)
    })

    it('shows a chapter with its team now and before, and 404 for one that does not exist', async () => {
      const res = await t.client().get('/en/chapters/Shenzhen')
      assert.equal(res.status, 200)
      const html = await res.text()
      assert.match(html, /<h1>Shenzhen<\/h1>/)
      assert.match(html, /About the Shenzhen chapter\./)
      assert.match(html, /Advocacy and Outreach SIG/)
      assert.match(html, /Nanshan/)
      assert.match(html, /Vice-leader · since/)
      assert.match(html, /Past team[\s\S]*Zhao Former[\s\S]*Moved to Beijing/)
      const zh = await (await t.client().get(`/zh/chapters/${chapter.slug}`)).text()
      assert.match(zh, /副站长/)
      assert.match(zh, /历任成员/)
      assert.equal((await t.client().get('/en/chapters/atlantis')).status, 404)
    })

    it('takes applications to join from the chapter page, and the leader decides', async () => {
      const page = await (await t.client().get('/en/chapters/shenzhen')).text()
      const form = /href="(\/en\/applications\/new\/join-chapter\?subject=shenzhen)"/.exec(page)?.[1]
      assert.ok(form, 'the chapter page links to its join form')
      const applicant = await makePerson(t.deps, { handle: 'keen-joiner', nameEn: 'Keen Joiner' })
      const client = await t.clientAs(applicant.id)
      assert.match(await (await client.get(form)).text(), /Join the [^<]+ chapter/)
      const sent = await client.postForm(form, {
        motivation: 'I helped at the last two meetups',
        availability: 'Weekends, twice a month',
      })
      assert.equal(sent.status, 303, await sent.clone().text())
      const path = sent.headers.get('location')!.split('?')[0]!
      const lead = await t.clientAs(leader.id)
      // The applicant has no recorded activity: the leader sees it, and approving takes a reason.
      const review = await (await lead.get(path)).text()
      assert.match(review, /Active lately\?[\s\S]*Not active lately/)
      const refused = await lead.postForm(`${path}/vote`, { vote: 'approve' })
      assert.equal(refused.status, 409)
      assert.match(await refused.text(), /give the reason for your judgment/)
      assert.equal(
        (await lead.postForm(`${path}/vote`, { vote: 'approve', override: 'Helped at two meetups' })).status,
        303,
      )
      assert.match(
        await (await lead.get(path)).text(),
        /not active lately, because[\s\S]*Helped at two meetups/,
      )
      assert.match(await (await t.client().get('/en/chapters/shenzhen')).text(), /Keen Joiner/)
    })
  })
}
