// What an uploaded image is, read from its header: PNG's IHDR chunk, or a JPEG's start-of-frame
// marker. Enough to check cover art the way podcast directories do (format, size, colour model)
// without decoding the picture.

export type ImageFacts = {
  type: 'image/png' | 'image/jpeg'
  width: number
  height: number
  /** rgb (PNG truecolour, JPEG with three components), or what it is instead. */
  colour: 'rgb' | 'grey' | 'palette' | 'cmyk' | 'other'
}

export function imageFacts(head: Buffer): ImageFacts | null {
  if (
    head.length >= 26 &&
    head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    if (head.subarray(12, 16).toString('latin1') !== 'IHDR') return null
    const colourType = head[25]
    return {
      type: 'image/png',
      width: head.readUInt32BE(16),
      height: head.readUInt32BE(20),
      colour:
        colourType === 2 || colourType === 6
          ? 'rgb'
          : colourType === 3
            ? 'palette'
            : colourType === 0 || colourType === 4
              ? 'grey'
              : 'other',
    }
  }
  if (head.length >= 4 && head[0] === 0xff && head[1] === 0xd8) {
    let at = 2
    while (at + 9 < head.length) {
      if (head[at] !== 0xff) return null
      const marker = head[at + 1]!
      // Start of frame: baseline, extended, progressive, lossless (not DHT, JPG, DAC).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        const components = head[at + 9]!
        return {
          type: 'image/jpeg',
          height: head.readUInt16BE(at + 5),
          width: head.readUInt16BE(at + 7),
          colour: components === 3 ? 'rgb' : components === 1 ? 'grey' : components === 4 ? 'cmyk' : 'other',
        }
      }
      at += 2 + head.readUInt16BE(at + 2)
    }
  }
  return null
}
