// Which addresses the server may send a request to when a person named the URL (an import, a
// webhook): only public unicast addresses, unless the operator allowed a private network by name.
// Pure: no resolving, no sockets. outgoing.ts applies it to every address it connects to.
import { BlockList, isIP } from 'node:net'

/** Why an address is refused; kept for logs, never shown to the person who gave the URL. */
export type AddressClass =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'linkLocal'
  | 'uniqueLocal'
  | 'sharedCgnat'
  | 'multicast'
  | 'broadcast'
  | 'reserved'
  | 'documentation'
  | 'notAnAddress'

type Range = [network: string, prefix: number, what: Exclude<AddressClass, 'public' | 'notAnAddress'>]

// IANA's special-purpose registries (RFC 6890 and successors), the parts a request must not reach.
const ipv4Ranges: Range[] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'sharedCgnat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'linkLocal'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['255.255.255.255', 32, 'broadcast'],
  ['240.0.0.0', 4, 'reserved'],
]

// Everything outside 2000::/3 (global unicast) is refused below; these are the holes inside it
// and the named ranges outside it (named only so logs say what was refused).
const ipv6Ranges: Range[] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fe80::', 10, 'linkLocal'],
  ['fec0::', 10, 'linkLocal'],
  ['fc00::', 7, 'uniqueLocal'],
  ['ff00::', 8, 'multicast'],
  ['2001::', 23, 'reserved'],
  ['2001:db8::', 32, 'documentation'],
  ['3fff::', 20, 'documentation'],
]

function listOf(ranges: Range[], family: 'ipv4' | 'ipv6') {
  return ranges.map(([network, prefix, what]) => {
    const list = new BlockList()
    list.addSubnet(network, prefix, family)
    return { list, what }
  })
}
const ipv4Named = listOf(ipv4Ranges, 'ipv4')
const ipv6Named = listOf(ipv6Ranges, 'ipv6')
const globalUnicast = new BlockList()
globalUnicast.addSubnet('2000::', 3, 'ipv6')

/** `[::1]` (as URLs write it) or `::1` → `::1`; anything else unchanged. */
export const bareHost = (hostname: string) =>
  hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname

/**
 * The IPv4 address an IPv6 address stands for, when it carries one a router would reach:
 * IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002:AABB:CCDD::/48).
 */
export function embeddedIpv4(ipv6: string): string | null {
  const groups = expandIpv6(ipv6)
  if (!groups) return null
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`
  const zero = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0)
  if (zero(0, 5) && groups[5] === 0xffff) return v4(groups[6]!, groups[7]!)
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zero(2, 6)) return v4(groups[6]!, groups[7]!)
  if (groups[0] === 0x2002) return v4(groups[1]!, groups[2]!)
  return null
}

/** Eight 16-bit groups, or null for what is not an IPv6 address. */
function expandIpv6(text: string): number[] | null {
  if (isIP(text) !== 6) return null
  let address = text.split('%')[0]!
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address)
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number]
    address = `${address.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head, tail] = address.split('::') as [string, string | undefined]
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => Number.parseInt(g, 16)) : [])
  const front = part(head)
  const back = part(tail)
  if (tail === undefined) return front
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back]
}

/** What kind of address this is; only `public` may be connected to without the operator's say. */
export function classifyAddress(address: string): AddressClass {
  const bare = bareHost(address)
  const family = isIP(bare)
  if (family === 4) return ipv4Named.find((r) => r.list.check(bare, 'ipv4'))?.what ?? 'public'
  if (family !== 6) return 'notAnAddress'
  const inner = embeddedIpv4(bare)
  if (inner) {
    const what = classifyAddress(inner)
    // 6to4 relays were withdrawn (RFC 7526); a mapped or NAT64 address is as safe as its IPv4 one.
    return what === 'public' && expandIpv6(bare)![0] === 0x2002 ? 'reserved' : what
  }
  const named = ipv6Named.find((r) => r.list.check(bare, 'ipv6'))?.what
  if (named) return named
  return globalUnicast.check(bare, 'ipv6') ? 'public' : 'reserved'
}

/** The operator's allowed networks (`OUTGOING_ALLOW_NETWORKS`), as one list to check against. */
export type AllowedNetworks = { readonly list: BlockList; readonly networks: readonly string[] }

/**
 * Reads `10.0.0.0/8, fd00::/8, 192.0.2.7` (a bare address is one host). Returns the list, or the
 * entries that are not networks, so configuration can name them.
 */
export function parseNetworks(text: string): { allowed: AllowedNetworks } | { invalid: string[] } {
  const list = new BlockList()
  const networks: string[] = []
  const invalid: string[] = []
  for (const entry of text
    .split(/[,\s]+/)
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [address = '', prefixText, extra] = entry.split('/')
    const bare = bareHost(address)
    const family = isIP(bare)
    const max = family === 4 ? 32 : 128
    const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : -1
    if (family === 0 || extra !== undefined || prefix < 0 || prefix > max) {
      invalid.push(entry)
      continue
    }
    list.addSubnet(bare, prefix, family === 4 ? 'ipv4' : 'ipv6')
    networks.push(`${bare}/${prefix}`)
  }
  return invalid.length ? { invalid } : { allowed: { list, networks } }
}

export const noNetworksAllowed: AllowedNetworks = { list: new BlockList(), networks: [] }

/** True when a request may go to this address: a public one, or one in a network the operator allowed. */
export function mayConnect(address: string, allowed: AllowedNetworks = noNetworksAllowed): boolean {
  const bare = bareHost(address)
  const family = isIP(bare)
  if (family === 0) return false
  if (allowed.list.check(bare, family === 4 ? 'ipv4' : 'ipv6')) return true
  const inner = family === 6 ? embeddedIpv4(bare) : null
  if (inner && allowed.list.check(inner, 'ipv4')) return true
  return classifyAddress(bare) === 'public'
}

/**
 * Whether a URL can be sent to at all, before any resolving: http(s) only, no credentials in
 * it, and a host that is a name or an address `mayConnect` accepts (the URL parser has already
 * turned `2130706433`, `0177.0.0.1` and `0x7f.1` into `127.0.0.1`).
 */
export function urlRefusal(
  url: string,
  allowed: AllowedNetworks = noNetworksAllowed,
): null | 'notAUrl' | 'scheme' | 'credentials' | 'address' {
  if (!URL.canParse(url)) return 'notAUrl'
  const u = new URL(url)
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'scheme'
  if (u.username || u.password) return 'credentials'
  const host = bareHost(u.hostname)
  if (isIP(host)) return mayConnect(host, allowed) ? null : 'address'
  // `localhost` and its subdomains never leave the machine (RFC 6761), whatever DNS says.
  if (/(^|\.)localhost\.?$/i.test(host)) return mayConnect('127.0.0.1', allowed) ? null : 'address'
  return null
}
