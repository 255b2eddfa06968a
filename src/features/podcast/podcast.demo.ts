import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import type { Deps } from '../../platform/deps.ts'
import { currentRoles, getProfile } from '../people/index.ts'
import {
  attachArt,
  attachAudio,
  attachTranscript,
  createEpisode,
  createShow,
  publishEpisode,
  updateShowSettings,
} from './podcast.service.ts'

/** The demo show's episodes: city chapter leaders as guests, one a week apart in the show's order. */
const demoEpisodes = [
  {
    titleZh: '第 1 期：杭州站站长尹珉谈参与开源',
    titleEn: 'Episode 1: Yin Min, the Hangzhou chapter’s leader, on taking part in open source',
    slug: 'ep-1-yin-min',
    notes:
      '这一期我们请到用户委员会杭州站站长尹珉，聊他如何从用户成为贡献者，以及组织城市站活动的心得。\n\n- [杭州站](/zh/chapters/hangzhou)\n- [申请做嘉宾](/zh/applications)：提交播客嘉宾申请',
    chapters: '00:00 开场\n00:20 从用户到贡献者\n00:45 组织杭州站活动',
    guests: ['yin-min'],
    sponsor: null,
    transcript: true,
  },
  {
    titleZh: '第 2 期：上海站张海立谈第一场线下 Meetup',
    titleEn: 'Episode 2: Zhang Haili on the Shanghai chapter’s first meetup',
    slug: 'ep-2-zhang-haili',
    notes:
      '上海站站长张海立讲上海站的第一场线下 Meetup：找场地、排议程、请讲师，以及活动之后怎样让大家继续交流。\n\n- [上海站](/zh/chapters/shanghai)\n- [城市站一览](/zh/chapters)',
    chapters: '00:00 开场\n00:15 第一场 Meetup\n00:50 活动之后',
    guests: ['zhang-haili'],
    sponsor: '本期节目的录制场地由社区的合作伙伴提供。',
    transcript: false,
  },
  {
    // No English title: English pages show the Chinese one, marked as Chinese.
    titleZh: '第 3 期：成都站周正军谈城市站的新成员',
    titleEn: null,
    slug: 'ep-3-zhou-zhengjun',
    notes:
      '成都站站长周正军聊城市站怎样迎来新成员、怎样把第一次来参加活动的人变成分享者。\n\n- [成都站](/zh/chapters/chengdu)\n- [社区贡献者](/zh/contributors)',
    chapters: '00:00 开场\n00:25 新成员从哪里来\n00:55 第一次分享',
    guests: ['zhou-zhengjun'],
    sponsor: null,
    transcript: false,
  },
]

/**
 * The community's interview show with its two fixed hosts, three episodes with chapter leaders as
 * guests, where to listen and how to support it. The audio is a 75-second tone: a stand-in that
 * plays everywhere.
 */
export async function seedPodcastDemo(deps: Pick<Deps, 'db' | 'now' | 'config' | 'communityNames'>) {
  const { person } = await getProfile(deps, 'fawei')
  const actor = {
    personId: person.id,
    roles: (await currentRoles(deps, person.id)).map((r) => ({ role: r.role, sigId: r.sigId })),
  }
  const show = await createShow(deps, actor, {
    slug: 'kubesphere-talk',
    titleZh: 'KubeSphere 访谈',
    titleEn: 'KubeSphere Talk',
    // The feed is in the show's language and takes the Chinese; English pages read the English.
    descriptionZh:
      'KubeSphere 访谈是社区的访谈节目：邀请大使、贡献者和城市站站长，聊开源、云原生和他们自己的故事。每期一小时左右。\n\n[找找你身边的城市站](/zh/chapters)。',
    descriptionEn:
      'KubeSphere Talk is the community’s interview show: ambassadors, contributors and chapter leaders on open source, cloud native and their own stories. About an hour an episode.\n\n[Find a chapter near you](/en/chapters).',
    language: 'zh-cn',
    categories: ['Technology', 'Technology > Tech News'],
    explicit: false,
    type: 'episodic',
    ownerName: 'KubeSphere 社区',
    ownerEmail: 'podcast@hearth.example',
    copyright: '© KubeSphere 社区',
    hosts: ['fawei', 'michelangelo-yang'],
  })
  await updateShowSettings(deps, actor, show.slug, {
    coverCredit: 'summer',
    txts: [],
    platforms: [
      { platform: 'xiaoyuzhou', url: 'https://example.org/xiaoyuzhou/kubesphere-talk' },
      { platform: 'ximalaya', url: 'https://example.org/ximalaya/kubesphere-talk' },
      { platform: 'apple', url: 'https://example.org/apple/kubesphere-talk' },
    ],
    // podcast:funding: apps show it as a "support" button next to the show.
    fundings: [{ label: '支持 KubeSphere 访谈', url: 'https://example.org/kubesphere-talk/support' }],
  })
  // A plain square in the show's colour: no text in images.
  await attachArt(
    deps,
    actor,
    { showSlug: show.slug },
    {
      filename: 'kubesphere-talk.png',
      source: createReadStream(join(import.meta.dirname, 'demo/cover.png')),
    },
  )
  for (const [i, e] of demoEpisodes.entries()) {
    const episode = await createEpisode(deps, actor, show.slug, {
      titleZh: e.titleZh,
      titleEn: e.titleEn,
      slug: e.slug,
      notes: e.notes,
      season: 1,
      number: i + 1,
      type: 'full',
      explicit: false,
      sponsor: e.sponsor,
      videoUrl: null,
      chapters: e.chapters,
      guests: e.guests,
    })
    await attachAudio(deps, actor, episode.id, {
      filename: `kubesphere-talk-${i + 1}.mp3`,
      source: createReadStream(join(import.meta.dirname, 'demo/sample-tone.mp3')),
    })
    if (e.transcript)
      await attachTranscript(deps, actor, episode.id, {
        filename: `kubesphere-talk-${i + 1}.vtt`,
        source: Readable.from([
          Buffer.from(
            'WEBVTT\n\n00:00:00.000 --> 00:00:06.000\n<v Fawei>大家好，欢迎收听 KubeSphere Talk。\n\n' +
              '00:00:06.000 --> 00:00:12.000\n<v 尹珉>谢谢邀请，很高兴来聊聊杭州站。\n\n' +
              '00:00:20.000 --> 00:00:28.000\n<v 尹珉>我最早是 KubeSphere 的用户，后来开始提 issue、修文档。\n\n' +
              '00:00:45.000 --> 00:00:55.000\n<v 米开朗基杨>组织一场线下活动，最难的是什么？\n',
          ),
        ]),
      })
    await publishEpisode(deps, actor, episode.id, null)
  }
}
