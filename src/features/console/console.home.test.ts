import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { chapters, mailOutbox } from '../../platform/db/schema.ts'
import '../applications/index.ts'
import { insertApplication } from '../applications/applications.repo.ts'
import { foundChapter } from '../chapters/index.ts'
import { ensureFoundingSig } from '../people/people.demo.ts'
import { insertSig } from '../people/people.repo.ts'
import '../podcast/index.ts'
import { insertEpisode, insertShow } from '../podcast/podcast.repo.ts'

const NOW = new Date('2026-10-15T12:00:00Z')

for (const backend of await testBackends()) {
  describe(`console home [${backend}]`, async () => {
    const t = await makeTestApp(backend)
    t.setNow(NOW)
    const db = t.deps.db
    const sig = await ensureFoundingSig({ db })
    const otherSig = await insertSig(db, { slug: 'docs', nameZh: '文档', nameEn: 'Docs' })
    const member = await makePerson(t.deps)
    await t.grant(member.id, 'sig_member', sig.id)
    const outsider = await makePerson(t.deps)
    await t.grant(outsider.id, 'sig_member', otherSig.id)
    const applicant = await makePerson(t.deps)
    // A chapter whose leader stepped down: the SIG has until 25 October to seat a new one.
    await foundChapter(
      db,
      {
        slug: 'xiamen',
        cityZh: '厦门',
        cityEn: 'Xiamen',
        country: 'CN',
        sigId: sig.id,
        foundedOn: '2024-01-01',
      },
      [],
      NOW,
    )
    await db.update(chapters).set({ leaderWantedUntil: '2026-10-25' }).where(eq(chapters.slug, 'xiamen'))
    await insertApplication(db, {
      type: 'found-chapter',
      applicantId: applicant.id,
      state: 'submitted',
      answers: {},
      subjectId: sig.id,
      submittedAt: NOW,
    })
    await db
      .insert(mailOutbox)
      .values({ to: 'a@example.org', subject: 'Hi', text: 'Hi', attempts: 3, lastError: '550 refused' })
    const show = await insertShow(db, {
      slug: 'cast',
      titleZh: null,
      titleEn: 'Hearth Cast',
      descriptionEn: 'A show',
      language: 'en',
      ownerName: 'Owner',
      ownerEmail: 'owner@example.org',
      podcastGuid: randomUUID(),
    })
    await insertEpisode(db, { showId: show.id, guid: randomUUID(), slug: 'one', titleEn: 'One' })
    const admin = await t.clientAs(t.superuser.id)
    const asMember = await t.clientAs(member.id)
    const asOutsider = await t.clientAs(outsider.id)

    it('shows a SIG member the applications waiting for their review, linked to the review queue', async () => {
      const html = await (await asMember.get('/en/console')).text()
      assert.match(html, /<h2 id="needs-title">Needs you<\/h2>/)
      assert.match(
        html,
        /<a href="\/en\/applications"><span class="todo-count tone-accent">1<\/span><span class="todo-label">1 application waiting for your review<\/span>/,
      )
      const zh = await (await asMember.get('/zh/console')).text()
      assert.match(zh, /1 份申请等你审核/)
    })

    it('does not show reviews or chapters of another SIG to its members', async () => {
      const html = await (await asOutsider.get('/en/console')).text()
      assert.doesNotMatch(html, /waiting for your review/)
      assert.doesNotMatch(html, /Xiamen needs a new leader/)
      assert.match(html, /Nothing needs you right now/)
    })

    it('shows the SIG a chapter at risk with the days left to seat a leader', async () => {
      const html = await (await asMember.get('/en/console')).text()
      assert.match(
        html,
        /href="\/en\/console\/chapters\/xiamen"><span class="todo-count tone-danger">10<\/span><span class="todo-label">Xiamen needs a new leader: 10 days left/,
      )
      assert.match(await (await asMember.get('/zh/console')).text(), /厦门 需要新站长：还剩 10 天/)
    })

    it('shows failed mail and draft episodes to administrators only', async () => {
      const html = await (await admin.get('/en/console')).text()
      assert.match(
        html,
        /href="\/en\/console\/outbox"><span class="todo-count tone-danger">1<\/span><span class="todo-label">1 message the mail server refused/,
      )
      assert.match(
        html,
        /href="\/en\/console\/podcast\/cast"><span class="todo-count tone-accent">1<\/span><span class="todo-label">Hearth Cast: 1 draft episode/,
      )
      const memberHtml = await (await asMember.get('/en/console')).text()
      assert.doesNotMatch(memberHtml, /mail server refused/)
      assert.doesNotMatch(memberHtml, /draft episode/)
    })

    it('gives stat tiles and links to every area, the review queue among them', async () => {
      const html = await (await asMember.get('/en/console')).text()
      assert.match(
        html,
        /<a class="stat-tile" href="\/en\/console\/chapters"><span class="stat-value">1<\/span><span class="stat-label">Chapters at risk<\/span>/,
      )
      assert.match(html, /<a href="\/en\/applications">Applications to review<\/a>/)
    })
  })
}
