// A person's chapter seats on their page: the seats held now among their current roles, and
// every seat taken and left in their history.
import { registerProfileSource } from '../people/index.ts'
import * as repo from './chapters.repo.ts'

registerProfileSource({
  key: 'chapters',
  order: 10,
  async roles(deps, person, { t, locale }) {
    const seats = await repo.selectSeatsOfPerson(deps.db, person.id)
    return seats
      .filter((s) => !s.endedAt)
      .map((s) => ({
        label: t.people.chapterSeat(
          locale === 'zh' ? s.chapter.cityZh : s.chapter.cityEn,
          t.recognition.seat[s.role] ?? s.role,
        ),
        href: `/${locale}/chapters/${s.chapter.slug}`,
        since: s.startedAt,
      }))
  },
  async history(deps, person, { t, locale }) {
    const seats = await repo.selectSeatsOfPerson(deps.db, person.id)
    return seats.flatMap((s) => {
      const label = t.people.chapterSeat(
        locale === 'zh' ? s.chapter.cityZh : s.chapter.cityEn,
        t.recognition.seat[s.role] ?? s.role,
      )
      const href = `/${locale}/chapters/${s.chapter.slug}`
      return [
        { at: s.startedAt, label, href },
        ...(s.endedAt ? [{ at: s.endedAt, label, href, ended: true }] : []),
      ]
    })
  },
})
