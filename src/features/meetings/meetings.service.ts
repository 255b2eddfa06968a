// SIG meetings and their agendas. An item about a chapter needs someone from its team there:
// the console shows items nobody from the chapter has confirmed, and the chapter is asked.
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import { formatInZone, messagesFor } from '../../platform/i18n/index.ts'
import { enqueueMail, senderOf } from '../../platform/mail/mail.ts'
import { textIn } from '../../platform/views/localized.tsx'
import { type Actor, authorize, can } from '../access/index.ts'
import {
  type ChapterRepresentation,
  listChapters,
  type SigMeetingFacts,
  seatsOfPerson,
} from '../chapters/index.ts'
import { displayName, listSigs, peopleToTell, sigRoleHolders } from '../people/index.ts'
import type { AgendaItemInput, MeetingInput } from './meetings.inputs.ts'
import * as repo from './meetings.repo.ts'
import {
  chapterRepresentation,
  dueForAsking,
  mayRecordPresence,
  teamAt,
  uncoveredItems,
} from './meetings.rules.ts'

type Writing = Pick<Deps, 'db' | 'now' | 'config' | 'jobs' | 'communityNames'>

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
    titleZh: input.titleZh,
    titleEn: input.titleEn,
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
  const recent = await repo.selectMeetingsBetween(deps.db, new Date(now.getTime() - 90 * 86_400_000), now)
  return {
    recent: recent.filter((m) => mayJoin(m.sigId)),
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
        const sender = await senderOf(deps, tx)
        for (const person of await peopleToTell({ db: tx }, teams.get(chapter.chapter.id) ?? [])) {
          if (!person.email) continue
          const locale = person.locale === 'en' ? 'en' : 'zh'
          const t = messagesFor(locale)
          await enqueueMail(
            tx,
            {
              to: person.email,
              locale,
              subject: t.mail.meetingNeedsChapter(
                locale === 'zh' ? chapter.chapter.cityZh : chapter.chapter.cityEn,
              ),
              text: t.mail.meetingNeedsChapterBody(
                displayName(person, locale),
                textIn(locale, meeting.titleZh, meeting.titleEn),
                formatInZone(locale, meeting.startsAt, deps.config.timeZone),
                textIn(locale, item.titleZh, item.titleEn),
                `${deps.config.baseUrl}/${locale}/console/meetings`,
              ),
            },
            sender,
          )
        }
        await repo.markAsked(tx, item.id, now)
      })
      asked++
    }
  }
  if (asked) await deps.jobs.nudge('mail-deliver')
  return asked
}

// --- Who was there ------------------------------------------------------------------------------

/** Someone on two agenda chapters' teams is listed under the first. */
const firstTeam =
  (teams: { chapter: { id: string }; people: string[] }[], team: { chapter: { id: string } }) =>
  (p: string) =>
    teams.find((t) => t.people.includes(p))!.chapter.id === team.chapter.id

/** Whom a meeting's attendance form lists: the SIG's people, the teams of chapters on its agenda (as they were then), and anyone who confirmed or was recorded. */
async function presenceCandidates(deps: Pick<Deps, 'db'>, meeting: repo.Meeting) {
  const [items, confirmed, present, seats, sigPeople, chapters] = await Promise.all([
    repo.selectAgendaItems(deps.db, [meeting.id]),
    repo.selectAttendees(deps.db, [meeting.id]),
    repo.selectPresence(deps.db, [meeting.id]),
    seatsOfPerson(deps),
    sigRoleHolders(deps, meeting.sigId, ['sig_lead', 'sig_member']),
    listChapters(deps),
  ])
  const seatFacts = seats.map((s) => ({ ...s, chapterId: s.chapter.id }))
  const teams = [...new Set(items.map((i) => i.chapterId).filter((c): c is string => c !== null))].map(
    (chapterId) => ({
      chapter: chapters.find((c) => c.chapter.id === chapterId)!.chapter,
      people: [...new Set(teamAt(seatFacts, chapterId, meeting.startsAt))],
    }),
  )
  // Each person is listed once: under their chapter when its item is on the agenda, else the SIG.
  const onTeams = new Set(teams.flatMap((t) => t.people))
  const sig = sigPeople.filter((p) => !onTeams.has(p))
  const grouped = new Set([...sig, ...onTeams])
  const others = [
    ...new Set([...confirmed.map((a) => a.personId), ...present.map((p) => p.personId)]),
  ].filter((p) => !grouped.has(p))
  return {
    items,
    confirmed: new Set(confirmed.map((a) => a.personId)),
    present: new Set(present.map((p) => p.personId)),
    teams,
    groups: {
      sig,
      teams: teams.map((t) => ({ ...t, people: t.people.filter(firstTeam(teams, t)) })),
      others,
    },
    all: new Set([...grouped, ...others]),
  }
}

