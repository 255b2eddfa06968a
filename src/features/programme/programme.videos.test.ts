import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { makePerson } from '../../../test/support/app.ts'
import { chapterWithTeam } from '../../../test/support/chapters.ts'
import { testBackends } from '../../../test/support/db.ts'
import { createEvent } from '../../../test/support/events.ts'
import { programmeBuilder } from '../../../test/support/programme.ts'
import { eventSessions } from '../../platform/db/schema.ts'
import { en } from '../../platform/i18n/en.ts'
import { zh } from '../../platform/i18n/zh.ts'

const NOW = new Date('2027-03-01T00:00:00Z')
const YOUTUBE = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'
const BILIBILI = 'https://www.bilibili.com/video/BV1xx411c7mD'

for (const backend of await testBackends()) {
  describe(`a conference's videos after the event [${backend}]`, async () => {
    const { t, deps, leader, member, actorOf } = await chapterWithTeam(backend, NOW, {
      slug: 'shenzhen',
      cityZh: '深圳',
      cityEn: 'Shenzhen',
    })
    const speaker = await makePerson(deps, { handle: 'chen-jing', nameEn: 'Chen Jing', nameZh: '陈静' })

    /** A published conference held last month with a Chinese talk, an English panel and two lightning sessions of one title. */
    async function conference() {
      const event = await createEvent(deps, {
        kind: 'conference',
        titleZh: '深圳开发者大会',
        titleEn: 'Shenzhen Developer Conference',
        startsAt: new Date('2027-02-06T01:00:00Z'),
        endsAt: new Date('2027-02-06T10:00:00Z'),
        organisers: [leader],
      })
      const build = programmeBuilder(deps, await actorOf(leader), event.id)
      const session = (
        titleZh: string | null,
        titleEn: string | null,
        hour: number,
        kind: 'talk' | 'panel' = 'talk',
      ) =>
        build.session({
          kind,
          titleZh,
          titleEn,
          startsAt: new Date(`2027-02-06T${String(hour).padStart(2, '0')}:00:00Z`),
          endsAt: new Date(`2027-02-06T${String(hour).padStart(2, '0')}:40:00Z`),
        })
      const rust = await session('Rust 与 WebAssembly：从入门到上线', 'Rust and WebAssembly in production', 2)
      const pg = await session(null, 'PostgreSQL indexes, explained', 3, 'panel')
      const lt1 = await session('闪电演讲', 'Lightning talks', 4)
      const lt2 = await session('闪电演讲', 'Lightning talks', 5)
      await build.person(rust.id, speaker.handle)
      await build.person(pg.id, speaker.handle, 'moderator')
      return { event, rust, pg, lt1, lt2 }
    }
    const linksOf = async (id: string) => {
      const [row] = await deps.db
        .select({ videoUrl: eventSessions.videoUrl, slidesUrl: eventSessions.slidesUrl })
        .from(eventSessions)
        .where(eq(eventSessions.id, id))
      return row
    }
    const paste = [
      `rust与webassembly:从入门到上线 ${YOUTUBE}`,
      '',
      `${BILIBILI} PostgreSQL Indexes, Explained`,
      `闪电演讲 https://v.example.org/lightning`,
      `Nobody gave this talk https://v.example.org/none`,
    ].join('\n')

    it('previews each line’s session in Chinese and changes nothing', async () => {
      const { event, rust, lt1 } = await conference()
      const client = await t.clientAs(leader)
      const res = await client.postForm(`/zh/console/events/${event.id}/videos/preview`, { links: paste })
      assert.equal(res.status, 200)
      const html = await res.text()
      const tv = zh.programmeVideos.console
      assert.ok(html.includes(tv.previewLead(2, 4)), 'two of four lines will be saved')
      assert.ok(html.includes(tv.noMatch))
      assert.ok(html.includes(tv.several))
      assert.ok(html.includes(`name="choice-4"`))
      assert.ok(html.includes(`value="${lt1.id}"`))
      assert.deepEqual(await linksOf(rust.id), { videoUrl: null, slidesUrl: null })
    })

    it('saves every matched line at once, with the session chosen among several', async () => {
      const { event, rust, pg, lt1, lt2 } = await conference()
      const client = await t.clientAs(leader)
      const res = await client.postForm(`/en/console/events/${event.id}/videos`, {
        links: paste,
        'choice-4': lt2.id,
      })
      assert.equal(res.status, 303)
      const next = await client.get(res.headers.get('location')!)
      assert.ok((await next.text()).includes(en.programmeVideos.console.saved(3)))
      assert.deepEqual(await linksOf(rust.id), { videoUrl: YOUTUBE, slidesUrl: null })
      assert.deepEqual(await linksOf(pg.id), { videoUrl: BILIBILI, slidesUrl: null })
      assert.deepEqual(await linksOf(lt1.id), { videoUrl: null, slidesUrl: null })
      assert.deepEqual(await linksOf(lt2.id), {
        videoUrl: 'https://v.example.org/lightning',
        slidesUrl: null,
      })
    })

    it('reads a CSV with quoted titles and keeps a video when only slides are given', async () => {
      const { event, rust, pg } = await conference()
      const client = await t.clientAs(leader)
      await client.postForm(`/en/console/events/${event.id}/videos`, {
        links: `title,video\n"Rust and WebAssembly in production",${YOUTUBE}`,
      })
      const res = await client.postForm(`/en/console/events/${event.id}/videos`, {
        links: `title,video,slides\r\n"Rust and WebAssembly in production",,https://s.example.org/rust.pdf\r\n"PostgreSQL indexes, explained",${BILIBILI},\r\n`,
      })
      assert.equal(res.status, 303)
      assert.deepEqual(await linksOf(rust.id), {
        videoUrl: YOUTUBE,
        slidesUrl: 'https://s.example.org/rust.pdf',
      })
      assert.deepEqual(await linksOf(pg.id), { videoUrl: BILIBILI, slidesUrl: null })
    })

    it('says why a bad link or a broken CSV is refused, and writes nothing', async () => {
      const { event, rust } = await conference()
      const client = await t.clientAs(leader)
      const bad = await client.postForm(`/zh/console/events/${event.id}/videos/preview`, {
        links: 'title,video\n"Rust and WebAssembly in production",javascript:alert(1)',
      })
      assert.ok((await bad.text()).includes(zh.programmeVideos.console.problems.badVideoUrl))
      const saved = await client.postForm(`/zh/console/events/${event.id}/videos`, {
        links: 'title,video\n"Rust and WebAssembly in production",javascript:alert(1)',
      })
      assert.equal(saved.status, 303)
      const broken = await client.postForm(`/en/console/events/${event.id}/videos`, {
        links: `title,video\n"Rust and WebAssembly in production,${YOUTUBE}`,
      })
      assert.equal(broken.status, 422)
      assert.ok((await broken.text()).includes(en.programmeVideos.console.refused.csvQuote))
      assert.deepEqual(await linksOf(rust.id), { videoUrl: null, slidesUrl: null })
    })

    it('refuses someone who does not organise the event, in their language, and changes nothing', async () => {
      const { event, rust } = await conference()
      const client = await t.clientAs(member)
      const res = await client.postForm(`/zh/console/events/${event.id}/videos`, { links: paste })
      assert.equal(res.status, 403)
      assert.ok((await res.text()).includes(zh.errors.forbidden))
      assert.deepEqual(await linksOf(rust.id), { videoUrl: null, slidesUrl: null })
      const page = await client.get(`/en/console/events/${event.id}/videos`)
      assert.equal(page.status, 403)
    })

    it('lists the sessions with videos on the public videos page, linked from the event page', async () => {
      const { event } = await conference()
      const anonymous = t.client()
      const before = await (await anonymous.get(`/en/events/${event.slug}`)).text()
      assert.ok(!before.includes(`/en/events/${event.slug}/videos`))
      const empty = await (await anonymous.get(`/en/events/${event.slug}/videos`)).text()
      assert.ok(empty.includes(en.programmeVideos.page.none))

      const client = await t.clientAs(leader)
      await client.postForm(`/en/console/events/${event.id}/videos`, { links: paste })
      const res = await anonymous.get(`/zh/events/${event.slug}/videos`)
      assert.equal(res.status, 200)
      const html = await res.text()
      assert.ok(html.includes('Rust 与 WebAssembly：从入门到上线'))
      assert.ok(html.includes('https://i.ytimg.com/vi/dQw4w9WgXcQ/mqdefault.jpg'), 'YouTube has a still')
      assert.ok(html.includes(`href="${BILIBILI}"`))
      assert.ok(html.includes('陈静'), 'speakers are named')
      assert.ok(html.includes(zh.programmeVideos.page.minutes(40)))
      assert.ok(!html.includes('Lightning'), 'sessions without a video are not listed')
      const after = await (await anonymous.get(`/en/events/${event.slug}`)).text()
      assert.ok(after.includes(`/en/events/${event.slug}/videos`))
    })

    it('keeps a draft’s videos page from anyone but its organisers', async () => {
      const event = await createEvent(deps, { status: 'draft', organisers: [leader] })
      assert.equal((await t.client().get(`/en/events/${event.slug}/videos`)).status, 404)
      assert.equal((await (await t.clientAs(leader)).get(`/en/events/${event.slug}/videos`)).status, 200)
    })

    it('credits the speaker’s sessions on their profile, with role and video', async () => {
      const { event } = await conference()
      const client = await t.clientAs(leader)
      await client.postForm(`/en/console/events/${event.id}/videos`, { links: paste })
      const html = await (await t.client().get(`/en/people/${speaker.handle}`)).text()
      assert.ok(html.includes(en.programmeVideos.profile.title))
      assert.ok(html.includes('PostgreSQL indexes, explained'))
      assert.ok(html.includes(en.events.roles.moderator!))
      assert.ok(html.includes(`href="${YOUTUBE}"`))
      const draft = await createEvent(deps, { status: 'draft', organisers: [leader] })
      const inDraft = programmeBuilder(deps, await actorOf(leader), draft.id)
      const secret = await inDraft.session({ titleEn: 'A draft’s secret talk' })
      await inDraft.person(secret.id, speaker.handle)
      const again = await (await t.client().get(`/en/people/${speaker.handle}`)).text()
      assert.ok(!again.includes('A draft’s secret talk'), 'drafts are not credited')
    })
  })
}
