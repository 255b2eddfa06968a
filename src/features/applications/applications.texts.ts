// An application's texts in a reader's language: its type's form labels, and why answers or
// conditions were refused.
import { InvalidInput } from '../../platform/errors.ts'
import {
  formatDate,
  type Locale,
  type Messages,
  messagesFor,
  translateIssue,
} from '../../platform/i18n/index.ts'
import type { Eligibility } from './applications.rules.ts'
import type { ApplicationType } from './applications.types.ts'

export type TypeTexts = Messages['applications']['types']['found-chapter']
export const textsOf = (t: Messages, key: string): TypeTexts | undefined =>
  (t.applications.types as Record<string, TypeTexts>)[key]

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
      return t.eligibility.noSuchSuccessor
    case 'noSuchInvitee':
      return t.eligibility.noSuchInvitee(f.detail?.name ?? '')
    case 'inviteeIsApplicant':
      return t.eligibility.inviteeIsApplicant
    case 'inviteeNamedTwice':
      return t.eligibility.inviteeNamedTwice(f.detail?.name ?? '')
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
