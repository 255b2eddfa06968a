import type { Readable } from 'node:stream'
import type { Config } from '../../platform/config.ts'
import type { Db } from '../../platform/db/client.ts'
import type { Deps } from '../../platform/deps.ts'
import { DomainError, InvalidInput } from '../../platform/errors.ts'
import { formatDate, messagesFor } from '../../platform/i18n/index.ts'
import { sendSoon } from '../../platform/jobs/jobs.ts'
import { enqueueMail, senderOf } from '../../platform/mail/mail.ts'
import { COVER_WIDTHS, receivePicture, recordPicture } from '../../platform/media/pictures.ts'
import { type Actor, authorize, can } from '../access/index.ts'
import { displayName, peopleToTell, sigRoleHolders } from '../people/index.ts'
import { publishEvent } from '../webhooks/index.ts'
import { CityHasChapter, chapterInSameCity } from './chapters.cities.ts'
import { chapterFacts, heldEvents } from './chapters.held.ts'
import type {
  ChapterEventInput,
  ChapterRecordInput,
  ExemptionInput,
  PromotionInput,
  SupportMoveInput,
  SupportRequestInput,
} from './chapters.inputs.ts'
import * as repo from './chapters.repo.ts'
import {
  type ChapterStatus,
  canMoveSupport,
  chapterHealth,
  countsAsOffline,
  currentTeam,
  dayOf,
  type EventMode,
  eventClock,
  type Health,
  type HealthPolicy,
  hasEvidence,
  pastTeam,
  type SupportKind,
  type SupportStatus,
  type TeamRole,
} from './chapters.rules.ts'
import { checkActiveOrOverride, seatPerson } from './chapters.seats.ts'

/** The seats a person (or, without one, everyone) held or holds on chapters' teams. */
export const seatsOfPerson = (deps: Pick<Deps, 'db'>, personId?: string) =>
  repo.selectSeatsOfPerson(deps.db, personId)

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
  const [seats, events] = await Promise.all([
    repo.selectTeams(deps.db, [found.chapter.id]),
    repo.selectChapterEvents(deps.db, [found.chapter.id]),
  ])
  return { ...found, current: currentTeam(seats), past: pastTeam(seats), events }
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
  const created = await repo.insertChapter(db, {
    ...chapter,
    createdAt: now,
    updatedAt: now,
    statusSince: now,
  })
  for (const seat of team)
    await repo.insertSeat(db, {
      chapterId: created.id,
      personId: seat.personId,
      role: seat.role,
      startedAt: now,
      applicationId: seat.applicationId ?? null,
    })
  await publishEvent(
    db,
    'chapter.founded',
    {
      slug: created.slug,
      cityZh: created.cityZh,
      cityEn: created.cityEn,
      country: created.country,
      foundedOn: created.foundedOn,
    },
    now,
  )
  return created
}

// --- Staying active ---------------------------------------------------------------------------

type Telling = { config: Config; now: Date; communityNames: Deps['communityNames'] }

const policyOf = (config: Config): HealthPolicy => ({
  windowMonths: config.chapterEventWindowMonths,
  warnDays: config.chapterAtRiskDays,
  leaderGraceDays: config.chapterLeaderGraceDays,
})

/**
 * Applies the health rule to chapters (all, or those named) inside the caller's transaction,
 * locking them first so that the daily review and an approval never decide twice. Each change of
 * status is published and told to the people it concerns. Returns the changes.
 */
export async function settleChapterHealth(tx: Db, deps: Telling, chapterIds?: string[]) {
  const locked = await repo.selectChaptersForUpdate(tx, chapterIds)
  const ids = locked.map((c) => c.id)
  const held = chapterFacts(await heldEvents(tx, { chapterIds: ids }, deps.now))
  const facts = await repo.selectHealthFacts(tx, ids, dayOf(deps.now), held)
  const changes: { chapter: repo.Chapter; from: ChapterStatus; health: Health }[] = []
  for (const chapter of locked) {
    const from = chapter.status as ChapterStatus
    const health = chapterHealth(
      { ...chapter, status: from, ...facts.get(chapter.id)! },
      policyOf(deps.config),
      deps.now,
    )
    if (health.status === from) continue
    await repo.setChapterStatus(tx, chapter.id, health.status, deps.now)
    // Back from inactive with a new leader: the yearly clock restarts today, as at a founding.
    if (from === 'inactive') await repo.updateChapter(tx, chapter.id, { revivedOn: dayOf(deps.now) })
    await announceStatus(tx, deps, chapter, from, health)
    changes.push({ chapter, from, health })
  }
  return changes
}

