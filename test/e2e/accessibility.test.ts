import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { messagesFor } from '../../src/platform/i18n/index.ts'
import {
  assertNoViolations,
  axeViolations,
  chromiumSkipReason,
  launchChromium,
  type Site,
  screenshot,
  signInWithCode,
  startSite,
} from '../support/chromium.ts'

const en = messagesFor('en')

/** Every page that exists, as a visitor sees it or (signedIn) as the demo administrator does. */
const pages: { path: string; status?: number; signedIn?: boolean }[] = [
  { path: '' },
  { path: '/podcast' },
  { path: '/podcast/kubesphere-talk' },
  { path: '/podcast/kubesphere-talk?q=kubesphere' },
  { path: '/podcast/how-we-count' },
  { path: '/podcast/kubesphere-talk/ep-1-yin-min?t=45' },
  { path: '/podcast/kubesphere-talk/ep-1-yin-min/embed' },
  { path: '/chapters' },
  { path: '/chapters/shanghai' },
  { path: '/chapters/hangzhou' },
  // The leader stepped down without a successor: the SIG's search is open.
  { path: '/chapters/chengdu' },
  { path: '/chapters/rules' },
  { path: '/events' },
  { path: '/articles' },
  { path: '/people' },
  { path: '/people/shen-honglei' },
  { path: '/people/yin-min' },
  { path: '/contributors' },
  { path: '/contributors?period=all&kind=review' },
  { path: '/sign-in' },
  { path: '/sign-in/code?email=someone%40example.org' },
  { path: '/api' },
  { path: '/no-such-page', status: 404 },
  { path: '/me', signedIn: true },
  { path: '/console', signedIn: true },
  { path: '/console/people', signedIn: true },
  { path: '/console/people/zhang-haili', signedIn: true },
  { path: '/console/outbox', signedIn: true },
  { path: '/console/activity', signedIn: true },
  { path: '/console/webhooks', signedIn: true },
  { path: '/console/community', signedIn: true },
  { path: '/console/chapters', signedIn: true },
  { path: '/console/chapters/hangzhou', signedIn: true },
  // The candidates for leader, with their activity, and the appointment form.
  { path: '/console/chapters/chengdu', signedIn: true },
  { path: '/console/support', signedIn: true },
  { path: '/console/meetings', signedIn: true },
  { path: '/console/recognition', signedIn: true },
  { path: '/console/swag', signedIn: true },
  { path: '/me/swag', signedIn: true },
  { path: '/console/events', signedIn: true },
  { path: '/console/events/new', signedIn: true },
  { path: '/console/podcast', signedIn: true },
  { path: '/console/podcast/kubesphere-talk', signedIn: true },
  { path: '/console/podcast/kubesphere-talk/downloads', signedIn: true },
  { path: '/console/podcast/imports', signedIn: true },
  { path: '/console/articles/import', signedIn: true },
  { path: '/console/podcast/kubesphere-talk/edit', signedIn: true },
  { path: '/applications', signedIn: true },
  { path: '/applications/new/found-chapter', signedIn: true },
  { path: '/applications/new/join-chapter?subject=hangzhou', signedIn: true },
  // Opened without a chapter: the picker.
  { path: '/applications/new/join-chapter', signedIn: true },
  { path: '/applications/new/step-down?subject=hangzhou', signedIn: true },
]

/** A page reached by a journey, checked in Chinese and English, light and dark. */
async function checkInBothLanguages(page: Page, path: string) {
  for (const locale of ['zh', 'en'] as const) {
    await page.goto(`/${locale}${path}`)
    assert.equal(await page.getAttribute('html', 'lang'), messagesFor(locale).meta.htmlLang)
    await page.emulateMedia({ colorScheme: 'light' })
    assertNoViolations(await axeViolations(page), `${locale}${path} (light)`)
    await page.emulateMedia({ colorScheme: 'dark' })
    assertNoViolations(await axeViolations(page, ['color-contrast']), `${locale}${path} (dark)`)
  }
}

