// An article's body as readers get it: the platform's rich Markdown (one allowlist for the whole
// site), fenced code highlighted on the server by highlight.js, and video links framed as the
// podcast frames them. highlight.js (its core and the languages posts use) is loaded the first
// time an article is rendered: a server that shows no article need not hold it.
import type { HLJSApi, LanguageFn } from 'highlight.js'
import { richMarkdownHtml } from '../../platform/views/markdown.ts'
import { videoEmbed } from '../podcast/index.ts'

/** The languages highlighted (with their usual aliases from highlight.js); others stay plain text. */
const languages = [
  'bash',
  'c',
  'cpp',
  'css',
  'diff',
  'dockerfile',
  'go',
  'ini',
  'java',
  'javascript',
  'json',
  'makefile',
  'markdown',
  'plaintext',
  'python',
  'rust',
  'shell',
  'sql',
  'typescript',
  'xml',
  'yaml',
] as const

let loading: Promise<HLJSApi> | undefined

async function highlighter(): Promise<HLJSApi> {
  loading ??= (async () => {
    const hljs = (await import('highlight.js/lib/core')).default
    for (const name of languages) {
      const language = (await import(`highlight.js/lib/languages/${name}`)) as { default: LanguageFn }
      hljs.registerLanguage(name, language.default)
    }
    hljs.registerAliases(['sh', 'console', 'zsh'], { languageName: 'bash' })
    hljs.registerAliases(['yml'], { languageName: 'yaml' })
    hljs.registerAliases(['html', 'svg'], { languageName: 'xml' })
    hljs.registerAliases(['toml'], { languageName: 'ini' })
    hljs.registerAliases(['golang'], { languageName: 'go' })
    return hljs
  })()
  return loading
}

/**
 * The body's HTML. `base` (the site's address) makes the site's own links and images absolute, as
 * a feed needs; a feed leaves players out (`players: false`) and keeps their links.
 */
export async function articleHtml(markdown: string, options: { base?: string; players?: boolean } = {}) {
  const highlight = await highlightFunction()
  return richMarkdownHtml(markdown, { ...options, embed: videoEmbed, highlight })
}

/** One function for every render (the platform keeps a renderer per highlighter). */
let highlightFn: ((code: string, language: string) => string | null) | undefined
async function highlightFunction() {
  const hljs = await highlighter()
  highlightFn ??= (code, language) =>
    hljs.getLanguage(language) ? hljs.highlight(code, { language, ignoreIllegals: true }).value : null
  return highlightFn
}
