// How a conference's day is laid out as a table (rows of time, columns of rooms), as pretalx's
// grid lays it out: each session starts in the row of its start and spans the rows until its end;
// a session that names no room (a break, a keynote for everyone) spans every room. The same
// table, read row after row, is the day's list in time order that a phone shows. Pure.

type Timed = { id: string; roomId: string | null; startsAt: Date; endsAt: Date }

/** A block of the table: one session, or sessions that overlap in one room (a conflict, shown together). */
export type GridCell<S> = {
  sessions: S[]
  /** The room the block is in, null when it spans every room. */
  roomId: string | null
  colspan: number
  rowspan: number
}

/** One row of the table: its start, and the cells that start in it (empty ones as null). */
export type GridRow<S> = { startsAt: Date; cells: (GridCell<S> | null)[] }

type Block<S> = { startsAt: number; endsAt: number; sessions: S[] }

/** Sessions merged into blocks wherever they overlap; touching sessions stay apart. */
function blocksOf<S extends Timed>(sessions: readonly S[]): Block<S>[] {
  const sorted = [...sessions].sort(
    (a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.endsAt.getTime() - b.endsAt.getTime(),
  )
  const blocks: Block<S>[] = []
  for (const s of sorted) {
    const last = blocks.at(-1)
    if (last && s.startsAt.getTime() < last.endsAt) {
      last.sessions.push(s)
      last.endsAt = Math.max(last.endsAt, s.endsAt.getTime())
    } else blocks.push({ startsAt: s.startsAt.getTime(), endsAt: s.endsAt.getTime(), sessions: [s] })
  }
  return blocks
}

const overlaps = (a: { startsAt: number; endsAt: number }, b: { startsAt: number; endsAt: number }) =>
  a.startsAt < b.endsAt && b.startsAt < a.endsAt

/**
 * One day's sessions as table rows over `roomIds` (the columns, in order; an event without rooms
 * passes none and gets one column). A session in a room not among the columns spans them all. A
 * spanning session that a room's session overlaps is shown in each room instead (a visible
 * conflict rather than a lost session).
 */
export function scheduleGrid<S extends Timed>(
  sessions: readonly S[],
  roomIds: readonly string[],
  /** Rows to have whatever the sessions (the editor's half hours, where a session can be dropped). */
  marks: readonly number[] = [],
): GridRow<S>[] {
  const columns = roomIds.length ? roomIds : [null]
  const inRoom = (s: S) => roomIds.length > 0 && s.roomId !== null && roomIds.includes(s.roomId)
  const roomed = sessions.filter(inRoom)
  const spanning = blocksOf(sessions.filter((s) => !inRoom(s)))
  const roomedBlocks = blocksOf(roomed)
  const wide = spanning.filter((b) => !roomedBlocks.some((r) => overlaps(r, b)))
  const clashing = spanning.filter((b) => !wide.includes(b)).flatMap((b) => b.sessions)
  const perColumn = columns.map((room) =>
    blocksOf([...roomed.filter((s) => roomIds.length === 0 || s.roomId === room), ...clashing]),
  )

  const times = [
    ...new Set([...[...wide, ...perColumn.flat()].flatMap((b) => [b.startsAt, b.endsAt]), ...marks]),
  ].sort((a, b) => a - b)
  const rowOf = new Map(times.map((t, i) => [t, i]))
  // Which column is taken until which row (exclusive), by a block that started above.
  const takenUntil = columns.map(() => 0)
  const rows: GridRow<S>[] = []
  for (let r = 0; r < times.length - 1; r++) {
    const start = times[r]!
    const cells: (GridCell<S> | null)[] = []
    const full = wide.find((b) => b.startsAt === start)
    if (full) {
      const rowspan = rowOf.get(full.endsAt)! - r
      cells.push({ sessions: full.sessions, roomId: null, colspan: columns.length, rowspan })
      takenUntil.fill(r + rowspan)
    } else {
      columns.forEach((room, c) => {
        const block = perColumn[c]!.find((b) => b.startsAt === start)
        if (block) {
          const rowspan = rowOf.get(block.endsAt)! - r
          cells.push({ sessions: block.sessions, roomId: room, colspan: 1, rowspan })
          takenUntil[c] = r + rowspan
        } else if (takenUntil[c]! <= r) cells.push(null)
      })
    }
    rows.push({ startsAt: new Date(start), cells })
  }
  return rows
}
