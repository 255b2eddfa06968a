// Applications say what they are about (which chapter, which show) on every page and in every
// mail, offer a picker when the form was opened without a subject, and show reviewers who applied.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { makePerson } from '../../../test/support/app.ts'
import { chapterWithTeam } from '../../../test/support/chapters.ts'
import { testBackends } from '../../../test/support/db.ts'
import { messagesFor } from '../../platform/i18n/index.ts'
import * as activity from '../activity/activity.repo.ts'
import { chapters } from '../chapters/chapters.schema.ts'
import { foundChapter } from '../chapters/index.ts'
import '../podcast/index.ts'
import { people } from '../people/people.schema.ts'
import { applicationTypes } from './applications.types.ts'

const NOW = new Date('2026-10-15T12:00:00Z')
const FORM = '/en/applications/new/join-chapter'
const answers = {
  motivation: '我在杭州组织过两次线下分享，想继续为社区做事。',
  availability: 'Venues and speakers, a few hours a month.',
}

/** The text a reader sees: tags dropped, entities of the answers decoded. */
const visible = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')

for (const backend of await testBackends()) {
  describe(`applications name their subject [${backend}]`, async () => {
    const { t, sig, deps, leader, sigLead } = await chapterWithTeam(backend, NOW, {
      slug: 'hangzhou',
      cityZh: '杭州',
      cityEn: 'Hangzhou',
    })
    // A chapter that has gone inactive cannot be joined, so the picker leaves it out.
    await foundChapter(
      deps.db,
      {
        slug: 'lhasa',
        cityZh: '拉萨',
        cityEn: 'Lhasa',
        country: 'CN',
        sigId: sig.id,
        foundedOn: '2020-01-01',
      },
      [],
      NOW,
    )
    await deps.db.update(chapters).set({ status: 'inactive' }).where(eq(chapters.slug, 'lhasa'))
    await foundChapter(
      deps.db,
      {
        slug: 'chengdu',
        cityZh: '成都',
        cityEn: 'Chengdu',
        country: 'CN',
        sigId: sig.id,
        foundedOn: '2021-01-01',
      },
      [],
      NOW,
    )

    it('titles the join form with the chapter in both languages', async () => {
      const client = await t.clientAs((await makePerson(deps)).id)
      assert.match(
        await (await client.get('/zh/applications/new/join-chapter?subject=hangzhou')).text(),
        /<h1>加入杭州站<\/h1>/,
      )
      const en = await (await client.get(`${FORM}?subject=hangzhou`)).text()
      assert.match(en, /<h1>Join the Hangzhou chapter<\/h1>/)
      assert.doesNotMatch(en, /name="subject"/, 'no picker when the address names the chapter')
    })

    it('offers the chapters that can be joined when the form names none', async () => {
      const client = await t.clientAs((await makePerson(deps)).id)
      const res = await client.get(FORM)
      assert.equal(res.status, 200)
      const html = await res.text()
      assert.match(html, /<select id="field-subject" name="subject" required/)
      assert.match(html, /<option value="hangzhou">Hangzhou<\/option>/)
      assert.match(html, /<option value="chengdu">Chengdu<\/option>/)
      assert.doesNotMatch(html, /lhasa/, 'an inactive chapter is not offered')
      const zh = await (await client.get('/zh/applications/new/join-chapter')).text()
      assert.match(zh, /<option value="hangzhou">杭州<\/option>/)
      assert.match(zh, /<label for="field-subject">城市站<\/label>/)
    })

    it('keeps the typed answers and says what is wrong next to the picker when the chapter is missing or unknown', async () => {
      const client = await t.clientAs((await makePerson(deps)).id)
      const missing = await client.postForm(FORM, answers)
      assert.equal(missing.status, 422)
      const html = await missing.text()
      assert.match(html, /我在杭州组织过两次线下分享/)
      assert.match(html, /Venues and speakers, a few hours a month\./)
      assert.match(html, /aria-invalid="true" aria-describedby="field-subject-error field-subject-hint"/)
      assert.match(html, /<p class="error" id="field-subject-error">Choose what you apply for\.<\/p>/)

      const unknown = await client.postForm(`${FORM}?subject=atlantis`, answers)
      assert.equal(unknown.status, 422)
      const again = await unknown.text()
      assert.match(again, /我在杭州组织过两次线下分享/)
      assert.match(again, /There is no such choice \(any more\)/)
      assert.match(again, /<option value="hangzhou">Hangzhou<\/option>/)
      assert.match(again, /action="\/en\/applications\/new\/join-chapter"/, 'the picker decides next time')

      const zh = await client.postForm('/zh/applications/new/join-chapter', {
        ...answers,
        subject: 'atlantis',
      })
      assert.equal(zh.status, 422)
      assert.match(await zh.text(), /没有这个选项（或已不可选），请从列表中选择。/)

      const opened = await client.get(`${FORM}?subject=atlantis`)
      assert.equal(opened.status, 404)
      assert.match(await opened.text(), /<select id="field-subject"/, 'a wrong link still shows the form')
    })

    it('names the chapter in my applications, the review queue, the mail and the quorum, in both languages', async () => {
      const applicant = await makePerson(deps, {
        nameEn: 'Lin Yu',
        nameZh: '林语',
        email: 'lin@hearth.test',
        locale: 'en',
      })
      await deps.db
        .update(people)
        .set({ email: 'leader@hearth.test', locale: 'zh' })
        .where(eq(people.id, leader))
      const client = await t.clientAs(applicant.id)
      const sent = await client.postForm(FORM, { ...answers, subject: 'hangzhou' })
      assert.equal(sent.status, 303)
      const path = sent.headers.get('location')!.split('?')[0]!

      assert.match(await (await client.get('/en/applications')).text(), /Join the Hangzhou chapter<\/a>/)
      assert.match(await (await client.get('/zh/applications')).text(), /加入杭州站<\/a>/)
      const page = await (await client.get(path)).text()
      assert.match(page, /<h1>Join the Hangzhou chapter<\/h1>/)
      assert.match(page, /1 more approval from the chapter’s leader or vice-leader, or a lead of its SIG/)
      const zhPage = await (await client.get(path.replace('/en/', '/zh/'))).text()
      assert.match(zhPage, /还需 1 位本站站长、副站长或所属 SIG 负责人同意/)
      for (const html of [page, zhPage]) assert.doesNotMatch(visible(html), /chapter_deciders|join-chapter/)

      const queue = await (await (await t.clientAs(leader)).get('/zh/applications')).text()
      assert.match(queue, /加入杭州站<\/a>/)
      assert.match(queue, /申请人：林语/)
      const mail = await t.lastMailTo('leader@hearth.test')
      assert.equal(mail?.subject, '待审核：林语 的申请「加入杭州站」')
      assert.match(mail!.text, /加入杭州站/)

      // Asking for more information tells the applicant, in English, which chapter it is about.
      await (await t.clientAs(sigLead)).postForm(`${path}/move`, {
        move: 'request_info',
        comment: 'Which days?',
      })
      assert.equal(
        (await t.lastMailTo('lin@hearth.test'))?.subject,
        'More information needed: Join the Hangzhou chapter',
      )
    })

    it('shows reviewers who applied: card, activity verdict with its evidence, conditions and other applications', async () => {
      const applicant = await makePerson(deps, {
        handle: 'mei-chen',
        nameEn: 'Mei Chen',
        nameZh: '陈梅',
        githubLogin: 'meichen',
        cityZh: '杭州',
        cityEn: 'Hangzhou',
      })
      await activity.linkAccount(deps.db, 9901, 'meichen', applicant.id, NOW)
      await activity.insertContributions(
        deps.db,
        [
          {
            key: 'subjects-test:1',
            githubId: 9901,
            login: 'meichen',
            avatarUrl: null,
            botAccount: false,
            kind: 'pr_merged',
            repoId: 1,
            repoName: 'kubesphere/console',
            number: 4521,
            occurredAt: new Date('2026-09-20T08:00:00Z'),
          },
        ],
        'test',
      )
      const client = await t.clientAs(applicant.id)
      const hz = await client.postForm(FORM, { ...answers, subject: 'hangzhou' })
      const path = hz.headers.get('location')!.split('?')[0]!
      const cd = await client.postForm(`${FORM}?subject=chengdu`, answers)
      const other = cd.headers.get('location')!.split('?')[0]!

      const asLead = await (await (await t.clientAs(sigLead)).get(path)).text()
      assert.match(asLead, /<h2 id="applicant-title">Who applied<\/h2>/)
      assert.match(asLead, /<a href="\/en\/people\/mei-chen">Mei Chen<\/a>/)
      assert.match(asLead, /@mei-chen · Hangzhou/)
      assert.match(asLead, /<a href="https:\/\/github.com\/meichen">GitHub: meichen<\/a>/)
      assert.match(asLead, /Active lately/)
      assert.match(asLead, /GitHub contribution: kubesphere\/console#4521, /)
      assert.match(asLead, /Met<\/span> The chapter is active/)
      assert.match(asLead, /Met<\/span> Not on the chapter’s team yet/)
      assert.match(asLead, new RegExp(`<a href="${other}">Join the Chengdu chapter</a>`))

      const zh = await (await (await t.clientAs(leader)).get(path.replace('/en/', '/zh/'))).text()
      assert.match(zh, /<h2 id="applicant-title">申请人<\/h2>/)
      assert.match(zh, /陈梅/)
      assert.match(zh, /@mei-chen · 杭州/)
      assert.match(zh, /近期活跃/)
      // The Hangzhou leader does not decide about Chengdu: it is named, not linked.
      assert.match(zh, /加入成都站 ·/)
      assert.doesNotMatch(zh, new RegExp(`href="${other.replace('/en/', '/zh/')}"`))

      const own = await (await client.get(path)).text()
      assert.doesNotMatch(own, /Who applied/, 'the applicant sees their application, not the reviewers’ view')
      assert.equal((await (await t.clientAs((await makePerson(deps)).id)).get(path)).status, 403)
    })
  })
}

describe('review groups', () => {
  it('every group a quorum names reads as words in both languages', () => {
    for (const locale of ['zh', 'en'] as const) {
      const groups = messagesFor(locale).applications.groups
      for (const type of applicationTypes())
        for (const clause of [...type.quorum.approve, ...type.quorum.reject])
          assert.ok(groups[clause.group]?.trim(), `${locale}: ${type.key} names ${clause.group}`)
    }
  })
})