/** The daily review of every chapter (the `chapter-health` job). */
export async function reviewChapterHealth(
  deps: Pick<Deps, 'db' | 'now' | 'config' | 'jobs' | 'communityNames'>,
) {
  const changes = await deps.db.transaction((tx) => settleChapterHealth(tx, { ...deps, now: deps.now() }))
  if (changes.length) {
    await sendSoon(deps.jobs)
  }
  return changes.length
}

/**
 * A new status, told: subscribers get `chapter.status_changed`; the leader and vice-leader hear
 * that the deadline is near (record the event, or ask for a successor if they cannot organise
 * events any more: the community's rule) or that the chapter is now inactive, which the SIG's
 * leads hear too.
 */
async function announceStatus(
  tx: Db,
  deps: Telling,
  chapter: repo.Chapter,
  from: ChapterStatus,
  health: Health,
) {
  await publishEvent(
    tx,
    'chapter.status_changed',
    {
      slug: chapter.slug,
      cityZh: chapter.cityZh,
      cityEn: chapter.cityEn,
      from,
      to: health.status,
      why: health.why,
      deadline: health.deadline,
      url: `${deps.config.baseUrl}/en/chapters/${chapter.slug}`,
    },
    deps.now,
  )
  // A leader search tells its own people when it opens (openLeaderSearch).
  if (health.status === 'active' || health.why === 'leaderWanted') return
  const seats = await repo.selectCurrentSeats(tx, chapter.id)
  const leaders = seats.filter((s) => s.role !== 'member').map((s) => s.personId)
  const sigLeads =
    health.status === 'inactive' ? await sigRoleHolders({ db: tx }, chapter.sigId, ['sig_lead']) : []
  const sender = await senderOf(deps, tx)
  for (const person of await peopleToTell({ db: tx }, [...new Set([...leaders, ...sigLeads])])) {
    if (!person.email) continue
    const locale = person.locale === 'en' ? 'en' : 'zh'
    const t = messagesFor(locale)
    const city = locale === 'zh' ? chapter.cityZh : chapter.cityEn
    const page = `${deps.config.baseUrl}/${locale}/chapters/${chapter.slug}`
    const name = displayName(person, locale)
    await enqueueMail(
      tx,
      health.status === 'at_risk'
        ? {
            to: person.email,
            locale,
            subject: t.mail.chapterAtRisk(city),
            text: t.mail.chapterAtRiskBody(
              name,
              city,
              formatDate(locale, new Date(`${health.deadline}T00:00:00Z`)),
              `${deps.config.baseUrl}/${locale}/console/chapters/${chapter.slug}`,
              `${deps.config.baseUrl}/${locale}/applications/new/step-down?subject=${chapter.slug}`,
            ),
          }
        : {
            to: person.email,
            locale,
            subject: t.mail.chapterInactive(city),
            text: t.mail.chapterInactiveBody(name, city, health.why === 'noLeader', page),
          },
      sender,
    )
  }
}

/** Who may record a chapter's events: its leader and vice-leader, and its SIG's people. */
async function mayRecordFor(db: Db, actor: Actor, chapter: repo.Chapter) {
  if (!actor) throw new DomainError('unauthenticated')
  if (can(actor, { action: 'chapters.manage', sigId: chapter.sigId })) return
  const seats = await repo.selectCurrentSeats(db, chapter.id)
  if (!seats.some((s) => s.personId === actor.personId && s.role !== 'member'))
    throw new DomainError('forbidden')
}

const chapterOrFail = async (db: Db, slug: string) => {
  const found = await repo.selectChapterBySlug(db, slug)
  if (!found) throw new DomainError('notFoundRecord')
  return found.chapter
}

/** The team or the SIG keeps the chapter's record up to date (not its address: links stay). */
export async function editChapterRecord(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  slug: string,
  input: ChapterRecordInput,
) {
  const chapter = await chapterOrFail(deps.db, slug)
  await mayRecordFor(deps.db, actor, chapter)
  // One chapter per city, inactive ones included: renaming cannot make a second one.
  const other = chapterInSameCity(
    await repo.selectChapters(deps.db),
    [input.cityZh, input.cityEn],
    chapter.id,
  )
  if (other) throw new CityHasChapter(other)
  await repo.updateChapter(deps.db, chapter.id, {
    ...input,
    location: input.location ?? null,
    descriptionZh: input.descriptionZh ?? null,
    descriptionEn: input.descriptionEn ?? null,
    contact: input.contact ?? null,
    updatedAt: deps.now(),
  })
}

