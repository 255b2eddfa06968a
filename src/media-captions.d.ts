// media-captions ships types whose re-exports lack file extensions, which `nodenext` resolution
// cannot follow; this states the one function Hearth uses, as its documentation gives it.
declare module 'media-captions' {
  export type ParsedCue = { startTime: number; endTime: number; text: string }
  export function parseText(
    text: string,
    options?: { type?: 'vtt' | 'srt'; strict?: boolean },
  ): Promise<{ cues: ParsedCue[]; errors: { message: string; line: number }[] }>
}
