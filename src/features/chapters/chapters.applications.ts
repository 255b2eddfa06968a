// The chapter application types, on the applications engine. Founding a city chapter follows
// the community's rules: an applicant active in the last six months, a city able to gather a
// technical meetup of 20 or more, no active chapter there yet, and approval by at least one
// lead and two members of the chapters' SIG (a lead's rejection rejects).
import { z } from 'zod'
import type { Db } from '../../platform/db/client.ts'
import { DomainError } from '../../platform/errors.ts'
import type { Eligibility } from '../applications/applications.rules.ts'
import { confirmed, registerApplicationType } from '../applications/applications.types.ts'
import { findPersonByHandleOrLogin, sigRoleHolders } from '../people/index.ts'
import { ensureFoundingSig } from '../people/people.demo.ts'
import { activityVerdictOf } from '../standing/index.ts'
import { chapterInSameCity } from './chapters.cities.ts'
import { heldEvents } from './chapters.held.ts'
import * as repo from './chapters.repo.ts'
import { chapterSlug, successorRefusal } from './chapters.rules.ts'
import { seatPerson } from './chapters.seats.ts'
import { foundChapter, settleChapterHealth } from './chapters.service.ts'
import { openLeaderSearch } from './chapters.succession.ts'

export const FOUND_CHAPTER = 'found-chapter'
/** The smallest technical meetup a new city must be able to gather. */
export const MIN_AUDIENCE = 20
/** How recently the founding leader must have contributed. */
export const ACTIVE_WITHIN_MONTHS = 6

const text = (max: number) => z.string().trim().min(1, 'required').max(max, 'tooLong')

/** A required count: left empty it is missing (not 0), and anything but a whole number is refused. */
const count = (max: number) =>
  z.preprocess(
    (v) =>
      v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? undefined : Number(v),
    z
      .number({ error: (issue) => (issue.input === undefined ? 'required' : 'wholeNumber') })
      .int('wholeNumber')
      .min(0, 'wholeNumber')
      .max(max, 'tooLarge'),
  )

/** The fields of the community's new-leader issue form, plus the expected audience. */
export const foundChapterForm = z.object({
  github: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/, 'githubLogin'),
  cityZh: text(40),
  cityEn: text(60),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'countryCode')
    .transform((c) => c.toUpperCase()),
  prerequisites: confirmed,
  contact: text(200),
  reason: text(4000),
  requirements: z.string().trim().max(4000, 'tooLong').default(''),
  plan: text(4000),
  audience: count(100_000),
  audienceEvidence: text(2000),
  /**
   * The founding team the seed's chapters had (站长, 副站长, 委员): a vice-leader and first members
   * the founder proposes, by their handle on this site or their GitHub login (see `namesIn`). Each
   * must accept before they are seated.
   */
  viceLeader: z
    .string()
    .trim()
    .max(40, 'tooLong')
    .transform((h) => h.replace(/^@/, ''))
    .optional(),
  members: z
    .string()
    .trim()
    .max(1000, 'tooLong')
    .refine((v) => namesIn(v).length <= MAX_PROPOSED_MEMBERS, 'tooMany')
    .optional(),
})
export type FoundChapterAnswers = z.output<typeof foundChapterForm>

/** How many first members a founder may propose (the seed's teams had one or two). */
export const MAX_PROPOSED_MEMBERS = 10

/**
 * The names in a list as people type it: one per line, or separated by commas or spaces, with or
 * without "@". Names, not e-mail addresses: a handle is what a person shows on their account page
 * and chooses to give; an address would let a founder test whether someone has an account here,
 * and would put their address in an application the reviewers read.
 */
export const namesIn = (list: string) =>
  list
    .split(/[\s,，、;；]+/)
    .map((n) => n.replace(/^@/, '').trim())
    .filter(Boolean)

