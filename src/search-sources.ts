// Every feature's contribution to search, registered once for the app, the CLI and the jobs.
// Search stands below the features (src/features/search/search.registry.ts): they register with
// it, it never imports them. A feature that adds a kind adds its file here.
import './features/articles/articles.search.ts'
import './features/chapters/chapters.search.ts'
import './features/events/events.search.ts'
import './features/people/people.search.ts'
import './features/podcast/podcast.search.ts'
