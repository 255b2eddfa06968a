import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  controlInUrl,
  decodedPath,
  findControlCharacter,
  hasBidiControl,
  hasControlInText,
} from './edge-input.ts'

describe('characters refused at the edge', () => {
  it('finds NUL and other controls in the path, percent-encoded or not', () => {
    assert.equal(controlInUrl(new URL('http://h/en/people/%00')), 'path')
    assert.equal(controlInUrl(new URL('http://h/en/people/a%0Ab')), 'path')
    assert.equal(controlInUrl(new URL('http://h/en/people/%7F')), 'path')
    assert.equal(controlInUrl(new URL('http://h/en/people/%E6%9D%8E')), null)
  })

  it('keeps a malformed escape as sent instead of failing', () => {
    assert.equal(decodedPath('/en/%E0%A4%A/x%00'), '/en/%E0%A4%A/x\u0000')
  })

  it('finds controls in query keys and values, but lets tabs and line breaks through', () => {
    assert.equal(controlInUrl(new URL('http://h/api/v1/people?q=%00')), 'query')
    assert.equal(controlInUrl(new URL('http://h/api/v1/people?%01=x')), 'query')
    assert.equal(controlInUrl(new URL('http://h/api/v1/people?q=a%0Ab%09c')), null)
  })

  it('names the path of the first string in a body that holds a control', () => {
    assert.deepEqual(findControlCharacter({ links: [{ label: 'ok' }, { label: 'a\u0000' }] }), [
      'links',
      1,
      'label',
    ])
    assert.deepEqual(findControlCharacter({ 'k\u0000': 1 }), ['k\u0000'])
    assert.equal(findControlCharacter({ bio: 'line\r\nline\ttab', n: 3, ok: null }), null)
  })

  it('treats typed text apart from addresses', () => {
    assert.equal(hasControlInText('a\nb'), false)
    assert.equal(hasControlInText('a\u0008b'), true)
  })

  it('refuses bidirectional overrides and isolates but not the direction marks', () => {
    for (const c of [
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u202e',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
    ])
      assert.equal(hasBidiControl(`name${c}`), true, c.codePointAt(0)!.toString(16))
    assert.equal(hasBidiControl('\u200fמשה\u200e'), false)
  })
})