/** The founding team proposed in the answers: each name with the place it is proposed for. */
const proposedTeam = (answers: Pick<FoundChapterAnswers, 'viceLeader' | 'members'>) => [
  ...(answers.viceLeader ? [{ name: answers.viceLeader, role: 'vice_leader' as const }] : []),
  ...namesIn(answers.members ?? '').map((name) => ({ name, role: 'member' as const })),
]

/** The chapter a city has had, whatever its status and however either of them spells the city. */
const chapterInCity = async (db: Db, answers: Pick<FoundChapterAnswers, 'cityZh' | 'cityEn'>) =>
  chapterInSameCity(await repo.selectChapters(db), [answers.cityZh, answers.cityEn])

/**
 * The largest audience this site saw checked in at an offline event in the city (one its earlier
 * chapter held) or at one the applicant organised: people who were there, where the form's
 * number is the applicant's word.
 */
async function checkedInAudience(db: Db, applicantId: string, cityChapterId: string | null, now: Date) {
  const seen = [
    ...(cityChapterId ? await heldEvents(db, { chapterIds: [cityChapterId] }, now) : []),
    ...(await heldEvents(db, { organisedBy: applicantId }, now)),
  ]
  return Math.max(0, ...seen.map((e) => e.checkedIn))
}

/**
 * The people holding these roles in a SIG, each with the roles they hold as review groups (a lead
 * who is also a member belongs to both).
 */
const sigDeciders = async (db: Db, sigId: string, roles: ('sig_lead' | 'sig_member')[]) => {
  const held = await Promise.all(
    roles.map(async (role) =>
      (await sigRoleHolders({ db }, sigId, [role])).map((personId) => ({ personId, groups: [role] })),
    ),
  )
  return held.flat()
}

/** The city a founding application names, in `locale` or else the other language. */
const foundedCity = (answers: Record<string, unknown>, locale: 'zh' | 'en') => {
  const [first, second] =
    locale === 'zh' ? [answers.cityZh, answers.cityEn] : [answers.cityEn, answers.cityZh]
  const named = [first, second].find((c) => typeof c === 'string' && c.trim())
  return typeof named === 'string' ? named.trim() : null
}

