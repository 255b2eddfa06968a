import { randomBytes } from 'node:crypto'
import type { Readable } from 'node:stream'
import { batched } from '../../platform/db/batch.ts'
import { isUniqueViolation } from '../../platform/db/errors.ts'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import { type Locale, messagesFor } from '../../platform/i18n/index.ts'
import { enqueueMail, senderOf } from '../../platform/mail/mail.ts'
import { AVATAR_WIDTHS, receivePicture, recordPicture } from '../../platform/media/pictures.ts'
import { type Actor, authorize, type CommunityRole, isCommunityRole, roleNeedsSig } from '../access/index.ts'
import { searchIds } from '../search/index.ts'
import type { GrantRoleInput, ProfileInput } from './people.inputs.ts'
import * as repo from './people.repo.ts'
import { displayName, mayViewProfile, neutralHandle, normalizeEmail, proposeHandle } from './people.rules.ts'

export const PAGE_SIZE = 50

/**
 * Listed people only, unless the console asks for everyone (`includePrivate`). The public
 * directory's search is the site's (best match first, a Chinese name found by any part of it, an
 * English word in any form); the console's finds unlisted people too, by any part of a name,
 * handle or city.
 */
export async function listPeople(
  deps: Pick<Deps, 'db' | 'now' | 'config'>,
  query: { q?: string | undefined; page: number },
  options: { includePrivate?: boolean; locale?: Locale } = {},
) {
  const offset = (query.page - 1) * PAGE_SIZE
  const { rows, total } =
    query.q && !options.includePrivate
      ? await searchedPeople(deps, query.q, offset, options.locale ?? 'zh')
      : await repo.selectPeople(deps.db, {
          includePrivate: options.includePrivate ?? false,
          q: query.q,
          limit: PAGE_SIZE,
          offset,
        })
  return {
    people: rows,
    total,
    page: query.page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  }
}

async function searchedPeople(
  deps: Pick<Deps, 'db' | 'now' | 'config'>,
  q: string,
  offset: number,
  locale: Locale,
) {
  const { ids, total } = await searchIds(deps, {
    q,
    kind: 'person',
    readerLanguage: locale,
    limit: PAGE_SIZE,
    offset,
  })
  return { rows: await repo.selectPeopleByIds(deps.db, ids), total }
}

export async function getProfile(deps: Pick<Deps, 'db'>, handle: string) {
  const person = await repo.findPersonByHandle(deps.db, handle)
  if (!person) throw new DomainError('notFoundRecord', `No person with handle ${handle}`)
  const grants = await repo.selectRoleGrants(deps.db, person.id)
  return { person, grants }
}

/** The profile `actor` is about to change, asked before the change is read (see authorizeFirst). */
export async function profileToEdit(deps: Pick<Deps, 'db'>, actor: Actor, handle: string) {
  if (!actor) throw new DomainError('unauthenticated')
  const person = await repo.findPersonByHandle(deps.db, handle)
  if (!person) throw new DomainError('notFoundRecord', `No person with handle ${handle}`)
  authorize(actor, { action: 'profile.edit', personId: person.id })
  return person
}

/** A profile as the public sees it: a person not listed is not there, except to themselves. */
export async function getPublicProfile(deps: Pick<Deps, 'db'>, viewer: Actor, handle: string) {
  const profile = await getProfile(deps, handle)
  if (!mayViewProfile(profile.person, viewer))
    throw new DomainError('notFoundRecord', `No person with handle ${handle}`)
  return profile
}

export async function getPerson(deps: Pick<Deps, 'db'>, id: string) {
  const person = await repo.findPersonById(deps.db, id)
  if (!person) throw new DomainError('notFoundRecord', `No person with id ${id}`)
  return person
}

/** The roles a person holds now (asked on every request: lookups made together go as one statement). */
export const currentRoles = (deps: Pick<Deps, 'db'>, personId: string) => rolesHeld(deps.db, personId)
const rolesHeld = batched(repo.selectCurrentRolesOf)
export const listSigs = (deps: Pick<Deps, 'db'>) => repo.selectSigs(deps.db)
/** Every role grant ever made, with its SIG (for titles across the community). */
export const allRoleGrants = (deps: Pick<Deps, 'db'>) => repo.selectAllGrants(deps.db)
/** Who holds one of `roles` in the SIG now (reviewers of what the SIG decides). */
export const sigRoleHolders = (deps: Pick<Deps, 'db'>, sigId: string, roles: string[]) =>
  repo.selectSigRoleHolders(deps.db, sigId, roles)
/** The person with this handle, or undefined. */
export const findPersonByHandle = (deps: Pick<Deps, 'db'>, handle: string) =>
  repo.findPersonByHandle(deps.db, handle)
/**
 * The person with this handle or GitHub login, listed or not: a private person is found by the
 * handle they gave whoever names them (a neutral `member-…` handle nobody can guess).
 */