/**
 * One meeting for its page: the agenda (an item about a chapter marked while nobody from it has
 * confirmed, and, once attendance is recorded, whether someone from it was there), who confirmed,
 * who was there, and the attendance form's people for whoever runs the SIG's meetings.
 */
export async function meetingDetail(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, id: string) {
  const person = signedIn(actor)
  const meeting = await meetingOrFail(deps.db, id)
  const runs = can(actor, { action: 'chapters.manage', sigId: meeting.sigId })
  const seats = await seatsOfPerson(deps, person.personId)
  if (!runs && !seats.some((s) => s.endedAt === null)) throw new DomainError('forbidden')
  const found = await presenceCandidates(deps, meeting)
  const names = await peopleToTell(deps, [
    ...found.all,
    ...(meeting.presenceRecordedBy ? [meeting.presenceRecordedBy] : []),
  ])
  const nameOf = (id: string) => names.find((n) => n.id === id)!
  const recorded = meeting.presenceRecordedAt !== null
  return {
    meeting,
    recordedBy: meeting.presenceRecordedBy ? (nameOf(meeting.presenceRecordedBy) ?? null) : null,
    agenda: found.items.map((item) => {
      const team = found.teams.find((t) => t.chapter.id === item.chapterId)
      return {
        item,
        chapter: team?.chapter ?? null,
        uncovered: Boolean(team) && !team!.people.some((p) => found.confirmed.has(p)),
        represented: team && recorded ? team.people.some((p) => found.present.has(p)) : null,
      }
    }),
    confirmed: [...found.confirmed].map(nameOf),
    present: [...found.present].map(nameOf),
    groups: {
      sig: found.groups.sig.map(nameOf),
      teams: found.groups.teams.map((t) => ({ chapter: t.chapter, people: t.people.map(nameOf) })),
      others: found.groups.others.map(nameOf),
    },
    presentIds: found.present,
    confirmedIds: found.confirmed,
    mayRecord: runs && mayRecordPresence(meeting.startsAt, deps.now()),
  }
}

/**
 * Whoever runs the SIG's meetings records who was there, once it has started (ticked again, the
 * new list replaces the old). Only people the form lists can be ticked.
 */
export async function recordPresence(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  meetingId: string,
  personIds: string[],
) {
  const meeting = await meetingOrFail(deps.db, meetingId)
  authorize(actor, { action: 'chapters.manage', sigId: meeting.sigId })
  if (!mayRecordPresence(meeting.startsAt, deps.now())) throw new DomainError('notAllowedNow')
  const { all } = await presenceCandidates(deps, meeting)
  if (personIds.some((p) => !all.has(p))) throw new DomainError('invalid', 'Not someone this meeting lists')
  await deps.db.transaction(async (tx) => {
    await repo.selectMeetingForUpdate(tx, meetingId)
    await repo.replacePresence(tx, meetingId, [...new Set(personIds)], actor.personId, deps.now())
  })
}

/**
 * How each chapter was represented at the recorded meetings that discussed it: for the chapters'
 * health pages (handed to them at composition, as `SigMeetingFacts`).
 */
export async function chapterRepresentations(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  chapterIds: string[],
): Promise<Map<string, ChapterRepresentation>> {
  signedIn(actor)
  const { meetings, items } = await repo.selectDiscussions(deps.db, chapterIds)
  const [presence, seats] = [
    await repo.selectPresence(
      deps.db,
      meetings.map((m) => m.id),
    ),
    await seatsOfPerson(deps),
  ]
  const present = new Map<string, Set<string>>()
  for (const p of presence) present.set(p.meetingId, (present.get(p.meetingId) ?? new Set()).add(p.personId))
  const seatFacts = seats.map((s) => ({ ...s, chapterId: s.chapter.id }))
  return new Map(chapterIds.map((id) => [id, chapterRepresentation(id, meetings, items, present, seatFacts)]))
}

export const sigMeetingFacts: SigMeetingFacts = { representation: chapterRepresentations }
