import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { memoryAdvice } from './memory.ts'
import { missingFlags, serverFlags } from './server-flags.ts'

const GiB = 1024 ** 3
const self = { rssBytes: 200 * 1048576, peakBytes: 240 * 1048576 }

describe('memory advice (hearth doctor)', () => {
  it('accepts a 1 GB machine for the embedded database, as it reports about 1000 MiB', () => {
    const advice = memoryAdvice({ totalBytes: 0.96 * GiB, limitBytes: undefined }, 'pglite', self)
    assert.equal(advice.ok, true)
    assert.match(advice.line, /this process 200 MiB now, 240 MiB at most/)
  })

  it('warns on a 512 MB machine with the embedded database, naming the ways out', () => {
    const advice = memoryAdvice({ totalBytes: 0.5 * GiB, limitBytes: undefined }, 'pglite', self)
    assert.equal(advice.ok, false)
    assert.match(advice.line, /DATABASE_URL/)
  })

  it('judges by a container limit below the machine, and says so', () => {
    const advice = memoryAdvice({ totalBytes: 16 * GiB, limitBytes: 0.5 * GiB }, 'pglite', self)
    assert.equal(advice.ok, false)
    assert.match(advice.line, /limited to 512 MiB \(cgroup\)/)
    assert.equal(memoryAdvice({ totalBytes: 16 * GiB, limitBytes: 0.5 * GiB }, 'postgres', self).ok, true)
  })
})

describe('server flags', () => {
  it('gives V8 a quarter of the machine for its old generation, within bounds', () => {
    assert.ok(serverFlags(GiB).includes('--max-old-space-size=256'))
    assert.ok(serverFlags(0.25 * GiB).includes('--max-old-space-size=128'))
    assert.ok(serverFlags(64 * GiB).includes('--max-old-space-size=2048'))
  })

  it('leaves a flag the operator set alone, however spelled', () => {
    const flags = serverFlags(GiB)
    assert.deepEqual(missingFlags(flags, ['--max_old_space_size=900', '--liftoff-only']), [
      '--max-semi-space-size=4',
    ])
    assert.deepEqual(missingFlags(flags, [...flags]), [])
  })
})
