// Demo articles: a Chinese piece about running a chapter meetup and its English translation (with
// the original's address), and a guide in Chinese linked to the first podcast episode. Few and
// short, for a first start's memory.
import type { Deps } from '../../platform/deps.ts'
import { linkArticleTranslations, upsertArticleBySlugOrSourcePath } from './articles.repo.ts'
import { resolveAuthors, resolveLinks } from './articles.service.ts'

const DAY = 86_400_000

const meetupZh = `杭州站从第一次线下 Meetup 到现在，办了十几场活动。下面是我们总结的几件事。

## 场地和时间

| 项目 | 我们的做法 | 原因 |
|---|---|---|
| 场地 | 轮流借用成员公司的会议室 | 免费，而且方便大家认识彼此 |
| 时间 | 周六下午两点 | 不占工作日，也不影响晚饭 |
| 人数 | 报名上限 60 人 | 超过后问答就很难照顾到每个人 |

## 议程

每场两个主题分享加一个闪电演讲。分享者提前一周交幻灯片，我们会帮忙检查一遍。

> 最受欢迎的环节不是演讲，而是最后半小时的自由交流。

## 报名和签到

报名用本站的活动页面，签到时扫描票上的二维码即可。想了解更多，可以收听 [播客第一期](/zh/podcast/kubesphere-talk/ep-1-yin-min)。
`

const meetupEn = `The Hangzhou chapter has run more than ten events since its first offline meetup. Here is what we learned.

## Venue and time

| Item | What we do | Why |
|---|---|---|
| Venue | Borrow a member company’s meeting room, in turns | Free, and people get to know each other |
| Time | Saturday, 2 pm | No workday lost, home for dinner |
| Size | At most 60 registrations | Beyond that, questions go unanswered |

## Agenda

Two talks and one lightning talk each time. Speakers send their slides a week ahead and we look them over together.

> The most popular part is not a talk: it is the last half hour of open conversation.

## Registration and check-in

People register on this site’s event page and show the QR code on their ticket at the door. To hear more, listen to [episode 1 of the podcast](/en/podcast/kubesphere-talk/ep-1-yin-min).
`

const observabilityZh = `第一期播客里聊到了可观测性。这里把节目中提到的入门步骤整理成文字。

## 三种信号

- **指标**：随时间变化的数值，例如每秒请求数。
- **日志**：每个事件的一行记录。
- **链路**：一次请求经过各个服务的路径。

## 先装一个 Prometheus

\`\`\`bash
helm repo add prometheus-community https://prometheus-community.github.io/helm-charts
helm install monitoring prometheus-community/kube-prometheus-stack -n monitoring --create-namespace
\`\`\`

然后给自己的服务加一个抓取配置：

\`\`\`yaml
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: my-app
spec:
  selector:
    matchLabels:
      app: my-app
  endpoints:
    - port: metrics
      interval: 30s
\`\`\`

有了指标之后，再逐步接入日志和链路。
`

/** Seeds the demo articles (after people, chapters and the podcast, which they credit and link). */
export async function seedArticlesDemo(deps: Pick<Deps, 'db' | 'now' | 'config'>) {
  const now = deps.now().getTime()
  const db = deps.db
  const authors = async (lines: string[]) => (await resolveAuthors(db, lines)) ?? []
  const links = async (lines: string[]) => (await resolveLinks(db, lines)) ?? []
  const zh = await upsertArticleBySlugOrSourcePath(
    db,
    {
      slug: 'hangzhou-meetup-lessons',
      language: 'zh',
      title: '办好一场城市站 Meetup：杭州站的经验',
      summary: '场地、时间、议程和签到：杭州站十几场活动之后的总结。',
      body: meetupZh,
      status: 'published',
      publishedAt: new Date(now - 12 * DAY),
      tags: ['城市站', '活动'],
      keywords: ['Meetup', '杭州'],
      authors: await authors(['@zhang-haili']),
      links: await links(['/zh/chapters/hangzhou']),
    },
    { source: 'demo' },
  )
  const en = await upsertArticleBySlugOrSourcePath(
    db,
    {
      slug: 'hangzhou-meetup-lessons-en',
      language: 'en',
      title: 'Running a chapter meetup: lessons from Hangzhou',
      summary:
        'Venue, time, agenda and check-in: what the Hangzhou chapter learned after more than ten events.',
      body: meetupEn,
      status: 'published',
      publishedAt: new Date(now - 10 * DAY),
      tags: ['chapters', 'events'],
      keywords: ['meetup', 'Hangzhou'],
      originalUrl: `${deps.config.baseUrl}/zh/articles/hangzhou-meetup-lessons`,
      translator: 'Michelangelo Yang',
      authors: await authors(['@zhang-haili']),
      links: await links(['/en/chapters/hangzhou']),
    },
    { source: 'demo' },
  )
  await linkArticleTranslations(db, zh.article.id, en.article.id)
  await upsertArticleBySlugOrSourcePath(
    db,
    {
      slug: 'observability-first-steps',
      language: 'zh',
      title: '可观测性入门：从指标开始',
      summary: '第一期播客聊到的入门步骤：先装 Prometheus，再接入日志和链路。',
      body: observabilityZh,
      status: 'published',
      publishedAt: new Date(now - 5 * DAY),
      tags: ['可观测性', '播客'],
      keywords: ['Prometheus', 'Kubernetes'],
      authors: await authors(['@yin-min']),
      links: await links(['/zh/podcast/kubesphere-talk/ep-1-yin-min']),
    },
    { source: 'demo' },
  )
}
