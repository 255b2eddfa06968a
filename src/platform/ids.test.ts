import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { v7 } from './ids.ts'

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('UUIDv7 ids', () => {
  it('carries the version, the variant and the millisecond it was made in', () => {
    const at = Date.UTC(2026, 11, 4, 23, 59, 0, 123)
    const id = v7(at)
    assert.match(id, uuidV7)
    assert.equal(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16), at)
  })

  it('sorts in the order ids were made, within one millisecond too', () => {
    const at = Date.UTC(2027, 0, 1)
    const ids = Array.from({ length: 10_000 }, () => v7(at))
    for (const id of ids) assert.match(id, uuidV7)
    for (let i = 1; i < ids.length; i++) assert.ok(ids[i - 1]! < ids[i]!, `${ids[i - 1]} < ${ids[i]}`)
    assert.ok(v7(at + 1) > ids.at(-1)!, 'the next millisecond sorts after')
  })

  it('keeps growing when the clock steps back', () => {
    const first = v7(Date.UTC(2027, 0, 2))
    assert.ok(v7(Date.UTC(2027, 0, 1)) > first)
  })
})
