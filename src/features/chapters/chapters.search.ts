// What chapters give search: every chapter in both languages, its city, where it meets and its
// description. An inactive chapter is still found: its page says so.
import { asc, eq, gt, inArray } from 'drizzle-orm'
import { sigs } from '../people/people.schema.ts'
import type { SearchDeps, SearchDocument } from '../search/index.ts'
import { plainText, registerSearchSource } from '../search/index.ts'
import { chapters } from './chapters.schema.ts'

const BATCH = 200

const select = (deps: SearchDeps, where: { ids?: string[]; after?: string }) =>
  deps.db
    .select({ chapter: chapters, sigZh: sigs.nameZh, sigEn: sigs.nameEn })
    .from(chapters)
    .innerJoin(sigs, eq(sigs.id, chapters.sigId))
    .where(
      where.ids ? inArray(chapters.id, where.ids) : where.after ? gt(chapters.id, where.after) : undefined,
    )
    .orderBy(asc(chapters.id))
    .limit(where.ids ? where.ids.length : BATCH)

const documentsOf = ({
  chapter,
  sigZh,
  sigEn,
}: Awaited<ReturnType<typeof select>>[number]): SearchDocument[] => [
  {
    refId: chapter.id,
    part: 'zh',
    language: 'zh',
    title: chapter.cityZh,
    path: `/chapters/${chapter.slug}`,
    body: [chapter.descriptionZh && plainText(chapter.descriptionZh), chapter.location, sigZh, chapter.cityEn]
      .filter(Boolean)
      .join('\n'),
  },
  {
    refId: chapter.id,
    part: 'en',
    language: 'en',
    title: chapter.cityEn,
    path: `/chapters/${chapter.slug}`,
    body: [chapter.descriptionEn && plainText(chapter.descriptionEn), chapter.location, sigEn, chapter.cityZh]
      .filter(Boolean)
      .join('\n'),
  },
]

registerSearchSource({
  kind: 'chapter',
  async *all(deps) {
    let after: string | undefined
    for (;;) {
      const rows = await select(deps, after ? { after } : {})
      if (!rows.length) return
      yield rows.flatMap(documentsOf)
      after = rows.at(-1)!.chapter.id
    }
  },
  one: async (deps, refId) => (await select(deps, { ids: [refId] })).flatMap(documentsOf),
})
