import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import {
  assertNoViolations,
  axeViolations,
  chromiumSkipReason,
  launchChromium,
} from '../../../test/support/chromium.ts'
import { testBackends } from '../../../test/support/db.ts'
import { createEvent } from '../../../test/support/events.ts'
import { proposalReviews, proposalSpeakers, proposals } from '../../platform/db/schema.ts'
import { startSession } from '../accounts/index.ts'
import { addReviewer, addTrack, saveCall, submitProposal } from './programme.proposals.ts'

const DAY = 86_400_000
const NOW = new Date('2026-10-01T02:00:00Z')
const STARTS = new Date('2026-12-05T01:00:00Z')
const text = async (res: Response) => (await res.text()).replace(/\s+/g, ' ')
/** Where screenshots go to be looked at (not kept by the repository). */
const SHOTS = process.env.PROPOSAL_SHOTS ?? '/tmp/p16/shots'

const form = {
  title: 'Operators that heal themselves',
  abstract: 'How our operators notice drift and repair it before anyone is paged.',
  description: 'Reconcile loops, backoff, observability.',
  level: 'advanced',
  duration: '45',
  kind: 'talk',
  language: 'en',
  coSpeakers: '',
  notes: 'Happy to shorten it to 30 minutes.',
}

for (const backend of await testBackends()) {
  describe(`call for speakers pages [${backend}]`, async () => {
    const t = await makeTestApp(backend)
    t.setNow(NOW)
    const deps = t.deps
    const actor = (personId: string) => ({ personId, roles: [] })
    const organiser = await makePerson(deps, { nameEn: 'Olivia Organiser', nameZh: '欧丽' })
    const speaker = await makePerson(deps, { nameEn: 'Sam Speaker', nameZh: '孙讲', email: 'sam@pages.test' })
    const reviewer = await makePerson(deps, { nameEn: 'Rita Reviewer', handle: `rita-p-${process.pid}` })
    const stranger = await makePerson(deps, { nameEn: 'Stan Stranger' })
    const event = await createEvent(deps, {
      startsAt: STARTS,
      endsAt: new Date(STARTS.getTime() + 2 * DAY),
      organisers: [organiser.id],
      titleEn: 'KubeCon Hong Kong',
      titleZh: 'KubeCon 香港',
    })
    await saveCall(deps, actor(organiser.id), event.id, {
      opensAt: new Date(NOW.getTime() - DAY),
      closesAt: new Date(NOW.getTime() + 10 * DAY),
      fields: ['description', 'level', 'kind', 'track', 'language', 'coSpeakers', 'notes'],
      durations: [30, 45],
      anonymousReviews: true,
      acceptTemplateZh: null,
      acceptTemplateEn: null,
      rejectTemplateZh: null,
      rejectTemplateEn: null,
    })
    const track = await addTrack(deps, actor(organiser.id), event.id, {
      nameZh: '可观测性',
      nameEn: 'Observability',
    })
    await addReviewer(deps, actor(organiser.id), event.id, { handle: reviewer.handle, trackId: null })
    const asSpeaker = await t.clientAs(speaker.id)
    const asOrganiser = await t.clientAs(organiser.id)
    const asReviewer = await t.clientAs(reviewer.id)
    const asStranger = await t.clientAs(stranger.id)
    const proposeUrl = (locale: string) => `/${locale}/events/${event.slug}/propose`

    it('lets a signed-in member propose a talk on the form, in either language, and lists it on My proposals', async () => {
      const zh = await text(await asSpeaker.get(proposeUrl('zh')))
      assert.match(zh, /提交议题/)
      assert.match(zh, /给评审的备注/)
      const en = await text(await asSpeaker.get(proposeUrl('en')))
      assert.match(en, /Notes for the reviewers/)
      assert.match(en, /Observability/)
      const eventPage = await text(await t.client().get(`/en/events/${event.slug}`))
      assert.match(eventPage, new RegExp(`href="/en/events/${event.slug}/propose"`))
      assert.match(eventPage, /The call for speakers is open until/)
      const anonymous = await text(await t.client().get(proposeUrl('en')))
      assert.match(anonymous, /Sign in to propose a talk/)
      const bad = await asSpeaker.postForm(proposeUrl('en'), { ...form, title: '', duration: '50' })
      assert.equal(bad.status, 422)
      const badPage = await text(bad)
      assert.match(badPage, /This field is required/)
      const res = await asSpeaker.postForm(proposeUrl('en'), { ...form, track: track.id })
      assert.equal(res.status, 303)
      const mine = await text(await asSpeaker.get(res.headers.get('location')!))
      assert.match(mine, /Your proposal is sent/)
      assert.match(mine, /Operators that heal themselves/)
      assert.match(mine, /Submitted/)
      assert.match(mine, /Withdraw/)
      const [row] = await deps.db.select().from(proposals).where(eq(proposals.title, form.title))
      assert.equal(row!.trackId, track.id)
      assert.match(await text(await asSpeaker.get('/en/me')), /href="\/en\/proposals">My proposals/)
    })

    it('lets the organisers sort and filter the table by the query string, queue decisions and send them once', async () => {
      const other = await submitProposal(deps, actor(stranger.id), event.slug, {
        ...form,
        title: 'Zebra talk',
        level: 'beginner',
        duration: '30',
      })
      const [mine] = await deps.db.select().from(proposals).where(eq(proposals.title, form.title))
      await asReviewer.postForm(`/en/events/${event.slug}/reviews/${mine!.id}`, {
        score: '5',
        comment: 'Great',
      })
      await asReviewer.postForm(`/en/events/${event.slug}/reviews/${other.id}`, { score: '2', comment: '' })
      const base = `/en/console/events/${event.id}/proposals`
      const page = await text(await asOrganiser.get(base))
      assert.ok(page.indexOf(form.title) < page.indexOf('Zebra talk'), 'best median first')
      const byTitle = await text(await asOrganiser.get(`${base}?sort=title&dir=desc`))
      assert.ok(byTitle.indexOf('Zebra talk') < byTitle.indexOf(form.title))
      const beginners = await text(await asOrganiser.get(`${base}?level=beginner`))
      assert.match(beginners, /Zebra talk/)
      assert.doesNotMatch(beginners, /Operators that heal/)
      assert.match(beginners, /1 of 2 proposals/)
      assert.equal((await asStranger.get(base)).status, 403)
      assert.equal(
        (await asOrganiser.postForm(`${base}/${mine!.id}/decide`, { decision: 'accept' })).status,
        303,
      )
      await asOrganiser.postForm(`${base}/${other.id}/decide`, { decision: 'reject' })
      assert.match(await text(await asOrganiser.get(base)), /2 decisions wait to be sent/)
      const sent = await asOrganiser.postForm(`${base}/send`, {})
      assert.match(await text(await asOrganiser.get(sent.headers.get('location')!)), /2 decisions are sent/)
      const again = await asOrganiser.postForm(`${base}/send`, {})
      assert.match(again.headers.get('location')!, /sent=0/)
      const zh = await text(await asOrganiser.get(`/zh/console/events/${event.id}/proposals`))
      assert.match(zh, /已录用/)
      assert.match(zh, /未录用/)
      // A rejected proposal can be reopened; the state history keeps both moves.
      const reopened = await asOrganiser.postForm(`${base}/${other.id}/move`, { move: 'reopen' })
      assert.match(
        await text(await asOrganiser.get(reopened.headers.get('location')!)),
        /open for review again/,
      )
      const [back] = await deps.db.select().from(proposals).where(eq(proposals.id, other.id))
      assert.equal(back!.state, 'submitted')
      assert.equal((await asStranger.postForm(`${base}/${other.id}/move`, { move: 'cancel' })).status, 403)
    })

    it('refuses a review by someone who is not a reviewer and shows reviewers no speaker names when reviews are anonymous', async () => {
      const p = await submitProposal(deps, actor(speaker.id), event.slug, { ...form, title: 'Anonymous one' })
      const review = await text(await asReviewer.get(`/en/events/${event.slug}/reviews/${p.id}`))
      assert.match(review, /Reviews are anonymous/)
      assert.doesNotMatch(review, /Sam Speaker/)
      assert.match(review, /Happy to shorten it/)
      const refused = await asStranger.postForm(`/en/events/${event.slug}/reviews/${p.id}`, { score: '5' })
      assert.equal(refused.status, 403)
      assert.match(await text(refused), /You are not a reviewer of this proposal/)
      const hers = await submitProposal(deps, actor(reviewer.id), event.slug, { ...form, title: 'Her own' })
      const own = await asReviewer.postForm(`/zh/events/${event.slug}/reviews/${hers.id}`, { score: '5' })
      assert.equal(own.status, 403)
      assert.match(await text(own), /你不能评审自己参与的提案/)
      await asReviewer.postForm(`/en/events/${event.slug}/reviews/${p.id}`, {
        score: '3',
        comment: 'First read',
      })
      const replaced = await asReviewer.postForm(`/en/events/${event.slug}/reviews/${p.id}`, {
        score: '4',
        comment: 'Second read',
      })
      const after = await text(await asReviewer.get(replaced.headers.get('location')!))
      assert.match(after, /Your review is saved/)
      assert.match(after, /Your earlier reviews/)
      assert.match(after, /First read/)
      const rows = await deps.db.select().from(proposalReviews).where(eq(proposalReviews.proposalId, p.id))
      assert.equal(rows.length, 2)
      const queue = await text(await asReviewer.get(`/en/events/${event.slug}/reviews`))
      assert.match(queue, /Anonymous one/)
      assert.equal((await asStranger.get(`/en/events/${event.slug}/reviews`)).status, 403)
    })

    it('lets a speaker confirm from the mail’s link, and refuses someone else signed in', async () => {
      const [mine] = await deps.db.select().from(proposals).where(eq(proposals.title, form.title))
      const [row] = await deps.db
        .select()
        .from(proposalSpeakers)
        .where(eq(proposalSpeakers.proposalId, mine!.id))
      const link = `/en/speakers/confirm/${row!.secret}`
      const mail = await t.lastMailTo('sam@pages.test')
      assert.ok(
        mail!.text.includes(`/speakers/confirm/${row!.secret}`),
        'the acceptance mail carries the link',
      )
      const theirs = await text(await asStranger.get(link))
      assert.match(theirs, /This link is someone else’s/)
      const refused = await asStranger.postForm(link, { answer: 'confirm' })
      assert.equal(refused.status, 403)
      assert.match(await text(refused), /This session is not yours/)
      const page = await text(await t.client().get(link))
      assert.match(page, /Yes, I confirm/)
      const yes = await t.client().postForm(link, { answer: 'confirm' })
      assert.match(await text(await t.client().get(yes.headers.get('location')!)), /You confirmed/)
      const [after] = await deps.db.select().from(proposals).where(eq(proposals.id, mine!.id))
      assert.equal(after!.state, 'confirmed')
    })

    it('refuses a proposal after the call closes, with a clear answer, and keeps nothing', async () => {
      t.setNow(new Date(NOW.getTime() + 11 * DAY))
      try {
        const page = await text(await asSpeaker.get(proposeUrl('en')))
        assert.match(page, /The call for speakers is closed/)
        const before = (await deps.db.select().from(proposals)).length
        const res = await asSpeaker.postForm(proposeUrl('zh'), { ...form, title: 'Too late' })
        assert.equal(res.status, 409)
        assert.match(await text(res), /演讲征集已截止/)
        assert.equal((await deps.db.select().from(proposals)).length, before)
      } finally {
        t.setNow(NOW)
      }
    })

    it('takes proposals and reviews through the API, with the same refusals', async () => {
      const api = (client: typeof asSpeaker, method: string, path: string, body?: unknown) =>
        client.api(method, `/api/v1${path}`, body)
      const made = await api(asSpeaker, 'POST', `/events/${event.slug}/proposals`, {
        title: 'Through the API',
        abstract: 'Scripts propose too.',
        duration: 30,
        level: 'beginner',
      })
      assert.equal(made.status, 201)
      const proposal = (await made.json()) as { id: string; state: string; event: string }
      assert.equal(proposal.state, 'submitted')
      assert.equal(proposal.event, event.slug)
      const bad = await api(asSpeaker, 'POST', `/events/${event.slug}/proposals`, {
        title: 'x',
        abstract: 'y',
        duration: 50,
      })
      assert.equal(bad.status, 422)
      const mine = (await (await api(asSpeaker, 'GET', '/proposals')).json()) as { id: string }[]
      assert.ok(mine.some((m) => m.id === proposal.id))
      assert.equal(
        (await api(asStranger, 'POST', `/proposals/${proposal.id}/reviews`, { score: 4 })).status,
        403,
      )
      const reviewed = await api(asReviewer, 'POST', `/proposals/${proposal.id}/reviews`, {
        score: 4,
        comment: 'ok',
      })
      assert.equal(reviewed.status, 201)
      await api(asReviewer, 'POST', `/proposals/${proposal.id}/reviews`, { score: 5 })
      const reviews = (await (await api(asReviewer, 'GET', `/proposals/${proposal.id}/reviews`)).json()) as {
        score: number
        replacedAt: string | null
      }[]
      assert.deepEqual(
        reviews.map((r) => [r.score, r.replacedAt === null]),
        [
          [4, false],
          [5, true],
        ],
      )
      const listed = (await (await api(asOrganiser, 'GET', `/events/${event.slug}/proposals`)).json()) as {
        id: string
        median: number | null
      }[]
      assert.equal(listed.find((r) => r.id === proposal.id)!.median, 5)
      assert.equal((await api(asSpeaker, 'GET', `/events/${event.slug}/proposals`)).status, 403)
      const withdrawn = await api(asSpeaker, 'POST', `/proposals/${proposal.id}/withdraw`)
      assert.equal(((await withdrawn.json()) as { state: string }).state, 'withdrawn')
    })

    it('passes axe in Chinese and English, and is screenshotted at desktop and phone width', {
      skip: backend !== 'pglite' || chromiumSkipReason(),
    }, async () => {
      const site = await t.listen()
      const browser = await launchChromium()
      try {
        const [p] = await deps.db.select().from(proposals).where(eq(proposals.title, 'Anonymous one'))
        const pages = [
          { name: 'propose', path: `/events/${event.slug}/propose`, as: speaker.id },
          { name: 'mine', path: '/proposals', as: speaker.id },
          { name: 'table', path: `/console/events/${event.id}/proposals`, as: organiser.id },
          { name: 'review', path: `/events/${event.slug}/reviews/${p!.id}`, as: reviewer.id },
          { name: 'queue', path: `/events/${event.slug}/reviews`, as: reviewer.id },
        ]
        mkdirSync(SHOTS, { recursive: true })
        for (const width of [1280, 390]) {
          const context = await browser.newContext({ viewport: { width, height: 900 } })
          const page = await context.newPage()
          for (const entry of pages) {
            const { token } = await startSession(deps, entry.as, 'test')
            await context.clearCookies()
            await context.addCookies([
              { name: '__Host-hearth_session', value: token, domain: '127.0.0.1', path: '/', secure: true },
            ])
            for (const locale of ['zh', 'en']) {
              const res = await page.goto(`${site.base}/${locale}${entry.path}`)
              assert.equal(res?.status(), 200, `${locale}${entry.path}`)
              assert.equal(
                new URL(page.url()).pathname,
                `/${locale}${entry.path}`,
                'signed in, not sent away',
              )
              if (width === 1280) assertNoViolations(await axeViolations(page), `/${locale}${entry.path}`)
              await page.screenshot({ path: `${SHOTS}/${entry.name}-${locale}-${width}.png`, fullPage: true })
            }
          }
          await context.close()
        }
      } finally {
        await browser.close()
      }
    })
  })
}
