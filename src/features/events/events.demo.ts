// Demo events, each made on the day it happened (relative to the demo's `now`, so the demo stays
// current). Events are created and published through the services; their rooms, agenda, speakers
// and sponsors, and the registrations and check-ins of events already held, are written through
// the repos in one transaction per event (a demo start must stay quick, and past events' mails
// were sent long ago); registrations for events to come go through the service, which decides
// places and the waitlist and writes the confirmation mails:
// - a past two-day community conference in Hong Kong, after the way KubeCon Hong Kong ran (a hotel
//   with a few rooms; a Kubernetes maintainers' roundtable with a moderator and panelists; a
//   women-empowerment session in a room of its own; a maintainer meetup; a live podcast panel that
//   became an episode of the demo show; keynotes and talks with their videos and slides), with
//   its organisers, sponsors, registrations and check-ins;
// - Shanghai's meetup three to four weeks ago, with the check-ins that make it the chapter's last
//   offline event (the health review reads them); Hangzhou (no meetup for eleven months) and
//   Chengdu (looking for a leader) hold none, so their health stays as their stories set it;
// - upcoming meetups: Shanghai's full with a waitlist in order (one place given up, the head of
//   the queue promoted) and volunteer shifts partly covered, Hangzhou's with registration
//   questions, and Chengdu's online one.
// Names and titles are pairs: Chinese in the zh field, English in the en field, never mixed.
import type { Deps } from '../../platform/deps.ts'
import type { Actor } from '../access/index.ts'
import {
  currentRoles,
  findOrCreatePersonByEmail,
  findPersonByHandle,
  getProfile,
  profileInput,
  updateProfile,
} from '../people/index.ts'
import { episodeLinks } from '../podcast/index.ts'
import { insertCheckin } from './events.checkin.repo.ts'
import { newTicketCode } from './events.checkin.rules.ts'
import type { EventInput, SessionInput, SpeakerInput } from './events.inputs.ts'
import { addConfirmed, insertRegistration } from './events.registrations.repo.ts'
import { REMINDER_LEAD_MS } from './events.registrations.rules.ts'
import { addQuestion, cancelRegistration, register } from './events.registrations.ts'
import * as repo from './events.repo.ts'
import { localDayOf, wallClockMoment } from './events.rules.ts'
import type { RegistrationQuestion } from './events.schema.ts'
import { changeStatus, createEvent } from './events.service.ts'
import { addVolunteerRole, addVolunteerShift, signUpForShift } from './events.volunteers.ts'

type DemoDeps = Pick<Deps, 'db' | 'now' | 'config' | 'communityNames'>
type Person = NonNullable<Actor>

const DAY = 86_400_000
const MINUTE = 60_000

/** The services as the demo calls them at `moment`: what they send waits for the server that starts next. */
const at = (deps: DemoDeps, moment: Date) => ({ ...deps, now: () => moment, jobs: { nudge: async () => {} } })

/** The day `days` after `day` (YYYY-MM-DD), on the calendar. */
const plusDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10)

/** The Saturday on or after `day`: the chapters meet on Saturday afternoons. */
const saturdayFrom = (day: string) => plusDays(day, (6 - new Date(`${day}T00:00:00Z`).getUTCDay() + 7) % 7)

/** A wall-clock time on a day in a zone (the demo's times are never in a skipped hour). */
const wall = (day: string, time: string, zone: string) => wallClockMoment(`${day}T${time}`, zone)!

async function actorOf(deps: Pick<Deps, 'db'>, handle: string): Promise<Person> {
  const { person } = await getProfile(deps, handle)
  const roles = (await currentRoles(deps, person.id)).map((r) => ({ role: r.role, sigId: r.sigId }))
  return { personId: person.id, roles }
}

// --- People who come to events ------------------------------------------------------------------

/**
 * People who registered with their e-mail address and gave their name: accounts of their own,
 * not listed in the directory (they never made their profile public). Chinese names have both
 * spellings; visitors from abroad wrote theirs in English only.
 */
const attendeeNames: [string | null, string][] = [
  ['王磊', 'Wang Lei'],
  ['李静', 'Li Jing'],
  ['张伟', 'Zhang Wei'],
  ['刘洋', 'Liu Yang'],
  ['陈晓', 'Chen Xiao'],
  ['杨帆', 'Yang Fan'],
  ['赵敏', 'Zhao Min'],
  ['黄磊', 'Huang Lei'],
  ['周婷', 'Zhou Ting'],
  ['吴迪', 'Wu Di'],
  ['徐静怡', 'Xu Jingyi'],
  ['孙浩然', 'Sun Haoran'],
  ['朱琳', 'Zhu Lin'],
  ['高远', 'Gao Yuan'],
  ['林晓', 'Lin Xiao'],
  ['何欣', 'He Xin'],
  ['郭子涵', 'Guo Zihan'],
  ['马超', 'Ma Chao'],
  ['罗思远', 'Luo Siyuan'],
  ['梁宇', 'Liang Yu'],
  [null, 'Priya Raman'],
  [null, 'Tom Becker'],
  [null, 'Aiko Tanaka'],
  [null, 'Sofia Lindqvist'],
]

