// The door's "just arrived" list stays current on every device, as its counts do: the counts
// address sends the list as the page renders it, and checkin.js swaps it in.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import type { Browser } from 'playwright-core'
import { makePerson } from '../../../test/support/app.ts'
import { chapterWithTeam } from '../../../test/support/chapters.ts'
import { chromiumSkipReason, launchChromium } from '../../../test/support/chromium.ts'
import { testBackends } from '../../../test/support/db.ts'
import { registerFor } from '../../../test/support/events.checkin.ts'
import { createEvent } from '../../../test/support/events.ts'
import { chapters } from '../../platform/db/schema.ts'
import { startSession } from '../accounts/index.ts'
import { scanTicket } from './events.checkin.ts'

// Two minutes into a meetup in Suzhou, 14:00–17:00 on Saturday 5 December 2026 (UTC+8).
const STARTS = new Date('2026-12-05T06:00:00Z')
const ENDS = new Date('2026-12-05T09:00:00Z')
const AT_1402 = new Date('2026-12-05T06:02:00Z')

for (const backend of await testBackends()) {
  describe(`the door's "just arrived" list, live [${backend}]`, async () => {
    const { t, deps, actorOf } = await chapterWithTeam(backend, AT_1402, {
      slug: 'suzhou',
      cityZh: '苏州',
      cityEn: 'Suzhou',
    })
    const [chapter] = await deps.db.select().from(chapters).where(eq(chapters.slug, 'suzhou'))
    const organiser = await makePerson(deps, { nameEn: 'Olivia Organiser', nameZh: '欧组织' })
    const meetup = await createEvent(deps, {
      kind: 'meetup',
      chapterId: chapter!.id,
      startsAt: STARTS,
      endsAt: ENDS,
      timeZone: 'Asia/Shanghai',
      organisers: [organiser.id],
    })
    const asOrganiser = await t.clientAs(organiser.id)
    const live = async (locale: 'en' | 'zh') =>
      (await (await asOrganiser.get(`/${locale}/console/events/${meetup.id}/checkin/counts`)).json()) as {
        checkedIn: number
        recent: string
      }

    it('sends who just arrived with the counts, newest first, in the device’s language', async () => {
      const before = await live('en')
      assert.equal(before.checkedIn, 0)
      assert.match(before.recent, /Nobody has been checked in yet\./)
      const first = await makePerson(deps, { nameEn: 'Ann <First>', nameZh: '安' })
      const second = await makePerson(deps, { nameEn: 'Bo Second', nameZh: '博' })
      const actor = await actorOf(organiser.id)
      await scanTicket(deps, actor, meetup.id, (await registerFor(deps, meetup.id, first.id)).ticketCode)
      t.setNow(new Date(AT_1402.getTime() + 60_000))
      await scanTicket(deps, actor, meetup.id, (await registerFor(deps, meetup.id, second.id)).ticketCode)
      const en = await live('en')
      assert.equal(en.checkedIn, 2)
      // Escaped as the page escapes it, the newest first, with the time in the event's zone.
      assert.ok(en.recent.includes('Ann &lt;First&gt;'), en.recent)
      assert.ok(en.recent.indexOf('Bo Second') < en.recent.indexOf('Ann &lt;First&gt;'))
      assert.match(en.recent, /14:03/)
      assert.ok((await live('zh')).recent.includes('博'))
      // The page itself shows the same list where the script swaps it.
      const page = await (await asOrganiser.get(`/en/console/events/${meetup.id}/checkin`)).text()
      assert.match(page, /<div class="door-recent-live">[\s\S]*Bo Second/)
      assert.equal((await t.client().get(`/en/console/events/${meetup.id}/checkin/counts`)).status, 302)
    })

    describe('in two browsers', { skip: backend !== 'pglite' || chromiumSkipReason() }, () => {
      let browser: Browser
      before(async () => {
        browser = await launchChromium()
      })
      after(() => browser?.close())

      it('shows a check-in made on one device in the other’s list without reloading', async () => {
        const server = await t.listen()
        const door = async () => {
          const context = await browser.newContext({ viewport: { width: 390, height: 900 } })
          const { token } = await startSession(deps, organiser.id, 'e2e')
          await context.addCookies([
            { name: '__Host-hearth_session', value: token, domain: '127.0.0.1', path: '/', secure: true },
          ])
          const page = await context.newPage()
          await page.goto(`${server.base}/en/console/events/${meetup.id}/checkin`)
          return { context, page }
        }
        const [a, b] = [await door(), await door()]
        const guest = await makePerson(deps, { nameEn: 'Cai Third', nameZh: '蔡' })
        const reg = await registerFor(deps, meetup.id, guest.id)
        await a.page.getByLabel(/Ticket code/).fill(reg.ticketCode)
        await a.page.locator('.door-code-form button[type=submit]').click()
        await a.page
          .locator('.door-recent-live')
          .getByText(/Cai Third/)
          .waitFor({ timeout: 3000 })
        // The other phone was not touched: its next round brings the arrival.
        await b.page
          .locator('.door-recent-live')
          .getByText(/Cai Third/)
          .waitFor({ timeout: 8000 })
        // Newest first: at the head of the list, above the two checked in before.
        assert.match((await b.page.locator('.door-recent-live li').first().textContent()) ?? '', /Cai Third/)
        assert.equal(await b.page.locator('.door-recent-live li').count(), 3)
        await Promise.all([a.context.close(), b.context.close()])
      })
    })
  })
}
