import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makePerson, makeTestApp } from '../../../test/support/app.ts'
import { testBackends } from '../../../test/support/db.ts'
import {
  addOrganiser,
  insertEvent,
  mailTo,
  registrationsOf,
  seatCounter,
} from '../../../test/support/events.registrations.ts'
import { createApiToken } from '../accounts/index.ts'
import { eventRegistrations, eventSeats, type RegistrationQuestion } from './events.schema.ts'

const questions: RegistrationQuestion[] = [
  { key: 'company', kind: 'text', labelZh: '公司', labelEn: 'Company', required: true },
  {
    key: 'meal',
    kind: 'choice',
    labelZh: '餐食',
    labelEn: 'Meal',
    required: false,
    options: [
      { key: 'veg', labelZh: '素食', labelEn: 'Vegetarian' },
      { key: 'any', labelZh: '不限', labelEn: 'Anything' },
    ],
  },
  { key: 'photos', kind: 'yes_no', labelZh: '可以拍照', labelEn: 'Photos are fine', required: false },
]
const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1]

for (const backend of await testBackends()) {
  describe(`registering from the pages, the console and the API [${backend}]`, async () => {
    const t = await makeTestApp(backend)
    let n = 0
    const person = () => {
      n++
      return makePerson(t.deps, { email: `page-${n}@hearth.test`, locale: 'en' })
    }

    it('says how many held a place once an event is over, not how many places are left', async () => {
      const now = t.deps.now()
      const event = await insertEvent(t.deps.db, {
        capacity: 10,
        startsAt: new Date(now.getTime() - 5 * 3_600_000),
        endsAt: new Date(now.getTime() - 2 * 3_600_000),
      })
      const guest = await makePerson(t.deps)
      await t.deps.db.transaction(async (tx) => {
        await tx.insert(eventSeats).values({ eventId: event.id, confirmed: 1 })
        await tx.insert(eventRegistrations).values({
          eventId: event.id,
          personId: guest.id,
          status: 'confirmed',
          ticketCode: `PAST${n++}TICKETX`,
        })
      })
      const en = await (await t.client().get(`/en/events/${event.slug}`)).text()
      assert.match(en, /1 person had a place/)
      assert.doesNotMatch(en, /places? left/)
      const zh = await (await t.client().get(`/zh/events/${event.slug}`)).text()
      assert.match(zh, /1 人报名参加/)
      assert.doesNotMatch(zh, /剩余/)
    })

    it('brings the answers back when the newcomer follows the mail’s sign-in link instead of typing the code', async () => {
      const event = await insertEvent(t.deps.db, { questions })
      const browser = t.client()
      await browser.get(`/en/events/${event.slug}/register`)
      const asked = await browser.postForm(`/en/events/${event.slug}/register/email`, {
        email: 'linkfollower@hearth.test',
        'answer.company': 'Wide & Co',
        'answer.meal': 'veg',
        'answer.photos': 'no',
      })
      assert.equal(asked.status, 200)
      const mail = (await t.lastMailTo('linkfollower@hearth.test'))!.text
      const link = new URL(/https?:\/\/\S+\/en\/sign-in\/code\?\S+/.exec(mail)![0])
      const next = link.searchParams.get('next')!
      const signedIn = await browser.postForm('/en/sign-in/code', {
        email: 'linkfollower@hearth.test',
        code: codeIn(mail)!,
        next,
      })
      assert.equal(signedIn.status, 303)
      assert.equal(signedIn.headers.get('location'), next)
      const form = await browser.get(next)
      assert.equal(form.status, 200)
      const page = await form.text()
      assert.match(
        page,
        /name="answer\.company"[^>]*value="Wide &amp; Co"|value="Wide &amp; Co"[^>]*name="answer\.company"/,
      )
      assert.match(page, /value="veg" checked/)
      assert.equal(
        (await registrationsOf(t.deps.db, event.id)).length,
        0,
        'nothing is registered before they say so',
      )
      const done = await browser.postForm(`/en/events/${event.slug}/register`, {
        'answer.company': 'Wide & Co',
        'answer.meal': 'veg',
        'answer.photos': 'no',
      })
      assert.equal(done.status, 303)
      const [registration] = await registrationsOf(t.deps.db, event.id)
      assert.deepEqual(registration!.answers, { company: 'Wide & Co', meal: 'veg', photos: 'no' })
    })

    it('registers someone without an account by e-mail and code, keeping their answers through a wrong code', async () => {
      const event = await insertEvent(t.deps.db, { questions })
      const browser = t.client()
      const form = await browser.get(`/en/events/${event.slug}/register`)
      assert.equal(form.status, 200)
      const page = await form.text()
      assert.match(page, /name="email"/)
      assert.match(page, /name="answer\.company"/)
      assert.match(page, /Vegetarian/)
      // A missing required answer comes back to the form with what was typed.
      const missing = await browser.postForm(`/en/events/${event.slug}/register/email`, {
        email: 'newcomer@hearth.test',
        'answer.meal': 'veg',
      })
      assert.equal(missing.status, 422)
      const missingPage = await missing.text()
      assert.match(missingPage, /Please answer this question/)
      assert.match(missingPage, /value="newcomer@hearth.test"/)
      assert.match(missingPage, /value="veg" checked/)
      const fields = {
        email: 'Newcomer@Hearth.test',
        'answer.company': 'ACME',
        'answer.meal': 'veg',
        'answer.photos': 'no',
      }
      const asked = await browser.postForm(`/en/events/${event.slug}/register/email`, fields)
      assert.equal(asked.status, 200)
      const codeStep = await asked.text()
      assert.match(codeStep, /sent a six-digit code to newcomer@hearth.test/)
      assert.match(codeStep, /type="hidden" name="answer.company" value="ACME"/)
      const code = codeIn((await t.lastMailTo('newcomer@hearth.test'))!.text)!
      const wrong = await browser.postForm(`/en/events/${event.slug}/register/code`, {
        email: 'newcomer@hearth.test',
        code: code === '000000' ? '111111' : '000000',
        'answer.company': 'ACME',
        'answer.meal': 'veg',
        'answer.photos': 'no',
      })
      assert.equal(wrong.status, 422)
      const again = await wrong.text()
      assert.match(again, /That code is wrong/)
      assert.match(again, /type="hidden" name="answer.company" value="ACME"/)
      assert.equal((await registrationsOf(t.deps.db, event.id)).length, 0)
      const done = await browser.postForm(`/en/events/${event.slug}/register/code`, {
        email: 'newcomer@hearth.test',
        code,
        'answer.company': 'ACME',
        'answer.meal': 'veg',
        'answer.photos': 'no',
      })
      assert.equal(done.status, 303)
      assert.equal(
        done.headers.get('location'),
        `/en/events/${event.slug}?registration=confirmed#registration`,
      )
      assert.ok(browser.cookies.has('__Host-hearth_session'))
      const [registration] = await registrationsOf(t.deps.db, event.id)
      assert.deepEqual(registration!.answers, { company: 'ACME', meal: 'veg', photos: 'no' })
      assert.equal(registration!.status, 'confirmed')
      assert.ok(
        (await mailTo(t.deps.db, 'newcomer@hearth.test')).some((m) => /You are going/.test(m.subject)),
      )
      // Signed in now: the register page sends them back to the event, where their place is.
      const back = await browser.get(`/en/events/${event.slug}/register`)
      assert.equal(back.status, 303)
    })

    it('registers a signed-in person with one click, refuses a second time, and gives the place up', async () => {
      const event = await insertEvent(t.deps.db, { capacity: 1 })
      const [ada, bo] = [await person(), await person()]
      const browser = await t.clientAs(ada.id)
      const first = await browser.postForm(`/en/events/${event.slug}/register`, {})
      assert.equal(
        first.headers.get('location'),
        `/en/events/${event.slug}?registration=confirmed#registration`,
      )
      const twice = await browser.postForm(`/en/events/${event.slug}/register`, {})
      assert.equal(
        twice.headers.get('location'),
        `/en/events/${event.slug}?registration=alreadyRegistered#registration`,
      )
      const other = await t.clientAs(bo.id)
      const queued = await other.postForm(`/zh/events/${event.slug}/register`, {})
      assert.equal(
        queued.headers.get('location'),
        `/zh/events/${event.slug}?registration=waitlisted#registration`,
      )
      const gone = await browser.postForm(`/en/events/${event.slug}/cancel`, {})
      assert.equal(
        gone.headers.get('location'),
        `/en/events/${event.slug}?registration=cancelled#registration`,
      )
      assert.equal(
        (await registrationsOf(t.deps.db, event.id)).find((r) => r.personId === bo.id)!.status,
        'confirmed',
      )
      assert.equal(await seatCounter(t.deps.db, event.id), 1)
    })

    it('gives organisers the list with answers, the CSV, approval, adding, capacity and a message to everyone', async () => {
      const organiser = await person()
      const event = await insertEvent(t.deps.db, { questions, capacity: 1, requiresApproval: true })
      await addOrganiser(t.deps.db, event.id, organiser.id)
      const guest = await person()
      const guestBrowser = await t.clientAs(guest.id)
      // With questions, the signed-in person answers them on the registration page.
      await guestBrowser.postForm(`/en/events/${event.slug}/register`, {
        'answer.company': '=cmd|calc',
        'answer.meal': 'any',
      })
      const path = `/en/console/events/${event.id}/registrations`
      const stranger = await guestBrowser.get(path)
      assert.equal(stranger.status, 403)
      const browser = await t.clientAs(organiser.id)
      const page = await browser.get(path)
      assert.equal(page.status, 200)
      const html = await page.text()
      assert.match(html, /Waiting for approval/)
      assert.match(html, /Anything/)
      const bytes = Buffer.from(await (await browser.get(`${path}.csv`)).arrayBuffer())
      // A byte order mark first, so spreadsheet programs read the names as UTF-8.
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf])
      const csv = bytes.subarray(3).toString('utf8')
      assert.match(
        csv,
        /^Name,Handle,E-mail,Status,Registered at,Confirmed at,Ticket code,Added by an organiser,Company,Meal,Photos are fine\r\n/,
      )
      // A cell a spreadsheet would run as a formula stays text.
      assert.match(csv, /,'=cmd\|calc,Anything,\r\n$/)
      const [pending] = await registrationsOf(t.deps.db, event.id)
      const approved = await browser.postForm(`${path}/${pending!.id}/approve`, {})
      assert.equal(approved.status, 303)
      assert.equal((await registrationsOf(t.deps.db, event.id))[0]!.status, 'confirmed')
      const speaker = await person()
      assert.equal((await browser.postForm(`${path}/add`, { who: speaker.handle })).status, 303)
      const unknown = await browser.postForm(`${path}/add`, { who: 'nobody-at-all' })
      assert.equal(unknown.status, 422)
      assert.match(await unknown.text(), /Nobody here has that handle/)
      assert.equal((await browser.postForm(`${path}/capacity`, { capacity: '-3' })).status, 422)
      assert.equal((await browser.postForm(`${path}/capacity`, { capacity: '10' })).status, 303)
      assert.equal(
        (
          await browser.postForm(`${path}/message`, {
            subject: 'Doors open at 18:30',
            body: 'See you there.',
          })
        ).status,
        303,
      )
      assert.ok((await mailTo(t.deps.db, speaker.email!)).some((m) => /Doors open at 18:30/.test(m.subject)))
      assert.equal(await seatCounter(t.deps.db, event.id), 2)
    })

    it('lets organisers ask questions, take one off, and confirm each place themselves', async () => {
      const organiser = await person()
      const event = await insertEvent(t.deps.db, { capacity: 5 })
      await addOrganiser(t.deps.db, event.id, organiser.id)
      const browser = await t.clientAs(organiser.id)
      const path = `/en/console/events/${event.id}/registrations`
      const oneOption = await browser.postForm(`${path}/questions`, {
        kind: 'choice',
        labelEn: 'T-shirt size',
        options: 'M',
      })
      assert.equal(oneOption.status, 422)
      assert.match(await oneOption.text(), /A choice needs two to thirty options/)
      const nameless = await browser.postForm(`${path}/questions`, {
        kind: 'text',
        labelZh: ' ',
        labelEn: '',
      })
      assert.equal(nameless.status, 422)
      assert.equal(
        (
          await browser.postForm(`${path}/questions`, {
            kind: 'text',
            labelZh: '公司',
            labelEn: 'Company',
            required: 'on',
          })
        ).status,
        303,
      )
      assert.equal(
        (
          await browser.postForm(`${path}/questions`, {
            kind: 'choice',
            labelEn: 'T-shirt size',
            options: 'M\nL | L\n特大 | XL',
          })
        ).status,
        303,
      )
      const guest = await person()
      const form = await (await (await t.clientAs(guest.id)).get(`/zh/events/${event.slug}/register`)).text()
      assert.match(form, /公司（必填）/)
      assert.match(form, /特大/)
      assert.match(form, /lang="en">T-shirt size/)
      const listing = await (await browser.get(path)).text()
      const key = /questions\/([^/]+)\/remove/.exec(listing)![1]!
      assert.equal((await browser.postForm(`${path}/questions/${key}/remove`, {})).status, 303)
      assert.equal((await browser.postForm(`${path}/approval`, { requiresApproval: 'on' })).status, 303)
      const guestBrowser = await t.clientAs(guest.id)
      const sizes = /name="answer\.(q-[^"]+)" value="o3"/.exec(form)
      const res = await guestBrowser.postForm(`/en/events/${event.slug}/register`, {
        ...(sizes ? { [`answer.${sizes[1]}`]: 'o3' } : {}),
      })
      assert.equal(res.headers.get('location'), `/en/events/${event.slug}?registration=pending#registration`)
      const [row] = await registrationsOf(t.deps.db, event.id)
      assert.equal(row!.status, 'pending')
      assert.deepEqual(Object.values(row!.answers), ['o3'])
      // Only organisers change the form.
      assert.equal((await guestBrowser.postForm(`${path}/approval`, {})).status, 403)
    })

    it('registers, lists and cancels through the API, with refusals as problems', async () => {
      const organiser = await person()
      const event = await insertEvent(t.deps.db, { questions })
      await addOrganiser(t.deps.db, event.id, organiser.id)
      const ada = await person()
      const { token } = await createApiToken(t.deps, { personId: ada.id, roles: [] }, 'test')
      const api = t.client()
      const missing = await api.api(
        'POST',
        `/api/v1/events/${event.slug}/registrations`,
        { answers: {} },
        token,
      )
      assert.equal(missing.status, 422)
      const problem = await missing.json()
      assert.deepEqual(problem.errors, [{ path: 'answers.company', message: 'Please answer this question.' }])
      const created = await api.api(
        'POST',
        `/api/v1/events/${event.slug}/registrations`,
        { answers: { company: 'ACME', photos: true } },
        token,
      )
      assert.equal(created.status, 201)
      const body = await created.json()
      assert.equal(body.status, 'confirmed')
      assert.deepEqual(body.answers, { company: 'ACME', photos: 'yes' })
      assert.equal(body.ticketUrl, `http://hearth.test/en/events/${event.slug}/ticket`)
      const twice = await api.api(
        'POST',
        `/api/v1/events/${event.slug}/registrations`,
        { answers: { company: 'x' } },
        token,
      )
      assert.equal(twice.status, 409)
      assert.equal((await twice.json()).code, 'alreadyRegistered')
      const mine = await (await api.api('GET', '/api/v1/me/registrations', undefined, token)).json()
      assert.deepEqual(
        mine.map((r: { id: string }) => r.id),
        [body.id],
      )
      const forbidden = await api.api('GET', `/api/v1/events/${event.slug}/registrations`, undefined, token)
      assert.equal(forbidden.status, 403)
      const { token: organiserToken } = await createApiToken(
        t.deps,
        { personId: organiser.id, roles: [] },
        'org',
      )
      const list = await (
        await api.api('GET', `/api/v1/events/${event.slug}/registrations`, undefined, organiserToken)
      ).json()
      assert.equal(list.length, 1)
      assert.equal(list[0].person.handle, ada.handle)
      const cancelled = await api.api(
        'DELETE',
        `/api/v1/events/${event.slug}/registrations/mine`,
        undefined,
        token,
      )
      assert.equal(cancelled.status, 200)
      assert.equal((await cancelled.json()).status, 'cancelled')
      const nothing = await api.api(
        'DELETE',
        `/api/v1/events/${event.slug}/registrations/mine`,
        undefined,
        token,
      )
      assert.equal(nothing.status, 404)
      assert.equal(
        (await api.api('POST', `/api/v1/events/${event.slug}/registrations`, { answers: {} })).status,
        401,
      )
    })
  })
}
