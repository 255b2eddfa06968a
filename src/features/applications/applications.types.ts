// What an application type declares. Features that need applications (chapters, the podcast's
// guests, speakers, volunteers) each define their types and register them; the engine
// (applications.service.ts) runs them all the same way.
import { z } from 'zod'
import type { Config } from '../../platform/config.ts'
import type { Db } from '../../platform/db/client.ts'
import type { Deps } from '../../platform/deps.ts'
import type { ApplicationRow, InvitationRow } from './applications.repo.ts'
import { countingDeciders, type Eligibility, type Quorum, type ReviewerGroup } from './applications.rules.ts'

/**
 * A form field as pages and issue forms show it; its texts live in the messages of the type.
 * `confirm` is one box the applicant ticks (its label is the field's, its text the field's hint):
 * a checkbox on the site, a required checkbox in the issue form.
 */
export type ApplicationField = {
  id: string
  control: 'text' | 'textarea' | 'number' | 'confirm'
  required: boolean
  /**
   * Read only by the applicant, the reviewers and administrators (a phone number, an e-mail
   * address): asked on the site, never in a GitHub issue form, whose issues anyone can read.
   */
  private?: boolean
}

/** What an accepted invitation came to: the place taken up, or found taken by someone else. */
export type InvitationOutcome = 'seated' | 'placeTaken'

/** A person who may decide an application, and the review groups they belong to for it. */
export type Decider = { personId: string; groups: ReviewerGroup[] }

export type ApplicationType<Answers = Record<string, unknown>> = {
  key: string
  /** The form: one schema for the web form, the API and the GitHub issue form. */
  form: z.ZodType<Answers>
  /** The form's fields in order (the schema checks them; this says how to ask). */
  fields: ApplicationField[]
  /**
   * What every application of this type is about, when the type decides it (the SIG that founds
   * chapters) rather than the applicant; otherwise the applicant names it (the chapter to join).
   */
  subject?: (db: Db) => Promise<string>
  /** The subject the applicant names (a chapter's slug), as its id; null when there is none such. */
  subjectFrom?: (db: Db, name: string) => Promise<string | null>
  /**
   * What an applicant can name as the subject, for the issue form's list: the name shown in that
   * language and the name `subjectFrom` takes.
   */
  subjectOptions?: (db: Db, locale: 'zh' | 'en') => Promise<{ label: string; name: string }[]>
  /**
   * What the application is about, as people name it in `locale` (the chapter's city, the show's
   * title), for its title everywhere it is shown: the form, lists, the review queue, mail and
   * issue comments. Null when the subject is not known yet (a form opened without one).
   */
  subjectLabel?: (
    db: Db,
    application: { subjectId: string | null; answers: Record<string, unknown> },
    locale: 'zh' | 'en',
  ) => Promise<string | null>
  /** A few words telling this application from others of its type in lists (the city, …). */
  summary?: (answers: Record<string, unknown>, locale: 'zh' | 'en') => string | null
  /** The conditions checked at submission, each with its explanation. */
  eligibility: (
    db: Db,
    applicantId: string,
    answers: Answers,
    now: Date,
    subjectId: string | null,
  ) => Promise<Eligibility[]>
  /**
   * Everyone who may decide this application now, with the review groups each belongs to for it.
   * The one answer to "who decides": the engine asks whom to tell, whose vote counts and whose
   * review queue holds it from this alone (see `decidersOf`), so nobody is asked who cannot vote.
   */
  deciders: (db: Db, application: ApplicationRow) => Promise<Decider[]>
  quorum: Quorum
  /**
   * The people who must have been active lately for approval where the community leaves it to the
   * reviewers' judgment (the applicant joining a chapter, the successor a leaver names): reviewers
   * see each one's verdict, and approving someone not active lately needs an override with a
   * reason, kept in the history (applications.activity.ts).
   */
  mustBeActive?: (
    db: Db,
    application: ApplicationRow & { answers: Answers },
  ) => Promise<{ personId: string; as: 'applicant' | 'successor' }[]>
  /**
   * People the answers name who must say yes themselves (the vice-leader and first members a
   * founder proposes), with what each is asked to be. They are asked when the application is
   * submitted and answer on their applications page (see `answerInvitation`).
   */
  invitees?: (
    db: Db,
    application: ApplicationRow & { answers: Answers },
  ) => Promise<{ personId: string; role: string }[]>
  /**
   * What an invitee's yes changes once the application is approved: run at approval for those who
   * had accepted by then, and at acceptance for those who accept later. Says whether they took
   * the place or found it taken meanwhile, so the engine tells them rather than leave them waiting.
   */
  onInvitationAccepted?: (
    tx: Db,
    application: ApplicationRow & { answers: Answers },
    invitation: InvitationRow,
    deps: { now: Date; config: Config },
  ) => Promise<InvitationOutcome>
  /**
   * Several open applications per applicant and subject: a speaker proposes several talks to one
   * event. Without it the engine keeps one (see `applications_one_open_key`, which names the types
   * that have it).
   */
  manyOpen?: boolean
  /**
   * Once submitted, the applicant changes and withdraws it on the type's own pages (a talk
   * proposal, whose programme row must follow): the engine's withdraw, request for information and
   * revised issue answers are refused (`notAllowedNow`), so the two never disagree.
   */
  actsElsewhere?: boolean
  /**
   * What a submission adds beyond the engine's record, in the transaction that submits it (from
   * the site, the API or a GitHub issue): a talk proposal's row in the programme.
   */
  onSubmitted?: (
    tx: Db,
    application: ApplicationRow & { answers: Answers },
    deps: { now: Date; config: Config },
  ) => Promise<void>
  /**
   * What approval changes, in the transaction that records the decision; `deps` carries the
   * time and the configuration, for consequences that tell people in their turn.
   */
  onApprove: (
    tx: Db,
    application: ApplicationRow & { answers: Answers },
    deps: { now: Date; config: Config; communityNames: Deps['communityNames'] },
  ) => Promise<void>
}

