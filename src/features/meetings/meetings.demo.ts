import type { Deps } from '../../platform/deps.ts'
import { listChapters } from '../chapters/index.ts'
import { getProfile } from '../people/index.ts'
import { ensureFoundingSig } from '../people/people.demo.ts'
import * as repo from './meetings.repo.ts'

/**
 * The user-group committee's next meeting, ten days ahead at 19:30 in Shanghai: Shanghai's item is
 * covered (its leader attends), Chengdu's is not yet; and last month's, with who was there.
 */
export async function seedMeetingsDemo(deps: Pick<Deps, 'db' | 'now'>) {
  const now = deps.now()
  const sig = await ensureFoundingSig(deps)
  const day = new Date(now.getTime() + 10 * 86_400_000).toISOString().slice(0, 10)
  const chair = (await getProfile(deps, 'fawei')).person.id
  const meeting = await repo.insertMeeting(deps.db, {
    sigId: sig.id,
    titleZh: '用户委员会月度例会',
    titleEn: 'User-group committee, monthly',
    startsAt: new Date(`${day}T11:30:00Z`),
    place: 'https://meeting.example.org/ugc',
    createdBy: chair,
    createdAt: now,
  })
  const chapters = await listChapters(deps)
  const bySlug = (slug: string) => chapters.find((c) => c.chapter.slug === slug)
  // The last item was typed in Chinese only: English readers see it marked as Chinese.
  const items: [string, string | null, string | null][] = [
    ['上海站春季 Meetup 筹备', 'Preparing Shanghai’s spring meetup', 'shanghai'],
    ['成都站讲师招募', 'Speakers for Chengdu', 'chengdu'],
    ['年度城市站认证证书', null, null],
  ]
  for (const [titleZh, titleEn, slug] of items)
    await repo.insertAgendaItem(deps.db, {
      meetingId: meeting.id,
      titleZh,
      titleEn,
      chapterId: slug ? (bySlug(slug)?.chapter.id ?? null) : null,
      addedBy: chair,
      createdAt: now,
    })
  await repo.setAttendance(deps.db, meeting.id, chair, true, now)
  await repo.setAttendance(deps.db, meeting.id, (await getProfile(deps, 'zhang-haili')).person.id, true, now)

  // Last month's meeting, its attendance recorded by the chair: Shanghai's leader was there,
  // nobody from Hangzhou, whose item was discussed all the same (its health page flags it).
  const lastDay = new Date(now.getTime() - 25 * 86_400_000).toISOString().slice(0, 10)
  const last = await repo.insertMeeting(deps.db, {
    sigId: sig.id,
    titleZh: '用户委员会月度例会（上月）',
    titleEn: 'User-group committee, last month',
    startsAt: new Date(`${lastDay}T11:30:00Z`),
    place: 'https://meeting.example.org/ugc',
    createdBy: chair,
    createdAt: now,
  })
  for (const [titleZh, titleEn, slug] of [
    ['上海站年度活动回顾', 'Shanghai’s year in review', 'shanghai'],
    ['杭州站线下活动计划', 'Hangzhou’s next offline meetup', 'hangzhou'],
  ] as const)
    await repo.insertAgendaItem(deps.db, {
      meetingId: last.id,
      titleZh,
      titleEn,
      chapterId: bySlug(slug)?.chapter.id ?? null,
      addedBy: chair,
      createdAt: now,
    })
  await repo.replacePresence(
    deps.db,
    last.id,
    [chair, (await getProfile(deps, 'zhang-haili')).person.id],
    chair,
    new Date(`${lastDay}T13:00:00Z`),
  )
}
