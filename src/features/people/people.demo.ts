import type { Deps } from '../../platform/deps.ts'
import type { CommunityRole } from '../access/index.ts'
import * as repo from './people.repo.ts'

export const DEMO_ADMIN_EMAIL = 'fawei@hearth.example'

type DemoPerson = {
  handle: string
  nameZh: string
  nameEn: string
  /** The city in each language, as the person wrote it on their profile. */
  cityZh?: string
  cityEn?: string
  email?: string
  bioZh?: string
  bioEn?: string
  languages?: string[]
  /** When they signed up, for people who hold no role (else the first role's day). */
  joined?: string
  roles: { role: CommunityRole; sig?: boolean; since: string; until?: string; note?: string }[]
}

// Names and roles follow the community's own announcements (founding chapter teams of
// 2021, the podcast's two hosts); e-mail addresses use the reserved .example domain. Each
// person wrote their city in both languages; some moved since (see chapters.demo.ts).
const demoPeople: DemoPerson[] = [
  {
    handle: 'fawei',
    nameZh: 'Fawei',
    nameEn: 'Fawei',
    email: DEMO_ADMIN_EMAIL,
    bioZh: '社区经理，播客固定主播。',
    bioEn: 'Community manager and one of the podcast’s hosts.',
    languages: ['zh', 'en'],
    roles: [
      { role: 'administrator', since: '2021-01-10' },
      { role: 'sig_lead', sig: true, since: '2021-01-10' },
    ],
  },
  {
    handle: 'michelangelo-yang',
    nameZh: '米开朗基杨',
    nameEn: 'Michelangelo Yang',
    email: 'yang@hearth.example',
    bioZh: '社区经理，播客固定主播。',
    bioEn: 'Community manager and one of the podcast’s hosts.',
    languages: ['zh', 'en'],
    roles: [{ role: 'sig_lead', sig: true, since: '2021-01-10' }],
  },
  {
    handle: 'zhang-haili',
    nameZh: '张海立',
    nameEn: 'Zhang Haili',
    cityZh: '上海',
    cityEn: 'Shanghai',
    roles: [
      { role: 'sig_member', sig: true, since: '2021-06-01' },
      { role: 'ambassador', since: '2021-09-15' },
    ],
  },
  {
    handle: 'shen-honglei',
    nameZh: '申红磊',
    nameEn: 'Shen Honglei',
    cityZh: '上海',
    cityEn: 'Shanghai',
    roles: [
      { role: 'contributor', since: '2021-06-01' },
      {
        role: 'sig_member',
        sig: true,
        since: '2021-06-01',
        until: '2023-03-01',
        note: 'Stepped back for personal reasons',
      },
    ],
  },
  {
    handle: 'liu-dehan',
    nameZh: '刘德涵',
    nameEn: 'Liu Dehan',
    cityZh: '上海',
    cityEn: 'Shanghai',
    roles: [{ role: 'contributor', since: '2021-06-01' }],
  },
  {
    handle: 'zhang-haofei',
    nameZh: '张浩飞',
    nameEn: 'Zhang Haofei',
    cityZh: '北京',
    cityEn: 'Beijing',
    roles: [{ role: 'contributor', since: '2021-06-01' }],
  },
  {
    handle: 'yin-min',
    nameZh: '尹珉',
    nameEn: 'Yin Min',
    cityZh: '杭州',
    cityEn: 'Hangzhou',
    bioZh: '杭州站站长，播客第一期嘉宾。',
    bioEn: 'Leads the Hangzhou chapter; guest of the podcast’s first episode.',
    roles: [
      { role: 'sig_member', sig: true, since: '2021-06-01' },
      { role: 'ambassador', since: '2021-06-01' },
    ],
  },
  {
    handle: 'xue-xinglin',
    nameZh: '薛兴林',
    nameEn: 'Xue Xinglin',
    cityZh: '杭州',
    cityEn: 'Hangzhou',
    roles: [{ role: 'contributor', since: '2021-06-01' }],
  },
  {
    handle: 'ma-jinjing',
    nameZh: '马金晶',
    nameEn: 'Ma Jinjing',
    cityZh: '杭州',
    cityEn: 'Hangzhou',
    roles: [{ role: 'contributor', since: '2021-06-01' }],
  },
  {
    handle: 'zhou-zhengjun',
    nameZh: '周正军',
    nameEn: 'Zhou Zhengjun',
    cityZh: '深圳',
    cityEn: 'Shenzhen',
    roles: [{ role: 'sig_member', sig: true, since: '2021-06-01' }],
  },
  {
    handle: 'lou-ju',
    nameZh: '娄举',
    nameEn: 'Lou Ju',
    cityZh: '成都',
    cityEn: 'Chengdu',
    roles: [{ role: 'contributor', since: '2021-06-01' }],
  },
  {
    handle: 'hu-tao',
    nameZh: '胡涛',
    nameEn: 'Hu Tao',
    cityZh: '成都',
    cityEn: 'Chengdu',
    roles: [{ role: 'contributor', since: '2021-06-01' }],
  },
  {
    handle: 'huang-shihao',
    nameZh: '黄世豪',
    nameEn: 'Huang Shihao',
    cityZh: '成都',
    cityEn: 'Chengdu',
    roles: [{ role: 'contributor', since: '2021-06-01' }],
  },
  // Newer people in Beijing, whom the Beijing founding application proposes as its first team.
  {
    handle: 'wang-jiahui',
    nameZh: '王佳慧',
    nameEn: 'Wang Jiahui',
    cityZh: '北京',
    cityEn: 'Beijing',
    bioZh: '在北京一家金融科技公司运维 KubeSphere 集群，组织过公司内部的云原生分享会。',
    bioEn: 'Runs KubeSphere clusters at a fintech company in Beijing and organises its cloud-native talks.',
    languages: ['zh', 'en'],
    roles: [{ role: 'contributor', since: '2024-03-12' }],
  },
  {
    handle: 'chen-bo',
    nameZh: '陈博',
    nameEn: 'Chen Bo',
    cityZh: '北京',
    cityEn: 'Beijing',
    roles: [{ role: 'contributor', since: '2025-05-20' }],
  },
  {
    handle: 'li-na',
    nameZh: '李娜',
    nameEn: 'Li Na',
    cityZh: '北京',
    cityEn: 'Beijing',
    bioZh: '北京用户微信群的管理员之一。',
    joined: '2025-09-03',
    roles: [],
  },
]