registerApplicationType<FoundChapterAnswers>({
  key: FOUND_CHAPTER,
  form: foundChapterForm,
  // The chapter it founds is named by the city the applicant gives.
  subjectLabel: async (_db, application, locale) => foundedCity(application.answers, locale),
  summary: (answers, locale) => foundedCity(answers, locale),
  fields: [
    { id: 'github', control: 'text', required: true },
    { id: 'cityZh', control: 'text', required: true },
    { id: 'cityEn', control: 'text', required: true },
    { id: 'country', control: 'text', required: true },
    { id: 'prerequisites', control: 'confirm', required: true },
    { id: 'contact', control: 'text', required: true, private: true },
    { id: 'reason', control: 'textarea', required: true },
    { id: 'requirements', control: 'textarea', required: false },
    { id: 'plan', control: 'textarea', required: true },
    { id: 'audience', control: 'number', required: true },
    { id: 'audienceEvidence', control: 'textarea', required: true },
    { id: 'viceLeader', control: 'text', required: false },
    { id: 'members', control: 'textarea', required: false },
  ],
  // Chapters belong to the Advocacy and Outreach SIG, whose leads and members review.
  subject: async (db) => (await ensureFoundingSig({ db })).id,
  async eligibility(db, applicantId, answers, now) {
    const checks: Eligibility[] = []
    // The founder's six months are a condition, not a judgment (近半年内…活跃的成员作为站长发起).
    const active = await activityVerdictOf({ db, now: () => now }, applicantId, ACTIVE_WITHIN_MONTHS)
    checks.push(
      active.active
        ? { ok: true, check: 'recentlyActive' }
        : {
            ok: false,
            reason: 'notActive',
            detail: {
              since: active.since.toISOString(),
              ...(active.last
                ? { last: active.last.at.toISOString(), where: active.last.where, kind: active.last.kind }
                : {}),
            },
          },
    )
    const existing = await chapterInCity(db, answers)
    checks.push(
      (await checkedInAudience(db, applicantId, existing?.id ?? null, now)) >= MIN_AUDIENCE
        ? { ok: true, check: 'audienceCheckedIn' }
        : answers.audience >= MIN_AUDIENCE
          ? { ok: true, check: 'audience' }
          : { ok: false, reason: 'audienceTooSmall', detail: { audience: String(answers.audience) } },
    )
    checks.push(
      existing && existing.status !== 'inactive'
        ? {
            ok: false,
            reason: 'cityHasChapter',
            detail: { slug: existing.slug, cityZh: existing.cityZh, cityEn: existing.cityEn },
          }
        : { ok: true, check: 'cityFree' },
    )
    // Everyone proposed is someone here, other than the founder, and named once: one seat each.
    const seen = new Set<string>()
    for (const { name } of proposedTeam(answers)) {
      const person = await findPersonByHandleOrLogin({ db }, name)
      if (!person) checks.push({ ok: false, reason: 'noSuchInvitee', detail: { name } })
      else if (person.id === applicantId) checks.push({ ok: false, reason: 'inviteeIsApplicant' })
      else if (seen.has(person.id)) checks.push({ ok: false, reason: 'inviteeNamedTwice', detail: { name } })
      else seen.add(person.id)
    }
    return checks
  },
  async invitees(db, application) {
    const team: { personId: string; role: string }[] = []
    for (const { name, role } of proposedTeam(application.answers)) {
      const person = await findPersonByHandleOrLogin({ db }, name)
      if (person && !team.some((t) => t.personId === person.id)) team.push({ personId: person.id, role })
    }
    return team
  },
  // Someone who said yes takes their place when the chapter is founded, or at their yes if that
  // comes later: only while the place is free, and never a second seat on the team.
  async onInvitationAccepted(tx, application, invitation, { now }) {
    const chapter = await chapterInCity(tx, application.answers)
    if (!chapter) return 'placeTaken'
    const seats = await currentSeats(tx, chapter.id)
    if (seats.some((s) => s.personId === invitation.personId)) return 'seated'
    if (invitation.role === 'vice_leader' && seats.some((s) => s.role === 'vice_leader')) return 'placeTaken'
    await seatPerson(tx, {
      chapterId: chapter.id,
      personId: invitation.personId,
      role: invitation.role === 'vice_leader' ? 'vice_leader' : 'member',
      now,
      applicationId: application.id,
    })
    return 'seated'
  },
  // The application's subject is the SIG the chapter will belong to.
  deciders: (db, application) => sigDeciders(db, application.subjectId!, ['sig_lead', 'sig_member']),
  quorum: {
    approve: [
      { group: 'sig_lead', atLeast: 1 },
      { group: 'sig_member', atLeast: 2 },
    ],
    reject: [{ group: 'sig_lead', atLeast: 1 }],
  },
  // A new chapter with the applicant as its leader; a city whose chapter had gone inactive gets it
  // back, led by the applicant.
  async onApprove(tx, application, { now, config, communityNames }) {
    const answers = application.answers
    const existing = await chapterInCity(tx, answers)
    if (existing) {
      // A former vice-leader or member founding it again leaves that seat for the leader's.
      await seatPerson(tx, {
        chapterId: existing.id,
        personId: application.applicantId,
        role: 'leader',
        now,
        applicationId: application.id,
      })
      await settleChapterHealth(tx, { config, now, communityNames }, [existing.id])
      return
    }
    await foundChapter(
      tx,
      {
        slug: chapterSlug(answers.cityEn),
        cityZh: answers.cityZh,
        cityEn: answers.cityEn,
        country: answers.country,
        sigId: application.subjectId!,
        foundedOn: now.toISOString().slice(0, 10),
        contact: answers.contact,
      },
      [{ personId: application.applicantId, role: 'leader', applicationId: application.id }],
      now,
    )
  },
})

// --- Joining a chapter ------------------------------------------------------------------------

export const JOIN_CHAPTER = 'join-chapter'

