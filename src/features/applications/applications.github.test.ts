import assert from 'node:assert/strict'
import { createHmac, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { after, describe, it } from 'node:test'
import { and, eq, isNotNull } from 'drizzle-orm'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import { startFakeGithubApi } from '../../../test/support/fake-github-api.ts'
import { renderIssueBody } from '../../../test/support/issue-forms.ts'
import { httpOutbox } from '../../platform/outbox/http.schema.ts'
import { deliverPendingRequests } from '../../platform/outbox/http.ts'
import * as activity from '../activity/activity.repo.ts'
import { subscribe } from '../webhooks/webhooks.service.ts'
import { authoriseGithub } from './applications.announce.ts'
import '../chapters/index.ts'
import { parse } from 'yaml'
import type { Deps } from '../../platform/deps.ts'
import { getChapter } from '../chapters/index.ts'
import { upsertSettings } from '../community/community.repo.ts'
import { communitySettings } from '../community/community.schema.ts'
import { ensureFoundingSig } from '../people/people.demo.ts'
import { reviewCommand } from './applications.github.ts'
import { selectByIssue, selectEvents } from './applications.repo.ts'
import { applications } from './applications.schema.ts'
import { issueForms } from './applications.service.ts'

// biome-ignore lint/suspicious/noExplicitAny: tests edit GitHub's nested example payloads freely
type Payload = Record<string, any>
const definitions = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@octokit/webhooks-examples'), 'utf8'),
) as { name: string; examples: Payload[] }[]
const example = (event: string, action: string): Payload =>
  structuredClone(definitions.find((d) => d.name === event)!.examples.find((p) => p.action === action)!)

const SECRET = 'applications webhook secret'
const NOW = new Date('2026-10-15T12:00:00Z')

/** The body GitHub writes for an issue opened from our Chinese form. */
async function issueBody(deps: Pick<Deps, 'db'>, typed: Record<string, string>, file = 'found-chapter.yml') {
  return renderIssueBody(parse((await issueForms(deps, 'zh')).find((f) => f.file === file)!.yaml), typed)
}

describe('review commands', () => {
  it('reads /approve and /reject with the rest as the comment, nothing else', () => {
    assert.deepEqual(reviewCommand('/approve'), { vote: 'approve', comment: null })
    assert.deepEqual(reviewCommand('  /Reject not enough events yet\nsee above'), {
      vote: 'reject',
      comment: 'not enough events yet\nsee above',
    })
    assert.equal(reviewCommand('I would /approve this'), null)
    assert.equal(reviewCommand('/approved'), null)
  })
})