async function seedAttendees(deps: DemoDeps) {
  const out: Person[] = []
  for (const [i, [nameZh, nameEn]] of attendeeNames.entries()) {
    const locale = nameZh ? 'zh' : 'en'
    const person = await findOrCreatePersonByEmail(
      deps,
      `attendee-${String(i + 1).padStart(2, '0')}@hearth.example`,
      locale,
    )
    const actor = { personId: person.id, roles: [] }
    await updateProfile(
      deps,
      actor,
      person.id,
      profileInput.parse({ handle: person.handle, nameZh, nameEn, locale, languages: [locale] }),
    )
    out.push(actor)
  }
  return out
}

// --- Building an event --------------------------------------------------------------------------

type Speaker = Omit<SpeakerInput, 'handle' | 'nameZh' | 'nameEn' | 'affiliation'> &
  Partial<Pick<SpeakerInput, 'handle' | 'nameZh' | 'nameEn' | 'affiliation'>>

type DemoSession = Omit<
  SessionInput,
  'abstractZh' | 'abstractEn' | 'roomId' | 'episodeId' | 'videoUrl' | 'slidesUrl' | 'language'
> & {
  abstractZh?: string
  abstractEn?: string
  language?: 'zh' | 'en'
  room?: number
  speakers?: Speaker[]
  /** Published after the event. */
  videoUrl?: string
  slidesUrl?: string
  /** The episode (by slug) a live recording became. */
  episode?: string
}

const eventDefaults = {
  slug: null,
  summaryZh: null,
  summaryEn: null,
  descriptionZh: null,
  descriptionEn: null,
  venueZh: null,
  venueEn: null,
  address: null,
  country: 'CN',
  mapUrl: null,
  accessibilityZh: null,
  accessibilityEn: null,
  onlineUrl: null,
  registrationOpensAt: null,
  registrationClosesAt: null,
  requiresApproval: false,
} satisfies Partial<EventInput>

/**
 * An event as its organiser made it on `createdAt` (the service: its address, its seat counter,
 * its creator as organiser), with its rooms, agenda and who speaks, further organisers, sponsors
 * (one transaction), its questions (the service), published on `publishedAt` (the service again). A session's
 * video, slides and episode are those it has now, after the event.
 */
async function buildEvent(
  deps: DemoDeps,
  organiser: string,
  input: EventInput,
  plan: {
    createdAt: Date
    publishedAt: Date
    rooms?: { nameZh: string; nameEn: string; capacity: number }[]
    sessions: DemoSession[]
    organisers?: string[]
    sponsors?: { nameZh: string | null; nameEn: string | null; url: string }[]
    questions?: Omit<RegistrationQuestion, 'key'>[]
  },
) {
  const actor = await actorOf(deps, organiser)
  const event = await createEvent(at(deps, plan.createdAt), actor, input)
  const handles = new Set([
    ...plan.sessions.flatMap((s) => (s.speakers ?? []).flatMap((sp) => (sp.handle ? [sp.handle] : []))),
    ...(plan.organisers ?? []),
  ])
  const personIds = new Map<string, string>()
  for (const handle of handles) personIds.set(handle, (await findPersonByHandle(deps, handle))!.id)
  const episodes = plan.sessions.some((s) => s.episode) ? await episodeLinks(deps) : []
  const when = { createdAt: plan.createdAt, updatedAt: plan.createdAt }
  await deps.db.transaction(async (tx) => {
    const roomIds: string[] = []
    for (const [position, room] of (plan.rooms ?? []).entries())
      roomIds.push((await repo.insertRoom(tx, { eventId: event.id, ...room, position })).id)
    for (const s of plan.sessions) {
      const session = await repo.insertSession(tx, {
        eventId: event.id,
        kind: s.kind,
        titleZh: s.titleZh,
        titleEn: s.titleEn,
        abstractZh: s.abstractZh ?? null,
        abstractEn: s.abstractEn ?? null,
        language: s.language ?? (s.kind === 'break' ? null : 'zh'),
        roomId: s.room === undefined ? null : roomIds[s.room]!,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        episodeId: s.episode ? (episodes.find((e) => e.slug === s.episode)?.id ?? null) : null,
        videoUrl: s.videoUrl ?? null,
        slidesUrl: s.slidesUrl ?? null,
        ...when,
      })
      for (const sp of s.speakers ?? [])
        await repo.insertSpeaker(tx, {
          sessionId: session.id,
          personId: sp.handle ? personIds.get(sp.handle)! : null,
          nameZh: sp.handle ? null : (sp.nameZh ?? null),
          nameEn: sp.handle ? null : (sp.nameEn ?? null),
          affiliation: sp.affiliation ?? null,
          role: sp.role,
        })
    }
    for (const handle of plan.organisers ?? [])
      await repo.insertOrganiser(tx, event.id, personIds.get(handle)!)
    for (const sponsor of plan.sponsors ?? []) await repo.insertSponsor(tx, { eventId: event.id, ...sponsor })
  })
  // The questions people answer when they register, as the organiser adds them; each gets its key.
  const questions: RegistrationQuestion[] = []
  for (const question of plan.questions ?? [])
    questions.push(await addQuestion(at(deps, plan.createdAt), actor, { slug: event.slug, question }))
  await changeStatus(at(deps, plan.publishedAt), actor, event.id, 'publish')
  return { event, actor, questions }
}

/** People registering for an event to come, one after another, each at their own moment. */
async function registerAll(
  deps: DemoDeps,
  slug: string,
  arrivals: { actor: Person; at: Date; answers?: Record<string, string> }[],
) {
  for (const a of [...arrivals].sort((x, y) => x.at.getTime() - y.at.getTime()))
    await register(at(deps, a.at), a.actor, { slug, answers: a.answers ?? {} })
}

