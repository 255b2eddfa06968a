// 站内搜索（中文）：页眉的搜索框、结果页与筛选。结构由 search.en.ts 决定。
import type { Messages } from '../en.ts'

export const searchZh: Messages['search'] = {
  title: '搜索',
  titleFor: (q) => `搜索：${q}`,
  lead: '文章、播客节目及其中的每一句话、活动与议程、城市站和成员，中英文皆可。',
  box: '搜索本站',
  placeholder: '搜索',
  button: '搜索',
  kinds: {
    article: '文章',
    episode: '播客节目',
    event: '活动',
    session: '议程',
    chapter: '城市站',
    person: '成员',
  },
  kindFilter: '显示',
  allKinds: '全部',
  languageFilter: '语言',
  allLanguages: '中英文',
  languages: { zh: '中文', en: '英文' },
  filters: '筛选',
  found: (n) => `共 ${n} 条结果`,
  foundAtLeast: (n) => `超过 ${n} 条结果`,
  more: (n, kind) => `查看全部 ${n} 条${kind}`,
  none: '没有找到。试试少用几个词，或换一种说法。',
  empty: '输入词语或人名即可搜索；中文词语的任意部分都能找到。',
  atMoment: '跳到节目中的这一刻',
  pagination: '结果分页',
}