/**
 * The chapter's cover, from an uploaded picture: whoever may edit its record may set it. The sizes
 * are written (and the upload checked) before the transaction that records them, so a refused or
 * broken file changes nothing.
 */
export async function setChapterCover(
  deps: Pick<Deps, 'db' | 'now' | 'config'>,
  actor: Actor,
  slug: string,
  upload: { filename: string; source: Readable | AsyncIterable<Uint8Array> },
) {
  const chapter = await chapterOrFail(deps.db, slug)
  await mayRecordFor(deps.db, actor, chapter)
  const now = deps.now()
  const received = await receivePicture(deps.config.dataDir, {
    ...upload,
    widths: COVER_WIDTHS,
    ratio: 16 / 9,
    now,
  })
  await deps.db.transaction(async (tx) => {
    await recordPicture(tx, received)
    await repo.updateChapter(tx, chapter.id, { cover: received.stored, updatedAt: now })
  })
}

/** A refusal of one field, as the form's own check would give it (for callers past the form). */
const refused = (field: string, message: string) =>
  new InvalidInput([{ code: 'custom', path: [field], message, input: undefined }])

/**
 * Records an event the chapter held, with its evidence (it is self-reported); an offline or hybrid
 * one counts for staying active from its day on, an online one is kept but does not count.
 */
export async function recordChapterEvent(
  deps: Pick<Deps, 'db' | 'now' | 'config' | 'jobs' | 'communityNames'>,
  actor: Actor,
  slug: string,
  input: ChapterEventInput,
) {
  const now = deps.now()
  const chapter = await chapterOrFail(deps.db, slug)
  await mayRecordFor(deps.db, actor, chapter)
  if (!hasEvidence(input)) throw refused('attendance', 'evidence')
  const recorded = await deps.db.transaction(async (tx) => {
    const row = await repo.insertChapterEvent(tx, {
      ...input,
      chapterId: chapter.id,
      recordedBy: actor!.personId,
      createdAt: now,
    })
    await settleChapterHealth(tx, { ...deps, now }, [chapter.id])
    return row
  })
  await sendSoon(deps.jobs)
  return recorded
}

/** The SIG excuses a chapter from holding events until a day, with the reason. */
export async function exemptChapter(
  deps: Pick<Deps, 'db' | 'now' | 'config' | 'jobs' | 'communityNames'>,
  actor: Actor,
  slug: string,
  input: ExemptionInput,
) {
  const now = deps.now()
  const chapter = await chapterOrFail(deps.db, slug)
  authorize(actor, { action: 'chapters.exempt', sigId: chapter.sigId })
  // An exemption is the SIG's word on record: it says why, and it ends.
  if (!input.reason?.trim()) throw refused('reason', 'required')
  if (!input.until || input.until < dayOf(now)) throw refused('until', 'exemptionUntil')
  await deps.db.transaction(async (tx) => {
    await repo.insertExemption(tx, {
      ...input,
      chapterId: chapter.id,
      recordedBy: actor.personId,
      createdAt: now,
    })
    await settleChapterHealth(tx, { ...deps, now }, [chapter.id])
  })
  await sendSoon(deps.jobs)
}

/**
 * A member takes the empty leader or vice-leader seat, or the vice-leader the empty leader seat,
 * leaving theirs empty (the SIG decides; the leader may name a vice-leader). The seed asks for
 * someone active lately; the SIG may judge otherwise, with a reason kept on the seat. A chapter
 * that waited for a leader comes back.
 */
export async function promoteMember(
  deps: Pick<Deps, 'db' | 'now' | 'config' | 'jobs' | 'communityNames'>,
  actor: Actor,
  slug: string,
  input: PromotionInput,
) {
  const now = deps.now()
  const chapter = await chapterOrFail(deps.db, slug)
  if (!actor) throw new DomainError('unauthenticated')
  await deps.db.transaction(async (tx) => {
    // Locks the chapter: two promotions to one seat take turns, and the second finds it taken.
    await repo.selectChaptersForUpdate(tx, [chapter.id])
    const seats = await repo.selectCurrentSeats(tx, chapter.id)
    const leadsIt = seats.some((s) => s.personId === actor.personId && s.role === 'leader')
    if (
      !can(actor, { action: 'chapters.manage', sigId: chapter.sigId }) &&
      !(leadsIt && input.role === 'vice_leader')
    )
      throw new DomainError('forbidden')
    const held = seats.find((s) => s.personId === input.personId)?.role
    if (!(held === 'member' || (held === 'vice_leader' && input.role === 'leader')))
      throw new DomainError(
        'notAllowedNow',
        'Only a current member, or the vice-leader to leader, can be promoted',
      )
    if (seats.some((s) => s.role === input.role)) throw new DomainError('seatTaken')
    const override = await checkActiveOrOverride(tx, now, input.personId, input.override)
    await seatPerson(tx, {
      chapterId: chapter.id,
      personId: input.personId,
      role: input.role,
      now,
      appointedBy: actor.personId,
      overrideReason: override,
    })
    await settleChapterHealth(tx, { ...deps, now }, [chapter.id])
  })
  await sendSoon(deps.jobs)
}

