import type { Deps } from '../../platform/deps.ts'
import {
  answerInvitation,
  invitationsOf,
  startApplication,
  voteOnApplication,
} from '../applications/index.ts'
import { currentRoles, getProfile } from '../people/index.ts'
import { ensureFoundingSig } from '../people/people.demo.ts'
import { FOUND_CHAPTER, STEP_DOWN } from './chapters.applications.ts'
import * as repo from './chapters.repo.ts'
import type { TeamRole } from './chapters.rules.ts'
import { addMonths, dayOf } from './chapters.rules.ts'
import { foundChapter, settleChapterHealth } from './chapters.service.ts'

// The three chapters the community started with in 2021 and their founding teams.
const demoChapters: {
  slug: string
  cityZh: string
  cityEn: string
  foundedOn: string
  descriptionZh: string
  descriptionEn: string
  team: [string, TeamRole][]
}[] = [
  {
    slug: 'shanghai',
    cityZh: '上海',
    cityEn: 'Shanghai',
    foundedOn: '2021-06-19',
    descriptionZh: '上海的云原生爱好者在这里相聚：线下 Meetup、动手工作坊和用户案例分享。',
    descriptionEn:
      'Where cloud-native people in Shanghai meet: meetups, hands-on workshops and user stories.',
    team: [
      ['zhang-haili', 'leader'],
      ['shen-honglei', 'vice_leader'],
      ['liu-dehan', 'member'],
      ['zhang-haofei', 'member'],
    ],
  },
  {
    slug: 'hangzhou',
    cityZh: '杭州',
    cityEn: 'Hangzhou',
    foundedOn: '2021-07-10',
    descriptionZh: '杭州站组织技术沙龙，邀请本地企业分享 Kubernetes 落地实践。',
    descriptionEn: 'Hangzhou holds tech salons where local companies share how they run Kubernetes.',
    team: [
      ['yin-min', 'leader'],
      ['xue-xinglin', 'vice_leader'],
      ['ma-jinjing', 'member'],
    ],
  },
  {
    slug: 'chengdu',
    cityZh: '成都',
    cityEn: 'Chengdu',
    foundedOn: '2021-08-14',
    descriptionZh: '成都站面向西南地区的开发者，定期举办线下交流和入门培训。',
    descriptionEn:
      'Chengdu serves developers across the south-west with regular meetups and beginner training.',
    team: [
      ['zhou-zhengjun', 'leader'],
      ['lou-ju', 'vice_leader'],
      ['hu-tao', 'member'],
      ['huang-shihao', 'member'],
    ],
  },
]

export async function seedChaptersDemo(deps: Pick<Deps, 'db' | 'now'>) {
  await deps.db.transaction(async (tx) => {
    const sig = await ensureFoundingSig({ db: tx })
    for (const c of demoChapters) {
      // One after another: a transaction is one connection, which runs one query at a time.
      const team = []
      for (const [handle, role] of c.team) {
        team.push({ personId: (await getProfile({ db: tx }, handle)).person.id, role })
      }
      await foundChapter(
        tx,
        {
          slug: c.slug,
          cityZh: c.cityZh,
          cityEn: c.cityEn,
          country: 'CN',
          sigId: sig!.id,
          foundedOn: c.foundedOn,
          descriptionZh: c.descriptionZh,
          descriptionEn: c.descriptionEn,
        },
        team,
        new Date(`${c.foundedOn}T10:00:00Z`),
      )
    }
  })
}

const DAY = 86_400_000

/**
 * The services as the demo calls them, `daysAgo` days back: what they send waits for the server
 * that starts next (no job to nudge), and the history reads as if it happened over those days.
 */
const asOf = (deps: Pick<Deps, 'db' | 'now' | 'config' | 'communityNames'>, daysAgo: number) => {
  const at = new Date(deps.now().getTime() - daysAgo * DAY)
  return { ...deps, now: () => at, jobs: { nudge: async () => {} } }
}

/** A demo person as the services see them: who, and the roles they hold now. */
const actorOf = async (deps: Pick<Deps, 'db'>, handle: string) => {
  const { person } = await getProfile(deps, handle)
  const roles = (await currentRoles(deps, person.id)).map((r) => ({ role: r.role, sigId: r.sigId }))
  return { personId: person.id, roles }
}

/**
 * A city asking for a chapter, half-way through its review: the founder proposes a vice-leader and
 * two first members (two have said yes, one has not answered yet), and one SIG member has
 * approved, so the application page shows the proposed team and what the decision still needs.
 */
export async function seedPendingFoundingDemo(deps: Pick<Deps, 'db' | 'now' | 'config' | 'communityNames'>) {
  const application = await startApplication(asOf(deps, 6), await actorOf(deps, 'zhang-haofei'), {
    type: FOUND_CHAPTER,
    submit: true,
    answers: {
      github: 'demo-zhang-haofei',
      cityZh: '北京',
      cityEn: 'Beijing',
      country: 'CN',
      prerequisites: true,
      contact: 'zhang-haofei@hearth.example',
      reason: '北京有很多在生产环境使用 KubeSphere 的团队，但还没有固定的线下交流。',
      requirements: '希望社区提供第一次活动的场地联系和宣传支持。',
      plan: '每个季度一次 Meetup，每次两到三个用户案例分享；第一年再办一次入门工作坊。',
      audience: 60,
      audienceEvidence: '北京用户微信群有 230 人；2026 年 5 月的线上分享有 80 人报名。',
      viceLeader: 'wang-jiahui',
      members: 'chen-bo\nli-na',
    },
  })
  for (const [handle, daysAgo] of [
    ['wang-jiahui', 5],
    ['chen-bo', 4],
  ] as const) {
    const invitee = await actorOf(deps, handle)
    const [asked] = (await invitationsOf(deps, invitee)).filter((r) => r.application.id === application.id)
    await answerInvitation(asOf(deps, daysAgo), invitee, asked!.invitation.id, 'accept')
  }
  await voteOnApplication(
    asOf(deps, 3),
    await actorOf(deps, 'yin-min'),
    application.id,
    'approve',
    '北京的用户很多，支持。',
  )
}

