// The door other features use to put their parts on the home page and in the sitemap. It holds
// registries only (no pages), so a feature importing it can never form a cycle through the site.
export {
  type HomeAction,
  type HomeDeps,
  type HomePart,
  type HomeSection,
  type HomeStat,
  type HomeView,
  registerHomeAction,
  registerHomeSection,
  registerHomeStat,
} from './site.home.ts'
export { registerSitemapPart, type SitemapEntry, type SitemapPart } from './site.sitemap.ts'
