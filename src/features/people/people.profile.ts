// What a person's page shows of other features: the places they hold (a chapter's leader, a
// show's host, a guest), the dated steps of their history, and whole sections (titles, guest
// appearances, contributions). Each feature fills this registry from its own index, so the
// people pages never import a feature that stands above them (chapters, recognition, podcast
// and activity all read people) and no import cycle can form. A source answers only with what is
// public: the page is read by anyone.
import type { Child } from 'hono/jsx'
import type { Deps } from '../../platform/deps.ts'
import type { Locale, Messages } from '../../platform/i18n/index.ts'

export type ProfileView = { t: Messages; locale: Locale }
export type ProfileDeps = Pick<Deps, 'db' | 'now' | 'config'>
export type ProfilePerson = { id: string; handle: string }

/** A place held now, in the reader's language; `lang` when the label falls back to the other. */
export type ProfileRole = { label: string; href?: string; since: Date; lang?: string }
/** A dated step: a seat taken (or, `ended`, left), a show hosted. */
export type ProfileStep = { at: Date; label: string; href?: string; lang?: string; ended?: boolean }

export type ProfileSource = {
  /** One source per key. */
  key: string
  /** Where its roles and sections go: lower first. */
  order: number
  roles?: (deps: ProfileDeps, person: ProfilePerson, view: ProfileView) => Promise<ProfileRole[]>
  history?: (deps: ProfileDeps, person: ProfilePerson, view: ProfileView) => Promise<ProfileStep[]>
  section?: (deps: ProfileDeps, person: ProfilePerson, view: ProfileView) => Promise<Child | null>
}

const sources = new Map<string, ProfileSource>()

export function registerProfileSource(source: ProfileSource) {
  if (sources.has(source.key)) throw new Error(`Profile source ${source.key} is registered twice`)
  sources.set(source.key, source)
}

/** Every source's roles, steps and sections for this person, in order. */
export async function profileParts(deps: ProfileDeps, person: ProfilePerson, view: ProfileView) {
  const ordered = [...sources.values()].sort((a, b) => a.order - b.order)
  const roles: ProfileRole[] = []
  const history: ProfileStep[] = []
  const sections: Child[] = []
  // In turn, not in parallel: on PGlite there is one connection anyway.
  for (const s of ordered) {
    if (s.roles) roles.push(...(await s.roles(deps, person, view)))
    if (s.history) history.push(...(await s.history(deps, person, view)))
    if (s.section) {
      const part = await s.section(deps, person, view)
      if (part) sections.push(part)
    }
  }
  return { roles, history, sections }
}
