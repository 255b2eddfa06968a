import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { classifyAddress, embeddedIpv4, mayConnect, parseNetworks, urlRefusal } from './outgoing.rules.ts'

const allowing = (text: string) => {
  const parsed = parseNetworks(text)
  assert.ok('allowed' in parsed, text)
  return parsed.allowed
}

describe('outgoing addresses', () => {
  it('names every IPv4 range a request must not reach', () => {
    const cases: [string, string][] = [
      ['0.0.0.0', 'unspecified'],
      ['0.1.2.3', 'unspecified'],
      ['10.0.0.1', 'private'],
      ['10.255.255.255', 'private'],
      ['100.64.0.1', 'sharedCgnat'],
      ['100.127.255.254', 'sharedCgnat'],
      ['127.0.0.1', 'loopback'],
      ['127.255.0.9', 'loopback'],
      ['169.254.169.254', 'linkLocal'],
      ['172.16.0.1', 'private'],
      ['172.31.255.255', 'private'],
      ['192.0.0.8', 'reserved'],
      ['192.0.2.10', 'documentation'],
      ['192.88.99.1', 'reserved'],
      ['192.168.1.1', 'private'],
      ['198.18.0.1', 'reserved'],
      ['198.19.255.1', 'reserved'],
      ['198.51.100.7', 'documentation'],
      ['203.0.113.9', 'documentation'],
      ['224.0.0.251', 'multicast'],
      ['239.255.255.250', 'multicast'],
      ['240.0.0.1', 'reserved'],
      ['255.255.255.255', 'broadcast'],
    ]
    for (const [address, what] of cases) assert.equal(classifyAddress(address), what, address)
  })

  it('lets public IPv4 addresses through, including the neighbours of refused ranges', () => {
    for (const address of [
      '1.1.1.1',
      '8.8.8.8',
      '9.255.255.255',
      '11.0.0.0',
      '100.63.255.255',
      '100.128.0.0',
      '126.255.255.255',
      '128.0.0.0',
      '169.253.255.255',
      '172.15.255.255',
      '172.32.0.0',
      '192.167.255.255',
      '192.169.0.0',
      '223.255.255.255',
    ])
      assert.equal(classifyAddress(address), 'public', address)
  })

  it('names the IPv6 ranges, and judges an IPv4 address carried inside IPv6 as that address', () => {
    const cases: [string, string][] = [
      ['::', 'unspecified'],
      ['::1', 'loopback'],
      ['[::1]', 'loopback'],
      ['fe80::1', 'linkLocal'],
      ['febf::1', 'linkLocal'],
      ['fec0::1', 'linkLocal'],
      ['fc00::1', 'uniqueLocal'],
      ['fd12:3456::1', 'uniqueLocal'],
      ['ff02::1', 'multicast'],
      ['2001:db8::1', 'documentation'],
      ['3fff::1', 'documentation'],
      ['2001::1', 'reserved'],
      ['100::1', 'reserved'],
      ['::2', 'reserved'],
      ['::127.0.0.1', 'reserved'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:7f00:1', 'loopback'],
      ['0:0:0:0:0:ffff:7f00:0001', 'loopback'],
      ['::ffff:10.1.2.3', 'private'],
      ['::ffff:a9fe:a9fe', 'linkLocal'],
      ['64:ff9b::7f00:1', 'loopback'],
      ['64:ff9b::10.0.0.1', 'private'],
      ['2002:7f00:1::1', 'loopback'],
      ['2002:808:808::1', 'reserved'],
    ]
    for (const [address, what] of cases) assert.equal(classifyAddress(address), what, address)
    for (const address of [
      '2606:4700:4700::1111',
      '2a00:1450:4001:80b::200e',
      '::ffff:8.8.8.8',
      '64:ff9b::808:808',
    ])
      assert.equal(classifyAddress(address), 'public', address)
    assert.equal(embeddedIpv4('::ffff:7f00:1'), '127.0.0.1')
    assert.equal(embeddedIpv4('2606:4700::1'), null)
    assert.equal(classifyAddress('example.org'), 'notAnAddress')
  })

  it('refuses URLs naming loopback in any spelling the URL parser accepts', () => {
    for (const url of [
      'http://127.0.0.1/',
      'http://2130706433/',
      'http://0177.0.0.1/',
      'http://0x7f.1/',
      'http://0x7f000001/',
      'http://127.1/',
      'http://017700000001/',
      'http://[::1]:8080/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:7f00:1]/',
      'http://[0:0:0:0:0:ffff:7f00:1]/',
      'http://0/',
      'http://0.0.0.0/',
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.1/',
      'http://100.64.0.1/',
      'http://[fd00::1]/',
      'http://[fe80::1]/',
      'http://localhost:3000/',
      'http://LOCALHOST./',
      'http://api.localhost/',
    ])
      assert.equal(urlRefusal(url), 'address', url)
  })

  it('refuses schemes other than http and https, credentials in the URL, and what is not a URL', () => {
    assert.equal(urlRefusal('file:///etc/passwd'), 'scheme')
    assert.equal(urlRefusal('ftp://example.org/x'), 'scheme')
    assert.equal(urlRefusal('gopher://example.org/'), 'scheme')
    assert.equal(urlRefusal('http://user:pass@example.org/'), 'credentials')
    assert.equal(urlRefusal('not a url'), 'notAUrl')
    assert.equal(urlRefusal('https://example.org/feed.xml'), null)
    assert.equal(urlRefusal('http://93.184.215.14/'), null)
    assert.equal(urlRefusal('http://[2606:4700:4700::1111]/'), null)
  })

  it('lets the operator allow named networks, and only those', () => {
    const allowed = allowing('10.0.0.0/8, 127.0.0.2/32 fd00::/8')
    assert.deepEqual(allowed.networks, ['10.0.0.0/8', '127.0.0.2/32', 'fd00::/8'])
    assert.equal(mayConnect('10.1.2.3', allowed), true)
    assert.equal(mayConnect('::ffff:10.1.2.3', allowed), true)
    assert.equal(mayConnect('127.0.0.2', allowed), true)
    assert.equal(mayConnect('127.0.0.1', allowed), false)
    assert.equal(mayConnect('192.168.0.1', allowed), false)
    assert.equal(mayConnect('fd00::5', allowed), true)
    assert.equal(mayConnect('fc00::5', allowed), false)
    assert.equal(urlRefusal('http://10.9.9.9/', allowed), null)
    assert.equal(urlRefusal('http://127.0.0.1/', allowed), 'address')
    assert.equal(urlRefusal('http://localhost/', allowing('127.0.0.1')), null)
    assert.equal(mayConnect('8.8.8.8', allowed), true, 'public addresses stay reachable')
    assert.equal(mayConnect('example.org', allowed), false, 'a name is resolved first, never judged')
  })

  it('reads the operator’s list strictly: a bare address is one host, anything else is named', () => {
    assert.deepEqual(allowing('').networks, [])
    assert.deepEqual(allowing('192.168.1.10').networks, ['192.168.1.10/32'])
    assert.deepEqual(allowing('[::1]').networks, ['::1/128'])
    for (const bad of ['10.0.0.0/33', 'fd00::/129', 'intranet', '10.0.0.0/8/1', '10.0.0.0/x', '300.0.0.0/8'])
      assert.deepEqual(parseNetworks(`10.0.0.0/8,${bad}`), { invalid: [bad] }, bad)
  })
})