/**
 * What happened at an event already held, as the rows it left: each person's registration (a
 * place, or a place given up before the event), the reminder sent the day before, and the
 * check-in of those who came, scanned by `checker`.
 */
async function recordHistory(
  deps: DemoDeps,
  event: { id: string; startsAt: Date },
  checker: Person,
  entries: { person: Person; registeredAt: Date; cancelledAt?: Date; checkedInAt?: Date }[],
) {
  await deps.db.transaction(async (tx) => {
    let confirmed = 0
    for (const e of entries) {
      const cancelled = e.cancelledAt !== undefined
      const registration = await insertRegistration(tx, {
        eventId: event.id,
        personId: e.person.personId,
        status: cancelled ? 'cancelled' : 'confirmed',
        queuedAt: e.registeredAt,
        ticketCode: newTicketCode(),
        confirmedAt: e.registeredAt,
        cancelledAt: e.cancelledAt ?? null,
        remindedAt: cancelled ? null : new Date(event.startsAt.getTime() - REMINDER_LEAD_MS),
        createdAt: e.registeredAt,
        updatedAt: e.cancelledAt ?? e.registeredAt,
      })
      if (!cancelled) confirmed += 1
      if (e.checkedInAt && !cancelled)
        await insertCheckin(tx, {
          registrationId: registration.id,
          eventId: event.id,
          checkedInAt: e.checkedInAt,
          checkedInBy: checker.personId,
        })
    }
    await addConfirmed(tx, event.id, confirmed)
  })
}

/** `n` moments from `from` to `to`, bunched towards the end as registrations are before an event. */
const arrivalTimes = (n: number, from: Date, to: Date) =>
  Array.from({ length: n }, (_, i) => {
    const share = 1 - (1 - (i + 1) / (n + 1)) ** 1.6
    return new Date(from.getTime() + share * (to.getTime() - from.getTime()) - ((i * 7919) % 3600) * 1000)
  })

// --- The conference -----------------------------------------------------------------------------

const HK = 'Asia/Hong_Kong'

