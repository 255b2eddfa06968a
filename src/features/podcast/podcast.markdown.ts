// Show notes and descriptions: Markdown without raw HTML, then sanitised again (an allowlist of
// tags, http(s)/mailto links only), the same for the page and the feed.
import MarkdownIt from 'markdown-it'
import sanitizeHtml from 'sanitize-html'

const md = new MarkdownIt({ html: false, linkify: true, breaks: true })

export function notesHtml(markdown: string): string {
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
      a: sanitizeHtml.simpleTransform('a', { rel: 'noopener nofollow' }),
      h1: 'h3',
      h2: 'h3',
    },
  })
}

/** Plain text of the notes (for descriptions that must be short, e.g. OpenGraph). */
export const notesText = (markdown: string, max = 300) => {
  const text = sanitizeHtml(md.render(markdown), { allowedTags: [], allowedAttributes: {} })
    .replace(/\s+/g, ' ')
    .trim()
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
