// Registering in a real browser: someone without an account answers the organisers' questions,
// confirms the e-mail code (a wrong one first: the answers stay) and lands on the event page
// holding a place; every registration page, the panel's states and the organisers' console are
// checked with axe in both languages, at a desktop's and a phone's width.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { startSession } from '../../src/features/accounts/index.ts'
import { register } from '../../src/features/events/events.registrations.ts'
import type { RegistrationQuestion } from '../../src/features/events/events.schema.ts'
import { makePerson, makeTestApp } from '../support/app.ts'
import {
  assertNoViolations,
  axeViolations,
  chromiumSkipReason,
  launchChromium,
  screenshot,
} from '../support/chromium.ts'
import { addOrganiser, insertEvent, registrationsOf } from '../support/events.registrations.ts'

const skip = chromiumSkipReason()
const questions: RegistrationQuestion[] = [
  { key: 'company', kind: 'text', labelZh: '公司', labelEn: 'Company', required: true },
  {
    key: 'meal',
    kind: 'choice',
    labelZh: '餐食',
    labelEn: 'Meal',
    required: true,
    options: [
      { key: 'veg', labelZh: '素食', labelEn: 'Vegetarian' },
      { key: 'any', labelZh: '不限', labelEn: 'Anything' },
    ],
  },
  { key: 'photos', kind: 'yes_no', labelZh: '可以拍照', labelEn: 'Photos are fine', required: false },
]

describe('registering in Chromium', { skip }, async () => {
  const t = await makeTestApp('pglite')
  const server = await t.listen()
  let browser: Browser
  before(async () => {
    browser = await launchChromium()
  })
  after(() => browser?.close())

  const open = async (path: string, options: { personId?: string; width?: number } = {}) => {
    const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 } })
    if (options.personId) {
      const { token } = await startSession(t.deps, options.personId, 'e2e')
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
    }
    const page = await context.newPage()
    const res = await page.goto(`${server.base}${path}`)
    return { page, status: res?.status(), close: () => context.close() }
  }

  it('takes someone without an account through the e-mail code, keeping their answers, to a place', async () => {
    const event = await insertEvent(t.deps.db, { questions, capacity: 5 })
    const { page, close } = await open(`/en/events/${event.slug}`)
    await page.getByRole('link', { name: 'Register', exact: true }).click()
    await page.getByLabel('E-mail address').fill('walk-in@hearth.test')
    await page.getByLabel('Company (required)').fill('Tea & Code')
    await page.getByLabel('Vegetarian').check()
    await page.getByRole('button', { name: 'Send me a code' }).click()
    await page.getByRole('heading', { name: 'Confirm your e-mail address' }).waitFor()
    const code = /\b(\d{6})\b/.exec((await t.lastMailTo('walk-in@hearth.test'))!.text)![1]!
    await page.getByLabel('Code').fill(code === '000000' ? '111111' : '000000')
    await page.getByRole('button', { name: 'Confirm and register' }).click()
    await page.getByText('That code is wrong or has expired').first().waitFor()
    await page.getByLabel('Code').fill(code)
    await page.getByRole('button', { name: 'Confirm and register' }).click()
    await page.getByText('You are going! Your ticket is on its way by mail.').waitFor()
    assert.match(page.url(), new RegExp(`/en/events/${event.slug}\\?registration=confirmed#registration$`))
    assert.ok(await page.getByRole('link', { name: 'Your ticket' }).isVisible())
    await screenshot(page, 'registration-done')
    const [row] = await registrationsOf(t.deps.db, event.id)
    assert.deepEqual(row!.answers, { company: 'Tea & Code', meal: 'veg' })
    await close()
  })

  it('passes axe on every registration page and panel state, in both languages, wide and narrow', async () => {
    const event = await insertEvent(t.deps.db, {
      questions,
      capacity: 2,
      mode: 'hybrid',
      onlineUrl: 'https://meet.example/x',
    })
    const full = await insertEvent(t.deps.db, { capacity: 1, requiresApproval: false })
    const organiser = await makePerson(t.deps, { email: 'axe-organiser@hearth.test' })
    await addOrganiser(t.deps.db, event.id, organiser.id)
    const [going, waiting, other] = [
      await makePerson(t.deps),
      await makePerson(t.deps),
      await makePerson(t.deps),
    ]
    await register(
      t.deps,
      { personId: going.id, roles: [] },
      { slug: event.slug, answers: { company: 'A', meal: 'any' } },
    )
    await register(t.deps, { personId: other.id, roles: [] }, { slug: full.slug, answers: {} })
    await register(t.deps, { personId: waiting.id, roles: [] }, { slug: full.slug, answers: {} })
    const visits: { path: string; personId?: string; act?: (page: Page) => Promise<void> }[] = []
    for (const l of ['en', 'zh']) {
      visits.push(
        { path: `/${l}/events/${event.slug}` },
        { path: `/${l}/events/${event.slug}?registration=confirmed`, personId: going.id },
        { path: `/${l}/events/${full.slug}`, personId: waiting.id },
        { path: `/${l}/events/${full.slug}` },
        { path: `/${l}/events/${event.slug}/register` },
        { path: `/${l}/events/${event.slug}/register`, personId: other.id },
        {
          path: `/${l}/events/${event.slug}/register`,
          act: async (page) => {
            await page.locator('main button[type=submit]').first().click()
            await page.waitForLoadState()
          },
        },
        { path: `/${l}/console/events/${event.id}/registrations`, personId: organiser.id },
      )
    }
    for (const width of [1280, 390])
      for (const visit of visits) {
        const { page, status, close } = await open(visit.path, { personId: visit.personId, width })
        assert.equal(status, 200, visit.path)
        if (visit.act) await visit.act(page)
        assertNoViolations(await axeViolations(page), `${visit.path} at ${width} px`)
        await close()
      }
  })
})
