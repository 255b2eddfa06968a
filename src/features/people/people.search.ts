// What people give search: every listed person (isListed), by name in either language, handle,
// GitHub login, city and bio. Names have no language: both documents are shown whatever the
// language filter, the reader's first.
import { and, asc, eq, gt, inArray, or } from 'drizzle-orm'
import type { SearchDeps, SearchDocument } from '../search/index.ts'
import { registerSearchSource } from '../search/index.ts'
import { displayName } from './people.rules.ts'
import { people } from './people.schema.ts'

const BATCH = 500

const select = (deps: SearchDeps, where: { ids?: string[]; after?: string }) =>
  deps.db
    .select()
    .from(people)
    .where(
      and(
        or(eq(people.profilePublic, true), eq(people.publiclyCredited, true)),
        where.ids ? inArray(people.id, where.ids) : undefined,
        where.after ? gt(people.id, where.after) : undefined,
      ),
    )
    .orderBy(asc(people.id))
    .limit(where.ids ? where.ids.length : BATCH)

const documentsOf = (p: typeof people.$inferSelect): SearchDocument[] =>
  (['zh', 'en'] as const).map((lang) => ({
    refId: p.id,
    part: lang,
    language: null,
    title: displayName(p, lang),
    path: `/people/${p.handle}`,
    // What reads as a sentence first: a snippet starts at the first match.
    body: [
      lang === 'zh' ? (p.bioZh ?? p.bioEn) : (p.bioEn ?? p.bioZh),
      lang === 'zh' ? p.cityZh : p.cityEn,
      lang === 'zh' ? p.cityEn : p.cityZh,
      p.nameZh,
      p.nameEn,
      `@${p.handle}`,
      p.githubLogin,
    ]
      .filter(Boolean)
      .join('\n'),
  }))

registerSearchSource({
  kind: 'person',
  async *all(deps) {
    let after: string | undefined
    for (;;) {
      const rows = await select(deps, after ? { after } : {})
      if (!rows.length) return
      yield rows.flatMap(documentsOf)
      after = rows.at(-1)!.id
    }
  },
  one: async (deps, refId) => (await select(deps, { ids: [refId] })).flatMap(documentsOf),
})