export const ADVOCACY_SIG_SLUG = 'advocacy-and-outreach'

/** The SIG that exists from the start, in every install (not only demos). */
export async function ensureFoundingSig(deps: Pick<Deps, 'db'>) {
  return repo.insertSig(deps.db, {
    slug: ADVOCACY_SIG_SLUG,
    nameZh: '宣传与外联 SIG',
    nameEn: 'Advocacy and Outreach SIG',
    descriptionZh: '负责社区宣传、外联与城市站（用户委员会）的特别兴趣小组。',
    descriptionEn: 'The special interest group for community advocacy, outreach and the city chapters.',
  })
}

export async function seedPeopleDemo(deps: Pick<Deps, 'db'>) {
  await deps.db.transaction(async (tx) => {
    const sig = await ensureFoundingSig({ db: tx })
    const granter = new Map<string, string>()
    for (const p of demoPeople) {
      const person = await repo.insertPerson(tx, {
        handle: p.handle,
        nameZh: p.nameZh,
        nameEn: p.nameEn,
        cityZh: p.cityZh ?? null,
        cityEn: p.cityEn ?? null,
        // Every demo person can sign in (the codes go to the console outbox without SMTP).
        email: p.email ?? `${p.handle}@hearth.example`,
        bioZh: p.bioZh ?? null,
        bioEn: p.bioEn ?? null,
        languages: p.languages ?? ['zh'],
        // The demo shows a community whose members chose to be listed.
        profilePublic: true,
        createdAt: new Date(`${p.joined ?? p.roles[0]?.since ?? '2021-01-10'}T08:00:00Z`),
      })
      granter.set(p.handle, person.id)
      const admin = granter.get('fawei') ?? null
      for (const r of p.roles) {
        await repo.insertRoleGrant(tx, {
          personId: person.id,
          role: r.role,
          sigId: r.sig ? sig.id : null,
          note: r.note ?? null,
          grantedBy: person.id === admin ? null : admin,
          grantedAt: new Date(`${r.since}T08:00:00Z`),
          endedAt: r.until ? new Date(`${r.until}T08:00:00Z`) : null,
          endedBy: r.until ? admin : null,
          endReason: r.until ? (r.note ?? null) : null,
        })
      }
    }
  })
}