async function seedConference(deps: DemoDeps, attendees: Person[]) {
  const now = deps.now()
  const day1 = localDayOf(new Date(now.getTime() - 75 * DAY), HK)
  const day2 = plusDays(day1, 1)
  const year = day1.slice(0, 4)
  const t = (day: string, time: string) => wall(day, time, HK)
  const startsAt = t(day1, '09:00')
  const endsAt = t(day2, '17:30')
  const video = {
    opening: 'https://www.youtube.com/watch?v=q3Hk7dLm2Qa',
    roundtable: 'https://www.youtube.com/watch?v=Rt10yKmVw8c',
    multiCluster: 'https://www.bilibili.com/video/BV1Hk4y1c7Lm',
    women: 'https://www.bilibili.com/video/BV1Wm5y1E8pQ',
    podcast: 'https://www.youtube.com/watch?v=Pd7LiveRc0n',
    people: 'https://www.youtube.com/watch?v=Ppl2Kn9sTb4',
    panel: 'https://www.bilibili.com/video/BV1Mt6y1U9aR',
  }
  const slides = (name: string) => `https://slides.example.org/community-day-hk-${year}/${name}.pdf`
  const sessions: DemoSession[] = [
    {
      kind: 'keynote',
      titleZh: '开幕：社区这一年',
      titleEn: 'Opening: the community’s year',
      abstractZh: '城市站、播客、贡献者和大使：过去一年社区做了什么，接下来要做什么。',
      abstractEn:
        'Chapters, the podcast, contributors and ambassadors: what the community did this year, and what comes next.',
      room: 0,
      startsAt: t(day1, '09:00'),
      endsAt: t(day1, '09:30'),
      speakers: [
        { handle: 'fawei', role: 'speaker' },
        { handle: 'michelangelo-yang', role: 'speaker' },
      ],
      videoUrl: video.opening,
      slidesUrl: slides('opening'),
    },
    {
      kind: 'keynote',
      titleZh: 'Kubernetes 十年：生产环境教会我们的事',
      titleEn: 'Kubernetes at ten: what production taught us',
      abstractZh:
        '十年前容器编排还不是日常需求；如今 Kubernetes 已是事实标准，重心从新功能转向在生产中稳定运行。',
      abstractEn:
        'Ten years ago few needed container orchestration; today Kubernetes is the de facto standard, and the work has moved from new features to running steadily in production.',
      room: 0,
      startsAt: t(day1, '09:30'),
      endsAt: t(day1, '10:15'),
      speakers: [{ handle: 'zhang-haili', role: 'speaker' }],
      slidesUrl: slides('kubernetes-at-ten'),
    },
    {
      kind: 'roundtable',
      titleZh: 'Kubernetes 维护者圆桌：十年回望与下一个十年',
      titleEn: 'Kubernetes maintainers’ roundtable: ten years on, and the next ten',
      abstractZh:
        '几位在 Kubernetes 社区长期贡献的维护者聊：各自怎样走进社区；CRI、CSI、CNI 带来的生态繁荣与兼容性难题；项目走向成熟之后，社区如何让不同厂商、不同视角的贡献者一起推动它。',
      abstractEn:
        'Maintainers who have worked in the Kubernetes community for years on how each of them came in; the ecosystem that CRI, CSI and CNI opened up, and the compatibility problems with it; and, now the project has matured, how vendors and contributors with different needs keep moving it together.',
      room: 0,
      startsAt: t(day1, '10:30'),
      endsAt: t(day1, '11:30'),
      speakers: [
        { nameZh: '刘晓雯', nameEn: 'Liu Xiaowen', affiliation: 'Kubernetes SIG Docs', role: 'moderator' },
        { nameZh: '陈宇', nameEn: 'Chen Yu', affiliation: 'Kubernetes SIG Node', role: 'panelist' },
        { nameZh: '黄杰', nameEn: 'Huang Jie', affiliation: 'Kubernetes SIG Scheduling', role: 'panelist' },
        { handle: 'shen-honglei', role: 'panelist' },
      ],
      videoUrl: video.roundtable,
    },
    {
      kind: 'talk',
      titleZh: '在金融生产环境运行多集群 KubeSphere',
      titleEn: 'Running multi-cluster KubeSphere in production at a bank',
      abstractZh: '多集群的网络、权限与升级：一家金融科技公司两年来的做法。',
      abstractEn: 'Networking, permissions and upgrades across clusters: two years at a fintech company.',
      room: 1,
      startsAt: t(day1, '11:30'),
      endsAt: t(day1, '12:15'),
      speakers: [{ handle: 'wang-jiahui', role: 'speaker' }],
      videoUrl: video.multiCluster,
      slidesUrl: slides('multi-cluster'),
    },
    {
      kind: 'talk',
      titleZh: '小团队的可观测性',
      titleEn: 'Observability for small teams',
      language: 'en',
      abstractEn: 'Metrics, logs and traces you can keep running with three people.',
      room: 2,
      startsAt: t(day1, '11:30'),
      endsAt: t(day1, '12:15'),
      speakers: [{ nameEn: 'Priya Raman', affiliation: 'Platform engineer', role: 'speaker' }],
      slidesUrl: slides('observability'),
    },
    {
      kind: 'break',
      titleZh: '午餐',
      titleEn: 'Lunch',
      startsAt: t(day1, '12:15'),
      endsAt: t(day1, '13:30'),
    },
    {
      kind: 'special',
      titleZh: '女性赋能专场',
      titleEn: 'Women empowerment session',
      abstractZh:
        '一间属于女性和非二元性别贡献者的会议室：作为社区中的少数，怎样贡献、成长、成为领导者，遇到困境时怎样互相支持。去年大会上认识的朋友，今年在这里重逢。',
      abstractEn:
        'A room of their own for women and non-binary contributors: how to contribute, grow and lead as a minority in the community, and how to support each other through what gets in the way. Friends who met at last year’s conference meet again here.',
      room: 2,
      startsAt: t(day1, '13:30'),
      endsAt: t(day1, '14:30'),
      speakers: [
        { handle: 'wang-jiahui', role: 'host' },
        { handle: 'li-na', role: 'speaker' },
        { nameZh: '刘晓雯', nameEn: 'Liu Xiaowen', affiliation: 'Kubernetes SIG Docs', role: 'speaker' },
      ],
      videoUrl: video.women,
    },
    {
      kind: 'podcast',
      titleZh: '播客现场录制：城市站站长谈线下活动',
      titleEn: 'Live podcast panel: chapter leaders on meetups',
      abstractZh: '在观众面前录制的一期 KubeSphere 访谈，现场观众提问。',
      abstractEn:
        'An episode of KubeSphere Talk recorded in front of an audience, with questions from the room.',
      room: 0,
      startsAt: t(day1, '14:30'),
      endsAt: t(day1, '15:30'),
      speakers: [
        { handle: 'fawei', role: 'host' },
        { handle: 'michelangelo-yang', role: 'host' },
        { handle: 'zhang-haili', role: 'panelist' },
        { handle: 'yin-min', role: 'panelist' },
      ],
      videoUrl: video.podcast,
      episode: 'ep-2-zhang-haili',
    },
    {
      kind: 'lightning',
      titleZh: '闪电演讲',
      titleEn: 'Lightning talks',
      abstractZh: '五分钟一个主题：文档翻译、第一次提 PR、本地开发环境。',
      abstractEn: 'Five minutes each: translating the docs, a first pull request, a local development setup.',
      room: 1,
      startsAt: t(day1, '15:45'),
      endsAt: t(day1, '16:30'),
      speakers: [
        { handle: 'ma-jinjing', role: 'speaker' },
        { handle: 'huang-shihao', role: 'speaker' },
        { nameEn: 'Tom Becker', role: 'speaker' },
      ],
    },
    {
      kind: 'meetup',
      titleZh: '云原生项目维护者见面会',
      titleEn: 'Maintainer meetup of cloud-native projects',
      abstractZh: '许多云原生项目的维护者坐在一起，聊项目之间的协作、新贡献者的培养和维护者的负担。',
      abstractEn:
        'Maintainers of many cloud-native projects in one room: working across projects, bringing new contributors on, and the load maintainers carry.',
      room: 1,
      startsAt: t(day1, '16:30'),
      endsAt: t(day1, '17:30'),
      speakers: [
        { nameZh: '王凯', nameEn: 'Wang Kai', affiliation: 'CNCF project maintainer', role: 'host' },
        { nameZh: '倪鹏', nameEn: 'Ni Peng', affiliation: 'CNCF project maintainer', role: 'host' },
      ],
    },
    {
      kind: 'keynote',
      titleZh: '软件背后的人',
      titleEn: 'The people behind the software',
      abstractZh: '不同公司、不同语言、不同国家的人，为什么面对面交流仍然无可替代。',
      abstractEn:
        'People from different companies, languages and countries: why meeting face to face still matters.',
      room: 0,
      startsAt: t(day2, '09:30'),
      endsAt: t(day2, '10:15'),
      speakers: [{ handle: 'michelangelo-yang', role: 'speaker' }],
      videoUrl: video.people,
    },
    {
      kind: 'workshop',
      titleZh: '动手工作坊：部署你的第一个应用',
      titleEn: 'Workshop: deploy your first application',
      abstractZh: '带上电脑，从空集群到一个能访问的应用。',
      abstractEn: 'Bring a laptop: from an empty cluster to an application you can reach.',
      room: 1,
      startsAt: t(day2, '10:30'),
      endsAt: t(day2, '12:00'),
      speakers: [
        { handle: 'lou-ju', role: 'host' },
        { handle: 'hu-tao', role: 'speaker' },
      ],
      slidesUrl: slides('workshop'),
    },
    {
      kind: 'talk',
      titleZh: '从 issue 到第一个 PR',
      titleEn: 'From an issue to your first pull request',
      room: 2,
      startsAt: t(day2, '10:30'),
      endsAt: t(day2, '11:15'),
      speakers: [{ handle: 'ma-jinjing', role: 'speaker' }],
      slidesUrl: slides('first-pr'),
    },
    {
      kind: 'panel',
      titleZh: '城市站怎样办好一场 Meetup',
      titleEn: 'How a chapter runs a good meetup',
      abstractZh: '场地、讲师、志愿者和宣传：三个城市站的经验。',
      abstractEn: 'Venue, speakers, volunteers and promotion: what three chapters learned.',
      room: 0,
      startsAt: t(day2, '11:15'),
      endsAt: t(day2, '12:15'),
      speakers: [
        { handle: 'zhang-haili', role: 'moderator' },
        { handle: 'yin-min', role: 'panelist' },
        { handle: 'xue-xinglin', role: 'panelist' },
        { handle: 'zhou-zhengjun', role: 'panelist' },
      ],
      videoUrl: video.panel,
    },
    {
      kind: 'break',
      titleZh: '午餐',
      titleEn: 'Lunch',
      startsAt: t(day2, '12:15'),
      endsAt: t(day2, '13:30'),
    },
    {
      kind: 'talk',
      titleZh: '社区路线图',
      titleEn: 'The community roadmap',
      language: 'en',
      abstractEn: 'What the maintainers plan for the next releases, and where help is wanted.',
      room: 0,
      startsAt: t(day2, '13:30'),
      endsAt: t(day2, '14:30'),
      speakers: [{ nameEn: 'Daniel Okafor', affiliation: 'Maintainer', role: 'speaker' }],
      slidesUrl: slides('roadmap'),
    },
    {
      kind: 'keynote',
      titleZh: '闭幕',
      titleEn: 'Closing',
      room: 0,
      startsAt: t(day2, '16:45'),
      endsAt: t(day2, '17:30'),
      speakers: [{ handle: 'fawei', role: 'speaker' }],
    },
  ]
  const { event, actor } = await buildEvent(
    deps,
    'fawei',
    {
      ...eventDefaults,
      kind: 'conference',
      chapter: null,
      mode: 'offline',
      titleZh: `云原生社区日 · 香港 ${year}`,
      titleEn: `Cloud Native Community Day Hong Kong ${year}`,
      summaryZh: '两天、三个会场：维护者圆桌、女性赋能专场、维护者见面会和播客现场录制。',
      summaryEn:
        'Two days in three rooms: a maintainers’ roundtable, a women empowerment session, a maintainer meetup and a live podcast recording.',
      descriptionZh:
        '这一届社区日在一家酒店举办，只有三个会场，人数和场地刚刚好：维护者、贡献者和用户不必在楼层之间奔走，有更多时间面对面交流。\n\n- 第一天：开幕、Kubernetes 维护者圆桌、女性赋能专场、播客现场录制、维护者见面会\n- 第二天：主题演讲、动手工作坊、城市站经验分享\n\n所有环节的视频会在会后发布。',
      descriptionEn:
        'This year’s community day is held in a hotel with just three rooms, sized to the people who come: maintainers, contributors and users spend their time talking face to face rather than walking between floors.\n\n- Day one: opening, the Kubernetes maintainers’ roundtable, the women empowerment session, a live podcast recording, the maintainer meetup\n- Day two: keynote, a hands-on workshop, what chapters learned\n\nVideos of every session are published after the event.',
      timeZone: HK,
      startsAt,
      endsAt,
      venueZh: '湾仔海滨酒店会议层',
      venueEn: 'Harbourside hotel, conference floor, Wan Chai',
      address: 'Harbour Road, Wan Chai, Hong Kong',
      country: 'HK',
      mapUrl: 'https://www.openstreetmap.org/search?query=Harbour%20Road%2C%20Wan%20Chai%2C%20Hong%20Kong',
      accessibilityZh: '会议层可乘电梯直达，三个会场均无台阶；设有无障碍洗手间。',
      accessibilityEn:
        'Lifts go to the conference floor and all three rooms are step-free; accessible toilets on the floor.',
      capacity: 120,
    },
    {
      createdAt: new Date(startsAt.getTime() - 60 * DAY),
      publishedAt: new Date(startsAt.getTime() - 45 * DAY),
      rooms: [
        { nameZh: '主会场', nameEn: 'Main hall', capacity: 120 },
        { nameZh: '会议室 A', nameEn: 'Room A', capacity: 50 },
        { nameZh: '会议室 B', nameEn: 'Room B', capacity: 40 },
      ],
      sessions,
      organisers: ['michelangelo-yang'],
      sponsors: [
        { nameZh: '示例云', nameEn: 'Example Cloud', url: 'https://cloud.example' },
        {
          nameZh: '开源示例基金会',
          nameEn: 'Example Open Source Foundation',
          url: 'https://foundation.example',
        },
        { nameZh: null, nameEn: 'Harbour Developers', url: 'https://harbour-devs.example' },
      ],
    },
  )
  // Speakers from the community registered too; most attendees registered in the last weeks,
  // three gave their place up, and of those who held one most came on the first morning, a few
  // only on the second, and five never came.
  const speakers: Person[] = []
  for (const h of [
    'zhang-haili',
    'yin-min',
    'wang-jiahui',
    'li-na',
    'shen-honglei',
    'ma-jinjing',
    'lou-ju',
    'hu-tao',
  ])
    speakers.push(await actorOf(deps, h))
  const people = [...speakers, ...attendees]
  const times = arrivalTimes(
    people.length,
    new Date(startsAt.getTime() - 44 * DAY),
    new Date(startsAt.getTime() - 1 * DAY),
  )
  await recordHistory(
    deps,
    event,
    actor,
    people.map((person, i) => ({
      person,
      registeredAt: times[i]!,
      ...(i % 11 === 9 ? { cancelledAt: new Date(startsAt.getTime() - 3 * DAY) } : {}),
      ...(i % 6 === 4
        ? {}
        : {
            checkedInAt:
              i % 7 === 6
                ? new Date(t(day2, '09:05').getTime() + i * MINUTE)
                : new Date(t(day1, '08:15').getTime() + i * 97_000),
          }),
    })),
  )
}

