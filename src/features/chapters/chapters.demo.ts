import type { Deps } from '../../platform/deps.ts'
import { getProfile } from '../people/index.ts'
import { ensureFoundingSig } from '../people/people.demo.ts'
import type { TeamRole } from './chapters.rules.ts'
import { foundChapter } from './chapters.service.ts'

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
      const team = await Promise.all(
        c.team.map(async ([handle, role]) => ({
          personId: (await getProfile({ db: tx }, handle)).person.id,
          role,
        })),
      )
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
