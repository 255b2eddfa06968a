// Text people write in Markdown (show notes, event descriptions, session abstracts): without raw
// HTML, then sanitised again (an allowlist of tags, http(s)/mailto links only), the same for the
// page and the feed. Articles (`richMarkdownHtml`) are Markdown as blogs write it: raw HTML,
// tables, images, highlighted code and video players, through the same allowlist widened by
// exactly those.
import MarkdownIt from 'markdown-it'
import sanitizeHtml from 'sanitize-html'

type Renderer = ReturnType<typeof MarkdownIt>

const md = new MarkdownIt({ html: false, linkify: true, breaks: true })
// A page of this site written as a bare path ("/zh/chapters/hangzhou", as hosts paste them) is a
// link too, like a bare https:// address; other paths ("/etc/hosts") stay text.
md.linkify.add('/', {
  validate: (text, pos) =>
    /^(?:zh|en)(?:\/[A-Za-z0-9\-._~%/?=&#]*[A-Za-z0-9\-_~%/=&#])?(?![A-Za-z0-9])/.exec(text.slice(pos))?.[0]
      .length ?? 0,
})

/**
 * `base` (the site's address) makes links to the site's own pages absolute: a feed is read in
 * podcast apps, where `/zh/chapters/hangzhou` leads nowhere.
 */
const allowedTags = [
  'p',
  'br',
  'strong',
  'em',
  'a',
  'ul',
  'ol',
  'li',
  'blockquote',
  'code',
  'pre',
  'h3',
  'h4',
  'hr',
]
const allowedSchemes = ['http', 'https', 'mailto']

const safeLink = (base: string | undefined) => (_: string, attribs: sanitizeHtml.Attributes) => ({
  tagName: 'a',
  attribs: {
    ...attribs,
    ...(attribs.href ? { href: absolute(attribs.href, base) } : {}),
    rel: 'noopener nofollow',
  },
})

export function markdownHtml(markdown: string, base?: string): string {
  return sanitizeHtml(md.render(markdown), {
    allowedTags,
    allowedAttributes: { a: ['href', 'rel'] },
    allowedSchemes,
    transformTags: { a: safeLink(base), h1: 'h3', h2: 'h3' },
  })
}

/** A video player a page may frame (the content security policy's frame-src), or null. */
export type VideoEmbed = (url: string) => { src: string } | null

export type RichMarkdownOptions = {
  /** The site's address: links and images of the site's own pages become absolute (feeds). */
  base?: string
  /** Highlighted HTML of a fenced block's code (escaped, `<span class="hljs-…">` only), or null. */
  highlight?: (code: string, language: string) => string | null
  /** Bare video links on a line of their own, and raw iframes, become this player or nothing. */
  embed?: VideoEmbed
  /** Feeds leave players out (readers do not frame them) and keep the link. */
  players?: boolean
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  )

const playerHtml = (src: string) =>
  `<div class="video-embed"><iframe src="${escapeHtml(src)}"></iframe></div>`

/**
 * Markdown as blog posts are written (raw HTML included), sanitised: the short-text allowlist plus
 * headings, tables, images (http(s) only), highlighted code, and players from `embed`'s hosts.
 * Scripts, styles, event handlers, `javascript:`/`data:` addresses and other frames never pass.
 */
export function richMarkdownHtml(markdown: string, options: RichMarkdownOptions = {}): string {
  const { base, embed, players = true } = options
  return sanitizeRich(richRenderer(options).render(markdown), { base, embed, players })
}

/** One renderer per highlighter, embed and players setting (a feed renders fifty bodies). */
const renderers = new WeakMap<object, Map<string, Renderer>>()
const noFunction = {}

function richRenderer(options: RichMarkdownOptions): Renderer {
  const { embed, players = true } = options
  const byHighlight = renderers.get(options.highlight ?? noFunction) ?? new Map<string, Renderer>()
  renderers.set(options.highlight ?? noFunction, byHighlight)
  const key = `${players}`
  const kept = byHighlight.get(key)
  if (kept && (kept as Renderer & { embedOf?: VideoEmbed }).embedOf === embed) return kept
  const rich = new MarkdownIt({
    html: true,
    linkify: true,
    highlight: (code, language) => {
      const lang = language.trim().split(/\s+/)[0] ?? ''
      const html = lang ? options.highlight?.(code, lang.toLowerCase()) : null
      const cls =
        lang && /^[\w+#-]+$/.test(lang) ? ` class="hljs language-${lang.toLowerCase()}"` : ' class="hljs"'
      return `<pre><code${cls}>${html ?? escapeHtml(code)}</code></pre>`
    },
  })
  // A paragraph that is only a video link becomes the player (with the link under it).
  rich.core.ruler.push('video_embed', (state) => {
    if (!embed) return
    const tokens = state.tokens
    for (let i = 0; i + 2 < tokens.length; i++) {
      const [open, inline, close] = [tokens[i]!, tokens[i + 1]!, tokens[i + 2]!]
      if (open.type !== 'paragraph_open' || inline.type !== 'inline' || close.type !== 'paragraph_close')
        continue
      const kids = (inline.children ?? []).filter((k) => !(k.type === 'text' && k.content.trim() === ''))
      if (kids.length !== 3 || kids[0]!.type !== 'link_open' || kids[2]!.type !== 'link_close') continue
      const href = String(kids[0]!.attrGet('href') ?? '')
      const player = embed(href)
      if (!player || (kids[1]!.content !== href.replace(/^https?:\/\//, '') && kids[1]!.content !== href))
        continue
      const block = new state.Token('html_block', '', 0)
      block.content = `${players ? playerHtml(player.src) : ''}<p><a href="${escapeHtml(href)}">${escapeHtml(href)}</a></p>`
      tokens.splice(i, 3, block)
    }
  })
  rich.renderer.rules.table_open = () => '<div class="table-scroll"><table>'
  rich.renderer.rules.table_close = () => '</table></div>'
  ;(rich as Renderer & { embedOf?: VideoEmbed }).embedOf = embed
  byHighlight.set(key, rich)
  return rich
}

function sanitizeRich(
  html: string,
  { base, embed, players }: { base: string | undefined; embed: VideoEmbed | undefined; players: boolean },
): string {
  return sanitizeHtml(html, {
    allowedTags: [
      ...allowedTags,
      'h2',
      'h5',
      'h6',
      'del',
      's',
      'sub',
      'sup',
      'kbd',
      'mark',
      'dl',
      'dt',
      'dd',
      'details',
      'summary',
      'figure',
      'figcaption',
      'img',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'span',
      'div',
      ...(players ? ['iframe'] : []),
    ],
    allowedAttributes: {
      a: ['href', 'rel', 'title'],
      img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'decoding'],
      th: ['align', 'colspan', 'rowspan'],
      td: ['align', 'colspan', 'rowspan'],
      code: ['class'],
      span: ['class'],
      div: ['class'],
      iframe: ['src', 'title', 'loading', 'referrerpolicy', 'allow', 'allowfullscreen', 'sandbox'],
    },
    allowedClasses: {
      code: ['hljs', 'language-*'],
      span: ['hljs-*'],
      div: ['video-embed', 'table-scroll'],
    },
    allowedSchemes,
    allowedSchemesByTag: { img: ['http', 'https'], iframe: ['https'] },
    allowProtocolRelative: false,
    transformTags: {
      a: safeLink(base),
      h1: 'h2',
      img: (_, attribs) => ({
        tagName: 'img',
        attribs: {
          ...attribs,
          ...(attribs.src ? { src: absolute(attribs.src, base) } : {}),
          loading: 'lazy',
          decoding: 'async',
        },
      }),
      // Only the players `embed` knows, at the address it gives, boxed in like the podcast's.
      iframe: (_, attribs): sanitizeHtml.Tag => {
        const player = attribs.src ? embed?.(attribs.src) : null
        return player
          ? {
              tagName: 'iframe',
              attribs: {
                src: player.src,
                title: attribs.title || 'Video',
                loading: 'lazy',
                referrerpolicy: 'strict-origin-when-cross-origin',
                allow: 'encrypted-media; picture-in-picture; fullscreen',
                allowfullscreen: '',
                sandbox: 'allow-scripts allow-same-origin allow-presentation allow-popups',
              },
            }
          : { tagName: 'iframe', attribs: {} as sanitizeHtml.Attributes }
      },
    },
    // A refused frame or picture (no address left) goes, with whatever it held.
    exclusiveFilter: (frame) => (frame.tag === 'iframe' || frame.tag === 'img') && !frame.attribs.src,
  })
}

/** A site-relative href resolved against `base`; one with a scheme is left for the scheme allowlist. */
function absolute(href: string, base: string | undefined): string {
  if (!base || /^[a-z][a-z0-9+.-]*:/i.test(href)) return href
  return URL.canParse(href, `${base}/`) ? new URL(href, `${base}/`).href : href
}

/** Plain text of the Markdown (for descriptions that must be short, e.g. OpenGraph). */
export const markdownText = (markdown: string, max = 300) => {
  const text = sanitizeHtml(md.render(markdown), { allowedTags: [], allowedAttributes: {} })
    .replace(/\s+/g, ' ')
    .trim()
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
