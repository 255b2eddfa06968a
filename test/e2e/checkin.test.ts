// The door in real browsers: a member registers for their chapter's meetup with one click, opens
// their ticket, and an organiser on a second browser checks them in from what the ticket's QR code
// says (read back from the rendered page, as a phone's camera would); the SIG's chapter health board
// then names the meetup as the chapter's last offline event.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import jsqr from 'jsqr'
import type { Browser } from 'playwright-core'
import sharp from 'sharp'
import { startSession } from '../../src/features/accounts/index.ts'
import { chapters } from '../../src/features/chapters/chapters.schema.ts'
import { makePerson } from '../support/app.ts'
import { chapterWithTeam } from '../support/chapters.ts'
import { chromiumSkipReason, launchChromium, screenshot } from '../support/chromium.ts'
import { createEvent } from '../support/events.ts'

// CommonJS: Node hands its exports over as the default import, where TypeScript sees `default` inside.
const jsQR = jsqr as unknown as typeof jsqr.default
const skip = chromiumSkipReason()
// Half an hour into a meetup in Suzhou (14:00 local): the door is open.
const STARTS = new Date('2026-12-05T06:00:00Z')
const NOW = new Date('2026-12-05T06:30:00Z')

describe('checking in at the door in Chromium', { skip }, async () => {
  const team = await chapterWithTeam('pglite', NOW, { slug: 'suzhou', cityZh: '苏州', cityEn: 'Suzhou' })
  const { t, deps, leader, sigLead } = team
  const server = await t.listen()
  let browser: Browser
  before(async () => {
    browser = await launchChromium()
  })
  after(() => browser?.close())

  const signedIn = async (personId: string) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 900 } })
    const { token } = await startSession(deps, personId, 'e2e')
    await context.addCookies([
      {
        name: '__Host-hearth_session',
        value: token,
        domain: '127.0.0.1',
        path: '/',
        secure: true,
        httpOnly: true,
      },
    ])
    return context
  }

  it('registers a member, reads their ticket, checks them in from another browser, and the chapter counts the meetup', async () => {
    const [chapter] = await deps.db.select().from(chapters).where(eq(chapters.slug, 'suzhou'))
    const meetup = await createEvent(deps, {
      kind: 'meetup',
      chapterId: chapter!.id,
      startsAt: STARTS,
      endsAt: new Date(STARTS.getTime() + 3 * 3_600_000),
      titleEn: 'Suzhou Cloud Native Meetup',
      titleZh: '苏州云原生 Meetup',
      organisers: [leader],
    })
    const member = await makePerson(deps, { nameEn: 'Mei Lin' })

    const phone = await signedIn(member.id)
    const page = await phone.newPage()
    await page.goto(`${server.base}/en/events/${meetup.slug}`)
    await page.getByRole('button', { name: 'Register', exact: true }).click()
    await page.getByText('You are going! Your ticket is on its way by mail.').waitFor()
    await page.getByRole('link', { name: 'Your ticket' }).click()
    await page
      .getByRole('heading', { name: /Your ticket/ })
      .first()
      .waitFor()
    await screenshot(page, 'checkin-ticket')

    // What a camera sees: the QR code as drawn, decoded by the library the door page falls back to.
    const drawn = await page.locator('.ticket-qr-image svg').screenshot()
    const { data, info } = await sharp(drawn).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
    const read = jsQR(new Uint8ClampedArray(data), info.width, info.height)
    assert.ok(read, 'the ticket’s QR code reads back')
    const scanned = new URL(read.data)
    assert.match(scanned.pathname, /^\/checkin\/[A-Z0-9]+$/)

    const door = await signedIn(leader)
    const organiser = await door.newPage()
    await organiser.goto(`${server.base}${scanned.pathname}`)
    await organiser.locator('.door-preview').getByRole('button', { name: 'Check in', exact: true }).click()
    await organiser.getByText('Checked in: Mei Lin').first().waitFor()
    await screenshot(organiser, 'checkin-door')

    // Scanned again: said once, not counted twice.
    await organiser.goto(`${server.base}${scanned.pathname}`)
    await organiser
      .getByText(/Already checked in at/)
      .first()
      .waitFor()

    const board = await signedIn(sigLead)
    const health = await board.newPage()
    await health.goto(`${server.base}/en/console/chapters`)
    const link = health.getByRole('link', { name: 'Suzhou Cloud Native Meetup' })
    await link.first().waitFor()
    assert.equal(await link.first().getAttribute('href'), `/en/events/${meetup.slug}`)
    await health.getByText('1 checked in').first().waitFor()
    await Promise.all([phone.close(), door.close(), board.close()])
  })
})
