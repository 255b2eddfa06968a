// After a conference: its organisers paste the recordings' and slides' links (previewed, then
// written at once through the events service, which checks `event.organise`), and anyone reads
// the sessions that have a video, day by day.
import type { Deps } from '../../platform/deps.ts'
import { isHttpUrl } from '../../platform/http/url.ts'
import type { Actor } from '../access/index.ts'
import { eventPage, eventToOrganise, setSessionLinks, wallClockOf } from '../events/index.ts'
import { videoEmbed } from '../podcast/index.ts'
import { linksToWrite, type MatchedLine, matchLines, readPasted } from './programme.videos.rules.ts'

export type Preview =
  | { ok: true; format: 'csv' | 'playlist'; lines: MatchedLine[]; ready: number }
  | { ok: false; problem: 'csvHeader' | 'csvQuote' }

/** What a paste would write, line by line; nothing is written. */
export async function previewLinks(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  eventId: string,
  text: string,
  chosen: Map<number, string>,
) {
  const parts = await eventToOrganise(deps, actor, eventId)
  const read = readPasted(text)
  if (!read.ok) return { parts, preview: read as Preview }
  const lines = matchLines(read.lines, parts.sessions, chosen)
  return {
    parts,
    preview: { ok: true, format: read.format, lines, ready: linksToWrite(lines).length } as Preview,
  }
}

/**
 * Writes what the preview showed (read again from the same text and choices, so a stale page
 * cannot write what it did not show): every matched session's links in one transaction.
 */
export async function applyLinks(
  deps: Pick<Deps, 'db' | 'now' | 'config'>,
  actor: Actor,
  eventId: string,
  text: string,
  chosen: Map<number, string>,
) {
  const { preview: p } = await previewLinks(deps, actor, eventId, text, chosen)
  if (!p.ok) return { written: 0, preview: p }
  const links = linksToWrite(p.lines)
  const written = links.length ? await setSessionLinks(deps, actor, eventId, links) : 0
  return { written, preview: p }
}

/** A conference's sessions that have a video, grouped by the day they were held (untimed ones last). */
export async function conferenceVideos(deps: Pick<Deps, 'db' | 'now'>, viewer: Actor, slug: string) {
  const parts = await eventPage(deps, viewer, slug)
  const { timeZone } = parts.event
  const withVideo = parts.sessions
    .filter((s) => s.videoUrl && isHttpUrl(s.videoUrl))
    .map((s) => ({ ...s, embed: videoEmbed(s.videoUrl ?? '') }))
  const days = new Map<string | null, typeof withVideo>()
  for (const s of withVideo) {
    const day = s.startsAt ? wallClockOf(s.startsAt, timeZone).slice(0, 10) : null
    days.set(day, [...(days.get(day) ?? []), s])
  }
  const ordered = [...days.entries()].sort(([a], [b]) =>
    a === null ? 1 : b === null ? -1 : a.localeCompare(b),
  )
  return { ...parts, days: ordered.map(([day, sessions]) => ({ day, sessions })), count: withVideo.length }
}
