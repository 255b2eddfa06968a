import { randomBytes } from 'node:crypto'

let lastMs = -1
let lastTail = 0n
const TAIL_BITS = 74n
const TAIL_MAX = (1n << TAIL_BITS) - 1n

/**
 * RFC 9562 UUIDv7: 48-bit Unix milliseconds, version, 74 random bits. Within one process the ids
 * only grow (RFC 9562 §6.2, method 2: a random tail incremented within the same millisecond), so
 * rows written in the same millisecond still sort in the order they were made.
 */
export function v7(now: number = Date.now()): string {
  let ms = now
  let tail: bigint
  if (ms <= lastMs && lastTail < TAIL_MAX) {
    ms = lastMs
    tail = lastTail + 1n + (BigInt(randomBytes(2).readUInt16BE()) & 0xffn)
    if (tail > TAIL_MAX) tail = TAIL_MAX
  } else {
    tail = BigInt(`0x${randomBytes(10).toString('hex')}`) & (TAIL_MAX >> 1n)
  }
  lastMs = ms
  lastTail = tail
  const bytes = Buffer.alloc(16)
  bytes.writeUIntBE(ms, 0, 6)
  // 4 version bits, then 12 bits of the tail; 2 variant bits, then its other 62 bits.
  bytes.writeUInt16BE(0x7000 | Number(tail >> 62n), 6)
  bytes.writeBigUInt64BE((2n << 62n) | (tail & ((1n << 62n) - 1n)), 8)
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
