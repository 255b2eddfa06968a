import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  codesToCheck,
  codeUsable,
  looksLikeApiToken,
  sessionExpiry,
  sessionNeedsTouch,
} from './accounts.rules.ts'

describe('account rules', () => {
  const now = new Date('2026-11-21T10:00:00Z')
  const code: { expiresAt: Date; consumedAt: Date | null } = {
    expiresAt: new Date('2026-11-21T10:05:00Z'),
    consumedAt: null,
  }

  it('accepts a code only before it expires, and once', () => {
    assert.equal(codeUsable(code, now), true)
    assert.equal(codeUsable({ ...code, expiresAt: now }, now), false)
    assert.equal(codeUsable({ ...code, consumedAt: now }, now), false)
  })

  it('checks a guess against the three newest live codes only', () => {
    const sent = (minutesAgo: number, extra: Partial<typeof code> = {}) => ({
      ...code,
      ...extra,
      id: minutesAgo,
      createdAt: new Date(now.getTime() - minutesAgo * 60_000),
    })
    const codes = [
      sent(5),
      sent(1),
      sent(4),
      sent(2),
      sent(3, { consumedAt: now }),
      sent(0, { expiresAt: now }),
    ]
    assert.deepEqual(
      codesToCheck(codes, now).map((c) => c.id),
      [1, 2, 4],
    )
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
