import type { Locale } from '../../platform/i18n/index.ts'
import type { ProfileLink } from './people.schema.ts'

export type Named = { handle: string; nameZh: string | null; nameEn: string | null }

/** The name in the reader's language, else the other one, else the handle. */
export function displayName(person: Named, locale: Locale): string {
  const [first, second] = locale === 'zh' ? [person.nameZh, person.nameEn] : [person.nameEn, person.nameZh]
  return first?.trim() || second?.trim() || person.handle
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase()

/**
 * A person is listed (directory, API, search, member count, their page) once they made their profile
 * public or hold a credit that is public by nature; until then only they see themselves.
 */
export const isListed = (person: { profilePublic: boolean; publiclyCredited: boolean }) =>
  person.profilePublic || person.publiclyCredited

export const mayViewProfile = (
  person: { id: string; profilePublic: boolean; publiclyCredited: boolean },
  viewer: { personId: string } | null | undefined,
) => isListed(person) || viewer?.personId === person.id

/**
 * The handle of an account made by e-mail: never from the address (li.lei@… must not become
 * "li-lei" for all to see), but a neutral name its owner can change; `random` makes it unique.
 */
export const neutralHandle = (random: string) => `member-${random}`

/** A handle from a GitHub login (public anyway); `taken` decides uniqueness. */
export function proposeHandle(source: string, taken: (candidate: string) => boolean): string {
  const base =
    source
      .toLowerCase()
      .replace(/@.*$/, '')
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 32) || 'member'
  const padded = base.length < 2 ? `${base}-1` : base
  if (!taken(padded)) return padded
  for (let n = 2; ; n++) {
    const candidate = `${padded.slice(0, 36)}-${n}`
    if (!taken(candidate)) return candidate
  }
}

/** "Label https://…" per line, as typed in the profile form. */
export function parseLinks(text: string): { links: ProfileLink[]; badLines: string[] } {
  const links: ProfileLink[] = []
  const badLines: string[] = []
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (!line) continue
    const match = /^(.*?)\s*(https?:\/\/\S+)$/.exec(line)
    if (!match) {
      badLines.push(line)
      continue
    }
    const url = match[2]!
    links.push({ label: match[1]?.trim() || new URL(url).hostname, url })
  }
  return { links, badLines }
}

export const formatLinks = (links: ProfileLink[]) => links.map((l) => `${l.label} ${l.url}`).join('\n')

export const parseLanguages = (text: string) =>
  text
    .split(/[,，\s]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)

export type GrantRecord = { endedAt: Date | null; grantedAt: Date }

/** Current roles first (by grant date), then ended ones, most recent end first. */
export function splitRoleHistory<G extends GrantRecord>(grants: G[]): { current: G[]; past: G[] } {
  const current = grants
    .filter((g) => !g.endedAt)
    .sort((a, b) => a.grantedAt.getTime() - b.grantedAt.getTime())
  const past = grants.filter((g) => g.endedAt).sort((a, b) => b.endedAt!.getTime() - a.endedAt!.getTime())
  return { current, past }
}
