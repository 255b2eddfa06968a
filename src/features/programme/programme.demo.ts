// The demo conference's programme, as its organisers ran it before the event (relative to the
// conference's start, so it stays in step with the events demo): a call for speakers open for two
// weeks with two tracks, a dozen proposals in Chinese and English from people who came, three
// reviewers scoring each two or three times, decisions queued and sent together, the accepted
// speakers confirming (one never answered; one proposal withdrawn while the call was open), and
// the accepted talks placed in Room A and Room B over the two days and published as schedule 0.1,
// then 0.2 after one talk moved. Everything goes through the programme's services at the moment
// it happened; their mails went out long ago, so they are marked sent.
import { and, inArray, isNull } from 'drizzle-orm'
import { mailOutbox } from '../../platform/db/schema.ts'
import type { Deps } from '../../platform/deps.ts'
import type { Actor } from '../access/index.ts'
import { eventToOrganise, localDayOf, publicEvents, wallClockMoment } from '../events/index.ts'
import { currentRoles, getProfile } from '../people/index.ts'
import * as proposalsRepo from './programme.proposals.repo.ts'
import {
  addReviewer,
  addTrack,
  answerAsSpeaker,
  queueDecision,
  reviewProposal,
  saveCall,
  sendDecisions,
  submitProposal,
  withdrawProposal,
} from './programme.proposals.ts'
import { placeFromForm, publishSchedule } from './programme.schedule.ts'
import { optionalProposalFields } from './programme.schema.ts'
// The engine knows talk proposals once their type is registered; the preparing process that loads
// the demo does not load the app that registers it otherwise.
import './programme.proposals.type.ts'

type DemoDeps = Pick<Deps, 'db' | 'now' | 'config' | 'communityNames'>
type Person = NonNullable<Actor>

const DAY = 86_400_000
const MINUTE = 60_000
const HK = 'Asia/Hong_Kong'

/** The services as the demo calls them at `moment`: what they send waits for the server that starts next. */
const at = (deps: DemoDeps, moment: Date) => ({ ...deps, now: () => moment, jobs: { nudge: async () => {} } })

async function actorOf(deps: Pick<Deps, 'db'>, person: { id: string }): Promise<Person> {
  const roles = (await currentRoles(deps, person.id)).map((r) => ({ role: r.role, sigId: r.sigId }))
  return { personId: person.id, roles }
}

const byHandle = async (deps: DemoDeps, handle: string) =>
  actorOf(deps, (await getProfile(deps, handle)).person)

/** The events demo's attendees are known by their address (their handles are made up). */
const attendee = async (deps: DemoDeps, n: number) => {
  const person = await proposalsRepo.selectPersonByEmail(
    deps.db,
    `attendee-${String(n).padStart(2, '0')}@hearth.example`,
  )
  if (!person) throw new Error(`the events demo's attendee ${n} is missing`)
  return actorOf(deps, person)
}

type DemoProposal = {
  /** The events demo's attendee who proposes it. */
  by: number
  language: 'zh' | 'en'
  title: string
  abstract: string
  description?: string
  level: 'beginner' | 'intermediate' | 'advanced'
  duration: 30 | 45
  kind: 'talk' | 'workshop' | 'lightning'
  track: 'cloud' | 'community'
  coSpeakers?: string
  notes?: string
  /** Scores of the reviewers (by position in `reviewers`; null: did not review it). */
  scores: (number | null)[]
  outcome: 'confirmed' | 'accepted' | 'rejected' | 'withdrawn'
  /** Where a confirmed talk is placed: day 1 or 2, room 1 (Room A) or 2 (Room B), start time. */
  place?: { day: 1 | 2; room: 1 | 2; start: string }
}

const reviewers = ['liu-dehan', 'zhang-haofei', 'chen-bo']