/**
 * Every chapter's health for the SIG's dashboard: status, deadline and why, the last event, an
 * exemption, and the events it held per quarter over the last three years.
 */
export async function chapterHealthBoard(deps: Pick<Deps, 'db' | 'now' | 'config'>, actor: Actor) {
  authorize(actor, { action: 'console.enter' })
  const now = deps.now()
  const all = await repo.selectChapters(deps.db)
  const ids = all.map((c) => c.id)
  const held = chapterFacts(await heldEvents(deps.db, { chapterIds: ids }, now))
  const [facts, events] = await Promise.all([
    repo.selectHealthFacts(deps.db, ids, dayOf(now), held),
    repo.selectChapterEvents(deps.db, ids),
  ])
  const quarters = lastQuarters(now, 12)
  return {
    today: dayOf(now),
    policy: policyOf(deps.config),
    quarters,
    chapters: all.map((chapter) => {
      const f = facts.get(chapter.id)!
      const recorded = events.filter(
        (e) => e.chapterId === chapter.id && e.heldOn <= dayOf(now) && countsAsOffline(e.mode as EventMode),
      )
      // An event recorded by hand and run here with check-ins on the same day is one event.
      const days = [
        ...recorded.map((e) => e.heldOn),
        ...held
          .filter((e) => e.chapterId === chapter.id && !recorded.some((r) => r.heldOn === e.heldOn))
          .map((e) => e.heldOn),
      ]
      const health = chapterHealth(
        { ...chapter, status: chapter.status as ChapterStatus, ...f },
        policyOf(deps.config),
        now,
      )
      return {
        chapter,
        facts: f,
        health,
        // What the deadline counts from (an event, the founding, a revival, a new leader's grace).
        clock:
          health.deadline === null
            ? null
            : eventClock(
                { ...chapter, status: chapter.status as ChapterStatus, ...f },
                policyOf(deps.config),
              ),
        perQuarter: quarters.map((q) => days.filter((d) => d >= q.from && d < q.to).length),
      }
    }),
  }
}

/** One chapter's record for its console page: events and exemptions, newest first. */
export async function chapterRecord(deps: Pick<Deps, 'db'>, actor: Actor, slug: string) {
  const found = await getChapter(deps, slug)
  await mayRecordFor(deps.db, actor, found.chapter)
  return { ...found, exemptions: await repo.selectExemptions(deps.db, found.chapter.id) }
}

/** The last `n` calendar quarters up to now, oldest first, as [from, to) days. */
function lastQuarters(now: Date, n: number) {
  const y = now.getUTCFullYear()
  const q = Math.floor(now.getUTCMonth() / 3)
  return Array.from({ length: n }, (_, i) => {
    const k = q - (n - 1 - i)
    const from = new Date(Date.UTC(y, k * 3, 1))
    const to = new Date(Date.UTC(y, k * 3 + 3, 1))
    return { from: dayOf(from), to: dayOf(to), label: `${from.getUTCFullYear()} Q${(((k % 4) + 4) % 4) + 1}` }
  })
}

// --- Support requests -------------------------------------------------------------------------

/**
 * A chapter asks the community for help. Its SIG's people are told (in their language) and
 * subscribed systems get `support.requested`.
 */
export async function askForSupport(
  deps: Pick<Deps, 'db' | 'now' | 'config' | 'jobs' | 'communityNames'>,
  actor: Actor,
  slug: string,
  input: SupportRequestInput,
) {
  const now = deps.now()
  const chapter = await chapterOrFail(deps.db, slug)
  await mayRecordFor(deps.db, actor, chapter)
  const created = await deps.db.transaction(async (tx) => {
    const request = await repo.insertSupportRequest(tx, {
      ...input,
      chapterId: chapter.id,
      requestedBy: actor!.personId,
      createdAt: now,
      updatedAt: now,
    })
    await repo.insertSupportEvent(tx, {
      requestId: request.id,
      at: now,
      actorId: actor!.personId,
      toStatus: 'open',
    })
    await publishEvent(tx, 'support.requested', supportData(deps.config, chapter, request), now)
    const sigPeople = await sigRoleHolders({ db: tx }, chapter.sigId, ['sig_lead', 'sig_member'])
    const sender = await senderOf(deps, tx)
    for (const person of await peopleToTell({ db: tx }, sigPeople)) {
      if (!person.email || person.id === actor!.personId) continue
      const locale = person.locale === 'en' ? 'en' : 'zh'
      const t = messagesFor(locale)
      const city = locale === 'zh' ? chapter.cityZh : chapter.cityEn
      await enqueueMail(
        tx,
        {
          to: person.email,
          locale,
          subject: t.mail.supportRequested(city, t.chapters.support.kinds[request.kind as SupportKind]),
          text: t.mail.supportRequestedBody(
            displayName(person, locale),
            city,
            request.details,
            `${deps.config.baseUrl}/${locale}/console/support`,
          ),
        },
        sender,
      )
    }
    return request
  })
  await sendSoon(deps.jobs)
  return created
}