// --- Meetups ------------------------------------------------------------------------------------

const SH = 'Asia/Shanghai'

/** Shanghai's meetup three to four weeks ago: its check-ins make it the chapter's last offline event. */
async function seedShanghaiPast(deps: DemoDeps, attendees: Person[]) {
  const now = deps.now()
  const day = saturdayFrom(localDayOf(new Date(now.getTime() - 27 * DAY), SH))
  const startsAt = wall(day, '14:00', SH)
  const { event, actor } = await buildEvent(
    deps,
    'zhang-haili',
    {
      ...eventDefaults,
      kind: 'meetup',
      chapter: 'shanghai',
      mode: 'offline',
      titleZh: '上海 Meetup：云原生存储实践',
      titleEn: 'Shanghai meetup: cloud-native storage in practice',
      summaryZh: '三个存储实践分享和一段自由交流。',
      summaryEn: 'Three talks on storage in practice, then time to talk.',
      timeZone: SH,
      startsAt,
      endsAt: wall(day, '17:30', SH),
      venueZh: '徐汇区联合办公空间 3 楼',
      venueEn: 'Co-working space, 3rd floor, Xuhui',
      address: 'Caoxi North Road, Xuhui District, Shanghai',
      capacity: 40,
    },
    {
      createdAt: new Date(startsAt.getTime() - 30 * DAY),
      publishedAt: new Date(startsAt.getTime() - 21 * DAY),
      sessions: [
        {
          kind: 'talk',
          titleZh: '有状态应用上 Kubernetes 的那些坑',
          titleEn: 'What bites when stateful applications move to Kubernetes',
          startsAt: wall(day, '14:10', SH),
          endsAt: wall(day, '14:50', SH),
          speakers: [{ handle: 'liu-dehan', role: 'speaker' }],
        },
        {
          kind: 'talk',
          titleZh: '备份与恢复：一次真实的故障复盘',
          titleEn: 'Backup and restore: a real outage, looked back on',
          startsAt: wall(day, '15:00', SH),
          endsAt: wall(day, '15:40', SH),
          speakers: [{ handle: 'shen-honglei', role: 'speaker' }],
        },
        {
          kind: 'lightning',
          titleZh: '闪电演讲：本地存储选型',
          titleEn: 'Lightning talk: choosing local storage',
          startsAt: wall(day, '15:50', SH),
          endsAt: wall(day, '16:05', SH),
          speakers: [{ handle: 'zhang-haofei', role: 'speaker' }],
        },
        {
          kind: 'meetup',
          titleZh: '自由交流',
          titleEn: 'Open conversation',
          startsAt: wall(day, '16:10', SH),
          endsAt: wall(day, '17:30', SH),
        },
      ],
    },
  )
  // Twenty registered over the three weeks before; seventeen came.
  const people = attendees.slice(0, 20)
  const times = arrivalTimes(people.length, new Date(startsAt.getTime() - 20 * DAY), startsAt)
  await recordHistory(
    deps,
    event,
    actor,
    people.map((person, i) => ({
      person,
      registeredAt: new Date(Math.min(times[i]!.getTime(), startsAt.getTime() - 3_600_000)),
      ...(i % 7 === 3 ? {} : { checkedInAt: new Date(startsAt.getTime() - 20 * MINUTE + i * 83_000) }),
    })),
  )
}

