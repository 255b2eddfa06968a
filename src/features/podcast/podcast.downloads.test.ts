import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  addressGroup,
  afterDelivery,
  appOf,
  listenerKey,
  mergeRanges,
  minuteOf,
  requestKind,
} from './podcast.downloads.rules.ts'

const file = { bytes: 60_000_000, durationSeconds: 3600 } // one minute = 1,000,000 bytes
const minute = minuteOf(file)
const at = (h: number, m = 0) => new Date(Date.UTC(2026, 10, 1, h, m))

describe('IAB download counting', () => {
  it('knows bots from the OPAWG list, preloads, and bytes=0-1 probes', () => {
    assert.equal(requestKind('Googlebot/2.1 (+http://www.google.com/bot.html)', null), 'bot')
    assert.equal(requestKind('', null), 'bot', 'no user agent at all')
    assert.equal(
      requestKind(
        'AppleCoreMedia/1.0.0.20L146 (Apple Watch; U; CPU OS 9_3 like Mac OS X; en_us) watchOS/9.3',
        null,
      ),
      'preload',
    )
    assert.equal(
      requestKind('Overcast/3.0 (+http://overcast.fm/; iOS podcast app)', { start: 0, end: 1 }),
      'probe',
    )
    assert.equal(
      requestKind('Overcast/3.0 (+http://overcast.fm/; iOS podcast app)', { start: 0, end: 2 }),
      'listen',
    )
    assert.equal(appOf('Overcast/3.0 (+http://overcast.fm/; iOS podcast app)'), 'Overcast')
    assert.equal(appOf('something nobody knows'), 'Other')
  })

  it('groups IPv6 listeners by /64 and never keeps the address', () => {
    assert.equal(addressGroup('2001:db8:85a3:12::8a2e:370:7334'), '2001:db8:85a3:12::/64')
    assert.equal(addressGroup('2001:0db8:85a3:0012:ffff::1'), '2001:db8:85a3:12::/64')
    assert.equal(addressGroup('::ffff:203.0.113.9'), '203.0.113.9')
    const a = listenerKey('salt', '2001:db8:85a3:12::1', 'App/1')
    assert.equal(a, listenerKey('salt', '2001:db8:85a3:12:aaaa::2', 'App/1'))
    assert.notEqual(a, listenerKey('salt', '2001:db8:85a3:13::1', 'App/1'))
    assert.notEqual(a, listenerKey('other salt', '2001:db8:85a3:12::1', 'App/1'))
    assert.doesNotMatch(a, /2001/)
  })

  it('counts once a minute of audio has reached the listener, adding partial ranges up', () => {
    let step = afterDelivery(null, [0, 399_999], minute, at(10))
    assert.equal(step.count, false)
    step = afterDelivery(step.progress, [200_000, 599_999], minute, at(10, 1))
    assert.equal(step.count, false, 'overlapping bytes count once: 600,000 so far')
    step = afterDelivery(step.progress, [600_000, 999_999], minute, at(10, 2))
    assert.equal(step.count, true, 'exactly a minute')
    step = afterDelivery(step.progress, [1_000_000, 59_999_999], minute, at(11))
    assert.equal(step.count, false, 'the rest of the file is the same download')
  })

  it('counts a listener again only 24 hours after their window began: 23h59 no, 24h01 yes', () => {
    const first = afterDelivery(null, [0, 59_999_999], minute, at(8))
    assert.equal(first.count, true)
    const sameDay = afterDelivery(
      first.progress,
      [0, 59_999_999],
      minute,
      new Date(at(8).getTime() + 23 * 3_600_000 + 59 * 60_000),
    )
    assert.equal(sameDay.count, false)
    const nextDay = afterDelivery(
      first.progress,
      [0, 59_999_999],
      minute,
      new Date(at(8).getTime() + 24 * 3_600_000 + 60_000),
    )
    assert.equal(nextDay.count, true)
  })

  it('needs the whole file when it is shorter than a minute', () => {
    assert.equal(minuteOf({ bytes: 500, durationSeconds: 30 }), 500)
    assert.deepEqual(
      mergeRanges([
        [10, 20],
        [0, 5],
        [6, 9],
        [30, 40],
      ]),
      [
        [0, 20],
        [30, 40],
      ],
    )
  })
})
