import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  accentStylesheet,
  contrast,
  judgeAccent,
  nameIn,
  nearestPassing,
  weakestContrast,
} from './community.rules.ts'

describe('accent colour rules', () => {
  it('measures contrast as WCAG does', () => {
    assert.equal(contrast('#000000', '#ffffff').toFixed(1), '21.0')
    assert.equal(contrast('#ffffff', '#ffffff'), 1)
    // Hearth's own accent passes on white.
    assert.ok(contrast('#a63f15', '#ffffff') >= 4.5)
  })

  it('takes a dark enough accent and derives a dark-mode one that reads on the dark surfaces', () => {
    const verdict = judgeAccent('#1f6feb', null)
    assert.equal(verdict.ok, true)
    if (!verdict.ok) return
    assert.ok(weakestContrast(verdict.dark, 'dark') >= 4.5, verdict.dark)
    assert.ok(weakestContrast(verdict.light, 'light') >= 4.5)
  })

  it('refuses a light accent that cannot be read on white, naming the ratio and a colour that passes', () => {
    const verdict = judgeAccent('#ffcc00', null)
    assert.equal(verdict.ok, false)
    if (verdict.ok) return
    assert.equal(verdict.scheme, 'light')
    assert.ok(verdict.ratio < 2)
    assert.ok(verdict.suggestion && weakestContrast(verdict.suggestion, 'light') >= 4.5)
    assert.equal(nearestPassing('#a63f15', 'light'), '#a63f15', 'a colour that passes is its own nearest')
  })

  it('refuses a given dark-mode accent that is too dark for the dark surfaces', () => {
    const verdict = judgeAccent('#a63f15', '#402010')
    assert.equal(verdict.ok, false)
    if (!verdict.ok) assert.equal(verdict.scheme, 'dark')
  })

  it('writes both schemes into the stylesheet', () => {
    const css = accentStylesheet('#1f6feb', '#79b0ff')
    assert.match(css, /^:root\{--accent:#1f6feb;/)
    assert.match(css, /prefers-color-scheme: dark\)\{:root\{--accent:#79b0ff;/)
  })
})

describe('community names', () => {
  it('shows the reader’s language, else the other one marked as such', () => {
    assert.deepEqual(nameIn({ nameZh: '社区', nameEn: 'Community' }, 'en'), { text: 'Community', lang: 'en' })
    assert.deepEqual(nameIn({ nameZh: '社区', nameEn: null }, 'en'), { text: '社区', lang: 'zh' })
    assert.equal(nameIn({ nameZh: null, nameEn: null }, 'zh'), null)
  })
})
