// 会议日程导出的文字（中文）：schedule.xml 与 schedule.json 里的词，以及活动页上提供它们的链接。结构由 exports.en.ts 决定。
import type { Messages } from '../en.ts'

export const programmeExportsZh: Messages['programmeExports'] = {
  files: {
    mainRoom: '主会场',
    online: '线上',
    video: '视频',
    slides: '幻灯片',
    episode: '播客节目',
    calendarName: (event: string, community: string) => `${event} · 议程 · ${community}`,
  },
  links: {
    lead: '供会议应用和录制工具读取的日程：',
    xml: 'schedule.xml（frab）',
    json: 'schedule.json（c3voc）',
    calendar: '把整个议程加入日历',
    calendarHint: '每场议程及其会场和讲者；订阅这个地址的日历会跟上每次调整。',
  },
}
