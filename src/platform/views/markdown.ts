// Text people write in Markdown (show notes, event descriptions, session abstracts): without raw
// HTML, then sanitised again (an allowlist of tags, http(s)/mailto links only), the same for the
// page and the feed.
import MarkdownIt from 'markdown-it'
import sanitizeHtml from 'sanitize-html'

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
export function markdownHtml(markdown: string, base?: string): string {
  return sanitizeHtml(md.render(markdown), {
    allowedTags: [
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
    ],
    allowedAttributes: { a: ['href', 'rel'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    transformTags: {
      a: (_, attribs) => ({
        tagName: 'a',
        attribs: {
          ...attribs,
          ...(attribs.href ? { href: absolute(attribs.href, base) } : {}),
          rel: 'noopener nofollow',
        },
      }),
      h1: 'h3',
      h2: 'h3',
    },
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