/**
 * The answer of a `confirm` field: ticked on the site ("yes"), `true` from the API, or the ticked
 * option of an issue form's checkbox.
 */
export const confirmed = z.preprocess(
  (v) => v === true || v === 'yes' || (Array.isArray(v) && v.length > 0),
  z.literal(true, { error: 'confirm' }),
)

/**
 * The type's form with its private fields optional, for answers from a public GitHub issue, which
 * cannot ask them; the applicant adds them on the site. A type with private fields declares its
 * form as a plain `z.object` so they can be told apart.
 */
export function formWithoutPrivate(type: ApplicationType): z.ZodType<Record<string, unknown>> {
  const hidden = type.fields.filter((f) => f.private).map((f) => f.id)
  if (!hidden.length) return type.form
  if (!(type.form instanceof z.ZodObject))
    throw new Error(`Application type ${type.key} has private fields but its form is not a z.object`)
  return type.form.partial(Object.fromEntries(hidden.map((id) => [id, true as const])) as never) as never
}

/** The private fields the answers leave empty (asked on the site, never in an issue). */
export const missingPrivateFields = (
  type: Pick<ApplicationType, 'fields'>,
  answers: Record<string, unknown>,
) =>
  type.fields
    .filter((f) => f.private && (answers[f.id] === undefined || answers[f.id] === ''))
    .map((f) => f.id)

const registry = new Map<string, ApplicationType<never>>()

export function registerApplicationType<A>(type: ApplicationType<A>) {
  if (registry.has(type.key)) throw new Error(`Application type ${type.key} is registered twice`)
  registry.set(type.key, type as unknown as ApplicationType<never>)
}

export const applicationTypes = () => [...registry.values()] as unknown as ApplicationType[]

export function applicationType(key: string): ApplicationType<Record<string, unknown>> | undefined {
  return registry.get(key) as ApplicationType<Record<string, unknown>> | undefined
}

/** Who decides this application now: the type's deciders whose vote can count (`countingDeciders`). */
export async function decidersOf(db: Db, type: ApplicationType, application: ApplicationRow) {
  return countingDeciders(type.quorum, application.applicantId, await type.deciders(db, application))
}