/** Shanghai's next meetup: twelve places, all taken, three waiting in the order they came. */
async function seedShanghaiNext(deps: DemoDeps, attendees: Person[]) {
  const now = deps.now()
  const day = saturdayFrom(localDayOf(new Date(now.getTime() + 9 * DAY), SH))
  const startsAt = wall(day, '14:00', SH)
  const { event } = await buildEvent(
    deps,
    'zhang-haili',
    {
      ...eventDefaults,
      kind: 'meetup',
      chapter: 'shanghai',
      mode: 'offline',
      titleZh: '上海 Meetup：可观测性动手实践',
      titleEn: 'Shanghai meetup: hands-on observability',
      summaryZh: '小教室里的动手实践：每人一台电脑，从指标到告警。',
      summaryEn: 'Hands-on in a small room: a laptop each, from metrics to alerts.',
      descriptionZh:
        '场地只能坐 12 人，每位参加者都会用自己的电脑完成练习。名额满后可以加入候补，有人取消时按顺序递补。',
      descriptionEn:
        'The room seats twelve, and everyone works through the exercises on their own laptop. Once it is full, join the waitlist: places given up go to it in order.',
      timeZone: SH,
      startsAt,
      endsAt: wall(day, '17:00', SH),
      venueZh: '静安区社区图书馆小教室',
      venueEn: 'Community library classroom, Jing’an',
      address: 'Changde Road, Jing’an District, Shanghai',
      accessibilityZh: '教室在一楼，入口无台阶。',
      accessibilityEn: 'The classroom is on the ground floor with a step-free entrance.',
      capacity: 12,
    },
    {
      createdAt: new Date(now.getTime() - 12 * DAY),
      publishedAt: new Date(now.getTime() - 10 * DAY),
      sessions: [
        {
          kind: 'workshop',
          titleZh: '从指标到告警',
          titleEn: 'From metrics to alerts',
          startsAt: wall(day, '14:00', SH),
          endsAt: wall(day, '16:00', SH),
          speakers: [{ handle: 'liu-dehan', role: 'host' }],
        },
        {
          kind: 'lightning',
          titleZh: '闪电演讲：告警太多怎么办',
          titleEn: 'Lightning talk: too many alerts',
          startsAt: wall(day, '16:10', SH),
          endsAt: wall(day, '16:25', SH),
          speakers: [{ handle: 'zhang-haofei', role: 'speaker' }],
        },
      ],
    },
  )
  const people = [...attendees.slice(8, 20), await actorOf(deps, 'chen-bo'), ...attendees.slice(20, 23)]
  const from = new Date(now.getTime() - 10 * DAY)
  await registerAll(
    deps,
    event.slug,
    people.map((p, i) => ({ actor: p, at: new Date(from.getTime() + i * 0.5 * DAY) })),
  )
  // One of the first to register cannot come after all: the head of the waitlist gets the place.
  await cancelRegistration(at(deps, new Date(now.getTime() - 1 * DAY)), people[2]!, event.slug)
  // Volunteers: the desk in two shifts and someone to take photos. The team covers part of it,
  // so the organisers' board shows what is still missing.
  const roles = [
    {
      nameZh: '签到台',
      nameEn: 'Registration desk',
      descriptionZh: '核对名单、扫码签到、发放胸牌。',
      descriptionEn: 'Check names, scan tickets, hand out badges.',
      shifts: [
        { from: '13:15', to: '14:30', slots: 2, volunteers: ['shen-honglei'] },
        { from: '14:30', to: '17:00', slots: 1, volunteers: ['zhang-haofei'] },
      ],
    },
    {
      nameZh: '摄影',
      nameEn: 'Photos',
      descriptionZh: '拍摄分享和交流的照片，活动后一周内上传。',
      descriptionEn: 'Photograph the talks and the conversations; upload them within a week.',
      shifts: [{ from: '14:00', to: '17:00', slots: 1, volunteers: [] }],
    },
  ]
  const organiser = await actorOf(deps, 'zhang-haili')
  for (const { shifts, ...role } of roles) {
    const created = await addVolunteerRole(deps, organiser, event.id, role)
    for (const shift of shifts) {
      const made = await addVolunteerShift(deps, organiser, event.id, created.id, {
        startsAt: wall(day, shift.from, SH),
        endsAt: wall(day, shift.to, SH),
        slots: shift.slots,
      })
      for (const handle of shift.volunteers)
        await signUpForShift(
          at(deps, new Date(now.getTime() - 3 * DAY)),
          await actorOf(deps, handle),
          event.slug,
          made.id,
        )
    }
  }
}

