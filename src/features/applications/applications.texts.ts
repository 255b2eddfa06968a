// An application's texts in a reader's language: its type's form labels, and why answers or
// conditions were refused.
import type { Db } from '../../platform/db/client.ts'
import { InvalidInput } from '../../platform/errors.ts'
import {
  formatDate,
  type Locale,
  type Messages,
  messagesFor,
  translateIssue,
} from '../../platform/i18n/index.ts'
import type { Eligibility } from './applications.rules.ts'
import { type ApplicationType, applicationType } from './applications.types.ts'

export type TypeTexts = Messages['applications']['types']['found-chapter']
export const textsOf = (t: Messages, key: string): TypeTexts | undefined =>
  (t.applications.types as Record<string, TypeTexts>)[key]

/**
 * An application's title in one language, naming what it is about ("Join the Hangzhou chapter",
 * "加入杭州站") and, when the type says, what tells it apart from others (a guest's topic).
 */
export function titleOf(t: Messages, key: string, subject: string | null, summary: string | null): string {
  const texts = textsOf(t, key)
  const title = texts ? (subject ? texts.titleOf(subject) : texts.title) : key
  return summary && summary !== subject ? t.applications.titleWith(title, summary) : title
}

/** The title of an application (or of a form about a subject) in `locale`, its subject looked up. */
export async function applicationTitle(
  db: Db,
  locale: Locale,
  application: { type: string; subjectId: string | null; answers: Record<string, unknown> },
): Promise<string> {
  const type = applicationType(application.type)
  const subject = (await type?.subjectLabel?.(db, application, locale)) ?? null
  const summary = type?.summary?.(application.answers, locale) ?? null
  return titleOf(messagesFor(locale), application.type, subject, summary)
}

/** Titles of many applications at once (a list), by id. */
export async function applicationTitles(
  db: Db,
  locale: Locale,
  rows: { id: string; type: string; subjectId: string | null; answers: Record<string, unknown> }[],
): Promise<Map<string, string>> {
  const titles = await Promise.all(rows.map((r) => applicationTitle(db, locale, r)))
  return new Map(rows.map((r, i) => [r.id, titles[i]!]))
}

/** The condition a failed check is about, so reviewers see met and failed ones under one name. */
const checkOfReason: Record<string, string> = {
  notActive: 'recentlyActive',
  audienceTooSmall: 'audience',
  cityHasChapter: 'cityFree',
  noSuchChapter: 'chapterActive',
  chapterInactive: 'chapterActive',
  alreadyOnTeam: 'notOnTeam',
  notALeader: 'holdsSeat',
  noSuchSuccessor: 'successorFound',
  successorIsSelf: 'successorFound',
  successorIsLeader: 'successorFound',
  noSuchInvitee: 'team',
  inviteeIsApplicant: 'team',
  inviteeNamedTwice: 'team',
}

/** What a condition checked, met or not. */
export const checkOf = (e: Eligibility): string | undefined => (e.ok ? e.check : checkOfReason[e.reason])

/** What a met condition checked, in the reader's language (null for one that names nothing). */
export const checkLabel = (t: Messages, check: string | undefined): string | null =>
  check ? (t.eligibility.checks[check] ?? null) : null

/** A failed condition in the reader's language, with what explains it. */
export function explain(t: Messages, locale: Locale, f: Extract<Eligibility, { ok: false }>): string {
  const day = (iso: string | undefined) => (iso ? formatDate(locale, new Date(iso)) : null)
  switch (f.reason) {
    case 'notActive':
      return t.eligibility.notActive(day(f.detail?.since) ?? '', day(f.detail?.last))
    case 'audienceTooSmall':
      return t.eligibility.audienceTooSmall(f.detail?.audience ?? '')
    case 'cityHasChapter':
      return t.eligibility.cityHasChapter(cityIn(locale, f.detail) ?? '')
    case 'noSuchChapter':
    case 'chapterInactive':
    case 'alreadyOnTeam':
    case 'notALeader':
      return t.eligibility[f.reason]
    case 'noSuchSuccessor':
    case 'successorIsSelf':
    case 'successorIsLeader':
      return t.eligibility[f.reason]
    case 'noSuchInvitee':
      return t.eligibility.noSuchInvitee(f.detail?.name ?? '')
    case 'inviteeIsApplicant':
      return t.eligibility.inviteeIsApplicant
    case 'inviteeNamedTwice':
      return t.eligibility.inviteeNamedTwice(f.detail?.name ?? '')
    case 'callClosed':
      return t.eligibility.callClosed
    default:
      return f.reason
  }
}

const cityIn = (locale: Locale, detail: Record<string, string> | undefined) =>
  (locale === 'zh' ? detail?.cityZh : detail?.cityEn) ?? detail?.slug

/** Where a failed condition points the reader (the chapter a city already has), if anywhere. */
export function explainLink(
  t: Messages,
  locale: Locale,
  f: Extract<Eligibility, { ok: false }>,
): { href: string; label: string } | null {
  if (f.reason !== 'cityHasChapter' || !f.detail?.slug) return null
  return {
    href: `/${locale}/chapters/${encodeURIComponent(f.detail.slug)}`,
    label: t.eligibility.openChapter(cityIn(locale, f.detail) ?? f.detail.slug),
  }
}

/** Answers or conditions refused: what the service throws when a submission does not pass. */
export type Refusal = InvalidInput | { failed: Extract<Eligibility, { ok: false }>[] }

/** Every reason a submission was refused, one line each, for a note or an issue comment. */
export function refusalLines(locale: Locale, type: ApplicationType, refusal: Refusal): string[] {
  const t = messagesFor(locale)
  if (!(refusal instanceof InvalidInput)) return refusal.failed.map((f) => explain(t, locale, f))
  const fields = textsOf(t, type.key)?.fields as Record<string, { label: string }> | undefined
  return refusal.issues.map((issue) => {
    const id = String(issue.path[0] ?? '')
    return `${fields?.[id]?.label ?? id}: ${translateIssue(locale, issue)}`
  })
}
