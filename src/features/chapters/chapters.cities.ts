// Which city a chapter is in, whatever the spelling: "杭州市", "Hangzhou City" and "hangzhou" are
// one city, so a second chapter cannot be founded there under another spelling. Pure: no I/O.
import { DomainError } from '../../platform/errors.ts'

/**
 * Chinese cities by every name people write them in: the first name is the key (pinyin, without
 * tones or spaces), then the simplified and traditional hanzi and older romanisations. Data, not
 * logic: a community that meets elsewhere adds its cities here.
 */
export const cityNames: readonly (readonly string[])[] = [
  ['beijing', '北京', 'peking'],
  ['shanghai', '上海'],
  ['guangzhou', '广州', '廣州', 'canton'],
  ['shenzhen', '深圳'],
  ['hangzhou', '杭州'],
  ['chengdu', '成都'],
  ['chongqing', '重庆', '重慶', 'chungking'],
  ['tianjin', '天津', 'tientsin'],
  ['nanjing', '南京', 'nanking'],
  ['wuhan', '武汉', '武漢'],
  ['xian', '西安'],
  ['suzhou', '苏州', '蘇州', 'soochow'],
  ['changsha', '长沙', '長沙'],
  ['zhengzhou', '郑州', '鄭州'],
  ['qingdao', '青岛', '青島', 'tsingtao'],
  ['dalian', '大连', '大連'],
  ['ningbo', '宁波', '寧波'],
  ['xiamen', '厦门', '廈門', 'amoy'],
  ['fuzhou', '福州'],
  ['hefei', '合肥'],
  ['jinan', '济南', '濟南'],
  ['shenyang', '沈阳', '瀋陽', 'mukden'],
  ['harbin', '哈尔滨', '哈爾濱', 'haerbin'],
  ['changchun', '长春', '長春'],
  ['kunming', '昆明'],
  ['guiyang', '贵阳', '貴陽'],
  ['nanning', '南宁', '南寧'],
  ['nanchang', '南昌'],
  ['wuxi', '无锡', '無錫'],
  ['dongguan', '东莞', '東莞'],
  ['foshan', '佛山'],
  ['zhuhai', '珠海'],
  ['shijiazhuang', '石家庄', '石家莊'],
  ['taiyuan', '太原'],
  ['lanzhou', '兰州', '蘭州'],
  ['xining', '西宁', '西寧'],
  ['yinchuan', '银川', '銀川'],
  ['hohhot', '呼和浩特', 'huhehaote'],
  ['urumqi', '乌鲁木齐', '烏魯木齊', 'wulumuqi'],
  ['lhasa', '拉萨', '拉薩', 'lasa'],
  ['haikou', '海口'],
  ['sanya', '三亚', '三亞'],
  ['hongkong', '香港', 'xianggang'],
  ['macau', '澳门', '澳門', 'macao', 'aomen'],
  ['taipei', '台北', '臺北', 'taibei'],
  ['taichung', '台中', '臺中', 'taizhong'],
  ['kaohsiung', '高雄', 'gaoxiong'],
]

/**
 * A name reduced to what tells cities apart: width and case folded, accents, whitespace and
 * punctuation gone, and the words people add to a city's name ("市", "City", "Shi") dropped.
 */
export function spellingKey(name: string): string {
  return name
    .normalize('NFKC')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim()
    .replace(/\s+(?:city|shi)$/u, '')
    .replace(/[\s\p{P}\p{S}]+/gu, '')
    .replace(/(?:市|city)$/u, '')
}

const known = new Map<string, string>(
  cityNames.flatMap((names) => names.map((n) => [spellingKey(n), names[0]!] as const)),
)

/** One key per city: known cities by their pinyin, others by their reduced spelling. */
export const cityKey = (name: string): string => {
  const spelled = spellingKey(name)
  return known.get(spelled) ?? spelled
}

/** The keys a city goes by, from every name it is written under (empty names say nothing). */
const keysOf = (names: readonly string[]) => new Set(names.map(cityKey).filter((k) => k !== ''))

/** True when two sets of names (Chinese, English, an address) name one city. */
export function sameCity(a: readonly string[], b: readonly string[]): boolean {
  const keys = keysOf(a)
  return [...keysOf(b)].some((k) => keys.has(k))
}

/** The chapter, among `chapters`, already in the city `names` name (its own record left out). */
export function chapterInSameCity<C extends { id: string; slug: string; cityZh: string; cityEn: string }>(
  chapters: readonly C[],
  names: readonly string[],
  except?: string,
): C | undefined {
  return chapters.find((c) => c.id !== except && sameCity([c.cityZh, c.cityEn, c.slug], names))
}

/** A chapter's city would be one another chapter is already in; says which. */
export class CityHasChapter extends DomainError {
  readonly chapter: { slug: string; cityZh: string; cityEn: string }
  constructor(chapter: { slug: string; cityZh: string; cityEn: string }) {
    super('cityHasChapter', `The ${chapter.cityEn} chapter is already in this city`)
    this.chapter = { slug: chapter.slug, cityZh: chapter.cityZh, cityEn: chapter.cityEn }
    this.details = { chapter: this.chapter }
  }
}