/** Why someone wants to join and what they can give; the seed's conditions are on the page. */
export const joinChapterForm = z.object({
  motivation: text(4000),
  availability: text(2000),
})
export type JoinChapterAnswers = z.output<typeof joinChapterForm>

const chapterById = async (db: Db, id: string | null) => (id ? repo.selectChapterById(db, id) : undefined)
const currentSeats = repo.selectCurrentSeats
const seatOf = async (db: Db, chapterId: string, personId: string) =>
  (await currentSeats(db, chapterId)).find((s) => s.personId === personId)
// Join and step-down name the chapter by its slug on the way in.
const chapterBySlug = repo.selectChapterIdBySlug
/** The chapter an application is about, by its city in `locale` (or else the other language). */
const chapterLabel = async (db: Db, application: { subjectId: string | null }, locale: 'zh' | 'en') => {
  const chapter = await chapterById(db, application.subjectId)
  if (!chapter) return null
  return (locale === 'zh' ? chapter.cityZh || chapter.cityEn : chapter.cityEn || chapter.cityZh) || null
}
/** Chapters that are not inactive, by city, for the issue forms' list and the form's picker. */
const chapterOptions = async (db: Db, locale: 'zh' | 'en') =>
  (await repo.selectChapters(db))
    .filter((c) => c.status !== 'inactive')
    .map((c) => ({ label: locale === 'zh' ? c.cityZh : c.cityEn, name: c.slug }))

registerApplicationType<JoinChapterAnswers>({
  key: JOIN_CHAPTER,
  form: joinChapterForm,
  fields: [
    { id: 'motivation', control: 'textarea', required: true },
    { id: 'availability', control: 'textarea', required: true },
  ],
  subjectFrom: chapterBySlug,
  subjectOptions: chapterOptions,
  subjectLabel: chapterLabel,
  async eligibility(db, applicantId, _answers, _now, subjectId) {
    const chapter = await chapterById(db, subjectId)
    if (!chapter) return [{ ok: false, reason: 'noSuchChapter' }]
    const seats = await currentSeats(db, chapter.id)
    return [
      chapter.status === 'inactive'
        ? { ok: false, reason: 'chapterInactive' }
        : { ok: true, check: 'chapterActive' },
      seats.some((s) => s.personId === applicantId)
        ? { ok: false, reason: 'alreadyOnTeam' }
        : { ok: true, check: 'notOnTeam' },
    ]
  },
  // The chapter's leader and vice-leader decide, or the SIG it belongs to.
  deciders: async (db, application) => {
    const chapter = await chapterById(db, application.subjectId)
    if (!chapter) return []
    const leads = (await currentSeats(db, chapter.id))
      .filter((s) => s.role !== 'member')
      .map((s) => s.personId)
    const sigLeads = (await sigDeciders(db, chapter.sigId, ['sig_lead'])).map((d) => d.personId)
    return [...leads, ...sigLeads].map((personId) => ({ personId, groups: ['chapter_deciders'] }))
  },
  quorum: {
    approve: [{ group: 'chapter_deciders', atLeast: 1 }],
    reject: [{ group: 'chapter_deciders', atLeast: 1 }],
  },
  // 在社区中较为活跃 leaves room for judgment: the deciders see the applicant's verdict, and
  // approving someone not active lately takes their reason.
  mustBeActive: async (_db, application) => [{ personId: application.applicantId, as: 'applicant' }],
  async onApprove(tx, application, { now }) {
    // Someone seated meanwhile (founding the chapter again, say) keeps that seat: one seat each.
    const seated = await seatOf(tx, application.subjectId!, application.applicantId)
    if (seated) return
    await seatPerson(tx, {
      chapterId: application.subjectId!,
      personId: application.applicantId,
      role: 'member',
      now,
      applicationId: application.id,
    })
  },
})

// --- Stepping down ----------------------------------------------------------------------------

export const STEP_DOWN = 'step-down'

