// SIG meetings and their agendas. An item about a chapter needs someone from its team there:
// the console shows items nobody from the chapter has confirmed, and the chapter is asked.
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import { formatInZone, messagesFor } from '../../platform/i18n/index.ts'
import { enqueueMail } from '../../platform/mail/mail.ts'
import { type Actor, authorize, can } from '../access/index.ts'
import { listChapters } from '../chapters/index.ts'
import { displayName, listSigs, peopleToTell } from '../people/index.ts'
import type { AgendaItemInput, MeetingInput } from './meetings.inputs.ts'
import * as repo from './meetings.repo.ts'
import { dueForAsking, uncoveredItems } from './meetings.rules.ts'

type Writing = Pick<Deps, 'db' | 'now' | 'config' | 'jobs'>

const signedIn = (actor: Actor) => {
  if (!actor) throw new DomainError('unauthenticated')
  return actor
}

const meetingOrFail = async (db: Deps['db'], id: string) => {
  const meeting = await repo.selectMeeting(db, id)
  if (!meeting) throw new DomainError('notFoundRecord')
  return meeting
}

/** The SIG's people schedule a meeting of their SIG. */
export async function scheduleMeeting(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, input: MeetingInput) {
  authorize(actor, { action: 'chapters.manage', sigId: input.sigId })
  return repo.insertMeeting(deps.db, { ...input, createdBy: actor.personId, createdAt: deps.now() })
}

/** An item on the agenda: from the SIG's people, or a chapter's leaders about their chapter. */
export async function addAgendaItem(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  meetingId: string,
  input: AgendaItemInput,
) {
  const person = signedIn(actor)
  const meeting = await meetingOrFail(deps.db, meetingId)
  const chapters = await listChapters(deps)
  const chapter = input.chapter ? chapters.find((c) => c.chapter.slug === input.chapter) : undefined
  if (input.chapter && !chapter) throw new DomainError('notFoundRecord')
  const leadsIt = chapter?.team.some((s) => s.person.id === person.personId && s.role !== 'member')
  if (!can(actor, { action: 'chapters.manage', sigId: meeting.sigId }) && !leadsIt)
    throw new DomainError('forbidden')
  await repo.insertAgendaItem(deps.db, {
    meetingId,
    title: input.title,
    chapterId: chapter?.chapter.id ?? null,
    addedBy: person.personId,
    createdAt: deps.now(),
  })
}

/** Says one will attend, or no longer will. */
export async function confirmAttendance(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  meetingId: string,
  attending: boolean,
) {
  const person = signedIn(actor)
  const meeting = await meetingOrFail(deps.db, meetingId)
  if (meeting.startsAt <= deps.now()) throw new DomainError('notAllowedNow')
  await repo.setAttendance(deps.db, meetingId, person.personId, attending, deps.now())
}

/** Meetings from today on with their agendas, who attends, and the items nobody covers yet. */
export async function upcomingMeetings(deps: Pick<Deps, 'db' | 'now'>, actor: Actor) {
  const person = signedIn(actor)
  const now = deps.now()
  const meetings = await repo.selectMeetingsFrom(deps.db, new Date(now.getTime() - 12 * 3_600_000))
  const ids = meetings.map((m) => m.id)
  const [items, attendees, chapters, sigs] = await Promise.all([
    repo.selectAgendaItems(deps.db, ids),
    repo.selectAttendees(deps.db, ids),
    listChapters(deps),
    listSigs(deps),
  ])
  const teams = new Map(chapters.map((c) => [c.chapter.id, c.team.map((s) => s.person.id)]))
  const names = await peopleToTell(deps, [...new Set(attendees.map((a) => a.personId))])
  const mayJoin = (sigId: string) =>
    can(actor, { action: 'chapters.manage', sigId }) ||
    chapters.some((c) => c.team.some((s) => s.person.id === person.personId))
  return {
    chapters: chapters.map((c) => c.chapter),
    sigs: sigs.filter((s) => can(actor, { action: 'chapters.manage', sigId: s.id })),
    meetings: meetings
      .filter((m) => mayJoin(m.sigId))
      .map((meeting) => {
        const going = new Set(attendees.filter((a) => a.meetingId === meeting.id).map((a) => a.personId))
        const agenda = items.filter((i) => i.meetingId === meeting.id)
        const uncovered = new Set(uncoveredItems(agenda, going, teams).map((i) => i.id))
        return {
          meeting,
          agenda: agenda.map((item) => ({
            item,
            chapter: chapters.find((c) => c.chapter.id === item.chapterId)?.chapter ?? null,
            uncovered: uncovered.has(item.id),
          })),
          attendees: names.filter((n) => going.has(n.id)),
          attending: going.has(person.personId),
          mayEdit: can(actor, { action: 'chapters.manage', sigId: meeting.sigId }),
        }
      }),
  }
}

/**
 * Asks each chapter whose item on a meeting within a week nobody from its team has confirmed to
 * send someone (once per item): the daily `meeting-attendance` job.
 */
export async function askChaptersToAttend(deps: Writing): Promise<number> {
  const now = deps.now()
  const meetings = await repo.selectMeetingsFrom(deps.db, now)
  const ids = meetings.map((m) => m.id)
  const [items, attendees, chapters] = await Promise.all([
    repo.selectAgendaItems(deps.db, ids),
    repo.selectAttendees(deps.db, ids),
    listChapters(deps),
  ])
  const teams = new Map(chapters.map((c) => [c.chapter.id, c.team.map((s) => s.person.id)]))
  let asked = 0
  for (const meeting of meetings) {
    const going = new Set(attendees.filter((a) => a.meetingId === meeting.id).map((a) => a.personId))
    const due = uncoveredItems(
      items.filter((i) => i.meetingId === meeting.id && dueForAsking(meeting.startsAt, i.askedAt, now)),
      going,
      teams,
    )
    for (const item of due) {
      const chapter = chapters.find((c) => c.chapter.id === item.chapterId)!
      await deps.db.transaction(async (tx) => {
        for (const person of await peopleToTell({ db: tx }, teams.get(chapter.chapter.id) ?? [])) {
          if (!person.email) continue
          const locale = person.locale === 'en' ? 'en' : 'zh'
          const t = messagesFor(locale)
          await enqueueMail(tx, {
            to: person.email,
            subject: t.mail.meetingNeedsChapter(
              locale === 'zh' ? chapter.chapter.cityZh : chapter.chapter.cityEn,
            ),
            text: t.mail.meetingNeedsChapterBody(
              displayName(person, locale),
              meeting.title,
              formatInZone(locale, meeting.startsAt, deps.config.timeZone),
              item.title,
              `${deps.config.baseUrl}/${locale}/console/meetings`,
            ),
          })
        }
        await repo.markAsked(tx, item.id, now)
      })
      asked++
    }
  }
  if (asked) await deps.jobs.nudge('mail-deliver')
  return asked
}
