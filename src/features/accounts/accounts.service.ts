import { randomDigits, randomToken, safeEqual, sha256 } from '../../platform/auth/secrets.ts'
import { batched } from '../../platform/db/batch.ts'
import type { Db } from '../../platform/db/client.ts'
import type { Deps } from '../../platform/deps.ts'
import { DomainError } from '../../platform/errors.ts'
import type { Viewer } from '../../platform/http/context.ts'
import { spendAttempt } from '../../platform/http/rate-limit.ts'
import { type Locale, messagesFor } from '../../platform/i18n/index.ts'
import { enqueueMail, senderOf } from '../../platform/mail/mail.ts'
import { type Actor, authorize, can } from '../access/index.ts'
import { linkGithubAccount } from '../activity/index.ts'
import {
  currentRoles,
  findOrCreatePersonByEmail,
  findOrCreatePersonByGithub,
  type GithubIdentity,
  normalizeEmail,
} from '../people/index.ts'
import { safeNext } from './accounts.inputs.ts'
import * as repo from './accounts.repo.ts'
import {
  CODE_TTL_MS,
  codesToCheck,
  limits,
  looksLikeApiToken,
  sessionExpiry,
  sessionNeedsTouch,
  TOKEN_PREFIX,
} from './accounts.rules.ts'

type Client = { ip: string; userAgent: string | null }
const codeHash = (email: string, code: string) => sha256(`${email}\n${code}`)

export async function requestSignInCode(
  deps: Deps,
  input: { email: string; locale: Locale; client: Client; next?: string | undefined },
) {
  const now = deps.now()
  const email = normalizeEmail(input.email)
  // No limit on the address alone: a stranger asking for its codes must not stop its owner asking.
  await spendAttempt(deps.db, `sign-in-code:client:${input.client.ip}`, limits.codeRequestsPerClient, now)
  await spendAttempt(
    deps.db,
    `sign-in-code:client-address:${input.client.ip}:${email}`,
    limits.codeRequestsPerClientAndAddress,
    now,
  )
  const code = randomDigits(6)
  const t = messagesFor(input.locale)
  // The link carries where the person was going (only a path on this site), so that someone who
  // opens the mail on the way to a form comes back to the form.
  const codePage = new URLSearchParams({ email })
  const next = safeNext(input.next, '')
  if (next) codePage.set('next', next)
  await deps.db.transaction(async (tx) => {
    await repo.insertSignInCode(tx, {
      email,
      codeHash: codeHash(email, code),
      expiresAt: new Date(now.getTime() + CODE_TTL_MS),
    })
    await enqueueMail(
      tx,
      {
        to: email,
        locale: input.locale,
        subject: t.signIn.mailSubject,
        text: t.signIn.mailBody(code, `${deps.config.baseUrl}/${input.locale}/sign-in/code?${codePage}`),
      },
      await senderOf(deps, tx),
    )
  })
  await deps.jobs.nudge('mail-deliver')
}

export async function signInWithCode(
  deps: Deps,
  input: { email: string; code: string; locale: Locale; client: Client },
) {
  const now = deps.now()
  const email = normalizeEmail(input.email)
  // The client's own limits come first, so that a client over them adds nothing to the address's
  // count, which everyone shares (see `limits` for the odds this leaves a guesser).
  await spendAttempt(deps.db, `sign-in-check:client:${input.client.ip}`, limits.codeChecksPerClient, now)
  await spendAttempt(
    deps.db,
    `sign-in-check:client-address:${input.client.ip}:${email}`,
    limits.codeChecksPerClientAndAddress,
    now,
  )
  await spendAttempt(deps.db, `sign-in-check:address:${email}`, limits.codeChecksPerAddress, now)
  // Any of the newest live codes works (mail can be slow, people ask twice). A wrong guess leaves
  // them alive: the guesser may be a stranger, and the limits above are what bound guessing.
  const accepted = await deps.db.transaction(async (tx) => {
    const unused = await repo.lockUnusedSignInCodes(tx, email)
    const hash = codeHash(email, input.code)
    if (!codesToCheck(unused, now).some((code) => safeEqual(code.codeHash, hash))) return false
    // Every code of the address goes, so that an older one cannot become one of the newest.
    await repo.consumeSignInCodes(
      tx,
      unused.map((code) => code.id),
      now,
    )
    return true
  })
  if (!accepted) throw new DomainError('codeInvalid')
  const person = await findOrCreatePersonByEmail(deps, email, input.locale)
  return startSession(deps, person.id, input.client.userAgent)
}

export async function signInWithGithub(
  deps: Deps,
  identity: GithubIdentity,
  input: { locale: Locale; client: Client },
) {
  await spendAttempt(
    deps.db,
    `github-sign-in:client:${input.client.ip}`,
    limits.githubSignInsPerClient,
    deps.now(),
  )
  const person = await findOrCreatePersonByGithub(deps, identity, input.locale)
  // Their contributions, stored before they ever signed in, become theirs from now on.
  await linkGithubAccount(deps, person.id, identity)
  return startSession(deps, person.id, input.client.userAgent)
}

