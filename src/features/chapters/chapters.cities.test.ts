import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makePerson } from '../../../test/support/app.ts'
import { chapterWithTeam } from '../../../test/support/chapters.ts'
import { testBackends } from '../../../test/support/db.ts'
import * as activity from '../activity/activity.repo.ts'
import { NotEligible, startApplication } from '../applications/applications.service.ts'
import { ensureFoundingSig } from '../people/people.demo.ts'
import { FOUND_CHAPTER, type FoundChapterAnswers } from './chapters.applications.ts'
import { chapterInSameCity, cityKey, cityNames, sameCity } from './chapters.cities.ts'
import { editChapterRecord, foundChapter, getChapter } from './chapters.service.ts'

describe('city key', () => {
  it('drops 市, City, Shi, whitespace, case, width and punctuation', () => {
    for (const spelling of [
      '杭州市',
      '杭州',
      ' 杭州 市 ',
      'Hangzhou City',
      'HANGZHOU',
      'hang zhou',
      'Hangzhou Shi',
      'Ｈａｎｇｚｈｏｕ',
    ])
      assert.equal(cityKey(spelling), 'hangzhou', spelling)
    assert.equal(cityKey("Xi'an"), 'xian')
    assert.equal(cityKey('Xi’an City'), 'xian')
    assert.equal(cityKey('Zürich'), 'zurich', 'a city outside the table keeps its reduced spelling')
  })

  it('maps the Chinese, traditional and older English names of a known city to one key', () => {
    assert.equal(cityKey('廣州'), cityKey('Canton'))
    assert.equal(cityKey('北京市'), cityKey('Peking'))
    assert.equal(cityKey('香港'), cityKey('Hong Kong'))
    assert.equal(cityKey('臺北'), cityKey('Taipei City'))
    assert.equal(cityKey('厦门'), cityKey('Amoy'))
  })

  it('keeps different cities apart, and every name in the table belongs to one city only', () => {
    assert.notEqual(cityKey('苏州'), cityKey('杭州'))
    assert.notEqual(cityKey('Suzhou'), cityKey('Fuzhou'))
    const owner = new Map<string, string>()
    for (const names of cityNames)
      for (const n of names) {
        const key = cityKey(n)
        assert.equal(key, names[0], `${n} maps to its own city`)
        assert.ok(!owner.has(n) || owner.get(n) === names[0], `${n} is listed once`)
        owner.set(n, names[0]!)
      }
  })

  it('finds the chapter a city already has by any of its names, leaving a chapter’s own record out', () => {
    const chapters = [
      { id: '1', slug: 'shanghai', cityZh: '上海', cityEn: 'Shanghai' },
      { id: '2', slug: 'hangzhou', cityZh: '杭州', cityEn: 'Hangzhou' },
    ]
    assert.equal(chapterInSameCity(chapters, ['杭州市', 'Hangzhou City'])?.id, '2')
    assert.equal(chapterInSameCity(chapters, ['临安', 'Hangzhou'])?.id, '2', 'either name is enough')
    assert.equal(chapterInSameCity(chapters, ['苏州', 'Suzhou']), undefined)
    assert.equal(chapterInSameCity(chapters, ['杭州', 'Hangzhou'], '2'), undefined)
    assert.equal(sameCity(['', '市'], ['', 'City']), false, 'empty names name no city')
  })
})

const NOW = new Date('2026-10-15T12:00:00Z')

const answers = (cityZh: string, cityEn: string): FoundChapterAnswers => ({
  github: 'someone',
  cityZh,
  cityEn,
  country: 'cn',
  prerequisites: true,
  contact: 'wechat: someone',
  reason: 'Many users here.',
  requirements: '',
  plan: 'A meetup every quarter.',
  audience: 40,
  audienceEvidence: 'A WeChat group of 180.',
})