export const findPersonByHandleOrLogin = (deps: Pick<Deps, 'db'>, name: string) =>
  repo.findPersonByHandleOrLogin(deps.db, name)
/** Everyone with an account, listed or not (the demo seeds only an empty database). */
export const countPeople = (deps: Pick<Deps, 'db'>) => repo.countPeople(deps.db)
/** The members the public may count: the listed ones. */
export const countListedPeople = (deps: Pick<Deps, 'db'>) => repo.countListedPeople(deps.db)
/** Names, e-mail addresses and languages, for histories and for telling people something. */
export const peopleToTell = (deps: Pick<Deps, 'db'>, ids: string[]) => repo.selectContacts(deps.db, ids)

/** A person's uploaded picture, made into the avatar sizes; the files are written before the row changes. */
export async function setAvatar(
  deps: Pick<Deps, 'db' | 'now' | 'config'>,
  actor: Actor,
  personId: string,
  upload: { filename: string; source: Readable | AsyncIterable<Uint8Array> },
) {
  authorize(actor, { action: 'profile.edit', personId })
  const now = deps.now()
  const received = await receivePicture(deps.config.dataDir, {
    ...upload,
    widths: AVATAR_WIDTHS,
    ratio: 1,
    now,
  })
  return deps.db.transaction(async (tx) => {
    await recordPicture(tx, received)
    const row = await repo.updatePerson(tx, personId, { avatar: received.stored, updatedAt: now })
    if (!row) throw new DomainError('notFoundRecord')
    return row
  })
}

export async function updateProfile(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Actor,
  personId: string,
  input: ProfileInput,
) {
  authorize(actor, { action: 'profile.edit', personId })
  try {
    return await deps.db.transaction(async (tx) => {
      if (await repo.handleTaken(tx, input.handle, personId)) throw new DomainError('handleTaken')
      const row = await repo.updatePerson(tx, personId, {
        ...input,
        nameZh: input.nameZh ?? null,
        nameEn: input.nameEn ?? null,
        cityZh: input.cityZh ?? null,
        cityEn: input.cityEn ?? null,
        bioZh: input.bioZh ?? null,
        bioEn: input.bioEn ?? null,
        avatarUrl: input.avatarUrl ?? null,
        updatedAt: deps.now(),
      })
      if (!row) throw new DomainError('notFoundRecord')
      return row
    })
  } catch (e) {
    if (isUniqueViolation(e, 'people_handle_key')) throw new DomainError('handleTaken')
    throw e
  }
}

async function notifyRoleChange(
  deps: Pick<Deps, 'config' | 'communityNames'>,
  tx: Deps['db'],
  person: repo.Person,
  role: CommunityRole,
  change: 'granted' | 'ended',
) {
  if (!person.email) return
  const locale = person.locale as Locale
  const t = messagesFor(locale)
  const name = displayName(person, locale)
  const profileUrl = `${deps.config.baseUrl}/${locale}/people/${person.handle}`
  await enqueueMail(
    tx,
    {
      to: person.email,
      locale,
      subject: t.mail.roleSubject(t.roles[role], change),
      text: t.mail.roleBody(name, t.roles[role], change, profileUrl),
    },
    await senderOf(deps, tx),
  )
}

export async function grantRole(
  deps: Pick<Deps, 'db' | 'now' | 'config' | 'jobs' | 'communityNames'>,
  actor: Actor,
  personId: string,
  input: GrantRoleInput,
) {
  authorize(actor, { action: 'role.change', role: input.role, sigId: input.sigId })
  if (roleNeedsSig(input.role) && !input.sigId) throw new DomainError('sigRequired')
  const sigId = roleNeedsSig(input.role) ? input.sigId : null
  try {
    const grant = await deps.db.transaction(async (tx) => {
      const person = await repo.findPersonById(tx, personId)
      if (!person) throw new DomainError('notFoundRecord')
      if (sigId && !(await repo.findSigById(tx, sigId))) throw new DomainError('notFoundRecord')
      const row = await repo.insertRoleGrant(tx, {
        personId,
        role: input.role,
        sigId,
        note: input.note ?? null,
        grantedBy: actor.personId,
        grantedAt: deps.now(),
      })
      await notifyRoleChange(deps, tx, person, input.role, 'granted')
      return row
    })
    await deps.jobs.nudge('mail-deliver')
    return grant
  } catch (e) {
    if (isUniqueViolation(e, 'role_grants_current_key')) throw new DomainError('roleHeld')
    throw e
  }
}