/** Returns the token for the cookie; only its hash is stored. */
export async function startSession(
  deps: Pick<Deps, 'db' | 'now' | 'config'>,
  personId: string,
  userAgent: string | null,
) {
  const token = randomToken()
  const now = deps.now()
  await repo.insertSession(deps.db, {
    id: sha256(token),
    personId,
    userAgent: userAgent?.slice(0, 300) ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: sessionExpiry(now, deps.config.sessionDays),
  })
  return { token, expiresAt: sessionExpiry(now, deps.config.sessionDays) }
}

async function viewerOf(
  deps: Pick<Deps, 'db'>,
  person: {
    id: string
    handle: string
    nameZh: string | null
    nameEn: string | null
    avatarUrl: string | null
  },
) {
  const roles = await currentRoles(deps, person.id)
  return {
    personId: person.id,
    handle: person.handle,
    nameZh: person.nameZh,
    nameEn: person.nameEn,
    avatarUrl: person.avatarUrl,
    roles,
    organiser: can({ personId: person.id, roles }, { action: 'console.enter' }),
  }
}

/*
 * Every request asks who is behind its cookie or token: requests arriving together (a crowd
 * registering for an event) are answered by one statement, and their last-seen stamps written by
 * one more (see `batched`). Nothing is kept between requests, so a sign-out or a revoked token
 * counts at once on every app server.
 */
const liveSessions = batched((deps: Pick<Deps, 'db' | 'now'>, ids: readonly string[]) =>
  repo.findLiveSessions(deps.db, ids, deps.now()),
)
const touchedSessions = batched(async (deps: Pick<Deps, 'db' | 'now'>, ids: readonly string[]) => {
  await repo.touchSessions(deps.db, ids, deps.now())
  return ids.map(() => undefined)
})
const liveApiTokens = batched((db: Db, hashes: readonly string[]) => repo.findLiveApiTokens(db, hashes))
const touchedApiTokens = batched(async (deps: Pick<Deps, 'db' | 'now'>, ids: readonly string[]) => {
  await repo.touchApiTokens(deps.db, ids, deps.now())
  return ids.map(() => undefined)
})

export async function resolveSession(deps: Pick<Deps, 'db' | 'now'>, token: string): Promise<Viewer | null> {
  const found = await liveSessions(deps, sha256(token))
  if (!found) return null
  const [viewer] = await Promise.all([
    viewerOf(deps, found.person),
    sessionNeedsTouch(found.session.lastSeenAt, deps.now()) && touchedSessions(deps, found.session.id),
  ])
  return { ...viewer, sessionId: found.session.id }
}

export async function resolveApiToken(deps: Pick<Deps, 'db' | 'now'>, token: string): Promise<Viewer | null> {
  if (!looksLikeApiToken(token)) return null
  const found = await liveApiTokens(deps.db, sha256(token))
  if (!found) return null
  const { lastUsedAt } = found.token
  const [viewer] = await Promise.all([
    viewerOf(deps, found.person),
    (!lastUsedAt || sessionNeedsTouch(lastUsedAt, deps.now())) && touchedApiTokens(deps, found.token.id),
  ])
  return { ...viewer, sessionId: null }
}

export async function signOut(deps: Pick<Deps, 'db'>, sessionId: string) {
  await repo.deleteSession(deps.db, sessionId)
}

export async function signOutEverywhere(deps: Pick<Deps, 'db'>, actor: Actor) {
  authorize(actor, { action: 'account.manage-own' })
  await repo.deleteSessionsOf(deps.db, actor.personId)
}

export async function listSessions(deps: Pick<Deps, 'db' | 'now'>, actor: Actor) {
  authorize(actor, { action: 'account.manage-own' })
  return repo.selectSessionsOf(deps.db, actor.personId, deps.now())
}

export async function createApiToken(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, name: string) {
  authorize(actor, { action: 'account.manage-own' })
  const token = `${TOKEN_PREFIX}${randomToken(24)}`
  const row = await repo.insertApiToken(deps.db, {
    personId: actor.personId,
    name,
    tokenHash: sha256(token),
    prefix: token.slice(0, TOKEN_PREFIX.length + 4),
    createdAt: deps.now(),
  })
  return { token, row }
}

export async function listApiTokens(deps: Pick<Deps, 'db'>, actor: Actor) {
  authorize(actor, { action: 'account.manage-own' })
  return repo.selectApiTokensOf(deps.db, actor.personId)
}

export async function revokeApiToken(deps: Pick<Deps, 'db' | 'now'>, actor: Actor, tokenId: string) {
  authorize(actor, { action: 'account.manage-own' })
  const row = await repo.revokeApiToken(deps.db, tokenId, actor.personId, deps.now())
  if (!row) throw new DomainError('notFoundRecord')
  return row
}

/** Hourly housekeeping: expired sessions and old codes go. */
export async function forgetExpiredSignIns(deps: Pick<Deps, 'db' | 'now'>) {
  const now = deps.now()
  await repo.deleteExpiredSessions(deps.db, now)
  await repo.deleteStaleSignInCodes(deps.db, now)
}