/** Hangzhou's next salon, with questions for the people registering: it would end the chapter's year without a meetup. */
async function seedHangzhouNext(deps: DemoDeps, attendees: Person[]) {
  const now = deps.now()
  const day = saturdayFrom(localDayOf(new Date(now.getTime() + 20 * DAY), SH))
  const startsAt = wall(day, '13:30', SH)
  const questions: Omit<RegistrationQuestion, 'key'>[] = [
    {
      kind: 'choice',
      labelZh: '你目前的工作',
      labelEn: 'What you do',
      required: true,
      options: [
        { key: 'dev', labelZh: '开发', labelEn: 'Development' },
        { key: 'ops', labelZh: '运维', labelEn: 'Operations' },
        { key: 'student', labelZh: '在读学生', labelEn: 'Student' },
        { key: 'other', labelZh: '其他', labelEn: 'Something else' },
      ],
    },
    {
      kind: 'yes_no',
      labelZh: '你在生产环境中运行 KubeSphere 吗？',
      labelEn: 'Do you run KubeSphere in production?',
      required: false,
    },
    {
      kind: 'text',
      labelZh: '想请讲师回答的问题',
      labelEn: 'A question you would like the speakers to answer',
      required: false,
    },
  ]
  const { event, questions: asked } = await buildEvent(
    deps,
    'yin-min',
    {
      ...eventDefaults,
      kind: 'meetup',
      chapter: 'hangzhou',
      mode: 'hybrid',
      titleZh: '杭州技术沙龙：多集群落地',
      titleEn: 'Hangzhou tech salon: multi-cluster in practice',
      summaryZh: '两家本地企业分享多集群的落地过程，现场和线上同步。',
      summaryEn: 'Two local companies on how they adopted multiple clusters, in the room and streamed.',
      timeZone: SH,
      startsAt,
      endsAt: wall(day, '17:00', SH),
      venueZh: '西湖区创业园会议室',
      venueEn: 'Start-up park meeting room, Xihu District',
      address: 'Wensan Road, Xihu District, Hangzhou',
      onlineUrl: 'https://live.example.org/hangzhou-salon',
      capacity: 40,
    },
    {
      createdAt: new Date(now.getTime() - 8 * DAY),
      publishedAt: new Date(now.getTime() - 7 * DAY),
      questions,
      sessions: [
        {
          kind: 'talk',
          titleZh: '三个机房、一个控制台',
          titleEn: 'Three data centres, one console',
          startsAt: wall(day, '13:40', SH),
          endsAt: wall(day, '14:30', SH),
          speakers: [{ handle: 'xue-xinglin', role: 'speaker' }],
        },
        {
          kind: 'talk',
          titleZh: '多集群下的发布与回滚',
          titleEn: 'Releasing and rolling back across clusters',
          startsAt: wall(day, '14:40', SH),
          endsAt: wall(day, '15:30', SH),
          speakers: [
            { nameZh: '钱立', nameEn: 'Qian Li', affiliation: 'Hangzhou user group', role: 'speaker' },
          ],
        },
        {
          kind: 'panel',
          titleZh: '问答与交流',
          titleEn: 'Questions and conversation',
          startsAt: wall(day, '15:40', SH),
          endsAt: wall(day, '17:00', SH),
          speakers: [
            { handle: 'yin-min', role: 'moderator' },
            { handle: 'xue-xinglin', role: 'panelist' },
            { handle: 'ma-jinjing', role: 'panelist' },
          ],
        },
      ],
    },
  )
  const [role, production, question] = asked.map((q) => q.key) as [string, string, string]
  const roles = ['dev', 'ops', 'ops', 'student', 'dev', 'other']
  const people = [await actorOf(deps, 'fawei'), ...attendees.slice(0, 5)]
  const from = new Date(now.getTime() - 7 * DAY)
  await registerAll(
    deps,
    event.slug,
    people.map((p, i) => ({
      actor: p,
      at: new Date(from.getTime() + i * 0.7 * DAY),
      answers: {
        [role]: roles[i]!,
        ...(i % 3 === 0 ? { [production]: i % 2 ? 'no' : 'yes' } : {}),
        ...(i === 1 ? { [question]: '多集群之间的网络延迟怎么监控？' } : {}),
      },
    })),
  )
}