/**
 * Chengdu's leader stepped down ten days ago without naming a successor (he moved away for
 * work): a lead of the SIG approved it, the chapter's search for a new leader is open, and the
 * chapter is at risk until someone is appointed or the search runs out. Runs after the events
 * are recorded, as the step-down came after them.
 */
export async function seedLeaderSearchDemo(deps: Pick<Deps, 'db' | 'now' | 'config' | 'communityNames'>) {
  const application = await startApplication(asOf(deps, 14), await actorOf(deps, 'zhou-zhengjun'), {
    type: STEP_DOWN,
    subjectName: 'chengdu',
    submit: true,
    answers: { reason: '工作调到了深圳，没有时间再组织成都站的活动。', successor: '' },
  })
  await voteOnApplication(
    asOf(deps, 10),
    await actorOf(deps, 'fawei'),
    application.id,
    'approve',
    '谢谢正军这几年为成都站做的一切。SIG 会先问问副站长和委员们。',
  )
}

/**
 * The events the demo chapters held: Shanghai every quarter, Hangzhou no offline one for eleven months (so it
 * is at risk), Chengdu not for over a year but excused by the SIG for a while. Then the health
 * rule runs, as the daily job would.
 */
export async function seedChapterEventsDemo(deps: Pick<Deps, 'db' | 'now' | 'config' | 'communityNames'>) {
  const now = deps.now()
  const monthsAgo = (m: number) => addMonths(dayOf(now), -m)
  const history: Record<string, { months: number[]; title: [string, string] }> = {
    shanghai: {
      months: [1, 4, 7, 10, 13, 16, 19, 22, 25, 28, 31, 34],
      title: ['上海 Meetup', 'Shanghai meetup'],
    },
    hangzhou: { months: [11, 17, 23, 29, 35], title: ['杭州技术沙龙', 'Hangzhou tech salon'] },
    chengdu: { months: [14, 20, 26, 32], title: ['成都线下交流', 'Chengdu meetup'] },
  }
  await deps.db.transaction(async (tx) => {
    for (const [slug, { months, title }] of Object.entries(history)) {
      const found = await repo.selectChapterBySlug(tx, slug)
      if (!found) continue
      const [leader] = (await repo.selectCurrentSeats(tx, found.chapter.id)).filter(
        (s) => s.role === 'leader',
      )
      for (const [i, m] of months.entries())
        await repo.insertChapterEvent(tx, {
          chapterId: found.chapter.id,
          heldOn: monthsAgo(m),
          titleZh: `${title[0]} #${months.length - i}`,
          titleEn: `${title[1]} #${months.length - i}`,
          mode: 'offline',
          attendance: 25 + ((m * 7) % 40),
          // Evidence varies as it does in life: a count, and now and then the photos.
          photosUrl: i === 0 ? `https://photos.example.org/${slug}/${monthsAgo(m)}` : null,
          recordedBy: leader?.personId ?? null,
          createdAt: now,
        })
      // Hangzhou also held a webinar two months ago: kept and shown, but it does not count for the
      // yearly offline event, so the chapter stays at risk.
      if (slug === 'hangzhou')
        await repo.insertChapterEvent(tx, {
          chapterId: found.chapter.id,
          heldOn: monthsAgo(2),
          titleZh: '杭州线上分享',
          titleEn: 'Hangzhou online webinar',
          mode: 'online',
          attendance: 120,
          link: 'https://live.example.org/hangzhou-webinar',
          recordedBy: leader?.personId ?? null,
          createdAt: now,
        })
      if (slug === 'chengdu')
        await repo.insertExemption(tx, {
          chapterId: found.chapter.id,
          reason: '场地改造，本地合作方半年内无法提供会场。',
          until: addMonths(dayOf(now), 3),
          recordedBy: null,
          createdAt: now,
        })
    }
    // What the chapters asked the community for: one request done, one waiting.
    const asks = [
      {
        slug: 'shanghai',
        kind: 'venue',
        status: 'done',
        details: '春季 Meetup 需要可容纳 80 人的场地，最好在徐汇或浦东。',
      },
      {
        slug: 'chengdu',
        kind: 'speakers',
        status: 'open',
        details: '下次活动想请两位讲师分享可观测性和多集群管理的实践。',
      },
    ]
    for (const ask of asks) {
      const found = await repo.selectChapterBySlug(tx, ask.slug)
      if (!found) continue
      const [leader] = (await repo.selectCurrentSeats(tx, found.chapter.id)).filter(
        (s) => s.role === 'leader',
      )
      const request = await repo.insertSupportRequest(tx, {
        chapterId: found.chapter.id,
        kind: ask.kind,
        details: ask.details,
        status: ask.status,
        requestedBy: leader?.personId ?? null,
        createdAt: now,
        updatedAt: now,
      })
      await repo.insertSupportEvent(tx, {
        requestId: request.id,
        at: now,
        actorId: leader?.personId ?? null,
        toStatus: 'open',
      })
      if (ask.status === 'done')
        await repo.insertSupportEvent(tx, {
          requestId: request.id,
          at: now,
          actorId: null,
          fromStatus: 'open',
          toStatus: 'done',
        })
    }
    await settleChapterHealth(tx, { ...deps, now })
  })
}
