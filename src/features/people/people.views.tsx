// What the people pages show, apart from their routes: faces, role lines, and a person's page
// with the parts other features registered (people.profile.ts).
import type { Child } from 'hono/jsx'
import { formatDate, type Locale, type Messages } from '../../platform/i18n/index.ts'
import { pictureOf, type StoredPicture } from '../../platform/media/pictures.ts'
import { Avatar as SharedAvatar, Timeline, type TimelineEntry } from '../../platform/views/components.tsx'
import { isCommunityRole } from '../access/index.ts'
import type { ProfileRole, ProfileStep } from './people.profile.ts'
import type { Person, RoleGrantRow, Sig } from './people.repo.ts'
import { displayName } from './people.rules.ts'

type Named = Pick<Person, 'handle' | 'nameZh' | 'nameEn'>

/** A person's face: their uploaded picture (WebP with a JPEG fallback), a picture URL, or initials. */
export function Avatar({
  person,
  locale,
  t,
  large,
}: {
  person: Named & { avatarUrl: string | null; avatar?: StoredPicture | null }
  locale: Locale
  t: Messages
  large?: boolean
}) {
  const name = displayName(person, locale)
  return (
    <SharedAvatar
      name={name}
      picture={person.avatar ? pictureOf(person.avatar, large ? 96 : 48) : undefined}
      src={person.avatarUrl}
      // Initials only repeat the name written beside them; a picture is described.
      alt={person.avatar || person.avatarUrl ? t.people.avatarOf(name) : ''}
      size={large ? 'large' : 'medium'}
    />
  )
}

export const roleLabel = (
  t: Messages,
  role: string,
  sig: Pick<Sig, 'nameZh' | 'nameEn'> | null | undefined,
  locale: Locale,
) => {
  const name = isCommunityRole(role) ? t.roles[role] : role
  return sig ? `${name} · ${locale === 'zh' ? sig.nameZh : sig.nameEn}` : name
}

export function RoleBadges({
  roles,
  sigs,
  t,
  locale,
}: {
  roles: { role: string; sigId: string | null }[]
  sigs: Sig[]
  t: Messages
  locale: Locale
}) {
  if (!roles.length) return null
  return (
    <ul class="badges">
      {roles.map((r) => (
        <li class="badge">
          {roleLabel(
            t,
            r.role,
            sigs.find((s) => s.id === r.sigId),
            locale,
          )}
        </li>
      ))}
    </ul>
  )
}

export function GrantLine({ g, t, locale }: { g: RoleGrantRow; t: Messages; locale: Locale }) {
  const by = (p: RoleGrantRow['grantedBy']) => (p ? displayName(p, locale) : null)
  const granted = by(g.grantedBy)
    ? t.people.granted(by(g.grantedBy)!, formatDate(locale, g.grant.grantedAt))
    : t.people.grantedSystem(formatDate(locale, g.grant.grantedAt))
  const ended = g.grant.endedAt
    ? by(g.endedBy)
      ? t.people.ended(by(g.endedBy)!, formatDate(locale, g.grant.endedAt))
      : t.people.endedSystem(formatDate(locale, g.grant.endedAt))
    : null
  return (
    <>
      <strong>{roleLabel(t, g.grant.role, g.sig, locale)}</strong> <span class="muted">— {granted}</span>
      {ended ? <span class="muted">; {ended}</span> : null}
      {g.grant.endReason ? <span class="muted"> ({g.grant.endReason})</span> : null}
      {g.grant.note ? <div class="muted">{g.grant.note}</div> : null}
    </>
  )
}

/** What a grant says under its role: who granted it and when, and who ended it, why. */
function grantNote(g: RoleGrantRow, t: Messages, locale: Locale, ended: boolean) {
  const by = (p: RoleGrantRow['grantedBy']) => (p ? displayName(p, locale) : null)
  if (ended && g.grant.endedAt) {
    const line = by(g.endedBy)
      ? t.people.ended(by(g.endedBy)!, formatDate(locale, g.grant.endedAt))
      : t.people.endedSystem(formatDate(locale, g.grant.endedAt))
    return g.grant.endReason ? `${line} (${g.grant.endReason})` : line
  }
  const line = by(g.grantedBy)
    ? t.people.granted(by(g.grantedBy)!, formatDate(locale, g.grant.grantedAt))
    : t.people.grantedSystem(formatDate(locale, g.grant.grantedAt))
  return g.grant.note ? `${line} — ${g.grant.note}` : line
}

const linked = (label: string, href: string | undefined, lang: string | undefined) =>
  href ? (
    <a href={href} lang={lang}>
      {label}
    </a>
  ) : (
    <span lang={lang}>{label}</span>
  )

/**
 * Everything a person holds now, in one list: community roles granted here, and the places
 * other features registered (a chapter seat, a show they host, a show they were a guest on).
 */
export function CurrentRoles({
  grants,
  others,
  t,
  locale,
}: {
  grants: RoleGrantRow[]
  others: ProfileRole[]
  t: Messages
  locale: Locale
}) {
  const lines = [
    ...grants
      .filter((g) => !g.grant.endedAt)
      .map((g) => ({
        since: g.grant.grantedAt,
        line: (
          <>
            <strong>{roleLabel(t, g.grant.role, g.sig, locale)}</strong>{' '}
            <span class="muted">— {grantNote(g, t, locale, false)}</span>
          </>
        ),
      })),
    ...others.map((r) => ({
      since: r.since,
      line: (
        <>
          <strong>{linked(r.label, r.href, r.lang)}</strong>{' '}
          <span class="muted">— {t.people.since(formatDate(locale, r.since))}</span>
        </>
      ),
    })),
  ].sort((a, b) => a.since.getTime() - b.since.getTime())
  return (
    <section aria-labelledby="roles-title">
      <h2 id="roles-title">{t.people.currentRoles}</h2>
      {lines.length ? (
        <ul class="plain current-roles">
          {lines.map((l) => (
            <li>{l.line}</li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t.people.noRoles}</p>
      )}
    </section>
  )
}

/** Every step, newest first: roles granted and ended, and the steps other features registered. */
export function RoleHistory({
  grants,
  steps,
  t,
  locale,
}: {
  grants: RoleGrantRow[]
  steps: ProfileStep[]
  t: Messages
  locale: Locale
}) {
  const dated: { at: Date; title: Child; body: Child }[] = [
    ...grants.flatMap((g) => {
      const title = roleLabel(t, g.grant.role, g.sig, locale)
      return [
        { at: g.grant.grantedAt, title, body: grantNote(g, t, locale, false) },
        ...(g.grant.endedAt ? [{ at: g.grant.endedAt, title, body: grantNote(g, t, locale, true) }] : []),
      ]
    }),
    ...steps.map((s) => ({
      at: s.at,
      title: linked(s.label, s.href, s.lang),
      body: s.ended ? t.people.stepEnded : t.people.stepBegan,
    })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime())
  const entries: TimelineEntry[] = dated.map((d) => ({
    at: d.at.toISOString(),
    when: formatDate(locale, d.at),
    title: d.title,
    body: d.body,
  }))
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t.people.roleHistory}</h2>
      {entries.length ? <Timeline entries={entries} /> : <p class="muted">{t.people.noHistory}</p>}
    </section>
  )
}

const languageNames = {
  zh: new Intl.DisplayNames(['zh-Hans'], { type: 'language' }),
  en: new Intl.DisplayNames(['en'], { type: 'language' }),
}

export function languageName(code: string, locale: Locale) {
  try {
    return languageNames[locale].of(code) ?? code
  } catch {
    return code
  }
}
