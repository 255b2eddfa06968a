import assert from 'node:assert/strict'
import { join } from 'node:path'
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
const zh = messagesFor('zh')
const labels = {
  en: { email: en.signIn.email, code: en.signIn.code },
  zh: { email: zh.signIn.email, code: zh.signIn.code },
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement
    return { tag: el?.tagName.toLowerCase(), id: el?.id, cls: el?.className, text: el?.textContent?.trim() }
  })

describe('browser journeys', { skip: chromiumSkipReason() }, () => {
  let site: Site
  let browser: Browser
  const contexts: BrowserContext[] = []

  async function freshPage() {
    const context = await browser.newContext({ baseURL: site.url })
    context.setDefaultTimeout(10_000)
    contexts.push(context)
    return context.newPage()
  }

  before(async () => {
    ;[site, browser] = await Promise.all([startSite(), launchChromium()])
  })
  after(async () => {
    for (const c of contexts) await c.close()
    await browser?.close()
    await site?.stop()
  })

  it('keeps the page, query included, when switching to Chinese and back; the skip link comes first', async () => {
    const page = await freshPage()
    await page.goto('/en/people?q=Shanghai')
    assert.equal(await page.getAttribute('html', 'lang'), 'en')

    // The first Tab stop is the skip link, visible once focused; Enter moves focus into <main>.
    await page.keyboard.press('Tab')
    const skip = await focused(page)
    assert.equal(skip.cls, 'skip-link')
    assert.equal(skip.text, en.nav.skip)
    const box = await page.locator('.skip-link').boundingBox()
    assert.ok(box && box.y >= 0, 'the focused skip link is on screen')
    await page.keyboard.press('Enter')
    assert.equal(new URL(page.url()).hash, '#main')
    assert.equal((await focused(page)).id, 'main')
    await page.keyboard.press('Tab')
    const next = await focused(page)
    assert.deepEqual(
      [next.tag, next.text],
      ['a', en.activity.seeContributors],
      'the next Tab stop is the first link in main',
    )
    await page.keyboard.press('Tab')
    assert.equal((await focused(page)).id, 'field-q', 'then the search field')

    const shanghai = await page.locator('.cards > li').count()
    assert.ok(shanghai > 0 && shanghai < 13, `a filtered list (${shanghai} people)`)

    await page.getByRole('link', { name: en.nav.switchToLabel }).click()
    await page.waitForURL('**/zh/people?q=Shanghai')
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hans')
    assert.equal(await page.locator('h1').textContent(), zh.people.title)
    assert.equal(await page.getByRole('searchbox', { name: zh.people.search }).inputValue(), 'Shanghai')
    assert.equal(await page.locator('.cards > li').count(), shanghai, 'the same search results')
    assert.equal(
      await page.getByRole('link', { name: zh.nav.people, exact: true }).getAttribute('aria-current'),
      'page',
    )
    await screenshot(page, 'a-people-zh')

    // Back to English with the keyboard.
    await page.getByRole('link', { name: zh.nav.switchToLabel }).focus()
    await page.keyboard.press('Enter')
    await page.waitForURL('**/en/people?q=Shanghai')
    assert.equal(await page.getAttribute('html', 'lang'), 'en')
    assert.equal(await page.locator('h1').textContent(), en.people.title)
    assert.equal(await page.locator('.cards > li').count(), shanghai)
    await screenshot(page, 'a-people-en')
  })

  it('on a phone, folds the header into a menu button that opens by keyboard, and fits the monthly chart', async () => {
    const page = await freshPage()
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto('/zh/contributors')
    const header = page.locator('header')
    const people = header.getByRole('link', { name: zh.nav.people, exact: true })
    assert.equal(await people.isVisible(), false, 'the links wait behind the menu button')
    const menu = page.locator('summary', { hasText: zh.nav.menu })
    await menu.focus()
    await page.keyboard.press('Enter')
    await people.waitFor({ state: 'visible' })
    assert.equal(await header.getByRole('link', { name: zh.nav.signIn }).isVisible(), true)
    await screenshot(page, 'phone-menu-zh')
    const chart = await page.locator('svg.bar-chart').boundingBox()
    assert.ok(
      chart && chart.x >= 0 && chart.x + chart.width <= 390,
      `the chart fits (${JSON.stringify(chart)})`,
    )
    await page.setViewportSize({ width: 1280, height: 800 })
    assert.equal(await menu.isVisible(), false, 'no menu button on a wide screen')
    assert.equal(await people.isVisible(), true)
  })

  it('signs in with a code that arrives by e-mail and lands on the account page', async () => {
    const page = await freshPage()
    const email = 'newcomer@example.org'
    await page.goto('/en/people')
    await page.getByRole('link', { name: en.nav.signIn }).click()
    await page.waitForURL('**/en/sign-in')
    const since = site.mailCount()
    await page.getByRole('textbox', { name: en.signIn.email }).focus()
    await page.keyboard.type(email)
    await page.keyboard.press('Enter')

    await page.waitForURL('**/en/sign-in/code?**')
    assert.equal(await page.locator('h1').textContent(), en.signIn.codeTitle)
    await page.getByText(en.signIn.codeSent(email)).waitFor()
    assert.equal(await page.getByRole('textbox', { name: en.signIn.email }).inputValue(), email)
    assert.equal(await page.getByText(en.signIn.codeLogged).count(), 0, 'mail goes out by SMTP')
    await screenshot(page, 'b-code')

    const code = await site.codeFor(email, since)
    const codeField = page.getByRole('textbox', { name: en.signIn.code })
    await codeField.focus()
    await page.keyboard.type(code)
    await page.keyboard.press('Enter')

    await page.waitForURL('**/en/me')
    assert.equal(await page.locator('h1').textContent(), en.account.title)
    await page.getByRole('button', { name: en.nav.signOut, exact: true }).waitFor()
    assert.equal(await page.getByRole('link', { name: en.nav.signIn }).count(), 0)
    const sessions = page.getByRole('region', { name: en.account.sessions })
    assert.match((await sessions.textContent()) ?? '', new RegExp(en.account.thisSession))
    await screenshot(page, 'b-account')
  })

  it('edits the profile on /zh/me: a translated error by the field keeps what was typed, then saves', async () => {
    const page = await freshPage()
    await signInWithCode(page, site, 'editor@example.org', labels.zh, 'zh')
    assert.equal(await page.locator('h1').textContent(), zh.account.title)

    const field = (label: string) => page.getByLabel(label, { exact: true })
    const typed = {
      [zh.account.nameZh]: '林小雨',
      [zh.account.nameEn]: 'Lin Xiaoyu',
      [zh.account.handle]: 'lin-xiaoyu',
      [zh.account.cityZh]: '深圳',
      [zh.account.cityEn]: 'Shenzhen',
      [zh.account.bioZh]: '喜欢组织线下活动。',
      [zh.account.languages]: 'zh, en',
      // A common slip: the address without its scheme.
      [zh.account.avatarUrl]: 'example.com/me.png',
    }
    for (const [label, value] of Object.entries(typed)) await field(label).fill(value)
    await page.getByRole('button', { name: zh.account.save }).click()

    await page.waitForURL('**/zh/me/profile')
    assert.equal(await page.getByRole('alert').textContent(), zh.errors.invalid)
    const avatar = field(zh.account.avatarUrl)
    assert.equal(await avatar.getAttribute('aria-invalid'), 'true')
    const error = page.locator('.field', { has: page.locator('#field-avatarUrl') }).locator('.error')
    assert.equal(await error.textContent(), zh.validation.url, 'the translated message, in the field’s box')
    assert.ok(
      (await avatar.getAttribute('aria-describedby'))
        ?.split(' ')
        .includes((await error.getAttribute('id')) ?? ''),
      'the message is announced with the field',
    )
    for (const [label, value] of Object.entries(typed)) {
      assert.equal(await field(label).inputValue(), value, `${label} keeps what was typed`)
      if (label !== zh.account.avatarUrl) assert.equal(await field(label).getAttribute('aria-invalid'), null)
    }
    assertNoViolations(await axeViolations(page), 'the profile form with an error')
    await screenshot(page, 'c-profile-error-zh')

    await avatar.fill(`${site.url}/assets/favicon.svg`)
    // New accounts are private until their owner says otherwise.
    await page.getByRole('checkbox', { name: zh.account.profilePublic }).check()
    await page.getByRole('button', { name: zh.account.save }).click()
    await page.waitForURL('**/zh/me?notice=saved')
    assert.equal(await page.getByRole('status').first().textContent(), zh.account.saved)
    assert.equal(await field(zh.account.nameZh).inputValue(), '林小雨')

    await page.getByRole('link', { name: zh.account.viewProfile }).click()
    await page.waitForURL('**/zh/people/lin-xiaoyu')
    assert.equal(await page.locator('h1').textContent(), '林小雨')
    assert.equal(await page.locator('.profile-head .muted').textContent(), '@lin-xiaoyu · 深圳')
    assert.equal(
      await page.getByRole('region', { name: zh.people.bio }).locator('p').textContent(),
      typed[zh.account.bioZh],
    )
    const img = page.getByRole('img', { name: zh.people.avatarOf('林小雨') })
    assert.ok(
      await img.evaluate((el: HTMLImageElement) =>
        el.complete
          ? el.naturalWidth > 0
          : new Promise<boolean>((resolve) => {
              el.onload = () => resolve(el.naturalWidth > 0)
              el.onerror = () => resolve(false)
            }),
      ),
      'avatar loads',
    )
    assert.match((await page.locator('dl.facts').textContent()) ?? '', new RegExp(zh.people.languages))
    await screenshot(page, 'c-profile-public-zh')

    const visitor = await freshPage()
    await visitor.goto('/en/people/lin-xiaoyu')
    assert.equal(
      await visitor.locator('h1').textContent(),
      'Lin Xiaoyu',
      'a visitor sees the published profile',
    )
    assert.equal(
      await visitor.locator('.profile-head .muted').textContent(),
      '@lin-xiaoyu · Shenzhen',
      'the city in the reader’s language',
    )
    await page.goto('/en/people/lin-xiaoyu')
    assert.equal(await page.locator('h1').textContent(), 'Lin Xiaoyu')
    const bio = page.getByRole('region', { name: en.people.bio }).locator('p')
    assert.equal(await bio.getAttribute('lang'), 'zh-Hans', 'a Chinese-only bio is marked as Chinese')
  })

  it('lets the demo administrator grant a role, which then shows on the public profile', async () => {
    const visitor = await freshPage()
    await visitor.goto('/en/people/liu-dehan')
    const roles = visitor.getByRole('region', { name: en.people.currentRoles })
    assert.doesNotMatch((await roles.textContent()) ?? '', /Ambassador/, 'not an ambassador yet')

    const page = await freshPage()
    await signInWithCode(page, site, 'fawei@hearth.example', labels.en)
    await page.getByRole('link', { name: en.nav.console }).click()
    await page.getByRole('link', { name: en.console.people }).click()
    await page.waitForURL('**/en/console/people')
    await page.getByRole('searchbox', { name: en.people.search }).fill('Liu')
    await page.keyboard.press('Enter')
    await page.waitForURL('**/en/console/people?q=Liu')
    await page.getByRole('link', { name: `${en.console.manage}: Liu Dehan` }).click()
    await page.waitForURL('**/en/console/people/liu-dehan')
    assert.equal(await page.locator('h1').textContent(), en.console.personRoles('Liu Dehan'))

    await page.getByRole('combobox', { name: en.console.role }).selectOption({ label: en.roles.ambassador })
    await page.getByRole('textbox', { name: en.console.note }).fill('Runs the Shanghai meetups')
    await page.getByRole('button', { name: en.console.grantButton }).click()
    await page.waitForURL('**/en/console/people/liu-dehan?notice=granted')
    assert.equal(await page.getByRole('status').textContent(), en.console.granted)
    assert.match((await page.locator('main ul.timeline').first().textContent()) ?? '', /Ambassador/)
    await screenshot(page, 'd-console-granted')

    await visitor.reload()
    const now = await roles.textContent()
    assert.match(now ?? '', /Ambassador\s*— granted by Fawei on /)
    assert.match(now ?? '', /Runs the Shanghai meetups/)
    await screenshot(visitor, 'd-profile-en')
    await visitor.goto('/zh/people/liu-dehan')
    assert.match(
      (await visitor.getByRole('region', { name: zh.people.currentRoles }).textContent()) ?? '',
      new RegExp(zh.roles.ambassador),
    )
    await visitor.goto('/en/people?q=Liu')
    assert.match((await visitor.locator('.cards .badges').textContent()) ?? '', /Ambassador/)
  })

  it('founds a chapter: a member applies, a SIG lead and two SIG members approve, the city appears in both languages', async () => {
    const form = en.applications.types['found-chapter'].fields
    const applicant = await freshPage()
    await signInWithCode(applicant, site, 'liu-dehan@hearth.example', labels.en)
    await applicant.goto('/en/chapters')
    await applicant.getByRole('link', { name: en.chapters.found }).click()
    await applicant.waitForURL('**/en/applications/new/found-chapter')
    const answers: [string, string][] = [
      [form.github!.label, 'demo-liu-dehan'],
      [form.cityZh!.label, '武汉'],
      [form.cityEn!.label, 'Wuhan'],
      [form.country!.label, 'CN'],
      [form.contact!.label, 'liu-dehan@hearth.example'],
      [form.reason!.label, 'Wuhan has many teams on Kubernetes and no meetup yet.'],
      [form.plan!.label, 'A meetup every quarter, the first one in spring.'],
      [form.audience!.label, '45'],
      [form.audienceEvidence!.label, 'The local user group has 180 members.'],
    ]
    await applicant.getByRole('checkbox', { name: form.prerequisites!.hint }).check()
    for (const [label, value] of answers)
      await applicant
        .getByRole(label === form.audience!.label ? 'spinbutton' : 'textbox', { name: label })
        .fill(value)
    await applicant.getByRole('button', { name: en.applications.submit }).click()
    await applicant.waitForURL(/\/en\/applications\/[0-9a-f-]{36}\?notice=submitted/)
    const applicationUrl = applicant.url().replace(/\?.*$/, '')
    assert.equal(
      await applicant.locator('h1').textContent(),
      en.applications.types['found-chapter'].titleOf('Wuhan'),
    )
    assert.equal(await applicant.locator('.badge').first().textContent(), en.applications.states.submitted)

    // The decision rule: one SIG lead and two SIG members. Each finds it in their review queue.
    const reviewers = ['zhang-haili@hearth.example', 'zhou-zhengjun@hearth.example', 'fawei@hearth.example']
    for (const [i, email] of reviewers.entries()) {
      const page = await freshPage()
      await signInWithCode(page, site, email, labels.en)
      await page.goto('/en/applications')
      const queue = page.getByRole('region', { name: en.applications.queue })
      await queue.getByRole('link', { name: en.applications.types['found-chapter'].titleOf('Wuhan') }).click()
      await page.waitForURL(applicationUrl)
      await page.getByRole('textbox', { name: en.applications.comment }).fill(`Approve (${i + 1})`)
      await page.getByRole('button', { name: en.applications.approve, exact: true }).click()
      await page.waitForURL('**?notice=voted')
      const badge = await page.locator('.badge').first().textContent()
      assert.equal(badge, i < 2 ? en.applications.states.submitted : en.applications.states.approved)
    }

    const visitor = await freshPage()
    await visitor.goto('/en/chapters')
    await visitor.getByRole('link', { name: /Wuhan/ }).click()
    await visitor.waitForURL('**/en/chapters/wuhan')
    const team = visitor.getByRole('region', { name: en.chapters.team })
    assert.match((await team.textContent()) ?? '', /Liu Dehan[\s\S]*Leader|Leader[\s\S]*Liu Dehan/)
    await visitor.goto('/zh/chapters')
    await visitor.getByRole('link', { name: /武汉/ }).click()
    await visitor.waitForURL('**/zh/chapters/wuhan')
    assert.match((await visitor.locator('h1').textContent()) ?? '', /武汉/)
    await assertNoViolations(await axeViolations(visitor), 'the new chapter, zh')
    await applicant.reload()
    assert.equal(await applicant.locator('.badge').first().textContent(), en.applications.states.approved)
  })

  it('joins a chapter from its page without being signed in first: signs in on the way, comes back to the form, and the leader sees who applied', async () => {
    const join = en.applications.types['join-chapter']
    const title = join.titleOf('Hangzhou')
    const page = await freshPage()
    await page.goto('/en/chapters')
    await page
      .getByRole('link', { name: /Hangzhou/ })
      .first()
      .click()
    await page.waitForURL('**/en/chapters/hangzhou')
    await page.getByRole('link', { name: en.chapters.join }).click()
    // Signing in on the way: the code mail's page brings the person back to the form they wanted.
    await page.waitForURL('**/en/sign-in?**')
    const since = site.mailCount()
    await page.getByRole('textbox', { name: en.signIn.email, exact: true }).fill('new-member@example.org')
    await page.keyboard.press('Enter')
    await page.waitForURL('**/en/sign-in/code?**')
    const code = await site.codeFor('new-member@example.org', since)
    await page.getByRole('textbox', { name: en.signIn.code, exact: true }).fill(code)
    await page.keyboard.press('Enter')
    await page.waitForURL('**/en/applications/new/join-chapter?subject=hangzhou')
    assert.equal(await page.locator('h1').textContent(), title)
    await page
      .getByRole('textbox', { name: join.fields.motivation!.label })
      .fill('我在杭州组织过两次线下分享。')
    await page
      .getByRole('textbox', { name: join.fields.availability!.label })
      .fill('Venues, a few hours a month.')
    await screenshot(page, 'join-form')
    await page.getByRole('button', { name: en.applications.submit }).click()
    await page.waitForURL(/\/en\/applications\/[0-9a-f-]{36}\?notice=submitted/)
    const applicationUrl = page.url().replace(/\?.*$/, '')
    await page.goto('/en/applications')
    await page
      .getByRole('region', { name: en.applications.mine })
      .getByRole('link', { name: title })
      .waitFor()

    const leader = await freshPage()
    await signInWithCode(leader, site, 'yin-min@hearth.example', labels.en)
    await leader.goto('/en/applications')
    await leader
      .getByRole('region', { name: en.applications.queue })
      .getByRole('link', { name: title })
      .click()
    await leader.waitForURL(applicationUrl)
    const who = leader.getByRole('region', { name: en.applications.applicantCard.title })
    await who.getByText('@').first().waitFor()
    assert.match((await who.textContent()) ?? '', new RegExp(en.standing.notActive))
    await leader.setViewportSize({ width: 390, height: 800 })
    assert.equal(
      await leader.evaluate(() => document.documentElement.scrollWidth),
      390,
      'the review page fits a phone',
    )
    await screenshot(leader, 'join-review-390')
    await assertNoViolations(await axeViolations(leader), 'the review page')
  })

  it('publishes an episode with audio and chapters from the console; a listener opens it in Chinese, jumps to a chapter, pauses and skips by button and key, comes back where they left off, and opens the feed as a page', async () => {
    const tc = en.podcastConsole
    const host = await freshPage()
    await signInWithCode(host, site, 'fawei@hearth.example', labels.en)
    await host.goto('/en/console/podcast')
    const show: [string, string][] = [
      [tc.showTitleZh, '用户委员会夜话'],
      [tc.slug, 'ugc-talk'],
      [tc.descriptionZh, '和城市站的组织者聊聊。'],
      [tc.descriptionEn, 'Conversations with the people who run the chapters.'],
      [tc.language, 'zh-cn'],
      [tc.categories, 'Technology'],
      [tc.hosts, 'fawei'],
      [tc.ownerName, 'Hearth'],
      [tc.ownerEmail, 'podcast@hearth.example'],
    ]
    for (const [label, value] of show) await host.getByLabel(label, { exact: true }).fill(value)
    await host.getByRole('button', { name: tc.createShow }).click()
    await host.waitForURL('**/en/console/podcast/ugc-talk?notice=created')
    await host.getByLabel(tc.episodeTitleZh, { exact: true }).fill('城市站的故事')
    await host.getByLabel(tc.slug, { exact: true }).fill('chapter-stories')
    await host.getByLabel(tc.chapters, { exact: true }).fill('00:00 开场\n00:30 城市站的故事')
    await host.getByRole('button', { name: tc.createEpisode }).click()
    await host.waitForURL(/\/en\/console\/podcast\/ugc-talk\/[0-9a-f-]{36}\?notice=created/)
    await host
      .getByLabel(tc.uploadAudio)
      .setInputFiles(join(import.meta.dirname, '../fixtures/audio/episode.mp3'))
    await host.getByRole('button', { name: tc.uploadAudioButton }).click()
    await host.waitForURL('**?notice=uploaded')
    await host.getByRole('button', { name: tc.publishButton, exact: true }).click()
    await host.waitForURL('**?notice=published')

    const listener = await freshPage()
    await listener.goto('/zh/podcast/ugc-talk/chapter-stories')
    await listener.getByRole('link', { name: /0:30 城市站的故事/ }).click()
    await listener.waitForURL('**/zh/podcast/ugc-talk/chapter-stories?t=30')
    // The script seeks in place rather than reloading, and puts its own controls over the audio.
    const position = await listener.locator('audio').evaluate((audio: HTMLAudioElement) => audio.currentTime)
    assert.ok(position >= 29.5 && position < 32, `the player is at the chapter (${position} s)`)
    const audioOf = <T>(read: (audio: HTMLAudioElement) => T) => listener.locator('audio').evaluate(read)
    assert.equal(await audioOf((audio) => audio.controls), false, 'the browser’s own controls give way')
    await listener.locator('.player-chapter').getByText('城市站的故事').waitFor()
    assert.equal(await listener.locator('.scrubber-mark').count(), 2, 'each chapter marked on the scrubber')
    const play = listener.locator('.player-play')
    await listener.getByRole('button', { name: zh.podcast.pause }).click()
    assert.equal(await audioOf((audio) => audio.paused), true)
    await play.getByText(zh.podcast.play).waitFor({ state: 'attached' })
    await listener.getByRole('button', { name: zh.podcast.back15 }).click()
    const back = await audioOf((audio) => audio.currentTime)
    assert.ok(back >= 14 && back < 17.5, `back 15 s (${back} s)`)
    // Keys: Space plays and pauses, → skips forward 30 s, wherever focus is not on a control.
    await listener.locator('h1').click()
    await listener.keyboard.press('ArrowRight')
    const forward = await audioOf((audio) => audio.currentTime)
    assert.ok(forward >= 44 && forward < 47.5, `forward 30 s by key (${forward} s)`)
    await listener.keyboard.press(' ')
    await listener.waitForFunction(() => !document.querySelector('audio')!.paused)
    await listener.keyboard.press(' ')
    await listener.waitForFunction(() => document.querySelector('audio')!.paused)
    // The place is kept: opened again without a time, the episode goes on from there.
    const left = await audioOf((audio) => Math.floor(audio.currentTime))
    await listener.goto('/zh/podcast/ugc-talk/chapter-stories')
    await listener.locator('.player-status-text').getByText(/继续/).waitFor()
    const resumed = await audioOf((audio) => audio.currentTime)
    assert.ok(Math.abs(resumed - left) <= 1, `resumed at ${resumed} s, left at ${left} s`)
    await listener.getByRole('button', { name: zh.podcast.startOver }).click()
    assert.equal(await audioOf((audio) => audio.currentTime), 0)
    await listener.getByRole('combobox', { name: zh.podcast.speed }).selectOption('1.5')
    assert.equal(
      await listener.locator('audio').evaluate((audio: HTMLAudioElement) => audio.playbackRate),
      1.5,
    )
    const duration = await listener.locator('audio').evaluate(
      (audio: HTMLAudioElement) =>
        new Promise<number>((resolve) => {
          if (audio.readyState >= 1) resolve(audio.duration)
          else audio.addEventListener('loadedmetadata', () => resolve(audio.duration), { once: true })
        }),
    )
    assert.ok(Math.abs(duration - 75) < 2, `the browser plays the uploaded audio (${duration} s)`)
    assertNoViolations(await axeViolations(listener), '/zh/podcast/ugc-talk/chapter-stories')
    // Without the script, the chapter link is a plain link to the time.
    const plain = await browser.newContext({ baseURL: site.url, javaScriptEnabled: false })
    contexts.push(plain)
    const noScript = await plain.newPage()
    await noScript.goto('/zh/podcast/ugc-talk/chapter-stories')
    await noScript.getByRole('link', { name: /0:30 城市站的故事/ }).click()
    await noScript.waitForURL('**/zh/podcast/ugc-talk/chapter-stories?t=30')
    assert.match((await noScript.locator('audio').getAttribute('src')) ?? '', /episode\.mp3#t=30$/)
    assert.equal(await noScript.locator('.player-ui').isVisible(), false)
    assert.equal(await noScript.locator('audio').getAttribute('controls'), '')
    await listener.goto('/zh/podcast/ugc-talk')
    await listener.getByRole('link', { name: 'RSS 订阅源' }).waitFor()
    // The feed opened in the browser: a page in the show's language that says what to do with it.
    await listener.goto('/podcast/ugc-talk/feed.xml')
    await listener.getByRole('heading', { name: zh.podcast.feedPage.what }).waitFor()
    assert.equal(await listener.locator('#feed-url').inputValue(), `${site.url}/podcast/ugc-talk/feed.xml`)
    await listener.getByRole('heading', { name: '用户委员会夜话' }).waitFor()
    await listener.getByRole('link', { name: '城市站的故事' }).waitFor()
    await screenshot(listener, 'podcast-feed-in-browser')
    await listener.goto('/zh/podcast/ugc-talk')
    assert.equal(
      await listener.locator('link[rel="alternate"][type="application/rss+xml"]').getAttribute('href'),
      `${site.url}/podcast/ugc-talk/feed.xml`,
    )
  })
})