const supportData = (config: Config, chapter: repo.Chapter, request: repo.SupportRequest) => ({
  id: request.id,
  chapter: chapter.slug,
  kind: request.kind,
  status: request.status,
  neededBy: request.neededBy,
  url: `${config.baseUrl}/en/console/support`,
})

/**
 * The SIG takes a request on, finishes it or declines it (with a comment), or opens it again;
 * whoever asked hears when it is done or declined.
 */
export async function moveSupportRequest(
  deps: Pick<Deps, 'db' | 'now' | 'config' | 'jobs' | 'communityNames'>,
  actor: Actor,
  id: string,
  move: SupportMoveInput,
) {
  if (!actor) throw new DomainError('unauthenticated')
  const now = deps.now()
  await deps.db.transaction(async (tx) => {
    const request = await repo.selectSupportRequestForUpdate(tx, id)
    if (!request) throw new DomainError('notFoundRecord')
    const chapter = (await repo.selectChapterById(tx, request.chapterId))!
    authorize(actor, { action: 'chapters.manage', sigId: chapter.sigId })
    if (!canMoveSupport(request.status as SupportStatus, move.to)) throw new DomainError('notAllowedNow')
    await repo.updateSupportRequest(tx, id, {
      status: move.to,
      updatedAt: now,
      ...(move.to === 'in_progress' ? { handledBy: actor.personId } : {}),
    })
    await repo.insertSupportEvent(tx, {
      requestId: id,
      at: now,
      actorId: actor.personId,
      fromStatus: request.status,
      toStatus: move.to,
      comment: move.comment,
    })
    await publishEvent(
      tx,
      'support.updated',
      supportData(deps.config, chapter, { ...request, status: move.to }),
      now,
    )
    if ((move.to === 'done' || move.to === 'declined') && request.requestedBy) {
      const [person] = await peopleToTell({ db: tx }, [request.requestedBy])
      if (person?.email) {
        const locale = person.locale === 'en' ? 'en' : 'zh'
        const t = messagesFor(locale)
        const kind = t.chapters.support.kinds[request.kind as SupportKind]
        await enqueueMail(
          tx,
          {
            to: person.email,
            locale,
            subject: t.mail.supportClosed(kind, move.to === 'done'),
            text: t.mail.supportClosedBody(
              displayName(person, locale),
              kind,
              move.to === 'done',
              move.comment ?? '',
              `${deps.config.baseUrl}/${locale}/console/chapters/${chapter.slug}`,
            ),
          },
          await senderOf(deps, tx),
        )
      }
    }
  })
  await sendSoon(deps.jobs)
}

/** Requests still open or in hand, for the SIG's queue; or one chapter's, for its page. */
export async function supportRequestsOf(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  which: { open: true } | { slug: string },
) {
  let where: { open: true } | { chapterId: string }
  if ('slug' in which) {
    const chapter = await chapterOrFail(deps.db, which.slug)
    await mayRecordFor(deps.db, actor, chapter)
    where = { chapterId: chapter.id }
  } else {
    authorize(actor, { action: 'console.enter' })
    where = which
  }
  const rows = await repo.selectSupportRequests(deps.db, where)
  const events = await repo.selectSupportEvents(
    deps.db,
    rows.map((r) => r.request.id),
  )
  const names = await peopleToTell(deps, [
    ...new Set(events.map((e) => e.actorId).filter((x): x is string => x !== null)),
  ])
  return rows.map((r) => ({
    ...r,
    mayHandle: can(actor, { action: 'chapters.manage', sigId: r.chapter.sigId }),
    history: events
      .filter((e) => e.requestId === r.request.id)
      .map((e) => ({ ...e, who: names.find((n) => n.id === e.actorId) ?? null })),
  }))
}
