// Offline events chapters held that other features know of: events registers its meetups with
// check-ins from its own index.ts (check-ins, not RSVPs: people were there). The yearly rule
// (chapterHealth) and the health board read them beside the events a team recorded by hand,
// which stay for events held before this site ran them. The registry lives here so that events
// may depend on chapters and never the other way round.
import type { Db } from '../../platform/db/client.ts'

/** An event held with people checked in, as another feature saw it happen (never self-reported). */
export type HeldEvent = {
  /** The chapter that held it; null for an event of no chapter (a conference of the community's). */
  chapterId: string | null
  /** The day it was held, where it was held (YYYY-MM-DD). */
  heldOn: string
  selfReported: false
  titleZh: string | null
  titleEn: string | null
  /** Its page, without the language prefix (`/events/<slug>`). */
  path: string
  /** How many people were checked in. */
  checkedIn: number
}

/** Which held events to read: those of some chapters, or those a person organised. */
export type HeldEventsOf = { chapterIds: string[] } | { organisedBy: string }

export type HeldEventSource = {
  /** One source per key. */
  key: string
  /**
   * The offline (or hybrid) events held with check-ins that started by `now`. Runs inside the
   * caller's transaction when there is one, so it must query in turn, never in parallel.
   */
  held: (db: Db, of: HeldEventsOf, now: Date) => Promise<HeldEvent[]>
}

const sources = new Map<string, HeldEventSource>()

export function registerHeldEventSource(source: HeldEventSource) {
  if (sources.has(source.key)) throw new Error(`Held-event source ${source.key} is registered twice`)
  sources.set(source.key, source)
}

/** Every registered source's held events (none registered: none). */
export async function heldEvents(db: Db, of: HeldEventsOf, now: Date): Promise<HeldEvent[]> {
  if ('chapterIds' in of && !of.chapterIds.length) return []
  const out: HeldEvent[] = []
  for (const source of sources.values()) out.push(...(await source.held(db, of, now)))
  return out
}

/** Held events as the yearly rule takes them: those of a chapter. */
export const chapterFacts = (held: readonly HeldEvent[]) =>
  held.filter((e): e is HeldEvent & { chapterId: string } => e.chapterId !== null)
