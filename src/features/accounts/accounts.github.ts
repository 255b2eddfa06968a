import { OAuth2Client } from 'arctic'
import type { Config } from '../../platform/config.ts'
import { DomainError } from '../../platform/errors.ts'
import type { GithubIdentity } from '../people/index.ts'

// GitHub Enterprise and the test double are reached through GITHUB_URL/GITHUB_API_URL, so
// arctic's generic client is used with endpoints derived from configuration.
function client(config: Config) {
  if (!config.github) throw new DomainError('githubFailed', 'GitHub sign-in is not configured')
  return new OAuth2Client(
    config.github.clientId,
    config.github.clientSecret,
    `${config.baseUrl}/auth/github/callback`,
  )
}

export const githubAuthorizationUrl = (config: Config, state: string) =>
  client(config).createAuthorizationURL(`${config.githubUrl}/login/oauth/authorize`, state, [
    'read:user',
    'user:email',
  ])

export async function fetchGithubIdentity(config: Config, code: string): Promise<GithubIdentity> {
  let accessToken: string
  try {
    const tokens = await client(config).validateAuthorizationCode(
      `${config.githubUrl}/login/oauth/access_token`,
      code,
      null,
    )
    accessToken = tokens.accessToken()
  } catch (e) {
    throw new DomainError('githubFailed', `GitHub refused the code: ${(e as Error).message}`)
  }
  const headers = {
    Authorization: `Bearer ${accessToken}`,
    Accept: 'application/vnd.github+json',
    'User-Agent': 'Hearth',
    'X-GitHub-Api-Version': '2022-11-28',
  }
  // GitHub being slow, down or answering nonsense is a failed sign-in, never a 500.
  const get = async <T>(path: string, optional = false): Promise<T | undefined> => {
    try {
      const res = await fetch(`${config.githubApiUrl}${path}`, {
        headers,
        signal: AbortSignal.timeout(10_000),
      })
      if (res.ok) return (await res.json()) as T
      if (optional) return undefined
      throw new DomainError('githubFailed', `GitHub ${path} answered ${res.status}`)
    } catch (e) {
      if (e instanceof DomainError) throw e
      if (optional) return undefined
      throw new DomainError('githubFailed', `GitHub ${path} failed: ${(e as Error).message}`)
    }
  }
  const user = (await get<{ id: number; login: string; name: string | null; avatar_url: string | null }>(
    '/user',
  ))!
  if (typeof user?.id !== 'number' || typeof user.login !== 'string') {
    throw new DomainError('githubFailed', 'GitHub /user answered without an id and login')
  }
  const emails =
    (await get<{ email: string; primary: boolean; verified: boolean }[]>('/user/emails', true)) ?? []
  const verified = emails.find((e) => e.primary && e.verified) ?? emails.find((e) => e.verified)
  return {
    id: user.id,
    login: user.login,
    name: user.name,
    avatarUrl: user.avatar_url,
    verifiedEmail: verified?.email ?? null,
  }
}
