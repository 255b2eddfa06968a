// A talk from proposal to the public schedule, in real browsers against a real server whose mail
// goes to an SMTP sink on loopback: the organiser makes the demo conference's next edition and
// opens its call with two reviewers; a member proposes a talk; both reviewers score it; the
// organiser queues the acceptance and sends the decisions; the speaker confirms from the link in
// the mail the sink received; the organiser places the talk with the editor's plain form and
// publishes version 0.1; the talk is then on the public grid and in schedule.json.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import pg from 'pg'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { messagesFor } from '../../src/platform/i18n/index.ts'
import { chromiumSkipReason, launchChromium, screenshot } from '../support/chromium.ts'
import { postgresAdminUrl, testBackends, withDatabase } from '../support/db.ts'
import { type HearthProcess, startHearthProcess } from '../support/server.ts'
import { decodeMail, signInCodeIn, startSmtpSink } from '../support/smtp.ts'

const en = messagesFor('en')
const tp = en.programmeProposals
const te = en.programmeSchedule.editor
const HK = 8 * 3_600_000
const DAY = 86_400_000
/** A moment as Hong Kong's wall clock (no daylight saving there), as datetime-local inputs take it. */
const hkLocal = (at: Date) => new Date(at.getTime() + HK).toISOString().slice(0, 16)

/** An empty database of its own on the test PostgreSQL (the server migrates it and loads the demo). */
async function emptyPostgres() {
  const name = `hearth_e2e_programme_${process.pid}`
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: postgresAdminUrl() })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  await admin(`drop database if exists "${name}" with (force)`)
  await admin(`create database "${name}"`)
  return {
    url: withDatabase(postgresAdminUrl(), name),
    drop: () => admin(`drop database if exists "${name}" with (force)`),
  }
}

