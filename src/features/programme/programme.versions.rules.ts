// Published schedules are numbered as pretalx numbers them by habit: `0.1`, `0.2`, … `0.10`, and
// `1.0` when the organisers call one final; after that `1.1`, `1.2`, … until the next final
// (`2.0`). Between two published versions, the change log says what was added, removed,
// cancelled and moved, and whom to tell.

export type VersionRefusal = 'not_a_version'

const pattern = /^(0|[1-9]\d*)\.(0|[1-9]\d*)$/

/** Major and minor of a version string, or null when it is not one of ours. */
export function parseVersion(version: string): [number, number] | null {
  const m = pattern.exec(version)
  return m ? [Number(m[1]), Number(m[2])] : null
}

/**
 * The version after `previous` (null: nothing published yet). Minor numbers count on as numbers,
 * so `0.9` is followed by `0.10`, never `1.0`, unless this one is final.
 */
export function nextVersion(
  previous: string | null,
  options: { final?: boolean } = {},
): { ok: true; version: string } | { ok: false; refusal: VersionRefusal } {
  const [major, minor] = previous === null ? [0, 0] : (parseVersion(previous) ?? [-1, -1])
  if (major < 0) return { ok: false, refusal: 'not_a_version' }
  return { ok: true, version: options.final ? `${major + 1}.0` : `${major}.${minor + 1}` }
}

/** Orders version strings as numbers (`0.9` before `0.10`); what is not a version sorts first. */
export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a) ?? [-1, -1]
  const pb = parseVersion(b) ?? [-1, -1]
  return pa[0] - pb[0] || pa[1] - pb[1]
}

/** A session as a published schedule holds it. */
export type PublishedSession = {
  /** Stable across versions (the session's guid). */
  id: string
  roomId: string | null
  startsAt: Date
  endsAt: Date
  cancelled: boolean
  /** Person ids of everyone on stage. */
  speakers: readonly string[]
}

export type Place = { roomId: string | null; startsAt: Date; endsAt: Date }

export type Move = {
  session: PublishedSession
  before: Place
  after: Place
  roomChanged: boolean
  timeChanged: boolean
}

export type ChangeLog = {
  added: PublishedSession[]
  removed: PublishedSession[]
  cancelled: PublishedSession[]
  moved: Move[]
  /** Speakers of moved or cancelled sessions, each once, in the order their sessions appear. */
  tell: string[]
}

const place = (s: PublishedSession): Place => ({ roomId: s.roomId, startsAt: s.startsAt, endsAt: s.endsAt })

/**
 * What changed from one published schedule to the next. A session cancelled in both says nothing
 * new; one reinstated after a cancellation counts as added; a cancelled session that also moved is
 * reported as cancelled only (where it would have been no longer matters).
 */
export function changeLog(
  before: readonly PublishedSession[],
  after: readonly PublishedSession[],
): ChangeLog {
  const previous = new Map(before.map((s) => [s.id, s]))
  const next = new Set(after.map((s) => s.id))
  const log: ChangeLog = { added: [], removed: [], cancelled: [], moved: [], tell: [] }
  const tell = new Set<string>()
  const told = (...lists: (readonly string[])[]) => {
    for (const list of lists) for (const person of list) tell.add(person)
  }

  for (const s of after) {
    const old = previous.get(s.id)
    if (!old || (old.cancelled && !s.cancelled)) {
      if (!s.cancelled) log.added.push(s)
      continue
    }
    if (s.cancelled) {
      if (!old.cancelled) {
        log.cancelled.push(s)
        told(old.speakers, s.speakers)
      }
      continue
    }
    const roomChanged = old.roomId !== s.roomId
    const timeChanged =
      old.startsAt.getTime() !== s.startsAt.getTime() || old.endsAt.getTime() !== s.endsAt.getTime()
    if (roomChanged || timeChanged) {
      log.moved.push({ session: s, before: place(old), after: place(s), roomChanged, timeChanged })
      // Someone taken off a moved session hears of it too.
      told(old.speakers, s.speakers)
    }
  }
  for (const s of before) if (!next.has(s.id) && !s.cancelled) log.removed.push(s)
  log.tell = [...tell]
  return log
}

/** Whether a new version would differ from the last published one at all. */
export const hasChanges = (log: ChangeLog) =>
  log.added.length + log.removed.length + log.cancelled.length + log.moved.length > 0