for (const backend of await testBackends()) {
  describe(`applications from GitHub issues [${backend}]`, async () => {
    const github = await startFakeGithubApi()
    after(() => github.close())
    const t = await makeTestApp(backend, {
      GITHUB_WEBHOOK_SECRET: SECRET,
      GITHUB_TOKEN: 'ghp_test_token',
      GITHUB_API_URL: github.apiUrl,
    })
    t.setNow(NOW)
    const db = t.deps.db
    const sig = await ensureFoundingSig({ db })
    // A system subscribed to every event hears about these applications too.
    await subscribe(
      t.deps,
      { personId: t.superuser.id, roles: [{ role: 'administrator', sigId: null }] },
      {
        url: 'https://hooks.example.org/hearth',
        events: [],
        description: null,
      },
    )
    const deliver = (event: string, payload: Payload) => {
      const body = JSON.stringify(payload)
      return t.client().request('/webhooks/github', {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'x-github-event': event,
          'x-github-delivery': randomUUID(),
          'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
        },
      })
    }
    const applicationOutcome = async (res: Response) => {
      assert.equal(res.status, 200)
      return ((await res.json()) as { application?: string }).application
    }
    const opened = async (
      number: number,
      author: { id: number; login: string },
      typed: Record<string, string>,
    ) => {
      const p = example('issues', 'opened')
      p.repository.full_name = 'kubesphere/community'
      p.issue.number = number
      p.issue.title = '[found-chapter] 厦门'
      p.issue.labels = [{ name: 'application/found-chapter' }]
      p.issue.user = { ...p.issue.user, id: author.id, login: author.login }
      p.issue.body = await issueBody(t.deps, typed)
      return p
    }
    const comment = (number: number, author: number, body: string) => {
      const p = example('issue_comment', 'created')
      p.repository.full_name = 'kubesphere/community'
      p.issue.number = number
      p.comment.user = { ...p.comment.user, id: author }
      p.comment.body = body
      return p
    }
    const typed = {
      github: 'octo-lead',
      cityZh: '厦门',
      cityEn: 'Xiamen',
      country: 'CN',
      prerequisites: 'x',
      contact: 'octo@example.org',
      reason: '还没有本地 Meetup。\n\n### 我的经历\n\n组织过两次线下活动。',
      plan: '每季度一次 Meetup',
      audience: '40',
      audienceEvidence: '本地微信群 150 人',
    }
    /** A reviewer who signed in with GitHub (so their comments count). */
    const reviewer = async (githubId: number, role: 'sig_lead' | 'sig_member') => {
      const p = await makePerson(t.deps, { githubId, githubLogin: `reviewer-${githubId}` })
      await t.grant(p.id, role, sig.id)
      return githubId
    }

    it('turns an issue from the form into an application, once, and checks it again on the server', async () => {
      // The author contributed last month under this GitHub account.
      const author = { id: 55001, login: 'octo-lead' }
      await activity.upsertAccounts(db, [{ githubId: author.id, login: author.login, avatarUrl: null }], NOW)
      await activity.insertContributions(
        db,
        [
          {
            key: 'issues-test:1',
            githubId: author.id,
            login: author.login,
            avatarUrl: null,
            botAccount: false,
            kind: 'review',
            repoId: 1,
            repoName: 'kubesphere/kubesphere',
            number: 3,
            occurredAt: new Date(NOW.getTime() - 30 * 86_400_000),
          },
        ],
        'test',
      )
      assert.equal(
        await applicationOutcome(await deliver('issues', await opened(101, author, typed))),
        'submitted',
      )
      assert.equal(
        await applicationOutcome(await deliver('issues', await opened(101, author, typed))),
        'duplicate',
      )
      const application = await selectByIssue(db, 'KubeSphere/Community', 101)
      assert.equal(application?.state, 'submitted')
      assert.equal(application?.answers.reason, typed.reason, 'an answer with its own headings stays whole')
      // A private repository does not enforce required fields: the server does, and keeps a draft.
      const careless = { id: 55002, login: 'careless' }
      assert.equal(
        await applicationOutcome(
          await deliver('issues', await opened(102, careless, { ...typed, audience: '' })),
        ),
        'draft',
      )
      assert.equal((await selectByIssue(db, 'kubesphere/community', 102))?.state, 'draft')
      const other = example('issues', 'opened')
      assert.equal(await applicationOutcome(await deliver('issues', other)), 'ignored')
    })

    it('takes the applicant’s edits of the issue, keeping every version, and refuses other people’s', async () => {
      const edited = async (
        number: number,
        author: { id: number; login: string },
        answers: Record<string, string>,
      ) => {
        const p = await opened(number, author, answers)
        p.action = 'edited'
        p.sender = { ...p.sender, id: author.id, login: author.login }
        return p
      }
      // The draft kept for the missing audience is submitted once the issue says it…
      const careless = { id: 55002, login: 'careless' }
      await activity.insertContributions(
        db,
        [
          {
            key: 'issues-test:2',
            githubId: careless.id,
            login: careless.login,
            avatarUrl: null,
            botAccount: false,
            kind: 'push',
            repoId: 1,
            repoName: 'kubesphere/kubesphere',
            number: null,
            occurredAt: new Date(NOW.getTime() - 86_400_000),
          },
        ],
        'test',
      )
      const fixed = { ...typed, cityZh: '泉州', cityEn: 'Quanzhou' }
      assert.equal(
        await applicationOutcome(
          await deliver('issues', await edited(102, careless, { ...fixed, audience: '' })),
        ),
        'draft',
      )
      assert.equal(
        await applicationOutcome(await deliver('issues', await edited(102, careless, fixed))),
        'submitted',
      )
      const draft = await selectByIssue(db, 'kubesphere/community', 102)
      assert.equal(draft?.state, 'submitted')
      assert.equal(draft?.answers.cityEn, 'Quanzhou')
      // …a submitted application takes a valid edit and refuses one that breaks it, keeping both.
      const author = { id: 55001, login: 'octo-lead' }
      const plan = '每月一次 Meetup，另有入门培训'
      assert.equal(
        await applicationOutcome(await deliver('issues', await edited(101, author, { ...typed, plan }))),
        'revised',
      )
      assert.equal(
        await applicationOutcome(
          await deliver('issues', await edited(101, author, { ...typed, plan, audience: '12' })),
        ),
        'refused',
      )
      const application = await selectByIssue(db, 'kubesphere/community', 101)
      assert.equal(application?.answers.plan, plan)
      assert.equal(application?.answers.audience, 40)
      const history = await selectEvents(db, application!.id)
      assert.deepEqual(
        history.map((e) => e.kind),
        ['submit', 'edit', 'edit_refused'],
      )
      assert.equal(history[2]!.answers?.audience, '12', 'the refused version is kept as typed')
      assert.match(history[2]!.comment ?? '', /20 人/, 'why, in the language the issue was written in')
      // Someone else editing the applicant's issue changes nothing.
      const byMaintainer = await edited(101, author, { ...typed, plan: 'x' })
      byMaintainer.sender = { ...byMaintainer.sender, id: 424242 }
      assert.equal(await applicationOutcome(await deliver('issues', byMaintainer)), 'ignored')
      assert.equal((await selectByIssue(db, 'kubesphere/community', 101))?.answers.plan, plan)
      // The application page names what each version changed.
      const page = await (await t.clientAs(t.superuser.id)).get(`/en/applications/${application!.id}`)
      assert.match(await page.text(), /Changed: [^<]*plan/i)
    })

    it('counts /approve and /reject from linked reviewers only, and decides', async () => {
      const lead = await reviewer(66001, 'sig_lead')
      const memberA = await reviewer(66002, 'sig_member')
      const memberB = await reviewer(66003, 'sig_member')
      assert.equal(
        await applicationOutcome(await deliver('issue_comment', comment(101, 99999, '/approve'))),
        'ignored',
      )
      assert.equal(
        await applicationOutcome(
          await deliver('issue_comment', comment(101, memberA, 'Looks good\n/approve')),
        ),
        'ignored',
        'the command must come first',
      )
      for (const who of [memberA, memberB, lead])
        assert.equal(
          await applicationOutcome(await deliver('issue_comment', comment(101, who, '/approve 欢迎'))),
          'voted',
        )
      const { chapter } = await getChapter(t.deps, 'xiamen')
      assert.equal(chapter.status, 'active')
      assert.equal((await selectByIssue(db, 'kubesphere/community', 101))?.state, 'approved')
      assert.equal(
        await applicationOutcome(await deliver('issue_comment', comment(101, lead, '/reject'))),
        'ignored',
      )
    })

    it('comments the status back on the issues in both languages and closes decided ones, retrying when GitHub fails', async () => {
      const sendAll = () =>
        deliverPendingRequests(
          { db, log: t.deps.log, now: () => new Date() },
          { github: authoriseGithub(t.deps), webhook: async () => ({ drop: 'none here' }) },
        )
      github.state.failWrites = 1
      const first = await sendAll()
      const failed = await db
        .select()
        .from(httpOutbox)
        .where(and(eq(httpOutbox.kind, 'github'), isNotNull(httpOutbox.lastError)))
      assert.equal(failed.length, 1, 'one request met the outage and waits to be tried again')
      assert.equal(failed[0]!.lastStatus, 502)
      await db.update(httpOutbox).set({ nextAttemptAt: new Date(0) })
      const second = await sendAll()
      const outbox = await db.select().from(httpOutbox).where(eq(httpOutbox.kind, 'github'))
      assert.equal(first + second, outbox.length)
      assert.ok(
        outbox.every((r) => r.sentAt),
        'everything is delivered in the end',
      )
      const writes = github.state.requests.filter((r) => r.status < 300 && r.method !== 'GET')
      assert.ok(writes.every((r) => r.authorization === 'Bearer ghp_test_token'))
      const on = (n: number) => writes.filter((r) => r.path.endsWith(`/issues/${n}/comments`))
      const bodies = (n: number) => on(n).map((r) => (r.body as { body: string }).body)
      // (The request that met the outage went out last: look comments up by what they say.)
      const said = (n: number, pattern: RegExp) => bodies(n).filter((b) => pattern.test(b)).length
      // #102 was a draft twice: each comment lists what to fix, in both languages; then submitted.
      assert.equal(
        said(
          102,
          /申请暂时无法提交[\s\S]*此项为必填项[\s\S]*---[\s\S]*cannot be submitted yet[\s\S]*meetup[^\n]*: This field is required/,
        ),
        2,
      )
      assert.equal(said(102, /等待评审[\s\S]*waits for review/), 1)
      // #101: received, an edit refused (20 people), approved; then closed as completed.
      assert.equal(on(101).length, 3)
      assert.equal(said(101, /20 人及以上[\s\S]*20 or more people/), 1)
      assert.equal(said(101, /评审通过[\s\S]*Approved by the reviewers/), 1)
      const published = await db.select().from(httpOutbox).where(eq(httpOutbox.kind, 'webhook'))
      assert.deepEqual(
        published.map((r) => r.event).sort(),
        ['application.approved', 'application.submitted', 'application.submitted', 'chapter.founded'],
        'drafts and refused edits are not events; submissions, decisions and their consequences are',
      )
      const closed = writes.filter((r) => r.method === 'PATCH')
      assert.deepEqual(
        closed.map((r) => [r.path, r.body]),
        [['/repos/kubesphere/community/issues/101', { state: 'closed', state_reason: 'completed' }]],
      )
    })

    it('takes a request to join from the join form, naming the chapter from its list, and the leader’s /approve decides', async () => {
      const joiner = { id: 55003, login: 'octo-joiner' }
      const p = example('issues', 'opened')
      p.repository.full_name = 'kubesphere/community'
      p.issue.number = 103
      p.issue.title = '[join-chapter] 加入厦门站'
      p.issue.labels = [{ name: 'application/join-chapter' }]
      p.issue.user = { ...p.issue.user, id: joiner.id, login: joiner.login }
      p.issue.body = await issueBody(
        t.deps,
        { subject: '厦门', motivation: '参加过两次厦门的活动，想一起组织。', availability: '每月两个晚上' },
        'join-chapter.yml',
      )
      assert.equal(await applicationOutcome(await deliver('issues', p)), 'submitted')
      const application = await selectByIssue(db, 'kubesphere/community', 103)
      assert.equal(application?.subjectId, (await getChapter(t.deps, 'xiamen')).chapter.id)
      // The chapter's leader (who founded it through issue 101) decides by commenting. The joiner
      // has not been active lately: a comment carries no reason, so the leader is asked to judge on Hearth.
      assert.equal(
        await applicationOutcome(await deliver('issue_comment', comment(103, 55001, '/approve 欢迎！'))),
        'refused',
      )
      const asked = (await db.select().from(httpOutbox).where(eq(httpOutbox.kind, 'github')))
        .filter((r) => r.url.endsWith('/issues/103/comments'))
        .map((r) => (JSON.parse(r.body) as { body: string }).body)
        .find((b) => b.includes('未被计入'))
      assert.match(asked!, new RegExp(`近期在社区并不活跃[\\s\\S]*/zh/applications/${application!.id}`))
      assert.match(asked!, new RegExp(`not been active[\\s\\S]*/en/applications/${application!.id}`))
      assert.equal((await getChapter(t.deps, 'xiamen')).current.length, 1, 'nobody seated by that comment')
      // Once the joiner has contributed, the same comment decides.
      await activity.upsertAccounts(db, [{ githubId: joiner.id, login: joiner.login, avatarUrl: null }], NOW)
      await activity.insertContributions(
        db,
        [
          {
            key: 'issues-test:joiner',
            githubId: joiner.id,
            login: joiner.login,
            avatarUrl: null,
            botAccount: false,
            kind: 'review',
            repoId: 1,
            repoName: 'kubesphere/kubesphere',
            number: 4,
            occurredAt: new Date(NOW.getTime() - 7 * 86_400_000),
          },
        ],
        'test',
      )
      assert.equal(
        await applicationOutcome(await deliver('issue_comment', comment(103, 55001, '/approve 欢迎！'))),
        'voted',
      )
      const { current } = await getChapter(t.deps, 'xiamen')
      assert.deepEqual(
        current.map((s) => [s.person.handle, s.role]),
        [
          ['octo-lead', 'leader'],
          ['octo-joiner', 'member'],
        ],
      )
    })

    it('refuses a second issue for the same open application with a comment linking the first, and asks for private details on Hearth', async () => {
      const author = { id: 55009, login: 'octo-twice' }
      const commentsOn = async (n: number) =>
        (await db.select().from(httpOutbox).where(eq(httpOutbox.kind, 'github')))
          .filter((r) => r.url.endsWith(`/issues/${n}/comments`))
          .map((r) => (JSON.parse(r.body) as { body: string }).body)
      const { contact: _, ...withoutContact } = typed
      assert.equal(
        await applicationOutcome(await deliver('issues', await opened(105, author, withoutContact))),
        'draft',
        'not active lately: kept as a draft',
      )
      const first = (await selectByIssue(db, 'kubesphere/community', 105))!
      assert.equal(first.answers.contact, undefined, 'the public issue never holds the contact')
      const [told] = await commentsOn(105)
      assert.match(told!, /没有询问：联系方式[\s\S]*只有你本人、评审人和管理员[\s\S]*---/)
      assert.match(
        told!,
        new RegExp(`does not ask for: Contact[\\s\\S]*/en/applications/${first.id}[\\s\\S]*GitHub account`),
      )
      assert.equal(
        await applicationOutcome(await deliver('issues', await opened(106, author, withoutContact))),
        'repeated',
      )
      assert.equal(await selectByIssue(db, 'kubesphere/community', 106), undefined)
      const mine = await db.select().from(applications).where(eq(applications.applicantId, first.applicantId))
      assert.equal(mine.length, 1, 'one open application for the person, type and subject')
      const [refused] = await commentsOn(106)
      assert.match(refused!, new RegExp(`不会再新建一份[\\s\\S]*/zh/applications/${first.id}`))
      assert.match(refused!, new RegExp(`does not start a second one[\\s\\S]*/en/applications/${first.id}`))
      const closing = (await db.select().from(httpOutbox).where(eq(httpOutbox.kind, 'github'))).filter(
        (r) => r.method === 'PATCH' && r.url.endsWith('/issues/106'),
      )
      assert.equal(closing.length, 1)
    })

    it('calls the site by the community’s name on its issues, in each half’s language', async () => {
      const commentsOn = async (n: number) =>
        (await db.select().from(httpOutbox).where(eq(httpOutbox.kind, 'github')))
          .filter((r) => r.url.endsWith(`/issues/${n}/comments`))
          .map((r) => (JSON.parse(r.body) as { body: string }).body)
      const { contact: _, ...withoutContact } = typed
      await deliver('issues', await opened(107, { id: 55011, login: 'octo-unnamed' }, withoutContact))
      const [unnamed] = await commentsOn(107)
      assert.match(unnamed!, /请在社区网站上补充[\s\S]*---[\s\S]*Please add them on the community’s site,/)
      await upsertSettings(db, {
        nameZh: '青云社区',
        nameEn: 'Cloud Community',
        updatedAt: NOW,
        updatedBy: t.superuser.id,
      })
      try {
        await deliver('issues', await opened(108, { id: 55012, login: 'octo-named' }, withoutContact))
        const [named] = await commentsOn(108)
        assert.match(named!, /请在青云社区上补充[\s\S]*---[\s\S]*Please add them on Cloud Community,/)
        assert.doesNotMatch(named!, /Hearth/)
      } finally {
        await db.delete(communitySettings)
      }
    })
  })
}