const skip = chromiumSkipReason()
for (const backend of skip ? (['pglite'] as const) : await testBackends())
  describe(`a talk from proposal to the public schedule in Chromium (${backend})`, { skip }, () => {
    let sink: Awaited<ReturnType<typeof startSmtpSink>>
    let server: HearthProcess
    let browser: Browser
    let dataDir: string
    let database: Awaited<ReturnType<typeof emptyPostgres>> | undefined
    const contexts: BrowserContext[] = []

    before(async () => {
      sink = await startSmtpSink()
      dataDir = mkdtempSync(join(tmpdir(), 'hearth-e2e-programme-'))
      database = backend === 'postgres' ? await emptyPostgres() : undefined
      ;[server, browser] = await Promise.all([
        startHearthProcess(
          {
            DATA_DIR: dataDir,
            DATABASE_URL: database?.url ?? '',
            DEMO: '1',
            SMTP_URL: sink.url,
            LOG_LEVEL: 'warn',
          },
          // A first start on an empty directory loads the demo; a busy machine takes its time.
          { timeoutMs: 180_000 },
        ),
        launchChromium(),
      ])
    })
    after(async () => {
      for (const c of contexts) await c.close()
      await browser?.close()
      await server?.stop()
      await sink?.close()
      await database?.drop()
      if (dataDir) rmSync(dataDir, { recursive: true, force: true })
    })

    /** A browser of its own, signed in through the e-mail code the sink receives. */
    async function signedIn(email: string): Promise<Page> {
      const context = await browser.newContext({
        baseURL: server.url,
        viewport: { width: 1280, height: 900 },
      })
      context.setDefaultTimeout(20_000)
      contexts.push(context)
      const page = await context.newPage()
      await page.goto('/en/sign-in')
      const since = sink.received.length
      await page.getByRole('textbox', { name: en.signIn.email, exact: true }).fill(email)
      await page.keyboard.press('Enter')
      await page.waitForURL('**/en/sign-in/code?**')
      const mail = await sink.waitFor(email, /\b\d{6}\b/)
      assert.ok(sink.received.indexOf(mail) >= since)
      await page.getByRole('textbox', { name: en.signIn.code, exact: true }).fill(signInCodeIn(mail)!)
      await page.keyboard.press('Enter')
      await page.waitForURL(/\/en\/(me|onboarding)/)
      return page
    }

    it('is proposed, reviewed twice, accepted, confirmed from the mail, placed, published, and shown', async () => {
      const now = Date.now()
      const title = 'Tracing a request across forty services'
      const member = 'speaker-e2e@example.org'

      // The organiser makes next year's edition (its rooms come with it) and publishes it.
      const organiser = await signedIn('fawei@hearth.example')
      await organiser.goto('/en/console/events')
      await organiser
        .getByRole('link', { name: /Cloud Native Community Day Hong Kong/ })
        .first()
        .click()
      await organiser.waitForURL(/\/en\/console\/events\/[0-9a-f-]{36}$/)
      const startsAt = new Date(Math.floor((now + 60 * DAY) / DAY) * DAY + 1 * 3_600_000) // 09:00 in Hong Kong
      await organiser.locator('#copy-startsAt').fill(hkLocal(startsAt))
      await organiser.getByRole('button', { name: en.events.console.copyButton }).click()
      await organiser.waitForURL(/\/en\/console\/events\/[0-9a-f-]{36}\?notice=copied/)
      const eventId = /\/console\/events\/([0-9a-f-]{36})/.exec(organiser.url())![1]!
      await organiser.getByRole('button', { name: en.events.console.actions.publish, exact: true }).click()
      await organiser.waitForURL(/notice=publish/)

      // Its call opens now and closes three weeks before the event; two reviewers for every track.
      await organiser.goto(`/en/console/events/${eventId}/proposals`)
      await organiser.locator('[name="opensAt"]').fill(hkLocal(new Date(now - 3_600_000)))
      await organiser.locator('[name="closesAt"]').fill(hkLocal(new Date(now + 30 * DAY)))
      await organiser.locator('[name="durations"]').fill('30, 45')
      await organiser.getByRole('button', { name: tp.console.saveCall }).click()
      await organiser.getByText(tp.notices.callSaved!).waitFor()
      for (const handle of ['yin-min', 'li-na']) {
        await organiser.locator('[name="handle"]').fill(handle)
        await organiser.getByRole('button', { name: tp.console.addReviewer }).click()
        await organiser.getByText(tp.notices.reviewerAdded!).waitFor()
      }
      await organiser.goto(`/en/console/events/${eventId}/schedule`)
      const publicSchedule = await organiser.getByRole('link', { name: te.viewPublic }).getAttribute('href')
      const slug = /^\/en\/events\/([^/]+)\/schedule$/.exec(publicSchedule ?? '')?.[1]
      assert.ok(slug, `the editor links the public schedule (${publicSchedule})`)

      // A member proposes a talk on the event's form.
      const speaker = await signedIn(member)
      await speaker.goto(`/en/events/${slug}/propose`)
      await speaker.getByRole('textbox', { name: tp.fields.title.label }).fill(title)
      await speaker
        .getByRole('textbox', { name: tp.fields.abstract.label })
        .fill('Following one slow checkout through forty services with OpenTelemetry, and what we changed.')
      await speaker.locator('#field-duration').selectOption('30')
      await speaker.locator('#field-language').selectOption('en')
      await speaker.getByRole('button', { name: tp.propose.submit }).click()
      await speaker.waitForURL('**/en/proposals?notice=submitted')
      await speaker.getByText(title).first().waitFor()
      await screenshot(speaker, `programme-journey-proposed-${backend}`)

      // Two reviewers score it from their queue.
      for (const [email, score] of [
        ['yin-min@hearth.example', 5],
        ['li-na@hearth.example', 4],
      ] as const) {
        const reviewer = await signedIn(email)
        await reviewer.goto(`/en/events/${slug}/reviews`)
        await reviewer.getByRole('link', { name: title }).click()
        await reviewer.getByRole('radio', { name: tp.review.scores[score]! }).check()
        await reviewer
          .getByRole('textbox', { name: tp.review.comment })
          .fill('Concrete and useful; the audience will learn from it.')
        await reviewer.getByRole('button', { name: tp.review.submit }).click()
        await reviewer.getByText(tp.notices.reviewed!).first().waitFor()
      }

      // The organiser sees both reviews, queues the acceptance and sends the decisions.
      await organiser.goto(`/en/console/events/${eventId}/proposals`)
      const row = organiser.locator('tr', { hasText: title })
      assert.match((await row.textContent()) ?? '', /4\.5/, 'the median of 5 and 4')
      await organiser.getByRole('button', { name: tp.console.acceptLabel(title) }).click()
      await organiser.getByText(tp.notices.queued!).waitFor()
      await organiser.getByRole('button', { name: tp.console.send }).click()
      await organiser.waitForURL(/sent=1/)
      await organiser.getByText(tp.sent(1)).first().waitFor()

      // The speaker confirms from the link in the acceptance mail.
      const acceptance = decodeMail((await sink.waitFor(member, /speakers\/confirm\//, 30_000)).raw)
      const link = /https?:\/\/[^\s"<>]+\/speakers\/confirm\/[A-Za-z0-9_-]+/.exec(acceptance)?.[0]
      assert.ok(link, 'the acceptance mail carries the confirm link')
      assert.ok(link.startsWith(server.url), link)
      await speaker.goto(link)
      await speaker.getByRole('button', { name: tp.confirm.confirm }).click()
      await speaker.getByText(tp.confirm.confirmed).first().waitFor()
      await screenshot(speaker, `programme-journey-confirmed-${backend}`)

      // The organiser places it in Room B on the second day with the plain form, then publishes 0.1.
      await organiser.goto(`/en/console/events/${eventId}/schedule`)
      const form = organiser.getByRole('form', { name: te.placeOf(title) })
      await form.getByLabel(te.room).selectOption({ label: 'Room B' })
      const day2 = new Date(startsAt.getTime() + DAY + HK).toISOString().slice(0, 10)
      await form.getByLabel(te.day).selectOption(day2)
      await form.getByLabel(te.start).fill('16:00')
      await form.getByLabel(te.end).fill('16:30')
      await form.getByRole('button', { name: te.place }).click()
      await organiser.getByText(te.placed).first().waitFor()
      await organiser.getByRole('button', { name: te.publish('0.1') }).click()
      await organiser.getByText(te.publishedDone('0.1')).first().waitFor()
      await screenshot(organiser, `programme-journey-published-${backend}`)

      // Anyone now finds it on the public grid, in Room B at 16:00 on the second day, and in schedule.json.
      const context = await browser.newContext({ baseURL: server.url })
      contexts.push(context)
      const reader = await context.newPage()
      await reader.goto(`/en/events/${slug}/schedule`)
      const day = reader.locator(`#day-${day2}`)
      await day.getByRole('link', { name: title }).waitFor()
      assert.match((await reader.textContent('main')) ?? '', /0\.1/)
      await screenshot(reader, `programme-journey-grid-${backend}`)
      const json = (await (await reader.request.get(`/en/events/${slug}/schedule.json`)).json()) as {
        schedule: {
          version: string
          conference: { days: { date: string; rooms: Record<string, { title: string; start: string }[]> }[] }
        }
      }
      assert.equal(json.schedule.version, '0.1')
      const onDay = json.schedule.conference.days.find((d) => d.date === day2)
      const talk = Object.entries(onDay?.rooms ?? {}).flatMap(([room, talks]) =>
        talks.filter((x) => x.title === title).map((x) => ({ room, start: x.start })),
      )
      assert.deepEqual(talk, [{ room: 'Room B', start: '16:00' }])
    })
  })
