import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import * as repo from './chapters.repo.ts'
import { currentTeam, pastTeam, type TeamRole } from './chapters.rules.ts'

/** Every chapter with its current team, oldest chapter first. */
export async function listChapters(deps: Pick<Deps, 'db'>) {
  const found = await repo.selectChapters(deps.db)
  const seats = found.length
    ? await repo.selectTeams(
        deps.db,
        found.map((c) => c.id),
        { current: true },
      )
    : []
  return found.map((chapter) => ({
    chapter,
    team: currentTeam(seats.filter((s) => s.chapterId === chapter.id)),
  }))
}

/** One chapter: its SIG, its team now and everyone who was on it. */
export async function getChapter(deps: Pick<Deps, 'db'>, slug: string) {
  const found = await repo.selectChapterBySlug(deps.db, slug)
  if (!found) throw new DomainError('notFoundRecord')
  const seats = await repo.selectTeams(deps.db, [found.chapter.id])
  return { ...found, current: currentTeam(seats), past: pastTeam(seats) }
}

/**
 * A new chapter with its first team (the founding leader at least), in the caller's transaction:
 * the demo uses it, and so does approving a "new city chapter" application.
 */
export async function foundChapter(
  db: Parameters<typeof repo.insertChapter>[0],
  chapter: repo.NewChapter,
  team: { personId: string; role: TeamRole; applicationId?: string | null }[],
  now: Date,
) {
  const created = await repo.insertChapter(db, { ...chapter, createdAt: now, updatedAt: now })
  for (const seat of team)
    await repo.insertSeat(db, {
      chapterId: created.id,
      personId: seat.personId,
      role: seat.role,
      startedAt: now,
      applicationId: seat.applicationId ?? null,
    })
  return created
}
