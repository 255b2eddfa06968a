import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { zipSync } from 'fflate'
import { filesFromZip, ZipRefused } from './articles.import.zip.ts'

const enc = (s: string) => new TextEncoder().encode(s)
const refusal = (fn: () => unknown) => {
  try {
    fn()
  } catch (e) {
    assert.ok(e instanceof ZipRefused, String(e))
    return e
  }
  assert.fail('expected the zip to be refused')
}

/** Sets the uncompressed size a zip's headers declare for its first entry (a lying bomb). */
function lieAboutSize(zip: Uint8Array, size: number) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  view.setUint32(22, size, true) // local file header
  for (let i = zip.byteLength - 22; i >= 0; i--)
    if (view.getUint32(i, true) === 0x02014b50) {
      view.setUint32(i + 24, size, true) // central directory
      break
    }
  return zip
}

describe('zips of Markdown', () => {
  it('gives the Markdown files with their paths, passing over images, folders and hidden files', () => {
    const zip = zipSync({
      'blog/one.md': enc('# One'),
      'blog/img/photo.png': new Uint8Array([1, 2, 3]),
      'blog/.draft.md': enc('# hidden'),
      '__MACOSX/blog/._one.md': enc('x'),
      'two.markdown': enc('# Two'),
    })
    const { files, skipped } = filesFromZip(zip)
    assert.deepEqual(
      files.map((f) => [f.path, f.content]),
      [
        ['blog/one.md', '# One'],
        ['two.markdown', '# Two'],
      ],
    )
    assert.deepEqual(skipped, [])
  })

  it('reports a file that is not UTF-8 by name and reads the rest', () => {
    const zip = zipSync({ 'gbk.md': new Uint8Array([0xc4, 0xe3, 0xba, 0xc3, 0xff]), 'ok.md': enc('# ok') })
    const { files, skipped } = filesFromZip(zip)
    assert.deepEqual(
      files.map((f) => f.path),
      ['ok.md'],
    )
    assert.deepEqual(skipped, [{ file: 'gbk.md', line: null, problem: 'notUtf8' }])
  })

  it('refuses a path that climbs out of the folder, or an absolute one', () => {
    for (const name of ['../../x.md', 'blog/../../x.md', '/etc/x.md']) {
      const e = refusal(() => filesFromZip(zipSync({ 'fine.md': enc('# a'), [name]: enc('# b') })))
      assert.equal(e.reason, 'zipPathRefused', name)
      assert.equal(e.entry, name)
    }
  })

  it('refuses a bomb while inflating it, even when its headers claim it is small', () => {
    const bomb = zipSync({ 'bomb.md': new Uint8Array(8 * 1024 * 1024) }, { level: 9 })
    assert.ok(bomb.byteLength < 64 * 1024, 'eight megabytes of zeros squeeze into a few kilobytes')
    const e = refusal(() =>
      filesFromZip(lieAboutSize(bomb, 100), { maxEntries: 10, maxTotalBytes: 1024 * 1024 }),
    )
    assert.equal(e.reason, 'zipTooLarge')
  })

  it('counts the inflated bytes of all files together', () => {
    const zip = zipSync(
      Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`p${i}.md`, new Uint8Array(300_000)])),
    )
    assert.equal(
      refusal(() => filesFromZip(zip, { maxEntries: 10, maxTotalBytes: 1024 * 1024 })).reason,
      'zipTooLarge',
    )
  })

  it('skips one file too large for a post and reads the others', () => {
    const zip = zipSync({ 'huge.md': new Uint8Array(3 * 1024 * 1024), 'ok.md': enc('# ok') })
    const { files, skipped } = filesFromZip(zip)
    assert.deepEqual(
      files.map((f) => f.path),
      ['ok.md'],
    )
    assert.deepEqual(skipped, [{ file: 'huge.md', line: null, problem: 'fileTooLarge' }])
  })

  it('refuses too many entries', () => {
    const zip = zipSync(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`p${i}.md`, enc('# x')])))
    assert.equal(
      refusal(() => filesFromZip(zip, { maxEntries: 10, maxTotalBytes: 1e6 })).reason,
      'zipTooManyEntries',
    )
  })

  it('refuses what is not a zip', () => {
    assert.equal(refusal(() => filesFromZip(enc('# just markdown, not a zip'))).reason, 'zipBroken')
  })
})