const comments: Record<'zh' | 'en', Record<number, string>> = {
  zh: {
    5: '很扎实的实践经验，听众会很有收获。',
    4: '题目清楚，建议多讲一些踩过的坑。',
    3: '内容不错，但和往年的分享有些重复。',
    2: '摘要太泛，看不出具体要讲什么。',
    1: '更像产品介绍，不适合社区日。',
  },
  en: {
    5: 'Concrete, from real production experience; people will take a lot home.',
    4: 'Clear topic; would like more about what went wrong.',
    3: 'Good, but close to talks we had last year.',
    2: 'The abstract is too general to tell what the talk covers.',
    1: 'Reads like a product pitch; not for a community day.',
  },
}

const demoProposals: DemoProposal[] = [
  {
    by: 1,
    language: 'zh',
    title: '用 eBPF 排查生产环境的网络抖动',
    abstract: '一次持续三周的偶发延迟，最后在内核里找到了原因：我们如何用 eBPF 一步步缩小范围。',
    level: 'intermediate',
    duration: 45,
    kind: 'talk',
    track: 'cloud',
    scores: [5, 4, 5],
    outcome: 'confirmed',
    place: { day: 1, room: 1, start: '09:30' },
  },
  {
    by: 21,
    language: 'en',
    title: 'Autoscaling on a budget: lessons from a small SaaS',
    abstract:
      'How a five-person team cut its cloud bill in half with the Kubernetes autoscalers, and the two outages it cost on the way.',
    level: 'beginner',
    duration: 30,
    kind: 'talk',
    track: 'cloud',
    scores: [4, 4, null],
    outcome: 'confirmed',
    place: { day: 1, room: 1, start: '13:30' },
  },
  {
    by: 2,
    language: 'zh',
    title: '城市站组织者的第一年',
    abstract: '从三个人的线下聚会到每月一次的技术沙龙：场地、讲者、志愿者和坚持下去的办法。',
    level: 'beginner',
    duration: 30,
    kind: 'talk',
    track: 'community',
    coSpeakers: 'attendee-03@hearth.example',
    scores: [4, 5, 4],
    outcome: 'confirmed',
    place: { day: 1, room: 2, start: '10:30' },
  },
  {
    by: 22,
    language: 'en',
    title: 'Writing operators people can debug',
    abstract:
      'Status conditions, events and logs that tell an on-call engineer what an operator is doing and why, with examples from three open-source operators.',
    level: 'advanced',
    duration: 45,
    kind: 'talk',
    track: 'cloud',
    scores: [5, 5, 4],
    outcome: 'confirmed',
    place: { day: 2, room: 1, start: '13:30' },
  },
  {
    by: 4,
    language: 'zh',
    title: '给开源项目写中文文档',
    abstract: '翻译、术语表和版本同步：一个中文文档小组三年的经验，以及怎样让新人第一周就能提交。',
    level: 'beginner',
    duration: 30,
    kind: 'talk',
    track: 'community',
    scores: [4, null, 4],
    outcome: 'confirmed',
    place: { day: 2, room: 2, start: '13:30' },
  },
  {
    by: 23,
    language: 'en',
    title: 'GitOps for a hundred clusters',
    abstract:
      'Rolling out configuration to a hundred edge clusters with pull-based GitOps: waves, health checks and a rollback that works.',
    level: 'intermediate',
    duration: 30,
    kind: 'talk',
    track: 'cloud',
    scores: [4, 3, 5],
    outcome: 'confirmed',
    place: { day: 2, room: 2, start: '14:30' },
  },
  {
    by: 5,
    language: 'zh',
    title: '多租户集群里的资源配额',
    abstract: '配额、优先级和抢占：一个内部平台如何让几十个团队公平地共享集群。',
    level: 'intermediate',
    duration: 30,
    kind: 'talk',
    track: 'cloud',
    scores: [4, 4, 3],
    outcome: 'accepted',
  },
  {
    by: 6,
    language: 'zh',
    title: '我们的云原生产品发布会',
    abstract: '介绍我们公司最新的云原生产品和它的全部功能。',
    level: 'beginner',
    duration: 45,
    kind: 'talk',
    track: 'cloud',
    scores: [1, 2, null],
    outcome: 'rejected',
  },
  {
    by: 24,
    language: 'en',
    title: 'Kubernetes from zero',
    abstract: 'An introduction to containers, pods and deployments for people new to Kubernetes.',
    level: 'beginner',
    duration: 45,
    kind: 'workshop',
    track: 'cloud',
    notes: 'Happy to run it as a workshop if there is a room with tables.',
    scores: [3, 2, 3],
    outcome: 'rejected',
  },
  {
    by: 7,
    language: 'zh',
    title: '五分钟讲清楚服务网格',
    abstract: '用一个比喻讲清楚服务网格解决什么问题、不解决什么问题。',
    level: 'beginner',
    duration: 30,
    kind: 'lightning',
    track: 'cloud',
    scores: [3, 3, 2],
    outcome: 'rejected',
  },
  {
    by: 21,
    language: 'en',
    title: 'Mentoring your first contributor',
    abstract: 'What a maintainer can do in the first month so a new contributor stays for a year.',
    level: 'beginner',
    duration: 30,
    kind: 'talk',
    track: 'community',
    scores: [3, null, 2],
    outcome: 'rejected',
  },
  {
    by: 8,
    language: 'zh',
    title: '从虚拟机迁移到容器的账单',
    abstract: '迁移前后的成本对比，以及那些没有算进去的开销。',
    level: 'intermediate',
    duration: 30,
    kind: 'talk',
    track: 'cloud',
    scores: [],
    outcome: 'withdrawn',
  },
]

