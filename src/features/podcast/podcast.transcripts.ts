// Transcripts come as WebVTT or SRT (speaker names as WebVTT voices, `<v Name>`, or as "Name: " at
// the start of a cue); they are checked cue by cue and kept as WebVTT, which browsers show as
// captions and podcast apps read from `podcast:transcript`.
import { parseText } from 'media-captions'
import { MediaRefused } from '../../platform/media/media.ts'

export type Cue = { start: number; end: number; speaker: string | null; text: string }

/** A transcript refused, with the line where reading it failed. */
export class TranscriptRefused extends MediaRefused {
  readonly line: number | null
  constructor(line: number | null) {
    super('transcriptInvalid')
    this.line = line
  }
}

const voice = /^<v(?:\.[^\s>]*)?\s+([^>]+)>\s*/
const named = /^([^:：\n]{1,40})(?::\s+|：\s*)/

function speakerOf(text: string): { speaker: string | null; text: string } {
  const v = voice.exec(text)
  if (v) return { speaker: v[1]!.trim(), text: text.slice(v[0].length).replace(/<\/v>/g, '').trim() }
  const n = named.exec(text)
  if (n) return { speaker: n[1]!.trim(), text: text.slice(n[0].length).trim() }
  return { speaker: null, text: text.trim() }
}

/** The cues of a WebVTT or SRT file (by its first line, not its name). */
export async function parseTranscript(text: string): Promise<Cue[]> {
  const body = text.replace(/^\uFEFF/, '')
  const type = body.trimStart().startsWith('WEBVTT') ? 'vtt' : 'srt'
  let cues: Awaited<ReturnType<typeof parseText>>['cues']
  try {
    ;({ cues } = await parseText(body, { type, strict: true }))
  } catch (e) {
    throw new TranscriptRefused(
      typeof (e as { line?: unknown }).line === 'number' ? (e as { line: number }).line : null,
    )
  }
  if (!cues.length) throw new TranscriptRefused(null)
  return cues.map((c) => ({ start: c.startTime, end: c.endTime, ...speakerOf(c.text) }))
}

const stamp = (seconds: number) => {
  const ms = Math.round(seconds * 1000)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(Math.floor(ms / 3_600_000))}:${two(Math.floor(ms / 60_000) % 60)}:${two(Math.floor(ms / 1000) % 60)}.${String(ms % 1000).padStart(3, '0')}`
}

/** The cues as WebVTT, speakers as voices. */
export const toVtt = (cues: Cue[]) =>
  `WEBVTT\n\n${cues
    .map(
      (c) =>
        `${stamp(c.start)} --> ${stamp(c.end)}\n${c.speaker ? `<v ${c.speaker.replace(/>/g, '')}>` : ''}${c.text}`,
    )
    .join('\n\n')}\n`
