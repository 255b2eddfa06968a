// 活动导出的文字（中文）：日历文件与订阅、RSS、提供它们的链接，以及个人私密日历页面。结构由 exports.en.ts 决定。
import type { Messages } from '../en.ts'

export const exportsZh: Messages['eventExports'] = {
  feed: {
    chapterName: (community, city) => `${community} ${city}站`,
    joinOnline: (url) => `线上参加：${url}`,
    online: '线上',
    all: (community) => `${community}活动`,
    allDescription: (community) => `${community}的 Meetup 与大会，线下与线上。`,
    chapter: (community, city) => `${community} ${city}站活动`,
    chapterDescription: (city) => `${city}站的 Meetup。`,
    filtered: (community) => `${community}活动（已筛选）`,
    mine: (community) => `我的${community}活动`,
    mineDescription: '你报名的活动：已获名额的，以及候补或待审核的（标为暂定）。',
    upcoming: (community) => `${community}近期活动`,
  },
  subscribe: {
    copy: '复制',
    copied: '已复制',
    title: '关注活动',
    calendar: '在日历应用中订阅',
    calendarChapter: (city) => `订阅${city}站的活动`,
    calendarFiltered: '订阅这些活动',
    address: '日历地址（Google 日历：“通过网址添加”）',
    rss: '近期活动的 RSS 订阅',
    hint: '日历会自动更新：新活动会出现，时间变动会同步，取消的活动会标明。',
    mine: '你的个人活动日历：只含你报名的活动',
  },
  session: {
    calendarFile: '把这个议程加入日历（.ics）',
  },
  mine: {
    title: '我的活动日历',
    lead: '一个私密的日历地址，包含你报名的活动。在日历应用中订阅一次即可：之后报名的活动会自动出现，获得名额后还会带上线上活动的参加链接。',
    secretHint:
      '任何拿到这个地址的人都能看到你报名了哪些活动以及参加链接。请不要分享；如果已经泄露，请生成新地址。',
    none: '你还没有日历地址。',
    create: '生成我的日历地址',
    created: '你的日历地址已生成，请把它添加到日历应用中。',
    subscribe: '在日历应用中打开',
    address: '日历地址',
    reset: '生成新地址',
    resetHint: '当前地址会立即失效；已订阅它的日历会保留已有内容，但不再更新。',
    resetDone: '你的日历已换了新地址，旧地址不再可用，请用新地址重新订阅。',
  },
}
