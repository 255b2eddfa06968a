// 会议公开日程页的文字（中文）：按天和会场排列的日程表、议题页和讲者页。结构由 pages.en.ts 决定。
import type { Messages } from '../en.ts'

export const programmePagesZh: Messages['programmePages'] = {
  schedule: {
    title: (event: string) => `日程：${event}`,
    heading: '日程',
    lead: '按天和会场排列的全部议题。时间为活动所在时区。',
    link: '按天和会场查看日程',
    days: '日期',
    time: '时间',
    allRooms: '全部会场',
    filters: '筛选日程',
    language: '语言',
    anyLanguage: '任何语言',
    kind: '议题类型',
    anyKind: '全部类型',
    filter: '显示议题',
    clear: '清除筛选',
    none: '日程中还没有安排议题。组织者会在这里发布。',
    noneFiltered: '没有符合筛选条件的议题。',
    back: (event: string) => `返回${event}`,
    speakers: '讲者',
  },
  session: {
    title: (session: string, event: string) => `${session} · ${event}`,
    when: '时间',
    room: '会场',
    language: '语言',
    speakers: '讲者',
    abstract: '议题介绍',
    afterwards: '录像与幻灯片',
    calendar: '加入日历',
    schedule: '完整日程',
  },
  speakers: {
    title: (event: string) => `讲者：${event}`,
    heading: '讲者',
    lead: '全部演讲者、主持人与圆桌嘉宾，以及他们的议题。',
    none: '还没有公布讲者。议题排入日程后，讲者会出现在这里。',
  },
}