export async function endRole(
  deps: Pick<Deps, 'db' | 'now' | 'config' | 'jobs' | 'communityNames'>,
  actor: Actor,
  grantId: string,
  input: { reason?: string | null | undefined },
) {
  // Who asks comes before what exists: an anonymous caller learns nothing about grant ids.
  if (!actor) throw new DomainError('unauthenticated')
  const grant = await repo.findRoleGrant(deps.db, grantId)
  if (!grant || !isCommunityRole(grant.role)) throw new DomainError('notFoundRecord')
  authorize(actor, { action: 'role.change', role: grant.role, sigId: grant.sigId })
  const role = grant.role
  const ended = await deps.db.transaction(async (tx) => {
    const row = await repo.endRoleGrant(tx, grantId, actor.personId, deps.now(), input.reason ?? null)
    // Already ended by someone else a moment ago: ending twice is not an error.
    if (!row) return (await repo.findRoleGrant(tx, grantId))!
    const person = await repo.findPersonById(tx, row.personId)
    if (person) await notifyRoleChange(deps, tx, person, role, 'ended')
    return row
  })
  await deps.jobs.nudge('mail-deliver')
  return ended
}

/** Finds the person who owns this e-mail address, or welcomes a new one. */
export async function findOrCreatePersonByEmail(deps: Pick<Deps, 'db'>, email: string, locale: Locale) {
  const address = normalizeEmail(email)
  return onceMoreIfRaced(() =>
    deps.db.transaction(async (tx) => {
      const existing = await repo.findPersonByEmail(tx, address)
      if (existing) return existing
      let handle = neutralHandle(randomBytes(4).toString('hex'))
      while (await repo.handleTaken(tx, handle)) handle = neutralHandle(randomBytes(4).toString('hex'))
      return repo.insertPerson(tx, { handle, email: address, locale })
    }),
  )
}

/**
 * Two first sign-ins of one person at once (or a handle taken a moment earlier) meet at a
 * unique index; the loser looks again and finds what the winner made.
 */
async function onceMoreIfRaced<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (e) {
    if (!isUniqueViolation(e)) throw e
    return work()
  }
}

export type GithubIdentity = {
  id: number
  login: string
  name: string | null
  avatarUrl: string | null
  /** Only a verified address, as GitHub reports it, may link to an existing person. */
  verifiedEmail: string | null
}

/**
 * Records the GitHub account a person is known to hold (the demo's people, whose accounts are
 * linked as GitHub sign-in would link them), so pages that show a person's GitHub link have it.
 */
export async function recordGithubIdentity(
  deps: Pick<Deps, 'db' | 'now'>,
  personId: string,
  gh: Pick<GithubIdentity, 'id' | 'login'>,
) {
  await repo.updatePerson(deps.db, personId, {
    githubId: gh.id,
    githubLogin: gh.login,
    updatedAt: deps.now(),
  })
}

/** The numeric GitHub id is the key; the login follows renames. */
export async function findOrCreatePersonByGithub(
  deps: Pick<Deps, 'db' | 'now'>,
  gh: GithubIdentity,
  locale: Locale,
) {
  return onceMoreIfRaced(() =>
    deps.db.transaction(async (tx) => {
      const known = await repo.findPersonByGithubId(tx, gh.id)
      if (known) {
        if (known.githubLogin === gh.login && (known.avatarUrl || !gh.avatarUrl)) return known
        return (await repo.updatePerson(tx, known.id, {
          githubLogin: gh.login,
          avatarUrl: known.avatarUrl ?? gh.avatarUrl,
          updatedAt: deps.now(),
        }))!
      }
      const byEmail = gh.verifiedEmail
        ? await repo.findPersonByEmail(tx, normalizeEmail(gh.verifiedEmail))
        : undefined
      if (byEmail && byEmail.githubId === null) {
        return (await repo.updatePerson(tx, byEmail.id, {
          githubId: gh.id,
          githubLogin: gh.login,
          avatarUrl: byEmail.avatarUrl ?? gh.avatarUrl,
          updatedAt: deps.now(),
        }))!
      }
      const handle = await freeHandle(tx, gh.login)
      return repo.insertPerson(tx, {
        handle,
        githubId: gh.id,
        githubLogin: gh.login,
        nameEn: gh.name,
        avatarUrl: gh.avatarUrl,
        email: gh.verifiedEmail && !byEmail ? normalizeEmail(gh.verifiedEmail) : null,
        locale,
      })
    }),
  )
}

async function freeHandle(db: Deps['db'], source: string): Promise<string> {
  const taken = new Set<string>()
  // Few candidates are ever tried, so checking them one by one is cheap.
  let candidate = proposeHandle(source, () => false)
  while (await repo.handleTaken(db, candidate)) {
    taken.add(candidate)
    candidate = proposeHandle(source, (c) => taken.has(c))
  }
  return candidate
}

/** For the operator CLI: makes (or promotes) the person with this address an administrator. */
export async function createAdministrator(
  deps: Pick<Deps, 'db' | 'now'>,
  email: string,
  locale: Locale = 'zh',
) {
  const person = await findOrCreatePersonByEmail(deps, email, locale)
  const roles = await currentRoles(deps, person.id)
  if (!roles.some((r) => r.role === 'administrator')) {
    await repo.insertRoleGrant(deps.db, { personId: person.id, role: 'administrator', grantedAt: deps.now() })
  }
  return person
}