describe('accessibility (axe-core, WCAG 2.2 AA), light and dark', { skip: chromiumSkipReason() }, () => {
  let site: Site
  let browser: Browser
  let visitor: Page
  let admin: Page
  const contexts: BrowserContext[] = []

  before(async () => {
    ;[site, browser] = await Promise.all([startSite(), launchChromium()])
    const newPage = async () => {
      const context = await browser.newContext({ baseURL: site.url })
      context.setDefaultTimeout(10_000)
      contexts.push(context)
      return context.newPage()
    }
    ;[visitor, admin] = await Promise.all([newPage(), newPage()])
    await signInWithCode(admin, site, 'fawei@hearth.example', {
      email: en.signIn.email,
      code: en.signIn.code,
    })
  })
  after(async () => {
    for (const c of contexts) await c.close()
    await browser?.close()
    await site?.stop()
  })

  it('the check itself catches low contrast, light and dark, and a label used twice', async () => {
    await visitor.goto('/en/sign-in')
    await visitor.evaluate(() => {
      // CSSOM, not a style attribute: the CSP forbids inline styles.
      const lead = document.querySelector<HTMLElement>('.lead')!
      lead.style.color = '#8a8a8a'
      lead.style.background = '#777'
      document
        .querySelector('main')
        ?.insertAdjacentHTML('beforeend', '<label for="field-email">Again</label>')
    })
    for (const colorScheme of ['light', 'dark'] as const) {
      await visitor.emulateMedia({ colorScheme })
      const found = (await axeViolations(visitor)).map((v) => v.id)
      assert.ok(found.includes('color-contrast'), `${colorScheme}: ${found}`)
      assert.ok(found.includes('form-field-multiple-labels'), `${colorScheme}: ${found}`)
    }
  })

  it('a certificate’s verification page, reached from its holder’s profile, in both languages, light and dark', async () => {
    await visitor.emulateMedia({ colorScheme: 'light' })
    await visitor.goto('/en/people/zhang-haili')
    await visitor.getByRole('link', { name: en.recognition.viewCertificate }).first().click()
    await visitor.waitForURL(/\/en\/certificates\/[A-Z0-9]{10}$/)
    const path = new URL(visitor.url()).pathname.slice('/en'.length)
    await checkInBothLanguages(visitor, path)
    assert.match((await visitor.textContent('main')) ?? '', new RegExp(en.recognition.valid))
  })

  it('an application page, reached by keyboard from its form, in both languages, light and dark', async () => {
    await admin.emulateMedia({ colorScheme: 'light' })
    await admin.goto('/en/applications/new/join-chapter?subject=hangzhou')
    await admin
      .getByLabel(en.applications.types['join-chapter'].fields.motivation!.label)
      .fill('I help at meetups')
    await admin.keyboard.press('Tab')
    await admin.keyboard.type('Once a month')
    await admin.getByRole('button', { name: en.applications.saveDraft }).focus()
    await admin.keyboard.press('Enter')
    await admin.waitForURL(/\/en\/applications\/[0-9a-f-]{36}/)
    const path = new URL(admin.url()).pathname.slice('/en'.length)
    await checkInBothLanguages(admin, path)
    assert.match((await admin.textContent('main')) ?? '', /Once a month/)
  })

  it('a founding application with its proposed team, reached from the review queue, in both languages, light and dark', async () => {
    await admin.emulateMedia({ colorScheme: 'light' })
    await admin.goto('/en/applications')
    await admin
      .getByRole('region', { name: en.applications.queue })
      .getByRole('link', { name: en.applications.types['found-chapter'].titleOf('Beijing') })
      .click()
    await admin.waitForURL(/\/en\/applications\/[0-9a-f-]{36}$/)
    const path = new URL(admin.url()).pathname.slice('/en'.length)
    await checkInBothLanguages(admin, path)
    const team =
      (await admin.getByRole('region', { name: en.applications.proposed.title }).textContent()) ?? ''
    assert.match(team, /Wang Jiahui[\s\S]*Chen Bo[\s\S]*Li Na/)
  })

  it('an import’s progress page, reached from the import form, in both languages, light and dark', async () => {
    await admin.emulateMedia({ colorScheme: 'light' })
    await admin.goto('/en/console/podcast/imports')
    // The site's own feed: the same podcast:guid, so the import lands in the same show, adding nothing.
    await admin.getByLabel(en.podcastImport.sourceUrl).fill(`${site.url}/podcast/kubesphere-talk/feed.xml`)
    await admin.getByRole('button', { name: en.podcastImport.start }).click()
    await admin.waitForURL(/\/en\/console\/podcast\/imports\/[0-9a-f-]{36}$/)
    // The page reloads itself until the job has run the import.
    await admin.getByText(en.podcastImport.statuses.finished!, { exact: true }).waitFor({ timeout: 30_000 })
    const path = new URL(admin.url()).pathname.slice('/en'.length)
    await checkInBothLanguages(admin, path)
    assert.match((await admin.textContent('main')) ?? '', /KubeSphere/)
  })

  it('an episode’s console page and its edit form, reached from the show, in both languages, light and dark', async () => {
    await admin.emulateMedia({ colorScheme: 'light' })
    await admin.goto('/en/console/podcast/kubesphere-talk')
    await admin.locator('main ul.timeline a').first().click()
    await admin.waitForURL(/\/en\/console\/podcast\/kubesphere-talk\/[0-9a-f-]{36}$/)
    const episodePath = new URL(admin.url()).pathname.slice('/en'.length)
    for (const path of [episodePath, `${episodePath}/edit`]) await checkInBothLanguages(admin, path)
  })

  it('an event announced from the console, with its agenda, and its public page, in both languages, light and dark', async () => {
    await admin.emulateMedia({ colorScheme: 'light' })
    await admin.goto('/en/console/events/new')
    const fields: [string, string][] = [
      ['#field-kind', 'conference'],
      ['#field-chapter', ''],
      ['#field-titleEn', 'Accessible Summit'],
      ['#field-titleZh', '无障碍峰会'],
      ['#field-timeZone', 'Europe/Berlin'],
      ['#field-startsAt', '2027-03-27T09:00'],
      ['#field-endsAt', '2027-03-28T17:00'],
      ['#field-venueEn', 'Congress Centre'],
      ['#field-capacity', '120'],
    ]
    for (const [selector, value] of fields) {
      const field = admin.locator(selector)
      if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption(value)
      else await field.fill(value)
    }
    await admin.getByRole('button', { name: en.events.console.createButton }).click()
    await admin.waitForURL(/\/en\/console\/events\/[0-9a-f-]{36}\?notice=created$/)
    const details = new URL(admin.url()).pathname.slice('/en'.length)
    await admin.getByRole('button', { name: en.events.console.actions.publish }).click()
    await admin.waitForURL(/notice=publish$/)
    await admin.goto(`/en${details}/agenda`)
    await admin.locator('#field-kind').selectOption('roundtable')
    await admin.locator('#field-titleEn').fill('Maintainers’ roundtable')
    await admin.locator('#field-startsAt').fill('2027-03-28T10:00')
    await admin.locator('#field-endsAt').fill('2027-03-28T11:00')
    await admin.getByRole('button', { name: en.events.console.addSession }).click()
    await admin.waitForURL(/\/sessions\/[0-9a-f-]{36}\?notice=sessionAdded$/)
    const session = new URL(admin.url()).pathname.slice('/en'.length)
    await admin.locator('#field-nameEn').fill('Wang Moderator')
    await admin.locator('#field-role').selectOption('moderator')
    await admin.getByRole('button', { name: en.events.console.addSpeaker }).click()
    await admin.waitForURL(/notice=speakerAdded$/)
    for (const path of [
      details,
      `${details}/agenda`,
      session,
      `${details}/people`,
      '/events/accessible-summit-2027',
    ])
      await checkInBothLanguages(admin, path)
    assert.match((await admin.textContent('main')) ?? '', /Wang Moderator/)
  })

  it('the demo’s events: a full meetup with its waitlist, the past conference with its agenda and videos (its videos page too), and their statistics and videos tab, in both languages, light and dark', async () => {
    await visitor.emulateMedia({ colorScheme: 'light' })
    await visitor.goto('/en/events')
    const hrefs = await visitor
      .locator('main a[href^="/en/events/"]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))
    const full = hrefs.find((h) => h.includes('shanghai-meetup-hands-on'))
    const conference = hrefs.find((h) => h.includes('community-day-hong-kong'))
    assert.ok(full && conference, hrefs.join(' '))
    for (const path of [full, conference, `${conference}/videos`])
      await checkInBothLanguages(visitor, path.slice('/en'.length))
    await admin.emulateMedia({ colorScheme: 'light' })
    await admin.goto('/en/console/events')
    await admin.getByRole('link', { name: /Cloud Native Community Day Hong Kong/ }).click()
    await admin.waitForURL(/\/en\/console\/events\/[0-9a-f-]{36}$/)
    const details = new URL(admin.url()).pathname.slice('/en'.length)
    for (const path of [`${details}/statistics`, `${details}/videos`, '/console/events/statistics'])
      await checkInBothLanguages(admin, path)
  })

  it('the demo conference’s programme: its schedule (filtered too), a session from it and its speakers, in both languages, light and dark', async () => {
    await visitor.emulateMedia({ colorScheme: 'light' })
    await visitor.goto('/en/events')
    const conference = await visitor
      .locator('main a[href*="community-day-hong-kong"]')
      .first()
      .getAttribute('href')
    assert.ok(conference)
    await visitor.goto(`${conference}/schedule`)
    const session = await visitor.locator('.schedule-title a').first().getAttribute('href')
    assert.match(session ?? '', /\/sessions\/[0-9a-f-]{36}$/)
    for (const path of [
      `${conference}/schedule`,
      `${conference}/schedule?language=en`,
      session!,
      `${conference}/speakers`,
    ])
      await checkInBothLanguages(visitor, path.slice('/en'.length))
  })

  it('a past SIG meeting’s page with its attendance form, reached from the meetings list, in both languages, light and dark', async () => {
    await admin.emulateMedia({ colorScheme: 'light' })
    await admin.goto('/en/console/meetings')
    await admin.locator('section[aria-labelledby="recent-title"] a').first().click()
    await admin.waitForURL(/\/en\/console\/meetings\/[0-9a-f-]{36}$/)
    const path = new URL(admin.url()).pathname.slice('/en'.length)
    await checkInBothLanguages(admin, path)
    assert.match((await admin.textContent('main')) ?? '', new RegExp(en.meetings.presenceSave))
  })

  for (const locale of ['zh', 'en'] as const) {
    for (const { path, status = 200, signedIn } of pages) {
      const url = `/${locale}${path}`
      it(`${url}${signedIn ? ' (signed in)' : ''}`, async () => {
        const page = signedIn ? admin : visitor
        await page.emulateMedia({ colorScheme: 'light' })
        const res = await page.goto(url)
        assert.equal(res?.status(), status, `${url} answers ${status}`)
        assert.equal(new URL(page.url()).pathname, url.split('?')[0], 'no redirect')
        assert.equal(await page.getAttribute('html', 'lang'), messagesFor(locale).meta.htmlLang)
        assertNoViolations(await axeViolations(page), `${url} (light)`)

        const background = () =>
          page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)
        const light = await background()
        await page.emulateMedia({ colorScheme: 'dark' })
        assert.notEqual(await background(), light, 'the dark palette applies')
        assertNoViolations(await axeViolations(page, ['color-contrast']), `${url} (dark)`)
        if (locale === 'zh' && (path === '' || path === '/console/people/zhang-haili'))
          await screenshot(page, `axe-dark${url.replaceAll('/', '-')}`)
      })
    }
  }
})