/** A leader or vice-leader steps down, proposing a successor (a member of the chapter first). */
export const stepDownForm = z.object({
  reason: text(2000),
  successor: z
    .string()
    .trim()
    .max(39, 'tooLong')
    .transform((h) => h.replace(/^@/, ''))
    .default(''),
})
export type StepDownAnswers = z.output<typeof stepDownForm>

/** The successor a leaver names, by their handle here or their GitHub login, as founders name a team. */
const successorNamed = (db: Db, name: string) => findPersonByHandleOrLogin({ db }, name)

/**
 * The person who would take the leaver's seat if the step-down were approved now. Checked again
 * at review and approval, as the team may have changed since submission (the successor promoted
 * to leader meanwhile): a successor who no longer fits counts as none named.
 */
const successorNow = async (
  db: Db,
  application: { subjectId: string | null; applicantId: string; answers: StepDownAnswers },
) => {
  if (!application.answers.successor || !application.subjectId) return undefined
  const seats = await currentSeats(db, application.subjectId)
  const seat = seats.find((s) => s.personId === application.applicantId)
  const named = await successorNamed(db, application.answers.successor)
  return seat && named && !successorRefusal(seat, named.id, seats) ? named : undefined
}

registerApplicationType<StepDownAnswers>({
  key: STEP_DOWN,
  form: stepDownForm,
  fields: [
    { id: 'reason', control: 'textarea', required: true },
    { id: 'successor', control: 'text', required: false },
  ],
  subjectFrom: chapterBySlug,
  subjectOptions: chapterOptions,
  subjectLabel: chapterLabel,
  async eligibility(db, applicantId, answers, _now, subjectId) {
    const seat = subjectId ? await seatOf(db, subjectId, applicantId) : undefined
    const checks: Eligibility[] = [
      seat && seat.role !== 'member' ? { ok: true, check: 'holdsSeat' } : { ok: false, reason: 'notALeader' },
    ]
    if (answers.successor && seat && seat.role !== 'member') {
      const successor = await successorNamed(db, answers.successor)
      const refusal = successorRefusal(seat, successor?.id ?? null, await currentSeats(db, subjectId!))
      checks.push(
        refusal
          ? { ok: false, reason: refusal, detail: { handle: answers.successor } }
          : { ok: true, check: 'successorFound' },
      )
    }
    return checks
  },
  // The leads of the chapter's SIG decide; its members are not asked, as their vote would not count.
  deciders: async (db, application) => {
    const chapter = await chapterById(db, application.subjectId)
    return chapter ? sigDeciders(db, chapter.sigId, ['sig_lead']) : []
  },
  quorum: { approve: [{ group: 'sig_lead', atLeast: 1 }], reject: [{ group: 'sig_lead', atLeast: 1 }] },
  // The successor a leaver names must be active lately, or the SIG lead says why not.
  mustBeActive: async (db, application) => {
    const successor = await successorNow(db, application)
    return successor ? [{ personId: successor.id, as: 'successor' }] : []
  },
  // The seat passes to the successor (who leaves their own seat on the team). A leader leaving
  // without one opens the SIG's search for a new leader (chapters.succession.ts); a vice-leader's
  // seat just stays empty.
  async onApprove(tx, application, { now, config, communityNames }) {
    const chapterId = application.subjectId!
    const seat = await seatOf(tx, chapterId, application.applicantId)
    if (!seat) throw new DomainError('notAllowedNow', 'The applicant no longer holds a seat')
    const successor = await successorNow(tx, application)
    await repo.endSeat(tx, chapterId, application.applicantId, now, application.answers.reason)
    if (successor)
      await seatPerson(tx, {
        chapterId,
        personId: successor.id,
        role: seat.role as 'leader' | 'vice_leader',
        now,
        applicationId: application.id,
      })
    else if (seat.role === 'leader') {
      const chapter = (await repo.selectChapterById(tx, chapterId))!
      await openLeaderSearch(tx, { config, now, communityNames }, chapter)
    }
    await settleChapterHealth(tx, { config, now, communityNames }, [chapterId])
  },
})
