// The articles search engines may list: every public one, in the language it is written in, by
// slug, with its translation group (its other versions are its alternates) and when it last
// changed (no bodies: a community has hundreds of articles).
import { desc } from 'drizzle-orm'
import type { Db } from '../../platform/db/client.ts'
import { isPublic } from './articles.repo.ts'
import { articles } from './articles.schema.ts'

export const selectPublicArticleSlugs = (db: Db, now: Date) =>
  db
    .select({
      slug: articles.slug,
      language: articles.language,
      translationGroup: articles.translationGroup,
      updatedAt: articles.updatedAt,
    })
    .from(articles)
    .where(isPublic(now))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
