import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { assertHarmless, hostileMarkdown } from '../../../test/support/hostile-html.ts'
import { articleHtml } from './articles.markdown.ts'

describe('an article body', () => {
  it('keeps tables, images, headings and highlights fenced code on the server', async () => {
    const html = await articleHtml(
      [
        '# Big title',
        '',
        '| Tool | Use |',
        '|---|:---:|',
        '| kubectl | ops |',
        '',
        '![A diagram](https://img.example/diagram.png)',
        '',
        '```go',
        'func main() { fmt.Println("hi") }',
        '```',
        '',
        '```unknownlang',
        'a < b',
        '```',
      ].join('\n'),
    )
    assert.match(html, /<h2>Big title<\/h2>/, 'a heading in the body sits under the page title')
    assert.match(
      html,
      /<div class="table-scroll"><table>[\s\S]*<th>Tool<\/th>[\s\S]*<td style|<td[^>]*>kubectl<\/td>/,
    )
    assert.match(html, /<img src="https:\/\/img\.example\/diagram\.png" alt="A diagram" loading="lazy"/)
    assert.match(
      html,
      /<code class="hljs language-go"><span class="hljs-function"><span class="hljs-keyword">func<\/span>/,
    )
    assert.match(html, /<code class="hljs language-unknownlang">a &lt; b/)
  })

  it('frames YouTube and Bilibili links on a line of their own, as the podcast does, and keeps the link', async () => {
    const html = await articleHtml(
      'Watch:\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n<iframe src="https://player.bilibili.com/player.html?bvid=BV1xx411c7mD" onload="x()"></iframe>\n\nInline https://youtu.be/dQw4w9WgXcQ stays a link.',
    )
    assert.match(html, /<iframe src="https:\/\/www\.youtube-nocookie\.com\/embed\/dQw4w9WgXcQ"/)
    assert.match(html, /<a href="https:\/\/www\.youtube\.com\/watch\?v=dQw4w9WgXcQ"/)
    assert.match(
      html,
      /<iframe src="https:\/\/player\.bilibili\.com\/player\.html\?bvid=BV1xx411c7mD&amp;autoplay=0"/,
    )
    assert.equal(html.match(/<iframe/g)?.length, 2, 'the inline link is not framed')
    assert.doesNotMatch(html, /onload/)
  })

  it('leaves players out of a feed and keeps their links', async () => {
    const html = await articleHtml('https://www.youtube.com/watch?v=dQw4w9WgXcQ', { players: false })
    assert.doesNotMatch(html, /<iframe/)
    assert.match(html, /href="https:\/\/www\.youtube\.com\/watch\?v=dQw4w9WgXcQ"/)
  })

  it('makes site links and images absolute for feeds', async () => {
    const html = await articleHtml('[chapters](/zh/chapters) ![x](/media/a.png)', { base: 'https://h.test' })
    assert.match(html, /href="https:\/\/h\.test\/zh\/chapters"/)
    assert.match(html, /src="https:\/\/h\.test\/media\/a\.png"/)
  })

  it('lets no script, style, handler, javascript: or data: address or unknown frame through', async () => {
    const html = await articleHtml(hostileMarkdown)
    assertHarmless(html)
    assert.match(html, /<img src="https:\/\/img\.example\/a\.png"/, 'the harmless picture stays')
    assert.match(html, /hover/, 'the text of a stripped element stays')
  })
})
