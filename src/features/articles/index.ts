import './articles.home.tsx'
import './articles.sections.tsx'

export { articlesConsolePages } from './articles.console.tsx'
export { articleFeed, articleUrl, type FeedFormat } from './articles.feed.ts'
export { articleHtml } from './articles.markdown.ts'
export { articlesPages, feedPaths } from './articles.pages.tsx'
export type { Article, ArticleAuthor, ArticleInput, ArticleLanguage, UpsertOutcome } from './articles.repo.ts'
export {
  linkArticleTranslations,
  selectArticleBySlug,
  selectArticleBySourcePath,
  selectPublicArticles,
  upsertArticleBySlugOrSourcePath,
} from './articles.repo.ts'
export { isVisible, parsePublishDate, slugFromTitle } from './articles.rules.ts'
export { articlesLinkedTo, feedArticles, nextScheduled, publicArticleList } from './articles.service.ts'
export { ArticleCards, articlePath, articlesPath } from './articles.views.tsx'
