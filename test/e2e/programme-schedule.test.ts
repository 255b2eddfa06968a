// The schedule editor and "my schedule" in a real browser: axe-core (WCAG 2.2 AA) in both
// languages, light and dark, a session dragged onto the grid (the drop sends the session's own
// form; the editor comes back with the session in its new place), a session starred from the
// public schedule, and screenshots at desktop and phone widths. The app runs in this process on a
// conference of its own (two days, three halls, a lunch for everyone, a clash), signed in by cookie.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { startSession } from '../../src/features/accounts/index.ts'
import { placeFromForm } from '../../src/features/programme/programme.schedule.ts'
import { messagesFor } from '../../src/platform/i18n/index.ts'
import { zonedTime } from '../../src/platform/i18n/time-zone.ts'
import { makePerson } from '../support/app.ts'
import { chapterWithTeam } from '../support/chapters.ts'
import {
  assertNoViolations,
  axeViolations,
  chromiumSkipReason,
  launchChromium,
  screenshot,
} from '../support/chromium.ts'
import { createEvent } from '../support/events.ts'
import { programmeBuilder } from '../support/programme.ts'

const en = messagesFor('en')
const SHANGHAI = 'Asia/Shanghai'
const NOW = new Date('2027-03-01T00:00:00Z')

async function checkInBothLanguages(page: Page, path: string, name: string) {
  for (const locale of ['zh', 'en'] as const) {
    await page.goto(`/${locale}${path}`)
    await page.emulateMedia({ colorScheme: 'light' })
    assertNoViolations(await axeViolations(page), `${locale}${path} (light)`)
    for (const [width, label] of [
      [1280, 'desktop'],
      [390, 'phone'],
    ] as const) {
      await page.setViewportSize({ width, height: 900 })
      await screenshot(page, `${name}-${locale}-${label}`)
    }
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.emulateMedia({ colorScheme: 'dark' })
    assertNoViolations(await axeViolations(page, ['color-contrast']), `${locale}${path} (dark)`)
    await page.emulateMedia({ colorScheme: 'light' })
  }
}