/** The demo's programme for the conference the events demo made (nothing when it is not there). */
export async function seedProgrammeDemo(deps: DemoDeps) {
  // The events demo holds one conference, held weeks ago.
  const held = (await publicEvents(deps, { kind: 'conference' })).past[0]
  if (!held) return
  const organiser = await byHandle(deps, 'fawei')
  const { event: conference, rooms } = await eventToOrganise(deps, organiser, held.id)
  const start = conference.startsAt.getTime()
  const moment = (days: number, minutes = 0) => new Date(start + days * DAY + minutes * MINUTE)
  const unsent = async () =>
    (await deps.db.select({ id: mailOutbox.id }).from(mailOutbox).where(isNull(mailOutbox.sentAt))).map(
      (r) => r.id,
    )
  const pending = new Set(await unsent())
  const eventId = conference.id

  // The call: open from 44 to 30 days before, lengths of 30 and 45 minutes, two tracks, three reviewers.
  await saveCall(at(deps, moment(-46)), organiser, eventId, {
    opensAt: moment(-44),
    closesAt: moment(-30),
    fields: [...optionalProposalFields],
    durations: [30, 45],
    anonymousReviews: false,
    acceptTemplateZh: null,
    acceptTemplateEn: null,
    rejectTemplateZh: null,
    rejectTemplateEn: null,
  })
  const tracks = {
    cloud: await addTrack(at(deps, moment(-46)), organiser, eventId, {
      nameZh: '云原生',
      nameEn: 'Cloud native',
    }),
    community: await addTrack(at(deps, moment(-46)), organiser, eventId, {
      nameZh: '社区',
      nameEn: 'Community',
    }),
  }
  const reviewerActors: Person[] = []
  for (const handle of reviewers) {
    await addReviewer(at(deps, moment(-45)), organiser, eventId, { handle, trackId: null })
    reviewerActors.push(await byHandle(deps, handle))
  }

  // Proposals over the call's two weeks; one withdrawn before it closed.
  const submitted: { plan: DemoProposal; id: string; speaker: Person }[] = []
  for (const [i, plan] of demoProposals.entries()) {
    const speaker = await attendee(deps, plan.by)
    const when = moment(-43 + i, 9 * 60 + i * 37)
    const proposal = await submitProposal(at(deps, when), speaker, conference.slug, {
      title: plan.title,
      abstract: plan.abstract,
      description: plan.description ?? '',
      level: plan.level,
      duration: plan.duration,
      kind: plan.kind,
      track: tracks[plan.track].nameEn,
      language: plan.language,
      coSpeakers: plan.coSpeakers ?? '',
      notes: plan.notes ?? '',
    })
    submitted.push({ plan, id: proposal.id, speaker })
    if (plan.outcome === 'withdrawn')
      await withdrawProposal(at(deps, new Date(when.getTime() + DAY)), speaker, proposal.id)
  }

  // Reviews in the week after the call closed, each in the reviewer's language of the talk.
  for (const [i, { plan, id }] of submitted.entries())
    for (const [r, score] of plan.scores.entries())
      if (score !== null)
        await reviewProposal(at(deps, moment(-29 + r * 2, 10 * 60 + i * 11)), reviewerActors[r]!, id, {
          score,
          comment: comments[plan.language][score],
        })

  // Decisions queued, then sent together; the speakers answer over the next days (one never does).
  for (const { plan, id } of submitted)
    if (plan.outcome !== 'withdrawn')
      await queueDecision(
        at(deps, moment(-24)),
        organiser,
        id,
        plan.outcome === 'rejected' ? 'reject' : 'accept',
      )
  await sendDecisions(at(deps, moment(-23)), organiser, eventId)
  for (const [i, { plan, id, speaker }] of submitted.entries())
    if (plan.outcome === 'confirmed') {
      await answerAsSpeaker(at(deps, moment(-22, i * 97)), speaker, id, 'confirm')
      // A co-speaker confirms on their own.
      if (plan.coSpeakers) {
        const co = await proposalsRepo.selectPersonByEmail(deps.db, plan.coSpeakers)
        if (co)
          await answerAsSpeaker(at(deps, moment(-22, i * 97 + 30)), await actorOf(deps, co), id, 'confirm')
      }
    }

  // The schedule: the confirmed talks in Room A and Room B, published as 0.1; a week later one
  // talk moves to the other room half an hour later, published as 0.2 (its speaker is told).
  const day1 = localDayOf(conference.startsAt, HK)
  const dayOf = (n: 1 | 2) => (n === 1 ? day1 : localDayOf(new Date(conference.startsAt.getTime() + DAY), HK))
  const endOf = (day: string, startTime: string, minutes: number) =>
    new Date(wallClockMoment(`${day}T${startTime}`, HK)!.getTime() + minutes * MINUTE).toLocaleTimeString(
      'en-GB',
      { timeZone: HK, hour: '2-digit', minute: '2-digit', hour12: false },
    )
  /** The session of an accepted proposal, placed by the editor's form at `when`. */
  const place = async (
    when: Date,
    id: string,
    plan: DemoProposal,
    where: NonNullable<DemoProposal['place']>,
  ) => {
    const day = dayOf(where.day)
    await placeFromForm(at(deps, when), organiser, eventId, {
      session: (await proposalsRepo.selectSessionOf(deps.db, id))!.id,
      room: rooms[where.room]!.id,
      day,
      start: where.start,
      end: endOf(day, where.start, plan.duration),
    })
  }
  const publish = async (when: Date, version: string) => {
    const published = await publishSchedule(at(deps, when), organiser, eventId)
    if (!published.ok) throw new Error(`the demo's schedule ${version} was refused: ${published.refusal}`)
  }
  let moved: { id: string; plan: DemoProposal } | null = null
  for (const { plan, id } of submitted) {
    if (!plan.place) continue
    await place(moment(-19), id, plan, plan.place)
    if (plan.place.day === 2 && plan.place.start === '14:30') moved = { id, plan }
  }
  await publish(moment(-18), '0.1')
  if (moved) {
    await place(moment(-11), moved.id, moved.plan, { day: 2, room: 1, start: '15:00' })
    await publish(moment(-10), '0.2')
  }

  // The mails of all this went out weeks before the conference: none is sent again on first start.
  // (The outbox has no call for this; only the demo writes history that was already delivered.)
  const written = (await unsent()).filter((id) => !pending.has(id))
  if (written.length)
    await deps.db
      .update(mailOutbox)
      .set({ sentAt: moment(-10), via: 'log' })
      .where(and(inArray(mailOutbox.id, written), isNull(mailOutbox.sentAt)))
}
