// When a leader steps down without naming a successor, the chapter does not go inactive at once:
// the seed has the parent organisation (the SIG) look for a replacement, members of the chapter
// first (上级组织将会寻找合适的人员（首选是委员会成员）替代), and only "if nobody can in the end"
// (如果最终无人能组织活动) does the chapter become inactive. The search has a deadline
// (CHAPTER_LEADER_SEARCH_DAYS); the daily health review makes the chapter inactive when it passes.
import type { Config } from '../../platform/config.ts'
import type { Db } from '../../platform/db/client.ts'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import { formatDate, messagesFor } from '../../platform/i18n/index.ts'
import { sendSoon } from '../../platform/jobs/jobs.ts'
import { enqueueMail, type Sender, senderOf } from '../../platform/mail/mail.ts'
import { type Actor, authorize, can } from '../access/index.ts'
import { displayName, peopleToTell, sigRoleHolders } from '../people/index.ts'
import { activityVerdicts } from '../standing/index.ts'
import type { AppointmentInput } from './chapters.inputs.ts'
import * as repo from './chapters.repo.ts'
import { addDays, currentTeam, dayOf } from './chapters.rules.ts'
import { checkActiveOrOverride, seatPerson } from './chapters.seats.ts'
import { settleChapterHealth } from './chapters.service.ts'

type Person = Awaited<ReturnType<typeof peopleToTell>>[number]

/**
 * Mails someone (if they have an address) about the chapter in their language: `compose` gets
 * their messages, name, the city's name and the chapter's console page in that language.
 */
async function mailAboutChapter(
  tx: Db,
  config: Pick<Config, 'baseUrl'>,
  sender: Sender,
  chapter: repo.Chapter,
  person: Person,
  compose: (
    t: ReturnType<typeof messagesFor>,
    m: { locale: 'zh' | 'en'; name: string; city: string; consolePage: string },
  ) => { subject: string; text: string },
) {
  if (!person.email) return
  const locale = person.locale === 'en' ? 'en' : 'zh'
  const mail = compose(messagesFor(locale), {
    locale,
    name: displayName(person, locale),
    city: locale === 'zh' ? chapter.cityZh : chapter.cityEn,
    consolePage: `${config.baseUrl}/${locale}/console/chapters/${chapter.slug}`,
  })
  await enqueueMail(tx, { to: person.email, locale, ...mail }, sender)
}

/**
 * Opens the search for a new leader in the caller's transaction (the leader's seat has just
 * ended): the deadline is set, and the SIG's leads (who appoint) and the team that remains (the
 * first candidates) are told.
 */
export async function openLeaderSearch(
  tx: Db,
  deps: { config: Config; now: Date; communityNames: Deps['communityNames'] },
  chapter: repo.Chapter,
) {
  const until = addDays(dayOf(deps.now), deps.config.chapterLeaderSearchDays)
  await repo.setLeaderWanted(tx, chapter.id, until)
  const team = (await repo.selectCurrentSeats(tx, chapter.id)).map((s) => s.personId)
  const sigLeads = await sigRoleHolders({ db: tx }, chapter.sigId, ['sig_lead'])
  const sender = await senderOf(deps, tx)
  for (const person of await peopleToTell({ db: tx }, [...new Set([...sigLeads, ...team])])) {
    await mailAboutChapter(tx, deps.config, sender, chapter, person, (t, m) => ({
      subject: t.mail.leaderWanted(m.city),
      text: t.mail.leaderWantedBody(
        m.name,
        m.city,
        formatDate(m.locale, new Date(`${until}T00:00:00Z`)),
        m.consolePage,
      ),
    }))
  }
  return until
}

/**
 * Who could lead the chapter while a leader is wanted: the vice-leader first, then the members,
 * those active lately before the others, each with their verdict. Empty when no leader is wanted.
 */
export async function leaderCandidates(deps: Pick<Deps, 'db' | 'now'>, chapter: repo.Chapter) {
  if (!chapter.leaderWantedUntil) return []
  const team = currentTeam(await repo.selectTeams(deps.db, [chapter.id], { current: true })).filter(
    (s) => s.role !== 'leader',
  )
  const verdicts = await activityVerdicts(
    deps,
    team.map((s) => s.person.id),
  )
  const rank = (s: (typeof team)[number]) =>
    s.role === 'vice_leader' ? 0 : verdicts.get(s.person.id)!.active ? 1 : 2
  return team
    .map((seat, i) => ({ seat, verdict: verdicts.get(seat.person.id)!, i }))
    .sort((a, b) => rank(a.seat) - rank(b.seat) || a.i - b.i)
    .map(({ seat, verdict }) => ({ seat, verdict }))
}

/**
 * A lead of the chapter's SIG seats a new leader while one is wanted: anyone with a profile, the
 * chapter's own people first. Someone not active lately needs the lead's reason, kept on the seat.
 * Their other seat on the team ends; the search closes; the appointee is told.
 */
export async function appointLeader(
  deps: Pick<Deps, 'db' | 'now' | 'config' | 'jobs' | 'communityNames'>,
  actor: Actor,
  slug: string,
  input: AppointmentInput,
) {
  const found = await repo.selectChapterBySlug(deps.db, slug)
  if (!found) throw new DomainError('notFoundRecord')
  authorize(actor, { action: 'chapters.appoint', sigId: found.chapter.sigId })
  const now = deps.now()
  await deps.db.transaction(async (tx) => {
    const [chapter] = await repo.selectChaptersForUpdate(tx, [found.chapter.id])
    if (!chapter?.leaderWantedUntil) throw new DomainError('notAllowedNow', 'No leader is wanted')
    const seats = await repo.selectCurrentSeats(tx, chapter.id)
    if (seats.some((s) => s.role === 'leader')) throw new DomainError('seatTaken')
    const [person] = await peopleToTell({ db: tx }, [input.personId])
    if (!person) throw new DomainError('notFoundRecord')
    const override = await checkActiveOrOverride(tx, now, input.personId, input.override)
    await seatPerson(tx, {
      chapterId: chapter.id,
      personId: input.personId,
      role: 'leader',
      now,
      appointedBy: actor.personId,
      overrideReason: override,
    })
    await settleChapterHealth(tx, { ...deps, now }, [chapter.id])
    await mailAboutChapter(tx, deps.config, await senderOf(deps, tx), chapter, person, (t, m) => ({
      subject: t.mail.leaderAppointed(m.city),
      text: t.mail.leaderAppointedBody(m.name, m.city, m.consolePage),
    }))
  })
  await sendSoon(deps.jobs)
}

/** Whether the viewer may appoint a leader for this chapter (pages decide what to show). */
export const mayAppoint = (actor: Actor, chapter: repo.Chapter) =>
  can(actor, { action: 'chapters.appoint', sigId: chapter.sigId })