describe('the schedule editor and my schedule in a browser', { skip: chromiumSkipReason() }, async () => {
  const { t, deps, leader, actorOf } = await chapterWithTeam('pglite', NOW, {
    slug: 'hong-kong',
    cityZh: '香港',
    cityEn: 'Hong Kong',
  })
  // Listening from the suite itself: its `after` closes the server when the suite ends.
  const server = await t.listen()
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let eventId = ''
  let slug = ''

  before(async () => {
    const event = await createEvent(deps, {
      kind: 'conference',
      timeZone: SHANGHAI,
      titleZh: '云原生社区日 香港',
      titleEn: 'Cloud Native Community Day Hong Kong',
      startsAt: zonedTime('2027-03-27T09:00', SHANGHAI),
      endsAt: zonedTime('2027-03-28T18:00', SHANGHAI),
      organisers: [leader],
    })
    eventId = event.id
    slug = event.slug
    const actor = await actorOf(leader)
    const build = programmeBuilder(deps, actor, event.id)
    const rooms = []
    for (const [zh, enName] of [
      ['主会场', 'Main hall'],
      ['二号厅', 'Hall 2'],
      ['工作坊室', 'Workshop room'],
    ])
      rooms.push(await build.room(zh ?? null, enName ?? null))
    const people = await Promise.all(
      [
        ['王磊', 'Wang Lei'],
        ['陈静', 'Chen Jing'],
        ['李伟', 'Li Wei'],
        ['张敏', 'Zhang Min'],
      ].map(([zh, enName], i) =>
        makePerson(deps, {
          nameZh: zh ?? null,
          nameEn: enName ?? null,
          handle: `speaker-${i}-${process.pid}`,
        }),
      ),
    )
    const talks: [string, string, string, number, string, string, string, number][] = [
      ['开场主题演讲', 'Opening keynote', 'keynote', -1, '2027-03-27', '09:30', '10:15', 0],
      [
        'Kubernetes 多集群实践',
        'Kubernetes across many clusters',
        'talk',
        0,
        '2027-03-27',
        '10:30',
        '11:15',
        1,
      ],
      ['可观测性入门', 'Observability from zero', 'talk', 1, '2027-03-27', '10:30', '11:15', 2],
      [
        '动手做一个 Operator',
        'Build an operator, hands on',
        'workshop',
        2,
        '2027-03-27',
        '10:30',
        '12:00',
        3,
      ],
      ['服务网格圆桌', 'Service mesh roundtable', 'roundtable', 0, '2027-03-27', '13:30', '14:30', 1],
      ['eBPF 与安全', 'eBPF and security', 'talk', 1, '2027-03-27', '14:00', '14:45', 1],
      ['平台工程的第一年', 'Platform engineering, year one', 'talk', 1, '2027-03-28', '10:00', '10:45', 3],
      ['闪电演讲', 'Lightning talks', 'lightning', 0, '2027-03-28', '11:00', '12:00', 0],
    ]
    for (const [zh, enTitle, kind, room, day, start, end, who] of talks) {
      const s = await build.session({ kind: kind as 'talk', titleZh: zh, titleEn: enTitle })
      await build.person(s.id, people[who]!.handle, kind === 'roundtable' ? 'moderator' : 'speaker')
      await placeFromForm(deps, actor, event.id, {
        session: s.id,
        room: room < 0 ? 'all' : rooms[room]!.id,
        day,
        start,
        end,
      })
    }
    await build.session({ titleZh: 'GitOps 的坑', titleEn: 'GitOps pitfalls' })
    await build.session({
      kind: 'break',
      titleZh: '午餐',
      titleEn: 'Lunch',
      startsAt: zonedTime('2027-03-27T12:00', SHANGHAI),
      endsAt: zonedTime('2027-03-27T13:00', SHANGHAI),
    })

    browser = await launchChromium()
    context = await browser.newContext({
      baseURL: server.base.replace('127.0.0.1', 'localhost'),
      viewport: { width: 1280, height: 900 },
    })
    context.setDefaultTimeout(15_000)
    const { token } = await startSession(deps, leader, 'test')
    page = await context.newPage()
    // A script sets the session cookie as the sign-in answer would (localhost is a secure context).
    await page.goto('/en/sign-in')
    await page.evaluate((value) => {
      // biome-ignore lint/suspicious/noDocumentCookie: a test signs the browser in by its session cookie
      document.cookie = `__Host-hearth_session=${value}; Path=/; Secure; SameSite=Lax`
    }, token)
  })
  after(async () => {
    await context?.close()
    await browser?.close()
  })

  it('the editor: axe in both languages, and a dragged session lands where it was dropped', async () => {
    await checkInBothLanguages(page, `/console/events/${eventId}/schedule`, 'schedule-editor')
    await page.goto(`/en/console/events/${eventId}/schedule`)
    const card = page.locator('.editor-tray .editor-session').first()
    const id = await card.getAttribute('data-session')
    assert.ok(id)
    const slot = page.locator('#editor-day-2027-03-28 td.editor-slot').nth(8)
    const start = await slot.evaluate((td) => td.closest('tr')?.getAttribute('data-start'))
    // The drag as the browser sends it (dragstart, dragover, drop with one DataTransfer): headless
    // pointer drags across a scrolled page are not reliable, the handlers are what is tested.
    await page.evaluate(
      ([from, to]) => {
        const source = document.querySelector(`.editor-tray .editor-session[data-session="${from}"]`)!
        const target = document.querySelectorAll(to!)[8]!
        const dataTransfer = new DataTransfer()
        const fire = (el: Element, type: string) =>
          el.dispatchEvent(new DragEvent(type, { dataTransfer, bubbles: true, cancelable: true }))
        fire(source, 'dragstart')
        fire(target, 'dragenter')
        fire(target, 'dragover')
        fire(target, 'drop')
        fire(source, 'dragend')
      },
      [id, '#editor-day-2027-03-28 td.editor-slot'],
    )
    await page.locator('.editor-notices .notice').first().waitFor()
    assert.match(
      (await page.textContent('.editor-notices')) ?? '',
      new RegExp(en.programmeSchedule.editor.placed),
    )
    const moved = page.locator(`.editor-grid .editor-session[data-session="${id}"]`)
    const time = await moved.locator('.editor-session-when time').first().textContent()
    assert.equal(time, start)
  })

  it('my schedule: a session starred from the public schedule, axe in both languages', async () => {
    await page.goto(`/en/events/${slug}/schedule`)
    await page.locator('.star-form button').nth(1).click()
    await page.waitForURL(/\/schedule/)
    assert.ok(await page.locator('.star-button.is-starred').count())
    await page.locator('.star-form button').nth(3).click()
    await page.goto('/en/me/schedule')
    await page.getByRole('button', { name: en.programmeSchedule.mine.feedCreate }).click()
    await page.waitForURL(/notice=created/)
    await checkInBothLanguages(page, '/me/schedule', 'my-schedule')
    await page.goto(`/en/events/${slug}/schedule`)
    await page.setViewportSize({ width: 1280, height: 900 })
    await screenshot(page, 'public-schedule-starred-en')
  })
})
