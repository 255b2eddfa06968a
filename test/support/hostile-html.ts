// Markdown no reader may be harmed by, and the check that rendered HTML (a page's, a feed's) kept
// none of it: for every test of what people write.
import assert from 'node:assert/strict'

/** Everything an article may not carry to a reader, whatever the Markdown held. */
export const hostileMarkdown = `Intro.

<script>alert('x')</script>
<style>body { display: none }</style>
<img src="https://img.example/a.png" onerror="alert(1)" style="position:fixed">
<img src="data:image/png;base64,iVBORw0KGgo=">
<a href="javascript:alert(1)">click</a> <a href="data:text/html,<script>alert(1)</script>">data</a>
<a href="JaVaScRiPt:alert(1)">mixed</a>
<iframe src="https://evil.example/frame"></iframe>
<iframe src="javascript:alert(1)"></iframe>
<div onclick="alert(1)" onmouseover="alert(2)">hover</div>
<svg onload="alert(1)"><circle /></svg>
<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">
<form action="https://evil.example"><input name="q"></form>
<meta http-equiv="refresh" content="0;url=https://evil.example">
<link rel="stylesheet" href="https://evil.example/x.css">

[md link](javascript:alert(1)) ![md image](data:image/png;base64,AAAA)
`

/** Asserts none of the hostile parts made it into `html`. */
export function assertHarmless(html: string) {
  assert.doesNotMatch(html, /<script|<style|<object|<embed|<form|<input|<meta|<link|<svg/i)
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no event handler')
  assert.doesNotMatch(html, /=\s*["']?\s*(javascript|data):/i, 'no javascript: or data: address')
  assert.doesNotMatch(html, /evil\.example/, 'no frame or object from an unknown host')
  assert.doesNotMatch(html, /alert\('x'\)|display: none/, 'no script or style text left behind')
  assert.doesNotMatch(html, /style=/i, 'no inline style')
}