for (const backend of await testBackends()) {
  describe(`one chapter per city [${backend}]`, async () => {
    const { t, deps, leader, actorOf } = await chapterWithTeam(backend, NOW, {
      slug: 'hangzhou',
      cityZh: '杭州',
      cityEn: 'Hangzhou',
    })
    const sig = await ensureFoundingSig({ db: deps.db })
    /** Someone who contributed last month, so only the city can stand in the way. */
    const activeApplicant = async (githubId: number) => {
      const p = await makePerson(deps)
      await activity.linkAccount(deps.db, githubId, `gh-${githubId}`, p.id, NOW)
      await activity.insertContributions(
        deps.db,
        [
          {
            key: `test:${githubId}`,
            githubId,
            login: `gh-${githubId}`,
            avatarUrl: null,
            botAccount: false,
            kind: 'review',
            repoId: 1,
            repoName: 'kubesphere/console',
            number: 1,
            occurredAt: new Date(NOW.getTime() - 30 * 86_400_000),
          },
        ],
        'test',
      )
      return p
    }

    it('refuses to found "杭州市 / Hangzhou City" where Hangzhou has a chapter, naming that chapter', async () => {
      const applicant = await activeApplicant(8101)
      await assert.rejects(
        startApplication(deps, await actorOf(applicant.id), {
          type: FOUND_CHAPTER,
          answers: answers('杭州市', 'Hangzhou City'),
          submit: true,
        }),
        (e: unknown) => {
          assert.ok(e instanceof NotEligible)
          assert.deepEqual(
            e.failed.map((f) => [f.reason, f.detail?.slug]),
            [['cityHasChapter', 'hangzhou']],
          )
          return true
        },
      )
    })

    it('shows the refusal on the form with a link to the existing chapter, in both languages', async () => {
      const applicant = await activeApplicant(8102)
      const client = await t.clientAs(applicant.id)
      const form = {
        ...answers(' 杭州 ', 'HANGZHOU city'),
        audience: '40',
        prerequisites: 'yes',
        intent: 'submit',
      }
      const en = await client.postForm('/en/applications/new/found-chapter', form)
      assert.equal(en.status, 422)
      const enPage = await en.text()
      assert.match(enPage, /Hangzhou already has a chapter/)
      assert.match(enPage, /<a href="\/en\/chapters\/hangzhou">Open the Hangzhou chapter<\/a>/)
      // Another applicant: the refused answers are kept as the first one's draft.
      const other = await t.clientAs((await activeApplicant(8103)).id)
      const zh = await (await other.postForm('/zh/applications/new/found-chapter', form)).text()
      assert.match(zh, /杭州已经有城市站/)
      assert.match(zh, /<a href="\/zh\/chapters\/hangzhou">查看杭州站<\/a>/)
    })

    it('refuses to rename a chapter to a city another chapter is in, and keeps its own city', async () => {
      await foundChapter(
        deps.db,
        {
          slug: 'suzhou',
          cityZh: '苏州',
          cityEn: 'Suzhou',
          country: 'CN',
          sigId: sig.id,
          foundedOn: '2026-01-01',
        },
        [],
        NOW,
      )
      const record = { cityZh: '杭州市', cityEn: 'Suzhou', country: 'CN', links: [] }
      const sigActor = await actorOf(t.superuser.id)
      await assert.rejects(editChapterRecord(deps, sigActor, 'suzhou', record), {
        code: 'cityHasChapter',
      })
      const page = await (await t.clientAs(t.superuser.id)).postForm('/en/console/chapters/suzhou/record', {
        cityZh: '杭州市',
        cityEn: 'Hangzhou City',
        country: 'CN',
      })
      assert.equal(page.status, 422)
      assert.match(await page.text(), /<a href="\/en\/chapters\/hangzhou">Open the Hangzhou chapter<\/a>/)
      assert.equal((await getChapter(deps, 'suzhou')).chapter.cityZh, '苏州')
      await editChapterRecord(deps, await actorOf(leader), 'hangzhou', {
        cityZh: '杭州市',
        cityEn: 'Hangzhou City',
        country: 'CN',
        links: [],
      })
      assert.equal(
        (await getChapter(deps, 'hangzhou')).chapter.cityEn,
        'Hangzhou City',
        'its own spelling may change',
      )
    })
  })
}