/** Chengdu meets online while its venue is being rebuilt; the vice-leader organises it. */
async function seedChengduNext(deps: DemoDeps, attendees: Person[]) {
  const now = deps.now()
  const day = localDayOf(new Date(now.getTime() + 30 * DAY), SH)
  const startsAt = wall(day, '19:30', SH)
  const { event } = await buildEvent(
    deps,
    'lou-ju',
    {
      ...eventDefaults,
      kind: 'meetup',
      chapter: 'chengdu',
      mode: 'online',
      titleZh: '成都线上分享：从零开始做贡献',
      titleEn: 'Chengdu online: contributing from scratch',
      summaryZh: '场地改造期间的线上分享：第一次贡献可以从哪里开始。',
      summaryEn: 'Online while the venue is rebuilt: where a first contribution can start.',
      timeZone: SH,
      startsAt,
      endsAt: wall(day, '21:00', SH),
      onlineUrl: 'https://meet.example.org/chengdu-contributing',
      capacity: null,
    },
    {
      createdAt: new Date(now.getTime() - 5 * DAY),
      publishedAt: new Date(now.getTime() - 4 * DAY),
      sessions: [
        {
          kind: 'talk',
          titleZh: '找到第一个 issue',
          titleEn: 'Finding your first issue',
          startsAt: wall(day, '19:30', SH),
          endsAt: wall(day, '20:15', SH),
          speakers: [{ handle: 'hu-tao', role: 'speaker' }],
        },
        {
          kind: 'talk',
          titleZh: '写文档也是贡献',
          titleEn: 'Writing docs is contributing',
          startsAt: wall(day, '20:15', SH),
          endsAt: wall(day, '21:00', SH),
          speakers: [{ handle: 'huang-shihao', role: 'speaker' }],
        },
      ],
    },
  )
  const from = new Date(now.getTime() - 4 * DAY)
  await registerAll(
    deps,
    event.slug,
    attendees.slice(5, 9).map((p, i) => ({ actor: p, at: new Date(from.getTime() + i * 0.5 * DAY) })),
  )
}

export async function seedEventsDemo(deps: DemoDeps) {
  const attendees = await seedAttendees(deps)
  await seedConference(deps, attendees)
  await seedShanghaiPast(deps, attendees)
  await seedShanghaiNext(deps, attendees)
  await seedHangzhouNext(deps, attendees)
  await seedChengduNext(deps, attendees)
}
