// A certificate as a PDF: both languages, set in Noto Sans SC (its Chinese and Latin glyphs are
// embedded, subset, so any reader shows it as printed), with a QR code of its verification page.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import * as fontkit from 'fontkit'
import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'
import { formatDate, messagesFor } from '../../platform/i18n/index.ts'
import type { Certificate } from './recognition.repo.ts'

const require = createRequire(import.meta.url)
const fontFile = (weight: string) =>
  require.resolve(`@expo-google-fonts/noto-sans-sc/${weight}/NotoSansSC_${weight}.ttf`)

let fonts: { regular: Buffer; bold: Buffer; glyphs: fontkit.Font } | undefined
/** Read once per process: the files are 10 MB each. */
function loadFonts() {
  if (!fonts) {
    const regular = readFileSync(fontFile('400Regular'))
    fonts = {
      regular,
      bold: readFileSync(fontFile('700Bold')),
      glyphs: fontkit.create(regular) as fontkit.Font,
    }
  }
  return fonts
}

/** Text the font can draw: characters it has no glyph for (an emoji in a name) are left out. */
export function printable(text: string): string {
  const { glyphs } = loadFonts()
  return [...text].filter((ch) => /\s/.test(ch) || glyphs.hasGlyphForCodePoint(ch.codePointAt(0)!)).join('')
}

export type CertificateFacts = {
  certificate: Certificate
  person: { nameZh: string | null; nameEn: string | null; handle: string }
  verifyUrl: string
  community: string
}

export async function certificatePdf(facts: CertificateFacts): Promise<Buffer> {
  const { regular, bold } = loadFonts()
  const zh = messagesFor('zh').recognition.certificate
  const en = messagesFor('en').recognition.certificate
  const { certificate, person } = facts
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 56,
    info: {
      Title: `${certificate.titleZh} · ${certificate.titleEn}`,
      Author: facts.community,
      Subject: certificate.code,
    },
  })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const finished = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))
  doc.registerFont('regular', regular)
  doc.registerFont('bold', bold)

  const { width, height } = doc.page
  doc
    .lineWidth(2)
    .strokeColor('#b4542b')
    .rect(28, 28, width - 56, height - 56)
    .stroke()
  doc
    .lineWidth(0.5)
    .rect(36, 36, width - 72, height - 72)
    .stroke()
  const line = (font: string, size: number, text: string, gap = 6) => {
    doc.font(font).fontSize(size).fillColor('#2b2118').text(printable(text), { align: 'center' })
    doc.moveDown(gap / size)
  }
  doc.y = 90
  line('bold', 30, `${zh.heading} · ${en.heading}`, 18)
  line('regular', 14, `${zh.certifies} · ${en.certifies}`, 10)
  const names = [person.nameZh, person.nameEn].filter(Boolean).join(' · ') || person.handle
  line('bold', 26, names, 12)
  line('regular', 14, `${zh.held} · ${en.held}`, 10)
  line('bold', 20, certificate.titleZh, 4)
  line('bold', 18, certificate.titleEn, 18)
  line(
    'regular',
    12,
    `${zh.issued(formatDate('zh', certificate.issuedAt))} · ${en.issued(formatDate('en', certificate.issuedAt))}`,
  )
  line('regular', 12, facts.community)

  // The QR code as vector squares, bottom right, with the code and address beside it.
  const qr = QRCode.create(facts.verifyUrl, { errorCorrectionLevel: 'M' })
  const cell = 2.4
  const size = qr.modules.size * cell
  const left = width - 72 - size
  const top = height - 72 - size
  for (let y = 0; y < qr.modules.size; y++)
    for (let x = 0; x < qr.modules.size; x++)
      if (qr.modules.get(y, x)) doc.rect(left + x * cell, top + y * cell, cell, cell).fill('#000000')
  doc
    .font('regular')
    .fontSize(9)
    .fillColor('#2b2118')
    .text(`${zh.code} · ${en.code}: ${certificate.code}`, 72, top + size - 34, {
      width: left - 90,
      align: 'right',
    })
    .text(`${zh.verify} · ${en.verify}: ${facts.verifyUrl}`, 72, top + size - 20, {
      width: left - 90,
      align: 'right',
    })
  doc.end()
  return finished
}
