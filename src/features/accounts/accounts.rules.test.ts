import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  CODE_MAX_ATTEMPTS,
  codeUsable,
  looksLikeApiToken,
  sessionExpiry,
  sessionNeedsTouch,
} from './accounts.rules.ts'

describe('account rules', () => {
  const now = new Date('2026-11-21T10:00:00Z')
  const code = { expiresAt: new Date('2026-11-21T10:05:00Z'), consumedAt: null, attempts: 0 }

  it('accepts a code only before it expires, once, and within the attempt budget', () => {
    assert.equal(codeUsable(code, now), true)
    assert.equal(codeUsable({ ...code, expiresAt: now }, now), false)
    assert.equal(codeUsable({ ...code, consumedAt: now }, now), false)
    assert.equal(codeUsable({ ...code, attempts: CODE_MAX_ATTEMPTS - 1 }, now), true)
    assert.equal(codeUsable({ ...code, attempts: CODE_MAX_ATTEMPTS }, now), false)
  })

  it('expires sessions after the configured days and touches them at most every five minutes', () => {
    assert.equal(sessionExpiry(now, 30).toISOString(), '2026-12-21T10:00:00.000Z')
    assert.equal(sessionNeedsTouch(new Date(now.getTime() - 60_000), now), false)
    assert.equal(sessionNeedsTouch(new Date(now.getTime() - 6 * 60_000), now), true)
  })

  it('recognises personal API tokens by their prefix', () => {
    assert.equal(looksLikeApiToken('hearth_pat_0123456789abcdefghijklmn'), true)
    assert.equal(looksLikeApiToken('hearth_pat_short'), false)
    assert.equal(looksLikeApiToken('ghp_0123456789abcdefghijklmnopqrstuv'), false)
  })
})
